//! The bulk CSV format of `apply` (SPEC §7): one row per account with the
//! columns `action,user,mailbox,transfer_to,purge_settings`.

use std::path::Path;

use crate::csv_table::Table;
use crate::error::{Error, Result};
use crate::plan::{Action, Failure, MailboxChoice, Removal, Request};

/// The columns `apply` knows; `action` and `user` are required.
pub const COLUMNS: [&str; 5] = ["action", "user", "mailbox", "transfer_to", "purge_settings"];

/// The rows of a bulk file: requests to plan, and rows already rejected.
#[derive(Debug, Default)]
pub struct Rows {
    pub requests: Vec<Request>,
    pub rejected: Vec<Failure>,
}

/// Parses a bulk file. A bad header rejects the whole file; a bad row is
/// rejected on its own, naming its line and column.
pub fn parse(file: &Path, text: &str) -> Result<Rows> {
    let mut table = Table::open(file, text, true, &["action", "user"])?;
    if let Some(name) = table
        .columns
        .iter()
        .find(|c| !COLUMNS.contains(&c.as_str()))
    {
        return Err(Error::bad_input(
            file,
            Some(1),
            Some(name.clone()),
            format!(
                "unknown column `{name}` (the columns are {})",
                COLUMNS.join(", ")
            ),
        ));
    }
    let headers = table.columns.clone();
    let mut rows = Rows::default();
    let mut record = csv::StringRecord::new();
    while let Some(line) = table.next(&mut record)? {
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cells: Vec<(&str, &str)> = headers
            .iter()
            .map(String::as_str)
            .zip(record.iter().map(str::trim))
            .collect();
        let cell = |name: &str| {
            cells
                .iter()
                .find(|(h, _)| *h == name)
                .map_or("", |(_, c)| *c)
        };
        let user = cell("user").to_string();
        match row(&cell) {
            Ok(action) if !user.is_empty() => rows.requests.push(Request {
                action,
                user,
                line: Some(line),
            }),
            Ok(action) => rows.rejected.push(Failure {
                subject: String::new(),
                verb: action.verb(),
                line: Some(line),
                column: Some("user"),
                error: Error::Usage("the user is empty".into()),
            }),
            Err((column, message)) => rows.rejected.push(Failure {
                subject: user,
                verb: "apply",
                line: Some(line),
                column: Some(column),
                error: Error::Usage(message),
            }),
        }
    }
    Ok(rows)
}

type RowError = (&'static str, String);

/// The action of one row, or the column that is wrong and why.
fn row<'a>(cell: &dyn Fn(&str) -> &'a str) -> Result<Action, RowError> {
    let action = cell("action").to_ascii_lowercase();
    let simple = match action.as_str() {
        "disable" => Some(Action::Disable),
        "enable" => Some(Action::Enable),
        "unlock" => Some(Action::Unlock),
        "restore" => Some(Action::Restore {
            op: None,
            without_mailbox: false,
        }),
        "remove" => None,
        other => {
            return Err((
                "action",
                format!(
                    "unknown action {other:?} (expected disable, enable, unlock, remove or restore)"
                ),
            ));
        }
    };
    if let Some(action) = simple {
        for column in ["mailbox", "transfer_to", "purge_settings"] {
            if !cell(column).is_empty() {
                return Err((column, format!("`{column}` is only for remove rows")));
            }
        }
        return Ok(action);
    }
    let transfer_to = cell("transfer_to");
    let mailbox = match cell("mailbox").to_ascii_lowercase().as_str() {
        "keep" => MailboxChoice::Keep,
        "delete" => MailboxChoice::Delete,
        "transfer" if transfer_to.is_empty() => {
            return Err((
                "transfer_to",
                "mailbox=transfer needs a transfer_to account".into(),
            ));
        }
        "transfer" => MailboxChoice::TransferTo(transfer_to.to_string()),
        "" => {
            return Err((
                "mailbox",
                "remove needs mailbox keep, transfer or delete".into(),
            ));
        }
        other => {
            return Err((
                "mailbox",
                format!("unknown mailbox choice {other:?} (expected keep, transfer or delete)"),
            ));
        }
    };
    if !transfer_to.is_empty() && !matches!(mailbox, MailboxChoice::TransferTo(_)) {
        return Err((
            "transfer_to",
            "transfer_to is only for mailbox=transfer".into(),
        ));
    }
    let purge_settings = match cell("purge_settings").to_ascii_lowercase().as_str() {
        "" | "false" => false,
        "true" => true,
        other => {
            return Err((
                "purge_settings",
                format!("expected true, false or empty, found {other:?}"),
            ));
        }
    };
    Ok(Action::Remove(Removal {
        mailbox,
        purge_settings,
    }))
}
