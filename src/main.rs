//! The `mailuser` binary: parse, run, map the error kind to the exit code.

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use mailuser::cli::Cli;
use mailuser::error::{Error, Exit};

fn main() -> ExitCode {
    // `COMPLETE=bash mailuser` prints the shell's registration script;
    // the shell then runs `mailuser -- WORDS...` with COMPLETE set to
    // complete a command line. Both answer here and exit.
    clap_complete::CompleteEnv::with_factory(Cli::command).complete();
    let cli = Cli::parse();
    let level = match (cli.global.quiet, cli.global.verbose) {
        (true, _) => "error",
        // ldap3 warns of a lost connection on its own; mailuser's error
        // says it, with what the run had done.
        (false, 0) => "warn,ldap3=error",
        (false, 1) => "info",
        (false, _) => "debug",
    };
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or(level))
        .format(|out, record| {
            // Every diagnostic reads `mailuser: warning: ...`.
            let level = match record.level() {
                log::Level::Error => "error",
                log::Level::Warn => "warning",
                log::Level::Info => "info",
                _ => "debug",
            };
            writeln!(out, "mailuser: {level}: {}", record.args())
        })
        .init();
    match run(&cli) {
        Ok(exit) => exit.into(),
        Err(err) => {
            eprintln!("mailuser: {err}");
            err.downcast_ref::<Error>()
                .map_or(Exit::Failure, Error::exit)
                .into()
        }
    }
}

fn run(cli: &Cli) -> anyhow::Result<Exit> {
    Ok(mailuser::run(cli)?)
}
