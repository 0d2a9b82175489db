//! `apply`: bulk CSV runs, checked row by row before anything changes.

use crate::common::{STAMP, TestStore, json_lines};
use predicates::str::contains;

const ADMIN: &str = "admin@example.com";
const HEADER: &str = "action,user,mailbox,transfer_to,purge_settings\n";

/// Runs `apply [extra] FILE` as the admin.
fn apply(store: &TestStore, extra: &[&str], csv: &std::path::Path) -> assert_cmd::assert::Assert {
    store
        .run_as(ADMIN)
        .arg("apply")
        .args(extra)
        .arg(csv)
        .assert()
}

fn with_csv(store: &TestStore, rows: &str) -> std::path::PathBuf {
    let path = store.tmp.path().join("bulk.csv");
    std::fs::write(&path, format!("{HEADER}{rows}")).unwrap();
    path
}

#[test]
fn every_row_applies_and_the_directory_is_written_once() {
    let store = TestStore::example();
    let original = store.read("users.json");
    let all = store.messages();
    let csv = with_csv(
        &store,
        "disable,jdoe@example.com,,,\n\
         remove,asmith@example.com,transfer,boss@example.com,true\n\
         unlock,tlock,,,\n\
         remove,kim@example.org,delete,,\n\
         enable,gone,,,\n",
    );
    apply(&store, &[], &csv)
        .success()
        .stdout(contains("line 2: jdoe@example.com: disabled"))
        .stdout(contains("line 6: gone@example.com: enabled"));
    assert_eq!(store.read("users.json.bak"), original, "one save per run");
    assert_eq!(store.user("jdoe@example.com")["enabled"], false);
    assert_eq!(store.user("asmith@example.com"), serde_json::Value::Null);
    assert_eq!(store.user("tlock@example.com")["locked"], false);
    assert_eq!(store.user("gone@example.com")["enabled"], true);
    assert_eq!(
        store
            .messages_in("mail/example.com/boss/Deleted user asmith@example.com")
            .len(),
        3
    );
    assert_eq!(
        store.messages().len(),
        all.len() - 3,
        "only kim's mail is gone"
    );
    let log = store.log_lines();
    assert_eq!(log.len(), 5);
    assert_eq!(
        log[0],
        format!("{STAMP} User jdoe@example.com disabled by admin@example.com")
    );
    assert!(log[1].ends_with(
        "mailbox transferred to boss@example.com, settings purged (alias sales@example.com), \
         instant messaging files deleted"
    ));
}

#[test]
fn failing_rows_are_reported_and_the_rest_applied_with_exit_6() {
    let store = TestStore::example();
    let csv = with_csv(
        &store,
        "disable,jdoe,,,\n\
         disable,nobody@example.com,,,\n\
         frobnicate,asmith,,,\n\
         disable,admin,,,\n\
         remove,kim@example.org,,,\n\
         disable,jdoe,,,\n\
         disable,asmith,,,\n",
    );
    let out = apply(&store, &[], &csv).code(6);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    let csv_name = csv.display().to_string();
    for expected in [
        format!("{csv_name}, line 3, column `user`: nobody@example.com: no such account"),
        format!("{csv_name}, line 4, column `action`: unknown action \"frobnicate\""),
        format!(
            "{csv_name}, line 5, column `user`: admin@example.com: refused by rule `not-own-account`"
        ),
        format!(
            "{csv_name}, line 6, column `mailbox`: remove needs mailbox keep, transfer or delete"
        ),
        format!(
            "{csv_name}, line 7, column `user`: jdoe@example.com appears twice (first on line 2)"
        ),
    ] {
        assert!(
            stderr.contains(&expected),
            "missing {expected:?} in\n{stderr}"
        );
    }
    assert_eq!(store.user("jdoe@example.com")["enabled"], false);
    assert_eq!(store.user("asmith@example.com")["enabled"], false);
    assert_eq!(store.log_lines().len(), 2);
}

#[test]
fn atomic_applies_nothing_when_a_row_fails() {
    let store = TestStore::example();
    let before = store.snapshot();
    let csv = with_csv(
        &store,
        "disable,jdoe,,,\nremove,nobody@example.com,keep,,\ndisable,boss,,,\n",
    );
    apply(&store, &["--atomic"], &csv).code(4);
    let csv = with_csv(&store, "disable,jdoe,,,\ndisable,admin,,,\n");
    apply(&store, &["--atomic"], &csv).code(3);
    assert_eq!(store.snapshot(), before);
}

