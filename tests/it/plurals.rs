//! Counts next to nouns agree with them: `1 account in 1 domain`,
//! `2 accounts`, `1 row: 1 changed`, `plan: 1 step`, in every summary line
//! and message that counts something (one helper forms them all:
//! `mailuser::output::plural`).

use predicates::str::contains;

use crate::common::TestStore;

const ADMIN: &str = "admin@example.com";

/// `init DIR` with `args`, in a fresh folder; returns its stdout.
fn init(args: &[&str]) -> String {
    let store = TestStore::example();
    std::fs::remove_dir_all(&store.root).unwrap();
    let out = store
        .cmd()
        .arg("init")
        .arg(&store.root)
        .args(args)
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    text.split_once(": ").unwrap().1.to_string()
}

#[test]
fn init_counts_accounts_domains_and_messages() {
    assert_eq!(
        init(&[]),
        "created a store with 1 account in 1 domain and 0 messages\n"
    );
    // One generated account and the admin; three messages each.
    assert_eq!(
        init(&["--sample", "1", "--messages", "1"]),
        "created a store with 2 accounts in 1 domain and 2 messages\n"
    );
    assert_eq!(
        init(&["--sample", "4", "--messages", "0"]),
        "created a store with 5 accounts in 2 domains and 0 messages\n"
    );
}

#[test]
fn summary_lines_of_runs_and_bulk_files() {
    let store = TestStore::example();
    let csv = store.tmp.path().join("one.csv");
    std::fs::write(&csv, "action,user\ndisable,jdoe\n").unwrap();
    store
        .run_as(ADMIN)
        .arg("apply")
        .arg(&csv)
        .assert()
        .success()
        .stdout("line 2: jdoe@example.com: disabled\n1 row: 1 changed, 0 unchanged, 0 failed\n");
    assert!(store.user("jdoe@example.com")["enabled"] == false);
    std::fs::write(&csv, "action,user\nenable,jdoe\nenable,asmith\n").unwrap();
    store
        .run_as(ADMIN)
        .arg("apply")
        .arg(&csv)
        .assert()
        .success()
        .stdout(contains("\n2 rows: 1 changed, 1 unchanged, 0 failed\n"));
    store
        .run_as(ADMIN)
        .args(["--dry-run", "disable", "jdoe", "asmith"])
        .assert()
        .success()
        .stdout(contains(
            "\n2 accounts: 2 to change, 0 unchanged, 0 failed\n",
        ));
    // One account: no summary line at all.
    store
        .run_as(ADMIN)
        .args(["disable", "asmith"])
        .assert()
        .success()
        .stdout("asmith@example.com: disabled\n");
}

#[test]
fn the_plan_line_counts_steps_and_failed_checks() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .args(["-v", "--dry-run", "disable", "jdoe"])
        .assert()
        .success()
        .stderr(contains("plan: 1 step (1 changing), 0 failed checks"));
    store
        .run_as(ADMIN)
        .args(["-v", "--dry-run", "disable", "jdoe", "asmith", "nobody"])
        .assert()
        .code(4)
        .stderr(contains("plan: 2 steps (2 changing), 1 failed check"));
}

#[test]
fn check_summary_and_findings() {
    let store = TestStore::example();
    let text = store.read("users.json");
    // Every enabled account but the admin takes a seat: 9 of them.
    store.write(
        "users.json",
        &text.replacen("\"seats\": 10", "\"seats\": 1", 1),
    );
    store.cmd().arg("check").assert().code(2).stdout(
        "seats-exceeded: license: 9 enabled accounts take a seat, but the license has \
             1 seat: disable or remove 8\nsummary: 1 finding: 1 seats-exceeded\n",
    );
    // One enabled account, no seat at all; and a second finding.
    let one = r#"{"license": {"seats": 0}, "users": [
        {"name": "admin", "domain": "example.com", "role": "built-in"},
        {"name": "solo", "domain": "example.com", "groups": ["nosuch"]}]}"#;
    let store = TestStore::with_file("users.json", one);
    store
        .cmd()
        .arg("check")
        .assert()
        .code(2)
        .stdout(contains(
            "license: 1 enabled account takes a seat, but the license has 0 seats: disable or \
             remove 1\n",
        ))
        .stdout(contains(
            "summary: 2 findings: 1 undefined-group, 1 seats-exceeded\n",
        ));
}

#[test]
fn migrate_counts_what_it_copied() {
    // Migrates `store` into `copy.json` beside it; returns the copy's text.
    let migrate = |store: &TestStore, says: &str| {
        let to = store.tmp.path().join("copy.json");
        store
            .cmd()
            .args(["migrate", "--to"])
            .arg(&to)
            .assert()
            .success()
            .stdout(contains(says));
        std::fs::read_to_string(&to).unwrap()
    };
    let one = r#"{"users": [{"name": "admin", "domain": "example.com", "role": "built-in"}],
        "groups": [{"name": "desk", "domain": "example.com", "role": "none"}],
        "aliases": [{"alias": "info@example.com", "deliver_to": ["admin@example.com"]}]}"#;
    let store = TestStore::with_file("users.json", one);
    let copied = migrate(&store, ": copied 1 account, 1 group, 1 alias to ");
    assert!(copied.contains("info@example.com"));
    migrate(
        &TestStore::example(),
        " accounts, 2 groups, 2 aliases and the license to ",
    );
}

#[test]
fn an_interrupted_run_counts_its_pending_changes() {
    for (users, pending) in [
        (&["jdoe"][..], "1 change pending"),
        (&["jdoe", "asmith"], "2 changes pending"),
    ] {
        let store = TestStore::example();
        store
            .run_as(ADMIN)
            .env("MAILUSER_FAILPOINT", "journal-committed")
            .arg("disable")
            .args(users)
            .assert()
            .failure();
        assert!(store.pending_intents() > 0, "an interrupted run waits");
        store
            .cmd()
            .arg("list")
            .assert()
            .success()
            .stderr(contains(format!("by the next changing run: {pending}\n")));
    }
}

#[test]
fn kept_mailboxes_and_tombstones_count_messages_and_bytes() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .args(["remove", "kim", "--keep-mailbox"])
        .assert()
        .success();
    // One message of one byte left in the kept mailbox.
    let kept = store.path("mail/example.org/kim");
    std::fs::remove_dir_all(&kept).unwrap();
    let orphans = |says: &str| {
        let list = store.cmd().args(["list", "--orphans"]).assert();
        list.success().stdout(contains(says));
    };
    store.write("mail/example.org/kim/INBOX/#msgs/1.eml", "x");
    orphans(
        "mail/example.org/kim  (kept mailbox of kim@example.org: 1 message, 1 byte, last change ",
    );
    store.write("mail/example.org/kim/INBOX/#msgs/2.eml", "y");
    orphans("kim@example.org: 2 messages, 2 bytes, last change ");
}

#[test]
fn a_malformed_csv_row_counts_the_fields_it_expected() {
    let store = TestStore::example();
    let csv = store.tmp.path().join("rows.csv");
    std::fs::write(&csv, "user\njdoe,extra\n").unwrap();
    store
        .run_as(ADMIN)
        .args(["apply", "--user-column", "user", "--action", "disable"])
        .arg(&csv)
        .assert()
        .code(2)
        .stderr(contains("line 2: expected 1 field, found 2"));
    assert_eq!(
        store.user("jdoe@example.com")["enabled"],
        serde_json::Value::Null
    );
}
