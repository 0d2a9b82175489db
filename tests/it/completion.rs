//! Dynamic completion (`source <(COMPLETE=bash mailuser)`), driven
//! through clap_complete's protocol as a shell drives it: the binary runs
//! with `COMPLETE=bash`, `_CLAP_COMPLETE_INDEX` (the index of the word
//! being completed), `_CLAP_IFS` (the separator of the answers) and the
//! words of the command line after `--`; and once under a real bash.

use std::path::Path;

use crate::common::TestStore;

/// The binary ready to complete, with a clean environment (`HOME` and the
/// working folder set to the store's temporary folder, where a file
/// `leavers.csv` lies, so that file completion shows).
fn completer(store: &TestStore) -> assert_cmd::Command {
    std::fs::write(store.tmp.path().join("leavers.csv"), "action,user\n").unwrap();
    let mut cmd = assert_cmd::Command::cargo_bin("mailuser").unwrap();
    cmd.env_clear()
        .env("HOME", store.tmp.path())
        .current_dir(store.tmp.path())
        .env("COMPLETE", "bash")
        .env("_CLAP_IFS", "\n");
    cmd
}

/// The candidates for the last of `words` (`mailuser` first).
fn complete_with(mut cmd: assert_cmd::Command, words: &[&str]) -> Vec<String> {
    let out = cmd
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
        .arg("--")
        .args(words)
        .assert()
        .success()
        .stderr("");
    String::from_utf8(out.get_output().stdout.clone())
        .unwrap()
        .lines()
        .map(str::to_string)
        .filter(|c| !c.is_empty())
        .collect()
}

/// The candidates with `--store` given on the line.
fn complete(store: &TestStore, words: &[&str]) -> Vec<String> {
    let root = store.root.to_str().unwrap();
    let mut line = vec!["mailuser", "--store", root];
    line.extend(&words[1..]);
    complete_with(completer(store), &line)
}

/// Only the candidates that are accounts (no options).
fn addresses(candidates: Vec<String>) -> Vec<String> {
    candidates.into_iter().filter(|c| c.contains('@')).collect()
}

#[test]
fn users_complete_to_the_accounts_the_command_would_change() {
    let store = TestStore::example();
    assert_eq!(
        complete(&store, &["mailuser", "disable", "j"]),
        ["jdoe@example.com"]
    );
    // disable offers enabled accounts, enable disabled ones, unlock
    // locked ones; remove every one.
    let disable = addresses(complete(&store, &["mailuser", "disable", ""]));
    assert!(disable.contains(&"tlock@example.com".to_string()));
    assert!(!disable.contains(&"gone@example.com".to_string()));
    assert_eq!(
        addresses(complete(&store, &["mailuser", "enable", ""])),
        ["gone@example.com"]
    );
    assert_eq!(
        addresses(complete(&store, &["mailuser", "unlock", ""])),
        ["tlock@example.com"]
    );
    assert_eq!(
        addresses(complete(
            &store,
            &[
                "mailuser",
                "remove",
                "--keep-mailbox",
                "jdoe@example.com",
                "g"
            ]
        )),
        ["gone@example.com"]
    );
    // Case does not matter, as for names on the command line.
    assert_eq!(
        complete(&store, &["mailuser", "show", "ZO"]),
        ["zoë@example.org"]
    );
}

#[test]
fn options_that_name_accounts_or_domains_complete_them() {
    let store = TestStore::example();
    // --as: enabled, unlocked accounts with the rights to change others.
    assert_eq!(
        complete(&store, &["mailuser", "--as", ""]),
        [
            "admin@example.com",
            "boss@example.com",
            "mlee@example.com",
            "ozil@example.org"
        ]
    );
    assert_eq!(
        complete(&store, &["mailuser", "--as=b"]),
        ["--as=boss@example.com"]
    );
    assert_eq!(
        complete(
            &store,
            &[
                "mailuser",
                "remove",
                "jdoe@example.com",
                "--transfer-to",
                "b"
            ]
        ),
        ["boss@example.com"]
    );
    assert_eq!(
        complete(&store, &["mailuser", "list", "--domain", ""]),
        ["example.com", "example.org"]
    );
    assert_eq!(
        complete(&store, &["mailuser", "list", "--group", ""]),
        ["helpdesk", "sales"]
    );
    // add: a new name at each domain, and kept mailboxes to re-attach.
    assert_eq!(
        complete(&store, &["mailuser", "add", "new@example"]),
        ["new@example.com", "new@example.org"]
    );
    std::fs::create_dir_all(store.path("mail/example.org/keptone/INBOX")).unwrap();
    assert_eq!(
        complete(&store, &["mailuser", "add", "k"]),
        ["keptone@example.org"]
    );
}

