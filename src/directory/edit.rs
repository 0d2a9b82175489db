//! Editing `users.json` in place (SPEC §2): typed changes become byte
//! edits of the text as it was read, so every byte a change does not own
//! (indentation, key order, line ends, number spellings, escapes, unknown
//! fields) stays as it was, as cargo's `toml_edit` does for `Cargo.toml`.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::Write;

use serde_json::Value;

use super::User;
pub(super) use super::bytes::skip_ws;
pub(super) use super::locate::{next_item, skip_string, skip_value};
use crate::address::{self, fold};
use crate::plan::Change;

/// A key and its value's span inside an object.
struct Member<'a> {
    /// The key as written when it has no escape, else decoded.
    key: std::borrow::Cow<'a, str>,
    key_start: usize,
    value_start: usize,
    value_end: usize,
}

/// The members of the object starting at `pos` (a `{`), and its `}`.
fn members(bytes: &[u8], pos: usize) -> Option<(Vec<Member<'_>>, usize)> {
    let mut out = Vec::new();
    let mut at = skip_ws(bytes, pos + 1);
    while bytes.get(at)? == &b'"' {
        let key_end = skip_string(bytes, at)?;
        let written = &bytes[at + 1..key_end - 1];
        let key = match written.contains(&b'\\') {
            false => std::borrow::Cow::Borrowed(std::str::from_utf8(written).ok()?),
            true => std::borrow::Cow::Owned(serde_json::from_slice(&bytes[at..key_end]).ok()?),
        };
        let colon = skip_ws(bytes, key_end);
        let value_start = skip_ws(bytes, colon + 1);
        let value_end = skip_value(bytes, value_start)?;
        out.push(Member {
            key,
            key_start: at,
            value_start,
            value_end,
        });
        at = next_item(bytes, value_end)?;
    }
    Some((out, at))
}

/// The elements of an array: where each starts, and the array's `]`.
/// Where an element ends follows from where the next one starts (only
/// white space and one comma lie between two elements), so a directory of
/// 100,000 records keeps one `u32` for each.
pub(super) struct Elements<'a> {
    bytes: &'a [u8],
    starts: std::borrow::Cow<'a, [u32]>,
    close: usize,
}

impl<'a> Elements<'a> {
    /// Elements whose starts the caller found; `close` is the `]`.
    pub fn known(bytes: &'a [u8], starts: &'a [u32], close: usize) -> Elements<'a> {
        Elements {
            bytes,
            starts: std::borrow::Cow::Borrowed(starts),
            close,
        }
    }

    fn len(&self) -> usize {
        self.starts.len()
    }

    fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    fn start(&self, i: usize) -> usize {
        self.starts[i] as usize
    }

    /// Just after element `i`.
    pub fn end(&self, i: usize) -> usize {
        let back = |mut at: usize| {
            while at > 0 && matches!(self.bytes[at - 1], b' ' | b'\t' | b'\n' | b'\r') {
                at -= 1;
            }
            at
        };
        match self.starts.get(i + 1) {
            // Back over the white space and the comma before the next one.
            Some(&next) => back(back(next as usize) - 1),
            None => back(self.close),
        }
    }

    /// The text between elements `i` and `i + 1`.
    fn between(&self, i: usize) -> String {
        String::from_utf8_lossy(&self.bytes[self.end(i)..self.start(i + 1)]).into_owned()
    }
}

/// The elements of the array starting at `pos` (a `[`).
fn elements(bytes: &[u8], pos: usize) -> Option<Elements<'_>> {
    let mut starts = Vec::new();
    let mut at = skip_ws(bytes, pos + 1);
    while bytes.get(at)? != &b']' {
        starts.push(u32::try_from(at).ok()?);
        at = next_item(bytes, skip_value(bytes, at)?)?;
    }
    Some(Elements {
        bytes,
        starts: std::borrow::Cow::Owned(starts),
        close: at,
    })
}

fn member<'m, 'a>(members: &'m [Member<'a>], key: &str) -> Option<&'m Member<'a>> {
    members.iter().find(|m| m.key == key)
}

fn string_at(bytes: &[u8], member: Option<&Member>) -> Option<String> {
    let m = member?;
    serde_json::from_slice(&bytes[m.value_start..m.value_end]).ok()
}

