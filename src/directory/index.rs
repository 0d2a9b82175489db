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

/// A hash of the folded `parts`, each followed by its length, eight bytes
/// at a time. A plain ASCII part is folded as it is hashed, a word at a
/// time and without a copy; any other is folded first. Kept in memory only,
/// never written, so it may change between versions.
pub(super) fn hash_of(parts: &[&str]) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    /// Lowercases the ASCII letters of eight ASCII bytes at once.
    fn lower(word: u64) -> u64 {
        let from_a = word + ONES * u64::from(0x80 - b'A');
        let past_z = word + ONES * u64::from(0x80 - b'Z' - 1);
        word | ((from_a & !past_z & (ONES * 0x80)) >> 2)
    }
    fn mix(hash: u64, word: u64) -> u64 {
        (hash ^ word)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(29)
    }
    fn feed(mut hash: u64, bytes: &[u8], fold: fn(u64) -> u64) -> u64 {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            hash = mix(
                hash,
                fold(u64::from_le_bytes(word.try_into().unwrap_or_default())),
            );
        }
        let mut last = [0u8; 8];
        last[..words.remainder().len()].copy_from_slice(words.remainder());
        let hash = mix(hash, fold(u64::from_le_bytes(last)));
        mix(hash, bytes.len() as u64)
    }
    parts
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |hash, part| match part.is_ascii() {
            true => feed(hash, part.as_bytes(), lower),
            false => feed(hash, crate::address::fold(part).as_bytes(), |word| word),
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

#[cfg(test)]
mod tests {
    use super::hash_of;

    #[test]
    fn names_that_fold_alike_hash_alike() {
        let alike = [
            ["jdoe", "example.com"],
            ["JDOE", "Example.COM"],
            ["JDoe", "EXAMPLE.com"],
        ];
        for parts in alike {
            assert_eq!(hash_of(&parts), hash_of(&alike[0]), "{parts:?}");
        }
        // The Kelvin sign folds to an ASCII k; sigma to one form.
        assert_eq!(hash_of(&["\u{212A}ate"]), hash_of(&["kate"]));
        assert_eq!(hash_of(&["ΝΙΚΟΣ"]), hash_of(&["νικοσ"]));
        assert_eq!(hash_of(&["νικος"]), hash_of(&["νικοσ"]));
        // Every letter of a long name, across the eight-byte words.
        let long = "abcdefghijklmnopqrstuvwxyz@-_.0123456789";
        assert_eq!(hash_of(&[long]), hash_of(&[&long.to_uppercase()]));
    }

    #[test]
    fn names_that_differ_hash_apart() {
        let different = [
            vec!["jdoe", "example.com"],
            vec!["jdoe", "example.co"],
            vec!["jdo", "eexample.com"],
            vec!["jdoe@example.com"],
            vec!["jdoe", "example.com", ""],
            vec!["jdoe[", "example.com"],
            vec!["jdoe{", "example.com"],
            vec!["jdoe@", "example.com"],
            vec!["jdoe`", "example.com"],
            vec!["abcdefgh", "x"],
            vec!["abcdefg", "hx"],
        ];
        for (i, a) in different.iter().enumerate() {
            for b in &different[i + 1..] {
                assert_ne!(hash_of(a), hash_of(b), "{a:?} and {b:?}");
            }
        }
    }
}
