//! The checks behind a plan: each request resolved, checked by the policy,
//! counted against the seats and the requests before it, and, for a
//! removal, turned into mailbox steps.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use super::{Action, Change, MailboxChoice, NewAccount, Options, Removal, Request, Step};
use crate::address::{self, Address, UserArg};
use crate::directory::{Directory, Role, Seats, User};
use crate::error::{Error, Result};
use crate::policy::{self, Actor};
use crate::store::journal::MailboxOp;
use crate::store::mailbox;
use crate::store::{MailboxOwners, Store};

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
    dir: &'a Directory,
    store: &'a Store,
    op: &'a str,
    options: Options,
    seats: Seats,
    /// Accounts already planned, with the line that planned them.
    seen: HashMap<(String, String), Option<u64>>,
    /// Accounts that any request removes.
    removing: HashSet<usize>,
    /// Transfer destinations already given out.
    reserved: HashSet<PathBuf>,
    trashed: usize,
    /// Built when the first removal touches a mailbox.
    owners: std::cell::OnceCell<MailboxOwners>,
    /// Who refers to an address (folded): built on the first purge.
    references: std::cell::OnceCell<HashMap<String, Vec<Reference>>>,
    /// Addresses left in each alias (by index) after the purges so far.
    alias_left: HashMap<usize, usize>,
}

