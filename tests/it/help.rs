//! The help a newcomer reads: snapshot-tested, and every flag and command
//! described.

use assert_cmd::Command;
use clap::CommandFactory;
use mailuser::cli::Cli;

fn help(args: &[&str]) -> String {
    let out = Command::cargo_bin("mailuser")
        .unwrap()
        .env_clear()
        .env("COLUMNS", "100")
        .args(args)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn short_help() {
    insta::assert_snapshot!("short_help", help(&["-h"]));
}

/// The path of every command of the definition, the top level (`[]`)
/// included, walking subcommands at every depth.
fn command_paths() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, path: &mut Vec<String>, all: &mut Vec<Vec<String>>) {
        all.push(path.clone());
        for sub in cmd.get_subcommands() {
            path.push(sub.get_name().to_string());
            walk(sub, path, all);
            path.pop();
        }
    }
    let mut all = Vec::new();
    walk(&Cli::command(), &mut Vec::new(), &mut all);
    all
}

/// The snapshot of `mailuser PATH... --help`: `help` for the top level,
/// `help_<command>_<subcommand>...` below it.
fn snapshot_name(path: &[String]) -> String {
    std::iter::once("help")
        .chain(path.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("_")
}

/// `--help` (the long help) of every command is snapshot-tested: a new
/// command gets a new snapshot, which the run fails without.
#[test]
fn every_command_help() {
    let paths = command_paths();
    assert!(paths.len() > 10, "the walk found {} commands", paths.len());
    for path in &paths {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        insta::assert_snapshot!(snapshot_name(path), help(&args));
    }
}

/// No help snapshot is left over from a command that is gone.
#[test]
fn no_help_snapshot_without_its_command() {
    let expected: std::collections::BTreeSet<String> = command_paths()
        .iter()
        .map(|path| format!("it__help__{}.snap", snapshot_name(path)))
        .chain(["it__help__short_help.snap".to_string()])
        .collect();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/snapshots");
    let unused: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("it__help__") && name.ends_with(".snap"))
        .filter(|name| !expected.contains(name))
        .collect();
    assert!(
        unused.is_empty(),
        "help snapshots of no command (delete them): {unused:?}"
    );
}

#[test]
fn every_command_and_flag_is_described() {
    fn check(cmd: &clap::Command, path: &str) {
        for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            assert!(
                arg.get_help().is_some() || arg.get_long_help().is_some(),
                "{path} {} has no help",
                arg.get_id()
            );
        }
        for sub in cmd.get_subcommands() {
            assert!(
                sub.get_about().is_some(),
                "{path} {} has no description",
                sub.get_name()
            );
            check(sub, &format!("{path} {}", sub.get_name()));
        }
    }
    let mut cmd = Cli::command();
    cmd.build();
    check(&cmd, "mailuser");
}
