//! `mailuser apply FILE.csv | -`: a bulk run (SPEC §7). Every row is
//! checked before anything changes; the directory is read and written once.

use std::io::{IsTerminal, Read};
use std::path::Path;

use crate::bulk;
use crate::cli::ApplyArgs;
use crate::error::{Error, Exit, Result, read_text};
use crate::plan::Options;

use super::Context;
use super::change::{self, Run};

pub fn run(ctx: &Context, args: &ApplyArgs) -> Result<Exit> {
    let (name, text) = if args.file == Path::new("-") {
        if std::io::stdin().is_terminal() {
            let eof = if cfg!(windows) {
                "Ctrl-Z, Enter"
            } else {
                "Ctrl-D"
            };
            log::warn!("reading the bulk CSV from standard input until end of input ({eof})");
        }
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(Error::io("<stdin>"))?;
        ("<stdin>".to_string(), text)
    } else {
        (args.file.display().to_string(), read_text(&args.file)?)
    };
    // An export with nothing in it (not even a header) is a day without
    // leavers, not an error.
    let rows = if text.trim_start_matches('\u{feff}').trim().is_empty() {
        bulk::Rows::default()
    } else {
        bulk::parse_mapped(Path::new(&name), &text, &args.mapping())?
    };
    if rows.requests.is_empty() && rows.rejected.is_empty() {
        log::warn!("{name}: no rows to apply");
    }
    change::run(
        ctx,
        Run {
            requests: rows.requests,
            rejected: rows.rejected,
            source: Some(name),
            options: Options {
                bulk: true,
                missing_ok: args.missing_ok,
                ..Options::default()
            },
            partial: !args.atomic,
        },
    )
}
