//! `mailuser check`: every class of problem planted alone in a clean store
//! is found with its class and subject, and nothing else is; clean stores
//! pass; the fixes it prints fix; and no run changes a byte of the store.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::{TestStore, json_lines};
use serde_json::{Value, json};

const ADMIN: &str = "admin@example.com";

/// What one entry of the store is. Files are read; anything that is not a
/// regular file, folder or link (a FIFO) is never opened.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Entry {
    Folder,
    Link(PathBuf),
    File(Vec<u8>),
    Special,
}

/// Every entry under `root`, links not followed.
fn state(root: &Path) -> BTreeMap<String, Entry> {
    walkdir::WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .map(|e| e.unwrap())
        .map(|e| {
            let kind = e.file_type();
            let entry = if kind.is_symlink() {
                Entry::Link(std::fs::read_link(e.path()).unwrap())
            } else if kind.is_dir() {
                Entry::Folder
            } else if kind.is_file() {
                Entry::File(std::fs::read(e.path()).unwrap())
            } else {
                Entry::Special
            };
            let rel = e.path().strip_prefix(root).unwrap();
            (rel.to_string_lossy().into_owned(), entry)
        })
        .collect()
}

/// The result of one `check --format json`: its exit code, its findings
/// and its summary object.
struct Checked {
    code: i32,
    findings: Vec<Value>,
    summary: Value,
}

