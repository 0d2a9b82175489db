//! A plan: the steps a run will take, resolved against the directory and
//! checked by the policy before anything changes. `--dry-run` stops after
//! building it, so it shows exactly what a real run executes.

use crate::directory::{Directory, Role, User};
use crate::error::Error;
use crate::policy::{self, Actor};

/// What a step does to an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Disable,
    Enable,
    Unlock,
}

impl Action {
    /// The command word: `disable`.
    pub fn verb(&self) -> &'static str {
        match self {
            Action::Disable => "disable",
            Action::Enable => "enable",
            Action::Unlock => "unlock",
        }
    }

    /// The log word: `disabled`.
    pub fn past(&self) -> &'static str {
        match self {
            Action::Disable => "disabled",
            Action::Enable => "enabled",
            Action::Unlock => "unlocked",
        }
    }

    /// Why nothing needs to change, when nothing does.
    pub fn already(&self, user: &User) -> Option<&'static str> {
        match self {
            Action::Disable => (!user.is_enabled()).then_some("already disabled"),
            Action::Enable => user.is_enabled().then_some("already enabled"),
            Action::Unlock => (!user.is_locked()).then_some("not locked"),
        }
    }

    /// Whether a change by this action needs a free license seat.
    pub fn needs_seat(&self, user: &User) -> bool {
        matches!(self, Action::Enable) && !user.is_enabled() && user.own_role() != Role::BuiltIn
    }

    /// Applies the change to the record in memory.
    pub fn apply(&self, user: &mut User) {
        match self {
            Action::Disable => user.enabled = Some(false),
            Action::Enable => user.enabled = Some(true),
            Action::Unlock => user.locked = Some(false),
        }
    }
}

/// One account and what happens to it.
#[derive(Debug, Clone)]
pub struct Step {
    pub index: usize,
    pub account: String,
    pub action: Action,
    /// `None` when the step changes something, else why it does not.
    pub unchanged: Option<&'static str>,
}

/// A target that failed a check, with the error that sets the exit code.
#[derive(Debug)]
pub struct Failure {
    pub subject: String,
    pub action: Action,
    pub error: Error,
}

/// The checked steps of a run and the targets that failed a check.
#[derive(Debug, Default)]
pub struct Plan {
    pub actor: Option<Actor>,
    pub steps: Vec<Step>,
    pub failures: Vec<Failure>,
}

impl Plan {
    /// Resolves `targets` and checks each against the policy and the
    /// license, in the order of SPEC §3: syntax, existence, policy, seats.
    pub fn build(dir: &Directory, actor: &str, action: Action, targets: &[String]) -> Plan {
        let mut plan = Plan::default();
        let fail = |subject: &str, error: Error| Failure {
            subject: subject.to_string(),
            action: action.clone(),
            error,
        };
        match policy::actor_is_active_account(dir, actor) {
            Ok(actor) => plan.actor = Some(actor),
            Err(error) => plan.failures.push(fail(actor, error)),
        }
        let mut seen = std::collections::HashSet::new();
        let mut seats = dir.seats();
        for target in targets {
            let index = match dir.resolve(target) {
                Ok(index) => index,
                Err(error) => {
                    plan.failures.push(fail(target, error));
                    continue;
                }
            };
            if !seen.insert(index) {
                continue;
            }
            let user = &dir.users[index];
            let account = user.address().to_string();
            let Some(actor) = &plan.actor else { continue };
            if let Err(error) = policy::check(dir, actor, index, &action) {
                plan.failures.push(fail(&account, error));
                continue;
            }
            if action.needs_seat(user)
                && let Err(error) = take_seat(&mut seats, &account)
            {
                plan.failures.push(fail(&account, error));
                continue;
            }
            plan.steps.push(Step {
                index,
                account,
                action: action.clone(),
                unchanged: action.already(user),
            });
        }
        plan
    }

    /// The failure that sets the exit code: the first of the earliest stage.
    pub fn first_failure(&self) -> Option<&Failure> {
        self.failures.iter().min_by_key(|f| f.error.stage())
    }

    /// Whether any step changes something.
    pub fn changes_anything(&self) -> bool {
        self.steps.iter().any(|s| s.unchanged.is_none())
    }
}

fn take_seat(seats: &mut crate::directory::Seats, account: &str) -> Result<(), Error> {
    if seats.free() == Some(0) {
        return Err(Error::NoSeats {
            subject: account.to_string(),
            used: seats.used,
            total: seats.total.unwrap_or_default(),
        });
    }
    seats.used += 1;
    Ok(())
}

/// Applies the changing steps to the directory in memory.
pub fn apply(dir: &mut Directory, plan: &Plan) {
    for step in plan.steps.iter().filter(|s| s.unchanged.is_none()) {
        step.action.apply(&mut dir.users[step.index]);
    }
}
