//! Reporting: human text, or one JSON object per line (`--format json`).

use std::fmt::Write as _;
use std::io::Write;

use serde_json::json;

use crate::directory::{Role, Text, User};
use crate::integrity::{Finding, Report};
use crate::store::journal::MailboxOp;

use crate::plan::{Failure, Step};

/// `text` with control characters escaped (`\n` as `\\n`), so that a
/// value from the directory cannot start a fake line in text output.
///
/// ```
/// assert_eq!(mailuser::output::printable("a\nb"), "a\\nb");
/// ```
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().collect()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// The output format chosen with `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OutputFormat {
    /// Human-readable lines
    #[default]
    Text,
    /// One JSON object per line
    Json,
    /// Comma-separated values with a header, for a spreadsheet (list, show
    /// and license; other commands print text)
    Csv,
}

/// Prints results on stdout and diagnostics on stderr.
#[derive(Debug, Clone, Copy)]
pub struct Reporter {
    /// Text or JSON; `--format csv` reports as text but where a table is
    /// printed (`csv` below).
    pub format: OutputFormat,
    pub dry_run: bool,
    pub quiet: bool,
    /// `--format csv`: tables are printed as CSV with a header.
    pub csv: bool,
}

/// A progress bar on stderr, shown only for long runs on a terminal.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    /// Accounts of the run and the mailbox steps that carry them out.
    accounts: u64,
    steps: u64,
    done: std::cell::Cell<u64>,
}

impl Progress {
    /// One mailbox step done: the bar counts accounts, moving with the
    /// steps, so it advances through a run of long mailbox steps.
    pub fn tick(&self) {
        self.done.set(self.done.get() + 1);
        if let Some(bar) = &self.bar {
            bar.set_position(self.done.get() * self.accounts / self.steps.max(1));
        }
    }

    /// The bar goes; the run's summary line takes its place.
    pub fn done(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Fewer accounts than this finish too fast to need a progress bar.
const PROGRESS_FROM: u64 = 20;

impl Reporter {
    /// A progress bar over the `accounts` a run changes through `steps`
    /// mailbox steps: on stderr, only when it is a terminal, the run has
    /// many accounts, and `-q` was not given. It shows an ETA.
    pub fn progress(&self, accounts: u64, steps: u64) -> Progress {
        use std::io::IsTerminal;
        let shown = !self.quiet
            && accounts >= PROGRESS_FROM
            && steps > 0
            && std::io::stderr().is_terminal();
        let bar = shown.then(|| {
            let style = indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} accounts, {eta} left",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            indicatif::ProgressBar::new(accounts).with_style(style)
        });
        Progress {
            bar,
            accounts,
            steps,
            done: std::cell::Cell::new(0),
        }
    }

    /// Reports the steps of a plan, each done, unchanged, or (dry run)
    /// planned, through one buffer: a bulk run's lines go out in a few
    /// writes, not one each. A note on stderr first writes out what is
    /// buffered, so that the two streams interleave as they did.
    pub fn steps(&self, steps: &[Step]) {
        let mut out = String::new();
        for step in steps {
            self.step(step, &mut out);
            if out.len() >= 64 << 10 {
                self.write(&std::mem::take(&mut out));
            }
        }
        if !out.is_empty() {
            self.write(&out);
        }
    }

    /// Renders one step into `out`.
    fn step(&self, step: &Step, out: &mut String) {
        // `-q` keeps changes and failures, not what was already so.
        if self.quiet && step.unchanged.is_some() {
            return;
        }
        // Where a transferred mailbox goes, which the log does not say.
        let destination = step.ops.iter().find_map(|op| match op {
            MailboxOp::Move { to, .. } => Some(to.display().to_string()),
            _ => None,
        });
        match self.format {
            OutputFormat::Text | OutputFormat::Csv => self.text_step(step, destination, out),
            OutputFormat::Json => self.json_step(step, destination, out),
        }
    }

    /// `LINE ACCOUNT: TEXT (DETAILS) into "DESTINATION"`, its notes on
    /// stderr before it. Pieces pushed, not formatted: a line for every
    /// account of a bulk run.
    fn text_step(&self, step: &Step, destination: Option<String>, out: &mut String) {
        if !self.quiet && !step.notes.is_empty() {
            self.write(&std::mem::take(out));
            for note in &step.notes {
                self.note(&format!("{}: {note}", step.account));
            }
        }
        if let Some(line) = step.line {
            write!(out, "line {line}: ").expect("a String takes any text");
        }
        [&step.account, ": "].iter().for_each(|p| out.push_str(p));
        match (&step.unchanged, self.dry_run) {
            (Some(why), _) => [why, ", nothing to change"]
                .iter()
                .for_each(|p| out.push_str(p)),
            (None, true) => ["would be ", step.action.past()]
                .iter()
                .for_each(|p| out.push_str(p)),
            (None, false) => out.push_str(step.action.past()),
        }
        // Whether the details, joined with ", ", say anything.
        let details = step.details.len() > 1 || step.details.first().is_some_and(|d| !d.is_empty());
        if details && step.unchanged.is_none() {
            out.push_str(" (");
            for (i, detail) in step.details.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(detail);
            }
            out.push(')');
            if let Some(to) = &destination {
                write!(out, " into {to:?}").expect("a String takes any text");
            }
        }
        out.push('\n');
    }

