//! `mailuser purge (USER... | --expired)`

use crate::cli::PurgeArgs;
use crate::error::{Exit, Result};
use crate::plan::{Action, Options};

use super::change::{self, Run};
use super::{Context, requests};

pub fn run(ctx: &Context, args: &PurgeArgs) -> Result<Exit> {
    let requests = if args.expired {
        change::expired_purges(&ctx.store()?, ctx.clock.now(), false)?
    } else {
        let action = Action::Purge {
            op: None,
            expired: false,
        };
        requests(action, &args.users)?
    };
    change::run(ctx, Run::all_or_nothing(requests, Options::default()))
}
