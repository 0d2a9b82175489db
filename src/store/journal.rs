//! The intent journal (SPEC §9). Before a run touches a mailbox or the
//! directory it writes, and syncs, an intent record under `.journal/`: the
//! new directory, the mailbox steps and the log lines. From then on the run
//! only rolls forward: every step is safe to repeat, and any later run
//! finishes a record it finds before doing its own work.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::tombstone::Tombstone;
use super::{Store, atomic, mailbox};
use crate::audit::WarningLog;
use crate::directory::Backend;
use crate::error::{Error, Result};
use crate::failpoint;

/// One mailbox step, with paths relative to the store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "kebab-case")]
pub enum MailboxOp {
    /// Delete the settings files at the top of a mailbox.
    Purge { mailbox: PathBuf },
    /// Move a mailbox to a new, unused name (a transfer).
    Move { from: PathBuf, to: PathBuf },
    /// Move a folder into `.trash/<op>/`, to be deleted at the end.
    Trash { from: PathBuf, to: PathBuf },
    /// Write removed accounts' tombstones into their removal's folder.
    Tombstones {
        dir: PathBuf,
        tombstones: Vec<Tombstone>,
    },
    /// Move the run's tombstones, written and synced beside its record
    /// when it committed (`.journal/<op>.tombstones.json`), into its
    /// removal's folder: a bulk run's removed records are encoded and
    /// written once, not held in the record too.
    InstallTombstones { dir: PathBuf },
    /// Take account `n` out of a removal's tombstones (restored or purged).
    Forget { dir: PathBuf, n: usize },
    /// Move the settings files from the folder `from` into `to` (into a
    /// tombstone for a purge that can be undone, and back on restore).
    MoveSettings { from: PathBuf, to: PathBuf },
}

impl MailboxOp {
    /// The folders whose entries this step changes, which must be synced
    /// for the step to be durable.
    fn folders_changed(&self, root: &Path) -> Vec<PathBuf> {
        let parent = |rel: &PathBuf| root.join(rel).parent().map(Path::to_path_buf);
        match self {
            MailboxOp::Purge { mailbox } => vec![root.join(mailbox)],
            MailboxOp::Move { from, to } | MailboxOp::Trash { from, to } => {
                parent(from).into_iter().chain(parent(to)).collect()
            }
            MailboxOp::Tombstones { dir, .. }
            | MailboxOp::InstallTombstones { dir }
            | MailboxOp::Forget { dir, .. } => {
                let dir = root.join(dir);
                let up = dir.parent().map(Path::to_path_buf);
                std::iter::once(dir).chain(up).collect()
            }
            MailboxOp::MoveSettings { from, to } => vec![root.join(from), root.join(to)],
        }
    }
}

/// What a run is about to do, written before it does any of it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Intent {
    pub op: String,
    /// The directory file name inside the store.
    pub directory: String,
    pub log_dir: PathBuf,
    pub log_lines: Vec<String>,
    pub mailbox_ops: Vec<MailboxOp>,
    /// The directory file as the run found it, to tell when someone edited
    /// it before an interrupted run was finished.
    #[serde(default)]
    pub directory_was: Option<FileStamp>,
    /// The typed directory changes the prepared file holds (a record of
    /// what the run does; 0.1 records have none).
    #[serde(default)]
    pub changes: Vec<crate::directory::Change>,
    /// The length of the warning log when the run committed: its lines go
    /// after it, so a finishing run tells whether they are there. (Records
    /// of 0.2.0 have none and note it in `<op>.log` instead.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_start: Option<u64>,
}

/// Size, modification time and inode of a file: cheap to read, and any
/// edit (in place or by an editor's rename) changes one of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    len: u64,
    modified_secs: u64,
    modified_nanos: u32,
    inode: u64,
}

impl FileStamp {
    /// The stamp of a file with metadata `meta`.
    pub fn of(meta: &std::fs::Metadata) -> FileStamp {
        let modified = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .unwrap_or_default();
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        FileStamp {
            len: meta.len(),
            modified_secs: modified.as_secs(),
            modified_nanos: modified.subsec_nanos(),
            inode,
        }
    }
}

