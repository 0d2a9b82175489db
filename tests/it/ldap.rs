//! Every command on an LDAP directory (SPEC §13), against the real slapd
//! of `slapd.rs`: the same output, log lines and exit codes as on a file,
//! checked in the entries afterwards; concurrency, crashes, credentials
//! and `migrate`.

use predicates::prelude::*;
use predicates::str::contains;

use crate::common::{STAMP, TestStore, json_lines, release_failpoint, wait_for_failpoint};
use crate::slapd::{self, ROOT_DN, ROOT_PW, Tree};

const ADMIN: &str = "admin@example.com";

/// The example store with its directory moved into a fresh subtree, or
/// `None` where slapd is not installed.
fn setup(test: &str) -> Option<(TestStore, Tree)> {
    let server = slapd::or_skip(test)?;
    let store = TestStore::example();
    let tree = server.tree();
    tree.load(&store);
    Some((store, tree))
}

fn enabled(tree: &Tree, rdn: &str) -> Vec<String> {
    tree.values(rdn, "mailuserEnabled")
}

#[test]
fn read_only_commands_print_what_they_print_on_a_file() {
    let Some(server) = slapd::or_skip("ldap::read_only_commands_print_what_they_print_on_a_file")
    else {
        return;
    };
    let store = TestStore::example();
    let file_list = store.cmd().arg("list").output().unwrap();
    let file_show = store.cmd().args(["show", "jdoe"]).output().unwrap();
    let file_license = store.cmd().arg("license").output().unwrap();
    let file_json = store
        .cmd()
        .args(["list", "--format", "json"])
        .output()
        .unwrap();
    let tree = server.tree();
    tree.load(&store);
    let list = tree.cmd(&store).arg("list").output().unwrap();
    assert!(list.status.success());
    // Sorted by domain, then name.
    let mut expected: Vec<&str> = std::str::from_utf8(&file_list.stdout)
        .unwrap()
        .lines()
        .collect();
    expected.sort_by_key(|l| {
        let address = l.split_whitespace().next().unwrap();
        let (name, domain) = address.split_once('@').unwrap();
        (domain.to_string(), name.to_lowercase())
    });
    let got: Vec<&str> = std::str::from_utf8(&list.stdout).unwrap().lines().collect();
    assert_eq!(got, expected);
    let show = tree.cmd(&store).args(["show", "jdoe"]).output().unwrap();
    assert_eq!(show.stdout, file_show.stdout);
    let license = tree.cmd(&store).arg("license").output().unwrap();
    assert_eq!(license.stdout, file_license.stdout);
    let json = tree
        .cmd(&store)
        .args(["list", "--format", "json"])
        .output()
        .unwrap();
    let mut file_records = json_lines(&file_json.stdout);
    file_records.sort_by_key(|r| (r["domain"].to_string(), r["name"].to_string()));
    let mut records = json_lines(&json.stdout);
    records.sort_by_key(|r| (r["domain"].to_string(), r["name"].to_string()));
    assert_eq!(records, file_records);
    tree.cmd(&store)
        .args(["list", "--disabled"])
        .assert()
        .success()
        .stdout(contains("gone@example.com"));
    tree.cmd(&store)
        .args(["show", "nobody@example.com"])
        .assert()
        .code(4);
    tree.cmd(&store)
        .arg("check")
        .assert()
        .success()
        .stdout("summary: no findings\n");
}

