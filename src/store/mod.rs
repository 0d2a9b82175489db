//! The store folder (SPEC §1): where things are, and the lock and atomic
//! writes that keep it consistent (SPEC §9).

pub mod atomic;
pub mod journal;
pub mod lock;
pub mod mailbox;
pub mod tombstone;
pub mod view;

use std::path::{Component, Path, PathBuf};

use crate::directory::User;

use crate::error::{Error, Result};

/// The Kerio store of this operating system.
pub fn default_root() -> PathBuf {
    if cfg!(windows) {
        PathBuf::from(r"C:\Program Files\Kerio\MailServer\store")
    } else if cfg!(target_os = "macos") {
        PathBuf::from("/usr/local/kerio/mailserver/store")
    } else {
        PathBuf::from("/opt/kerio/mailserver/store")
    }
}

/// A store folder and the paths inside it.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

impl Store {
    /// Opens an existing store folder.
    pub fn open(root: &Path) -> Result<Store> {
        let meta = std::fs::metadata(root).map_err(|e| {
            Error::Store(format!(
                "cannot open the store {}: {e} (give --store DIR or set MAILUSER_STORE; \
                 without them the store is {})",
                root.display(),
                default_root().display()
            ))
        })?;
        if !meta.is_dir() {
            return Err(Error::Store(format!(
                "the store {} is not a folder",
                root.display()
            )));
        }
        Ok(Store {
            root: root.to_path_buf(),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The one directory file of the store: `users.json` or `users.csv`.
    pub fn directory_file(&self) -> Result<PathBuf> {
        let json = self.root.join("users.json");
        let csv = self.root.join("users.csv");
        let is_file = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file());
        let exists = |p: &Path| std::fs::symlink_metadata(p).is_ok();
        match (exists(&json), exists(&csv)) {
            (true, true) => Err(Error::Store(format!(
                "the store {} holds both users.json and users.csv; keep exactly one",
                self.root.display()
            ))),
            (false, false) => Err(Error::Store(format!(
                "the store {} holds no users.json or users.csv",
                self.root.display()
            ))),
            (true, false) if is_file(&json) => Ok(json),
            (false, true) if is_file(&csv) => Ok(csv),
            (true, false) => Err(not_regular(&json)),
            (false, true) => Err(not_regular(&csv)),
        }
    }

    /// The lock file, which is never replaced or deleted.
    pub fn lock_path(&self) -> Result<PathBuf> {
        self.own_entry(".mailuser.lock")
    }

    /// A file or folder of mailuser's own at the top of the store, checked
    /// not to be a symbolic link (which would lead its writes elsewhere).
    pub fn own_entry(&self, name: &str) -> Result<PathBuf> {
        let path = self.root.join(name);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => Err(link(&path)),
            _ => Ok(path),
        }
    }

    /// The folder of intent records of unfinished runs.
    pub fn journal_dir(&self) -> PathBuf {
        self.root.join(".journal")
    }

    /// Where deleted mailboxes wait to be removed.
    pub fn trash_dir(&self) -> PathBuf {
        self.root.join(".trash")
    }

    /// The account's mailbox, relative to the store: `mail/<domain>/<name>`
    /// or `mail/<the record's mailbox path>`.
    pub fn mailbox_rel(user: &User) -> PathBuf {
        match &user.mailbox {
            Some(path) => {
                let mut rel = PathBuf::with_capacity("mail/".len() + path.len());
                rel.push("mail");
                rel.extend(path.split(['/', '\\']));
                rel
            }
            None => account_rel("mail", user),
        }
    }

    /// The account's instant-messaging folder, relative to the store.
    pub fn im_rel(user: &User) -> PathBuf {
        account_rel("im", user)
    }

    /// The absolute path of `rel`, after checking that no folder on the way
    /// is a symbolic link and that `rel` stays inside the store. `None` when
    /// the path does not exist.
    pub fn inside(&self, rel: &Path) -> Result<Option<PathBuf>> {
        let mut path = self.root.clone();
        for component in rel.components() {
            let Component::Normal(part) = component else {
                return Err(self.outside(rel));
            };
            path.push(part);
            match std::fs::symlink_metadata(&path) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                Err(e) => return Err(Error::io(&path)(e)),
                Ok(meta) if meta.file_type().is_symlink() => return Err(link(&path)),
                Ok(_) => {}
            }
        }
        Ok(Some(path))
    }

    pub(crate) fn outside(&self, rel: &Path) -> Error {
        Error::Store(format!(
            "{} leads out of the store {}",
            rel.display(),
            self.root.display()
        ))
    }

    /// Checks, before a run changes anything, that mailuser's own files and
    /// folders in the store are of the kind they must be: a hostile or
    /// damaged store is refused (exit 1) instead of being written through,
    /// waited on, or found out halfway.
    pub fn check_own_entries(&self, directory: Option<&Path>) -> Result<()> {
        let folders = [".journal", ".trash", ".removed"].map(|n| (self.root.join(n), true));
        let backup = directory.map(|directory| {
            let mut backup = directory.as_os_str().to_os_string();
            backup.push(".bak");
            (PathBuf::from(backup), false)
        });
        for (path, folder) in folders.into_iter().chain(backup) {
            expect_kind(&path, folder)?;
        }
        Ok(())
    }