#[test]
fn the_store_is_the_one_the_line_names() {
    let store = TestStore::example();
    let other = TestStore::with_file(
        "users.json",
        r#"{"users": [{"name": "jx", "domain": "other.net"}]}"#,
    );
    let root = store.root.to_str().unwrap();
    let other_root = other.root.to_str().unwrap();
    let words = ["mailuser", "show", "--store", root, "j"];
    assert_eq!(
        complete_with(completer(&store), &words),
        ["jdoe@example.com"]
    );
    let quoted = format!("'{root}'");
    let words = ["mailuser", "--store", &quoted, "show", "j"];
    assert_eq!(
        complete_with(completer(&store), &words),
        ["jdoe@example.com"]
    );
    // MAILUSER_STORE when the line names none; the line wins over it.
    let mut cmd = completer(&store);
    cmd.env("MAILUSER_STORE", root);
    assert_eq!(
        complete_with(cmd, &["mailuser", "show", "j"]),
        ["jdoe@example.com"]
    );
    let mut cmd = completer(&store);
    cmd.env("MAILUSER_STORE", root);
    assert_eq!(
        complete_with(cmd, &["mailuser", "--store", other_root, "show", "j"]),
        ["jx@other.net"]
    );
    // A store given relative to the working folder, or under ~.
    let words = ["mailuser", "--store", "store", "show", "jd"];
    assert_eq!(
        complete_with(completer(&store), &words),
        ["jdoe@example.com"]
    );
    let words = ["mailuser", "--store", "~/store", "show", "jd"];
    assert_eq!(
        complete_with(completer(&store), &words),
        ["jdoe@example.com"]
    );
}

#[test]
fn an_unreadable_store_completes_nothing_quietly() {
    let broken = TestStore::with_file("users.json", "{ not json");
    let missing = broken.tmp.path().join("no-such-store");
    for root in [broken.root.as_path(), missing.as_path()] {
        let root = root.to_str().unwrap();
        let words = ["mailuser", "--store", root, "disable", "j"];
        assert!(
            complete_with(completer(&broken), &words).is_empty(),
            "{root}"
        );
    }
    // No --store and no MAILUSER_STORE: the default store, which a test
    // machine does not have.
    assert!(complete_with(completer(&broken), &["mailuser", "show", "j"]).is_empty());
}

#[test]
fn files_complete_only_where_a_file_is_expected() {
    let store = TestStore::example();
    let has_file = |candidates: &[String]| candidates.iter().any(|c| c.contains("leavers.csv"));
    assert!(has_file(&complete(&store, &["mailuser", "apply", "l"])));
    // --store, --log-dir and init want folders.
    for option in ["--store", "--log-dir"] {
        let found = complete_with(completer(&store), &["mailuser", option, ""]);
        assert!(found.contains(&"store/".to_string()), "{option}: {found:?}");
        assert!(!has_file(&found), "{option}: {found:?}");
    }
    assert_eq!(
        complete_with(completer(&store), &["mailuser", "--store", "st"]),
        ["store/"]
    );
    assert_eq!(
        complete_with(completer(&store), &["mailuser", "init", "st"]),
        ["store/"]
    );
    for words in [
        &["mailuser", "disable", "l"][..],
        &["mailuser", "show", "l"],
        &["mailuser", "add", "l"],
        &["mailuser", "--wait", ""],
        &["mailuser", "--as", "l"],
        &["mailuser", "list", "--domain", "l"],
        &["mailuser", "init", "x", "--sample", ""],
    ] {
        let found = complete(&store, words);
        assert!(!has_file(&found), "{words:?}: {found:?}");
        assert!(
            !found.contains(&"store/".to_string()),
            "{words:?}: {found:?}"
        );
    }
    assert!(complete(&store, &["mailuser", "--wait", ""]).is_empty());
}