    /// One JSON object per step.
    fn json_step(&self, step: &Step, destination: Option<String>, out: &mut String) {
        let (result, details) = match (&step.unchanged, self.dry_run) {
            (Some(why), _) => ("unchanged", format!("{why}, nothing to change")),
            (None, dry_run) => (
                if dry_run { "planned" } else { "changed" },
                step.details.join(", "),
            ),
        };
        let mut record = json!({
            "account": step.account,
            "action": step.action.verb(),
            "result": result,
            "dry_run": self.dry_run,
            "details": details,
        });
        if let Some(line) = step.line {
            record["line"] = line.into();
        }
        if let Some(to) = destination {
            record["destination"] = to.into();
        }
        if !step.notes.is_empty() {
            record["notes"] = step.notes.clone().into();
        }
        // What the row or argument said, beside the address it resolved to.
        record["typed"] = step.typed.clone().into();
        writeln!(out, "{record}").expect("a String takes any text");
    }

    /// The last line of a run of several accounts (or a bulk file):
    /// `200 rows: 150 changed, 30 unchanged, 20 failed`. In JSON an object
    /// with `"summary": true`, which no per-account object has.
    pub fn summary(&self, unit: &str, changed: usize, unchanged: usize, failed: usize) {
        let total = changed + unchanged + failed;
        match self.format {
            OutputFormat::Json => self.json(&json!({
                "summary": true,
                "result": "summary",
                "total": total,
                "changed": changed,
                "unchanged": unchanged,
                "failed": failed,
                "dry_run": self.dry_run,
            })),
            OutputFormat::Text | OutputFormat::Csv => {
                let verb = if self.dry_run { "to change" } else { "changed" };
                self.line(&format!(
                    "{} {}: {changed} {verb}, {unchanged} unchanged, {failed} failed",
                    total,
                    plural(total, unit)
                ));
            }
        }
    }

