//! What a run does when a person sits at a terminal: the note that `-`
//! is reading standard input, and the question before mail is deleted.
//! Each test runs the binary with standard input (and stderr) on a
//! pseudo-terminal; the same runs without a terminal must not ask.

#![cfg(unix)]

use std::io::{Read, Write};
use std::process::{Command, ExitStatus, Stdio};

use predicates::prelude::PredicateBooleanExt;

use crate::common::TestStore;

/// What a run on a terminal left: its exit status, its stdout, and
/// everything the terminal showed (its stderr and the echoed input).
struct Session {
    status: ExitStatus,
    stdout: String,
    terminal: String,
}

/// Runs `cmd` with standard input and stderr on a new pseudo-terminal
/// and types `input` into it (`\x04`, Ctrl-D, at the start of a line is
/// the end of input).
fn on_a_terminal(mut cmd: Command, input: &[u8]) -> Session {
    let (master, slave) = crate::common::open_terminal();
    cmd.stdin(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave))
        .stdout(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn on a terminal");
    drop(cmd);
    let mut master = std::fs::File::from(master);
    master.write_all(input).unwrap();
    let reader = {
        let master = master.try_clone().unwrap();
        std::thread::spawn(move || crate::common::read_terminal(master))
    };
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    let status = child.wait().unwrap();
    drop(master);
    let terminal = reader.join().unwrap();
    Session {
        status,
        stdout,
        terminal: String::from_utf8_lossy(&terminal).into_owned(),
    }
}

#[test]
fn a_dash_on_a_terminal_says_it_reads_standard_input() {
    let store = TestStore::example();
    let mut cmd = store.std_cmd();
    cmd.env("MAILUSER_ACTOR", "admin@example.com")
        .args(["disable", "-"]);
    let run = on_a_terminal(cmd, b"jdoe@example.com\n\x04");
    assert!(run.status.success(), "{}: {}", run.status, run.terminal);
    assert!(
        run.terminal.contains(
            "mailuser: warning: reading accounts from standard input, one per line, \
             until end of input (Ctrl-D)"
        ),
        "no note on the terminal: {:?}",
        run.terminal
    );
    assert_eq!(run.stdout, "jdoe@example.com: disabled\n");
}

#[test]
fn a_dash_without_a_terminal_reads_quietly() {
    let store = TestStore::example();
    store
        .run_as("admin@example.com")
        .args(["disable", "-"])
        .write_stdin("jdoe@example.com\n")
        .assert()
        .success()
        .stdout("jdoe@example.com: disabled\n")
        .stderr("");
}

#[test]
fn apply_dash_on_a_terminal_says_it_reads_standard_input() {
    let store = TestStore::example();
    let mut cmd = store.std_cmd();
    cmd.env("MAILUSER_ACTOR", "admin@example.com")
        .args(["apply", "-"]);
    let run = on_a_terminal(cmd, b"action,user\ndisable,jdoe@example.com\n\x04");
    assert!(run.status.success(), "{}: {}", run.status, run.terminal);
    assert!(
        run.terminal
            .contains("reading the bulk CSV from standard input until end of input (Ctrl-D)"),
        "no note on the terminal: {:?}",
        run.terminal
    );
    assert!(
        run.stdout
            .starts_with("line 2: jdoe@example.com: disabled\n")
    );
}

/// `remove jdoe@example.com --delete-mailbox [extra]` on a terminal,
/// answering `answer`.
fn remove_on_a_terminal(store: &TestStore, extra: &[&str], answer: &[u8]) -> Session {
    let mut cmd = store.std_cmd();
    cmd.env("MAILUSER_ACTOR", "admin@example.com")
        .args(["remove", "jdoe@example.com", "--delete-mailbox"])
        .args(extra);
    on_a_terminal(cmd, answer)
}

