//! The bad-input catalogue: every case exits with the code of SPEC §8,
//! names the file, line or field in its message, and leaves the store
//! byte-identical.

use crate::common::TestStore;

const ADMIN: &str = "admin@example.com";
const HEAD: &str = "{\n  \"users\": [\n    {\"name\": \"admin\", \"domain\": \"example.com\", \"role\": \"built-in\"},\n";

/// How a case prepares the store (a copy of the test fixture).
enum Setup {
    /// Nothing: the fixture as it is.
    Fixture,
    /// `users.json` replaced by these bytes.
    Json(Vec<u8>),
    /// `users.json` with this second record after the built-in admin.
    Record(&'static str),
    /// `users.json` replaced by `users.csv` with these bytes.
    Csv(Vec<u8>),
    /// Anything else.
    With(fn(&TestStore)),
}

struct Case {
    name: &'static str,
    setup: Setup,
    /// `{bulk}` stands for the path of the bulk file, `{store}` for the
    /// store folder.
    args: &'static [&'static str],
    bulk: &'static [u8],
    env: Option<(&'static str, &'static str)>,
    code: i32,
    expect: &'static [&'static str],
}

fn json(text: &str) -> Setup {
    Setup::Json(text.as_bytes().to_vec())
}

fn csv(text: &str) -> Setup {
    Setup::Csv(text.as_bytes().to_vec())
}

const DISABLE: &[&str] = &["disable", "jdoe@example.com"];

#[cfg(unix)]
fn link(store: &TestStore, name: &str) {
    let outside = store
        .tmp
        .path()
        .join(format!("outside-{}", name.replace('/', "-")));
    std::fs::create_dir_all(&outside).unwrap();
    std::os::unix::fs::symlink(&outside, store.path(name)).unwrap();
}

fn case(
    name: &'static str,
    setup: Setup,
    args: &'static [&'static str],
    code: i32,
    expect: &'static [&'static str],
) -> Case {
    Case {
        name,
        setup,
        args,
        bulk: b"",
        env: None,
        code,
        expect,
    }
}

fn bulk(
    name: &'static str,
    bulk: &'static [u8],
    code: i32,
    expect: &'static [&'static str],
) -> Case {
    Case {
        bulk,
        ..case(
            name,
            Setup::Fixture,
            &["apply", "--atomic", "{bulk}"],
            code,
            expect,
        )
    }
}

fn record(name: &'static str, record: &'static str, expect: &'static [&'static str]) -> Case {
    case(name, Setup::Record(record), DISABLE, 2, expect)
}