    /// Reports a request that failed a check; `source` names the bulk file.
    pub fn failure(&self, failure: &Failure, source: Option<&str>) {
        let mut at = String::new();
        if let (Some(source), Some(line)) = (source, failure.line) {
            at = format!("{source}, line {line}");
            if let Some(column) = failure.column {
                at.push_str(&format!(", column `{column}`"));
            }
            at.push_str(": ");
        }
        eprintln!("mailuser: {at}{}", failure.error);
        if self.format == OutputFormat::Json {
            let mut record = json!({
                "account": failure.error.account().unwrap_or(&failure.subject),
                "typed": failure.subject,
                "action": failure.verb,
                "result": "failed",
                "dry_run": self.dry_run,
                "code": failure.error.exit().code(),
                "error": failure.error.to_string(),
            });
            if let Some(line) = failure.line {
                record["line"] = line.into();
                record["column"] = failure.column.into();
            }
            self.json(&record);
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

    /// Asks a question on stderr, as written (no prefix, no line end
    /// added), before reading the answer; shown even with `-q`.
    pub fn ask(&self, text: &str) {
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
    }

    /// A note on stderr, in the one form every warning and note takes.
    pub fn note(&self, text: &str) {
        if !self.quiet {
            eprintln!("mailuser: warning: {text}");
        }
    }

    /// Prints a table as CSV with a header row.
    pub fn csv_table(&self, header: &[&str], rows: &[Vec<String>]) {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        let written = writer
            .write_record(header)
            .and_then(|()| rows.iter().try_for_each(|row| writer.write_record(row)));
        match (written, writer.into_inner()) {
            (Ok(()), Ok(bytes)) => self.write(&String::from_utf8_lossy(&bytes)),
            _ => closed_pipe(&std::io::Error::other("cannot write CSV")),
        }
    }

    /// Prints one line of text on stdout.
    pub fn line(&self, text: &str) {
        self.write(&format!("{text}\n"));
    }

    /// Prints text on stdout. A closed pipe (`mailuser list | head -1`)
    /// ends the run quietly with exit 0, as ripgrep does: the reader has
    /// what it wanted, and every change was made before reporting began.
    pub fn write(&self, text: &str) {
        let mut out = std::io::stdout().lock();
        if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            closed_pipe(&e);
        }
    }

    /// Reports what `check` found, one line (or JSON object) per finding:
    /// `class: subject: problem; fix: command`.
    pub fn findings(&self, findings: &[Finding]) {
        match self.format {
            OutputFormat::Json => self.json_lines(findings.iter()),
            OutputFormat::Text | OutputFormat::Csv => {
                let mut out = String::new();
                for f in findings {
                    out.push_str(&format!(
                        "{}: {}: {}",
                        f.class.as_str(),
                        f.subject,
                        f.problem
                    ));
                    if let Some(fix) = &f.fix {
                        out.push_str(&format!("; fix: {fix}"));
                    }
                    out.push('\n');
                }
                self.write(&out);
            }
        }
    }

    /// The last line of `check`: how many findings of each class, and
    /// whether a run was in progress. In JSON the object has
    /// `"summary": true`, which no finding has.
    pub fn check_summary(&self, report: &Report) {
        let counts = report.counts();
        match self.format {
            OutputFormat::Json => {
                let classes: serde_json::Map<String, serde_json::Value> = counts
                    .iter()
                    .map(|(class, n)| (class.as_str().to_string(), (*n).into()))
                    .collect();
                self.json(&json!({
                    "summary": true,
                    "findings": report.findings.len(),
                    "classes": classes,
                    "run_in_progress": report.run_in_progress,
                }))
            }
            OutputFormat::Text | OutputFormat::Csv => {
                let mut line = match report.findings.len() {
                    0 => "summary: no findings".to_string(),
                    n => {
                        let classes: Vec<String> = counts
                            .iter()
                            .map(|(class, n)| format!("{n} {}", class.as_str()))
                            .collect();
                        format!(
                            "summary: {}: {}",
                            plural_count(n, "finding"),
                            classes.join(", ")
                        )
                    }
                };
                if report.run_in_progress {
                    line.push_str(
                        "; a run is in progress (the store lock is held): its journal and \
                         trash were not checked",
                    );
                }
                self.line(&line);
            }
        }
    }

    /// Prints one JSON object as one line.
    pub fn json(&self, value: &impl serde::Serialize) {
        self.json_lines(std::iter::once(value));
    }

    /// Prints JSON objects, one per line, through one buffer.
    pub fn json_lines<T: serde::Serialize>(&self, values: impl Iterator<Item = T>) {
        let mut out = self.stream();
        values.for_each(|value| out.json(&value));
        out.finish();
    }

    /// A buffered writer to stdout, for output made one record at a time.
    pub fn stream(&self) -> Stream {
        Stream(std::io::BufWriter::new(std::io::stdout().lock()))
    }
}

/// Buffered stdout, with the closed-pipe rule of [`Reporter::write`].
pub struct Stream(std::io::BufWriter<std::io::StdoutLock<'static>>);

impl Stream {
    /// One JSON object as one line.
    pub fn json(&mut self, value: &impl serde::Serialize) {
        let written = serde_json::to_writer(&mut self.0, value)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(self.0));
        if let Err(e) = written {
            closed_pipe(&e);
        }
    }

    /// Writes what is buffered.
    pub fn finish(mut self) {
        if let Err(e) = self.0.flush() {
            closed_pipe(&e);
        }
    }
}

/// `unit`, or its plural when `n` is not 1: `1 row`, `2 rows`, `0 entries`,
/// `3 aliases`, `2 mailboxes`. The one place every message that puts a
/// count next to a noun gets the noun's form from; a noun whose plural is
/// irregular, or a verb that agrees with the count, is given as
/// `singular|plural` (`"takes|take"`).
///
/// ```
/// use mailuser::output::{plural, plural_count};
/// assert_eq!(plural_count(1_usize, "account"), "1 account");
/// assert_eq!(plural_count(2_usize, "alias"), "2 aliases");
/// assert_eq!(plural_count(0_u64, "entry"), "0 entries");
/// assert_eq!(plural(2_usize, "takes|take"), "take");
/// assert_eq!(plural(1_usize, "takes|take"), "takes");
/// ```
pub fn plural(n: impl Count, unit: &str) -> String {
    let one = n.is_one();
    if let Some((singular, plural)) = unit.split_once('|') {
        return if one { singular } else { plural }.to_string();
    }
    match (one, unit.strip_suffix('y')) {
        (true, _) => unit.to_string(),
        (_, Some(stem)) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{stem}ies"),
        _ if unit.ends_with(['s', 'x', 'z']) || unit.ends_with("ch") || unit.ends_with("sh") => {
            format!("{unit}es")
        }
        _ => format!("{unit}s"),
    }
}

/// `1 step`, `2 steps`: the count and its noun, as [`plural`] forms it.
pub fn plural_count(n: impl Count, unit: &str) -> String {
    format!("{n} {}", plural(n, unit))
}

/// A count [`plural`] takes: `usize` (lengths) or `u64` (bytes, seats).
pub trait Count: Copy + std::fmt::Display {
    fn is_one(self) -> bool;
}

impl Count for usize {
    fn is_one(self) -> bool {
        self == 1
    }
}

impl Count for u64 {
    fn is_one(self) -> bool {
        self == 1
    }
}

/// Ends the process quietly (exit 0) when stdout was closed by its
/// reader; any other write error ends it with exit 1 and a message.
fn closed_pipe(error: &std::io::Error) -> ! {
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eprintln!("mailuser: cannot write to standard output: {error}");
    std::process::exit(1);
}

/// The JSON object for one account, as `list` and `show` print it;
/// borrowed from the directory, so listing 100,000 accounts copies nothing.
#[derive(Debug, serde::Serialize)]
pub struct AccountRecord<'a> {
    account: String,
    name: &'a str,
    domain: &'a str,
    full_name: Option<&'a str>,
    enabled: bool,
    locked: bool,
    role: &'static str,
    effective_role: &'static str,
    groups: &'a [Text],
    forward_to: &'a [Text],
    /// The effective mailbox path, relative to `mail/`.
    mailbox: String,
    /// Only `show` looks the aliases up.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aliases: Option<Vec<&'a str>>,
}

