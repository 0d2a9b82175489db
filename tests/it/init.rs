//! `init`: new stores, empty or generated, byte-identical for one seed.

use std::path::Path;

use assert_cmd::Command;
use predicates::str::contains;

fn mailuser() -> Command {
    let mut cmd = Command::cargo_bin("mailuser").unwrap();
    cmd.env_clear().env("MAILUSER_NOW", crate::common::NOW);
    cmd
}

#[test]
fn the_same_seed_gives_byte_identical_stores() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    for (dir, seed) in [(&a, "7"), (&b, "7"), (&c, "8")] {
        mailuser()
            .arg("init")
            .arg(dir)
            .args(["--sample", "40", "--seed", seed])
            .assert()
            .success();
    }
    let (fa, fb, fc) = (
        crate::common::files_under(&a),
        crate::common::files_under(&b),
        crate::common::files_under(&c),
    );
    assert!(fa.len() > 100);
    assert!(fa == fb, "same seed, different stores");
    assert!(fa != fc, "another seed gives another store");
}

#[test]
fn a_sample_store_has_what_the_tool_works_on() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("s");
    mailuser()
        .arg("init")
        .arg(&store)
        .args(["--sample", "60", "--seed", "3"])
        .assert()
        .success()
        .stdout(contains(
            "created a store with 61 accounts in 3 domains and 183 messages",
        ));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(store.join("users.json")).unwrap()).unwrap();
    let users = json["users"].as_array().unwrap();
    assert_eq!(users.len(), 61);
    assert_eq!(users[0]["role"], "built-in");
    let count = |f: &dyn Fn(&serde_json::Value) -> bool| users.iter().filter(|u| f(u)).count();
    assert!(count(&|u| u["enabled"] == false) > 0, "some disabled");
    assert!(
        count(&|u| u["forward_to"].is_array()) > 0,
        "some forwarding"
    );
    assert!(json["aliases"].as_array().unwrap().len() >= 3);
    assert!(
        json["groups"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g["role"] == "account-admin")
    );
    let seats = json["license"]["seats"].as_u64().unwrap();
    let used = count(&|u| u["enabled"] != false && u["role"] != "built-in") as u64;
    assert!(seats > used, "spare seats");
    let user = &users[1];
    let mailbox = store
        .join("mail")
        .join(user["domain"].as_str().unwrap())
        .join(user["name"].as_str().unwrap());
    assert!(mailbox.join("INBOX/index.fld").exists());
    assert_eq!(crate::common::messages_under(&mailbox).len(), 3);
    assert!(
        store
            .join("im")
            .join(user["domain"].as_str().unwrap())
            .join(user["name"].as_str().unwrap())
            .exists()
    );
    mailuser()
        .env("MAILUSER_STORE", &store)
        .env("MAILUSER_ACTOR", "admin@example.com")
        .args(["remove", "--transfer-to", "admin@example.com", "--"])
        .arg(crate::common::address_of(user))
        .assert()
        .success();
}

#[test]
fn init_without_sample_has_only_the_admin() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("s");
    mailuser().arg("init").arg(&store).assert().success();
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(store.join("users.json")).unwrap()).unwrap();
    assert_eq!(json["users"].as_array().unwrap().len(), 1);
    assert_eq!(json["users"][0]["name"], "admin");
    assert!(store.join("logs/warning.log").exists());
    assert!(store.join("mail").is_dir());
}

#[test]
fn init_csv_writes_a_csv_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("s");
    mailuser()
        .arg("init")
        .arg(&store)
        .args(["--sample", "5", "--csv", "--messages", "0"])
        .assert()
        .success();
    assert!(!store.join("users.json").exists());
    let csv = std::fs::read_to_string(store.join("users.csv")).unwrap();
    assert!(
        csv.starts_with("name,domain,full_name,enabled,locked,role,groups,forward_to,mailbox\n")
    );
    assert_eq!(csv.lines().count(), 7);
    assert!(!store.join("mail/example.com/admin").exists());
    mailuser()
        .env("MAILUSER_STORE", &store)
        .arg("license")
        .assert()
        .success()
        .stdout(contains("unlimited"));
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("keep.txt"), "mine").unwrap();
    mailuser()
        .arg("init")
        .arg(tmp.path())
        .assert()
        .code(1)
        .stderr(contains("not empty"));
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("keep.txt")).unwrap(),
        "mine"
    );
    assert!(!tmp.path().join("users.json").exists());
}

