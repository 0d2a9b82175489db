//! Reading `users.json` into what [`super::json::JsonFile`] keeps: where
//! each record starts, a hash of each address, the seats used, the records
//! that forward mail, and the file's other members. Every record is read
//! and checked once. A large file read for a bulk run is read on two
//! threads, one per half of the records.

use std::sync::atomic::{AtomicBool, Ordering};

use super::edit::{next_item, skip_ws};
use super::{Alias, Group, License, Role, User, scan};

/// How the records are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// On one thread, with the least memory: a run of one change.
    OneThread,
    /// A large file on two threads, each reading half the records: the time
    /// of a bulk run or a listing, for the memory of a second half-index
    /// while the halves are joined.
    TwoThreads,
}

/// Below this size a file is read on one thread: starting a second one
/// would cost more than it saves.
const SPLIT_FROM: usize = 256 * 1024;

/// What `users.json` holds besides the records.
#[derive(Default)]
pub(super) struct Outline {
    pub license: Option<License>,
    pub groups: Option<Vec<Group>>,
    pub aliases: Option<Vec<Alias>>,
    /// Where `users` ends (its `]`).
    pub close: usize,
    /// Where the value of each top-level member starts.
    pub top: Vec<(String, usize)>,
}

/// The other members of `text`, each value decoded (or, for unknown ones,
/// checked to be JSON), with every record of `users` read into `index`;
/// `None` when anything is off, so that the full parse can say what.
pub(super) fn outline(text: &str, index: &mut Indexer, reading: Reading) -> Option<Outline> {
    let (mut open_at, mut close) = (0, 0);
    let members = super::edit::layout(text, &mut |open| {
        let split = match reading {
            Reading::TwoThreads if text.len() >= SPLIT_FROM => Split::Halves,
            _ => Split::No,
        };
        let end = walk(text, open, index, split)?;
        (open_at, close) = (open, end - 1);
        Some(end)
    })?;
    let mut outline = Outline {
        close,
        top: members
            .iter()
            .map(|(key, start, _)| (key.clone(), *start))
            .collect(),
        ..Outline::default()
    };
    outline.top.push(("users".into(), open_at));
    for (key, start, end) in &members {
        let value = &text[*start..*end];
        match key.as_str() {
            "license" => outline.license = serde_json::from_str(value).ok()?,
            "groups" => outline.groups = serde_json::from_str(value).ok()?,
            "aliases" => outline.aliases = serde_json::from_str(value).ok()?,
            _ => drop(serde_json::from_str::<serde::de::IgnoredAny>(value).ok()?),
        }
    }
    Some(outline)
}

/// Where a second thread starts reading.
#[derive(Debug, Clone, Copy)]
enum Split {
    No,
    /// At the first record after the middle of the text.
    Halves,
    /// At this offset (tests try every one).
    #[cfg(test)]
    At(usize),
}

/// Where a walk over records stopped.
enum Walked {
    /// At the end of the array: the offset after its `]`.
    Closed(usize),
    /// At the record that starts at the offset it was to stop at.
    Stopped,
}

/// Reads the records of the `users` array that opens at `open` into
/// `index`; returns the offset after the array's `]`.
///
/// With a split, a second thread reads from a guessed record start to the
/// end while this one reads from the first record up to the guess. The
/// guess is only a guess (the same bytes can sit inside a string or a
/// nested object): the second half is kept only when this thread's own
/// walk arrives exactly at it, record boundary to record boundary, so the
/// result is the one-thread walk's whatever the guess.
fn walk(text: &str, open: usize, index: &mut Indexer, split: Split) -> Option<usize> {
    let bytes = text.as_bytes();
    let first = skip_ws(bytes, open + 1);
    if bytes.get(first)? == &b']' {
        return Some(first + 1);
    }
    let (first_end, second) = match read(text, first, index)? {
        Next::Closed(end) => return Some(end),
        Next::Record(end, next) => (end, next),
    };
    let guess = match split {
        Split::No => None,
        Split::Halves => guess(text, first, first_end, second),
        #[cfg(test)]
        Split::At(at) => Some(at),
    };
    let never = AtomicBool::new(false);
    let Some(guess) = guess.filter(|&g| g > second && g < bytes.len()) else {
        return walk_from(text, second, None, index, &never)?.closed();
    };
    let abandon = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let later = std::thread::Builder::new().spawn_scoped(scope, || {
            let mut later = Indexer::for_text(&text[guess..]);
            let walked = walk_from(text, guess, None, &mut later, &abandon);
            (walked, later)
        });
        let Ok(later) = later else {
            return walk_from(text, second, None, index, &never)?.closed();
        };
        let walked = walk_from(text, second, Some(guess), index, &never);
        if !matches!(walked, Some(Walked::Stopped)) {
            abandon.store(true, Ordering::Relaxed);
            let _ = later.join();
            return walked?.closed();
        }
        let (walked, later) = later
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let end = walked?.closed()?;
        index.append(later);
        Some(end)
    })
}

