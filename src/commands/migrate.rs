//! `mailuser migrate --to URL|FILE.json` (SPEC §13): copies the current
//! directory (the store's file, or the LDAP server `--directory` names)
//! into an empty LDAP tree or a new JSON file. Fields without an attribute
//! of their own travel in `mailuserExtra`, so file → LDAP → file gives the
//! same records.

use std::path::Path;

use serde_json::json;

use crate::cli::MigrateArgs;
use crate::directory::ldap::{self, LdapDirectory, LdapOptions};
use crate::directory::{Backend, Directory};
use crate::error::{Error, Exit, Result};
use crate::output::{OutputFormat, plural_count};
use crate::store::atomic;

use super::Context;

pub fn run(ctx: &Context, args: &MigrateArgs) -> Result<Exit> {
    let source: Box<dyn Backend> = match ctx.open_ldap()? {
        Some(server) => Box::new(server),
        None => {
            let store = ctx.store()?;
            Box::new(Directory::load(&store.directory_file()?)?)
        }
    };
    let from = source.source();
    let dir = source.snapshot()?;
    let to = args.to.as_str();
    let is_url = ["ldap://", "ldaps://", "ldapi://"]
        .iter()
        .any(|s| to.get(..s.len()).is_some_and(|p| p.eq_ignore_ascii_case(s)));
    if is_url {
        let target = LdapDirectory::open(&LdapOptions {
            url: to.to_string(),
            ..ctx.bind.clone()
        })?;
        if !ctx.dry_run {
            target.import_resumable(&dir)?;
        } else if target.holds_finished_tree()? {
            return Err(refused(to));
        }
    } else {
        let path = Path::new(to);
        if path.extension().is_none_or(|e| e != "json") {
            return Err(Error::Usage(format!(
                "migrate --to takes an ldap://, ldaps:// or ldapi:// URL or a new FILE.json, \
                 not {to:?}"
            )));
        }
        if path.exists() {
            let existing = Directory::load(path)?;
            if !existing.users.is_empty() {
                return Err(refused(to));
            }
        }
        if !ctx.dry_run {
            let new = ldap::as_new_json(&dir, path);
            let mut bytes = Vec::new();
            new.write_to(&mut bytes)
                .map_err(|e| Error::Store(format!("cannot render {to}: {e}")))?;
            atomic::write_atomically(path, &bytes)?;
        }
    }
    let verb = if ctx.dry_run { "would copy" } else { "copied" };
    let counts = (
        dir.users.len(),
        dir.groups.as_ref().map_or(0, Vec::len),
        dir.aliases.as_ref().map_or(0, Vec::len),
    );
    match ctx.reporter.format {
        OutputFormat::Json => ctx.reporter.json(&json!({
            "from": from,
            "to": to,
            "accounts": counts.0,
            "groups": counts.1,
            "aliases": counts.2,
            "license": dir.license.is_some(),
            "result": if ctx.dry_run { "planned" } else { "changed" },
            "dry_run": ctx.dry_run,
        })),
        OutputFormat::Text | OutputFormat::Csv => ctx.reporter.line(&format!(
            "{from}: {verb} {}, {}, {}{} to {to}",
            plural_count(counts.0, "account"),
            plural_count(counts.1, "group"),
            plural_count(counts.2, "alias"),
            if dir.license.is_some() {
                " and the license"
            } else {
                ""
            }
        )),
    }
    Ok(Exit::Ok)
}

fn refused(to: &str) -> Error {
    Error::Usage(format!(
        "{to} already holds accounts; migrate copies only into an empty directory"
    ))
}
