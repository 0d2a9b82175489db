//! The command line (clap derive): global options and one Args struct per
//! command.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, Subcommand, ValueHint};
use clap_complete::engine::ArgValueCompleter;

use crate::complete;

use crate::directory::Role;
use crate::output::OutputFormat;

const EXAMPLES: &str = "\
Examples:
  mailuser init /tmp/demo --sample 12 --seed 1
  mailuser --store /tmp/demo --as admin@example.com disable fhill@example.com
  mailuser --store /tmp/demo list --disabled --format json
  cut -d';' -f2 hr-leavers.csv | tail -n +2 | mailuser --as admin@example.com disable -
  mailuser --as admin@example.com --dry-run enable hberg@example.com
  mailuser --as admin@example.com apply --atomic leavers.csv

Exit status: 0 done, 1 other failure, 2 bad usage or input, 3 refused by the
policy, 4 account not found, 5 no free license seat, 6 bulk run partly
applied, 75 store locked by another run (or, on LDAP, an entry changed
underneath: run again).";

/// Disable, enable and remove accounts of a Kerio Connect-style mail store.
///
/// mailuser works on the store's user directory (users.json or users.csv)
/// and its mailbox folders, checks that the acting administrator (--as) has
/// the right to make each change, and writes every change to the store's
/// warning log.
#[derive(Debug, Parser)]
#[command(name = "mailuser", version, after_long_help = EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options accepted before or after the command.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// The store folder [default: the OS's Kerio store]
    #[arg(
        long,
        global = true,
        env = "MAILUSER_STORE",
        hide_env_values = true,
        value_name = "DIR",
        value_hint = ValueHint::DirPath
    )]
    pub store: Option<PathBuf>,

    /// The acting administrator, as name@domain
    #[arg(
        long = "as",
        global = true,
        env = "MAILUSER_ACTOR",
        hide_env_values = true,
        value_name = "USER",
        value_hint = ValueHint::Other,
        add = ArgValueCompleter::new(complete::actors)
    )]
    pub actor: Option<String>,

    /// The folder holding warning.log [default: <store>/logs]
    #[arg(
        long,
        global = true,
        env = "MAILUSER_LOG_DIR",
        hide_env_values = true,
        value_name = "DIR",
        value_hint = ValueHint::DirPath
    )]
    pub log_dir: Option<PathBuf>,

    /// Print what would be done, change nothing, exit as a real run would
    #[arg(long, global = true)]
    pub dry_run: bool,

    /// Output format on stdout
    #[arg(
        long,
        global = true,
        value_enum,
        default_value_t,
        value_name = "FORMAT"
    )]
    pub format: OutputFormat,

    /// Log less on stderr (errors only)
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Log more on stderr (repeat for more)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// Seconds to wait for another run's store lock before exiting with 75
    #[arg(
        long,
        global = true,
        default_value_t = 0,
        value_name = "SECONDS",
        value_hint = ValueHint::Other
    )]
    pub wait: u64,

    /// Days a removal can be undone with `restore` (0 keeps nothing)
    #[arg(
        long,
        global = true,
        env = "MAILUSER_RETAIN_DAYS",
        hide_env_values = true,
        default_value_t = 30,
        value_name = "DAYS",
        value_hint = ValueHint::Other
    )]
    pub retain: u32,

    /// Delete mail without asking (a run on a terminal asks before
    /// `--delete-mailbox`; without a terminal it never asks)
    #[arg(short, long, global = true)]
    pub yes: bool,

    /// An LDAP directory instead of the store's users.json/users.csv:
    /// ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or
    /// ldapi://SOCKET/BASE (socket path percent-encoded)
    #[arg(
        long,
        global = true,
        env = "MAILUSER_DIRECTORY",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub directory: Option<String>,

    /// The DN to bind to the LDAP directory as; the password comes from
    /// MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL
    /// EXTERNAL on ldapi://, else anonymous]
    #[arg(long, global = true, value_name = "DN")]
    pub bind_dn: Option<String>,

    /// A file holding the bind password (its first line)
    #[arg(long, global = true, value_name = "FILE")]
    pub bind_password_file: Option<PathBuf>,

    /// Upgrade an ldap:// connection with StartTLS
    #[arg(long, global = true)]
    pub starttls: bool,

    /// The CA certificate (PEM) to trust for ldaps:// and --starttls
    #[arg(long, global = true, value_name = "FILE")]
    pub ca_file: Option<PathBuf>,
}

