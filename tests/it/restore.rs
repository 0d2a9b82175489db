//! Removals kept for a retention period (SPEC §12): every removal leaves a
//! tombstone, `restore` puts the account back as it was, `purge` and expiry
//! delete tombstones for good, `list --removed` and `history` show them.
//! Round trips compare the whole store, file by file, with its state before
//! the removal (instant-messaging files aside: those are always deleted).

use predicates::str::contains;

use crate::common::{TestStore, assert_messages};

const ADMIN: &str = "admin@example.com";

/// The binary acting as `actor`, with a 30-day retention.
fn run(store: &TestStore, actor: &str) -> assert_cmd::Command {
    let mut cmd = store.run_as(actor);
    cmd.env("MAILUSER_RETAIN_DAYS", "30");
    cmd
}

fn removed_then_restored(choice: &[&str]) {
    let store = TestStore::example();
    let before = store.kept_state();
    let mut remove = run(&store, ADMIN);
    remove
        .args(["remove", "jdoe"])
        .args(choice)
        .assert()
        .success();
    assert!(
        store.user("jdoe@example.com").is_null(),
        "{choice:?}: removed"
    );
    assert!(!store.path("im/example.com/jdoe").exists());
    run(&store, ADMIN)
        .args(["restore", "jdoe@example.com"])
        .assert()
        .success()
        .stdout(contains("jdoe@example.com: restored (mailbox restored"));
    let after = store.kept_state();
    let differing: Vec<_> = before
        .keys()
        .chain(after.keys())
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    assert!(differing.is_empty(), "{choice:?}: differ: {differing:?}");
    assert!(
        std::fs::read_dir(store.path(".removed"))
            .map(|d| d.count())
            .unwrap_or(0)
            == 0,
        "{choice:?}: the tombstone is gone"
    );
    let log = store.log_lines();
    assert_eq!(
        log.last().unwrap(),
        &format!(
            "{} User jdoe@example.com restored by admin@example.com: mailbox restored",
            crate::common::STAMP
        )
    );
    // Restoring twice changes nothing the second time, and says so.
    run(&store, ADMIN)
        .args(["restore", "jdoe@example.com"])
        .assert()
        .success()
        .stdout(contains("already restored"));
    assert_eq!(store.log_lines().len(), log.len());
}

#[test]
fn a_deleted_mailbox_comes_back_with_the_record_byte_for_byte() {
    removed_then_restored(&["--delete-mailbox"]);
    removed_then_restored(&["--delete-mailbox", "--purge-settings"]);
}

#[test]
fn a_kept_mailbox_is_found_in_place() {
    removed_then_restored(&["--keep-mailbox"]);
    removed_then_restored(&["--keep-mailbox", "--purge-settings"]);
}

#[test]
fn a_transferred_mailbox_is_moved_back() {
    removed_then_restored(&["--transfer-to", "boss"]);
    removed_then_restored(&["--transfer-to", "boss", "--purge-settings"]);
}

#[test]
fn a_transferred_mailbox_comes_back_with_what_was_filed_there_since() {
    let store = TestStore::example();
    let mine = store.messages_in("mail/example.com/jdoe");
    run(&store, ADMIN)
        .args(["remove", "jdoe", "--transfer-to", "boss"])
        .assert()
        .success();
    let moved = "mail/example.com/boss/Deleted user jdoe@example.com";
    store.write(
        &format!("{moved}/INBOX/#msgs/filed-later.eml"),
        "filed by boss",
    );
    run(&store, ADMIN)
        .args(["restore", "jdoe"])
        .assert()
        .success();
    assert!(!store.path(moved).exists());
    let mut expected = mine;
    expected.push(b"filed by boss".to_vec());
    expected.sort();
    assert_messages(
        &store.messages_in("mail/example.com/jdoe"),
        &expected,
        true,
        "restored mailbox",
    );
}

#[test]
fn a_deleted_mailbox_is_held_by_the_tombstone_and_counted() {
    let store = TestStore::example();
    let all = store.messages();
    run(&store, ADMIN)
        .args(["remove", "jdoe", "--delete-mailbox"])
        .assert()
        .success();
    assert!(!store.path("mail/example.com/jdoe").exists());
    // Not a message is gone: they wait in the tombstone.
    assert_messages(&store.messages(), &all, true, "held");
    let out = store
        .cmd()
        .args(["list", "--removed", "--format", "json"])
        .output()
        .unwrap();
    let rows = crate::common::json_lines(&out.stdout);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["account"], "jdoe@example.com");
    assert_eq!(rows[0]["mailbox"], "deleted");
    assert_eq!(rows[0]["removed_by"], ADMIN);
    assert!(rows[0]["bytes"].as_u64().unwrap() > 0);
    assert_eq!(rows[0]["expires_at"], "2026-12-25T09:12:01Z");
    store
        .cmd()
        .args(["list", "--removed"])
        .assert()
        .success()
        .stdout(contains(
            "jdoe@example.com  removed 2026-11-25T09:12:01Z by admin@example.com  mailbox deleted",
        ));
}

