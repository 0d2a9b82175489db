//! Reading and writing a directory keeps every record, its order and the
//! fields the tool does not know.

use crate::common::TestStore;

const ADMIN: &str = "admin@example.com";

#[test]
fn json_disable_then_enable_gives_an_equivalent_file() {
    let store = TestStore::example();
    let original = store.json();
    store
        .run_as(ADMIN)
        .args(["disable", "jdoe", "asmith"])
        .assert()
        .success();
    let changed = store.json();
    assert_ne!(changed, original);
    assert_eq!(
        changed["users"][2]["phone"], "+1 555 0100",
        "unknown field kept"
    );
    store
        .run_as(ADMIN)
        .args(["enable", "jdoe", "asmith"])
        .assert()
        .success();
    let mut expected = original.clone();
    expected["users"][2]["enabled"] = true.into();
    expected["users"][3]["enabled"] = true.into();
    assert_eq!(store.json(), expected);
}

#[test]
fn json_unknown_top_level_and_nested_fields_are_kept() {
    let text = r#"{
  "version": 7,
  "users": [
    {"name": "admin", "domain": "x.org", "role": "built-in", "quota": {"mb": 5, "warn": [1, 2]}},
    {"name": "jdoe", "domain": "x.org", "extra": null, "full_name": "Jane"}
  ],
  "license": {"seats": 4, "key": "ABC"},
  "groups": [{"name": "g", "domain": "x.org", "note": "n"}],
  "aliases": [{"alias": "a@x.org", "deliver_to": ["jdoe@x.org"], "since": "2020"}],
  "trailer": ["z"]
}
"#;
    let store = TestStore::with_file("users.json", text);
    store
        .run_as("admin@x.org")
        .args(["disable", "jdoe"])
        .assert()
        .success();
    let mut expected: serde_json::Value = serde_json::from_str(text).unwrap();
    expected["users"][1]["enabled"] = false.into();
    assert_eq!(store.json(), expected);
}

#[test]
fn csv_keeps_columns_order_and_unknown_columns() {
    let text = "domain,name,employee_id,enabled,groups,role,note\n\
                x.org,admin,1,,,built-in,\n\
                x.org,jdoe,2,true,a;b,,\"has, comma\"\n\
                x.org,asmith,3,,,,\"line\nbreak\"\n";
    let store = TestStore::with_file("users.csv", text);
    store
        .run_as("admin@x.org")
        .args(["disable", "jdoe"])
        .assert()
        .success();
    let expected = text.replace("x.org,jdoe,2,true", "x.org,jdoe,2,false");
    assert_eq!(store.read("users.csv"), expected);
    assert_eq!(store.read("users.csv.bak"), text);
    store
        .run_as("admin@x.org")
        .args(["enable", "jdoe"])
        .assert()
        .success();
    assert_eq!(store.read("users.csv"), text);
}

/// `users.csv` after `disable jdoe` on a store holding `text`.
fn after_disabling_jdoe(text: &str) -> String {
    let store = TestStore::with_file("users.csv", text);
    store
        .run_as("admin@x.org")
        .args(["disable", "jdoe"])
        .assert()
        .success();
    store.read("users.csv")
}

#[test]
fn csv_without_an_enabled_column_gets_one_when_needed() {
    assert_eq!(
        after_disabling_jdoe("name,domain,role\nadmin,x.org,built-in\njdoe,x.org,\n"),
        "name,domain,role,enabled\nadmin,x.org,built-in,\njdoe,x.org,,false\n"
    );
}

#[test]
fn csv_with_bom_and_crlf_keeps_them() {
    let text = "\u{feff}name,domain,role,enabled\r\nadmin,x.org,built-in,\r\njdoe,x.org,,\r\n";
    assert_eq!(
        after_disabling_jdoe(text),
        text.replace("jdoe,x.org,,", "jdoe,x.org,,false")
    );
}

#[cfg(unix)]
#[test]
fn replacing_the_directory_keeps_its_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let store = TestStore::example();
    let path = store.path("users.json");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    store
        .run_as(ADMIN)
        .args(["disable", "jdoe"])
        .assert()
        .success();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&store.path("users.json.bak")), 0o600);
}

#[cfg(unix)]
#[test]
fn replacing_the_directory_keeps_its_owner() {
    use std::os::unix::fs::MetadataExt;
    let store = TestStore::example();
    let path = store.path("users.json");
    // Giving a file away needs root; CI runs as root, so it runs there.
    if !crate::common::is_root() {
        crate::common::skipped(
            "roundtrip::replacing_the_directory_keeps_its_owner",
            "needs root",
        );
        return;
    }
    std::os::unix::fs::chown(&path, Some(4242), Some(4343)).unwrap();
    store
        .run_as(ADMIN)
        .args(["disable", "jdoe"])
        .assert()
        .success();
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (4242, 4343));
    assert_eq!(store.user("jdoe@example.com")["enabled"], false);
}

#[test]
fn numbers_in_unknown_fields_keep_their_digits() {
    let text = r#"{
  "users": [
    {"name": "admin", "domain": "x.org", "role": "built-in"},
    {"name": "jdoe", "domain": "x.org", "employee": 123456789012345678901234567890, "ratio": 1.10, "tiny": 1e-400}
  ]
}
"#;
    let store = TestStore::with_file("users.json", text);
    store
        .run_as("admin@x.org")
        .args(["disable", "jdoe"])
        .assert()
        .success();
    let after = store.read("users.json");
    for digits in ["123456789012345678901234567890", "1.10", "1e-400"] {
        assert!(after.contains(digits), "{digits} lost in {after}");
    }
}
