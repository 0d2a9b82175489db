//! `list`, `show` and `license`: read the directory, change nothing.

use crate::common::{TestStore, json_lines};

#[test]
fn list_prints_every_account() {
    let store = TestStore::example();
    let before = store.snapshot();
    let out = store.cmd().arg("list").assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(text.lines().count(), 11);
    assert!(
        text.lines()
            .any(|l| l.starts_with("tlock@example.com") && l.contains("enabled,locked"))
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("mlee@example.com") && l.contains("account-admin"))
    );
    assert_eq!(store.snapshot(), before);
    assert!(!store.path(".mailuser.lock").exists());
}

#[test]
fn list_filters() {
    let store = TestStore::example();
    let accounts = |args: &[&str]| -> Vec<String> {
        let out = store
            .cmd()
            .arg("list")
            .args(args)
            .args(["--format", "json"])
            .assert()
            .success();
        json_lines(&out.get_output().stdout)
            .iter()
            .map(|v| v["account"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(accounts(&["--disabled"]), ["gone@example.com"]);
    assert_eq!(accounts(&["--locked"]), ["tlock@example.com"]);
    assert_eq!(
        accounts(&["--domain", "example.org"]),
        ["ozil@example.org", "kim@example.org", "zoë@example.org"]
    );
    assert_eq!(accounts(&["--enabled", "--domain", "EXAMPLE.ORG"]).len(), 3);
    assert_eq!(accounts(&["--enabled"]).len(), 10);
}

#[test]
fn show_prints_one_account() {
    let store = TestStore::example();
    store
        .cmd()
        .args(["show", "mlee"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "role:           none (effective: account-admin)",
        ));
    let out = store
        .cmd()
        .args(["show", "jdoe@example.com", "--format", "json"])
        .assert()
        .success();
    let lines = json_lines(&out.get_output().stdout);
    assert_eq!(lines.len(), 1);
    assert_eq!(
        lines[0]["aliases"],
        serde_json::json!(["sales@example.com"])
    );
    assert_eq!(
        lines[0]["forward_to"],
        serde_json::json!(["boss@example.com"])
    );
    store.cmd().args(["show", "nobody"]).assert().code(4);
}

#[test]
fn license_counts_enabled_accounts_but_the_built_in_admin() {
    let store = TestStore::example();
    store
        .cmd()
        .arg("license")
        .assert()
        .success()
        .stdout("seats: 10 total, 9 used, 1 free\n");
    let out = store
        .cmd()
        .args(["license", "--format", "json"])
        .assert()
        .success();
    let lines = json_lines(&out.get_output().stdout);
    assert_eq!(
        lines[0],
        serde_json::json!({"seats_total": 10, "seats_used": 9, "seats_free": 1})
    );
}

#[test]
fn license_of_a_csv_store_is_unlimited() {
    let store = TestStore::with_file(
        "users.csv",
        "name,domain,role,enabled\nadmin,x.org,built-in,\na,x.org,,\nb,x.org,,false\n",
    );
    store
        .cmd()
        .arg("license")
        .assert()
        .success()
        .stdout("seats: unlimited, 1 used\n");
}
