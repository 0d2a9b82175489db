//! `--dry-run` prints the plan a real run executes: each command is run
//! dry, then for real, and the two reports must agree.

use crate::common::{TestStore, json_lines};

const ADMIN: &str = "admin@example.com";

/// The JSON report of a run without the fields that differ by design.
fn report(store: &TestStore, args: &[&str], dry: bool, code: i32) -> Vec<serde_json::Value> {
    let mut cmd = store.run_as(ADMIN);
    if dry {
        cmd.arg("--dry-run");
    }
    let out = cmd
        .args(["--format", "json"])
        .args(args)
        .assert()
        .code(code);
    json_lines(&out.get_output().stdout)
        .into_iter()
        .map(|mut v| {
            let object = v.as_object_mut().unwrap();
            object.remove("dry_run");
            if object["result"] == "planned" {
                object.insert("result".into(), "changed".into());
            }
            v
        })
        .collect()
}

fn agree(args: &[&str], code: i32) {
    let store = TestStore::example();
    let before = store.snapshot();
    let dry = report(&store, args, true, code);
    assert_eq!(
        store.snapshot(),
        before,
        "{args:?}: the dry run changed the store"
    );
    let real = report(&store, args, false, code);
    assert!(!real.is_empty());
    assert_eq!(dry, real, "{args:?}");
}

#[test]
fn dry_runs_agree_with_real_runs() {
    agree(&["disable", "jdoe", "gone"], 0);
    agree(&["enable", "gone", "jdoe"], 0);
    agree(&["unlock", "tlock", "jdoe"], 0);
    agree(&["remove", "jdoe", "--keep-mailbox", "--purge-settings"], 0);
    agree(&["remove", "jdoe", "asmith", "--transfer-to", "boss"], 0);
    agree(&["remove", "jdoe", "--delete-mailbox"], 0);
    agree(
        &[
            "remove",
            "nobody",
            "jdoe",
            "--delete-mailbox",
            "--missing-ok",
        ],
        0,
    );
    agree(&["add", "new@example.org", "--role", "full"], 0);
    agree(&["disable", "admin"], 3);
    agree(&["disable", "nobody@example.com"], 4);
}

#[test]
fn dry_run_apply_agrees_with_the_real_run() {
    let store = TestStore::example();
    let csv = store.tmp.path().join("bulk.csv");
    std::fs::write(
        &csv,
        "action,user,mailbox,transfer_to,purge_settings\n\
         disable,jdoe,,,\nremove,asmith,transfer,boss,true\nremove,nobody,keep,,\nenable,gone,,,\n",
    )
    .unwrap();
    let csv = csv.to_str().unwrap();
    let before = store.snapshot();
    let dry = report(&store, &["apply", csv], true, 6);
    assert_eq!(store.snapshot(), before);
    let real = report(&store, &["apply", csv], false, 6);
    // Four rows and the summary.
    assert_eq!(dry.len(), 5);
    assert_eq!(dry[4]["summary"], true);
    assert_eq!(dry, real);
}
