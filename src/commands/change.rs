//! The path every changing command takes: lock, finish interrupted runs,
//! load, plan, check, then (unless `--dry-run`) execute and report.

use crate::directory;
use crate::error::{Exit, Result};
use crate::execute;
use crate::plan::{Action, Failure, Options, Plan, Request};
use crate::store::{journal, lock, tombstone};

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

pub fn run(ctx: &Context, mut run: Run) -> Result<Exit> {
    let actor = ctx.actor()?;
    run.options.retain_days = ctx.retain_days;
    run.options.now = ctx.clock.now();
    let store = ctx.store()?;
    let log_dir = ctx.log_dir(&store);
    if ctx.log_dir.is_none() {
        // The store's own log folder must not lead out of the store.
        store.own_entry("logs")?;
    }
    // The directory: the LDAP server --directory names, else the file.
    let mut server = ctx.open_ldap()?;
    let _lock = if ctx.dry_run {
        ctx.warn_pending(&store);
        None
    } else {
        let lock = lock::acquire(&store.lock_path()?, ctx.wait)?;
        let server = server
            .as_mut()
            .map(|s| s as &mut dyn crate::directory::Backend);
        for line in journal::recover_with(&store, &log_dir, server)? {
            eprintln!("mailuser: finished an interrupted run: {line}");
        }
        Some(lock)
    };
    // Every changing run also purges the expired tombstones it may (read
    // before the directory, so that their text is gone when it is read).
    for tomb in tombstone::due(&store)? {
        if tomb.expired(run.options.now) {
            run.requests.push(Request {
                action: Action::Purge {
                    op: Some(tomb.op.clone()),
                    expired: true,
                },
                user: tomb.account.clone(),
                line: None,
            });
        }
    }
    let mut dir = match server {
        Some(server) => {
            store.check_own_entries(None)?;
            Box::new(server) as Box<dyn crate::directory::Backend>
        }
        None => open_file(ctx, &store)?,
    };
    let op = journal::new_op_id();
    let mut plan = Plan::build(dir.as_ref(), &store, &op, actor, &run.requests, run.options);
    log::info!(
        "plan: {} ({} changing), {}",
        crate::output::plural_count(plan.steps.len(), "step"),
        plan.steps.iter().filter(|s| s.changes()).count(),
        crate::output::plural_count(plan.failures.len() + run.rejected.len(), "failed check")
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
        // Confirm deleted mail (`[y/N]` on a terminal; `--yes` answers).
        let yes = crate::confirm::assume_yes();
        if !crate::confirm::confirm_deletions(&plan, &store, yes, &ctx.reporter)? {
            return Err(crate::error::Error::NotConfirmed);
        }
        let run = if dir.file().is_some() {
            execute::run
        } else {
            execute::run_on_server
        };
        run(
            &store,
            dir.as_mut(),
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
    // Several accounts or a bulk file end with one summary line.
    let total = plan.steps.len() + plan.failures.len();
    if total > 1 || (run.source.is_some() && total > 0) {
        let changed = plan.steps.iter().filter(|s| s.changes()).count();
        let unit = if run.source.is_some() {
            "row"
        } else {
            "account"
        };
        ctx.reporter.summary(
            unit,
            changed,
            plan.steps.len() - changed,
            plan.failures.len(),
        );
    }
    Ok(if plan.failures.is_empty() {
        Exit::Ok
    } else {
        Exit::Partial
    })
}

/// The store's directory file as a backend, after the checks a run makes
/// before its first change. A dry run with an interrupted run waiting
/// reads the directory that run will leave.
fn open_file(
    ctx: &Context,
    store: &crate::store::Store,
) -> Result<Box<dyn crate::directory::Backend>> {
    let path = store.directory_file()?;
    store.check_own_entries(Some(&path))?;
    if !ctx.dry_run {
        return directory::open(&path);
    }
    // What the real run would fail on: a read-only store.
    crate::store::writable(&path)?;
    match journal::prepared_directory(store).ok().flatten() {
        // Plan against what the real run would see after finishing the
        // interrupted run, computed without installing it.
        Some(prepared) => {
            ctx.reporter
                .note("planning against the directory as the interrupted run will leave it");
            directory::open_from(&prepared, &path)
        }
        None => directory::open(&path),
    }
}
