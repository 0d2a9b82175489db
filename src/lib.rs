//! mailuser: disable, enable and remove accounts of a Kerio Connect-style
//! mail store from the shell.
//!
//! Data flows one way: the command line ([`cli`]) becomes a [`plan::Plan`],
//! resolved against the [`directory`] and checked by the [`policy`]; then
//! the plan is executed against the [`store`] and reported by [`output`],
//! with each change written to the warning log ([`audit`]).

pub mod address;
pub mod audit;
pub mod bulk;
pub mod cli;
pub mod commands;
pub mod complete;
pub mod confirm;
pub mod csv_table;
pub mod directory;
pub mod error;
pub mod execute;
pub mod failpoint;
pub mod generate;
pub mod integrity;
pub mod manpages;
pub mod output;
pub mod plan;
pub mod policy;
pub mod sample;
pub mod store;

use cli::{Cli, Command};
use commands::Context;
use error::{Exit, Result};

/// Runs one parsed command line and returns the exit status.
pub fn run(cli: &Cli) -> Result<Exit> {
    confirm::set_assume_yes(cli.global.yes);
    if let Command::Completions(args) = &cli.command {
        return commands::completions::run(args);
    }
    let ctx = match Context::new(&cli.global) {
        Ok(ctx) => ctx,
        Err(error) => {
            commands::reporter(&cli.global).error(&error);
            return Err(error);
        }
    };
    let result = match &cli.command {
        Command::Disable(args) => commands::disable::run(&ctx, args),
        Command::Enable(args) => commands::enable::run(&ctx, args),
        Command::Unlock(args) => commands::unlock::run(&ctx, args),
        Command::Remove(args) => commands::remove::run(&ctx, args),
        Command::Add(args) => commands::add::run(&ctx, args),
        Command::Apply(args) => commands::apply::run(&ctx, args),
        Command::Init(args) => commands::init::run(&ctx, args),
        Command::List(args) => commands::list::run(&ctx, args),
        Command::Show(args) => commands::show::run(&ctx, args),
        Command::License => commands::license::run(&ctx),
        Command::Check => commands::check::run(&ctx),
        Command::Restore(args) => commands::restore::run(&ctx, args),
        Command::Purge(args) => commands::purge::run(&ctx, args),
        Command::History(args) => commands::history::run(&ctx, args),
        Command::Migrate(args) => commands::migrate::run(&ctx, args),
        Command::Completions(args) => commands::completions::run(args),
    };
    if let Err(error) = &result {
        ctx.reporter.error(error);
    }
    result
}
