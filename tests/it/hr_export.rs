//! `apply` on files that are not in the standard format: an HR
//! spreadsheet's export (`Email`, `Manager`, `;` between fields, CRLF, a
//! byte-order mark) read with `--user-column`, `--action`, `--mailbox`,
//! `--transfer-to-column`, `--purge-settings` and `--delimiter`; and the
//! line numbers and messages of malformed CSV.

use predicates::str::contains;

use crate::common::TestStore;

const ADMIN: &str = "admin@example.com";

/// `apply [args] FILE` with `text` as FILE (`hr.csv`).
fn apply(store: &TestStore, args: &[&str], text: &str) -> assert_cmd::assert::Assert {
    let path = store.tmp.path().join("hr.csv");
    std::fs::write(&path, text).unwrap();
    store
        .run_as(ADMIN)
        .arg("apply")
        .args(args)
        .arg(&path)
        .assert()
}

/// What a spreadsheet set to a decimal comma saves as "CSV (semicolon)".
const EXPORT: &str = "\u{feff}Name;Email;Manager;Department\r\n\
    Jane Doe;jdoe@example.com;boss@example.com;Sales\r\n\
    Alan Smith;asmith@example.com;boss@example.com;Sales\r\n";

#[test]
fn an_hr_export_is_applied_through_the_options() {
    let store = TestStore::example();
    let jdoe_mail = store.messages_in("mail/example.com/jdoe");
    apply(
        &store,
        &[
            "--user-column",
            "Email",
            "--action",
            "remove",
            "--mailbox",
            "transfer",
            "--transfer-to-column",
            "manager",
            "--purge-settings",
        ],
        EXPORT,
    )
    .success()
    .stdout(contains(
        "line 2: jdoe@example.com: removed (mailbox transferred to boss@example.com, settings purged",
    ))
    .stdout(contains("line 3: asmith@example.com: removed"));
    assert_eq!(store.user("jdoe@example.com"), serde_json::Value::Null);
    assert_eq!(store.user("asmith@example.com"), serde_json::Value::Null);
    crate::common::assert_messages(
        &store.messages_in("mail/example.com/boss/Deleted user jdoe@example.com"),
        &jdoe_mail,
        true,
        "transferred",
    );
    // Purged: jdoe no longer in the alias sales@example.com.
    let text = store.read("users.json");
    assert!(!text.contains("\"jdoe@example.com\""), "{text}");
}

#[test]
fn the_action_alone_fills_a_list_with_a_user_column() {
    let store = TestStore::example();
    apply(
        &store,
        &["--action", "disable"],
        "user\njdoe@example.com\nasmith\n",
    )
    .success()
    .stdout(predicates::str::starts_with(
        "line 2: jdoe@example.com: disabled\nline 3: asmith@example.com: disabled\n",
    ));
    // And a tab-separated one, named by --delimiter.
    apply(
        &store,
        &[
            "--delimiter",
            "tab",
            "--user-column",
            "mail",
            "--action",
            "enable",
        ],
        "name\tmail\nJane\tjdoe@example.com\n",
    )
    .success()
    .stdout(predicates::str::starts_with(
        "line 2: jdoe@example.com: enabled\n",
    ));
}

#[test]
fn a_semicolon_file_is_detected_from_its_header() {
    let store = TestStore::example();
    apply(
        &store,
        &["--dry-run"],
        "action;user\r\ndisable;jdoe@example.com\r\n",
    )
    .success()
    .stdout(predicates::str::starts_with(
        "line 2: jdoe@example.com: would be disabled\n",
    ));
    // A header with a comma is a comma file, whatever its cells hold.
    apply(
        &store,
        &["--dry-run"],
        "action,user\ndisable,jdoe@example.com\n",
    )
    .success();
    // --delimiter overrides the guess.
    apply(
        &store,
        &["--dry-run", "--delimiter", ","],
        "action;user\ndisable;jdoe@example.com\n",
    )
    .code(2)
    .stderr(contains("missing column `user` (found `action;user`;"));
}