impl Checked {
    /// (class, subject) of each finding.
    fn found(&self) -> Vec<(String, String)> {
        self.findings
            .iter()
            .map(|f| {
                (
                    f["class"].as_str().unwrap().to_string(),
                    f["subject"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    }
}

/// Runs `check --format json` on `store` and checks that it changed
/// nothing and that its output is well-formed.
fn check(store: &TestStore) -> Checked {
    let before = state(&store.root);
    let out = store
        .cmd()
        .args(["check", "--format", "json"])
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    assert_eq!(state(&store.root), before, "check changed the store");
    let code = out.status.code().expect("check exited (it did not hang)");
    let mut lines = json_lines(&out.stdout);
    let summary = lines.pop().expect("a summary");
    assert_eq!(summary["summary"], true, "the last object is the summary");
    for finding in &lines {
        assert!(finding.get("summary").is_none(), "{finding}");
        for key in ["class", "subject", "problem"] {
            assert!(finding[key].is_string(), "{key} of {finding}");
        }
        assert!(finding["fix"].is_string() || finding["fix"].is_null());
    }
    assert_eq!(summary["findings"], lines.len());
    let counted: u64 = summary["classes"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(counted as usize, lines.len());
    assert_eq!(code, if lines.is_empty() { 0 } else { 2 }, "exit code");
    Checked {
        code,
        findings: lines,
        summary,
    }
}

/// Edits the store's `users.json` as a JSON value.
fn edit(store: &TestStore, change: impl FnOnce(&mut Value)) {
    let mut json = store.json();
    change(&mut json);
    store.write("users.json", &serde_json::to_string_pretty(&json).unwrap());
}

fn add_user(store: &TestStore, record: Value) {
    edit(store, |j| j["users"].as_array_mut().unwrap().push(record));
}

fn user_mut<'a>(json: &'a mut Value, name: &str) -> &'a mut Value {
    json["users"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|u| u["name"] == name)
        .unwrap()
}

fn mkdir(store: &TestStore, rel: &str) {
    std::fs::create_dir_all(store.path(rel)).unwrap();
}

#[cfg(unix)]
fn symlink(to: &Path, at: &Path) {
    std::os::unix::fs::symlink(to, at).unwrap();
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

/// A folder outside the store for links to lead to.
fn outside(store: &TestStore) -> PathBuf {
    let dir = store.tmp.path().join("elsewhere");
    std::fs::create_dir_all(dir.join("linked")).unwrap();
    dir
}

/// Plants one problem in a copy of the clean test store and expects
/// exactly `expected` (class, subject) findings.
fn planted(what: &str, plant: impl FnOnce(&TestStore), expected: &[(&str, &str)]) -> Checked {
    let store = TestStore::example();
    plant(&store);
    let checked = check(&store);
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(c, s)| (c.to_string(), s.to_string()))
        .collect();
    assert_eq!(checked.found(), expected, "{what}: {:#?}", checked.findings);
    checked
}

#[test]
fn the_test_store_is_clean() {
    let store = TestStore::example();
    let checked = check(&store);
    assert_eq!(checked.code, 0);
    assert_eq!(
        checked.summary,
        json!({"summary": true, "findings": 0, "classes": {}, "run_in_progress": false})
    );
    assert!(
        !store.path(".mailuser.lock").exists(),
        "check takes no lock"
    );
}

#[test]
fn generated_stores_are_clean() {
    for args in [
        &["--sample", "200", "--seed", "3"][..],
        &["--sample", "20", "--seed", "3", "--csv"],
    ] {
        let store = TestStore::example();
        std::fs::remove_dir_all(&store.root).unwrap();
        common_init(&store, args);
        let checked = check(&store);
        assert_eq!(checked.found(), [], "init {args:?}");
    }
}

/// A small sample declares a group in a domain only with a member there,
/// and gives each domain's `helpdesk` (account-admin) one, so `check` on
/// a fresh small sample finds nothing: not even the empty helpdesk groups
/// the 5% draw per account used to leave.
#[test]
fn small_generated_stores_are_clean() {
    for args in [
        &["--sample", "20", "--seed", "3"][..],
        &["--sample", "12", "--seed", "1"],
        &["--sample", "1", "--seed", "1"],
        &["--sample", "4", "--seed", "9", "--messages", "0"],
        &[],
    ] {
        let store = TestStore::example();
        std::fs::remove_dir_all(&store.root).unwrap();
        common_init(&store, args);
        let checked = check(&store);
        assert_eq!(checked.found(), [], "init {args:?}");
        assert_eq!(checked.code, 0, "init {args:?}");
        let json = store.json();
        for group in json["groups"].as_array().unwrap() {
            let members = json["users"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|u| u["domain"] == group["domain"])
                .filter(|u| {
                    u["groups"]
                        .as_array()
                        .is_some_and(|g| g.contains(&group["name"]))
                })
                .count();
            assert!(members > 0, "init {args:?}: {group} has no member");
        }
    }
}

fn common_init(store: &TestStore, args: &[&str]) {
    store
        .cmd()
        .arg("init")
        .arg(&store.root)
        .args(args)
        .assert()
        .success();
}

#[test]
fn references_to_no_account() {
    planted(
        "alias",
        |s| {
            edit(s, |j| {
                let to = j["aliases"][0]["deliver_to"].as_array_mut().unwrap();
                // Another domain's address and another alias are not findings.
                to.extend([json!("ghost@example.com"), json!("partner@elsewhere.net")]);
                to.push(json!("INFO@example.org"));
            })
        },
        &[("alias-to-no-account", "sales@example.com")],
    );
    let checked = planted(
        "forward",
        |s| {
            edit(s, |j| {
                user_mut(j, "boss")["forward_to"] = json!([
                    "nobody@Example.org",
                    "someone@gmail.com",
                    "JDoe@example.com"
                ])
            })
        },
        &[("forward-to-no-account", "boss@example.com")],
    );
    assert_eq!(
        checked.findings[0]["fix"],
        "mailuser add nobody@Example.org && mailuser remove nobody@Example.org --keep-mailbox --purge-settings"
    );
}

#[test]
fn groups() {
    planted(
        "undefined group",
        |s| {
            edit(s, |j| {
                user_mut(j, "asmith")["groups"] = json!(["Sales", "nosuch"])
            })
        },
        &[("undefined-group", "asmith@example.com")],
    );
    planted(
        "empty group with a role",
        |s| {
            edit(s, |j| {
                let groups = j["groups"].as_array_mut().unwrap();
                groups.push(json!({"name": "admins", "domain": "example.org", "role": "full"}));
                // Without a role, an empty group is harmless.
                groups.push(json!({"name": "club", "domain": "example.org"}));
            })
        },
        &[("empty-group-with-role", "admins@example.org")],
    );
}

#[test]
fn accounts_and_seats() {
    // Σ lowercases to ς at the end of a word and σ elsewhere: under case
    // folding the two names are one account, which the loader refuses
    // (exit 2, naming the record) before any class is looked for.
    let store = TestStore::example();
    add_user(
        &store,
        json!({"name": "ΑΣ", "domain": "example.com", "enabled": false}),
    );
    add_user(
        &store,
        json!({"name": "ας", "domain": "example.com", "enabled": false}),
    );
    store
        .cmd()
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("duplicate account"));
    planted(
        "no built-in administrator",
        |s| edit(s, |j| user_mut(j, "admin")["role"] = json!("full")),
        &[("built-in-count", "users.json")],
    );
    planted(
        "seats",
        |s| edit(s, |j| j["license"]["seats"] = json!(5)),
        &[("seats-exceeded", "license")],
    );
}

#[test]
fn mailbox_paths() {
    let disabled = |name: &str, mailbox: &str| json!({"name": name, "domain": "example.com", "enabled": false, "mailbox": mailbox});
    planted(
        "missing custom mailbox",
        |s| add_user(s, disabled("arch", "archive/arch")),
        &[("missing-mailbox", "arch@example.com")],
    );
    planted(
        "shared",
        |s| add_user(s, disabled("twin", "example.com/jdoe")),
        &[("shared-mailbox", "mail/example.com/jdoe")],
    );
    // Paths compare case-insensitively; the file system here does not.
    planted(
        "shared, in another case",
        |s| add_user(s, disabled("twin", "example.com/JDOE")),
        &[
            ("missing-mailbox", "twin@example.com"),
            ("shared-mailbox", "mail/example.com/JDOE"),
        ],
    );
    planted(
        "nested in a default mailbox",
        |s| {
            add_user(s, disabled("deep", "example.com/boss/deep"));
            mkdir(s, "mail/example.com/boss/deep");
        },
        &[("nested-mailbox", "deep@example.com")],
    );
    planted(
        "nested, in another case",
        |s| add_user(s, disabled("deep", "Example.com/BOSS/deep")),
        &[
            ("missing-mailbox", "deep@example.com"),
            ("nested-mailbox", "deep@example.com"),
        ],
    );
    planted(
        "holding other mailboxes",
        |s| add_user(s, disabled("all", "example.org")),
        &[("nested-mailbox", "all@example.com")],
    );
}

#[cfg(unix)]
#[test]
fn mailbox_paths_through_links() {
    planted(
        "custom path through a link",
        |s| {
            add_user(
                s,
                json!({"name": "linked", "domain": "example.com", "mailbox": "lnk/linked", "enabled": false}),
            );
            symlink(&outside(s), &s.path("mail/lnk"));
        },
        &[("unsafe-mailbox-path", "linked@example.com")],
    );
    planted(
        "default mailbox is a link",
        |s| {
            std::fs::remove_dir_all(s.path("mail/example.org/kim")).unwrap();
            symlink(&outside(s).join("linked"), &s.path("mail/example.org/kim"));
        },
        &[("unsafe-mailbox-path", "mail/example.org/kim")],
    );
    planted(
        "a link no account uses",
        |s| symlink(&outside(s), &s.path("mail/example.com/evil")),
        &[("wrong-file-type", "mail/example.com/evil")],
    );
}

#[test]
fn orphans() {
    let checked = planted(
        "kept mailbox",
        |s| mkdir(s, "mail/example.com/oldie/INBOX"),
        &[("orphan-mailbox", "mail/example.com/oldie")],
    );
    assert_eq!(
        checked.findings[0]["fix"],
        "mailuser add oldie@example.com && mailuser remove oldie@example.com --delete-mailbox"
    );
    planted(
        "IM folder",
        |s| mkdir(s, "im/example.org/gone2"),
        &[("orphan-im", "im/example.org/gone2")],
    );
    // A folder that holds a custom mailbox is no orphan.
    planted(
        "holder of a custom mailbox",
        |s| {
            add_user(
                s,
                json!({"name": "arch", "domain": "example.com", "enabled": false, "mailbox": "archive/arch"}),
            );
            mkdir(s, "mail/archive/arch");
        },
        &[],
    );
}

#[test]
fn orphan_mailboxes_are_what_list_orphans_lists() {
    let store = TestStore::example();
    for rel in [
        "mail/example.com/oldie",
        "mail/example.net/x",
        "mail/example.org/Kim2",
    ] {
        mkdir(&store, rel);
    }
    let out = store
        .cmd()
        .args(["list", "--orphans", "--format", "json"])
        .assert()
        .success();
    let listed: Vec<String> = json_lines(&out.get_output().stdout)
        .iter()
        .map(|o| o["mailbox"].as_str().unwrap().to_string())
        .collect();
    let found: Vec<String> = check(&store)
        .found()
        .into_iter()
        .filter(|(class, _)| class == "orphan-mailbox")
        .map(|(_, subject)| subject)
        .collect();
    assert_eq!(found, listed);
}

#[test]
fn journal_and_trash() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .env("MAILUSER_FAILPOINT", "mailbox-op-1")
        .args(["remove", "jdoe", "--delete-mailbox"])
        .assert()
        .failure();
    let record = std::fs::read_dir(store.path(".journal"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.ends_with(".json") && n.matches('.').count() == 1)
        .unwrap();
    let op = record.trim_end_matches(".json");
    // The mailbox waits in that run's trash: no leftover.
    let checked = check(&store);
    assert_eq!(
        checked.found(),
        [("interrupted-run".into(), op.to_string())]
    );
    assert_eq!(checked.findings[0]["fix"], "mailuser apply - < /dev/null");

    planted(
        "trash",
        |s| mkdir(s, ".trash/00000000000000000001-42/1-old"),
        &[("trash-leftover", ".trash/00000000000000000001-42")],
    );
    planted(
        "unreadable record",
        |s| s.write(".journal/00000000000000000001-42.json", "{not json"),
        &[("unreadable", ".journal")],
    );
}

#[test]
fn a_run_in_progress_is_no_problem() {
    let store = TestStore::example();
    // What a run leaves while it works: a record and its trash.
    store.write(".journal/00000000000000000001-42.json", "{half written");
    mkdir(&store, ".trash/00000000000000000001-42/1-jdoe");
    let lock = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(store.path(".mailuser.lock"))
        .unwrap();
    lock.lock().unwrap();
    let checked = check(&store);
    assert_eq!(checked.found(), []);
    assert_eq!(checked.summary["run_in_progress"], true);
    let text = store.cmd().arg("check").assert().success();
    let text = String::from_utf8_lossy(&text.get_output().stdout).into_owned();
    assert!(text.contains("a run is in progress"), "{text}");
    lock.unlock().unwrap();
    // With no run holding the lock, the record is one nobody can finish
    // (the trash is its own).
    let found: Vec<String> = check(&store).found().into_iter().map(|f| f.0).collect();
    assert_eq!(found, ["unreadable"]);
}

#[cfg(unix)]
#[test]
fn store_files_of_the_wrong_type() {
    planted(
        "backup is a FIFO",
        |s| mkfifo(&s.path("users.json.bak")),
        &[("wrong-file-type", "users.json.bak")],
    );
    planted(
        "journal record is a FIFO",
        |s| {
            mkdir(s, ".journal");
            mkfifo(&s.path(".journal/00000000000000000001-42.json"));
        },
        &[("wrong-file-type", ".journal/00000000000000000001-42.json")],
    );
    planted(
        "journal record is a folder",
        |s| mkdir(s, ".journal/00000000000000000001-42.json"),
        &[("wrong-file-type", ".journal/00000000000000000001-42.json")],
    );
    planted(
        "the log is a link",
        |s| {
            let log = s.path("logs/warning.log");
            std::fs::rename(&log, outside(s).join("warning.log")).unwrap();
            symlink(&outside(s).join("warning.log"), &log);
        },
        &[("wrong-file-type", "logs/warning.log")],
    );
    planted(
        ".journal is a file",
        |s| s.write(".journal", ""),
        &[("wrong-file-type", ".journal")],
    );
    planted(
        ".trash is a link",
        |s| symlink(&outside(s), &s.path(".trash")),
        &[("wrong-file-type", ".trash")],
    );
    planted(
        "the lock is a folder",
        |s| mkdir(s, ".mailuser.lock"),
        &[("wrong-file-type", ".mailuser.lock")],
    );
    planted(
        "im is a link",
        |s| {
            std::fs::remove_dir_all(s.path("im")).unwrap();
            symlink(&outside(s), &s.path("im"));
        },
        &[("wrong-file-type", "im")],
    );
}

#[cfg(unix)]
#[test]
fn unreadable_folders() {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        eprintln!("skipped: root reads every folder");
        return;
    }
    let store = TestStore::example();
    let folder = store.path("mail/example.org");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o000)).unwrap();
    let found = check(&store).found();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(found, [("unreadable".into(), "mail/example.org".into())]);
}