/// What the question says about jdoe's mailbox in the test store: three
/// messages under `#msgs`, 493 bytes in all files.
/// (The tests run with MAILUSER_RETAIN_DAYS=0: deleted mail goes for good.)
const JDOE_QUESTION: &str = "mailuser: this run deletes the mailbox of 1 account for good:\r\n  \
    jdoe@example.com  3 messages, 493 bytes  (mail/example.com/jdoe)\r\n\
    Delete this mail? [y/N] ";

#[test]
fn deleting_mail_on_a_terminal_asks_and_no_changes_nothing() {
    for answer in [&b"n\n"[..], b"\n", b"whatever\n", b"\x04"] {
        let store = TestStore::example();
        let before = store.snapshot();
        let run = remove_on_a_terminal(&store, &[], answer);
        assert_eq!(run.status.code(), Some(1), "{answer:?}: {}", run.terminal);
        assert!(
            run.terminal.contains(JDOE_QUESTION),
            "{answer:?}: no question: {:?}",
            run.terminal
        );
        assert!(
            run.terminal
                .contains("mailuser: not confirmed: nothing was changed"),
            "{answer:?}: {:?}",
            run.terminal
        );
        assert_eq!(run.stdout, "");
        assert_eq!(store.snapshot(), before, "{answer:?} changed the store");
    }
}

#[test]
fn yes_at_the_question_deletes() {
    for answer in [&b"y\n"[..], b"YES\n", b" yes \n"] {
        let store = TestStore::example();
        let run = remove_on_a_terminal(&store, &[], answer);
        assert!(run.status.success(), "{answer:?}: {}", run.terminal);
        assert!(run.terminal.contains(JDOE_QUESTION), "{:?}", run.terminal);
        assert!(run.stdout.starts_with("jdoe@example.com: removed"));
        assert!(!store.path("mail/example.com/jdoe").exists());
    }
}

#[test]
fn yes_dry_run_and_keeping_mail_ask_nothing_on_a_terminal() {
    // --yes before or after the command, -y; nothing typed: a question
    // would read end of input and refuse.
    for extra in [&["--yes"][..], &["-y"]] {
        let store = TestStore::example();
        let run = remove_on_a_terminal(&store, extra, b"");
        assert!(run.status.success(), "{extra:?}: {}", run.terminal);
        assert!(!run.terminal.contains("[y/N]"), "{:?}", run.terminal);
        assert!(!store.path("mail/example.com/jdoe").exists());
    }
    let store = TestStore::example();
    let mut cmd = store.std_cmd();
    cmd.env("MAILUSER_ACTOR", "admin@example.com").args([
        "--yes",
        "remove",
        "jdoe@example.com",
        "--delete-mailbox",
    ]);
    let run = on_a_terminal(cmd, b"");
    assert!(run.status.success(), "global --yes: {}", run.terminal);

    let store = TestStore::example();
    let before = store.snapshot();
    let run = remove_on_a_terminal(&store, &["--dry-run"], b"");
    assert!(run.status.success(), "--dry-run: {}", run.terminal);
    assert!(!run.terminal.contains("[y/N]"), "{:?}", run.terminal);
    assert_eq!(store.snapshot(), before);

    let store = TestStore::example();
    let mut cmd = store.std_cmd();
    cmd.env("MAILUSER_ACTOR", "admin@example.com").args([
        "remove",
        "jdoe@example.com",
        "--keep-mailbox",
        "--purge-settings",
    ]);
    let run = on_a_terminal(cmd, b"");
    assert!(run.status.success(), "--keep-mailbox: {}", run.terminal);
    assert!(!run.terminal.contains("[y/N]"), "{:?}", run.terminal);
}

#[test]
fn without_a_terminal_deleting_mail_asks_nothing() {
    let store = TestStore::example();
    store
        .run_as("admin@example.com")
        .args(["remove", "jdoe@example.com", "--delete-mailbox"])
        .assert()
        .success()
        .stderr(predicates::str::contains("[y/N]").not());
    assert!(!store.path("mail/example.com/jdoe").exists());
}

