//! `mailuser disable USER...`

use crate::cli::TargetsArgs;
use crate::error::{Exit, Result};
use crate::plan::{Action, Options};

use super::change::{self, Run};
use super::{Context, requests};

pub fn run(ctx: &Context, args: &TargetsArgs) -> Result<Exit> {
    let requests = requests(Action::Disable, &args.users)?;
    change::run(ctx, Run::all_or_nothing(requests, Options::default()))
}