#[test]
fn disable_enable_unlock_change_the_entries_and_log() {
    let Some((store, tree)) = setup("ldap::disable_enable_unlock_change_the_entries_and_log")
    else {
        return;
    };
    let jdoe = "uid=jdoe,ou=example.com";
    tree.run_as(&store, ADMIN)
        .args(["disable", "jdoe@example.com"])
        .assert()
        .success()
        .stdout("jdoe@example.com: disabled\n");
    assert_eq!(enabled(&tree, jdoe), ["FALSE"]);
    assert_eq!(tree.values("cn=license", "mailuserSeatsUsed"), ["8"]);
    tree.run_as(&store, ADMIN)
        .args(["disable", "jdoe@example.com"])
        .assert()
        .success()
        .stdout("jdoe@example.com: already disabled, nothing to change\n");
    tree.run_as(&store, ADMIN)
        .args(["enable", "jdoe"])
        .assert()
        .success()
        .stdout("jdoe@example.com: enabled\n");
    assert_eq!(enabled(&tree, jdoe), ["TRUE"]);
    tree.run_as(&store, ADMIN)
        .args(["unlock", "tlock@example.com"])
        .assert()
        .success()
        .stdout("tlock@example.com: unlocked\n");
    assert_eq!(
        tree.values("uid=tlock,ou=example.com", "mailuserLocked"),
        ["FALSE"]
    );
    assert_eq!(
        store.log_lines(),
        [
            format!("{STAMP} User jdoe@example.com disabled by admin@example.com"),
            format!("{STAMP} User jdoe@example.com enabled by admin@example.com"),
            format!("{STAMP} User tlock@example.com unlocked by admin@example.com"),
        ]
    );
    // The policy is the file's: an account-admin of example.org may not
    // touch example.com, and nobody disables the built-in administrator.
    tree.run_as(&store, "ozil@example.org")
        .args(["disable", "jdoe@example.com"])
        .assert()
        .code(3);
    tree.run_as(&store, "boss@example.com")
        .args(["disable", ADMIN])
        .assert()
        .code(3);
    tree.run_as(&store, ADMIN)
        .args(["disable", "nobody@example.com"])
        .assert()
        .code(4);
    assert_eq!(store.pending_intents(), 0);
}

#[test]
fn dry_run_changes_nothing_on_the_server() {
    let Some((store, tree)) = setup("ldap::dry_run_changes_nothing_on_the_server") else {
        return;
    };
    let state = || {
        let mut entries: Vec<_> = tree
            .search("(objectClass=*)", &["*", "entryCSN"])
            .into_iter()
            .map(|e| {
                (
                    e.dn,
                    e.attrs
                        .into_iter()
                        .collect::<std::collections::BTreeMap<_, _>>(),
                )
            })
            .collect();
        entries.sort();
        entries
    };
    let before = state();
    tree.run_as(&store, ADMIN)
        .args([
            "--dry-run",
            "remove",
            "jdoe@example.com",
            "--delete-mailbox",
            "--purge-settings",
        ])
        .assert()
        .success()
        .stdout(contains("jdoe@example.com: would be removed"));
    tree.run_as(&store, ADMIN)
        .args(["--dry-run", "enable", "gone@example.com"])
        .assert()
        .success();
    assert_eq!(before, state());
    assert!(store.path("mail/example.com/jdoe").exists());
    assert!(store.log_lines().is_empty());
}

