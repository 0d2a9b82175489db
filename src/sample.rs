//! Deterministic sample stores for `init --sample N --seed S`: the same N,
//! seed and options always give byte-identical files.

use std::path::Path;

use serde_json::Map;

use crate::directory::{Alias, CsvLayout, Directory, Format, Group, License, Role, Text, User};
use crate::error::{Error, Result};
use crate::store::{create_dirs, write_file};

/// SplitMix64: tiny, fast, and stable across versions (unlike a library
/// generator whose sequence may change), which byte-identical output needs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    fn percent(&mut self, p: u64) -> bool {
        self.below(100) < p
    }
}

/// (display name, login part)
const FIRST: [(&str, &str); 20] = [
    ("Anna", "anna"),
    ("Ben", "ben"),
    ("Chloé", "chloe"),
    ("David", "david"),
    ("Eva", "eva"),
    ("Felix", "felix"),
    ("Greta", "greta"),
    ("Hugo", "hugo"),
    ("Ines", "ines"),
    ("Jürgen", "juergen"),
    ("Kim", "kim"),
    ("Lena", "lena"),
    ("Marco", "marco"),
    ("Nina", "nina"),
    ("Oskar", "oskar"),
    ("Paula", "paula"),
    ("Quinn", "quinn"),
    ("Rosa", "rosa"),
    ("Zoë", "zoe"),
    ("Åsa", "asa"),
];
const LAST: [(&str, &str); 16] = [
    ("Adams", "adams"),
    ("Berg", "berg"),
    ("Costa", "costa"),
    ("Doe", "doe"),
    ("Evans", "evans"),
    ("Fischer", "fischer"),
    ("García", "garcia"),
    ("Hill", "hill"),
    ("Ito", "ito"),
    ("Jones", "jones"),
    ("Müller", "mueller"),
    ("Novak", "novak"),
    ("Ångström", "angstrom"),
    ("Park", "park"),
    ("Smith", "smith"),
    ("Weber", "weber"),
];
const DOMAINS: [&str; 3] = ["example.com", "example.org", "example.net"];
const WORDS: [&str; 16] = [
    "budget", "meeting", "report", "invoice", "project", "review", "lunch", "travel", "contract",
    "draft", "schedule", "update", "release", "holiday", "training", "offer",
];
const FOLDERS: [&str; 3] = ["INBOX", "Sent Items", "Deleted Items"];

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub accounts: usize,
    pub seed: u64,
    pub messages: usize,
    pub csv: bool,
}

/// What was generated.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    pub accounts: usize,
    pub domains: usize,
    pub messages: usize,
}

