//! Every example command of the README and of `--help` runs as written
//! against a fresh copy of `examples/store`, and exits as the text says.
//!
//! The examples are found, not listed: in README.md every ```sh block
//! whose lines call `mailuser` (or `cargo run`) is run, and in the help
//! every indented line that calls `mailuser`, of every command's long help
//! and man page text. A new example is therefore run by the next test run;
//! one that cannot run here must be excluded below, with its reason.
//!
//! How they run: with bash (`set -o pipefail`, so a failing `mailuser` in
//! a pipeline is seen), in a sandbox of their own:
//!
//! - `work/`, the current folder: `examples/store` (a fresh regeneration)
//!   and the files the examples name: `leavers.csv` and `hr-leavers.csv`
//!   are the README's own csv blocks, `leavers.txt` is [`LEAVERS_TXT`];
//! - `store/`, a copy of the regenerated store, as `MAILUSER_STORE`;
//! - `/tmp/` in an example stands for the sandbox's `tmp/`;
//!   `$RUNNER_TEMP` (GitHub Actions') is the sandbox's `runner/`;
//! - `HOME` is the sandbox's `home/` (with the shells' folders);
//! - `mailuser` on `PATH` is the binary under test; `cargo run ... --`
//!   runs it too, and `hr-export` (HR's export tool) prints `leavers.csv`;
//! - `MAILUSER_NOW` fixes the clock; nothing else of the environment is
//!   kept but `PATH`.
//!
//! A README block is one shell session: its lines run in order (an
//! `export` holds for the lines after it). Each help example runs alone in
//! a fresh sandbox, after what [`GIVEN`] says its command needs.
//!
//! Each example must exit 0 unless [`EXIT_CODES`] says otherwise. Beyond
//! the exit code, the stores in the sandbox (every folder holding a
//! `users.json` or `users.csv`) are compared before and after each
//! example: a read-only one (`list`, `show`, `license`, `check`,
//! `history`, `help`, `completions`, `--dry-run`) must leave them
//! byte-identical, a changing one must change them (unless [`UNCHANGED`]
//! says why not); and [`PRINTS`] holds what the README says an example
//! prints.
//!
//! `examples/store` is made by the README's own regeneration command, run
//! as written; the result must equal the checked-in folder byte for byte.

#![cfg(unix)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// Lines that are not run, by how they start, with the reason.
const EXCLUDED: &[(&str, &str)] = &[
    (
        "cargo test --locked",
        "runs the test suite, of which this test is part",
    ),
    (
        "source <(COMPLETE=zsh mailuser)",
        "zsh's start-up line: the script it sources is zsh's, not bash's",
    ),
    (
        "COMPLETE=fish mailuser | source",
        "fish syntax (the bash line beside it runs)",
    ),
    (
        "eval (E:COMPLETE=elvish mailuser | slurp)",
        "elvish syntax (the bash line beside it runs)",
    ),
    (
        "mailuser init /tmp/big --sample 100000",
        "the benchmarks' 100,000-account directory, about 15 s in a debug build; \
         `init --sample 200` runs the same code",
    ),
    (
        "mailuser --store /srv/store migrate --to ldapi://",
        "needs the system's slapd on /var/run/slapd/ldapi (tests/it/ldap.rs migrates \
         into a private slapd)",
    ),
    (
        "MAILUSER_BIND_PASSWORD=... mailuser",
        "needs a slapd on port 389 and its password (`...` is a placeholder)",
    ),
    (
        "mailuser --directory ldaps://ldap.example.com/",
        "needs the network and a server with a certificate",
    ),
];

/// README blocks that are not run, by how one of their lines starts.
const EXCLUDED_BLOCKS: &[(&str, &str)] = &[
    (
        "ldapadd -Y EXTERNAL -H ldapi:///",
        "moves a real store's directory into the system's slapd, as root",
    ),
    (
        "slapd -F $D/slapd.d",
        "starts its own slapd on port 3389; \
         the_ldap_worked_example_runs_against_the_test_slapd runs it against the tests' one",
    ),
];

