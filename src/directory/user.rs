//! One account record, with a hand-written serde mapping: unknown fields
//! are kept without serde's `flatten` buffering, so a directory of 100,000
//! accounts parses quickly and stays small in memory.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use super::Role;
use crate::address::Address;

/// A short string kept inline (up to 24 bytes) instead of on the heap:
/// names, domains and group names of 100,000 accounts fit without an
/// allocation each.
pub type Text = compact_str::CompactString;

/// One account. Optional fields stay `None` when the file leaves them out,
/// so that writing the directory back does not add fields.
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub name: Text,
    pub domain: Text,
    pub full_name: Option<Text>,
    pub enabled: Option<bool>,
    pub locked: Option<bool>,
    pub role: Option<Role>,
    pub groups: Option<Vec<Text>>,
    pub forward_to: Option<Vec<Text>>,
    pub mailbox: Option<Text>,
    /// Fields the tool does not know, in their order; boxed because most
    /// records have none.
    pub extra: Option<Box<Map<String, Value>>>,
}

impl User {
    /// A new account with every optional field left out.
    pub fn new(name: impl Into<Text>, domain: impl Into<Text>) -> User {
        User {
            name: name.into(),
            domain: domain.into(),
            full_name: None,
            enabled: None,
            locked: None,
            role: None,
            groups: None,
            forward_to: None,
            mailbox: None,
            extra: None,
        }
    }

    pub fn address(&self) -> Address {
        Address {
            name: self.name.as_str().to_owned(),
            domain: self.domain.as_str().to_owned(),
        }
    }
    pub fn is_enabled(&self) -> bool {
        self.enabled.unwrap_or(true)
    }
    pub fn is_locked(&self) -> bool {
        self.locked.unwrap_or(false)
    }
    pub fn own_role(&self) -> Role {
        self.role.unwrap_or_default()
    }
    pub fn group_names(&self) -> &[Text] {
        self.groups.as_deref().unwrap_or_default()
    }
    pub fn forwards(&self) -> &[Text] {
        self.forward_to.as_deref().unwrap_or_default()
    }
    /// Whether this account takes a license seat.
    pub fn takes_seat(&self) -> bool {
        self.is_enabled() && self.own_role() != Role::BuiltIn
    }

    /// An unknown field's value.
    pub fn extra_field(&self, key: &str) -> Option<&Value> {
        self.extra.as_ref().and_then(|m| m.get(key))
    }

    /// Keeps an unknown field.
    pub fn set_extra_field(&mut self, key: String, value: Value) {
        self.extra.get_or_insert_default().insert(key, value);
    }
}

impl Serialize for User {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("name", &self.name)?;
        map.serialize_entry("domain", &self.domain)?;
        macro_rules! optional {
            ($($field:ident),*) => {$(
                if let Some(value) = &self.$field {
                    map.serialize_entry(stringify!($field), value)?;
                }
            )*};
        }
        optional!(
            full_name, enabled, locked, role, groups, forward_to, mailbox
        );
        for (key, value) in self.extra.iter().flat_map(|m| m.iter()) {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for User {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<User, D::Error> {
        deserializer.deserialize_map(UserVisitor)
    }
}

/// A field name: one of the known fields, or another.
enum Key {
    Known(usize),
    Other(String),
}

/// The known fields, in the order they are written (and the columns of a
/// new `users.csv`).
pub(super) const FIELDS: [&str; 9] = [
    "name",
    "domain",
    "full_name",
    "enabled",
    "locked",
    "role",
    "groups",
    "forward_to",
    "mailbox",
];

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
                Ok(match FIELDS.iter().position(|f| *f == key) {
                    Some(i) => Key::Known(i),
                    None => Key::Other(key.to_string()),
                })
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

struct UserVisitor;

impl<'de> Visitor<'de> for UserVisitor {
    type Value = User;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an account object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<User, A::Error> {
        let mut user = User::new("", "");
        let mut seen = [false; FIELDS.len()];
        while let Some(key) = map.next_key::<Key>()? {
            let i = match key {
                Key::Other(key) => {
                    let value = map.next_value()?;
                    user.set_extra_field(key, value);
                    continue;
                }
                Key::Known(i) => i,
            };
            if std::mem::replace(&mut seen[i], true) {
                return Err(de::Error::duplicate_field(FIELDS[i]));
            }
            // A `null` would be read as the default and dropped on the
            // next save: refused, naming the field.
            let null = || {
                de::Error::custom(format!(
                    "`{}` is null; leave the field out or give it a value",
                    FIELDS[i]
                ))
            };
            match i {
                0 => user.name = map.next_value()?,
                1 => user.domain = map.next_value()?,
                2 => user.full_name = Some(map.next_value::<Option<_>>()?.ok_or_else(null)?),
                3 => user.enabled = Some(map.next_value::<Option<_>>()?.ok_or_else(null)?),
                4 => user.locked = Some(map.next_value::<Option<_>>()?.ok_or_else(null)?),
                5 => user.role = Some(map.next_value::<Option<_>>()?.ok_or_else(null)?),
                6 => user.groups = Some(map.next_value::<Option<_>>()?.ok_or_else(null)?),
                7 => user.forward_to = Some(map.next_value::<Option<_>>()?.ok_or_else(null)?),
                _ => user.mailbox = Some(map.next_value::<Option<_>>()?.ok_or_else(null)?),
            }
        }
        for required in [0, 1] {
            if !seen[required] {
                return Err(de::Error::missing_field(FIELDS[required]));
            }
        }
        Ok(user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_round_trip_in_order() {
        let text = r#"{"name":"a","domain":"x","z":1,"enabled":false,"b":[true]}"#;
        let user: User = serde_json::from_str(text).unwrap();
        assert_eq!(user.enabled, Some(false));
        assert_eq!(
            serde_json::to_string(&user).unwrap(),
            r#"{"name":"a","domain":"x","enabled":false,"z":1,"b":[true]}"#
        );
    }

    #[test]
    fn missing_and_duplicate_fields_are_errors() {
        let err = serde_json::from_str::<User>(r#"{"name":"a"}"#).unwrap_err();
        assert!(err.to_string().contains("missing field `domain`"));
        let err =
            serde_json::from_str::<User>(r#"{"name":"a","domain":"x","name":"b"}"#).unwrap_err();
        assert!(err.to_string().contains("duplicate field `name`"));
    }
}
