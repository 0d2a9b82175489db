//! Interrupted runs: a process killed at any step of `remove` loses no
//! message, and the next run finishes the job, leaving the store as if the
//! run had either never started or completed.

use crate::common::{TestStore, assert_messages};
use predicates::str::contains;

const ADMIN: &str = "admin@example.com";
const JDOE_MAIL: &str = "mail/example.com/jdoe";
const MOVED: &str = "mail/example.com/boss/Deleted user jdoe@example.com";

/// Every step of a run at which a failpoint aborts the process.
const COMMON_STEPS: [&str; 7] = [
    "journal-committed",
    "save-after-backup",
    "save-after-rename",
    "directory-installed",
    "log-half-written",
    "log-written",
    "trash-emptied",
];

/// Crashes `remove jdoe <choice>` at `step`, checks nothing was lost while
/// it lay interrupted, then lets another run finish and returns the store.
fn crash_then_recover(choice: &[&str], step: &str) -> (TestStore, Vec<Vec<u8>>) {
    let store = TestStore::example();
    let all = store.messages();
    interrupt(&store, step, choice);
    if !choice.contains(&"--delete-mailbox") {
        assert_messages(&store.messages(), &all, false, &format!("{step}, mid-run"));
    }
    store.cmd().arg("list").assert().success();
    // Any changing run finishes the interrupted one first, even a no-op.
    store
        .run_as(ADMIN)
        .args(["disable", "gone"])
        .assert()
        .success();
    assert_eq!(store.pending_intents(), 0, "{step}: journal left behind");
    (store, all)
}

/// The account is gone from the directory and logged as removed once.
fn assert_removed_once(store: &TestStore, step: &str) {
    assert_eq!(
        store.user("jdoe@example.com"),
        serde_json::Value::Null,
        "{step}"
    );
    assert_eq!(removal_lines(store), 1, "{step}");
}

/// Runs `remove jdoe <choice>` and checks it was aborted at `step` (the
/// last of a comma-separated list).
fn interrupt(store: &TestStore, step: &str, choice: &[&str]) {
    let last = step.rsplit(',').next().unwrap();
    store
        .run_as(ADMIN)
        .env("MAILUSER_FAILPOINT", step)
        .args(["remove", "jdoe"])
        .args(choice)
        .assert()
        .failure()
        .stderr(contains(format!("failpoint {last}")));
}

fn removal_lines(store: &TestStore) -> usize {
    store
        .log_lines()
        .iter()
        .filter(|l| l.contains("User jdoe@example.com removed"))
        .count()
}

#[test]
fn transfer_interrupted_anywhere_is_finished_by_the_next_run() {
    let choice = ["--transfer-to", "boss", "--purge-settings"];
    let steps = ["mailbox-op-1", "mailbox-op-2", "mailbox-op-3"];
    for step in COMMON_STEPS.iter().chain(&steps) {
        let (store, all) = crash_then_recover(&choice, step);
        assert_messages(&store.messages(), &all, true, step);
        assert_eq!(store.messages_in(MOVED).len(), 3, "{step}");
        assert!(!store.path(JDOE_MAIL).exists(), "{step}");
        assert!(
            !store.path(&format!("{MOVED}/settings.usr")).exists(),
            "{step}"
        );
        assert!(!store.path("im/example.com/jdoe").exists(), "{step}");
        assert_removed_once(&store, step);
    }
}

#[test]
fn a_crash_before_the_journal_commits_leaves_the_account_intact() {
    let (store, all) = crash_then_recover(&["--transfer-to", "boss"], "journal-prepared");
    assert_messages(&store.messages(), &all, true, "journal-prepared");
    assert_eq!(store.user("jdoe@example.com")["name"], "jdoe");
    assert_eq!(store.messages_in(JDOE_MAIL).len(), 3);
    assert!(store.path("im/example.com/jdoe/history.xml").exists());
    assert_eq!(removal_lines(&store), 0);
    assert!(
        std::fs::read_dir(store.path(".journal"))
            .unwrap()
            .next()
            .is_none()
    );
}

