//! The questions planning asks of the mail folder, as a trait: the real
//! [`Store`] answers them from disk; tests answer them from memory, so the
//! planner can be tested without a file system.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::path::{Component, Path, PathBuf};
use std::rc::Rc;

use super::tombstone::{self, Tombstone};
use super::{Store, mailbox};
use crate::error::{Error, Result};

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

/// The store as one plan sees it: a folder in which a name was not found
/// as written is listed once, and every later look into it is answered
/// from that listing (a bulk run looks up thousands of mailboxes in one
/// domain folder). Made anew for each plan: nothing moves while a plan is
/// made, but a run finishes interrupted runs between two plans.
pub struct Survey<'a> {
    store: &'a Store,
    listings: RefCell<HashMap<PathBuf, Rc<Listing>>>,
}

/// A folder's entries by folded name: each name as spelled, and whether
/// it is a symbolic link.
type Listing = HashMap<String, Vec<(OsString, bool)>>;

impl Store {
    /// A view of the store for one plan.
    pub fn survey(&self) -> Survey<'_> {
        Survey {
            store: self,
            listings: RefCell::default(),
        }
    }
}

impl Survey<'_> {
    /// The entry `part` of the folder `parent` (relative to the store):
    /// its name as spelled on disk and whether it is a symbolic link, or
    /// `None`. With `fold`, a name not there as written is compared under
    /// Unicode case folding (`FHill` finds a kept `fhill`).
    fn entry(&self, parent: &Path, part: &OsStr, fold: bool) -> Result<Option<(OsString, bool)>> {
        let cached = self.listings.borrow().get(parent).cloned();
        let listing = match cached {
            Some(listing) => listing,
            None => {
                if let Some(found) = self.stat(parent, part)? {
                    return Ok(Some(found));
                }
                match self.list(parent) {
                    Some(listing) => listing,
                    None => return Ok(None),
                }
            }
        };
        let part_text = part.to_string_lossy();
        let want = crate::address::folded(&part_text);
        let same = listing.get(want.as_ref()).map_or(&[][..], Vec::as_slice);
        if let Some(exact) = same.iter().find(|(name, _)| name == part) {
            return Ok(Some(exact.clone()));
        }
        match same {
            // A name in another Unicode normalization may still be the
            // same entry to the file system (as on macOS): ask it.
            [] if !part.is_ascii() => self.stat(parent, part),
            [] => Ok(None),
            // Only the same name but for case: whether the file system
            // takes it for that entry is its own business.
            _ if !fold => self.stat(parent, part),
            [one] => Ok(Some(one.clone())),
            _ => Err(Error::Store(format!(
                "{} has several folders named {part:?} but for case; rename all but one",
                self.store.root().join(parent).display(),
            ))),
        }
    }

    /// `part` of the folder `parent` as written, asked of the disk.
    fn stat(&self, parent: &Path, part: &OsStr) -> Result<Option<(OsString, bool)>> {
        let path = self.store.root().join(parent).join(part);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) => Ok(Some((part.to_os_string(), meta.is_symlink()))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(&path)(e)),
        }
    }

    /// The entries of the folder `parent`, read once; `None` if it cannot
    /// be read.
    fn list(&self, parent: &Path) -> Option<Rc<Listing>> {
        let mut listing = Listing::new();
        for entry in std::fs::read_dir(self.store.root().join(parent))
            .ok()?
            .filter_map(|e| e.ok())
        {
            let name = entry.file_name();
            let link = entry.file_type().is_ok_and(|t| t.is_symlink());
            let folded = crate::address::fold(&name.to_string_lossy());
            listing.entry(folded).or_default().push((name, link));
        }
        let listing = Rc::new(listing);
        self.listings
            .borrow_mut()
            .insert(parent.to_path_buf(), listing.clone());
        Some(listing)
    }

    /// `rel` as spelled on disk, walking it from the store's top: no part
    /// may be `..`, and a symbolic link on the way is an error. With
    /// `fold` (locating), only when the path is there: a mailbox that is
    /// not found behind a link is simply not there, as a run that only
    /// looks for it (`add`, `--keep-mailbox`) needs.
    fn walk(&self, rel: &Path, fold: bool) -> Result<Option<PathBuf>> {
        let mut found = PathBuf::new();
        let mut linked = None;
        for component in rel.components() {
            let Component::Normal(part) = component else {
                return Err(self.store.outside(rel));
            };
            let Some((name, link)) = self.entry(&found, part, fold)? else {
                return Ok(None);
            };
            found.push(name);
            if link && linked.is_none() {
                linked = Some(self.store.root().join(&found));
                if !fold {
                    break;
                }
            }
        }
        match linked {
            Some(link) => Err(super::link(&link)),
            None => Ok(Some(found)),
        }
    }
}