#[test]
fn when_no_row_applies_the_first_failing_row_sets_the_code() {
    let store = TestStore::example();
    let before = store.snapshot();
    let csv = with_csv(&store, "disable,admin,,,\ndisable,nobody@example.com,,,\n");
    apply(&store, &[], &csv).code(3);
    let csv = with_csv(&store, "enable,bad/name,,,\ndisable,admin,,,\n");
    apply(&store, &[], &csv).code(2);
    assert_eq!(store.snapshot(), before);
}

#[test]
fn seats_count_the_rows_before() {
    let store = TestStore::example();
    let json = store
        .read("users.json")
        .replace("\"seats\": 10", "\"seats\": 9");
    store.write("users.json", &json);
    let before = store.snapshot();
    let csv = with_csv(&store, "enable,gone,,,\ndisable,jdoe,,,\n");
    apply(&store, &["--atomic"], &csv).code(5);
    assert_eq!(store.snapshot(), before);
    let csv = with_csv(&store, "disable,jdoe,,,\nenable,gone,,,\n");
    apply(&store, &["--atomic"], &csv).success();
    assert_eq!(store.user("gone@example.com")["enabled"], true);
}

#[test]
fn a_transfer_to_an_account_removed_in_the_same_file_is_refused() {
    let store = TestStore::example();
    let csv = with_csv(
        &store,
        "remove,jdoe,transfer,asmith,\nremove,asmith,delete,,\n",
    );
    apply(&store, &[], &csv)
        .code(6)
        .stderr(contains("line 2, column `transfer_to`: cannot transfer a mailbox to asmith@example.com: it is removed in the same run"));
    assert_eq!(store.user("jdoe@example.com")["name"], "jdoe");
    assert_eq!(store.user("asmith@example.com"), serde_json::Value::Null);
}

#[test]
fn bad_headers_reject_the_whole_file() {
    let store = TestStore::example();
    let before = store.snapshot();
    for (csv, message) in [
        (
            "action,user,colour\ndisable,jdoe,red\n",
            "line 1, field `colour`: unknown column `colour`",
        ),
        ("action,mailbox\ndisable,\n", "missing column `user`"),
        (
            "user,action,user\njdoe,disable,jdoe\n",
            "column `user` appears twice",
        ),
        (
            "action,user\ndisable,jdoe,extra\n",
            "line 2: expected 2 fields, found 3",
        ),
    ] {
        let path = store.tmp.path().join("bad.csv");
        std::fs::write(&path, csv).unwrap();
        store
            .run_as(ADMIN)
            .arg("apply")
            .arg(&path)
            .assert()
            .code(2)
            .stderr(contains(message));
    }
    assert_eq!(store.snapshot(), before);
}

#[test]
fn spreadsheet_exports_are_accepted() {
    let store = TestStore::example();
    let path = store.tmp.path().join("excel.csv");
    std::fs::write(
        &path,
        "\u{feff} Action , User ,Mailbox,Transfer_To,Purge_Settings\r\n\
         DISABLE,jdoe@example.com,,,\r\n\
         \"remove\",\" asmith@example.com \",Keep,,FALSE\r\n\r\n,,,,\r\n",
    )
    .unwrap();
    store
        .run_as(ADMIN)
        .arg("apply")
        .arg(&path)
        .assert()
        .success();
    assert_eq!(store.user("jdoe@example.com")["enabled"], false);
    assert_eq!(store.user("asmith@example.com"), serde_json::Value::Null);
}

#[test]
fn rows_can_come_from_stdin() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .args(["apply", "-"])
        .write_stdin(format!("{HEADER}disable,jdoe,,,\n"))
        .assert()
        .success()
        .stdout("line 2: jdoe@example.com: disabled\n1 row: 1 changed, 0 unchanged, 0 failed\n");
}

#[test]
fn missing_ok_lets_a_rerun_pass() {
    let store = TestStore::example();
    let csv = with_csv(&store, "remove,jdoe,keep,,\ndisable,asmith,,,\n");
    apply(&store, &[], &csv).success();
    apply(&store, &[], &csv).code(6);
    store
        .run_as(ADMIN)
        .args(["apply", "--missing-ok"])
        .arg(&csv)
        .assert()
        .success()
        .stdout(contains("line 2: jdoe: no such account, skipped"))
        .stdout(contains("line 3: asmith@example.com: already disabled"));
    assert_eq!(store.log_lines().len(), 2);
}