#[test]
fn completion_under_a_real_bash() {
    let store = TestStore::example();
    let bin = assert_cmd::cargo::cargo_bin("mailuser");
    // What `source <(COMPLETE=bash mailuser)` sources: the registration
    // script, which calls this binary back.
    let script = std::process::Command::new(&bin)
        .env_clear()
        .env("COMPLETE", "bash")
        .output()
        .unwrap();
    assert!(script.status.success());
    let script = String::from_utf8(script.stdout).unwrap();
    assert!(script.contains("_clap_complete_mailuser"), "{script}");
    assert!(
        script.contains("-F _clap_complete_mailuser mailuser"),
        "{script}"
    );
    let script_path = store.tmp.path().join("mailuser.bash");
    std::fs::write(&script_path, &script).unwrap();
    // Complete `mailuser --store STORE disable j` as bash would, then the
    // words of COMPREPLY, one per line.
    let probe = r#"
        source "$SCRIPT"
        complete -p mailuser
        COMP_WORDS=(mailuser --store "$STORE" disable j)
        COMP_CWORD=4
        COMP_LINE="mailuser --store $STORE disable j"
        COMP_POINT=${#COMP_LINE}
        COMP_TYPE=9
        _clap_complete_mailuser mailuser j disable
        printf 'reply: %s\n' "${COMPREPLY[@]}"
        COMP_WORDS=(mailuser --store "$STORE" enable '')
        _clap_complete_mailuser mailuser '' enable
        printf 'enable: %s\n' "${COMPREPLY[@]}"
    "#;
    let bash = match which_bash() {
        Some(bash) => bash,
        None => {
            crate::common::skipped(
                "completion::completion_under_a_real_bash",
                "no bash on PATH",
            );
            return;
        }
    };
    let out = std::process::Command::new(bash)
        .env_clear()
        .env("SCRIPT", &script_path)
        .env("STORE", &store.root)
        .env("HOME", store.tmp.path())
        .args(["--norc", "--noprofile", "-c", probe])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines[0].starts_with("complete ") && lines[0].ends_with(" mailuser"),
        "{stdout}"
    );
    assert!(lines.contains(&"reply: jdoe@example.com"), "{stdout}");
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("reply: ")).count(),
        1,
        "{stdout}"
    );
    assert!(lines.contains(&"enable: gone@example.com"), "{stdout}");
    assert!(!lines.contains(&"enable: jdoe@example.com"), "{stdout}");
}

/// bash, from the PATH the tests run with.
fn which_bash() -> Option<std::path::PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join("bash"))
        .find(|p| Path::new(p).is_file())
}

/// The static scripts of `mailuser completions SHELL` are still there
/// for shells set up from a file, and the binary is not completing when
/// COMPLETE is unset, empty or `0`.
#[test]
fn without_complete_the_binary_runs_as_usual() {
    let store = TestStore::example();
    for value in [None, Some(""), Some("0")] {
        let mut cmd = assert_cmd::Command::cargo_bin("mailuser").unwrap();
        cmd.env_clear().args(["completions", "bash"]);
        if let Some(value) = value {
            cmd.env("COMPLETE", value);
        }
        let out = cmd.assert().success();
        let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
        assert!(text.contains("_mailuser()"), "{value:?}");
    }
    store
        .cmd()
        .args(["show", "jdoe"])
        .assert()
        .success()
        .stdout(predicates::str::contains("jdoe@example.com"));
}

#[test]
fn restore_and_purge_complete_removed_accounts() {
    let store = TestStore::example();
    store
        .run_as("admin@example.com")
        .args([
            "--retain",
            "30",
            "remove",
            "jdoe@example.com",
            "--keep-mailbox",
        ])
        .assert()
        .success();
    assert_eq!(
        complete(&store, &["mailuser", "restore", "j"]),
        ["jdoe@example.com"]
    );
    assert_eq!(
        complete(&store, &["mailuser", "purge", "j"]),
        ["jdoe@example.com"]
    );
    // history: accounts and removed ones.
    assert_eq!(
        complete(&store, &["mailuser", "history", "j"]),
        ["jdoe@example.com"]
    );
    assert_eq!(
        complete(&store, &["mailuser", "history", "a"]),
        ["admin@example.com", "asmith@example.com"]
    );
    assert!(complete(&store, &["mailuser", "restore", "a"]).is_empty());
}
