//! Moving and deleting mailbox folders without losing a message: renames
//! only on one file system, copy-sync-rename-then-delete across file
//! systems, and never a symbolic link followed.

use std::fs::File;
use std::io::ErrorKind;
use std::path::Path;

use walkdir::WalkDir;

use super::atomic::{sync_dir, sync_parent};
use crate::error::{Error, Result};
use crate::failpoint;

/// The per-user settings files `--purge-settings` deletes from a mailbox.
pub const SETTINGS_FILES: [&str; 2] = ["settings.usr", "filter.siv"];

/// Deletes the settings files at the top of `mailbox`, if they are there.
pub fn purge_settings(mailbox: &Path) -> Result<()> {
    for name in SETTINGS_FILES {
        let path = mailbox.join(name);
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&path)(e)),
        }
    }
    Ok(())
}

/// Moves the folder `from` to `to`, which must not exist. Safe to call
/// again after a crash: it finishes what an earlier call started. The
/// caller syncs the parent folders of a rename.
pub fn move_folder(from: &Path, to: &Path) -> Result<()> {
    let partial = partial_path(to);
    match (from.exists(), to.exists()) {
        // A cross-file-system copy was complete and named: finish it, but
        // only if it really is a whole copy of the source.
        (true, true) if same_tree(from, to)? => return remove_tree(from),
        (true, true) => {
            return Err(Error::Store(format!(
                "both {} and {} exist and differ; nothing was deleted: \
                 move one of them aside and run again",
                from.display(),
                to.display()
            )));
        }
        (false, true) => return Ok(()),
        // Gone since the run was planned: nothing is left to move, and
        // refusing would leave every later run stuck on this record.
        (false, false) => {
            log::warn!(
                "{} has gone missing; nothing to move to {}",
                from.display(),
                to.display()
            );
            return Ok(());
        }
        (true, false) => {}
    }
    // A copy that an interrupted run did not finish; the source is whole.
    if partial.exists() {
        remove_tree(&partial)?;
    }
    if let Some(parent) = to.parent() {
        super::create_dirs(parent)?;
    }
    let renamed = if failpoint::armed("transfer-exdev") {
        Err(std::io::Error::from(ErrorKind::CrossesDevices))
    } else {
        std::fs::rename(from, to)
    };
    match renamed {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::CrossesDevices => {
            log::info!("{} is on another file system: copying", to.display());
            copy_tree(from, &partial)?;
            failpoint::hit("transfer-copied");
            std::fs::rename(&partial, to).map_err(Error::io(to))?;
            sync_parent(to)?;
            failpoint::hit("transfer-renamed");
            remove_tree(from)
        }
        Err(e) => Err(Error::io(to)(e)),
    }
}

/// Whether `b` holds the same entries as `a`: the same relative paths and
/// kinds, and files of the same sizes. Links are compared, not followed.
fn same_tree(a: &Path, b: &Path) -> Result<bool> {
    let listing = |root: &Path| -> Result<Vec<(std::path::PathBuf, bool, u64)>> {
        let mut entries = Vec::new();
        for entry in WalkDir::new(root).follow_links(false).sort_by_file_name() {
            let entry =
                entry.map_err(|e| Error::Store(format!("cannot walk {}: {e}", root.display())))?;
            let rel = entry
                .path()
                .strip_prefix(root)
                .unwrap_or(entry.path())
                .to_path_buf();
            let size = if entry.file_type().is_file() {
                entry.metadata().map(|m| m.len()).unwrap_or(u64::MAX)
            } else {
                0
            };
            entries.push((rel, entry.file_type().is_dir(), size));
        }
        Ok(entries)
    };
    Ok(listing(a)? == listing(b)?)
}

/// Where a cross-file-system copy is built before it gets its name.
fn partial_path(to: &Path) -> std::path::PathBuf {
    let name = to.file_name().unwrap_or_default().to_string_lossy();
    to.with_file_name(format!(".{name}.mailuser-partial"))
}

/// Copies the tree `from` to `to` (new), syncing every file and folder.
/// Symbolic links are copied as links, never followed; the walk stays on
/// one file system.
fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    let walk = WalkDir::new(from)
        .follow_links(false)
        .same_file_system(true);
    let mut folders = Vec::new();
    for entry in walk {
        let entry =
            entry.map_err(|e| Error::Store(format!("cannot walk {}: {e}", from.display())))?;
        let rel = entry.path().strip_prefix(from).unwrap_or(entry.path());
        let target = to.join(rel);
        let kind = entry.file_type();
        if kind.is_dir() {
            std::fs::create_dir(&target).map_err(Error::io(&target))?;
            let mode = entry.metadata().map_err(|e| {
                Error::Store(format!("cannot read {}: {e}", entry.path().display()))
            })?;
            std::fs::set_permissions(&target, mode.permissions()).map_err(Error::io(&target))?;
            folders.push(target);
        } else if kind.is_symlink() {
            copy_link(entry.path(), &target)?;
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target).map_err(Error::io(&target))?;
            File::open(&target)
                .and_then(|f| f.sync_all())
                .map_err(Error::io(&target))?;
        }
    }
    folders.iter().rev().try_for_each(|d| sync_dir(d))
}

#[cfg(unix)]
fn copy_link(link: &Path, target: &Path) -> Result<()> {
    let points_to = std::fs::read_link(link).map_err(Error::io(link))?;
    std::os::unix::fs::symlink(points_to, target).map_err(Error::io(target))
}

#[cfg(not(unix))]
fn copy_link(link: &Path, _target: &Path) -> Result<()> {
    log::warn!("{}: symbolic link not copied", link.display());
    Ok(())
}

/// Renames `from` into the trash folder `to` (same file system). Safe to
/// call again after a crash. The caller syncs the parent folders.
pub fn trash(from: &Path, to: &Path) -> Result<()> {
    if !from.exists() {
        return Ok(());
    }
    if let Some(parent) = to.parent() {
        super::create_dirs(parent)?;
    }
    std::fs::rename(from, to).map_err(Error::io(from))
}

/// Deletes a tree without following symbolic links (a link inside is
/// removed, never what it points to). Not synced: every caller deletes
/// something a repeated run deletes again if the deletion is lost.
pub fn remove_tree(path: &Path) -> Result<()> {
    match std::fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(path)(e)),
    }
}

/// A free name for a transferred mailbox inside `parent`:
/// `base`, else `base (2)`, `base (3)`...
pub fn free_name(parent: &Path, base: &str, taken: &dyn Fn(&Path) -> bool) -> std::path::PathBuf {
    let mut n = 1;
    loop {
        let name = if n == 1 {
            base.to_string()
        } else {
            format!("{base} ({n})")
        };
        let candidate = parent.join(name);
        let partial = partial_path(&candidate);
        if !taken(&candidate)
            && std::fs::symlink_metadata(&candidate).is_err()
            && std::fs::symlink_metadata(&partial).is_err()
        {
            return candidate;
        }
        n += 1;
    }
}
