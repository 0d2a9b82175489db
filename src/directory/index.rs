//! Case-insensitive lookups of accounts by address (and, built on first
//! use, by bare name). Keys are hashes of the lowercase text, so no
//! lowercase copy of 100,000 names is kept in memory.

use std::cell::OnceCell;
use std::collections::HashMap;

use super::User;

/// The accounts whose key hashes to one value: almost always one.
#[derive(Debug, Clone)]
enum Slot {
    One(usize),
    Many(Vec<usize>),
}

impl Slot {
    fn push(&mut self, index: usize) {
        match self {
            Slot::One(first) => *self = Slot::Many(vec![*first, index]),
            Slot::Many(all) => all.push(index),
        }
    }

    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        let (one, many) = match self {
            Slot::One(i) => (Some(*i), &[][..]),
            Slot::Many(all) => (None, &all[..]),
        };
        one.into_iter().chain(many.iter().copied())
    }
}

#[derive(Debug, Clone, Default)]
pub struct Index {
    by_address: HashMap<u64, Slot>,
    by_name: OnceCell<HashMap<u64, Slot>>,
}

/// A hash (FNV-1a) of the folded `parts`, each followed by `0xff` (which
/// UTF-8 never holds). A plain ASCII part is folded byte by byte as it is
/// hashed, without a copy; any other is folded first.
pub(super) fn hash_of(parts: &[&str]) -> u64 {
    fn feed(hash: u64, bytes: impl Iterator<Item = u8>) -> u64 {
        bytes.fold(hash, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    }
    parts.iter().fold(0xcbf2_9ce4_8422_2325, |hash, part| {
        let hash = match part.is_ascii() {
            true => feed(hash, part.bytes().map(|b| b.to_ascii_lowercase())),
            false => feed(hash, crate::address::fold(part).into_bytes().into_iter()),
        };
        feed(hash, [0xff].into_iter())
    })
}

use crate::address::same;

impl Index {
    /// Indexes `users`; on a duplicate address returns the indexes of the
    /// first and the second record instead.
    pub fn build(users: &[User]) -> Result<Index, (usize, usize)> {
        let mut by_address: HashMap<u64, Slot> = HashMap::with_capacity(users.len());
        for (i, user) in users.iter().enumerate() {
            let key = hash_of(&[&user.name, &user.domain]);
            match by_address.get_mut(&key) {
                None => {
                    by_address.insert(key, Slot::One(i));
                }
                Some(slot) => {
                    let twin = slot.iter().find(|&j| {
                        same(&users[j].name, &user.name) && same(&users[j].domain, &user.domain)
                    });
                    if let Some(first) = twin {
                        return Err((first, i));
                    }
                    slot.push(i);
                }
            }
        }
        Ok(Index {
            by_address,
            by_name: OnceCell::new(),
        })
    }

    /// The account `name@domain`, ignoring case.
    pub fn find(&self, users: &[User], name: &str, domain: &str) -> Option<usize> {
        let slot = self.by_address.get(&hash_of(&[name, domain]))?;
        slot.iter()
            .find(|&i| same(&users[i].name, name) && same(&users[i].domain, domain))
    }

    /// Every account called `name` in any domain, ignoring case.
    pub fn named(&self, users: &[User], name: &str) -> Vec<usize> {
        let by_name = self.by_name.get_or_init(|| {
            let mut map: HashMap<u64, Slot> = HashMap::new();
            for (i, user) in users.iter().enumerate() {
                let key = hash_of(&[&user.name]);
                match map.get_mut(&key) {
                    None => {
                        map.insert(key, Slot::One(i));
                    }
                    Some(slot) => slot.push(i),
                }
            }
            map
        });
        by_name
            .get(&hash_of(&[name]))
            .map(|slot| {
                slot.iter()
                    .filter(|&i| same(&users[i].name, name))
                    .collect()
            })
            .unwrap_or_default()
    }
}
