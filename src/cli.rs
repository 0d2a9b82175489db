//! The command line (clap derive): global options and one Args struct per
//! command.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, Subcommand};

use crate::directory::Role;
use crate::output::OutputFormat;

const EXAMPLES: &str = "\
Examples:
  mailuser --store /tmp/demo --as admin@example.com disable fhill@example.com
  mailuser --store /tmp/demo list --disabled --format json
  cut -d, -f1 leavers.txt | mailuser --as admin@example.com disable -
  mailuser --as admin@example.com --dry-run enable fhill@example.com
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
        value_name = "DIR"
    )]
    pub store: Option<PathBuf>,

    /// The acting administrator, as name@domain
    #[arg(
        long = "as",
        global = true,
        env = "MAILUSER_ACTOR",
        hide_env_values = true,
        value_name = "USER"
    )]
    pub actor: Option<String>,

    /// The folder holding warning.log [default: <store>/logs]
    #[arg(
        long,
        global = true,
        env = "MAILUSER_LOG_DIR",
        hide_env_values = true,
        value_name = "DIR"
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
    #[arg(long, global = true, default_value_t = 0, value_name = "SECONDS")]
    pub wait: u64,

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
  mailuser --as admin@example.com disable jdoe@example.com asmith@example.com
  mailuser --as admin@example.com --dry-run disable jdoe
  mailuser --as admin@example.com disable - < leavers.txt";

const ENABLE_EXAMPLES: &str = "\
Examples:
  mailuser --as admin@example.com enable jdoe@example.com
  mailuser license    # free seats first: enable exits 5 without one";

const UNLOCK_EXAMPLES: &str = "\
Examples:
  mailuser --as admin@example.com unlock jdoe@example.com
  mailuser list --locked --format json | jq -r .account | mailuser --as admin@example.com unlock -";

const ADD_EXAMPLES: &str = "\
Examples:
  mailuser --as admin@example.com add jdoe@example.com --full-name \"Jane Doe\"
  mailuser --as admin@example.com add helpdesk@example.com --role account-admin";

const LIST_EXAMPLES: &str = "\
Examples:
  mailuser list --disabled --domain example.com
  mailuser list --format json | jq -r 'select(.effective_role != \"none\") | .account'
  mailuser list --orphans";

const SHOW_EXAMPLES: &str = "\
Examples:
  mailuser show jdoe@example.com
  mailuser show jdoe --format json | jq .aliases";

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
    /// Apply a bulk CSV of disable, enable, unlock and remove rows
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
    /// Print the shell completion script for SHELL to stdout
    #[command(after_long_help = COMPLETIONS_EXAMPLES)]
    Completions(CompletionsArgs),
}

/// The accounts a changing command works on.
#[derive(Debug, Args)]
pub struct TargetsArgs {
    /// Accounts as name@domain (or a name unique across domains); `-` reads
    /// them one per line from standard input
    #[arg(required = true, value_name = "USER")]
    pub users: Vec<String>,
}

const REMOVE_EXAMPLES: &str = "\
Examples:
  mailuser --as admin@example.com remove jdoe@example.com --keep-mailbox
  mailuser --as admin@example.com remove jdoe --transfer-to boss --purge-settings
  mailuser --as admin@example.com remove --missing-ok --delete-mailbox - < leavers.txt";

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("mailbox-choice").required(true).args(["keep_mailbox", "transfer_to", "delete_mailbox"])))]
pub struct RemoveArgs {
    #[command(flatten)]
    pub targets: TargetsArgs,
    /// Leave the mailbox where it is; a later `add` re-attaches it
    #[arg(long)]
    pub keep_mailbox: bool,
    /// Move the mailbox into USER's mailbox as "Deleted user <name>@<domain>"
    #[arg(long, value_name = "USER")]
    pub transfer_to: Option<String>,
    /// Delete the mailbox
    #[arg(long)]
    pub delete_mailbox: bool,
    /// Also delete the account's aliases, forwards to it and settings files
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
  disable,jdoe@example.com,,,
  remove,asmith@example.com,transfer,boss@example.com,true

action is disable, enable, unlock or remove; for remove, mailbox is keep,
transfer or delete, transfer_to names the account for transfer, and
purge_settings is true or false (empty = false). Every row is checked before
anything changes. Rows that fail are reported with their line and column; the
others are applied (exit 6 if some failed), or, with --atomic, nothing is.

Examples:
  mailuser --as admin@example.com --dry-run apply leavers.csv
  mailuser --as admin@example.com apply --atomic leavers.csv
  hr-export | mailuser --as admin@example.com apply -";

#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// The bulk CSV file, or `-` for standard input
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Apply nothing if any row fails its checks
    #[arg(long)]
    pub atomic: bool,
    /// Skip remove rows whose account does not exist instead of failing them
    #[arg(long)]
    pub missing_ok: bool,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The new account, as name@domain
    #[arg(value_name = "USER")]
    pub user: String,
    /// The display name
    #[arg(long, value_name = "NAME")]
    pub full_name: Option<String>,
    /// Administration rights (no higher than the actor's own)
    #[arg(long, value_enum, value_name = "ROLE")]
    pub role: Option<AssignableRole>,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("filter").args(["disabled", "enabled", "locked", "orphans"])))]
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
    /// Only accounts of this domain
    #[arg(long, value_name = "DOMAIN")]
    pub domain: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The account, as name@domain
    #[arg(value_name = "USER")]
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
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Generate N accounts over several domains, besides the admin
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub sample: usize,
    /// Seed of the generator
    #[arg(long, value_name = "S", default_value_t = 0)]
    pub seed: u64,
    /// Messages per generated mailbox; 0 writes the directory only
    #[arg(long, value_name = "M", default_value_t = 3)]
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