fn cases() -> Vec<Case> {
    let mut cases = vec![
        // users.json
        case(
            "empty json",
            json(""),
            DISABLE,
            2,
            &["users.json, line 1", "malformed JSON"],
        ),
        case(
            "blank json",
            json("\n\n  \n"),
            DISABLE,
            2,
            &["users.json, line 4", "malformed JSON"],
        ),
        case(
            "json array",
            json("[]\n"),
            DISABLE,
            2,
            &["users.json, line 1", "malformed JSON"],
        ),
        case(
            "truncated json",
            json(HEAD),
            DISABLE,
            2,
            &["users.json, line 4", "malformed JSON"],
        ),
        case(
            "trailing garbage",
            json("{\"users\": []}\n}\n"),
            DISABLE,
            2,
            &["users.json, line 2", "trailing characters"],
        ),
        case(
            "users null",
            json("{\"users\": null}"),
            DISABLE,
            2,
            &["field `users`", "null"],
        ),
        record(
            "trailing comma",
            r#""name": "jdoe", "domain": "example.com","#,
            &["line 4", "malformed JSON"],
        ),
        case(
            "trailing comma after the last account",
            json(concat!(
                "{\n  \"users\": [\n    {\"name\": \"admin\", \"domain\": \"example.com\", \"role\": \"built-in\"},\n",
                "    {\"name\": \"jdoe\", \"domain\": \"example.com\"},\n  ]\n}\n"
            )),
            DISABLE,
            2,
            &["users.json, line 5", "malformed JSON", "trailing comma"],
        ),
        case(
            "trailing comma after the last member",
            json(concat!(
                "{\n  \"users\": [\n    {\"name\": \"admin\", \"domain\": \"example.com\", \"role\": \"built-in\"},\n",
                "    {\"name\": \"jdoe\", \"domain\": \"example.com\"}\n  ],\n}\n"
            )),
            DISABLE,
            2,
            &["users.json, line 6", "malformed JSON", "trailing comma"],
        ),
        case(
            "trailing comma in a list",
            json(concat!(
                "{\n  \"users\": [\n    {\"name\": \"admin\", \"domain\": \"example.com\", \"role\": \"built-in\"},\n",
                "    {\"name\": \"jdoe\", \"domain\": \"example.com\", \"forward_to\": [\"a@b.c\",]}\n  ]\n}\n"
            )),
            DISABLE,
            2,
            &["users.json, line 4", "malformed JSON", "trailing comma"],
        ),
        record(
            "missing domain",
            r#""name": "jdoe""#,
            &["line 4", "users[1]", "missing field `domain`"],
        ),
        record(
            "string boolean",
            r#""name": "jdoe", "domain": "example.com", "enabled": "yes""#,
            &["line 4", "users[1].enabled", "expected a boolean"],
        ),
        record(
            "unknown role",
            r#""name": "jdoe", "domain": "example.com", "role": "boss""#,
            &["line 4", "users[1].role", "unknown variant `boss`"],
        ),
        record(
            "list as string",
            r#""name": "jdoe", "domain": "example.com", "groups": "a;b""#,
            &["line 4", "users[1].groups"],
        ),
        record(
            "duplicate field",
            r#""name": "jdoe", "domain": "example.com", "name": "x""#,
            &["line 4", "duplicate field `name`"],
        ),
        record(
            "second built-in",
            r#""name": "jdoe", "domain": "example.com", "role": "built-in""#,
            &["line 4", "users[1].role", "second built-in"],
        ),
        record(
            "dot-dot name",
            r#""name": "../etc", "domain": "example.com""#,
            &["line 4", "users[1].name", "path separator"],
        ),
        record(
            "slash name",
            r#""name": "a/b", "domain": "example.com""#,
            &["line 4", "users[1].name"],
        ),
        record(
            "backslash name",
            r#""name": "a\\b", "domain": "example.com""#,
            &["line 4", "users[1].name"],
        ),
        record(
            "dot-dot domain",
            r#""name": "jdoe", "domain": "..""#,
            &["line 4", "users[1].domain", "`..`"],
        ),
        record(
            "control character",
            r#""name": "jd\u0000oe", "domain": "example.com""#,
            &["line 4", "users[1].name", "control character"],
        ),
        record(
            "hidden name",
            r#""name": ".jdoe", "domain": "example.com""#,
            &["line 4", "starts with a dot"],
        ),
        record(
            "padded name",
            r#""name": " jdoe", "domain": "example.com""#,
            &["line 4", "leading or trailing spaces"],
        ),
        record(
            "empty name",
            r#""name": "", "domain": "example.com""#,
            &["line 4", "is empty"],
        ),
        record(
            "absolute mailbox",
            r#""name": "jdoe", "domain": "example.com", "mailbox": "/etc""#,
            &["line 4", "users[1].mailbox", "not relative"],
        ),
        record(
            "escaping mailbox",
            r#""name": "jdoe", "domain": "example.com", "mailbox": "x/../../etc""#,
            &["line 4", "users[1].mailbox"],
        ),
        case(
            "duplicate account",
            json(&format!(
                "{HEAD}    {{\"name\": \"jdoe\", \"domain\": \"example.com\"}},\n    {{\"name\": \"JDOE\", \"domain\": \"Example.com\"}}\n  ]\n}}\n"
            )),
            DISABLE,
            2,
            &["line 5", "users[2].name", "duplicate account"],
        ),
        case(
            "built-in group",
            json(
                "{\"users\": [{\"name\": \"admin\", \"domain\": \"x.org\"}],\n \"groups\": [{\"name\": \"g\", \"domain\": \"x.org\", \"role\": \"built-in\"}]}",
            ),
            DISABLE,
            2,
            &["groups.role", "built-in"],
        ),
        case(
            "not utf-8",
            Setup::Json(b"{\"users\": [{\"name\": \"j\xff\", \"domain\": \"x\"}]}".to_vec()),
            DISABLE,
            2,
            &["users.json", "not valid UTF-8"],
        ),
        // users.csv
        case(
            "empty csv",
            csv(""),
            DISABLE,
            2,
            &["users.csv, line 1", "missing column `name`"],
        ),
        case(
            "csv without domain",
            csv("name,full_name\nadmin,Admin\n"),
            DISABLE,
            2,
            &["users.csv, line 1", "field `domain`", "missing column"],
        ),
        case(
            "csv repeated column",
            csv("name,domain, name\nadmin,x.org,a\n"),
            DISABLE,
            2,
            &["line 1", "appears twice"],
        ),
        case(
            "csv bad boolean",
            csv("name,domain,enabled\nadmin,x.org,\njdoe,x.org,maybe\n"),
            DISABLE,
            2,
            &["users.csv, line 3", "field `enabled`", "\"maybe\""],
        ),
        case(
            "csv bad role",
            csv("name,domain,role\nadmin,x.org,owner\n"),
            DISABLE,
            2,
            &["users.csv, line 2", "field `role`", "unknown role"],
        ),
        case(
            "csv short row",
            csv("name,domain,role\nadmin,x.org,built-in\njdoe,x.org\n"),
            DISABLE,
            2,
            &["users.csv, line 3", "expected 3 fields, found 2"],
        ),
        case(
            "csv duplicate",
            csv("name,domain\nadmin,x.org\njdoe,x.org\nJdoe,X.org\n"),
            DISABLE,
            2,
            &["users.csv, line 4", "duplicate account"],
        ),
        case(
            "csv bad name",
            csv("name,domain\nadmin,x.org\n../x,x.org\n"),
            DISABLE,
            2,
            &["users.csv, line 3", "field `name`"],
        ),
        case(
            "csv long row after a multi-line cell",
            csv("name,domain,full_name\nadmin,x.org,\"two\nlines\"\njdoe,x.org,x,extra\n"),
            DISABLE,
            2,
            &["users.csv, line 4", "expected 3 fields, found 4"],
        ),
        // the store's shape
        case(
            "both directories",
            Setup::With(|s| s.write("users.csv", "name,domain\n")),
            DISABLE,
            1,
            &["both users.json and users.csv"],
        ),
        case(
            "no directory",
            Setup::With(|s| std::fs::remove_file(s.path("users.json")).unwrap()),
            DISABLE,
            1,
            &["no users.json or users.csv"],
        ),
        case(
            "directory is a folder",
            Setup::With(|s| {
                std::fs::remove_file(s.path("users.json")).unwrap();
                std::fs::create_dir(s.path("users.json")).unwrap();
            }),
            DISABLE,
            1,
            &["users.json is not a regular file"],
        ),
        case(
            "log folder is a file",
            Setup::With(|s| s.write("logs-file", "x")),
            &["--log-dir", "{store}/logs-file", "disable", "jdoe"],
            1,
            &["logs-file"],
        ),
        case(
            "missing store",
            Setup::Fixture,
            &["--store", "{store}/nowhere", "disable", "jdoe"],
            1,
            &["nowhere"],
        ),
        // arguments
        case(
            "user with dot-dot",
            Setup::Fixture,
            &["disable", "../jdoe@example.com"],
            2,
            &["bad account \"../jdoe@example.com\"", "path separator"],
        ),
        case(
            "user with control character",
            Setup::Fixture,
            &["disable", "jd\u{1b}oe"],
            2,
            &["bad account", "control character"],
        ),
        case(
            "user with two @",
            Setup::Fixture,
            &["disable", "a@b@example.com"],
            2,
            &["bad account", "contains `@`"],
        ),
        case(
            "empty domain",
            Setup::Fixture,
            &["disable", "jdoe@"],
            2,
            &["bad account", "domain \"\" is empty"],
        ),
        case(
            "unknown actor",
            Setup::Fixture,
            &["--as", "nobody@example.com", "disable", "jdoe"],
            3,
            &["nobody@example.com", "actor-is-active-account"],
        ),
        case(
            "actor with dot-dot",
            Setup::Fixture,
            &["--as", "../admin", "disable", "jdoe"],
            2,
            &["bad account \"../admin\""],
        ),
        case(
            "transfer target with slash",
            Setup::Fixture,
            &["remove", "jdoe", "--transfer-to", "a/b"],
            2,
            &["bad account \"a/b\""],
        ),
        case(
            "ambiguous bare name",
            Setup::With(|s| {
                let json = s
                    .read("users.json")
                    .replace("\"name\": \"kim\"", "\"name\": \"jdoe\"");
                s.write("users.json", &json);
            }),
            &["disable", "jdoe"],
            2,
            &["ambiguous", "give name@domain"],
        ),
        Case {
            env: Some(("MAILUSER_NOW", "yesterday")),
            ..case(
                "bad clock",
                Setup::Fixture,
                DISABLE,
                2,
                &["MAILUSER_NOW", "RFC 3339"],
            )
        },
        case(
            "unknown option",
            Setup::Fixture,
            &["disable", "--bogus", "jdoe"],
            2,
            &["--bogus"],
        ),
        case("no user", Setup::Fixture, &["disable"], 2, &["<USER>"]),
        case(
            "no mailbox choice",
            Setup::Fixture,
            &["remove", "jdoe"],
            2,
            &["--keep-mailbox"],
        ),
        case(
            "two filters",
            Setup::Fixture,
            &["list", "--disabled", "--enabled"],
            2,
            &["cannot be used with"],
        ),
        case(
            "apply a missing file",
            Setup::Fixture,
            &["apply", "{store}/none.csv"],
            1,
            &["none.csv"],
        ),
        // bulk files
        bulk(
            "bulk unknown column",
            b"action,user,colour\ndisable,jdoe,red\n",
            2,
            &["bulk.csv, line 1, field `colour`", "unknown column"],
        ),
        bulk(
            "bulk without user",
            b"action,mailbox\ndisable,\n",
            2,
            &["bulk.csv, line 1", "missing column `user`"],
        ),
        bulk(
            "bulk not utf-8",
            b"action,user\ndisable,j\xffdoe\n",
            2,
            &["bulk.csv", "not valid UTF-8"],
        ),
        bulk(
            "bulk bad action",
            b"action,user\nerase,jdoe\n",
            2,
            &["bulk.csv, line 2, column `action`", "unknown action"],
        ),
        bulk(
            "bulk transfer without target",
            b"action,user,mailbox\nremove,jdoe,transfer\n",
            2,
            &["line 2, column `transfer_to`"],
        ),
        bulk(
            "bulk bad purge",
            b"action,user,mailbox,purge_settings\nremove,jdoe,keep,maybe\n",
            2,
            &["line 2, column `purge_settings`", "\"maybe\""],
        ),
        bulk(
            "bulk options on disable",
            b"action,user,mailbox\ndisable,jdoe,keep\n",
            2,
            &["line 2, column `mailbox`", "only for remove"],
        ),
        bulk(
            "bulk empty user",
            b"action,user\ndisable,\n",
            2,
            &["line 2, column `user`", "empty"],
        ),
        bulk(
            "bulk bad user",
            b"action,user\ndisable,../x\n",
            2,
            &["line 2, column `user`", "bad account"],
        ),
        bulk(
            "bulk unknown user",
            b"action,user\ndisable,jdoe\ndisable,nobody@example.com\n",
            4,
            &["line 3, column `user`", "no such account"],
        ),
        bulk(
            "bulk short row",
            b"action,user,mailbox\nremove,jdoe\n",
            2,
            &["bulk.csv, line 2", "expected 3 fields, found 2"],
        ),
    ];
    #[cfg(unix)]
    cases.extend([
        case(
            "mail domain is a link",
            Setup::With(|s| {
                std::fs::rename(s.path("mail/example.com"), s.tmp.path().join("moved")).unwrap();
                std::os::unix::fs::symlink(s.tmp.path().join("moved"), s.path("mail/example.com"))
                    .unwrap();
            }),
            &["remove", "jdoe", "--delete-mailbox"],
            1,
            &["mail/example.com is a symbolic link"],
        ),
        case(
            "im folder is a link",
            Setup::With(|s| {
                std::fs::remove_dir_all(s.path("im/example.com/jdoe")).unwrap();
                link(s, "im/example.com/jdoe");
            }),
            &["remove", "jdoe", "--keep-mailbox"],
            1,
            &["im/example.com/jdoe is a symbolic link"],
        ),
        case(
            "trash is a link",
            Setup::With(|s| link(s, ".trash")),
            &["remove", "jdoe", "--delete-mailbox"],
            1,
            &[".trash is a symbolic link"],
        ),
        case(
            "journal is a link",
            Setup::With(|s| link(s, ".journal")),
            DISABLE,
            1,
            &[".journal is a symbolic link"],
        ),
        case(
            "lock is a link",
            Setup::With(|s| link(s, ".mailuser.lock")),
            DISABLE,
            1,
            &[".mailuser.lock is a symbolic link"],
        ),
        case(
            "directory is a link",
            Setup::With(|s| {
                std::fs::rename(s.path("users.json"), s.tmp.path().join("users.json")).unwrap();
                std::os::unix::fs::symlink(s.tmp.path().join("users.json"), s.path("users.json"))
                    .unwrap();
            }),
            DISABLE,
            1,
            &["users.json is not a regular file"],
        ),
    ]);
    cases
}

