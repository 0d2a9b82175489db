//! A large `users.json` read for a bulk run is read on two threads, one
//! per half of the records. Whatever the halves, the run must see what a
//! one-account run (one thread) sees: the same changes to the file, and the
//! same first problem, at the same line and field, when a record in either
//! half breaks a rule.

use crate::common::TestStore;

const ADMIN: &str = "admin@x.org";
/// Enough accounts for a file well over the size read on two threads.
const ACCOUNTS: usize = 3000;

/// A hand-kept-looking directory of [`ACCOUNTS`] accounts, `u0@x.org`...
/// (the built-in administrator first), with `edit` applied to the record
/// of each account number it names.
fn directory(edit: &dyn Fn(usize, &mut serde_json::Value)) -> String {
    let mut users = vec![serde_json::json!({
        "name": "admin", "domain": "x.org", "role": "built-in"
    })];
    for i in 0..ACCOUNTS {
        let mut user = serde_json::json!({
            "name": format!("u{i}"),
            "domain": "x.org",
            "full_name": format!("User Number {i}"),
            "forward_to": [format!("u{}@x.org", (i + 1) % ACCOUNTS)],
        });
        edit(i, &mut user);
        users.push(user);
    }
    let text = serde_json::to_string_pretty(&serde_json::json!({ "users": users })).unwrap();
    assert!(text.len() > 300 * 1024, "{} bytes", text.len());
    text + "\n"
}

/// The line of `u<i>`'s record in `text`: of its opening brace, or, with
/// `field`, of that field (where serde reports a value it cannot read).
fn line_of_record(text: &str, i: usize, field: Option<&str>) -> usize {
    let name = format!("\"name\": \"u{i}\"");
    let at = text.find(&name).unwrap();
    let at = match field {
        None => text[..at].rfind('{').unwrap(),
        Some(field) => at + text[at..].find(&format!("\"{field}\"")).unwrap(),
    };
    text[..at].matches('\n').count() + 1
}

/// A bulk file of `rows` (`action,user`; a removal keeps the mailbox).
fn bulk(store: &TestStore, rows: &[(&str, usize)]) -> std::path::PathBuf {
    let mut csv = String::from("action,user,mailbox\n");
    for (action, i) in rows {
        let mailbox = if *action == "remove" { "keep" } else { "" };
        csv.push_str(&format!("{action},u{i}@x.org,{mailbox}\n"));
    }
    let path = store.tmp.path().join("rows.csv");
    std::fs::write(&path, csv).unwrap();
    path
}

#[test]
fn a_bulk_run_on_a_large_directory_changes_what_single_runs_change() {
    let text = directory(&|_, _| {});
    let rows = [("disable", 3), ("disable", 2990), ("remove", 1500)];
    let (bulk_store, single) = (
        TestStore::with_file("users.json", &text),
        TestStore::with_file("users.json", &text),
    );
    let csv = bulk(&bulk_store, &rows);
    bulk_store
        .run_as(ADMIN)
        .args(["apply", csv.to_str().unwrap()])
        .assert()
        .success();
    for (action, i) in rows {
        let mut cmd = single.run_as(ADMIN);
        cmd.args([action, &format!("u{i}@x.org")]);
        if action == "remove" {
            cmd.arg("--keep-mailbox");
        }
        cmd.assert().success();
    }
    assert_eq!(bulk_store.read("users.json"), single.read("users.json"));
    assert_eq!(bulk_store.user("u3@x.org")["enabled"], false);
    assert_eq!(bulk_store.user("u2990@x.org")["enabled"], false);
    assert_eq!(bulk_store.user("u1500@x.org"), serde_json::Value::Null);
    assert_eq!(
        bulk_store.user("u1501@x.org")["enabled"],
        serde_json::Value::Null
    );
}

/// [`directory`] with `edits` made: (account number, field, value).
fn directory_with(edits: &[(usize, &str, serde_json::Value)]) -> String {
    directory(&|i, user| {
        for (at, field, value) in edits {
            if i == *at {
                user[*field] = value.clone();
            }
        }
    })
}

/// A directory that breaks a rule, run on as a bulk file of two disables
/// (two threads) and as one `disable` (one thread): both exit 2 with the
/// same message and change nothing. Returns the message.
fn refused_alike(text: &str) -> String {
    let store = TestStore::with_file("users.json", text);
    let csv = bulk(&store, &[("disable", 1), ("disable", 2)]);
    let bulk = store
        .run_as(ADMIN)
        .args(["apply", csv.to_str().unwrap()])
        .output()
        .unwrap();
    let single = store
        .run_as(ADMIN)
        .args(["disable", "u1@x.org"])
        .output()
        .unwrap();
    let bulk_err = String::from_utf8_lossy(&bulk.stderr).into_owned();
    assert_eq!(bulk.status.code(), Some(2), "{bulk_err}");
    assert_eq!(bulk_err, String::from_utf8_lossy(&single.stderr));
    assert_eq!(single.status.code(), Some(2), "{bulk_err}");
    assert_eq!(store.read("users.json"), text);
    bulk_err
}

