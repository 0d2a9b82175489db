//! Dynamic shell completion through clap_complete's engine
//! (`source <(COMPLETE=bash mailuser)`): account addresses wherever an
//! account is expected, domains for `--domain`, read from the store the
//! command line being completed names (`--store`, else `MAILUSER_STORE`,
//! else the default store).
//!
//! The shell runs `mailuser -- <the words of the command line>` with
//! `COMPLETE` set; [`clap_complete::CompleteEnv`] (called first thing in
//! `main`) answers and exits. A completer here sees only the word being
//! completed, so it parses the rest of the line itself (from the process
//! arguments, as jj does) to find the store and the command.
//!
//! Completion never fails loudly: a store that cannot be read, a
//! malformed directory or an unparsable line give no candidates.

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::engine::CompletionCandidate;

use crate::cli::Cli;
use crate::directory::{Directory, Role, User};
use crate::store::{MailboxOwners, Store};

/// What the command line being completed says, as far as completion
/// needs it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Line {
    /// The store it names, or the default.
    pub store: PathBuf,
    /// The command (`disable`, `remove`, ...), if one was typed.
    pub command: Option<String>,
}

impl Line {
    /// The line being completed, from this process's arguments
    /// (`mailuser -- mailuser WORD...`) and `_CLAP_COMPLETE_INDEX` (the
    /// index of the word being completed; the last word without it).
    pub fn current() -> Line {
        let args: Vec<OsString> = std::env::args_os().collect();
        let words = match args.iter().position(|a| a == "--") {
            Some(at) => &args[at + 1..],
            None => &args[..0],
        };
        let index = std::env::var("_CLAP_COMPLETE_INDEX")
            .ok()
            .and_then(|i| i.parse().ok());
        Line::parse(words, index)
    }

    /// The line of `words` (the program name first), without the word at
    /// `index` (the one being completed; the last when `None`).
    pub fn parse(words: &[OsString], index: Option<usize>) -> Line {
        let current = index.unwrap_or(words.len().saturating_sub(1));
        let mut typed: Vec<OsString> = words
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != current)
            .map(|(_, w)| unquote(w))
            .collect();
        if typed.is_empty() {
            typed.push("mailuser".into());
        }
        let matches = Cli::command()
            .ignore_errors(true)
            .try_get_matches_from(typed)
            .ok();
        let mut line = Line {
            store: crate::store::default_root(),
            command: None,
        };
        if let Some(matches) = matches {
            let sub = matches.subcommand();
            line.command = sub.map(|(name, _)| name.to_string());
            // A global option given after the command is in its matches.
            let store = sub
                .and_then(|(_, m)| m.try_get_one::<PathBuf>("store").ok().flatten())
                .or_else(|| matches.try_get_one::<PathBuf>("store").ok().flatten());
            if let Some(store) = store {
                line.store = store.clone();
            }
        } else if let Some(store) = std::env::var_os("MAILUSER_STORE") {
            line.store = store.into();
        }
        line
    }

    /// The directory of the store, or `None` when it cannot be read.
    fn directory(&self) -> Option<Directory> {
        let store = Store::open(&self.store).ok()?;
        Directory::load(&store.directory_file().ok()?).ok()
    }
}

/// A word as the shell would pass it on: quotes and backslashes removed,
/// a leading `~/` made the home folder (the shell hands completion the
/// word as typed).
fn unquote(word: &OsStr) -> OsString {
    let Some(text) = word.to_str() else {
        return word.to_os_string();
    };
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    let mut quote = None;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '\\') | (Some('"'), '\\') => out.extend(chars.next()),
            (_, c) => out.push(c),
        }
    }
    if let Some(rest) = out.strip_prefix("~/").or((out == "~").then_some(""))
        && let Some(home) = std::env::var_os("HOME")
    {
        let mut path = PathBuf::from(home);
        if !rest.is_empty() {
            path.push(rest);
        }
        return path.into_os_string();
    }
    out.into()
}

/// Which accounts a USER argument offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// Every account (`remove`, `show`, `--transfer-to`).
    All,
    /// Accounts the command would change: enabled ones for `disable`,
    /// disabled ones for `enable`, locked ones for `unlock`; every one
    /// for the other commands.
    ForCommand,
    /// Accounts that can act (`--as`): enabled, not locked, with rights
    /// to change accounts.
    Actors,
}