const DISABLE_EXAMPLES: &str = "\
Examples:
  mailuser --as admin@example.com disable jnovak@example.com qhill@example.org
  mailuser --as admin@example.com --dry-run disable chill
  mailuser --as admin@example.com disable - < leavers.txt";

const ENABLE_EXAMPLES: &str = "\
Examples:
  mailuser --as admin@example.com enable hberg@example.com
  mailuser license    # free seats first: enable exits 5 without one";

const UNLOCK_EXAMPLES: &str = "\
Examples:
  mailuser --as admin@example.com unlock hsmith@example.org
  mailuser list --locked --format json | jq -r .account | mailuser --as admin@example.com unlock -";

const ADD_EXAMPLES: &str = "\
Examples:
  mailuser --as admin@example.com add jdoe@example.com --full-name \"Jane Doe\"
  mailuser --as admin@example.com add helpdesk@example.com --role account-admin";

const LIST_EXAMPLES: &str = "\
Examples:
  mailuser list --disabled --domain example.com
  mailuser list 'f*@example.com' --role account-admin
  mailuser list --group helpdesk --format csv > helpdesk.csv
  mailuser list --format json | jq -r 'select(.effective_role != \"none\") | .account'
  mailuser list --orphans";

const SHOW_EXAMPLES: &str = "\
Examples:
  mailuser show lweber@example.com
  mailuser show chill --format json | jq .aliases";

const LICENSE_EXAMPLES: &str = "\
Examples:
  mailuser license
  mailuser license --format json | jq .seats_free";

const CHECK_HELP: &str = "\
Reads the store and its directory and reports what is inconsistent, as pwck
does for /etc/passwd: one finding per line (or JSON object) with its class,
its subject (an account, alias, group or path in the store), what is wrong
and, where one exists, the command that fixes it; then a summary line. It
takes no lock and changes nothing, so it is safe while other runs go on; a
run in progress is noted in the summary, and its journal and trash are left
alone. It never follows a symbolic link and never reads a message.

Classes: alias-to-no-account, forward-to-no-account, undefined-group,
empty-group-with-role, case-duplicate, built-in-count, seats-exceeded,
missing-mailbox, shared-mailbox, nested-mailbox, unsafe-mailbox-path,
orphan-mailbox, orphan-im, interrupted-run, trash-leftover, wrong-file-type,
unreadable.

Exit status: 0 nothing found, 2 findings (or, as for every command, a
malformed directory), 1 the store or its directory file cannot be read.

Examples:
  mailuser check
  mailuser check --format json | jq -r 'select(.class == \"orphan-mailbox\") | .subject'
  out=$(mailuser check) || [ $? -ne 2 ] || printf '%s\\n' \"$out\" | mail -s 'mailuser check' root";

const COMPLETIONS_EXAMPLES: &str = "\
These scripts complete commands and options. To complete account names
from the store too, let the shell ask mailuser while you type:

  source <(COMPLETE=bash mailuser)          # in ~/.bashrc (zsh: COMPLETE=zsh)
  COMPLETE=fish mailuser | source           # fish

