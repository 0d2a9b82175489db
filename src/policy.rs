//! The rights rules of SPEC §3, one function per rule. Every command, the
//! bulk runner and `--dry-run` go through [`check`].

use crate::directory::{Directory, Role, User};
use crate::error::{Error, Result};
use crate::plan::Action;

/// The acting administrator, resolved against the directory.
#[derive(Debug, Clone)]
pub struct Actor {
    pub index: usize,
    pub address: String,
    pub domain: String,
    pub role: Role,
}

/// Rule `actor-is-active-account`: the actor must be an enabled, unlocked
/// account of the directory.
pub fn actor_is_active_account(dir: &Directory, actor: &str) -> Result<Actor> {
    let refuse = |message: String| Error::Refused {
        subject: actor.to_string(),
        rule: "actor-is-active-account",
        message,
    };
    let index = match dir.resolve(actor) {
        Ok(index) => index,
        Err(Error::NotFound(_)) => {
            return Err(refuse(
                "the actor is not an account of the directory".into(),
            ));
        }
        Err(e) => return Err(e),
    };
    let user = &dir.users[index];
    if !user.is_enabled() {
        return Err(refuse("the actor's account is disabled".into()));
    }
    if user.is_locked() {
        return Err(refuse("the actor's account is locked".into()));
    }
    Ok(Actor {
        index,
        address: user.address().to_string(),
        domain: user.domain.to_lowercase(),
        role: dir.effective_role(user),
    })
}

fn refused(target: &User, rule: &'static str, message: String) -> Error {
    Error::Refused {
        subject: target.address().to_string(),
        rule,
        message,
    }
}

/// Rule `actor-may-administer`: an actor below `account-admin` changes
/// nothing.
pub fn actor_may_administer(actor: &Actor, target: &User) -> Result<()> {
    if actor.role < Role::AccountAdmin {
        return Err(refused(
            target,
            "actor-may-administer",
            format!(
                "{} has the rights {}, below account-admin",
                actor.address,
                actor.role.as_str()
            ),
        ));
    }
    Ok(())
}

/// Rule `account-admin-own-domain`: an `account-admin` changes accounts of
/// its own domain only.
pub fn account_admin_own_domain(actor: &Actor, target: &User) -> Result<()> {
    if actor.role == Role::AccountAdmin && target.domain.to_lowercase() != actor.domain {
        return Err(refused(
            target,
            "account-admin-own-domain",
            format!(
                "{} is an account-admin of {} and may not change accounts of {}",
                actor.address, actor.domain, target.domain
            ),
        ));
    }
    Ok(())
}

/// Rule `not-own-account`: nobody disables, enables, unlocks or removes its
/// own account.
pub fn not_own_account(actor: &Actor, target_index: usize, action: &Action) -> Result<()> {
    if actor.index == target_index {
        return Err(Error::Refused {
            subject: actor.address.clone(),
            rule: "not-own-account",
            message: format!("an administrator may not {} its own account", action.verb()),
        });
    }
    Ok(())
}

/// Rule `target-not-higher`: nobody changes an account with higher rights
/// than its own, so the built-in administrator can be changed by no one.
pub fn target_not_higher(actor: &Actor, target: &User, target_role: Role) -> Result<()> {
    if target_role > actor.role {
        return Err(refused(
            target,
            "target-not-higher",
            format!(
                "the account has the rights {}, higher than {} of {}",
                target_role.as_str(),
                actor.role.as_str(),
                actor.address
            ),
        ));
    }
    Ok(())
}

/// Checks one step of a plan against every rule, in the order of SPEC §3.
pub fn check(dir: &Directory, actor: &Actor, target_index: usize, action: &Action) -> Result<()> {
    let target = &dir.users[target_index];
    actor_may_administer(actor, target)?;
    account_admin_own_domain(actor, target)?;
    not_own_account(actor, target_index, action)?;
    target_not_higher(actor, target, dir.effective_role(target))
}
