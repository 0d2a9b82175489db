//! Bad input exits 2 (or as SPEC §8 says), names the file, line and field,
//! and changes nothing.

mod common;

use common::TestStore;
use predicates::str::contains;

const ADMIN: &str = "admin@example.com";

/// Runs `disable jdoe` on a store with this directory file and checks the
/// exit code, the message parts and that nothing changed.
fn refused(file: &str, text: &str, code: i32, expect: &[&str]) {
    let store = TestStore::with_file(file, text);
    let before = store.snapshot();
    let mut assert = store
        .run_as(ADMIN)
        .args(["disable", "jdoe@example.com"])
        .assert()
        .code(code);
    for part in expect {
        assert = assert.stderr(contains(*part));
    }
    assert_eq!(store.snapshot(), before, "{text}");
}

const HEAD: &str = "{\n  \"users\": [\n    {\"name\": \"admin\", \"domain\": \"example.com\", \"role\": \"built-in\"},\n";

#[test]
fn malformed_json_names_the_line() {
    let text = format!("{HEAD}    {{\"name\": \"jdoe\", \"domain\": \"example.com\",}}\n  ]\n}}\n");
    refused(
        "users.json",
        &text,
        2,
        &["users.json, line 4", "malformed JSON"],
    );
}

#[test]
fn truncated_json_is_refused() {
    refused("users.json", HEAD, 2, &["users.json", "malformed JSON"]);
}

#[test]
fn a_wrong_type_names_the_field() {
    let text = format!(
        "{HEAD}    {{\"name\": \"jdoe\", \"domain\": \"example.com\",\n     \"enabled\": \"yes\"}}\n  ]\n}}\n"
    );
    refused(
        "users.json",
        &text,
        2,
        &["line 5", "field `users[1].enabled`"],
    );
}

#[test]
fn an_unknown_role_names_the_field() {
    let text = format!(
        "{HEAD}    {{\"name\": \"jdoe\", \"domain\": \"example.com\", \"role\": \"boss\"}}\n  ]\n}}\n"
    );
    refused(
        "users.json",
        &text,
        2,
        &["line 4", "users[1].role", "unknown variant `boss`"],
    );
}

#[test]
fn a_duplicate_account_names_the_line() {
    let text = format!(
        "{HEAD}    {{\"name\": \"jdoe\", \"domain\": \"example.com\"}},\n    {{\"name\": \"JDoe\", \"domain\": \"example.com\"}}\n  ]\n}}\n"
    );
    refused(
        "users.json",
        &text,
        2,
        &["line 5", "users[2].name", "duplicate account"],
    );
}

#[test]
fn a_second_built_in_administrator_is_refused() {
    let text = format!(
        "{HEAD}    {{\"name\": \"jdoe\", \"domain\": \"example.com\", \"role\": \"built-in\"}}\n  ]\n}}\n"
    );
    refused(
        "users.json",
        &text,
        2,
        &["line 4", "users[1].role", "second built-in"],
    );
}

