//! The checks behind a plan: each request resolved, checked by the policy,
//! counted against the seats and the requests before it, and, for a
//! removal, turned into mailbox steps.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use super::{Action, Change, MailboxChoice, NewAccount, Options, Removal, Request, Step};
use crate::address::{self, Address, UserArg};
use crate::directory::{Backend, Reference, Role, Seats, User, resolve};
use crate::error::{Error, Result};
use crate::policy::{self, Actor};
use crate::store::journal::MailboxOp;
use crate::store::tombstone::{self, Fate, Tombstone};
use crate::store::view::StoreView;
use crate::store::{Store, mailbox};

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

/// What a removal with a retention period leaves in its tombstone.
pub(super) struct Removed {
    /// The removal's folder `.removed/<op>` and the account's number in it.
    dir: PathBuf,
    n: usize,
    fate: Fate,
    mailbox_path: Option<PathBuf>,
    mailbox_was: PathBuf,
    transferred_to: Option<String>,
    settings: Vec<String>,
    bytes: u64,
}

/// The state of planning: what the requests so far have used up.
pub(super) struct Planner<'a> {
    dir: &'a dyn Backend,
    store: &'a dyn StoreView,
    /// The run's operation id, shared with every tombstone of the run.
    op: Arc<str>,
    options: Options,
    seats: Seats,
    /// Accounts already planned, with the line that planned them.
    seen: HashMap<String, Option<u64>>,
    /// Accounts that any request removes (folded keys).
    removing: HashSet<String>,
    /// Transfer destinations already given out.
    reserved: HashSet<PathBuf>,
    trashed: usize,
    /// Tombstones given out in this run, in its folder `.removed/<op>`.
    tombstones: usize,
    removal_dir: PathBuf,
    /// Seats taken by the requests so far.
    seats_taken: usize,
    /// Tombstones this run purges.
    purged: HashSet<PathBuf>,
    /// The store's tombstones, read once per run, when first asked.
    kept: std::cell::OnceCell<Vec<Tombstone>>,
    /// Addresses left in each alias (folded name) after the purges so far.
    alias_left: HashMap<String, usize>,
    /// When this run's removals happen and when their tombstones expire.
    removed_at: (Arc<str>, Arc<str>),
    /// The actor's address, as every tombstone of the run holds it.
    removed_by: std::cell::OnceCell<Arc<str>>,
    /// Transfer targets resolved so far, by the text that names them (an
    /// offboarding hands many mailboxes to one manager).
    targets: HashMap<String, User>,
}