/// Where an address is named: an alias's `deliver_to` or an account's
/// `forward_to`, by index and position.
#[derive(Debug, Clone, Copy)]
enum Reference {
    Alias(usize, usize),
    Forward(usize, usize),
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
        let index = match self.dir.resolve(&request.user) {
            Err(Error::NotFound(_))
                if self.options.missing_ok && matches!(request.action, Action::Remove(_)) =>
            {
                let mut step = Step::new(None, request.user.clone(), request);
                step.unchanged = Some("no such account, skipped (--missing-ok)".into());
                return Ok(Some(step));
            }
            other => other?,
        };
        let user = &self.dir.users[index];
        let account = user.address();
        if !self.first_time(&account, request.line)? {
            return Ok(None);
        }
        let mut step = Step::new(Some(index), account.to_string(), request);
        let transfer_to = match &request.action {
            Action::Remove(Removal {
                mailbox: MailboxChoice::TransferTo(to),
                ..
            }) => Some(self.transfer_target(index, to).map_err(|error| Tagged {
                error,
                column: "transfer_to",
            })?),
            _ => None,
        };
        let Some(actor) = actor else { return Ok(None) };
        policy::check(self.dir, actor, index, request.action.verb())?;
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
                if let Some(to) = transfer_to {
                    policy::account_admin_own_domain(actor, &self.dir.users[to].address())
                        .map_err(|error| Tagged {
                            error,
                            column: "transfer_to",
                        })?;
                }
                self.removal(&mut step, user, removal, transfer_to)?;
                if removal.purge_settings {
                    self.purge_references(&mut step, actor, index);
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
    fn transfer_target(&self, index: usize, to: &str) -> Result<usize> {
        let target = self.dir.resolve(to)?;
        let what = &self.dir.users[target].address();
        if target == index {
            return Err(Error::Usage(format!(
                "cannot transfer the mailbox of {what} to itself"
            )));
        }
        if self.removing.contains(&target) {
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
        transfer_to: Option<usize>,
    ) -> Result<()> {
        let store = self.store;
        let located = store.locate(&Store::mailbox_rel(user))?;
        let mailbox = located.as_ref().map(|rel| store.root().join(rel));
        let mailbox_rel = located.unwrap_or_else(|| Store::mailbox_rel(user));
        let purge = removal.purge_settings;
        let touches_mailbox = purge || removal.mailbox != MailboxChoice::Keep;
        if touches_mailbox && mailbox.is_some() {
            let owners = self
                .owners
                .get_or_init(|| MailboxOwners::new(&self.dir.users));
            if let Some(why) = owners.shared(&mailbox_rel) {
                return Err(Error::bad_input(
                    &self.dir.path,
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
            (MailboxChoice::TransferTo(_), Some(to)) => {
                let target = &self.dir.users[to];
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
                (MailboxChoice::TransferTo(_), Some(to)) => {
                    let to = self.transfer_destination(&self.dir.users[to], &user.address())?;
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
        let existing = self.dir.find(&account);
        if !self.first_time(&account, request.line)? {
            return Ok(None);
        }
        let Some(actor) = actor else { return Ok(None) };
        let role = new.role.unwrap_or_default();
        policy::check_new(actor, &account, role)?;
        let mut step = Step::new(existing, account.to_string(), request);
        if let Some(index) = existing {
            let user = &self.dir.users[index];
            step.account = user.address().to_string();
            step.unchanged = Some("already exists".into());
            return Ok(Some(step));
        }
        self.take_seat(&account)?;
        let mut user = User::new(account.name.clone(), account.domain.clone());
        user.full_name = new.full_name.as_deref().map(Into::into);
        user.role = new.role;
        let default = Store::mailbox_rel(&user);
        let owners = self
            .owners
            .get_or_init(|| MailboxOwners::new(&self.dir.users));
        if let Some(why) = owners.taken(&default) {
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

    /// Plans taking `index`'s address out of aliases and other accounts'
    /// forwarding. Only what the actor may change is touched; the rest is
    /// left, and the step says so.
    fn purge_references(&mut self, step: &mut Step, actor: &Actor, index: usize) {
        let dir = self.dir;
        let references = self.references.get_or_init(|| reference_index(dir));
        let address = address::fold(&dir.users[index].address().to_string());
        let mut purged = Vec::new();
        let mut left = Vec::new();
        for reference in references.get(&address).into_iter().flatten() {
            match *reference {
                Reference::Alias(a, position) => {
                    let alias = &dir.aliases.as_deref().unwrap_or_default()[a];
                    let domain = alias.alias.rsplit_once('@').map_or("", |(_, d)| d);
                    let domain_owner = Address {
                        name: String::new(),
                        domain: domain.to_string(),
                    };
                    if policy::account_admin_own_domain(actor, &domain_owner).is_err() {
                        left.push(format!("alias {}", alias.alias));
                        continue;
                    }
                    step.changes.push(Change::RemoveAliasTarget {
                        alias: alias.alias.clone(),
                        address: alias.deliver_to[position].clone(),
                        position,
                    });
                    purged.push(format!("alias {}", alias.alias));
                    let count = self.alias_left.entry(a).or_insert(alias.deliver_to.len());
                    *count -= 1;
                    if *count == 0 {
                        step.changes.push(Change::DropAlias {
                            alias: alias.alias.clone(),
                        });
                    }
                }
                Reference::Forward(u, position) => {
                    if u == index || self.removing.contains(&u) {
                        continue;
                    }
                    let user = &dir.users[u];
                    let owner = user.address();
                    let allowed = policy::account_admin_own_domain(actor, &owner).and_then(|()| {
                        policy::target_not_higher(actor, &owner, dir.effective_role(user))
                    });
                    if allowed.is_err() {
                        left.push(format!("forwarding of {owner}"));
                        continue;
                    }
                    let forwards = user.forwards();
                    step.changes.push(Change::RemoveForward {
                        account: owner.to_string(),
                        address: forwards[position].to_string(),
                        position,
                    });
                    purged.push(format!("forwarding of {owner}"));
                }
            }
        }
        let Some(at) = step.details.iter().position(|d| d == "settings purged") else {
            return;
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
    }
}

/// Every address named in an alias or a forward, folded, with where.
fn reference_index(dir: &Directory) -> HashMap<String, Vec<Reference>> {
    let mut index: HashMap<String, Vec<Reference>> = HashMap::new();
    for (a, alias) in dir.aliases.iter().flatten().enumerate() {
        for (position, target) in alias.deliver_to.iter().enumerate() {
            index
                .entry(address::fold(target))
                .or_default()
                .push(Reference::Alias(a, position));
        }
    }
    for (u, user) in dir.users.iter().enumerate() {
        for (position, target) in user.forwards().iter().enumerate() {
            index
                .entry(address::fold(target))
                .or_default()
                .push(Reference::Forward(u, position));
        }
    }
    index
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
        dir: &'a Directory,
        store: &'a Store,
        op: &'a str,
        options: Options,
        requests: &[Request],
    ) -> Planner<'a> {
        Planner {
            dir,
            store,
            op,
            options,
            seats: dir.seats(),
            seen: HashMap::new(),
            removing: requests
                .iter()
                .filter(|r| matches!(r.action, Action::Remove(_)))
                .filter_map(|r| dir.resolve(&r.user).ok())
                .collect(),
            reserved: HashSet::new(),
            trashed: 0,
            owners: std::cell::OnceCell::new(),
            references: std::cell::OnceCell::new(),
            alias_left: HashMap::new(),
        }
    }
}