#[test]
fn names_that_escape_the_store_are_refused_in_the_directory() {
    for (field, record) in [
        ("name", r#""name": "../etc", "domain": "example.com""#),
        ("name", r#""name": "a/b", "domain": "example.com""#),
        ("domain", r#""name": "jdoe", "domain": "..""#),
        ("name", r#""name": "tab\tname", "domain": "example.com""#),
        (
            "mailbox",
            r#""name": "jdoe", "domain": "example.com", "mailbox": "../../etc""#,
        ),
        (
            "mailbox",
            r#""name": "jdoe", "domain": "example.com", "mailbox": "/etc""#,
        ),
    ] {
        let text = format!("{HEAD}    {{{record}}}\n  ]\n}}\n");
        refused(
            "users.json",
            &text,
            2,
            &["line 4", &format!("users[1].{field}")],
        );
    }
}

#[test]
fn csv_without_a_required_column_is_refused() {
    refused(
        "users.csv",
        "name,full_name\nadmin,Admin\n",
        2,
        &["users.csv, line 1", "missing column `domain`"],
    );
}

#[test]
fn csv_with_a_bad_boolean_names_line_and_column() {
    let text = "name,domain,enabled,role\nadmin,example.com,,built-in\njdoe,example.com,maybe,\n";
    refused(
        "users.csv",
        text,
        2,
        &["users.csv, line 3", "field `enabled`", "maybe"],
    );
}

#[test]
fn csv_with_an_unknown_role_names_line_and_column() {
    let text = "name,domain,role\nadmin,example.com,built-in\njdoe,example.com,owner\n";
    refused(
        "users.csv",
        text,
        2,
        &["line 3", "field `role`", "unknown role"],
    );
}

#[test]
fn csv_with_a_short_row_is_refused() {
    let text = "name,domain,role\nadmin,example.com,built-in\njdoe,example.com\n";
    refused(
        "users.csv",
        text,
        2,
        &["users.csv, line 3", "malformed CSV"],
    );
}

#[test]
fn csv_with_a_duplicate_is_refused() {
    let text =
        "name,domain,role\nadmin,example.com,built-in\njdoe,example.com,\njdoe,Example.com,\n";
    refused("users.csv", text, 2, &["line 4", "duplicate account"]);
}

#[test]
fn a_user_argument_with_a_path_is_refused() {
    let store = TestStore::example();
    let before = store.snapshot();
    for bad in [
        "../jdoe@example.com",
        "jdoe@../example.com",
        "a/b",
        "x\u{7}y",
        "@example.com",
    ] {
        store
            .run_as(ADMIN)
            .args(["disable", bad])
            .assert()
            .code(2)
            .stderr(contains("bad account"));
    }
    assert_eq!(store.snapshot(), before);
}

#[test]
fn an_ambiguous_bare_name_is_refused() {
    let store = TestStore::example();
    let json = store
        .read("users.json")
        .replace("\"name\": \"kim\"", "\"name\": \"jdoe\"");
    store.write("users.json", &json);
    let before = store.snapshot();
    store
        .run_as(ADMIN)
        .args(["disable", "jdoe"])
        .assert()
        .code(2)
        .stderr(contains("ambiguous"));
    assert_eq!(store.snapshot(), before);
}

#[test]
fn a_store_without_a_directory_exits_1() {
    let store = TestStore::with_file("notes.txt", "");
    store
        .run_as(ADMIN)
        .args(["disable", "jdoe"])
        .assert()
        .code(1)
        .stderr(contains("no users.json or users.csv"));
    store.cmd().arg("list").assert().code(1);
}

#[test]
fn a_store_with_both_directory_files_exits_1() {
    let store = TestStore::example();
    store.write("users.csv", "name,domain\n");
    let before = store.snapshot();
    store
        .run_as(ADMIN)
        .args(["disable", "jdoe"])
        .assert()
        .code(1)
        .stderr(contains("both"));
    assert_eq!(store.snapshot(), before);
}

#[test]
fn a_missing_store_exits_1() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .args(["--store", "/nonexistent/store", "disable", "jdoe"])
        .assert()
        .code(1)
        .stderr(contains("/nonexistent/store"));
}

#[test]
fn a_bad_clock_override_is_refused() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .env("MAILUSER_NOW", "yesterday")
        .args(["disable", "jdoe"])
        .assert()
        .code(2)
        .stderr(contains("MAILUSER_NOW"));
    assert_eq!(
        store.user("jdoe@example.com")["enabled"],
        serde_json::Value::Null
    );
}

#[test]
fn unknown_options_exit_2() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .args(["disable", "--bogus", "jdoe"])
        .assert()
        .code(2);
    store.run_as(ADMIN).args(["disable"]).assert().code(2);
    store
        .cmd()
        .args(["list", "--disabled", "--enabled"])
        .assert()
        .code(2);
}
