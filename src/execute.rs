//! Executing a checked plan: apply it to the directory in memory, commit
//! the intent (new directory, mailbox steps, log lines) to the journal,
//! then carry it out.

use std::path::Path;

use crate::audit::{self, Clock};
use crate::directory::Backend;
use crate::error::{Error, Result};
use crate::output::Reporter;
use crate::plan::{self, Plan};
use crate::store::Store;
use crate::store::journal::{self, Intent, MailboxOp};
use crate::store::tombstone::Tombstone;

pub fn run(
    store: &Store,
    dir: &mut dyn Backend,
    plan: &Plan,
    log_dir: &Path,
    clock: &Clock,
    reporter: &Reporter,
) -> Result<()> {
    if !plan.changes_anything() {
        return Ok(());
    }
    let Some(file) = dir.file() else {
        return Err(Error::Store(format!(
            "{} is not a directory file",
            dir.source()
        )));
    };
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    let (mut intent, tombstones) = intent(plan, name.into_owned(), log_dir, clock)?;
    dir.apply(&intent.changes)?;
    crate::failpoint::pause("file-planned");
    journal::commit(store, &mut intent, &*dir, &tombstones)?;
    let accounts = plan.steps.iter().filter(|s| s.changes()).count() as u64;
    let progress = reporter.progress(accounts, intent.mailbox_ops.len() as u64);
    journal::finish(store, &intent, &|| progress.tick())?;
    progress.done();
    Ok(())
}

/// The intent record of a plan: its typed changes, mailbox steps and log
/// lines, for the directory `directory` (a file name, or the server mark);
/// and the tombstones of its removals, which the record does not hold.
fn intent<'p>(
    plan: &'p Plan,
    directory: String,
    log_dir: &Path,
    clock: &Clock,
) -> Result<(Intent, Vec<&'p Tombstone>)> {
    let actor = plan
        .actor
        .as_ref()
        .map(|a| a.address.to_string())
        .unwrap_or_default();
    let stamp = clock.stamp();
    let changed = || plan.steps.iter().filter(|s| s.changes());
    let (mailbox_ops, tombstones) = gather_tombstones(changed().flat_map(|s| &s.ops));
    let intent = Intent {
        op: plan.op.clone(),
        directory,
        log_dir: std::path::absolute(log_dir).map_err(Error::io(log_dir))?,
        log_lines: changed()
            .map(|s| {
                let details = s.details.join(", ");
                let subject = s.action.log_subject();
                audit::subject_line(
                    &stamp,
                    subject,
                    &s.account,
                    s.action.past(),
                    &actor,
                    &details,
                )
            })
            .collect(),
        mailbox_ops,
        directory_was: None,
        changes: plan::changes(plan),
        log_start: None,
    };
    Ok((intent, tombstones))
}

/// The mailbox steps in order, but with the tombstones of every removal of
/// the run taken out and installed by one step, the first: one file
/// written and synced for a bulk run of any size. Returns the steps and
/// the tombstones.
fn gather_tombstones<'p>(
    ops: impl Iterator<Item = &'p MailboxOp>,
) -> (Vec<MailboxOp>, Vec<&'p Tombstone>) {
    let (mut steps, mut tombstones) = (Vec::new(), Vec::new());
    let mut install = None;
    for op in ops {
        match op {
            MailboxOp::Tombstones {
                dir,
                tombstones: these,
            } => {
                install.get_or_insert_with(|| MailboxOp::InstallTombstones { dir: dir.clone() });
                tombstones.extend(these);
            }
            op => steps.push(op.clone()),
        }
    }
    tombstones.sort_by_key(|t| t.n);
    (install.into_iter().chain(steps).collect(), tombstones)
}

/// Executes a checked plan on a directory server (SPEC §13). The intent
/// record (the typed changes, mailbox steps and log lines) is committed
/// first; then the server takes the changes, each asserting what it was
/// planned against, then the mailbox steps and the log follow as for a
/// file. When the server finds, before the first change, that an entry
/// changed since it was read (exit 75) or that another run took the last
/// seat meanwhile (exit 5), or when it refuses the very first change for
/// the same reasons, nothing has been done: the record is dropped. A later refusal leaves the
/// record for the next run, which replays it (changes already made are
/// no-ops).
pub fn run_on_server(
    store: &Store,
    server: &mut dyn crate::directory::Backend,
    plan: &Plan,
    log_dir: &Path,
    clock: &Clock,
    reporter: &Reporter,
) -> Result<()> {
    if !plan.changes_anything() {
        return Ok(());
    }
    let (mut intent, tombstones) = intent(plan, journal::SERVER.to_string(), log_dir, clock)?;
    let changes = intent.changes.clone();
    journal::commit_record(store, &mut intent, &tombstones)?;
    crate::failpoint::pause("ldap-committed");
    if let Err(error) = server.prepare(&changes) {
        if matches!(error, Error::Changed(_) | Error::NoSeats { .. }) {
            journal::discard(store, &intent)?;
        }
        return Err(error);
    }
    crate::failpoint::pause("ldap-prepared");
    let before = server.applied();
    let (first, rest) = changes.split_at(changes.len().min(1));
    if let Err(error) = server.apply(first) {
        if matches!(error, Error::Changed(_) | Error::NoSeats { .. }) {
            journal::discard(store, &intent)?;
            return Err(error);
        }
        return Err(stopped(plan, &intent, server.applied() - before, error));
    }
    if let Err(error) = server.apply(rest) {
        return Err(stopped(plan, &intent, server.applied() - before, error));
    }
    let accounts = plan.steps.iter().filter(|s| s.changes()).count() as u64;
    let progress = reporter.progress(accounts, intent.mailbox_ops.len() as u64);
    journal::finish(store, &intent, &|| progress.tick())?;
    progress.done();
    Ok(())
}

/// A run on a directory server that stopped after `made` of its changes
/// (the server went away, or refused one): says on stderr, account by
/// account, what the directory took and what it did not, that nothing
/// else was done and that the journal keeps the run for the next one to
/// finish, then returns `error` (whose kind sets the exit code). Nothing
/// half-done goes unreported.
fn stopped(plan: &Plan, intent: &Intent, made: usize, error: Error) -> Error {
    let mut start = 0;
    for step in plan.steps.iter().filter(|s| s.changes()) {
        let count = step.changes.len();
        let past = step.action.past();
        let account = crate::output::printable(&step.account);
        let done = made.saturating_sub(start).min(count);
        let state = match done {
            _ if count == 0 => format!("no directory change to make; not {past} yet"),
            d if d == count => format!("{past} in the directory"),
            0 => format!("not {past}: the directory has not changed"),
            d => format!("partly {past}: {d} of {count} directory changes made, the rest not"),
        };
        eprintln!("mailuser: {account}: {state}");
        start += count;
    }
    eprintln!(
        "mailuser: the run stopped after {made} of {} directory changes; no mailbox was \
         touched and nothing was logged; the journal keeps the run ({}), and the next \
         changing run with --directory finishes it",
        intent.changes.len(),
        intent.op
    );
    error
}
