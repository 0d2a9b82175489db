//! The seam between the planner and where accounts are kept: a [`Backend`]
//! answers questions by address and takes typed changes. The planner never
//! walks a list of records and never knows which backend it has, so a
//! directory server that never holds the whole directory in memory can be
//! one (as jj's `Backend` trait serves several stores).

use std::path::Path;

use super::{Change, Directory, Role, Seats, User};
use crate::address::{self, Address, UserArg};
use crate::error::{Error, Result};

/// Where an address is named elsewhere in the directory.
#[derive(Debug, Clone, PartialEq)]
pub enum Reference {
    /// In an alias's `deliver_to`, at `position` of its list.
    Alias {
        alias: String,
        deliver_to: Vec<String>,
        position: usize,
    },
    /// In another account's `forward_to`, at `position`.
    Forward { account: User, position: usize },
}

/// How a mailbox folder is used by the accounts of the directory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MailboxUse {
    /// How many accounts have exactly this mailbox.
    pub owners: usize,
    /// Another account's mailbox that contains this one or lies inside it.
    pub nested_with: Option<String>,
}

/// A user directory: a file, or a directory server.
pub trait Backend {
    /// What to call it in messages: a file path or a server URL.
    fn source(&self) -> String;

    /// The account `name@domain`, compared under case folding.
    fn find(&self, address: &Address) -> Result<Option<User>>;

    /// Every account called `name`, in any domain.
    fn named(&self, name: &str) -> Result<Vec<User>>;

    /// The highest of the account's own role and its groups' roles.
    fn effective_role(&self, user: &User) -> Result<Role>;

    /// Seats used and available.
    fn seats(&self) -> Result<Seats>;

    /// Each of `addresses` as [`Backend::find`] finds it, asked before a
    /// bulk run plans its rows one by one; `references` when it will also
    /// ask for the references of some. `None` for an account not found,
    /// or not looked up ahead: the planner asks [`Backend::find`] then.
    /// A file answers on two threads; by default nothing is looked up.
    fn look_ahead(&self, addresses: &[&Address], references: bool) -> Vec<Option<User>> {
        let _ = references;
        vec![None; addresses.len()]
    }

    /// The addresses the alias delivers to, if the alias exists.
    fn alias(&self, alias: &str) -> Result<Option<Vec<String>>>;

    /// Every alias and other account that names `address`.
    fn references(&self, address: &Address) -> Result<Vec<Reference>>;

    /// Who uses the mailbox folder `rel` (relative to the store, starting
    /// with `mail/`).
    fn mailbox_use(&self, rel: &Path) -> Result<MailboxUse>;

    /// Calls `each` with every account, in the order `list` prints them.
    fn for_each_account(&self, each: &mut dyn FnMut(&User) -> Result<()>) -> Result<()>;

    /// The whole directory in memory, for whole-directory work (`check`,
    /// `migrate`).
    fn snapshot(&self) -> Result<std::borrow::Cow<'_, Directory>>;

    /// Checks `changes` against the directory as it is now and takes what
    /// they need (a server's seats) before any of them is made; an error
    /// here means nothing was changed. A file, read under the store lock,
    /// has nothing to check.
    fn prepare(&mut self, _changes: &[Change]) -> Result<()> {
        Ok(())
    }

    /// Takes `changes` in, in order: a file keeps them to be written in
    /// place; a server applies them.
    fn apply(&mut self, changes: &[Change]) -> Result<()>;

    /// How many changes [`Backend::apply`] has made so far: a server's
    /// count, so that a run the server stopped answering in the middle of
    /// can say which of its changes were made. A file applies nothing
    /// until it is written.
    fn applied(&self) -> usize {
        0
    }

    /// The account's record as the directory holds it (its text in the
    /// file) and its position, for a tombstone that puts it back byte for
    /// byte; `None` where the backend keeps no such text.
    fn record_text(&self, address: &Address) -> Result<Option<(String, usize)>> {
        let _ = address;
        Ok(None)
    }

    /// The file the directory is kept in, if it is one.
    fn file(&self) -> Option<&Path> {
        None
    }

    /// Checks, once the file's new contents are written and before they
    /// are committed, that the file is still as the run read it: an edit
    /// by another program meanwhile is [`Error::Changed`] (exit 75), and
    /// nothing is overwritten. A server asserts each change instead.
    fn unchanged(&self) -> Result<()> {
        Ok(())
    }

    /// The file's new contents, with the changes taken in so far.
    fn write_file(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let _ = out;
        Err(std::io::Error::other("this directory is not a file"))
    }
}

/// A close match for a USER argument that names no account: an address
/// one or two edits away (`rtio@example.com` -> `rito@example.com`), or the
/// same name in a close domain (`exmaple.com`). Reads every account, so it
/// is only asked after a lookup failed.
pub fn suggest(backend: &dyn Backend, arg: &str) -> Result<Option<String>> {
    let wanted = address::fold(arg);
    let (name, domain) = wanted.split_once('@').unwrap_or((&wanted, ""));
    let mut best: Option<(usize, String)> = None;
    backend.for_each_account(&mut |user| {
        let candidate = address::fold(&user.address().to_string());
        let distance = if domain.is_empty() {
            edit_distance(name, &address::fold(&user.name))
        } else {
            edit_distance(&wanted, &candidate)
        };
        if distance > 0 && distance <= 2 && best.as_ref().is_none_or(|(d, _)| distance < *d) {
            best = Some((distance, user.address().to_string()));
        }
        Ok(())
    })?;
    Ok(best.map(|(_, address)| address))
}

/// Levenshtein distance, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}

/// Resolves a USER argument: `name@domain`, or a bare name that only one
/// domain has.
pub fn resolve(backend: &dyn Backend, arg: &str) -> Result<User> {
    let parsed = address::parse_user_arg(arg)
        .map_err(|m| Error::Usage(format!("bad account {arg:?}: {m}")))?;
    match parsed {
        UserArg::Full(address) => backend
            .find(&address)?
            .ok_or_else(|| Error::NotFound(address.to_string())),
        UserArg::Bare(name) => {
            let mut found = backend.named(&name)?;
            match found.len() {
                0 => Err(Error::NotFound(name)),
                1 => Ok(found.remove(0)),
                n => {
                    let shown: Vec<String> = found
                        .iter()
                        .take(5)
                        .map(|u| u.address().to_string())
                        .collect();
                    let more = if n > 5 { ", ..." } else { "" };
                    Err(Error::Usage(format!(
                        "account name {name:?} is ambiguous ({}{more}): give name@domain",
                        shown.join(", ")
                    )))
                }
            }
        }
    }
}
