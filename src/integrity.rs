//! The integrity check (SPEC §14): what `mailuser check` finds wrong in a
//! store and its directory, as `pwck` does for the password files.
//!
//! One function per class of problem. Those about the directory alone are
//! pure; those about the disk only list folders and look at the type of
//! entries: they never follow a symbolic link, never open anything that is
//! not a regular file (a FIFO would block), never read a message, and never
//! write. The whole check takes no lock: a run in progress (the store lock
//! held) is noted, and its journal and trash are left alone.
//!
//! Names are compared as the rest of mailuser compares them: by their full
//! Unicode lowercase, so `JDoe@Example.com` is `jdoe@example.com`.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::fs::{FileType, TryLockError};
use std::io::ErrorKind;
use std::path::{Component, Path, PathBuf};

use serde::Serialize;

use crate::directory::{Directory, Role, User};
use crate::output::{plural, plural_count};
use crate::store::{Store, journal};

/// A class of problem. The names ([`Class::as_str`]) are stable: scripts
/// may match on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// An alias delivers to an address of the directory's own domains that
    /// is no account.
    AliasToNoAccount,
    /// An account forwards to an address of the directory's own domains
    /// that is no account.
    ForwardToNoAccount,
    /// An account is in a group that the directory does not define.
    UndefinedGroup,
    /// A group gives a role (above `none`) but has no members.
    EmptyGroupWithRole,
    /// Two accounts whose addresses differ only by case.
    CaseDuplicate,
    /// Not exactly one `built-in` administrator.
    BuiltInCount,
    /// More enabled accounts than license seats.
    SeatsExceeded,
    /// An account's custom `mailbox` path does not exist.
    MissingMailbox,
    /// One mailbox path is the mailbox of two or more accounts.
    SharedMailbox,
    /// A mailbox lies inside another account's mailbox.
    NestedMailbox,
    /// A mailbox lies behind a symbolic link or outside `mail/`.
    UnsafeMailboxPath,
    /// A kept mailbox `mail/<domain>/<name>` that no account owns.
    OrphanMailbox,
    /// An IM folder `im/<domain>/<name>` that no account owns.
    OrphanIm,
    /// A run was interrupted and waits to be finished.
    InterruptedRun,
    /// Something left in `.trash/` by no unfinished run.
    TrashLeftover,
    /// A store file or folder of the wrong type (a link, a FIFO, a file
    /// where a folder belongs, ...).
    WrongFileType,
    /// A folder or file the check must read cannot be read.
    Unreadable,
}

impl Class {
    /// Every class, in the order findings are reported.
    pub const ALL: [Class; 17] = [
        Class::AliasToNoAccount,
        Class::ForwardToNoAccount,
        Class::UndefinedGroup,
        Class::EmptyGroupWithRole,
        Class::CaseDuplicate,
        Class::BuiltInCount,
        Class::SeatsExceeded,
        Class::MissingMailbox,
        Class::SharedMailbox,
        Class::NestedMailbox,
        Class::UnsafeMailboxPath,
        Class::OrphanMailbox,
        Class::OrphanIm,
        Class::InterruptedRun,
        Class::TrashLeftover,
        Class::WrongFileType,
        Class::Unreadable,
    ];

    /// The stable kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::AliasToNoAccount => "alias-to-no-account",
            Class::ForwardToNoAccount => "forward-to-no-account",
            Class::UndefinedGroup => "undefined-group",
            Class::EmptyGroupWithRole => "empty-group-with-role",
            Class::CaseDuplicate => "case-duplicate",
            Class::BuiltInCount => "built-in-count",
            Class::SeatsExceeded => "seats-exceeded",
            Class::MissingMailbox => "missing-mailbox",
            Class::SharedMailbox => "shared-mailbox",
            Class::NestedMailbox => "nested-mailbox",
            Class::UnsafeMailboxPath => "unsafe-mailbox-path",
            Class::OrphanMailbox => "orphan-mailbox",
            Class::OrphanIm => "orphan-im",
            Class::InterruptedRun => "interrupted-run",
            Class::TrashLeftover => "trash-leftover",
            Class::WrongFileType => "wrong-file-type",
            Class::Unreadable => "unreadable",
        }
    }
}

impl Serialize for Class {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One problem: its class, what it is about (an account, alias, group or
/// path relative to the store), what is wrong, and the command that fixes
/// it where there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub class: Class,
    pub subject: String,
    pub problem: String,
    pub fix: Option<String>,
}

impl Finding {
    fn new(class: Class, subject: impl Into<String>, problem: impl Into<String>) -> Finding {
        Finding {
            class,
            subject: subject.into(),
            problem: problem.into(),
            fix: None,
        }
    }

    fn fix(mut self, fix: Option<String>) -> Finding {
        self.fix = fix;
        self
    }
}

/// What a check found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Sorted by class (in [`Class::ALL`] order), then as found.
    pub findings: Vec<Finding>,
    /// Another run held the store lock: its journal and trash were not
    /// checked, and what it was changing may show up half done.
    pub run_in_progress: bool,
}

impl Report {
    /// The number of findings of each class that has any, in class order.
    pub fn counts(&self) -> Vec<(Class, usize)> {
        Class::ALL
            .iter()
            .map(|&class| {
                let n = self.findings.iter().filter(|f| f.class == class).count();
                (class, n)
            })
            .filter(|&(_, n)| n > 0)
            .collect()
    }
}

