//! `mailuser list [--disabled|--enabled|--locked] [--domain D]`

use std::path::{Path, PathBuf};

use serde_json::json;

use crate::cli::ListArgs;
use crate::directory::{Backend, Reading, User};
use crate::error::{Error, Exit, Result};
use crate::output::{AccountRecord, OutputFormat, plural_count, printable};
use crate::store::tombstone::{self, Tombstone};
use crate::store::{MailboxOwners, Store};

use super::Context;

/// Whether `text` matches the glob `pattern` (`*` any run, `?` one
/// character), compared under case folding.
fn matches(pattern: &[char], text: &[char]) -> bool {
    match (pattern.split_first(), text.split_first()) {
        (None, _) => text.is_empty(),
        (Some(('*', rest)), _) => (0..=text.len()).any(|skip| matches(rest, &text[skip..])),
        (Some(('?', rest)), Some((_, tail))) => matches(rest, tail),
        (Some((p, rest)), Some((t, tail))) => p == t && matches(rest, tail),
        (Some(_), None) => false,
    }
}

fn selected(args: &ListArgs, dir: &dyn Backend, user: &User) -> Result<bool> {
    if let Some(pattern) = &args.pattern {
        let pattern: Vec<char> = crate::address::fold(pattern).chars().collect();
        let address: Vec<char> = crate::address::fold(&user.address().to_string())
            .chars()
            .collect();
        if !matches(&pattern, &address) {
            return Ok(false);
        }
    }
    if let Some(group) = &args.group
        && !user
            .group_names()
            .iter()
            .any(|g| crate::address::same(g, group))
    {
        return Ok(false);
    }
    if let Some(role) = &args.role
        && Some(dir.effective_role(user)?) != crate::directory::Role::parse(role)
    {
        return Ok(false);
    }
    Ok(selected_by_state(args, user))
}

fn selected_by_state(args: &ListArgs, user: &User) -> bool {
    let by_state = if args.disabled {
        !user.is_enabled()
    } else if args.enabled {
        user.is_enabled()
    } else if args.locked {
        user.is_locked()
    } else {
        true
    };
    by_state
        && args
            .domain
            .as_ref()
            .is_none_or(|d| crate::address::same(d, &user.domain))
}

/// `enabled`, `disabled`, with `,locked` when the server locked it.
pub fn state(user: &User) -> String {
    let mut state = if user.is_enabled() {
        "enabled"
    } else {
        "disabled"
    }
    .to_string();
    if user.is_locked() {
        state.push_str(",locked");
    }
    state
}

pub fn run(ctx: &Context, args: &ListArgs) -> Result<Exit> {
    // Every account is read: worth a second thread on a large file.
    let (store, dir) = ctx.read_backend(Reading::TwoThreads)?;
    if args.orphans {
        return orphans(ctx, &store, dir.as_ref(), args.domain.as_deref());
    }
    if args.removed {
        return removed(ctx, &store, args.domain.as_deref());
    }
    let dir: &dyn Backend = dir.as_ref();
    match ctx.reporter.format {
        OutputFormat::Json => {
            let mut out = ctx.reporter.stream();
            dir.for_each_account(&mut |user| {
                if selected(args, dir, user)? {
                    out.json(&AccountRecord::new(dir.effective_role(user)?, user));
                }
                Ok(())
            })?;
            out.finish();
        }
        OutputFormat::Text | OutputFormat::Csv if ctx.reporter.csv => {
            let mut rows = Vec::new();
            dir.for_each_account(&mut |user| {
                if selected(args, dir, user)? {
                    rows.push(AccountRecord::new(dir.effective_role(user)?, user).csv_row());
                }
                Ok(())
            })?;
            ctx.reporter.csv_table(&AccountRecord::COLUMNS, &rows);
        }
        OutputFormat::Text | OutputFormat::Csv => {
            let mut rows = Vec::new();
            dir.for_each_account(&mut |user| {
                if selected(args, dir, user)? {
                    rows.push([
                        user.address().to_string(),
                        state(user),
                        dir.effective_role(user)?.as_str().to_string(),
                        printable(user.full_name.as_deref().unwrap_or("")).into_owned(),
                    ]);
                }
                Ok(())
            })?;
            let width = rows.iter().map(|r| r[0].chars().count()).max().unwrap_or(0);
            let mut out = String::new();
            for [address, state, role, full_name] in &rows {
                let line = format!("{address:<width$}  {state:<15}  {role:<13}  {full_name}");
                out.push_str(line.trim_end());
                out.push('\n');
            }
            ctx.reporter.write(&out);
        }
    }
    Ok(Exit::Ok)
}