/// Runs one case; what went wrong with it, if anything.
fn run(case: &Case) -> Vec<String> {
    let store = TestStore::example();
    match &case.setup {
        Setup::Fixture => {}
        Setup::Json(bytes) => std::fs::write(store.path("users.json"), bytes).unwrap(),
        Setup::Record(record) => {
            store.write("users.json", &format!("{HEAD}    {{{record}}}\n  ]\n}}\n"));
        }
        Setup::Csv(bytes) => {
            std::fs::remove_file(store.path("users.json")).unwrap();
            std::fs::write(store.path("users.csv"), bytes).unwrap();
        }
        Setup::With(setup) => setup(&store),
    }
    let bulk = store.tmp.path().join("bulk.csv");
    std::fs::write(&bulk, case.bulk).unwrap();
    let before = store.snapshot();
    let root = store.root.to_str().unwrap();
    let args = case.args.iter().map(|a| {
        a.replace("{bulk}", bulk.to_str().unwrap())
            .replace("{store}", root)
    });
    let mut cmd = store.run_as(ADMIN);
    if let Some((key, value)) = case.env {
        cmd.env(key, value);
    }
    let out = cmd.args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut wrong = Vec::new();
    if out.status.code() != Some(case.code) {
        wrong.push(format!(
            "exit code {:?}, expected {}",
            out.status.code(),
            case.code
        ));
    }
    for part in case.expect {
        if !stderr.contains(part) {
            wrong.push(format!("{part:?} not in stderr"));
        }
    }
    if store.snapshot() != before {
        wrong.push("the store changed".into());
    }
    if !wrong.is_empty() {
        wrong.push(format!("stderr: {stderr:?}"));
    }
    wrong
}

/// Every case runs, and every failing one is reported, not only the first.
#[test]
fn bad_input_is_refused_with_a_clear_error_and_changes_nothing() {
    let cases = cases();
    assert!(cases.len() >= 30);
    let mut names = std::collections::HashSet::new();
    let mut failures = Vec::new();
    for case in &cases {
        assert!(names.insert(case.name), "two cases named {:?}", case.name);
        let wrong = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(case)))
            .unwrap_or_else(|_| vec!["panicked (see its message above)".into()]);
        if !wrong.is_empty() {
            failures.push(format!("{}:\n    {}", case.name, wrong.join("\n    ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} bad-input cases failed:\n  {}",
        failures.len(),
        cases.len(),
        failures.join("\n  ")
    );
}
