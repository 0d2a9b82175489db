//! `remove` and `add` on real temporary stores: each mailbox choice, purge,
//! re-attach, orphans, symbolic links.

use crate::common::{STAMP, TestStore, assert_messages, json_lines};
use predicates::str::contains;

const ADMIN: &str = "admin@example.com";
const JDOE_MAIL: &str = "mail/example.com/jdoe";
const MOVED: &str = "mail/example.com/boss/Deleted user jdoe@example.com";

#[test]
fn keep_removes_the_record_and_leaves_the_mailbox() {
    let store = TestStore::example();
    let mailbox = store.messages_in(JDOE_MAIL);
    store
        .run_as(ADMIN)
        .args(["remove", "jdoe@example.com", "--keep-mailbox"])
        .assert()
        .success()
        .stdout("jdoe@example.com: removed (mailbox kept, instant messaging files deleted)\n");
    assert_eq!(store.user("jdoe@example.com"), serde_json::Value::Null);
    assert_messages(&store.messages_in(JDOE_MAIL), &mailbox, true, "mailbox");
    assert!(store.path("mail/example.com/jdoe/settings.usr").exists());
    assert!(!store.path("im/example.com/jdoe").exists());
    assert!(store.path("im/example.com/asmith/history.xml").exists());
    // Without --purge-settings the references stay.
    let json = store.json();
    assert_eq!(json["aliases"][0]["deliver_to"][0], "jdoe@example.com");
    assert_eq!(
        store.user("kim@example.org")["forward_to"][0],
        "jdoe@example.com"
    );
    assert_eq!(
        store.log_lines(),
        [format!(
            "{STAMP} User jdoe@example.com removed by admin@example.com: mailbox kept, instant messaging files deleted"
        )]
    );
    assert_eq!(store.pending_intents(), 0);
}

#[test]
fn keep_with_purge_deletes_settings_and_references() {
    let store = TestStore::example();
    let mailbox = store.messages_in(JDOE_MAIL);
    store
        .run_as(ADMIN)
        .args(["remove", "jdoe", "--keep-mailbox", "--purge-settings"])
        .assert()
        .success();
    assert_messages(&store.messages_in(JDOE_MAIL), &mailbox, true, "mailbox");
    assert!(!store.path("mail/example.com/jdoe/settings.usr").exists());
    assert!(!store.path("mail/example.com/jdoe/filter.siv").exists());
    assert!(store.path("mail/example.com/jdoe/INBOX/index.fld").exists());
    let json = store.json();
    assert_eq!(
        json["aliases"][0]["deliver_to"],
        serde_json::json!(["asmith@example.com"])
    );
    assert_eq!(
        store.user("kim@example.org")["forward_to"],
        serde_json::json!([])
    );
    assert!(store.log_lines()[0].ends_with(
        "mailbox kept, settings purged (alias sales@example.com, forwarding of \
         kim@example.org), instant messaging files deleted"
    ));
}

#[test]
fn purge_drops_an_alias_left_with_no_address() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .args([
            "remove",
            "kim@example.org",
            "--delete-mailbox",
            "--purge-settings",
        ])
        .assert()
        .success();
    let aliases = store.json()["aliases"].clone();
    assert_eq!(aliases.as_array().unwrap().len(), 1);
    assert_eq!(aliases[0]["alias"], "sales@example.com");
}

#[test]
fn transfer_moves_the_whole_mailbox_into_the_target() {
    let store = TestStore::example();
    let all = store.messages();
    let mailbox = store.messages_in(JDOE_MAIL);
    store
        .run_as(ADMIN)
        .args(["remove", "jdoe", "--transfer-to", "boss@example.com"])
        .assert()
        .success();
    assert!(!store.path(JDOE_MAIL).exists());
    assert_messages(&store.messages_in(MOVED), &mailbox, true, "mailbox");
    assert!(store.path(&format!("{MOVED}/settings.usr")).exists());
    assert!(store.path(&format!("{MOVED}/INBOX/index.fld")).exists());
    assert_messages(&store.messages(), &all, true, "after");
    assert!(
        store.log_lines()[0]
            .ends_with("mailbox transferred to boss@example.com, instant messaging files deleted")
    );
}

#[test]
fn transfer_with_purge_moves_the_mailbox_without_settings() {
    let store = TestStore::example();
    let all = store.messages();
    store
        .run_as(ADMIN)
        .args([
            "remove",
            "jdoe",
            "--transfer-to",
            "boss",
            "--purge-settings",
        ])
        .assert()
        .success();
    assert_messages(&store.messages(), &all, true, "after");
    assert!(!store.path(&format!("{MOVED}/settings.usr")).exists());
    assert!(!store.path(&format!("{MOVED}/filter.siv")).exists());
}

