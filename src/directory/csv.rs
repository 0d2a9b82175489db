//! `users.csv`: one row per account, columns named as the JSON fields, lists
//! joined with `;`. Unknown columns, column order, a byte-order mark and
//! CRLF line ends are kept when the file is written back.

use std::path::Path;

use serde_json::Value;

use super::user::FIELDS;
use super::{Directory, Format, Role, Text, User};
use crate::csv_table::Table;
use crate::error::{Error, Result};

/// How the CSV file was laid out, so that it is written back the same way.
#[derive(Debug, Clone)]
pub struct CsvLayout {
    headers: Vec<String>,
    bom: bool,
    crlf: bool,
    /// Where each account's row starts in the file, in file order.
    rows: Vec<usize>,
}

impl CsvLayout {
    /// The layout of a new file with the standard columns.
    pub fn standard() -> CsvLayout {
        CsvLayout {
            headers: FIELDS.iter().map(|s| s.to_string()).collect(),
            bom: false,
            crlf: false,
            rows: Vec::new(),
        }
    }
}

pub(super) fn parse(path: &Path, text: &str) -> Result<Directory> {
    let crlf = text
        .find('\n')
        .is_some_and(|at| at > 0 && text.as_bytes()[at - 1] == b'\r');
    let bad = |line: Option<u64>, field: Option<&str>, message: String| {
        Error::bad_input(path, line, field.map(str::to_string), message)
    };
    let mut table = Table::open(path, text, false, &["name", "domain"])?;
    let names = table.columns.clone();
    let mut users = Vec::new();
    let mut lines = Vec::new();
    let mut rows = Vec::new();
    let bom_len = if table.bom { 3 } else { 0 };
    let mut record = ::csv::StringRecord::new();
    while let Some(line) = table.next(&mut record)? {
        // The reader may place a row's start on the `\n` of the `\r\n`
        // before it.
        let mut start = bom_len + record.position().map_or(0, |p| p.byte() as usize);
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        rows.push(start);
        let mut user = User::new("", "");
        for (column, cell) in names.iter().zip(record.iter()) {
            let fail = |message: String| bad(Some(line), Some(column), message);
            let text = (!cell.is_empty()).then(|| Text::from(cell));
            match column.as_str() {
                "name" => user.name = cell.into(),
                "domain" => user.domain = cell.into(),
                "full_name" => user.full_name = text,
                "enabled" => user.enabled = parse_bool(cell).map_err(fail)?,
                "locked" => user.locked = parse_bool(cell).map_err(fail)?,
                "role" => {
                    user.role = match cell.trim() {
                        "" => None,
                        role => Some(Role::parse(role).ok_or_else(|| {
                            fail(format!(
                                "unknown role {role:?} (expected none, read-only, \
                                 account-admin, full or built-in)"
                            ))
                        })?),
                    }
                }
                "groups" => user.groups = text.map(|t| split_list(&t)),
                "forward_to" => user.forward_to = text.map(|t| split_list(&t)),
                "mailbox" => user.mailbox = text,
                other => user.set_extra_field(other.to_string(), Value::String(cell.to_string())),
            }
        }
        users.push(user);
        lines.push(line);
    }
    let layout = CsvLayout {
        headers: table.raw_headers,
        bom: table.bom,
        crlf,
        rows,
    };
    let mut dir = Directory::new(path, Format::Csv(layout));
    dir.users = users;
    dir.raw = Some(text.to_string());
    dir.validate(&|i, field| (lines.get(i).copied(), field.to_string()))?;
    Ok(dir)
}

fn parse_bool(cell: &str) -> Result<Option<bool>, String> {
    match cell.trim().to_ascii_lowercase().as_str() {
        "" => Ok(None),
        "true" => Ok(Some(true)),
        "false" => Ok(Some(false)),
        other => Err(format!("expected true or false, found {other:?}")),
    }
}

fn split_list(text: &str) -> Vec<Text> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(Text::from)
        .collect()
}

fn cell(user: &User, column: &str) -> Option<String> {
    let bool_text = |b: Option<bool>| b.map(|b| b.to_string());
    match column {
        "name" => Some(user.name.to_string()),
        "domain" => Some(user.domain.to_string()),
        "full_name" => user.full_name.as_ref().map(Text::to_string),
        "enabled" => bool_text(user.enabled),
        "locked" => bool_text(user.locked),
        "role" => user.role.map(|r| r.as_str().to_string()),
        "groups" => user.groups.as_ref().map(|g| g.join(";")),
        "forward_to" => user.forward_to.as_ref().map(|f| f.join(";")),
        "mailbox" => user.mailbox.as_ref().map(Text::to_string),
        other => user.extra_field(other).map(|v| match v {
            Value::String(s) => s.clone(),
            v => v.to_string(),
        }),
    }
}

