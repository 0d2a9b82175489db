//! What every command's man page holds: a SYNOPSIS with option arguments
//! and `USER...`, a DESCRIPTION beyond the one-line help, EXAMPLES (never
//! clap's `EXTRA`), EXIT STATUS and SEE ALSO; and that groff reads them
//! without a warning.

use std::path::{Path, PathBuf};

/// The man pages as the generator writes them now.
fn pages() -> (tempfile::TempDir, Vec<PathBuf>) {
    let tmp = tempfile::tempdir().unwrap();
    mailuser::generate::write_all(&tmp.path().join("completions"), &tmp.path().join("man"))
        .unwrap();
    let mut pages: Vec<PathBuf> = std::fs::read_dir(tmp.path().join("man"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    pages.sort();
    (tmp, pages)
}

/// The text of section `name` of a page (up to the next `.SH`).
fn section<'a>(page: &'a str, name: &str) -> Option<&'a str> {
    let heading = [format!(".SH {name}\n"), format!(".SH \"{name}\"\n")];
    let at = heading
        .iter()
        .find_map(|h| page.find(h.as_str()).map(|at| at + h.len()))?;
    let rest = &page[at..];
    Some(&rest[..rest.find("\n.SH ").map_or(rest.len(), |end| end + 1)])
}

fn name_of(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn every_page_has_description_examples_exit_status_and_see_also() {
    let (_tmp, pages) = pages();
    assert!(pages.len() > 10, "{pages:?}");
    for path in &pages {
        let name = name_of(path);
        let page = std::fs::read_to_string(path).unwrap();
        assert!(!page.contains(".SH EXTRA"), "{name}: clap's EXTRA section");
        for heading in ["NAME", "SYNOPSIS", "DESCRIPTION", "EXIT STATUS", "SEE ALSO"] {
            assert!(section(&page, heading).is_some(), "{name}: no {heading}");
        }
        let examples = section(&page, "EXAMPLES").unwrap_or_else(|| panic!("{name}: no EXAMPLES"));
        assert!(examples.contains("mailuser"), "{name}: {examples}");
        // More than the one-line help: at least one paragraph of its own.
        let description = section(&page, "DESCRIPTION").unwrap();
        assert!(
            description.matches(".PP").count() >= 1 && description.len() > 150,
            "{name}: a description no longer than its help line:\n{description}"
        );
        if name != "mailuser" {
            assert!(
                section(&page, "SEE ALSO")
                    .unwrap()
                    .contains(".BR mailuser (1)"),
                "{name}: SEE ALSO does not name mailuser(1)"
            );
            let exit = section(&page, "EXIT STATUS").unwrap();
            assert!(exit.contains("\\fB0\\fR"), "{name}: {exit}");
        }
    }
}

#[test]
fn the_synopsis_shows_option_arguments_and_repeated_users() {
    let (tmp, _) = pages();
    let synopsis = |name: &str| {
        let page =
            std::fs::read_to_string(tmp.path().join("man").join(format!("{name}.1"))).unwrap();
        section(&page, "SYNOPSIS").unwrap().trim().to_string()
    };
    for command in ["disable", "enable", "unlock"] {
        assert_eq!(
            synopsis(&format!("mailuser-{command}")),
            format!("\\fBmailuser\\fR [\\fIGLOBAL OPTIONS\\fR] \\fB{command}\\fR \\fIUSER\\fR...")
        );
    }
    assert_eq!(
        synopsis("mailuser-remove"),
        "\\fBmailuser\\fR [\\fIGLOBAL OPTIONS\\fR] \\fBremove\\fR (\\fB\\-\\-keep\\-mailbox\\fR \
         | \\fB\\-\\-transfer\\-to\\fR \\fIUSER\\fR | \\fB\\-\\-delete\\-mailbox\\fR) \
         [\\fB\\-\\-purge\\-settings\\fR] [\\fB\\-\\-missing\\-ok\\fR] \\fIUSER\\fR..."
    );
    let main = synopsis("mailuser");
    for part in [
        "[\\fB\\-\\-store\\fR \\fIDIR\\fR]",
        "[\\fB\\-\\-wait\\fR \\fISECONDS\\fR]",
        "[\\fB\\-v\\fR|\\fB\\-\\-verbose\\fR]...",
        "\\fICOMMAND\\fR",
    ] {
        assert!(main.contains(part), "{part} not in {main}");
    }
    assert!(
        synopsis("mailuser-list").contains(
            "[\\fB\\-\\-disabled\\fR | \\fB\\-\\-enabled\\fR | \\fB\\-\\-locked\\fR | \
             \\fB\\-\\-orphans\\fR | \\fB\\-\\-removed\\fR] [\\fB\\-\\-domain\\fR \\fIDOMAIN\\fR]"
        ),
        "{}",
        synopsis("mailuser-list")
    );
}

/// groff reads every page without a warning (where groff is installed).
#[test]
fn groff_reads_every_page_without_a_warning() {
    let (_tmp, pages) = pages();
    let groff = std::process::Command::new("groff")
        .arg("--version")
        .output();
    if !groff.is_ok_and(|o| o.status.success()) {
        crate::common::skipped(
            "man_pages::groff_reads_every_page_without_a_warning",
            "no groff on PATH",
        );
        return;
    }
    for path in &pages {
        let out = std::process::Command::new("groff")
            .args(["-man", "-ww", "-z", "-Tutf8"])
            .arg(path)
            .output()
            .unwrap();
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{}: {}",
            name_of(path),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
