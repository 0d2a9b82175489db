//! Hostile stores, second round: crafted stores that tried to make the
//! tool delete other accounts' mail, write outside the store, hang, or get
//! stuck. Each test builds the store, runs the real binary and checks the
//! files afterwards (and a canary folder outside the store).

use std::path::Path;
use std::time::Duration;

use crate::common::{TestStore, assert_messages};
use predicates::str::contains;

const ADMIN: &str = "admin@example.com";

/// Rewrites `users.json` through `edit`.
fn edit_users(store: &TestStore, edit: impl FnOnce(&mut serde_json::Value)) {
    let mut json = store.json();
    edit(&mut json);
    store.write("users.json", &serde_json::to_string_pretty(&json).unwrap());
}

/// Sets a field of the record `name@domain`.
fn set_field(store: &TestStore, address: &str, field: &str, value: serde_json::Value) {
    let (name, domain) = address.split_once('@').unwrap();
    edit_users(store, |json| {
        let user = json["users"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|u| u["name"] == name && u["domain"] == domain)
            .unwrap();
        user[field] = value;
    });
}

/// A folder outside the store, with a file, to prove nothing reaches it.
fn canary(store: &TestStore) -> std::path::PathBuf {
    let canary = store.tmp.path().join("victim");
    std::fs::create_dir_all(canary.join("sub")).unwrap();
    std::fs::write(canary.join("sub/precious.eml"), "do not touch").unwrap();
    canary
}

fn assert_canary(canary: &Path) {
    assert_eq!(
        std::fs::read_to_string(canary.join("sub/precious.eml")).unwrap(),
        "do not touch",
        "the folder outside the store was touched"
    );
}

#[test]
fn a_mailbox_holding_other_accounts_mailboxes_is_never_deleted_or_moved() {
    for (mailbox, choice) in [
        ("example.org", "--delete-mailbox"),
        ("EXAMPLE.org", "--delete-mailbox"),
        ("example.com/boss/INBOX", "--delete-mailbox"),
        ("example.org", "--transfer-to=boss"),
        ("example.com", "--purge-settings"),
    ] {
        let store = TestStore::example();
        set_field(&store, "jdoe@example.com", "mailbox", mailbox.into());
        let before = store.snapshot();
        let mut cmd = store.run_as(ADMIN);
        cmd.args(["remove", "jdoe", choice]);
        if choice == "--purge-settings" {
            cmd.arg("--keep-mailbox");
        }
        cmd.assert()
            .code(2)
            .stderr(contains("lie inside one another"));
        assert_eq!(store.snapshot(), before, "{mailbox} {choice}: changed");
        // Later runs are not stuck.
        store
            .run_as(ADMIN)
            .args(["disable", "asmith"])
            .assert()
            .success();
    }
}

#[test]
fn journal_records_naming_paths_outside_the_store_are_refused() {
    let op = "00000000000000000001-1";
    for (field, value) in [
        ("op", serde_json::json!("../../../victim")),
        ("directory", serde_json::json!("../victim/sub/precious.eml")),
        (
            "mailbox_ops",
            serde_json::json!([{"step": "trash", "from": "../victim", "to": ".trash/x/1"}]),
        ),
        (
            "mailbox_ops",
            serde_json::json!([{"step": "move", "from": "mail/example.com/jdoe", "to": "/tmp/x"}]),
        ),
        (
            "mailbox_ops",
            serde_json::json!([{"step": "install-tombstones", "dir": ".removed/00000000000000000002-1"}]),
        ),
        ("log_dir", serde_json::json!("/")),
    ] {
        let store = TestStore::example();
        let canary = canary(&store);
        let mut record = serde_json::json!({
            "op": op,
            "directory": "users.json",
            "log_dir": store.path("logs"),
            "log_lines": [],
            "mailbox_ops": [],
        });
        record[field] = value;
        if field == "log_dir" {
            record["log_lines"] = serde_json::json!(["[x] fake line"]);
        }
        store.write(
            &format!(".journal/{op}.json"),
            &serde_json::to_string(&record).unwrap(),
        );
        let messages = store.messages();
        store
            .run_as(ADMIN)
            .args(["disable", "asmith"])
            .assert()
            .code(1)
            .stderr(contains(op));
        assert_canary(&canary);
        assert_messages(&store.messages(), &messages, true, field);
        assert_eq!(
            store.user("asmith@example.com")["enabled"],
            serde_json::Value::Null
        );
        // A read-only command warns and still works.
        store
            .cmd()
            .arg("list")
            .assert()
            .success()
            .stderr(contains("warning"));
    }
}