pub(super) fn render(
    dir: &Directory,
    layout: &CsvLayout,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut headers = layout.headers.clone();
    for column in FIELDS {
        let present = headers.iter().any(|h| h.trim() == column);
        if !present && dir.users.iter().any(|u| cell(u, column).is_some()) {
            headers.push(column.to_string());
        }
    }
    if layout.bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let terminator = if layout.crlf {
        ::csv::Terminator::CRLF
    } else {
        ::csv::Terminator::Any(b'\n')
    };
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(terminator)
        .from_writer(out);
    writer.write_record(&headers)?;
    for user in &dir.users {
        let row = headers
            .iter()
            .map(|h| cell(user, h.trim()).unwrap_or_default());
        writer.write_record(row)?;
    }
    writer.flush()
}

/// Writes `raw` with the rows of changed accounts rewritten, removed rows
/// left out and new rows appended; every other row keeps its bytes.
/// `None` when a change needs a column the file lacks (then the whole file
/// is written, with the column added).
pub(super) fn write_edited(
    dir: &Directory,
    layout: &CsvLayout,
    raw: &str,
    out: &mut dyn std::io::Write,
) -> Option<std::io::Result<()>> {
    use super::Change;
    use crate::address::fold;
    use std::collections::HashSet;
    let columns: Vec<&str> = layout.headers.iter().map(|h| h.trim()).collect();
    let mut touched = HashSet::new();
    let mut added = Vec::new();
    for change in &dir.changes {
        let (account, column) = match change {
            Change::SetEnabled { account, .. } => (account.clone(), Some("enabled")),
            Change::SetLocked { account, .. } => (account.clone(), Some("locked")),
            Change::RemoveForward { account, .. } => (account.clone(), Some("forward_to")),
            Change::RemoveAccount { record } => (record.address().to_string(), None),
            Change::AddAccount { record, .. } => {
                let lacks = FIELDS
                    .iter()
                    .any(|f| cell(record, f).is_some() && !columns.contains(f));
                if lacks {
                    return None;
                }
                added.push(record.address());
                continue;
            }
            Change::AddForward { account, .. } => (account.clone(), Some("forward_to")),
            Change::RemoveAliasTarget { .. }
            | Change::DropAlias { .. }
            | Change::AddAliasTarget { .. }
            | Change::AddAlias { .. } => continue,
        };
        if column.is_some_and(|c| !columns.contains(&c)) {
            return None;
        }
        touched.insert(fold(&account));
    }
    let name_at = columns.iter().position(|c| *c == "name")?;
    let domain_at = columns.iter().position(|c| *c == "domain")?;
    let terminator = if layout.crlf { "\r\n" } else { "\n" };
    let render = |user: &User| -> Option<String> {
        let mut writer = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        let row = layout
            .headers
            .iter()
            .map(|h| cell(user, h.trim()).unwrap_or_default());
        writer.write_record(row).ok()?;
        let bytes = writer.into_inner().ok()?;
        let text = String::from_utf8(bytes).ok()?;
        Some(format!("{}{terminator}", text.trim_end_matches('\n')))
    };
    let mut result = Vec::with_capacity(raw.len() + 256);
    let first = layout.rows.first().copied().unwrap_or(raw.len());
    result.extend_from_slice(&raw.as_bytes()[..first]);
    for (i, &start) in layout.rows.iter().enumerate() {
        let end = layout.rows.get(i + 1).copied().unwrap_or(raw.len());
        let row = &raw[start..end];
        if touched.is_empty() {
            result.extend_from_slice(&raw.as_bytes()[start..]);
            break;
        }
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(row.as_bytes());
        let record = reader.records().next()?.ok()?;
        let address = format!("{}@{}", record.get(name_at)?, record.get(domain_at)?);
        if !touched.remove(&fold(&address)) {
            result.extend_from_slice(row.as_bytes());
            continue;
        }
        let Some(index) = crate::address::parse_user_arg(&address)
            .ok()
            .and_then(|a| match a {
                crate::address::UserArg::Full(a) => dir.find(&a),
                crate::address::UserArg::Bare(_) => None,
            })
        else {
            continue; // removed
        };
        // The row's own line end, and any blank lines after it, stay.
        let text = render(&dir.users[index])?;
        let trailer = &row[row.trim_end_matches(['\r', '\n']).len()..];
        result.extend_from_slice(text.trim_end_matches(['\r', '\n']).as_bytes());
        result.extend_from_slice(trailer.as_bytes());
    }
    for address in added {
        let user = &dir.users[dir.find(&address)?];
        if !result.is_empty() && !result.ends_with(b"\n") {
            result.extend_from_slice(terminator.as_bytes());
        }
        result.extend_from_slice(render(user)?.as_bytes());
    }
    Some(out.write_all(&result))
}
