//! Removed accounts kept, restored, purged and shown (SPEC §12) on an
//! LDAP directory (SPEC §13): one test body runs on the example store's
//! file and on the same directory in a slapd subtree, and the two must
//! print the same and end the same: the directory as it was before the
//! removal (the file byte for byte, the entries attribute for attribute,
//! group memberships and purged references included), the store's files
//! as `tests/it/restore.rs` checks them.

use std::collections::BTreeMap;

use crate::common::{STAMP, TestStore};
use crate::slapd::{self, Tree};

const ADMIN: &str = "admin@example.com";

/// Where the directory is.
#[derive(Clone, Copy)]
enum On<'a> {
    File,
    Ldap(&'a Tree),
}

/// The store, and the directory it runs on.
struct Site<'a> {
    store: TestStore,
    on: On<'a>,
}

impl Site<'_> {
    /// The binary acting as `actor`, with a 30-day retention.
    fn run(&self, actor: &str) -> assert_cmd::Command {
        let mut cmd = match self.on {
            On::File => self.store.run_as(actor),
            On::Ldap(tree) => tree.run_as(&self.store, actor),
        };
        cmd.env("MAILUSER_RETAIN_DAYS", "30");
        cmd
    }

    /// What the directory holds: the file's bytes, or every entry.
    fn directory(&self) -> String {
        match self.on {
            On::File => self.store.read("users.json"),
            On::Ldap(tree) => {
                // `objectClass` and a group's `member` are sets that
                // mailuser reads as sets: users.json has no order of a
                // group's members (an account lists its groups, in
                // `mailuserExtra`), and ldap3 sends an entry's classes
                // in no order.
                let mut entries = tree.entries();
                for entry in entries.values_mut() {
                    for set in ["objectClass", "member"] {
                        if let Some(values) = entry.get_mut(set) {
                            values.sort();
                        }
                    }
                }
                entries
                    .iter()
                    .map(|(dn, attrs)| format!("{dn}: {attrs:?}\n"))
                    .collect()
            }
        }
    }

    /// stdout of a successful run, with operation ids masked.
    fn out(&self, args: &[&str]) -> String {
        let out = self.run(ADMIN).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        mask_ops(&String::from_utf8_lossy(&out.stdout))
    }
}