#[test]
fn an_apply_that_deletes_mail_lists_every_mailbox_with_a_total() {
    let store = TestStore::example();
    // A link inside a mailbox is deleted with it, but neither followed
    // nor counted beyond itself.
    std::fs::create_dir_all(store.path("mail/example.com/asmith/INBOX")).unwrap();
    std::os::unix::fs::symlink(
        store.path("mail/example.com/admin"),
        store.path("mail/example.com/asmith/INBOX/elsewhere"),
    )
    .unwrap();
    let csv = leavers(
        &store,
        "disable,mlee@example.com,\n\
         remove,jdoe@example.com,delete\n\
         remove,asmith@example.com,delete\n\
         remove,tlock@example.com,keep\n",
    );
    let before = store.snapshot();
    let mut cmd = store.std_cmd();
    cmd.env("MAILUSER_ACTOR", "admin@example.com")
        .arg("apply")
        .arg(&csv);
    let run = on_a_terminal(cmd, b"no\n");
    assert_eq!(run.status.code(), Some(1), "{}", run.terminal);
    let asks = run.terminal.find("mailuser: this run deletes").unwrap();
    let question: Vec<&str> = run.terminal[asks..].split("\r\n").collect();
    assert_eq!(
        question[0],
        "mailuser: this run deletes the mailboxes of 2 accounts for good:"
    );
    assert!(question[1].starts_with("  jdoe@example.com    3 messages, 493 bytes"));
    assert!(
        question[2].starts_with("  asmith@example.com  "),
        "{question:?}"
    );
    assert!(question[3].starts_with("  in all: "), "{question:?}");
    // The answer was typed ahead, so its echo is not here.
    assert!(question[4].starts_with("Delete this mail? [y/N] "));
    assert_eq!(store.snapshot(), before);
}

#[test]
fn with_retention_the_question_says_restore_brings_it_back() {
    let store = TestStore::example();
    let before = store.snapshot();
    let run = remove_on_a_terminal(&store, &["--retain", "30"], b"n\n");
    assert_eq!(run.status.code(), Some(1), "{}", run.terminal);
    assert!(
        run.terminal.contains(
            "mailuser: this run deletes the mailbox of 1 account (kept until the removal \
             expires: `mailuser restore` brings it back):\r\n  \
             jdoe@example.com  3 messages, 493 bytes  (mail/example.com/jdoe)\r\n"
        ),
        "{:?}",
        run.terminal
    );
    assert_eq!(store.snapshot(), before);
}

#[test]
fn purging_a_deleted_mailbox_asks_and_expiry_does_not() {
    let store = TestStore::example();
    store
        .run_as("admin@example.com")
        .args([
            "--retain",
            "30",
            "remove",
            "jdoe@example.com",
            "--delete-mailbox",
        ])
        .assert()
        .success();
    let before = store.snapshot();
    let mut cmd = store.std_cmd();
    cmd.env("MAILUSER_ACTOR", "admin@example.com")
        .args(["purge", "jdoe@example.com"]);
    let run = on_a_terminal(cmd, b"n\n");
    assert_eq!(run.status.code(), Some(1), "{}", run.terminal);
    assert!(
        run.terminal
            .contains("mailuser: this run deletes the mailbox of 1 account for good:"),
        "{:?}",
        run.terminal
    );
    assert!(
        run.terminal
            .contains("jdoe@example.com  3 messages, 493 bytes")
    );
    assert_eq!(store.snapshot(), before);
    // A tombstone without a mailbox (kept) holds no mail: nothing to ask.
    let store = TestStore::example();
    store
        .run_as("admin@example.com")
        .args([
            "--retain",
            "30",
            "remove",
            "jdoe@example.com",
            "--keep-mailbox",
        ])
        .assert()
        .success();
    let mut cmd = store.std_cmd();
    cmd.env("MAILUSER_ACTOR", "admin@example.com")
        .args(["purge", "jdoe@example.com"]);
    let run = on_a_terminal(cmd, b"");
    assert!(run.status.success(), "{}", run.terminal);
    assert!(!run.terminal.contains("[y/N]"), "{:?}", run.terminal);
}

