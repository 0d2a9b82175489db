//! The store folder (SPEC §1): where things are, and the lock and atomic
//! writes that keep it consistent (SPEC §9).

pub mod atomic;
pub mod journal;
pub mod lock;
pub mod mailbox;

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
        let meta = std::fs::metadata(root)
            .map_err(|e| Error::Store(format!("cannot open the store {}: {e}", root.display())))?;
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
            Ok(meta) if meta.file_type().is_symlink() => Err(Error::Store(format!(
                "{} is a symbolic link; mailuser does not follow links out of the store",
                path.display()
            ))),
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
        let mut rel = PathBuf::from("mail");
        match &user.mailbox {
            Some(path) => rel.extend(path.split(['/', '\\'])),
            None => rel.extend([&user.domain, &user.name]),
        }
        rel
    }

    /// The account's instant-messaging folder, relative to the store.
    pub fn im_rel(user: &User) -> PathBuf {
        ["im", &user.domain, &user.name].iter().collect()
    }

    /// The absolute path of `rel`, after checking that no folder on the way
    /// is a symbolic link and that `rel` stays inside the store. `None` when
    /// the path does not exist.
    pub fn inside(&self, rel: &Path) -> Result<Option<PathBuf>> {
        let mut path = self.root.clone();
        for component in rel.components() {
            let Component::Normal(part) = component else {
                return Err(Error::Store(format!(
                    "{} leads out of the store {}",
                    rel.display(),
                    self.root.display()
                )));
            };
            path.push(part);
            match std::fs::symlink_metadata(&path) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                Err(e) => return Err(Error::io(&path)(e)),
                Ok(meta) if meta.file_type().is_symlink() => {
                    return Err(Error::Store(format!(
                        "{} is a symbolic link; mailuser does not follow links out of the store",
                        path.display()
                    )));
                }
                Ok(_) => {}
            }
        }
        Ok(Some(path))
    }

    /// The default log folder of this store.
    pub fn default_log_dir(&self) -> PathBuf {
        self.root.join("logs")
    }
}

/// Which accounts own which mailbox folders: to find kept mailboxes no one
/// owns, and to refuse moving or deleting a folder that another account
/// also uses (two records naming the same `mailbox`, or one inside another).
#[derive(Debug, Default)]
pub struct MailboxOwners {
    count: std::collections::HashMap<String, usize>,
    /// Paths that records name explicitly; only these can nest.
    custom: Vec<String>,
}

impl MailboxOwners {
    pub fn new(users: &[User]) -> MailboxOwners {
        let mut owners = MailboxOwners::default();
        for user in users {
            let key = Self::key(&Store::mailbox_rel(user));
            if user.mailbox.is_some() {
                owners.custom.push(key.clone());
            }
            *owners.count.entry(key).or_default() += 1;
        }
        owners
    }

    fn key(rel: &Path) -> String {
        rel.to_string_lossy().replace('\\', "/").to_lowercase()
    }

    /// Whether some account's mailbox is `rel`.
    pub fn owned(&self, rel: &Path) -> bool {
        self.count.contains_key(&Self::key(rel))
    }

    /// Why the mailbox `rel` must not be moved or deleted, if it is shared.
    pub fn shared(&self, rel: &Path) -> Option<String> {
        let key = Self::key(rel);
        if self.count.get(&key).copied().unwrap_or(0) > 1 {
            return Some(format!(
                "{} is the mailbox of more than one account",
                rel.display()
            ));
        }
        let nested = |a: &str, b: &str| {
            a.len() > b.len() && a.starts_with(b) && a[b.len()..].starts_with('/')
        };
        self.custom
            .iter()
            .find(|c| nested(c, &key) || nested(&key, c))
            .map(|c| {
                format!(
                    "{} and another account's mailbox {c} lie inside one another",
                    rel.display()
                )
            })
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

fn not_regular(path: &Path) -> Error {
    Error::Store(format!(
        "{} is not a regular file (symbolic links are not followed)",
        path.display()
    ))
}