/// Runs `mount --bind from to`; `false` (and a message) where this test
/// may not mount.
fn bind_mount(from: &Path, to: &Path) -> bool {
    let ok = std::process::Command::new("mount")
        .arg("--bind")
        .arg(from)
        .arg(to)
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("SKIPPED: mount points: this test may not bind-mount here (needs root)");
    }
    ok
}

/// Unmounts its folder when dropped, even when the test fails.
struct Unmount(std::path::PathBuf);

impl Drop for Unmount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_mailbox_holding_a_mount_point_is_refused_before_anything_changes() {
    let store = TestStore::example();
    let canary = canary(&store);
    let mount_at = store.path("mail/example.com/jdoe/Shared");
    std::fs::create_dir_all(&mount_at).unwrap();
    if !bind_mount(&canary, &mount_at) {
        return;
    }
    let _unmount = Unmount(mount_at.clone());
    let before = store.snapshot();
    let out = store
        .run_as(ADMIN)
        .args(["remove", "jdoe", "--delete-mailbox"])
        .output()
        .unwrap();
    let after = store.snapshot();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("mount point"));
    assert_canary(&canary);
    assert!(after == before, "the store changed");
}

#[test]
fn add_never_takes_over_another_accounts_mailbox() {
    let store = TestStore::example();
    // boss keeps its mail in the folder a new `newbie` would default to.
    set_field(
        &store,
        "boss@example.com",
        "mailbox",
        "example.com/newbie".into(),
    );
    crate::common::copy_tree(
        &store.path("mail/example.com/boss"),
        &store.path("mail/example.com/newbie"),
    );
    let before = store.snapshot();
    store
        .run_as("mlee@example.com")
        .args(["add", "newbie@example.com"])
        .assert()
        .code(2)
        .stderr(contains("never takes over"));
    assert_eq!(store.snapshot(), before);
}

#[test]
fn a_log_file_that_is_a_link_or_a_fifo_is_refused_never_written_or_waited_on() {
    let store = TestStore::example();
    let canary = canary(&store);
    let log = store.path("logs/warning.log");
    std::fs::remove_file(&log).ok();
    std::os::unix::fs::symlink(canary.join("sub/precious.eml"), &log).unwrap();
    store
        .run_as(ADMIN)
        .args(["disable", "asmith"])
        .assert()
        .code(1)
        .stderr(contains("symbolic link"));
    assert_canary(&canary);
    // A dangling link does not create its target.
    std::fs::remove_file(&log).unwrap();
    std::os::unix::fs::symlink(canary.join("created.log"), &log).unwrap();
    store
        .run_as(ADMIN)
        .args(["disable", "asmith"])
        .assert()
        .code(1);
    assert!(!canary.join("created.log").exists());
    // A FIFO as the log, and one in the journal: refused, not waited on.
    std::fs::remove_file(&log).unwrap();
    mkfifo(&log);
    store
        .run_as(ADMIN)
        .args(["disable", "asmith"])
        .timeout(Duration::from_secs(20))
        .assert()
        .code(1)
        .stderr(contains("FIFO"));
    std::fs::remove_file(&log).unwrap();
    std::fs::create_dir_all(store.path(".journal")).unwrap();
    mkfifo(&store.path(".journal/00000000000000000001-1.json"));
    store
        .cmd()
        .arg("list")
        .timeout(Duration::from_secs(20))
        .assert()
        .success()
        .stderr(contains("FIFO"));
    store
        .run_as(ADMIN)
        .args(["disable", "asmith"])
        .timeout(Duration::from_secs(20))
        .assert()
        .code(1);
    assert_eq!(
        store.user("asmith@example.com")["enabled"],
        serde_json::Value::Null
    );
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo {}", path.display());
}

#[test]
fn files_of_the_wrong_kind_are_refused_before_the_first_change() {
    for (entry, folder) in [
        ("users.json.bak", true),
        (".trash", false),
        (".removed", false),
    ] {
        let store = TestStore::example();
        if folder {
            std::fs::create_dir_all(store.path(entry)).unwrap();
        } else {
            store.write(entry, "not a folder");
        }
        let before = store.snapshot();
        store
            .run_as(ADMIN)
            .args(["remove", "jdoe", "--delete-mailbox"])
            .assert()
            .code(1)
            .stderr(contains(entry));
        assert_eq!(store.snapshot(), before, "{entry}");
    }
}

