//! The path every changing command takes: lock, load, plan, check, then
//! (unless `--dry-run`) apply, save atomically and log.

use crate::audit::{self, WarningLog};
use crate::directory::Directory;
use crate::error::{Exit, Result};
use crate::plan::{self, Action, Plan};
use crate::store::{atomic, lock};

use super::{Context, read_targets};

pub fn run(ctx: &Context, action: Action, args: &[String]) -> Result<Exit> {
    let actor = ctx.actor()?;
    let targets = read_targets(args)?;
    let store = ctx.store()?;
    let _lock = if ctx.dry_run {
        None
    } else {
        Some(lock::acquire(&store.lock_path(), ctx.wait)?)
    };
    let path = store.directory_file()?;
    let mut dir = Directory::load(&path)?;
    let plan = Plan::build(&dir, actor, action, &targets);
    if let Some(first) = plan.first_failure() {
        plan.failures.iter().for_each(|f| ctx.reporter.failure(f));
        return Ok(first.error.exit());
    }
    let log = WarningLog::open(&ctx.log_dir(&store), ctx.dry_run)?;
    if !ctx.dry_run && plan.changes_anything() {
        plan::apply(&mut dir, &plan);
        atomic::replace(&path, &dir.to_bytes()?)?;
        let stamp = ctx.clock.stamp();
        let actor = plan.actor.as_ref().map_or(actor, |a| a.address.as_str());
        let lines: Vec<String> = plan
            .steps
            .iter()
            .filter(|s| s.unchanged.is_none())
            .map(|s| audit::line(&stamp, &s.account, s.action.past(), actor, ""))
            .collect();
        log.append(&lines)?;
    }
    for step in &plan.steps {
        ctx.reporter.step(step, "");
    }
    Ok(Exit::Ok)
}
