//! Removed accounts kept for the retention period (SPEC §12). A removal
//! keeps, under `.removed/<operation>/`, one `tombstones.json` holding every
//! account it removed (the record as the directory held it, what
//! `--purge-settings` took away, where the mailbox is), and per account
//! `<n>` a deleted mailbox as `mailbox-<n>/` and the settings files as
//! `settings-<n>/`, so that `restore` can put it all back. One file per
//! run, not per account: a bulk run of 10,000 removals syncs it once.

use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// The removal's operation id and the account's number in it (the
    /// strings a run's removals share are shared, not copied).
    pub op: Arc<str>,
    pub n: usize,
    pub account: String,
    pub record: Arc<User>,
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
    pub removed_by: Arc<str>,
    /// RFC 3339 times.
    pub removed_at: Arc<str>,
    pub expires_at: Arc<str>,
    /// What the tombstone holds on disk, in bytes.
    #[serde(default)]
    pub bytes: u64,
}

impl Tombstone {
    /// The removal's folder, relative to the store: `.removed/<op>`.
    pub fn dir(&self) -> PathBuf {
        dir_of(&self.op)
    }

    /// Where a deleted mailbox is kept: `.removed/<op>/mailbox-<n>`.
    pub fn mailbox_dir(&self) -> PathBuf {
        self.dir().join(format!("mailbox-{}", self.n))
    }

    /// Where purged settings files are kept: `.removed/<op>/settings-<n>`.
    pub fn settings_dir(&self) -> PathBuf {
        self.dir().join(format!("settings-{}", self.n))
    }

    /// Whether it is past its time at `now`.
    pub fn expired(&self, now: jiff::Timestamp) -> bool {
        past(&self.expires_at, now)
    }
}

/// Of a tombstone, only what says when it expires: what every changing
/// run reads, to purge the expired ones, without decoding the records.
#[derive(Debug, Deserialize)]
pub struct Due {
    pub op: String,
    pub account: String,
    expires_at: String,
}

impl Due {
    /// Whether it is past its time at `now`.
    pub fn expired(&self, now: jiff::Timestamp) -> bool {
        past(&self.expires_at, now)
    }
}

fn past(expires_at: &str, now: jiff::Timestamp) -> bool {
    expires_at
        .parse::<jiff::Timestamp>()
        .is_ok_and(|expires| expires <= now)
}

/// `.removed/<op>`.
pub fn dir_of(op: &str) -> PathBuf {
    Path::new(REMOVED).join(op)
}

/// The file of a removal's tombstones inside its folder.
pub const FILE: &str = "tombstones.json";

/// Every tombstone of the store, oldest first. A tombstone that cannot be
/// read is reported, never followed or guessed at.
pub fn all(store: &Store) -> Result<Vec<Tombstone>> {
    read_all(store, |t: &Tombstone| &t.op)
}

/// When every tombstone of the store expires, oldest first, read as
/// [`all`] reads them.
pub fn due(store: &Store) -> Result<Vec<Due>> {
    read_all(store, |d: &Due| &d.op)
}

fn read_all<T: serde::de::DeserializeOwned>(
    store: &Store,
    op_of: fn(&T) -> &str,
) -> Result<Vec<T>> {
    let root = store.own_entry(REMOVED)?;
    super::expect_kind(&root, true)?;
    let mut found = Vec::new();
    for op in sorted_entries(&root)? {
        let op_dir = root.join(&op);
        super::expect_kind(&op_dir, true)?;
        let file = op_dir.join(FILE);
        super::expect_kind(&file, false)?;
        let bytes = match std::fs::read(&file) {
            Ok(bytes) => bytes,
            // Purged or restored since the folder was read.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(Error::io(&file)(e)),
        };
        let tombstones: Vec<T> = serde_json::from_slice(&bytes)
            .map_err(|e| Error::Store(format!("unreadable tombstones {}: {e}", file.display())))?;
        if let Some(other) = tombstones.iter().map(op_of).find(|o| *o != op) {
            return Err(Error::Store(format!(
                "the tombstones {} name another removal ({other})",
                file.display(),
            )));
        }
        found.extend(tombstones);
    }
    Ok(found)
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

/// Writes `tombstones` into the removal folder `dir` (absolute), added to
/// those already there (replaced where the account number is the same),
/// atomically. Safe to repeat.
pub fn add(dir: &Path, tombstones: &[Tombstone]) -> Result<()> {
    let mut kept = read(dir)?;
    let new: std::collections::HashSet<usize> = tombstones.iter().map(|t| t.n).collect();
    kept.retain(|k| !new.contains(&k.n));
    kept.extend(tombstones.iter().cloned());
    kept.sort_by_key(|t| t.n);
    write(dir, &kept)
}

/// Moves the tombstones file `prepared` (written by [`encode`]) into the
/// removal folder `dir` (absolute), added to any already there. Safe to
/// repeat: once moved, `prepared` is gone.
pub fn install(prepared: &Path, dir: &Path) -> Result<()> {
    super::expect_kind(prepared, false)?;
    let file = dir.join(FILE);
    super::expect_kind(&file, false)?;
    if !prepared.exists() {
        // Moved by an earlier attempt; if it is not there either, the
        // removal would be finished without a way back: stop instead.
        return match file.exists() {
            true => Ok(()),
            false => Err(Error::Store(format!(
                "the tombstones of this removal are missing: neither {} nor {} exists; \
                 put the file back, or move the interrupted run's record (the .json \
                 file of the same operation in .journal/) aside to drop the run",
                prepared.display(),
                file.display(),
            ))),
        };
    }
    if file.exists() {
        let bytes = std::fs::read(prepared).map_err(Error::io(prepared))?;
        let tombstones: Vec<Tombstone> = serde_json::from_slice(&bytes).map_err(|e| {
            Error::Store(format!("unreadable tombstones {}: {e}", prepared.display()))
        })?;
        add(dir, &tombstones)?;
        return std::fs::remove_file(prepared).map_err(Error::io(prepared));
    }
    super::create_dirs(dir)?;
    std::fs::rename(prepared, &file).map_err(Error::io(&file))
}

/// Writes `tombstones`, in order, as a tombstones file holds them.
pub fn encode(tombstones: &[&Tombstone], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    super::atomic::write_json(&tombstones, out)
}

/// Takes account `n` out of the removal folder `dir` (absolute); the file
/// and the folder go with the last one. Safe to repeat.
pub fn forget(dir: &Path, n: usize) -> Result<()> {
    let mut kept = read(dir)?;
    kept.retain(|t| t.n != n);
    if kept.is_empty() {
        let file = dir.join(FILE);
        match std::fs::remove_file(&file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(Error::io(&file)(e)),
            _ => {}
        }
        let _ = std::fs::remove_dir(dir);
        return Ok(());
    }
    write(dir, &kept)
}

fn read(dir: &Path) -> Result<Vec<Tombstone>> {
    let file = dir.join(FILE);
    super::expect_kind(&file, false)?;
    match std::fs::read(&file) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map_err(|e| Error::Store(format!("unreadable tombstones {}: {e}", file.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(Error::io(&file)(e)),
    }
}

fn write(dir: &Path, tombstones: &[Tombstone]) -> Result<()> {
    super::create_dirs(dir)?;
    let json = serde_json::to_vec(tombstones)
        .map_err(|e| Error::Store(format!("cannot encode tombstones: {e}")))?;
    super::atomic::write_atomically(&dir.join(FILE), &json)
}
