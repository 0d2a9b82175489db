//! `mailuser show USER`

use crate::cli::ShowArgs;
use crate::directory::{Backend, Reading, Reference, Text, resolve};
use crate::error::{Exit, Result};
use crate::output::{AccountRecord, OutputFormat, printable};

use super::Context;
use super::list::state;

pub fn run(ctx: &Context, args: &ShowArgs) -> Result<Exit> {
    let (_, dir) = ctx.read_backend(Reading::OneThread)?;
    let dir: &dyn Backend = &*dir;
    let user = &resolve(dir, &args.user)?;
    let address = user.address().to_string();
    let aliases: Vec<String> = dir
        .references(&user.address())?
        .into_iter()
        .filter_map(|r| match r {
            Reference::Alias { alias, .. } => Some(alias),
            Reference::Forward { .. } => None,
        })
        .collect();
    let aliases: Vec<&str> = aliases.iter().map(String::as_str).collect();
    let effective = dir.effective_role(user)?;
    if ctx.reporter.csv {
        let record = AccountRecord::new(effective, user);
        let mut columns = AccountRecord::COLUMNS.to_vec();
        columns.push("aliases");
        let mut row = record.csv_row();
        row.push(aliases.join(";"));
        ctx.reporter.csv_table(&columns, &[row]);
        return Ok(Exit::Ok);
    }
    match ctx.reporter.format {
        OutputFormat::Json => {
            let mut record = AccountRecord::new(effective, user);
            record.aliases = Some(aliases);
            ctx.reporter.json(&record);
        }
        OutputFormat::Text | OutputFormat::Csv => {
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
                effective.as_str()
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
