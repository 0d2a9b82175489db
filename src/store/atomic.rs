//! Crash-safe replacement of a file: temporary file, sync, rename, sync the
//! folder. The previous version is kept as `<name>.bak`.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::failpoint;

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Replaces `path` with `bytes`. A crash at any point leaves either the old
/// or the new file in place, never a mix. The old file is kept as `.bak`
/// (a hard link where the file system allows, so nothing is copied).
pub fn replace(path: &Path, bytes: &[u8]) -> Result<()> {
    let old = std::fs::metadata(path).map_err(Error::io(path))?;
    let tmp = sibling(path, &format!(".tmp-{}", std::process::id()));
    let result = write_new(&tmp, bytes, &old).and_then(|()| {
        failpoint::hit("save-after-temp");
        keep_backup(path)?;
        failpoint::hit("save-after-backup");
        std::fs::rename(&tmp, path).map_err(Error::io(path))?;
        failpoint::hit("save-after-rename");
        sync_dir(path.parent().unwrap_or(Path::new(".")))
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn write_new(tmp: &Path, bytes: &[u8], old: &std::fs::Metadata) -> Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(tmp).map_err(Error::io(tmp))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Keep the owner; only root may give a file away, and root is who
        // runs this on a server. Elsewhere the file is ours already.
        let _ = std::os::unix::fs::fchown(&file, Some(old.uid()), Some(old.gid()));
        file.set_permissions(old.permissions())
            .map_err(Error::io(tmp))?;
    }
    failpoint::fail_io("save-write").map_err(Error::io(tmp))?;
    file.write_all(bytes).map_err(Error::io(tmp))?;
    file.sync_all().map_err(Error::io(tmp))
}

/// Points `<path>.bak` at the current file, atomically.
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

/// Makes a rename inside `dir` durable.
pub fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(Error::io(dir))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}
