//! The parts of each command's man page that clap does not hold: a
//! DESCRIPTION beyond the one-line help, the EXIT STATUS, SEE ALSO; and
//! the roff of the SYNOPSIS (with option arguments and `USER...`) and of
//! the EXAMPLES (the "Examples:" paragraph of the command's long help,
//! so `--help` and the man page show the same ones).

use std::fmt::Write as _;

/// What the man page of one command says besides its options.
pub struct Page {
    /// The command (`remove`), or `mailuser` for the main page.
    pub name: &'static str,
    /// Paragraphs of plain text (see [`prose`]).
    pub description: &'static str,
    /// (code, meaning) pairs.
    pub exit_status: &'static [(u8, &'static str)],
    /// Other pages, as `mailuser-list` (section 1).
    pub see_also: &'static [&'static str],
    /// Examples, for a command whose long help has none (`help`), in the
    /// form of the long help's: `Examples:` and lines indented by two.
    pub examples: &'static str,
}

const DONE: (u8, &str) = (0, "done, including \"nothing to change\"");
const FAILURE: (u8, &str) = (
    1,
    "other failure: I/O, a missing or unreadable store or directory file, an unusable log \
     folder, a path behind a symbolic link",
);
const USAGE: (u8, &str) = (
    2,
    "bad usage or bad input: an unknown option, a malformed directory file, a bad account name, \
     an ambiguous bare name, no actor",
);
const REFUSED: (u8, &str) = (3, "refused by the policy (the message names the rule)");
const NOT_FOUND: (u8, &str) = (4, "an account does not exist");
const NO_SEATS: (u8, &str) = (5, "no free license seat");
const LOCKED: (u8, &str) = (
    75,
    "the store is locked by another run (after --wait), or another program edited the \
     directory file while the run planned: nothing was overwritten, run again",
);
/// For the commands that may ask before deleting mail.
const LOCKED_OR_CHANGED: (u8, &str) = (
    75,
    "the store is locked by another run (after --wait), another program edited the directory \
     file while the run planned, or the mail to delete changed while the question before \
     deleting it was open: nothing was changed, run again",
);
const READ_FAILURE: (u8, &str) = (1, "the store or its directory file cannot be read");
const READ_USAGE: (u8, &str) = (2, "bad usage, or a malformed directory file");

