//! The intent journal (SPEC §9). Before a run touches a mailbox or the
//! directory it writes, and syncs, an intent record under `.journal/`: the
//! new directory, the mailbox steps and the log lines. From then on the run
//! only rolls forward: every step is safe to repeat, and any later run
//! finishes a record it finds before doing its own work.

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Store, atomic, mailbox};
use crate::audit::WarningLog;
use crate::directory::Directory;
use crate::error::{Error, Result};
use crate::failpoint;

/// One mailbox step, with paths relative to the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "kebab-case")]
pub enum MailboxOp {
    /// Delete the settings files at the top of a mailbox.
    Purge { mailbox: PathBuf },
    /// Move a mailbox to a new, unused name (a transfer).
    Move { from: PathBuf, to: PathBuf },
    /// Move a folder into `.trash/<op>/`, to be deleted at the end.
    Trash { from: PathBuf, to: PathBuf },
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
    fn of(meta: &std::fs::Metadata) -> FileStamp {
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

fn prepared_path(store: &Store, intent: &Intent) -> PathBuf {
    store
        .journal_dir()
        .join(format!("{}.{}", intent.op, intent.directory))
}

/// Writes the new directory and the intent record, both synced. Once this
/// returns, the run is committed: [`finish`] (now or in a later run)
/// carries it out.
pub fn commit(store: &Store, intent: &mut Intent, directory: &Directory) -> Result<()> {
    let dir = store.own_entry(".journal")?;
    store.own_entry(".trash")?;
    if !dir.exists() {
        super::create_dirs(&dir)?;
        atomic::sync_dir(store.root())?;
    }
    let current = store.root().join(&intent.directory);
    let like = std::fs::metadata(&current).map_err(Error::io(&current))?;
    intent.directory_was = Some(FileStamp::of(&like));
    atomic::write_new(
        &prepared_path(store, intent),
        &|out| directory.write_to(out),
        Some(&like),
    )?;
    failpoint::hit("journal-prepared");
    let record = serde_json::to_vec_pretty(intent)
        .map_err(|e| Error::Store(format!("cannot encode the journal: {e}")))?;
    atomic::write_atomically(&intent_path(store, &intent.op), &record)?;
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
        run_op(store, op)?;
        touched.extend(op.folders_changed(store.root()));
        tick();
        failpoint::hit(&format!("mailbox-op-{}", n + 1));
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
    append_once(&intent.log_dir, &intent.log_lines)?;
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
    atomic::sync_parent(&path)
}

fn run_op(store: &Store, op: &MailboxOp) -> Result<()> {
    let at = |rel: &Path| store.root().join(rel);
    // Checked again here, not only when planned: a run finishing an older
    // record must not follow a link someone made in the meantime.
    match op {
        MailboxOp::Purge { mailbox } => store.inside(mailbox).map(drop)?,
        MailboxOp::Move { from, to } | MailboxOp::Trash { from, to } => {
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
    }
}

/// Appends `lines` unless the log already ends with them (a crash between
/// the append and the end of the run must not log a change twice).
fn append_once(log_dir: &Path, lines: &[String]) -> Result<()> {
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let path = log_dir.join("warning.log");
    if let Ok(mut file) = std::fs::File::open(&path) {
        let len = file.metadata().map_err(Error::io(&path))?.len();
        let want = text.len() as u64;
        if !text.is_empty() && len >= want {
            let mut tail = Vec::with_capacity(text.len());
            file.seek(SeekFrom::Start(len - want))
                .and_then(|_| file.read_to_end(&mut tail))
                .map_err(Error::io(&path))?;
            if tail == text.as_bytes() {
                return Ok(());
            }
        }
    }
    WarningLog::open(log_dir, false)?.append(lines)
}

/// The committed intents that no run has finished yet, oldest first.
pub fn pending(store: &Store) -> Result<Vec<Intent>> {
    let dir = store.own_entry(".journal")?;
    store.own_entry(".trash")?;
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
    paths
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).map_err(Error::io(path))?;
            serde_json::from_slice(&bytes).map_err(|e| {
                Error::Store(format!("unreadable journal record {}: {e}", path.display()))
            })
        })
        .collect()
}

/// Finishes every pending intent and removes what uncommitted runs left
/// behind. Returns the log lines of the runs it finished.
pub fn recover(store: &Store) -> Result<Vec<String>> {
    let intents = pending(store)?;
    let mut finished = Vec::new();
    for intent in &intents {
        log::warn!("finishing the interrupted run {}", intent.op);
        finish(store, intent, &|| {})?;
        finished.extend(intent.log_lines.iter().cloned());
    }
    remove_uncommitted(store)?;
    Ok(finished)
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
            std::fs::remove_file(&path).map_err(Error::io(&path))?;
        }
    }
    Ok(())
}