/// A new operation id: sortable by start time, unique per process.
pub fn new_op_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{nanos:020}-{}", std::process::id())
}

fn intent_path(store: &Store, op: &str) -> PathBuf {
    store.journal_dir().join(format!("{op}.json"))
}

/// Where a run's tombstones wait, written and synced, for its
/// [`MailboxOp::InstallTombstones`] step.
fn tombstones_path(store: &Store, op: &str) -> PathBuf {
    store
        .journal_dir()
        .join(format!("{op}.{}", super::tombstone::FILE))
}

fn prepared_path(store: &Store, intent: &Intent) -> PathBuf {
    store
        .journal_dir()
        .join(format!("{}.{}", intent.op, intent.directory))
}

/// Writes the new directory, the run's tombstones (for its
/// [`MailboxOp::InstallTombstones`] step) and the intent record, all
/// synced. Once this returns, the run is committed: [`finish`] (now or in
/// a later run) carries it out.
pub fn commit(
    store: &Store,
    intent: &mut Intent,
    directory: &dyn Backend,
    tombstones: &[&Tombstone],
) -> Result<()> {
    journal_folder(store)?;
    let current = store.root().join(&intent.directory);
    let like = std::fs::metadata(&current).map_err(Error::io(&current))?;
    intent.directory_was = Some(FileStamp::of(&like));
    note_log_start(intent)?;
    let intent: &Intent = intent;
    let prepare = || {
        atomic::write_new(
            &prepared_path(store, intent),
            &|out| directory.write_file(out),
            Some(&like),
        )
    };
    let kept = || write_tombstones(store, &intent.op, tombstones);
    let record = || write_unnamed_record(store, intent);
    // A run that removes accounts writes their tombstones and its record
    // (synced, under a temporary name) on threads of their own while the
    // directory is written, so that the three files are written, and wait
    // for the disk, at once (a run that removes none starts no thread, nor
    // one that cannot start it); the record takes its name, which commits
    // the run, once the directory and the tombstones are synced.
    let (prepared, record) = match tombstones.is_empty() {
        true => (prepare(), record()),
        false => std::thread::scope(|scope| {
            // Both closures only borrow: what a thread could not take is
            // done here after the directory.
            let kept_beside = std::thread::Builder::new().spawn_scoped(scope, kept);
            let record_beside = std::thread::Builder::new().spawn_scoped(scope, record);
            let prepared = prepare();
            let kept = match kept_beside {
                Ok(thread) => joined(thread),
                Err(_) => kept(),
            };
            let record = match record_beside {
                Ok(thread) => joined(thread),
                Err(_) => record(),
            };
            let record = match (kept, record) {
                (Ok(()), record) => record,
                (Err(error), written) => {
                    if let Ok(record) = written {
                        let _ = std::fs::remove_file(record);
                    }
                    Err(error)
                }
            };
            (prepared, record)
        }),
    };
    // The prepared file is written from the directory as read: an edit
    // of it meanwhile is refused here, before anything is committed.
    if let Err(error) = prepared.and_then(|()| directory.unchanged()) {
        if let Ok(record) = record {
            let _ = std::fs::remove_file(record);
        }
        let _ = std::fs::remove_file(prepared_path(store, intent));
        return Err(error);
    }
    let record = record?;
    failpoint::hit("journal-prepared");
    name_record(store, intent, &record)
}