/// The pages, in the order of the commands.
pub const PAGES: &[Page] = &[
    Page {
        name: "disable",
        description: "\
Disables each USER: the account can no longer log in to the mail client or the \
administration console, as \"Account is enabled\" unchecked in Kerio Connect. Its mail, \
settings, aliases and forwarding stay, and its license seat is freed. The lock the server \
sets after wrong passwords is not touched (see mailuser-unlock(1)).

USER is name@domain, or a bare name that only one domain has; names compare without regard \
to case. `-` reads accounts from standard input, one per line (blank lines and lines \
starting with # are skipped); typed at a terminal, a note says so.

Every account is checked first (syntax, existence, policy, in that order); if one fails, \
nothing changes. An account already disabled is reported as such and changes nothing, so the \
command is safe to run again. Each change writes one line to the warning log. --dry-run \
prints what would be done and exits as the real run would.",
        exit_status: &[DONE, FAILURE, USAGE, REFUSED, NOT_FOUND, LOCKED],
        see_also: &[
            "mailuser-enable",
            "mailuser-unlock",
            "mailuser-list",
            "mailuser-apply",
        ],
        examples: "",
    },
    Page {
        name: "enable",
        description: "\
Enables each disabled USER again: it can log in as before. Every enabled account but the \
built-in administrator takes a license seat, so each needs a free one; when the seats run \
out, nothing is enabled and the run exits 5 (mailuser-license(1) shows the seats).

USER and `-` are read as for mailuser-disable(1). All accounts are checked before any \
changes; an account already enabled changes nothing. The server's lock after wrong \
passwords is not cleared (see mailuser-unlock(1)).",
        exit_status: &[DONE, FAILURE, USAGE, REFUSED, NOT_FOUND, NO_SEATS, LOCKED],
        see_also: &["mailuser-disable", "mailuser-license", "mailuser-list"],
        examples: "",
    },
    Page {
        name: "unlock",
        description: "\
Clears the lock the mail server sets on an account after too many wrong passwords. A \
locked account is not a disabled one: disable and enable never touch the lock, and unlock \
never enables an account.

USER and `-` are read as for mailuser-disable(1); `mailuser list --locked` lists the \
locked accounts. An account that is not locked changes nothing.",
        exit_status: &[DONE, FAILURE, USAGE, REFUSED, NOT_FOUND, LOCKED],
        see_also: &["mailuser-list", "mailuser-disable", "mailuser-enable"],
        examples: "",
    },
    Page {
        name: "remove",
        description: "\
Removes each USER from the directory and frees its license seat. Exactly one mailbox \
choice is required:

- --keep-mailbox leaves the mailbox folder where it is; it shows in `mailuser list \
--orphans`, and a later mailuser-add(1) of the same address re-attaches it.
- --transfer-to USER moves the whole mailbox into USER's mailbox as one folder, \"Deleted \
user name@domain\" (\" (2)\" and so on when taken). On one file system this is a single \
rename; across file systems the mailbox is copied, synced and only then deleted.
- --delete-mailbox deletes it. On a terminal the run first lists the accounts with their \
messages and bytes and asks [y/N], before it takes the store lock; --yes answers for \
scripts, and without a terminal on standard input nothing is asked.

--purge-settings also takes the address out of every alias and every other account's \
forwarding, and deletes the settings files of a kept or transferred mailbox. The account's \
instant-messaging files are always deleted. A missing account exits 4 unless --missing-ok \
is given, so an offboarding job can be run again.

All accounts are checked before anything changes. A mailbox that another account also \
uses is never moved or deleted. Mailbox moves and deletions are journaled: a run \
interrupted at any point loses no message and is finished by the next run.",
        exit_status: &[
            DONE,
            (
                1,
                "other failure (I/O, the store, a mount point inside a mailbox), or the \
                 question before deleting mail not answered yes: nothing was changed",
            ),
            USAGE,
            REFUSED,
            (4, "an account does not exist (not with --missing-ok)"),
            LOCKED_OR_CHANGED,
        ],
        see_also: &[
            "mailuser-add",
            "mailuser-list",
            "mailuser-apply",
            "mailuser-check",
        ],
        examples: "",
    },
    Page {
        name: "add",
        description: "\
Adds the account USER (name@domain) with the given full name and role. The name may hold \
letters, digits, `.`, `-` and `_`. The new account is enabled and needs a free license \
seat; its role may not be higher than the actor's own, and never built-in.

If a kept mailbox mail/domain/name exists (left by `remove --keep-mailbox`), the new \
account owns it again, and the output and the log say \"mailbox re-attached\". A mailbox \
folder that belongs to another account is never re-attached. Adding an account that \
exists changes nothing.",
        exit_status: &[DONE, FAILURE, USAGE, REFUSED, NO_SEATS, LOCKED],
        see_also: &["mailuser-remove", "mailuser-license", "mailuser-show"],
        examples: "",
    },
    Page {
        name: "apply",
        description: "\
Applies a bulk CSV file (or standard input for `-`): one row per account, with the \
columns action (disable, enable, unlock or remove), user, and for remove rows mailbox \
(keep, transfer or delete), transfer_to and purge_settings (true, false or empty).

Every row is checked (syntax, existence, policy, seats, and conflicts with the rows \
before it) before anything changes. A failing row is reported with its line (the header \
is line 1) and column; the other rows are applied, unless --atomic is given, in which case \
one failing row applies nothing. The directory is read and written once, and the log gets \
one line per changed account.

An export that lacks these columns is read through options: --user-column names the \
account column (every other column is then ignored), --action gives every row's action, \
and --mailbox, --transfer-to-column and --purge-settings fill the remove columns. A file \
whose header line has `;` and no `,` is read as `;`-separated; --delimiter names any \
other separator.

Rows that delete mailboxes make a run on a terminal ask first, as mailuser-remove(1) \
does; --yes answers. A file with no rows is a day without leavers: nothing happens, and \
the run succeeds.",
        exit_status: &[
            (0, "every row applied (or there were none)"),
            (
                1,
                "other failure, or the question before deleting mail not answered yes: \
                 nothing was changed",
            ),
            (
                2,
                "bad usage, a malformed file or header; or, when no row applied, the first \
                 failing row's bad input",
            ),
            (
                3,
                "no row applied; the first failing row was refused by the policy",
            ),
            (
                4,
                "no row applied; the first failing row's account does not exist",
            ),
            (
                5,
                "no row applied; the first failing row needed a free seat",
            ),
            (6, "some rows applied, some failed"),
            LOCKED_OR_CHANGED,
        ],
        see_also: &["mailuser-remove", "mailuser-disable", "mailuser-check"],
        examples: "",
    },
    Page {
        name: "list",
        description: "\
Lists accounts, one per line: address, state, effective role and full name; with \
--format json one object per account, with --format csv a header and one row per account. \
The filters combine: --disabled, --enabled or --locked accounts, those of one --domain, \
with the effective --role, members of a --group, and addresses matching PATTERN (`*` any \
text, `?` one character, case-insensitive).

--orphans lists instead the kept mailboxes mail/domain/name that no account owns, as \
`remove --keep-mailbox` leaves them, with their messages, bytes and last change; \
--removed lists the removed accounts that mailuser-restore(1) can bring back.

list takes no lock; it reads the last written directory and warns when an interrupted run \
is waiting to be finished.",
        exit_status: &[(0, "done"), READ_FAILURE, READ_USAGE],
        see_also: &[
            "mailuser-show",
            "mailuser-check",
            "mailuser-license",
            "mailuser-restore",
        ],
        examples: "",
    },
    Page {
        name: "show",
        description: "\
Shows one account in detail: state, own and effective role, groups, forwarding, the \
aliases that deliver to it, and its mailbox path. With --format json it prints one object.

show takes no lock and changes nothing.",
        exit_status: &[
            (0, "done"),
            READ_FAILURE,
            (
                2,
                "bad usage, a bad or ambiguous name, or a malformed directory file",
            ),
            NOT_FOUND,
        ],
        see_also: &["mailuser-list", "mailuser-license"],
        examples: "",
    },
    Page {
        name: "license",
        description: "\
Shows the license seats: total, used and free. Every enabled account except the built-in \
administrator takes a seat; a directory without a license (and every users.csv) has \
unlimited seats. enable and add need a free seat.",
        exit_status: &[(0, "done"), READ_FAILURE, READ_USAGE],
        see_also: &["mailuser-enable", "mailuser-add", "mailuser-list"],
        examples: "",
    },
    Page {
        name: "migrate",
        description: "\
Copies the current directory (the store's file, or the LDAP server --directory names) into \
an empty LDAP tree (--to ldap://HOST/BASE, ldaps:// or ldapi://) or into a new JSON file \
(--to FILE.json): the same accounts, groups, aliases and license. A record's fields that \
have no attribute of their own travel as one JSON object in mailuserExtra and come back \
from it, so file to LDAP to file gives the same records. It refuses a target that already \
holds accounts, and is safe to run again after a crash. --bind-dn and the password serve \
whichever side is LDAP.",
        exit_status: &[
            (0, "done"),
            (
                1,
                "the source or the target cannot be read or written, or the target holds accounts",
            ),
            USAGE,
        ],
        see_also: &["mailuser", "mailuser-check"],
        examples: "",
    },
    Page {
        name: "check",
        description: "\
Reads the store and its directory and reports what is inconsistent, as pwck(8) does for \
the password files: one finding per line (or JSON object) with a stable class name, its \
subject, what is wrong and, where one exists, the command that fixes it; then a summary. \
The fixes are printed without global options; read them before running them.

check takes no lock and changes nothing, so it is safe while other runs go on; a run in \
progress is noted in the summary. It never follows a symbolic link, never opens anything \
but a regular file and never reads a message.",
        exit_status: &[
            (0, "nothing found"),
            (1, "the store or its directory file cannot be read"),
            (
                2,
                "findings; or, as for every command, a malformed directory file",
            ),
        ],
        see_also: &["mailuser-list", "mailuser-remove", "pwck"],
        examples: "",
    },
    Page {
        name: "init",
        description: "\
Creates a new store in DIR, which must be missing or empty: the built-in administrator \
admin@example.com and, with --sample N, N generated accounts over up to three domains, \
with groups, aliases, forwarding, a license with spare seats, and mailboxes of --messages \
messages each. Each domain's helpdesk group (account-admin) has a member, and a sample of \
a few accounts still has a locked, a disabled and a forwarding one, so mailuser-check(1) \
finds nothing in a fresh store. --csv writes users.csv instead of users.json.

The same options give byte-identical files, so CI can build its fixtures from one line. \
init needs no actor and takes no lock; the directory file is written last, so an \
interrupted init leaves no usable-looking store.",
        exit_status: &[
            (0, "the store was created"),
            (1, "DIR is not empty, or it cannot be written"),
            (2, "bad usage"),
        ],
        see_also: &["mailuser", "mailuser-list"],
        examples: "",
    },
    Page {
        name: "completions",
        description: "\
Prints a static completion script for SHELL (bash, zsh, fish, powershell or elvish), which \
completes commands and options.

To complete account addresses and domains from the store too, let the shell ask mailuser \
while you type, by adding one line to its start-up file:

  source <(COMPLETE=bash mailuser)                  # ~/.bashrc
  source <(COMPLETE=zsh mailuser)                   # ~/.zshrc
  COMPLETE=fish mailuser | source                   # fish
  eval (E:COMPLETE=elvish mailuser | slurp)         # elvish

The accounts come from the store the command line names (--store, else MAILUSER_STORE, \
else the default store).",
        exit_status: &[(0, "done"), (2, "bad usage (an unknown shell)")],
        see_also: &["mailuser"],
        examples: "",
    },
    Page {
        name: "restore",
        description: "\
Puts back the latest removal of USER (or the one --op names, an operation id from `mailuser \
list --removed`) within the retention period (--retain, default 30 days): the record \
exactly as the directory held it, the alias and forwarding entries --purge-settings took \
(where the alias or account still exists; a dropped alias is re-created), the settings \
files, and the mailbox.

- A kept mailbox is found in place, if no account owns it.
- A transferred mailbox is moved back out of the recipient's \"Deleted user ...\" folder, \
with whatever was filed there since.
- A deleted mailbox is moved back out of the tombstone.

The policy is that of mailuser-add(1) with the record's role, and an enabled record needs \
a free seat. Restoring twice changes nothing the second time. The log line reads \
\"User X restored by Y: mailbox restored\" (or \"mailbox not restored\").",
        exit_status: &[
            (0, "done, including \"already restored\""),
            FAILURE,
            (
                2,
                "bad usage or bad input, or an account with that address exists",
            ),
            REFUSED,
            (
                4,
                "no removal of USER to restore, or its mailbox cannot be found (not with \
                 --without-mailbox)",
            ),
            NO_SEATS,
            LOCKED,
        ],
        see_also: &[
            "mailuser-remove",
            "mailuser-purge",
            "mailuser-history",
            "mailuser-list",
        ],
        examples: "",
    },
    Page {
        name: "purge",
        description: "\
Deletes tombstones for good: every tombstone of each USER, or with --expired those past \
their retention period. A tombstone holds a removed account's record, what \
--purge-settings took and, for `remove --delete-mailbox`, the mailbox itself; after the \
purge, mailuser-restore(1) can no longer bring it back.

Tombstones go through .trash/, so an interrupted purge is finished by the next run. The \
actor must be allowed to remove the account. Every changing run also purges the expired \
tombstones it may, so a cron job needs no separate step.

On a terminal, purging a tombstone that holds a mailbox lists the accounts with their \
messages and bytes and asks [y/N] first; --yes answers for scripts, and the purge of \
expired tombstones never asks.",
        exit_status: &[
            DONE,
            (
                1,
                "other failure, or the question before deleting mail not answered yes: \
                 nothing was changed",
            ),
            USAGE,
            REFUSED,
            (4, "USER has no tombstone to purge"),
            LOCKED_OR_CHANGED,
        ],
        see_also: &["mailuser-restore", "mailuser-remove", "mailuser-list"],
        examples: "",
    },
    Page {
        name: "history",
        description: "\
Prints what the warning log says about USER, oldest first (rotated log files too), \
followed by its tombstones: when and by whom it was removed, the mailbox choice, the bytes \
held, the expiry and the operation id. USER may be an existing account or a removed one. \
With --format json, one object per line.

history takes no lock and changes nothing.",
        exit_status: &[(0, "done"), READ_FAILURE, READ_USAGE],
        see_also: &["mailuser-restore", "mailuser-list", "mailuser-show"],
        examples: "",
    },
    Page {
        name: "help",
        description: "\
Prints the help of mailuser, or of the given command: the same text as --help gives \
(and -h, shorter). The man pages hold the same options with a longer description, the \
exit status of each command and more examples; mailuser(1) describes the store, the \
directory formats, the policy, the warning log and the safety guarantees.",
        exit_status: &[(0, "done"), (2, "bad usage (an unknown command)")],
        see_also: &["mailuser"],
        examples: "Examples:\n  mailuser help\n  mailuser help remove\n",
    },
];

/// The page of command `name`, if it has one.
pub fn page(name: &str) -> Option<&'static Page> {
    PAGES.iter().find(|p| p.name == name)
}

