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
    std::fs::write(man.join("mailuser.1"), man_page(&cmd, None)?)?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("mailuser-{}", sub.get_name());
        std::fs::write(
            man.join(format!("{name}.1")),
            man_page(sub, Some(sub.get_name()))?,
        )?;
    }
    Ok(())
}

/// The sections of `mailuser.1` that clap does not generate: the store,
/// formats, policy, exit status, environment and safety.
const MANUAL: &str = include_str!("manual.roff");

/// The man page of the main command (`sub` is `None`) or of one command:
/// NAME, SYNOPSIS, DESCRIPTION, OPTIONS (clap's), then for the main page
/// its COMMANDS and the hand-written sections of `src/manual.roff`, for a
/// command its EXIT STATUS; then EXAMPLES, SEE ALSO and VERSION.
fn man_page(cmd: &clap::Command, sub: Option<&str>) -> std::io::Result<Vec<u8>> {
    let name = sub.map_or_else(|| "mailuser".to_string(), |s| format!("mailuser-{s}"));
    let text = |roff: String| roff.into_bytes();
    let page = crate::manpages::page(sub.unwrap_or("mailuser"));
    let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
    let long_help = cmd
        .get_after_long_help()
        .map(|h| h.to_string())
        .unwrap_or_default();
    let man = clap_mangen::Man::new(
        cmd.clone()
            .name(name.clone())
            .version(env!("CARGO_PKG_VERSION")),
    )
    .date("");
    let mut bytes = Vec::new();
    man.render_title(&mut bytes)?;
    man.render_name_section(&mut bytes)?;
    bytes.extend(text(crate::manpages::synopsis(cmd, sub)));
    match (sub, page) {
        (Some(_), Some(page)) => bytes.extend(text(crate::manpages::description(&about, page))),
        _ => man.render_description_section(&mut bytes)?,
    }
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut bytes)?;
    }
    if sub.is_none() {
        man.render_subcommands_section(&mut bytes)?;
        bytes.extend_from_slice(MANUAL.as_bytes());
    }
    if let Some(page) = page.filter(|_| sub.is_some()) {
        bytes.extend(text(crate::manpages::exit_status(page)));
    }
    bytes.extend(text(crate::manpages::examples(&long_help, page)));
    let see_also: Vec<String> = match (sub, page) {
        (Some(_), Some(page)) => std::iter::once("mailuser")
            .chain(page.see_also.iter().copied().filter(|n| *n != "mailuser"))
            .map(str::to_string)
            .collect(),
        _ => crate::manpages::PAGES
            .iter()
            .filter(|p| p.name != "help")
            .map(|p| format!("mailuser-{}", p.name))
            .collect(),
    };
    bytes.extend(text(crate::manpages::see_also(&see_also)));
    man.render_version_section(&mut bytes)?;
    Ok(once_preamble(bytes))
}

/// Each of clap_mangen's sections starts with the same two lines that
/// define the `Aq` string; the page needs them once, at the top.
fn once_preamble(bytes: Vec<u8>) -> Vec<u8> {
    const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
    let text = String::from_utf8_lossy(&bytes);
    let (head, rest) = match text.find(PREAMBLE) {
        Some(at) => text.split_at(at + PREAMBLE.len()),
        None => return bytes,
    };
    format!("{head}{}", rest.replace(PREAMBLE, "")).into_bytes()
}
