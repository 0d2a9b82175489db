//! The checks behind a plan: each request resolved, checked by the policy,
//! counted against the seats and the requests before it, and, for a
//! removal, turned into mailbox steps.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use super::{Action, Change, MailboxChoice, NewAccount, Options, Removal, Request, Step};
use crate::address::{self, Address, UserArg};
use crate::directory::{Backend, Reference, Role, Seats, User, resolve};
use crate::error::{Error, Result};
use crate::policy::{self, Actor};
use crate::store::Store;
use crate::store::journal::MailboxOp;
use crate::store::mailbox;

/// An error and the bulk column it is about.
pub(super) struct Tagged {
    pub(super) error: Error,
    pub(super) column: &'static str,
}

impl From<Error> for Tagged {
    fn from(error: Error) -> Tagged {
        Tagged {
            error,
            column: "user",
        }
    }
}

/// The state of planning: what the requests so far have used up.
pub(super) struct Planner<'a> {
    dir: &'a dyn Backend,
    store: &'a Store,
    op: &'a str,
    options: Options,
    seats: Seats,
    /// Accounts already planned, with the line that planned them.
    seen: HashMap<(String, String), Option<u64>>,
    /// Accounts that any request removes (folded keys).
    removing: HashSet<(String, String)>,
    /// Transfer destinations already given out.
    reserved: HashSet<PathBuf>,
    trashed: usize,
    /// Addresses left in each alias (folded name) after the purges so far.
    alias_left: HashMap<String, usize>,
}

