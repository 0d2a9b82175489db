//! `mailuser list [--disabled|--enabled|--locked] [--domain D]`

use std::path::{Path, PathBuf};

use serde_json::json;

use crate::cli::ListArgs;
use crate::directory::{Backend, Directory, User};
use crate::error::{Error, Exit, Result};
use crate::output::{AccountRecord, OutputFormat, printable};
use crate::store::{MailboxOwners, Store};

use super::Context;

fn selected(args: &ListArgs, user: &User) -> bool {
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
            .is_none_or(|d| d.eq_ignore_ascii_case(&user.domain))
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
    let (store, dir) = ctx.read_backend()?;
    if args.orphans {
        return orphans(ctx, &store, &*dir.snapshot()?, args.domain.as_deref());
    }
    let dir: &dyn Backend = &*dir;
    match ctx.reporter.format {
        OutputFormat::Json => {
            let mut out = ctx.reporter.stream();
            dir.for_each_account(&mut |user| {
                if selected(args, user) {
                    out.json(&AccountRecord::new(dir.effective_role(user)?, user));
                }
                Ok(())
            })?;
            out.finish();
        }
        OutputFormat::Text => {
            let mut rows = Vec::new();
            dir.for_each_account(&mut |user| {
                if selected(args, user) {
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
fn orphans(ctx: &Context, store: &Store, dir: &Directory, domain: Option<&str>) -> Result<Exit> {
    let owners = MailboxOwners::new(&dir.users);
    let mail = store.root().join("mail");
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
        match ctx.reporter.format {
            OutputFormat::Json => ctx.reporter.json(&json!({
                "account": account,
                "mailbox": rel.to_string_lossy(),
                "orphan": true,
            })),
            OutputFormat::Text => ctx
                .reporter
                .line(&format!("{}  (kept mailbox of {account})", rel.display())),
        }
    }
    Ok(Exit::Ok)
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