/// Text escaped for roff: backslashes, hyphens (as `\-`, so they are not
/// hyphenation points and copy as ASCII), and a line start that would be
/// read as a request.
pub fn escape(text: &str) -> String {
    line_start(escape_chars(text))
}

/// Backslashes and hyphens escaped.
fn escape_chars(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\e"),
            '-' => out.push_str("\\-"),
            _ => out.push(c),
        }
    }
    out
}

/// A line that would start with `.` or `'` (a request) made text.
fn line_start(mut line: String) -> String {
    if line.starts_with('.') || line.starts_with('\'') {
        line.insert_str(0, "\\&");
    }
    line
}

/// Escaped text with each `--option` in bold.
fn with_options_bold(text: &str) -> String {
    let mut out = String::new();
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let bare = word.trim_end_matches([',', '.', ';', ')', ':']);
        if bare.len() > 2
            && bare.starts_with("--")
            && bare[2..]
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-')
        {
            let rest = &word[bare.len()..];
            let _ = write!(out, "\\fB{}\\fR{}", escape_chars(bare), escape_chars(rest));
        } else {
            out.push_str(&escape_chars(word));
        }
    }
    line_start(out)
}

/// Plain text as roff: blank lines separate paragraphs, a line starting
/// with `- ` starts a bullet item, and lines indented by two spaces are
/// shown as they are (`.nf`).
pub fn prose(text: &str) -> String {
    let mut out = String::new();
    for paragraph in text.split("\n\n") {
        let lines: Vec<&str> = paragraph.lines().collect();
        if lines.iter().all(|l| l.starts_with("  ")) {
            out.push_str(".PP\n.RS 4\n.nf\n");
            for line in lines {
                let _ = writeln!(out, "{}", escape(&line[2..]));
            }
            out.push_str(".fi\n.RE\n");
            continue;
        }
        out.push_str(".PP\n");
        for line in lines {
            match line.strip_prefix("- ") {
                Some(item) => {
                    let _ = writeln!(out, ".IP \\(bu 2\n{}", with_options_bold(item));
                }
                None => {
                    let _ = writeln!(out, "{}", with_options_bold(line));
                }
            }
        }
    }
    out
}