/// What a scoped thread returned; its panic goes on here.
fn joined<T>(thread: std::thread::ScopedJoinHandle<'_, T>) -> T {
    thread
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// The marker `Intent::directory` holds for a run on a directory server
/// (SPEC §13): no prepared file; the record's typed `changes` are applied
/// to the server, and replayed by recovery.
pub const SERVER: &str = "ldap";

/// Writes the run's tombstones and the intent record, synced: the commit
/// of a run on a directory server, which has no prepared file.
pub fn commit_record(store: &Store, intent: &mut Intent, tombstones: &[&Tombstone]) -> Result<()> {
    journal_folder(store)?;
    write_tombstones(store, &intent.op, tombstones)?;
    note_log_start(intent)?;
    let record = write_unnamed_record(store, intent)?;
    name_record(store, intent, &record)
}

/// `.journal/`, made (and its making synced) if it is not there.
fn journal_folder(store: &Store) -> Result<()> {
    let dir = store.own_entry(".journal")?;
    store.own_entry(".trash")?;
    if !dir.exists() {
        super::create_dirs(&dir)?;
        atomic::sync_dir(store.root())?;
    }
    Ok(())
}

/// Writes the tombstones of run `op`, synced, where its
/// [`MailboxOp::InstallTombstones`] step finds them.
fn write_tombstones(store: &Store, op: &str, tombstones: &[&Tombstone]) -> Result<()> {
    if tombstones.is_empty() {
        return Ok(());
    }
    atomic::write_new(
        &tombstones_path(store, op),
        &|out| super::tombstone::encode(tombstones, out),
        None,
    )?;
    failpoint::hit("tombstones-prepared");
    Ok(())
}

/// Notes in the record where the warning log ends before the run's lines.
fn note_log_start(intent: &mut Intent) -> Result<()> {
    if !intent.log_lines.is_empty() {
        intent.log_start = Some(WarningLog::open(&intent.log_dir, false)?.size()?);
    }
    Ok(())
}

/// Writes the intent record, synced, under a temporary name that no run
/// takes for a record; returns where.
fn write_unnamed_record(store: &Store, intent: &Intent) -> Result<PathBuf> {
    let path = intent_path(store, &intent.op);
    atomic::write_beside(&path, &|out| atomic::write_json(intent, out))
}

/// Gives the written record `tmp` its name, synced: the commit itself.
fn name_record(store: &Store, intent: &Intent, tmp: &Path) -> Result<()> {
    atomic::rename_synced(tmp, &intent_path(store, &intent.op))?;
    log::debug!("journal {}: committed", intent.op);
    failpoint::hit("journal-committed");
    Ok(())
}

/// Carries out a committed intent: mailbox steps, then the directory, then
/// the log, then cleanup. Every step is safe to repeat.
pub fn finish(store: &Store, intent: &Intent, tick: &dyn Fn()) -> Result<()> {
    let mut touched = std::collections::BTreeSet::new();
    for (n, op) in intent.mailbox_ops.iter().enumerate() {
        log::debug!("journal {}: {op:?}", intent.op);
        run_op(store, &intent.op, op)?;
        touched.extend(op.folders_changed(store.root()));
        tick();
        failpoint::hit_nth("mailbox-op", n + 1);
    }
    // One sync per changed folder, before the directory that depends on
    // the mailbox steps is installed.
    for folder in touched.iter().filter(|f| f.exists()) {
        atomic::sync_dir(folder)?;
    }
    let prepared = prepared_path(store, intent);
    if prepared.exists() {
        let current = store.root().join(&intent.directory);
        let now = std::fs::metadata(&current).ok().map(|m| FileStamp::of(&m));
        if intent.directory_was.is_some() && now != intent.directory_was {
            // The edited version becomes the backup below; say so.
            eprintln!(
                "mailuser: warning: {} was changed after the interrupted run {} started; \
                 that version is kept as {}.bak",
                current.display(),
                intent.op,
                intent.directory
            );
        }
        atomic::install(&prepared, &current)?;
    }
    failpoint::hit("directory-installed");
    append_once(store, intent)?;
    failpoint::hit("log-written");
    let trash = store.trash_dir().join(&intent.op);
    for op in &intent.mailbox_ops {
        // Trash on another file system sits beside the mailbox instead.
        if let MailboxOp::Trash { to, .. } = op
            && !store.root().join(to).starts_with(&trash)
        {
            mailbox::remove_tree(&store.root().join(to))?;
        }
    }
    mailbox::remove_tree(&trash)?;
    failpoint::hit("trash-emptied");
    let path = intent_path(store, &intent.op);
    std::fs::remove_file(&path).map_err(Error::io(&path))?;
    atomic::sync_parent(&path)?;
    let marker = log_marker_path(store, intent);
    match std::fs::remove_file(&marker) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(&marker)(e)),
        _ => Ok(()),
    }
}

