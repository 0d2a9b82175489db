//! Test-only fault injection. `MAILUSER_FAILPOINT=<step>[,<step>...]`
//! makes the process abort (as a power loss or `kill -9` would) when it
//! reaches one of those steps, or makes an I/O step fail with an error.
//! Not for production use.

const VAR: &str = "MAILUSER_FAILPOINT";

/// Whether the failpoint names `step`. Always `false` unless built with
/// the `failpoints` feature, which only the tests turn on.
pub fn armed(step: &str) -> bool {
    cfg!(feature = "failpoints")
        && std::env::var(VAR).is_ok_and(|v| v.split(',').any(|s| s == step))
}

/// Aborts the process at `step` when the failpoint names it.
pub fn hit(step: &str) {
    if armed(step) {
        eprintln!("mailuser: failpoint {step}: aborting");
        std::process::abort();
    }
}

/// [`hit`] at the `n`th of numbered steps (`mailbox-op-3`); the name is
/// put together only in builds with failpoints, as a run may pass
/// thousands.
pub fn hit_nth(step: &str, n: usize) {
    if cfg!(feature = "failpoints") {
        hit(&format!("{step}-{n}"));
    }
}

/// Returns an I/O error at `step` when the failpoint names it.
pub fn fail_io(step: &str) -> std::io::Result<()> {
    if armed(step) {
        return Err(std::io::Error::other(format!("failpoint {step}")));
    }
    Ok(())
}

/// Stops at `step` when the failpoint names it, until the test lets it go
/// on: the run creates `<step>.reached` in `MAILUSER_FAILPOINT_DIR`, then
/// waits (at most a minute) for `<step>.go` there. A test changes what the
/// run will meet in between.
pub fn pause(step: &str) {
    if !armed(step) {
        return;
    }
    let Some(dir) = std::env::var_os("MAILUSER_FAILPOINT_DIR") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    let _ = std::fs::write(dir.join(format!("{step}.reached")), b"");
    let go = dir.join(format!("{step}.go"));
    for _ in 0..6000 {
        if go.exists() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}