/// The candidates of `dir` for the word `current`, on the line `line`.
pub fn account_candidates(
    dir: &Directory,
    line: &Line,
    wanted: Wanted,
    current: &str,
) -> Vec<CompletionCandidate> {
    let keep = |user: &User| match (wanted, line.command.as_deref()) {
        (Wanted::All, _) => true,
        (Wanted::Actors, _) => {
            user.is_enabled() && !user.is_locked() && dir.effective_role(user) >= Role::AccountAdmin
        }
        (Wanted::ForCommand, Some("disable")) => user.is_enabled(),
        (Wanted::ForCommand, Some("enable")) => !user.is_enabled(),
        (Wanted::ForCommand, Some("unlock")) => user.is_locked(),
        (Wanted::ForCommand, _) => true,
    };
    let mut found: Vec<CompletionCandidate> = dir
        .users
        .iter()
        .filter(|u| keep(u))
        .map(|u| (u.address().to_string(), u))
        .filter(|(address, _)| starts_with_folded(address, current))
        .map(|(address, user)| CompletionCandidate::new(address).help(Some(describe(user).into())))
        .collect();
    found.sort_by(|a, b| a.get_value().cmp(b.get_value()));
    found
}

/// `Jane Doe, disabled`: what a shell that shows descriptions (fish,
/// zsh, PowerShell) shows beside an address.
fn describe(user: &User) -> String {
    let mut parts: Vec<&str> = user.full_name.as_deref().into_iter().collect();
    if !user.is_enabled() {
        parts.push("disabled");
    }
    if user.is_locked() {
        parts.push("locked");
    }
    crate::output::printable(&parts.join(", ")).into_owned()
}

fn starts_with_folded(candidate: &str, current: &str) -> bool {
    candidate.starts_with(current)
        || crate::address::fold(candidate).starts_with(&crate::address::fold(current))
}

/// The domains of the directory's accounts, each once (as first written).
pub fn domain_candidates(dir: &Directory, current: &str) -> Vec<CompletionCandidate> {
    let mut domains = BTreeMap::new();
    for user in &dir.users {
        domains
            .entry(crate::address::fold(&user.domain))
            .or_insert_with(|| user.domain.to_string());
    }
    domains
        .into_values()
        .filter(|d| starts_with_folded(d, current))
        .map(CompletionCandidate::new)
        .collect()
}

/// For `add`: the kept mailboxes no account owns (`add` re-attaches
/// them), and after a typed `name@`, that name at each domain.
pub fn new_account_candidates(
    dir: &Directory,
    store: &Path,
    current: &str,
) -> Vec<CompletionCandidate> {
    let mut found: Vec<CompletionCandidate> = kept_mailboxes(dir, store)
        .into_iter()
        .filter(|address| starts_with_folded(address, current))
        .map(|address| CompletionCandidate::new(address).help(Some("kept mailbox".into())))
        .collect();
    if let Some((name, _)) = current.split_once('@') {
        found.extend(
            domain_candidates(dir, "")
                .into_iter()
                .map(|d| format!("{name}@{}", d.get_value().to_string_lossy()))
                .filter(|address| starts_with_folded(address, current))
                .filter(|address| !found.iter().any(|c| c.get_value() == address.as_str()))
                .map(CompletionCandidate::new)
                .collect::<Vec<_>>(),
        );
    }
    found.sort_by(|a, b| a.get_value().cmp(b.get_value()));
    found
}

/// `name@domain` of every folder `mail/<domain>/<name>` that no account
/// owns; links and hidden folders are skipped.
fn kept_mailboxes(dir: &Directory, store: &Path) -> Vec<String> {
    let owners = MailboxOwners::new(&dir.users);
    let folders = |path: &Path| -> Vec<String> {
        std::fs::read_dir(path)
            .into_iter()
            .flatten()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|name| !name.starts_with('.'))
            .collect()
    };
    let mail = store.join("mail");
    let mut found = Vec::new();
    for domain in folders(&mail) {
        for name in folders(&mail.join(&domain)) {
            let rel = Path::new("mail").join(&domain).join(&name);
            if !owners.owned(&rel) {
                found.push(format!("{name}@{domain}"));
            }
        }
    }
    found
}

/// Completes the word `current` from the store of the current line.
fn complete_with(
    current: &OsStr,
    candidates: impl FnOnce(&Directory, &Line, &str) -> Vec<CompletionCandidate>,
) -> Vec<CompletionCandidate> {
    let Some(current) = current.to_str() else {
        return Vec::new();
    };
    let line = Line::current();
    match line.directory() {
        Some(dir) => candidates(&dir, &line, current),
        None => Vec::new(),
    }
}

/// USER arguments of `disable`, `enable`, `unlock`, `remove`.
pub fn targets(current: &OsStr) -> Vec<CompletionCandidate> {
    complete_with(current, |dir, line, current| {
        account_candidates(dir, line, Wanted::ForCommand, current)
    })
}

