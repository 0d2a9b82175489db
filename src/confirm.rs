//! The question a run asks before it deletes mail: on a terminal, a run
//! whose plan deletes mailboxes (`remove --delete-mailbox`, `apply` rows
//! with `mailbox=delete`) says what goes (accounts, messages, bytes) and
//! asks `[y/N]`. `--yes` answers for scripts; without a terminal on
//! standard input (cron, CI, pipes) and with `--dry-run` nothing is asked.

use std::io::IsTerminal;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::{Error, Result};
use crate::output::{Reporter, plural, plural_count};
use crate::plan::{Action, MailboxChoice, Plan, Request};
use crate::store::Store;
use crate::store::journal::MailboxOp;

/// `--yes`, set once per run by [`crate::run`].
static ASSUME_YES: AtomicBool = AtomicBool::new(false);

/// Records `--yes` for the run about to start.
pub fn set_assume_yes(yes: bool) {
    ASSUME_YES.store(yes, Ordering::Relaxed);
}

/// Whether `--yes` was given.
pub fn assume_yes() -> bool {
    ASSUME_YES.load(Ordering::Relaxed)
}

/// One mailbox a plan deletes, and what is in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deletion {
    pub account: String,
    /// The mailbox folder, relative to the store.
    pub mailbox: PathBuf,
    /// Files in the mailbox's `#msgs` folders.
    pub messages: u64,
    /// Bytes of every file in the mailbox.
    pub bytes: u64,
    /// Whether the mailbox goes into the removal's tombstone, from where
    /// `restore` brings it back until it expires (else it goes for good).
    pub retained: bool,
}

