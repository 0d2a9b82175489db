//! The planner against an in-memory directory and a fake store view: no
//! file system, only the decisions (changes, mailbox steps, refusals).

use std::cell::RefCell;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{Action, Change, MailboxChoice, NewAccount, Options, Plan, Removal, Request};
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

const USERS: &str = r#"{
  "license": {"seats": 4},
  "users": [
    {"name": "admin", "domain": "x.org", "role": "built-in"},
    {"name": "boss", "domain": "x.org", "role": "full"},
    {"name": "jdoe", "domain": "x.org", "forward_to": ["boss@x.org"]},
    {"name": "kim", "domain": "y.org", "forward_to": ["jdoe@x.org"]},
    {"name": "lee", "domain": "x.org", "groups": ["helpdesk"], "forward_to": ["jdoe@x.org"]},
    {"name": "off", "domain": "x.org", "enabled": false},
    {"name": "off2", "domain": "x.org", "enabled": false}
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

fn plan(store: &FakeStore, actor: &str, requests: &[Request], options: Options) -> Plan {
    Plan::build(&directory(), store, "1-1", actor, requests, options)
}

#[test]
fn disable_is_one_typed_change_and_already_disabled_is_none() {
    let plan = plan(
        &FakeStore::default(),
        "admin@x.org",
        &[
            request(Action::Disable, "jdoe@x.org"),
            request(Action::Disable, "off"),
        ],
        Options::default(),
    );
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
}

#[test]
fn seats_count_the_requests_before_and_say_so() {
    // 4 seats: boss, jdoe, kim, lee use them all (admin takes none).
    let plan = plan(
        &FakeStore::default(),
        "admin@x.org",
        &[
            request(Action::Disable, "kim@y.org"),
            request(Action::Enable, "off"),
            request(Action::Enable, "off2"),
        ],
        Options::default(),
    );
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
fn a_purge_takes_the_address_out_and_drops_emptied_aliases() {
    let plan = plan(
        &FakeStore::default(),
        "admin@x.org",
        &[request(remove(MailboxChoice::Keep, true), "jdoe@x.org")],
        Options::default(),
    );
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
    assert!(
        step.details.iter().any(|d| d
            == "left outside the rights of lee@x.org: alias far@y.org, forwarding of kim@y.org")
    );
}

#[test]
fn a_deletion_with_retention_moves_the_mailbox_into_the_tombstone_first_written() {
    let store = FakeStore::with(&["mail/x.org/jdoe", "im/x.org/jdoe"]);
    let options = Options {
        retain_days: 30,
        ..Options::default()
    };
    let plan = plan(
        &store,
        "admin@x.org",
        &[request(remove(MailboxChoice::Delete, false), "jdoe")],
        options,
    );
    let ops = &plan.steps[0].ops;
    match &ops[0] {
        MailboxOp::Tombstones { dir, tombstones } => {
            assert_eq!(dir, Path::new(".removed/1-1"));
            assert_eq!(tombstones[0].n, 1);
            assert_eq!(tombstones[0].mailbox, Fate::Deleted);
            assert_eq!(tombstones[0].bytes, 100);
            assert_eq!(tombstones[0].account, "jdoe@x.org");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        ops[1],
        MailboxOp::Move {
            from: "mail/x.org/jdoe".into(),
            to: ".removed/1-1/mailbox-1".into(),
        }
    );
    assert!(matches!(&ops[2], MailboxOp::Trash { from, .. } if from == Path::new("im/x.org/jdoe")));
    // Without retention the mailbox goes to the trash.
    let plan = super::tests::plan(
        &store,
        "admin@x.org",
        &[request(remove(MailboxChoice::Delete, false), "jdoe")],
        Options::default(),
    );
    assert!(
        matches!(&plan.steps[0].ops[0], MailboxOp::Trash { to, .. } if to.starts_with(".trash/1-1"))
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
    let add = |role| {
        request(
            Action::Add(NewAccount {
                full_name: None,
                role,
            }),
            "new@x.org",
        )
    };
    // Every seat is taken: jdoe's goes first.
    let free = || request(Action::Disable, "jdoe@x.org");
    let plan1 = plan(
        &store,
        "lee@x.org",
        &[free(), add(None)],
        Options::default(),
    );
    assert!(plan1.failures.is_empty(), "{:?}", plan1.failures);
    assert_eq!(plan1.steps[1].details, ["mailbox re-attached"]);
    let plan2 = plan(
        &store,
        "lee@x.org",
        &[add(Some(Role::Full))],
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
        record: user,
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

/// A directory without jdoe, as after its removal.
fn without_jdoe() -> Directory {
    let text = USERS.replace(
        "    {\"name\": \"jdoe\", \"domain\": \"x.org\", \"forward_to\": [\"boss@x.org\"]},\n",
        "",
    );
    Directory::from_text(Path::new("users.json"), text).unwrap()
}

#[test]
fn restore_puts_back_the_record_its_references_and_its_mailbox() {
    let mut store = FakeStore::with(&[".removed/9-9/mailbox-1", ".removed/9-9/settings-1"]);
    store.tombstones.push(tombstone());
    let restore = request(
        Action::Restore {
            op: None,
            without_mailbox: false,
        },
        "jdoe@x.org",
    );
    let plan = Plan::build(
        &without_jdoe(),
        &store,
        "1-1",
        "admin@x.org",
        &[restore],
        Options::default(),
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
    let restore = |without_mailbox| {
        request(
            Action::Restore {
                op: None,
                without_mailbox,
            },
            "jdoe",
        )
    };
    let plan1 = Plan::build(
        &without_jdoe(),
        &store,
        "1-1",
        "admin@x.org",
        &[restore(false)],
        Options::default(),
    );
    assert!(matches!(plan1.failures[0].error, Error::NotFound(_)));
    let plan2 = Plan::build(
        &without_jdoe(),
        &store,
        "1-1",
        "admin@x.org",
        &[restore(true)],
        Options::default(),
    );
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
fn an_expired_purge_skips_what_the_actor_may_not_purge() {
    let mut store = FakeStore::default();
    let mut far = tombstone();
    far.account = "kim@y.org".into();
    far.record = directory().users[3].clone();
    store.tombstones.push(far);
    let purge = |expired| request(Action::Purge { op: None, expired }, "kim@y.org");
    let refused = plan(&store, "lee@x.org", &[purge(false)], Options::default());
    assert!(matches!(refused.failures[0].error, Error::Refused { .. }));
    let skipped = plan(&store, "lee@x.org", &[purge(true)], Options::default());
    assert!(skipped.failures.is_empty() && skipped.steps.is_empty());
}

#[test]
fn a_bulk_run_refuses_the_same_account_twice() {
    let plan = plan(
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
            bulk: true,
            ..Options::default()
        },
    );
    assert_eq!(plan.steps.len(), 1);
    assert!(
        plan.failures[0]
            .error
            .to_string()
            .contains("first on line 2")
    );
}