/// Runs each `&&`-joined command of a fix as the administrator.
fn run_fix(store: &TestStore, fix: &str) {
    for command in fix.split(" && ") {
        let (input, command) = match command.split_once(" < ") {
            Some((command, file)) => (std::fs::read(file).unwrap(), command),
            None => (Vec::new(), command),
        };
        let words: Vec<&str> = command.split_whitespace().collect();
        assert_eq!(words[0], "mailuser", "{fix}");
        store
            .run_as(ADMIN)
            .args(&words[1..])
            .write_stdin(input)
            .assert()
            .success();
    }
}

#[test]
fn the_fixes_fix() {
    let store = TestStore::example();
    edit(&store, |j| {
        j["aliases"][0]["deliver_to"]
            .as_array_mut()
            .unwrap()
            .push(json!("ghost@example.com"));
        user_mut(j, "boss")["forward_to"] = json!(["nobody@example.org"]);
    });
    mkdir(&store, "mail/example.com/oldie/INBOX");
    mkdir(&store, "im/example.org/gone2");
    store
        .run_as(ADMIN)
        .env("MAILUSER_FAILPOINT", "journal-committed")
        .args(["disable", "kim"])
        .assert()
        .failure();
    let checked = check(&store);
    assert_eq!(checked.findings.len(), 5, "{:#?}", checked.findings);
    for finding in &checked.findings {
        run_fix(&store, finding["fix"].as_str().unwrap());
    }
    assert_eq!(check(&store).found(), []);
}

