//! A plan: the steps a run will take, resolved against the directory and
//! checked by the policy before anything changes. `--dry-run` stops after
//! building it, so it shows exactly what a real run executes.

mod planner;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

use crate::directory::{Backend, Role};
use crate::error::Error;
use crate::policy::{self, Actor};
use crate::store::journal::MailboxOp;
use crate::store::view::StoreView;

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
    /// Put back a removed account (its latest removal, or the one `op`
    /// names).
    Restore {
        op: Option<String>,
        without_mailbox: bool,
    },
    /// Delete a removed account's tombstones for good (all of them, or the
    /// one `op` names). `expired`: the run's own purge of expired
    /// tombstones, which skips what the actor may not purge.
    Purge {
        op: Option<String>,
        expired: bool,
    },
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
            Action::Restore { .. } => "restore",
            Action::Purge { .. } => "purge",
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
            Action::Restore { .. } => "restored",
            Action::Purge { .. } => "purged",
        }
    }

    /// What the warning log calls the subject: a purge is of a removed
    /// user (`Removed user X purged by Y`).
    pub fn log_subject(&self) -> &'static str {
        match self {
            Action::Purge { .. } => "Removed user",
            _ => "User",
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
    /// The account as resolved (`name@domain`).
    pub account: String,
    /// The account as the command line or the bulk row gave it.
    pub typed: String,
    pub action: Action,
    /// `None` when the step changes something, else why it does not.
    pub unchanged: Option<String>,
    /// What the change involves, as the log and the report say it.
    pub details: Vec<Cow<'static, str>>,
    /// What the report adds for the administrator, not logged.
    pub notes: Vec<String>,
    /// What the step does to the directory.
    pub changes: Vec<Change>,
    pub ops: Vec<MailboxOp>,
    pub line: Option<u64>,
}

impl Step {
    /// A step of `request` on `account` that, so far, changes it.
    fn new(account: String, request: &Request) -> Step {
        Step {
            account,
            typed: request.user.clone(),
            action: request.action.clone(),
            unchanged: None,
            details: Vec::new(),
            notes: Vec::new(),
            // Most steps make one change and take one mailbox step (a
            // removal's tombstone): room for one, not the four a first
            // push makes, in each of a bulk run's thousands of steps.
            changes: Vec::with_capacity(1),
            ops: Vec::with_capacity(1),
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
    /// How many days a removal can be undone; 0 keeps nothing.
    pub retain_days: u32,
    /// The time of the run (for tombstones and their expiry).
    pub now: jiff::Timestamp,
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
        dir: &dyn Backend,
        store: &dyn StoreView,
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
        let named = planner::full_addresses(requests);
        let mut planner = match Planner::new(dir, store, op, options, requests, &named) {
            Ok(planner) => planner,
            Err(error) => {
                plan.failures.push(Failure {
                    subject: dir.source(),
                    verb: "read",
                    line: None,
                    column: None,
                    error,
                });
                return plan;
            }
        };
        plan.steps.reserve(requests.len());
        let ahead = planner.look_ahead(requests, &named);
        for (request, ahead) in requests.iter().zip(ahead) {
            match planner.step(plan.actor.as_ref(), request, ahead) {
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

/// The directory changes of the changing steps, in order.
pub fn changes(plan: &Plan) -> Vec<Change> {
    plan.steps
        .iter()
        .filter(|s| s.changes())
        .flat_map(|s| s.changes.iter().cloned())
        .collect()
}