impl<'a> AccountRecord<'a> {
    /// The columns of `--format csv`.
    pub const COLUMNS: [&'static str; 11] = [
        "account",
        "name",
        "domain",
        "full_name",
        "enabled",
        "locked",
        "role",
        "effective_role",
        "groups",
        "forward_to",
        "mailbox",
    ];

    /// The record as a CSV row of [`AccountRecord::COLUMNS`] (lists joined
    /// with `;`, as in `users.csv`).
    pub fn csv_row(&self) -> Vec<String> {
        vec![
            self.account.clone(),
            self.name.to_string(),
            self.domain.to_string(),
            self.full_name.unwrap_or_default().to_string(),
            self.enabled.to_string(),
            self.locked.to_string(),
            self.role.to_string(),
            self.effective_role.to_string(),
            self.groups.join(";"),
            self.forward_to.join(";"),
            self.mailbox.clone(),
        ]
    }

    /// The record of `user`, whose effective rights are `effective`.
    pub fn new(effective: Role, user: &'a User) -> AccountRecord<'a> {
        AccountRecord {
            account: user.address().to_string(),
            name: &user.name,
            domain: &user.domain,
            full_name: user.full_name.as_deref(),
            enabled: user.is_enabled(),
            locked: user.is_locked(),
            role: user.own_role().as_str(),
            effective_role: effective.as_str(),
            groups: user.group_names(),
            forward_to: user.forwards(),
            mailbox: user
                .mailbox
                .as_deref()
                .map_or_else(|| format!("{}/{}", user.domain, user.name), str::to_string),
            aliases: None,
        }
    }
}
