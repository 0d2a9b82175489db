//! One run at a time per store: an advisory lock on `.mailuser.lock`.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// Held for the whole run; the lock goes when it is dropped.
#[derive(Debug)]
pub struct StoreLock {
    _file: File,
}

/// Takes the store lock, waiting up to `wait` for another run to finish.
pub fn acquire(path: &Path, wait: Duration) -> Result<StoreLock> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o644);
    let file = options.open(path).map_err(Error::io(path))?;
    // A wait too long to represent is a wait without end.
    let deadline = Instant::now().checked_add(wait);
    loop {
        match file.try_lock() {
            Ok(()) => {
                log::debug!("locked {}", path.display());
                return Ok(StoreLock { _file: file });
            }
            Err(TryLockError::WouldBlock) => {
                let now = Instant::now();
                let left = deadline.map_or(Duration::MAX, |d| d.saturating_duration_since(now));
                if left.is_zero() {
                    let store = path.parent().unwrap_or(path);
                    return Err(Error::Locked(store.to_path_buf()));
                }
                log::info!("waiting for the store lock {}", path.display());
                std::thread::sleep(left.min(Duration::from_millis(50)));
            }
            Err(TryLockError::Error(e)) => return Err(Error::io(path)(e)),
        }
    }
}
