//! Messages that say what to do next: suggestions for unknown accounts,
//! transfer targets named as such, seat errors that explain their count,
//! notes about references a removal leaves, summaries and `-q`.

use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

use crate::common::TestStore;

const ADMIN: &str = "admin@example.com";

#[test]
fn an_unknown_account_gets_a_did_you_mean() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .args(["disable", "jdeo@example.com"])
        .assert()
        .code(4)
        .stderr(contains(
            "jdeo@example.com: no such account (did you mean jdoe@example.com?)",
        ));
    store
        .run_as(ADMIN)
        .args(["disable", "asmith@exmaple.com"])
        .assert()
        .code(4)
        .stderr(contains("did you mean asmith@example.com?"));
    // Nothing close: no guess.
    store
        .run_as(ADMIN)
        .args(["disable", "zzzzzz@example.com"])
        .assert()
        .code(4)
        .stderr(contains("zzzzzz@example.com: no such account\n"));
}

#[test]
fn the_transfer_target_is_named_as_such() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .args(["remove", "jdoe", "--transfer-to", "nobody@example.com"])
        .assert()
        .code(4)
        .stderr(contains(
            "the transfer target nobody@example.com: no such account",
        ));
    // ozil is an account-admin of example.org: removing kim is its right,
    // transferring into example.com is not.
    store
        .run_as("ozil@example.org")
        .args(["remove", "kim", "--transfer-to", "boss@example.com"])
        .assert()
        .code(3)
        .stderr(contains("the transfer to boss@example.com is refused"));
}

#[test]
fn a_seat_error_explains_its_count() {
    let store = TestStore::example();
    // 9 seats used of 10: enabling two disabled accounts takes the last one
    // and then finds none.
    store
        .run_as(ADMIN)
        .args(["disable", "asmith"])
        .assert()
        .success();
    store.write(
        "users.json",
        &store
            .read("users.json")
            .replacen("\"seats\": 10", "\"seats\": 9", 1),
    );
    store
        .run_as(ADMIN)
        .args(["enable", "asmith", "gone"])
        .assert()
        .code(5)
        .stderr(contains(
            "gone@example.com: no free seat: 9 of 9 used, counting the 1 account enabled earlier in this command",
        ));
}

#[test]
fn a_removal_without_purge_notes_the_references_it_leaves() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .args(["remove", "jdoe", "--keep-mailbox"])
        .assert()
        .success()
        .stderr(contains(
            "mailuser: warning: jdoe@example.com: still named by alias sales@example.com, forwarding of kim@example.org (--purge-settings takes the address out)",
        ));
    // The note is not logged.
    assert!(!store.log_lines()[0].contains("still named"));
}

#[test]
fn quiet_keeps_changes_and_failures_only() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .args(["-q", "disable", "jdoe", "gone"])
        .assert()
        .success()
        .stdout("jdoe@example.com: disabled\n2 accounts: 1 changed, 1 unchanged, 0 failed\n");
}

#[test]
fn an_ambiguous_bare_name_lists_its_matches() {
    let store = TestStore::example();
    let text = store.read("users.json");
    store.write(
        "users.json",
        &text.replacen(
            "\"users\": [",
            "\"users\": [\n    {\"name\": \"jdoe\", \"domain\": \"example.org\"},",
            1,
        ),
    );
    store
        .run_as(ADMIN)
        .args(["disable", "jdoe"])
        .assert()
        .code(2)
        .stderr(contains("(jdoe@example.org, jdoe@example.com)"));
}

#[test]
fn list_filters_combine_and_export_csv() {
    let store = TestStore::example();
    let out = store
        .cmd()
        .args(["list", "--role", "account-admin", "--format", "json"])
        .output()
        .unwrap();
    let rows = crate::common::json_lines(&out.stdout);
    let accounts: Vec<&str> = rows
        .iter()
        .map(|r| r["account"].as_str().unwrap())
        .collect();
    assert_eq!(accounts, ["mlee@example.com", "ozil@example.org"]);
    // The effective mailbox path, also for a default one.
    assert_eq!(rows[0]["mailbox"], "example.com/mlee");
    store
        .cmd()
        .args(["list", "--group", "sales", "*s*"])
        .assert()
        .success()
        .stdout(contains("asmith@example.com"))
        .stdout(predicates::str::contains("jdoe").not());
    store
        .cmd()
        .args(["list", "J?OE@EXAMPLE.COM", "--format", "csv"])
        .assert()
        .success()
        .stdout(
            "account,name,domain,full_name,enabled,locked,role,effective_role,groups,forward_to,mailbox\n\
             jdoe@example.com,jdoe,example.com,Jane Doe,true,false,none,none,sales,boss@example.com,example.com/jdoe\n",
        );
    store
        .cmd()
        .args(["license", "--format", "csv"])
        .assert()
        .success()
        .stdout("seats_total,seats_used,seats_free\n10,9,1\n");
}

#[test]
fn a_missing_store_names_the_ways_to_give_one() {
    let store = TestStore::example();
    store
        .cmd()
        .env("MAILUSER_STORE", store.path("nowhere"))
        .arg("list")
        .assert()
        .code(1)
        .stderr(contains("give --store DIR or set MAILUSER_STORE"))
        .stderr(contains("/opt/kerio/mailserver/store"));
}

#[test]
fn json_rows_carry_the_address_as_resolved_and_as_typed() {
    let store = TestStore::example();
    let csv = store.tmp.path().join("rows.csv");
    std::fs::write(&csv, "action,user\ndisable,JDOE\ndisable,admin\n").unwrap();
    let out = store
        .run_as(ADMIN)
        .args(["--format", "json", "apply"])
        .arg(&csv)
        .output()
        .unwrap();
    let rows = crate::common::json_lines(&out.stdout);
    assert_eq!(rows[0]["account"], "jdoe@example.com");
    assert_eq!(rows[0]["typed"], "JDOE");
    assert_eq!(rows[1]["result"], "failed");
    assert_eq!(rows[1]["account"], "admin@example.com");
    assert_eq!(rows[1]["typed"], "admin");
}
