//! `users.json`: typed records with unknown fields kept in order.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::file_text::FileText;
use super::json_index::{ByHash, Indexer, Reading, address_hash, outline};
use super::locate::{Seg, line_of};
use super::{
    Alias, Backend, Change, Directory, Format, Group, License, MailboxUse, Reference, Role, Seats,
    Text, User, scan,
};
use crate::address::{self, Address};
use crate::error::{Error, Result};
use crate::store::{MailboxOwners, Store};

#[derive(Deserialize)]
struct FileIn {
    #[serde(default)]
    license: Option<License>,
    users: Vec<User>,
    #[serde(default)]
    groups: Option<Vec<Group>>,
    #[serde(default)]
    aliases: Option<Vec<Alias>>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

#[derive(Serialize)]
struct FileOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    license: Option<&'a License>,
    users: &'a [User],
    #[serde(skip_serializing_if = "Option::is_none")]
    groups: Option<&'a Vec<Group>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    aliases: Option<&'a Vec<Alias>>,
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
}

/// Parses `text` (consumed: it is freed before the records are indexed, to
/// keep the peak memory of a large directory low).
pub(super) fn parse(path: &Path, text: String) -> Result<Directory> {
    // A byte-order mark, as spreadsheets and Windows editors write it.
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut de = serde_json::Deserializer::from_str(body);
    let file: FileIn = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let field = err.path().to_string();
        malformed(path, (field != ".").then_some(field), &err.into_inner())
    })?;
    de.end().map_err(|err| malformed(path, None, &err))?;
    let mut dir = Directory::new(path, Format::Json);
    dir.license = file.license;
    dir.users = file.users;
    dir.groups = file.groups;
    dir.aliases = file.aliases;
    dir.extra = file.extra;
    drop(de);
    dir.raw = Some(text);
    // Lines are only looked up to report an error, so the file is read
    // again then rather than kept.
    dir.validate(&|i, field| {
        let line = std::fs::read_to_string(path)
            .ok()
            .and_then(|text| line_of(&text, &[Seg::Key("users"), Seg::Index(i), Seg::Key(field)]));
        (line, format!("users[{i}].{field}"))
    })?;
    Ok(dir)
}

pub(super) fn render(dir: &Directory, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let file = FileOut {
        license: dir.license.as_ref(),
        users: &dir.users,
        groups: dir.groups.as_ref(),
        aliases: dir.aliases.as_ref(),
        extra: &dir.extra,
    };
    serde_json::to_writer_pretty(&mut *out, &file)?;
    out.write_all(b"\n")
}

fn malformed(path: &Path, field: Option<String>, err: &serde_json::Error) -> Error {
    let message = err.to_string();
    let message = match message.rfind(" at line ") {
        Some(cut) => &message[..cut],
        None => &message,
    };
    let line = (err.line() > 0).then_some(err.line() as u64);
    Error::bad_input(path, line, field, format!("malformed JSON: {message}"))
}

/// `users.json` as a [`Backend`]: the file's text, the span of each
/// record and an index from address to record, and nothing else of the
/// accounts. A record is decoded when a question needs it; a change is kept
/// as a typed change and written into the text in place. So a one-account
/// change costs one validating read and one write, and memory stays close
/// to the file's size.
pub struct JsonFile {
    pub(super) path: PathBuf,
    text: FileText,
    /// Where each record of `users` starts, in file order.
    records: Vec<u32>,
    /// Record numbers by the hash of the folded address.
    by_hash: ByHash,
    /// Where `users` ends (its `]`).
    close: usize,
    /// Where the value of each top-level member starts.
    top: Vec<(String, usize)>,
    /// The records that forward mail.
    forwarding: Vec<u32>,
    by_name: OnceLock<HashMap<String, Vec<u32>>>,
    license_seats: Option<u64>,
    seats_used: usize,
    group_roles: HashMap<(Text, Text), Role>,
    aliases: Vec<Alias>,
    owners: OnceLock<MailboxOwners>,
    references: OnceLock<HashMap<String, Vec<super::Naming>>>,
    changes: Vec<Change>,
}

