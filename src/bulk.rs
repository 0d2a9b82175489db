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

/// How a file that is not in the standard format maps onto it: an HR
/// export with an `Email` column and no `action`, say. Every field is
/// optional; the default is the standard format.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    /// Read the account from this column instead of `user`; every column
    /// not named by the mapping is then ignored.
    pub user_column: Option<String>,
    /// Read `transfer_to` from this column.
    pub transfer_to_column: Option<String>,
    /// The action of every row, instead of an `action` column.
    pub action: Option<String>,
    /// The mailbox choice of every remove row, instead of a `mailbox` column.
    pub mailbox: Option<String>,
    /// Purge the settings of every remove row, instead of a
    /// `purge_settings` column.
    pub purge_settings: bool,
    /// The field delimiter; detected from the header when `None`.
    pub delimiter: Option<u8>,
}

/// Parses a bulk file in the standard format.
pub fn parse(file: &Path, text: &str) -> Result<Rows> {
    parse_mapped(file, text, &Mapping::default())
}

/// Where each standard column's value comes from.
struct Sources {
    /// The file's column index per standard column (`COLUMNS` order).
    columns: [Option<usize>; 5],
    /// What the file calls each standard column, for messages.
    names: [&'static str; 5],
}

/// Parses a bulk file, read through `mapping`. A bad header rejects the
/// whole file, naming the columns found and those expected; a bad row is
/// rejected on its own, naming its line and column.
pub fn parse_mapped(file: &Path, text: &str, mapping: &Mapping) -> Result<Rows> {
    let delimiter = mapping
        .delimiter
        .unwrap_or_else(|| crate::csv_table::detect_delimiter(text));
    let mut table = Table::open_delimited(file, text, true, &[], delimiter)?;
    let written: Vec<&str> = table.raw_headers.iter().map(|h| h.trim()).collect();
    let sources = sources(file, &table.columns, &written, mapping)?;
    let mut rows = Rows::default();
    let mut record = csv::StringRecord::new();
    // Cells are borrowed from the row: a 10,000-row file is not copied.
    fn cell_of<'r>(
        columns: &[Option<usize>],
        record: &'r csv::StringRecord,
        column: usize,
    ) -> &'r str {
        columns[column]
            .and_then(|i| record.get(i))
            .map_or("", str::trim)
    }
    while let Some(line) = table.next(&mut record)? {
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell_of = |column| cell_of(&sources.columns, &record, column);
        let action = match &mapping.action {
            Some(action) => action.as_str(),
            None => cell_of(0),
        };
        let remove = action.eq_ignore_ascii_case("remove");
        let cells: [&str; 5] = [
            action,
            cell_of(1),
            match &mapping.mailbox {
                Some(choice) if remove => choice.as_str(),
                _ => cell_of(2),
            },
            cell_of(3),
            if mapping.purge_settings && remove {
                "true"
            } else {
                cell_of(4)
            },
        ];
        let cell = |name: &str| {
            COLUMNS
                .iter()
                .position(|c| *c == name)
                .map_or("", |i| cells[i])
        };
        // Messages name the file's own column (`Email`, not `user`).
        let named = |column: &'static str| {
            COLUMNS
                .iter()
                .position(|c| *c == column)
                .map_or(column, |i| sources.names[i])
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
                column: Some(named("user")),
                error: Error::Usage("the user is empty".into()),
            }),
            Err((column, message)) => rows.rejected.push(Failure {
                subject: user,
                verb: "apply",
                line: Some(line),
                column: Some(named(column)),
                error: Error::Usage(message),
            }),
        }
    }
    Ok(rows)
}