/// A run on a terminal stopped at its question: the parent end of its
/// terminal, what the terminal showed up to the question, and the child.
struct Asking {
    master: std::fs::File,
    shown: Vec<u8>,
    child: std::process::Child,
}

impl Asking {
    /// Starts `cmd` with standard input and stderr on a new terminal and
    /// reads what it shows until it asks `[y/N]`.
    fn start(mut cmd: Command) -> Asking {
        let (master, slave) = crate::common::open_terminal();
        cmd.stdin(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave))
            .stdout(Stdio::piped());
        let child = cmd.spawn().expect("spawn on a terminal");
        drop(cmd);
        let mut asking = Asking {
            master: std::fs::File::from(master),
            shown: Vec::new(),
            child,
        };
        let mut buf = [0u8; 4096];
        while !String::from_utf8_lossy(&asking.shown).contains("[y/N] ") {
            match asking.master.read(&mut buf) {
                Ok(0) => panic!("no question: {}", String::from_utf8_lossy(&asking.shown)),
                Ok(n) => asking.shown.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => panic!(
                    "no question ({e}): {}",
                    String::from_utf8_lossy(&asking.shown)
                ),
            }
        }
        asking
    }

    /// Types `answer` and waits for the run to end.
    fn answer(mut self, answer: &[u8]) -> Session {
        self.master.write_all(answer).unwrap();
        let reader = {
            let master = self.master.try_clone().unwrap();
            std::thread::spawn(move || crate::common::read_terminal(master))
        };
        let mut stdout = String::new();
        self.child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut stdout)
            .unwrap();
        let status = self.child.wait().unwrap();
        drop(self.master);
        self.shown.extend(reader.join().unwrap());
        Session {
            status,
            stdout,
            terminal: String::from_utf8_lossy(&self.shown).into_owned(),
        }
    }
}

/// The question is asked before the store lock is taken: while it waits
/// for an answer, another run (a cron job with `--wait 0`) goes through
/// instead of exiting 75, and the answer then applies as planned.
#[test]
fn the_question_does_not_hold_the_store_lock() {
    let store = TestStore::example();
    let mut cmd = store.std_cmd();
    cmd.env("MAILUSER_ACTOR", "admin@example.com").args([
        "remove",
        "jdoe@example.com",
        "--delete-mailbox",
    ]);
    let asking = Asking::start(cmd);
    assert!(
        String::from_utf8_lossy(&asking.shown).contains(JDOE_QUESTION),
        "{}",
        String::from_utf8_lossy(&asking.shown)
    );
    store
        .run_as("admin@example.com")
        .args(["--wait", "0", "disable", "asmith@example.com"])
        .assert()
        .success()
        .stdout("asmith@example.com: disabled\n");
    let run = asking.answer(b"y\n");
    assert!(run.status.success(), "{}", run.terminal);
    assert!(
        run.stdout.starts_with("jdoe@example.com: removed"),
        "{}",
        run.stdout
    );
    assert!(!store.path("mail/example.com/jdoe").exists());
    assert_eq!(store.user("jdoe@example.com"), serde_json::Value::Null);
    assert_eq!(store.user("asmith@example.com")["enabled"], false);
    let log = store.log_lines();
    assert_eq!(log.len(), 2, "{log:?}");
    assert!(log[0].contains("User asmith@example.com disabled"));
    assert!(log[1].contains("User jdoe@example.com removed"));
}

/// A bulk file `leavers.csv` in the test's folder: the header
/// `action,user,mailbox` and `rows`.
fn leavers(store: &TestStore, rows: &str) -> std::path::PathBuf {
    let csv = store.tmp.path().join("leavers.csv");
    std::fs::write(&csv, format!("action,user,mailbox\n{rows}")).unwrap();
    csv
}

