//! `mailuser purge (USER... | --expired)`

use crate::cli::PurgeArgs;
use crate::error::{Exit, Result};
use crate::plan::{Action, Options, Request};
use crate::store::tombstone;

use super::change::{self, Run};
use super::{Context, requests};

pub fn run(ctx: &Context, args: &PurgeArgs) -> Result<Exit> {
    let requests = if args.expired {
        let now = ctx.clock.now();
        tombstone::all(&ctx.store()?)?
            .into_iter()
            .filter(|t| t.expired(now))
            .map(|t| Request {
                action: Action::Purge {
                    op: Some(t.op),
                    expired: false,
                },
                user: t.account,
                line: None,
            })
            .collect()
    } else {
        let action = Action::Purge {
            op: None,
            expired: false,
        };
        requests(action, &args.users)?
    };
    change::run(ctx, Run::all_or_nothing(requests, Options::default()))
}
