//! What a run does when a person sits at a terminal: the note that `-`
//! is reading standard input, and the question before mail is deleted.
//! Each test runs the binary with standard input (and stderr) on a
//! pseudo-terminal; the same runs without a terminal must not ask.

#![cfg(unix)]

use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::process::{Command, ExitStatus, Stdio};

use crate::common::TestStore;

/// What a run on a terminal left: its exit status, its stdout, and
/// everything the terminal showed (its stderr and the echoed input).
struct Session {
    status: ExitStatus,
    stdout: String,
    terminal: String,
}

/// Runs `cmd` with standard input and stderr on a new pseudo-terminal
/// and types `input` into it (`\x04`, Ctrl-D, at the start of a line is
/// the end of input).
fn on_a_terminal(mut cmd: Command, input: &[u8]) -> Session {
    let (mut master, mut slave) = (-1, -1);
    // SAFETY: both out-pointers are valid; null name, termios and size
    // are allowed.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        )
    };
    assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
    // SAFETY: openpty returned two open descriptors that nothing else owns.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    for fd in [master.as_raw_fd(), slave.as_raw_fd()] {
        // SAFETY: the descriptor is open. FD_CLOEXEC keeps children that
        // other tests spawn meanwhile from holding the terminal open.
        assert_ne!(
            unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) },
            -1
        );
    }
    cmd.stdin(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave))
        .stdout(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn on a terminal");
    drop(cmd);
    let mut master = std::fs::File::from(master);
    master.write_all(input).unwrap();
    let reader = {
        let mut master = master.try_clone().unwrap();
        std::thread::spawn(move || {
            let mut out = Vec::new();
            let mut buf = [0u8; 4096];
            loop {
                match master.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => out.extend_from_slice(&buf[..n]),
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    // Linux reports EIO once every child end is closed.
                    Err(e) if e.raw_os_error() == Some(libc::EIO) => break,
                    Err(e) => panic!("reading the terminal: {e}"),
                }
            }
            out
        })
    };
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    let status = child.wait().unwrap();
    drop(master);
    let terminal = reader.join().unwrap();
    Session {
        status,
        stdout,
        terminal: String::from_utf8_lossy(&terminal).into_owned(),
    }
}

#[test]
fn a_dash_on_a_terminal_says_it_reads_standard_input() {
    let store = TestStore::example();
    let mut cmd = store.std_cmd();
    cmd.env("MAILUSER_ACTOR", "admin@example.com")
        .args(["disable", "-"]);
    let run = on_a_terminal(cmd, b"jdoe@example.com\n\x04");
    assert!(run.status.success(), "{}: {}", run.status, run.terminal);
    assert!(
        run.terminal.contains(
            "mailuser: warning: reading accounts from standard input, one per line, \
             until end of input (Ctrl-D)"
        ),
        "no note on the terminal: {:?}",
        run.terminal
    );
    assert_eq!(run.stdout, "jdoe@example.com: disabled\n");
}

#[test]
fn a_dash_without_a_terminal_reads_quietly() {
    let store = TestStore::example();
    store
        .run_as("admin@example.com")
        .args(["disable", "-"])
        .write_stdin("jdoe@example.com\n")
        .assert()
        .success()
        .stdout("jdoe@example.com: disabled\n")
        .stderr("");
}

#[test]
fn apply_dash_on_a_terminal_says_it_reads_standard_input() {
    let store = TestStore::example();
    let mut cmd = store.std_cmd();
    cmd.env("MAILUSER_ACTOR", "admin@example.com")
        .args(["apply", "-"]);
    let run = on_a_terminal(cmd, b"action,user\ndisable,jdoe@example.com\n\x04");
    assert!(run.status.success(), "{}: {}", run.status, run.terminal);
    assert!(
        run.terminal
            .contains("reading the bulk CSV from standard input until end of input (Ctrl-D)"),
        "no note on the terminal: {:?}",
        run.terminal
    );
    assert_eq!(run.stdout, "line 2: jdoe@example.com: disabled\n");
}