/// The top-level members of a directory text other than `users`, by key
/// and value span. The `users` array is handed to `records` at its `[`,
/// which walks it and returns where it ends (after its `]`). Found by a byte
/// scan that decodes no value; `None` when the text is not one object
/// holding `users` once, with nothing after it.
pub(super) fn layout(
    text: &str,
    records: &mut dyn FnMut(usize) -> Option<usize>,
) -> Option<Vec<(String, usize, usize)>> {
    let bytes = text.as_bytes();
    let start = skip_ws(bytes, if text.starts_with('\u{feff}') { 3 } else { 0 });
    if bytes.get(start)? != &b'{' {
        return None;
    }
    let mut members = Vec::new();
    let mut keys = HashSet::new();
    let mut at = skip_ws(bytes, start + 1);
    while bytes.get(at)? == &b'"' {
        let key_end = skip_string(bytes, at)?;
        let key: String = serde_json::from_slice(&bytes[at..key_end]).ok()?;
        let colon = skip_ws(bytes, key_end);
        if bytes.get(colon)? != &b':' {
            return None;
        }
        let value_start = skip_ws(bytes, colon + 1);
        let value_end = if key == "users" {
            if bytes.get(value_start)? != &b'[' {
                return None;
            }
            records(value_start)?
        } else {
            skip_value(bytes, value_start)?
        };
        if !keys.insert(key.clone()) {
            return None;
        }
        if key != "users" {
            members.push((key, value_start, value_end));
        }
        at = next_item(bytes, value_end)?;
    }
    if bytes.get(at)? != &b'}' || skip_ws(bytes, at + 1) != bytes.len() || !keys.contains("users") {
        return None;
    }
    Some(members)
}

/// One replacement of `start..end` by `text`.
type Edit = (usize, usize, String);

/// Edits that remove the elements `gone` (indexes, each below the list's
/// length) of the array whose `[` is at `open`, each run of removed
/// elements with one separating comma.
fn remove_elements(list: &Elements<'_>, open: usize, gone: &BTreeSet<usize>) -> Vec<Edit> {
    if gone.len() == list.len() {
        // Everything goes: keep the brackets, nothing between them.
        return vec![(open + 1, list.close, String::new())];
    }
    let mut edits = Vec::new();
    let mut cut = |first: usize, last: usize| match last + 1 < list.len() {
        true => edits.push((list.start(first), list.start(last + 1), String::new())),
        // The last run: with the comma before it (one element stays).
        false => edits.push((list.end(first - 1), list.end(last), String::new())),
    };
    let mut run: Option<(usize, usize)> = None;
    for &i in gone {
        run = match run {
            Some((first, last)) if last + 1 == i => Some((first, i)),
            Some((first, last)) => {
                cut(first, last);
                Some((i, i))
            }
            None => Some((i, i)),
        };
    }
    if let Some((first, last)) = run {
        cut(first, last);
    }
    edits
}

/// Edits that take every address in `gone` (compared under case folding)
/// out of the list that is `list`'s value.
fn remove_addresses(bytes: &[u8], list: &Member, gone: &[String]) -> Option<Vec<Edit>> {
    let items = elements(bytes, list.value_start)?;
    let drop: BTreeSet<usize> = (0..items.len())
        .filter(|&k| {
            let text = &bytes[items.start(k)..items.end(k)];
            let value: Option<String> = serde_json::from_slice(text).ok();
            value.is_some_and(|v| gone.iter().any(|g| address::same(g, &v)))
        })
        .collect();
    Some(remove_elements(&items, list.value_start, &drop))
}

/// How the records of an array are written: the text between `{` and the
/// first key, between members, after the colon, and before `}`.
struct Style {
    open: String,
    sep: String,
    colon: String,
    close: String,
}

impl Style {
    fn of(bytes: &[u8], obj_start: usize) -> Option<Style> {
        let (ms, close) = members(bytes, obj_start)?;
        let text = |a: usize, b: usize| String::from_utf8_lossy(&bytes[a..b]).into_owned();
        let first = ms.first()?;
        let last = ms.last()?;
        let key_end = skip_string(bytes, first.key_start)?;
        let sep = match ms.get(1) {
            Some(second) => text(first.value_end, second.key_start),
            None => ", ".into(),
        };
        Some(Style {
            open: text(obj_start + 1, first.key_start),
            sep,
            colon: text(key_end, first.value_start),
            close: text(last.value_end, close),
        })
    }

