//! An LDAP server that goes away in the middle of a run, and one without
//! the mailuser schema (SPEC §13), each a real slapd of the test's own
//! (`slapd::private`), so that stopping it disturbs no other test.

use predicates::str::contains;

use crate::common::{STAMP, TestStore, assert_messages, release_failpoint, wait_for_failpoint};
use crate::slapd::{self, Setup};

const ADMIN: &str = "admin@example.com";

#[test]
fn a_server_stopped_between_two_changes_is_reported_and_the_next_run_finishes() {
    const TEST: &str =
        "ldap_faults::a_server_stopped_between_two_changes_is_reported_and_the_next_run_finishes";
    let Some(server) = slapd::private(TEST, Setup::default()) else {
        return;
    };
    let store = TestStore::example();
    let tree = server.tree();
    tree.load(&store);
    let all = store.messages();
    let kept: Vec<Vec<u8>> = {
        let gone = [
            store.messages_in("mail/example.com/jdoe"),
            store.messages_in("mail/example.com/asmith"),
        ]
        .concat();
        let mut rest = all.clone();
        for m in &gone {
            let i = rest.iter().position(|r| r == m).unwrap();
            rest.remove(i);
        }
        rest
    };
    // Two removals with their references (6 changes): the run pauses
    // after the first change the server took, and the server is stopped
    // there.
    let step = "ldap-applied-1";
    let signals = tempfile::tempdir().unwrap();
    let mut cmd = store.std_cmd();
    cmd.env("MAILUSER_DIRECTORY", tree.ldapi_url())
        .env("MAILUSER_ACTOR", ADMIN)
        .env("MAILUSER_FAILPOINT", step)
        .env("MAILUSER_FAILPOINT_DIR", signals.path())
        .args([
            "remove",
            "jdoe@example.com",
            "asmith@example.com",
            "--delete-mailbox",
            "--purge-settings",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let child = cmd.spawn().unwrap();
    wait_for_failpoint(signals.path(), step);
    server.stop();
    release_failpoint(signals.path(), step);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Exit 1 (SPEC §8: the server failed), and a report of what the
    // directory took, account by account, and what is left to do.
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let made = stderr
        .lines()
        .find(|l| l.starts_with("mailuser: jdoe@example.com: partly removed: 1 of "))
        .unwrap_or_else(|| panic!("jdoe's state is reported: {stderr}"));
    assert!(
        made.ends_with("directory changes made, the rest not"),
        "{made}"
    );
    assert!(
        stderr.contains("mailuser: asmith@example.com: not removed: the directory has not changed"),
        "{stderr}"
    );
    assert!(stderr.contains("the run stopped after 1 of "), "{stderr}");
    assert!(stderr.contains("no mailbox was touched and nothing was logged"));
    assert!(stderr.contains("the next changing run with --directory finishes it"));
    // Nothing else was done; the journal keeps the run.
    assert_eq!(store.pending_intents(), 1);
    assert!(store.log_lines().is_empty());
    assert_messages(&store.messages(), &all, true, "no mailbox touched");
    // The server comes back on the same data: the one change it took
    // (jdoe's address out of the alias, references go first) is there,
    // nothing else.
    server.resume();
    assert_eq!(
        tree.values("mail=sales@example.com,ou=example.com", "mailuserDeliverTo"),
        ["asmith@example.com"]
    );
    assert_eq!(
        tree.values("uid=kim,ou=example.org", "mailuserForwardTo"),
        ["jdoe@example.com"]
    );
    assert!(tree.entry("uid=jdoe,ou=example.com").is_some());
    assert!(tree.entry("uid=asmith,ou=example.com").is_some());
    // A read-only command says a run waits; the next changing run
    // finishes it, then does its own work.
    tree.cmd(&store)
        .arg("list")
        .assert()
        .success()
        .stderr(contains("interrupted run"));
    tree.run_as(&store, ADMIN)
        .args(["disable", "boss@example.com"])
        .assert()
        .success()
        .stdout("boss@example.com: disabled\n")
        .stderr(contains("finished an interrupted run").count(2));
    // Every planned change made, once.
    assert!(tree.entry("uid=jdoe,ou=example.com").is_none());
    assert!(tree.entry("uid=asmith,ou=example.com").is_none());
    assert!(
        tree.entry("mail=sales@example.com,ou=example.com")
            .is_none(),
        "the alias lost its last address and went"
    );
    assert!(
        tree.values("uid=kim,ou=example.org", "mailuserForwardTo")
            .is_empty()
    );
    assert!(
        tree.search(
            &format!("(member={})", tree.dn("uid=asmith,ou=example.com")),
            &["1.1"]
        )
        .is_empty()
    );
    assert_eq!(
        tree.values("uid=boss,ou=example.com", "mailuserEnabled"),
        ["FALSE"]
    );
    assert_messages(&store.messages(), &kept, true, "the two mailboxes went");
    assert!(!store.path("mail/example.com/jdoe").exists());
    assert!(!store.path("mail/example.com/asmith").exists());
    assert_eq!(store.pending_intents(), 0);
    // Logged exactly once each, the interrupted run's lines first.
    let log = store.log_lines();
    assert_eq!(log.len(), 3, "{log:?}");
    assert!(log[0].starts_with(&format!(
        "{STAMP} User jdoe@example.com removed by admin@example.com"
    )));
    assert!(log[1].starts_with(&format!(
        "{STAMP} User asmith@example.com removed by admin@example.com"
    )));
    assert_eq!(
        log[2],
        format!("{STAMP} User boss@example.com disabled by admin@example.com")
    );
    // The seats: given back once each (9 used, two removed, one disabled),
    // as many as the accounts that take one.
    assert_eq!(tree.values("cn=license", "mailuserSeatsUsed"), ["6"]);
    let counted = tree
        .search(
            "(&(objectClass=mailuserAccount)(!(mailuserEnabled=FALSE))(!(mailuserRole=built-in)))",
            &["1.1"],
        )
        .len();
    assert_eq!(counted, 6);
}

#[test]
fn a_server_without_the_schema_is_refused_by_every_command() {
    const TEST: &str = "ldap_faults::a_server_without_the_schema_is_refused_by_every_command";
    let Some(server) = slapd::private(
        TEST,
        Setup {
            no_schema: true,
            ..Setup::default()
        },
    ) else {
        return;
    };
    let store = TestStore::example();
    let tree = server.tree();
    // A person entry mailuser would see as an account, schema aside.
    server
        .conn()
        .add(
            &tree.dn("uid=jdoe"),
            vec![
                slapd::attr("objectClass", &["inetOrgPerson"]),
                slapd::attr("uid", &["jdoe"]),
                slapd::attr("cn", &["Jane Doe"]),
                slapd::attr("sn", &["Doe"]),
            ],
        )
        .unwrap()
        .success()
        .unwrap();
    let csv = store.tmp.path().join("rows.csv");
    std::fs::write(&csv, "action,user\ndisable,jdoe@example.com\n").unwrap();
    let csv = csv.display().to_string();
    let back = store.tmp.path().join("back.json");
    let back = back.display().to_string();
    let url = tree.ldapi_url();
    let before = (tree.entries(), store.snapshot());
    // Every command that reads the directory (`history` reads only the
    // log and the tombstones).
    let commands: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["list", "--removed"],
        vec!["show", "jdoe@example.com"],
        vec!["license"],
        vec!["check"],
        vec!["disable", "jdoe@example.com"],
        vec!["enable", "jdoe@example.com"],
        vec!["unlock", "jdoe@example.com"],
        vec!["remove", "jdoe@example.com", "--keep-mailbox"],
        vec!["add", "new@example.com"],
        vec!["apply", &csv],
        vec!["restore", "jdoe@example.com"],
        vec!["purge", "jdoe@example.com"],
        vec!["--dry-run", "disable", "jdoe@example.com"],
        vec!["migrate", "--to", &back],
    ];
    for args in &commands {
        tree.run_as(&store, ADMIN)
            .args(args)
            .assert()
            .code(1)
            .stdout("")
            .stderr(contains("no mailuser schema"))
            .stderr(contains("ldap/mailuser.ldif"))
            .stderr(contains("ldapadd"));
    }
    // Copying the store's file into it: refused the same way.
    store
        .cmd()
        .args(["migrate", "--to", &url])
        .assert()
        .code(1)
        .stderr(contains("no mailuser schema"))
        .stderr(contains("ldap/mailuser.ldif"));
    assert!(!std::path::Path::new(&back).exists());
    assert_eq!((tree.entries(), store.snapshot()), before);
}