impl StoreView for Survey<'_> {
    fn locate(&self, rel: &Path) -> Result<Option<PathBuf>> {
        self.walk(rel, true)
    }

    fn exists(&self, rel: &Path) -> Result<bool> {
        Ok(self.walk(rel, false)?.is_some())
    }

    fn same_device(&self, rel: &Path) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            match (
                std::fs::metadata(self.store.root()),
                std::fs::symlink_metadata(self.store.root().join(rel)),
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
        let root = self.store.root();
        let found = mailbox::free_name(&root.join(parent), base, &|p| {
            taken(p.strip_prefix(root).unwrap_or(p))
        });
        found
            .strip_prefix(root)
            .map(Path::to_path_buf)
            .unwrap_or(found)
    }

    fn one_file_system(&self, rel: &Path) -> Result<()> {
        mailbox::one_file_system(&self.store.root().join(rel))
    }

    fn bytes_under(&self, rel: &Path) -> u64 {
        tombstone::bytes_under(&self.store.root().join(rel))
    }

    fn file_size(&self, rel: &Path) -> Option<u64> {
        std::fs::symlink_metadata(self.store.root().join(rel))
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len())
    }

    fn tombstones(&self) -> Result<Vec<Tombstone>> {
        tombstone::all(self.store)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_with(folders: &[&str]) -> (tempfile::TempDir, Store) {
        let tmp = tempfile::tempdir().unwrap();
        for folder in folders {
            std::fs::create_dir_all(tmp.path().join(folder)).unwrap();
        }
        let store = Store::open(tmp.path()).unwrap();
        (tmp, store)
    }

    /// A store with `folders` and a link `link` to its folder `elsewhere`.
    fn linked_out(folders: &[&str], link: &str) -> (tempfile::TempDir, Store) {
        let (tmp, store) = store_with(folders);
        let (target, at) = (tmp.path().join("elsewhere"), tmp.path().join(link));
        std::os::unix::fs::symlink(target, at).unwrap();
        (tmp, store)
    }

    #[test]
    fn locate_finds_a_name_but_for_case_and_exists_does_not() {
        let (_tmp, store) = store_with(&["mail/example.com/FHill", "mail/example.com/jdoe"]);
        let survey = store.survey();
        for _ in 0..2 {
            // The second time from the listing the first one made.
            assert_eq!(
                survey.locate(Path::new("mail/Example.COM/fhill")).unwrap(),
                Some(PathBuf::from("mail/example.com/FHill"))
            );
            assert!(survey.exists(Path::new("mail/example.com/jdoe")).unwrap());
            assert!(!survey.exists(Path::new("mail/example.com/JDoe")).unwrap());
            assert_eq!(
                survey.locate(Path::new("mail/example.com/nobody")).unwrap(),
                None
            );
            assert!(!survey.exists(Path::new("im/example.com/jdoe")).unwrap());
        }
    }

    #[test]
    fn a_link_on_the_way_is_refused_whether_listed_or_not() {
        let (_tmp, store) = linked_out(&["mail/example.com", "elsewhere/jdoe"], "mail/example.org");
        let survey = store.survey();
        let linked = Path::new("mail/example.org/jdoe");
        assert!(survey.locate(linked).is_err(), "found by its name");
        assert!(survey.locate(Path::new("mail/absent")).unwrap().is_none());
        assert!(survey.locate(linked).is_err(), "found in the listing");
        assert!(survey.exists(linked).is_err());
        assert!(survey.locate(Path::new("mail/Example.ORG/jdoe")).is_err());
        assert!(survey.locate(Path::new("mail/../elsewhere")).is_err());
    }

    #[test]
    fn a_mailbox_missing_behind_a_link_is_not_there_but_exists_refuses_the_link() {
        let (tmp, store) = linked_out(&["mail", "elsewhere"], "mail/example.net");
        let survey = store.survey();
        let missing = Path::new("mail/example.net/newbie");
        assert_eq!(survey.locate(missing).unwrap(), None);
        assert!(survey.exists(missing).is_err());
        std::fs::create_dir(tmp.path().join("elsewhere/newbie")).unwrap();
        assert!(store.survey().locate(missing).is_err());
    }

    #[test]
    fn each_survey_sees_the_folders_as_they_are_when_it_looks() {
        let (tmp, store) = store_with(&["mail/example.com/jdoe"]);
        let first = store.survey();
        assert_eq!(
            first.locate(Path::new("mail/example.com/FHill")).unwrap(),
            None
        );
        std::fs::create_dir(tmp.path().join("mail/example.com/fhill")).unwrap();
        // A run finished an interrupted one between two plans.
        assert_eq!(
            store
                .survey()
                .locate(Path::new("mail/example.com/FHill"))
                .unwrap(),
            Some(PathBuf::from("mail/example.com/fhill"))
        );
    }

    #[test]
    fn two_names_but_for_case_are_refused_when_neither_is_written() {
        let (_tmp, store) = store_with(&["mail/example.com/Bob", "mail/example.com/BOB"]);
        let survey = store.survey();
        assert!(survey.locate(Path::new("mail/example.com/bob")).is_err());
        assert_eq!(
            survey.locate(Path::new("mail/example.com/BOB")).unwrap(),
            Some(PathBuf::from("mail/example.com/BOB"))
        );
    }
}