/// Where a run notes the length of the log before it appends its lines.
fn log_marker_path(store: &Store, intent: &Intent) -> PathBuf {
    store.journal_dir().join(format!("{}.log", intent.op))
}

fn run_op(store: &Store, run: &str, op: &MailboxOp) -> Result<()> {
    let at = |rel: &Path| store.root().join(rel);
    // Checked again here, not only when planned: a run finishing an older
    // record must not follow a link someone made in the meantime.
    match op {
        MailboxOp::Purge { mailbox } => store.inside(mailbox).map(drop)?,
        MailboxOp::Tombstones { dir, .. }
        | MailboxOp::InstallTombstones { dir }
        | MailboxOp::Forget { dir, .. } => store.inside(dir).map(drop)?,
        MailboxOp::Move { from, to }
        | MailboxOp::Trash { from, to }
        | MailboxOp::MoveSettings { from, to } => {
            store.inside(from)?;
            store.inside(to)?;
        }
    }
    match op {
        MailboxOp::Purge { mailbox } => {
            let path = at(mailbox);
            if path.is_dir() {
                mailbox::purge_settings(&path)?;
            }
            Ok(())
        }
        MailboxOp::Move { from, to } => mailbox::move_folder(&at(from), &at(to)),
        MailboxOp::Trash { from, to } => mailbox::trash(&at(from), &at(to)),
        MailboxOp::Tombstones { dir, tombstones } => super::tombstone::add(&at(dir), tombstones),
        MailboxOp::InstallTombstones { dir } => {
            super::tombstone::install(&tombstones_path(store, run), &at(dir))
        }
        MailboxOp::Forget { dir, n } => super::tombstone::forget(&at(dir), *n),
        MailboxOp::MoveSettings { from, to } => mailbox::move_settings(&at(from), &at(to)),
    }
}

/// Appends the run's log lines exactly once. Before appending, the run
/// notes (synced) where the log ended; a run finishing it later finds its
/// lines by that offset, not by equal text, so two real changes with equal
/// lines are both logged and a half-written line is replaced, not doubled.
fn append_once(store: &Store, intent: &Intent) -> Result<()> {
    if intent.log_lines.is_empty() {
        return Ok(());
    }
    let text = crate::audit::lines_text(&intent.log_lines);
    let log = WarningLog::open(&intent.log_dir, false)?;
    let marker = log_marker_path(store, intent);
    super::expect_kind(&marker, false)?;
    let noted = std::fs::read_to_string(&marker)
        .ok()
        .and_then(|t| t.trim().parse::<u64>().ok())
        .or(intent.log_start);
    let Some(start) = noted else {
        atomic::write_atomically(&marker, log.size()?.to_string().as_bytes())?;
        return log.append(&text);
    };
    let tail = log.read_from(start)?;
    if tail.windows(text.len()).any(|w| w == text.as_bytes()) {
        return Ok(());
    }
    if !tail.is_empty() && text.as_bytes().starts_with(&tail) {
        log.truncate(start)?;
    }
    log.append(&text)
}

/// The committed intents that no run has finished yet, oldest first.
/// Records are input like any other: a record that is not a regular file,
/// does not parse, or names a path outside the store is refused with a
/// message naming it, before anything is done.
pub fn pending(store: &Store) -> Result<Vec<Intent>> {
    let dir = store.own_entry(".journal")?;
    store.own_entry(".trash")?;
    super::expect_kind(&dir, true)?;
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&dir)(e)),
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.ends_with(".json") && name.matches('.').count() == 1
        })
        .collect();
    paths.sort();
    let mut intents = Vec::with_capacity(paths.len());
    for path in &paths {
        super::expect_kind(path, false)?;
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            // Finished by the run that wrote it since the folder was read.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(Error::io(path)(e)),
        };
        let bad = |why: String| {
            Error::Store(format!(
                "unreadable journal record {}: {why}",
                path.display()
            ))
        };
        let intent: Intent = serde_json::from_slice(&bytes).map_err(|e| bad(e.to_string()))?;
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        intent.validate(&stem).map_err(bad)?;
        intents.push(intent);
    }
    Ok(intents)
}

