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
fn top_level_help() {
    insta::assert_snapshot!("help", help(&["--help"]));
    insta::assert_snapshot!("short_help", help(&["-h"]));
}

#[test]
fn command_help() {
    for command in ["disable", "remove", "add", "apply", "list", "init", "check"] {
        insta::assert_snapshot!(format!("help_{command}"), help(&[command, "--help"]));
    }
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
