//! Reporting: human text, or one JSON object per line (`--format json`).

use std::io::Write;

use serde_json::{Value, json};

use crate::plan::{Failure, Step};

/// The output format chosen with `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OutputFormat {
    /// Human-readable lines
    #[default]
    Text,
    /// One JSON object per line
    Json,
}

/// Prints results on stdout and diagnostics on stderr.
#[derive(Debug, Clone, Copy)]
pub struct Reporter {
    pub format: OutputFormat,
    pub dry_run: bool,
}

impl Reporter {
    /// Reports one step of a plan: done, unchanged, or (dry run) planned.
    pub fn step(&self, step: &Step) {
        let details = step.details.join(", ");
        let (result, text) = match (&step.unchanged, self.dry_run) {
            (Some(why), _) => ("unchanged", format!("{why}, nothing to change")),
            (None, true) => ("planned", format!("would be {}", step.action.past())),
            (None, false) => ("changed", step.action.past().to_string()),
        };
        match self.format {
            OutputFormat::Text if details.is_empty() => println!("{}: {text}", step.account),
            OutputFormat::Text => println!("{}: {text} ({details})", step.account),
            OutputFormat::Json => self.json(&json!({
                "account": step.account,
                "action": step.action.verb(),
                "result": result,
                "dry_run": self.dry_run,
                "details": if step.unchanged.is_some() { text } else { details },
            })),
        }
    }

    /// Reports a target that failed a check.
    pub fn failure(&self, failure: &Failure) {
        eprintln!("mailuser: {}", failure.error);
        if self.format == OutputFormat::Json {
            self.json(&json!({
                "account": failure.subject,
                "action": failure.verb,
                "result": "failed",
                "dry_run": self.dry_run,
                "code": failure.error.exit().code(),
                "error": failure.error.to_string(),
            }));
        }
    }

    /// Reports an error that ends the run.
    pub fn error(&self, error: &crate::error::Error) {
        if self.format == OutputFormat::Json {
            self.json(&json!({
                "result": "error",
                "code": error.exit().code(),
                "error": error.to_string(),
            }));
        }
    }

    /// Prints one JSON object as one line.
    pub fn json(&self, value: &Value) {
        let mut out = std::io::stdout().lock();
        let _ = serde_json::to_writer(&mut out, value);
        let _ = writeln!(out);
    }
}

/// The JSON object for one account, as `list` and `show` print it.
pub fn account_json(dir: &crate::directory::Directory, user: &crate::directory::User) -> Value {
    json!({
        "account": user.address().to_string(),
        "name": user.name,
        "domain": user.domain,
        "full_name": user.full_name,
        "enabled": user.is_enabled(),
        "locked": user.is_locked(),
        "role": user.own_role().as_str(),
        "effective_role": dir.effective_role(user).as_str(),
        "groups": user.group_names(),
        "forward_to": user.forwards(),
        "mailbox": user.mailbox,
    })
}
