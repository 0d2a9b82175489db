//! The performance targets of SPEC §10, each measured beside its baseline in
//! the same run. Run with `cargo bench --bench targets`; set
//! `MAILUSER_BENCH_RUNS` to change the number of runs per case (default 5),
//! and `MAILUSER_BENCH_ONLY` to run only the cases whose name contains it
//! or one of its comma-separated parts (`MAILUSER_BENCH_ONLY=check,list`).
//!
//! Prints, per case, the median time of mailuser, the median of its
//! baseline, their ratio, the target and PASS or FAIL, and exits non-zero
//! when a target is missed.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The binary timed (see [`build_shipped`]).
static BIN: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

fn bin() -> &'static Path {
    BIN.get().expect("mailuser is built before any case runs")
}

/// Builds mailuser as it ships, in a target folder of its own, and
/// returns its path. `cargo bench` builds `CARGO_BIN_EXE_mailuser` with the
/// test-only `failpoints` feature (the tests' dev-dependency on this
/// package turns it on for every test and bench target), a larger binary
/// that looks up an environment variable at every step; timing that one
/// would time code no user runs.
fn build_shipped() -> PathBuf {
    println!("building mailuser as shipped (release, without failpoints) ...");
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("shipped");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
    let status = Command::new(cargo)
        .args(["build", "--release", "--locked", "--bin", "mailuser"])
        .arg("--target-dir")
        .arg(&target)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("cargo runs");
    assert!(status.success(), "building mailuser failed");
    let bin = target
        .join("release")
        .join(format!("mailuser{}", std::env::consts::EXE_SUFFIX));
    let bytes = std::fs::read(&bin).unwrap();
    let marker = b"MAILUSER_FAILPOINT";
    assert!(
        !bytes.windows(marker.len()).any(|w| w == marker),
        "{} has failpoints compiled in",
        bin.display()
    );
    bin
}
const ADMIN: &str = "admin@example.com";