impl JsonFile {
    /// Reads and validates `users.json` whole, keeping only the text and
    /// an index of it.
    pub fn open(path: &Path, reading: Reading) -> Result<JsonFile> {
        let text = FileText::open(path)?;
        // Where records start is kept in 32 bits.
        if u32::try_from(text.len()).is_err() {
            let message = "larger than 4 GiB: a directory this size belongs on an LDAP server";
            return Err(Error::bad_input(path, None, None, message));
        }
        let mut index = Indexer::for_text(&text);
        let outline = outline(&text, &mut index, reading);
        let failed = |error: Option<Error>| {
            // Read again by serde, only to say what is wrong and where.
            let error = error.or_else(|| parse(path, text.to_string()).err());
            error.unwrap_or_else(|| Error::bad_input(path, None, None, "malformed JSON"))
        };
        let Some(outline) = outline else {
            return Err(failed(None));
        };
        let file = JsonFile {
            path: path.to_path_buf(),
            records: index.records,
            by_hash: ByHash::new(index.by_hash),
            close: outline.close,
            top: outline.top,
            forwarding: index.forwarding,
            by_name: OnceLock::new(),
            license_seats: outline.license.and_then(|l| l.seats),
            seats_used: index.seats_used,
            group_roles: super::group_roles(path, outline.groups.as_deref())?,
            aliases: outline.aliases.unwrap_or_default(),
            owners: OnceLock::new(),
            references: OnceLock::new(),
            changes: Vec::new(),
            text,
        };
        if let Some((i, field, message)) = index.problem {
            let line = file.line_at(file.records[i as usize] as usize);
            let field = format!("users[{i}].{field}");
            return Err(Error::bad_input(path, Some(line), Some(field), message));
        }
        file.check_duplicates()?;
        Ok(file)
    }

    /// Decodes record `i`.
    fn record(&self, i: u32) -> Result<User> {
        let start = self.records[i as usize] as usize;
        if let Some((record, _)) = scan::plain(&self.text, start) {
            return Ok(record.to_user());
        }
        let raw = &self.text[start..self.spans().end(i as usize)];
        serde_json::from_str(raw).map_err(|_| {
            // Decoded again, slower, only to say where the problem is.
            let mut de = serde_json::Deserializer::from_str(raw);
            let err = serde_path_to_error::deserialize::<_, User>(&mut de)
                .err()
                .map(|err| {
                    (
                        format!("users[{i}].{}", err.path()),
                        err.into_inner().to_string(),
                    )
                })
                .unwrap_or_else(|| (format!("users[{i}]"), "unreadable record".into()));
            let line = self.line_at(start);
            Error::bad_input(
                &self.path,
                Some(line),
                Some(err.0),
                format!("malformed JSON: {}", err.1),
            )
        })
    }

    fn line_at(&self, offset: usize) -> u64 {
        self.text.as_bytes()[..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64
            + 1
    }

    /// Two records whose addresses hash alike: the same account (refused),
    /// or a collision, which lookups tell apart by comparing the records.
    fn check_duplicates(&self) -> Result<()> {
        for run in self.by_hash.runs() {
            for (k, &later) in run.iter().enumerate().skip(1) {
                let user = self.record(later)?;
                for &earlier in &run[..k] {
                    let other = self.record(earlier)?;
                    if address::same(&other.name, &user.name)
                        && address::same(&other.domain, &user.domain)
                    {
                        let line = self.line_at(self.records[later as usize] as usize);
                        let message = format!(
                            "duplicate account {} (first defined as record {})",
                            user.address(),
                            earlier + 1
                        );
                        let field = Some(format!("users[{later}].name"));
                        return Err(Error::bad_input(&self.path, Some(line), field, message));
                    }
                }
            }
        }
        Ok(())
    }

    /// The record number of `name@domain`.
    fn position(&self, name: &str, domain: &str) -> Result<Option<u32>> {
        let hash = address_hash(name, domain);
        for i in self.by_hash.get(hash) {
            let is = |n: &str, d: &str| address::same(n, name) && address::same(d, domain);
            // Compared where it stands when plainly written, else decoded.
            let at = self.records[i as usize] as usize;
            let plain = || scan::plain(&self.text, at).map(|(r, _)| (r.name, r.domain));
            let found = match scan::address_of(&self.text, at).or_else(plain) {
                Some((name, domain)) => is(name, domain),
                None => {
                    let user = self.record(i)?;
                    is(&user.name, &user.domain)
                }
            };
            if found {
                return Ok(Some(i));
            }
        }
        Ok(None)
    }

    /// The records as elements of the `users` array.
    fn spans(&self) -> super::edit::Elements<'_> {
        super::edit::Elements::known(self.text.as_bytes(), &self.records, self.close)
    }

