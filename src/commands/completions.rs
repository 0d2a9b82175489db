//! `mailuser completions SHELL`

use crate::cli::CompletionsArgs;
use crate::error::{Exit, Result};

pub fn run(args: &CompletionsArgs) -> Result<Exit> {
    crate::generate::completion(args.shell, &mut std::io::stdout());
    Ok(Exit::Ok)
}
