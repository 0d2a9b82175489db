//! Test helpers: temporary stores and a deterministic way to run the real
//! binary against them.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The fixed clock every test runs with.
pub const NOW: &str = "2026-11-25T10:12:01+01:00";
/// How `NOW` appears in the warning log.
pub const STAMP: &str = "[25/Nov/2026 10:12:01]";

/// A store in a temporary folder, removed when dropped.
pub struct TestStore {
    pub tmp: TempDir,
    pub root: PathBuf,
}

impl TestStore {
    /// A copy of the hand-written test store under `tests/fixtures/store`.
    pub fn example() -> TestStore {
        let store = TestStore::empty();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store");
        copy_tree(&from, &store.root);
        store
    }

    /// A store whose directory file is `name` with `text`, and nothing else.
    pub fn with_file(name: &str, text: &str) -> TestStore {
        let store = TestStore::empty();
        store.write(name, text);
        store
    }

    fn empty() -> TestStore {
        let tmp = tempfile::tempdir().expect("temp dir");
        let root = tmp.path().join("store");
        std::fs::create_dir(&root).expect("store dir");
        TestStore { tmp, root }
    }

    /// The binary with the store, a fixed clock and a clean environment.
    pub fn cmd(&self) -> Command {
        Command::from_std(self.std_cmd())
    }

    /// [`TestStore::cmd`] as a `std::process::Command`, to spawn several.
    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("mailuser"));
        cmd.env_clear()
            .env("MAILUSER_STORE", &self.root)
            .env("MAILUSER_NOW", NOW)
            .env("HOME", self.tmp.path())
            .env("TZ", "UTC")
            // Removals keep nothing unless a test asks for a retention
            // period (tests/it/restore.rs does), as 0.1 did.
            .env("MAILUSER_RETAIN_DAYS", "0");
        cmd
    }

    /// The binary acting as `actor`.
    pub fn run_as(&self, actor: &str) -> Command {
        let mut cmd = self.cmd();
        cmd.env("MAILUSER_ACTOR", actor);
        cmd
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_default()
    }

    /// The parsed `users.json`.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.read("users.json")).expect("users.json parses")
    }

    /// The record of `name@domain` in `users.json`.
    pub fn user(&self, address: &str) -> serde_json::Value {
        let (name, domain) = address.split_once('@').unwrap();
        self.json()["users"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["name"] == name && u["domain"] == domain)
            .cloned()
            .unwrap_or(serde_json::Value::Null)
    }

    /// Every file of the store and its bytes, but the lock file (created on
    /// the first changing run and never changed after).
    /// Every file of the store but mailuser's own bookkeeping (log,
    /// backup, journal, trash, tombstones) and the IM files, which a
    /// removal always deletes: what a restore must put back.
    pub fn kept_state(&self) -> BTreeMap<String, Vec<u8>> {
        self.snapshot()
            .into_iter()
            .filter(|(rel, _)| {
                !rel.starts_with("logs/")
                    && !rel.starts_with('.')
                    && !rel.starts_with("im/")
                    && !rel.ends_with(".bak")
            })
            .collect()
    }

    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(&self.root)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| !e.file_type().is_dir())
            .map(|e| {
                let rel = e.path().strip_prefix(&self.root).unwrap();
                (
                    rel.to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap_or_default(),
                )
            })
            .filter(|(rel, _)| rel != ".mailuser.lock")
            .collect()
    }

    /// The lines of the warning log.
    pub fn log_lines(&self) -> Vec<String> {
        self.read("logs/warning.log")
            .lines()
            .map(str::to_string)
            .collect()
    }
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every stdout line parsed as one JSON object.
pub fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l:?}: {e}")))
        .collect()
}

/// `name@domain` of an account record read as JSON.
pub fn address_of(record: &serde_json::Value) -> String {
    format!(
        "{}@{}",
        record["name"].as_str().unwrap(),
        record["domain"].as_str().unwrap()
    )
}

/// Every regular file under `root`, by its path relative to `root`.
pub fn files_under(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap();
            (
                rel.to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The contents of every message (`*.eml`) under `rel`, sorted: a multiset
/// that shows a lost, duplicated or changed message.
pub fn messages_under(dir: &Path) -> Vec<Vec<u8>> {
    let mut all: Vec<Vec<u8>> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "eml"))
        .map(|e| std::fs::read(e.path()).unwrap())
        .collect();
    all.sort();
    all
}

impl TestStore {
    /// Every message of the store (see [`messages_under`]).
    pub fn messages(&self) -> Vec<Vec<u8>> {
        messages_under(&self.root)
    }

