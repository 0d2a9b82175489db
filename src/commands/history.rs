//! `mailuser history USER`: what the warning log says about an account,
//! oldest first (rotated `warning.log.N` files too), then its tombstones.

use serde_json::json;

use crate::cli::HistoryArgs;
use crate::error::{Error, Exit, Result};
use crate::output::{OutputFormat, printable};
use crate::store::tombstone;

use super::Context;

pub fn run(ctx: &Context, args: &HistoryArgs) -> Result<Exit> {
    let store = ctx.store()?;
    let log_dir = ctx.log_dir(&store);
    let wanted = crate::address::fold(&args.user);
    let bare = !args.user.contains('@');
    // `User x@y ...` or `Removed user x@y ...`, after the time stamp.
    let about = |line: &str| {
        let Some((_, rest)) = line.split_once("] ") else {
            return false;
        };
        let rest = rest
            .strip_prefix("User ")
            .or_else(|| rest.strip_prefix("Removed user "));
        let Some(account) = rest.and_then(|r| r.split(' ').next()) else {
            return false;
        };
        let account = crate::address::fold(account);
        match bare {
            true => account.split('@').next() == Some(wanted.as_str()),
            false => account == wanted,
        }
    };
    let mut lines = Vec::new();
    for file in log_files(&log_dir)? {
        let text =
            String::from_utf8_lossy(&std::fs::read(&file).map_err(Error::io(&file))?).into_owned();
        lines.extend(text.lines().filter(|l| about(l)).map(str::to_string));
    }
    let tombstones: Vec<_> = tombstone::all(&store)?
        .into_iter()
        .filter(|t| match bare {
            true => crate::address::same(&t.record.name, &args.user),
            false => crate::address::same(&t.account, &args.user),
        })
        .collect();
    match ctx.reporter.format {
        OutputFormat::Json => {
            let mut out = ctx.reporter.stream();
            for line in &lines {
                out.json(&json!({ "log": line }));
            }
            for t in &tombstones {
                out.json(&super::list::removed_record(t));
            }
            out.finish();
        }
        OutputFormat::Text | OutputFormat::Csv => {
            let mut out = String::new();
            for line in &lines {
                out.push_str(&printable(line));
                out.push('\n');
            }
            for t in &tombstones {
                out.push_str(&super::list::removed_line(t));
                out.push('\n');
            }
            ctx.reporter.write(&out);
        }
    }
    Ok(Exit::Ok)
}

/// `warning.log` and its rotated copies `warning.log.N`, oldest first (the
/// highest N is the oldest). Only regular files are read.
fn log_files(dir: &std::path::Path) -> Result<Vec<std::path::PathBuf>> {
    let mut rotated: Vec<(u32, std::path::PathBuf)> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let n = name.strip_prefix("warning.log.")?.parse().ok()?;
                Some((n, e.path()))
            })
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(Error::io(dir)(e)),
    };
    rotated.sort_by_key(|r| std::cmp::Reverse(r.0));
    let mut files: Vec<_> = rotated.into_iter().map(|(_, p)| p).collect();
    files.push(dir.join("warning.log"));
    let mut regular = Vec::new();
    for file in files {
        crate::store::expect_kind(&file, false)?;
        if file.is_file() {
            regular.push(file);
        }
    }
    Ok(regular)
}