/// Replaces operation ids (20 digits, `-`, a process id) with `OP`.
fn mask_ops(text: &str) -> String {
    let bytes = text.as_bytes();
    let digits = |from: usize| {
        bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let mut out = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let run = digits(i);
        if run == 20 && bytes.get(i + 20) == Some(&b'-') && digits(i + 21) > 0 {
            out.push_str("OP");
            i += 21 + digits(i + 21);
        } else if run > 0 {
            out.push_str(&text[i..i + run]);
            i += run;
        } else {
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Fails, showing the lines that differ, unless `now` and `was` are equal.
fn same_lines(now: &str, was: &str, context: &str) {
    let only = |a: &str, b: &str| -> Vec<String> {
        let b: Vec<&str> = b.lines().collect();
        a.lines()
            .filter(|l| !b.contains(l))
            .map(str::to_string)
            .collect()
    };
    assert!(
        now == was,
        "{context}: now\n{}\nwas\n{}",
        only(now, was).join("\n"),
        only(was, now).join("\n")
    );
}

/// What `restore` must put back in the store (see
/// `TestStore::kept_state`), less the file directory it does not use.
fn files(store: &TestStore) -> BTreeMap<String, Vec<u8>> {
    let mut files = store.kept_state();
    files.remove("users.json");
    files
}

/// Removes jdoe with `choice`, shows it, restores it, and checks that
/// the directory and the store are as before; returns what was printed.
fn remove_and_restore(site: &Site, choice: &[&str]) -> Vec<String> {
    let directory = site.directory();
    let files_before = files(&site.store);
    let mut printed = Vec::new();
    let remove: Vec<&str> = ["remove", "jdoe@example.com"]
        .iter()
        .chain(choice)
        .copied()
        .collect();
    printed.push(site.out(&remove));
    assert_ne!(site.directory(), directory, "{choice:?}: removed");
    printed.push(site.out(&["history", "jdoe@example.com"]));
    printed.push(site.out(&["list", "--removed"]));
    printed.push(site.out(&["restore", "jdoe@example.com"]));
    assert!(printed[3].contains("jdoe@example.com: restored (mailbox restored"));
    same_lines(
        &site.directory(),
        &directory,
        &format!("{choice:?}: the directory"),
    );
    assert_eq!(files(&site.store), files_before, "{choice:?}: the files");
    assert_eq!(site.out(&["list", "--removed"]), "");
    printed.push(site.out(&["restore", "jdoe@example.com"]));
    assert!(printed[4].contains("already restored"), "{}", printed[4]);
    let log = site.store.log_lines();
    assert_eq!(
        log.last().unwrap(),
        &format!("{STAMP} User jdoe@example.com restored by admin@example.com: mailbox restored")
    );
    printed
}

/// The whole sequence on one site: each mailbox choice removed and
/// restored, then purges; returns everything printed and the log.
fn sequence(site: &Site) -> (Vec<String>, Vec<String>) {
    let mut printed = Vec::new();
    for choice in [
        &["--delete-mailbox", "--purge-settings"][..],
        &["--keep-mailbox"],
        &["--transfer-to", "boss", "--purge-settings"],
    ] {
        printed.extend(remove_and_restore(site, choice));
    }
    // purge USER deletes the tombstone and its mail for good.
    let messages = site.store.messages().len();
    printed.push(site.out(&["remove", "jdoe", "asmith", "--delete-mailbox"]));
    printed.push(site.out(&["purge", "jdoe@example.com"]));
    assert_eq!(
        site.store.messages().len(),
        messages - 3,
        "jdoe's 3 messages"
    );
    let removed = site.out(&["list", "--removed"]);
    assert!(
        !removed.contains("jdoe@") && removed.contains("asmith@"),
        "{removed}"
    );
    site.run(ADMIN).args(["restore", "jdoe"]).assert().code(4);
    // purge --expired takes the tombstones past their time.
    let later = site
        .run(ADMIN)
        .env("MAILUSER_NOW", "2027-01-30T10:00:00+01:00")
        .args(["purge", "--expired"])
        .output()
        .unwrap();
    assert!(later.status.success());
    printed.push(String::from_utf8_lossy(&later.stdout).into_owned());
    assert_eq!(site.out(&["list", "--removed"]), "");
    assert!(!site.store.path("mail/example.com/asmith").exists());
    printed.push(site.out(&["history", "jdoe"]));
    (printed, site.store.log_lines())
}

#[test]
fn remove_restore_purge_and_history_on_ldap_as_on_a_file() {
    let Some(server) =
        slapd::or_skip("ldap_restore::remove_restore_purge_and_history_on_ldap_as_on_a_file")
    else {
        return;
    };
    let file = Site {
        store: TestStore::example(),
        on: On::File,
    };
    let on_file = sequence(&file);
    let store = TestStore::example();
    let tree = server.tree();
    tree.load(&store);
    let ldap = Site {
        store,
        on: On::Ldap(&tree),
    };
    let entries = tree.entries();
    let on_ldap = sequence(&ldap);
    assert_eq!(on_ldap.0, on_file.0, "printed");
    assert_eq!(on_ldap.1, on_file.1, "logged");
    // jdoe and asmith are gone, as on the file; all else is as it was.
    let mut expected = entries;
    for rdn in ["uid=jdoe,ou=example.com", "uid=asmith,ou=example.com"] {
        expected.remove(&tree.dn(rdn)).unwrap();
    }
    let mut now = tree.entries();
    for map in [&mut expected, &mut now] {
        let sales = map.get_mut(&tree.dn("cn=sales,ou=example.com")).unwrap();
        sales.remove("member");
        let license = map.get_mut(&tree.dn("cn=license")).unwrap();
        license.remove("mailuserSeatsUsed");
    }
    assert_eq!(now, expected);
    assert!(tree.values("cn=sales,ou=example.com", "member").is_empty());
    assert_eq!(tree.values("cn=license", "mailuserSeatsUsed"), ["7"]);
    // `check` finds the same references to the removed accounts.
    let check = |site: &Site| site.run(ADMIN).arg("check").output().unwrap();
    let (on_file, on_ldap) = (check(&file), check(&ldap));
    assert_eq!(on_ldap.status.code(), Some(2));
    assert_eq!(on_ldap.status.code(), on_file.status.code());
    assert_eq!(on_ldap.stdout, on_file.stdout);
}
