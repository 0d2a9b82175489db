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
            println!("account:        {address}");
            println!(
                "full name:      {}",
                printable(user.full_name.as_deref().unwrap_or(""))
            );
            println!("state:          {}", state(user));
            println!(
                "role:           {} (effective: {})",
                user.own_role().as_str(),
                dir.effective_role(user).as_str()
            );
            println!("groups:         {}", list(user.group_names()));
            println!("forward to:     {}", list(user.forwards()));
            println!("aliases:        {}", printable(&aliases.join(", ")));
            let mailbox = user.mailbox.clone().map_or_else(
                || format!("{}/{}", user.domain, user.name),
                |m| m.to_string(),
            );
            println!("mailbox:        mail/{mailbox}");
        }
    }
    Ok(Exit::Ok)
}