/// Checks the header against `mapping` and finds each standard column.
fn sources(
    file: &Path,
    columns: &[String],
    written: &[&str],
    mapping: &Mapping,
) -> Result<Sources> {
    let header_error = |field: &str, message: String| {
        Error::bad_input(file, Some(1), Some(field.to_string()), message)
    };
    let found = crate::csv_table::column_list(written);
    let fold = |name: &str| name.trim().to_lowercase();
    let find = |name: &str| columns.iter().position(|c| *c == fold(name));
    let foreign = mapping.user_column.is_some();
    let user_column = mapping.user_column.as_deref().unwrap_or("user");
    let transfer_column = mapping
        .transfer_to_column
        .as_deref()
        .unwrap_or("transfer_to");
    // Per standard column: given on the command line, the file's name for
    // it, and the option that names or gives it.
    let fixed = [
        mapping.action.is_some(),
        false,
        mapping.mailbox.is_some(),
        false,
        mapping.purge_settings,
    ];
    let names = [
        "action",
        user_column,
        "mailbox",
        transfer_column,
        "purge_settings",
    ];
    let options = [
        "--action",
        "--user-column",
        "--mailbox",
        "--transfer-to-column",
        "--purge-settings",
    ];
    let mut sources = Sources {
        columns: [None; 5],
        names: ["action", "user", "mailbox", "transfer_to", "purge_settings"],
    };
    for i in 0..COLUMNS.len() {
        let at = find(names[i]);
        if fixed[i] {
            // An export read with --user-column keeps whatever columns it
            // has; a standard file must not say two things at once.
            if let (false, Some(at)) = (foreign, at) {
                return Err(header_error(
                    &columns[at],
                    format!(
                        "the file has a `{}` column and {} was given: use one or the other",
                        COLUMNS[i], options[i]
                    ),
                ));
            }
            continue;
        }
        if foreign && i != 1 && !(i == 3 && mapping.transfer_to_column.is_some()) {
            // Only the columns named on the command line are read.
            continue;
        }
        if at.is_some() && names[i] != COLUMNS[i] {
            sources.names[i] = leak(written[at.unwrap_or_default()]);
        }
        sources.columns[i] = at;
    }
    let expected = |what: &str| {
        if foreign {
            format!("expected the column {what} names")
        } else {
            let open: Vec<&str> = (0..COLUMNS.len())
                .filter(|i| !fixed[*i])
                .map(|i| names[i])
                .collect();
            let required: Vec<&str> = open
                .iter()
                .copied()
                .filter(|n| *n == "action" || *n == names[1])
                .collect();
            format!(
                "expected {} ({} required); for an export without them, name its \
                 account column with --user-column and give --action",
                crate::csv_table::column_list(&open),
                crate::csv_table::column_list(&required),
            )
        }
    };
    if sources.columns[1].is_none() {
        return Err(header_error(
            user_column,
            format!(
                "{} `{user_column}` (found {found}; {})",
                if foreign {
                    "no column"
                } else {
                    "missing column"
                },
                expected("--user-column")
            ),
        ));
    }
    if mapping.action.is_none() && sources.columns[0].is_none() {
        return Err(header_error(
            "action",
            format!(
                "missing column `action` (found {found}; {})",
                expected("--action")
            ),
        ));
    }
    if mapping.transfer_to_column.is_some() && sources.columns[3].is_none() {
        return Err(header_error(
            transfer_column,
            format!(
                "no column `{transfer_column}` (found {found}; expected the column --transfer-to-column names)"
            ),
        ));
    }
    if !foreign {
        let known: Vec<&str> = (0..COLUMNS.len())
            .filter_map(|i| sources.columns[i].map(|_| names[i]))
            .collect();
        if let Some(name) = columns
            .iter()
            .find(|c| !known.iter().any(|k| fold(k) == **c))
        {
            return Err(header_error(
                name,
                format!("unknown column `{name}` (found {found}; {})", expected("")),
            ));
        }
    }
    if let Some(action) = &mapping.action {
        let remove = action.eq_ignore_ascii_case("remove");
        if remove && mapping.mailbox.is_none() && sources.columns[2].is_none() {
            return Err(Error::Usage(
                "--action remove needs --mailbox keep, transfer or delete".into(),
            ));
        }
        if !remove
            && (mapping.mailbox.is_some()
                || mapping.purge_settings
                || mapping.transfer_to_column.is_some())
        {
            return Err(Error::Usage(format!(
                "--mailbox, --transfer-to-column and --purge-settings are for --action remove, \
                 not {action}"
            )));
        }
    }
    if mapping
        .mailbox
        .as_deref()
        .is_some_and(|m| m.eq_ignore_ascii_case("transfer"))
        && sources.columns[3].is_none()
    {
        return Err(Error::Usage(format!(
            "--mailbox transfer needs the column of the accounts to transfer to: \
             --transfer-to-column NAME{}",
            if foreign {
                ""
            } else {
                " (or a `transfer_to` column)"
            }
        )));
    }
    Ok(sources)
}

/// A column name that failure reports keep for the rest of the run
/// (they take `&'static str`); at most two per run.
fn leak(name: &str) -> &'static str {
    Box::leak(name.to_string().into_boxed_str())
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
