//! Removed accounts kept for the retention period (SPEC §12): a tombstone
//! under `.removed/<operation>/<n>/` holds the record as the directory held
//! it, what `--purge-settings` took away, the settings files, and a deleted
//! mailbox itself, so that `restore` can put it all back.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Store;
use crate::directory::{Change, User};
use crate::error::{Error, Result};

/// The folder of tombstones inside the store.
pub const REMOVED: &str = ".removed";

/// What happened to the mailbox of a removed account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fate {
    /// Left where it was.
    Kept,
    /// Moved into another account's mailbox.
    Transferred,
    /// Moved into the tombstone.
    Deleted,
}

impl Fate {
    pub fn as_str(self) -> &'static str {
        match self {
            Fate::Kept => "kept",
            Fate::Transferred => "transferred",
            Fate::Deleted => "deleted",
        }
    }
}

/// One removed account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tombstone {
    /// The removal's operation id and the account's number in it: the
    /// tombstone is `.removed/<op>/<n>/`.
    pub op: String,
    pub n: usize,
    pub account: String,
    pub record: User,
    /// The record's text as the file held it, and its position.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<usize>,
    /// The changes `--purge-settings` made to aliases and forwards.
    #[serde(default)]
    pub purged: Vec<Change>,
    /// The settings files moved into `settings/`.
    #[serde(default)]
    pub settings: Vec<String>,
    pub mailbox: Fate,
    /// The mailbox folder (relative to the store) as the removal left it:
    /// kept, the transfer's destination, or `mailbox/` in the tombstone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mailbox_path: Option<PathBuf>,
    /// Where the mailbox was before the removal.
    pub mailbox_was: PathBuf,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transferred_to: Option<String>,
    pub removed_by: String,
    /// RFC 3339 times.
    pub removed_at: String,
    pub expires_at: String,
    /// What the tombstone holds on disk, in bytes.
    #[serde(default)]
    pub bytes: u64,
}

impl Tombstone {
    /// The tombstone's folder, relative to the store.
    pub fn dir(&self) -> PathBuf {
        dir_of(&self.op, self.n)
    }

    /// Whether it is past its time at `now`.
    pub fn expired(&self, now: jiff::Timestamp) -> bool {
        self.expires_at
            .parse::<jiff::Timestamp>()
            .is_ok_and(|expires| expires <= now)
    }
}

/// `.removed/<op>/<n>`.
pub fn dir_of(op: &str, n: usize) -> PathBuf {
    Path::new(REMOVED).join(op).join(n.to_string())
}

/// Every tombstone of the store, oldest first. A tombstone that cannot be
/// read is reported, never followed or guessed at.
pub fn all(store: &Store) -> Result<Vec<Tombstone>> {
    let root = store.own_entry(REMOVED)?;
    super::expect_kind(&root, true)?;
    let mut found = Vec::new();
    for op in sorted_entries(&root)? {
        let op_dir = root.join(&op);
        super::expect_kind(&op_dir, true)?;
        for n in sorted_entries(&op_dir)? {
            let file = op_dir.join(&n).join("tombstone.json");
            super::expect_kind(&op_dir.join(&n), true)?;
            super::expect_kind(&file, false)?;
            let bytes = match std::fs::read(&file) {
                Ok(bytes) => bytes,
                // Purged or restored since the folder was read.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(Error::io(&file)(e)),
            };
            let tombstone: Tombstone = serde_json::from_slice(&bytes).map_err(|e| {
                Error::Store(format!("unreadable tombstone {}: {e}", file.display()))
            })?;
            if tombstone.op != op || tombstone.n.to_string() != n {
                return Err(Error::Store(format!(
                    "the tombstone {} names another folder",
                    file.display()
                )));
            }
            found.push(tombstone);
        }
    }
    Ok(found)
}

/// The tombstones of `account` (compared under case folding), oldest first.
pub fn of(store: &Store, account: &str) -> Result<Vec<Tombstone>> {
    let key = crate::address::fold(account);
    Ok(all(store)?
        .into_iter()
        .filter(|t| crate::address::fold(&t.account) == key)
        .collect())
}

fn sorted_entries(dir: &Path) -> Result<Vec<String>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(dir)(e)),
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort_by_key(|n| (n.len(), n.clone()));
    Ok(names)
}

/// The bytes of the files under `path` (links and folders not counted,
/// links never followed).
pub fn bytes_under(path: &Path) -> u64 {
    walkdir::WalkDir::new(path)
        .follow_links(false)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}