    /// Where each address is named (folded): in aliases and in the
    /// forwards of the accounts that forward. Built on first use.
    fn reference_index(&self) -> Result<&HashMap<String, Vec<super::Naming>>> {
        if let Some(index) = self.references.get() {
            return Ok(index);
        }
        let members = self
            .aliases
            .iter()
            .map(|a| a.deliver_to.len())
            .sum::<usize>();
        let mut index: HashMap<String, Vec<super::Naming>> =
            HashMap::with_capacity(members + self.forwarding.len());
        // Most addresses are folded as written: looked up without a copy.
        let mut note = |to: &str, naming: super::Naming| {
            let key = address::folded(to);
            match index.get_mut(key.as_ref()) {
                Some(namings) => namings.push(naming),
                None => {
                    index.insert(key.into_owned(), vec![naming]);
                }
            }
        };
        for (a, alias) in self.aliases.iter().enumerate() {
            for (position, to) in alias.deliver_to.iter().enumerate() {
                note(to, (true, a, position));
            }
        }
        for &u in &self.forwarding {
            let mut note = |position, to: &str| note(to, (false, u as usize, position));
            // Read where it stands when plainly written, else decoded.
            match scan::plain(&self.text, self.records[u as usize] as usize) {
                Some((record, _)) => {
                    let forwards = record.forward_to.into_iter().flat_map(scan::List::iter);
                    forwards.enumerate().for_each(|(p, to)| note(p, to));
                }
                None => {
                    let user = self.record(u)?;
                    let forwards = user.forwards().iter().map(|to| to.as_str());
                    forwards.enumerate().for_each(|(p, to)| note(p, to));
                }
            }
        }
        Ok(self.references.get_or_init(|| index))
    }

    /// Every record, decoded in file order.
    fn each(&self, each: &mut dyn FnMut(u32, User) -> Result<()>) -> Result<()> {
        (0..self.records.len() as u32).try_for_each(|i| each(i, self.record(i)?))
    }
}

impl Backend for JsonFile {
    fn source(&self) -> String {
        self.path.display().to_string()
    }

    fn find(&self, address: &Address) -> Result<Option<User>> {
        self.position(&address.name, &address.domain)?
            .map(|i| self.record(i))
            .transpose()
    }

    fn named(&self, name: &str) -> Result<Vec<User>> {
        if self.by_name.get().is_none() {
            let mut by_name: HashMap<String, Vec<u32>> = HashMap::new();
            self.each(&mut |i, user| {
                by_name
                    .entry(address::fold(&user.name))
                    .or_default()
                    .push(i);
                Ok(())
            })?;
            let _ = self.by_name.set(by_name);
        }
        let found = self.by_name.get().and_then(|m| m.get(&address::fold(name)));
        found
            .into_iter()
            .flatten()
            .map(|&i| self.record(i))
            .collect()
    }

    fn effective_role(&self, user: &User) -> Result<Role> {
        Ok(super::effective_role(&self.group_roles, user))
    }

    fn seats(&self) -> Result<Seats> {
        Ok(Seats {
            total: self.license_seats,
            used: self.seats_used,
        })
    }

