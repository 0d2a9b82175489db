//! Account addresses (`name@domain`) and the rules for names that become
//! folder names in the store.

use std::fmt;

/// A syntactically valid account address.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Address {
    pub name: String,
    pub domain: String,
}

impl Address {
    /// The case-insensitive key accounts are indexed by: `name@domain`
    /// folded (one string: neither part holds an `@`).
    pub fn key(&self) -> String {
        let mut key = String::with_capacity(self.name.len() + 1 + self.domain.len());
        fold_into(&mut key, &self.name);
        key.push('@');
        fold_into(&mut key, &self.domain);
        key
    }

    /// `name@domain`, as `to_string` writes it but put together from its
    /// pieces: a bulk run writes tens of thousands.
    ///
    /// ```
    /// use mailuser::address::Address;
    /// let jdoe = Address { name: "JDoe".into(), domain: "example.com".into() };
    /// assert_eq!(jdoe.text(), jdoe.to_string());
    /// ```
    pub fn text(&self) -> String {
        joined(&self.name, &self.domain)
    }

    /// Whether `other` is the same account: equal keys, compared without
    /// building them.
    pub fn same_as(&self, other: &Address) -> bool {
        same(&self.name, &other.name) && same(&self.domain, &other.domain)
    }
}

/// `name@domain` put together from its pieces (see [`Address::text`]).
pub fn joined(name: &str, domain: &str) -> String {
    [name, "@", domain].concat()
}

/// Unicode case folding of a name or path, the one way names and mailbox
/// paths are compared: each character lowercased, and the final sigma
/// folded with the sigma, so `ΝΙΚΟΣ`, `νικοσ` and `νικος` are one name.
///
/// ```
/// use mailuser::address::fold;
///
/// assert_eq!(fold("ΝΙΚΟΣ"), fold("νικος"));
/// assert_eq!(fold("FHill"), "fhill");
/// ```
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.chars().flat_map(fold_char).collect()
}

/// [`fold`] of `text`, borrowed when it is folded already (lowercase
/// ASCII, as most names on disk are).
pub fn folded(text: &str) -> std::borrow::Cow<'_, str> {
    match text
        .bytes()
        .any(|b| !b.is_ascii() || b.is_ascii_uppercase())
    {
        true => std::borrow::Cow::Owned(fold(text)),
        false => std::borrow::Cow::Borrowed(text),
    }
}

/// [`fold`] of `text`, appended to `out`.
fn fold_into(out: &mut String, text: &str) {
    if text.is_ascii() {
        out.extend(text.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.extend(text.chars().flat_map(fold_char));
    }
}

/// The folded form of one character (one or more characters).
pub fn fold_char(c: char) -> impl Iterator<Item = char> {
    c.to_lowercase().map(|l| if l == 'ς' { 'σ' } else { l })
}

/// Whether two names are equal under [`fold`].
pub fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
        || a.chars()
            .flat_map(fold_char)
            .eq(b.chars().flat_map(fold_char))
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Written out, not padded unless asked: formatted for every
        // account of a run.
        if f.width().is_some() || f.precision().is_some() {
            return f.pad(&format!("{}@{}", self.name, self.domain));
        }
        f.write_str(&self.name)?;
        f.write_str("@")?;
        f.write_str(&self.domain)
    }
}

/// What a USER argument names: a full address or a bare login name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserArg {
    Full(Address),
    Bare(String),
}

/// Parses a USER argument (`name@domain` or `name`).
///
/// ```
/// use mailuser::address::{UserArg, parse_user_arg};
///
/// let Ok(UserArg::Full(address)) = parse_user_arg("jdoe@example.com") else { panic!() };
/// assert_eq!((address.name.as_str(), address.domain.as_str()), ("jdoe", "example.com"));
/// assert_eq!(parse_user_arg("jdoe"), Ok(UserArg::Bare("jdoe".into())));
/// assert!(parse_user_arg("../jdoe@example.com").is_err());
/// ```
pub fn parse_user_arg(text: &str) -> Result<UserArg, String> {
    match text.split_once('@') {
        Some((name, domain)) => {
            check_component("name", name)?;
            check_component("domain", domain)?;
            Ok(UserArg::Full(Address {
                name: name.to_string(),
                domain: domain.to_string(),
            }))
        }
        None => {
            check_component("name", text)?;
            Ok(UserArg::Bare(text.to_string()))
        }
    }
}

/// The bytes a plain name is made of (a dot apart): ASCII letters and
/// digits, `-`, `_` and `+`.
const PLAIN: [bool; 256] = {
    let mut plain = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        plain[b] = c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'+');
        b += 1;
    }
    plain
};

/// Checks a login name or a domain: it becomes a folder name in the store,
/// so it must not be empty, contain a path separator, `..`, `@`, control
/// characters, or start with a dot.
///
/// ```
/// use mailuser::address::check_component;
///
/// assert!(check_component("name", "zoë").is_ok());
/// assert_eq!(
///     check_component("name", "a/b").unwrap_err(),
///     "name \"a/b\" contains a path separator"
/// );
/// ```
pub fn check_component(what: &str, text: &str) -> Result<(), String> {
    match plain(text) {
        true => Ok(()),
        false => flaw(text).map_or(Ok(()), |reason| Err(format!("{what} {text:?} {reason}"))),
    }
}

