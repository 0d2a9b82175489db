//! `mailuser disable USER...`

use crate::cli::TargetsArgs;
use crate::error::{Exit, Result};
use crate::plan::{Action, Options};

use super::{Context, change, requests};

pub fn run(ctx: &Context, args: &TargetsArgs) -> Result<Exit> {
    let requests = requests(Action::Disable, &args.users)?;
    change::run(ctx, &requests, Options::default())
}
