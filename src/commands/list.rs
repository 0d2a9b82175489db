//! `mailuser list [--disabled|--enabled|--locked] [--domain D]`

use crate::cli::ListArgs;
use crate::directory::User;
use crate::error::{Exit, Result};
use crate::output::{OutputFormat, account_json};

use super::Context;

fn selected(args: &ListArgs, user: &User) -> bool {
    let by_state = if args.disabled {
        !user.is_enabled()
    } else if args.enabled {
        user.is_enabled()
    } else if args.locked {
        user.is_locked()
    } else {
        true
    };
    by_state
        && args
            .domain
            .as_ref()
            .is_none_or(|d| d.eq_ignore_ascii_case(&user.domain))
}

/// `enabled`, `disabled`, with `,locked` when the server locked it.
pub fn state(user: &User) -> String {
    let mut state = if user.is_enabled() {
        "enabled"
    } else {
        "disabled"
    }
    .to_string();
    if user.is_locked() {
        state.push_str(",locked");
    }
    state
}

pub fn run(ctx: &Context, args: &ListArgs) -> Result<Exit> {
    let dir = ctx.read_directory()?;
    let users: Vec<&User> = dir.users.iter().filter(|u| selected(args, u)).collect();
    match ctx.reporter.format {
        OutputFormat::Json => {
            for user in users {
                ctx.reporter.json(&account_json(&dir, user));
            }
        }
        OutputFormat::Text => {
            let addresses: Vec<String> = users.iter().map(|u| u.address().to_string()).collect();
            let width = addresses
                .iter()
                .map(|a| a.chars().count())
                .max()
                .unwrap_or(0);
            let mut out = String::new();
            for (user, address) in users.iter().zip(&addresses) {
                let line = format!(
                    "{address:<width$}  {:<15}  {:<13}  {}",
                    state(user),
                    dir.effective_role(user).as_str(),
                    user.full_name.as_deref().unwrap_or(""),
                );
                out.push_str(line.trim_end());
                out.push('\n');
            }
            print!("{out}");
        }
    }
    Ok(Exit::Ok)
}
