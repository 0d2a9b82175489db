//! The path every changing command takes: lock, finish interrupted runs,
//! load, plan, check, then (unless `--dry-run`) execute and report.

use crate::directory::Directory;
use crate::error::{Exit, Result};
use crate::execute;
use crate::plan::{Failure, Options, Plan, Request};
use crate::store::{journal, lock};

use super::Context;

/// What a changing run is asked to do.
#[derive(Debug, Default)]
pub struct Run {
    pub requests: Vec<Request>,
    /// Bulk rows rejected before planning (bad syntax).
    pub rejected: Vec<Failure>,
    /// The bulk file's name, for messages.
    pub source: Option<String>,
    pub options: Options,
    /// Apply the requests that pass their checks even when others fail.
    pub partial: bool,
}

impl Run {
    /// A run of `requests` that changes nothing unless all pass.
    pub fn all_or_nothing(requests: Vec<Request>, options: Options) -> Run {
        Run {
            requests,
            options,
            ..Run::default()
        }
    }
}

pub fn run(ctx: &Context, run: Run) -> Result<Exit> {
    if ctx.ldap.is_some() {
        ctx.actor()?;
        let server = ctx.open_ldap()?.expect("--directory given");
        return super::change_ldap::run(ctx, run, server);
    }
    let actor = ctx.actor()?;
    let store = ctx.store()?;
    let log_dir = ctx.log_dir(&store);
    if ctx.log_dir.is_none() {
        // The store's own log folder must not lead out of the store.
        store.own_entry("logs")?;
    }
    let _lock = if ctx.dry_run {
        ctx.warn_pending(&store);
        None
    } else {
        let lock = lock::acquire(&store.lock_path()?, ctx.wait)?;
        for line in journal::recover(&store, &log_dir)? {
            eprintln!("mailuser: finished an interrupted run: {line}");
        }
        Some(lock)
    };
    let path = store.directory_file()?;
    store.check_own_entries(&path)?;
    if ctx.dry_run {
        // What the real run would fail on: a read-only store.
        crate::store::writable(&path)?;
    }
    let prepared = if ctx.dry_run {
        journal::prepared_directory(&store).ok().flatten()
    } else {
        None
    };
    let mut dir = match prepared {
        // Plan against what the real run would see after finishing the
        // interrupted run, computed without installing it.
        Some(prepared) => {
            ctx.reporter
                .note("planning against the directory as the interrupted run will leave it");
            let mut dir = Directory::load(&prepared)?;
            dir.path = path.clone();
            dir
        }
        None => Directory::load(&path)?,
    };
    log::info!("{}: {} accounts", path.display(), dir.users.len());
    let op = journal::new_op_id();
    let mut plan = Plan::build(&dir, &store, &op, actor, &run.requests, run.options);
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
        execute::run(&store, &mut dir, &plan, &log_dir, &ctx.clock, &ctx.reporter)?;
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