/// Checks the store at `root` (opened as `store`) and its directory `dir`,
/// loaded from `directory_file`; `log_dir` holds `warning.log`.
pub fn check(
    root: &Path,
    store: &Store,
    directory_file: &Path,
    dir: &Directory,
    log_dir: &Path,
) -> Report {
    let mut findings = Vec::new();
    let lock_before = lock_state(root, &mut findings);
    let journal = journal_and_trash(root, store, lock_before != LockState::Free);
    findings.extend(journal.findings);

    let accounts = Accounts::new(&dir.users);
    let targets = Targets::new(dir);
    findings.extend(alias_to_no_account(dir, &accounts, &targets));
    findings.extend(forward_to_no_account(dir, &accounts, &targets));
    let memberships = Memberships::new(dir);
    // A CSV directory has no group table: its group names cannot be checked.
    let is_csv = directory_file.extension().is_some_and(|e| e == "csv");
    if dir.groups.is_some() || !is_csv {
        findings.extend(undefined_groups(dir, &memberships));
    }
    findings.extend(empty_groups_with_role(dir, &memberships));
    findings.extend(case_duplicates(dir, &accounts));
    let file_name = directory_file
        .file_name()
        .unwrap_or_default()
        .to_string_lossy();
    findings.extend(built_in_count(dir, &file_name));
    findings.extend(seats_exceeded(dir));

    let layout = Layout::new(&dir.users);
    findings.extend(shared_mailboxes(dir, &layout, &accounts));
    findings.extend(nested_mailboxes(dir, &layout, &accounts));
    findings.extend(custom_mailbox_paths(root, dir));
    findings.extend(mail_tree(root, dir, &accounts, &layout, &journal.pending));
    findings.extend(im_tree(root, &accounts, &journal.pending));
    findings.extend(store_files(root, directory_file, log_dir));

    // A run that took the lock while the check was looking counts too.
    let in_progress =
        lock_before != LockState::Free || lock_state(root, &mut Vec::new()) != LockState::Free;
    if in_progress {
        // The journal and the trash are that run's: nothing there is wrong.
        findings.retain(|f| !of_the_journal(f));
    }
    findings.sort_by_key(|f| f.class);
    Report {
        findings,
        run_in_progress: in_progress,
    }
}

/// Whether `finding` is about the journal or the trash, which belong to a
/// run in progress.
fn of_the_journal(finding: &Finding) -> bool {
    match finding.class {
        Class::InterruptedRun | Class::TrashLeftover => true,
        Class::Unreadable => finding.subject.starts_with(".journal"),
        _ => false,
    }
}

/// `text` in full Unicode lowercase, borrowed when it already is.
fn fold(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        if text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(text.to_ascii_lowercase())
        } else {
            Cow::Borrowed(text)
        }
    } else {
        Cow::Owned(text.to_lowercase())
    }
}

/// A case-folded `(name, domain)` pair. Folding the two apart gives the
/// same as folding `name@domain`: `@` is neither cased nor case-ignorable.
type Key<'a> = (Cow<'a, str>, Cow<'a, str>);

/// Splits `name@domain` into its folded key; `None` without an `@`.
fn address_key(address: &str) -> Option<Key<'_>> {
    let (name, domain) = address.rsplit_once('@')?;
    Some((fold(name), fold(domain)))
}

/// The multiply-rotate hash of rustc (FxHash): several times faster than
/// std's SipHash on short names, and the input is the store's own
/// directory, so flooding the table on purpose gains no one anything.
#[derive(Default, Clone, Copy)]
struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last) ^ rest.len() as u64);
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type Fast = std::hash::BuildHasherDefault<FxHasher>;
type FastMap<K, V> = HashMap<K, V, Fast>;
type FastSet<K> = HashSet<K, Fast>;

/// Looks a key up in a map whose keys live longer: maps are covariant, so
/// both meet at the shorter lifetime.
fn get<'x, K, V>(map: &'x FastMap<K, V>, key: &K) -> Option<&'x V>
where
    K: std::hash::Hash + Eq,
{
    map.get(key)
}

/// The hash of `name@domain` folded, without a copy for ASCII names.
fn fold_hash(name: &str, domain: &str) -> u64 {
    let mut hasher = FxHasher::default();
    for part in [name, domain] {
        if part.is_ascii() && part.len() <= 64 {
            let mut buf = [0u8; 64];
            let buf = &mut buf[..part.len()];
            buf.copy_from_slice(part.as_bytes());
            buf.make_ascii_lowercase();
            std::hash::Hasher::write(&mut hasher, buf);
        } else {
            std::hash::Hasher::write(&mut hasher, part.to_lowercase().as_bytes());
        }
        std::hash::Hasher::write_u8(&mut hasher, 0xff);
    }
    std::hash::Hasher::finish(&hasher)
}

/// Whether two names are equal in full Unicode lowercase.
fn same(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        fold(a) == fold(b)
    }
}

/// The accounts by folded address. Keys are hashes, so 100,000 accounts
/// take no copy of their names; the names are compared on a hit.
pub struct Accounts<'a> {
    users: &'a [User],
    by_hash: FastMap<u64, u32>,
    /// Other addresses with a hash already taken (hardly ever any).
    more: FastMap<u64, Vec<u32>>,
    /// Records whose folded address an earlier record has: (first, later).
    duplicates: Vec<(usize, usize)>,
}

impl<'a> Accounts<'a> {
    pub fn new(users: &'a [User]) -> Accounts<'a> {
        let mut accounts = Accounts {
            users,
            by_hash: FastMap::with_capacity_and_hasher(users.len(), Fast::default()),
            more: FastMap::default(),
            duplicates: Vec::new(),
        };
        for (i, user) in users.iter().enumerate() {
            let hash = fold_hash(&user.name, &user.domain);
            match accounts.by_hash.entry(hash) {
                Entry::Vacant(slot) => {
                    slot.insert(i as u32);
                }
                Entry::Occupied(_) => match accounts.lookup(hash, &user.name, &user.domain) {
                    Some(first) => accounts.duplicates.push((first, i)),
                    None => accounts.more.entry(hash).or_default().push(i as u32),
                },
            }
        }
        accounts
    }

    fn lookup(&self, hash: u64, name: &str, domain: &str) -> Option<usize> {
        let first = self.by_hash.get(&hash).into_iter();
        let more = self.more.get(&hash).into_iter().flatten();
        first.chain(more).map(|&i| i as usize).find(|&i| {
            let user = &self.users[i];
            same(&user.name, name) && same(&user.domain, domain)
        })
    }

    /// The first account `name@domain`, ignoring case.
    fn find(&self, name: &str, domain: &str) -> Option<usize> {
        self.lookup(fold_hash(name, domain), name, domain)
    }
}

/// The directory's own domains, and the addresses there that take mail
/// besides accounts: aliases and groups. An address of another domain is
/// another server's business.
pub struct Targets<'a> {
    own_domains: FastSet<Cow<'a, str>>,
    others: FastMap<Key<'a>, ()>,
}