    fn member(&self, key: &str, value: &Value) -> String {
        let key = serde_json::to_string(key).unwrap_or_default();
        let value = serde_json::to_string(value).unwrap_or_default();
        format!("{key}{}{value}", self.colon)
    }

    fn record(&self, user: &User) -> String {
        let Ok(Value::Object(map)) = serde_json::to_value(user) else {
            return String::new();
        };
        let members: Vec<String> = map.iter().map(|(k, v)| self.member(k, v)).collect();
        format!("{{{}{}{}}}", self.open, members.join(&self.sep), self.close)
    }
}

/// What the changes do to one account's record.
#[derive(Default)]
struct RecordEdits {
    set: Vec<(&'static str, bool)>,
    unforward: Vec<String>,
    /// Addresses put back into `forward_to`, with their positions.
    forward: Vec<(String, usize)>,
    remove: bool,
}

/// The record number of a folded `name@domain`, from the caller's index.
pub(super) type Locate<'a> = &'a dyn Fn(&str) -> Option<usize>;

/// What a caller that read the text already knows of it: where the value
/// of each top-level member starts (`users` included), the records, and
/// an index by address.
pub(super) struct Known<'a> {
    pub top: &'a [(String, usize)],
    pub records: Elements<'a>,
    pub locate: Locate<'a>,
}

/// What the changes do to one alias entry.
#[derive(Default)]
struct AliasEdits {
    targets: Vec<String>,
    /// Addresses put back, with their positions.
    restore: Vec<(String, usize)>,
    drop: bool,
}