impl Intent {
    /// Whether the run that wrote this record is still running: its
    /// process (the id after the dash) is alive. Where that cannot be
    /// told, the record counts as interrupted.
    pub fn in_progress(&self) -> bool {
        let pid = self.op.rsplit('-').next().unwrap_or_default();
        cfg!(target_os = "linux")
            && pid != std::process::id().to_string()
            && Path::new("/proc").join(pid).exists()
    }

    /// Checks every path the record names: an operation id of mailuser's
    /// own form, the store's directory file, and mailbox steps inside
    /// `mail/`, `im/` or this operation's trash.
    fn validate(&self, file_stem: &str) -> std::result::Result<(), String> {
        if !is_op_id(&self.op) || self.op != file_stem {
            return Err(format!(
                "`op` {:?} is not this record's operation id",
                self.op
            ));
        }
        if !matches!(self.directory.as_str(), "users.json" | "users.csv" | SERVER) {
            return Err(format!(
                "`directory` {:?} is not users.json or users.csv",
                self.directory
            ));
        }
        if !self.log_dir.is_absolute() || !plain(&self.log_dir) {
            return Err(format!(
                "`log_dir` {} is not an absolute path without `..`",
                self.log_dir.display()
            ));
        }
        for op in &self.mailbox_ops {
            let (paths, trash_ok): (Vec<&PathBuf>, bool) = match op {
                MailboxOp::Purge { mailbox } => (vec![mailbox], false),
                MailboxOp::Move { from, to } | MailboxOp::MoveSettings { from, to } => {
                    (vec![from, to], false)
                }
                MailboxOp::InstallTombstones { dir }
                    if *dir != super::tombstone::dir_of(&self.op) =>
                {
                    return Err(format!(
                        "the tombstones of {} go to {}, not its own removal folder",
                        self.op,
                        dir.display()
                    ));
                }
                MailboxOp::Tombstones { dir, .. }
                | MailboxOp::InstallTombstones { dir }
                | MailboxOp::Forget { dir, .. } => (vec![dir], false),
                MailboxOp::Trash { from, to } => {
                    self.check_path(from, false)?;
                    (vec![to], true)
                }
            };
            for path in paths {
                self.check_path(path, trash_ok)?;
            }
        }
        Ok(())
    }

    /// A mailbox step's path: relative, plain, under `mail/` or `im/`, or,
    /// where `trash_ok`, under `.trash/<op>/` (or beside the folder, named
    /// for this operation, on another file system).
    fn check_path(&self, path: &Path, trash_ok: bool) -> std::result::Result<(), String> {
        let parts: Vec<_> = path.components().collect();
        let top = parts.first().map(|c| c.as_os_str().to_string_lossy());
        let second = parts.get(1).map(|c| c.as_os_str().to_string_lossy());
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let ok = plain(path)
            && !path.is_absolute()
            && parts.len() >= 2
            && match top.as_deref() {
                Some("mail" | "im") => {
                    !name.starts_with('.')
                        || (trash_ok && name.ends_with(&format!(".mailuser-trash-{}", self.op)))
                }
                Some(".trash") => trash_ok && second.as_deref() == Some(self.op.as_str()),
                // A removal's folder `.removed/<an operation id>`, or a
                // `mailbox-<n>` or `settings-<n>` in it.
                Some(".removed") => {
                    let third = parts.get(2).map(|c| c.as_os_str().to_string_lossy());
                    let numbered = |name: &str| {
                        ["mailbox-", "settings-"].iter().any(|prefix| {
                            name.strip_prefix(prefix).is_some_and(|n| {
                                !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
                            })
                        })
                    };
                    second.as_deref().is_some_and(is_op_id)
                        && parts.len() <= 3
                        && third.as_deref().is_none_or(numbered)
                }
                _ => false,
            };
        if ok {
            Ok(())
        } else {
            Err(format!(
                "the mailbox step path {} is not a path mailuser writes",
                path.display()
            ))
        }
    }

