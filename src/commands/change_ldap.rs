//! The changing path on an LDAP directory (SPEC §13): the same lock,
//! recovery, plan, checks, dry-run and report as [`super::change`], with
//! the directory on the server. The store lock still guards the
//! mailboxes; the directory is guarded by the assertions every change
//! carries.

use crate::directory::ldap::LdapDirectory;
use crate::error::{Exit, Result};
use crate::execute;
use crate::plan::Plan;
use crate::store::{journal, lock};

use super::Context;
use super::change::Run;

pub fn run(ctx: &Context, run: Run, mut server: LdapDirectory) -> Result<Exit> {
    let actor = ctx.actor()?;
    let store = ctx.store()?;
    let log_dir = ctx.log_dir(&store);
    if ctx.log_dir.is_none() {
        store.own_entry("logs")?;
    }
    let _lock = if ctx.dry_run {
        ctx.warn_pending(&store);
        None
    } else {
        let lock = lock::acquire(&store.lock_path()?, ctx.wait)?;
        for line in journal::recover_with(&store, &log_dir, Some(&mut server))? {
            eprintln!("mailuser: finished an interrupted run: {line}");
        }
        Some(lock)
    };
    let op = journal::new_op_id();
    let mut plan = Plan::build(&server, &store, &op, actor, &run.requests, run.options);
    log::info!(
        "plan: {} steps ({} changing), {} failed checks",
        plan.steps.len(),
        plan.steps.iter().filter(|s| s.changes()).count(),
        plan.failures.len() + run.rejected.len()
    );
    plan.failures.extend(run.rejected);
    plan.failures.sort_by_key(|f| f.line);
    let report_failures = || {
        for failure in &plan.failures {
            ctx.reporter.failure(failure, run.source.as_deref());
        }
    };
    if let Some(first) = plan.first_failure()
        && (!run.partial || plan.steps.is_empty())
    {
        report_failures();
        return Ok(first.error.exit());
    }
    crate::audit::WarningLog::open(&log_dir, ctx.dry_run)?;
    if !ctx.dry_run {
        execute::run_on_server(
            &store,
            &mut server,
            &plan,
            &log_dir,
            &ctx.clock,
            &ctx.reporter,
        )?;
    }
    for step in &plan.steps {
        ctx.reporter.step(step);
    }
    report_failures();
    Ok(if plan.failures.is_empty() {
        Exit::Ok
    } else {
        Exit::Partial
    })
}
