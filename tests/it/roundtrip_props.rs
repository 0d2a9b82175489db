//! Property tests: JSON and CSV directories with arbitrary Unicode values
//! and unknown fields come back unchanged after a load and a save.

use mailuser::directory::Directory;
use proptest::prelude::*;
use serde_json::{Map, Value, json};

fn name() -> impl Strategy<Value = String> {
    "[a-zA-Z\u{e0}-\u{ff}\u{4e00}-\u{4e10}][a-zA-Z0-9_\u{e0}-\u{ff}-]{0,10}"
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<String>().prop_map(Value::from),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map("x_[a-z]{1,5}", inner, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A record with the known fields first (as the tool writes them) and
/// unknown fields after.
fn record() -> impl Strategy<Value = (String, Map<String, Value>)> {
    (
        name(),
        prop::option::of(any::<String>()),
        prop::option::of(any::<bool>()),
        prop::option::of(prop::collection::vec(any::<String>(), 0..3)),
        prop::collection::btree_map("x_[a-z]{1,6}", value(), 0..4),
    )
        .prop_map(|(name, full_name, enabled, groups, extra)| {
            let mut map = Map::new();
            map.insert("domain".into(), json!("example.com"));
            if let Some(full_name) = full_name {
                map.insert("full_name".into(), full_name.into());
            }
            if let Some(enabled) = enabled {
                map.insert("enabled".into(), enabled.into());
            }
            if let Some(groups) = groups {
                map.insert("groups".into(), groups.into());
            }
            map.extend(extra);
            (name, map)
        })
}

fn save(dir: &Directory) -> Vec<u8> {
    let mut out = Vec::new();
    dir.write_to(&mut out).unwrap();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn json_directories_round_trip(
        records in prop::collection::vec(record(), 1..8),
        top in prop::collection::btree_map("x_[a-z]{1,6}", value(), 0..3),
    ) {
        let users: Vec<Value> = records
            .into_iter()
            .enumerate()
            .map(|(i, (name, rest))| {
                let mut map = Map::new();
                map.insert("name".into(), format!("{name}{i}").into());
                map.extend(rest);
                Value::Object(map)
            })
            .collect();
        let mut file = Map::new();
        file.insert("users".into(), users.into());
        file.extend(top);
        let text = serde_json::to_string_pretty(&Value::Object(file)).unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("users.json");
        std::fs::write(&path, &text).unwrap();
        let saved = save(&Directory::load(&path).unwrap());
        let before: Value = serde_json::from_str(&text).unwrap();
        let after: Value = serde_json::from_slice(&saved).unwrap();
        prop_assert_eq!(&before, &after);
        // Nothing changed, so not a byte changes (SPEC §2, edits in place).
        prop_assert_eq!(String::from_utf8(saved).unwrap(), text);
    }

    #[test]
    fn csv_directories_round_trip(
        rows in prop::collection::vec(
            (name(), any::<String>(), prop::option::of(any::<bool>()), any::<String>()),
            1..8,
        ),
    ) {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        writer.write_record(["name", "domain", "full_name", "enabled", "Notes (HR)"]).unwrap();
        for (i, (name, full_name, enabled, note)) in rows.iter().enumerate() {
            let enabled = enabled.map(|b| b.to_string()).unwrap_or_default();
            let name = format!("{name}{i}");
            writer
                .write_record([name.as_str(), "example.com", full_name, &enabled, note])
                .unwrap();
        }
        let text = writer.into_inner().unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("users.csv");
        std::fs::write(&path, &text).unwrap();
        let saved = save(&Directory::load(&path).unwrap());
        prop_assert_eq!(String::from_utf8_lossy(&saved), String::from_utf8_lossy(&text));
    }
}