/// Examples that exit non-zero, by how they start: the code and why.
const EXIT_CODES: &[(&str, i32, &str)] = &[
    (
        "mailuser --as fhill@example.com disable zdoe@example.org",
        3,
        "the README shows the refusal: an account-admin of example.com may not \
         change an account of example.org",
    ),
    (
        "mailuser --as admin@example.com restore jnovak --op 01796003919233698686-31246",
        4,
        "an operation id as `list --removed` prints one; no removal in the sandbox has \
         this one",
    ),
];

/// Changing examples that change nothing in a fresh store, and why.
const UNCHANGED: &[(&str, &str)] = &[
    (
        "mailuser --as admin@example.com purge --expired",
        "nothing has expired: removals are kept 30 days",
    ),
    (
        "rm -rf examples/store && cargo run -- init examples/store",
        "rewrites the sandbox's examples/store, itself a regeneration, byte for byte",
    ),
];

/// What the README says an example prints on stdout.
const PRINTS: &[(&str, &[&str])] = &[
    (
        "rm -rf /tmp/mailuser-demo && cp -r examples/store /tmp/mailuser-demo && cargo run",
        &[
            "fhill@example.com: disabled\n",
            "] User fhill@example.com disabled by admin@example.com\n",
        ],
    ),
    (
        "mailuser show fhill@example.com",
        &["none (effective: account-admin)"],
    ),
    (
        "mailuser --as fhill@example.com disable jnovak@example.com",
        &["jnovak@example.com: disabled\n"],
    ),
];

/// What a help example (by how it starts) needs done first: each runs
/// alone, and these follow from an example before them.
const GIVEN: &[(&str, &str)] = &[
    (
        "mailuser --store /tmp/demo ",
        "mailuser init /tmp/demo --sample 12 --seed 1",
    ),
    (
        "mailuser --as admin@example.com restore jnovak",
        "mailuser --as admin@example.com remove jnovak@example.com --delete-mailbox",
    ),
    (
        "mailuser list --removed",
        "mailuser --as admin@example.com remove jnovak@example.com --delete-mailbox",
    ),
    (
        "mailuser --as admin@example.com purge jnovak",
        "mailuser --as admin@example.com remove jnovak@example.com --delete-mailbox",
    ),
    (
        "mailuser history jnovak",
        "mailuser --as admin@example.com remove jnovak@example.com --delete-mailbox",
    ),
];

/// The leavers, one per line, that `disable - < leavers.txt` and the like
/// read.
const LEAVERS_TXT: &str = "jnovak@example.com\nzdoe@example.org\n";

/// The bulk files the examples name: the README's csv block that starts
/// with the header given.
const CSV_FILES: &[(&str, &str)] = &[
    ("leavers.csv", "action,user,mailbox"),
    ("hr-leavers.csv", "Name;Email;Manager"),
];

/// Global options that take a value, to find the command word.
const VALUE_OPTIONS: &[&str] = &[
    "--store",
    "--as",
    "--log-dir",
    "--format",
    "--wait",
    "--retain",
    "--directory",
    "--bind-dn",
    "--bind-password-file",
    "--ca-file",
];

/// Commands that never change a store.
const READ_ONLY: &[&str] = &[
    "list",
    "show",
    "license",
    "check",
    "history",
    "help",
    "completions",
];

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn starts(line: &str, key: &str) -> bool {
    line.starts_with(key)
}

/// Whether `line` runs `mailuser` (as a command word: `mailuser ...`,
/// `| mailuser`, `$(mailuser`, `COMPLETE=bash mailuser`) or `cargo run`.
fn calls_mailuser(line: &str) -> bool {
    line.contains("cargo run ")
        || line.match_indices("mailuser").any(|(at, _)| {
            let before = line[..at].chars().next_back();
            let after = line[at + "mailuser".len()..].chars().next();
            before.is_none_or(|c| c.is_whitespace() || "|;&(".contains(c))
                && after.is_none_or(|c| c.is_whitespace() || c == ')')
        })
}

