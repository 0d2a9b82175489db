//! The path every changing command takes: lock, finish interrupted runs,
//! load, plan, check, then (unless `--dry-run`) execute and report.

use crate::directory;
use crate::error::{Error, Exit, Result};
use crate::execute;
use crate::plan::{Action, Failure, Options, Plan, Request};
use crate::store::{Store, journal, lock, tombstone};

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
    /// How the directory file is read: a bulk run (a file of rows, several
    /// USER arguments) is worth a second thread; a single change keeps to
    /// one, and to the least memory.
    fn reading(&self) -> directory::Reading {
        match self.requests.len() {
            0 | 1 => directory::Reading::OneThread,
            _ => directory::Reading::TwoThreads,
        }
    }

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
    // A run that deletes mail asks first, on a terminal, before it takes
    // the store lock: other runs are not held up while a person thinks.
    let asking = crate::confirm::may_ask(crate::confirm::assume_yes(), &ctx.reporter)
        && crate::confirm::may_delete(&run.requests);
    let confirmed = match asking {
        true => ask_before_locking(ctx, &run, &store, &log_dir, server.as_ref())?,
        false => None,
    };
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
    let reading = run.reading();
    // Every changing run also purges the expired tombstones it may (read
    // before the directory, so that their text is gone when it is read).
    run.requests
        .extend(expired_purges(&store, run.options.now, true)?);
    let mut dir = match server {
        Some(server) => {
            store.check_own_entries(None)?;
            Box::new(server) as Box<dyn crate::directory::Backend>
        }
        None => open_file(ctx, &store, reading)?,
    };
    let op = journal::new_op_id();
    let mut plan = Plan::build(
        dir.as_ref(),
        &store.survey(),
        &op,
        actor,
        &run.requests,
        run.options,
    );
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
    if asking {
        // What the run deletes now, with the lock held, must be what the
        // question listed. A question was not asked when the plan read
        // before the lock deleted nothing: then it is asked now.
        let deletions = crate::confirm::deletions(&plan, &store);
        match &confirmed {
            Some(listed) if *listed != crate::confirm::listed(&deletions) => {
                report_failures();
                return Err(Error::ChangedWhileAsking);
            }
            Some(_) => {}
            None => {
                if !crate::confirm::ask(&deletions, &ctx.reporter)? {
                    report_failures();
                    return Err(Error::NotConfirmed);
                }
            }
        }
    }
    if !ctx.dry_run {
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
    ctx.reporter.steps(&plan.steps);
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
    let exit = if plan.failures.is_empty() {
        Exit::Ok
    } else {
        Exit::Partial
    };
    if dir.file().is_some() {
        // The run is over and the process ends with it: handing back a
        // bulk run's many small allocations one by one took 5% of a
        // 10,000-row `apply`; the system takes the pages back at exit.
        // (A directory server's connection is closed properly.)
        std::mem::forget(dir);
        std::mem::forget(plan);
        std::mem::forget(run.requests);
    }
    Ok(exit)
}

/// The requests that purge the store's expired tombstones: made by every
/// changing run (`automatic`), and by `purge --expired`.
pub(super) fn expired_purges(
    store: &Store,
    now: jiff::Timestamp,
    automatic: bool,
) -> Result<Vec<Request>> {
    Ok(tombstone::due(store)?
        .into_iter()
        .filter(|tomb| tomb.expired(now))
        .map(|tomb| Request {
            action: Action::Purge {
                op: Some(tomb.op),
                expired: automatic,
            },
            user: tomb.account,
            line: None,
        })
        .collect())
}

/// On a terminal, before the store lock is taken: plans `run` against the
/// directory as it reads now (as `--dry-run` does, an interrupted run's
/// prepared directory included), and when that plan passes its checks and
/// deletes mail, lists it and asks. Returns what was listed and agreed to,
/// or `None` when nothing was asked (the locked run then reports the
/// failures, or asks itself if its plan deletes mail after all). A "no"
/// reports the rows that failed their checks, then ends the run: nothing
/// was changed, not even an interrupted run finished.
fn ask_before_locking(
    ctx: &Context,
    run: &Run,
    store: &Store,
    log_dir: &std::path::Path,
    server: Option<&crate::directory::ldap::LdapDirectory>,
) -> Result<Option<Vec<(String, std::path::PathBuf)>>> {
    let file;
    let dir: &dyn crate::directory::Backend = match server {
        Some(server) => server,
        None => {
            file = open_preview(ctx, store, run.reading(), false)?;
            file.as_ref()
        }
    };
    let mut requests = run.requests.clone();
    requests.extend(expired_purges(store, run.options.now, true)?);
    let op = journal::new_op_id();
    let plan = Plan::build(
        dir,
        &store.survey(),
        &op,
        ctx.actor()?,
        &requests,
        run.options,
    );
    let mut failures: Vec<&Failure> = plan.failures.iter().chain(&run.rejected).collect();
    failures.sort_by_key(|f| f.line);
    if !failures.is_empty() && (!run.partial || plan.steps.is_empty()) {
        return Ok(None);
    }
    let deletions = crate::confirm::deletions(&plan, store);
    if deletions.is_empty() {
        return Ok(None);
    }
    // A log folder the run could not write stops it before the question.
    crate::audit::WarningLog::open(log_dir, true)?;
    if !crate::confirm::ask(&deletions, &ctx.reporter)? {
        for failure in failures {
            ctx.reporter.failure(failure, run.source.as_deref());
        }
        return Err(Error::NotConfirmed);
    }
    Ok(Some(crate::confirm::listed(&deletions)))
}

/// The store's directory file as a backend, after the checks a run makes
/// before its first change. A dry run with an interrupted run waiting
/// reads the directory that run will leave.
fn open_file(
    ctx: &Context,
    store: &Store,
    reading: directory::Reading,
) -> Result<Box<dyn crate::directory::Backend>> {
    if !ctx.dry_run {
        let path = store.directory_file()?;
        store.check_own_entries(Some(&path))?;
        return directory::open(&path, reading);
    }
    open_preview(ctx, store, reading, true)
}

/// The directory file as a run would find it after taking the lock and
/// finishing an interrupted run (its prepared file, read, not installed),
/// without the lock; `say` notes when that is the prepared file.
fn open_preview(
    ctx: &Context,
    store: &Store,
    reading: directory::Reading,
    say: bool,
) -> Result<Box<dyn crate::directory::Backend>> {
    let path = store.directory_file()?;
    store.check_own_entries(Some(&path))?;
    // What the real run would fail on: a read-only store.
    crate::store::writable(&path)?;
    match journal::prepared_directory(store).ok().flatten() {
        // Plan against what the real run would see after finishing the
        // interrupted run, computed without installing it.
        Some(prepared) => {
            if say {
                ctx.reporter
                    .note("planning against the directory as the interrupted run will leave it");
            }
            directory::open_from(&prepared, &path, reading)
        }
        None => directory::open(&path, reading),
    }
}