#[test]
fn a_purge_touches_only_what_the_actor_may_change() {
    let store = TestStore::example();
    // kim@example.org forwards to jdoe; an example.org alias delivers to it.
    edit_users(&store, |json| {
        json["aliases"].as_array_mut().unwrap().push(
            serde_json::json!({"alias": "team@example.org", "deliver_to": ["jdoe@example.com"]}),
        );
    });
    // mlee is an account-admin of example.com through the helpdesk group.
    store
        .run_as("mlee@example.com")
        .args(["remove", "jdoe", "--keep-mailbox", "--purge-settings"])
        .assert()
        .success();
    let json = store.json();
    let team = json["aliases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["alias"] == "team@example.org")
        .unwrap();
    assert_eq!(team["deliver_to"], serde_json::json!(["jdoe@example.com"]));
    assert_eq!(
        store.user("kim@example.org")["forward_to"],
        serde_json::json!(["jdoe@example.com"])
    );
    assert_eq!(
        json["aliases"][0]["deliver_to"],
        serde_json::json!(["asmith@example.com"])
    );
    let line = &store.log_lines()[0];
    assert!(
        line.contains("settings purged (alias sales@example.com)"),
        "{line}"
    );
    assert!(
        line.contains(
            "left outside the rights of mlee@example.com: alias team@example.org, \
             forwarding of kim@example.org"
        ),
        "{line}"
    );
}

#[test]
fn names_near_255_bytes_get_names_that_fit() {
    let store = TestStore::example();
    let long = "l".repeat(250);
    edit_users(&store, |json| {
        json["users"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"name": long, "domain": "example.com"}));
    });
    store.write(
        &format!("mail/example.com/{long}/INBOX/#msgs/1.eml"),
        "long",
    );
    store.write(&format!("im/example.com/{long}/history.xml"), "im");
    let all = store.messages();
    store
        .run_as(ADMIN)
        .args([
            "remove",
            &format!("{long}@example.com"),
            "--transfer-to",
            "boss",
        ])
        .assert()
        .success();
    assert_messages(&store.messages(), &all, true, "transfer of a long name");
    let moved = std::fs::read_dir(store.path("mail/example.com/boss"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("Deleted user"))
        .unwrap();
    assert!(moved.len() <= 255);
}

#[test]
fn an_interrupted_cross_file_system_transfer_is_finished_not_stuck() {
    let store = TestStore::example();
    let all = store.messages();
    store
        .run_as(ADMIN)
        .env("MAILUSER_FAILPOINT", "transfer-exdev,transfer-renamed")
        .args(["remove", "jdoe", "--transfer-to", "boss"])
        .assert()
        .failure();
    // The crash came while the source was being deleted: part of it is gone.
    let inbox = store.path("mail/example.com/jdoe/INBOX");
    std::fs::remove_dir_all(&inbox).unwrap();
    store
        .run_as(ADMIN)
        .args(["disable", "gone"])
        .assert()
        .success();
    assert!(!store.path("mail/example.com/jdoe").exists());
    assert_messages(&store.messages(), &all, true, "after finishing");
    assert_eq!(store.pending_intents(), 0);
}

#[cfg(unix)]
#[test]
fn a_cross_file_system_transfer_keeps_owner_mode_and_times() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let store = TestStore::example();
    let file = store.path("mail/example.com/jdoe/INBOX/#msgs/kept.eml");
    store.write(
        "mail/example.com/jdoe/INBOX/#msgs/kept.eml",
        "mode and times",
    );
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let old = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let root = std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
    if root {
        std::os::unix::fs::lchown(&file, Some(4321), Some(4322)).unwrap();
    } else {
        eprintln!("SKIPPED (owner part): needs root to give files away");
    }
    store
        .run_as(ADMIN)
        .env("MAILUSER_FAILPOINT", "transfer-exdev")
        .args(["remove", "jdoe", "--transfer-to", "boss"])
        .assert()
        .success();
    let copied =
        store.path("mail/example.com/boss/Deleted user jdoe@example.com/INBOX/#msgs/kept.eml");
    let meta = std::fs::metadata(copied).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert_eq!(meta.modified().unwrap(), old);
    if root {
        assert_eq!((meta.uid(), meta.gid()), (4321, 4322));
    }
}

#[test]
fn equal_changes_in_the_same_second_are_each_logged() {
    let store = TestStore::example();
    for verb in ["disable", "enable", "disable", "enable"] {
        store
            .run_as(ADMIN)
            .args([verb, "asmith"])
            .assert()
            .success();
    }
    assert_eq!(store.log_lines().len(), 4);
}