/// When another run changes what the run would delete while the question
/// is open, the agreed answer no longer fits: the run changes nothing,
/// says why and exits 75, as for a store locked by another run.
#[test]
fn a_store_changed_while_the_question_was_open_is_not_touched() {
    let store = TestStore::example();
    let csv = leavers(
        &store,
        "remove,jdoe@example.com,delete\n\
         remove,asmith@example.com,delete\n",
    );
    let mut cmd = store.std_cmd();
    cmd.env("MAILUSER_ACTOR", "admin@example.com")
        .arg("apply")
        .arg(&csv);
    let asking = Asking::start(cmd);
    assert!(String::from_utf8_lossy(&asking.shown).contains("the mailboxes of 2 accounts"));
    // Meanwhile asmith goes, its mailbox kept.
    store
        .run_as("admin@example.com")
        .args(["remove", "asmith@example.com", "--keep-mailbox"])
        .assert()
        .success();
    let before = store.snapshot();
    let run = asking.answer(b"y\n");
    assert_eq!(run.status.code(), Some(75), "{}", run.terminal);
    assert!(
        run.terminal.contains(
            "mailuser: the store changed while the question was open: the mail to delete is \
             no longer what was listed; nothing was changed, run again"
        ),
        "{}",
        run.terminal
    );
    // The row that now fails is reported with its line.
    assert!(
        run.terminal
            .contains("leavers.csv, line 3, column `user`: asmith@example.com: no such account"),
        "{}",
        run.terminal
    );
    assert_eq!(run.stdout, "");
    assert_eq!(store.snapshot(), before, "the run changed the store");
    assert!(store.path("mail/example.com/jdoe/INBOX").is_dir());
}

/// A bulk run that applies what it can, answered no: the rows that failed
/// their checks are still reported (each with its line), then that
/// nothing was changed; and the lock was never taken.
#[test]
fn a_partial_run_answered_no_reports_its_failed_rows() {
    let store = TestStore::example();
    let csv = leavers(
        &store,
        "remove,jdoe@example.com,delete\n\
         disable,nobody@example.com,\n\
         remove,asmith@example.com,banana\n",
    );
    let before = store.snapshot();
    let mut cmd = store.std_cmd();
    cmd.env("MAILUSER_ACTOR", "admin@example.com")
        .args(["--format", "json", "apply"])
        .arg(&csv);
    let run = on_a_terminal(cmd, b"n\n");
    assert_eq!(run.status.code(), Some(1), "{}", run.terminal);
    let no_such = run
        .terminal
        .find("leavers.csv, line 3, column `user`: nobody@example.com: no such account")
        .unwrap_or_else(|| panic!("line 3 not reported: {}", run.terminal));
    let banana = run
        .terminal
        .find("leavers.csv, line 4, column `mailbox`: unknown mailbox choice \"banana\"")
        .unwrap_or_else(|| panic!("line 4 not reported: {}", run.terminal));
    let refused = run
        .terminal
        .find("mailuser: not confirmed: nothing was changed")
        .unwrap();
    assert!(no_such < banana && banana < refused, "{}", run.terminal);
    // In JSON the failed rows are objects on stdout, as in any run, and
    // the error that ended it comes last.
    let rows = crate::common::json_lines(run.stdout.as_bytes());
    let lines: Vec<_> = rows
        .iter()
        .map(|r| (r["line"].clone(), r["result"].clone()))
        .collect();
    assert_eq!(
        lines,
        [
            (3.into(), "failed".into()),
            (4.into(), "failed".into()),
            (serde_json::Value::Null, "error".into())
        ],
        "{rows:?}"
    );
    assert_eq!(store.snapshot(), before);
    assert!(
        !store.path(".mailuser.lock").exists(),
        "the question came before the lock"
    );
}
