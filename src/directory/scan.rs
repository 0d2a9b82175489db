//! The fast path for reading `users.json`: a record whose fields are all
//! known and plainly written (strings without escapes, booleans as
//! literals, each field once) is read straight from the text, borrowing
//! its strings, with no allocation. Anything else (an unknown field, an
//! escape, a `null`, a duplicate key, malformed JSON) is left to serde,
//! which decodes it or says what is wrong; so this path accepts only what
//! serde accepts, and reads it as serde would.

use super::bytes::{skip_ws, string_end};
use super::user::FIELDS;
use super::{Role, Text, User};

/// A plainly written record, borrowed from the text.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Plain<'a> {
    pub name: &'a str,
    pub domain: &'a str,
    pub full_name: Option<&'a str>,
    pub enabled: Option<bool>,
    pub locked: Option<bool>,
    pub role: Option<Role>,
    pub groups: Option<List<'a>>,
    pub forward_to: Option<List<'a>>,
    pub mailbox: Option<&'a str>,
}

/// A JSON array of plain strings, kept as its text (between the brackets).
#[derive(Debug, Clone, Copy)]
pub(super) struct List<'a>(&'a str);

impl<'a> List<'a> {
    /// The strings, in order.
    pub fn iter(self) -> impl Iterator<Item = &'a str> {
        // Every other quote opens a string, and none is escaped.
        self.0.split('"').skip(1).step_by(2)
    }

    fn to_vec(self) -> Vec<Text> {
        self.iter().map(Text::from).collect()
    }
}

impl Plain<'_> {
    /// Whether the account takes a license seat (as [`User::takes_seat`]).
    pub fn takes_seat(&self) -> bool {
        self.enabled.unwrap_or(true) && self.role != Some(Role::BuiltIn)
    }

    pub fn to_user(self) -> User {
        User {
            name: self.name.into(),
            domain: self.domain.into(),
            full_name: self.full_name.map(Text::from),
            enabled: self.enabled,
            locked: self.locked,
            role: self.role,
            groups: self.groups.map(List::to_vec),
            forward_to: self.forward_to.map(List::to_vec),
            mailbox: self.mailbox.map(Text::from),
            extra: None,
        }
    }
}

/// A string at `at` with no escape or control character: its contents and
/// where it ends.
fn string(text: &str, at: usize) -> Option<(&str, usize)> {
    let bytes = text.as_bytes();
    if bytes.get(at)? != &b'"' {
        return None;
    }
    let close = string_end(bytes, at + 1)?;
    (bytes[close] == b'"').then(|| (&text[at + 1..close], close + 1))
}

/// `true` or `false` at `at`, and where it ends.
fn boolean(bytes: &[u8], at: usize) -> Option<(bool, usize)> {
    let rest = bytes.get(at..)?;
    if rest.starts_with(b"true") {
        Some((true, at + 4))
    } else if rest.starts_with(b"false") {
        Some((false, at + 5))
    } else {
        None
    }
}

/// An array of plain strings at `at`, and where it ends.
fn list(text: &str, at: usize) -> Option<(List<'_>, usize)> {
    let bytes = text.as_bytes();
    if bytes.get(at)? != &b'[' {
        return None;
    }
    let mut next = skip_ws(bytes, at + 1);
    if bytes.get(next)? != &b']' {
        loop {
            next = skip_ws(bytes, string(text, next)?.1);
            match bytes.get(next)? {
                b',' => next = skip_ws(bytes, next + 1),
                b']' => break,
                _ => return None,
            }
        }
    }
    Some((List(&text[at + 1..next]), next + 1))
}

/// Reads the record whose `{` is at `at` when it is plainly written;
/// returns it and the offset just after its `}`. `None`: read it with
/// serde instead.
pub(super) fn plain(text: &str, at: usize) -> Option<(Plain<'_>, usize)> {
    let bytes = text.as_bytes();
    if bytes.get(at)? != &b'{' {
        return None;
    }
    let mut record = Plain::default();
    let mut seen = [false; FIELDS.len()];
    let mut next = skip_ws(bytes, at + 1);
    loop {
        let (key, after) = string(text, next)?;
        // The index in FIELDS, by a match (cheaper than comparing with each).
        let field = match key {
            "name" => 0,
            "domain" => 1,
            "full_name" => 2,
            "enabled" => 3,
            "locked" => 4,
            "role" => 5,
            "groups" => 6,
            "forward_to" => 7,
            "mailbox" => 8,
            _ => return None,
        };
        if std::mem::replace(&mut seen[field], true) {
            return None;
        }
        next = skip_ws(bytes, after);
        if bytes.get(next)? != &b':' {
            return None;
        }
        next = skip_ws(bytes, next + 1);
        next = match field {
            0 | 1 | 2 | 5 | 8 => {
                let (value, end) = string(text, next)?;
                match field {
                    0 => record.name = value,
                    1 => record.domain = value,
                    2 => record.full_name = Some(value),
                    5 => record.role = Some(Role::parse(value)?),
                    _ => record.mailbox = Some(value),
                }
                end
            }
            3 | 4 => {
                let (value, end) = boolean(bytes, next)?;
                *(if field == 3 {
                    &mut record.enabled
                } else {
                    &mut record.locked
                }) = Some(value);
                end
            }
            _ => {
                let (value, end) = list(text, next)?;
                *(if field == 6 {
                    &mut record.groups
                } else {
                    &mut record.forward_to
                }) = Some(value);
                end
            }
        };
        next = skip_ws(bytes, next);
        match bytes.get(next)? {
            b',' => next = skip_ws(bytes, next + 1),
            b'}' => break,
            _ => return None,
        }
    }
    (seen[0] && seen[1]).then_some((record, next + 1))
}