Examples:
  source <(mailuser completions bash)
  mailuser completions zsh > ~/.zfunc/_mailuser
  mailuser completions fish > ~/.config/fish/completions/mailuser.fish";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Disable accounts: they cannot log in; mail and settings stay
    #[command(after_long_help = DISABLE_EXAMPLES)]
    Disable(TargetsArgs),
    /// Enable disabled accounts (each takes a license seat)
    #[command(after_long_help = ENABLE_EXAMPLES)]
    Enable(TargetsArgs),
    /// Clear the lock the server set after too many wrong passwords
    #[command(after_long_help = UNLOCK_EXAMPLES)]
    Unlock(TargetsArgs),
    /// Remove accounts, keeping, transferring or deleting their mailboxes
    #[command(after_long_help = REMOVE_EXAMPLES)]
    Remove(RemoveArgs),
    /// Add an account (re-attaches a kept mailbox of the same address)
    #[command(after_long_help = ADD_EXAMPLES)]
    Add(AddArgs),
    /// Apply a bulk CSV of disable, enable, unlock, remove and restore rows
    #[command(after_long_help = APPLY_HELP)]
    Apply(ApplyArgs),
    /// List accounts, one per line
    #[command(after_long_help = LIST_EXAMPLES)]
    List(ListArgs),
    /// Show one account in detail
    #[command(after_long_help = SHOW_EXAMPLES)]
    Show(ShowArgs),
    /// Show license seats: total, used and free
    #[command(after_long_help = LICENSE_EXAMPLES)]
    License,
    /// Check the store and its directory for inconsistencies (read-only)
    #[command(after_long_help = CHECK_HELP)]
    Check,
    /// Copy the directory into an empty LDAP tree or a new JSON file
    #[command(after_long_help = MIGRATE_HELP)]
    Migrate(MigrateArgs),
    /// Create a new store, empty or with generated sample accounts and mail
    #[command(after_long_help = INIT_EXAMPLES)]
    Init(InitArgs),
    /// Put back a removed account: record, references, settings, mailbox
    #[command(after_long_help = RESTORE_HELP)]
    Restore(RestoreArgs),
    /// Delete removed accounts' tombstones for good
    #[command(after_long_help = PURGE_HELP)]
    Purge(PurgeArgs),
    /// What the warning log says about an account, then its tombstones
    #[command(after_long_help = HISTORY_EXAMPLES)]
    History(HistoryArgs),
    /// Print the shell completion script for SHELL to stdout
    #[command(after_long_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
}

/// The accounts a changing command works on.
#[derive(Debug, Args)]
pub struct TargetsArgs {
    /// Accounts as name@domain (or a name unique across domains); `-` reads
    /// them one per line from standard input
    #[arg(
        required = true,
        value_name = "USER",
        value_hint = ValueHint::Other,
        add = ArgValueCompleter::new(complete::targets)
    )]
    pub users: Vec<String>,
}

const REMOVE_EXAMPLES: &str = "\
Examples:
  mailuser --as admin@example.com remove jnovak@example.com --keep-mailbox
  mailuser --as admin@example.com remove jnovak --transfer-to emueller --purge-settings
  mailuser --as admin@example.com remove --missing-ok --delete-mailbox - < leavers.txt
  mailuser --as admin@example.com remove --yes --delete-mailbox jnovak   # no question";

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("mailbox-choice").required(true).args(["keep_mailbox", "transfer_to", "delete_mailbox"])))]
pub struct RemoveArgs {
    #[command(flatten)]
    pub targets: TargetsArgs,
    /// Leave the mailbox where it is; a later `add` re-attaches it
    #[arg(long)]
    pub keep_mailbox: bool,
    /// Move the mailbox into USER's mailbox as "Deleted user <name>@<domain>"
    #[arg(
        long,
        value_name = "USER",
        value_hint = ValueHint::Other,
        add = ArgValueCompleter::new(complete::accounts)
    )]
    pub transfer_to: Option<String>,
    /// Delete the mailbox
    #[arg(long)]
    pub delete_mailbox: bool,
    /// Also take the address out of every alias's deliver_to and every
    /// other account's forward_to (an alias left with no address goes;
    /// one with other targets stays), and delete settings.usr and
    /// filter.siv from a kept or transferred mailbox
    #[arg(long)]
    pub purge_settings: bool,
    /// Skip accounts that do not exist instead of exiting with 4
    #[arg(long)]
    pub missing_ok: bool,
}

/// The roles a command may give (never `built-in`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AssignableRole {
    /// No administration rights
    None,
    /// Auditor: may read the administration console
    ReadOnly,
    /// Manages users, groups and aliases of its own domain
    AccountAdmin,
    /// Full administration rights
    Full,
}