/// Mailbox folders `mail/<domain>/<name>` that no account owns: what
/// `remove --keep-mailbox` left behind.
fn orphans(ctx: &Context, store: &Store, dir: &dyn Backend, domain: Option<&str>) -> Result<Exit> {
    let mut paths = Vec::new();
    dir.for_each_account(&mut |user| {
        paths.push(Store::mailbox_rel(user));
        Ok(())
    })?;
    let owners = MailboxOwners::from_paths(paths);
    // `mail/` itself must not lead out of the store.
    let Some(mail) = store.inside(Path::new("mail"))? else {
        return Ok(Exit::Ok);
    };
    let mut found = Vec::new();
    for domain_dir in visible_folders(&mail)? {
        let domain_name = domain_dir
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if domain.is_some_and(|d| !d.eq_ignore_ascii_case(&domain_name)) {
            continue;
        }
        for user_dir in visible_folders(&domain_dir)? {
            let name = user_dir
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let rel = Path::new("mail").join(&domain_name).join(&name);
            if !owners.owned(&rel) {
                found.push((format!("{name}@{domain_name}"), rel));
            }
        }
    }
    for (account, rel) in found {
        let held = Held::of(&store.root().join(&rel));
        match ctx.reporter.format {
            OutputFormat::Json => ctx.reporter.json(&json!({
                "account": account,
                "mailbox": rel.to_string_lossy(),
                "orphan": true,
                "messages": held.messages,
                "bytes": held.bytes,
                "last_change": held.last_change,
            })),
            OutputFormat::Text | OutputFormat::Csv => ctx.reporter.line(&format!(
                "{}  (kept mailbox of {account}: {}, {}, last change {})",
                rel.display(),
                plural_count(held.messages, "message"),
                plural_count(held.bytes, "byte"),
                held.last_change.as_deref().unwrap_or("never")
            )),
        }
    }
    Ok(Exit::Ok)
}

/// What a mailbox folder holds: messages (`.eml` files), bytes of all
/// files, and the time of the latest change. Links are not followed.
struct Held {
    messages: usize,
    bytes: u64,
    last_change: Option<String>,
}

impl Held {
    fn of(folder: &Path) -> Held {
        let mut held = Held {
            messages: 0,
            bytes: 0,
            last_change: None,
        };
        let mut latest = None;
        for entry in walkdir::WalkDir::new(folder).follow_links(false) {
            let Ok(entry) = entry else { continue };
            let Ok(meta) = entry.metadata() else { continue };
            if let Ok(modified) = meta.modified() {
                latest = latest.max(Some(modified));
            }
            if entry.file_type().is_file() {
                held.bytes += meta.len();
                if entry.path().extension().is_some_and(|x| x == "eml") {
                    held.messages += 1;
                }
            }
        }
        held.last_change = latest
            .and_then(|t| jiff::Timestamp::try_from(t).ok())
            .map(|t| {
                t.round(jiff::Unit::Second)
                    .map_or_else(|_| t.to_string(), |t| t.to_string())
            });
        held
    }
}

/// Removed accounts that `restore` can bring back, one per tombstone.
fn removed(ctx: &Context, store: &Store, domain: Option<&str>) -> Result<Exit> {
    let tombstones: Vec<Tombstone> = tombstone::all(store)?
        .into_iter()
        .filter(|t| domain.is_none_or(|d| crate::address::same(d, &t.record.domain)))
        .collect();
    match ctx.reporter.format {
        OutputFormat::Json => ctx
            .reporter
            .json_lines(tombstones.iter().map(removed_record)),
        OutputFormat::Text | OutputFormat::Csv => {
            let lines: String = tombstones
                .iter()
                .map(|t| format!("{}\n", removed_line(t)))
                .collect();
            ctx.reporter.write(&lines);
        }
    }
    Ok(Exit::Ok)
}

/// One tombstone as a line of `list --removed` and `history`.
pub fn removed_line(t: &Tombstone) -> String {
    let mailbox = match &t.transferred_to {
        Some(to) => format!("mailbox transferred to {to}"),
        None => format!("mailbox {}", t.mailbox.as_str()),
    };
    format!(
        "{}  removed {} by {}  {mailbox}  {}  expires {}  op {}",
        t.account,
        t.removed_at,
        t.removed_by,
        plural_count(t.bytes, "byte"),
        t.expires_at,
        t.op
    )
}

/// One tombstone as a JSON object of `list --removed` and `history`.
pub fn removed_record(t: &Tombstone) -> serde_json::Value {
    json!({
        "account": t.account,
        "removed": true,
        "removed_at": t.removed_at,
        "removed_by": t.removed_by,
        "mailbox": t.mailbox.as_str(),
        "transferred_to": t.transferred_to,
        "bytes": t.bytes,
        "expires_at": t.expires_at,
        "op": t.op,
    })
}

/// The sub-folders of `dir` that are real folders (not links) and not
/// hidden, sorted by name.
fn visible_folders(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(dir)(e)),
    };
    let mut folders: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    folders.sort();
    Ok(folders)
}