    /// The messages of one folder of the store.
    pub fn messages_in(&self, rel: &str) -> Vec<Vec<u8>> {
        messages_under(&self.path(rel))
    }

    /// Whether the store has unfinished journal records.
    pub fn pending_intents(&self) -> usize {
        std::fs::read_dir(self.path(".journal"))
            .map(|rd| rd.filter_map(|e| e.ok()).count())
            .unwrap_or(0)
    }
}

/// Fails (with a short message) unless every message of `expected` is in
/// `actual` as often as in `expected`; with `exact`, nothing else is.
pub fn assert_messages(actual: &[Vec<u8>], expected: &[Vec<u8>], exact: bool, context: &str) {
    let mut rest: Vec<&Vec<u8>> = actual.iter().collect();
    for message in expected {
        match rest.iter().position(|m| *m == message) {
            Some(i) => {
                rest.remove(i);
            }
            None => panic!(
                "{context}: message lost: {:?}",
                String::from_utf8_lossy(&message[..message.len().min(120)])
            ),
        }
    }
    assert!(
        !exact || rest.is_empty(),
        "{context}: {} unexpected extra messages",
        rest.len()
    );
}

/// Whether the tests run as root, which some need (giving a file to
/// another owner).
#[cfg(unix)]
pub fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// Says on stderr that `test` was skipped and why. Written to the real
/// stderr, not through `eprintln!`, which the test harness captures and
/// hides for a passing test: the line shows in every `cargo test` run.
/// libtest cannot mark a test ignored at run time, so a test that skips
/// itself passes; this line is how a reader knows it did not run.
pub fn skipped(test: &str, why: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED: {test}: {why}");
}

/// Runs `cmd` with a pseudo-terminal as its stderr (stdout and stdin stay
/// as `cmd` sets them) and returns its exit status and what it wrote to
/// the terminal. The terminal is 80 columns by 24 lines.
/// A new pseudo-terminal: its master and its slave side, both closed on
/// exec, so that children other tests spawn meanwhile do not hold it open
/// (a child's own stdin or stderr is a dup2 of the slave, which clears it).
#[cfg(unix)]
pub fn open_terminal() -> (std::os::fd::OwnedFd, std::os::fd::OwnedFd) {
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

    let (mut master, mut slave) = (-1, -1);
    // SAFETY: both out-pointers are valid; null name, termios and size
    // are allowed (a size is set by ioctl, whose argument types do not
    // differ between platforms as openpty's do).
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        )
    };
    assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
    // SAFETY: openpty returned two open descriptors that nothing else owns.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    for fd in [master.as_raw_fd(), slave.as_raw_fd()] {
        // SAFETY: the descriptor is open.
        assert_ne!(
            unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) },
            -1
        );
    }
    (master, slave)
}

#[cfg(unix)]
pub fn stderr_on_a_terminal(mut cmd: std::process::Command) -> (std::process::ExitStatus, String) {
    let (master, slave) = open_terminal();
    let size = libc::winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    {
        use std::os::fd::AsRawFd;
        // SAFETY: the descriptor is open; the size is a valid winsize.
        unsafe {
            assert_ne!(libc::ioctl(master.as_raw_fd(), libc::TIOCSWINSZ, &size), -1);
        }
    }
    cmd.stderr(std::process::Stdio::from(slave));
    let mut child = cmd.spawn().expect("spawn on a terminal");
    // The command holds our copy of the terminal's child end: drop it, so
    // that reading ends when the child has closed its own.
    drop(cmd);
    let reader = std::thread::spawn(move || read_terminal(std::fs::File::from(master)));
    let status = child.wait().unwrap();
    let out = reader.join().unwrap();
    (status, String::from_utf8_lossy(&out).into_owned())
}

/// Everything a terminal's parent end gives until every child end is
/// closed (Linux then reports EIO).
pub fn read_terminal(mut master: std::fs::File) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match master.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) if e.raw_os_error() == Some(libc::EIO) => break,
            Err(e) => panic!("reading the terminal: {e}"),
        }
    }
    out
}

/// Waits until a run paused at the failpoint `step` (`MAILUSER_FAILPOINT`
/// with `MAILUSER_FAILPOINT_DIR` = `dir`) has created `<step>.reached`:
/// polled every 10 ms, for at most 30 s. A wait, never a measure of time.
pub fn wait_for_failpoint(dir: &Path, step: &str) {
    let reached = dir.join(format!("{step}.reached"));
    for _ in 0..3000 {
        if reached.exists() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the run never reached its failpoint {step}");
}

/// Lets a run paused at the failpoint `step` go on.
pub fn release_failpoint(dir: &Path, step: &str) {
    std::fs::write(dir.join(format!("{step}.go")), b"").unwrap();
}
