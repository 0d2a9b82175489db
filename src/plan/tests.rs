//! The planner against an in-memory directory and a fake store view: no
//! file system, only the decisions (changes, mailbox steps, refusals).

use std::cell::RefCell;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{Action, Change, MailboxChoice, NewAccount, Options, Plan, Removal, Request, Step};
use crate::directory::{Directory, Role};
use crate::error::{Error, Result};
use crate::store::journal::MailboxOp;
use crate::store::tombstone::{Fate, Tombstone};
use crate::store::view::StoreView;

/// A store that is a set of existing paths (relative to the store).
#[derive(Default)]
struct FakeStore {
    paths: HashSet<PathBuf>,
    tombstones: Vec<Tombstone>,
    /// Folders holding a mount point.
    mounts: HashSet<PathBuf>,
    asked_bytes: RefCell<usize>,
}

impl FakeStore {
    fn with(paths: &[&str]) -> FakeStore {
        FakeStore {
            paths: paths.iter().map(PathBuf::from).collect(),
            ..FakeStore::default()
        }
    }
}

impl StoreView for FakeStore {
    fn locate(&self, rel: &Path) -> Result<Option<PathBuf>> {
        Ok(self.paths.contains(rel).then(|| rel.to_path_buf()))
    }
    fn exists(&self, rel: &Path) -> Result<bool> {
        Ok(self.paths.contains(rel))
    }
    fn same_device(&self, _rel: &Path) -> bool {
        true
    }
    fn free_name(&self, parent: &Path, base: &str, taken: &dyn Fn(&Path) -> bool) -> PathBuf {
        (1..)
            .map(|n| match n {
                1 => parent.join(base),
                n => parent.join(format!("{base} ({n})")),
            })
            .find(|p| !taken(p) && !self.paths.contains(p))
            .unwrap_or_default()
    }
    fn one_file_system(&self, rel: &Path) -> Result<()> {
        match self.mounts.contains(rel) {
            true => Err(Error::Store(format!(
                "{} holds a mount point",
                rel.display()
            ))),
            false => Ok(()),
        }
    }
    fn bytes_under(&self, _rel: &Path) -> u64 {
        *self.asked_bytes.borrow_mut() += 1;
        100
    }
    fn file_size(&self, rel: &Path) -> Option<u64> {
        self.paths.contains(rel).then_some(10)
    }
    fn tombstones(&self) -> Result<Vec<Tombstone>> {
        Ok(self.tombstones.clone())
    }
}

/// Four seats, all used. The disabled accounts take none: `off2` forwards
/// to itself, `stuck` is locked, the twins share one mailbox.
const USERS: &str = r#"{
  "license": {"seats": 4},
  "users": [
    {"name": "admin", "domain": "x.org", "role": "built-in"},
    {"name": "boss", "domain": "x.org", "role": "full"},
    {"name": "jdoe", "domain": "x.org", "forward_to": ["boss@x.org"]},
    {"name": "kim", "domain": "y.org", "forward_to": ["jdoe@x.org"]},
    {"name": "lee", "domain": "x.org", "groups": ["helpdesk"], "forward_to": ["jdoe@x.org"]},
    {"name": "off", "domain": "x.org", "enabled": false},
    {"name": "off2", "domain": "x.org", "enabled": false, "forward_to": ["off2@x.org"]},
    {"name": "stuck", "domain": "x.org", "enabled": false, "locked": true},
    {"name": "twin", "domain": "x.org", "enabled": false, "mailbox": "x.org/shared"},
    {"name": "twin2", "domain": "x.org", "enabled": false, "mailbox": "x.org/shared"}
  ],
  "groups": [{"name": "helpdesk", "domain": "x.org", "role": "account-admin"}],
  "aliases": [
    {"alias": "team@x.org", "deliver_to": ["jdoe@x.org", "boss@x.org"]},
    {"alias": "solo@x.org", "deliver_to": ["jdoe@x.org"]},
    {"alias": "far@y.org", "deliver_to": ["jdoe@x.org"]}
  ]
}"#;

fn directory() -> Directory {
    Directory::from_text(Path::new("users.json"), USERS.to_string()).unwrap()
}

fn request(action: Action, user: &str) -> Request {
    Request {
        action,
        user: user.to_string(),
        line: None,
    }
}

fn remove(mailbox: MailboxChoice, purge_settings: bool) -> Action {
    Action::Remove(Removal {
        mailbox,
        purge_settings,
    })
}

