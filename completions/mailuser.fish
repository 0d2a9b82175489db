# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_mailuser_global_optspecs
    string join \n store= as= log-dir= dry-run format= q/quiet v/verbose wait= retain= y/yes directory= bind-dn= bind-password-file= starttls ca-file= h/help V/version
end

function __fish_mailuser_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_mailuser_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_mailuser_using_subcommand
    set -l cmd (__fish_mailuser_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c mailuser -n "__fish_mailuser_needs_command" -l store -d 'The store folder [default: the OS\'s Kerio store]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_needs_command" -l as -d 'The acting administrator, as name@domain' -r -f
complete -c mailuser -n "__fish_mailuser_needs_command" -l log-dir -d 'The folder holding warning.log [default: <store>/logs]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_needs_command" -l format -d 'Output format on stdout' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per line'
csv\t'Comma-separated values with a header, for a spreadsheet (list, show and license; other commands print text)'"
complete -c mailuser -n "__fish_mailuser_needs_command" -l wait -d 'Seconds to wait for another run\'s store lock before exiting with 75' -r -f
complete -c mailuser -n "__fish_mailuser_needs_command" -l retain -d 'Days a removal can be undone with `restore` (0 keeps nothing)' -r -f
complete -c mailuser -n "__fish_mailuser_needs_command" -l directory -d 'An LDAP directory instead of the store\'s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)' -r
complete -c mailuser -n "__fish_mailuser_needs_command" -l bind-dn -d 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]' -r
complete -c mailuser -n "__fish_mailuser_needs_command" -l bind-password-file -d 'A file holding the bind password (its first line)' -r -F
complete -c mailuser -n "__fish_mailuser_needs_command" -l ca-file -d 'The CA certificate (PEM) to trust for ldaps:// and --starttls' -r -F
complete -c mailuser -n "__fish_mailuser_needs_command" -l dry-run -d 'Print what would be done, change nothing, exit as a real run would'
complete -c mailuser -n "__fish_mailuser_needs_command" -s q -l quiet -d 'Log less on stderr (errors only)'
complete -c mailuser -n "__fish_mailuser_needs_command" -s v -l verbose -d 'Log more on stderr (repeat for more)'
complete -c mailuser -n "__fish_mailuser_needs_command" -s y -l yes -d 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
complete -c mailuser -n "__fish_mailuser_needs_command" -l starttls -d 'Upgrade an ldap:// connection with StartTLS'
complete -c mailuser -n "__fish_mailuser_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailuser -n "__fish_mailuser_needs_command" -s V -l version -d 'Print version'
complete -c mailuser -n "__fish_mailuser_needs_command" -f -a "disable" -d 'Disable accounts: they cannot log in; mail and settings stay'
complete -c mailuser -n "__fish_mailuser_needs_command" -f -a "enable" -d 'Enable disabled accounts (each takes a license seat)'
complete -c mailuser -n "__fish_mailuser_needs_command" -f -a "unlock" -d 'Clear the lock the server set after too many wrong passwords'
complete -c mailuser -n "__fish_mailuser_needs_command" -f -a "remove" -d 'Remove accounts, keeping, transferring or deleting their mailboxes'
complete -c mailuser -n "__fish_mailuser_needs_command" -f -a "add" -d 'Add an account (re-attaches a kept mailbox of the same address)'
complete -c mailuser -n "__fish_mailuser_needs_command" -f -a "apply" -d 'Apply a bulk CSV of disable, enable, unlock, remove and restore rows'
complete -c mailuser -n "__fish_mailuser_needs_command" -f -a "list" -d 'List accounts, one per line'
complete -c mailuser -n "__fish_mailuser_needs_command" -f -a "show" -d 'Show one account in detail'
complete -c mailuser -n "__fish_mailuser_needs_command" -f -a "license" -d 'Show license seats: total, used and free'
complete -c mailuser -n "__fish_mailuser_needs_command" -f -a "check" -d 'Check the store and its directory for inconsistencies (read-only)'
complete -c mailuser -n "__fish_mailuser_needs_command" -f -a "migrate" -d 'Copy the directory into an empty LDAP tree or a new JSON file'
complete -c mailuser -n "__fish_mailuser_needs_command" -f -a "init" -d 'Create a new store, empty or with generated sample accounts and mail'
complete -c mailuser -n "__fish_mailuser_needs_command" -f -a "restore" -d 'Put back a removed account: record, references, settings, mailbox'
complete -c mailuser -n "__fish_mailuser_needs_command" -f -a "purge" -d 'Delete removed accounts\' tombstones for good'
complete -c mailuser -n "__fish_mailuser_needs_command" -f -a "history" -d 'What the warning log says about an account, then its tombstones'
complete -c mailuser -n "__fish_mailuser_needs_command" -f -a "completions" -d 'Print the shell completion script for SHELL to stdout'
complete -c mailuser -n "__fish_mailuser_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c mailuser -n "__fish_mailuser_using_subcommand disable" -l store -d 'The store folder [default: the OS\'s Kerio store]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand disable" -l as -d 'The acting administrator, as name@domain' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand disable" -l log-dir -d 'The folder holding warning.log [default: <store>/logs]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand disable" -l format -d 'Output format on stdout' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per line'
csv\t'Comma-separated values with a header, for a spreadsheet (list, show and license; other commands print text)'"
complete -c mailuser -n "__fish_mailuser_using_subcommand disable" -l wait -d 'Seconds to wait for another run\'s store lock before exiting with 75' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand disable" -l retain -d 'Days a removal can be undone with `restore` (0 keeps nothing)' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand disable" -l directory -d 'An LDAP directory instead of the store\'s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand disable" -l bind-dn -d 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand disable" -l bind-password-file -d 'A file holding the bind password (its first line)' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand disable" -l ca-file -d 'The CA certificate (PEM) to trust for ldaps:// and --starttls' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand disable" -l dry-run -d 'Print what would be done, change nothing, exit as a real run would'
complete -c mailuser -n "__fish_mailuser_using_subcommand disable" -s q -l quiet -d 'Log less on stderr (errors only)'
complete -c mailuser -n "__fish_mailuser_using_subcommand disable" -s v -l verbose -d 'Log more on stderr (repeat for more)'
complete -c mailuser -n "__fish_mailuser_using_subcommand disable" -s y -l yes -d 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
complete -c mailuser -n "__fish_mailuser_using_subcommand disable" -l starttls -d 'Upgrade an ldap:// connection with StartTLS'
complete -c mailuser -n "__fish_mailuser_using_subcommand disable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailuser -n "__fish_mailuser_using_subcommand enable" -l store -d 'The store folder [default: the OS\'s Kerio store]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand enable" -l as -d 'The acting administrator, as name@domain' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand enable" -l log-dir -d 'The folder holding warning.log [default: <store>/logs]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand enable" -l format -d 'Output format on stdout' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per line'
csv\t'Comma-separated values with a header, for a spreadsheet (list, show and license; other commands print text)'"
complete -c mailuser -n "__fish_mailuser_using_subcommand enable" -l wait -d 'Seconds to wait for another run\'s store lock before exiting with 75' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand enable" -l retain -d 'Days a removal can be undone with `restore` (0 keeps nothing)' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand enable" -l directory -d 'An LDAP directory instead of the store\'s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand enable" -l bind-dn -d 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand enable" -l bind-password-file -d 'A file holding the bind password (its first line)' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand enable" -l ca-file -d 'The CA certificate (PEM) to trust for ldaps:// and --starttls' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand enable" -l dry-run -d 'Print what would be done, change nothing, exit as a real run would'
complete -c mailuser -n "__fish_mailuser_using_subcommand enable" -s q -l quiet -d 'Log less on stderr (errors only)'
complete -c mailuser -n "__fish_mailuser_using_subcommand enable" -s v -l verbose -d 'Log more on stderr (repeat for more)'
complete -c mailuser -n "__fish_mailuser_using_subcommand enable" -s y -l yes -d 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
complete -c mailuser -n "__fish_mailuser_using_subcommand enable" -l starttls -d 'Upgrade an ldap:// connection with StartTLS'
complete -c mailuser -n "__fish_mailuser_using_subcommand enable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailuser -n "__fish_mailuser_using_subcommand unlock" -l store -d 'The store folder [default: the OS\'s Kerio store]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand unlock" -l as -d 'The acting administrator, as name@domain' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand unlock" -l log-dir -d 'The folder holding warning.log [default: <store>/logs]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand unlock" -l format -d 'Output format on stdout' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per line'
csv\t'Comma-separated values with a header, for a spreadsheet (list, show and license; other commands print text)'"
complete -c mailuser -n "__fish_mailuser_using_subcommand unlock" -l wait -d 'Seconds to wait for another run\'s store lock before exiting with 75' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand unlock" -l retain -d 'Days a removal can be undone with `restore` (0 keeps nothing)' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand unlock" -l directory -d 'An LDAP directory instead of the store\'s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand unlock" -l bind-dn -d 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand unlock" -l bind-password-file -d 'A file holding the bind password (its first line)' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand unlock" -l ca-file -d 'The CA certificate (PEM) to trust for ldaps:// and --starttls' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand unlock" -l dry-run -d 'Print what would be done, change nothing, exit as a real run would'
complete -c mailuser -n "__fish_mailuser_using_subcommand unlock" -s q -l quiet -d 'Log less on stderr (errors only)'
complete -c mailuser -n "__fish_mailuser_using_subcommand unlock" -s v -l verbose -d 'Log more on stderr (repeat for more)'
complete -c mailuser -n "__fish_mailuser_using_subcommand unlock" -s y -l yes -d 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
complete -c mailuser -n "__fish_mailuser_using_subcommand unlock" -l starttls -d 'Upgrade an ldap:// connection with StartTLS'
complete -c mailuser -n "__fish_mailuser_using_subcommand unlock" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailuser -n "__fish_mailuser_using_subcommand remove" -l transfer-to -d 'Move the mailbox into USER\'s mailbox as "Deleted user <name>@<domain>"' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand remove" -l store -d 'The store folder [default: the OS\'s Kerio store]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand remove" -l as -d 'The acting administrator, as name@domain' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand remove" -l log-dir -d 'The folder holding warning.log [default: <store>/logs]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand remove" -l format -d 'Output format on stdout' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per line'
csv\t'Comma-separated values with a header, for a spreadsheet (list, show and license; other commands print text)'"
complete -c mailuser -n "__fish_mailuser_using_subcommand remove" -l wait -d 'Seconds to wait for another run\'s store lock before exiting with 75' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand remove" -l retain -d 'Days a removal can be undone with `restore` (0 keeps nothing)' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand remove" -l directory -d 'An LDAP directory instead of the store\'s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand remove" -l bind-dn -d 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand remove" -l bind-password-file -d 'A file holding the bind password (its first line)' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand remove" -l ca-file -d 'The CA certificate (PEM) to trust for ldaps:// and --starttls' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand remove" -l keep-mailbox -d 'Leave the mailbox where it is; a later `add` re-attaches it'
complete -c mailuser -n "__fish_mailuser_using_subcommand remove" -l delete-mailbox -d 'Delete the mailbox'
complete -c mailuser -n "__fish_mailuser_using_subcommand remove" -l purge-settings -d 'Also take the address out of every alias\'s deliver_to and every other account\'s forward_to (an alias left with no address goes; one with other targets stays), and delete settings.usr and filter.siv from a kept or transferred mailbox'
complete -c mailuser -n "__fish_mailuser_using_subcommand remove" -l missing-ok -d 'Skip accounts that do not exist instead of exiting with 4'
complete -c mailuser -n "__fish_mailuser_using_subcommand remove" -l dry-run -d 'Print what would be done, change nothing, exit as a real run would'
complete -c mailuser -n "__fish_mailuser_using_subcommand remove" -s q -l quiet -d 'Log less on stderr (errors only)'
complete -c mailuser -n "__fish_mailuser_using_subcommand remove" -s v -l verbose -d 'Log more on stderr (repeat for more)'
complete -c mailuser -n "__fish_mailuser_using_subcommand remove" -s y -l yes -d 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
complete -c mailuser -n "__fish_mailuser_using_subcommand remove" -l starttls -d 'Upgrade an ldap:// connection with StartTLS'
complete -c mailuser -n "__fish_mailuser_using_subcommand remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailuser -n "__fish_mailuser_using_subcommand add" -l full-name -d 'The display name' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand add" -l role -d 'Administration rights (no higher than the actor\'s own)' -r -f -a "none\t'No administration rights'
read-only\t'Auditor: may read the administration console'
account-admin\t'Manages users, groups and aliases of its own domain'
full\t'Full administration rights'"
complete -c mailuser -n "__fish_mailuser_using_subcommand add" -l store -d 'The store folder [default: the OS\'s Kerio store]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand add" -l as -d 'The acting administrator, as name@domain' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand add" -l log-dir -d 'The folder holding warning.log [default: <store>/logs]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand add" -l format -d 'Output format on stdout' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per line'
csv\t'Comma-separated values with a header, for a spreadsheet (list, show and license; other commands print text)'"
complete -c mailuser -n "__fish_mailuser_using_subcommand add" -l wait -d 'Seconds to wait for another run\'s store lock before exiting with 75' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand add" -l retain -d 'Days a removal can be undone with `restore` (0 keeps nothing)' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand add" -l directory -d 'An LDAP directory instead of the store\'s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand add" -l bind-dn -d 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand add" -l bind-password-file -d 'A file holding the bind password (its first line)' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand add" -l ca-file -d 'The CA certificate (PEM) to trust for ldaps:// and --starttls' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand add" -l dry-run -d 'Print what would be done, change nothing, exit as a real run would'
complete -c mailuser -n "__fish_mailuser_using_subcommand add" -s q -l quiet -d 'Log less on stderr (errors only)'
complete -c mailuser -n "__fish_mailuser_using_subcommand add" -s v -l verbose -d 'Log more on stderr (repeat for more)'
complete -c mailuser -n "__fish_mailuser_using_subcommand add" -s y -l yes -d 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
complete -c mailuser -n "__fish_mailuser_using_subcommand add" -l starttls -d 'Upgrade an ldap:// connection with StartTLS'
complete -c mailuser -n "__fish_mailuser_using_subcommand add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailuser -n "__fish_mailuser_using_subcommand apply" -l user-column -d 'Read the account from column NAME (an HR export\'s `Email`); only the columns named by options are then read, the others are ignored' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand apply" -l action -d 'The action of every row, instead of an `action` column' -r -f -a "disable\t''
enable\t''
unlock\t''
remove\t''"
complete -c mailuser -n "__fish_mailuser_using_subcommand apply" -l mailbox -d 'The mailbox choice of every remove row, instead of a `mailbox` column' -r -f -a "keep\t'Leave it where it is'
transfer\t'Move it into the account of the `--transfer-to-column`'
delete\t'Delete it'"
complete -c mailuser -n "__fish_mailuser_using_subcommand apply" -l transfer-to-column -d 'Read `transfer_to` (the account a transferred mailbox goes to) from column NAME' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand apply" -l delimiter -d 'The field delimiter: one character, or `tab` [default: `;` when the header line has `;` and no `,`, else `,`]' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand apply" -l store -d 'The store folder [default: the OS\'s Kerio store]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand apply" -l as -d 'The acting administrator, as name@domain' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand apply" -l log-dir -d 'The folder holding warning.log [default: <store>/logs]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand apply" -l format -d 'Output format on stdout' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per line'
csv\t'Comma-separated values with a header, for a spreadsheet (list, show and license; other commands print text)'"
complete -c mailuser -n "__fish_mailuser_using_subcommand apply" -l wait -d 'Seconds to wait for another run\'s store lock before exiting with 75' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand apply" -l retain -d 'Days a removal can be undone with `restore` (0 keeps nothing)' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand apply" -l directory -d 'An LDAP directory instead of the store\'s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand apply" -l bind-dn -d 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand apply" -l bind-password-file -d 'A file holding the bind password (its first line)' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand apply" -l ca-file -d 'The CA certificate (PEM) to trust for ldaps:// and --starttls' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand apply" -l atomic -d 'Apply nothing if any row fails its checks'
complete -c mailuser -n "__fish_mailuser_using_subcommand apply" -l missing-ok -d 'Skip remove rows whose account does not exist instead of failing them'
complete -c mailuser -n "__fish_mailuser_using_subcommand apply" -l purge-settings -d 'Purge the settings of every remove row, instead of a `purge_settings` column'
complete -c mailuser -n "__fish_mailuser_using_subcommand apply" -l dry-run -d 'Print what would be done, change nothing, exit as a real run would'
complete -c mailuser -n "__fish_mailuser_using_subcommand apply" -s q -l quiet -d 'Log less on stderr (errors only)'
complete -c mailuser -n "__fish_mailuser_using_subcommand apply" -s v -l verbose -d 'Log more on stderr (repeat for more)'
complete -c mailuser -n "__fish_mailuser_using_subcommand apply" -s y -l yes -d 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
complete -c mailuser -n "__fish_mailuser_using_subcommand apply" -l starttls -d 'Upgrade an ldap:// connection with StartTLS'
complete -c mailuser -n "__fish_mailuser_using_subcommand apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailuser -n "__fish_mailuser_using_subcommand list" -l domain -d 'Only accounts of this domain' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand list" -l role -d 'Only accounts whose effective rights are ROLE' -r -f -a "none\t''
read-only\t''
account-admin\t''
full\t''
built-in\t''"
complete -c mailuser -n "__fish_mailuser_using_subcommand list" -l group -d 'Only members of the group GROUP (of their own domain)' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand list" -l store -d 'The store folder [default: the OS\'s Kerio store]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand list" -l as -d 'The acting administrator, as name@domain' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand list" -l log-dir -d 'The folder holding warning.log [default: <store>/logs]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand list" -l format -d 'Output format on stdout' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per line'
csv\t'Comma-separated values with a header, for a spreadsheet (list, show and license; other commands print text)'"
complete -c mailuser -n "__fish_mailuser_using_subcommand list" -l wait -d 'Seconds to wait for another run\'s store lock before exiting with 75' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand list" -l retain -d 'Days a removal can be undone with `restore` (0 keeps nothing)' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand list" -l directory -d 'An LDAP directory instead of the store\'s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand list" -l bind-dn -d 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand list" -l bind-password-file -d 'A file holding the bind password (its first line)' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand list" -l ca-file -d 'The CA certificate (PEM) to trust for ldaps:// and --starttls' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand list" -l disabled -d 'Only disabled accounts'
complete -c mailuser -n "__fish_mailuser_using_subcommand list" -l enabled -d 'Only enabled accounts'
complete -c mailuser -n "__fish_mailuser_using_subcommand list" -l locked -d 'Only accounts locked by the server'
complete -c mailuser -n "__fish_mailuser_using_subcommand list" -l orphans -d 'Kept mailboxes that no account owns (instead of accounts)'
complete -c mailuser -n "__fish_mailuser_using_subcommand list" -l removed -d 'Removed accounts that `restore` can bring back (instead of accounts)'
complete -c mailuser -n "__fish_mailuser_using_subcommand list" -l dry-run -d 'Print what would be done, change nothing, exit as a real run would'
complete -c mailuser -n "__fish_mailuser_using_subcommand list" -s q -l quiet -d 'Log less on stderr (errors only)'
complete -c mailuser -n "__fish_mailuser_using_subcommand list" -s v -l verbose -d 'Log more on stderr (repeat for more)'
complete -c mailuser -n "__fish_mailuser_using_subcommand list" -s y -l yes -d 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
complete -c mailuser -n "__fish_mailuser_using_subcommand list" -l starttls -d 'Upgrade an ldap:// connection with StartTLS'
complete -c mailuser -n "__fish_mailuser_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailuser -n "__fish_mailuser_using_subcommand show" -l store -d 'The store folder [default: the OS\'s Kerio store]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand show" -l as -d 'The acting administrator, as name@domain' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand show" -l log-dir -d 'The folder holding warning.log [default: <store>/logs]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand show" -l format -d 'Output format on stdout' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per line'
csv\t'Comma-separated values with a header, for a spreadsheet (list, show and license; other commands print text)'"
complete -c mailuser -n "__fish_mailuser_using_subcommand show" -l wait -d 'Seconds to wait for another run\'s store lock before exiting with 75' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand show" -l retain -d 'Days a removal can be undone with `restore` (0 keeps nothing)' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand show" -l directory -d 'An LDAP directory instead of the store\'s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand show" -l bind-dn -d 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand show" -l bind-password-file -d 'A file holding the bind password (its first line)' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand show" -l ca-file -d 'The CA certificate (PEM) to trust for ldaps:// and --starttls' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand show" -l dry-run -d 'Print what would be done, change nothing, exit as a real run would'
complete -c mailuser -n "__fish_mailuser_using_subcommand show" -s q -l quiet -d 'Log less on stderr (errors only)'
complete -c mailuser -n "__fish_mailuser_using_subcommand show" -s v -l verbose -d 'Log more on stderr (repeat for more)'
complete -c mailuser -n "__fish_mailuser_using_subcommand show" -s y -l yes -d 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
complete -c mailuser -n "__fish_mailuser_using_subcommand show" -l starttls -d 'Upgrade an ldap:// connection with StartTLS'
complete -c mailuser -n "__fish_mailuser_using_subcommand show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailuser -n "__fish_mailuser_using_subcommand license" -l store -d 'The store folder [default: the OS\'s Kerio store]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand license" -l as -d 'The acting administrator, as name@domain' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand license" -l log-dir -d 'The folder holding warning.log [default: <store>/logs]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand license" -l format -d 'Output format on stdout' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per line'
csv\t'Comma-separated values with a header, for a spreadsheet (list, show and license; other commands print text)'"
complete -c mailuser -n "__fish_mailuser_using_subcommand license" -l wait -d 'Seconds to wait for another run\'s store lock before exiting with 75' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand license" -l retain -d 'Days a removal can be undone with `restore` (0 keeps nothing)' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand license" -l directory -d 'An LDAP directory instead of the store\'s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand license" -l bind-dn -d 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand license" -l bind-password-file -d 'A file holding the bind password (its first line)' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand license" -l ca-file -d 'The CA certificate (PEM) to trust for ldaps:// and --starttls' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand license" -l dry-run -d 'Print what would be done, change nothing, exit as a real run would'
complete -c mailuser -n "__fish_mailuser_using_subcommand license" -s q -l quiet -d 'Log less on stderr (errors only)'
complete -c mailuser -n "__fish_mailuser_using_subcommand license" -s v -l verbose -d 'Log more on stderr (repeat for more)'
complete -c mailuser -n "__fish_mailuser_using_subcommand license" -s y -l yes -d 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
complete -c mailuser -n "__fish_mailuser_using_subcommand license" -l starttls -d 'Upgrade an ldap:// connection with StartTLS'
complete -c mailuser -n "__fish_mailuser_using_subcommand license" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailuser -n "__fish_mailuser_using_subcommand check" -l store -d 'The store folder [default: the OS\'s Kerio store]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand check" -l as -d 'The acting administrator, as name@domain' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand check" -l log-dir -d 'The folder holding warning.log [default: <store>/logs]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand check" -l format -d 'Output format on stdout' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per line'
csv\t'Comma-separated values with a header, for a spreadsheet (list, show and license; other commands print text)'"
complete -c mailuser -n "__fish_mailuser_using_subcommand check" -l wait -d 'Seconds to wait for another run\'s store lock before exiting with 75' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand check" -l retain -d 'Days a removal can be undone with `restore` (0 keeps nothing)' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand check" -l directory -d 'An LDAP directory instead of the store\'s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand check" -l bind-dn -d 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand check" -l bind-password-file -d 'A file holding the bind password (its first line)' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand check" -l ca-file -d 'The CA certificate (PEM) to trust for ldaps:// and --starttls' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand check" -l dry-run -d 'Print what would be done, change nothing, exit as a real run would'
complete -c mailuser -n "__fish_mailuser_using_subcommand check" -s q -l quiet -d 'Log less on stderr (errors only)'
complete -c mailuser -n "__fish_mailuser_using_subcommand check" -s v -l verbose -d 'Log more on stderr (repeat for more)'
complete -c mailuser -n "__fish_mailuser_using_subcommand check" -s y -l yes -d 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
complete -c mailuser -n "__fish_mailuser_using_subcommand check" -l starttls -d 'Upgrade an ldap:// connection with StartTLS'
complete -c mailuser -n "__fish_mailuser_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailuser -n "__fish_mailuser_using_subcommand migrate" -l to -d 'The target: an ldap://, ldaps:// or ldapi:// URL (HOST/BASE as for --directory), or a new FILE.json' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand migrate" -l store -d 'The store folder [default: the OS\'s Kerio store]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand migrate" -l as -d 'The acting administrator, as name@domain' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand migrate" -l log-dir -d 'The folder holding warning.log [default: <store>/logs]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand migrate" -l format -d 'Output format on stdout' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per line'
csv\t'Comma-separated values with a header, for a spreadsheet (list, show and license; other commands print text)'"
complete -c mailuser -n "__fish_mailuser_using_subcommand migrate" -l wait -d 'Seconds to wait for another run\'s store lock before exiting with 75' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand migrate" -l retain -d 'Days a removal can be undone with `restore` (0 keeps nothing)' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand migrate" -l directory -d 'An LDAP directory instead of the store\'s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand migrate" -l bind-dn -d 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand migrate" -l bind-password-file -d 'A file holding the bind password (its first line)' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand migrate" -l ca-file -d 'The CA certificate (PEM) to trust for ldaps:// and --starttls' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand migrate" -l dry-run -d 'Print what would be done, change nothing, exit as a real run would'
complete -c mailuser -n "__fish_mailuser_using_subcommand migrate" -s q -l quiet -d 'Log less on stderr (errors only)'
complete -c mailuser -n "__fish_mailuser_using_subcommand migrate" -s v -l verbose -d 'Log more on stderr (repeat for more)'
complete -c mailuser -n "__fish_mailuser_using_subcommand migrate" -s y -l yes -d 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
complete -c mailuser -n "__fish_mailuser_using_subcommand migrate" -l starttls -d 'Upgrade an ldap:// connection with StartTLS'
complete -c mailuser -n "__fish_mailuser_using_subcommand migrate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailuser -n "__fish_mailuser_using_subcommand init" -l sample -d 'Generate N accounts over several domains, besides the admin' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand init" -l seed -d 'Seed of the generator' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand init" -l messages -d 'Messages per generated mailbox; 0 writes the directory only' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand init" -l store -d 'The store folder [default: the OS\'s Kerio store]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand init" -l as -d 'The acting administrator, as name@domain' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand init" -l log-dir -d 'The folder holding warning.log [default: <store>/logs]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand init" -l format -d 'Output format on stdout' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per line'
csv\t'Comma-separated values with a header, for a spreadsheet (list, show and license; other commands print text)'"
complete -c mailuser -n "__fish_mailuser_using_subcommand init" -l wait -d 'Seconds to wait for another run\'s store lock before exiting with 75' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand init" -l retain -d 'Days a removal can be undone with `restore` (0 keeps nothing)' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand init" -l directory -d 'An LDAP directory instead of the store\'s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand init" -l bind-dn -d 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand init" -l bind-password-file -d 'A file holding the bind password (its first line)' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand init" -l ca-file -d 'The CA certificate (PEM) to trust for ldaps:// and --starttls' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand init" -l csv -d 'Write users.csv instead of users.json'
complete -c mailuser -n "__fish_mailuser_using_subcommand init" -l dry-run -d 'Print what would be done, change nothing, exit as a real run would'
complete -c mailuser -n "__fish_mailuser_using_subcommand init" -s q -l quiet -d 'Log less on stderr (errors only)'
complete -c mailuser -n "__fish_mailuser_using_subcommand init" -s v -l verbose -d 'Log more on stderr (repeat for more)'
complete -c mailuser -n "__fish_mailuser_using_subcommand init" -s y -l yes -d 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
complete -c mailuser -n "__fish_mailuser_using_subcommand init" -l starttls -d 'Upgrade an ldap:// connection with StartTLS'
complete -c mailuser -n "__fish_mailuser_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailuser -n "__fish_mailuser_using_subcommand restore" -l op -d 'The removal to undo (an operation id from `list --removed`)' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand restore" -l store -d 'The store folder [default: the OS\'s Kerio store]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand restore" -l as -d 'The acting administrator, as name@domain' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand restore" -l log-dir -d 'The folder holding warning.log [default: <store>/logs]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand restore" -l format -d 'Output format on stdout' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per line'
csv\t'Comma-separated values with a header, for a spreadsheet (list, show and license; other commands print text)'"
complete -c mailuser -n "__fish_mailuser_using_subcommand restore" -l wait -d 'Seconds to wait for another run\'s store lock before exiting with 75' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand restore" -l retain -d 'Days a removal can be undone with `restore` (0 keeps nothing)' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand restore" -l directory -d 'An LDAP directory instead of the store\'s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand restore" -l bind-dn -d 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand restore" -l bind-password-file -d 'A file holding the bind password (its first line)' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand restore" -l ca-file -d 'The CA certificate (PEM) to trust for ldaps:// and --starttls' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand restore" -l without-mailbox -d 'Restore the account even when its mailbox cannot be found'
complete -c mailuser -n "__fish_mailuser_using_subcommand restore" -l dry-run -d 'Print what would be done, change nothing, exit as a real run would'
complete -c mailuser -n "__fish_mailuser_using_subcommand restore" -s q -l quiet -d 'Log less on stderr (errors only)'
complete -c mailuser -n "__fish_mailuser_using_subcommand restore" -s v -l verbose -d 'Log more on stderr (repeat for more)'
complete -c mailuser -n "__fish_mailuser_using_subcommand restore" -s y -l yes -d 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
complete -c mailuser -n "__fish_mailuser_using_subcommand restore" -l starttls -d 'Upgrade an ldap:// connection with StartTLS'
complete -c mailuser -n "__fish_mailuser_using_subcommand restore" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailuser -n "__fish_mailuser_using_subcommand purge" -l store -d 'The store folder [default: the OS\'s Kerio store]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand purge" -l as -d 'The acting administrator, as name@domain' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand purge" -l log-dir -d 'The folder holding warning.log [default: <store>/logs]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand purge" -l format -d 'Output format on stdout' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per line'
csv\t'Comma-separated values with a header, for a spreadsheet (list, show and license; other commands print text)'"
complete -c mailuser -n "__fish_mailuser_using_subcommand purge" -l wait -d 'Seconds to wait for another run\'s store lock before exiting with 75' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand purge" -l retain -d 'Days a removal can be undone with `restore` (0 keeps nothing)' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand purge" -l directory -d 'An LDAP directory instead of the store\'s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand purge" -l bind-dn -d 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand purge" -l bind-password-file -d 'A file holding the bind password (its first line)' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand purge" -l ca-file -d 'The CA certificate (PEM) to trust for ldaps:// and --starttls' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand purge" -l expired -d 'Every tombstone past its retention period'
complete -c mailuser -n "__fish_mailuser_using_subcommand purge" -l dry-run -d 'Print what would be done, change nothing, exit as a real run would'
complete -c mailuser -n "__fish_mailuser_using_subcommand purge" -s q -l quiet -d 'Log less on stderr (errors only)'
complete -c mailuser -n "__fish_mailuser_using_subcommand purge" -s v -l verbose -d 'Log more on stderr (repeat for more)'
complete -c mailuser -n "__fish_mailuser_using_subcommand purge" -s y -l yes -d 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
complete -c mailuser -n "__fish_mailuser_using_subcommand purge" -l starttls -d 'Upgrade an ldap:// connection with StartTLS'
complete -c mailuser -n "__fish_mailuser_using_subcommand purge" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailuser -n "__fish_mailuser_using_subcommand history" -l store -d 'The store folder [default: the OS\'s Kerio store]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand history" -l as -d 'The acting administrator, as name@domain' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand history" -l log-dir -d 'The folder holding warning.log [default: <store>/logs]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand history" -l format -d 'Output format on stdout' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per line'
csv\t'Comma-separated values with a header, for a spreadsheet (list, show and license; other commands print text)'"
complete -c mailuser -n "__fish_mailuser_using_subcommand history" -l wait -d 'Seconds to wait for another run\'s store lock before exiting with 75' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand history" -l retain -d 'Days a removal can be undone with `restore` (0 keeps nothing)' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand history" -l directory -d 'An LDAP directory instead of the store\'s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand history" -l bind-dn -d 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand history" -l bind-password-file -d 'A file holding the bind password (its first line)' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand history" -l ca-file -d 'The CA certificate (PEM) to trust for ldaps:// and --starttls' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand history" -l dry-run -d 'Print what would be done, change nothing, exit as a real run would'
complete -c mailuser -n "__fish_mailuser_using_subcommand history" -s q -l quiet -d 'Log less on stderr (errors only)'
complete -c mailuser -n "__fish_mailuser_using_subcommand history" -s v -l verbose -d 'Log more on stderr (repeat for more)'
complete -c mailuser -n "__fish_mailuser_using_subcommand history" -s y -l yes -d 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
complete -c mailuser -n "__fish_mailuser_using_subcommand history" -l starttls -d 'Upgrade an ldap:// connection with StartTLS'
complete -c mailuser -n "__fish_mailuser_using_subcommand history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailuser -n "__fish_mailuser_using_subcommand completions" -l store -d 'The store folder [default: the OS\'s Kerio store]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand completions" -l as -d 'The acting administrator, as name@domain' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand completions" -l log-dir -d 'The folder holding warning.log [default: <store>/logs]' -r -f -a "(__fish_complete_directories)"
complete -c mailuser -n "__fish_mailuser_using_subcommand completions" -l format -d 'Output format on stdout' -r -f -a "text\t'Human-readable lines'
json\t'One JSON object per line'
csv\t'Comma-separated values with a header, for a spreadsheet (list, show and license; other commands print text)'"
complete -c mailuser -n "__fish_mailuser_using_subcommand completions" -l wait -d 'Seconds to wait for another run\'s store lock before exiting with 75' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand completions" -l retain -d 'Days a removal can be undone with `restore` (0 keeps nothing)' -r -f
complete -c mailuser -n "__fish_mailuser_using_subcommand completions" -l directory -d 'An LDAP directory instead of the store\'s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand completions" -l bind-dn -d 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]' -r
complete -c mailuser -n "__fish_mailuser_using_subcommand completions" -l bind-password-file -d 'A file holding the bind password (its first line)' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand completions" -l ca-file -d 'The CA certificate (PEM) to trust for ldaps:// and --starttls' -r -F
complete -c mailuser -n "__fish_mailuser_using_subcommand completions" -l dry-run -d 'Print what would be done, change nothing, exit as a real run would'
complete -c mailuser -n "__fish_mailuser_using_subcommand completions" -s q -l quiet -d 'Log less on stderr (errors only)'
complete -c mailuser -n "__fish_mailuser_using_subcommand completions" -s v -l verbose -d 'Log more on stderr (repeat for more)'
complete -c mailuser -n "__fish_mailuser_using_subcommand completions" -s y -l yes -d 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
complete -c mailuser -n "__fish_mailuser_using_subcommand completions" -l starttls -d 'Upgrade an ldap:// connection with StartTLS'
complete -c mailuser -n "__fish_mailuser_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c mailuser -n "__fish_mailuser_using_subcommand help; and not __fish_seen_subcommand_from disable enable unlock remove add apply list show license check migrate init restore purge history completions help" -f -a "disable" -d 'Disable accounts: they cannot log in; mail and settings stay'
complete -c mailuser -n "__fish_mailuser_using_subcommand help; and not __fish_seen_subcommand_from disable enable unlock remove add apply list show license check migrate init restore purge history completions help" -f -a "enable" -d 'Enable disabled accounts (each takes a license seat)'
complete -c mailuser -n "__fish_mailuser_using_subcommand help; and not __fish_seen_subcommand_from disable enable unlock remove add apply list show license check migrate init restore purge history completions help" -f -a "unlock" -d 'Clear the lock the server set after too many wrong passwords'
complete -c mailuser -n "__fish_mailuser_using_subcommand help; and not __fish_seen_subcommand_from disable enable unlock remove add apply list show license check migrate init restore purge history completions help" -f -a "remove" -d 'Remove accounts, keeping, transferring or deleting their mailboxes'
complete -c mailuser -n "__fish_mailuser_using_subcommand help; and not __fish_seen_subcommand_from disable enable unlock remove add apply list show license check migrate init restore purge history completions help" -f -a "add" -d 'Add an account (re-attaches a kept mailbox of the same address)'
complete -c mailuser -n "__fish_mailuser_using_subcommand help; and not __fish_seen_subcommand_from disable enable unlock remove add apply list show license check migrate init restore purge history completions help" -f -a "apply" -d 'Apply a bulk CSV of disable, enable, unlock, remove and restore rows'
complete -c mailuser -n "__fish_mailuser_using_subcommand help; and not __fish_seen_subcommand_from disable enable unlock remove add apply list show license check migrate init restore purge history completions help" -f -a "list" -d 'List accounts, one per line'
complete -c mailuser -n "__fish_mailuser_using_subcommand help; and not __fish_seen_subcommand_from disable enable unlock remove add apply list show license check migrate init restore purge history completions help" -f -a "show" -d 'Show one account in detail'
complete -c mailuser -n "__fish_mailuser_using_subcommand help; and not __fish_seen_subcommand_from disable enable unlock remove add apply list show license check migrate init restore purge history completions help" -f -a "license" -d 'Show license seats: total, used and free'
complete -c mailuser -n "__fish_mailuser_using_subcommand help; and not __fish_seen_subcommand_from disable enable unlock remove add apply list show license check migrate init restore purge history completions help" -f -a "check" -d 'Check the store and its directory for inconsistencies (read-only)'
complete -c mailuser -n "__fish_mailuser_using_subcommand help; and not __fish_seen_subcommand_from disable enable unlock remove add apply list show license check migrate init restore purge history completions help" -f -a "migrate" -d 'Copy the directory into an empty LDAP tree or a new JSON file'
complete -c mailuser -n "__fish_mailuser_using_subcommand help; and not __fish_seen_subcommand_from disable enable unlock remove add apply list show license check migrate init restore purge history completions help" -f -a "init" -d 'Create a new store, empty or with generated sample accounts and mail'
complete -c mailuser -n "__fish_mailuser_using_subcommand help; and not __fish_seen_subcommand_from disable enable unlock remove add apply list show license check migrate init restore purge history completions help" -f -a "restore" -d 'Put back a removed account: record, references, settings, mailbox'
complete -c mailuser -n "__fish_mailuser_using_subcommand help; and not __fish_seen_subcommand_from disable enable unlock remove add apply list show license check migrate init restore purge history completions help" -f -a "purge" -d 'Delete removed accounts\' tombstones for good'
complete -c mailuser -n "__fish_mailuser_using_subcommand help; and not __fish_seen_subcommand_from disable enable unlock remove add apply list show license check migrate init restore purge history completions help" -f -a "history" -d 'What the warning log says about an account, then its tombstones'
complete -c mailuser -n "__fish_mailuser_using_subcommand help; and not __fish_seen_subcommand_from disable enable unlock remove add apply list show license check migrate init restore purge history completions help" -f -a "completions" -d 'Print the shell completion script for SHELL to stdout'
complete -c mailuser -n "__fish_mailuser_using_subcommand help; and not __fish_seen_subcommand_from disable enable unlock remove add apply list show license check migrate init restore purge history completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