    /// The default log folder of this store.
    pub fn default_log_dir(&self) -> PathBuf {
        self.root.join("logs")
    }
}

/// The refusal of a symbolic link on the way to a path in the store.
pub(crate) fn link(path: &Path) -> Error {
    Error::Store(format!(
        "{} is a symbolic link; mailuser does not follow links out of the store",
        path.display()
    ))
}

/// Which accounts own which mailbox folders: to find kept mailboxes no one
/// owns, and to refuse moving or deleting a folder that another account
/// also uses (two records naming the same `mailbox`, or one mailbox inside
/// another, default paths included). Paths compare under Unicode case
/// folding, as names do.
#[derive(Debug, Clone, Default)]
pub struct MailboxOwners {
    count: std::collections::HashMap<String, usize>,
    /// The same keys, sorted, to find the mailboxes inside a folder.
    sorted: Vec<String>,
}

impl MailboxOwners {
    pub fn new(users: &[User]) -> MailboxOwners {
        Self::from_paths(users.iter().map(Store::mailbox_rel))
    }

    /// The owners of these mailbox paths, one per account.
    pub fn from_paths(paths: impl IntoIterator<Item = PathBuf>) -> MailboxOwners {
        let mut owners = MailboxOwners::default();
        for rel in paths {
            *owners.count.entry(Self::key(&rel)).or_default() += 1;
        }
        owners.sorted = owners.count.keys().cloned().collect();
        owners.sorted.sort_unstable();
        owners
    }

    fn key(rel: &Path) -> String {
        crate::address::fold(&rel.to_string_lossy().replace('\\', "/"))
    }

    /// Whether some account's mailbox is `rel`.
    pub fn owned(&self, rel: &Path) -> bool {
        self.count.contains_key(&Self::key(rel))
    }

    /// How many accounts own `rel`, and another account's mailbox that
    /// contains it or lies inside it.
    pub fn usage(&self, rel: &Path) -> crate::directory::MailboxUse {
        let key = Self::key(rel);
        crate::directory::MailboxUse {
            owners: self.count.get(&key).copied().unwrap_or(0),
            nested_with: self.nested(&key),
        }
    }

    /// Another account's mailbox that contains `key` or lies inside it.
    fn nested(&self, key: &str) -> Option<String> {
        let ancestor = key
            .match_indices('/')
            .map(|(at, _)| &key[..at])
            .find(|prefix| self.count.contains_key(*prefix));
        if let Some(ancestor) = ancestor {
            return Some(ancestor.to_string());
        }
        let inner = format!("{key}/");
        let from = self.sorted.partition_point(|k| k.as_str() < inner.as_str());
        self.sorted
            .get(from)
            .filter(|k| k.starts_with(&inner))
            .cloned()
    }
}

/// Creates `path` and its missing parents as folders that only their owner
/// may write, whatever the umask.
pub fn create_dirs(path: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o755);
    builder.create(path).map_err(Error::io(path))
}

/// Creates (or replaces) `path` holding `bytes`, readable by all, writable
/// by its owner only, whatever the umask.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o644);
    options
        .open(path)
        .and_then(|mut f| f.write_all(bytes))
        .map_err(Error::io(path))
}

/// Checks that `path` is missing, or a real folder (`folder`) or a regular
/// file: never a symbolic link, FIFO, socket or device.
pub fn expect_kind(path: &Path, folder: bool) -> Result<()> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(path)(e)),
    };
    let kind = meta.file_type();
    let ok = if folder {
        kind.is_dir()
    } else {
        kind.is_file()
    };
    if ok {
        return Ok(());
    }
    let is = if kind.is_symlink() {
        "a symbolic link"
    } else if kind.is_dir() {
        "a folder"
    } else if kind.is_file() {
        "a file"
    } else {
        "a special file (FIFO, socket or device)"
    };
    let want = if folder { "a folder" } else { "a regular file" };
    Err(Error::Store(format!(
        "{} is {is}, not {want}; mailuser does not use it: move it aside and run again",
        path.display()
    )))
}

/// Checks that the existing file `path` could be written, without
/// writing it: opening it for writing fails on a read-only file system or
/// without permission, as the real run would.
pub fn writable(path: &Path) -> Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map(drop)
        .map_err(Error::io(path))
}

fn not_regular(path: &Path) -> Error {
    Error::Store(format!(
        "{} is not a regular file (symbolic links are not followed)",
        path.display()
    ))
}

/// `top/<domain>/<name>`, in one allocation (a bulk run makes thousands).
fn account_rel(top: &str, user: &User) -> PathBuf {
    let mut rel = PathBuf::with_capacity(top.len() + user.domain.len() + user.name.len() + 2);
    rel.push(top);
    rel.push(user.domain.as_str());
    rel.push(user.name.as_str());
    rel
}