#[test]
fn transfer_never_overwrites_an_existing_folder() {
    let store = TestStore::example();
    store.write(&format!("{MOVED}/INBOX/#msgs/1.eml"), "an older transfer");
    store.write(&format!("{MOVED} (2)/keep.txt"), "taken too");
    let all = store.messages();
    store
        .run_as(ADMIN)
        .args(["remove", "jdoe", "--transfer-to", "boss"])
        .assert()
        .success()
        .stdout(contains(
            "into \"mail/example.com/boss/Deleted user jdoe@example.com (3)\"",
        ));
    assert_eq!(
        store.read(&format!("{MOVED}/INBOX/#msgs/1.eml")),
        "an older transfer"
    );
    assert_eq!(store.read(&format!("{MOVED} (2)/keep.txt")), "taken too");
    assert_eq!(store.messages_in(&format!("{MOVED} (3)")).len(), 3);
    assert_messages(&store.messages(), &all, true, "after");
}

#[test]
fn two_transfers_to_one_target_get_two_folders() {
    let store = TestStore::example();
    let all = store.messages();
    store
        .run_as(ADMIN)
        .args(["remove", "jdoe", "asmith", "--transfer-to", "boss"])
        .assert()
        .success();
    assert_eq!(store.messages_in(MOVED).len(), 3);
    assert_eq!(
        store
            .messages_in("mail/example.com/boss/Deleted user asmith@example.com")
            .len(),
        3
    );
    assert_messages(&store.messages(), &all, true, "after");
}

#[test]
fn transfer_across_file_systems_copies_then_deletes() {
    let store = TestStore::example();
    let all = store.messages();
    store
        .run_as(ADMIN)
        .env("MAILUSER_FAILPOINT", "transfer-exdev")
        .args(["remove", "jdoe", "--transfer-to", "boss"])
        .assert()
        .success();
    assert!(!store.path(JDOE_MAIL).exists());
    assert_messages(&store.messages(), &all, true, "after");
}

#[test]
fn the_transfer_target_must_exist_and_stay() {
    let store = TestStore::example();
    let before = store.snapshot();
    let run = |args: &[&str], code: i32, message: &str| {
        store
            .run_as(ADMIN)
            .args(args)
            .assert()
            .code(code)
            .stderr(contains(message.to_string()));
    };
    run(
        &["remove", "jdoe", "--transfer-to", "nobody@example.com"],
        4,
        "nobody@example.com: no such account",
    );
    run(&["remove", "jdoe", "--transfer-to", "jdoe"], 2, "to itself");
    run(
        &["remove", "jdoe", "boss", "--transfer-to", "boss"],
        2,
        "removed in the same run",
    );
    assert_eq!(store.snapshot(), before);
}

#[test]
fn delete_removes_the_mailbox_and_nothing_else() {
    let store = TestStore::example();
    let others: Vec<_> = {
        let jdoe = store.messages_in(JDOE_MAIL);
        let mut all = store.messages();
        for m in jdoe {
            let i = all.iter().position(|x| *x == m).unwrap();
            all.remove(i);
        }
        all
    };
    store
        .run_as(ADMIN)
        .args(["remove", "jdoe", "--delete-mailbox"])
        .assert()
        .success();
    assert!(!store.path(JDOE_MAIL).exists());
    assert_messages(&store.messages(), &others, true, "after");
    assert!(
        std::fs::read_dir(store.path(".trash"))
            .unwrap()
            .next()
            .is_none()
    );
    assert!(store.log_lines()[0].ends_with("mailbox deleted, instant messaging files deleted"));
}

#[test]
fn exactly_one_mailbox_choice_is_required() {
    let store = TestStore::example();
    let before = store.snapshot();
    store
        .run_as(ADMIN)
        .args(["remove", "jdoe"])
        .assert()
        .code(2);
    store
        .run_as(ADMIN)
        .args(["remove", "jdoe", "--keep-mailbox", "--delete-mailbox"])
        .assert()
        .code(2);
    store
        .run_as(ADMIN)
        .args(["remove", "jdoe", "--keep-mailbox", "--transfer-to", "boss"])
        .assert()
        .code(2);
    assert_eq!(store.snapshot(), before);
}