#[test]
fn retain_zero_keeps_nothing() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .args(["remove", "jdoe", "--delete-mailbox"])
        .assert()
        .success();
    assert!(
        !store.path(".removed").exists()
            || std::fs::read_dir(store.path(".removed")).unwrap().count() == 0
    );
    store
        .run_as(ADMIN)
        .args(["restore", "jdoe"])
        .assert()
        .code(4);
}

#[test]
fn restore_refusals() {
    let store = TestStore::example();
    run(&store, ADMIN)
        .args(["remove", "jdoe", "--transfer-to", "boss"])
        .assert()
        .success();
    let before = store.snapshot();
    // A read-only auditor may not restore (the policy of add).
    run(&store, "rview@example.com")
        .args(["restore", "jdoe"])
        .assert()
        .code(3);
    // The mailbox is gone: exit 4, unless --without-mailbox.
    let moved = store.path("mail/example.com/boss/Deleted user jdoe@example.com");
    let aside = store.tmp.path().join("aside");
    std::fs::rename(&moved, &aside).unwrap();
    run(&store, ADMIN)
        .args(["restore", "jdoe"])
        .assert()
        .code(4)
        .stderr(contains("--without-mailbox"));
    std::fs::rename(&aside, &moved).unwrap();
    assert_eq!(store.snapshot(), before);
    // An account with the address exists: exit 2.
    run(&store, ADMIN)
        .args(["add", "jdoe@example.com"])
        .assert()
        .success()
        .stdout(contains("restore jdoe@example.com"));
    run(&store, ADMIN)
        .args(["restore", "jdoe@example.com"])
        .assert()
        .code(2)
        .stderr(contains("exists"));
}

#[test]
fn restore_needs_a_free_seat() {
    let store = TestStore::example();
    run(&store, ADMIN)
        .args(["remove", "jdoe", "--keep-mailbox"])
        .assert()
        .success();
    let seats = store
        .cmd()
        .args(["license", "--format", "json"])
        .output()
        .unwrap();
    let used = crate::common::json_lines(&seats.stdout)[0]["seats_used"]
        .as_u64()
        .unwrap();
    let text = store.read("users.json");
    store.write(
        "users.json",
        &text.replacen("\"seats\": 10", &format!("\"seats\": {used}"), 1),
    );
    run(&store, ADMIN)
        .args(["restore", "jdoe"])
        .assert()
        .code(5);
    assert!(store.user("jdoe@example.com").is_null());
}

#[test]
fn without_mailbox_restores_the_account_alone() {
    let store = TestStore::example();
    run(&store, ADMIN)
        .args(["remove", "jdoe", "--keep-mailbox"])
        .assert()
        .success();
    std::fs::remove_dir_all(store.path("mail/example.com/jdoe")).unwrap();
    run(&store, ADMIN)
        .args(["restore", "jdoe", "--without-mailbox"])
        .assert()
        .success()
        .stdout(contains("mailbox not restored"));
    assert_eq!(store.user("jdoe@example.com")["full_name"], "Jane Doe");
    assert!(
        store
            .log_lines()
            .last()
            .unwrap()
            .ends_with("restored by admin@example.com: mailbox not restored")
    );
}

#[test]
fn expired_tombstones_are_purged_by_any_changing_run() {
    let store = TestStore::example();
    run(&store, ADMIN)
        .args(["remove", "jdoe", "--delete-mailbox"])
        .assert()
        .success();
    let jdoe_mail = 3;
    let all = store.messages().len();
    // Still within the 30 days: nothing goes.
    run(&store, ADMIN)
        .env("MAILUSER_NOW", "2026-12-20T10:00:00+01:00")
        .args(["unlock", "tlock"])
        .assert()
        .success();
    assert_eq!(store.messages().len(), all);
    // Past them: the next changing run purges it, and logs it.
    run(&store, ADMIN)
        .env("MAILUSER_NOW", "2026-12-26T10:00:00+01:00")
        .args(["disable", "asmith"])
        .assert()
        .success()
        .stdout(contains("jdoe@example.com: purged"));
    assert_eq!(store.messages().len(), all - jdoe_mail);
    assert!(
        store
            .log_lines()
            .iter()
            .any(|l| l.ends_with("Removed user jdoe@example.com purged by admin@example.com"))
    );
    run(&store, ADMIN)
        .args(["restore", "jdoe"])
        .assert()
        .code(4);
}