impl From<AssignableRole> for Role {
    fn from(role: AssignableRole) -> Role {
        match role {
            AssignableRole::None => Role::None,
            AssignableRole::ReadOnly => Role::ReadOnly,
            AssignableRole::AccountAdmin => Role::AccountAdmin,
            AssignableRole::Full => Role::Full,
        }
    }
}

const APPLY_HELP: &str = "\
The CSV has a header and one row per account:

  action,user,mailbox,transfer_to,purge_settings
  disable,jnovak@example.com,,,
  remove,qhill@example.org,transfer,ffischer@example.org,true

action is disable, enable, unlock, remove or restore; for remove, mailbox is keep,
transfer or delete, transfer_to names the account for transfer, and
purge_settings is true or false (empty = false). Every row is checked before
anything changes. Rows that fail are reported with their line and column; the
others are applied (exit 6 if some failed), or, with --atomic, nothing is.

An export without these columns (HR's spreadsheet with Name;Email;Manager)
is read with --user-column naming the account column and --action (and, for
remove, --mailbox, --transfer-to-column, --purge-settings) giving the rest;
only the named columns are read. A file whose header line has `;` and no `,`
is read as `;`-separated; --delimiter says so for any other.

Examples:
  mailuser --as admin@example.com --dry-run apply leavers.csv
  mailuser --as admin@example.com apply --atomic leavers.csv
  hr-export | mailuser --as admin@example.com apply -
  mailuser --as admin@example.com apply --user-column Email --action remove \\
      --mailbox transfer --transfer-to-column Manager --purge-settings hr-leavers.csv";

#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// The bulk CSV file, or `-` for standard input
    #[arg(value_name = "FILE", value_hint = ValueHint::FilePath)]
    pub file: PathBuf,
    /// Apply nothing if any row fails its checks
    #[arg(long)]
    pub atomic: bool,
    /// Skip remove rows whose account does not exist instead of failing them
    #[arg(long)]
    pub missing_ok: bool,
    /// Read the account from column NAME (an HR export's `Email`); only the
    /// columns named by options are then read, the others are ignored
    #[arg(
        long,
        value_name = "NAME",
        value_hint = ValueHint::Other,
        requires = "action",
        help_heading = "Exports without the standard columns"
    )]
    pub user_column: Option<String>,
    /// The action of every row, instead of an `action` column
    #[arg(
        long,
        value_enum,
        value_name = "ACTION",
        help_heading = "Exports without the standard columns"
    )]
    pub action: Option<BulkAction>,
    /// The mailbox choice of every remove row, instead of a `mailbox` column
    #[arg(
        long,
        value_enum,
        value_name = "CHOICE",
        help_heading = "Exports without the standard columns"
    )]
    pub mailbox: Option<BulkMailbox>,
    /// Read `transfer_to` (the account a transferred mailbox goes to) from
    /// column NAME
    #[arg(
        long,
        value_name = "NAME",
        value_hint = ValueHint::Other,
        help_heading = "Exports without the standard columns"
    )]
    pub transfer_to_column: Option<String>,
    /// Purge the settings of every remove row, instead of a
    /// `purge_settings` column
    #[arg(long, help_heading = "Exports without the standard columns")]
    pub purge_settings: bool,
    /// The field delimiter: one character, or `tab` [default: `;` when the
    /// header line has `;` and no `,`, else `,`]
    #[arg(
        long,
        value_name = "CHAR",
        value_parser = parse_delimiter,
        value_hint = ValueHint::Other,
        help_heading = "Exports without the standard columns"
    )]
    pub delimiter: Option<u8>,
}

/// The action `apply --action` gives every row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BulkAction {
    Disable,
    Enable,
    Unlock,
    Remove,
}

/// The mailbox choice `apply --mailbox` gives every remove row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BulkMailbox {
    /// Leave it where it is
    Keep,
    /// Move it into the account of the `--transfer-to-column`
    Transfer,
    /// Delete it
    Delete,
}

