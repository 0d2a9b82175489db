
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'mailuser' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'mailuser'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'mailuser' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store folder [default: the OS''s Kerio store]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'The acting administrator, as name@domain')
            [CompletionResult]::new('--log-dir', '--log-dir', [CompletionResultType]::ParameterName, 'The folder holding warning.log [default: <store>/logs]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Seconds to wait for another run''s store lock before exiting with 75')
            [CompletionResult]::new('--retain', '--retain', [CompletionResultType]::ParameterName, 'Days a removal can be undone with `restore` (0 keeps nothing)')
            [CompletionResult]::new('--directory', '--directory', [CompletionResultType]::ParameterName, 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)')
            [CompletionResult]::new('--bind-dn', '--bind-dn', [CompletionResultType]::ParameterName, 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]')
            [CompletionResult]::new('--bind-password-file', '--bind-password-file', [CompletionResultType]::ParameterName, 'A file holding the bind password (its first line)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'The CA certificate (PEM) to trust for ldaps:// and --starttls')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be done, change nothing, exit as a real run would')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade an ldap:// connection with StartTLS')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable accounts: they cannot log in; mail and settings stay')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable disabled accounts (each takes a license seat)')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Clear the lock the server set after too many wrong passwords')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove accounts, keeping, transferring or deleting their mailboxes')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an account (re-attaches a kept mailbox of the same address)')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Apply a bulk CSV of disable, enable, unlock, remove and restore rows')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List accounts, one per line')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one account in detail')
            [CompletionResult]::new('license', 'license', [CompletionResultType]::ParameterValue, 'Show license seats: total, used and free')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the store and its directory for inconsistencies (read-only)')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Copy the directory into an empty LDAP tree or a new JSON file')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a new store, empty or with generated sample accounts and mail')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Put back a removed account: record, references, settings, mailbox')
            [CompletionResult]::new('purge', 'purge', [CompletionResultType]::ParameterValue, 'Delete removed accounts'' tombstones for good')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'What the warning log says about an account, then its tombstones')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the shell completion script for SHELL to stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailuser;disable' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store folder [default: the OS''s Kerio store]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'The acting administrator, as name@domain')
            [CompletionResult]::new('--log-dir', '--log-dir', [CompletionResultType]::ParameterName, 'The folder holding warning.log [default: <store>/logs]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Seconds to wait for another run''s store lock before exiting with 75')
            [CompletionResult]::new('--retain', '--retain', [CompletionResultType]::ParameterName, 'Days a removal can be undone with `restore` (0 keeps nothing)')
            [CompletionResult]::new('--directory', '--directory', [CompletionResultType]::ParameterName, 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)')
            [CompletionResult]::new('--bind-dn', '--bind-dn', [CompletionResultType]::ParameterName, 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]')
            [CompletionResult]::new('--bind-password-file', '--bind-password-file', [CompletionResultType]::ParameterName, 'A file holding the bind password (its first line)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'The CA certificate (PEM) to trust for ldaps:// and --starttls')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be done, change nothing, exit as a real run would')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade an ldap:// connection with StartTLS')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailuser;enable' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store folder [default: the OS''s Kerio store]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'The acting administrator, as name@domain')
            [CompletionResult]::new('--log-dir', '--log-dir', [CompletionResultType]::ParameterName, 'The folder holding warning.log [default: <store>/logs]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Seconds to wait for another run''s store lock before exiting with 75')
            [CompletionResult]::new('--retain', '--retain', [CompletionResultType]::ParameterName, 'Days a removal can be undone with `restore` (0 keeps nothing)')
            [CompletionResult]::new('--directory', '--directory', [CompletionResultType]::ParameterName, 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)')
            [CompletionResult]::new('--bind-dn', '--bind-dn', [CompletionResultType]::ParameterName, 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]')
            [CompletionResult]::new('--bind-password-file', '--bind-password-file', [CompletionResultType]::ParameterName, 'A file holding the bind password (its first line)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'The CA certificate (PEM) to trust for ldaps:// and --starttls')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be done, change nothing, exit as a real run would')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade an ldap:// connection with StartTLS')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailuser;unlock' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store folder [default: the OS''s Kerio store]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'The acting administrator, as name@domain')
            [CompletionResult]::new('--log-dir', '--log-dir', [CompletionResultType]::ParameterName, 'The folder holding warning.log [default: <store>/logs]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Seconds to wait for another run''s store lock before exiting with 75')
            [CompletionResult]::new('--retain', '--retain', [CompletionResultType]::ParameterName, 'Days a removal can be undone with `restore` (0 keeps nothing)')
            [CompletionResult]::new('--directory', '--directory', [CompletionResultType]::ParameterName, 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)')
            [CompletionResult]::new('--bind-dn', '--bind-dn', [CompletionResultType]::ParameterName, 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]')
            [CompletionResult]::new('--bind-password-file', '--bind-password-file', [CompletionResultType]::ParameterName, 'A file holding the bind password (its first line)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'The CA certificate (PEM) to trust for ldaps:// and --starttls')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be done, change nothing, exit as a real run would')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade an ldap:// connection with StartTLS')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailuser;remove' {
            [CompletionResult]::new('--transfer-to', '--transfer-to', [CompletionResultType]::ParameterName, 'Move the mailbox into USER''s mailbox as "Deleted user <name>@<domain>"')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store folder [default: the OS''s Kerio store]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'The acting administrator, as name@domain')
            [CompletionResult]::new('--log-dir', '--log-dir', [CompletionResultType]::ParameterName, 'The folder holding warning.log [default: <store>/logs]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Seconds to wait for another run''s store lock before exiting with 75')
            [CompletionResult]::new('--retain', '--retain', [CompletionResultType]::ParameterName, 'Days a removal can be undone with `restore` (0 keeps nothing)')
            [CompletionResult]::new('--directory', '--directory', [CompletionResultType]::ParameterName, 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)')
            [CompletionResult]::new('--bind-dn', '--bind-dn', [CompletionResultType]::ParameterName, 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]')
            [CompletionResult]::new('--bind-password-file', '--bind-password-file', [CompletionResultType]::ParameterName, 'A file holding the bind password (its first line)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'The CA certificate (PEM) to trust for ldaps:// and --starttls')
            [CompletionResult]::new('--keep-mailbox', '--keep-mailbox', [CompletionResultType]::ParameterName, 'Leave the mailbox where it is; a later `add` re-attaches it')
            [CompletionResult]::new('--delete-mailbox', '--delete-mailbox', [CompletionResultType]::ParameterName, 'Delete the mailbox')
            [CompletionResult]::new('--purge-settings', '--purge-settings', [CompletionResultType]::ParameterName, 'Also take the address out of every alias''s deliver_to and every other account''s forward_to (an alias left with no address goes; one with other targets stays), and delete settings.usr and filter.siv from a kept or transferred mailbox')
            [CompletionResult]::new('--missing-ok', '--missing-ok', [CompletionResultType]::ParameterName, 'Skip accounts that do not exist instead of exiting with 4')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be done, change nothing, exit as a real run would')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade an ldap:// connection with StartTLS')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailuser;add' {
            [CompletionResult]::new('--full-name', '--full-name', [CompletionResultType]::ParameterName, 'The display name')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Administration rights (no higher than the actor''s own)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store folder [default: the OS''s Kerio store]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'The acting administrator, as name@domain')
            [CompletionResult]::new('--log-dir', '--log-dir', [CompletionResultType]::ParameterName, 'The folder holding warning.log [default: <store>/logs]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Seconds to wait for another run''s store lock before exiting with 75')
            [CompletionResult]::new('--retain', '--retain', [CompletionResultType]::ParameterName, 'Days a removal can be undone with `restore` (0 keeps nothing)')
            [CompletionResult]::new('--directory', '--directory', [CompletionResultType]::ParameterName, 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)')
            [CompletionResult]::new('--bind-dn', '--bind-dn', [CompletionResultType]::ParameterName, 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]')
            [CompletionResult]::new('--bind-password-file', '--bind-password-file', [CompletionResultType]::ParameterName, 'A file holding the bind password (its first line)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'The CA certificate (PEM) to trust for ldaps:// and --starttls')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be done, change nothing, exit as a real run would')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade an ldap:// connection with StartTLS')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailuser;apply' {
            [CompletionResult]::new('--user-column', '--user-column', [CompletionResultType]::ParameterName, 'Read the account from column NAME (an HR export''s `Email`); only the columns named by options are then read, the others are ignored')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'The action of every row, instead of an `action` column')
            [CompletionResult]::new('--mailbox', '--mailbox', [CompletionResultType]::ParameterName, 'The mailbox choice of every remove row, instead of a `mailbox` column')
            [CompletionResult]::new('--transfer-to-column', '--transfer-to-column', [CompletionResultType]::ParameterName, 'Read `transfer_to` (the account a transferred mailbox goes to) from column NAME')
            [CompletionResult]::new('--delimiter', '--delimiter', [CompletionResultType]::ParameterName, 'The field delimiter: one character, or `tab` [default: `;` when the header line has `;` and no `,`, else `,`]')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store folder [default: the OS''s Kerio store]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'The acting administrator, as name@domain')
            [CompletionResult]::new('--log-dir', '--log-dir', [CompletionResultType]::ParameterName, 'The folder holding warning.log [default: <store>/logs]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Seconds to wait for another run''s store lock before exiting with 75')
            [CompletionResult]::new('--retain', '--retain', [CompletionResultType]::ParameterName, 'Days a removal can be undone with `restore` (0 keeps nothing)')
            [CompletionResult]::new('--directory', '--directory', [CompletionResultType]::ParameterName, 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)')
            [CompletionResult]::new('--bind-dn', '--bind-dn', [CompletionResultType]::ParameterName, 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]')
            [CompletionResult]::new('--bind-password-file', '--bind-password-file', [CompletionResultType]::ParameterName, 'A file holding the bind password (its first line)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'The CA certificate (PEM) to trust for ldaps:// and --starttls')
            [CompletionResult]::new('--atomic', '--atomic', [CompletionResultType]::ParameterName, 'Apply nothing if any row fails its checks')
            [CompletionResult]::new('--missing-ok', '--missing-ok', [CompletionResultType]::ParameterName, 'Skip remove rows whose account does not exist instead of failing them')
            [CompletionResult]::new('--purge-settings', '--purge-settings', [CompletionResultType]::ParameterName, 'Purge the settings of every remove row, instead of a `purge_settings` column')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be done, change nothing, exit as a real run would')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade an ldap:// connection with StartTLS')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailuser;list' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'Only accounts of this domain')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Only accounts whose effective rights are ROLE')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Only members of the group GROUP (of their own domain)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store folder [default: the OS''s Kerio store]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'The acting administrator, as name@domain')
            [CompletionResult]::new('--log-dir', '--log-dir', [CompletionResultType]::ParameterName, 'The folder holding warning.log [default: <store>/logs]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Seconds to wait for another run''s store lock before exiting with 75')
            [CompletionResult]::new('--retain', '--retain', [CompletionResultType]::ParameterName, 'Days a removal can be undone with `restore` (0 keeps nothing)')
            [CompletionResult]::new('--directory', '--directory', [CompletionResultType]::ParameterName, 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)')
            [CompletionResult]::new('--bind-dn', '--bind-dn', [CompletionResultType]::ParameterName, 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]')
            [CompletionResult]::new('--bind-password-file', '--bind-password-file', [CompletionResultType]::ParameterName, 'A file holding the bind password (its first line)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'The CA certificate (PEM) to trust for ldaps:// and --starttls')
            [CompletionResult]::new('--disabled', '--disabled', [CompletionResultType]::ParameterName, 'Only disabled accounts')
            [CompletionResult]::new('--enabled', '--enabled', [CompletionResultType]::ParameterName, 'Only enabled accounts')
            [CompletionResult]::new('--locked', '--locked', [CompletionResultType]::ParameterName, 'Only accounts locked by the server')
            [CompletionResult]::new('--orphans', '--orphans', [CompletionResultType]::ParameterName, 'Kept mailboxes that no account owns (instead of accounts)')
            [CompletionResult]::new('--removed', '--removed', [CompletionResultType]::ParameterName, 'Removed accounts that `restore` can bring back (instead of accounts)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be done, change nothing, exit as a real run would')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade an ldap:// connection with StartTLS')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailuser;show' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store folder [default: the OS''s Kerio store]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'The acting administrator, as name@domain')
            [CompletionResult]::new('--log-dir', '--log-dir', [CompletionResultType]::ParameterName, 'The folder holding warning.log [default: <store>/logs]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Seconds to wait for another run''s store lock before exiting with 75')
            [CompletionResult]::new('--retain', '--retain', [CompletionResultType]::ParameterName, 'Days a removal can be undone with `restore` (0 keeps nothing)')
            [CompletionResult]::new('--directory', '--directory', [CompletionResultType]::ParameterName, 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)')
            [CompletionResult]::new('--bind-dn', '--bind-dn', [CompletionResultType]::ParameterName, 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]')
            [CompletionResult]::new('--bind-password-file', '--bind-password-file', [CompletionResultType]::ParameterName, 'A file holding the bind password (its first line)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'The CA certificate (PEM) to trust for ldaps:// and --starttls')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be done, change nothing, exit as a real run would')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade an ldap:// connection with StartTLS')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailuser;license' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store folder [default: the OS''s Kerio store]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'The acting administrator, as name@domain')
            [CompletionResult]::new('--log-dir', '--log-dir', [CompletionResultType]::ParameterName, 'The folder holding warning.log [default: <store>/logs]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Seconds to wait for another run''s store lock before exiting with 75')
            [CompletionResult]::new('--retain', '--retain', [CompletionResultType]::ParameterName, 'Days a removal can be undone with `restore` (0 keeps nothing)')
            [CompletionResult]::new('--directory', '--directory', [CompletionResultType]::ParameterName, 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)')
            [CompletionResult]::new('--bind-dn', '--bind-dn', [CompletionResultType]::ParameterName, 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]')
            [CompletionResult]::new('--bind-password-file', '--bind-password-file', [CompletionResultType]::ParameterName, 'A file holding the bind password (its first line)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'The CA certificate (PEM) to trust for ldaps:// and --starttls')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be done, change nothing, exit as a real run would')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade an ldap:// connection with StartTLS')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailuser;check' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store folder [default: the OS''s Kerio store]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'The acting administrator, as name@domain')
            [CompletionResult]::new('--log-dir', '--log-dir', [CompletionResultType]::ParameterName, 'The folder holding warning.log [default: <store>/logs]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Seconds to wait for another run''s store lock before exiting with 75')
            [CompletionResult]::new('--retain', '--retain', [CompletionResultType]::ParameterName, 'Days a removal can be undone with `restore` (0 keeps nothing)')
            [CompletionResult]::new('--directory', '--directory', [CompletionResultType]::ParameterName, 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)')
            [CompletionResult]::new('--bind-dn', '--bind-dn', [CompletionResultType]::ParameterName, 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]')
            [CompletionResult]::new('--bind-password-file', '--bind-password-file', [CompletionResultType]::ParameterName, 'A file holding the bind password (its first line)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'The CA certificate (PEM) to trust for ldaps:// and --starttls')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be done, change nothing, exit as a real run would')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade an ldap:// connection with StartTLS')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailuser;migrate' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The target: an ldap://, ldaps:// or ldapi:// URL (HOST/BASE as for --directory), or a new FILE.json')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store folder [default: the OS''s Kerio store]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'The acting administrator, as name@domain')
            [CompletionResult]::new('--log-dir', '--log-dir', [CompletionResultType]::ParameterName, 'The folder holding warning.log [default: <store>/logs]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Seconds to wait for another run''s store lock before exiting with 75')
            [CompletionResult]::new('--retain', '--retain', [CompletionResultType]::ParameterName, 'Days a removal can be undone with `restore` (0 keeps nothing)')
            [CompletionResult]::new('--directory', '--directory', [CompletionResultType]::ParameterName, 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)')
            [CompletionResult]::new('--bind-dn', '--bind-dn', [CompletionResultType]::ParameterName, 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]')
            [CompletionResult]::new('--bind-password-file', '--bind-password-file', [CompletionResultType]::ParameterName, 'A file holding the bind password (its first line)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'The CA certificate (PEM) to trust for ldaps:// and --starttls')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be done, change nothing, exit as a real run would')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade an ldap:// connection with StartTLS')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailuser;init' {
            [CompletionResult]::new('--sample', '--sample', [CompletionResultType]::ParameterName, 'Generate N accounts over several domains, besides the admin')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed of the generator')
            [CompletionResult]::new('--messages', '--messages', [CompletionResultType]::ParameterName, 'Messages per generated mailbox; 0 writes the directory only')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store folder [default: the OS''s Kerio store]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'The acting administrator, as name@domain')
            [CompletionResult]::new('--log-dir', '--log-dir', [CompletionResultType]::ParameterName, 'The folder holding warning.log [default: <store>/logs]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Seconds to wait for another run''s store lock before exiting with 75')
            [CompletionResult]::new('--retain', '--retain', [CompletionResultType]::ParameterName, 'Days a removal can be undone with `restore` (0 keeps nothing)')
            [CompletionResult]::new('--directory', '--directory', [CompletionResultType]::ParameterName, 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)')
            [CompletionResult]::new('--bind-dn', '--bind-dn', [CompletionResultType]::ParameterName, 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]')
            [CompletionResult]::new('--bind-password-file', '--bind-password-file', [CompletionResultType]::ParameterName, 'A file holding the bind password (its first line)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'The CA certificate (PEM) to trust for ldaps:// and --starttls')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Write users.csv instead of users.json')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be done, change nothing, exit as a real run would')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade an ldap:// connection with StartTLS')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailuser;restore' {
            [CompletionResult]::new('--op', '--op', [CompletionResultType]::ParameterName, 'The removal to undo (an operation id from `list --removed`)')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store folder [default: the OS''s Kerio store]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'The acting administrator, as name@domain')
            [CompletionResult]::new('--log-dir', '--log-dir', [CompletionResultType]::ParameterName, 'The folder holding warning.log [default: <store>/logs]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Seconds to wait for another run''s store lock before exiting with 75')
            [CompletionResult]::new('--retain', '--retain', [CompletionResultType]::ParameterName, 'Days a removal can be undone with `restore` (0 keeps nothing)')
            [CompletionResult]::new('--directory', '--directory', [CompletionResultType]::ParameterName, 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)')
            [CompletionResult]::new('--bind-dn', '--bind-dn', [CompletionResultType]::ParameterName, 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]')
            [CompletionResult]::new('--bind-password-file', '--bind-password-file', [CompletionResultType]::ParameterName, 'A file holding the bind password (its first line)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'The CA certificate (PEM) to trust for ldaps:// and --starttls')
            [CompletionResult]::new('--without-mailbox', '--without-mailbox', [CompletionResultType]::ParameterName, 'Restore the account even when its mailbox cannot be found')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be done, change nothing, exit as a real run would')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade an ldap:// connection with StartTLS')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailuser;purge' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store folder [default: the OS''s Kerio store]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'The acting administrator, as name@domain')
            [CompletionResult]::new('--log-dir', '--log-dir', [CompletionResultType]::ParameterName, 'The folder holding warning.log [default: <store>/logs]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Seconds to wait for another run''s store lock before exiting with 75')
            [CompletionResult]::new('--retain', '--retain', [CompletionResultType]::ParameterName, 'Days a removal can be undone with `restore` (0 keeps nothing)')
            [CompletionResult]::new('--directory', '--directory', [CompletionResultType]::ParameterName, 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)')
            [CompletionResult]::new('--bind-dn', '--bind-dn', [CompletionResultType]::ParameterName, 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]')
            [CompletionResult]::new('--bind-password-file', '--bind-password-file', [CompletionResultType]::ParameterName, 'A file holding the bind password (its first line)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'The CA certificate (PEM) to trust for ldaps:// and --starttls')
            [CompletionResult]::new('--expired', '--expired', [CompletionResultType]::ParameterName, 'Every tombstone past its retention period')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be done, change nothing, exit as a real run would')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade an ldap:// connection with StartTLS')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailuser;history' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store folder [default: the OS''s Kerio store]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'The acting administrator, as name@domain')
            [CompletionResult]::new('--log-dir', '--log-dir', [CompletionResultType]::ParameterName, 'The folder holding warning.log [default: <store>/logs]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Seconds to wait for another run''s store lock before exiting with 75')
            [CompletionResult]::new('--retain', '--retain', [CompletionResultType]::ParameterName, 'Days a removal can be undone with `restore` (0 keeps nothing)')
            [CompletionResult]::new('--directory', '--directory', [CompletionResultType]::ParameterName, 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)')
            [CompletionResult]::new('--bind-dn', '--bind-dn', [CompletionResultType]::ParameterName, 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]')
            [CompletionResult]::new('--bind-password-file', '--bind-password-file', [CompletionResultType]::ParameterName, 'A file holding the bind password (its first line)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'The CA certificate (PEM) to trust for ldaps:// and --starttls')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be done, change nothing, exit as a real run would')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade an ldap:// connection with StartTLS')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailuser;completions' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The store folder [default: the OS''s Kerio store]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'The acting administrator, as name@domain')
            [CompletionResult]::new('--log-dir', '--log-dir', [CompletionResultType]::ParameterName, 'The folder holding warning.log [default: <store>/logs]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Seconds to wait for another run''s store lock before exiting with 75')
            [CompletionResult]::new('--retain', '--retain', [CompletionResultType]::ParameterName, 'Days a removal can be undone with `restore` (0 keeps nothing)')
            [CompletionResult]::new('--directory', '--directory', [CompletionResultType]::ParameterName, 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)')
            [CompletionResult]::new('--bind-dn', '--bind-dn', [CompletionResultType]::ParameterName, 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]')
            [CompletionResult]::new('--bind-password-file', '--bind-password-file', [CompletionResultType]::ParameterName, 'A file holding the bind password (its first line)')
            [CompletionResult]::new('--ca-file', '--ca-file', [CompletionResultType]::ParameterName, 'The CA certificate (PEM) to trust for ldaps:// and --starttls')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be done, change nothing, exit as a real run would')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Log less on stderr (errors only)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log more on stderr (repeat for more)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)')
            [CompletionResult]::new('--starttls', '--starttls', [CompletionResultType]::ParameterName, 'Upgrade an ldap:// connection with StartTLS')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'mailuser;help' {
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable accounts: they cannot log in; mail and settings stay')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Enable disabled accounts (each takes a license seat)')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Clear the lock the server set after too many wrong passwords')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove accounts, keeping, transferring or deleting their mailboxes')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an account (re-attaches a kept mailbox of the same address)')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Apply a bulk CSV of disable, enable, unlock, remove and restore rows')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List accounts, one per line')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one account in detail')
            [CompletionResult]::new('license', 'license', [CompletionResultType]::ParameterValue, 'Show license seats: total, used and free')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the store and its directory for inconsistencies (read-only)')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Copy the directory into an empty LDAP tree or a new JSON file')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a new store, empty or with generated sample accounts and mail')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Put back a removed account: record, references, settings, mailbox')
            [CompletionResult]::new('purge', 'purge', [CompletionResultType]::ParameterValue, 'Delete removed accounts'' tombstones for good')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'What the warning log says about an account, then its tombstones')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the shell completion script for SHELL to stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'mailuser;help;disable' {
            break
        }
        'mailuser;help;enable' {
            break
        }
        'mailuser;help;unlock' {
            break
        }
        'mailuser;help;remove' {
            break
        }
        'mailuser;help;add' {
            break
        }
        'mailuser;help;apply' {
            break
        }
        'mailuser;help;list' {
            break
        }
        'mailuser;help;show' {
            break
        }
        'mailuser;help;license' {
            break
        }
        'mailuser;help;check' {
            break
        }
        'mailuser;help;migrate' {
            break
        }
        'mailuser;help;init' {
            break
        }
        'mailuser;help;restore' {
            break
        }
        'mailuser;help;purge' {
            break
        }
        'mailuser;help;history' {
            break
        }
        'mailuser;help;completions' {
            break
        }
        'mailuser;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