/// Writes `text` with `changes` applied, touching only the bytes they
/// own. `None` when the text is not shaped as expected (the caller then
/// writes the whole file).
/// `known` saves finding the records again where the caller has them;
/// without it the text's records are found and their names read.
pub(super) fn write_edited(
    text: &str,
    changes: &[Change],
    known: Option<Known<'_>>,
    out: &mut dyn Write,
) -> Option<std::io::Result<()>> {
    let bytes = text.as_bytes();
    let mut records: HashMap<String, RecordEdits> = HashMap::new();
    let mut aliases: HashMap<String, AliasEdits> = HashMap::new();
    let mut restored: Vec<(&User, Option<&str>, Option<usize>)> = Vec::new();
    let mut new_aliases: Vec<(&String, &Vec<String>)> = Vec::new();
    let key = |a: &str| fold(a);
    for change in changes {
        match change {
            Change::SetEnabled { account, to, .. } => records
                .entry(key(account))
                .or_default()
                .set
                .push(("enabled", *to)),
            Change::SetLocked { account, to, .. } => records
                .entry(key(account))
                .or_default()
                .set
                .push(("locked", *to)),
            Change::RemoveForward {
                account, address, ..
            } => records
                .entry(key(account))
                .or_default()
                .unforward
                .push(address.clone()),
            Change::RemoveAccount { record } => {
                let account = address::joined(&record.name, &record.domain);
                records.entry(key(&account)).or_default().remove = true
            }
            Change::AddAccount {
                record,
                text,
                index,
            } => restored.push((record, text.as_deref(), *index)),
            Change::AddForward {
                account,
                address,
                position,
            } => records
                .entry(key(account))
                .or_default()
                .forward
                .push((address.clone(), *position)),
            Change::AddAliasTarget {
                alias,
                address,
                position,
            } => aliases
                .entry(key(alias))
                .or_default()
                .restore
                .push((address.clone(), *position)),
            Change::AddAlias { alias, deliver_to } => new_aliases.push((alias, deliver_to)),
            Change::RemoveAliasTarget { alias, address, .. } => aliases
                .entry(key(alias))
                .or_default()
                .targets
                .push(address.clone()),
            Change::DropAlias { alias } => aliases.entry(key(alias)).or_default().drop = true,
        }
    }
    let open = skip_ws(bytes, if text.starts_with('\u{feff}') { 3 } else { 0 });
    // Where the value of a top-level member starts: known, or found by a
    // scan that skips over every record.
    let top: Vec<(String, usize)> = match &known {
        Some(known) => known.top.to_vec(),
        None => members(bytes, open)?
            .0
            .into_iter()
            .map(|m| (m.key.into_owned(), m.value_start))
            .collect(),
    };
    let value_of = |key: &str| top.iter().find(|(k, _)| k == key).map(|&(_, at)| at);
    let mut edits: Vec<Edit> = Vec::new();
    let users = value_of("users")?;
    // Which record each edit is for: by the caller's index when it has
    // one, else by reading the records' names.
    let mut found: Vec<(usize, RecordEdits)> = Vec::with_capacity(records.len());
    let spans = match known {
        Some(known) => {
            // The map is handed back as it is emptied, for what follows.
            for (account, edit) in std::mem::take(&mut records) {
                found.push(((known.locate)(&account)?, edit));
            }
            known.records
        }
        None => {
            let spans = elements(bytes, users)?;
            for i in 0..spans.len() {
                if records.is_empty() {
                    break;
                }
                let (ms, _) = members(bytes, spans.start(i))?;
                let name = string_at(bytes, member(&ms, "name"))?;
                let domain = string_at(bytes, member(&ms, "domain"))?;
                if let Some(edit) = records.remove(&fold(&format!("{name}@{domain}"))) {
                    found.push((i, edit));
                }
            }
            spans
        }
    };
    let mut gone = BTreeSet::new();
    for (i, edit) in found {
        let s = (i < spans.len()).then(|| spans.start(i))?;
        if edit.remove {
            gone.insert(i);
            continue;
        }
        let (ms, _) = members(bytes, s)?;
        // Needed only to add a field the record lacks.
        let style = || Style::of(bytes, s);
        for (field, to) in edit.set {
            let literal = if to { "true" } else { "false" };
            match member(&ms, field) {
                Some(m) => edits.push((m.value_start, m.value_end, literal.into())),
                None => {
                    let (end, style) = (ms.last()?.value_end, style()?);
                    let text = format!("{}{}", style.sep, style.member(field, &Value::Bool(to)));
                    edits.push((end, end, text));
                }
            }
        }
        if !edit.unforward.is_empty() {
            edits.extend(remove_addresses(
                bytes,
                member(&ms, "forward_to")?,
                &edit.unforward,
            )?);
        }
        for (address, position) in &edit.forward {
            let value = serde_json::to_string(address).ok()?;
            match member(&ms, "forward_to") {
                Some(list) => {
                    edits.push(insert_element(bytes, list.value_start, *position, &value)?)
                }
                None => {
                    let (end, style) = (ms.last()?.value_end, style()?);
                    let list = Value::Array(vec![Value::String(address.clone())]);
                    let text = format!("{}{}", style.sep, style.member("forward_to", &list));
                    edits.push((end, end, text));
                }
            }
        }
    }
    edits.extend(remove_elements(&spans, users, &gone));
    if !restored.is_empty() {
        // The text between two records, and the style of the last one.
        let sep = match spans.len() {
            0 => String::new(),
            1 => format!(
                ",{}",
                String::from_utf8_lossy(&bytes[users + 1..spans.start(0)])
            ),
            n => spans.between(n - 2),
        };
        let sep = if sep.is_empty() { ",".to_string() } else { sep };
        let style = match spans.len().checked_sub(1) {
            Some(last) => Style::of(bytes, spans.start(last))?,
            None => Style {
                open: String::new(),
                sep: ", ".into(),
                colon: ": ".into(),
                close: String::new(),
            },
        };
        let mut appended = String::new();
        for (user, text, index) in restored {
            let record = match text {
                Some(text) => text.to_string(),
                None => style.record(user),
            };
            match index {
                // Back where it stood: before the record now at its place.
                Some(i) if i < spans.len() && !gone.contains(&i) => {
                    let at = spans.start(i);
                    edits.push((at, at, format!("{record}{sep}")));
                }
                _ if spans.is_empty() && appended.is_empty() => appended.push_str(&record),
                _ => {
                    appended.push_str(&sep);
                    appended.push_str(&record);
                }
            }
        }
        if !appended.is_empty() {
            // After the last record, even when that record is removed.
            let at = match spans.len() {
                0 => users + 1,
                n => spans.end(n - 1),
            };
            edits.push((at, at, appended));
        }
    }
    if !aliases.is_empty() {
        let open = value_of("aliases")?;
        let spans = elements(bytes, open)?;
        let mut gone = BTreeSet::new();
        for i in 0..spans.len() {
            let (ms, _) = members(bytes, spans.start(i))?;
            let alias = string_at(bytes, member(&ms, "alias"))?;
            let Some(edit) = aliases.get(&fold(&alias)) else {
                continue;
            };
            if edit.drop {
                gone.insert(i);
                continue;
            }
            let list = member(&ms, "deliver_to")?;
            edits.extend(remove_addresses(bytes, list, &edit.targets)?);
            for (address, position) in &edit.restore {
                let value = serde_json::to_string(address).ok()?;
                edits.push(insert_element(bytes, list.value_start, *position, &value)?);
            }
        }
        edits.extend(remove_elements(&spans, open, &gone));
    }
    if !new_aliases.is_empty() {
        // Appended in the style of the last alias entry.
        let spans = elements(bytes, value_of("aliases")?)?;
        let last = spans.len().checked_sub(1)?;
        let (s, e) = (spans.start(last), spans.end(last));
        let style = Style::of(bytes, s)?;
        let sep = match last {
            0 => ",".to_string(),
            _ => spans.between(last - 1),
        };
        let mut text = String::new();
        for (alias, deliver_to) in new_aliases {
            let entry = serde_json::json!({ "alias": alias, "deliver_to": deliver_to });
            let Value::Object(map) = entry else {
                return None;
            };
            let members: Vec<String> = map.iter().map(|(k, v)| style.member(k, v)).collect();
            text.push_str(&sep);
            text.push_str(&format!(
                "{{{}{}{}}}",
                style.open,
                members.join(&style.sep),
                style.close
            ));
        }
        edits.push((e, e, text));
    }
    edits.sort_by_key(|e| (e.0, e.1));
    Some(write_with(bytes, &edits, out))
}