impl Walked {
    fn closed(self) -> Option<usize> {
        match self {
            Walked::Closed(end) => Some(end),
            Walked::Stopped => None,
        }
    }
}

/// A record start after the middle of the text: the first place after it
/// where the bytes from the end of one record to the start of the next
/// repeat those between the first two records (`},\n    {`, or `},{` in
/// a one-line file).
fn guess(text: &str, first: usize, first_end: usize, second: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let between = bytes.get(first_end.checked_sub(1)?..=second)?;
    let mut middle = first + (bytes.len() - first) / 2;
    while !text.is_char_boundary(middle) {
        middle += 1;
    }
    let found = text[middle..].find(std::str::from_utf8(between).ok()?)?;
    Some(middle + found + between.len() - 1)
}

/// What follows a record.
enum Next {
    /// The end of the array: the offset after its `]`.
    Closed(usize),
    /// Another record: where this one ends and the next starts.
    Record(usize, usize),
}

/// Reads the record at `at` into `index`.
fn read(text: &str, at: usize, index: &mut Indexer) -> Option<Next> {
    let end = match scan::plain(text, at) {
        Some((record, end)) => {
            index.add(at, Facts::of_plain(&record));
            end
        }
        None => {
            let mut stream = serde_json::Deserializer::from_str(&text[at..]).into_iter::<User>();
            let user = stream.next()?.ok()?;
            let end = at + stream.byte_offset();
            index.add(at, Facts::of_user(&user));
            end
        }
    };
    let next = next_item(text.as_bytes(), end)?;
    Some(match text.as_bytes().get(next)? {
        b']' => Next::Closed(next + 1),
        _ => Next::Record(end, next),
    })
}

/// Reads the records from the one at `at` to the end of the array, or
/// until a record starts at `stop`; gives up (`None`) when `abandon` is
/// set.
fn walk_from(
    text: &str,
    mut at: usize,
    stop: Option<usize>,
    index: &mut Indexer,
    abandon: &AtomicBool,
) -> Option<Walked> {
    loop {
        if Some(at) == stop {
            return Some(Walked::Stopped);
        }
        if abandon.load(Ordering::Relaxed) {
            return None;
        }
        match read(text, at, index)? {
            Next::Closed(end) => return Some(Walked::Closed(end)),
            Next::Record(_, next) => at = next,
        }
    }
}

/// What the index needs of a record, borrowed from the text or from a
/// record serde decoded.
pub(super) struct Facts<'a> {
    name: &'a str,
    domain: &'a str,
    mailbox: Option<&'a str>,
    role: Role,
    takes_seat: bool,
    forwards: bool,
}