    fn alias(&self, alias: &str) -> Result<Option<Vec<String>>> {
        let entry = self.aliases.iter().find(|a| address::same(&a.alias, alias));
        Ok(entry.map(|a| a.deliver_to.clone()))
    }

    fn look_ahead(&self, addresses: &[&Address], references: bool) -> Vec<Option<User>> {
        // Too few to be worth a second thread: the planner asks as it goes.
        if addresses.len() < 64 {
            return vec![None; addresses.len()];
        }
        // Both threads take rows in chunks, each filling its chunk's slots
        // in place; the second first builds the references index that the
        // removals will ask.
        let mut found = vec![None; addresses.len()];
        let chunks = Mutex::new(found.chunks_mut(64).zip(addresses.chunks(64)));
        let take = || {
            loop {
                let next = chunks.lock().unwrap_or_else(PoisonError::into_inner).next();
                let Some((slots, wanted)) = next else {
                    return;
                };
                for (slot, address) in slots.iter_mut().zip(wanted) {
                    // An error is asked again, and reported, by the planner.
                    *slot = self.find(address).ok().flatten();
                }
            }
        };
        std::thread::scope(|scope| {
            let beside = std::thread::Builder::new().spawn_scoped(scope, || {
                if references {
                    let _ = self.reference_index();
                }
                take()
            });
            take();
            if let Ok(beside) = beside {
                beside
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            }
        });
        found
    }

    fn references(&self, target: &Address) -> Result<Vec<Reference>> {
        let index = self.reference_index()?;
        let key = target.key();
        let found = index.get(&key);
        found
            .into_iter()
            .flatten()
            .map(|&(alias, i, position)| {
                Ok(match alias {
                    true => Reference::Alias {
                        alias: self.aliases[i].alias.clone(),
                        deliver_to: self.aliases[i].deliver_to.clone(),
                        position,
                    },
                    false => Reference::Forward {
                        account: self.record(i as u32)?,
                        position,
                    },
                })
            })
            .collect()
    }

    fn mailbox_use(&self, rel: &Path) -> Result<MailboxUse> {
        if self.owners.get().is_none() {
            let mut paths = Vec::with_capacity(self.records.len());
            self.each(&mut |_, user| {
                paths.push(Store::mailbox_rel(&user));
                Ok(())
            })?;
            let _ = self.owners.set(MailboxOwners::from_paths(paths));
        }
        Ok(self.owners.get().map(|o| o.usage(rel)).unwrap_or_default())
    }

    fn for_each_account(&self, each: &mut dyn FnMut(&User) -> Result<()>) -> Result<()> {
        self.each(&mut |_, user| each(&user))
    }

    fn snapshot(&self) -> Result<std::borrow::Cow<'_, Directory>> {
        let mut dir = parse(&self.path, self.text.to_string())?;
        dir.apply_changes(&self.changes);
        Ok(std::borrow::Cow::Owned(dir))
    }

    fn apply(&mut self, changes: &[Change]) -> Result<()> {
        self.changes.extend_from_slice(changes);
        Ok(())
    }

    fn record_text(&self, address: &Address) -> Result<Option<(String, usize)>> {
        Ok(self.position(&address.name, &address.domain)?.map(|i| {
            let start = self.records[i as usize] as usize;
            let end = self.spans().end(i as usize);
            (self.text[start..end].to_string(), i as usize)
        }))
    }

    fn file(&self) -> Option<&Path> {
        Some(&self.path)
    }

    fn unchanged(&self) -> Result<()> {
        self.text.unchanged(&self.path)
    }

    fn write_file(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let locate = |account: &str| {
            let (name, domain) = account.rsplit_once('@')?;
            let i = self.position(name, domain).ok()??;
            Some(i as usize)
        };
        let known = super::edit::Known {
            top: &self.top,
            records: self.spans(),
            locate: &locate,
        };
        match super::edit::write_edited(&self.text, &self.changes, Some(known), out) {
            Some(written) => written,
            None => Err(std::io::Error::other(
                "users.json is not shaped as it was read",
            )),
        }
    }
}