/// An edit that puts the JSON `value` into the list at `open` (its `[`) at
/// `position`, separated as the list's items are.
fn insert_element(bytes: &[u8], open: usize, position: usize, value: &str) -> Option<Edit> {
    let items = elements(bytes, open)?;
    let sep = match items.len() {
        0 | 1 => ", ".to_string(),
        _ => items.between(0),
    };
    Some(if position < items.len() {
        let at = items.start(position);
        (at, at, format!("{value}{sep}"))
    } else if !items.is_empty() {
        let at = items.end(items.len() - 1);
        (at, at, format!("{sep}{value}"))
    } else {
        (open + 1, items.close, value.to_string())
    })
}

fn write_with(bytes: &[u8], edits: &[Edit], out: &mut dyn Write) -> std::io::Result<()> {
    let mut at = 0;
    for (start, end, text) in edits {
        let start = (*start).max(at);
        out.write_all(&bytes[at..start])?;
        out.write_all(text.as_bytes())?;
        at = (*end).max(start);
    }
    out.write_all(&bytes[at..])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every subset of every list of up to six elements, in three styles:
    /// what is left is the list without the removed elements, each
    /// element's bytes and the spacing of the list as they were.
    #[test]
    fn removing_any_elements_leaves_the_others_as_they_were() {
        for n in 1..=6usize {
            let items: Vec<String> = (0..n).map(|i| format!("{{\"n\": {i}}}")).collect();
            for (sep, open, close) in [(",", "[", "]"), (",\n  ", "[\n  ", "\n]"), (", ", "[", "]")]
            {
                let text = format!("{open}{}{close}", items.join(sep));
                let list = elements(text.as_bytes(), 0).unwrap();
                for mask in 0..1u32 << n {
                    let gone: BTreeSet<usize> = (0..n).filter(|i| mask & 1 << i != 0).collect();
                    let mut edits = remove_elements(&list, 0, &gone);
                    edits.sort_by_key(|e| e.0);
                    let mut out = Vec::new();
                    write_with(text.as_bytes(), &edits, &mut out).unwrap();
                    let kept: Vec<&str> = (0..n)
                        .filter(|i| !gone.contains(i))
                        .map(|i| items[i].as_str())
                        .collect();
                    let want = match kept.is_empty() {
                        true => format!("{}{}", &open[..1], &close[close.len() - 1..]),
                        false => format!("{open}{}{close}", kept.join(sep)),
                    };
                    assert_eq!(
                        String::from_utf8(out).unwrap(),
                        want,
                        "{text} less {gone:?}"
                    );
                }
            }
        }
    }
}