impl Planner<'_> {
    /// The accounts of a bulk run's rows (those a full address names),
    /// looked up before planning them one by one, aligned with `requests`:
    /// a file looks them up, and builds the references index, on a second
    /// thread beside this one. What was not looked up is `None`.
    /// `named` holds the full address each request names, from
    /// [`full_addresses`].
    pub(super) fn look_ahead(
        &self,
        requests: &[Request],
        named: &[Option<Address>],
    ) -> Vec<Option<User>> {
        let mut ahead = vec![None; requests.len()];
        if requests.len() < 2 {
            return ahead;
        }
        let (rows, addresses): (Vec<usize>, Vec<&Address>) = requests
            .iter()
            .zip(named)
            .enumerate()
            .filter(|(_, (r, _))| {
                !matches!(
                    r.action,
                    Action::Add(_) | Action::Restore { .. } | Action::Purge { .. }
                )
            })
            .filter_map(|(i, (_, address))| Some((i, address.as_ref()?)))
            .unzip();
        let removes = requests
            .iter()
            .any(|r| matches!(r.action, Action::Remove(_)));
        let found = self.dir.look_ahead(&addresses, removes);
        for (row, user) in rows.into_iter().zip(found) {
            ahead[row] = user;
        }
        ahead
    }

    /// Plans `request`; `ahead` is its account when it was looked up
    /// before.
    pub(super) fn step(
        &mut self,
        actor: Option<&Actor>,
        request: &Request,
        ahead: Option<User>,
    ) -> Result<Option<Step>, Tagged> {
        match &request.action {
            Action::Add(new) => return Ok(self.add(actor, request, new)?),
            Action::Restore {
                op,
                without_mailbox,
            } => return Ok(self.restore(actor, request, op.as_deref(), *without_mailbox)?),
            Action::Purge { op, expired } => {
                return Ok(self.purge(actor, request, op.as_deref(), *expired)?);
            }
            _ => {}
        }
        let resolved = match ahead {
            Some(user) => Ok(user),
            None => resolve(self.dir, &request.user),
        };
        let found = match resolved {
            Err(Error::NotFound(_))
                if self.options.missing_ok && matches!(request.action, Action::Remove(_)) =>
            {
                let mut step = Step::new(request.user.clone(), request);
                step.unchanged = Some("no such account, skipped (--missing-ok)".into());
                return Ok(Some(step));
            }
            Err(Error::NotFound(name)) => {
                return Err(match crate::directory::suggest(self.dir, &request.user)? {
                    Some(hint) => Error::NotFoundNear {
                        subject: name,
                        hint,
                    },
                    None => Error::NotFound(name),
                }
                .into());
            }
            other => other?,
        };
        let user = &found;
        let account = user.address();
        if !self.first_time(&account, request.line)? {
            return Ok(None);
        }
        // Written out once; the changes and the tombstone copy it.
        let mut step = Step::new(account.text(), request);
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
            &account,
            self.dir.effective_role(user)?,
            request.action.verb(),
        )?;
        let set_enabled = |to: bool| Change::SetEnabled {
            account: step.account.clone(),
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
                account: step.account.clone(),
                from: true,
                to: false,
            }),
            Action::Remove(removal) => {
                if let Some(to) = &transfer_to {
                    policy::account_admin_own_domain(actor, &to.address()).map_err(|error| {
                        let error = match error {
                            Error::Refused { rule, message, .. } => Error::Refused {
                                subject: account.to_string(),
                                rule,
                                message: format!(
                                    "the transfer to {} is refused: {message}",
                                    to.address()
                                ),
                            },
                            other => other,
                        };
                        Tagged {
                            error,
                            column: "transfer_to",
                        }
                    })?;
                }
                let removed =
                    self.removal(&mut step, user, &account, removal, transfer_to.as_ref())?;
                if removal.purge_settings {
                    self.purge_references(&mut step, actor, &account)?;
                } else {
                    self.note_references(&mut step, &account)?;
                }
                if user.takes_seat() {
                    self.seats.used -= 1;
                }
                // One record, shared by the change and the tombstone.
                let record = Arc::new(found);
                if let Some(removed) = removed {
                    self.tombstone(&mut step, actor, &record, &account, removed)?;
                }
                step.changes.push(Change::RemoveAccount { record });
            }
            Action::Add(_) | Action::Restore { .. } | Action::Purge { .. } => {}
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
                earlier: self.seats_taken,
            });
        }
        self.seats.used += 1;
        self.seats_taken += 1;
        Ok(())
    }

    /// Resolves and checks the account a mailbox is transferred to.
    fn transfer_target(&mut self, removed: &Address, to: &str) -> Result<User> {
        let target = match self.targets.get(to) {
            Some(target) => target.clone(),
            None => {
                let target = resolve(self.dir, to).map_err(|e| match e {
                    Error::NotFound(name) => Error::NoSuch {
                        subject: removed.to_string(),
                        what: format!("the transfer target {name}"),
                    },
                    other => other,
                })?;
                self.targets.insert(to.to_string(), target.clone());
                target
            }
        };
        let what = &target.address();
        if what.same_as(removed) {
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
        account: &Address,
        removal: &Removal,
        transfer_to: Option<&User>,
    ) -> Result<Option<Removed>> {
        let store = self.store;
        // With a retention period, what the removal takes goes into the
        // removal's folder `.removed/<op>/` instead of the trash.
        let kept = (self.options.retain_days > 0).then(|| {
            self.tombstones += 1;
            (self.removal_dir.clone(), self.tombstones)
        });
        let home = Store::mailbox_rel(user);
        let located = store.locate(&home)?;
        let mailbox = located.clone();
        let mailbox_rel = located.unwrap_or(home);
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
            store.one_file_system(path)?;
        }
        let (choice, missing): (Cow<'static, str>, bool) = match (&removal.mailbox, transfer_to) {
            (MailboxChoice::Keep, _) => ("mailbox kept".into(), false),
            (MailboxChoice::Delete, _) => ("mailbox deleted".into(), mailbox.is_none()),
            (MailboxChoice::TransferTo(_), Some(target)) => {
                let choice = format!("mailbox transferred to {}@{}", target.name, target.domain);
                (choice.into(), mailbox.is_none())
            }
            (MailboxChoice::TransferTo(_), None) => unreachable!("transfer target resolved"),
        };
        step.details.push(choice);
        if missing {
            step.details.push("no mailbox found".into());
        }
        let mut removed = kept.as_ref().map(|(dir, n)| Removed {
            dir: dir.clone(),
            n: *n,
            fate: Fate::Kept,
            mailbox_path: mailbox.as_ref().map(|_| mailbox_rel.clone()),
            mailbox_was: mailbox_rel.clone(),
            transferred_to: None,
            settings: Vec::new(),
            bytes: 0,
        });
        if purge && mailbox.is_some() && removal.mailbox != MailboxChoice::Delete {
            match &mut removed {
                Some(removed) => {
                    for name in mailbox::SETTINGS_FILES {
                        if let Some(size) = store.file_size(&mailbox_rel.join(name)) {
                            removed.settings.push(name.to_string());
                            removed.bytes += size;
                        }
                    }
                    step.ops.push(MailboxOp::MoveSettings {
                        from: mailbox_rel.clone(),
                        to: removed.dir.join(format!("settings-{}", removed.n)),
                    });
                }
                None => step.ops.push(MailboxOp::Purge {
                    mailbox: mailbox_rel.clone(),
                }),
            }
        }
        if mailbox.is_some() {
            match (&removal.mailbox, transfer_to) {
                (MailboxChoice::Delete, _) => match &mut removed {
                    Some(removed) => {
                        let to = removed.dir.join(format!("mailbox-{}", removed.n));
                        removed.fate = Fate::Deleted;
                        removed.bytes += store.bytes_under(&mailbox_rel);
                        removed.mailbox_path = Some(to.clone());
                        step.ops.push(MailboxOp::Move {
                            from: mailbox_rel,
                            to,
                        });
                    }
                    None => {
                        let to = self.trash_for(&mailbox_rel)?;
                        step.ops.push(MailboxOp::Trash {
                            from: mailbox_rel,
                            to,
                        });
                    }
                },
                (MailboxChoice::TransferTo(_), Some(target)) => {
                    let to = self.transfer_destination(target, account)?;
                    if let Some(removed) = &mut removed {
                        removed.fate = Fate::Transferred;
                        removed.mailbox_path = Some(to.clone());
                        removed.transferred_to =
                            Some(address::joined(&target.name, &target.domain));
                    }
                    step.ops.push(MailboxOp::Move {
                        from: mailbox_rel,
                        to,
                    });
                }
                _ => {}
            }
        } else if let Some(removed) = &mut removed {
            removed.fate = match (&removal.mailbox, transfer_to) {
                (MailboxChoice::Delete, _) => Fate::Deleted,
                (MailboxChoice::TransferTo(_), Some(target)) => {
                    removed.transferred_to = Some(address::joined(&target.name, &target.domain));
                    Fate::Transferred
                }
                _ => Fate::Kept,
            };
        }
        if purge {
            step.details.push("settings purged".into());
        }
        let im_rel = Store::im_rel(user);
        if store.exists(&im_rel)? {
            let to = self.trash_for(&im_rel)?;
            step.ops.push(MailboxOp::Trash { from: im_rel, to });
        }
        step.details.push("instant messaging files deleted".into());
        Ok(removed)
    }

    /// The store's tombstones: read once, however many rows ask.
    fn kept(&self) -> Result<&[Tombstone]> {
        if self.kept.get().is_none() {
            let _ = self.kept.set(self.store.tombstones()?);
        }
        Ok(self.kept.get().map(Vec::as_slice).unwrap_or_default())
    }

    /// The tombstones of the account `arg` names (`name@domain`, or a bare
    /// name only one removed account has), oldest first, with its address.
    fn tombstones_of(&self, arg: &str) -> Result<(Address, Vec<Tombstone>)> {
        let parsed = address::parse_user_arg(arg)
            .map_err(|m| Error::Usage(format!("bad account {arg:?}: {m}")))?;
        let all = self.kept()?;
        let address = match parsed {
            UserArg::Full(address) => address,
            UserArg::Bare(name) => {
                let mut accounts: Vec<String> = all
                    .iter()
                    .filter(|t| address::same(&t.record.name, &name))
                    .map(|t| t.account.clone())
                    .collect();
                accounts.sort();
                accounts.dedup_by(|a, b| address::same(a, b));
                match &accounts[..] {
                    [one] => match address::parse_user_arg(one) {
                        Ok(UserArg::Full(address)) => address,
                        _ => return Err(Error::NotFound(name)),
                    },
                    [] => match resolve(self.dir, &name) {
                        Ok(user) => user.address(),
                        Err(_) => return Err(Error::NotFound(name)),
                    },
                    [a, b, ..] => {
                        return Err(Error::Usage(format!(
                            "account name {name:?} is ambiguous ({a}, {b}, ...): give name@domain"
                        )));
                    }
                }
            }
        };
        let mine = all
            .iter()
            .filter(|t| t.record.address().same_as(&address))
            .cloned()
            .collect();
        Ok((address, mine))
    }

    /// Plans putting back a removed account: its record, the references a
    /// purge took, its settings files and its mailbox.
    fn restore(
        &mut self,
        actor: Option<&Actor>,
        request: &Request,
        op: Option<&str>,
        without_mailbox: bool,
    ) -> Result<Option<Step>> {
        let (address, mut tombstones) = self.tombstones_of(&request.user)?;
        if let Some(op) = op {
            tombstones.retain(|t| *t.op == *op);
        }
        let existing = self.dir.find(&address)?;
        if !self.first_time(&address, request.line)? {
            return Ok(None);
        }
        let Some(actor) = actor else { return Ok(None) };
        let Some(tomb) = tombstones.pop() else {
            if existing.is_some() && op.is_none() {
                let mut step = Step::new(address.to_string(), request);
                step.unchanged = Some("not removed (already restored)".into());
                return Ok(Some(step));
            }
            let what = op.map_or(String::new(), |op| format!(" by operation {op}"));
            return Err(Error::NotFound(format!(
                "{address} (no removal{what} to restore)"
            )));
        };
        let record = &tomb.record;
        let account = record.address();
        if existing.is_some() {
            return Err(Error::Usage(format!(
                "cannot restore {account}: an account with that address exists"
            )));
        }
        policy::check_new(actor, &account, record.own_role())?;
        if record.takes_seat() {
            self.take_seat(&account)?;
        }
        let mut step = Step::new(account.to_string(), request);
        let home = tomb.mailbox_was.clone();
        let store = self.store;
        let exists = |rel: &std::path::Path| store.exists(rel);
        // Where the mailbox is now, and whether it can go back.
        let found = match (tomb.mailbox, &tomb.mailbox_path) {
            (_, None) => None,
            (Fate::Kept, Some(path)) => {
                let owned = self.dir.mailbox_use(path)?.owners > 0;
                (exists(path)? && !owned).then(|| path.clone())
            }
            (Fate::Transferred | Fate::Deleted, Some(path)) => exists(path)?.then(|| path.clone()),
        };
        let restored = match (&tomb.mailbox_path, found) {
            (None, _) => {
                step.details.push("no mailbox to restore".into());
                true
            }
            (Some(_), Some(path)) => {
                if tomb.mailbox != Fate::Kept {
                    if exists(&home)? {
                        return Err(Error::Usage(format!(
                            "cannot restore the mailbox of {account}: {} exists",
                            home.display()
                        )));
                    }
                    step.ops.push(MailboxOp::Move {
                        from: path,
                        to: home.clone(),
                    });
                }
                step.details.push("mailbox restored".into());
                true
            }
            (Some(_), None) if without_mailbox => {
                step.details.push("mailbox not restored".into());
                false
            }
            (Some(path), None) => {
                return Err(Error::NotFound(format!(
                    "{account}: its mailbox {} is gone; --without-mailbox restores the \
                     account without it",
                    path.display()
                )));
            }
        };
        if restored && !tomb.settings.is_empty() {
            step.ops.push(MailboxOp::MoveSettings {
                from: tomb.settings_dir(),
                to: home.clone(),
            });
        }
        step.changes.push(Change::AddAccount {
            record: Arc::clone(record),
            text: tomb.text.clone(),
            index: tomb.index,
        });
        let dropped: HashSet<String> = tomb
            .purged
            .iter()
            .filter_map(|c| match c {
                Change::DropAlias { alias } => Some(address::fold(alias)),
                _ => None,
            })
            .collect();
        for change in &tomb.purged {
            match change {
                Change::RemoveAliasTarget { alias, address, .. } => {
                    if self.dir.alias(alias)?.is_some() {
                        step.changes.extend(change.inverse());
                    } else if dropped.contains(&address::fold(alias)) {
                        step.changes.push(Change::AddAlias {
                            alias: alias.clone(),
                            deliver_to: vec![address.clone()],
                        });
                    }
                }
                Change::RemoveForward { account, .. } => {
                    let owner = address::parse_user_arg(account).ok();
                    if let Some(UserArg::Full(owner)) = owner
                        && self.dir.find(&owner)?.is_some()
                    {
                        step.changes.extend(change.inverse());
                    }
                }
                _ => {}
            }
        }
        // The tombstone goes: what is left of it through the trash (its
        // mailbox was moved back above).
        self.forget(&mut step, &tomb, false)?;
        Ok(Some(step))
    }

    /// Plans deleting a removed account's tombstones for good.
    fn purge(
        &mut self,
        actor: Option<&Actor>,
        request: &Request,
        op: Option<&str>,
        expired: bool,
    ) -> Result<Option<Step>> {
        let (address, mut tombstones) = self.tombstones_of(&request.user)?;
        if let Some(op) = op {
            tombstones.retain(|t| *t.op == *op);
        }
        if tombstones.is_empty() {
            return Err(Error::NotFound(format!(
                "{address} (no removed account to purge)"
            )));
        }
        let Some(actor) = actor else { return Ok(None) };
        let mut step = Step::new(tombstones[0].account.clone(), request);
        for tomb in tombstones {
            if !self.purged.insert(tomb.dir().join(tomb.n.to_string())) {
                continue;
            }
            let role = self.dir.effective_role(&tomb.record)?;
            if let Err(error) = policy::check(actor, &tomb.record.address(), role, "purge") {
                if expired {
                    continue;
                }
                return Err(error);
            }
            self.forget(&mut step, &tomb, true)?;
        }
        if step.ops.is_empty() {
            return Ok(None);
        }
        Ok(Some(step))
    }

    /// Steps that delete what is left of a tombstone (its mailbox and
    /// settings folders, through the trash) and take it out of its
    /// removal's file.
    fn forget(&mut self, step: &mut Step, tomb: &Tombstone, mailbox: bool) -> Result<()> {
        let folders = [
            Some(tomb.mailbox_dir()).filter(|_| mailbox),
            Some(tomb.settings_dir()),
        ];
        for folder in folders.into_iter().flatten() {
            if self.store.exists(&folder)? {
                let to = self.trash_for(&folder)?;
                step.ops.push(MailboxOp::Trash { from: folder, to });
            }
        }
        step.ops.push(MailboxOp::Forget {
            dir: tomb.dir(),
            n: tomb.n,
        });
        Ok(())
    }

    /// Writes the removal's tombstone first among its mailbox steps, so
    /// the journal step that removes the account also keeps it.
    fn tombstone(
        &self,
        step: &mut Step,
        actor: &Actor,
        record: &Arc<User>,
        account: &Address,
        removed: Removed,
    ) -> Result<()> {
        let (text, index) = match self.dir.record_text(account)? {
            Some((text, index)) => (Some(text), Some(index)),
            None => (None, None),
        };
        let purged = step
            .changes
            .iter()
            .filter(|c| !matches!(c, Change::RemoveAccount { .. }))
            .cloned()
            .collect();
        let tombstone = Tombstone {
            op: self.op.clone(),
            n: removed.n,
            account: step.account.clone(),
            record: Arc::clone(record),
            text,
            index,
            purged,
            settings: removed.settings,
            mailbox: removed.fate,
            mailbox_path: removed.mailbox_path,
            mailbox_was: removed.mailbox_was,
            transferred_to: removed.transferred_to,
            removed_by: self
                .removed_by
                .get_or_init(|| actor.address.text().into())
                .clone(),
            removed_at: self.removed_at.0.clone(),
            expires_at: self.removed_at.1.clone(),
            bytes: removed.bytes,
        };
        step.ops.insert(
            0,
            MailboxOp::Tombstones {
                dir: removed.dir,
                tombstones: vec![tombstone],
            },
        );
        Ok(())
    }

    /// `Deleted user <name>@<domain>` (or ` (2)`...) in the target's mailbox.
    fn transfer_destination(&mut self, target: &User, removed: &Address) -> Result<PathBuf> {
        let target_rel = self
            .store
            .locate(&Store::mailbox_rel(target))?
            .unwrap_or_else(|| Store::mailbox_rel(target));
        self.store.exists(&target_rel)?;
        let reserved = &self.reserved;
        let dest = self
            .store
            .free_name(&target_rel, &format!("Deleted user {removed}"), &|p| {
                reserved.contains(p)
            });
        self.reserved.insert(dest.clone());
        Ok(dest)
    }

    /// A place in the trash for `rel`, on the same file system as `rel`.
    fn trash_for(&mut self, rel: &std::path::Path) -> Result<PathBuf> {
        self.trashed += 1;
        let base = rel.file_name().unwrap_or_default().to_string_lossy();
        if self.store.same_device(rel) {
            let name = mailbox::fit_name(&format!("{}-", self.trashed), &base, "");
            return Ok(PathBuf::from(".trash").join(&*self.op).join(name));
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
        if self
            .kept()?
            .iter()
            .any(|t| t.record.address().same_as(&account))
        {
            step.details.push(
                format!(
                    "a removed {account} is kept: `mailuser restore {account}` would bring it back"
                )
                .into(),
            );
        }
        step.changes.push(Change::AddAccount {
            record: Arc::new(user),
            text: None,
            index: None,
        });
        Ok(Some(step))
    }

    /// Notes the aliases and forwards that still name a removed account
    /// (without `--purge-settings` they stay, as Kerio leaves them).
    fn note_references(&self, step: &mut Step, removed: &Address) -> Result<()> {
        let names: Vec<String> = self
            .dir
            .references(removed)?
            .into_iter()
            .filter_map(|r| match r {
                Reference::Alias { alias, .. } => Some(format!("alias {alias}")),
                Reference::Forward { account, .. } if !account.address().same_as(removed) => {
                    Some(format!("forwarding of {}", account.address()))
                }
                Reference::Forward { .. } => None,
            })
            .collect();
        if !names.is_empty() {
            step.notes.push(format!(
                "still named by {} (--purge-settings takes the address out)",
                names.join(", ")
            ));
        }
        Ok(())
    }

    /// Plans taking `user`'s address out of aliases and other accounts'
    /// forwarding. Only what the actor may change is touched; the rest is
    /// left, and the step says so.
    fn purge_references(
        &mut self,
        step: &mut Step,
        actor: &Actor,
        removed: &Address,
    ) -> Result<()> {
        let mut purged = Vec::new();
        let mut left = Vec::new();
        for reference in self.dir.references(removed)? {
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
                    if owner.same_as(removed) || self.removing.contains(&owner.key()) {
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
            step.details[at] = format!("settings purged ({})", purged.join(", ")).into();
        }
        if !left.is_empty() {
            step.details.insert(
                at + 1,
                format!(
                    "left outside the rights of {}: {}",
                    actor.address,
                    left.join(", ")
                )
                .into(),
            );
        }
        Ok(())
    }
}

/// The full address each request names (`None` for a bare name or one
/// that does not parse), read once for the planner's questions.
pub(super) fn full_addresses(requests: &[Request]) -> Vec<Option<Address>> {
    let full = |r: &Request| match address::parse_user_arg(&r.user) {
        Ok(UserArg::Full(address)) => Some(address),
        _ => None,
    };
    requests.iter().map(full).collect()
}

impl<'a> Planner<'a> {
    /// `named` holds the full address each request names, from
    /// [`full_addresses`].
    pub(super) fn new(
        dir: &'a dyn Backend,
        store: &'a dyn StoreView,
        op: &'a str,
        options: Options,
        requests: &[Request],
        named: &[Option<Address>],
    ) -> Result<Planner<'a>> {
        let seats = dir.seats()?;
        let days = i64::from(options.retain_days);
        // Whole seconds: what an administrator reads in `list --removed`.
        let now = options.now.round(jiff::Unit::Second).unwrap_or(options.now);
        let expires = now
            .checked_add(jiff::SignedDuration::from_hours(days * 24))
            .unwrap_or(jiff::Timestamp::MAX);
        Ok(Planner {
            dir,
            store,
            op: op.into(),
            options,
            seats,
            seen: HashMap::with_capacity(requests.len()),
            // A full address is its own key (an account that is not there
            // is never a transfer target); a bare name is looked up.
            removing: requests
                .iter()
                .zip(named)
                .filter(|(r, _)| matches!(r.action, Action::Remove(_)))
                .filter_map(|(r, address)| match address {
                    Some(address) => Some(address.key()),
                    None => resolve(dir, &r.user).ok().map(|u| u.address().key()),
                })
                .collect(),
            reserved: HashSet::new(),
            trashed: 0,
            tombstones: 0,
            removal_dir: tombstone::dir_of(op),
            seats_taken: 0,
            purged: HashSet::new(),
            kept: std::cell::OnceCell::new(),
            alias_left: HashMap::new(),
            removed_at: (now.to_string().into(), expires.to_string().into()),
            removed_by: std::cell::OnceCell::new(),
            targets: HashMap::new(),
        })
    }
}
