//! The user directory (SPEC §2): records, loading and saving `users.json`
//! and `users.csv` losslessly, lookups by address, effective roles, seats.

mod csv;
mod json;
pub mod locate;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::address::{self, Address, UserArg};
use crate::error::{Error, Result};

pub use self::csv::CsvLayout;

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

/// One account. Optional fields stay `None` when the file leaves them out,
/// so that writing the directory back does not add fields.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct User {
    pub name: String,
    pub domain: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locked: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_to: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mailbox: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl User {
    pub fn address(&self) -> Address {
        Address {
            name: self.name.clone(),
            domain: self.domain.clone(),
        }
    }
    pub fn is_enabled(&self) -> bool {
        self.enabled.unwrap_or(true)
    }
    pub fn is_locked(&self) -> bool {
        self.locked.unwrap_or(false)
    }
    pub fn own_role(&self) -> Role {
        self.role.unwrap_or_default()
    }
    pub fn group_names(&self) -> &[String] {
        self.groups.as_deref().unwrap_or_default()
    }
    pub fn forwards(&self) -> &[String] {
        self.forward_to.as_deref().unwrap_or_default()
    }
    /// Whether this account takes a license seat.
    pub fn takes_seat(&self) -> bool {
        self.is_enabled() && self.own_role() != Role::BuiltIn
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
    index: HashMap<(String, String), usize>,
    group_roles: HashMap<(String, String), Role>,
}

/// Where a record's field sits in the file, for error messages.
type Locator<'a> = &'a dyn Fn(usize, &'static str) -> (Option<u64>, String);

impl Directory {
    /// Loads `users.json` or `users.csv` (chosen by the file name).
    pub fn load(path: &Path) -> Result<Directory> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::InvalidData {
                Error::bad_input(path, None, None, "the file is not valid UTF-8")
            } else {
                Error::io(path)(e)
            }
        })?;
        if path.extension().is_some_and(|ext| ext == "csv") {
            csv::parse(path, &text)
        } else {
            json::parse(path, &text)
        }
    }

    /// The file's new contents.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        match &self.format {
            Format::Json => json::render(self),
            Format::Csv(layout) => csv::render(self, layout),
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
            index: HashMap::new(),
            group_roles: HashMap::new(),
        }
    }

    /// Checks names, duplicates and roles, and builds the indexes.
    fn validate(&mut self, locate: Locator<'_>) -> Result<()> {
        let bad = |i: usize, field: &'static str, message: String| {
            let (line, field) = locate(i, field);
            Error::bad_input(&self.path, line, Some(field), message)
        };
        let mut index = HashMap::with_capacity(self.users.len());
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
            if let Some(first) = index.insert(user.address().key(), i) {
                return Err(bad(
                    i,
                    "name",
                    format!(
                        "duplicate account {} (first defined as record {})",
                        user.address(),
                        first + 1
                    ),
                ));
            }
        }
        self.index = index;
        self.group_roles = self
            .groups
            .iter()
            .flatten()
            .map(|g| {
                let key = (g.name.to_lowercase(), g.domain.to_lowercase());
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
        self.index = self
            .users
            .iter()
            .enumerate()
            .map(|(i, u)| (u.address().key(), i))
            .collect();
    }

    /// The index of the account with this address.
    pub fn find(&self, address: &Address) -> Option<usize> {
        self.index.get(&address.key()).copied()
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
            UserArg::Bare(name) => {
                let lower = name.to_lowercase();
                let mut hits = self
                    .users
                    .iter()
                    .enumerate()
                    .filter(|(_, u)| u.name.to_lowercase() == lower);
                match (hits.next(), hits.next()) {
                    (None, _) => Err(Error::NotFound(name)),
                    (Some((i, _)), None) => Ok(i),
                    (Some((_, a)), Some((_, b))) => Err(Error::Usage(format!(
                        "account name {name:?} is ambiguous ({}, {}, ...): give name@domain",
                        a.address(),
                        b.address()
                    ))),
                }
            }
        }
    }

    /// The highest of the account's own role and its groups' roles.
    pub fn effective_role(&self, user: &User) -> Role {
        let domain = user.domain.to_lowercase();
        user.group_names()
            .iter()
            .filter_map(|g| self.group_roles.get(&(g.to_lowercase(), domain.clone())))
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