/// The logical lines of a shell text: `\`-continued lines joined, a
/// here-document kept with its command, blank and comment lines dropped,
/// a `$ ` prompt taken off.
fn logical_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(first) = lines.next() {
        let mut line = first.trim().to_string();
        while line.ends_with('\\') {
            line.pop();
            match lines.next() {
                Some(next) => {
                    line = format!("{} {}", line.trim_end(), next.trim());
                }
                None => break,
            }
        }
        if let Some(at) = line.find("<<") {
            let word = line[at + 2..]
                .trim_start_matches('-')
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_matches(['\'', '"'])
                .to_string();
            for body in lines.by_ref() {
                line.push('\n');
                line.push_str(body);
                if body.trim() == word {
                    break;
                }
            }
        }
        let line = line.strip_prefix("$ ").unwrap_or(&line).to_string();
        if !line.is_empty() && !line.starts_with('#') {
            out.push(line);
        }
    }
    out
}

/// The fenced code blocks of a markdown text: (info string, body, line of
/// the opening fence).
fn code_blocks(markdown: &str) -> Vec<(String, String, usize)> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, String, usize)> = None;
    for (n, line) in markdown.lines().enumerate() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => open = Some((info.trim().to_string(), String::new(), n + 1)),
            (Some(_), Some(_)) => blocks.push(open.take().unwrap()),
            (Some((_, body, _)), None) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    blocks
}

fn readme() -> String {
    std::fs::read_to_string(repo().join("README.md")).unwrap()
}

/// One shell session: where it comes from and its lines.
struct Session {
    name: String,
    lines: Vec<Line>,
}

#[derive(Clone)]
struct Line {
    text: String,
    /// Run but not an example: what a help example needs first.
    given: bool,
    /// Where the example is written.
    place: String,
}

/// The README's sessions: every sh block with an example that runs.
fn readme_sessions() -> Vec<Session> {
    let readme = readme();
    let blocks = code_blocks(&readme);
    // A command must not hide in a block that is not run.
    for (info, body, at) in &blocks {
        if !matches!(info.as_str(), "sh" | "bash" | "console") {
            for line in body.lines() {
                let line = line.strip_prefix("$ ").unwrap_or(line);
                assert!(
                    !line.starts_with("mailuser ") || line.starts_with("mailuser: "),
                    "README.md, the block at line {at} (```{info}) holds the command \
                     {line:?}: mark the block ```sh so that it runs"
                );
            }
        }
    }
    blocks
        .into_iter()
        .filter(|(info, _, _)| matches!(info.as_str(), "sh" | "bash" | "console"))
        .map(|(_, body, at)| {
            let name = format!("README.md, the sh block at line {at}");
            Session {
                lines: logical_lines(&body)
                    .into_iter()
                    .map(|text| Line {
                        text,
                        given: false,
                        place: name.clone(),
                    })
                    .collect(),
                name,
            }
        })
        .filter(|s| s.lines.iter().any(|l| calls_mailuser(&l.text)))
        .filter(|s| {
            !s.lines
                .iter()
                .any(|l| EXCLUDED_BLOCKS.iter().any(|(key, _)| starts(&l.text, key)))
        })
        .collect()
}

/// Every help example: (command, where, line), from the long help and man
/// page text of every command.
fn help_examples() -> Vec<(String, String, String)> {
    use clap::CommandFactory;
    let mut cmd = mailuser::cli::Cli::command();
    cmd.build();
    let mut texts: Vec<(String, String)> = Vec::new();
    let mut add = |name: &str, text: String| texts.push((name.to_string(), text));
    add(
        "mailuser",
        cmd.get_after_long_help()
            .map(|h| h.to_string())
            .unwrap_or_default(),
    );
    for sub in cmd.get_subcommands() {
        let name = sub.get_name();
        for text in [sub.get_after_long_help(), sub.get_long_about()]
            .into_iter()
            .flatten()
        {
            add(name, text.to_string());
        }
        if let Some(page) = mailuser::manpages::page(name) {
            add(name, page.description.to_string());
            add(name, page.examples.to_string());
        }
    }
    let mut found = Vec::new();
    let mut seen = BTreeSet::new();
    for (name, text) in texts {
        let indented: String = text
            .lines()
            .filter(|l| l.starts_with("  "))
            .map(|l| format!("{l}\n"))
            .collect();
        for line in logical_lines(&indented) {
            if calls_mailuser(&line) && seen.insert(line.clone()) {
                let place = if name == "mailuser" {
                    "mailuser --help".to_string()
                } else {
                    format!("mailuser {name} --help")
                };
                found.push((name.clone(), place, line));
            }
        }
    }
    found
}