/// Writes a new store into `root`, which must be missing or empty.
pub fn create(root: &Path, spec: &Spec) -> Result<Summary> {
    if std::fs::read_dir(root).is_ok_and(|mut d| d.next().is_some()) {
        return Err(Error::Store(format!(
            "{} is not empty; init only creates new stores",
            root.display()
        )));
    }
    let mut rng = Rng(spec.seed);
    let domains = &DOMAINS[..match spec.accounts {
        0..4 => 1,
        4..20 => 2,
        _ => 3,
    }];
    let file = if spec.csv { "users.csv" } else { "users.json" };
    let format = if spec.csv {
        Format::Csv(CsvLayout::standard())
    } else {
        Format::Json
    };
    let mut dir = Directory::new(&root.join(file), format);
    dir.users.push(account(
        "admin",
        DOMAINS[0],
        "Administrator",
        Some(Role::BuiltIn),
    ));
    let mut taken = std::collections::HashSet::new();
    let mut by_domain: std::collections::HashMap<&str, Vec<String>> = Default::default();
    taken.insert(("admin".to_string(), DOMAINS[0]));
    for i in 0..spec.accounts {
        let domain = domains[i % domains.len()];
        let (first, first_login) = *rng.pick(&FIRST);
        let (last, last_login) = *rng.pick(&LAST);
        let base = format!("{}{last_login}", &first_login[..1]);
        let mut name = base.clone();
        let mut n = 1;
        while !taken.insert((name.clone(), domain)) {
            n += 1;
            name = format!("{base}{n}");
        }
        let role = match rng.below(100) {
            0..2 => Some(Role::Full),
            2..5 => Some(Role::ReadOnly),
            _ => None,
        };
        let mut user = account(&name, domain, &format!("{first} {last}"), role);
        let mut groups = vec![Text::from("staff")];
        if rng.percent(5) {
            groups.push("helpdesk".into());
        }
        user.groups = Some(groups);
        if rng.percent(6) {
            user.enabled = Some(false);
        }
        if rng.percent(3) {
            user.locked = Some(true);
        }
        let peers = by_domain.entry(domain).or_default();
        if !peers.is_empty() && rng.percent(10) {
            user.forward_to = Some(vec![rng.pick(peers).as_str().into()]);
        }
        peers.push(user.address().to_string());
        dir.users.push(user);
    }
    ensure_variety(&mut dir.users[1..], domains);
    if !spec.csv {
        let spare = (spec.accounts as u64 / 10).max(5);
        dir.license = Some(License {
            seats: Some(dir.seats().used as u64 + spare),
            extra: Map::new(),
        });
        // A group is declared in a domain only when it has a member there
        // (`check` reports an empty group that gives a role).
        let has_member = |name: &str, domain: &str| {
            dir.users
                .iter()
                .any(|u| u.domain == domain && u.group_names().iter().any(|g| g == name))
        };
        let groups = domains
            .iter()
            .flat_map(|d| {
                [
                    group("staff", d, Role::None),
                    group("helpdesk", d, Role::AccountAdmin),
                ]
            })
            .filter(|g| has_member(&g.name, &g.domain))
            .collect();
        dir.groups = Some(groups);
        dir.aliases = Some(
            domains
                .iter()
                .flat_map(|d| {
                    let members = by_domain.get(d).cloned().unwrap_or_default();
                    [("info", 2), ("all", 5)].map(|(alias, n)| Alias {
                        alias: format!("{alias}@{d}"),
                        deliver_to: members.iter().take(n).cloned().collect(),
                        extra: Map::new(),
                    })
                })
                .filter(|a| !a.deliver_to.is_empty())
                .collect(),
        );
    }
    let write = |rel: &Path, bytes: &[u8]| -> Result<()> {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            create_dirs(parent)?;
        }
        write_file(&path, bytes)
    };
    write(Path::new("logs/warning.log"), b"")?;
    for folder in ["mail", "im"] {
        create_dirs(&root.join(folder))?;
    }
    let mut messages = 0;
    if spec.messages > 0 {
        for user in &dir.users {
            messages += mailbox(&mut rng, user, spec.messages, &write)?;
        }
    }
    // The directory comes last: a store cut short by a crash has none, so
    // no command mistakes it for a complete one.
    let mut bytes = Vec::new();
    dir.write_to(&mut bytes)
        .map_err(|e| Error::Store(format!("cannot encode the directory: {e}")))?;
    write_file(&root.join(file), &bytes)?;
    Ok(Summary {
        accounts: dir.users.len(),
        domains: domains.len(),
        messages,
    })
}