#[test]
fn remove_with_each_mailbox_choice_and_purge() {
    let Some((store, tree)) = setup("ldap::remove_with_each_mailbox_choice_and_purge") else {
        return;
    };
    // jdoe: transferred to boss, settings purged.
    tree.run_as(&store, ADMIN)
        .args([
            "remove",
            "jdoe@example.com",
            "--transfer-to",
            "boss@example.com",
            "--purge-settings",
        ])
        .assert()
        .success()
        .stdout(contains("jdoe@example.com: removed"));
    assert!(tree.entry("uid=jdoe,ou=example.com").is_none());
    let jdoe_dn = tree.dn("uid=jdoe,ou=example.com");
    assert!(
        tree.search(&format!("(member={jdoe_dn})"), &["1.1"])
            .is_empty(),
        "membership goes with the entry"
    );
    assert_eq!(
        tree.values("mail=sales@example.com,ou=example.com", "mailuserDeliverTo"),
        ["asmith@example.com"]
    );
    assert!(
        tree.values("uid=kim,ou=example.org", "mailuserForwardTo")
            .is_empty()
    );
    assert!(
        store
            .path("mail/example.com/boss/Deleted user jdoe@example.com")
            .is_dir()
    );
    assert!(!store.path("mail/example.com/jdoe").exists());
    // asmith: kept, no purge: the alias keeps its address.
    tree.run_as(&store, ADMIN)
        .args(["remove", "asmith@example.com", "--keep-mailbox"])
        .assert()
        .success();
    assert!(tree.entry("uid=asmith,ou=example.com").is_none());
    assert_eq!(
        tree.values("mail=sales@example.com,ou=example.com", "mailuserDeliverTo"),
        ["asmith@example.com"]
    );
    assert!(store.path("mail/example.com/asmith").exists());
    // kim: deleted; the alias info@example.org loses its last address and goes.
    tree.run_as(&store, ADMIN)
        .args([
            "remove",
            "kim@example.org",
            "--delete-mailbox",
            "--purge-settings",
        ])
        .assert()
        .success();
    assert!(tree.entry("uid=kim,ou=example.org").is_none());
    assert!(tree.entry("mail=info@example.org,ou=example.org").is_none());
    assert!(!store.path("mail/example.org/kim").exists());
    // Seats: jdoe, asmith and kim were enabled.
    assert_eq!(tree.values("cn=license", "mailuserSeatsUsed"), ["6"]);
    let log = store.log_lines();
    assert_eq!(log.len(), 3);
    assert!(log[0].contains("User jdoe@example.com removed by admin@example.com: mailbox transferred to boss@example.com, settings purged"));
    // Removing again: not found, or skipped with --missing-ok.
    tree.run_as(&store, ADMIN)
        .args(["remove", "jdoe@example.com", "--keep-mailbox"])
        .assert()
        .code(4);
    tree.run_as(&store, ADMIN)
        .args([
            "remove",
            "jdoe@example.com",
            "--keep-mailbox",
            "--missing-ok",
        ])
        .assert()
        .success();
    // add re-attaches the kept mailbox of asmith.
    tree.run_as(&store, ADMIN)
        .args(["add", "asmith@example.com", "--full-name", "Alan Smith"])
        .assert()
        .success()
        .stdout(contains("mailbox re-attached"));
    let entry = tree.entry("uid=asmith,ou=example.com").unwrap();
    assert_eq!(entry.attrs["mail"], ["asmith@example.com"]);
    assert_eq!(entry.attrs["cn"], ["Alan Smith"]);
    assert_eq!(tree.values("cn=license", "mailuserSeatsUsed"), ["7"]);
}

#[test]
fn add_needs_a_seat_and_apply_runs_a_bulk_file() {
    let Some((store, tree)) = setup("ldap::add_needs_a_seat_and_apply_runs_a_bulk_file") else {
        return;
    };
    // 9 of 10 seats are used: one add fits, the next does not.
    tree.run_as(&store, ADMIN)
        .args(["add", "new1@example.com"])
        .assert()
        .success()
        .stdout("new1@example.com: added\n");
    tree.run_as(&store, ADMIN)
        .args(["add", "new2@example.com"])
        .assert()
        .code(5);
    assert!(tree.entry("uid=new2,ou=example.com").is_none());
    store.write(
        "leavers.csv",
        "action,user,mailbox,transfer_to,purge_settings\n\
         disable,jdoe@example.com,,,\n\
         remove,mlee@example.com,delete,,true\n\
         enable,nobody@example.com,,,\n\
         unlock,tlock@example.com,,,\n",
    );
    tree.run_as(&store, ADMIN)
        .args(["apply", &store.path("leavers.csv").display().to_string()])
        .assert()
        .code(6)
        .stdout(contains("jdoe@example.com: disabled"))
        .stderr(contains("line 4"));
    assert_eq!(enabled(&tree, "uid=jdoe,ou=example.com"), ["FALSE"]);
    assert!(tree.entry("uid=mlee,ou=example.com").is_none());
    assert_eq!(
        tree.values("uid=tlock,ou=example.com", "mailuserLocked"),
        ["FALSE"]
    );
    assert_eq!(tree.values("cn=license", "mailuserSeatsUsed"), ["8"]);
    assert_eq!(store.log_lines().len(), 4);
}