    /// Checks that the record's log folder is the one this run was given
    /// or a folder inside the store, so a record cannot make a run write
    /// elsewhere.
    pub fn check_log_dir(&self, store: &Store, log_dir: &Path) -> Result<()> {
        let given = std::path::absolute(log_dir).map_err(Error::io(log_dir))?;
        let root = std::path::absolute(store.root()).map_err(Error::io(store.root()))?;
        if self.log_dir == given {
            return Ok(());
        }
        if let Ok(rel) = self.log_dir.strip_prefix(&root) {
            store.inside(rel)?;
            return Ok(());
        }
        Err(Error::Store(format!(
            "the interrupted run {} logs to {}, which is neither inside the store nor \
             this run's log folder {}; run again with --log-dir {} to finish it",
            self.op,
            self.log_dir.display(),
            given.display(),
            self.log_dir.display()
        )))
    }
}

/// Whether `op` has the form of mailuser's operation ids: `<digits>-<digits>`.
fn is_op_id(op: &str) -> bool {
    op.split_once('-').is_some_and(|(a, b)| {
        [a, b]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
    })
}

/// Whether `path` has only plain names (no `..`, `.` or prefix).
fn plain(path: &Path) -> bool {
    path.components().all(|c| {
        matches!(
            c,
            std::path::Component::Normal(_) | std::path::Component::RootDir
        )
    })
}

/// The directory a run would see once the pending intents are finished:
/// the newest prepared directory file, if one is waiting. `--dry-run`
/// plans against it without installing it.
pub fn prepared_directory(store: &Store) -> Result<Option<PathBuf>> {
    let newest = pending(store)?.into_iter().next_back();
    Ok(newest
        .map(|intent| prepared_path(store, &intent))
        .filter(|path| path.is_file()))
}

/// Finishes every pending intent and removes what uncommitted runs left
/// behind. Returns the log lines of the runs it finished.
pub fn recover(store: &Store, log_dir: &Path) -> Result<Vec<String>> {
    recover_with(store, log_dir, None)
}

/// [`recover`], with the directory server whose changes interrupted runs
/// on it recorded: they are applied again (a change already made is a
/// no-op) before their mailbox steps. Without a server, such a record is
/// an error that says how to finish it.
pub fn recover_with(
    store: &Store,
    log_dir: &Path,
    mut server: Option<&mut dyn crate::directory::Backend>,
) -> Result<Vec<String>> {
    let intents = pending(store)?;
    for intent in &intents {
        intent.check_log_dir(store, log_dir)?;
        if intent.directory == SERVER && server.is_none() {
            return Err(Error::Store(format!(
                "the interrupted run {} changed an LDAP directory; run again with \
                 --directory URL to finish it",
                intent.op
            )));
        }
    }
    let mut finished = Vec::new();
    for intent in &intents {
        log::warn!("finishing the interrupted run {}", intent.op);
        if intent.directory == SERVER
            && let Some(server) = server.as_deref_mut()
        {
            server.apply(&intent.changes)?;
        }
        finish(store, intent, &|| {})?;
        finished.extend(intent.log_lines.iter().cloned());
    }
    remove_uncommitted(store)?;
    Ok(finished)
}

/// Drops the record of a run on a directory server whose first change
/// the server refused before anything was done (it changed underneath).
pub fn discard(store: &Store, intent: &Intent) -> Result<()> {
    let path = intent_path(store, &intent.op);
    std::fs::remove_file(&path).map_err(Error::io(&path))?;
    let tombstones = tombstones_path(store, &intent.op);
    match std::fs::remove_file(&tombstones) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(Error::io(&tombstones)(e));
        }
        _ => {}
    }
    atomic::sync_parent(&path)
}

/// Files in `.journal/` (prepared directories, temporary files) that no
/// intent owns belong to runs that stopped before committing.
fn remove_uncommitted(store: &Store) -> Result<()> {
    let dir = store.journal_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(());
    };
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let op = name.split('.').next().unwrap_or_default();
        if !intent_path(store, op).exists() {
            super::expect_kind(&path, false)?;
            std::fs::remove_file(&path).map_err(Error::io(&path))?;
        }
    }
    Ok(())
}