#[test]
fn a_missing_account_exits_4_unless_missing_ok() {
    let store = TestStore::example();
    let before = store.snapshot();
    store
        .run_as(ADMIN)
        .args(["remove", "nobody", "jdoe", "--keep-mailbox"])
        .assert()
        .code(4);
    assert_eq!(store.snapshot(), before);
    store
        .run_as(ADMIN)
        .args([
            "remove",
            "nobody@example.com",
            "jdoe",
            "--keep-mailbox",
            "--missing-ok",
        ])
        .assert()
        .success()
        .stdout(contains("nobody@example.com: no such account, skipped"));
    assert_eq!(store.user("jdoe@example.com"), serde_json::Value::Null);
    store
        .run_as(ADMIN)
        .args(["remove", "jdoe", "--keep-mailbox", "--missing-ok"])
        .assert()
        .success();
}

#[test]
fn the_policy_applies_to_remove() {
    let store = TestStore::example();
    let before = store.snapshot();
    store
        .run_as("mlee@example.com")
        .args(["remove", "boss", "--delete-mailbox"])
        .assert()
        .code(3);
    store
        .run_as("mlee@example.com")
        .args(["remove", "mlee", "--delete-mailbox"])
        .assert()
        .code(3);
    store
        .run_as("mlee@example.com")
        .args(["remove", "kim@example.org", "--keep-mailbox"])
        .assert()
        .code(3);
    store
        .run_as("mlee@example.com")
        .args(["remove", "jdoe", "--transfer-to", "kim@example.org"])
        .assert()
        .code(3)
        .stderr(contains("account-admin-own-domain"));
    store
        .run_as(ADMIN)
        .args(["remove", "admin", "--keep-mailbox"])
        .assert()
        .code(3);
    assert_eq!(store.snapshot(), before);
}

#[test]
fn removing_frees_a_seat() {
    let store = TestStore::example();
    store
        .cmd()
        .arg("license")
        .assert()
        .stdout("seats: 10 total, 9 used, 1 free\n");
    store
        .run_as(ADMIN)
        .args(["remove", "jdoe", "--keep-mailbox"])
        .assert()
        .success();
    store
        .cmd()
        .arg("license")
        .assert()
        .stdout("seats: 10 total, 8 used, 2 free\n");
}

#[test]
fn dry_run_remove_shows_the_plan_and_changes_nothing() {
    let store = TestStore::example();
    let before = store.snapshot();
    store
        .run_as(ADMIN)
        .args([
            "--dry-run",
            "remove",
            "jdoe",
            "--transfer-to",
            "boss",
            "--purge-settings",
        ])
        .assert()
        .success()
        .stdout(
            "jdoe@example.com: would be removed (mailbox transferred to boss@example.com, \
             settings purged (alias sales@example.com, forwarding of kim@example.org), \
             instant messaging files deleted) into \"mail/example.com/boss/Deleted user jdoe@example.com\"\n",
        );
    assert_eq!(store.snapshot(), before);
}

#[test]
fn orphans_lists_kept_mailboxes_and_add_reattaches_them() {
    let store = TestStore::example();
    store
        .cmd()
        .args(["list", "--orphans"])
        .assert()
        .success()
        .stdout("");
    let mailbox = store.messages_in(JDOE_MAIL);
    store
        .run_as(ADMIN)
        .args(["remove", "jdoe", "--keep-mailbox"])
        .assert()
        .success();
    store
        .cmd()
        .args(["list", "--orphans"])
        .assert()
        .success()
        .stdout(predicates::str::starts_with(
            "mail/example.com/jdoe  (kept mailbox of jdoe@example.com: 3 messages, ",
        ))
        .stdout(predicates::str::contains(" bytes, last change 20"));
    let out = store
        .cmd()
        .args(["list", "--orphans", "--format", "json"])
        .assert()
        .success();
    assert_eq!(
        json_lines(&out.get_output().stdout)[0]["account"],
        "jdoe@example.com"
    );
    store
        .run_as(ADMIN)
        .args(["add", "jdoe@example.com", "--full-name", "Jane Doe"])
        .assert()
        .success()
        .stdout("jdoe@example.com: added (mailbox re-attached)\n");
    store
        .cmd()
        .args(["list", "--orphans"])
        .assert()
        .success()
        .stdout("");
    assert_messages(&store.messages_in(JDOE_MAIL), &mailbox, true, "mailbox");
    let jdoe = store.user("jdoe@example.com");
    assert_eq!(jdoe["full_name"], "Jane Doe");
    assert_eq!(
        store.log_lines()[1],
        format!("{STAMP} User jdoe@example.com added by admin@example.com: mailbox re-attached")
    );
}