#[test]
fn header_errors_name_the_columns_found_and_expected() {
    let store = TestStore::example();
    let before = store.snapshot();
    apply(&store, &[], EXPORT).code(2).stderr(contains(
        "hr.csv, line 1, field `user`: missing column `user` (found `Name`, `Email`, \
         `Manager`, `Department`; expected `action`, `user`, `mailbox`, `transfer_to`, \
         `purge_settings` (`action`, `user` required); for an export without them, name \
         its account column with --user-column and give --action)",
    ));
    apply(
        &store,
        &["--user-column", "E-mail", "--action", "disable"],
        EXPORT,
    )
    .code(2)
    .stderr(contains(
        "line 1, field `E-mail`: no column `E-mail` (found `Name`, `Email`, `Manager`, \
             `Department`;",
    ));
    apply(
        &store,
        &["--action", "disable"],
        "action,user\ndisable,jdoe@example.com\n",
    )
    .code(2)
    .stderr(contains(
        "the file has a `action` column and --action was given: use one or the other",
    ));
    apply(
        &store,
        &["--user-column", "Email", "--action", "remove"],
        EXPORT,
    )
    .code(2)
    .stderr(contains(
        "--action remove needs --mailbox keep, transfer or delete",
    ));
    apply(
        &store,
        &[
            "--user-column",
            "Email",
            "--action",
            "disable",
            "--mailbox",
            "keep",
        ],
        EXPORT,
    )
    .code(2)
    .stderr(contains("are for --action remove, not disable"));
    // With --user-column only the named columns are read: a `transfer_to`
    // column among the others is not.
    apply(
        &store,
        &[
            "--user-column",
            "Email",
            "--action",
            "remove",
            "--mailbox",
            "transfer",
        ],
        "Email,transfer_to\njdoe@example.com,boss@example.com\n",
    )
    .code(2)
    .stderr(contains(
        "--mailbox transfer needs the column of the accounts to transfer to: \
         --transfer-to-column NAME\n",
    ));
    apply(&store, &["--user-column", "Email"], EXPORT)
        .code(2)
        .stderr(contains("--action"));
    assert_eq!(store.snapshot(), before);
}

#[test]
fn row_failures_name_the_files_own_column() {
    let store = TestStore::example();
    apply(
        &store,
        &["--dry-run", "--user-column", "Email", "--action", "disable"],
        "Name;Email\r\nJane;jdoe@example.com\r\nNobody;\r\n",
    )
    .code(6)
    .stderr(contains(
        "hr.csv, line 3, column `Email`: the user is empty",
    ));
}

#[test]
fn line_numbers_are_right_for_crlf_and_cr_files() {
    let store = TestStore::example();
    for (text, line) in [
        ("action,user\r\ndisable,nobody@example.com\r\n", 2),
        ("action,user\r\n\r\n\r\ndisable,nobody@example.com\r\n", 4),
        ("action,user\rdisable,jdoe\rdisable,nobody@example.com\r", 3),
        (
            "action,user\r\ndisable,\"jdoe\r\n\"\r\ndisable,nobody@example.com\r\n",
            4,
        ),
    ] {
        apply(&store, &["--dry-run"], text)
            .failure()
            .stderr(contains(format!(
                "hr.csv, line {line}, column `user`: nobody@example.com: no such account"
            )));
    }
}

#[test]
fn malformed_csv_says_what_is_wrong_in_words() {
    let store = TestStore::example();
    for (text, message) in [
        (
            "action,user\ndisable,jdoe,extra\n",
            "hr.csv, line 2: expected 2 fields, found 3",
        ),
        (
            "action,user\r\ndisable,jdoe\r\ndisable\r\n",
            "hr.csv, line 3: expected 2 fields, found 1",
        ),
    ] {
        let assert = apply(&store, &["--dry-run"], text).code(2);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        assert!(
            stderr.starts_with("mailuser: /") && stderr.ends_with(&format!("/{message}\n")),
            "{stderr}"
        );
    }
}

#[test]
fn users_csv_errors_have_the_right_line_too() {
    let store = TestStore::with_file(
        "users.csv",
        "name,domain,role\r\nadmin,x.org,built-in\r\njdoe,x.org\r\n",
    );
    store
        .run_as("admin@x.org")
        .args(["disable", "jdoe@x.org"])
        .assert()
        .code(2)
        .stderr(contains("users.csv, line 3: expected 3 fields, found 2"));
}
