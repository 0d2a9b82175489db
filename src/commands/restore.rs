//! `mailuser restore USER [--op ID] [--without-mailbox]`

use crate::cli::RestoreArgs;
use crate::error::{Exit, Result};
use crate::plan::{Action, Options, Request};

use super::Context;
use super::change::{self, Run};

pub fn run(ctx: &Context, args: &RestoreArgs) -> Result<Exit> {
    let request = Request {
        action: Action::Restore {
            op: args.op.clone(),
            without_mailbox: args.without_mailbox,
        },
        user: args.user.clone(),
        line: None,
    };
    change::run(ctx, Run::all_or_nothing(vec![request], Options::default()))
}