#[test]
fn add_creates_an_account_and_is_idempotent() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .args(["add", "new@example.org", "--role", "read-only"])
        .assert()
        .success()
        .stdout("new@example.org: added\n");
    let user = store.user("new@example.org");
    assert_eq!(
        user,
        serde_json::json!({"name": "new", "domain": "example.org", "role": "read-only"})
    );
    assert_eq!(
        store.log_lines(),
        [format!(
            "{STAMP} User new@example.org added by admin@example.com"
        )]
    );
    store
        .run_as(ADMIN)
        .args(["add", "new@example.org"])
        .assert()
        .success()
        .stdout("new@example.org: already exists, nothing to change\n");
    assert_eq!(store.log_lines().len(), 1);
}

#[test]
fn add_needs_a_seat_and_the_rights() {
    let store = TestStore::example();
    store
        .run_as(ADMIN)
        .args(["add", "one@example.com"])
        .assert()
        .success();
    let before = store.snapshot();
    store
        .run_as(ADMIN)
        .args(["add", "two@example.com"])
        .assert()
        .code(5);
    store
        .run_as("mlee@example.com")
        .args(["add", "two@example.com", "--role", "full"])
        .assert()
        .code(3)
        .stderr(contains("role-not-higher"));
    store
        .run_as("mlee@example.com")
        .args(["add", "two@example.org"])
        .assert()
        .code(3);
    store
        .run_as(ADMIN)
        .args(["add", "two"])
        .assert()
        .code(2)
        .stderr(contains("name@domain"));
    store
        .run_as(ADMIN)
        .args(["add", "x@example.com", "--role", "built-in"])
        .assert()
        .code(2);
    assert_eq!(store.snapshot(), before);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_in_a_mailbox_is_never_followed() {
    let store = TestStore::example();
    let outside = store.tmp.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("precious.eml"), "not the store's").unwrap();
    std::os::unix::fs::symlink(&outside, store.path("mail/example.com/jdoe/INBOX/link")).unwrap();
    std::os::unix::fs::symlink(&outside, store.path("mail/example.com/asmith/link")).unwrap();
    store
        .run_as(ADMIN)
        .args(["remove", "jdoe", "--delete-mailbox"])
        .assert()
        .success();
    store
        .run_as(ADMIN)
        .env("MAILUSER_FAILPOINT", "transfer-exdev")
        .args(["remove", "asmith", "--transfer-to", "boss"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(outside.join("precious.eml")).unwrap(),
        "not the store's"
    );
    let moved = store.path("mail/example.com/boss/Deleted user asmith@example.com/link");
    assert!(
        std::fs::symlink_metadata(moved)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[cfg(unix)]
#[test]
fn a_mailbox_behind_a_symbolic_link_is_refused() {
    let store = TestStore::example();
    let outside = store.tmp.path().join("outside");
    std::fs::rename(store.path(JDOE_MAIL), &outside).unwrap();
    std::os::unix::fs::symlink(&outside, store.path(JDOE_MAIL)).unwrap();
    let before = store.snapshot();
    for choice in [
        &["--delete-mailbox"][..],
        &["--keep-mailbox", "--purge-settings"],
        &["--transfer-to", "boss"],
    ] {
        store
            .run_as(ADMIN)
            .args(["remove", "jdoe"])
            .args(choice)
            .assert()
            .code(1)
            .stderr(contains("symbolic link"));
    }
    assert_eq!(store.snapshot(), before);
    assert_eq!(crate::common::messages_under(&outside).len(), 3);
}

#[test]
fn a_mailbox_another_account_uses_is_never_moved_or_deleted() {
    for (who, mailbox) in [
        ("\"name\": \"kim\"", "example.com/jdoe"),
        ("\"name\": \"kim\"", "example.com/jdoe/Archive"),
        ("\"name\": \"kim\"", "example.com"),
    ] {
        let store = TestStore::example();
        let json = store
            .read("users.json")
            .replace(who, &format!("{who}, \"mailbox\": \"{mailbox}\""));
        store.write("users.json", &json);
        let before = store.snapshot();
        for choice in [
            &["--delete-mailbox"][..],
            &["--transfer-to", "boss"],
            &["--keep-mailbox", "--purge-settings"],
        ] {
            store
                .run_as(ADMIN)
                .args(["remove", "jdoe"])
                .args(choice)
                .assert()
                .code(2)
                .stderr(contains("refusing to move, delete or purge it"));
        }
        assert_eq!(store.snapshot(), before, "{mailbox}");
        store
            .run_as(ADMIN)
            .args(["remove", "jdoe", "--keep-mailbox"])
            .assert()
            .success();
    }
}