/// `.SH DESCRIPTION`: the one-line help as a sentence, then the page's
/// paragraphs.
pub fn description(about: &str, page: &Page) -> String {
    let mut out = String::from(".SH DESCRIPTION\n");
    let about = about.trim_end_matches('.');
    let _ = writeln!(out, "{}.", with_options_bold(about));
    out.push_str(&prose(page.description));
    out
}

/// `.SH EXIT STATUS`.
pub fn exit_status(page: &Page) -> String {
    let mut out = String::from(".SH \"EXIT STATUS\"\n");
    for (code, meaning) in page.exit_status {
        let _ = writeln!(out, ".TP\n\\fB{code}\\fR\n{}", with_options_bold(meaning));
    }
    out
}

/// `.SH EXAMPLES` from the `Examples:` paragraph of a long help text;
/// empty when it has none.
pub fn examples(long_help: &str, page: Option<&Page>) -> String {
    let long_help = match page {
        Some(page) if !long_help.contains("Examples:\n") => page.examples,
        _ => long_help,
    };
    let Some(at) = long_help.find("Examples:\n") else {
        return String::new();
    };
    let block = &long_help[at + "Examples:\n".len()..];
    let lines: Vec<&str> = block
        .lines()
        .take_while(|l| l.starts_with("  "))
        .map(|l| &l[2..])
        .collect();
    let mut out = String::from(".SH EXAMPLES\n.PP\n.nf\n");
    for line in lines {
        let _ = writeln!(out, "{}", escape(line));
    }
    out.push_str(".fi\n");
    out
}