/// Any account: `show USER`, `--transfer-to USER`.
pub fn accounts(current: &OsStr) -> Vec<CompletionCandidate> {
    complete_with(current, |dir, line, current| {
        account_candidates(dir, line, Wanted::All, current)
    })
}

/// `--as USER`: the accounts that may act.
pub fn actors(current: &OsStr) -> Vec<CompletionCandidate> {
    complete_with(current, |dir, line, current| {
        account_candidates(dir, line, Wanted::Actors, current)
    })
}

/// The removed accounts of the store (from its tombstones), for
/// `restore` and `purge`.
pub fn removed_candidates(store: &Path, current: &str) -> Vec<CompletionCandidate> {
    let Ok(store) = Store::open(store) else {
        return Vec::new();
    };
    let mut found: BTreeMap<String, String> = BTreeMap::new();
    for tomb in crate::store::tombstone::all(&store).unwrap_or_default() {
        if starts_with_folded(&tomb.account, current) {
            let when = tomb.removed_at.get(..10).unwrap_or(&tomb.removed_at);
            found.insert(tomb.account.clone(), format!("removed {when}"));
        }
    }
    found
        .into_iter()
        .map(|(account, help)| CompletionCandidate::new(account).help(Some(help.into())))
        .collect()
}

/// `restore USER`, `purge USER`: removed accounts.
pub fn removed(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(current) = current.to_str() else {
        return Vec::new();
    };
    removed_candidates(&Line::current().store, current)
}

/// `history USER`: accounts and removed accounts.
pub fn any_account(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(text) = current.to_str() else {
        return Vec::new();
    };
    let line = Line::current();
    let mut found = line
        .directory()
        .map(|dir| account_candidates(&dir, &line, Wanted::All, text))
        .unwrap_or_default();
    for candidate in removed_candidates(&line.store, text) {
        if !found.iter().any(|c| c.get_value() == candidate.get_value()) {
            found.push(candidate);
        }
    }
    found.sort_by(|a, b| a.get_value().cmp(b.get_value()));
    found
}

/// The group names of the directory (its group table and the groups its
/// accounts name), each once.
pub fn group_candidates(dir: &Directory, current: &str) -> Vec<CompletionCandidate> {
    let mut groups = BTreeMap::new();
    let named = dir.groups.iter().flatten().map(|g| g.name.to_string());
    let used = dir
        .users
        .iter()
        .flat_map(|u| u.group_names().iter().map(|g| g.to_string()));
    for name in named.chain(used) {
        groups.entry(crate::address::fold(&name)).or_insert(name);
    }
    groups
        .into_values()
        .filter(|g| starts_with_folded(g, current))
        .map(CompletionCandidate::new)
        .collect()
}

/// `list --group G`.
pub fn groups(current: &OsStr) -> Vec<CompletionCandidate> {
    complete_with(current, |dir, _, current| group_candidates(dir, current))
}

/// `--domain D`.
pub fn domains(current: &OsStr) -> Vec<CompletionCandidate> {
    complete_with(current, |dir, _, current| domain_candidates(dir, current))
}

/// `add USER`.
pub fn new_account(current: &OsStr) -> Vec<CompletionCandidate> {
    complete_with(current, |dir, line, current| {
        new_account_candidates(dir, &line.store, current)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<OsString> {
        line.split(' ').map(OsString::from).collect()
    }

    #[test]
    fn the_store_comes_from_the_line_before_or_after_the_command() {
        for text in [
            "mailuser --store /s disable x",
            "mailuser disable --store /s x",
            "mailuser --store=/s disable x",
            "mailuser --store '/s' disable x",
        ] {
            let line = Line::parse(&words(text), None);
            assert_eq!(line.store, Path::new("/s"), "{text}");
            assert_eq!(line.command.as_deref(), Some("disable"), "{text}");
        }
    }

    #[test]
    fn the_word_being_completed_is_not_read() {
        // `--store /s` is the word under the cursor: not yet the store.
        let line = Line::parse(&words("mailuser disable --store /s"), Some(3));
        assert_eq!(line.command.as_deref(), Some("disable"));
        assert_ne!(line.store, Path::new("/s"));
    }

    #[test]
    fn words_are_unquoted_as_the_shell_would() {
        assert_eq!(unquote("'/a b'".as_ref()), "/a b");
        assert_eq!(unquote("\"/a b\"".as_ref()), "/a b");
        assert_eq!(unquote("/a\\ b".as_ref()), "/a b");
        assert_eq!(unquote("it's".as_ref()), "its");
    }
}