#[test]
fn json_output_has_one_object_per_row() {
    let store = TestStore::example();
    let csv = with_csv(&store, "disable,jdoe,,,\ndisable,nobody@example.com,,,\n");
    let out = store
        .run_as(ADMIN)
        .args(["apply", "--format", "json"])
        .arg(&csv)
        .assert()
        .code(6);
    let mut lines = json_lines(&out.get_output().stdout);
    // The last object is the summary, told apart by `summary`.
    let summary = lines.pop().unwrap();
    assert_eq!(summary["summary"], true);
    assert_eq!(
        (summary["changed"].as_u64(), summary["failed"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["line"], 2);
    assert_eq!(lines[0]["result"], "changed");
    assert_eq!(lines[1]["line"], 3);
    assert_eq!(lines[1]["result"], "failed");
    assert_eq!(lines[1]["column"], "user");
    assert_eq!(lines[1]["code"], 4);
}

/// A store of the built-in admin and `n` accounts with one message each,
/// and a bulk file deleting every mailbox: `n` mailbox steps (no account
/// has instant-messaging files).
fn store_with_leavers(n: usize) -> (TestStore, std::path::PathBuf) {
    let users: Vec<String> = (1..=n)
        .map(|i| format!("    {{\"name\": \"u{i:02}\", \"domain\": \"x.org\"}}"))
        .collect();
    let store = TestStore::with_file(
        "users.json",
        &format!(
            "{{\n  \"users\": [\n    {{\"name\": \"admin\", \"domain\": \"x.org\", \"role\": \"built-in\"}},\n{}\n  ]\n}}\n",
            users.join(",\n")
        ),
    );
    let mut rows = String::new();
    for i in 1..=n {
        store.write(
            &format!("mail/x.org/u{i:02}/INBOX/#msgs/1.eml"),
            "Subject: hi\n\nhi\n",
        );
        rows.push_str(&format!("remove,u{i:02}@x.org,delete,,\n"));
    }
    let csv = with_csv(&store, &rows);
    (store, csv)
}

/// `apply [extra] FILE` on a store of `n` leavers, with stderr on a
/// terminal: what the terminal showed. The run must have removed them all.
#[cfg(unix)]
fn apply_on_a_terminal(n: usize, extra: &[&str]) -> String {
    let (store, csv) = store_with_leavers(n);
    let mut cmd = store.std_cmd();
    // indicatif draws nothing where TERM is unset or `dumb`, as a real
    // terminal never leaves it.
    cmd.env("MAILUSER_ACTOR", "admin@x.org")
        .env("TERM", "xterm")
        .arg("apply")
        .args(extra)
        .arg(&csv)
        .stdout(std::process::Stdio::null())
        // Not the terminal `cargo test` may run on: these rows delete mail,
        // which a run with a terminal on standard input asks about.
        .stdin(std::process::Stdio::null());
    let (status, terminal) = crate::common::stderr_on_a_terminal(cmd);
    assert!(status.success(), "{status}: {terminal}");
    assert_eq!(store.json()["users"].as_array().unwrap().len(), 1);
    assert!(store.messages().is_empty());
    terminal
}

#[cfg(unix)]
#[test]
fn a_long_run_shows_a_progress_bar_on_a_terminal() {
    let terminal = apply_on_a_terminal(20, &[]);
    assert!(
        terminal.contains("/20 accounts, "),
        "no progress bar on the terminal: {terminal:?}"
    );
}

#[cfg(unix)]
#[test]
fn no_progress_bar_with_quiet_or_for_a_short_run() {
    assert_eq!(apply_on_a_terminal(20, &["-q"]), "", "-q");
    assert_eq!(apply_on_a_terminal(19, &[]), "", "19 accounts");
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let (store, csv) = store_with_leavers(20);
    store
        .run_as("admin@x.org")
        .arg("apply")
        .arg(&csv)
        .assert()
        .success()
        .stderr("");
    assert!(store.messages().is_empty());
}

#[test]
fn a_file_without_rows_is_a_day_without_leavers() {
    let store = TestStore::example();
    let before = store.snapshot();
    for text in [
        "action,user,mailbox,transfer_to,purge_settings\n",
        "",
        "\u{feff}\r\n",
    ] {
        let path = store.tmp.path().join("empty.csv");
        std::fs::write(&path, text).unwrap();
        apply(&store, &[], &path)
            .success()
            .stdout("")
            .stderr(contains("no rows to apply"));
        apply(&store, &["-q"], &path).success().stderr("");
    }
    assert_eq!(store.snapshot(), before);
}