/// `.SH "SEE ALSO"`: the pages named, `mailuser(1)` first on a
/// command's page.
pub fn see_also<S: AsRef<str>>(names: &[S]) -> String {
    let refs: Vec<String> = names
        .iter()
        .map(|n| {
            let n = n.as_ref();
            let section = if n == "pwck" { 8 } else { 1 };
            format!(".BR {} ({section})", escape(n))
        })
        .collect();
    let mut out = String::from(".SH \"SEE ALSO\"\n");
    let last = refs.len().saturating_sub(1);
    for (i, r) in refs.iter().enumerate() {
        out.push_str(r);
        if i < last {
            out.push(',');
        }
        out.push('\n');
    }
    out
}

/// `.SH SYNOPSIS` of `cmd` as `mailuser [GLOBAL OPTIONS] remove
/// (--keep-mailbox | --transfer-to USER | --delete-mailbox)
/// [--purge-settings] USER...`, or, for the main command, every global
/// option and `COMMAND`.
pub fn synopsis(cmd: &clap::Command, sub: Option<&str>) -> String {
    let mut words: Vec<String> = vec!["\\fBmailuser\\fR".into()];
    let visible =
        |a: &&clap::Arg| !a.is_hide_set() && a.get_id() != "help" && a.get_id() != "version";
    if let Some(sub) = sub {
        words.push("[\\fIGLOBAL OPTIONS\\fR]".into());
        words.push(format!("\\fB{}\\fR", escape(sub)));
    }
    let args: Vec<&clap::Arg> = cmd
        .get_arguments()
        .filter(visible)
        .filter(|a| sub.is_none() || !a.is_global_set())
        .collect();
    let mut done: Vec<&str> = Vec::new();
    // Groups of options: `(a | b)` when one is required, else `[a | b]`.
    // (clap derive makes a group of every Args struct, which allows all of
    // its members together: not a choice, so not shown as one.)
    for group in cmd
        .get_groups()
        .filter(|g| !clap::ArgGroup::clone(g).is_multiple())
    {
        let members: Vec<&clap::Arg> = group
            .get_args()
            .filter_map(|id| args.iter().copied().find(|a| a.get_id() == id))
            .collect();
        if members.len() < 2 || members.iter().any(|a| a.is_positional()) {
            continue;
        }
        let inner: Vec<String> = members.iter().map(|a| option_words(a)).collect();
        let (open, close) = if group.is_required_set() {
            ("(", ")")
        } else {
            ("[", "]")
        };
        words.push(format!("{open}{}{close}", inner.join(" | ")));
        done.extend(members.iter().map(|a| a.get_id().as_str()));
    }
    for arg in args.iter().filter(|a| !a.is_positional()) {
        if done.contains(&arg.get_id().as_str()) {
            continue;
        }
        let mut text = option_words(arg);
        if matches!(arg.get_action(), clap::ArgAction::Count) {
            text = format!("[{text}]...");
        } else if !arg.is_required_set() {
            text = format!("[{text}]");
        }
        words.push(text);
    }
    for arg in args.iter().filter(|a| a.is_positional()) {
        let name = arg
            .get_value_names()
            .and_then(|v| v.first())
            .map_or_else(|| arg.get_id().to_string(), |v| v.to_string());
        let many = arg.get_num_args().is_some_and(|n| n.max_values() > 1);
        let mut text = format!("\\fI{}\\fR", escape(&name));
        if many {
            text.push_str("...");
        }
        if !arg.is_required_set() {
            text = format!("[{text}]");
        }
        words.push(text);
    }
    if sub.is_none() && cmd.has_subcommands() {
        words.push("\\fICOMMAND\\fR".into());
    }
    format!(".SH SYNOPSIS\n{}\n", words.join(" "))
}

