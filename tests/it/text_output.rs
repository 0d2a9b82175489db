//! The human text of the read-only commands and of plans, snapshot-tested
//! so that a change to it is a reviewed change.

use crate::common::TestStore;

fn stdout(store: &TestStore, args: &[&str]) -> String {
    let out = store
        .run_as("admin@example.com")
        .args(args)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn read_only_commands() {
    let store = TestStore::example();
    insta::assert_snapshot!("list", stdout(&store, &["list"]));
    insta::assert_snapshot!("show", stdout(&store, &["show", "jdoe"]));
    insta::assert_snapshot!("license", stdout(&store, &["license"]));
}

#[test]
fn plans() {
    let store = TestStore::example();
    let csv = store.tmp.path().join("leavers.csv");
    std::fs::write(
        &csv,
        "action,user,mailbox,transfer_to,purge_settings\n\
         disable,jdoe,,,\nremove,asmith,transfer,boss,true\nremove,kim,delete,,\nunlock,tlock,,,\n",
    )
    .unwrap();
    insta::assert_snapshot!(
        "apply_dry_run",
        stdout(&store, &["--dry-run", "apply", csv.to_str().unwrap()])
    );
    insta::assert_snapshot!(
        "remove_dry_run",
        stdout(
            &store,
            &[
                "--dry-run",
                "remove",
                "gone",
                "zoë",
                "--keep-mailbox",
                "--purge-settings"
            ]
        )
    );
}