/// One ASCII character, or `tab` (also `\t`).
fn parse_delimiter(text: &str) -> Result<u8, String> {
    match text {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ if text.len() == 1 && text.is_ascii() && text != "\"" && text != "\n" => {
            Ok(text.as_bytes()[0])
        }
        _ => Err("expected one ASCII character (other than a quote), or `tab`".into()),
    }
}

impl ApplyArgs {
    /// How the file maps onto the standard columns.
    pub fn mapping(&self) -> crate::bulk::Mapping {
        use clap::ValueEnum;
        let name = |v: Option<clap::builder::PossibleValue>| v.map(|p| p.get_name().to_string());
        crate::bulk::Mapping {
            user_column: self.user_column.clone(),
            transfer_to_column: self.transfer_to_column.clone(),
            action: name(self.action.and_then(|a| a.to_possible_value())),
            mailbox: name(self.mailbox.and_then(|m| m.to_possible_value())),
            purge_settings: self.purge_settings,
            delimiter: self.delimiter,
        }
    }
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The new account, as name@domain
    #[arg(
        value_name = "USER",
        value_hint = ValueHint::Other,
        add = ArgValueCompleter::new(complete::new_account)
    )]
    pub user: String,
    /// The display name
    #[arg(long, value_name = "NAME", value_hint = ValueHint::Other)]
    pub full_name: Option<String>,
    /// Administration rights (no higher than the actor's own)
    #[arg(long, value_enum, value_name = "ROLE")]
    pub role: Option<AssignableRole>,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("filter").args(["disabled", "enabled", "locked", "orphans", "removed"])))]
pub struct ListArgs {
    /// Only disabled accounts
    #[arg(long)]
    pub disabled: bool,
    /// Only enabled accounts
    #[arg(long)]
    pub enabled: bool,
    /// Only accounts locked by the server
    #[arg(long)]
    pub locked: bool,
    /// Kept mailboxes that no account owns (instead of accounts)
    #[arg(long)]
    pub orphans: bool,
    /// Removed accounts that `restore` can bring back (instead of accounts)
    #[arg(long)]
    pub removed: bool,
    /// Only accounts of this domain
    #[arg(
        long,
        value_name = "DOMAIN",
        value_hint = ValueHint::Other,
        add = ArgValueCompleter::new(complete::domains)
    )]
    pub domain: Option<String>,
    /// Only accounts whose effective rights are ROLE
    #[arg(
        long,
        value_name = "ROLE",
        value_parser = ["none", "read-only", "account-admin", "full", "built-in"]
    )]
    pub role: Option<String>,
    /// Only members of the group GROUP (of their own domain)
    #[arg(
        long,
        value_name = "GROUP",
        value_hint = ValueHint::Other,
        add = ArgValueCompleter::new(complete::groups)
    )]
    pub group: Option<String>,
    /// Only addresses matching PATTERN (`*` any text, `?` one character,
    /// case-insensitive), e.g. 'j*@example.com'
    #[arg(
        value_name = "PATTERN",
        value_hint = ValueHint::Other,
        add = ArgValueCompleter::new(complete::accounts)
    )]
    pub pattern: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The account, as name@domain, or a bare name only one domain has
    #[arg(
        value_name = "USER",
        value_hint = ValueHint::Other,
        add = ArgValueCompleter::new(complete::accounts)
    )]
    pub user: String,
}

const RESTORE_HELP: &str = "\
Puts back the latest removal of USER (or the one --op names) within the
retention period (--retain, default 30 days): the record exactly as the
directory held it, the alias and forwarding entries --purge-settings took
(where the alias or account still exists; a dropped alias is re-created),
the settings files, and the mailbox: a kept one found in place, a
transferred one moved back out of the recipient's `Deleted user ...` folder
(with whatever was filed there since), a deleted one moved back out of the
tombstone. The policy is that of `add` with the record's role; an enabled
record needs a free seat (exit 5); an existing account with the address
exits 2; a mailbox that cannot be found exits 4 unless --without-mailbox.

