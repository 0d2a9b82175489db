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

/// Moves the settings files at the top of the folder `from` into `to`
/// (created if missing), never over a file already there. Safe to repeat.
pub fn move_settings(from: &Path, to: &Path) -> Result<()> {
    for name in SETTINGS_FILES {
        let source = from.join(name);
        let target = to.join(name);
        if !source.is_file() || target.exists() {
            continue;
        }
        super::create_dirs(to)?;
        std::fs::rename(&source, &target).map_err(Error::io(&source))?;
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
        // The copy gets its name only once whole and synced; a crash while
        // the source was being deleted leaves what is left of the source,
        // every entry of which the copy holds: delete the rest.
        (true, true) if within_tree(from, to)? => return remove_tree(from),
        (true, true) => {
            return Err(Error::Store(format!(
                "both {} and {} exist and {} holds entries the other lacks; \
                 nothing was deleted: move one of them aside and run again",
                from.display(),
                to.display(),
                from.display()
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

/// Whether `b` holds every entry of `a`: the same relative paths and
/// kinds, and files of the same sizes. Links are compared, not followed.
fn within_tree(a: &Path, b: &Path) -> Result<bool> {
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
    let mut b = listing(b)?;
    b.sort();
    Ok(listing(a)?
        .iter()
        .all(|entry| b.binary_search(entry).is_ok()))
}

/// Where a cross-file-system copy is built before it gets its name.
fn partial_path(to: &Path) -> std::path::PathBuf {
    let name = to.file_name().unwrap_or_default().to_string_lossy();
    to.with_file_name(fit_name(".", &name, ".mailuser-partial"))
}

/// Copies the tree `from` to `to` (new), syncing every file and folder and
/// keeping owner, group, mode and times, as a rename would. Symbolic links
/// are copied as links, never followed; the walk stays on one file system.
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
        let meta = entry
            .metadata()
            .map_err(|e| Error::Store(format!("cannot read {}: {e}", entry.path().display())))?;
        if kind.is_dir() {
            std::fs::create_dir(&target).map_err(Error::io(&target))?;
            keep_owner(&target, &meta)?;
            std::fs::set_permissions(&target, meta.permissions()).map_err(Error::io(&target))?;
            folders.push((target, meta));
        } else if kind.is_symlink() {
            copy_link(entry.path(), &target)?;
            keep_owner(&target, &meta)?;
        } else if kind.is_file() {
            std::fs::copy(entry.path(), &target).map_err(Error::io(&target))?;
            keep_owner(&target, &meta)?;
            let file = File::options()
                .write(true)
                .open(&target)
                .map_err(Error::io(&target))?;
            file.set_permissions(meta.permissions())
                .and_then(|()| file.set_times(times_of(&meta)))
                .and_then(|()| file.sync_all())
                .map_err(Error::io(&target))?;
        }
    }
    // Deepest first: filling a folder changes its times, so they are set
    // once it is complete.
    for (folder, meta) in folders.iter().rev() {
        File::open(folder)
            .and_then(|f| f.set_times(times_of(meta)))
            .map_err(Error::io(folder))?;
        sync_dir(folder)?;
    }
    Ok(())
}

fn times_of(meta: &std::fs::Metadata) -> std::fs::FileTimes {
    let mut times = std::fs::FileTimes::new();
    if let Ok(modified) = meta.modified() {
        times = times.set_modified(modified);
    }
    if let Ok(accessed) = meta.accessed() {
        times = times.set_accessed(accessed);
    }
    times
}

/// Gives the copy `target` the owner and group of the original (only root
/// may; for anyone else the copy is theirs, as the original was).
#[cfg(unix)]
fn keep_owner(target: &Path, meta: &std::fs::Metadata) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    match std::os::unix::fs::lchown(target, Some(meta.uid()), Some(meta.gid())) {
        Err(e) if e.kind() == ErrorKind::PermissionDenied => Ok(()),
        other => other.map_err(Error::io(target)),
    }
}

#[cfg(not(unix))]
fn keep_owner(_target: &Path, _meta: &std::fs::Metadata) -> Result<()> {
    Ok(())
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
/// removed, never what it points to) and without crossing into another
/// file system (a mount point inside is refused before anything is
/// deleted). Not synced: every caller deletes something a repeated run
/// deletes again if the deletion is lost.
pub fn remove_tree(path: &Path) -> Result<()> {
    one_file_system(path)?;
    match std::fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(path)(e)),
    }
}

/// Refuses a tree that holds a mount point (a bind mount of a folder
/// elsewhere, or another file system): deleting it would empty what is
/// mounted there.
pub fn one_file_system(path: &Path) -> Result<()> {
    if std::fs::symlink_metadata(path).is_err() {
        return Ok(());
    }
    if let Some(inner) = mount_point_inside(path)? {
        return Err(Error::Store(format!(
            "{} is a mount point inside {}; mailuser never deletes across \
             mount points: unmount it and run again",
            inner.display(),
            path.display()
        )));
    }
    Ok(())
}

/// The mount points of the kernel's mount table (Linux), read once per
/// run: a bulk run checks every mailbox it deletes.
fn mount_points() -> Option<&'static [std::path::PathBuf]> {
    static POINTS: std::sync::OnceLock<Option<Vec<std::path::PathBuf>>> =
        std::sync::OnceLock::new();
    POINTS
        .get_or_init(|| {
            let table = std::fs::read_to_string("/proc/self/mountinfo").ok()?;
            let points = table
                .lines()
                .filter_map(|line| line.split(' ').nth(4))
                .map(|field| std::path::PathBuf::from(unescape_mount_path(field)));
            Some(points.collect())
        })
        .as_deref()
}

/// A mount point inside `path`: on Linux from the kernel's mount table
/// (which also shows bind mounts of the same file system), elsewhere by a
/// change of device while walking the tree.
fn mount_point_inside(path: &Path) -> Result<Option<std::path::PathBuf>> {
    let top = std::fs::canonicalize(path).map_err(Error::io(path))?;
    if let Some(points) = mount_points() {
        let found = points
            .iter()
            .find(|point| **point != top && point.starts_with(&top));
        return Ok(found.cloned());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let dev = std::fs::symlink_metadata(path)
            .map_err(Error::io(path))?
            .dev();
        for entry in WalkDir::new(path).follow_links(false).min_depth(1) {
            let entry =
                entry.map_err(|e| Error::Store(format!("cannot walk {}: {e}", path.display())))?;
            if entry.file_type().is_dir() && entry.metadata().is_ok_and(|m| m.dev() != dev) {
                return Ok(Some(entry.path().to_path_buf()));
            }
        }
    }
    Ok(None)
}

/// The kernel writes space, tab, newline and backslash in mount paths as
/// octal escapes (`\040`).
fn unescape_mount_path(field: &str) -> String {
    let bytes = field.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let octal = bytes
            .get(i + 1..i + 4)
            .filter(|d| d.iter().all(|b| (b'0'..=b'7').contains(b)));
        match (bytes[i], octal) {
            (b'\\', Some(d)) => {
                out.push((d[0] - b'0') * 64 + (d[1] - b'0') * 8 + (d[2] - b'0'));
                i += 4;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `prefix + name + suffix`, with `name` cut at a character boundary (and
/// marked with a stable hash of the whole name) so that the result fits
/// in a file name of 255 bytes.
pub fn fit_name(prefix: &str, name: &str, suffix: &str) -> String {
    const MAX: usize = 255;
    if prefix.len() + name.len() + suffix.len() <= MAX {
        return format!("{prefix}{name}{suffix}");
    }
    let mark = format!("~{:08x}", stable_hash(name));
    let room = MAX.saturating_sub(prefix.len() + suffix.len() + mark.len());
    let mut cut = room.min(name.len());
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{prefix}{}{mark}{suffix}", &name[..cut])
}

/// FNV-1a: the same on every machine and every run.
fn stable_hash(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

/// A free name for a transferred mailbox inside `parent`:
/// `base`, else `base (2)`, `base (3)`...
pub fn free_name(parent: &Path, base: &str, taken: &dyn Fn(&Path) -> bool) -> std::path::PathBuf {
    let mut n = 1;
    loop {
        let name = if n == 1 {
            fit_name("", base, "")
        } else {
            fit_name("", base, &format!(" ({n})"))
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
