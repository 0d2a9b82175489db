//! `users.json` and `users.csv` are edited in place (SPEC §2): a change
//! rewrites only the bytes it owns; every other byte stays. Each test runs
//! the real binary on a hand-formatted directory and compares the whole
//! file with the exact text expected.

use crate::common::TestStore;

const ADMIN: &str = "admin@x.org";

/// The same directory in several hand-kept styles: (style, text).
fn styles() -> Vec<(&'static str, String)> {
    let two = r#"{
  "license": {"seats": 1000, "spelled": 1.0e3, "big": 123456789012345678901234567890},
  "users": [
    {
      "name": "admin",
      "domain": "x.org",
      "role": "built-in"
    },
    {
      "domain": "x.org",
      "name": "jdoe",
      "full_name": "J\u00e9r\u00f4me \"JD\" Doe",
      "forward_to": ["boss@x.org"],
      "meta": {"nested": [1, {"deep": true}], "n": 1.50}
    },
    {
      "name": "boss",
      "domain": "x.org",
      "locked": true,
      "forward_to": ["jdoe@x.org", "other@y.org"]
    }
  ],
  "aliases": [
    {"alias": "team@x.org", "deliver_to": ["jdoe@x.org", "boss@x.org"]},
    {"alias": "solo@x.org", "deliver_to": ["jdoe@x.org"]}
  ]
}
"#
    .to_string();
    let four = two.replace("  ", "    ");
    let tabs = two.replace("  ", "\t");
    let crlf = two.replace('\n', "\r\n");
    let compact: String = {
        let value: serde_json::Value = serde_json::from_str(&two).unwrap();
        // serde_json keeps the key order (preserve_order) but not the
        // number spellings; the compact style keeps its own spellings.
        serde_json::to_string(&value).unwrap()
    };
    let no_newline = two.trim_end().to_string();
    vec![
        ("2 spaces", two),
        ("4 spaces", four),
        ("tabs", tabs),
        ("CRLF", crlf),
        ("compact", compact),
        ("no final newline", no_newline),
    ]
}

fn run(store: &TestStore, args: &[&str]) {
    store.run_as(ADMIN).args(args).assert().success();
}

/// The lines of `after` that differ from `before`, as (-, +) pairs.
fn changed_lines(before: &str, after: &str) -> (Vec<String>, Vec<String>) {
    let b: Vec<&str> = before.split('\n').collect();
    let a: Vec<&str> = after.split('\n').collect();
    let removed = b.iter().filter(|l| !a.contains(l)).map(|l| l.to_string());
    let added = a.iter().filter(|l| !b.contains(l)).map(|l| l.to_string());
    (removed.collect(), added.collect())
}

#[test]
fn unlock_rewrites_only_the_value() {
    for (style, text) in styles() {
        let store = TestStore::with_file("users.json", &text);
        run(&store, &["unlock", "boss"]);
        let expected = text.replacen("\"locked\": true", "\"locked\": false", 1);
        let expected = expected.replacen("\"locked\":true", "\"locked\":false", 1);
        assert_eq!(store.read("users.json"), expected, "{style}");
    }
}

