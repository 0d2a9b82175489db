//! The warning log (SPEC §6): Kerio-style lines appended to `warning.log`.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use jiff::ZonedDateTime;
use jiff::tz::{Offset, TimeZone};

use crate::error::{Error, Result};

/// The environment variable that fixes the clock for tests.
pub const NOW_VAR: &str = "MAILUSER_NOW";

/// Where log time stamps come from: the local clock, or a fixed time.
#[derive(Debug, Clone)]
pub struct Clock {
    fixed: Option<ZonedDateTime>,
}

impl Clock {
    /// The local clock, unless `MAILUSER_NOW` holds an RFC 3339 time.
    pub fn from_env() -> Result<Clock> {
        let Some(text) = std::env::var_os(NOW_VAR) else {
            return Ok(Clock { fixed: None });
        };
        let text = text.to_string_lossy();
        let bad = |e: &dyn std::fmt::Display| {
            Error::Usage(format!("{NOW_VAR}={text:?} is not an RFC 3339 time: {e}"))
        };
        let stamp: jiff::Timestamp = text.parse().map_err(|e| bad(&e))?;
        let offset = rfc3339_offset(&text).ok_or_else(|| bad(&"no UTC offset"))?;
        Ok(Clock {
            fixed: Some(stamp.to_zoned_datetime(TimeZone::fixed(offset))),
        })
    }

    /// The current time, as an instant.
    pub fn now(&self) -> jiff::Timestamp {
        self.fixed
            .as_ref()
            .map_or_else(jiff::Timestamp::now, |t| t.timestamp())
    }

    /// `25/Nov/2026 10:12:01`, as Kerio writes it.
    pub fn stamp(&self) -> String {
        let now = self
            .fixed
            .clone()
            .unwrap_or_else(|| jiff::Timestamp::now().to_zoned_datetime(local_zone()));
        now.strftime("%d/%b/%Y %H:%M:%S").to_string()
    }
}

/// The local time zone: `TZ` as jiff reads it where it is set, else
/// `/etc/localtime` read as the TZif file it is. (jiff would first list the
/// whole time zone database to name the zone: a few milliseconds of every
/// run, for a name the log does not show.)
fn local_zone() -> TimeZone {
    if std::env::var_os("TZ").is_none()
        && let Ok(data) = std::fs::read("/etc/localtime")
        && let Ok(zone) = TimeZone::tzif("Local", &data)
    {
        return zone;
    }
    TimeZone::system()
}

/// The offset at the end of an RFC 3339 time: `Z`, `+01:00` or `-05:30`.
fn rfc3339_offset(text: &str) -> Option<Offset> {
    if text.ends_with(['Z', 'z']) {
        return Some(Offset::UTC);
    }
    let tail = text.get(text.len().checked_sub(6)?..)?;
    let sign = match tail.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let hours: i32 = tail.get(1..3)?.parse().ok()?;
    let minutes: i32 = tail.get(4..6)?.parse().ok()?;
    Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()
}

/// The warning log of a run, checked to be writable before anything changes.
#[derive(Debug)]
pub struct WarningLog {
    path: PathBuf,
}

impl WarningLog {
    /// Checks that `dir/warning.log` can be appended to. A real run creates
    /// the folder and the file; a dry run only looks.
    pub fn open(dir: &Path, dry_run: bool) -> Result<WarningLog> {
        let path = dir.join("warning.log");
        // A link would lead the log elsewhere; a FIFO would hang the run.
        crate::store::expect_kind(&path, false)?;
        if dry_run {
            // The real run creates a missing folder: look at the nearest
            // folder that is there.
            let there = dir
                .ancestors()
                .find(|d| std::fs::symlink_metadata(d).is_ok());
            let meta = there.map(std::fs::metadata).transpose().map_err(|e| {
                Error::Store(format!("the log folder {} is unusable: {e}", dir.display()))
            })?;
            if !meta.is_some_and(|m| m.is_dir() && !m.permissions().readonly()) {
                return Err(Error::Store(format!(
                    "the log folder {} is not a writable folder",
                    dir.display()
                )));
            }
            if path.exists() {
                crate::store::writable(&path)?;
            }
        } else {
            crate::store::create_dirs(dir)?;
            append_file(&path)?;
        }
        Ok(WarningLog { path })
    }

