//! `users.json`: typed records with unknown fields kept in order.

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::locate::{Seg, line_of};
use super::{Alias, Directory, Format, Group, License, User};
use crate::error::{Error, Result};

#[derive(Deserialize)]
struct FileIn {
    #[serde(default)]
    license: Option<License>,
    users: Vec<User>,
    #[serde(default)]
    groups: Option<Vec<Group>>,
    #[serde(default)]
    aliases: Option<Vec<Alias>>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

#[derive(Serialize)]
struct FileOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    license: Option<&'a License>,
    users: &'a [User],
    #[serde(skip_serializing_if = "Option::is_none")]
    groups: Option<&'a Vec<Group>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    aliases: Option<&'a Vec<Alias>>,
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
}

/// Parses `text` (consumed: it is freed before the records are indexed, to
/// keep the peak memory of a large directory low).
pub(super) fn parse(path: &Path, text: String) -> Result<Directory> {
    // A byte-order mark, as spreadsheets and Windows editors write it.
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut de = serde_json::Deserializer::from_str(body);
    let file: FileIn = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let field = err.path().to_string();
        malformed(path, (field != ".").then_some(field), &err.into_inner())
    })?;
    de.end().map_err(|err| malformed(path, None, &err))?;
    let mut dir = Directory::new(path, Format::Json);
    dir.license = file.license;
    dir.users = file.users;
    dir.groups = file.groups;
    dir.aliases = file.aliases;
    dir.extra = file.extra;
    drop(de);
    dir.raw = Some(text);
    // Lines are only looked up to report an error, so the file is read
    // again then rather than kept.
    dir.validate(&|i, field| {
        let line = std::fs::read_to_string(path)
            .ok()
            .and_then(|text| line_of(&text, &[Seg::Key("users"), Seg::Index(i), Seg::Key(field)]));
        (line, format!("users[{i}].{field}"))
    })?;
    Ok(dir)
}

pub(super) fn render(dir: &Directory, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let file = FileOut {
        license: dir.license.as_ref(),
        users: &dir.users,
        groups: dir.groups.as_ref(),
        aliases: dir.aliases.as_ref(),
        extra: &dir.extra,
    };
    serde_json::to_writer_pretty(&mut *out, &file)?;
    out.write_all(b"\n")
}

fn malformed(path: &Path, field: Option<String>, err: &serde_json::Error) -> Error {
    let message = err.to_string();
    let message = match message.rfind(" at line ") {
        Some(cut) => &message[..cut],
        None => &message,
    };
    let line = (err.line() > 0).then_some(err.line() as u64);
    Error::bad_input(path, line, field, format!("malformed JSON: {message}"))
}
