//! `mailuser show USER`

use crate::cli::ShowArgs;
use crate::directory::Text;
use crate::error::{Exit, Result};
use crate::output::{AccountRecord, OutputFormat, printable};

use super::Context;
use super::list::state;

pub fn run(ctx: &Context, args: &ShowArgs) -> Result<Exit> {
    let (_, dir) = ctx.read_directory()?;
    let user = &dir.users[dir.resolve(&args.user)?];
    let address = user.address().to_string();
    let aliases: Vec<&str> = dir
        .aliases
        .iter()
        .flatten()
        .filter(|a| {
            a.deliver_to
                .iter()
                .any(|d| d.eq_ignore_ascii_case(&address))
        })
        .map(|a| a.alias.as_str())
        .collect();
    match ctx.reporter.format {
        OutputFormat::Json => {
            let mut record = AccountRecord::new(&dir, user);
            record.aliases = Some(aliases);
            ctx.reporter.json(&record);
        }
        OutputFormat::Text => {
            let list = |items: &[Text]| printable(&items.join(", ")).into_owned();
            ctx.reporter.line(&format!("account:        {address}"));
            ctx.reporter.line(&format!(
                "full name:      {}",
                printable(user.full_name.as_deref().unwrap_or(""))
            ));
            ctx.reporter
                .line(&format!("state:          {}", state(user)));
            ctx.reporter.line(&format!(
                "role:           {} (effective: {})",
                user.own_role().as_str(),
                dir.effective_role(user).as_str()
            ));
            ctx.reporter
                .line(&format!("groups:         {}", list(user.group_names())));
            ctx.reporter
                .line(&format!("forward to:     {}", list(user.forwards())));
            ctx.reporter.line(&format!(
                "aliases:        {}",
                printable(&aliases.join(", "))
            ));
            let mailbox = user.mailbox.clone().map_or_else(
                || format!("{}/{}", user.domain, user.name),
                |m| m.to_string(),
            );
            ctx.reporter
                .line(&format!("mailbox:        mail/{mailbox}"));
        }
    }
    Ok(Exit::Ok)
}