/// The common case of [`check_component`], a plain ASCII name, in one pass
/// over its bytes: a dot is fine but first or after a dot (`..`).
fn plain(text: &str) -> bool {
    let mut previous = b'.';
    !text.is_empty()
        && text.len() <= 255
        && text.bytes().all(|b| {
            let fine = PLAIN[usize::from(b)] || (b == b'.' && previous != b'.');
            previous = b;
            fine
        })
}

/// What is wrong with a login name or a domain, if anything.
fn flaw(text: &str) -> Option<&'static str> {
    if text.is_empty() {
        Some("is empty")
    } else if text.len() > 255 {
        Some("is longer than 255 bytes, too long for a folder name")
    } else if text.contains(['/', '\\']) {
        Some("contains a path separator")
    } else if text.contains("..") {
        Some("contains `..`")
    } else if text.starts_with('.') {
        Some("starts with a dot")
    } else if text.contains('@') {
        Some("contains `@`")
    } else if text.chars().any(char::is_control) {
        Some("contains a control character")
    } else if text.trim() != text {
        Some("has leading or trailing spaces")
    } else {
        None
    }
}

/// Checks the login name of a new account: letters, digits, `.`, `-` and
/// `_` only, not starting with `-`, as Kerio Connect allows. (Names already
/// in a directory are only held to [`check_component`].)
///
/// ```
/// use mailuser::address::check_new_name;
///
/// assert!(check_new_name("jean-luc.o_neil").is_ok());
/// assert!(check_new_name("νικος").is_ok());
/// assert!(check_new_name("#ops").is_err());
/// ```
pub fn check_new_name(name: &str) -> Result<(), String> {
    let bad = name
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '.' | '-' | '_')));
    match bad {
        Some(c) => Err(format!(
            "name {name:?} contains {c:?}; login names hold letters, digits, `.`, `-` and `_`"
        )),
        None if name.starts_with('-') => Err(format!("name {name:?} starts with `-`")),
        None => Ok(()),
    }
}

/// Checks a mailbox path relative to `mail/`: relative, no `..`, no empty
/// or dot components, no control characters.
pub fn check_relative_path(text: &str) -> Result<(), String> {
    if text.is_empty() {
        return Err("mailbox path is empty".into());
    }
    if text.starts_with(['/', '\\']) || text.contains(':') {
        return Err(format!("mailbox path {text:?} is not relative to mail/"));
    }
    for part in text.split(['/', '\\']) {
        if part.is_empty() || part == "." || part == ".." {
            return Err(format!(
                "mailbox path {text:?} has an empty, `.` or `..` component"
            ));
        }
    }
    if text.chars().any(char::is_control) {
        return Err(format!(
            "mailbox path {text:?} contains a control character"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The fast check passes only names the full one finds nothing
        /// wrong with.
        #[test]
        fn a_plain_name_has_no_flaw(text in "[a-zA-Z0-9._+@/ -]{0,6}") {
            if plain(&text) {
                proptest::prop_assert_eq!(flaw(&text), None);
            }
        }
    }

    #[test]
    fn accepts_ordinary_names() {
        assert!(parse_user_arg("jdoe@example.com").is_ok());
        assert!(parse_user_arg("j.doe-1_x").is_ok());
        assert!(parse_user_arg("zoë@exämple.de").is_ok());
    }

    #[test]
    fn refuses_names_that_escape_folders() {
        for bad in [
            "../etc@example.com",
            "a/b@example.com",
            "a\\b",
            "..",
            ".hidden",
            "a@b@c",
            "tab\there",
            "",
            "x@",
            " x",
        ] {
            assert!(parse_user_arg(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn mailbox_paths_stay_relative() {
        assert!(check_relative_path("example.com/jdoe").is_ok());
        for bad in ["/etc", "../x", "a/../b", "a//b", "", "C:/x", "./a"] {
            assert!(check_relative_path(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn folded_is_fold_borrowed_when_it_can_be() {
        for text in ["jdoe", "JDoe", "ΝΙΚΟΣ", "νικος", "zoë", "a.b-c_d+e", ""] {
            assert_eq!(folded(text), fold(text), "{text}");
        }
        assert!(matches!(folded("jdoe"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn the_same_account_is_the_one_with_the_same_key() {
        let names = [
            "jdoe",
            "JDoe",
            "jdoe2",
            "ΝΙΚΟΣ",
            "νικος",
            "νικοσ",
            "zoë",
            "ZOË",
            "zoe",
        ];
        let domains = ["example.com", "EXAMPLE.com", "exämple.de", "EXÄMPLE.DE"];
        let all: Vec<Address> = names
            .iter()
            .flat_map(|n| domains.iter().map(move |d| (n, d)))
            .map(|(n, d)| Address {
                name: n.to_string(),
                domain: d.to_string(),
            })
            .collect();
        for a in &all {
            for b in &all {
                assert_eq!(a.same_as(b), a.key() == b.key(), "{a} and {b}");
            }
        }
    }
}