impl Planner<'_> {
    pub(super) fn step(
        &mut self,
        actor: Option<&Actor>,
        request: &Request,
    ) -> Result<Option<Step>, Tagged> {
        if let Action::Add(new) = &request.action {
            return Ok(self.add(actor, request, new)?);
        }
        let user = match resolve(self.dir, &request.user) {
            Err(Error::NotFound(_))
                if self.options.missing_ok && matches!(request.action, Action::Remove(_)) =>
            {
                let mut step = Step::new(request.user.clone(), request);
                step.unchanged = Some("no such account, skipped (--missing-ok)".into());
                return Ok(Some(step));
            }
            other => other?,
        };
        let user = &user;
        let account = user.address();
        if !self.first_time(&account, request.line)? {
            return Ok(None);
        }
        let mut step = Step::new(account.to_string(), request);
        let transfer_to = match &request.action {
            Action::Remove(Removal {
                mailbox: MailboxChoice::TransferTo(to),
                ..
            }) => Some(self.transfer_target(&account, to).map_err(|error| Tagged {
                error,
                column: "transfer_to",
            })?),
            _ => None,
        };
        let Some(actor) = actor else { return Ok(None) };
        policy::check(
            actor,
            user,
            self.dir.effective_role(user)?,
            request.action.verb(),
        )?;
        let set_enabled = |to: bool| Change::SetEnabled {
            account: account.to_string(),
            from: !to,
            to,
        };
        match &request.action {
            Action::Disable if !user.is_enabled() => {
                step.unchanged = Some("already disabled".into())
            }
            Action::Enable if user.is_enabled() => step.unchanged = Some("already enabled".into()),
            Action::Unlock if !user.is_locked() => step.unchanged = Some("not locked".into()),
            Action::Enable => {
                if user.own_role() != Role::BuiltIn {
                    self.take_seat(&account)?;
                }
                step.changes.push(set_enabled(true));
            }
            Action::Disable => {
                if user.takes_seat() {
                    self.seats.used -= 1;
                }
                step.changes.push(set_enabled(false));
            }
            Action::Unlock => step.changes.push(Change::SetLocked {
                account: account.to_string(),
                from: true,
                to: false,
            }),
            Action::Remove(removal) => {
                if let Some(to) = &transfer_to {
                    policy::account_admin_own_domain(actor, &to.address()).map_err(|error| {
                        Tagged {
                            error,
                            column: "transfer_to",
                        }
                    })?;
                }
                self.removal(&mut step, user, removal, transfer_to.as_ref())?;
                if removal.purge_settings {
                    self.purge_references(&mut step, actor, user)?;
                }
                step.changes.push(Change::RemoveAccount {
                    record: user.clone(),
                });
                if user.takes_seat() {
                    self.seats.used -= 1;
                }
            }
            Action::Add(_) => {}
        }
        Ok(Some(step))
    }

    /// Records that `account` is planned; a second request for it is
    /// skipped, or an error in strict mode.
    fn first_time(&mut self, account: &Address, line: Option<u64>) -> Result<bool> {
        match self.seen.insert(account.key(), line) {
            None => Ok(true),
            Some(_) if !self.options.bulk => Ok(false),
            Some(first) => Err(Error::Usage(format!(
                "{account} appears twice{}",
                first.map_or(String::new(), |l| format!(" (first on line {l})"))
            ))),
        }
    }

    fn take_seat(&mut self, account: &Address) -> Result<()> {
        if self.seats.free() == Some(0) {
            return Err(Error::NoSeats {
                subject: account.to_string(),
                used: self.seats.used,
                total: self.seats.total.unwrap_or_default(),
            });
        }
        self.seats.used += 1;
        Ok(())
    }

    /// Resolves and checks the account a mailbox is transferred to.
    fn transfer_target(&self, removed: &Address, to: &str) -> Result<User> {
        let target = resolve(self.dir, to)?;
        let what = &target.address();
        if what.key() == removed.key() {
            return Err(Error::Usage(format!(
                "cannot transfer the mailbox of {what} to itself"
            )));
        }
        if self.removing.contains(&what.key()) {
            return Err(Error::Usage(format!(
                "cannot transfer a mailbox to {what}: it is removed in the same run"
            )));
        }
        Ok(target)
    }

    /// Plans the mailbox, settings and IM steps of a removal.
    fn removal(
        &mut self,
        step: &mut Step,
        user: &User,
        removal: &Removal,
        transfer_to: Option<&User>,
    ) -> Result<()> {
        let store = self.store;
        let located = store.locate(&Store::mailbox_rel(user))?;
        let mailbox = located.as_ref().map(|rel| store.root().join(rel));
        let mailbox_rel = located.unwrap_or_else(|| Store::mailbox_rel(user));
        let purge = removal.purge_settings;
        let touches_mailbox = purge || removal.mailbox != MailboxChoice::Keep;
        if touches_mailbox && mailbox.is_some() {
            let usage = self.dir.mailbox_use(&mailbox_rel)?;
            let why = if usage.owners > 1 {
                Some(format!(
                    "{} is the mailbox of more than one account",
                    mailbox_rel.display()
                ))
            } else {
                usage.nested_with.map(|other| {
                    format!(
                        "{} and another account's mailbox {other} lie inside one another",
                        mailbox_rel.display()
                    )
                })
            };
            if let Some(why) = why {
                return Err(Error::bad_input(
                    self.dir.source(),
                    None,
                    Some("mailbox".into()),
                    format!("{why}; refusing to move, delete or purge it"),
                ));
            }
        }
        if removal.mailbox == MailboxChoice::Delete
            && let Some(path) = &mailbox
        {
            mailbox::one_file_system(path)?;
        }
        let (choice, missing) = match (&removal.mailbox, transfer_to) {
            (MailboxChoice::Keep, _) => ("mailbox kept".to_string(), false),
            (MailboxChoice::Delete, _) => ("mailbox deleted".to_string(), mailbox.is_none()),
            (MailboxChoice::TransferTo(_), Some(target)) => {
                let choice = format!("mailbox transferred to {}", target.address());
                (choice, mailbox.is_none())
            }
            (MailboxChoice::TransferTo(_), None) => unreachable!("transfer target resolved"),
        };
        step.details.push(choice);
        if missing {
            step.details.push("no mailbox found".into());
        }
        if purge && mailbox.is_some() && removal.mailbox != MailboxChoice::Delete {
            step.ops.push(MailboxOp::Purge {
                mailbox: mailbox_rel.clone(),
            });
        }
        if mailbox.is_some() {
            match (&removal.mailbox, transfer_to) {
                (MailboxChoice::Delete, _) => {
                    let to = self.trash_for(&mailbox_rel)?;
                    step.ops.push(MailboxOp::Trash {
                        from: mailbox_rel,
                        to,
                    });
                }
                (MailboxChoice::TransferTo(_), Some(target)) => {
                    let to = self.transfer_destination(target, &user.address())?;
                    step.ops.push(MailboxOp::Move {
                        from: mailbox_rel,
                        to,
                    });
                }
                _ => {}
            }
        }
        if purge {
            step.details.push("settings purged".into());
        }
        let im_rel = Store::im_rel(user);
        if store.inside(&im_rel)?.is_some() {
            let to = self.trash_for(&im_rel)?;
            step.ops.push(MailboxOp::Trash { from: im_rel, to });
        }
        step.details.push("instant messaging files deleted".into());
        Ok(())
    }

    /// `Deleted user <name>@<domain>` (or ` (2)`...) in the target's mailbox.
    fn transfer_destination(&mut self, target: &User, removed: &Address) -> Result<PathBuf> {
        let target_rel = self
            .store
            .locate(&Store::mailbox_rel(target))?
            .unwrap_or_else(|| Store::mailbox_rel(target));
        self.store.inside(&target_rel)?;
        let parent = self.store.root().join(&target_rel);
        let reserved = &self.reserved;
        let dest = mailbox::free_name(&parent, &format!("Deleted user {removed}"), &|p| {
            reserved.contains(p)
        });
        self.reserved.insert(dest.clone());
        Ok(target_rel.join(dest.file_name().unwrap_or_default()))
    }

    /// A place in the trash for `rel`, on the same file system as `rel`.
    fn trash_for(&mut self, rel: &std::path::Path) -> Result<PathBuf> {
        self.trashed += 1;
        let base = rel.file_name().unwrap_or_default().to_string_lossy();
        if same_device(self.store.root(), &self.store.root().join(rel)) {
            let name = mailbox::fit_name(&format!("{}-", self.trashed), &base, "");
            return Ok(PathBuf::from(".trash").join(self.op).join(name));
        }
        let suffix = format!(".mailuser-trash-{}", self.op);
        let sibling = mailbox::fit_name(&format!(".{}-", self.trashed), &base, &suffix);
        Ok(rel.with_file_name(sibling))
    }

    fn add(
        &mut self,
        actor: Option<&Actor>,
        request: &Request,
        new: &NewAccount,
    ) -> Result<Option<Step>> {
        let parsed = address::parse_user_arg(&request.user)
            .map_err(|m| Error::Usage(format!("bad account {:?}: {m}", request.user)))?;
        let UserArg::Full(account) = parsed else {
            return Err(Error::Usage(format!(
                "add needs a full address name@domain, not {:?}",
                request.user
            )));
        };
        address::check_new_name(&account.name)
            .map_err(|m| Error::Usage(format!("cannot add {account}: {m}")))?;
        let existing = self.dir.find(&account)?;
        if !self.first_time(&account, request.line)? {
            return Ok(None);
        }
        let Some(actor) = actor else { return Ok(None) };
        let role = new.role.unwrap_or_default();
        policy::check_new(actor, &account, role)?;
        let mut step = Step::new(account.to_string(), request);
        if let Some(user) = existing {
            step.account = user.address().to_string();
            step.unchanged = Some("already exists".into());
            return Ok(Some(step));
        }
        self.take_seat(&account)?;
        let mut user = User::new(account.name.clone(), account.domain.clone());
        user.full_name = new.full_name.as_deref().map(Into::into);
        user.role = new.role;
        let default = Store::mailbox_rel(&user);
        let usage = self.dir.mailbox_use(&default)?;
        let why = if usage.owners > 0 {
            Some(format!(
                "{} is already the mailbox of another account",
                default.display()
            ))
        } else {
            usage.nested_with.map(|other| {
                format!(
                    "{} and another account's mailbox {other} lie inside one another",
                    default.display()
                )
            })
        };
        if let Some(why) = why {
            return Err(Error::Usage(format!(
                "cannot add {account}: {why}; a new account never takes over \
                 another account's mail"
            )));
        }
        if self.store.locate(&default)?.is_some() {
            step.details.push("mailbox re-attached".into());
        }
        step.changes.push(Change::AddAccount { record: user });
        Ok(Some(step))
    }

    /// Plans taking `user`'s address out of aliases and other accounts'
    /// forwarding. Only what the actor may change is touched; the rest is
    /// left, and the step says so.
    fn purge_references(&mut self, step: &mut Step, actor: &Actor, user: &User) -> Result<()> {
        let removed = user.address();
        let mut purged = Vec::new();
        let mut left = Vec::new();
        for reference in self.dir.references(&removed)? {
            match reference {
                Reference::Alias {
                    alias,
                    deliver_to,
                    position,
                } => {
                    let domain = alias.rsplit_once('@').map_or("", |(_, d)| d);
                    let domain_owner = Address {
                        name: String::new(),
                        domain: domain.to_string(),
                    };
                    if policy::account_admin_own_domain(actor, &domain_owner).is_err() {
                        left.push(format!("alias {alias}"));
                        continue;
                    }
                    step.changes.push(Change::RemoveAliasTarget {
                        alias: alias.clone(),
                        address: deliver_to[position].clone(),
                        position,
                    });
                    purged.push(format!("alias {alias}"));
                    let count = self
                        .alias_left
                        .entry(address::fold(&alias))
                        .or_insert(deliver_to.len());
                    *count -= 1;
                    if *count == 0 {
                        step.changes.push(Change::DropAlias { alias });
                    }
                }
                Reference::Forward { account, position } => {
                    let owner = account.address();
                    if owner.key() == removed.key() || self.removing.contains(&owner.key()) {
                        continue;
                    }
                    let role = self.dir.effective_role(&account)?;
                    let allowed = policy::account_admin_own_domain(actor, &owner)
                        .and_then(|()| policy::target_not_higher(actor, &owner, role));
                    if allowed.is_err() {
                        left.push(format!("forwarding of {owner}"));
                        continue;
                    }
                    step.changes.push(Change::RemoveForward {
                        account: owner.to_string(),
                        address: account.forwards()[position].to_string(),
                        position,
                    });
                    purged.push(format!("forwarding of {owner}"));
                }
            }
        }
        let Some(at) = step.details.iter().position(|d| d == "settings purged") else {
            return Ok(());
        };
        if !purged.is_empty() {
            step.details[at] = format!("settings purged ({})", purged.join(", "));
        }
        if !left.is_empty() {
            step.details.insert(
                at + 1,
                format!(
                    "left outside the rights of {}: {}",
                    actor.address,
                    left.join(", ")
                ),
            );
        }
        Ok(())
    }
}

#[cfg(unix)]
fn same_device(a: &std::path::Path, b: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::symlink_metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev(),
        _ => true,
    }
}

#[cfg(not(unix))]
fn same_device(_a: &std::path::Path, _b: &std::path::Path) -> bool {
    true
}

impl<'a> Planner<'a> {
    pub(super) fn new(
        dir: &'a dyn Backend,
        store: &'a Store,
        op: &'a str,
        options: Options,
        requests: &[Request],
    ) -> Result<Planner<'a>> {
        let seats = dir.seats()?;
        Ok(Planner {
            dir,
            store,
            op,
            options,
            seats,
            seen: HashMap::new(),
            removing: requests
                .iter()
                .filter(|r| matches!(r.action, Action::Remove(_)))
                .filter_map(|r| resolve(dir, &r.user).ok())
                .map(|u| u.address().key())
                .collect(),
            reserved: HashSet::new(),
            trashed: 0,
            alias_left: HashMap::new(),
        })
    }
}
