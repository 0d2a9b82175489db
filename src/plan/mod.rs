//! A plan: the steps a run will take, resolved against the directory and
//! checked by the policy before anything changes. `--dry-run` stops after
//! building it, so it shows exactly what a real run executes.

mod planner;

use std::collections::HashSet;

use crate::address;
use crate::directory::{Directory, Role};
use crate::error::Error;
use crate::policy::{self, Actor};
use crate::store::Store;
use crate::store::journal::MailboxOp;

use self::planner::{Planner, Tagged};
pub use crate::directory::Change;

/// What `remove` does with the mailbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailboxChoice {
    Keep,
    TransferTo(String),
    Delete,
}

/// How an account is removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    pub mailbox: MailboxChoice,
    pub purge_settings: bool,
}

/// The fields of a new account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    pub full_name: Option<String>,
    pub role: Option<Role>,
}

/// What a step does to an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Disable,
    Enable,
    Unlock,
    Remove(Removal),
    Add(NewAccount),
}

impl Action {
    /// The command word: `disable`.
    pub fn verb(&self) -> &'static str {
        match self {
            Action::Disable => "disable",
            Action::Enable => "enable",
            Action::Unlock => "unlock",
            Action::Remove(_) => "remove",
            Action::Add(_) => "add",
        }
    }

    /// The log word: `disabled`.
    pub fn past(&self) -> &'static str {
        match self {
            Action::Disable => "disabled",
            Action::Enable => "enabled",
            Action::Unlock => "unlocked",
            Action::Remove(_) => "removed",
            Action::Add(_) => "added",
        }
    }
}

/// One thing asked of a run: an action on the account a USER argument (or
/// a bulk row) names.
#[derive(Debug, Clone)]
pub struct Request {
    pub action: Action,
    pub user: String,
    /// The line of a bulk file the request came from.
    pub line: Option<u64>,
}

/// One account and what happens to it.
#[derive(Debug, Clone)]
pub struct Step {
    /// The account's index in the directory; `None` for a new or a missing
    /// (skipped) account.
    pub target: Option<usize>,
    pub account: String,
    pub action: Action,
    /// `None` when the step changes something, else why it does not.
    pub unchanged: Option<String>,
    /// What the change involves, as the log and the report say it.
    pub details: Vec<String>,
    /// What the step does to the directory.
    pub changes: Vec<Change>,
    pub ops: Vec<MailboxOp>,
    pub line: Option<u64>,
}

impl Step {
    /// A step of `request` on `account` that, so far, changes it.
    fn new(target: Option<usize>, account: String, request: &Request) -> Step {
        Step {
            target,
            account,
            action: request.action.clone(),
            unchanged: None,
            details: Vec::new(),
            changes: Vec::new(),
            ops: Vec::new(),
            line: request.line,
        }
    }

    pub fn changes(&self) -> bool {
        self.unchanged.is_none()
    }
}

/// A request that failed a check, with the error that sets the exit code.
#[derive(Debug)]
pub struct Failure {
    pub subject: String,
    pub verb: &'static str,
    /// The line and column of a bulk file the request came from.
    pub line: Option<u64>,
    pub column: Option<&'static str>,
    pub error: Error,
}

/// How requests are planned.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// A missing account to remove is noted and skipped, not an error.
    pub missing_ok: bool,
    /// A bulk run: the same account twice is an error, not skipped, and
    /// the first failing row (not the earliest check) sets the exit code.
    pub bulk: bool,
}

/// The checked steps of a run and the requests that failed a check.
#[derive(Debug, Default)]
pub struct Plan {
    pub bulk: bool,
    pub op: String,
    pub actor: Option<Actor>,
    pub steps: Vec<Step>,
    pub failures: Vec<Failure>,
}