fn runs() -> usize {
    std::env::var("MAILUSER_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
}

/// Whether the case `name` is to run (see `MAILUSER_BENCH_ONLY`).
fn wanted(name: &str) -> bool {
    std::env::var("MAILUSER_BENCH_ONLY")
        .map_or(true, |only| only.split(',').any(|part| name.contains(part)))
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs mailuser on `store` and returns its wall time, failing loudly if
/// it does not succeed.
#[allow(clippy::zombie_processes, reason = "wait_with_rss reaps the child")]
fn mailuser(store: &Path, args: &[&str]) -> Duration {
    let start = Instant::now();
    let child = Command::new(bin())
        .arg("--store")
        .arg(store)
        .args(["--as", ADMIN, "-q"])
        .args(args)
        .env("MAILUSER_LOG_DIR", store.join("logs"))
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("mailuser starts");
    let (status, _) = wait_with_rss(child.id());
    let elapsed = start.elapsed();
    assert!(status == 0, "mailuser {args:?} exited {status}");
    elapsed
}

/// waitpid with resource usage, to read the child's own max RSS.
fn wait_with_rss(pid: u32) -> (i32, u64) {
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid, and wait4 only writes into it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own child, which we have not waited for yet.
    let got = unsafe { libc::wait4(pid as i32, &mut status, 0, &mut usage) };
    assert_eq!(got, pid as i32, "wait4 failed");
    (libc::WEXITSTATUS(status), usage.ru_maxrss as u64)
}

fn sh(args: &[&str]) -> Duration {
    let start = Instant::now();
    let status = Command::new(args[0])
        .args(&args[1..])
        .status()
        .expect("command runs");
    assert!(status.success(), "{args:?} failed");
    start.elapsed()
}

fn init(store: &Path, extra: &[&str]) {
    let status = Command::new(bin())
        .arg("init")
        .arg(store)
        .args(extra)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("init runs");
    assert!(status.success());
}

/// The baseline of the directory targets (SPEC §10): one serde_json parse
/// of the directory into a `Value`, and one pretty write, sync and rename
/// of it.
fn parse_and_write(file: &Path, out: &Path) -> Duration {
    let start = Instant::now();
    let bytes = std::fs::read(file).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    drop(bytes);
    let tmp = out.with_extension("tmp");
    let f = File::create(&tmp).unwrap();
    let mut w = BufWriter::with_capacity(1 << 20, &f);
    serde_json::to_writer_pretty(&mut w, &value).unwrap();
    w.flush().unwrap();
    drop(w);
    f.sync_all().unwrap();
    std::fs::rename(&tmp, out).unwrap();
    start.elapsed()
}

/// The baseline of `check`: one serde_json parse of the directory.
/// The physical floor of a one-account change: copy the file, sync it.
fn copy_and_sync(file: &Path, out: &Path) -> Duration {
    let start = Instant::now();
    std::fs::copy(file, out).unwrap();
    File::open(out).unwrap().sync_all().unwrap();
    start.elapsed()
}

fn parse_only(file: &Path) -> Duration {
    let start = Instant::now();
    let bytes = std::fs::read(file).unwrap();
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    drop(bytes);
    drop(value);
    start.elapsed()
}

struct Report {
    failed: bool,
}

impl Report {
    fn header() {
        println!(
            "{:<44} {:>12} {:>12} {:>8} {:>8}  result",
            "case", "mailuser ms", "baseline ms", "ratio", "target"
        );
    }

    fn ratio(&mut self, case: &str, ours: Duration, base: Duration, target: f64) {
        let ratio = ms(ours) / ms(base);
        let pass = ratio <= target;
        self.failed |= !pass;
        println!(
            "{case:<44} {:>12.1} {:>12.1} {ratio:>8.2} {:>8}  {}",
            ms(ours),
            ms(base),
            format!("<={target}"),
            if pass { "PASS" } else { "FAIL" }
        );
    }

    fn absolute(&mut self, case: &str, ours: Duration, base: Duration, limit_ms: f64) {
        let pass = ms(ours) < limit_ms;
        self.failed |= !pass;
        println!(
            "{case:<44} {:>12.1} {:>12.1} {:>8.2} {:>8}  {}",
            ms(ours),
            ms(base),
            ms(ours) / ms(base),
            format!("<{limit_ms}ms"),
            if pass { "PASS" } else { "FAIL" }
        );
    }

    fn info(&self, case: &str, ours: Duration, base: Duration) {
        println!(
            "{case:<44} {:>12.1} {:>12.1} {:>8.2} {:>8}  info",
            ms(ours),
            ms(base),
            ms(ours) / ms(base),
            "-"
        );
    }
}

/// The addresses of a directory, admin first.
fn accounts(store: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(store.join("users.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            format!(
                "{}@{}",
                u["name"].as_str().unwrap(),
                u["domain"].as_str().unwrap()
            )
        })
        .collect()
}

/// A small mailbox (two folders, a message, an index) for `address`.
fn small_mailbox(store: &Path, address: &str) {
    let (name, domain) = address.split_once('@').unwrap();
    let inbox = store.join("mail").join(domain).join(name).join("INBOX");
    std::fs::create_dir_all(inbox.join("#msgs")).unwrap();
    std::fs::write(inbox.join("index.fld"), "<index/>\n").unwrap();
    std::fs::write(
        inbox.join("#msgs/00000001.eml"),
        format!("To: {address}\r\n\r\nhello\r\n"),
    )
    .unwrap();
}

/// Puts the big store back as it was before a changing case.
fn restore(store: &Path, pristine: &Path) {
    std::fs::copy(pristine, store.join("users.json")).unwrap();
    for leftover in ["users.json.bak", "mail", "im", ".trash", ".removed"] {
        let path = store.join(leftover);
        if path.is_dir() {
            std::fs::remove_dir_all(&path).unwrap();
        } else if path.exists() {
            std::fs::remove_file(&path).unwrap();
        }
    }
    std::fs::create_dir_all(store.join("mail")).unwrap();
    // What the set-up wrote is not the measured command's to write back
    // (a sync would otherwise flush it).
    sh(&["sync"]);
}

/// When the bench runs itself as `targets --peak-rss CMD...`, it runs CMD
/// and prints CMD's max RSS in KiB. Linux carries a parent's high-water
/// mark into a child across exec, so the peak of mailuser can only be read
/// from a small parent, not from this (large) one.
#[allow(clippy::zombie_processes, reason = "wait_with_rss reaps the child")]
fn peak_rss_helper() -> bool {
    let args: Vec<String> = std::env::args().collect();
    let Some(at) = args.iter().position(|a| a == "--peak-rss") else {
        return false;
    };
    let child = Command::new(&args[at + 1])
        .args(&args[at + 2..])
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("command starts");
    let (status, rss) = wait_with_rss(child.id());
    assert_eq!(status, 0, "{:?} failed", &args[at + 1..]);
    println!("{rss}");
    true
}

/// The peak memory of `mailuser disable` on `store`, in KiB.
fn peak_of_disable(store: &Path, account: &str) -> u64 {
    let out = Command::new(std::env::current_exe().unwrap())
        .arg("--peak-rss")
        .arg(bin())
        .arg("--store")
        .arg(store)
        .args(["--as", ADMIN, "-q", "disable", account])
        .output()
        .expect("helper runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
}

/// The baseline as a process of its own, as mailuser runs: started fresh,
/// with a heap that has not yet grown (`targets --parse-and-write FILE
/// OUT` or `targets --parse FILE`). The targets are judged against the
/// baseline timed inside this long-lived process, which reuses the memory
/// its earlier runs freed and is faster; this one is printed beside it.
fn baseline_process(args: &[&Path]) -> Duration {
    let start = Instant::now();
    let status = Command::new(std::env::current_exe().unwrap())
        .args(args)
        .status()
        .expect("the baseline runs");
    assert!(status.success(), "the baseline failed");
    start.elapsed()
}

/// When the bench runs itself as `targets --parse-and-write FILE OUT` or
/// `targets --parse FILE`.
fn baseline_helper() -> bool {
    let args: Vec<String> = std::env::args().collect();
    let path = |at: usize| Path::new(&args[at]);
    if let Some(at) = args.iter().position(|a| a == "--parse-and-write") {
        parse_and_write(path(at + 1), path(at + 2));
    } else if let Some(at) = args.iter().position(|a| a == "--parse") {
        parse_only(path(at + 1));
    } else {
        return false;
    }
    true
}

fn main() {
    if peak_rss_helper() || baseline_helper() {
        return;
    }
    BIN.get_or_init(build_shipped);
    let tmp = tempfile::Builder::new()
        .prefix("mailuser-bench")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    let failed = bench(tmp.path());
    drop(tmp);
    if failed {
        std::process::exit(1);
    }
}

/// Runs every case in `tmp`; returns whether a target was missed.
fn bench(tmp: &Path) -> bool {
    let runs = runs();
    let big = tmp.join("big");
    println!("generating a 100,000-account directory ...");
    init(
        &big,
        &["--sample", "99999", "--seed", "10", "--messages", "0"],
    );
    let pristine = tmp.join("users.pristine.json");
    std::fs::copy(big.join("users.json"), &pristine).unwrap();
    let size_kib = std::fs::metadata(&pristine).unwrap().len() / 1024;
    let all = accounts(&big);
    let target = &all[all.len() / 2];
    println!(
        "directory: {} accounts, {size_kib} KiB; {runs} runs per case\n",
        all.len()
    );

    let scratch = tmp.join("baseline.json");
    // A case's runs alternate with its baseline's, so that the disk's slow
    // moments (a sync takes 2 to 20 ms here) fall on both: medians of each.
    let beside_baseline = |case: &mut dyn FnMut() -> Duration| {
        let (mut ours, mut base, mut warm) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..runs {
            base.push(baseline_process(&[
                Path::new("--parse-and-write"),
                &pristine,
                &scratch,
            ]));
            warm.push(parse_and_write(&pristine, &scratch));
            ours.push(case());
        }
        (median(ours), median(base), median(warm))
    };

    let mut report = Report { failed: false };
    Report::header();

    // disable one account, and its peak memory
    let mut peak = None;
    if wanted("disable 1 of 100,000") {
        let (disable, baseline, warm) = beside_baseline(&mut || {
            restore(&big, &pristine);
            mailuser(&big, &["disable", target])
        });
        restore(&big, &pristine);
        peak = Some(peak_of_disable(&big, target));
        report.ratio("disable 1 of 100,000", disable, warm, 0.5);
        report.info(
            "disable 1 of 100,000 (vs the baseline as a process)",
            disable,
            baseline,
        );
        // The physical floor: copying the file and syncing it.
        let floor = median(
            (0..runs)
                .map(|_| copy_and_sync(&pristine, &scratch))
                .collect(),
        );
        report.info("disable 1 of 100,000 (vs copy + sync)", disable, floor);
    }

    if wanted("apply 10,000 rows") {
        // apply a 10,000-row offboarding CSV
        let csv = tmp.join("offboarding.csv");
        let rows: Vec<(String, &str)> = all[1..=10_000]
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let row = match i % 4 {
                    0 => format!("disable,{a},,,"),
                    1 => format!("remove,{a},keep,,"),
                    2 => format!("remove,{a},transfer,{ADMIN},true"),
                    _ => format!("remove,{a},delete,,"),
                };
                (row, a.as_str())
            })
            .collect();
        let mut text = String::from("action,user,mailbox,transfer_to,purge_settings\n");
        rows.iter().for_each(|(r, _)| {
            text.push_str(r);
            text.push('\n');
        });
        std::fs::write(&csv, text).unwrap();
        let (apply, baseline, warm) = beside_baseline(&mut || {
            restore(&big, &pristine);
            mailuser(&big, &["apply", csv.to_str().unwrap()])
        });
        report.ratio("apply 10,000 rows", apply, warm, 1.0);
        report.info(
            "apply 10,000 rows (vs the baseline as a process)",
            apply,
            baseline,
        );

        // The same run where the 5,000 transferred and deleted accounts have
        // mailboxes; its baseline adds moving and deleting as many with
        // rename and rm -rf.
        let with_mailboxes = |i: usize| i % 4 >= 2;
        let apply_mail = median(
            (0..runs)
                .map(|_| {
                    restore(&big, &pristine);
                    for (i, (_, address)) in rows.iter().enumerate() {
                        if with_mailboxes(i) {
                            small_mailbox(&big, address);
                        }
                    }
                    sh(&["sync"]);
                    mailuser(&big, &["apply", csv.to_str().unwrap()])
                })
                .collect(),
        );
        let moves = median(
            (0..runs)
                .map(|_| {
                    let area = tmp.join("moves");
                    let _ = std::fs::remove_dir_all(&area);
                    for (i, (_, address)) in rows.iter().enumerate() {
                        if with_mailboxes(i) {
                            small_mailbox(&area, address);
                        }
                    }
                    sh(&["sync"]);
                    let start = Instant::now();
                    let target = area.join("moved");
                    std::fs::create_dir(&target).unwrap();
                    for (i, (_, address)) in rows.iter().enumerate().filter(|(i, _)| i % 4 == 2) {
                        let (name, domain) = address.split_once('@').unwrap();
                        std::fs::rename(
                            area.join("mail").join(domain).join(name),
                            target.join(i.to_string()),
                        )
                        .unwrap();
                    }
                    let renamed = start.elapsed();
                    renamed + sh(&["rm", "-rf", area.join("mail").to_str().unwrap()])
                })
                .collect(),
        );
        report.ratio(
            "apply 10,000 rows, 5,000 with mailboxes",
            apply_mail,
            baseline + moves,
            3.0,
        );
    }

    // check of 100,000 accounts with no mailboxes, against one parse; the
    // two alternate, so that load from elsewhere falls on both alike
    if wanted("check") {
        restore(&big, &pristine);
        let (mut parses, mut fresh, mut checks) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..runs {
            parses.push(parse_only(&pristine));
            fresh.push(baseline_process(&[Path::new("--parse"), &pristine]));
            checks.push(mailuser(&big, &["check"]));
        }
        let ours = median(checks);
        report.ratio(
            "check, 100,000 accounts (vs one parse)",
            ours,
            median(parses),
            1.5,
        );
        report.info(
            "check, 100,000 accounts (vs one parse as a process)",
            ours,
            median(fresh),
        );
    }

    if wanted("list --format json") {
        // list --format json of 100,000 accounts, against one parse; the
        // two alternate, as for check
        restore(&big, &pristine);
        let (mut parses, mut fresh, mut lists) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..runs {
            parses.push(parse_only(&pristine));
            fresh.push(baseline_process(&[Path::new("--parse"), &pristine]));
            lists.push(mailuser(&big, &["list", "--format", "json"]));
        }
        let ours = median(lists);
        report.ratio(
            "list --format json, 100,000 (vs one parse)",
            ours,
            median(parses),
            1.0,
        );
        report.info(
            "list --format json, 100,000 (vs one parse as a process)",
            ours,
            median(fresh),
        );
    }

    if wanted("remove --") {
        // a 10,000-message mailbox: transfer and delete
        let mbox_store = tmp.join("mbox");
        init(
            &mbox_store,
            &["--sample", "1", "--seed", "1", "--messages", "10000"],
        );
        let owner = accounts(&mbox_store)[1].clone();
        let (name, domain) = owner.split_once('@').unwrap();
        let mailbox = mbox_store.join("mail").join(domain).join(name);
        let template = tmp.join("template-mailbox");
        sh(&[
            "cp",
            "-a",
            mailbox.to_str().unwrap(),
            template.to_str().unwrap(),
        ]);
        let mbox_users = tmp.join("mbox-users.json");
        std::fs::copy(mbox_store.join("users.json"), &mbox_users).unwrap();
        let reset_mailbox = || {
            std::fs::copy(&mbox_users, mbox_store.join("users.json")).unwrap();
            let admin_box = mbox_store.join("mail/example.com/admin");
            for entry in std::fs::read_dir(&admin_box).unwrap() {
                let path = entry.unwrap().path();
                if path
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("Deleted user")
                {
                    std::fs::rename(&path, &mailbox).unwrap();
                }
            }
            if !mailbox.exists() {
                sh(&[
                    "cp",
                    "-a",
                    template.to_str().unwrap(),
                    mailbox.to_str().unwrap(),
                ]);
            }
            std::fs::create_dir_all(mbox_store.join("im").join(domain).join(name)).unwrap();
        };
        let moved: PathBuf = tmp.join("moved-by-mv");
        let mv = median(
            (0..runs)
                .map(|_| {
                    reset_mailbox();
                    let t = sh(&["mv", mailbox.to_str().unwrap(), moved.to_str().unwrap()]);
                    std::fs::rename(&moved, &mailbox).unwrap();
                    t
                })
                .collect(),
        );
        let transfer = median(
            (0..runs)
                .map(|_| {
                    reset_mailbox();
                    mailuser(&mbox_store, &["remove", &owner, "--transfer-to", ADMIN])
                })
                .collect(),
        );
        report.absolute(
            "remove --transfer-to, 10,000 messages (vs mv)",
            transfer,
            mv,
            50.0,
        );

        let copy = tmp.join("rm-copy");
        let rm = median(
            (0..runs)
                .map(|_| {
                    sh(&[
                        "cp",
                        "-a",
                        template.to_str().unwrap(),
                        copy.to_str().unwrap(),
                    ]);
                    sh(&["rm", "-rf", copy.to_str().unwrap()])
                })
                .collect(),
        );
        let delete = median(
            (0..runs)
                .map(|_| {
                    reset_mailbox();
                    mailuser(&mbox_store, &["remove", &owner, "--delete-mailbox"])
                })
                .collect(),
        );
        report.ratio("remove --delete-mailbox, 10,000 messages", delete, rm, 1.5);
    }

    if wanted("1,000-account CSV store") {
        // a 1,000-account CSV store, end to end (recorded, no target)
        let small = tmp.join("csv");
        init(
            &small,
            &["--sample", "999", "--seed", "2", "--csv", "--messages", "0"],
        );
        let csv_users: Vec<String> = std::fs::read_to_string(small.join("users.csv"))
            .unwrap()
            .lines()
            .skip(2)
            .take(2)
            .map(|l| {
                let mut cells = l.split(',');
                let name = cells.next().unwrap();
                format!("{name}@{}", cells.next().unwrap())
            })
            .collect();
        let csv_run = median(
            (0..runs)
                .map(|i| {
                    let verb = if i % 2 == 0 { "disable" } else { "enable" };
                    let start = Instant::now();
                    mailuser(&small, &[verb, &csv_users[0]]);
                    mailuser(&small, &["list", "--format", "json"]);
                    start.elapsed()
                })
                .collect(),
        );
        let csv_base = median(
            (0..runs)
                .map(|_| {
                    let start = Instant::now();
                    sh(&[
                        "cp",
                        small.join("users.csv").to_str().unwrap(),
                        tmp.join("csv-copy").to_str().unwrap(),
                    ]);
                    start.elapsed()
                })
                .collect(),
        );
        report.info(
            "1,000-account CSV store: disable + list (vs cp)",
            csv_run,
            csv_base,
        );
    }

    if wanted("ldap") {
        ldap::cases(tmp, &big, &all, runs, &mut report);
    }

    let Some(peak) = peak else {
        return report.failed;
    };
    println!(
        "\npeak memory of disable: {} KiB for a {size_kib} KiB directory: {:.2}x (target <=1.5x) {}",
        peak,
        peak as f64 / size_kib as f64,
        if 2 * peak <= 3 * size_kib {
            "PASS"
        } else {
            "FAIL"
        }
    );
    report.failed || 2 * peak > 3 * size_kib
}

