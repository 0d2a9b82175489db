//! `completions/` and `man/` are generated from the clap definition and must
//! be fresh. To regenerate them: `MAILUSER_BLESS=1 cargo test --test it generated`.

use std::path::Path;

use clap::CommandFactory;
use mailuser::cli::Cli;

#[test]
fn the_command_definition_is_consistent() {
    Cli::command().debug_assert();
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.unwrap())
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read(e.path()).unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn completions_and_man_pages_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("MAILUSER_BLESS").is_some() {
        for dir in ["completions", "man"] {
            let _ = std::fs::remove_dir_all(root.join(dir));
        }
        mailuser::generate::write_all(&root.join("completions"), &root.join("man")).unwrap();
    }
    let tmp = tempfile::tempdir().unwrap();
    mailuser::generate::write_all(&tmp.path().join("completions"), &tmp.path().join("man"))
        .unwrap();
    for dir in ["completions", "man"] {
        assert!(
            files(&root.join(dir)) == files(&tmp.path().join(dir)),
            "{dir}/ is stale: run `MAILUSER_BLESS=1 cargo test --test it generated` and commit the result"
        );
    }
}

#[test]
fn the_completions_command_prints_a_script() {
    let out = assert_cmd::Command::cargo_bin("mailuser")
        .unwrap()
        .args(["completions", "bash"])
        .assert()
        .success();
    let mut expected = Vec::new();
    mailuser::generate::completion(clap_complete::Shell::Bash, &mut expected);
    assert!(String::from_utf8_lossy(&expected).contains("_mailuser"));
    assert_eq!(out.get_output().stdout, expected);
}
