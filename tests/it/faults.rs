//! Faults and hostile environments: overlapping runs, interrupted bulk
//! runs, a permissive umask, spreadsheet files, non-ASCII everywhere.

use std::process::{Command, Stdio};

use crate::common::{STAMP, TestStore, assert_messages};
use predicates::str::contains;

const ADMIN: &str = "admin@example.com";

#[test]
fn overlapping_runs_wait_and_apply_every_change_exactly_once() {
    let store = TestStore::example();
    let targets = [
        "jdoe",
        "asmith",
        "mlee",
        "rview",
        "tlock",
        "kim",
        "zoë",
        "ozil@example.org",
    ];
    let children: Vec<_> = targets
        .iter()
        .map(|target| {
            store
                .std_cmd()
                .args(["--as", ADMIN, "--wait", "120", "disable", target])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for target in [
        "jdoe@example.com",
        "asmith@example.com",
        "mlee@example.com",
        "kim@example.org",
        "zoë@example.org",
        "ozil@example.org",
    ] {
        assert_eq!(store.user(target)["enabled"], false, "{target}");
    }
    let log = store.log_lines();
    assert_eq!(log.len(), 8, "{log:#?}");
    for target in targets {
        let address = if target.contains('@') {
            target.to_string()
        } else if ["kim", "zoë"].contains(&target) {
            format!("{target}@example.org")
        } else {
            format!("{target}@example.com")
        };
        let line = format!("{STAMP} User {address} disabled by admin@example.com");
        assert_eq!(log.iter().filter(|l| **l == line).count(), 1, "{line}");
    }
}

#[test]
fn overlapping_runs_of_one_change_apply_it_once() {
    let store = TestStore::example();
    let children: Vec<_> = (0..8)
        .map(|_| {
            store
                .std_cmd()
                .args(["--as", ADMIN, "--wait", "120", "remove", "jdoe"])
                .args(["--transfer-to", "boss", "--missing-ok"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        assert!(child.wait_with_output().unwrap().status.success());
    }
    assert_eq!(store.log_lines().len(), 1);
    assert_eq!(
        store
            .messages_in("mail/example.com/boss/Deleted user jdoe@example.com")
            .len(),
        3
    );
    assert!(
        !store
            .path("mail/example.com/boss/Deleted user jdoe@example.com (2)")
            .exists()
    );
}

#[test]
fn an_interrupted_apply_is_finished_by_the_next_run() {
    let store = TestStore::example();
    let all = store.messages();
    let csv = store.tmp.path().join("bulk.csv");
    std::fs::write(
        &csv,
        "action,user,mailbox,transfer_to,purge_settings\n\
         disable,jdoe,,,\nremove,asmith,transfer,boss,true\nremove,kim,keep,,true\n",
    )
    .unwrap();
    store
        .run_as(ADMIN)
        .env("MAILUSER_FAILPOINT", "mailbox-op-2")
        .arg("apply")
        .arg(&csv)
        .assert()
        .failure();
    store
        .run_as(ADMIN)
        .args(["unlock", "tlock"])
        .assert()
        .success()
        .stderr(contains("finished an interrupted run"));
    assert_eq!(store.user("jdoe@example.com")["enabled"], false);
    assert_eq!(store.user("asmith@example.com"), serde_json::Value::Null);
    assert_eq!(store.user("kim@example.org"), serde_json::Value::Null);
    assert_messages(&store.messages(), &all, true, "after recovery");
    assert_eq!(store.log_lines().len(), 4);
    assert_eq!(store.pending_intents(), 0);
}

#[cfg(unix)]
#[test]
fn nothing_the_tool_creates_is_world_writable_even_with_umask_0() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("store");
    let bin = assert_cmd::cargo::cargo_bin("mailuser");
    let run = |args: &str| {
        let status = Command::new("sh")
            .arg("-c")
            .arg(format!("umask 0 && exec \"$0\" {args}"))
            .arg(&bin)
            .env_clear()
            .env("MAILUSER_STORE", &root)
            .env("MAILUSER_ACTOR", ADMIN)
            .env("MAILUSER_NOW", crate::common::NOW)
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "{args}");
    };
    run(&format!("init {} --sample 6 --seed 2", root.display()));
    let accounts: Vec<String> = {
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(root.join("users.json")).unwrap()).unwrap();
        json["users"].as_array().unwrap()[1..4]
            .iter()
            .map(crate::common::address_of)
            .collect()
    };
    run(&format!("remove {} --transfer-to {ADMIN}", accounts[0]));
    run(&format!("remove {} --delete-mailbox", accounts[1]));
    run(&format!("disable {}", accounts[2]));
    run(&format!(
        "add new@example.com --log-dir {}/newlogs",
        tmp.path().display()
    ));
    for entry in walkdir::WalkDir::new(tmp.path()) {
        let entry = entry.unwrap();
        let mode = entry.metadata().unwrap().permissions().mode();
        if entry.path() != tmp.path() {
            assert_eq!(
                mode & 0o002,
                0,
                "{} is world-writable ({mode:o})",
                entry.path().display()
            );
        }
    }
}

#[test]
fn users_csv_from_a_spreadsheet_round_trips() {
    let text = "\u{feff} name ,domain, enabled ,full_name,Notes,role\r\n\
                admin,x.org,,Admin,,built-in\r\n\
                jdoe,x.org,TRUE,\"Doe, Jane \"\"JD\"\"\",\"line one\r\nline two\",\r\n\
                zoë,x.org,,Zoë Ångström,ünïcödé,\r\n\
                \r\n";
    let store = TestStore::with_file("users.csv", text);
    store
        .run_as("admin@x.org")
        .args(["disable", "zoë@x.org"])
        .assert()
        .success();
    store
        .run_as("admin@x.org")
        .args(["enable", "zoë@x.org"])
        .assert()
        .success();
    let after = store.read("users.csv");
    // Only zoë's row is rewritten; every other byte stays (SPEC §2).
    let expected = text.replace("zoë,x.org,,", "zoë,x.org,true,");
    assert_eq!(after, expected);
    assert_eq!(
        store.log_lines()[0],
        format!("{STAMP} User zoë@x.org disabled by admin@x.org")
    );
}

#[test]
fn non_ascii_accounts_work_end_to_end() {
    let store = TestStore::example();
    let all = store.messages();
    store
        .run_as(ADMIN)
        .args([
            "remove",
            "zoë@example.org",
            "--transfer-to",
            "kim@example.org",
            "--purge-settings",
        ])
        .assert()
        .success()
        .stdout(contains("zoë@example.org: removed"));
    assert_eq!(
        store
            .messages_in("mail/example.org/kim/Deleted user zoë@example.org")
            .len(),
        3
    );
    assert_messages(&store.messages(), &all, true, "zoë");
    store
        .run_as(ADMIN)
        .args(["add", "zoë@example.org", "--full-name", "Zoë Ångström"])
        .assert()
        .success();
    store
        .cmd()
        .args(["show", "ZOË@EXAMPLE.ORG"])
        .assert()
        .success()
        .stdout(contains("Zoë Ångström"));
}