#[test]
fn two_runs_racing_for_the_last_seat_one_gets_it() {
    let Some((store, tree)) = setup("ldap::two_runs_racing_for_the_last_seat_one_gets_it") else {
        return;
    };
    // One seat is free. Two stores (two machines) share the directory, so
    // the store lock does not serialise them.
    let other = TestStore::example();
    std::fs::remove_file(other.path("users.json")).unwrap();
    for round in 0..5 {
        let a = format!("racer{round}a@example.com");
        let b = format!("racer{round}b@example.com");
        let spawn = |store: &TestStore, user: &str| {
            let mut cmd = store.std_cmd();
            cmd.env("MAILUSER_DIRECTORY", tree.ldapi_url())
                .env("MAILUSER_ACTOR", ADMIN)
                .args(["add", user])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped());
            cmd.spawn().unwrap()
        };
        let first = spawn(&store, &a);
        let second = spawn(&other, &b);
        let first = first.wait_with_output().unwrap();
        let second = second.wait_with_output().unwrap();
        let mut codes = [first.status.code(), second.status.code()];
        codes.sort();
        assert_eq!(
            codes,
            [Some(0), Some(5)],
            "{}\n{}",
            String::from_utf8_lossy(&first.stderr),
            String::from_utf8_lossy(&second.stderr)
        );
        assert_eq!(tree.values("cn=license", "mailuserSeatsUsed"), ["10"]);
        let added = tree.search(
            &format!("(|(uid=racer{round}a)(uid=racer{round}b))"),
            &["1.1"],
        );
        assert_eq!(added.len(), 1);
        // Free the seat again for the next round.
        let winner = if first.status.success() { &a } else { &b };
        tree.run_as(&store, ADMIN)
            .args(["remove", winner, "--keep-mailbox"])
            .assert()
            .success();
    }
}

#[test]
fn an_entry_changed_between_plan_and_execute_is_not_overwritten() {
    // Caught when the run checks its changes before making them, and by
    // the assertion control of the change itself.
    for failpoint in ["ldap-committed", "ldap-prepared"] {
        changed_underneath(failpoint);
    }
}

