//! `disable`, `enable` and `unlock` on real temporary stores.

use crate::common::{STAMP, TestStore, json_lines};
use predicates::str::contains;

const ADMIN: &str = "admin@example.com";

#[test]
fn disable_writes_the_directory_the_backup_and_the_log() {
    let store = TestStore::example();
    let before = store.read("users.json");
    store
        .run_as(ADMIN)
        .args(["disable", "jdoe@example.com"])
        .assert()
        .success()
        .stdout("jdoe@example.com: disabled\n");
    assert_eq!(store.user("jdoe@example.com")["enabled"], false);
    assert_eq!(
        store.user("asmith@example.com")["enabled"],
        serde_json::Value::Null
    );
    assert_eq!(store.read("users.json.bak"), before);
    assert_eq!(
        store.log_lines(),
        [format!(
            "{STAMP} User jdoe@example.com disabled by admin@example.com"
        )]
    );
}

#[test]
fn disabling_twice_changes_nothing_and_succeeds() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .args(["disable", "jdoe"])
        .assert()
        .success();
    let after_first = store.snapshot();
    store
        .run_as(ADMIN)
        .args(["disable", "jdoe@example.com"])
        .assert()
        .success()
        .stdout("jdoe@example.com: already disabled, nothing to change\n");
    assert_eq!(store.snapshot(), after_first);
}

#[test]
fn enable_and_disable_leave_the_server_lock_alone() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .args(["disable", "tlock"])
        .assert()
        .success();
    assert_eq!(store.user("tlock@example.com")["locked"], true);
    store
        .run_as(ADMIN)
        .args(["enable", "tlock"])
        .assert()
        .success();
    let tlock = store.user("tlock@example.com");
    assert_eq!(
        (tlock["enabled"].clone(), tlock["locked"].clone()),
        (true.into(), true.into())
    );
}

#[test]
fn unlock_clears_the_lock_only() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .args(["unlock", "tlock@example.com"])
        .assert()
        .success()
        .stdout("tlock@example.com: unlocked\n");
    assert_eq!(store.user("tlock@example.com")["locked"], false);
    assert_eq!(
        store.user("tlock@example.com")["enabled"],
        serde_json::Value::Null
    );
    assert_eq!(
        store.log_lines(),
        [format!(
            "{STAMP} User tlock@example.com unlocked by admin@example.com"
        )]
    );
    store
        .run_as(ADMIN)
        .args(["unlock", "tlock@example.com"])
        .assert()
        .success()
        .stdout("tlock@example.com: not locked, nothing to change\n");
    assert_eq!(store.log_lines().len(), 1);
}

#[test]
fn enable_without_a_free_seat_exits_5_and_changes_nothing() {
    let store = TestStore::example();
    let json = store
        .read("users.json")
        .replace("\"seats\": 10", "\"seats\": 9");
    store.write("users.json", &json);
    let before = store.snapshot();
    store
        .run_as(ADMIN)
        .args(["enable", "gone@example.com"])
        .assert()
        .code(5)
        .stderr(contains("gone@example.com: no free seat: 9 of 9 used"));
    assert_eq!(store.snapshot(), before);
}

#[test]
fn enable_takes_the_last_seat_then_refuses() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .args(["disable", "jdoe", "asmith"])
        .assert()
        .success();
    let json = store
        .read("users.json")
        .replace("\"seats\": 10", "\"seats\": 8");
    store.write("users.json", &json);
    store
        .run_as(ADMIN)
        .args(["enable", "jdoe"])
        .assert()
        .success();
    assert_eq!(store.user("jdoe@example.com")["enabled"], true);
    let before = store.snapshot();
    store
        .run_as(ADMIN)
        .args(["enable", "asmith", "gone"])
        .assert()
        .code(5);
    assert_eq!(store.snapshot(), before);
}

#[test]
fn several_users_and_stdin_are_accepted() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .args(["disable", "-", "kim@example.org"])
        .write_stdin("jdoe@example.com\n\n# a comment\nasmith\n")
        .assert()
        .success();
    for account in ["jdoe@example.com", "asmith@example.com", "kim@example.org"] {
        assert_eq!(store.user(account)["enabled"], false, "{account}");
    }
    assert_eq!(store.log_lines().len(), 3);
}