#[test]
fn purge_deletes_tombstones_for_good() {
    let store = TestStore::example();
    run(&store, ADMIN)
        .args(["remove", "jdoe", "asmith", "--delete-mailbox"])
        .assert()
        .success();
    run(&store, "mlee@example.com")
        .args(["purge", "kim@example.org"])
        .assert()
        .code(4);
    run(&store, ADMIN)
        .args(["purge", "jdoe@example.com"])
        .assert()
        .success();
    let out = store.cmd().args(["list", "--removed"]).output().unwrap();
    let listed = String::from_utf8(out.stdout).unwrap();
    assert!(!listed.contains("jdoe@"), "{listed}");
    assert!(listed.contains("asmith@"), "{listed}");
    run(&store, ADMIN)
        .env("MAILUSER_NOW", "2027-01-30T10:00:00+01:00")
        .args(["purge", "--expired"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_dir(store.path(".removed")).unwrap().count(),
        0
    );
}

#[test]
fn history_shows_the_log_then_the_tombstones() {
    let store = TestStore::example();
    run(&store, ADMIN)
        .args(["disable", "jdoe"])
        .assert()
        .success();
    run(&store, ADMIN)
        .args(["remove", "jdoe", "--keep-mailbox"])
        .assert()
        .success();
    store.write("logs/warning.log.1", &format!("{} User jdoe@example.com added by admin@example.com\n[x] User other@example.com disabled by admin@example.com\n", "[01/Jan/2026 00:00:00]"));
    let out = store
        .cmd()
        .args(["history", "jdoe@example.com"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].contains("added"));
    assert!(lines[1].contains("disabled"));
    assert!(lines[2].contains("removed by admin"));
    assert!(lines[3].starts_with("jdoe@example.com  removed"));
    let out = store
        .cmd()
        .args(["history", "jdoe", "--format", "json"])
        .output()
        .unwrap();
    let rows = crate::common::json_lines(&out.stdout);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[3]["removed"], true);
}

/// Every step of a removal with retention and of a restore at which a run
/// can die; the next run finishes it, every message accounted for.
#[test]
fn interrupted_removals_and_restores_are_finished_by_the_next_run() {
    let steps = [
        "journal-committed",
        "mailbox-op-1",
        "mailbox-op-2",
        "save-after-rename",
        "directory-installed",
        "log-written",
        "trash-emptied",
    ];
    for choice in [
        &["--delete-mailbox"][..],
        &["--transfer-to", "boss", "--purge-settings"],
    ] {
        for step in steps {
            let store = TestStore::example();
            let all = store.messages();
            let before = store.kept_state();
            run(&store, ADMIN)
                .env("MAILUSER_FAILPOINT", step)
                .args(["remove", "jdoe"])
                .args(choice)
                .assert()
                .failure();
            assert_messages(
                &store.messages(),
                &all,
                true,
                &format!("{step}: mid-removal"),
            );
            run(&store, ADMIN)
                .args(["unlock", "tlock"])
                .assert()
                .success();
            assert!(store.user("jdoe@example.com").is_null(), "{step}");
            assert_eq!(store.pending_intents(), 0);
            // The removal and its tombstone exist together.
            run(&store, ADMIN)
                .env("MAILUSER_FAILPOINT", step)
                .args(["restore", "jdoe"])
                .assert()
                .failure();
            assert_messages(
                &store.messages(),
                &all,
                true,
                &format!("{step}: mid-restore"),
            );
            run(&store, ADMIN)
                .args(["disable", "gone"])
                .assert()
                .success();
            assert_eq!(store.pending_intents(), 0);
            assert_eq!(
                store.user("jdoe@example.com")["full_name"],
                "Jane Doe",
                "{step}"
            );
            let mut after = store.kept_state();
            let mut expected = before.clone();
            // tlock was unlocked in between.
            for map in [&mut after, &mut expected] {
                map.remove("users.json");
            }
            assert_eq!(after, expected, "{choice:?} {step}");
            assert_messages(&store.messages(), &all, true, &format!("{step}: after"));
        }
    }
}