/// The mailboxes `plan` deletes, in plan order, with their contents
/// counted (links are not followed, other file systems not entered):
/// those of `remove --delete-mailbox` (into the tombstone, or for good with
/// `--retain 0`), and those of tombstones an explicit `purge` deletes for
/// good. The purge of expired tombstones every run makes does not count:
/// their retention is what was agreed to.
pub fn deletions(plan: &Plan, store: &Store) -> Vec<Deletion> {
    let mut found = Vec::new();
    let in_mail =
        |path: &Path| path.components().next() == Some(Component::Normal("mail".as_ref()));
    for step in plan.steps.iter().filter(|s| s.changes()) {
        let mut push = |mailbox: &Path, retained: bool| {
            let (messages, bytes) = count(&store.root().join(mailbox));
            found.push(Deletion {
                account: step.account.clone(),
                mailbox: mailbox.to_path_buf(),
                messages,
                bytes,
                retained,
            });
        };
        match &step.action {
            Action::Remove(removal) if removal.mailbox == MailboxChoice::Delete => {
                for op in &step.ops {
                    match op {
                        // The instant-messaging folder goes too, but is no mail.
                        MailboxOp::Trash { from, .. } if in_mail(from) => push(from, false),
                        MailboxOp::Move { from, .. } if in_mail(from) => push(from, true),
                        _ => {}
                    }
                }
            }
            Action::Purge { expired: false, .. } => {
                for op in &step.ops {
                    if let MailboxOp::Trash { from, .. } = op
                        && from
                            .file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with("mailbox-"))
                    {
                        push(from, false);
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// Messages (files under a `#msgs` folder) and bytes (of every file)
/// below `mailbox`. What cannot be read is not counted.
fn count(mailbox: &Path) -> (u64, u64) {
    let (mut messages, mut bytes) = (0, 0);
    let walk = walkdir::WalkDir::new(mailbox)
        .follow_links(false)
        .same_file_system(true);
    for entry in walk.into_iter().filter_map(|e| e.ok()) {
        if !entry.file_type().is_file() {
            continue;
        }
        bytes += entry.metadata().map_or(0, |m| m.len());
        let rel = entry.path().strip_prefix(mailbox).unwrap_or(entry.path());
        if rel
            .parent()
            .is_some_and(|p| p.components().any(|c| c.as_os_str() == "#msgs"))
        {
            messages += 1;
        }
    }
    (messages, bytes)
}

/// Whether this run may ask at all: not with `yes` (`--yes`), not in a
/// dry run, and only with a terminal on standard input.
pub fn may_ask(yes: bool, reporter: &Reporter) -> bool {
    !yes && !reporter.dry_run && std::io::stdin().is_terminal()
}

/// Whether any of `requests` can delete mail the question asks about: a
/// removal with `--delete-mailbox` or an explicit `purge` (a run of other
/// requests reads nothing more to find out).
pub fn may_delete(requests: &[Request]) -> bool {
    requests.iter().any(|r| match &r.action {
        Action::Remove(removal) => removal.mailbox == MailboxChoice::Delete,
        Action::Purge { expired, .. } => !expired,
        _ => false,
    })
}

/// What identifies the deletions a question listed: each account and its
/// mailbox, in plan order (not the counts: mail delivered into a listed
/// mailbox while the question is open goes with it).
pub fn listed(deletions: &[Deletion]) -> Vec<(String, PathBuf)> {
    deletions
        .iter()
        .map(|d| (d.account.clone(), d.mailbox.clone()))
        .collect()
}

/// Asks, on a terminal, whether the mail `plan` deletes may go. `true`
/// when the run may go on: nothing is deleted, `yes` (`--yes`), a dry
/// run, standard input is not a terminal, or the answer was `y`/`yes`.
/// Anything else, end of input included, is no.
pub fn confirm_deletions(
    plan: &Plan,
    store: &Store,
    yes: bool,
    reporter: &Reporter,
) -> Result<bool> {
    if !may_ask(yes, reporter) {
        return Ok(true);
    }
    ask(&deletions(plan, store), reporter)
}

/// Lists `deletions` and asks whether they may go; `true` when there are
/// none or the answer was `y`/`yes`. Anything else, end of input
/// included, is no.
pub fn ask(deletions: &[Deletion], reporter: &Reporter) -> Result<bool> {
    if deletions.is_empty() {
        return Ok(true);
    }
    reporter.ask(&question(deletions));
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(Error::io("<stdin>"))?;
    if answer.is_empty() {
        // End of input: the question line still needs its line end.
        reporter.ask("\n");
    }
    Ok(matches!(answer.trim().to_lowercase().as_str(), "y" | "yes"))
}

/// What is deleted, one line per mailbox, a total, and the question.
pub fn question(deletions: &[Deletion]) -> String {
    let accounts = deletions.len();
    let how = if deletions.iter().all(|d| d.retained) {
        " (kept until the removal expires: `mailuser restore` brings it back)"
    } else {
        " for good"
    };
    let mut text = format!(
        "mailuser: this run deletes the {} of {}{how}:\n",
        plural(accounts, "mailbox"),
        plural_count(accounts, "account")
    );
    let width = deletions
        .iter()
        .map(|d| d.account.chars().count())
        .max()
        .unwrap_or(0);
    for d in deletions {
        text.push_str(&format!(
            "  {:width$}  {}, {}  ({})\n",
            crate::output::printable(&d.account),
            messages(d.messages),
            size(d.bytes),
            crate::output::printable(&d.mailbox.display().to_string()),
        ));
    }
    if accounts > 1 {
        let total_messages = deletions.iter().map(|d| d.messages).sum();
        let total_bytes = deletions.iter().map(|d| d.bytes).sum();
        text.push_str(&format!(
            "  in all: {}, {}\n",
            messages(total_messages),
            size(total_bytes)
        ));
    }
    text.push_str("Delete this mail? [y/N] ");
    text
}

fn messages(n: u64) -> String {
    plural_count(n, "message")
}

/// `512 bytes`, `1.5 KiB (1536 bytes)`.
pub fn size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return plural_count(bytes, "byte");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {} ({bytes} bytes)", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size(0), "0 bytes");
        assert_eq!(size(1), "1 byte");
        assert_eq!(size(1023), "1023 bytes");
        assert_eq!(size(1536), "1.5 KiB (1536 bytes)");
        assert_eq!(size(5 * 1024 * 1024), "5.0 MiB (5242880 bytes)");
    }

    #[test]
    fn the_question_lists_each_mailbox_and_a_total() {
        let d = |account: &str, messages, bytes| Deletion {
            account: account.into(),
            mailbox: PathBuf::from("mail/x.org").join(account.split('@').next().unwrap()),
            messages,
            bytes,
            retained: false,
        };
        let text = question(&[d("jdoe@x.org", 3, 493), d("al@x.org", 1, 2048)]);
        assert_eq!(
            text,
            "mailuser: this run deletes the mailboxes of 2 accounts for good:\n\
             \x20 jdoe@x.org  3 messages, 493 bytes  (mail/x.org/jdoe)\n\
             \x20 al@x.org    1 message, 2.0 KiB (2048 bytes)  (mail/x.org/al)\n\
             \x20 in all: 4 messages, 2.5 KiB (2541 bytes)\n\
             Delete this mail? [y/N] "
        );
    }
}
