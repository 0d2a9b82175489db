//! `mailuser check`: the integrity check of the store and its directory
//! (SPEC §14). It only reads: no lock, no change. The checks themselves
//! are in [`crate::integrity`].

use crate::directory::{Backend, Directory};
use crate::error::{Exit, Result};
use crate::integrity;

use super::Context;

/// The exit status when something was found (SPEC §14), which is the code
/// of bad input: as `pwck`, the check reports the input as bad.
pub const FOUND: Exit = Exit::Usage;

pub fn run(ctx: &Context) -> Result<Exit> {
    // A store, a directory file or a directory that cannot be read at all
    // ends the check with the error of every other command: 1, or 2 for a
    // malformed directory.
    let store = ctx.store()?;
    let server = ctx.open_ldap()?;
    let (file, dir) = match &server {
        // On LDAP the whole tree is read once; findings about "the
        // directory file" name the base DN.
        Some(server) => {
            let dir = server.snapshot()?.into_owned();
            (dir.path.clone(), dir)
        }
        None => {
            let file = store.directory_file()?;
            let dir = Directory::load(&file)?;
            (file, dir)
        }
    };
    let log_dir = ctx.log_dir(&store);
    let report = integrity::check(&ctx.store_root, &store, &file, &dir, &log_dir);
    ctx.reporter.findings(&report.findings);
    ctx.reporter.check_summary(&report);
    Ok(if report.findings.is_empty() {
        Exit::Ok
    } else {
        FOUND
    })
}
