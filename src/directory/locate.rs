//! Finds the line of a value inside a JSON text, for error messages about
//! records that parsed but break a rule (duplicates, bad names).
//!
//! Only used on the error path, so it favours simplicity over speed.

use super::bytes::skip_ws;

/// One step of a path into a JSON document.
#[derive(Debug, Clone, Copy)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// The 1-based line where the value at `path` starts, if it exists.
pub fn line_of(text: &str, path: &[Seg<'_>]) -> Option<u64> {
    let bytes = text.as_bytes();
    let pos = find(bytes, skip_ws(bytes, 0), path)?;
    Some(bytes[..pos].iter().filter(|&&b| b == b'\n').count() as u64 + 1)
}

fn find(bytes: &[u8], pos: usize, path: &[Seg<'_>]) -> Option<usize> {
    let Some((seg, rest)) = path.split_first() else {
        return Some(pos);
    };
    match (seg, bytes.get(pos)?) {
        (Seg::Key(want), b'{') => {
            let mut at = skip_ws(bytes, pos + 1);
            while bytes.get(at)? == &b'"' {
                let end = skip_string(bytes, at)?;
                let key: String = serde_json::from_slice(&bytes[at..end]).ok()?;
                at = skip_ws(bytes, end);
                if bytes.get(at)? != &b':' {
                    return None;
                }
                at = skip_ws(bytes, at + 1);
                if key == *want {
                    return find(bytes, at, rest);
                }
                at = next_item(bytes, skip_value(bytes, at)?)?;
            }
            None
        }
        (Seg::Index(want), b'[') => {
            let mut at = skip_ws(bytes, pos + 1);
            for _ in 0..*want {
                if bytes.get(at)? == &b']' {
                    return None;
                }
                at = next_item(bytes, skip_value(bytes, at)?)?;
            }
            (bytes.get(at)? != &b']').then_some(())?;
            find(bytes, at, rest)
        }
        _ => None,
    }
}

/// After a value: skips a comma and white space, stopping at a closer.
pub(super) fn next_item(bytes: &[u8], pos: usize) -> Option<usize> {
    let pos = skip_ws(bytes, pos);
    match bytes.get(pos)? {
        // A comma before the closing bracket is not JSON (serde says so).
        b',' => {
            let next = skip_ws(bytes, pos + 1);
            (!matches!(bytes.get(next)?, b'}' | b']')).then_some(next)
        }
        b'}' | b']' => Some(pos),
        _ => None,
    }
}

pub(super) fn skip_string(bytes: &[u8], pos: usize) -> Option<usize> {
    let mut at = pos + 1;
    loop {
        at += bytes
            .get(at..)?
            .iter()
            .position(|&b| b == b'"' || b == b'\\')?;
        match bytes[at] {
            b'\\' => at += 2,
            _ => return Some(at + 1),
        }
    }
}

pub(super) fn skip_value(bytes: &[u8], pos: usize) -> Option<usize> {
    match bytes.get(pos)? {
        b'"' => skip_string(bytes, pos),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut at = pos;
            loop {
                // Jump to the next byte that matters.
                at += bytes
                    .get(at..)?
                    .iter()
                    .position(|&b| matches!(b, b'"' | b'{' | b'[' | b'}' | b']'))?;
                match bytes[at] {
                    b'"' => {
                        at = skip_string(bytes, at)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    _ => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(at + 1);
                        }
                    }
                }
                at += 1;
            }
        }
        _ => {
            let mut at = pos;
            while bytes
                .get(at)
                .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
            {
                at += 1;
            }
            Some(at)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{
  "license": {"seats": 3},
  "users": [
    {"name": "a", "domain": "x", "note": "has \"quotes\" and ] and }"},
    {
      "name": "b",
      "domain": "x"
    }
  ]
}"#;

    #[test]
    fn finds_nested_values() {
        assert_eq!(line_of(DOC, &[Seg::Key("users")]), Some(3));
        assert_eq!(line_of(DOC, &[Seg::Key("users"), Seg::Index(0)]), Some(4));
        let name = [Seg::Key("users"), Seg::Index(1), Seg::Key("name")];
        assert_eq!(line_of(DOC, &name), Some(6));
        let domain = [Seg::Key("users"), Seg::Index(1), Seg::Key("domain")];
        assert_eq!(line_of(DOC, &domain), Some(7));
    }

    #[test]
    fn missing_paths_give_none() {
        assert_eq!(line_of(DOC, &[Seg::Key("users"), Seg::Index(2)]), None);
        assert_eq!(line_of(DOC, &[Seg::Key("groups")]), None);
    }
}
