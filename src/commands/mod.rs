//! One file per command. Each builds its request, then plans, checks and
//! executes it through the shared steps here.

pub mod add;
pub mod apply;
mod change;
pub mod check;
pub mod completions;
pub mod disable;
pub mod enable;
pub mod history;
pub mod init;
pub mod license;
pub mod list;
pub mod migrate;
pub mod purge;
pub mod remove;
pub mod restore;
pub mod show;
pub mod unlock;

use std::io::BufRead;
use std::path::PathBuf;
use std::time::Duration;

use crate::audit::Clock;
use crate::cli::GlobalArgs;
use crate::directory::ldap::{LdapDirectory, LdapOptions, Secret};
use crate::directory::{Backend, Reading};
use crate::error::{Error, Result};
use crate::output::{OutputFormat, Reporter};
use crate::plan::{Action, Request};
use crate::store::{self, Store, journal};

/// What every command needs to know about this run.
#[derive(Debug)]
pub struct Context {
    pub store_root: PathBuf,
    pub log_dir: Option<PathBuf>,
    pub actor: Option<String>,
    pub dry_run: bool,
    pub wait: Duration,
    /// Days a removal can be undone.
    pub retain_days: u32,
    pub clock: Clock,
    pub reporter: Reporter,
    /// `--directory URL` and its bind options: an LDAP directory instead
    /// of the store's file (SPEC §13).
    pub ldap: Option<LdapOptions>,
    /// The bind options alone, for `migrate --to URL`.
    pub bind: LdapOptions,
}

impl Context {
    pub fn new(global: &GlobalArgs) -> Result<Context> {
        let bind = bind_options(global)?;
        Ok(Context {
            store_root: global.store.clone().unwrap_or_else(store::default_root),
            log_dir: global.log_dir.clone(),
            actor: global.actor.clone(),
            dry_run: global.dry_run,
            wait: Duration::from_secs(global.wait),
            retain_days: global.retain,
            clock: Clock::from_env()?,
            reporter: reporter(global),
            ldap: global.directory.as_ref().map(|url| LdapOptions {
                url: url.clone(),
                ..bind.clone()
            }),
            bind,
        })
    }

    /// Connects to the LDAP directory `--directory` names, if it does.
    pub fn open_ldap(&self) -> Result<Option<LdapDirectory>> {
        self.ldap.as_ref().map(LdapDirectory::open).transpose()
    }

    /// The directory for a read-only command, without a lock: the LDAP
    /// server `--directory` names, else the store's file, read as `reading`
    /// says.
    pub fn read_backend(&self, reading: Reading) -> Result<(Store, Box<dyn Backend>)> {
        match self.open_ldap()? {
            Some(ldap) => {
                let store = self.store()?;
                self.warn_pending(&store);
                Ok((store, Box::new(ldap)))
            }
            None => self.read_directory(reading),
        }
    }

    /// The acting administrator; changing commands need one.
    pub fn actor(&self) -> Result<&str> {
        self.actor.as_deref().ok_or_else(|| {
            Error::Usage("no acting administrator: give --as USER or set MAILUSER_ACTOR".into())
        })
    }

    pub fn store(&self) -> Result<Store> {
        Store::open(&self.store_root)
    }

    pub fn log_dir(&self, store: &Store) -> PathBuf {
        self.log_dir
            .clone()
            .unwrap_or_else(|| store.default_log_dir())
    }

    /// Loads the directory for a read-only command, without a lock.
    pub fn read_directory(&self, reading: Reading) -> Result<(Store, Box<dyn Backend>)> {
        let store = self.store()?;
        self.warn_pending(&store);
        let dir = crate::directory::open(&store.directory_file()?, reading)?;
        Ok((store, dir))
    }

    /// Warns on stderr about runs in progress and interrupted runs that the
    /// next changing run will finish. Never fails: a record that cannot be
    /// read is itself the warning.
    pub fn warn_pending(&self, store: &Store) {
        let intents = match journal::pending(store) {
            Ok(intents) => intents,
            Err(error) => {
                eprintln!("mailuser: warning: {error}");
                return;
            }
        };
        for intent in intents {
            let changes = crate::output::plural_count(intent.log_lines.len(), "change");
            if intent.in_progress() {
                eprintln!(
                    "mailuser: warning: a run ({}) is in progress: {changes} being made",
                    intent.op
                );
            } else {
                eprintln!(
                    "mailuser: warning: an interrupted run ({}) is waiting to be finished \
                     by the next changing run: {changes} pending",
                    intent.op
                );
            }
        }
    }
}

/// The LDAP bind options (`--bind-dn`, the password from
/// `MAILUSER_BIND_PASSWORD` or `--bind-password-file`, never an argument,
/// `--starttls`, `--ca-file`), with `url` left empty.
fn bind_options(global: &GlobalArgs) -> Result<LdapOptions> {
    let password = match (&global.bind_dn, &global.bind_password_file) {
        (None, Some(_)) => {
            return Err(Error::Usage(
                "--bind-password-file needs --bind-dn DN".into(),
            ));
        }
        (None, None) => None,
        (Some(_), Some(file)) => {
            let text = std::fs::read_to_string(file).map_err(|e| {
                Error::Usage(format!(
                    "cannot read the bind password file {}: {e}",
                    file.display()
                ))
            })?;
            Some(text.lines().next().unwrap_or_default().to_string())
        }
        (Some(_), None) => std::env::var("MAILUSER_BIND_PASSWORD").ok(),
    };
    Ok(LdapOptions {
        url: String::new(),
        bind_dn: global.bind_dn.clone(),
        password: password.map(Secret),
        starttls: global.starttls,
        ca_file: global.ca_file.clone(),
    })
}

/// How this run reports, from the global options alone.
pub fn reporter(global: &GlobalArgs) -> Reporter {
    let csv = global.format == OutputFormat::Csv;
    Reporter {
        format: if csv {
            OutputFormat::Text
        } else {
            global.format
        },
        dry_run: global.dry_run,
        quiet: global.quiet,
        csv,
    }
}

/// One request per USER argument (after `-` is read).
pub fn requests(action: Action, args: &[String]) -> Result<Vec<Request>> {
    Ok(read_targets(args)?
        .into_iter()
        .map(|user| Request {
            action: action.clone(),
            user,
            line: None,
        })
        .collect())
}

/// The USER arguments, with `-` replaced by the lines of standard input
/// (blank lines and lines starting with `#` are skipped).
pub fn read_targets(args: &[String]) -> Result<Vec<String>> {
    use std::io::IsTerminal;
    let mut targets = Vec::with_capacity(args.len());
    for arg in args {
        if arg != "-" {
            targets.push(arg.clone());
            continue;
        }
        if std::io::stdin().is_terminal() {
            // Someone typed `mailuser disable -` at a prompt: say why
            // nothing happens, and how to finish.
            let eof = if cfg!(windows) {
                "Ctrl-Z, Enter"
            } else {
                "Ctrl-D"
            };
            log::warn!(
                "reading accounts from standard input, one per line, until end of input ({eof})"
            );
        }
        for line in std::io::stdin().lock().lines() {
            let line = line.map_err(Error::io("<stdin>"))?;
            let line = line.trim();
            if !line.is_empty() && !line.starts_with('#') {
                targets.push(line.to_string());
            }
        }
    }
    if targets.is_empty() {
        // `list ... | mailuser disable -` with nothing to do is not an error.
        log::warn!("no accounts on standard input: nothing to do");
    }
    Ok(targets)
}