#[test]
fn disable_adds_one_field_in_the_records_own_style() {
    for (style, text) in styles() {
        let store = TestStore::with_file("users.json", &text);
        run(&store, &["disable", "jdoe"]);
        let after = store.read("users.json");
        let (removed, added) = changed_lines(&text, &after);
        if style == "compact" {
            assert!(
                after.contains(r#""n":1.50},"enabled":false}"#),
                "{style}: {after}"
            );
            assert_eq!(after.len(), text.len() + r#","enabled":false"#.len());
        } else {
            // One new line; the line before it only gains a comma.
            assert_eq!(added.len(), 2, "{style}: {added:?}");
            assert_eq!(removed.len(), 1, "{style}: {removed:?}");
            assert!(
                added.iter().any(|l| l.trim() == "\"enabled\": false"),
                "{style}"
            );
            assert_eq!(
                format!("{},", removed[0].trim_end_matches('\r')),
                added[0].trim_end_matches('\r')
            );
        }
        let json: serde_json::Value = serde_json::from_str(&after).unwrap();
        assert_eq!(json["users"][1]["enabled"], false, "{style}");
        assert_eq!(json["users"][1]["meta"]["nested"][1]["deep"], true);
        // Escapes and number spellings untouched.
        if style != "compact" {
            assert!(after.contains(r#"J\u00e9r\u00f4me \"JD\" Doe"#), "{style}");
        }
        assert!(after.contains("123456789012345678901234567890"), "{style}");
        // Enabling again rewrites the value only.
        run(&store, &["enable", "jdoe"]);
        let again = store.read("users.json");
        assert_eq!(again.len(), after.len() - 1, "{style}: false -> true");
        assert_eq!(
            again,
            after
                .replacen("\"enabled\": false", "\"enabled\": true", 1)
                .replacen("\"enabled\":false", "\"enabled\":true", 1)
        );
    }
}

#[test]
fn remove_with_purge_takes_out_the_record_and_references_with_one_comma() {
    for (style, text) in styles() {
        let store = TestStore::with_file("users.json", &text);
        run(
            &store,
            &["remove", "jdoe", "--keep-mailbox", "--purge-settings"],
        );
        let after = store.read("users.json");
        let json: serde_json::Value = serde_json::from_str(&after)
            .unwrap_or_else(|e| panic!("{style}: invalid JSON {e}: {after}"));
        let users = json["users"].as_array().unwrap();
        assert_eq!(users.len(), 2, "{style}");
        assert_eq!(users[1]["forward_to"], serde_json::json!(["other@y.org"]));
        let aliases = json["aliases"].as_array().unwrap();
        assert_eq!(aliases.len(), 1, "{style}: the emptied alias goes");
        assert_eq!(aliases[0]["deliver_to"], serde_json::json!(["boss@x.org"]));
        // Every other byte stays: the admin record and license as written.
        let head_end = text.find("jdoe").unwrap();
        let admin_end = text[..head_end].rfind('}').unwrap();
        assert!(after.starts_with(&text[..admin_end + 1]), "{style}");
        if style != "compact" {
            assert!(!after.contains("jdoe"), "{style}: {after}");
        }
        assert_eq!(
            after.ends_with('\n'),
            text.ends_with('\n'),
            "{style}: final newline"
        );
    }
}

#[test]
fn add_appends_a_record_shaped_like_its_neighbour() {
    for (style, text) in styles() {
        let store = TestStore::with_file("users.json", &text);
        run(&store, &["add", "new@x.org", "--full-name", "New One"]);
        let after = store.read("users.json");
        let json: serde_json::Value = serde_json::from_str(&after).unwrap();
        let users = json["users"].as_array().unwrap();
        assert_eq!(users[3]["name"], "new", "{style}");
        assert_eq!(users[3]["full_name"], "New One", "{style}");
        // Everything before the end of the last old record is unchanged.
        let last = text.find("\"other@y.org\"]").unwrap();
        assert!(after.starts_with(&text[..last]), "{style}");
        if style == "2 spaces" {
            assert!(
                after.contains(
                    "    },\n    {\n      \"name\": \"new\",\n      \"domain\": \"x.org\",\n      \"full_name\": \"New One\"\n    }\n  ],"
                ),
                "{after}"
            );
        }
    }
}

#[test]
fn a_one_account_change_is_a_one_line_diff_in_git_terms() {
    let text = "{\n  \"users\": [\n    {\"name\": \"admin\", \"domain\": \"x.org\", \"role\": \"built-in\"},\n    {\"name\": \"jdoe\", \"domain\": \"x.org\", \"enabled\": true}\n  ]\n}\n";
    let store = TestStore::with_file("users.json", text);
    run(&store, &["disable", "jdoe"]);
    assert_eq!(
        store.read("users.json"),
        text.replace("\"enabled\": true}", "\"enabled\": false}")
    );
}

#[test]
fn csv_rows_that_do_not_change_keep_their_bytes() {
    let text = "\u{feff}name,domain,enabled,locked,full_name,Notes,role\r\n\
                admin,x.org,TRUE,,\"Admin, The\",\"keep \"\"this\"\"\",built-in\r\n\
                jdoe,x.org,,,Jane,x,\r\n\
                boss,x.org,True,true,Boss,\"multi\r\nline\",\r\n";
    let store = TestStore::with_file("users.csv", text);
    run(&store, &["disable", "jdoe"]);
    assert_eq!(
        store.read("users.csv"),
        text.replace("jdoe,x.org,,,Jane,x,", "jdoe,x.org,false,,Jane,x,")
    );
    run(&store, &["unlock", "boss"]);
    let after = store.read("users.csv");
    assert!(after.starts_with(
        &text[..text.find("boss").unwrap()].replace("jdoe,x.org,,", "jdoe,x.org,false,")
    ));
    assert!(
        after.ends_with("boss,x.org,true,false,Boss,\"multi\r\nline\",\r\n"),
        "{after:?}"
    );
    run(&store, &["remove", "jdoe", "--keep-mailbox"]);
    assert!(!store.read("users.csv").contains("jdoe"));
    assert!(store.read("users.csv").contains("\"keep \"\"this\"\"\""));
    run(&store, &["add", "new@x.org"]);
    assert!(
        store
            .read("users.csv")
            .ends_with("line\",\r\nnew,x.org,,,,,\r\n")
    );
}