    /// Appends `text` (whole lines, see [`lines_text`]) in one write and
    /// syncs it to disk. A write that fails (a full disk) is cut back, so
    /// the log holds whole lines only.
    pub fn append(&self, text: &str) -> Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        let mut file = append_file(&self.path)?;
        let before = file.metadata().map_err(Error::io(&self.path))?.len();
        if crate::failpoint::armed("log-half-written") {
            // A power loss in the middle of the write.
            let _ = file.write_all(&text.as_bytes()[..text.len() / 2]);
            let _ = file.sync_data();
            crate::failpoint::hit("log-half-written");
        }
        let written = crate::failpoint::fail_io("log-write")
            .and_then(|()| file.write_all(text.as_bytes()))
            .and_then(|()| file.sync_data());
        if let Err(e) = written {
            let _ = file.set_len(before).and_then(|()| file.sync_data());
            return Err(Error::io(&self.path)(e));
        }
        Ok(())
    }

    /// The log's size in bytes (0 when it does not exist yet).
    pub fn size(&self) -> Result<u64> {
        match std::fs::symlink_metadata(&self.path) {
            Ok(meta) => Ok(meta.len()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(0),
            Err(e) => Err(Error::io(&self.path)(e)),
        }
    }

    /// The log's bytes from `offset` to its end.
    pub fn read_from(&self, offset: u64) -> Result<Vec<u8>> {
        use std::io::{Read, Seek, SeekFrom};
        let mut tail = Vec::new();
        match std::fs::File::open(&self.path) {
            Ok(mut file) => file
                .seek(SeekFrom::Start(offset))
                .and_then(|_| file.read_to_end(&mut tail))
                .map_err(Error::io(&self.path))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => 0,
            Err(e) => return Err(Error::io(&self.path)(e)),
        };
        Ok(tail)
    }

    /// Cuts the log back to `len` bytes: only ever a run's own half line.
    pub fn truncate(&self, len: u64) -> Result<()> {
        append_file(&self.path).and_then(|f| {
            f.set_len(len)
                .and_then(|()| f.sync_data())
                .map_err(Error::io(&self.path))
        })
    }
}

fn append_file(path: &Path) -> Result<std::fs::File> {
    let mut options = OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o640);
    options.open(path).map_err(Error::io(path))
}

/// Log lines as the log holds them, each ended by a newline.
pub fn lines_text(lines: &[String]) -> String {
    let mut text = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    text
}

/// One log line: `[25/Nov/2026 10:12:01] User x@y disabled by a@y`.
///
/// ```
/// let line = mailuser::audit::line(
///     "25/Nov/2026 10:12:01", "jdoe@example.com", "removed", "admin@example.com", "mailbox kept",
/// );
/// assert_eq!(
///     line,
///     "[25/Nov/2026 10:12:01] User jdoe@example.com removed by admin@example.com: mailbox kept"
/// );
/// ```
pub fn line(stamp: &str, account: &str, verb: &str, actor: &str, details: &str) -> String {
    subject_line(stamp, "User", account, verb, actor, details)
}

/// A log line whose subject is not `User`: `Removed user X purged by Y`.
pub fn subject_line(
    stamp: &str,
    subject: &str,
    account: &str,
    verb: &str,
    actor: &str,
    details: &str,
) -> String {
    // Pieces pushed, not formatted: a line for every account of a run.
    let pieces = [
        "[", stamp, "] ", subject, " ", account, " ", verb, " by ", actor,
    ];
    let details: &[&str] = if details.is_empty() {
        &[]
    } else {
        &[": ", details]
    };
    let mut line = String::with_capacity(pieces.iter().chain(details).map(|p| p.len()).sum());
    pieces
        .iter()
        .chain(details)
        .for_each(|piece| line.push_str(piece));
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_of_rfc3339_times() {
        assert_eq!(rfc3339_offset("2026-11-25T10:12:01Z"), Some(Offset::UTC));
        let plus_one = Offset::from_seconds(3600).ok();
        assert_eq!(rfc3339_offset("2026-11-25T10:12:01+01:00"), plus_one);
        let minus = Offset::from_seconds(-(5 * 3600 + 1800)).ok();
        assert_eq!(rfc3339_offset("2026-11-25T10:12:01-05:30"), minus);
        assert_eq!(rfc3339_offset("2026-11-25T10:12:01"), None);
    }

    #[test]
    fn log_lines_follow_kerio() {
        let line = line("25/Nov/2026 10:12:01", "a@x", "disabled", "admin@x", "");
        assert_eq!(line, "[25/Nov/2026 10:12:01] User a@x disabled by admin@x");
    }
}
