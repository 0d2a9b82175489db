
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
            cand --retain 'Days a removal can be undone with `restore` (0 keeps nothing)'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand -y 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand --yes 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand disable 'Disable accounts: they cannot log in; mail and settings stay'
            cand enable 'Enable disabled accounts (each takes a license seat)'
            cand unlock 'Clear the lock the server set after too many wrong passwords'
            cand remove 'Remove accounts, keeping, transferring or deleting their mailboxes'
            cand add 'Add an account (re-attaches a kept mailbox of the same address)'
            cand apply 'Apply a bulk CSV of disable, enable, unlock, remove and restore rows'
            cand list 'List accounts, one per line'
            cand show 'Show one account in detail'
            cand license 'Show license seats: total, used and free'
            cand check 'Check the store and its directory for inconsistencies (read-only)'
            cand init 'Create a new store, empty or with generated sample accounts and mail'
            cand restore 'Put back a removed account: record, references, settings, mailbox'
            cand purge 'Delete removed accounts'' tombstones for good'
            cand history 'What the warning log says about an account, then its tombstones'
            cand completions 'Print the shell completion script for SHELL to stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'mailuser;disable'= {
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --retain 'Days a removal can be undone with `restore` (0 keeps nothing)'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand -y 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand --yes 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailuser;enable'= {
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --retain 'Days a removal can be undone with `restore` (0 keeps nothing)'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand -y 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand --yes 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailuser;unlock'= {
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --retain 'Days a removal can be undone with `restore` (0 keeps nothing)'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand -y 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand --yes 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
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
            cand --retain 'Days a removal can be undone with `restore` (0 keeps nothing)'
            cand --keep-mailbox 'Leave the mailbox where it is; a later `add` re-attaches it'
            cand --delete-mailbox 'Delete the mailbox'
            cand --purge-settings 'Also delete the account''s aliases, forwards to it and settings files'
            cand --missing-ok 'Skip accounts that do not exist instead of exiting with 4'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand -y 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand --yes 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
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
            cand --retain 'Days a removal can be undone with `restore` (0 keeps nothing)'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand -y 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand --yes 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailuser;apply'= {
            cand --user-column 'Read the account from column NAME (an HR export''s `Email`); only the columns named by options are then read, the others are ignored'
            cand --action 'The action of every row, instead of an `action` column'
            cand --mailbox 'The mailbox choice of every remove row, instead of a `mailbox` column'
            cand --transfer-to-column 'Read `transfer_to` (the account a transferred mailbox goes to) from column NAME'
            cand --delimiter 'The field delimiter: one character, or `tab` [default: `;` when the header line has `;` and no `,`, else `,`]'
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --retain 'Days a removal can be undone with `restore` (0 keeps nothing)'
            cand --atomic 'Apply nothing if any row fails its checks'
            cand --missing-ok 'Skip remove rows whose account does not exist instead of failing them'
            cand --purge-settings 'Purge the settings of every remove row, instead of a `purge_settings` column'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand -y 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand --yes 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailuser;list'= {
            cand --domain 'Only accounts of this domain'
            cand --role 'Only accounts whose effective rights are ROLE'
            cand --group 'Only members of the group GROUP (of their own domain)'
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --retain 'Days a removal can be undone with `restore` (0 keeps nothing)'
            cand --disabled 'Only disabled accounts'
            cand --enabled 'Only enabled accounts'
            cand --locked 'Only accounts locked by the server'
            cand --orphans 'Kept mailboxes that no account owns (instead of accounts)'
            cand --removed 'Removed accounts that `restore` can bring back (instead of accounts)'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand -y 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand --yes 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailuser;show'= {
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --retain 'Days a removal can be undone with `restore` (0 keeps nothing)'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand -y 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand --yes 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailuser;license'= {
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --retain 'Days a removal can be undone with `restore` (0 keeps nothing)'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand -y 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand --yes 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailuser;check'= {
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --retain 'Days a removal can be undone with `restore` (0 keeps nothing)'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand -y 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand --yes 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
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
            cand --retain 'Days a removal can be undone with `restore` (0 keeps nothing)'
            cand --csv 'Write users.csv instead of users.json'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand -y 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand --yes 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailuser;restore'= {
            cand --op 'The removal to undo (an operation id from `list --removed`)'
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --retain 'Days a removal can be undone with `restore` (0 keeps nothing)'
            cand --without-mailbox 'Restore the account even when its mailbox cannot be found'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand -y 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand --yes 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailuser;purge'= {
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --retain 'Days a removal can be undone with `restore` (0 keeps nothing)'
            cand --expired 'Every tombstone past its retention period'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand -y 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand --yes 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailuser;history'= {
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --retain 'Days a removal can be undone with `restore` (0 keeps nothing)'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand -y 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand --yes 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailuser;completions'= {
            cand --store 'The store folder [default: the OS''s Kerio store]'
            cand --as 'The acting administrator, as name@domain'
            cand --log-dir 'The folder holding warning.log [default: <store>/logs]'
            cand --format 'Output format on stdout'
            cand --wait 'Seconds to wait for another run''s store lock before exiting with 75'
            cand --retain 'Days a removal can be undone with `restore` (0 keeps nothing)'
            cand --dry-run 'Print what would be done, change nothing, exit as a real run would'
            cand -q 'Log less on stderr (errors only)'
            cand --quiet 'Log less on stderr (errors only)'
            cand -v 'Log more on stderr (repeat for more)'
            cand --verbose 'Log more on stderr (repeat for more)'
            cand -y 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand --yes 'Delete mail without asking (a run on a terminal asks before `--delete-mailbox`; without a terminal it never asks)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'mailuser;help'= {
            cand disable 'Disable accounts: they cannot log in; mail and settings stay'
            cand enable 'Enable disabled accounts (each takes a license seat)'
            cand unlock 'Clear the lock the server set after too many wrong passwords'
            cand remove 'Remove accounts, keeping, transferring or deleting their mailboxes'
            cand add 'Add an account (re-attaches a kept mailbox of the same address)'
            cand apply 'Apply a bulk CSV of disable, enable, unlock, remove and restore rows'
            cand list 'List accounts, one per line'
            cand show 'Show one account in detail'
            cand license 'Show license seats: total, used and free'
            cand check 'Check the store and its directory for inconsistencies (read-only)'
            cand init 'Create a new store, empty or with generated sample accounts and mail'
            cand restore 'Put back a removed account: record, references, settings, mailbox'
            cand purge 'Delete removed accounts'' tombstones for good'
            cand history 'What the warning log says about an account, then its tombstones'
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
        &'mailuser;help;init'= {
        }
        &'mailuser;help;restore'= {
        }
        &'mailuser;help;purge'= {
        }
        &'mailuser;help;history'= {
        }
        &'mailuser;help;completions'= {
        }
        &'mailuser;help;help'= {
        }
    ]
    $completions[$command]
}