/// The LDAP targets of SPEC §10 against a private local slapd (skipped,
/// with a note, where slapd is not installed).
mod ldap {
    use std::os::unix::process::CommandExt;
    use std::path::{Path, PathBuf};
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    use super::{ADMIN, Report, bin, init, median, ms};

    const SUFFIX: &str = "dc=example,dc=com";

    fn encode(path: &Path) -> String {
        path.to_string_lossy()
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    }

    /// Starts slapd on a private socket; returns the ldapi:// server part.
    /// It dies with this process (PR_SET_PDEATHSIG on a parked thread).
    fn start(dir: &Path) -> Option<String> {
        let slapd = ["/usr/sbin/slapd", "/usr/local/sbin/slapd"]
            .into_iter()
            .map(PathBuf::from)
            .find(|p| p.is_file())?;
        std::fs::create_dir_all(dir.join("db")).unwrap();
        std::fs::create_dir_all(dir.join("slapd.d")).unwrap();
        // SAFETY: getuid and getgid cannot fail.
        let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
        let me = format!("gidNumber={gid}+uidNumber={uid},cn=peercred,cn=external,cn=auth");
        let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("ldap/mailuser.ldif");
        let config = format!(
            "dn: cn=config\nobjectClass: olcGlobal\ncn: config\n\n\
             dn: cn=module{{0}},cn=config\nobjectClass: olcModuleList\ncn: module{{0}}\n\
             olcModulePath: /usr/lib/ldap\nolcModuleLoad: back_mdb\n\n\
             dn: cn=schema,cn=config\nobjectClass: olcSchemaConfig\ncn: schema\n\n\
             include: file:///etc/ldap/schema/core.ldif\n\
             include: file:///etc/ldap/schema/cosine.ldif\n\
             include: file:///etc/ldap/schema/inetorgperson.ldif\n\
             include: file://{schema}\n\n\
             dn: olcDatabase={{-1}}frontend,cn=config\nobjectClass: olcDatabaseConfig\n\
             objectClass: olcFrontendConfig\nolcDatabase: {{-1}}frontend\nolcSizeLimit: unlimited\n\n\
             dn: olcDatabase={{1}}mdb,cn=config\nobjectClass: olcDatabaseConfig\n\
             objectClass: olcMdbConfig\nolcDatabase: {{1}}mdb\nolcSuffix: {SUFFIX}\n\
             olcRootDN: cn=admin,{SUFFIX}\nolcDbDirectory: {db}\nolcDbMaxSize: 8589934592\n\
             olcSizeLimit: unlimited\n\
             olcDbIndex: objectClass eq\nolcDbIndex: uid eq\nolcDbIndex: mail eq\n\
             olcDbIndex: mailuserMailbox eq,sub\nolcDbIndex: mailuserForwardTo eq\n\
             olcDbIndex: mailuserDeliverTo eq\nolcDbIndex: member eq\n\
             olcAccess: {{0}}to * by dn.exact={me} manage by * read\n",
            schema = schema.display(),
            db = dir.join("db").display(),
        );
        std::fs::write(dir.join("config.ldif"), config).unwrap();
        let added = Command::new(slapd.with_file_name("slapadd"))
            .args(["-n0", "-F"])
            .arg(dir.join("slapd.d"))
            .arg("-l")
            .arg(dir.join("config.ldif"))
            .status()
            .unwrap();
        assert!(added.success(), "slapadd failed");
        let socket = dir.join("ldapi");
        let server = format!("ldapi://{}", encode(&socket));
        let urls = format!("{server}/");
        let config_dir = dir.join("slapd.d");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut cmd = Command::new(slapd);
            cmd.arg("-F")
                .arg(&config_dir)
                .args(["-h", &urls, "-d", "0"])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            // SAFETY: prctl is async-signal-safe.
            unsafe {
                cmd.pre_exec(|| {
                    if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
            tx.send(cmd.spawn().map(|c| c.id())).unwrap();
            loop {
                std::thread::park();
            }
        });
        rx.recv().unwrap().expect("slapd starts");
        for _ in 0..500 {
            if socket.exists() && ldap(&server, "ldapadd", &base_ldif(SUFFIX)) {
                return Some(server);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("slapd did not come up");
    }

    fn base_ldif(dn: &str) -> String {
        if dn == SUFFIX {
            format!(
                "dn: {SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\ndc: example\no: example\n"
            )
        } else {
            let ou = dn.split(',').next().unwrap().trim_start_matches("ou=");
            format!("dn: {dn}\nobjectClass: organizationalUnit\nou: {ou}\n")
        }
    }

    /// Runs an ldap-utils tool with `ldif` on its standard input.
    fn ldap(server: &str, tool: &str, ldif: &str) -> bool {
        use std::io::Write;
        let mut child = Command::new(tool)
            .args(["-Q", "-Y", "EXTERNAL", "-H", server])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("ldap-utils installed");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(ldif.as_bytes())
            .unwrap();
        child.wait().unwrap().success()
    }

    fn run(store: &Path, url: &str, args: &[&str]) -> Duration {
        let start = Instant::now();
        let status = Command::new(bin())
            .arg("--store")
            .arg(store)
            .args(["--as", ADMIN, "-q", "--directory", url])
            .args(args)
            .env("MAILUSER_LOG_DIR", store.join("logs"))
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "mailuser {args:?} failed");
        start.elapsed()
    }

    /// The LDIF that sets mailuserEnabled of `accounts` (name@domain).
    fn set_enabled(base: &str, accounts: &[String], value: &str) -> String {
        let mut ldif = String::new();
        for account in accounts {
            let (name, domain) = account.split_once('@').unwrap();
            ldif.push_str(&format!(
                "dn: uid={name},ou={domain},{base}\nchangetype: modify\n\
                 replace: mailuserEnabled\nmailuserEnabled: {value}\n-\n\n"
            ));
        }
        ldif
    }

    pub(super) fn cases(tmp: &Path, big: &Path, all: &[String], runs: usize, report: &mut Report) {
        let Some(server) = start(&tmp.join("slapd")) else {
            println!("ldap: SKIPPED: slapd not installed");
            return;
        };
        let load = |store: &Path, ou: &str| -> String {
            let base = format!("ou={ou},{SUFFIX}");
            assert!(ldap(&server, "ldapadd", &base_ldif(&base)));
            let url = format!("{server}/{base}");
            let start = Instant::now();
            let status = Command::new(bin())
                .arg("--store")
                .arg(store)
                .args(["-q", "migrate", "--to", &url])
                .stdout(Stdio::null())
                .status()
                .unwrap();
            assert!(status.success());
            println!(
                "ldap: migrate of {} into {base}: {:.1} s",
                store.display(),
                start.elapsed().as_secs_f64()
            );
            url
        };
        let big_url = load(big, "big");
        let small = tmp.join("small");
        init(
            &small,
            &["--sample", "999", "--seed", "3", "--messages", "0"],
        );
        let small_users = super::accounts(&small);
        let small_url = load(&small, "small");
        // The process start: a run that reads nothing.
        let start_only = median(
            (0..runs)
                .map(|_| {
                    let start = Instant::now();
                    let status = Command::new(bin())
                        .arg("--version")
                        .stdout(Stdio::null())
                        .status()
                        .unwrap();
                    assert!(status.success());
                    start.elapsed()
                })
                .collect(),
        );
        for (case, store, url, users) in [
            (
                "ldap: disable 1 of 100,000 (beyond start)",
                big,
                &big_url,
                all,
            ),
            (
                "ldap: disable 1 of 1,000 (beyond start)",
                small.as_path(),
                &small_url,
                &small_users[..],
            ),
        ] {
            let disable = median(
                (0..runs)
                    .map(|i| run(store, url, &["disable", &users[1 + i]]))
                    .collect(),
            );
            report.absolute(case, disable.saturating_sub(start_only), start_only, 50.0);
        }
        // 10,000 disables: apply against ldapmodify of the same modifies.
        let leavers: Vec<String> = all[1..10_001].to_vec();
        let csv = tmp.join("ldap-leavers.csv");
        let mut text = String::from("action,user,mailbox,transfer_to,purge_settings\n");
        for account in &leavers {
            text.push_str(&format!("disable,{account},,,\n"));
        }
        std::fs::write(&csv, text).unwrap();
        let base = format!("ou=big,{SUFFIX}");
        let disable_ldif = set_enabled(&base, &leavers, "FALSE");
        let disable_file = tmp.join("ldap-disable.ldif");
        std::fs::write(&disable_file, &disable_ldif).unwrap();
        let reset = set_enabled(&base, &leavers, "TRUE");
        let used = |url: &str| -> String {
            let _ = url;
            let out = Command::new("ldapsearch")
                .args(["-Q", "-LLL", "-Y", "EXTERNAL", "-H", &server, "-b"])
                .arg(format!("cn=license,{base}"))
                .arg("mailuserSeatsUsed")
                .output()
                .unwrap();
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .find_map(|l| l.strip_prefix("mailuserSeatsUsed: "))
                .unwrap_or("0")
                .to_string()
        };
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        for _ in 0..runs {
            assert!(ldap(&server, "ldapmodify", &reset));
            let count = used(&big_url);
            ours.push(run(big, &big_url, &["apply", csv.to_str().unwrap()]));
            let restore = format!(
                "{reset}dn: cn=license,{base}\nchangetype: modify\nreplace: mailuserSeatsUsed\nmailuserSeatsUsed: {count}\n-\n\n"
            );
            assert!(ldap(&server, "ldapmodify", &restore));
            let start = Instant::now();
            let status = Command::new("ldapmodify")
                .args(["-Q", "-Y", "EXTERNAL", "-H", &server, "-f"])
                .arg(&disable_file)
                .stdout(Stdio::null())
                .status()
                .unwrap();
            assert!(status.success());
            theirs.push(start.elapsed());
        }
        report.ratio(
            "ldap: apply 10,000 disables (vs ldapmodify)",
            median(ours),
            median(theirs),
            1.5,
        );
        let _ = ms;
    }
}
