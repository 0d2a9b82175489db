//! Crash-safe file replacement: write a new file, sync it, rename it over
//! the old one, sync the folder. The previous directory is kept as `.bak`.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::failpoint;

/// `path` with `suffix` appended to its file name.
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// What writes a new file's contents.
pub type Contents<'a> = &'a dyn Fn(&mut dyn Write) -> std::io::Result<()>;

/// Creates `path` (which must not exist) with what `contents` writes,
/// synced to disk, with the permissions and owner of `like` when given.
pub fn write_new(
    path: &Path,
    contents: Contents<'_>,
    like: Option<&std::fs::Metadata>,
) -> Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path).map_err(Error::io(path))?;
    let result = (|| {
        if let Some(like) = like {
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                // Keep the owner: only root may give a file away, and root
                // is who runs this on a server. Otherwise the file is ours.
                let _ = std::os::unix::fs::fchown(&file, Some(like.uid()), Some(like.gid()));
            }
            file.set_permissions(like.permissions())?;
        }
        failpoint::fail_io("save-write")?;
        // Small: an edited directory is written as long slices of its text,
        // which go past the buffer.
        let mut out = std::io::BufWriter::with_capacity(64 << 10, &file);
        contents(&mut out)?;
        out.flush()?;
        drop(out);
        file.sync_all()
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(path);
        return Err(Error::io(path)(e));
    }
    Ok(())
}

/// Writes `path` atomically (temporary file, sync, rename, sync folder).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = write_beside(path, &|out| out.write_all(bytes))?;
    rename_synced(&tmp, path)
}

/// Writes what `contents` writes, synced, to a temporary file beside
/// `path` (`<name>.tmp-<pid>`), which [`rename_synced`] later puts in
/// place; returns the temporary file.
pub fn write_beside(path: &Path, contents: Contents<'_>) -> Result<PathBuf> {
    let tmp = sibling(path, &format!(".tmp-{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    write_new(&tmp, contents, None)?;
    Ok(tmp)
}

/// Renames the synced file `tmp` to `path` and syncs the folder.
pub fn rename_synced(tmp: &Path, path: &Path) -> Result<()> {
    std::fs::rename(tmp, path).map_err(Error::io(path))?;
    sync_parent(path)
}

/// Writes `value` as JSON into `out` through a buffer of a known type:
/// serde_json writes a few bytes at a time, and each through a `dyn Write`
/// call costs (1.5 million of them for the tombstones of a 7,500-account
/// removal).
pub fn write_json(value: &impl serde::Serialize, out: &mut dyn Write) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(64 << 10, out);
    serde_json::to_writer(&mut out, value)?;
    out.flush()
}

/// Renames the synced file `prepared` over `path`, keeping the old `path`
/// as `<path>.bak` (a hard link where the file system allows, so nothing
/// is copied and the backup is exactly as readable as the original).
pub fn install(prepared: &Path, path: &Path) -> Result<()> {
    if path.exists() {
        keep_backup(path)?;
    }
    failpoint::hit("save-after-backup");
    std::fs::rename(prepared, path).map_err(Error::io(path))?;
    sync_parent(path)?;
    failpoint::hit("save-after-rename");
    Ok(())
}

fn keep_backup(path: &Path) -> Result<()> {
    let bak = sibling(path, ".bak");
    let bak_tmp = sibling(path, &format!(".bak.tmp-{}", std::process::id()));
    let _ = std::fs::remove_file(&bak_tmp);
    if std::fs::hard_link(path, &bak_tmp).is_err() {
        std::fs::copy(path, &bak_tmp).map_err(Error::io(&bak_tmp))?;
        File::open(&bak_tmp)
            .and_then(|f| f.sync_all())
            .map_err(Error::io(&bak_tmp))?;
    }
    std::fs::rename(&bak_tmp, &bak).map_err(Error::io(&bak))
}

/// Makes a rename or removal inside the folder of `path` durable.
pub fn sync_parent(path: &Path) -> Result<()> {
    sync_dir(path.parent().unwrap_or(Path::new(".")))
}

/// Makes a rename or removal inside `dir` durable.
pub fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(Error::io(dir))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}