/// Each changing help example alone, after what it needs ([`GIVEN`]);
/// the read-only ones together in one session, since each must leave the
/// store as it found it.
fn help_sessions() -> Vec<Session> {
    let mut read_only_examples = Session {
        name: "the read-only help examples".into(),
        lines: Vec::new(),
    };
    let mut sessions = Vec::new();
    for (_, place, text) in help_examples() {
        let mut lines: Vec<Line> = GIVEN
            .iter()
            .filter(|(key, _)| starts(&text, key))
            .map(|(_, given)| Line {
                text: given.to_string(),
                given: true,
                place: place.clone(),
            })
            .collect();
        let alone = !lines.is_empty() || !read_only(&text);
        lines.push(Line {
            text,
            given: false,
            place: place.clone(),
        });
        if alone {
            sessions.push(Session { name: place, lines });
        } else {
            read_only_examples.lines.extend(lines);
        }
    }
    sessions.push(read_only_examples);
    sessions
}

/// A sandbox for one session (see the module documentation).
struct Sandbox {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Sandbox {
    /// With `template` as `store/`, and as `work/examples/store` when
    /// `examples` (copying a store takes time).
    fn new(template: Option<&Path>, examples: bool) -> Sandbox {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        for dir in [
            "bin",
            "work",
            "tmp",
            "runner",
            "out",
            "home/.zfunc",
            "home/.config/fish/completions",
            "home/.config/elvish",
        ] {
            std::fs::create_dir_all(root.join(dir)).unwrap();
        }
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_mailuser"), root.join("bin/mailuser"))
            .unwrap();
        write_script(
            &root.join("bin/hr-export"),
            "#!/bin/sh\nexec cat leavers.csv\n",
        );
        let work = root.join("work");
        std::fs::write(work.join("leavers.txt"), LEAVERS_TXT).unwrap();
        let readme = readme();
        let blocks = code_blocks(&readme);
        for (file, header) in CSV_FILES {
            let (_, body, _) = blocks
                .iter()
                .find(|(info, body, _)| info == "csv" && body.starts_with(header))
                .unwrap_or_else(|| panic!("README.md has no csv block starting {header:?}"));
            std::fs::write(work.join(file), body).unwrap();
        }
        if let Some(template) = template {
            if examples {
                crate::common::copy_tree(template, &work.join("examples/store"));
            }
            crate::common::copy_tree(template, &root.join("store"));
        }
        Sandbox { _tmp: tmp, root }
    }
}

fn write_script(path: &Path, text: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// What one line did.
struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
    /// Store files that appeared, went or changed.
    changed: Vec<String>,
}

/// Runs the session's lines in order in one bash, in `sandbox`; one
/// outcome per line.
fn run(session: &Session, sandbox: &Sandbox) -> Vec<Outcome> {
    let root = &sandbox.root;
    let out = root.join("out");
    let tmp = format!("{}/", root.join("tmp").display());
    let mut script = String::from(
        "set -o pipefail\n\
         # `cargo run [OPTIONS] -- ARGS` runs the binary under test.\n\
         cargo() {\n\
           [ \"$1\" = run ] || { echo \"only cargo run is available here\" >&2; return 127; }\n\
           while [ \"$#\" -gt 0 ] && [ \"$1\" != -- ]; do shift; done\n\
           shift\n\
           mailuser \"$@\"\n\
         }\n\
         __snap() {\n\
           ( cd \"$__SANDBOX\" && find . \\( -path ./home -o -path ./out -o -path ./bin \\) -prune \
             -o -type f ! -name .mailuser.lock -print0 | LC_ALL=C sort -z | xargs -0 -r cksum ) \
             > \"$__OUT/snap.$1\"\n\
         }\n\
         __snap 0\n\
         cd \"$__SANDBOX/work\"\n",
    );
    for (i, line) in session.lines.iter().enumerate() {
        let n = i + 1;
        let text = line.text.replace("/tmp/", &tmp);
        script.push_str(&format!(
            "{{\n{text}\n}} > \"$__OUT/out.{n}\" 2> \"$__OUT/err.{n}\" < /dev/null\n\
             echo \"$?\" > \"$__OUT/rc.{n}\"\n__snap {n}\n"
        ));
    }
    write_script(&out.join("session.sh"), &script);
    let path = format!(
        "{}:{}",
        root.join("bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let status = Command::new("bash")
        .arg(out.join("session.sh"))
        .env_clear()
        .env("PATH", path)
        .env("HOME", root.join("home"))
        .env("MAILUSER_STORE", root.join("store"))
        .env("MAILUSER_NOW", crate::common::NOW)
        .env("TZ", "UTC")
        .env("RUNNER_TEMP", root.join("runner"))
        .env("__SANDBOX", root)
        .env("__OUT", &out)
        .stdin(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(
        status.success(),
        "{}: the session script failed",
        session.name
    );
    let read = |name: String| std::fs::read_to_string(out.join(name)).unwrap_or_default();
    let snap = |n: usize| stores(&read(format!("snap.{n}")));
    (1..=session.lines.len())
        .map(|n| Outcome {
            code: read(format!("rc.{n}")).trim().parse().unwrap_or(-1),
            stdout: read(format!("out.{n}")),
            stderr: read(format!("err.{n}")),
            changed: changed(&snap(n - 1), &snap(n)),
        })
        .collect()
}

/// The files of every store in a snapshot (`cksum` lines: sum, size,
/// path), by path.
fn stores(snapshot: &str) -> BTreeMap<String, String> {
    let files: BTreeMap<String, String> = snapshot
        .split('\n')
        .filter_map(|l| {
            let mut parts = l.splitn(3, ' ');
            let sum = format!("{} {}", parts.next()?, parts.next()?);
            Some((parts.next()?.to_string(), sum))
        })
        .collect();
    let roots: Vec<String> = files
        .keys()
        .filter_map(|p| {
            p.strip_suffix("/users.json")
                .or_else(|| p.strip_suffix("/users.csv"))
        })
        .map(|root| format!("{root}/"))
        .collect();
    files
        .into_iter()
        .filter(|(path, _)| roots.iter().any(|r| path.starts_with(r.as_str())))
        .collect()
}

fn changed(before: &BTreeMap<String, String>, after: &BTreeMap<String, String>) -> Vec<String> {
    before
        .keys()
        .chain(after.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter(|path| before.get(*path) != after.get(*path))
        .cloned()
        .collect()
}

/// Whether every `mailuser` the line runs only reads.
fn read_only(line: &str) -> bool {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let mut calls = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let bare = token.trim_end_matches(['\'', '"']);
        if bare.ends_with(')') && bare.trim_end_matches(')').ends_with("mailuser") {
            // `<(COMPLETE=bash mailuser)`: no arguments.
            continue;
        }
        if bare == "mailuser" || bare.ends_with("(mailuser") {
            calls.push(i + 1);
        }
        if *token == "cargo" && tokens.get(i + 1) == Some(&"run") {
            let dashes = tokens[i..].iter().position(|t| *t == "--").unwrap();
            calls.push(i + dashes + 1);
        }
    }
    calls.into_iter().all(|start| {
        let mut words = tokens[start..]
            .iter()
            .take_while(|t| !t.starts_with(['|', '&', ';', '>', '<', '#', ')']));
        let mut dry_run = false;
        let mut command = None;
        while let Some(word) = words.next() {
            if *word == "--dry-run" {
                dry_run = true;
            } else if matches!(*word, "--help" | "-h") {
                return true;
            } else if VALUE_OPTIONS.contains(word) {
                words.next();
            } else if !word.starts_with('-') && command.is_none() {
                command = Some(word.trim_end_matches(')'));
            }
        }
        dry_run || command.is_none_or(|c| READ_ONLY.contains(&c))
    })
}

/// The regenerated `examples/store`: the README's regeneration command,
/// run as written, once per test binary. Compared with the checked-in
/// folder by [`the_readme_regenerates_the_checked_in_examples_store`].
fn template() -> &'static Path {
    static TEMPLATE: OnceLock<(Sandbox, PathBuf)> = OnceLock::new();
    let (_, path) = TEMPLATE.get_or_init(|| {
        let sessions = readme_sessions();
        let session = sessions
            .iter()
            .find(|s| {
                s.lines
                    .iter()
                    .any(|l| l.text.contains("init examples/store"))
            })
            .expect("README.md says how examples/store is regenerated (`init examples/store`)");
        let sandbox = Sandbox::new(None, false);
        let outcomes = run(session, &sandbox);
        for (line, outcome) in session.lines.iter().zip(&outcomes) {
            assert_eq!(
                outcome.code, 0,
                "{}: {:?} exited {}: {}",
                session.name, line.text, outcome.code, outcome.stderr
            );
        }
        let path = sandbox.root.join("work/examples/store");
        assert!(path.join("users.json").is_file(), "{}", session.name);
        (sandbox, path)
    });
    path
}

#[test]
fn the_readme_regenerates_the_checked_in_examples_store() {
    let fresh = crate::common::files_under(template());
    let checked_in = crate::common::files_under(&repo().join("examples/store"));
    let differ: Vec<&String> = fresh
        .keys()
        .chain(checked_in.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter(|f| fresh.get(*f) != checked_in.get(*f))
        .collect();
    assert!(
        differ.is_empty(),
        "examples/store is not what the README's command regenerates; run it and commit \
         the result. Differing files: {differ:?}"
    );
}

/// Runs `sessions`, each in a fresh sandbox, and returns every problem
/// found, one line each.
fn check(sessions: &[Session]) -> Vec<String> {
    let mut problems = Vec::new();
    for session in sessions {
        let lines: Vec<&Line> = session.lines.iter().collect();
        let excluded = |text: &str| EXCLUDED.iter().find(|(key, _)| starts(text, key));
        let run_lines: Vec<&&Line> = lines
            .iter()
            .filter(|l| excluded(&l.text).is_none())
            .collect();
        if !run_lines.iter().any(|l| calls_mailuser(&l.text)) {
            continue;
        }
        let session_to_run = Session {
            name: session.name.clone(),
            lines: run_lines.iter().map(|l| (**l).clone()).collect(),
        };
        let needs_examples = session_to_run
            .lines
            .iter()
            .any(|l| l.text.contains("examples/store"));
        let sandbox = Sandbox::new(Some(template()), needs_examples);
        let outcomes = run(&session_to_run, &sandbox);
        for (line, outcome) in session_to_run.lines.iter().zip(&outcomes) {
            let text = &line.text;
            let expected = EXIT_CODES
                .iter()
                .find(|(key, _, _)| starts(text, key))
                .map_or(0, |(_, code, _)| *code);
            let mut problem = |what: String| {
                problems.push(format!(
                    "{}: `{text}`: {what}\n    stdout: {}\n    stderr: {}",
                    line.place,
                    outcome.stdout.trim_end().replace('\n', "\n            "),
                    outcome.stderr.trim_end().replace('\n', "\n            "),
                ))
            };
            if outcome.code != expected {
                problem(format!("exited {}, expected {expected}", outcome.code));
                continue;
            }
            if line.given || !calls_mailuser(text) {
                continue;
            }
            let unchanged = UNCHANGED.iter().any(|(key, _)| starts(text, key));
            if read_only(text) && !outcome.changed.is_empty() {
                problem(format!(
                    "a read-only example changed the store: {:?}",
                    outcome.changed
                ));
            } else if !read_only(text) && expected == 0 && !unchanged && outcome.changed.is_empty()
            {
                problem("changed nothing in the store (see UNCHANGED)".into());
            }
            for (key, prints) in PRINTS {
                if starts(text, key) {
                    for want in *prints {
                        if !outcome.stdout.contains(want) {
                            problem(format!("does not print {want:?}"));
                        }
                    }
                }
            }
        }
    }
    problems
}

#[test]
fn every_readme_example_runs_as_written() {
    let sessions = readme_sessions();
    assert!(
        sessions.len() >= 8,
        "found {} README sessions",
        sessions.len()
    );
    let problems = check(&sessions);
    assert!(
        problems.is_empty(),
        "README examples that do not run as written:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_help_example_runs_as_written() {
    let sessions = help_sessions();
    assert!(
        sessions.len() >= 30,
        "found {} help examples",
        sessions.len()
    );
    let problems = check(&sessions);
    assert!(
        problems.is_empty(),
        "help examples that do not run as written:\n{}",
        problems.join("\n")
    );
}

/// Every entry of the tables above is used: an example that changed must
/// not leave its exclusion, exit code or note behind.
#[test]
fn every_table_entry_names_an_example() {
    let mut lines: Vec<String> = Vec::new();
    for session in readme_sessions() {
        lines.extend(session.lines.into_iter().map(|l| l.text));
    }
    lines.extend(help_examples().into_iter().map(|(_, _, line)| line));
    let all_readme: Vec<String> = code_blocks(&readme())
        .into_iter()
        .flat_map(|(_, body, _)| logical_lines(&body))
        .collect();
    let used = |key: &str, within: &[String]| within.iter().any(|l| starts(l, key));
    let mut stale = Vec::new();
    for key in EXCLUDED
        .iter()
        .map(|(k, _)| k)
        .chain(EXIT_CODES.iter().map(|(k, _, _)| k))
        .chain(UNCHANGED.iter().map(|(k, _)| k))
        .chain(PRINTS.iter().map(|(k, _)| k))
    {
        if !used(key, &lines) {
            stale.push(*key);
        }
    }
    for (key, _) in EXCLUDED_BLOCKS {
        if !used(key, &all_readme) {
            stale.push(*key);
        }
    }
    let help = help_examples();
    for (key, _) in GIVEN {
        if !help.iter().any(|(_, _, line)| starts(line, key)) {
            stale.push(*key);
        }
    }
    assert!(stale.is_empty(), "entries that match no example: {stale:?}");
}

/// The extraction finds examples in every form they take.
#[test]
fn examples_are_found_in_every_form() {
    assert!(calls_mailuser("mailuser list"));
    assert!(calls_mailuser("cut -f1 x | mailuser disable -"));
    assert!(calls_mailuser("out=$(mailuser check) || true"));
    assert!(calls_mailuser("source <(COMPLETE=bash mailuser)"));
    assert!(calls_mailuser("rm -rf x && cargo run -- init x"));
    assert!(!calls_mailuser("cp completions/mailuser.fish ~/x"));
    assert!(!calls_mailuser("ldapadd -f ldap/mailuser.ldif"));
    assert_eq!(
        logical_lines("# c\n$ mailuser a \\\n   --b c\n\ncat <<EOF\nx\nEOF\n"),
        ["mailuser a --b c", "cat <<EOF\nx\nEOF"]
    );
    assert!(read_only(
        "mailuser list --disabled --format json | jq -r .account"
    ));
    assert!(read_only("mailuser --as a@b --dry-run enable x"));
    assert!(read_only(
        "mailuser --store /tmp/d --as a@b --format json show x"
    ));
    assert!(!read_only(
        "mailuser list --locked | mailuser --as a@b unlock -"
    ));
    assert!(!read_only(
        "rm -rf s && cargo run --locked -q -- --store s disable x"
    ));
    assert!(read_only(
        "echo 'source <(COMPLETE=bash mailuser)' >> ~/.bashrc"
    ));
    assert!(read_only("mailuser completions zsh > ~/.zfunc/_mailuser"));
    assert!(read_only(
        "out=$(mailuser check) || [ $? -ne 2 ] || echo \"$out\""
    ));
    let help = help_examples();
    assert!(
        help.iter()
            .any(|(_, _, l)| l.ends_with("--purge-settings hr-leavers.csv")),
        "a continued help line is joined"
    );
}

/// The README's worked LDAP example, against the tests' slapd instead of
/// the one it starts: the lines that configure, start and stop its own
/// server (up to the base entry, and `kill %1`) are left out, and its
/// address (`127.0.0.1:3389`) and base DN become the test server's and a
/// subtree of its own, and `ldapsearch` and `mailuser list` bind as its
/// root DN (the tests' server lets no anonymous bind read). The rest runs as written: the sample store copied,
/// migrated, an account disabled through the server, read back with
/// `ldapsearch` and listed.
#[test]
fn the_ldap_worked_example_runs_against_the_test_slapd() {
    let test = "examples::the_ldap_worked_example_runs_against_the_test_slapd";
    let Some(server) = crate::slapd::or_skip(test) else {
        return;
    };
    let tree = server.tree();
    let blocks = code_blocks(&readme());
    let lines = blocks
        .iter()
        .map(|(_, body, _)| logical_lines(body))
        .find(|lines| lines.iter().any(|l| l.starts_with("slapd -F $D/slapd.d")))
        .expect("README.md has the worked LDAP example");
    let base_entry = lines
        .iter()
        .position(|l| l.starts_with("printf 'dn: dc=example,dc=com"))
        .expect("the example adds its base entry");
    let session = Session {
        name: "README.md, the worked LDAP example".into(),
        lines: lines[base_entry + 1..]
            .iter()
            .filter(|l| *l != "kill %1")
            .map(|l| Line {
                text: l
                    .replace("ldap://127.0.0.1:3389/dc=example,dc=com", &tree.url())
                    .replace("ldap://127.0.0.1:3389", &server.ldap_server())
                    .replace("-b dc=example,dc=com", &format!("-b {}", tree.base))
                    // The tests' slapd lets no anonymous bind read.
                    .replace(
                        "ldapsearch -x ",
                        &format!(
                            "ldapsearch -x -D {} -w {} ",
                            crate::slapd::ROOT_DN,
                            crate::slapd::ROOT_PW
                        ),
                    )
                    .replace(
                        "mailuser list",
                        &format!("mailuser --bind-dn {} list", crate::slapd::ROOT_DN),
                    ),
                given: false,
                place: "README.md, the worked LDAP example".into(),
            })
            .collect(),
    };
    assert!(
        session
            .lines
            .iter()
            .filter(|l| calls_mailuser(&l.text))
            .count()
            >= 3,
        "{:?}",
        session.lines.iter().map(|l| &l.text).collect::<Vec<_>>()
    );
    let sandbox = Sandbox::new(Some(template()), true);
    let outcomes = run(&session, &sandbox);
    for (line, outcome) in session.lines.iter().zip(&outcomes) {
        assert_eq!(
            outcome.code, 0,
            "`{}` exited {}: {}{}",
            line.text, outcome.code, outcome.stdout, outcome.stderr
        );
    }
    let printed = |start: &str| {
        let at = session
            .lines
            .iter()
            .position(|l| l.text.starts_with(start))
            .unwrap_or_else(|| panic!("no line starts with {start:?}"));
        outcomes[at].stdout.clone()
    };
    assert!(
        printed("mailuser --bind-dn cn=admin,dc=example,dc=com migrate")
            .contains("copied 13 accounts")
    );
    assert!(printed("ldapsearch").contains("mailuserEnabled: FALSE"));
    let disabled = printed("mailuser --bind-dn cn=admin,dc=example,dc=com list --disabled");
    assert!(disabled.contains("fhill@example.com"), "{disabled}");
    assert!(disabled.contains("hberg@example.com"), "{disabled}");
    // The store the example made: its log has the change, its directory
    // file (no longer the directory) is untouched.
    let demo = sandbox.root.join("tmp/mailuser-demo");
    let log = std::fs::read_to_string(demo.join("logs/warning.log")).unwrap();
    assert!(
        log.contains("User fhill@example.com disabled by admin@example.com"),
        "{log}"
    );
    assert_eq!(
        std::fs::read(demo.join("users.json")).unwrap(),
        std::fs::read(template().join("users.json")).unwrap()
    );
}