/// `\fB-q\fR|\fB--quiet\fR \fIVALUE\fR`.
fn option_words(arg: &clap::Arg) -> String {
    let mut names = Vec::new();
    if let Some(short) = arg.get_short() {
        names.push(format!("\\fB\\-{short}\\fR"));
    }
    if let Some(long) = arg.get_long() {
        names.push(format!("\\fB\\-\\-{}\\fR", escape(long)));
    }
    let mut text = names.join("|");
    if arg.get_num_args().is_some_and(|n| n.takes_values()) {
        let value = arg.get_value_names().and_then(|v| v.first()).map_or_else(
            || arg.get_id().to_string().to_uppercase(),
            |v| v.to_string(),
        );
        let _ = write!(text, " \\fI{}\\fR", escape(&value));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_becomes_paragraphs_items_and_verbatim_blocks() {
        let roff = prose("One --dry-run line.\n\n- an item\n- another\n\n  cmd -x\n  .dot");
        assert_eq!(
            roff,
            ".PP\nOne \\fB\\-\\-dry\\-run\\fR line.\n\
             .PP\n.IP \\(bu 2\nan item\n.IP \\(bu 2\nanother\n\
             .PP\n.RS 4\n.nf\ncmd \\-x\n\\&.dot\n.fi\n.RE\n"
        );
    }

    #[test]
    fn every_command_has_a_page() {
        use clap::CommandFactory;
        let mut cmd = crate::cli::Cli::command();
        cmd.build();
        for sub in cmd.get_subcommands() {
            let page = page(sub.get_name())
                .unwrap_or_else(|| panic!("no man page text for {}", sub.get_name()));
            assert!(page.description.len() > 60, "{}", page.name);
            assert!(!page.exit_status.is_empty(), "{}", page.name);
            assert!(!page.see_also.is_empty(), "{}", page.name);
        }
    }
}
