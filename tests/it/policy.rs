//! Each rule of SPEC §3 refuses with exit 3, names itself, and leaves the
//! store byte-identical.

use crate::common::TestStore;
use predicates::str::contains;

fn refused(actor: &str, args: &[&str], rule: &str) {
    let store = TestStore::example();
    let before = store.snapshot();
    store
        .run_as(actor)
        .args(args)
        .assert()
        .code(3)
        .stderr(contains(format!("refused by rule `{rule}`")));
    assert_eq!(
        store.snapshot(),
        before,
        "{actor} {args:?} changed the store"
    );
}

#[test]
fn an_unknown_actor_is_refused() {
    refused(
        "nobody@example.com",
        &["disable", "jdoe"],
        "actor-is-active-account",
    );
}

#[test]
fn a_disabled_actor_is_refused() {
    let store = TestStore::example();
    let json = store.read("users.json").replace(
        "\"full_name\": \"Bea Boss\",",
        "\"full_name\": \"Bea Boss\", \"enabled\": false,",
    );
    store.write("users.json", &json);
    let before = store.snapshot();
    store
        .run_as("boss@example.com")
        .args(["disable", "jdoe"])
        .assert()
        .code(3)
        .stderr(contains("the actor's account is disabled"));
    assert_eq!(store.snapshot(), before);
}

#[test]
fn a_locked_actor_is_refused() {
    refused(
        "tlock@example.com",
        &["disable", "jdoe"],
        "actor-is-active-account",
    );
}

#[test]
fn an_actor_below_account_admin_is_refused() {
    refused(
        "rview@example.com",
        &["disable", "jdoe"],
        "actor-may-administer",
    );
    refused(
        "jdoe@example.com",
        &["unlock", "tlock"],
        "actor-may-administer",
    );
}

#[test]
fn an_account_admin_stays_in_its_domain() {
    refused(
        "ozil@example.org",
        &["disable", "jdoe@example.com"],
        "account-admin-own-domain",
    );
    refused(
        "mlee@example.com",
        &["disable", "kim@example.org"],
        "account-admin-own-domain",
    );
}

#[test]
fn nobody_changes_its_own_account() {
    refused(
        "boss@example.com",
        &["disable", "boss@example.com"],
        "not-own-account",
    );
    refused("admin@example.com", &["unlock", "admin"], "not-own-account");
}

#[test]
fn nobody_changes_a_higher_account() {
    refused(
        "mlee@example.com",
        &["disable", "boss@example.com"],
        "target-not-higher",
    );
    refused(
        "boss@example.com",
        &["disable", "admin@example.com"],
        "target-not-higher",
    );
}

#[test]
fn group_roles_count_as_the_members_rights() {
    let store = TestStore::example();
    store
        .run_as("mlee@example.com")
        .args(["disable", "jdoe@example.com"])
        .assert()
        .success();
    assert_eq!(store.user("jdoe@example.com")["enabled"], false);
}

#[test]
fn an_account_admin_changes_its_own_domain() {
    let store = TestStore::example();
    store
        .run_as("ozil@example.org")
        .args(["disable", "kim"])
        .assert()
        .success();
    assert_eq!(store.user("kim@example.org")["enabled"], false);
}

#[test]
fn a_full_admin_may_change_an_equal_account() {
    let store = TestStore::example();
    let json = store.read("users.json").replace(
        "\"name\": \"rview\"",
        "\"name\": \"rview\", \"role\": \"full\", \"x\": 1",
    );
    let json = json.replace("\"role\": \"read-only\"", "\"y\": 2");
    store.write("users.json", &json);
    store
        .run_as("boss@example.com")
        .args(["disable", "rview"])
        .assert()
        .success();
    assert_eq!(store.user("rview@example.com")["enabled"], false);
}
