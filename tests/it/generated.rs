//! `completions/` and `man/` are generated from the clap definition and
//! checked in; these tests fail when the checked-in files differ from what
//! the generator writes now. To regenerate them: [`REGENERATE`].

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use clap::CommandFactory;
use mailuser::cli::Cli;

/// The command that rewrites `completions/` and `man/`.
const REGENERATE: &str = "MAILUSER_BLESS=1 cargo test --test it generated";

/// The generated folders, relative to the repository root.
const DIRS: [&str; 2] = ["completions", "man"];

#[test]
fn the_command_definition_is_consistent() {
    Cli::command().debug_assert();
}

/// Every file under `dir` (relative path, bytes); empty when `dir` is not
/// there.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    if !dir.exists() {
        return BTreeMap::new();
    }
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// What differs between the checked-in files (`root/<dir>`) and freshly
/// generated ones (`fresh/<dir>`), one line per file.
fn differences(root: &Path, fresh: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for dir in DIRS {
        let checked_in = files(&root.join(dir));
        let generated = files(&fresh.join(dir));
        for (name, bytes) in &generated {
            match checked_in.get(name) {
                None => found.push(format!("missing: {dir}/{name}")),
                Some(old) if old != bytes => found.push(format!("stale:   {dir}/{name}")),
                Some(_) => {}
            }
        }
        for name in checked_in.keys().filter(|n| !generated.contains_key(*n)) {
            found.push(format!(
                "extra:   {dir}/{name} (the generator no longer writes it)"
            ));
        }
    }
    found
}

/// Writes what the generator writes now into a temporary folder.
fn generate() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    mailuser::generate::write_all(&tmp.path().join("completions"), &tmp.path().join("man"))
        .unwrap();
    tmp
}

/// Held while a test reads the checked-in files. With `MAILUSER_BLESS`
/// set, the first test to take it rewrites them first (and says what
/// changed), so no test reads them half written.
fn checked_in() -> MutexGuard<'static, bool> {
    static BLESSED: Mutex<bool> = Mutex::new(false);
    let mut blessed = BLESSED.lock().unwrap_or_else(|e| e.into_inner());
    if std::env::var_os("MAILUSER_BLESS").is_some() && !*blessed {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let fresh = generate();
        let found = differences(root, fresh.path());
        for dir in DIRS {
            let _ = std::fs::remove_dir_all(root.join(dir));
        }
        mailuser::generate::write_all(&root.join("completions"), &root.join("man")).unwrap();
        let mut stderr = std::io::stderr();
        let _ = writeln!(stderr, "MAILUSER_BLESS: {} file(s) rewritten", found.len());
        for line in &found {
            let _ = writeln!(stderr, "  {line}");
        }
        *blessed = true;
    }
    blessed
}

/// Compares the checked-in `completions/` and `man/` with what
/// [`mailuser::generate::write_all`] writes, byte for byte.
#[test]
fn completions_and_man_pages_are_fresh() {
    let _files = checked_in();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fresh = generate();
    let found = differences(root, fresh.path());
    assert!(
        found.is_empty(),
        "the checked-in completions and man pages differ from what the command \
         definition generates:\n  {}\nRegenerate them with `{REGENERATE}` and commit the result.",
        found.join("\n  ")
    );
}

/// `mailuser completions SHELL` prints the checked-in script of every shell.
#[test]
fn the_completions_command_prints_the_checked_in_scripts() {
    let _files = checked_in();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (shell, file) in mailuser::generate::SHELLS {
        let out = assert_cmd::Command::cargo_bin("mailuser")
            .unwrap()
            .env_clear()
            .args(["completions", &shell.to_string()])
            .assert()
            .success();
        let checked_in = std::fs::read(root.join("completions").join(file))
            .unwrap_or_else(|e| panic!("completions/{file}: {e}; run `{REGENERATE}`"));
        assert!(
            out.get_output().stdout == checked_in,
            "`mailuser completions {shell}` differs from completions/{file}; if the \
             command line changed, run `{REGENERATE}`"
        );
    }
    let bash = std::fs::read_to_string(root.join("completions/mailuser.bash")).unwrap();
    assert!(bash.contains("_mailuser()"), "not a bash completion script");
}