#[test]
fn a_problem_in_either_half_is_reported_as_a_single_run_reports_it() {
    let late = ACCOUNTS - 10;
    // (what is wrong, the edits, the account and field reported, and
    // whether the line is the field's rather than the record's)
    let cases = [
        (
            "a mailbox outside the store, late",
            vec![(late, "mailbox", "../../elsewhere".into())],
            late,
            "mailbox",
            false,
        ),
        (
            "a bad domain early and a bad name late: the early one",
            vec![
                (200, "domain", "x/org".into()),
                (late, "name", "a b".into()),
            ],
            200,
            "domain",
            false,
        ),
        (
            "a second built-in administrator, late",
            vec![(late, "role", "built-in".into())],
            late,
            "role",
            false,
        ),
        (
            "a value of the wrong type, late",
            vec![(late, "enabled", "yes".into())],
            late,
            "enabled",
            true,
        ),
    ];
    for (what, edits, bad, field, at_field) in cases {
        let text = directory_with(&edits);
        let message = refused_alike(&text);
        // Account u<i> is record i + 1 (the administrator is record 0).
        let want = format!(
            "users.json, line {}, field `users[{}].{field}`",
            line_of_record(&text, bad, at_field.then_some(field)),
            bad + 1
        );
        assert!(message.contains(&want), "{what}: want {want} in {message}");
    }
}

#[test]
fn a_duplicate_across_the_halves_is_refused_as_on_one_thread() {
    let message = refused_alike(&directory_with(&[(ACCOUNTS - 10, "name", "U5".into())]));
    assert!(
        message.contains("duplicate account U5@x.org (first defined as record 7)"),
        "{message}"
    );
}

/// Another program that writes the directory while a run plans (in place,
/// or by an editor's rename) keeps its edit: the run, which read the file
/// before (a large `users.json` mapped, a small one or a `users.csv`
/// read), is refused with exit 75 before it commits anything, and a new
/// run then does the change on the edited file.
#[test]
fn a_directory_edited_while_a_run_plans_is_kept_and_the_run_refused() {
    let csv = "name,domain,role\nadmin,x.org,built-in\nu1,x.org,\nu2,x.org,\n";
    let small = r#"{"users": [{"name": "admin", "domain": "x.org", "role": "built-in"},
 {"name": "u1", "domain": "x.org"}, {"name": "u2", "domain": "x.org"}]}"#;
    let large = directory(&|_, _| {});
    for (name, text) in [
        ("users.json", large.as_str()),
        ("users.json", small),
        ("users.csv", csv),
    ] {
        for by_rename in [false, true] {
            let context = format!("{name} of {} bytes, by rename {by_rename}", text.len());
            let store = TestStore::with_file(name, text);
            let step = "file-planned";
            let signals = tempfile::tempdir().unwrap();
            let child = store
                .std_cmd()
                .env("MAILUSER_ACTOR", ADMIN)
                .env("MAILUSER_FAILPOINT", step)
                .env("MAILUSER_FAILPOINT_DIR", signals.path())
                .args(["disable", "u1@x.org"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            crate::common::wait_for_failpoint(signals.path(), step);
            // The edit renames the first u2 (the CSV's is its last row).
            let edited = match name {
                "users.csv" => text.replace("u2,x.org,\n", "u3,x.org,\n"),
                _ => text.replacen("u2", "u3", 1),
            };
            assert_ne!(edited, text);
            if by_rename {
                let new = store.tmp.path().join("edited");
                std::fs::write(&new, &edited).unwrap();
                std::fs::rename(&new, store.path(name)).unwrap();
            } else {
                let mut file = std::fs::OpenOptions::new()
                    .write(true)
                    .truncate(edited.len() < text.len())
                    .open(store.path(name))
                    .unwrap();
                std::io::Write::write_all(&mut file, edited.as_bytes()).unwrap();
            }
            crate::common::release_failpoint(signals.path(), step);
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(75), "{context}: {stderr}");
            assert!(stderr.contains("changed underneath"), "{context}: {stderr}");
            assert_eq!(store.read(name), edited, "{context}");
            assert_eq!(store.pending_intents(), 0, "{context}");
            let journal = store.path(".journal");
            let left: Vec<_> = std::fs::read_dir(&journal)
                .map(|d| d.map(|e| e.unwrap().file_name()).collect())
                .unwrap_or_default();
            assert!(left.is_empty(), "{context}: {left:?}");
            assert!(store.log_lines().is_empty(), "{context}");
            let fresh = TestStore::with_file(name, &edited);
            for store in [&store, &fresh] {
                let disable = store.run_as(ADMIN).args(["disable", "u1@x.org"]).assert();
                disable.success();
                assert_eq!(store.log_lines().len(), 1, "{context}");
            }
            assert_ne!(store.read(name), edited, "{context}");
            assert_eq!(store.read(name), fresh.read(name), "{context}");
        }
    }
}