/// Makes sure the generated accounts (`users`, the built-in administrator
/// aside) show what the tool works on, whatever the random draws gave, so
/// that a small sample such as `examples/store` has it too: in each domain a
/// member of `helpdesk` (an account-admin through its group: an enabled,
/// unlocked account without a role of its own where there is one); with two
/// accounts or more a locked account, with three or more a disabled one, and
/// one account forwarding to another of its domain where a domain has two.
/// Picks are made without drawing from the generator, so every other byte
/// of a sample stays as it was, and only when the draws left something
/// out: a large sample (the 100,000 accounts of the benchmarks) is only
/// read once more.
fn ensure_variety(users: &mut [User], domains: &[&str]) {
    let plain = |u: &User| u.is_enabled() && !u.is_locked() && u.own_role() == Role::None;
    let in_helpdesk = |u: &User| u.group_names().iter().any(|g| g == "helpdesk");
    for domain in domains {
        let of_domain = || {
            users
                .iter()
                .enumerate()
                .filter(|(_, u)| u.domain == *domain)
        };
        if of_domain().any(|(_, u)| in_helpdesk(u)) {
            continue;
        }
        let pick = of_domain()
            .find(|(_, u)| plain(u))
            .or_else(|| of_domain().next())
            .map(|(i, _)| i);
        if let Some(i) = pick {
            users[i]
                .groups
                .get_or_insert_with(Vec::new)
                .push("helpdesk".into());
        }
    }
    // The locked and the disabled account are picked from the end, among
    // plain accounts that are not in helpdesk, so neither is the account-admin.
    let last_plain = |users: &[User]| users.iter().rposition(|u| plain(u) && !in_helpdesk(u));
    if users.len() >= 2
        && !users.iter().any(User::is_locked)
        && let Some(i) = last_plain(users)
    {
        users[i].locked = Some(true);
    }
    if users.len() >= 3
        && users.iter().all(User::is_enabled)
        && let Some(i) = last_plain(users)
    {
        users[i].enabled = Some(false);
    }
    if users.iter().all(|u| u.forwards().is_empty()) {
        // The last account whose domain has an earlier account forwards to
        // the first account of its domain.
        let pair = users.iter().enumerate().rev().find_map(|(i, u)| {
            users[..i]
                .iter()
                .position(|first| first.domain == u.domain)
                .map(|first| (i, first))
        });
        if let Some((i, first)) = pair {
            let to = users[first].address().to_string();
            users[i].forward_to = Some(vec![to.as_str().into()]);
        }
    }
}

fn account(name: &str, domain: &str, full_name: &str, role: Option<Role>) -> User {
    let mut user = User::new(name, domain);
    user.full_name = Some(full_name.into());
    user.role = role;
    user
}

fn group(name: &str, domain: &str, role: Role) -> Group {
    Group {
        name: name.into(),
        domain: domain.into(),
        role: Some(role),
        extra: Map::new(),
    }
}

/// Writes the account's mailbox (`count` messages over three folders, index
/// and settings files) and IM folder; returns the number of messages.
fn mailbox(
    rng: &mut Rng,
    user: &User,
    count: usize,
    write: &dyn Fn(&Path, &[u8]) -> Result<()>,
) -> Result<usize> {
    let address = user.address().to_string();
    let base = Path::new("mail").join(&user.domain).join(&user.name);
    for folder in FOLDERS {
        write(
            &base.join(folder).join("index.fld"),
            b"<index version=\"1\"/>\n",
        )?;
    }
    write(
        &base.join("settings.usr"),
        format!("<settings user=\"{address}\"/>\n").as_bytes(),
    )?;
    if rng.percent(30) {
        write(&base.join("filter.siv"), b"require \"fileinto\";\n")?;
    }
    for n in 0..count {
        let folder = match rng.below(10) {
            0..7 => FOLDERS[0],
            7..9 => FOLDERS[1],
            _ => FOLDERS[2],
        };
        let subject = format!("{} {}", rng.pick(&WORDS), rng.pick(&WORDS));
        let stamp = jiff::Timestamp::from_second(1_767_225_600 + rng.below(31_536_000) as i64)
            .map_err(|e| Error::Store(format!("sample date: {e}")))?;
        let date = stamp.strftime("%a, %d %b %Y %H:%M:%S +0000");
        let id = rng.next();
        let body = (0..8)
            .map(|_| *rng.pick(&WORDS))
            .collect::<Vec<_>>()
            .join(" ");
        let text = format!(
            "From: colleague@{domain}\r\nTo: {address}\r\nSubject: {subject}\r\nDate: {date}\r\n\
             Message-ID: <{id:016x}@{domain}>\r\n\r\n{body}\r\n",
            domain = user.domain
        );
        write(
            &base.join(folder).join("#msgs").join(format!("{n:08x}.eml")),
            text.as_bytes(),
        )?;
    }
    let im = Path::new("im").join(&user.domain).join(&user.name);
    write(
        &im.join("history.xml"),
        format!("<history user=\"{address}\"/>\n").as_bytes(),
    )?;
    Ok(count)
}