impl<'a> Facts<'a> {
    fn of_plain(record: &scan::Plain<'a>) -> Facts<'a> {
        Facts {
            name: record.name,
            domain: record.domain,
            mailbox: record.mailbox,
            role: record.role.unwrap_or_default(),
            takes_seat: record.takes_seat(),
            forwards: record
                .forward_to
                .is_some_and(|list| list.iter().next().is_some()),
        }
    }

    fn of_user(user: &'a User) -> Facts<'a> {
        Facts {
            name: &user.name,
            domain: &user.domain,
            mailbox: user.mailbox.as_deref(),
            role: user.own_role(),
            takes_seat: user.takes_seat(),
            forwards: !user.forwards().is_empty(),
        }
    }
}

/// What reading the records gathers: starts, address hashes, seats, and
/// the first record that breaks a rule.
#[derive(Debug, PartialEq)]
pub(super) struct Indexer {
    /// Where each record of `users` starts, in file order.
    pub records: Vec<u32>,
    /// (hash of the folded address, record number), sorted once read.
    pub by_hash: Vec<(u32, u32)>,
    /// The records that forward mail: the few that references are
    /// looked for in.
    pub forwarding: Vec<u32>,
    pub seats_used: usize,
    /// The built-in administrator's record number and address.
    built_in: Option<(u32, String)>,
    /// The first record that breaks a rule, the field and what is wrong.
    pub problem: Option<(u32, &'static str, String)>,
}

impl Indexer {
    /// An indexer with room for the records `text` may hold: capacity
    /// that is never filled costs address space, not memory, and growing
    /// would copy.
    pub(super) fn for_text(text: &str) -> Indexer {
        // No record is shorter than `{"name":"","domain":""}`.
        let most = text.len() / 24 + 1;
        Indexer {
            records: Vec::with_capacity(most),
            by_hash: Vec::with_capacity(most),
            forwarding: Vec::new(),
            seats_used: 0,
            built_in: None,
            problem: None,
        }
    }

    fn add(&mut self, start: usize, record: Facts<'_>) {
        let i = self.records.len() as u32;
        self.records.push(start as u32);
        if self.problem.is_some() {
            return;
        }
        if let Err((field, message)) =
            super::check_record(record.name, record.domain, record.mailbox)
        {
            self.problem = Some((i, field, message));
            return;
        }
        if record.role == Role::BuiltIn {
            if let Some((_, first)) = &self.built_in {
                self.problem = Some((i, "role", second_built_in(first)));
                return;
            }
            self.built_in = Some((i, format!("{}@{}", record.name, record.domain)));
        }
        if record.takes_seat {
            self.seats_used += 1;
        }
        if record.forwards {
            self.forwarding.push(i);
        }
        self.by_hash
            .push((address_hash(record.name, record.domain), i));
    }

    /// Takes in what another indexer read of the records that follow. The
    /// first problem in file order is the one kept, as when one indexer
    /// reads them all; once there is one, the file is refused and only the
    /// record starts (for the line of the message) still matter.
    fn append(&mut self, later: Indexer) {
        let base = self.records.len() as u32;
        self.records.extend_from_slice(&later.records);
        if self.problem.is_some() {
            return;
        }
        // A built-in administrator in each part: the later one is a second
        // one, unless a record before it in its part broke a rule first.
        self.problem = match (&self.built_in, &later.built_in) {
            (Some((_, first)), Some((i, _))) if later.problem.as_ref().is_none_or(|p| p.0 > *i) => {
                Some((*i, "role", second_built_in(first)))
            }
            _ => later.problem,
        }
        .map(|(i, field, message)| (i + base, field, message));
        if self.problem.is_some() {
            return;
        }
        let by_hash = later.by_hash.iter().map(|&(hash, i)| (hash, i + base));
        self.by_hash.extend(by_hash);
        self.forwarding
            .extend(later.forwarding.iter().map(|i| i + base));
        self.seats_used += later.seats_used;
        if self.built_in.is_none() {
            self.built_in = later.built_in.map(|(i, address)| (i + base, address));
        }
    }
}

fn second_built_in(first: &str) -> String {
    format!("a second built-in administrator ({first} is the first)")
}

/// Record numbers by the hash of their address: sorted by hash, with a
/// table of where the hashes that share their top bits start, so that a
/// lookup reads two places (a binary search of 100,000 entries waits on
/// memory seventeen times, a tenth of a 10,000-row run).
pub(super) struct ByHash {
    /// (hash, record number), sorted.
    sorted: Vec<(u32, u32)>,
    /// Where each bucket of `sorted` starts, and its end last.
    starts: Vec<u32>,
    /// A hash's bucket is its top `32 - shift` bits.
    shift: u32,
}

impl ByHash {
    /// About four entries a bucket: a table of one byte per record. The
    /// entries are moved into their buckets in place (counted, then each
    /// swapped to its bucket's next free place, as the American flag sort
    /// does), then each bucket's few are sorted: a fifth of the work of
    /// sorting them whole, and no second copy of them.
    pub(super) fn new(mut sorted: Vec<(u32, u32)>) -> ByHash {
        let bits = (sorted.len() / 4).max(1).ilog2();
        let shift = 32 - bits;
        let bucket = |hash: u32| (u64::from(hash) >> shift) as usize;
        let mut starts = vec![0u32; (1 << bits) + 1];
        for &(hash, _) in &sorted {
            starts[bucket(hash) + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        let mut next = starts.clone();
        for b in 0..1 << bits {
            while next[b] < starts[b + 1] {
                let at = next[b] as usize;
                let home = bucket(sorted[at].0);
                if home != b {
                    sorted.swap(at, next[home] as usize);
                }
                next[home] += 1;
            }
        }
        drop(next);
        for b in 0..1 << bits {
            sorted[starts[b] as usize..starts[b + 1] as usize].sort_unstable();
        }
        ByHash {
            sorted,
            starts,
            shift,
        }
    }

    /// The records whose address hashes to `hash`, in file order.
    pub(super) fn get(&self, hash: u32) -> impl Iterator<Item = u32> + '_ {
        let b = (u64::from(hash) >> self.shift) as usize;
        let bucket = &self.sorted[self.starts[b] as usize..self.starts[b + 1] as usize];
        bucket
            .iter()
            .skip_while(move |&&(h, _)| h < hash)
            .take_while(move |&&(h, _)| h == hash)
            .map(|&(_, i)| i)
    }

    /// The runs of records whose addresses hash alike, in file order.
    pub(super) fn runs(&self) -> impl Iterator<Item = Vec<u32>> + '_ {
        self.sorted
            .chunk_by(|a, b| a.0 == b.0)
            .filter(|run| run.len() > 1)
            .map(|run| run.iter().map(|&(_, i)| i).collect())
    }
}

/// A 32-bit hash of the folded address: lookups and the duplicate check
/// compare the records a hash leads to, so a collision costs a decode.
pub(super) fn address_hash(name: &str, domain: &str) -> u32 {
    let hash = super::index::hash_of(&[name, domain]);
    (hash ^ (hash >> 32)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `users` array of `records` (each a JSON object) joined by `sep`,
    /// then an alias list long enough to hold a guess past the array.
    fn file(records: &[&str], sep: &str) -> String {
        let aliases = r#"[{"alias": "x@example.com", "deliver_to": ["a@example.com"]}]"#;
        format!(
            "{{\"users\": [{}],\n\"aliases\": {aliases}}}",
            records.join(sep)
        )
    }

    fn walked(text: &str, split: Split) -> (Option<usize>, Indexer) {
        let mut index = Indexer::for_text(text);
        let open = text.find('[').unwrap();
        (walk(text, open, &mut index, split), index)
    }

    /// Split at every offset, a walk on two threads reads what one reads:
    /// the same end, the same records, the same first problem, and, when
    /// there is none, the same index.
    fn same_at_every_split(text: &str) {
        let (end, one) = walked(text, Split::No);
        for at in 0..text.len() {
            let (split_end, two) = walked(text, Split::At(at));
            assert_eq!(split_end, end, "end, split at {at} of {text}");
            if end.is_none() {
                continue;
            }
            assert_eq!(two.records, one.records, "split at {at} of {text}");
            assert_eq!(two.problem, one.problem, "split at {at} of {text}");
            if one.problem.is_none() {
                assert_eq!(two, one, "split at {at} of {text}");
            }
        }
    }

    const ADMIN: &str = r#"{"name": "admin", "domain": "example.com", "role": "built-in"}"#;

    fn plain(name: &str) -> String {
        format!(r#"{{"name": "{name}", "domain": "example.com", "enabled": false}}"#)
    }

    #[test]
    fn pretty_compact_and_crlf_files_read_alike_on_two_threads() {
        let names: Vec<String> = ["ann", "bob", "cy", "dee", "eve", "fay"]
            .iter()
            .map(|n| plain(n))
            .collect();
        let mut records: Vec<&str> = vec![ADMIN];
        records.extend(names.iter().map(String::as_str));
        let forwards =
            r#"{"name": "gus", "domain": "example.com", "forward_to": ["ann@example.com"]}"#;
        records.push(forwards);
        for sep in [",\n    ", ",", ", ", ",\r\n\t"] {
            same_at_every_split(&file(&records, sep));
        }
        // The built-in administrator last: found by the second thread.
        records.rotate_left(1);
        same_at_every_split(&file(&records, ",\n  "));
    }

    #[test]
    fn a_guess_inside_a_string_or_a_nested_object_is_not_taken() {
        // The bytes between two records repeat inside a string and inside
        // a nested list of objects: a guess there must be thrown away.
        let tricky =
            r#"{"name": "hal", "domain": "example.com", "full_name": "},{\"name\": \"x\"}"}"#;
        let nested = r#"{"name": "ivy", "domain": "example.com", "extra": [{"a": 1},{"name": "z", "domain": "example.com"}]}"#;
        let (a, b) = (plain("ann"), plain("bob"));
        same_at_every_split(&file(&[ADMIN, &a, tricky, nested, &b, tricky], ","));
        same_at_every_split(&file(&[&a, nested, nested, &b], ","));
    }

    #[test]
    fn the_first_problem_in_file_order_is_the_one_reported() {
        let (a, b, c) = (plain("ann"), plain("bob"), plain("cy"));
        let bad_name = r#"{"name": "a/b", "domain": "example.com"}"#;
        let bad_mailbox = r#"{"name": "dan", "domain": "example.com", "mailbox": "../x"}"#;
        // One problem late, two problems, and a second built-in
        // administrator in either order with another problem.
        same_at_every_split(&file(&[&a, &b, &c, bad_name], ","));
        same_at_every_split(&file(&[&a, bad_mailbox, &b, bad_name, &c], ","));
        same_at_every_split(&file(&[ADMIN, &a, &b, ADMIN, &c, bad_name], ","));
        same_at_every_split(&file(&[ADMIN, &a, bad_name, &b, ADMIN, &c], ","));
        same_at_every_split(&file(&[&a, &b, ADMIN, &c, ADMIN], ","));
    }

    #[test]
    fn malformed_json_anywhere_is_malformed_on_two_threads() {
        let (a, b, c) = (plain("ann"), plain("bob"), plain("cy"));
        let wrong_type = r#"{"name": "dan", "domain": "example.com", "enabled": "yes"}"#;
        same_at_every_split(&file(&[&a, &b, &c, wrong_type], ","));
        same_at_every_split(&file(&[&a, wrong_type, &b, &c], ","));
        let unclosed = format!("{{\"users\": [{a},{b},{c},{a}");
        same_at_every_split(&unclosed);
    }

    #[test]
    fn a_guess_past_a_short_array_is_not_taken() {
        let (a, b) = (plain("ann"), plain("bob"));
        let text = format!(
            "{{\"users\": [{a},{b}], \"aliases\": [{a},{b},{a},{b},{a},{b},{a},{b},{a},{b}]}}"
        );
        same_at_every_split(&text);
    }

    #[test]
    fn the_guess_is_a_record_start_after_the_middle() {
        let records: Vec<String> = (0..40).map(|i| plain(&format!("u{i}"))).collect();
        let records: Vec<&str> = records.iter().map(String::as_str).collect();
        for sep in [",\n    ", ","] {
            let text = file(&records, sep);
            let (_, one) = walked(&text, Split::No);
            let first = one.records[0] as usize;
            let second = one.records[1] as usize;
            let first_end = second - sep.len();
            let at = guess(&text, first, first_end, second).unwrap();
            assert!(at > text.len() / 2, "{at} of {}", text.len());
            assert!(one.records.contains(&(at as u32)), "{at} in {text}");
        }
    }

    #[test]
    fn hashes_are_found_in_their_bucket_whatever_the_size() {
        // Hashes spread over the range, at its ends, and repeated.
        let spread = |n: u32| {
            let mut hashes: Vec<u32> = (0..n).map(|i| i.wrapping_mul(2_654_435_761)).collect();
            hashes.extend([0, u32::MAX, u32::MAX, 7, 7, 7]);
            hashes
        };
        for n in [0, 1, 3, 4, 5, 17, 1000] {
            let hashes = spread(n);
            let pairs = hashes.iter().enumerate().map(|(i, &h)| (h, i as u32));
            let index = ByHash::new(pairs.collect());
            for &hash in hashes.iter().chain(&[1, 8, u32::MAX - 1]) {
                let want: Vec<u32> = (0..hashes.len() as u32)
                    .filter(|&i| hashes[i as usize] == hash)
                    .collect();
                assert_eq!(index.get(hash).collect::<Vec<_>>(), want, "{hash} of {n}");
            }
            let runs: Vec<Vec<u32>> = index.runs().collect();
            assert!(runs.contains(&vec![n + 3, n + 4, n + 5]), "{runs:?}");
        }
    }
}