impl<'a> Targets<'a> {
    pub fn new(dir: &'a Directory) -> Targets<'a> {
        let mut own_domains: FastSet<Cow<'a, str>> = FastSet::default();
        let mut others = FastMap::default();
        for user in &dir.users {
            if !own_domains.contains(&*user.domain) {
                own_domains.insert(fold(&user.domain));
            }
        }
        for alias in dir.aliases.iter().flatten() {
            if let Some(key) = address_key(&alias.alias) {
                own_domains.insert(key.1.clone());
                others.insert(key, ());
            }
        }
        for group in dir.groups.iter().flatten() {
            own_domains.insert(fold(&group.domain));
            others.insert((fold(&group.name), fold(&group.domain)), ());
        }
        Targets {
            own_domains,
            others,
        }
    }

    /// Whether `address` is of one of the directory's own domains and is
    /// no account, alias or group there.
    fn undeliverable(&self, accounts: &Accounts<'_>, address: &str) -> bool {
        let Some((name, domain)) = address_key(address) else {
            return false;
        };
        self.own_domains.contains(&*domain)
            && accounts.find(&name, &domain).is_none()
            && get(&self.others, &(name, domain)).is_none()
    }
}

/// `text` as one shell word: as it is when it is safe, else single-quoted.
fn shell_word(text: &str) -> String {
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || "._-+@=,:%".contains(c))
    {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// Whether `name@domain` could be given to `mailuser add`: the rules for
/// names that become folders (no separators, `..`, `@`, control
/// characters, leading dot or surrounding spaces).
fn addable(name: &str, domain: &str) -> bool {
    [name, domain].iter().all(|part| {
        !part.is_empty()
            && part.len() <= 255
            && !part.contains(['/', '\\', '@'])
            && !part.contains("..")
            && !part.starts_with('.')
            && !part.chars().any(char::is_control)
            && part.trim() == *part
    })
}

/// `mailuser add X` followed by `then` (a removal of X), when X can be
/// added.
fn add_then(name: &str, domain: &str, then: &str) -> Option<String> {
    addable(name, domain).then(|| {
        let address = shell_word(&format!("{name}@{domain}"));
        format!("mailuser add {address} && mailuser remove {address} {then}")
    })
}

/// The fix for references to an address that is no account: create it,
/// then remove it with `--purge-settings`, which deletes every reference.
fn purge_fix(address: &str) -> Option<String> {
    let (name, domain) = address.rsplit_once('@')?;
    add_then(name, domain, "--keep-mailbox --purge-settings")
}

/// Class `alias-to-no-account`.
pub fn alias_to_no_account(
    dir: &Directory,
    accounts: &Accounts<'_>,
    targets: &Targets<'_>,
) -> Vec<Finding> {
    let mut found = Vec::new();
    for alias in dir.aliases.iter().flatten() {
        for to in &alias.deliver_to {
            if targets.undeliverable(accounts, to) {
                found.push(
                    Finding::new(
                        Class::AliasToNoAccount,
                        &alias.alias,
                        format!("delivers to {to}, which is no account"),
                    )
                    .fix(purge_fix(to)),
                );
            }
        }
    }
    found
}

/// Class `forward-to-no-account`.
pub fn forward_to_no_account(
    dir: &Directory,
    accounts: &Accounts<'_>,
    targets: &Targets<'_>,
) -> Vec<Finding> {
    let mut found = Vec::new();
    for user in &dir.users {
        for to in user.forwards() {
            if targets.undeliverable(accounts, to) {
                found.push(
                    Finding::new(
                        Class::ForwardToNoAccount,
                        user.address().to_string(),
                        format!("forwards to {to}, which is no account"),
                    )
                    .fix(purge_fix(to)),
                );
            }
        }
    }
    found
}

/// Who is in which group, from one pass over the accounts.
pub struct Memberships {
    /// Whether each group of `dir.groups` has a member.
    has_members: Vec<bool>,
    /// (account, group name) of each membership the group table lacks.
    undefined: Vec<(usize, usize)>,
}

impl Memberships {
    pub fn new(dir: &Directory) -> Memberships {
        let groups = dir.groups.as_deref().unwrap_or_default();
        let table: FastMap<Key<'_>, usize> = groups
            .iter()
            .enumerate()
            .map(|(i, g)| ((fold(&g.name), fold(&g.domain)), i))
            .collect();
        let mut has_members = vec![false; groups.len()];
        let mut undefined = Vec::new();
        for (i, user) in dir.users.iter().enumerate() {
            let names = user.group_names();
            if names.is_empty() {
                continue;
            }
            let domain = fold(&user.domain);
            for (n, group) in names.iter().enumerate() {
                match get(&table, &(fold(group), domain.clone())) {
                    Some(&g) => has_members[g] = true,
                    None => undefined.push((i, n)),
                }
            }
        }
        Memberships {
            has_members,
            undefined,
        }
    }
}

/// Class `undefined-group`: a group an account names is not in the group
/// table of its domain (a JSON directory without `groups` defines none).
pub fn undefined_groups(dir: &Directory, memberships: &Memberships) -> Vec<Finding> {
    memberships
        .undefined
        .iter()
        .map(|&(i, n)| {
            let user = &dir.users[i];
            Finding::new(
                Class::UndefinedGroup,
                user.address().to_string(),
                format!(
                    "is in the group {}, which {} does not define",
                    user.group_names()[n],
                    user.domain
                ),
            )
        })
        .collect()
}

/// Class `empty-group-with-role`: a group that gives a role above `none`
/// to nobody.
pub fn empty_groups_with_role(dir: &Directory, memberships: &Memberships) -> Vec<Finding> {
    dir.groups
        .iter()
        .flatten()
        .zip(&memberships.has_members)
        .filter(|(g, has)| !**has && g.role.unwrap_or_default() > Role::None)
        .map(|(g, _)| {
            Finding::new(
                Class::EmptyGroupWithRole,
                format!("{}@{}", g.name, g.domain),
                format!(
                    "gives the role {} but has no members",
                    g.role.unwrap_or_default().as_str()
                ),
            )
        })
        .collect()
}

/// Class `case-duplicate`: addresses equal in lowercase. With default
/// paths they share one mailbox too, which is said here rather than again
/// as `shared-mailbox`.
pub fn case_duplicates(dir: &Directory, accounts: &Accounts<'_>) -> Vec<Finding> {
    accounts
        .duplicates
        .iter()
        .map(|&(first, later)| {
            let (a, b) = (&dir.users[first], &dir.users[later]);
            let mut problem = format!("differs from {} only by case", a.address());
            if a.mailbox.is_none() && b.mailbox.is_none() {
                problem.push_str(", and both have the mailbox ");
                problem.push_str(&rel_display(&Store::mailbox_rel(a)));
            }
            Finding::new(Class::CaseDuplicate, b.address().to_string(), problem)
        })
        .collect()
}

/// Class `built-in-count`: exactly one account must be `built-in`.
pub fn built_in_count(dir: &Directory, directory_name: &str) -> Vec<Finding> {
    let built_in: Vec<String> = dir
        .users
        .iter()
        .filter(|u| u.own_role() == Role::BuiltIn)
        .map(|u| u.address().to_string())
        .collect();
    let problem = match built_in.len() {
        1 => return Vec::new(),
        0 => "has no built-in administrator".to_string(),
        n => format!(
            "has {n} built-in administrators ({}); there must be one",
            built_in.join(", ")
        ),
    };
    vec![Finding::new(Class::BuiltInCount, directory_name, problem)]
}

/// Class `seats-exceeded`: every enabled account but the built-in
/// administrator takes a seat.
pub fn seats_exceeded(dir: &Directory) -> Vec<Finding> {
    let seats = dir.seats();
    match seats.total {
        Some(total) if seats.used as u64 > total => vec![Finding::new(
            Class::SeatsExceeded,
            "license",
            format!(
                "{} {} a seat, but the license has {}: disable or remove {}",
                plural_count(seats.used, "enabled account"),
                plural(seats.used, "takes|take"),
                plural_count(total, "seat"),
                seats.used as u64 - total
            ),
        )],
        _ => Vec::new(),
    }
}

/// `mail/a/b` with forward slashes, whatever the platform.
fn rel_display(rel: &Path) -> String {
    rel.to_string_lossy().replace('\\', "/")
}

/// Up to three items, then how many more.
fn some_of(items: &[String]) -> String {
    let mut text = items.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
    if items.len() > 3 {
        text.push_str(&format!(" and {} more", items.len() - 3));
    }
    text
}

/// Folded path components below `mail/`.
type Parts<'a> = Vec<Cow<'a, str>>;

/// Where the custom `mailbox` paths are, folded.
pub struct Layout<'a> {
    /// (account index, folded components), in directory order.
    custom: Vec<(usize, Parts<'a>)>,
    /// The accounts of each custom path.
    by_path: FastMap<Parts<'a>, Vec<usize>>,
    /// The folders that hold a custom path (its proper prefixes).
    holders: HashSet<Parts<'a>>,
}

impl<'a> Layout<'a> {
    pub fn new(users: &'a [User]) -> Layout<'a> {
        let custom: Vec<(usize, Parts<'a>)> = users
            .iter()
            .enumerate()
            .filter_map(|(i, u)| {
                let path = u.mailbox.as_deref()?;
                Some((i, path.split(['/', '\\']).map(fold).collect()))
            })
            .collect();
        let mut by_path: FastMap<Parts<'a>, Vec<usize>> = FastMap::default();
        let mut holders = HashSet::new();
        for (i, parts) in &custom {
            by_path.entry(parts.clone()).or_default().push(*i);
            holders.extend((1..parts.len()).map(|n| parts[..n].to_vec()));
        }
        Layout {
            custom,
            by_path,
            holders,
        }
    }

    /// The accounts whose custom mailbox is `parts`.
    fn owners(&self, parts: &Parts<'_>) -> Vec<usize> {
        get(&self.by_path, parts).cloned().unwrap_or_default()
    }

    fn holds_custom(&self, parts: &Parts<'_>) -> bool {
        let holders: &HashSet<Parts<'_>> = &self.holders;
        holders.contains(parts)
    }
}

/// The account whose default mailbox is `mail/<domain>/<name>` (`parts`).
fn default_owner(
    parts: &[Cow<'_, str>],
    accounts: &Accounts<'_>,
    dir: &Directory,
) -> Option<usize> {
    let [domain, name] = parts else { return None };
    accounts
        .find(name, domain)
        .filter(|&i| dir.users[i].mailbox.is_none())
}

/// Class `shared-mailbox`: one path, the mailbox of several accounts
/// (custom paths equal to each other or to another account's default).
pub fn shared_mailboxes(
    dir: &Directory,
    layout: &Layout<'_>,
    accounts: &Accounts<'_>,
) -> Vec<Finding> {
    let mut found = Vec::new();
    let mut done = HashSet::new();
    for (i, parts) in &layout.custom {
        if !done.insert(parts) {
            continue;
        }
        let mut owners = layout.owners(parts);
        owners.extend(default_owner(parts, accounts, dir));
        if owners.len() < 2 {
            continue;
        }
        let names: Vec<String> = owners
            .iter()
            .map(|&o| dir.users[o].address().to_string())
            .collect();
        found.push(Finding::new(
            Class::SharedMailbox,
            rel_display(&Store::mailbox_rel(&dir.users[*i])),
            format!("is the mailbox of {}", names.join(", ")),
        ));
    }
    found
}

/// Class `nested-mailbox`: a mailbox inside another account's mailbox
/// (custom in custom, custom in default, or defaults in a custom path of
/// one level, `mail/<x>`).
pub fn nested_mailboxes(
    dir: &Directory,
    layout: &Layout<'_>,
    accounts: &Accounts<'_>,
) -> Vec<Finding> {
    let mut found = Vec::new();
    let mut swallowing: HashMap<&Cow<'_, str>, (usize, Vec<String>)> = layout
        .custom
        .iter()
        .filter(|(_, parts)| parts.len() == 1)
        .map(|(i, parts)| (&parts[0], (*i, Vec::new())))
        .collect();
    if !swallowing.is_empty() {
        for user in dir.users.iter().filter(|u| u.mailbox.is_none()) {
            if let Some((_, inner)) = swallowing.get_mut(&fold(&user.domain)) {
                inner.push(user.address().to_string());
            }
        }
    }
    for (i, parts) in &layout.custom {
        let user = &dir.users[*i];
        let mine = rel_display(&Store::mailbox_rel(user));
        // The nearest other account whose mailbox holds this one.
        let outer = (1..parts.len()).rev().find_map(|n| {
            let prefix = parts[..n].to_vec();
            let custom = layout.owners(&prefix).into_iter().find(|&o| o != *i);
            custom.or_else(|| default_owner(&prefix, accounts, dir).filter(|&o| o != *i))
        });
        if let Some(o) = outer {
            let other = &dir.users[o];
            found.push(Finding::new(
                Class::NestedMailbox,
                user.address().to_string(),
                format!(
                    "its mailbox {mine} lies inside {}, the mailbox of {}",
                    rel_display(&Store::mailbox_rel(other)),
                    other.address()
                ),
            ));
        }
        if let [top] = &parts[..]
            && let Some((outer, inner)) = swallowing.get(top)
            && outer == i
            && !inner.is_empty()
        {
            found.push(Finding::new(
                Class::NestedMailbox,
                user.address().to_string(),
                format!(
                    "its mailbox {mine} holds the {} of {} ({})",
                    plural(inner.len(), "mailbox"),
                    plural_count(inner.len(), "other account"),
                    some_of(inner)
                ),
            ));
        }
    }
    found
}

/// What an entry of the store is, without following a link.
#[derive(Debug)]
enum Kind {
    Missing,
    Folder,
    File,
    Link,
    /// A FIFO, socket or device.
    Special(&'static str),
    Unreadable(std::io::Error),
}

impl Kind {
    fn of(path: &Path) -> Kind {
        match std::fs::symlink_metadata(path) {
            Ok(meta) => Kind::from_type(meta.file_type()),
            Err(e) if e.kind() == ErrorKind::NotFound => Kind::Missing,
            Err(e) => Kind::Unreadable(e),
        }
    }

    fn from_type(kind: FileType) -> Kind {
        if kind.is_symlink() {
            Kind::Link
        } else if kind.is_dir() {
            Kind::Folder
        } else if kind.is_file() {
            Kind::File
        } else {
            Kind::Special(special_name(kind))
        }
    }

    fn describe(&self) -> &'static str {
        match self {
            Kind::Missing => "missing",
            Kind::Folder => "a folder",
            Kind::File => "a regular file",
            Kind::Link => "a symbolic link",
            Kind::Special(what) => what,
            Kind::Unreadable(_) => "unreadable",
        }
    }
}

#[cfg(unix)]
fn special_name(kind: FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a device"
    }
}

#[cfg(not(unix))]
fn special_name(_kind: FileType) -> &'static str {
    "a special file"
}

fn unreadable(subject: impl Into<String>, error: &std::io::Error) -> Finding {
    Finding::new(
        Class::Unreadable,
        subject,
        format!("cannot be read: {error}"),
    )
}

/// Class `wrong-file-type` for `subject`, which is `kind` and should be
/// `should_be` (`unreadable` when its type cannot even be read).
fn wrong_type(subject: &str, kind: &Kind, should_be: &str) -> Finding {
    if let Kind::Unreadable(e) = kind {
        return unreadable(subject, e);
    }
    let link = if matches!(kind, Kind::Link) {
        ", and mailuser does not follow links"
    } else {
        ""
    };
    Finding::new(
        Class::WrongFileType,
        subject,
        format!("is {}; it should be {should_be}{link}", kind.describe()),
    )
}

/// Classes `missing-mailbox` (a custom path that does not exist or is not
/// a folder) and `unsafe-mailbox-path` (one that leads out of `mail/`, or
/// through a symbolic link). Only custom paths are looked at here: a
/// missing default folder is an account that got no mail yet, and links on
/// default paths are found by listing `mail/`.
pub fn custom_mailbox_paths(root: &Path, dir: &Directory) -> Vec<Finding> {
    let mut found = Vec::new();
    if !matches!(Kind::of(&root.join("mail")), Kind::Folder) {
        // Said once by `mail_tree`.
        return found;
    }
    // Each folder on the way is looked at once, however many paths pass it.
    let mut kinds: HashMap<PathBuf, Kind> = HashMap::new();
    for user in dir.users.iter().filter(|u| u.mailbox.is_some()) {
        let rel = Store::mailbox_rel(user);
        let shown = rel_display(&rel);
        let subject = user.address().to_string();
        if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
            found.push(Finding::new(
                Class::UnsafeMailboxPath,
                subject,
                format!("its mailbox {shown} leads outside mail/"),
            ));
            continue;
        }
        let mut at = PathBuf::new();
        for part in rel.components() {
            at.push(part);
            let kind = kinds
                .entry(at.clone())
                .or_insert_with(|| Kind::of(&root.join(&at)));
            let problem = match kind {
                Kind::Folder => continue,
                Kind::Link => {
                    found.push(Finding::new(
                        Class::UnsafeMailboxPath,
                        subject,
                        format!(
                            "its mailbox {shown} lies behind the symbolic link {}, \
                             which mailuser does not follow",
                            rel_display(&at)
                        ),
                    ));
                    break;
                }
                Kind::Unreadable(e) => {
                    found.push(unreadable(rel_display(&at), e));
                    break;
                }
                Kind::Missing => format!("its mailbox {shown} does not exist"),
                other if at == rel => {
                    format!("its mailbox {shown} is {}, not a folder", other.describe())
                }
                other => format!(
                    "its mailbox {shown} cannot exist: {} is {}",
                    rel_display(&at),
                    other.describe()
                ),
            };
            found.push(Finding::new(Class::MissingMailbox, subject, problem));
            break;
        }
    }
    found
}

/// The entries of `root/rel` with their own types (links not followed),
/// sorted by name. A folder that cannot be listed is a finding.
fn entries(root: &Path, rel: &Path, found: &mut Vec<Finding>) -> Vec<(String, Kind)> {
    let read = match std::fs::read_dir(root.join(rel)) {
        Ok(read) => read,
        Err(e) if e.kind() == ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            found.push(unreadable(rel_display(rel), &e));
            return Vec::new();
        }
    };
    let mut all = Vec::new();
    for entry in read {
        match entry {
            Ok(entry) => {
                let kind = entry
                    .file_type()
                    .map_or_else(Kind::Unreadable, Kind::from_type);
                all.push((entry.file_name().to_string_lossy().into_owned(), kind));
            }
            Err(e) => {
                found.push(unreadable(rel_display(rel), &e));
                break;
            }
        }
    }
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

/// The entries of a folder of `mail/` or `im/`, sorted by name: real
/// folders, links, and hidden entries apart. Files are not mailboxes.
#[derive(Debug, Default)]
struct Listing {
    folders: Vec<String>,
    links: Vec<String>,
    hidden: Vec<String>,
}

/// Lists `root/rel`, which the caller knows to be a real folder.
fn list(root: &Path, rel: &Path, found: &mut Vec<Finding>) -> Listing {
    let mut listing = Listing::default();
    for (name, kind) in entries(root, rel, found) {
        match kind {
            _ if name.starts_with('.') => listing.hidden.push(name),
            Kind::Link => listing.links.push(name),
            Kind::Folder => listing.folders.push(name),
            Kind::Unreadable(e) => found.push(unreadable(rel_display(&rel.join(&name)), &e)),
            _ => {}
        }
    }
    listing
}

/// Classes `orphan-mailbox`, `unsafe-mailbox-path` (links on default
/// paths), `wrong-file-type` (other links) and `trash-leftover` (trash
/// beside a mailbox), from listing `mail/` and `mail/<domain>/` only: no
/// mailbox is opened. `pending` are the unfinished runs, whose trash is
/// not left over.
pub fn mail_tree(
    root: &Path,
    dir: &Directory,
    accounts: &Accounts<'_>,
    layout: &Layout<'_>,
    pending: &HashSet<String>,
) -> Vec<Finding> {
    let mut found = Vec::new();
    let mail = Path::new("mail");
    match Kind::of(&root.join(mail)) {
        Kind::Folder => {}
        Kind::Missing => return found,
        Kind::Link if !dir.users.is_empty() => {
            let names: Vec<String> = dir.users.iter().map(|u| u.address().to_string()).collect();
            return vec![Finding::new(
                Class::UnsafeMailboxPath,
                "mail",
                format!(
                    "is a symbolic link, which mailuser does not follow; every mailbox lies \
                     behind it ({})",
                    some_of(&names)
                ),
            )];
        }
        other => return vec![wrong_type("mail", &other, "a folder")],
    }
    let top = list(root, mail, &mut found);
    for name in &top.links {
        found.extend(mail_link(dir, layout, None, name));
    }
    for domain in &top.folders {
        let folded_domain = fold(domain);
        if !layout.owners(&vec![folded_domain.clone()]).is_empty() {
            // mail/<x> is itself a mailbox: what is inside is its own.
            continue;
        }
        let rel = mail.join(domain);
        let listing = list(root, &rel, &mut found);
        found.extend(trash_siblings(&rel, &listing.hidden, pending));
        for name in &listing.links {
            found.extend(mail_link(dir, layout, Some(domain), name));
        }
        for name in &listing.folders {
            let parts = vec![folded_domain.clone(), fold(name)];
            let owned = default_owner(&parts, accounts, dir).is_some()
                || !layout.owners(&parts).is_empty()
                || layout.holds_custom(&parts);
            if owned {
                continue;
            }
            // An account that has this address but another mailbox cannot
            // be added again.
            let fix = accounts
                .find(name, domain)
                .is_none()
                .then(|| add_then(name, domain, "--delete-mailbox"))
                .flatten();
            found.push(
                Finding::new(
                    Class::OrphanMailbox,
                    rel_display(&rel.join(name)),
                    format!("kept mailbox of {name}@{domain}, which is no account"),
                )
                .fix(fix),
            );
        }
    }
    found
}

/// A symbolic link in `mail/` (`domain` is `None`) or `mail/<domain>/`:
/// unsafe for the accounts whose default mailbox lies at or behind it.
/// `None` when custom paths go through it: [`custom_mailbox_paths`] names
/// those accounts.
fn mail_link(
    dir: &Directory,
    layout: &Layout<'_>,
    domain: Option<&str>,
    name: &str,
) -> Option<Finding> {
    let link: Parts<'_> = domain.into_iter().chain([name]).map(fold).collect();
    if layout
        .custom
        .iter()
        .any(|(_, parts)| parts.starts_with(&link))
    {
        return None;
    }
    let (rel, behind): (String, Vec<String>) = match domain {
        None => (
            format!("mail/{name}"),
            dir.users
                .iter()
                .filter(|u| u.mailbox.is_none() && *u.domain == *name)
                .map(|u| u.address().to_string())
                .collect(),
        ),
        Some(domain) => (
            format!("mail/{domain}/{name}"),
            dir.users
                .iter()
                .filter(|u| u.mailbox.is_none() && *u.domain == *domain && *u.name == *name)
                .map(|u| u.address().to_string())
                .collect(),
        ),
    };
    if behind.is_empty() {
        return Some(wrong_type(&rel, &Kind::Link, "a folder"));
    }
    Some(Finding::new(
        Class::UnsafeMailboxPath,
        rel,
        format!(
            "is a symbolic link, which mailuser does not follow; the mailbox of {} lies \
             behind it",
            some_of(&behind)
        ),
    ))
}

/// Class `trash-leftover` for a deletion's trash kept beside a mailbox (on
/// a file system other than the store's): `.<n>-<name>.mailuser-trash-<op>`
/// of a run that is not pending.
fn trash_siblings(rel: &Path, hidden: &[String], pending: &HashSet<String>) -> Vec<Finding> {
    hidden
        .iter()
        .filter_map(|name| {
            let (_, op) = name.rsplit_once(".mailuser-trash-")?;
            (!pending.contains(op)).then(|| {
                Finding::new(
                    Class::TrashLeftover,
                    rel_display(&rel.join(name)),
                    format!("deleted by the run {op}, which did not finish deleting it"),
                )
            })
        })
        .collect()
}

/// Classes `orphan-im`, `wrong-file-type` (links) and `trash-leftover`:
/// IM folders `im/<domain>/<name>` that no account owns.
pub fn im_tree(root: &Path, accounts: &Accounts<'_>, pending: &HashSet<String>) -> Vec<Finding> {
    let mut found = Vec::new();
    let im = Path::new("im");
    match Kind::of(&root.join(im)) {
        Kind::Folder => {}
        Kind::Missing => return found,
        other => return vec![wrong_type("im", &other, "a folder")],
    }
    let top = list(root, im, &mut found);
    for link in &top.links {
        found.push(wrong_type(&format!("im/{link}"), &Kind::Link, "a folder"));
    }
    for domain in &top.folders {
        let rel = im.join(domain);
        let listing = list(root, &rel, &mut found);
        found.extend(trash_siblings(&rel, &listing.hidden, pending));
        for link in &listing.links {
            found.push(wrong_type(
                &format!("im/{domain}/{link}"),
                &Kind::Link,
                "a folder",
            ));
        }
        for name in &listing.folders {
            if accounts.find(name, domain).is_some() {
                continue;
            }
            found.push(
                Finding::new(
                    Class::OrphanIm,
                    rel_display(&rel.join(name)),
                    format!("instant-messaging files of {name}@{domain}, which is no account"),
                )
                .fix(add_then(name, domain, "--keep-mailbox")),
            );
        }
    }
    found
}

/// Class `wrong-file-type` (or `unreadable`) for the store's own files:
/// the directory's backup, the warning log, `.journal` and `.trash`.
pub fn store_files(root: &Path, directory_file: &Path, log_dir: &Path) -> Vec<Finding> {
    let mut found = Vec::new();
    let mut expect = |subject: String, path: &Path, folder: bool| {
        let kind = Kind::of(path);
        let ok = match kind {
            Kind::Missing => true,
            Kind::Folder => folder,
            Kind::File => !folder,
            _ => false,
        };
        if !ok {
            let should_be = if folder { "a folder" } else { "a regular file" };
            found.push(wrong_type(&subject, &kind, should_be));
        }
    };
    let name = directory_file
        .file_name()
        .unwrap_or_default()
        .to_string_lossy();
    let backup = format!("{name}.bak");
    expect(backup.clone(), &root.join(&backup), false);
    // The log folder may be a link (often to a log volume), as for every
    // command; the log file itself must be a file.
    let log = log_dir.join("warning.log");
    let shown = log
        .strip_prefix(root)
        .map_or_else(|_| log.display().to_string(), rel_display);
    expect(shown, &log, false);
    for folder in [".journal", ".trash"] {
        expect(folder.to_string(), &root.join(folder), true);
    }
    found
}

/// Whether another run holds the store lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LockState {
    Free,
    Held,
    /// The lock cannot be tried: a run may be going on.
    Unknown,
}

/// Tries the store lock: a shared lock, released at once, so the check
/// never holds up a run for longer than a moment (and two checks never
/// hold up each other). No lock file means that no run ever started.
fn lock_state(root: &Path, found: &mut Vec<Finding>) -> LockState {
    let path = root.join(".mailuser.lock");
    match Kind::of(&path) {
        Kind::Missing => return LockState::Free,
        Kind::File => {}
        // Every run refuses a lock file that is not a file: none holds it.
        other => {
            found.push(wrong_type(".mailuser.lock", &other, "a regular file"));
            return LockState::Free;
        }
    }
    let file = match std::fs::File::open(&path) {
        Ok(file) => file,
        Err(e) => {
            found.push(unreadable(".mailuser.lock", &e));
            return LockState::Unknown;
        }
    };
    match file.try_lock_shared() {
        Ok(()) => {
            let _ = file.unlock();
            LockState::Free
        }
        Err(TryLockError::WouldBlock) => LockState::Held,
        Err(TryLockError::Error(e)) => {
            found.push(unreadable(".mailuser.lock", &e));
            LockState::Unknown
        }
    }
}

/// What `.journal/` and `.trash/` hold.
struct JournalState {
    findings: Vec<Finding>,
    /// The operations of the unfinished runs.
    pending: HashSet<String>,
}

/// Classes `interrupted-run` and `trash-leftover`, and `wrong-file-type`
/// or `unreadable` for what is in `.journal/` and `.trash/`. While a run
/// is in progress its records are not read: they are that run's.
fn journal_and_trash(root: &Path, store: &Store, in_progress: bool) -> JournalState {
    let mut found = Vec::new();
    let journal_ok = matches!(Kind::of(&store.journal_dir()), Kind::Folder);
    let trash_ok = matches!(Kind::of(&store.trash_dir()), Kind::Missing | Kind::Folder);
    let mut records = Vec::new();
    let mut all_regular = true;
    if journal_ok {
        for (name, kind) in entries(root, Path::new(".journal"), &mut found) {
            let is_record = name.ends_with(".json") && name.matches('.').count() == 1;
            match kind {
                Kind::File if is_record => records.push(name.trim_end_matches(".json").to_string()),
                Kind::File => {}
                other => {
                    all_regular &= !is_record;
                    let subject = format!(".journal/{name}");
                    found.push(wrong_type(&subject, &other, "a regular file"));
                }
            }
        }
    }
    let fix = Some("mailuser apply - < /dev/null".to_string());
    let waiting = |op: String, problem: String| {
        Finding::new(Class::InterruptedRun, op, problem).fix(fix.clone())
    };
    let generic = "an interrupted run waits to be finished by the next changing run";
    if !records.is_empty() && !in_progress {
        // `journal::pending` reads every record: only when each is a
        // regular file (a FIFO would block) and no folder is a link.
        match (all_regular && trash_ok).then(|| journal::pending(store)) {
            Some(Ok(intents)) => {
                records = intents.iter().map(|i| i.op.clone()).collect();
                for intent in intents {
                    let n = intent.log_lines.len();
                    let first = intent
                        .log_lines
                        .first()
                        .map(|l| format!("; the first: {l}"))
                        .unwrap_or_default();
                    found.push(waiting(
                        intent.op,
                        format!("{generic} ({}{first})", plural_count(n, "change")),
                    ));
                }
            }
            Some(Err(e)) => found.push(Finding::new(
                Class::Unreadable,
                ".journal",
                format!("holds a record that cannot be read ({e}); every changing run stops on it"),
            )),
            None => {
                for op in &records {
                    found.push(waiting(op.clone(), generic.to_string()));
                }
            }
        }
    }
    if trash_ok {
        for (name, kind) in entries(root, Path::new(".trash"), &mut found) {
            let op = name.split('.').next().unwrap_or_default();
            if records.iter().any(|r| r == op) {
                continue;
            }
            found.push(Finding::new(
                Class::TrashLeftover,
                format!(".trash/{name}"),
                format!(
                    "is {} left by a run that is not waiting to be finished; \
                     look inside, then delete it",
                    kind.describe()
                ),
            ));
        }
    }
    JournalState {
        findings: found,
        pending: records.into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A directory loaded from `users.json` text.
    fn directory(json: serde_json::Value) -> Directory {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("users.json");
        std::fs::write(&path, json.to_string()).unwrap();
        Directory::load(&path).unwrap()
    }

    fn subjects(found: &[Finding]) -> Vec<(&'static str, &str)> {
        found
            .iter()
            .map(|f| (f.class.as_str(), f.subject.as_str()))
            .collect()
    }

    #[test]
    fn class_names_are_distinct_and_kebab_case() {
        let names: HashSet<&str> = Class::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(names.len(), Class::ALL.len());
        for name in names {
            assert!(
                name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{name}"
            );
        }
        let json = serde_json::to_string(&Class::OrphanIm).unwrap();
        assert_eq!(json, "\"orphan-im\"");
        let mut sorted = Class::ALL;
        sorted.sort();
        assert_eq!(sorted, Class::ALL, "ALL is in report order");
    }

    #[test]
    fn folding_is_full_lowercase() {
        assert!(matches!(fold("jdoe"), Cow::Borrowed("jdoe")));
        assert_eq!(fold("JDoe"), "jdoe");
        assert_eq!(fold("ZOË"), "zoë");
        // A final sigma: `str::to_lowercase` knows the word's end.
        assert_eq!(fold("ΑΣ"), "ας");
        assert_eq!(
            address_key("JDoe@Example.COM"),
            Some(("jdoe".into(), "example.com".into()))
        );
        assert_eq!(address_key("no-at-sign"), None);
    }

    #[test]
    fn case_duplicates_are_those_of_full_lowercase() {
        let users = [
            User::new("ΑΣ", "example.com"),
            User::new("jdoe", "example.com"),
            User::new("ας", "Example.com"),
            User::new("jdoe", "example.org"),
        ];
        let accounts = Accounts::new(&users);
        assert_eq!(accounts.duplicates, [(0, 2)]);
        assert_eq!(accounts.find("JDOE", "EXAMPLE.ORG"), Some(3));
        assert_eq!(accounts.find("nobody", "example.org"), None);
    }

    #[test]
    fn references_count_only_the_directorys_own_domains() {
        let dir = directory(serde_json::json!({
            "users": [
                {"name": "admin", "domain": "example.com", "role": "built-in",
                 "forward_to": ["gone@example.com", "x@other.net", "team@example.com",
                                "sales@lists.example.com", "Admin@Example.com", "bad"]}
            ],
            "groups": [{"name": "team", "domain": "example.com"}],
            "aliases": [{"alias": "sales@lists.example.com",
                         "deliver_to": ["gone2@lists.example.com", "admin@example.com"]}]
        }));
        let accounts = Accounts::new(&dir.users);
        let targets = Targets::new(&dir);
        let forwards = forward_to_no_account(&dir, &accounts, &targets);
        assert_eq!(forwards.len(), 1);
        assert_eq!(
            forwards[0].problem,
            "forwards to gone@example.com, which is no account"
        );
        let aliases = alias_to_no_account(&dir, &accounts, &targets);
        assert_eq!(
            subjects(&aliases),
            [("alias-to-no-account", "sales@lists.example.com")]
        );
        assert_eq!(
            aliases[0].fix.as_deref(),
            Some(
                "mailuser add gone2@lists.example.com && mailuser remove \
                 gone2@lists.example.com --keep-mailbox --purge-settings"
            )
        );
    }

    #[test]
    fn fixes_are_shell_words() {
        assert_eq!(shell_word("zoë@example.org"), "zoë@example.org");
        assert_eq!(shell_word("a b@x"), "'a b@x'");
        assert_eq!(shell_word("o'neil@x"), r"'o'\''neil@x'");
        assert_eq!(
            add_then("a b", "x", "--keep-mailbox").as_deref(),
            Some("mailuser add 'a b@x' && mailuser remove 'a b@x' --keep-mailbox")
        );
        // Names `add` refuses get no fix.
        assert_eq!(add_then(".hidden", "x", ""), None);
        assert_eq!(add_then("a", "x/y", ""), None);
        assert_eq!(add_then(" a", "x", ""), None);
    }

    #[test]
    fn groups_undefined_and_empty() {
        let dir = directory(serde_json::json!({
            "users": [
                {"name": "a", "domain": "x.com", "groups": ["Staff", "ghosts"]},
                {"name": "b", "domain": "y.com", "groups": ["staff"]}
            ],
            "groups": [
                {"name": "staff", "domain": "x.com", "role": "read-only"},
                {"name": "admins", "domain": "x.com", "role": "full"},
                {"name": "idle", "domain": "x.com"}
            ]
        }));
        let memberships = Memberships::new(&dir);
        assert_eq!(
            subjects(&undefined_groups(&dir, &memberships)),
            [
                ("undefined-group", "a@x.com"),
                ("undefined-group", "b@y.com")
            ]
        );
        assert_eq!(
            subjects(&empty_groups_with_role(&dir, &memberships)),
            [("empty-group-with-role", "admins@x.com")]
        );
        // Without a group table, every group is undefined.
        let bare = directory(serde_json::json!({
            "users": [{"name": "a", "domain": "x.com", "groups": ["staff"]}]
        }));
        let memberships = Memberships::new(&bare);
        assert_eq!(undefined_groups(&bare, &memberships).len(), 1);
        assert!(empty_groups_with_role(&bare, &memberships).is_empty());
    }

    #[test]
    fn built_in_and_seats() {
        let dir = directory(serde_json::json!({
            "license": {"seats": 1},
            "users": [
                {"name": "a", "domain": "x.com"},
                {"name": "b", "domain": "x.com"},
                {"name": "c", "domain": "x.com", "enabled": false}
            ]
        }));
        assert_eq!(
            subjects(&built_in_count(&dir, "users.json")),
            [("built-in-count", "users.json")]
        );
        let seats = seats_exceeded(&dir);
        assert_eq!(
            seats[0].problem,
            "2 enabled accounts take a seat, but the license has 1 seat: disable or remove 1"
        );
    }

    #[test]
    fn shared_and_nested_mailboxes() {
        let dir = directory(serde_json::json!({
            "users": [
                {"name": "boss", "domain": "x.com"},
                {"name": "jdoe", "domain": "x.com"},
                {"name": "own", "domain": "x.com", "mailbox": "x.com/own"},
                {"name": "twin", "domain": "x.com", "mailbox": "X.com/JDoe"},
                {"name": "deep", "domain": "x.com", "mailbox": "x.com/boss/deep"},
                {"name": "deeper", "domain": "x.com", "mailbox": "x.com/boss/deep/er"},
                {"name": "all", "domain": "y.com", "mailbox": "x.com"},
                {"name": "p", "domain": "y.com", "mailbox": "shared/p"},
                {"name": "q", "domain": "y.com", "mailbox": "shared/p"}
            ]
        }));
        let accounts = Accounts::new(&dir.users);
        let layout = Layout::new(&dir.users);
        assert_eq!(
            subjects(&shared_mailboxes(&dir, &layout, &accounts)),
            [
                ("shared-mailbox", "mail/X.com/JDoe"),
                ("shared-mailbox", "mail/shared/p")
            ]
        );
        let nested = nested_mailboxes(&dir, &layout, &accounts);
        assert_eq!(
            subjects(&nested),
            [
                // x.com/own is its own default path: inside mail/x.com only.
                ("nested-mailbox", "own@x.com"),
                ("nested-mailbox", "twin@x.com"),
                ("nested-mailbox", "deep@x.com"),
                ("nested-mailbox", "deeper@x.com"),
                ("nested-mailbox", "all@y.com"),
            ]
        );
        assert!(
            nested[3]
                .problem
                .contains("inside mail/x.com/boss/deep, the mailbox of deep@x.com")
        );
        assert!(
            nested[4]
                .problem
                .contains("holds the mailboxes of 2 other accounts (boss@x.com, jdoe@x.com)")
        );
    }
}