#[test]
fn text_output() {
    let store = TestStore::example();
    edit(&store, |j| {
        j["aliases"][0]["deliver_to"]
            .as_array_mut()
            .unwrap()
            .push(json!("ghost@example.com"));
        user_mut(&mut *j, "asmith")["groups"] = json!(["nosuch"]);
    });
    mkdir(&store, "mail/example.com/oldie");
    let out = store.cmd().arg("check").assert().code(2);
    insta::assert_snapshot!(
        "text",
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    );
    let clean = TestStore::example();
    clean
        .cmd()
        .arg("check")
        .assert()
        .success()
        .stdout("summary: no findings\n");
}

#[test]
fn a_store_that_cannot_be_read() {
    let store = TestStore::example();
    std::fs::remove_file(store.path("users.json")).unwrap();
    store
        .cmd()
        .arg("check")
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicates::str::contains(
            "holds no users.json or users.csv",
        ));
    let missing = TestStore::example();
    missing
        .cmd()
        .env("MAILUSER_STORE", missing.path("nowhere"))
        .args(["check", "--format", "json"])
        .assert()
        .code(1)
        .stdout(predicates::str::contains(r#""result":"error","code":1"#));
    // A malformed directory is bad input, as for every command.
    let malformed = TestStore::with_file("users.json", "{\"users\": [");
    malformed
        .cmd()
        .arg("check")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("malformed JSON"));
}