#[test]
fn a_cross_file_system_transfer_interrupted_is_finished() {
    for step in [
        "transfer-exdev,transfer-copied",
        "transfer-exdev,transfer-renamed",
    ] {
        let (store, all) = crash_then_recover(&["--transfer-to", "boss"], step);
        assert_messages(&store.messages(), &all, true, step);
        assert_eq!(store.messages_in(MOVED).len(), 3, "{step}");
        assert!(!store.path(JDOE_MAIL).exists(), "{step}");
        let leftovers: Vec<_> = std::fs::read_dir(store.path("mail/example.com/boss"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("partial"))
            .collect();
        assert!(leftovers.is_empty(), "{step}: {leftovers:?}");
    }
}

#[test]
fn delete_interrupted_anywhere_is_finished_by_the_next_run() {
    let steps = ["mailbox-op-1", "mailbox-op-2"];
    for step in COMMON_STEPS.iter().chain(&steps) {
        let store_before = TestStore::example();
        let others = store_before.messages().len() - store_before.messages_in(JDOE_MAIL).len();
        let (store, _) = crash_then_recover(&["--delete-mailbox"], step);
        assert!(!store.path(JDOE_MAIL).exists(), "{step}");
        assert_eq!(store.messages().len(), others, "{step}");
        assert!(
            std::fs::read_dir(store.path(".trash"))
                .unwrap()
                .next()
                .is_none(),
            "{step}"
        );
        assert_removed_once(&store, step);
    }
}

#[test]
fn keep_with_purge_interrupted_is_finished() {
    for step in COMMON_STEPS.iter().chain(&["mailbox-op-1"]) {
        let (store, all) = crash_then_recover(&["--keep-mailbox", "--purge-settings"], step);
        assert_messages(&store.messages(), &all, true, step);
        assert!(
            !store.path("mail/example.com/jdoe/settings.usr").exists(),
            "{step}"
        );
        assert_eq!(removal_lines(&store), 1, "{step}");
    }
}

#[test]
fn read_only_commands_warn_about_an_interrupted_run() {
    let store = TestStore::example();
    interrupt(&store, "mailbox-op-1", &["--delete-mailbox"]);
    store
        .cmd()
        .arg("list")
        .assert()
        .success()
        .stderr(contains("interrupted run"))
        .stderr(contains("1 change pending"));
    let before = store.snapshot();
    store
        .run_as(ADMIN)
        .args(["--dry-run", "disable", "asmith"])
        .assert()
        .success()
        .stderr(contains("interrupted run"));
    assert_eq!(store.snapshot(), before, "a dry run finishes nothing");
    store
        .run_as(ADMIN)
        .args(["disable", "asmith"])
        .assert()
        .success()
        .stderr(contains("finished an interrupted run: "));
    store.cmd().arg("list").assert().success().stderr("");
}

#[test]
fn recovery_never_deletes_a_source_whose_destination_differs() {
    let store = TestStore::example();
    let all = store.messages();
    interrupt(&store, "journal-committed", &["--transfer-to", "boss"]);
    // Something else creates the destination before the next run.
    store.write(&format!("{MOVED}/INBOX/#msgs/other.eml"), "someone else's");
    store
        .run_as(ADMIN)
        .args(["disable", "gone"])
        .assert()
        .code(1)
        .stderr(contains(
            "holds entries the other lacks; nothing was deleted",
        ));
    assert_eq!(store.messages_in(JDOE_MAIL).len(), 3);
    assert_eq!(
        store.read(&format!("{MOVED}/INBOX/#msgs/other.eml")),
        "someone else's"
    );
    assert_messages(&store.messages(), &all, false, "both kept");
}

#[test]
fn a_directory_edited_before_recovery_is_kept_as_the_backup() {
    let store = TestStore::example();
    interrupt(&store, "journal-committed", &["--keep-mailbox"]);
    let edited = store
        .read("users.json")
        .replace("\"Bea Boss\"", "\"Bea Boss-Edited\"");
    store.write("users.json", &edited);
    store
        .run_as(ADMIN)
        .args(["disable", "gone"])
        .assert()
        .success()
        .stderr(contains("was changed after the interrupted run"));
    assert_eq!(store.read("users.json.bak"), edited);
    assert_eq!(store.user("jdoe@example.com"), serde_json::Value::Null);
}

#[test]
fn a_mailbox_gone_before_recovery_does_not_block_later_runs() {
    let store = TestStore::example();
    interrupt(&store, "journal-committed", &["--transfer-to", "boss"]);
    std::fs::remove_dir_all(store.path(JDOE_MAIL)).unwrap();
    store
        .run_as(ADMIN)
        .args(["disable", "gone"])
        .assert()
        .success()
        .stderr(contains("has gone missing"));
    assert_removed_once(&store, "gone mailbox");
    assert_eq!(store.pending_intents(), 0);
}