fn changed_underneath(failpoint: &str) {
    let Some((store, tree)) =
        setup("ldap::an_entry_changed_between_plan_and_execute_is_not_overwritten")
    else {
        return;
    };
    let signals = tempfile::tempdir().unwrap();
    let mut cmd = store.std_cmd();
    cmd.env("MAILUSER_DIRECTORY", tree.ldapi_url())
        .env("MAILUSER_ACTOR", ADMIN)
        .env("MAILUSER_FAILPOINT", failpoint)
        .env("MAILUSER_FAILPOINT_DIR", signals.path())
        .args(["remove", "jdoe@example.com", "--keep-mailbox"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let child = cmd.spawn().unwrap();
    wait_for_failpoint(signals.path(), failpoint);
    // Another administrator disables jdoe in between.
    tree.replace("uid=jdoe,ou=example.com", "mailuserEnabled", &["FALSE"]);
    release_failpoint(signals.path(), failpoint);
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(75),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("changed underneath"));
    // Nothing was overwritten or removed, nothing logged, nothing pending.
    assert_eq!(enabled(&tree, "uid=jdoe,ou=example.com"), ["FALSE"]);
    assert!(store.path("im/example.com/jdoe").exists());
    assert!(store.log_lines().is_empty());
    assert_eq!(store.pending_intents(), 0);
    // A new run plans against what is there now.
    tree.run_as(&store, ADMIN)
        .args(["remove", "jdoe@example.com", "--keep-mailbox"])
        .assert()
        .success();
    assert!(tree.entry("uid=jdoe,ou=example.com").is_none());
}

#[test]
fn a_run_killed_between_changes_is_finished_by_the_next() {
    let Some((store, tree)) = setup("ldap::a_run_killed_between_changes_is_finished_by_the_next")
    else {
        return;
    };
    tree.run_as(&store, ADMIN)
        .env("MAILUSER_FAILPOINT", "ldap-change-1")
        .args([
            "remove",
            "jdoe@example.com",
            "asmith@example.com",
            "--delete-mailbox",
        ])
        .assert()
        .failure();
    assert_eq!(store.pending_intents(), 1);
    assert!(tree.entry("uid=jdoe,ou=example.com").is_none());
    assert!(tree.entry("uid=asmith,ou=example.com").is_some());
    // Read-only commands warn; a run without the server cannot finish it.
    tree.cmd(&store)
        .arg("license")
        .assert()
        .success()
        .stderr(contains("interrupted run"));
    store
        .run_as(ADMIN)
        .args(["disable", "boss@example.com"])
        .assert()
        .code(1)
        .stderr(contains("--directory"));
    // The next changing run finishes it, replaying the first change as a no-op.
    tree.run_as(&store, ADMIN)
        .args(["disable", "boss@example.com"])
        .assert()
        .success()
        .stderr(contains("finished an interrupted run"));
    assert!(tree.entry("uid=asmith,ou=example.com").is_none());
    assert!(!store.path("mail/example.com/jdoe").exists());
    assert!(!store.path("mail/example.com/asmith").exists());
    assert_eq!(store.pending_intents(), 0);
    let log = store.log_lines();
    assert_eq!(log.len(), 3, "{log:?}");
    // jdoe's seat was given back by the killed run, which died before
    // counting it: the count errs high by one (a seat held, never one
    // given twice) until someone makes mailuser count again.
    assert_eq!(tree.values("cn=license", "mailuserSeatsUsed"), ["7"]);
    assert_eq!(
        tree.search(
            "(&(objectClass=mailuserAccount)(!(mailuserEnabled=FALSE))(!(mailuserRole=built-in)))",
            &["1.1"]
        )
        .len(),
        6
    );
}

#[test]
fn credentials_and_unreachable_servers() {
    let Some(server) = slapd::or_skip("ldap::credentials_and_unreachable_servers") else {
        return;
    };
    let store = TestStore::example();
    let tree = server.tree();
    tree.load(&store);
    // A simple bind with the right password works over loopback.
    tree.cmd(&store)
        .env("MAILUSER_DIRECTORY", tree.url())
        .env("MAILUSER_BIND_PASSWORD", ROOT_PW)
        .args(["--bind-dn", ROOT_DN, "license"])
        .assert()
        .success();
    let password_file = store.tmp.path().join("pw");
    std::fs::write(&password_file, format!("{ROOT_PW}\n")).unwrap();
    tree.cmd(&store)
        .env("MAILUSER_DIRECTORY", tree.url())
        .args(["--bind-dn", ROOT_DN, "--bind-password-file"])
        .arg(&password_file)
        .arg("license")
        .assert()
        .success();
    // A wrong one: exit 1, and the password is never printed.
    tree.cmd(&store)
        .env("MAILUSER_DIRECTORY", tree.url())
        .env("MAILUSER_BIND_PASSWORD", "not-the-s3cret")
        .args(["--bind-dn", ROOT_DN, "license"])
        .assert()
        .code(1)
        .stderr(contains("wrong bind DN or password"))
        .stderr(contains("not-the-s3cret").not());
    // Never unencrypted to a host outside the loopback range (nothing is
    // contacted: the check comes first).
    tree.cmd(&store)
        .env(
            "MAILUSER_DIRECTORY",
            "ldap://ldap.invalid/dc=example,dc=com",
        )
        .env("MAILUSER_BIND_PASSWORD", ROOT_PW)
        .args(["--bind-dn", ROOT_DN, "list"])
        .assert()
        .code(2)
        .stderr(contains("ldaps://"))
        .stderr(contains("--starttls"));
    // A server that is not there, a base DN that is not there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    tree.cmd(&store)
        .env(
            "MAILUSER_DIRECTORY",
            format!("ldap://127.0.0.1:{port}/dc=example,dc=com"),
        )
        .arg("list")
        .assert()
        .code(1)
        .stderr(contains("cannot reach the LDAP server"));
    tree.cmd(&store)
        .env(
            "MAILUSER_DIRECTORY",
            format!("{}/ou=nowhere,dc=example,dc=com", server.ldap_server()),
        )
        .arg("list")
        .assert()
        .code(1)
        .stderr(contains("does not exist"));
    tree.cmd(&store)
        .env("MAILUSER_DIRECTORY", "http://example.com/")
        .arg("list")
        .assert()
        .code(2);
}

#[test]
fn migrate_round_trip_gives_the_same_records() {
    let Some(server) = slapd::or_skip("ldap::migrate_round_trip_gives_the_same_records") else {
        return;
    };
    let store = TestStore::example();
    let original = store.json();
    let tree = server.tree();
    store
        .cmd()
        .args(["migrate", "--to", &tree.ldapi_url()])
        .assert()
        .success()
        .stdout(contains(
            "copied 11 accounts, 2 groups, 2 aliases and the license",
        ));
    // The unknown field travels in mailuserExtra.
    let extra = tree.values("uid=jdoe,ou=example.com", "mailuserExtra");
    assert!(extra[0].contains("\"phone\":\"+1 555 0100\""), "{extra:?}");
    // A target that holds accounts is refused.
    store
        .cmd()
        .args(["migrate", "--to", &tree.ldapi_url()])
        .assert()
        .code(2)
        .stderr(contains("already holds accounts"));
    let copy = tree.migrated_back(&store);
    for key in ["users", "groups", "aliases"] {
        let mut a: Vec<serde_json::Value> = original[key].as_array().unwrap().clone();
        let mut b: Vec<serde_json::Value> = copy[key].as_array().unwrap().clone();
        let by = |v: &serde_json::Value| {
            format!(
                "{}@{}",
                v["name"].as_str().unwrap_or(""),
                v["domain"]
                    .as_str()
                    .unwrap_or(v["alias"].as_str().unwrap_or(""))
            )
        };
        a.sort_by_key(by);
        b.sort_by_key(by);
        assert_eq!(a, b, "{key}");
    }
    assert_eq!(original["license"], copy["license"]);
    // The copy is a directory mailuser reads like any other.
    let back = store.tmp.path().join("back.json");
    let copied = TestStore::with_file("users.json", &std::fs::read_to_string(&back).unwrap());
    copied
        .cmd()
        .arg("list")
        .assert()
        .success()
        .stdout(contains("zoë@example.org"));
    // Into an existing file with accounts: refused.
    store
        .cmd()
        .args(["migrate", "--to"])
        .arg(&back)
        .assert()
        .code(2);
}

#[test]
fn an_interrupted_migrate_is_finished_by_running_it_again() {
    let Some(server) =
        slapd::or_skip("ldap::an_interrupted_migrate_is_finished_by_running_it_again")
    else {
        return;
    };
    let store = TestStore::example();
    let tree = server.tree();
    // What a crash after the first entries leaves: the marked license
    // entry, one domain and one account.
    let mut conn = server.conn();
    let add = |conn: &mut ldap3::LdapConn,
               dn: String,
               attrs: Vec<(String, std::collections::HashSet<String>)>| {
        conn.add(&dn, attrs).unwrap().success().unwrap();
    };
    add(
        &mut conn,
        tree.dn("cn=license"),
        vec![
            slapd::attr("objectClass", &["mailuserLicense"]),
            slapd::attr("cn", &["license"]),
            slapd::attr("mailuserExtra", &[r#"{"migrating":true}"#]),
        ],
    );
    add(
        &mut conn,
        tree.dn("ou=example.com"),
        vec![
            slapd::attr("objectClass", &["organizationalUnit"]),
            slapd::attr("ou", &["example.com"]),
        ],
    );
    add(
        &mut conn,
        tree.dn("uid=admin,ou=example.com"),
        vec![
            slapd::attr("objectClass", &["inetOrgPerson", "mailuserAccount"]),
            slapd::attr("uid", &["admin"]),
            slapd::attr("cn", &["Administrator"]),
            slapd::attr("sn", &["admin"]),
        ],
    );
    store
        .cmd()
        .args(["migrate", "--to", &tree.ldapi_url()])
        .assert()
        .success();
    assert_eq!(
        tree.search("(objectClass=mailuserAccount)", &["1.1"]).len(),
        11
    );
    assert_eq!(tree.values("cn=license", "mailuserSeats"), ["10"]);
    assert_eq!(tree.values("cn=license", "mailuserSeatsUsed"), ["9"]);
    assert!(tree.values("cn=license", "mailuserExtra").is_empty());
    assert_eq!(
        tree.values("uid=admin,ou=example.com", "mailuserRole"),
        ["built-in"]
    );
}

#[test]
fn migrate_round_trip_keeps_empty_lists() {
    let Some(server) = slapd::or_skip("ldap::migrate_round_trip_keeps_empty_lists") else {
        return;
    };
    let text = r#"{
  "license": {"seats": 5},
  "users": [
    {"name": "a", "domain": "example.com", "groups": [], "forward_to": []},
    {"name": "b", "domain": "example.com", "groups": ["g"]},
    {"name": "c", "domain": "example.org"}
  ],
  "groups": [],
  "aliases": []
}
"#;
    let store = TestStore::with_file("users.json", text);
    let tree = server.tree();
    store
        .cmd()
        .args(["migrate", "--to", &tree.ldapi_url()])
        .assert()
        .success();
    let copy = tree.migrated_back(&store);
    assert_eq!(copy, store.json());
}