#[test]
fn one_failing_target_changes_nothing() {
    let store = TestStore::example();
    let before = store.snapshot();
    store
        .run_as(ADMIN)
        .args(["disable", "jdoe@example.com", "nobody@example.com"])
        .assert()
        .code(4)
        .stderr(contains("nobody@example.com: no such account"));
    assert_eq!(store.snapshot(), before);
}

#[test]
fn the_earliest_check_sets_the_exit_code() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .args([
            "disable",
            "admin@example.com",
            "nobody@example.com",
            "bad/name",
        ])
        .assert()
        .code(2);
    store
        .run_as(ADMIN)
        .args(["disable", "admin@example.com", "nobody@example.com"])
        .assert()
        .code(4);
}

#[test]
fn dry_run_prints_the_plan_and_changes_nothing() {
    let store = TestStore::example();
    let before = store.snapshot();
    store
        .run_as(ADMIN)
        .args(["disable", "--dry-run", "jdoe", "gone"])
        .assert()
        .success()
        .stdout(
            "jdoe@example.com: would be disabled\n\
             gone@example.com: already disabled, nothing to change\n\
             2 accounts: 1 to change, 1 unchanged, 0 failed\n",
        );
    assert_eq!(store.snapshot(), before);
    assert!(!store.path(".mailuser.lock").exists());
}

#[test]
fn dry_run_exits_as_the_real_run_would() {
    let store = TestStore::example();
    let before = store.snapshot();
    store
        .run_as("mlee@example.com")
        .args(["--dry-run", "disable", "boss"])
        .assert()
        .code(3);
    store
        .run_as(ADMIN)
        .args(["--dry-run", "disable", "nobody"])
        .assert()
        .code(4);
    assert_eq!(store.snapshot(), before);
}

#[test]
fn json_output_is_one_object_per_line() {
    let store = TestStore::example();
    let out = store
        .run_as(ADMIN)
        .args(["--format", "json", "disable", "jdoe", "gone"])
        .assert()
        .success();
    let mut lines = json_lines(&out.get_output().stdout);
    assert_eq!(lines.pop().unwrap()["summary"], true);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["account"], "jdoe@example.com");
    assert_eq!(lines[0]["action"], "disable");
    assert_eq!(lines[0]["result"], "changed");
    assert_eq!(lines[1]["result"], "unchanged");
}

#[test]
fn json_output_reports_failures_as_objects() {
    let store = TestStore::example();
    let out = store
        .run_as(ADMIN)
        .args(["disable", "--format=json", "nobody@example.com"])
        .assert()
        .code(4);
    let lines = json_lines(&out.get_output().stdout);
    assert_eq!(lines[0]["result"], "failed");
    assert_eq!(lines[0]["code"], 4);
    assert_eq!(lines[0]["account"], "nobody@example.com");
}

#[test]
fn a_changing_command_needs_an_actor() {
    let store = TestStore::example();
    store
        .cmd()
        .args(["disable", "jdoe"])
        .assert()
        .code(2)
        .stderr(contains("--as"));
}

#[test]
fn global_options_work_after_the_command_too() {
    let store = TestStore::example();
    store
        .cmd()
        .args(["disable", "jdoe", "--as", ADMIN, "--format", "json"])
        .assert()
        .success()
        .stdout(contains("\"result\":\"changed\""));
}

#[test]
fn json_output_reports_run_ending_errors_as_objects() {
    let store = TestStore::example();
    let out = store
        .run_as(ADMIN)
        .env("MAILUSER_NOW", "not a time")
        .args(["--format", "json", "disable", "jdoe"])
        .assert()
        .code(2);
    let lines = json_lines(&out.get_output().stdout);
    assert_eq!(lines[0]["result"], "error");
    assert_eq!(lines[0]["code"], 2);
    let out = store
        .run_as(ADMIN)
        .args(["--format", "json", "--store", "/nonexistent", "list"])
        .assert()
        .code(1);
    assert_eq!(json_lines(&out.get_output().stdout)[0]["result"], "error");
}

#[test]
fn nothing_on_stdin_is_nothing_to_do() {
    let store = TestStore::example();
    let before = store.snapshot();
    store
        .run_as(ADMIN)
        .args(["disable", "-"])
        .write_stdin("")
        .assert()
        .success()
        .stdout("")
        .stderr(contains("nothing to do"));
    store
        .run_as(ADMIN)
        .args(["remove", "--delete-mailbox", "-"])
        .write_stdin("\n# nobody today\n")
        .assert()
        .success();
    assert_eq!(store.snapshot(), before);
}