#[test]
fn a_failed_log_write_leaves_whole_lines_and_is_finished_once() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .env("MAILUSER_FAILPOINT", "log-write")
        .args(["disable", "asmith"])
        .assert()
        .code(1);
    assert!(
        store.read("logs/warning.log").is_empty() || store.read("logs/warning.log").ends_with('\n')
    );
    store
        .run_as(ADMIN)
        .args(["disable", "mlee"])
        .assert()
        .success();
    let lines = store.log_lines();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].contains("asmith@example.com disabled"));
    assert!(lines[1].contains("mlee@example.com disabled"));
}

#[test]
fn read_only_commands_tell_a_run_in_progress_from_an_interrupted_one() {
    let store = TestStore::example();
    let record = |op: &str| {
        serde_json::json!({
            "op": op, "directory": "users.json", "log_dir": store.path("logs"),
            "log_lines": ["[x] one"], "mailbox_ops": [],
        })
        .to_string()
    };
    // This test process is alive: its id marks a run in progress.
    let alive = format!("00000000000000000001-{}", std::process::id());
    store.write(&format!(".journal/{alive}.json"), &record(&alive));
    store
        .cmd()
        .arg("list")
        .assert()
        .success()
        .stderr(contains("is in progress"));
    std::fs::remove_file(store.path(&format!(".journal/{alive}.json"))).unwrap();
    let dead = "00000000000000000001-999999999";
    store.write(&format!(".journal/{dead}.json"), &record(dead));
    store
        .cmd()
        .arg("list")
        .assert()
        .success()
        .stderr(contains("interrupted run"))
        .stderr(contains("1 change pending"));
}

#[test]
fn names_compare_under_unicode_case_folding() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .args(["remove", "asmith", "--keep-mailbox"])
        .assert()
        .success();
    store
        .run_as(ADMIN)
        .args(["add", "ASmith@example.com"])
        .assert()
        .success()
        .stdout(contains("mailbox re-attached"));
    store
        .cmd()
        .args(["list", "--orphans"])
        .assert()
        .success()
        .stdout("");
    // ΝΙΚΟΣ, νικοσ and νικος are one account.
    edit_users(&store, |json| {
        let users = json["users"].as_array_mut().unwrap();
        users.push(serde_json::json!({"name": "ΝΙΚΟΣ", "domain": "example.com"}));
        users.push(serde_json::json!({"name": "νικος", "domain": "example.com"}));
    });
    store
        .cmd()
        .arg("list")
        .assert()
        .code(2)
        .stderr(contains("duplicate account"));
}

#[test]
fn names_that_standard_input_could_not_carry_are_refused_by_add() {
    let store = TestStore::example();
    let before = store.snapshot();
    for name in ["#ops", "a b", "-x", "semi;colon"] {
        store
            .run_as(ADMIN)
            .args(["add", &format!("{name}@example.com")])
            .assert()
            .code(2);
    }
    assert_eq!(store.snapshot(), before);
}

#[test]
fn a_bom_is_accepted_nulls_are_refused_and_control_characters_escaped() {
    let store = TestStore::example();
    let text = store.read("users.json");
    store.write("users.json", &format!("\u{feff}{text}"));
    store.cmd().arg("list").assert().success();
    store.write("users.json", &text);
    set_field(
        &store,
        "jdoe@example.com",
        "enabled",
        serde_json::Value::Null,
    );
    store
        .cmd()
        .arg("list")
        .assert()
        .code(2)
        .stderr(contains("enabled"))
        .stderr(contains("null"));
    store.write("users.json", &text);
    set_field(
        &store,
        "jdoe@example.com",
        "full_name",
        "Jane\nadmin@example.com  enabled".into(),
    );
    let out = store.cmd().arg("list").output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("Jane\\nadmin@example.com"), "{stdout}");
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("admin@")).count(),
        1
    );
}

#[test]
fn a_dry_run_exits_as_the_real_run_when_the_log_folder_is_missing() {
    let store = TestStore::example();
    std::fs::remove_dir_all(store.path("logs")).unwrap();
    store
        .run_as(ADMIN)
        .args(["--dry-run", "disable", "asmith"])
        .assert()
        .success();
    assert!(!store.path("logs").exists());
    store
        .run_as(ADMIN)
        .args(["disable", "asmith"])
        .assert()
        .success();
}

#[test]
fn an_io_error_is_reported_once() {
    let store = TestStore::example();
    let out = store
        .run_as(ADMIN)
        .args(["apply", "leavers.csv"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.matches("No such file or directory").count(),
        1,
        "{stderr}"
    );
}
