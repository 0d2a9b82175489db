//! The integration tests: one test binary (`cargo test --test it`) of one
//! module per subject, so the crate and its dependencies are linked once.
//!
//! Every `.rs` file under `tests/it/` must be declared below; the test
//! [`no_forgotten_test_files`] fails when one is not, since Cargo would
//! silently never compile or run it.

mod common;

mod apply;
mod bad_input;
mod check;
mod completion;
mod crash;
mod disable_enable;
mod dry_run;
mod examples;
mod faults;
mod generated;
mod help;
mod hostile;
mod hr_export;
mod in_place;
mod init;
mod interactive;
mod large;
mod ldap;
mod ldap_faults;
mod ldap_restore;
mod ldap_tls;
mod lock_and_log;
mod man_pages;
mod messages;
mod pipe_and_plan;
mod plurals;
mod policy;
mod policy_rules;
mod read_only;
mod remove;
mod restore;
mod roundtrip;
mod roundtrip_props;
mod slapd;
mod text_output;

/// Every `.rs` file under `tests/` is a module of this binary: a file
/// added next to the others but not declared here would never run.
#[test]
fn no_forgotten_test_files() {
    use std::path::Path;

    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let here = tests.join("it");
    let main = std::fs::read_to_string(here.join("main.rs")).unwrap();
    let declared: Vec<&str> = main
        .lines()
        .filter_map(|l| l.trim().strip_prefix("mod ")?.strip_suffix(';'))
        .collect();
    let mut forgotten = Vec::new();
    for entry in walkdir::WalkDir::new(&tests) {
        let entry = entry.unwrap();
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&tests).unwrap();
        let in_it = path.parent() == Some(here.as_path());
        let stem = path.file_stem().unwrap().to_str().unwrap();
        if !(in_it && (stem == "main" || declared.contains(&stem))) {
            forgotten.push(format!("tests/{}", rel.display()));
        }
    }
    forgotten.sort();
    assert!(
        forgotten.is_empty(),
        "these files are not part of the test binary `it`; move them to \
         tests/it/ and declare them with `mod NAME;` in tests/it/main.rs:\n  {}",
        forgotten.join("\n  ")
    );
}
