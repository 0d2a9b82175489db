//! `mailuser add USER [--full-name NAME] [--role ROLE]`

use crate::cli::AddArgs;
use crate::error::{Exit, Result};
use crate::plan::{Action, NewAccount, Options, Request};

use super::Context;
use super::change::{self, Run};

pub fn run(ctx: &Context, args: &AddArgs) -> Result<Exit> {
    let request = Request {
        action: Action::Add(NewAccount {
            full_name: args.full_name.clone(),
            role: args.role.map(Into::into),
        }),
        user: args.user.clone(),
        line: None,
    };
    change::run(ctx, Run::all_or_nothing(vec![request], Options::default()))
}
