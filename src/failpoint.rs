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

/// Returns an I/O error at `step` when the failpoint names it.
pub fn fail_io(step: &str) -> std::io::Result<()> {
    if armed(step) {
        return Err(std::io::Error::other(format!("failpoint {step}")));
    }
    Ok(())
}
