//! `mailuser add USER [--full-name NAME] [--role ROLE]`

use crate::cli::AddArgs;
use crate::error::{Exit, Result};
use crate::plan::{Action, NewAccount, Options, Request};

use super::{Context, change};

pub fn run(ctx: &Context, args: &AddArgs) -> Result<Exit> {
    let request = Request {
        action: Action::Add(NewAccount {
            full_name: args.full_name.clone(),
            role: args.role.map(Into::into),
        }),
        user: args.user.clone(),
        line: None,
    };
    change::run(ctx, &[request], Options::default())
}
