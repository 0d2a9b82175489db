//! The user directory (SPEC §2): records, loading and saving `users.json`
//! and `users.csv` losslessly, lookups by address, effective roles, seats.

mod change;
mod csv;
mod edit;
mod index;
mod json;
pub mod locate;
mod user;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::address::{self, Address, UserArg};
use crate::error::{Error, Result};

pub use self::change::Change;
pub use self::csv::CsvLayout;
use self::index::Index;
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
    index: Index,
    group_roles: HashMap<(Text, Text), Role>,
}

/// Where a record's field sits in the file, for error messages.
type Locator<'a> = &'a dyn Fn(usize, &'static str) -> (Option<u64>, String);

impl Directory {
    /// Loads `users.json` or `users.csv` (chosen by the file name).
    pub fn load(path: &Path) -> Result<Directory> {
        let text = crate::error::read_text(path)?;
        if path.extension().is_some_and(|ext| ext == "csv") {
            csv::parse(path, &text)
        } else {
            json::parse(path, text)
        }
    }

    /// Writes the file's new contents to `out`.
    pub fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        if let (Format::Json, Some(raw)) = (&self.format, &self.raw)
            && let Some(written) = edit::write_edited(raw, &self.changes, out)
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
            address::check_component("name", &user.name).map_err(|m| bad(i, "name", m))?;
            address::check_component("domain", &user.domain).map_err(|m| bad(i, "domain", m))?;
            if let Some(mailbox) = &user.mailbox {
                address::check_relative_path(mailbox).map_err(|m| bad(i, "mailbox", m))?;
            }
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
        self.group_roles = self
            .groups
            .iter()
            .flatten()
            .map(|g| {
                let key = (
                    Text::from(address::fold(&g.name)),
                    Text::from(address::fold(&g.domain)),
                );
                (key, g.role.unwrap_or_default())
            })
            .collect();
        if let Some(group) = self
            .groups
            .iter()
            .flatten()
            .find(|g| g.role == Some(Role::BuiltIn))
        {
            return Err(Error::bad_input(
                &self.path,
                None,
                Some("groups.role".into()),
                format!(
                    "group {}@{} has the role built-in, which no group can have",
                    group.name, group.domain
                ),
            ));
        }
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

    /// Resolves a USER argument to an account index. A bare name must be
    /// unambiguous across domains.
    pub fn resolve(&self, arg: &str) -> Result<usize> {
        let parsed = address::parse_user_arg(arg)
            .map_err(|m| Error::Usage(format!("bad account {arg:?}: {m}")))?;
        match parsed {
            UserArg::Full(address) => self
                .find(&address)
                .ok_or_else(|| Error::NotFound(address.to_string())),
            UserArg::Bare(name) => match self.index.named(&self.users, &name)[..] {
                [] => Err(Error::NotFound(name)),
                [i] => Ok(i),
                [a, b, ..] => Err(Error::Usage(format!(
                    "account name {name:?} is ambiguous ({}, {}, ...): give name@domain",
                    self.users[a].address(),
                    self.users[b].address()
                ))),
            },
        }
    }

    /// The highest of the account's own role and its groups' roles.
    pub fn effective_role(&self, user: &User) -> Role {
        let domain = Text::from(address::fold(&user.domain));
        user.group_names()
            .iter()
            .filter_map(|g| {
                let key = (Text::from(address::fold(g)), domain.clone());
                self.group_roles.get(&key)
            })
            .copied()
            .fold(user.own_role(), Role::max)
    }

    /// Seats used and available.
    pub fn seats(&self) -> Seats {
        Seats {
            total: self.license.as_ref().and_then(|l| l.seats),
            used: self.users.iter().filter(|u| u.takes_seat()).count(),
        }
    }
}
