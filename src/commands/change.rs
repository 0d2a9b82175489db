//! The path every changing command takes: lock, finish interrupted runs,
//! load, plan, check, then (unless `--dry-run`) execute and report.

use crate::directory::Directory;
use crate::error::{Exit, Result};
use crate::execute;
use crate::plan::{Options, Plan, Request};
use crate::store::{journal, lock};

use super::Context;

pub fn run(ctx: &Context, requests: &[Request], options: Options) -> Result<Exit> {
    let actor = ctx.actor()?;
    let store = ctx.store()?;
    let _lock = if ctx.dry_run {
        ctx.warn_pending(&store)?;
        None
    } else {
        let lock = lock::acquire(&store.lock_path(), ctx.wait)?;
        for line in journal::recover(&store)? {
            eprintln!("mailuser: finished an interrupted run: {line}");
        }
        Some(lock)
    };
    let path = store.directory_file()?;
    let mut dir = Directory::load(&path)?;
    let plan = Plan::build(
        &dir,
        &store,
        &journal::new_op_id(),
        actor,
        requests,
        options,
    );
    if let Some(first) = plan.first_failure() {
        plan.failures.iter().for_each(|f| ctx.reporter.failure(f));
        return Ok(first.error.exit());
    }
    let log_dir = ctx.log_dir(&store);
    crate::audit::WarningLog::open(&log_dir, ctx.dry_run)?;
    if !ctx.dry_run {
        execute::run(&store, &mut dir, &plan, &log_dir, &ctx.clock)?;
    }
    for step in &plan.steps {
        ctx.reporter.step(step);
    }
    Ok(Exit::Ok)
}
