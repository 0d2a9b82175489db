//! `mailuser init DIR [--sample N] [--seed S] [--messages M] [--csv]`

use serde_json::json;

use crate::cli::InitArgs;
use crate::error::{Exit, Result};
use crate::output::{OutputFormat, plural_count};
use crate::sample::{self, Spec, Summary};

use super::Context;

pub fn run(ctx: &Context, args: &InitArgs) -> Result<Exit> {
    let spec = Spec {
        accounts: args.sample,
        seed: args.seed,
        messages: if args.sample == 0 { 0 } else { args.messages },
        csv: args.csv,
    };
    let summary = if ctx.dry_run {
        Summary {
            accounts: spec.accounts + 1,
            ..Summary::default()
        }
    } else {
        sample::create(&args.dir, &spec)?
    };
    let verb = if ctx.dry_run {
        "would create"
    } else {
        "created"
    };
    match ctx.reporter.format {
        OutputFormat::Json => ctx.reporter.json(&json!({
            "store": args.dir.display().to_string(),
            "action": "init",
            "result": if ctx.dry_run { "planned" } else { "changed" },
            "dry_run": ctx.dry_run,
            "accounts": summary.accounts,
            "domains": summary.domains,
            "messages": summary.messages,
        })),
        OutputFormat::Text | OutputFormat::Csv => ctx.reporter.line(&format!(
            "{}: {verb} a store with {} in {} and {}",
            args.dir.display(),
            plural_count(summary.accounts, "account"),
            plural_count(summary.domains.max(1), "domain"),
            plural_count(summary.messages, "message")
        )),
    }
    Ok(Exit::Ok)
}