/// The name and domain of the (already validated) record whose `{` is at
/// `at`, when they are its first two members and plainly written: what
/// a lookup compares, without reading the rest. `None`: read it whole.
pub(super) fn address_of(text: &str, at: usize) -> Option<(&str, &str)> {
    let bytes = text.as_bytes();
    if bytes.get(at)? != &b'{' {
        return None;
    }
    let (mut name, mut domain) = (None, None);
    let mut next = skip_ws(bytes, at + 1);
    for first in [true, false] {
        let (key, after) = string(text, next)?;
        next = skip_ws(bytes, after);
        if bytes.get(next)? != &b':' {
            return None;
        }
        let (value, end) = string(text, skip_ws(bytes, next + 1))?;
        match key {
            "name" if name.is_none() => name = Some(value),
            "domain" if domain.is_none() => domain = Some(value),
            _ => return None,
        }
        next = skip_ws(bytes, end);
        if first && bytes.get(next)? != &b',' {
            return None;
        }
        next = skip_ws(bytes, next + 1);
    }
    Some((name?, domain?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fast path reads `text` as serde does, or leaves it to serde.
    fn agrees(text: &str) -> bool {
        let by_serde = serde_json::from_str::<User>(text).ok();
        // A lookup reads a valid record's address as serde does.
        if let (Some(user), Some((name, domain))) = (&by_serde, address_of(text, 0)) {
            assert_eq!((user.name.as_str(), user.domain.as_str()), (name, domain));
        }
        match plain(text, 0) {
            Some((record, end)) => {
                assert_eq!(end, text.len(), "{text}");
                assert_eq!(Some(record.to_user()), by_serde, "{text}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn reads_plain_records_as_serde_does() {
        for text in [
            r#"{"name":"a","domain":"x"}"#,
            "{\n\t\"domain\" : \"x\" ,\r\n \"name\":\"ä b\"}",
            r#"{"name":"a","domain":"x","full_name":"A B","enabled":false,"locked":true,"role":"account-admin","groups":["g", "h"],"forward_to":[],"mailbox":"x/a"}"#,
            r#"{"name":"a","domain":"x","groups":[ ]}"#,
        ] {
            assert!(agrees(text), "{text} not read by the fast path");
        }
    }

    #[test]
    fn reads_the_address_from_the_first_two_members_only() {
        fn read(text: &str) -> Option<(&str, &str)> {
            address_of(text, 0)
        }
        assert_eq!(read(r#"{"name":"a","domain":"x"}"#), Some(("a", "x")));
        assert_eq!(
            read(r#"{ "domain" : "x" ,"name":"a","role":"full"}"#),
            Some(("a", "x"))
        );
        assert_eq!(read(r#"{"name":"a","role":"full","domain":"x"}"#), None);
        assert_eq!(read(r#"{"name":"a\u0062","domain":"x"}"#), None);
        assert_eq!(read(r#"{"name":"a","name":"b"}"#), None);
        assert_eq!(read(r#"{"name":"a" "domain":"x"}"#), None);
    }

    #[test]
    fn leaves_everything_else_to_serde() {
        for text in [
            r#"{"name":"a"}"#,
            r#"{"name":"a","domain":"x","name":"b"}"#,
            r#"{"name":"a\u0062","domain":"x"}"#,
            r#"{"name":"a","domain":"x","enabled":null}"#,
            r#"{"name":"a","domain":"x","enabled":1}"#,
            r#"{"name":"a","domain":"x","role":"boss"}"#,
            r#"{"name":"a","domain":"x","note":1}"#,
            r#"{"name":"a","domain":"x","groups":["g",]}"#,
            r#"{"name":"a","domain":"x","groups":["g" "h"]}"#,
            r#"{"name":"a","domain":"x",}"#,
            "{\"name\":\"a\",\"domain\":\"x\"\x0c}",
            "{\"name\":\"a\tb\",\"domain\":\"x\"}",
            r#"{"name":"a","domain":"x""#,
            r#"{}"#,
            r#"["name"]"#,
        ] {
            assert!(!agrees(text), "{text} read by the fast path");
        }
    }

    proptest::proptest! {
        /// Records made of known and unknown fields, odd strings and odd
        /// spacing: whatever the fast path reads, it reads as serde does.
        #[test]
        fn never_disagrees_with_serde(
            fields in proptest::collection::vec(
                (
                    proptest::sample::select(vec![
                        "name", "domain", "full_name", "enabled", "locked", "role",
                        "groups", "forward_to", "mailbox", "note",
                    ]),
                    proptest::sample::select(vec![
                        r#""a""#, r#""ä\"b""#, r#""a\u00e9""#, "\"a\tb\"", "true", "false",
                        "null", "1", r#""full""#, r#""built-in""#, "[]", r#"["g","h"]"#,
                        r#"[ "g" ]"#, r#"["g",]"#, "{}",
                    ]),
                    proptest::sample::select(vec!["", " ", "\n  ", "\t", "\x0c"]),
                ),
                0..8,
            ),
            named in proptest::bool::ANY,
        ) {
            let named = named.then(|| r#""name":"a","domain":"x""#.to_string());
            let members: Vec<String> = named.into_iter().chain(fields
                .iter()
                .map(|(key, value, space)| format!("{space}\"{key}\"{space}:{space}{value}{space}")))
                .collect();
            agrees(&format!("{{{}}}", members.join(",")));
        }
    }
}
