//! The output layer on a closed pipe, and dry runs that plan against the
//! directory an interrupted run will leave.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::common::TestStore;
use predicates::str::contains;

const ADMIN: &str = "admin@example.com";

/// Runs `args` with stdout read for one line, then closed, as `| head -1`.
fn first_line_then_close(store: &TestStore, args: &[&str]) -> (Option<i32>, String) {
    let mut child = store
        .std_cmd()
        .env("MAILUSER_ACTOR", ADMIN)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    // The reader is dropped here: the pipe is closed.
    let out = child.wait_with_output().unwrap();
    assert!(!line.is_empty());
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("big");
    let store = TestStore::example();
    store
        .cmd()
        .args([
            "init",
            root.to_str().unwrap(),
            "--sample",
            "3000",
            "--messages",
            "0",
        ])
        .assert()
        .success();
    let mut csv = String::from("action,user\n");
    let users: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("users.json")).unwrap()).unwrap();
    for user in users["users"].as_array().unwrap().iter().skip(1).take(2000) {
        csv.push_str(&format!(
            "unlock,{}@{}\n",
            user["name"].as_str().unwrap(),
            user["domain"].as_str().unwrap()
        ));
    }
    std::fs::write(tmp.path().join("rows.csv"), csv).unwrap();
    let store_arg = format!("--store={}", root.display());
    for args in [
        vec![store_arg.as_str(), "list"],
        vec![store_arg.as_str(), "list", "--format", "json"],
        vec![store_arg.as_str(), "show", "admin@example.com"],
        vec![
            store_arg.as_str(),
            "--dry-run",
            "apply",
            tmp.path().join("rows.csv").to_str().unwrap(),
        ],
    ] {
        let (code, stderr) = first_line_then_close(&store, &args);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_dry_run_plans_against_what_the_interrupted_run_will_leave() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .env("MAILUSER_FAILPOINT", "journal-committed")
        .args(["remove", "jdoe", "--keep-mailbox"])
        .assert()
        .failure();
    let before = store.snapshot();
    // On disk jdoe is still there; once the interrupted run is finished it
    // is not, and that is what a real run would say.
    store
        .run_as(ADMIN)
        .args(["--dry-run", "remove", "jdoe", "--keep-mailbox"])
        .assert()
        .code(4)
        .stderr(contains(
            "planning against the directory as the interrupted run will leave it",
        ));
    assert_eq!(store.snapshot(), before, "a dry run finishes nothing");
    store
        .run_as(ADMIN)
        .args(["remove", "jdoe", "--keep-mailbox"])
        .assert()
        .code(4);
}

#[test]
fn warnings_all_read_mailuser_warning() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .arg("disable")
        .arg("-")
        .write_stdin("")
        .assert()
        .success()
        .stderr("mailuser: warning: no accounts on standard input: nothing to do\n");
}
