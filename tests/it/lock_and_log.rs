//! The store lock, atomic saves and the warning log.

use std::fs::OpenOptions;

use crate::common::{STAMP, TestStore};
use predicates::str::contains;

const ADMIN: &str = "admin@example.com";

#[test]
fn a_locked_store_exits_75_and_changes_nothing() {
    let store = TestStore::example();
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(store.path(".mailuser.lock"))
        .unwrap();
    lock.lock().unwrap();
    let before = store.snapshot();
    store
        .run_as(ADMIN)
        .args(["disable", "jdoe"])
        .assert()
        .code(75)
        .stderr(contains("locked by another run"));
    assert_eq!(store.snapshot(), before);
    store.cmd().arg("list").assert().success();
    lock.unlock().unwrap();
    store
        .run_as(ADMIN)
        .args(["disable", "jdoe"])
        .assert()
        .success();
}

#[test]
fn the_log_is_appended_never_rewritten() {
    let store = TestStore::example();
    store.write("logs/warning.log", "[24/Nov/2026 09:00:00] earlier line\n");
    store
        .run_as(ADMIN)
        .args(["disable", "jdoe"])
        .assert()
        .success();
    store
        .run_as(ADMIN)
        .args(["enable", "jdoe"])
        .assert()
        .success();
    assert_eq!(
        store.log_lines(),
        [
            "[24/Nov/2026 09:00:00] earlier line".to_string(),
            format!("{STAMP} User jdoe@example.com disabled by admin@example.com"),
            format!("{STAMP} User jdoe@example.com enabled by admin@example.com"),
        ]
    );
}

#[test]
fn the_log_folder_comes_from_the_flag_or_the_environment() {
    let store = TestStore::example();
    let flag_dir = store.tmp.path().join("flag-logs");
    let env_dir = store.tmp.path().join("env-logs");
    store
        .run_as(ADMIN)
        .env("MAILUSER_LOG_DIR", &env_dir)
        .args(["disable", "jdoe"])
        .assert()
        .success();
    store
        .run_as(ADMIN)
        .env("MAILUSER_LOG_DIR", &env_dir)
        .arg("--log-dir")
        .arg(&flag_dir)
        .args(["disable", "asmith"])
        .assert()
        .success();
    let read = |d: &std::path::Path| std::fs::read_to_string(d.join("warning.log")).unwrap();
    assert!(read(&env_dir).contains("User jdoe@example.com disabled"));
    assert!(read(&flag_dir).contains("User asmith@example.com disabled"));
    assert!(store.log_lines().is_empty());
}

#[test]
fn the_clock_prints_in_the_offset_it_is_given() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .env("MAILUSER_NOW", "2026-01-02T23:59:58-05:00")
        .args(["disable", "jdoe"])
        .assert()
        .success();
    assert_eq!(
        store.log_lines(),
        ["[02/Jan/2026 23:59:58] User jdoe@example.com disabled by admin@example.com"]
    );
}

#[test]
fn non_ascii_names_are_logged_as_utf8() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .args(["disable", "zoë@example.org"])
        .assert()
        .success();
    assert_eq!(
        store.log_lines(),
        [format!(
            "{STAMP} User zoë@example.org disabled by admin@example.com"
        )]
    );
}

#[test]
fn an_unwritable_log_folder_stops_the_run_before_any_change() {
    let store = TestStore::example();
    store.write("not-a-folder", "x");
    let before = store.snapshot();
    store
        .run_as(ADMIN)
        .arg("--log-dir")
        .arg(store.path("not-a-folder"))
        .args(["disable", "jdoe"])
        .assert()
        .code(1);
    assert_eq!(store.snapshot(), before);
}

#[test]
fn a_crash_while_saving_leaves_the_old_or_the_new_directory() {
    for (step, changed) in [
        ("journal-prepared", false),
        ("save-after-backup", false),
        ("save-after-rename", true),
    ] {
        let store = TestStore::example();
        let before = store.read("users.json");
        store
            .run_as(ADMIN)
            .env("MAILUSER_FAILPOINT", step)
            .args(["disable", "jdoe"])
            .assert()
            .failure();
        let now: serde_json::Value = serde_json::from_str(&store.read("users.json")).unwrap();
        let disabled = now["users"][2]["enabled"] == false;
        assert_eq!(disabled, changed, "{step}");
        if !changed {
            assert_eq!(store.read("users.json"), before, "{step}");
        }
        store
            .run_as(ADMIN)
            .args(["disable", "jdoe"])
            .assert()
            .success();
        assert_eq!(store.user("jdoe@example.com")["enabled"], false, "{step}");
    }
}

#[test]
fn a_write_error_while_saving_leaves_the_old_directory() {
    let store = TestStore::example();
    let before = store.snapshot();
    store
        .run_as(ADMIN)
        .env("MAILUSER_FAILPOINT", "save-write")
        .args(["disable", "jdoe"])
        .assert()
        .code(1)
        .stderr(contains("failpoint save-write"));
    let mut after = store.snapshot();
    after.remove("logs/warning.log");
    let mut expected = before;
    expected.remove("logs/warning.log");
    assert_eq!(after, expected);
    assert!(store.log_lines().is_empty());
}

#[test]
fn any_wait_is_accepted() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .args(["--wait", &u64::MAX.to_string(), "disable", "jdoe"])
        .assert()
        .success();
    store
        .run_as(ADMIN)
        .args(["--wait", "-1", "disable", "jdoe"])
        .assert()
        .code(2);
}