Examples:
  mailuser --as admin@example.com restore jnovak@example.com
  mailuser list --removed
  mailuser --as admin@example.com restore jnovak --op 01796003919233698686-31246
  mailuser --as admin@example.com restore jnovak --without-mailbox";

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The removed account, as name@domain (or a name only one has)
    #[arg(
        value_name = "USER",
        value_hint = ValueHint::Other,
        add = ArgValueCompleter::new(complete::removed)
    )]
    pub user: String,
    /// The removal to undo (an operation id from `list --removed`)
    #[arg(long, value_name = "ID", value_hint = ValueHint::Other)]
    pub op: Option<String>,
    /// Restore the account even when its mailbox cannot be found
    #[arg(long)]
    pub without_mailbox: bool,
}

const PURGE_HELP: &str = "\
Deletes tombstones for good, through .trash/ (crash-safe): every tombstone
of each USER, or with --expired those past their retention. It needs an
actor allowed to remove that account. Every changing run also purges the
expired tombstones it may, so a cron job needs no separate step.

Examples:
  mailuser --as admin@example.com purge jnovak@example.com
  mailuser --as admin@example.com purge --expired";

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("which").required(true).args(["users", "expired"])))]
pub struct PurgeArgs {
    /// Removed accounts, as name@domain; `-` reads them from standard input
    #[arg(
        value_name = "USER",
        value_hint = ValueHint::Other,
        add = ArgValueCompleter::new(complete::removed)
    )]
    pub users: Vec<String>,
    /// Every tombstone past its retention period
    #[arg(long)]
    pub expired: bool,
}

const HISTORY_EXAMPLES: &str = "\
Examples:
  mailuser history jnovak@example.com
  mailuser history jnovak --format json";

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The account, as name@domain (or a bare name)
    #[arg(
        value_name = "USER",
        value_hint = ValueHint::Other,
        add = ArgValueCompleter::new(complete::any_account)
    )]
    pub user: String,
}

const INIT_EXAMPLES: &str = "\
The same --sample, --seed, --messages and --csv always give byte-identical
files, so CI can build its fixtures from one line.

Examples:
  mailuser init /tmp/store                       # only the built-in admin
  mailuser init /tmp/store --sample 200 --seed 7
  mailuser init /tmp/big --sample 100000 --messages 0";

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The new store folder (must be missing or empty)
    #[arg(value_name = "DIR", value_hint = ValueHint::DirPath)]
    pub dir: PathBuf,
    /// Generate N accounts over several domains, besides the admin
    #[arg(long, value_name = "N", default_value_t = 0, value_hint = ValueHint::Other)]
    pub sample: usize,
    /// Seed of the generator
    #[arg(long, value_name = "S", default_value_t = 0, value_hint = ValueHint::Other)]
    pub seed: u64,
    /// Messages per generated mailbox; 0 writes the directory only
    #[arg(long, value_name = "M", default_value_t = 3, value_hint = ValueHint::Other)]
    pub messages: usize,
    /// Write users.csv instead of users.json
    #[arg(long)]
    pub csv: bool,
}

const MIGRATE_HELP: &str = "\
Copies the current directory (the store's users.json or users.csv, or the
LDAP server --directory names) into an empty LDAP tree, or into a new JSON
file: the same accounts, groups, aliases and license. A record's fields
that have no LDAP attribute of their own travel as one JSON object in
mailuserExtra, so file -> LDAP -> file gives the same records. A target
that already holds accounts is refused (exit 2); a copy interrupted by a
crash is finished by running the same command again. --bind-dn and its
password serve whichever side is LDAP. The schema (ldap/mailuser.ldif) must
be loaded on the server and the base DN must exist.

Examples:
  mailuser --store /srv/store migrate --to ldapi://%2Fvar%2Frun%2Fslapd%2Fldapi/dc=example,dc=com
  MAILUSER_BIND_PASSWORD=... mailuser --bind-dn cn=admin,dc=example,dc=com migrate --to ldap://127.0.0.1/dc=example,dc=com
  mailuser --directory ldaps://ldap.example.com/dc=example,dc=com migrate --to /tmp/users.json";

#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// The target: an ldap://, ldaps:// or ldapi:// URL (HOST/BASE as for
    /// --directory), or a new FILE.json
    #[arg(long, value_name = "URL|FILE")]
    pub to: String,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