#[test]
fn the_examples_store_is_what_init_generates() {
    let tmp = tempfile::tempdir().unwrap();
    let fresh = tmp.path().join("store");
    mailuser()
        .arg("init")
        .arg(&fresh)
        .args(["--sample", "12", "--seed", "1"])
        .assert()
        .success();
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/store");
    assert!(
        crate::common::files_under(&examples) == crate::common::files_under(&fresh),
        "examples/store is stale: rm -rf examples/store && cargo run -- init examples/store --sample 12 --seed 1"
    );
}

/// Whatever the draws give, a small sample has what the README's examples
/// work on: in each domain an enabled, unlocked account-admin through the
/// `helpdesk` group (no role of its own), a locked account, a disabled one,
/// an account forwarding to another of the store, and aliases. The
/// benchmarks' large sample gets nothing extra beyond what its draws gave.
#[test]
fn a_small_sample_has_a_locked_account_a_group_admin_forwards_and_aliases() {
    let tmp = tempfile::tempdir().unwrap();
    for (n, seed) in [
        (12, "1"),
        (3, "1"),
        (5, "2"),
        (8, "4"),
        (20, "3"),
        (30, "6"),
    ] {
        let store = tmp.path().join(format!("s{n}-{seed}"));
        mailuser()
            .arg("init")
            .arg(&store)
            .args([
                "--sample",
                &n.to_string(),
                "--seed",
                seed,
                "--messages",
                "0",
            ])
            .assert()
            .success();
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(store.join("users.json")).unwrap()).unwrap();
        let users = json["users"].as_array().unwrap();
        let what = format!("--sample {n} --seed {seed}");
        let is = |u: &serde_json::Value, field: &str, default: bool| {
            u[field].as_bool().unwrap_or(default)
        };
        assert!(
            users.iter().any(|u| is(u, "locked", false)),
            "{what}: locked"
        );
        assert!(
            users.iter().any(|u| !is(u, "enabled", true)),
            "{what}: disabled"
        );
        let addresses: Vec<String> = users.iter().map(crate::common::address_of).collect();
        assert!(
            users
                .iter()
                .any(|u| u["forward_to"].as_array().is_some_and(|to| to
                    .iter()
                    .any(|a| addresses.contains(&a.as_str().unwrap().to_string())))),
            "{what}: a forward between accounts"
        );
        assert!(
            !json["aliases"].as_array().unwrap().is_empty(),
            "{what}: aliases"
        );
        let domains: std::collections::BTreeSet<&str> = users
            .iter()
            .map(|u| u["domain"].as_str().unwrap())
            .collect();
        for domain in domains {
            assert!(
                users.iter().any(|u| u["domain"] == domain
                    && u["role"].is_null()
                    && is(u, "enabled", true)
                    && !is(u, "locked", false)
                    && u["groups"]
                        .as_array()
                        .is_some_and(|g| g.contains(&"helpdesk".into()))),
                "{what}: an active helpdesk member of {domain} without a role of its own"
            );
        }
        // The account-admin's rights come from the group: `list --role`
        // shows it with the effective role.
        let out = mailuser()
            .env("MAILUSER_STORE", &store)
            .args(["list", "--role", "account-admin", "--format", "json"])
            .assert()
            .success();
        let admins = crate::common::json_lines(&out.get_output().stdout);
        assert!(
            admins
                .iter()
                .any(|a| a["role"] == "none" && a["effective_role"] == "account-admin"),
            "{what}: {admins:?}"
        );
    }
}
