//! Shell completions and man pages, generated from the clap definition.
//! `completions/` and `man/` are written by
//! `MAILUSER_BLESS=1 cargo test --test it generated`, never by hand.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// The shells completion scripts are generated for, with their file names.
pub const SHELLS: [(Shell, &str); 5] = [
    (Shell::Bash, "mailuser.bash"),
    (Shell::Zsh, "_mailuser"),
    (Shell::Fish, "mailuser.fish"),
    (Shell::PowerShell, "_mailuser.ps1"),
    (Shell::Elvish, "mailuser.elv"),
];

/// Writes the completion script for `shell`.
pub fn completion(shell: Shell, out: &mut dyn Write) {
    clap_complete::generate(shell, &mut Cli::command(), "mailuser", out);
}

/// Writes every completion script into `completions` and every man page
/// (`mailuser.1` and one per subcommand) into `man`.
pub fn write_all(completions: &Path, man: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(completions)?;
    std::fs::create_dir_all(man)?;
    for (shell, file) in SHELLS {
        let mut bytes = Vec::new();
        completion(shell, &mut bytes);
        std::fs::write(completions.join(file), bytes)?;
    }
    let mut cmd = Cli::command();
    cmd.build();
    let mut page = man_page(&cmd, "mailuser")?;
    page.extend_from_slice(MANUAL.as_bytes());
    std::fs::write(man.join("mailuser.1"), page)?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("mailuser-{}", sub.get_name());
        std::fs::write(man.join(format!("{name}.1")), man_page(sub, &name)?)?;
    }
    Ok(())
}

/// The sections of `mailuser.1` that clap does not generate: the store,
/// formats, policy, exit status, environment and safety.
const MANUAL: &str = include_str!("manual.roff");

fn man_page(cmd: &clap::Command, name: &str) -> std::io::Result<Vec<u8>> {
    let cmd = cmd
        .clone()
        .name(name.to_owned())
        .version(env!("CARGO_PKG_VERSION"));
    let mut bytes = Vec::new();
    clap_mangen::Man::new(cmd).date("").render(&mut bytes)?;
    Ok(bytes)
}
