//! An LDAP directory over TLS (SPEC §13: `ldaps://`, `--starttls`,
//! `--ca-file`), against the TLS slapd of `slapd.rs`, whose certificate a
//! CA generated at test time signed. That server takes a password only
//! over an encrypted connection, so a bind that works went over TLS.

use predicates::prelude::*;
use predicates::str::contains;

use crate::common::TestStore;
use crate::slapd::{self, ROOT_DN, ROOT_PW, Slapd, Tree};

const ADMIN: &str = "admin@example.com";
const JDOE: &str = "uid=jdoe,ou=example.com";

/// The example store loaded into a fresh subtree of the TLS server.
fn setup(test: &str) -> Option<(&'static Slapd, TestStore, Tree)> {
    let server = slapd::tls_or_skip(test)?;
    let store = TestStore::example();
    let tree = server.tree();
    tree.load(&store);
    Some((server, store, tree))
}

/// The binary acting as the administrator on `url`, bound as the root DN
/// with the password in the environment.
fn bound(store: &TestStore, tree: &Tree, url: &str) -> assert_cmd::Command {
    let mut cmd = tree.run_as(store, ADMIN);
    cmd.env("MAILUSER_DIRECTORY", url)
        .env("MAILUSER_BIND_PASSWORD", ROOT_PW)
        .args(["--bind-dn", ROOT_DN]);
    cmd
}

#[test]
fn ldaps_and_starttls_with_the_ca_file_change_the_entries() {
    let Some((server, store, tree)) =
        setup("ldap_tls::ldaps_and_starttls_with_the_ca_file_change_the_entries")
    else {
        return;
    };
    let ca = server.ca.as_ref().unwrap();
    let ldaps = format!("{}/{}", server.ldaps_server(), tree.base);
    bound(&store, &tree, &ldaps)
        .arg("--ca-file")
        .arg(ca)
        .args(["disable", "jdoe@example.com"])
        .assert()
        .success()
        .stdout("jdoe@example.com: disabled\n");
    assert_eq!(tree.values(JDOE, "mailuserEnabled"), ["FALSE"]);
    // The name in the certificate is localhost too.
    let by_name = format!(
        "ldaps://localhost:{}/{}",
        server.ldaps_port.unwrap(),
        tree.base
    );
    bound(&store, &tree, &by_name)
        .arg("--ca-file")
        .arg(ca)
        .args(["show", "jdoe"])
        .assert()
        .success()
        .stdout(contains("jdoe@example.com"));
    // StartTLS on ldap://.
    bound(&store, &tree, &tree.url())
        .args(["--starttls", "--ca-file"])
        .arg(ca)
        .args(["enable", "jdoe@example.com"])
        .assert()
        .success()
        .stdout("jdoe@example.com: enabled\n");
    assert_eq!(tree.values(JDOE, "mailuserEnabled"), ["TRUE"]);
    // Without StartTLS the server refuses the password: the runs above
    // did encrypt.
    bound(&store, &tree, &tree.url())
        .args(["disable", "jdoe@example.com"])
        .assert()
        .code(1)
        .stderr(contains("cannot bind"))
        .stderr(contains("--starttls"));
    assert_eq!(tree.values(JDOE, "mailuserEnabled"), ["TRUE"]);
    assert_eq!(store.log_lines().len(), 2);
    assert_eq!(store.pending_intents(), 0);
}

#[test]
fn an_untrusted_or_missing_ca_is_refused_and_changes_nothing() {
    let Some((server, store, tree)) =
        setup("ldap_tls::an_untrusted_or_missing_ca_is_refused_and_changes_nothing")
    else {
        return;
    };
    let entry = || tree.entry(JDOE).unwrap().attrs;
    let before = entry();
    let ldaps = format!("{}/{}", server.ldaps_server(), tree.base);
    // The system's CAs do not know the test's CA: over ldaps:// and with
    // StartTLS, the run stops before anything is read or changed, says
    // why, and how to trust the CA.
    let untrusted = [
        bound(&store, &tree, &ldaps)
            .args(["disable", "jdoe@example.com"])
            .assert(),
        bound(&store, &tree, &tree.url())
            .args(["--starttls", "disable", "jdoe@example.com"])
            .assert(),
    ];
    for run in untrusted {
        run.code(1)
            .stdout("")
            .stderr(contains("certificate"))
            .stderr(contains("not trusted"))
            .stderr(contains("--ca-file"))
            .stderr(contains(ROOT_PW).not());
    }
    // A CA file that is not there, or holds no certificate: exit 2,
    // naming the file.
    let missing = store.tmp.path().join("no-such-ca.pem");
    bound(&store, &tree, &ldaps)
        .arg("--ca-file")
        .arg(&missing)
        .args(["disable", "jdoe@example.com"])
        .assert()
        .code(2)
        .stderr(contains(missing.display().to_string()));
    let empty = store.tmp.path().join("empty-ca.pem");
    std::fs::write(&empty, "not a certificate\n").unwrap();
    bound(&store, &tree, &ldaps)
        .arg("--ca-file")
        .arg(&empty)
        .args(["disable", "jdoe@example.com"])
        .assert()
        .code(2)
        .stderr(contains(empty.display().to_string()))
        .stderr(contains("no certificate"));
    // A CA that did not sign the server's certificate: the server's own
    // certificate is no CA.
    let other = server.dir.join("server.pem");
    bound(&store, &tree, &ldaps)
        .arg("--ca-file")
        .arg(&other)
        .args(["disable", "jdoe@example.com"])
        .assert()
        .code(1)
        .stderr(contains("not trusted"));
    assert_eq!(entry(), before);
    assert!(store.log_lines().is_empty());
    assert_eq!(store.pending_intents(), 0);
}
