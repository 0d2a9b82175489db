//! The user directory (SPEC §2): records, loading and saving `users.json`
//! and `users.csv` losslessly, lookups by address, effective roles, seats.

mod backend;
mod bytes;
mod change;
mod csv;
mod edit;
mod file_text;
mod index;
mod json;
mod json_index;
pub mod ldap;
pub mod locate;
mod scan;
mod user;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::address::{self, Address, UserArg};
use crate::error::{Error, Result};

pub use self::backend::{Backend, MailboxUse, Reference, resolve, suggest};
pub use self::change::Change;
pub use self::csv::CsvLayout;
use self::index::Index;
pub use self::json_index::Reading;
pub use self::user::{Text, User};

/// Administration rights, lowest to highest.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    #[default]
    None,
    ReadOnly,
    AccountAdmin,
    Full,
    BuiltIn,
}

impl Role {
    /// The name used in the directory and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::None => "none",
            Role::ReadOnly => "read-only",
            Role::AccountAdmin => "account-admin",
            Role::Full => "full",
            Role::BuiltIn => "built-in",
        }
    }

    /// Parses the directory spelling of a role.
    pub fn parse(text: &str) -> Option<Role> {
        [
            Role::None,
            Role::ReadOnly,
            Role::AccountAdmin,
            Role::Full,
            Role::BuiltIn,
        ]
        .into_iter()
        .find(|role| role.as_str() == text)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Group {
    pub name: String,
    pub domain: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Alias {
    pub alias: String,
    #[serde(default)]
    pub deliver_to: Vec<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct License {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seats: Option<u64>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// How the directory is stored on disk.
#[derive(Debug, Clone)]
pub enum Format {
    Json,
    Csv(CsvLayout),
}

/// License seats: `total` is `None` when unlimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seats {
    pub total: Option<u64>,
    pub used: usize,
}

impl Seats {
    pub fn free(&self) -> Option<u64> {
        self.total
            .map(|total| total.saturating_sub(self.used as u64))
    }
}

/// The whole user directory, as loaded from one file.
#[derive(Debug, Clone)]
pub struct Directory {
    pub path: PathBuf,
    pub format: Format,
    pub license: Option<License>,
    pub users: Vec<User>,
    pub groups: Option<Vec<Group>>,
    pub aliases: Option<Vec<Alias>>,
    pub extra: Map<String, Value>,
    /// The file as it was read, which saving edits in place.
    raw: Option<String>,
    /// The changes applied since loading, in order.
    pub changes: Vec<Change>,
    /// The file's stamp as it was read, if it was.
    read_as: Option<crate::store::journal::FileStamp>,
    /// Which accounts own which mailbox folders, built on first use.
    owners: std::cell::OnceCell<crate::store::MailboxOwners>,
    /// Who names an address (folded) in an alias or a forward, built on
    /// first use.
    references: std::cell::OnceCell<HashMap<String, Vec<Naming>>>,
    index: Index,
    group_roles: HashMap<(Text, Text), Role>,
}

/// The roles of the groups by folded (name, domain); a group with the role
/// `built-in` is refused.
fn group_roles(path: &Path, groups: Option<&[Group]>) -> Result<HashMap<(Text, Text), Role>> {
    let groups = groups.unwrap_or_default();
    if let Some(group) = groups.iter().find(|g| g.role == Some(Role::BuiltIn)) {
        return Err(Error::bad_input(
            path,
            None,
            Some("groups.role".into()),
            format!(
                "group {}@{} has the role built-in, which no group can have",
                group.name, group.domain
            ),
        ));
    }
    Ok(groups
        .iter()
        .map(|g| {
            let key = (folded(&g.name), folded(&g.domain));
            (key, g.role.unwrap_or_default())
        })
        .collect())
}

/// The highest of `user`'s own role and the roles of its groups.
fn effective_role(roles: &HashMap<(Text, Text), Role>, user: &User) -> Role {
    if roles.is_empty() || user.group_names().is_empty() {
        return user.own_role();
    }
    let domain = folded(&user.domain);
    user.group_names()
        .iter()
        .filter_map(|g| roles.get(&(folded(g), domain.clone())))
        .copied()
        .fold(user.own_role(), Role::max)
}

/// [`address::fold`] as a [`Text`]: a short ASCII name (the usual one) is
/// folded where it lies, without a heap allocation.
fn folded(text: &str) -> Text {
    if text.is_ascii() {
        let mut folded = Text::from(text);
        folded.as_mut_str().make_ascii_lowercase();
        folded
    } else {
        Text::from(address::fold(text))
    }
}

/// The rules every record must meet: names and domains that can be folder
/// names, a mailbox path inside `mail/`. The field and the reason if not.
fn check_record(
    name: &str,
    domain: &str,
    mailbox: Option<&str>,
) -> std::result::Result<(), (&'static str, String)> {
    address::check_component("name", name).map_err(|m| ("name", m))?;
    address::check_component("domain", domain).map_err(|m| ("domain", m))?;
    if let Some(mailbox) = mailbox {
        address::check_relative_path(mailbox).map_err(|m| ("mailbox", m))?;
    }
    Ok(())
}

/// Where a record's field sits in the file, for error messages.
type Locator<'a> = &'a dyn Fn(usize, &'static str) -> (Option<u64>, String);

impl Directory {
    /// Loads `users.json` or `users.csv` (chosen by the file name).
    pub fn load(path: &Path) -> Result<Directory> {
        let (text, stamp) = file_text::FileText::read(path)?;
        let mut dir = Directory::from_text(path, text)?;
        dir.read_as = Some(stamp);
        Ok(dir)
    }

    /// A directory from `text`, as if read from `path` (whose name says
    /// JSON or CSV); nothing is read from disk.
    pub fn from_text(path: &Path, text: String) -> Result<Directory> {
        if path.extension().is_some_and(|ext| ext == "csv") {
            csv::parse(path, &text)
        } else {
            json::parse(path, text)
        }
    }

    /// Writes the file's new contents to `out`.
    pub fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        if let (Format::Json, Some(raw)) = (&self.format, &self.raw)
            && let Some(written) = edit::write_edited(raw, &self.changes, None, out)
        {
            return written;
        }
        if let (Format::Csv(layout), Some(raw)) = (&self.format, &self.raw)
            && let Some(written) = csv::write_edited(self, layout, raw, out)
        {
            return written;
        }
        match &self.format {
            Format::Json => json::render(self, out),
            Format::Csv(layout) => csv::render(self, layout, out),
        }
    }

    /// An empty directory that will be written to `path` in `format`.
    pub fn new(path: &Path, format: Format) -> Directory {
        Directory {
            path: path.to_path_buf(),
            format,
            license: None,
            users: Vec::new(),
            groups: None,
            aliases: None,
            extra: Map::new(),
            raw: None,
            changes: Vec::new(),
            read_as: None,
            owners: std::cell::OnceCell::new(),
            references: std::cell::OnceCell::new(),
            index: Index::default(),
            group_roles: HashMap::new(),
        }
    }

    /// Checks names, duplicates and roles, and builds the indexes.
    fn validate(&mut self, locate: Locator<'_>) -> Result<()> {
        let bad = |i: usize, field: &'static str, message: String| {
            let (line, field) = locate(i, field);
            Error::bad_input(&self.path, line, Some(field), message)
        };
        let mut built_in = None;
        for (i, user) in self.users.iter().enumerate() {
            check_record(&user.name, &user.domain, user.mailbox.as_deref())
                .map_err(|(field, m)| bad(i, field, m))?;
            if user.own_role() == Role::BuiltIn {
                if let Some(first) = built_in {
                    let first: &User = &self.users[first];
                    return Err(bad(
                        i,
                        "role",
                        format!(
                            "a second built-in administrator ({} is the first)",
                            first.address()
                        ),
                    ));
                }
                built_in = Some(i);
            }
        }
        self.index = Index::build(&self.users).map_err(|(first, i)| {
            bad(
                i,
                "name",
                format!(
                    "duplicate account {} (first defined as record {})",
                    self.users[i].address(),
                    first + 1
                ),
            )
        })?;
        self.group_roles = group_roles(&self.path, self.groups.as_deref())?;
        Ok(())
    }

    /// Rebuilds the address index after records were added or removed.
    pub fn reindex(&mut self) {
        // Records were checked on load and additions are checked by the
        // plan, so a duplicate here is a bug; keep the first.
        self.index = Index::build(&self.users).unwrap_or_default();
    }

    /// The index of the account with this address.
    pub fn find(&self, address: &Address) -> Option<usize> {
        self.index.find(&self.users, &address.name, &address.domain)
    }

    /// The highest of the account's own role and its groups' roles.
    pub fn effective_role(&self, user: &User) -> Role {
        effective_role(&self.group_roles, user)
    }

    /// Seats used and available.
    pub fn seats(&self) -> Seats {
        Seats {
            total: self.license.as_ref().and_then(|l| l.seats),
            used: self.users.iter().filter(|u| u.takes_seat()).count(),
        }
    }
}

impl Directory {
    /// Applies `changes` to the records in memory, in order; removed
    /// accounts go in one pass at the end. A change already applied
    /// changes nothing. The changes are kept, to be written in place.
    pub fn apply_changes(&mut self, changes: &[Change]) {
        let mut removed = std::collections::HashSet::new();
        let mut added = Vec::new();
        let find = |dir: &Directory, account: &str| match address::parse_user_arg(account) {
            Ok(UserArg::Full(a)) => dir.find(&a),
            _ => None,
        };
        for change in changes {
            match change {
                Change::SetEnabled { account, to, .. } => {
                    if let Some(i) = find(self, account) {
                        self.users[i].enabled = Some(*to);
                    }
                }
                Change::SetLocked { account, to, .. } => {
                    if let Some(i) = find(self, account) {
                        self.users[i].locked = Some(*to);
                    }
                }
                Change::AddAccount { record, .. } => {
                    if self.find(&record.address()).is_none() {
                        added.push(User::clone(record));
                    }
                }
                Change::AddAliasTarget {
                    alias,
                    address,
                    position,
                } => {
                    let entry = self.aliases.iter_mut().flatten();
                    if let Some(entry) = entry.into_iter().find(|a| address::same(&a.alias, alias))
                        && !entry.deliver_to.iter().any(|a| address::same(a, address))
                    {
                        let at = (*position).min(entry.deliver_to.len());
                        entry.deliver_to.insert(at, address.clone());
                    }
                }
                Change::AddAlias { alias, deliver_to } => {
                    let aliases = self.aliases.get_or_insert_default();
                    if !aliases.iter().any(|a| address::same(&a.alias, alias)) {
                        aliases.push(Alias {
                            alias: alias.clone(),
                            deliver_to: deliver_to.clone(),
                            extra: Map::new(),
                        });
                    }
                }
                Change::AddForward {
                    account,
                    address,
                    position,
                } => {
                    if let Some(i) = find(self, account) {
                        let forwards = self.users[i].forward_to.get_or_insert_default();
                        if !forwards.iter().any(|a| address::same(a, address)) {
                            let at = (*position).min(forwards.len());
                            forwards.insert(at, address.as_str().into());
                        }
                    }
                }
                Change::RemoveAccount { record } => removed.extend(self.find(&record.address())),
                Change::RemoveAliasTarget { alias, address, .. } => {
                    let entry = self.aliases.iter_mut().flatten();
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
                    if let Some(aliases) = &mut self.aliases {
                        aliases.retain(|a| {
                            !(a.deliver_to.is_empty() && address::same(&a.alias, alias))
                        });
                    }
                }
                Change::RemoveForward {
                    account, address, ..
                } => {
                    if let Some(i) = find(self, account)
                        && let Some(forwards) = &mut self.users[i].forward_to
                        && let Some(at) = forwards.iter().position(|a| address::same(a, address))
                    {
                        forwards.remove(at);
                    }
                }
            }
        }
        if !removed.is_empty() {
            let mut i = 0;
            self.users.retain(|_| {
                i += 1;
                !removed.contains(&(i - 1))
            });
        }
        self.users.extend(added);
        self.reindex();
        self.owners = std::cell::OnceCell::new();
        self.references = std::cell::OnceCell::new();
        self.changes.extend_from_slice(changes);
    }

    fn reference_index(&self) -> &HashMap<String, Vec<Naming>> {
        self.references.get_or_init(|| {
            let mut index: HashMap<String, Vec<Naming>> = HashMap::new();
            for (a, alias) in self.aliases.iter().flatten().enumerate() {
                for (position, target) in alias.deliver_to.iter().enumerate() {
                    let key = address::fold(target);
                    index.entry(key).or_default().push((true, a, position));
                }
            }
            for (u, user) in self.users.iter().enumerate() {
                for (position, target) in user.forwards().iter().enumerate() {
                    let key = address::fold(target);
                    index.entry(key).or_default().push((false, u, position));
                }
            }
            index
        })
    }
}

/// Where an address is named: (in an alias, else a forward; the alias or
/// account index; the position in its list).
pub(super) type Naming = (bool, usize, usize);

impl Backend for Directory {
    fn source(&self) -> String {
        self.path.display().to_string()
    }

    fn find(&self, address: &Address) -> Result<Option<User>> {
        Ok(Directory::find(self, address).map(|i| self.users[i].clone()))
    }

    fn named(&self, name: &str) -> Result<Vec<User>> {
        let found = self.index.named(&self.users, name);
        Ok(found.into_iter().map(|i| self.users[i].clone()).collect())
    }

    fn effective_role(&self, user: &User) -> Result<Role> {
        Ok(Directory::effective_role(self, user))
    }

    fn seats(&self) -> Result<Seats> {
        Ok(Directory::seats(self))
    }

    fn alias(&self, alias: &str) -> Result<Option<Vec<String>>> {
        let entry = self
            .aliases
            .iter()
            .flatten()
            .find(|a| address::same(&a.alias, alias));
        Ok(entry.map(|a| a.deliver_to.clone()))
    }

    fn references(&self, address: &Address) -> Result<Vec<Reference>> {
        let key = address.key();
        let aliases = self.aliases.as_deref().unwrap_or_default();
        let found = self.reference_index().get(&key).into_iter().flatten();
        Ok(found
            .map(|&(alias, i, position)| match alias {
                true => Reference::Alias {
                    alias: aliases[i].alias.clone(),
                    deliver_to: aliases[i].deliver_to.clone(),
                    position,
                },
                false => Reference::Forward {
                    account: self.users[i].clone(),
                    position,
                },
            })
            .collect())
    }

    fn mailbox_use(&self, rel: &Path) -> Result<MailboxUse> {
        let owners = self.owners.get_or_init(|| {
            crate::store::MailboxOwners::from_paths(
                self.users.iter().map(crate::store::Store::mailbox_rel),
            )
        });
        Ok(owners.usage(rel))
    }

    fn for_each_account(&self, each: &mut dyn FnMut(&User) -> Result<()>) -> Result<()> {
        self.users.iter().try_for_each(each)
    }

    fn snapshot(&self) -> Result<std::borrow::Cow<'_, Directory>> {
        Ok(std::borrow::Cow::Borrowed(self))
    }

    fn apply(&mut self, changes: &[Change]) -> Result<()> {
        self.apply_changes(changes);
        Ok(())
    }

    fn file(&self) -> Option<&Path> {
        Some(&self.path)
    }

    fn unchanged(&self) -> Result<()> {
        match &self.read_as {
            Some(stamp) => file_text::unchanged(stamp, &self.path),
            None => Ok(()),
        }
    }

    fn write_file(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        self.write_to(out)
    }
}

/// Opens the directory file at `path` as a backend: `users.json` read
/// lazily (validated whole, records decoded on demand), `users.csv` read
/// into memory.
pub fn open(path: &Path, reading: Reading) -> Result<Box<dyn Backend>> {
    open_from(path, path, reading)
}

/// Opens the file `read` as the directory file `path` (which messages and
/// the file's own edits name): a dry run reads an interrupted run's
/// prepared file this way.
pub fn open_from(read: &Path, path: &Path, reading: Reading) -> Result<Box<dyn Backend>> {
    if path.extension().is_some_and(|ext| ext == "csv") {
        let mut dir = Directory::load(read)?;
        dir.path = path.to_path_buf();
        Ok(Box::new(dir))
    } else {
        let mut file = json::JsonFile::open(read, reading)?;
        file.path = path.to_path_buf();
        Ok(Box::new(file))
    }
}
