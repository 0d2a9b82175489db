//! Error kinds of the library and the one place that maps them to exit codes.

use std::path::PathBuf;
use std::process::ExitCode;

/// The exit codes of SPEC §8, in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    Ok = 0,
    Failure = 1,
    Usage = 2,
    Refused = 3,
    NotFound = 4,
    NoSeats = 5,
    Partial = 6,
    Locked = 75,
}

impl Exit {
    /// The numeric code the process exits with.
    pub fn code(self) -> u8 {
        self as u8
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit.code())
    }
}

/// Where in an input file a problem sits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    pub line: Option<u64>,
    pub field: Option<String>,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field `{field}`")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Usage(String),
    #[error("{at}: {message}")]
    BadInput { at: Location, message: String },
    #[error("{subject}: refused by rule `{rule}`: {message}")]
    Refused {
        subject: String,
        rule: &'static str,
        message: String,
    },
    #[error("{0}: no such account")]
    NotFound(String),
    #[error("{subject}: no such account (did you mean {hint}?)")]
    NotFoundNear { subject: String, hint: String },
    #[error("{subject}: {what}: no such account")]
    NoSuch { subject: String, what: String },
    #[error(
        "{subject}: no free seat: {used} of {total} used{}",
        earlier_text(*earlier)
    )]
    NoSeats {
        subject: String,
        used: usize,
        total: u64,
        /// Seats taken by accounts enabled earlier in the same command.
        earlier: usize,
    },
    #[error("the store {0} is locked by another run")]
    Locked(PathBuf),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Store(String),
    /// The question before deleting mail was not answered yes.
    #[error("not confirmed: nothing was changed")]
    NotConfirmed,
    /// The question before deleting mail is asked before the store lock
    /// is taken; another run changed what the run would delete while it
    /// was open. Nothing was changed, and a new run asks again.
    #[error(
        "the store changed while the question was open: the mail to delete is no longer what \
         was listed; nothing was changed, run again"
    )]
    ChangedWhileAsking,
    /// A directory entry changed since the run read it (an LDAP assertion
    /// failed): nothing of it was overwritten, and a new run re-plans.
    #[error(
        "{0}: changed underneath by another run or administrator; nothing was overwritten, safe to re-run"
    )]
    Changed(String),
}

impl Error {
    /// The exit code of this kind of error (SPEC §8).
    pub fn exit(&self) -> Exit {
        match self {
            Error::Usage(_) | Error::BadInput { .. } => Exit::Usage,
            Error::Refused { .. } => Exit::Refused,
            Error::NotFound(_) | Error::NotFoundNear { .. } | Error::NoSuch { .. } => {
                Exit::NotFound
            }
            Error::NoSeats { .. } => Exit::NoSeats,
            Error::Locked(_) | Error::Changed(_) | Error::ChangedWhileAsking => Exit::Locked,
            Error::Io { .. } | Error::Store(_) | Error::NotConfirmed => Exit::Failure,
        }
    }

    /// The account the error is about, as resolved, where it names one.
    pub fn account(&self) -> Option<&str> {
        match self {
            Error::Refused { subject, .. } | Error::NoSeats { subject, .. } => Some(subject),
            _ => None,
        }
    }

    /// The order checks run in (SPEC §3): syntax, existence, policy, seats.
    /// When several targets fail, the earliest stage sets the exit code.
    pub fn stage(&self) -> u8 {
        match self.exit() {
            Exit::Usage => 0,
            Exit::NotFound => 1,
            Exit::Refused => 2,
            Exit::NoSeats => 3,
            _ => 4,
        }
    }

    /// A bad-input error at `file`, with an optional line and field.
    pub fn bad_input(
        file: impl Into<PathBuf>,
        line: Option<u64>,
        field: Option<String>,
        message: impl Into<String>,
    ) -> Error {
        Error::BadInput {
            at: Location {
                file: file.into(),
                line,
                field,
            },
            message: message.into(),
        }
    }

    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { path, source }
    }
}

fn earlier_text(earlier: usize) -> String {
    match earlier {
        0 => String::new(),
        n => format!(
            ", counting the {} enabled earlier in this command",
            crate::output::plural_count(n, "account")
        ),
    }
}

/// Reads an input file as text; a file that is not UTF-8 is bad input
/// (exit 2), any other failure an I/O error (exit 1).
pub fn read_text(path: &std::path::Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(text_error(path))
}

/// The error of reading `path` as text: not UTF-8 is bad input (exit 2),
/// anything else an I/O error (exit 1).
pub fn text_error(path: &std::path::Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |e| {
        if e.kind() == std::io::ErrorKind::InvalidData {
            not_utf8(path)
        } else {
            Error::io(path)(e)
        }
    }
}

/// The error of an input file that is not UTF-8 (exit 2).
pub fn not_utf8(path: &std::path::Path) -> Error {
    Error::bad_input(path, None, None, "the file is not valid UTF-8")
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