impl Plan {
    /// Resolves `requests` and checks each, in the order of SPEC §3:
    /// syntax, existence, policy, seats; seats and conflicts count the
    /// requests before it.
    pub fn build(
        dir: &Directory,
        store: &Store,
        op: &str,
        actor: &str,
        requests: &[Request],
        options: Options,
    ) -> Plan {
        let mut plan = Plan {
            op: op.to_string(),
            ..Plan::default()
        };
        match policy::actor_is_active_account(dir, actor) {
            Ok(actor) => plan.actor = Some(actor),
            Err(error) => plan.failures.push(Failure {
                subject: actor.to_string(),
                verb: "act",
                line: None,
                column: None,
                error,
            }),
        }
        let mut planner = Planner::new(dir, store, op, options, requests);
        for request in requests {
            match planner.step(plan.actor.as_ref(), request) {
                Ok(Some(step)) => plan.steps.push(step),
                Ok(None) => {}
                Err(Tagged { error, column }) => plan.failures.push(Failure {
                    subject: request.user.clone(),
                    verb: request.action.verb(),
                    line: request.line,
                    column: request.line.map(|_| column),
                    error,
                }),
            }
        }
        plan.bulk = options.bulk;
        plan
    }

    /// The failure that sets the exit code: in a bulk run the first failing
    /// row, else the first failure of the earliest check.
    pub fn first_failure(&self) -> Option<&Failure> {
        if self.bulk {
            self.failures.iter().min_by_key(|f| f.line)
        } else {
            self.failures.iter().min_by_key(|f| f.error.stage())
        }
    }

    /// Whether any step changes something.
    pub fn changes_anything(&self) -> bool {
        self.steps.iter().any(Step::changes)
    }
}

/// Applies the changes of the changing steps to the directory in memory.
/// A change already applied changes nothing.
pub fn apply(dir: &mut Directory, plan: &Plan) {
    let changes = plan
        .steps
        .iter()
        .filter(|s| s.changes())
        .flat_map(|s| &s.changes);
    apply_changes(dir, changes);
}

/// Applies `changes` in order; removed accounts go in one pass at the end.
pub fn apply_changes<'a>(dir: &mut Directory, changes: impl IntoIterator<Item = &'a Change>) {
    let mut changes_applied = Vec::new();
    let mut removed = HashSet::new();
    let mut added = Vec::new();
    let find = |dir: &Directory, account: &str| {
        address::parse_user_arg(account)
            .ok()
            .and_then(|arg| match arg {
                address::UserArg::Full(a) => dir.find(&a),
                address::UserArg::Bare(_) => None,
            })
    };
    for change in changes {
        changes_applied.push(change.clone());
        match change {
            Change::SetEnabled { account, to, .. } => {
                if let Some(i) = find(dir, account) {
                    dir.users[i].enabled = Some(*to);
                }
            }
            Change::SetLocked { account, to, .. } => {
                if let Some(i) = find(dir, account) {
                    dir.users[i].locked = Some(*to);
                }
            }
            Change::AddAccount { record } => {
                if dir.find(&record.address()).is_none() {
                    added.push(record.clone());
                }
            }
            Change::RemoveAccount { record } => removed.extend(dir.find(&record.address())),
            Change::RemoveAliasTarget { alias, address, .. } => {
                let entry = dir.aliases.iter_mut().flatten();
                if let Some(entry) = entry.into_iter().find(|a| address::same(&a.alias, alias))
                    && let Some(at) = entry
                        .deliver_to
                        .iter()
                        .position(|a| address::same(a, address))
                {
                    entry.deliver_to.remove(at);
                }
            }
            Change::DropAlias { alias } => {
                if let Some(aliases) = &mut dir.aliases {
                    aliases
                        .retain(|a| !(a.deliver_to.is_empty() && address::same(&a.alias, alias)));
                }
            }
            Change::RemoveForward {
                account, address, ..
            } => {
                if let Some(i) = find(dir, account)
                    && let Some(forwards) = &mut dir.users[i].forward_to
                    && let Some(at) = forwards.iter().position(|a| address::same(a, address))
                {
                    forwards.remove(at);
                }
            }
        }
    }
    if !removed.is_empty() {
        let mut i = 0;
        dir.users.retain(|_| {
            i += 1;
            !removed.contains(&(i - 1))
        });
    }
    dir.users.extend(added);
    dir.reindex();
    dir.changes.extend(changes_applied);
}
