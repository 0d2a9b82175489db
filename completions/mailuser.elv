
use builtin;
use str;

set edit:completion:arg-completer[mailuser] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'mailuser'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'mailuser'= {
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --directory 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)'
            cand --bind-dn 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]'
            cand --bind-password-file 'A file holding the bind password (its first line)'
            cand --ca-file 'The CA certificate (PEM) to trust for ldaps:// and --starttls'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand --starttls 'Upgrade an ldap:// connection with StartTLS'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand disable 'Disable accounts: they cannot log in; mail and settings stay'
            cand enable 'Enable disabled accounts (each takes a license seat)'
            cand unlock 'Clear the lock the server set after too many wrong passwords'
            cand remove 'Remove accounts, keeping, transferring or deleting their mailboxes'
            cand add 'Add an account (re-attaches a kept mailbox of the same address)'
            cand apply 'Apply a bulk CSV of disable, enable, unlock and remove rows'
            cand list 'List accounts, one per line'
            cand show 'Show one account in detail'
            cand license 'Show license seats: total, used and free'
            cand check 'Check the store and its directory for inconsistencies (read-only)'
            cand migrate 'Copy the directory into an empty LDAP tree or a new JSON file'
            cand init 'Create a new store, empty or with generated sample accounts and mail'
            cand completions 'Print the shell completion script for SHELL to stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailuser;disable'= {
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --directory 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)'
            cand --bind-dn 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]'
            cand --bind-password-file 'A file holding the bind password (its first line)'
            cand --ca-file 'The CA certificate (PEM) to trust for ldaps:// and --starttls'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand --starttls 'Upgrade an ldap:// connection with StartTLS'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailuser;enable'= {
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --directory 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)'
            cand --bind-dn 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]'
            cand --bind-password-file 'A file holding the bind password (its first line)'
            cand --ca-file 'The CA certificate (PEM) to trust for ldaps:// and --starttls'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand --starttls 'Upgrade an ldap:// connection with StartTLS'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailuser;unlock'= {
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --directory 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)'
            cand --bind-dn 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]'
            cand --bind-password-file 'A file holding the bind password (its first line)'
            cand --ca-file 'The CA certificate (PEM) to trust for ldaps:// and --starttls'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand --starttls 'Upgrade an ldap:// connection with StartTLS'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailuser;remove'= {
            cand --transfer-to 'Move the mailbox into USER''s mailbox as "Deleted user <name>@<domain>"'
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --directory 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)'
            cand --bind-dn 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]'
            cand --bind-password-file 'A file holding the bind password (its first line)'
            cand --ca-file 'The CA certificate (PEM) to trust for ldaps:// and --starttls'
            cand --keep-mailbox 'Leave the mailbox where it is; a later `add` re-attaches it'
            cand --delete-mailbox 'Delete the mailbox'
            cand --purge-settings 'Also delete the account''s aliases, forwards to it and settings files'
            cand --missing-ok 'Skip accounts that do not exist instead of exiting with 4'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand --starttls 'Upgrade an ldap:// connection with StartTLS'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailuser;add'= {
            cand --full-name 'The display name'
            cand --role 'Administration rights (no higher than the actor''s own)'
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --directory 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)'
            cand --bind-dn 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]'
            cand --bind-password-file 'A file holding the bind password (its first line)'
            cand --ca-file 'The CA certificate (PEM) to trust for ldaps:// and --starttls'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand --starttls 'Upgrade an ldap:// connection with StartTLS'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailuser;apply'= {
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --directory 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)'
            cand --bind-dn 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]'
            cand --bind-password-file 'A file holding the bind password (its first line)'
            cand --ca-file 'The CA certificate (PEM) to trust for ldaps:// and --starttls'
            cand --atomic 'Apply nothing if any row fails its checks'
            cand --missing-ok 'Skip remove rows whose account does not exist instead of failing them'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand --starttls 'Upgrade an ldap:// connection with StartTLS'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailuser;list'= {
            cand --domain 'Only accounts of this domain'
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --directory 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)'
            cand --bind-dn 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]'
            cand --bind-password-file 'A file holding the bind password (its first line)'
            cand --ca-file 'The CA certificate (PEM) to trust for ldaps:// and --starttls'
            cand --disabled 'Only disabled accounts'
            cand --enabled 'Only enabled accounts'
            cand --locked 'Only accounts locked by the server'
            cand --orphans 'Kept mailboxes that no account owns (instead of accounts)'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand --starttls 'Upgrade an ldap:// connection with StartTLS'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailuser;show'= {
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --directory 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)'
            cand --bind-dn 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]'
            cand --bind-password-file 'A file holding the bind password (its first line)'
            cand --ca-file 'The CA certificate (PEM) to trust for ldaps:// and --starttls'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand --starttls 'Upgrade an ldap:// connection with StartTLS'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailuser;license'= {
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --directory 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)'
            cand --bind-dn 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]'
            cand --bind-password-file 'A file holding the bind password (its first line)'
            cand --ca-file 'The CA certificate (PEM) to trust for ldaps:// and --starttls'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand --starttls 'Upgrade an ldap:// connection with StartTLS'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailuser;check'= {
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --directory 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)'
            cand --bind-dn 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]'
            cand --bind-password-file 'A file holding the bind password (its first line)'
            cand --ca-file 'The CA certificate (PEM) to trust for ldaps:// and --starttls'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand --starttls 'Upgrade an ldap:// connection with StartTLS'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailuser;migrate'= {
            cand --to 'The target: an ldap://, ldaps:// or ldapi:// URL (HOST/BASE as for --directory), or a new FILE.json'
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --directory 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)'
            cand --bind-dn 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]'
            cand --bind-password-file 'A file holding the bind password (its first line)'
            cand --ca-file 'The CA certificate (PEM) to trust for ldaps:// and --starttls'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand --starttls 'Upgrade an ldap:// connection with StartTLS'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailuser;init'= {
            cand --sample 'Generate N accounts over several domains, besides the admin'
            cand --seed 'Seed of the generator'
            cand --messages 'Messages per generated mailbox; 0 writes the directory only'
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --directory 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)'
            cand --bind-dn 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]'
            cand --bind-password-file 'A file holding the bind password (its first line)'
            cand --ca-file 'The CA certificate (PEM) to trust for ldaps:// and --starttls'
            cand --csv 'Write users.csv instead of users.json'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand --starttls 'Upgrade an ldap:// connection with StartTLS'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailuser;completions'= {
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --directory 'An LDAP directory instead of the store''s users.json/users.csv: ldap://HOST[:PORT]/BASE, ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE (socket path percent-encoded)'
            cand --bind-dn 'The DN to bind to the LDAP directory as; the password comes from MAILUSER_BIND_PASSWORD or --bind-password-file [default: SASL EXTERNAL on ldapi://, else anonymous]'
            cand --bind-password-file 'A file holding the bind password (its first line)'
            cand --ca-file 'The CA certificate (PEM) to trust for ldaps:// and --starttls'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand --starttls 'Upgrade an ldap:// connection with StartTLS'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailuser;help'= {
            cand disable 'Disable accounts: they cannot log in; mail and settings stay'
            cand enable 'Enable disabled accounts (each takes a license seat)'
            cand unlock 'Clear the lock the server set after too many wrong passwords'
            cand remove 'Remove accounts, keeping, transferring or deleting their mailboxes'
            cand add 'Add an account (re-attaches a kept mailbox of the same address)'
            cand apply 'Apply a bulk CSV of disable, enable, unlock and remove rows'
            cand list 'List accounts, one per line'
            cand show 'Show one account in detail'
            cand license 'Show license seats: total, used and free'
            cand check 'Check the store and its directory for inconsistencies (read-only)'
            cand migrate 'Copy the directory into an empty LDAP tree or a new JSON file'
            cand init 'Create a new store, empty or with generated sample accounts and mail'
            cand completions 'Print the shell completion script for SHELL to stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailuser;help;disable'= {
        }
        &'mailuser;help;enable'= {
        }
        &'mailuser;help;unlock'= {
        }
        &'mailuser;help;remove'= {
        }
        &'mailuser;help;add'= {
        }
        &'mailuser;help;apply'= {
        }
        &'mailuser;help;list'= {
        }
        &'mailuser;help;show'= {
        }
        &'mailuser;help;license'= {
        }
        &'mailuser;help;check'= {
        }
        &'mailuser;help;migrate'= {
        }
        &'mailuser;help;init'= {
        }
        &'mailuser;help;completions'= {
        }
        &'mailuser;help;help'= {
        }
    ]
    $completions[$command]
}