/// The tombstones runs wrote beside their journal records.
fn prepared_tombstones(store: &TestStore) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(store.path(".journal"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".tombstones.json"))
        .collect()
}

/// A run that dies after writing its tombstones but before its record
/// never happened: the next run removes the tombstones it left in
/// `.journal/`, and no removal is kept.
#[test]
fn tombstones_written_before_the_commit_are_dropped_with_the_run() {
    let store = TestStore::example();
    let before = store.snapshot();
    run(&store, ADMIN)
        .env("MAILUSER_FAILPOINT", "tombstones-prepared")
        .args(["remove", "jdoe", "asmith", "--delete-mailbox"])
        .assert()
        .failure();
    assert_eq!(prepared_tombstones(&store).len(), 1);
    run(&store, ADMIN)
        .args(["unlock", "tlock"])
        .assert()
        .success();
    assert_eq!(store.pending_intents(), 0);
    assert!(!store.path(".removed").exists());
    assert_eq!(store.user("jdoe@example.com")["full_name"], "Jane Doe");
    let mut after = store.snapshot();
    let mut expected = before;
    for map in [&mut after, &mut expected] {
        map.retain(|rel, _| !rel.starts_with('.') && !rel.starts_with("logs/"));
        map.remove("users.json");
        map.remove("users.json.bak");
    }
    assert_eq!(after, expected);
}

/// A committed removal whose prepared tombstones went missing is not
/// finished without them (it could never be undone): the run stops and
/// says what to do, and nothing is removed.
#[test]
fn a_removal_whose_tombstones_went_missing_is_not_finished() {
    let store = TestStore::example();
    let all = store.messages();
    run(&store, ADMIN)
        .env("MAILUSER_FAILPOINT", "journal-committed")
        .args(["remove", "jdoe", "--delete-mailbox"])
        .assert()
        .failure();
    let prepared = prepared_tombstones(&store);
    assert_eq!(prepared.len(), 1);
    std::fs::remove_file(&prepared[0]).unwrap();
    run(&store, ADMIN)
        .args(["unlock", "tlock"])
        .assert()
        .code(1)
        .stderr(contains("tombstones of this removal are missing"));
    assert_eq!(store.user("jdoe@example.com")["full_name"], "Jane Doe");
    assert_messages(&store.messages(), &all, false, "tombstones missing");
    assert!(store.path("mail/example.com/jdoe").is_dir());
}

#[test]
fn apply_takes_restore_rows() {
    let store = TestStore::example();
    run(&store, ADMIN)
        .args(["remove", "jdoe", "asmith", "--keep-mailbox"])
        .assert()
        .success();
    let csv = store.tmp.path().join("back.csv");
    std::fs::write(
        &csv,
        "action,user\nrestore,jdoe@example.com\nrestore,nobody@example.com\n",
    )
    .unwrap();
    run(&store, ADMIN)
        .arg("apply")
        .arg(&csv)
        .assert()
        .code(6)
        .stdout(contains("line 2: jdoe@example.com: restored"))
        .stderr(contains("line 3"));
    assert_eq!(store.user("jdoe@example.com")["name"], "jdoe");
    assert!(store.user("asmith@example.com").is_null());
}

/// A purge killed at any step is finished by the next run: the tombstone
/// and its mail go for good, every other message stays.
#[test]
fn interrupted_purges_are_finished_by_the_next_run() {
    for step in [
        "journal-committed",
        "mailbox-op-1",
        "mailbox-op-2",
        "log-written",
        "trash-emptied",
    ] {
        let store = TestStore::example();
        run(&store, ADMIN)
            .args(["remove", "jdoe", "--delete-mailbox", "--purge-settings"])
            .assert()
            .success();
        let held = store.messages_in(".removed").len();
        assert!(held > 0);
        let all = store.messages();
        run(&store, ADMIN)
            .env("MAILUSER_FAILPOINT", step)
            .args(["purge", "jdoe@example.com"])
            .assert()
            .failure();
        run(&store, ADMIN)
            .args(["unlock", "tlock"])
            .assert()
            .success();
        assert_eq!(store.pending_intents(), 0, "{step}");
        assert_eq!(store.messages().len(), all.len() - held, "{step}");
        assert!(
            !store.path(".removed").exists()
                || std::fs::read_dir(store.path(".removed")).unwrap().count() == 0,
            "{step}: the tombstone is gone"
        );
        assert_eq!(
            store
                .log_lines()
                .iter()
                .filter(|l| l.contains("Removed user jdoe@example.com purged"))
                .count(),
            1,
            "{step}: logged once"
        );
    }
}
