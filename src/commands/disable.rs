//! `mailuser disable USER...`

use crate::cli::TargetsArgs;
use crate::error::{Exit, Result};
use crate::plan::Action;

use super::{Context, change};

pub fn run(ctx: &Context, args: &TargetsArgs) -> Result<Exit> {
    change::run(ctx, Action::Disable, &args.users)
}