fn add(role: Option<Role>) -> Action {
    Action::Add(NewAccount {
        full_name: None,
        role,
    })
}

fn restore(op: Option<&str>, without_mailbox: bool) -> Action {
    Action::Restore {
        op: op.map(Into::into),
        without_mailbox,
    }
}

fn purge(op: Option<&str>, expired: bool) -> Action {
    Action::Purge {
        op: op.map(Into::into),
        expired,
    }
}

fn plan(store: &FakeStore, actor: &str, requests: &[Request], options: Options) -> Plan {
    Plan::build(&directory(), store, "1-1", actor, requests, options)
}

/// A plan of the administrator's on the directory and an empty store.
fn by_admin(requests: &[Request]) -> Plan {
    plan(
        &FakeStore::default(),
        "admin@x.org",
        requests,
        Options::default(),
    )
}

/// Options that keep removals for 30 days, from a fixed time.
fn retaining() -> Options {
    Options {
        retain_days: 30,
        now: "2026-11-25T09:12:01Z".parse().unwrap(),
        ..Options::default()
    }
}

/// The tombstone a removal step writes first.
fn written_tombstone(step: &Step) -> &Tombstone {
    match &step.ops[0] {
        MailboxOp::Tombstones { dir, tombstones } => {
            assert_eq!(dir, Path::new(".removed/1-1"));
            &tombstones[0]
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_action_has_its_command_and_log_words() {
    let words = |action: Action| (action.verb(), action.past(), action.log_subject());
    let removal = remove(MailboxChoice::Keep, false);
    assert_eq!(words(Action::Disable), ("disable", "disabled", "User"));
    assert_eq!(words(Action::Enable), ("enable", "enabled", "User"));
    assert_eq!(words(Action::Unlock), ("unlock", "unlocked", "User"));
    assert_eq!(words(removal), ("remove", "removed", "User"));
    assert_eq!(words(add(None)), ("add", "added", "User"));
    assert_eq!(words(restore(None, false)), ("restore", "restored", "User"));
    assert_eq!(
        words(purge(None, false)),
        ("purge", "purged", "Removed user")
    );
}

#[test]
fn disable_is_one_typed_change_and_already_disabled_is_none() {
    let plan = by_admin(&[
        request(Action::Disable, "jdoe@x.org"),
        request(Action::Disable, "off"),
    ]);
    assert!(plan.failures.is_empty());
    assert_eq!(
        plan.steps[0].changes,
        [Change::SetEnabled {
            account: "jdoe@x.org".into(),
            from: true,
            to: false,
        }]
    );
    assert_eq!(plan.steps[1].unchanged.as_deref(), Some("already disabled"));
    assert!(plan.steps[1].changes.is_empty());
    assert_eq!(plan.op, "1-1");
    assert!(plan.steps[0].changes() && !plan.steps[1].changes());
    assert!(plan.changes_anything());
    assert_eq!(super::changes(&plan), plan.steps[0].changes);
    let unchanged = by_admin(&[request(Action::Disable, "off")]);
    assert!(!unchanged.changes_anything());
    assert!(super::changes(&unchanged).is_empty());
}

#[test]
fn enable_and_unlock_change_only_what_needs_it() {
    let plan = by_admin(&[
        request(Action::Enable, "jdoe"),
        request(Action::Unlock, "boss"),
        request(Action::Unlock, "stuck"),
    ]);
    assert!(plan.failures.is_empty(), "{:?}", plan.failures);
    let unchanged: Vec<_> = plan.steps.iter().map(|s| s.unchanged.as_deref()).collect();
    assert_eq!(
        unchanged,
        [Some("already enabled"), Some("not locked"), None]
    );
    assert_eq!(
        plan.steps[2].changes,
        [Change::SetLocked {
            account: "stuck@x.org".into(),
            from: true,
            to: false,
        }]
    );
}

#[test]
fn missing_ok_skips_only_a_missing_account_to_remove() {
    let requests = [
        request(remove(MailboxChoice::Keep, false), "nobody@x.org"),
        request(Action::Disable, "nobody@x.org"),
    ];
    let not_found =
        |error: &Error| matches!(error, Error::NotFound(_) | Error::NotFoundNear { .. });
    let options = Options {
        missing_ok: true,
        ..Options::default()
    };
    let lenient = plan(&FakeStore::default(), "admin@x.org", &requests, options);
    assert_eq!(
        lenient.steps[0].unchanged.as_deref(),
        Some("no such account, skipped (--missing-ok)")
    );
    match &lenient.failures[..] {
        [failure] => assert!(failure.verb == "disable" && not_found(&failure.error)),
        other => panic!("{other:?}"),
    }
    let strict = by_admin(&requests);
    assert!(strict.steps.is_empty());
    assert!(strict.failures.iter().all(|f| not_found(&f.error)));
    assert_eq!(strict.failures.len(), 2);
}

#[test]
fn the_exit_code_comes_from_the_earliest_check_or_the_first_bulk_row() {
    let requests = [
        Request {
            line: Some(2),
            ..request(Action::Disable, "nobody@x.org")
        },
        Request {
            line: Some(3),
            ..request(add(None), "new")
        },
    ];
    let first = |bulk| {
        let options = Options {
            bulk,
            ..Options::default()
        };
        let plan = plan(&FakeStore::default(), "admin@x.org", &requests, options);
        plan.first_failure().map(|f| f.subject.clone())
    };
    // A usage error is checked before existence; a bulk run stops at the
    // first failing row.
    assert_eq!(first(false).as_deref(), Some("new"));
    assert_eq!(first(true).as_deref(), Some("nobody@x.org"));
}

#[test]
fn seats_count_the_requests_before_and_say_so() {
    // 4 seats: boss, jdoe, kim, lee use them all (admin takes none).
    let plan = by_admin(&[
        request(Action::Disable, "kim@y.org"),
        request(Action::Enable, "off"),
        request(Action::Enable, "off2"),
    ]);
    assert_eq!(plan.steps.len(), 2);
    match &plan.failures[..] {
        [failure] => match &failure.error {
            Error::NoSeats {
                used,
                total,
                earlier,
                ..
            } => assert_eq!((*used, *total, *earlier), (4, 4, 1)),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

#[test]
fn disabling_or_removing_frees_a_seat_for_a_later_add() {
    for free in [Action::Disable, remove(MailboxChoice::Keep, false)] {
        let plan = by_admin(&[request(free, "jdoe"), request(add(None), "new@x.org")]);
        assert!(plan.failures.is_empty(), "{:?}", plan.failures);
        assert_eq!(plan.steps.len(), 2);
    }
}

#[test]
fn a_removal_without_purge_notes_who_still_names_the_account() {
    let notes = |user| {
        let plan = by_admin(&[request(remove(MailboxChoice::Keep, false), user)]);
        plan.steps[0].notes.clone()
    };
    let named = "alias team@x.org, alias solo@x.org, alias far@y.org, \
                 forwarding of kim@y.org, forwarding of lee@x.org";
    assert_eq!(
        notes("jdoe"),
        [format!(
            "still named by {named} (--purge-settings takes the address out)"
        )]
    );
    // An account's forward to itself goes with it.
    assert!(notes("off2").is_empty());
}

#[test]
fn a_purge_takes_the_address_out_and_drops_emptied_aliases() {
    let plan = by_admin(&[request(remove(MailboxChoice::Keep, true), "jdoe@x.org")]);
    let changes = &plan.steps[0].changes;
    assert!(changes.contains(&Change::RemoveAliasTarget {
        alias: "team@x.org".into(),
        address: "jdoe@x.org".into(),
        position: 0,
    }));
    assert!(changes.contains(&Change::DropAlias {
        alias: "solo@x.org".into()
    }));
    assert!(!changes.contains(&Change::DropAlias {
        alias: "team@x.org".into()
    }));
    for owner in ["kim@y.org", "lee@x.org"] {
        assert!(changes.iter().any(|c| matches!(
            c,
            Change::RemoveForward { account, .. } if account == owner
        )));
    }
    assert!(matches!(changes.last(), Some(Change::RemoveAccount { .. })));
}

#[test]
fn a_purge_leaves_the_forwards_of_accounts_removed_in_the_same_run() {
    let plan = by_admin(&[
        request(remove(MailboxChoice::Keep, true), "jdoe"),
        request(remove(MailboxChoice::Keep, false), "lee"),
    ]);
    let forwards: Vec<_> = plan.steps[0]
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::RemoveForward { account, .. } => Some(account.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(forwards, ["kim@y.org"]);
}

#[test]
fn an_account_admin_purges_only_its_own_domain() {
    let plan = plan(
        &FakeStore::default(),
        "lee@x.org",
        &[request(remove(MailboxChoice::Keep, true), "jdoe@x.org")],
        Options::default(),
    );
    let step = &plan.steps[0];
    let touches = |name: &str| {
        step.changes.iter().any(|c| match c {
            Change::RemoveAliasTarget { alias, .. } => alias == name,
            Change::RemoveForward { account, .. } => account == name,
            _ => false,
        })
    };
    assert!(touches("team@x.org"));
    assert!(!touches("far@y.org"));
    assert!(!touches("kim@y.org"));
    // lee's own forward is its own account: changing it is not refused by
    // domain or rights.
    assert!(touches("lee@x.org"));
    assert_eq!(
        step.details,
        [
            "mailbox kept",
            "settings purged (alias team@x.org, alias solo@x.org, forwarding of lee@x.org)",
            "left outside the rights of lee@x.org: alias far@y.org, forwarding of kim@y.org",
            "instant messaging files deleted",
        ]
    );
}

#[test]
fn purged_settings_go_into_the_tombstone_or_are_deleted() {
    let store = FakeStore::with(&[
        "mail/x.org/jdoe",
        "mail/x.org/jdoe/settings.usr",
        "mail/x.org/jdoe/filter.siv",
    ]);
    let purge = [request(remove(MailboxChoice::Keep, true), "jdoe")];
    let deleted = plan(&store, "admin@x.org", &purge, Options::default());
    assert_eq!(
        deleted.steps[0].ops,
        [MailboxOp::Purge {
            mailbox: "mail/x.org/jdoe".into()
        }]
    );
    let kept = plan(&store, "admin@x.org", &purge, retaining());
    let step = &kept.steps[0];
    let tomb = written_tombstone(step);
    assert_eq!(tomb.settings, ["settings.usr", "filter.siv"]);
    assert_eq!(tomb.bytes, 20);
    assert_eq!(tomb.mailbox, Fate::Kept);
    // The references it took out, to be put back by a restore.
    assert_eq!(tomb.purged[..], step.changes[..step.changes.len() - 1]);
    assert!(!tomb.purged.is_empty());
    assert_eq!(
        (&*tomb.removed_at, &*tomb.expires_at),
        ("2026-11-25T09:12:01Z", "2026-12-25T09:12:01Z")
    );
    assert_eq!(
        step.ops[1],
        MailboxOp::MoveSettings {
            from: "mail/x.org/jdoe".into(),
            to: ".removed/1-1/settings-1".into(),
        }
    );
}

#[test]
fn a_removal_without_a_mailbox_still_records_its_choice() {
    let tomb = |mailbox| {
        let plan = plan(
            &FakeStore::default(),
            "admin@x.org",
            &[request(remove(mailbox, false), "jdoe")],
            retaining(),
        );
        let step = &plan.steps[0];
        assert_eq!(step.details[1], "no mailbox found");
        let tomb = written_tombstone(step).clone();
        assert_eq!(tomb.mailbox_path, None);
        (tomb.mailbox, tomb.transferred_to)
    };
    assert_eq!(tomb(MailboxChoice::Delete), (Fate::Deleted, None));
    assert_eq!(
        tomb(MailboxChoice::TransferTo("boss".into())),
        (Fate::Transferred, Some("boss@x.org".into()))
    );
}

#[test]
fn a_shared_mailbox_is_never_moved_deleted_or_purged_nor_taken_by_add() {
    let store = FakeStore::with(&["mail/x.org/shared"]);
    let on_twin = |action| {
        plan(
            &store,
            "admin@x.org",
            &[request(action, "twin")],
            Options::default(),
        )
    };
    for action in [
        remove(MailboxChoice::Delete, false),
        remove(MailboxChoice::TransferTo("boss".into()), false),
        remove(MailboxChoice::Keep, true),
    ] {
        let refused = on_twin(action);
        assert!(matches!(refused.failures[0].error, Error::BadInput { .. }));
        assert!(
            refused.failures[0]
                .error
                .to_string()
                .contains("mail/x.org/shared is the mailbox of more than one account")
        );
    }
    let kept = on_twin(remove(MailboxChoice::Keep, false));
    assert!(kept.failures.is_empty(), "{:?}", kept.failures);
    let added = plan(
        &store,
        "admin@x.org",
        &[
            request(Action::Disable, "jdoe"),
            request(add(None), "shared@x.org"),
        ],
        Options::default(),
    );
    assert!(
        added.failures[0]
            .error
            .to_string()
            .contains("mail/x.org/shared is already the mailbox of another account")
    );
}

#[test]
fn a_deletion_with_retention_moves_the_mailbox_into_the_tombstone_first_written() {
    let store = FakeStore::with(&["mail/x.org/jdoe", "im/x.org/jdoe"]);
    let delete = [request(remove(MailboxChoice::Delete, false), "jdoe")];
    let kept = plan(&store, "admin@x.org", &delete, retaining());
    let step = &kept.steps[0];
    let tomb = written_tombstone(step);
    assert_eq!(tomb.n, 1);
    assert_eq!(tomb.mailbox, Fate::Deleted);
    assert_eq!(tomb.bytes, 100);
    assert_eq!(tomb.account, "jdoe@x.org");
    assert_eq!(
        step.ops[1..],
        [
            MailboxOp::Move {
                from: "mail/x.org/jdoe".into(),
                to: ".removed/1-1/mailbox-1".into(),
            },
            MailboxOp::Trash {
                from: "im/x.org/jdoe".into(),
                to: ".trash/1-1/1-jdoe".into(),
            },
        ]
    );
    // Without retention the mailbox goes to the trash too, each folder
    // under its own number.
    let trashed = plan(&store, "admin@x.org", &delete, Options::default());
    assert_eq!(
        trashed.steps[0].ops,
        [
            MailboxOp::Trash {
                from: "mail/x.org/jdoe".into(),
                to: ".trash/1-1/1-jdoe".into(),
            },
            MailboxOp::Trash {
                from: "im/x.org/jdoe".into(),
                to: ".trash/1-1/2-jdoe".into(),
            },
        ]
    );
}

#[test]
fn a_transfer_takes_the_next_free_name_and_never_one_given_out() {
    let store = FakeStore::with(&[
        "mail/x.org/jdoe",
        "mail/x.org/off",
        "mail/x.org/boss",
        "mail/x.org/boss/Deleted user jdoe@x.org",
    ]);
    let plan = plan(
        &store,
        "admin@x.org",
        &[request(
            remove(MailboxChoice::TransferTo("boss".into()), false),
            "jdoe",
        )],
        Options::default(),
    );
    assert_eq!(
        plan.steps[0].ops[0],
        MailboxOp::Move {
            from: "mail/x.org/jdoe".into(),
            to: "mail/x.org/boss/Deleted user jdoe@x.org (2)".into(),
        }
    );
}

#[test]
fn transfers_to_oneself_or_to_a_removed_account_are_refused() {
    let store = FakeStore::with(&["mail/x.org/jdoe"]);
    let to_self = plan(
        &store,
        "admin@x.org",
        &[request(
            remove(MailboxChoice::TransferTo("jdoe".into()), false),
            "jdoe",
        )],
        Options::default(),
    );
    assert!(matches!(to_self.failures[0].error, Error::Usage(_)));
    assert_eq!(to_self.failures[0].column, None);
    let removed = plan(
        &store,
        "admin@x.org",
        &[
            request(
                remove(MailboxChoice::TransferTo("off".into()), false),
                "jdoe",
            ),
            request(remove(MailboxChoice::Keep, false), "off"),
        ],
        Options::default(),
    );
    assert!(
        removed.failures[0]
            .error
            .to_string()
            .contains("removed in the same run")
    );
}

#[test]
fn a_mount_point_in_a_mailbox_to_delete_is_refused() {
    let mut store = FakeStore::with(&["mail/x.org/jdoe"]);
    store.mounts.insert("mail/x.org/jdoe".into());
    let plan = plan(
        &store,
        "admin@x.org",
        &[request(remove(MailboxChoice::Delete, false), "jdoe")],
        Options::default(),
    );
    assert!(matches!(plan.failures[0].error, Error::Store(_)));
    assert!(plan.steps.is_empty());
}

#[test]
fn add_re_attaches_a_mailbox_no_one_owns_and_gives_no_role_above_the_actor() {
    let store = FakeStore::with(&["mail/x.org/new"]);
    let new = |role| request(add(role), "new@x.org");
    // Every seat is taken: jdoe's goes first.
    let free = || request(Action::Disable, "jdoe@x.org");
    let plan1 = plan(
        &store,
        "lee@x.org",
        &[free(), new(None)],
        Options::default(),
    );
    assert!(plan1.failures.is_empty(), "{:?}", plan1.failures);
    assert_eq!(plan1.steps[1].details, ["mailbox re-attached"]);
    let plan2 = plan(
        &store,
        "lee@x.org",
        &[new(Some(Role::Full))],
        Options::default(),
    );
    assert!(matches!(
        plan2.failures[0].error,
        Error::Refused {
            rule: "role-not-higher",
            ..
        }
    ));
}

fn tombstone() -> Tombstone {
    let user = directory().users[2].clone();
    Tombstone {
        op: "9-9".into(),
        n: 1,
        account: "jdoe@x.org".into(),
        record: user.into(),
        text: Some("{\"name\": \"jdoe\"}".into()),
        index: Some(2),
        purged: vec![
            Change::RemoveAliasTarget {
                alias: "gone@x.org".into(),
                address: "jdoe@x.org".into(),
                position: 0,
            },
            Change::DropAlias {
                alias: "gone@x.org".into(),
            },
            Change::RemoveForward {
                account: "kim@y.org".into(),
                address: "jdoe@x.org".into(),
                position: 0,
            },
        ],
        settings: vec!["settings.usr".into()],
        mailbox: Fate::Deleted,
        mailbox_path: Some(".removed/9-9/mailbox-1".into()),
        mailbox_was: "mail/x.org/jdoe".into(),
        transferred_to: None,
        removed_by: "admin@x.org".into(),
        removed_at: "2026-11-25T09:12:01Z".into(),
        expires_at: "2026-12-25T09:12:01Z".into(),
        bytes: 0,
    }
}

/// The directory with jdoe's record replaced by `record` (a JSON object
/// and its comma).
fn jdoe_replaced_by(record: &str) -> Directory {
    let text = USERS.replace(
        r#"{"name": "jdoe", "domain": "x.org", "forward_to": ["boss@x.org"]},"#,
        record,
    );
    Directory::from_text(Path::new("users.json"), text).unwrap()
}

/// A directory without jdoe, as after its removal.
fn without_jdoe() -> Directory {
    jdoe_replaced_by("")
}

/// A plan of the administrator's on `dir` (after a removal, say).
fn plan_on(dir: &Directory, store: &FakeStore, requests: &[Request]) -> Plan {
    Plan::build(
        dir,
        store,
        "1-1",
        "admin@x.org",
        requests,
        Options::default(),
    )
}

/// A store with two removals of jdoe's, 9-9 and the later 9-10, each with
/// its mailbox.
fn removed_twice() -> FakeStore {
    let mut store = FakeStore::with(&[".removed/9-9/mailbox-1", ".removed/9-10/mailbox-1"]);
    let later = Tombstone {
        op: "9-10".into(),
        mailbox_path: Some(".removed/9-10/mailbox-1".into()),
        ..tombstone()
    };
    store.tombstones = vec![tombstone(), later];
    store
}

#[test]
fn restore_puts_back_the_record_its_references_and_its_mailbox() {
    let mut store = FakeStore::with(&[".removed/9-9/mailbox-1", ".removed/9-9/settings-1"]);
    store.tombstones.push(tombstone());
    let plan = plan_on(
        &without_jdoe(),
        &store,
        &[request(restore(None, false), "jdoe@x.org")],
    );
    assert!(plan.failures.is_empty(), "{:?}", plan.failures);
    let step = &plan.steps[0];
    assert!(matches!(
        &step.changes[0],
        Change::AddAccount {
            text: Some(_),
            index: Some(2),
            ..
        }
    ));
    // The dropped alias comes back whole; the forward where kim still is.
    assert!(step.changes.contains(&Change::AddAlias {
        alias: "gone@x.org".into(),
        deliver_to: vec!["jdoe@x.org".into()],
    }));
    assert!(step.changes.contains(&Change::AddForward {
        account: "kim@y.org".into(),
        address: "jdoe@x.org".into(),
        position: 0,
    }));
    assert_eq!(
        step.ops[0],
        MailboxOp::Move {
            from: ".removed/9-9/mailbox-1".into(),
            to: "mail/x.org/jdoe".into(),
        }
    );
    assert!(matches!(&step.ops[1], MailboxOp::MoveSettings { .. }));
    // The emptied settings folder goes through the trash, then the
    // tombstone leaves its removal's file.
    assert!(matches!(
        &step.ops[2],
        MailboxOp::Trash { from, .. } if from == Path::new(".removed/9-9/settings-1")
    ));
    assert_eq!(
        step.ops[3],
        MailboxOp::Forget {
            dir: ".removed/9-9".into(),
            n: 1
        }
    );
    assert_eq!(step.details, ["mailbox restored"]);
}

#[test]
fn restore_refuses_a_missing_mailbox_unless_told() {
    let mut store = FakeStore::default();
    store.tombstones.push(tombstone());
    let plan = |without_mailbox| {
        let restore = request(restore(None, without_mailbox), "jdoe");
        plan_on(&without_jdoe(), &store, &[restore])
    };
    let plan1 = plan(false);
    assert!(matches!(plan1.failures[0].error, Error::NotFound(_)));
    let plan2 = plan(true);
    assert_eq!(plan2.steps[0].details, ["mailbox not restored"]);
    // Settings only go back with the mailbox.
    assert!(
        plan2.steps[0]
            .ops
            .iter()
            .all(|op| !matches!(op, MailboxOp::MoveSettings { .. }))
    );
}

#[test]
fn a_kept_mailbox_is_restored_in_place_unless_gone_or_taken() {
    let kept = Tombstone {
        mailbox: Fate::Kept,
        mailbox_path: Some("mail/x.org/jdoe".into()),
        settings: Vec::new(),
        ..tombstone()
    };
    let plan = |dir: &Directory, paths: &[&str]| {
        let mut store = FakeStore::with(paths);
        store.tombstones.push(kept.clone());
        plan_on(dir, &store, &[request(restore(None, false), "jdoe")])
    };
    let in_place = plan(&without_jdoe(), &["mail/x.org/jdoe"]);
    assert_eq!(in_place.steps[0].details, ["mailbox restored"]);
    assert_eq!(
        in_place.steps[0].ops,
        [MailboxOp::Forget {
            dir: ".removed/9-9".into(),
            n: 1
        }]
    );
    let taken_by = jdoe_replaced_by(
        r#"{"name": "jd", "domain": "x.org", "enabled": false, "mailbox": "x.org/jdoe"},"#,
    );
    for refused in [
        plan(&without_jdoe(), &[]),
        plan(&taken_by, &["mail/x.org/jdoe"]),
    ] {
        assert!(refused.steps.is_empty());
        assert!(
            refused.failures[0]
                .error
                .to_string()
                .contains("its mailbox mail/x.org/jdoe is gone")
        );
    }
}

#[test]
fn restore_and_purge_take_the_removal_op_names_else_the_latest_or_all() {
    let store = removed_twice();
    let restored_from = |op| {
        let plan = plan_on(
            &without_jdoe(),
            &store,
            &[request(restore(op, false), "jdoe")],
        );
        match &plan.steps[0].ops[0] {
            MailboxOp::Move { from, .. } => from.clone(),
            other => panic!("{other:?}"),
        }
    };
    assert_eq!(restored_from(None), Path::new(".removed/9-10/mailbox-1"));
    assert_eq!(
        restored_from(Some("9-9")),
        Path::new(".removed/9-9/mailbox-1")
    );
    let none = plan_on(
        &without_jdoe(),
        &store,
        &[request(restore(Some("8-8"), false), "jdoe")],
    );
    assert!(
        none.failures[0]
            .error
            .to_string()
            .contains("no removal by operation 8-8 to restore")
    );
    let forgotten = |op: Option<&str>| {
        let plan = plan_on(
            &without_jdoe(),
            &store,
            &[request(purge(op, false), "jdoe")],
        );
        let forgets = plan.steps[0].ops.iter().filter_map(|op| match op {
            MailboxOp::Forget { dir, .. } => Some(dir.clone()),
            _ => None,
        });
        forgets.collect::<Vec<_>>()
    };
    assert_eq!(
        forgotten(None),
        [".removed/9-9", ".removed/9-10"].map(PathBuf::from)
    );
    assert_eq!(forgotten(Some("9-10")), [PathBuf::from(".removed/9-10")]);
}

#[test]
fn restore_of_an_account_never_removed() {
    let plan = plan_on(
        &directory(),
        &FakeStore::default(),
        &[
            request(restore(None, false), "boss"),
            request(restore(None, false), "nobody@x.org"),
        ],
    );
    assert_eq!(
        plan.steps[0].unchanged.as_deref(),
        Some("not removed (already restored)")
    );
    assert_eq!(plan.steps.len(), 1);
    assert!(
        matches!(&plan.failures[0].error, Error::NotFound(m) if m.contains("no removal to restore"))
    );
}

#[test]
fn add_says_when_a_removed_account_of_that_address_is_kept() {
    let mut store = FakeStore::default();
    store.tombstones.push(tombstone());
    let details = |user| {
        let plan = plan_on(&without_jdoe(), &store, &[request(add(None), user)]);
        plan.steps[0].details.clone()
    };
    assert_eq!(
        details("jdoe@x.org"),
        ["a removed jdoe@x.org is kept: `mailuser restore jdoe@x.org` would bring it back"]
    );
    assert!(details("new@x.org").is_empty());
}

#[test]
fn an_expired_purge_skips_what_the_actor_may_not_purge() {
    let mut store = FakeStore::default();
    let mut far = tombstone();
    far.account = "kim@y.org".into();
    far.record = directory().users[3].clone().into();
    store.tombstones.push(far);
    let by_lee = |expired| {
        let purge = request(purge(None, expired), "kim@y.org");
        plan(&store, "lee@x.org", &[purge], Options::default())
    };
    let refused = by_lee(false);
    assert!(matches!(refused.failures[0].error, Error::Refused { .. }));
    let skipped = by_lee(true);
    assert!(skipped.failures.is_empty() && skipped.steps.is_empty());
}

#[test]
fn the_same_account_twice_is_skipped_but_refused_in_a_bulk_run() {
    let run = |bulk| {
        plan(
            &FakeStore::default(),
            "admin@x.org",
            &[
                Request {
                    line: Some(2),
                    ..request(Action::Disable, "jdoe")
                },
                Request {
                    line: Some(3),
                    ..request(Action::Unlock, "jdoe@x.org")
                },
            ],
            Options {
                bulk,
                ..Options::default()
            },
        )
    };
    let skipped = run(false);
    assert_eq!(skipped.steps.len(), 1);
    assert!(skipped.failures.is_empty(), "{:?}", skipped.failures);
    let refused = run(true);
    assert_eq!(refused.steps.len(), 1);
    assert!(
        refused.failures[0]
            .error
            .to_string()
            .contains("first on line 2")
    );
}

/// A bulk run's accounts are looked up ahead, on two threads, when the
/// directory is a file: each row is planned as it is when run alone (one
/// request, looked up as it is planned), found, missing, named in another
/// case or by a bare name alike.
#[test]
fn rows_looked_up_ahead_are_planned_as_rows_run_alone() {
    let mut users = vec![serde_json::json!({
        "name": "admin", "domain": "x.org", "role": "built-in"
    })];
    for i in 0..200 {
        users.push(serde_json::json!({
            "name": format!("u{i}"),
            "domain": "x.org",
            "forward_to": [format!("u{}@x.org", (i + 1) % 200)],
        }));
    }
    let aliases =
        [serde_json::json!({"alias": "all@x.org", "deliver_to": ["u1@x.org", "u2@x.org"]})];
    let text = serde_json::json!({ "users": users, "aliases": aliases }).to_string();
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("users.json");
    std::fs::write(&path, text).unwrap();
    let file = crate::directory::open(&path, crate::directory::Reading::TwoThreads).unwrap();
    let requests: Vec<Request> = (0..200)
        .map(|i| {
            let user = match i % 5 {
                0 => format!("U{i}@X.ORG"),
                1 => format!("u{i}"),
                2 => format!("nobody{i}@x.org"),
                _ => format!("u{i}@x.org"),
            };
            let action = match i % 3 {
                0 => Action::Disable,
                1 => remove(MailboxChoice::Keep, false),
                _ => Action::Unlock,
            };
            Request {
                line: Some(i + 2),
                ..request(action, &user)
            }
        })
        .collect();
    let store = FakeStore::with(&["mail/x.org/u4"]);
    let options = Options {
        bulk: true,
        ..Options::default()
    };
    let build = |requests: &[Request]| {
        Plan::build(
            file.as_ref(),
            &store,
            "1-1",
            "admin@x.org",
            requests,
            options,
        )
    };
    let bulk = build(&requests);
    let alone: Vec<Plan> = requests.chunks(1).map(build).collect();
    let steps = |plans: &[&Plan]| {
        format!(
            "{:?}",
            plans.iter().flat_map(|p| &p.steps).collect::<Vec<_>>()
        )
    };
    let failures = |plans: &[&Plan]| {
        format!(
            "{:?}",
            plans.iter().flat_map(|p| &p.failures).collect::<Vec<_>>()
        )
    };
    let alone: Vec<&Plan> = alone.iter().collect();
    assert_eq!(steps(&[&bulk]), steps(&alone));
    assert_eq!(failures(&[&bulk]), failures(&alone));
    assert_eq!(bulk.failures.len(), 40, "{:?}", bulk.failures);
    assert_eq!(bulk.steps.len(), 160);
}
