//! The questions planning asks of the mail folder, as a trait: the real
//! [`Store`] answers them from disk; tests answer them from memory, so the
//! planner can be tested without a file system.

use std::path::{Path, PathBuf};

use super::tombstone::{self, Tombstone};
use super::{Store, mailbox};
use crate::error::Result;

/// What the planner needs to know about the store. Paths are relative to
/// the store.
pub trait StoreView {
    /// `rel` as spelled on disk (names compared under case folding where
    /// not found as written), if it exists; a link on the way is an error.
    fn locate(&self, rel: &Path) -> Result<Option<PathBuf>>;

    /// Whether `rel` exists (a link on the way is an error).
    fn exists(&self, rel: &Path) -> Result<bool>;

    /// Whether `rel` is on the store's own file system.
    fn same_device(&self, rel: &Path) -> bool;

    /// A free name in the folder `parent`: `base`, else `base (2)`, ...,
    /// also avoiding what `taken` says is given out.
    fn free_name(&self, parent: &Path, base: &str, taken: &dyn Fn(&Path) -> bool) -> PathBuf;

    /// Refuses a folder that holds a mount point.
    fn one_file_system(&self, rel: &Path) -> Result<()>;

    /// The bytes of the files under `rel`.
    fn bytes_under(&self, rel: &Path) -> u64;

    /// The size of the regular file `rel`, if there is one.
    fn file_size(&self, rel: &Path) -> Option<u64>;

    /// The tombstones of removed accounts, oldest first.
    fn tombstones(&self) -> Result<Vec<Tombstone>>;
}

impl StoreView for Store {
    fn locate(&self, rel: &Path) -> Result<Option<PathBuf>> {
        Store::locate(self, rel)
    }

    fn exists(&self, rel: &Path) -> Result<bool> {
        Ok(self.inside(rel)?.is_some())
    }

    fn same_device(&self, rel: &Path) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            match (
                std::fs::metadata(self.root()),
                std::fs::symlink_metadata(self.root().join(rel)),
            ) {
                (Ok(a), Ok(b)) => a.dev() == b.dev(),
                _ => true,
            }
        }
        #[cfg(not(unix))]
        {
            let _ = rel;
            true
        }
    }

    fn free_name(&self, parent: &Path, base: &str, taken: &dyn Fn(&Path) -> bool) -> PathBuf {
        let root = self.root();
        let found = mailbox::free_name(&root.join(parent), base, &|p| {
            taken(p.strip_prefix(root).unwrap_or(p))
        });
        found
            .strip_prefix(root)
            .map(Path::to_path_buf)
            .unwrap_or(found)
    }

    fn one_file_system(&self, rel: &Path) -> Result<()> {
        mailbox::one_file_system(&self.root().join(rel))
    }

    fn bytes_under(&self, rel: &Path) -> u64 {
        tombstone::bytes_under(&self.root().join(rel))
    }

    fn file_size(&self, rel: &Path) -> Option<u64> {
        std::fs::symlink_metadata(self.root().join(rel))
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len())
    }

    fn tombstones(&self) -> Result<Vec<Tombstone>> {
        tombstone::all(self)
    }
}
