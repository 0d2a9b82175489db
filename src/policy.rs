//! The rights rules of SPEC §3, one function per rule. Every command, the
//! bulk runner and `--dry-run` go through [`check`] and [`check_new`].

use crate::address::Address;
use crate::directory::{Backend, Role, resolve};
use crate::error::{Error, Result};

/// The acting administrator, resolved against the directory.
#[derive(Debug, Clone)]
pub struct Actor {
    pub address: Address,
    pub role: Role,
}

fn refused(subject: &Address, rule: &'static str, message: String) -> Error {
    Error::Refused {
        subject: subject.to_string(),
        rule,
        message,
    }
}

/// Rule `actor-is-active-account`: the actor must be an enabled, unlocked
/// account of the directory.
pub fn actor_is_active_account(dir: &dyn Backend, actor: &str) -> Result<Actor> {
    let refuse = |message: &str| Error::Refused {
        subject: actor.to_string(),
        rule: "actor-is-active-account",
        message: message.to_string(),
    };
    let user = match resolve(dir, actor) {
        Ok(user) => user,
        Err(Error::NotFound(_)) => {
            return Err(refuse("the actor is not an account of the directory"));
        }
        Err(e) => return Err(e),
    };
    if !user.is_enabled() {
        return Err(refuse("the actor's account is disabled"));
    }
    if user.is_locked() {
        return Err(refuse("the actor's account is locked"));
    }
    Ok(Actor {
        address: user.address(),
        role: dir.effective_role(&user)?,
    })
}

/// Rule `actor-may-administer`: an actor below `account-admin` changes
/// nothing.
pub fn actor_may_administer(actor: &Actor, target: &Address) -> Result<()> {
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
pub fn account_admin_own_domain(actor: &Actor, target: &Address) -> Result<()> {
    if actor.role == Role::AccountAdmin
        && !crate::address::same(&target.domain, &actor.address.domain)
    {
        return Err(refused(
            target,
            "account-admin-own-domain",
            format!(
                "{} is an account-admin of {} and may not change accounts of {}",
                actor.address, actor.address.domain, target.domain
            ),
        ));
    }
    Ok(())
}

/// Rule `not-own-account`: nobody disables, enables, unlocks or removes its
/// own account.
pub fn not_own_account(actor: &Actor, target: &Address, verb: &str) -> Result<()> {
    if actor.address.same_as(target) {
        return Err(refused(
            target,
            "not-own-account",
            format!("an administrator may not {verb} its own account"),
        ));
    }
    Ok(())
}

/// Rule `target-not-higher`: nobody changes an account with higher rights
/// than its own, so the built-in administrator can be changed by no one.
pub fn target_not_higher(actor: &Actor, target: &Address, target_role: Role) -> Result<()> {
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

/// Rule `role-not-higher`: nobody gives an account higher rights than its
/// own, and nobody gives the role `built-in`.
pub fn role_not_higher(actor: &Actor, target: &Address, role: Role) -> Result<()> {
    if role > actor.role || role == Role::BuiltIn {
        return Err(refused(
            target,
            "role-not-higher",
            format!(
                "{} may not give the rights {} (its own are {})",
                actor.address,
                role.as_str(),
                actor.role.as_str()
            ),
        ));
    }
    Ok(())
}

/// Checks a change of the existing account `target`, whose effective
/// rights are `role`, against every rule, in order.
pub fn check(actor: &Actor, target: &Address, role: Role, verb: &str) -> Result<()> {
    actor_may_administer(actor, target)?;
    account_admin_own_domain(actor, target)?;
    not_own_account(actor, target, verb)?;
    target_not_higher(actor, target, role)
}

/// Checks the creation of a new account with `role`.
pub fn check_new(actor: &Actor, target: &Address, role: Role) -> Result<()> {
    actor_may_administer(actor, target)?;
    account_admin_own_domain(actor, target)?;
    role_not_higher(actor, target, role)
}
