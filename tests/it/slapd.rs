//! Real OpenLDAP servers for the LDAP tests (SPEC §13), each on a free
//! loopback port and a private socket, with a private cn=config in a
//! temporary folder (`mailuser-slapd-<pid>/<name>`):
//!
//! - [`server`]: the one most tests share, started on first use. Each test
//!   gets its own subtree (`ou=t<N>,dc=example,dc=com`), so tests run in
//!   parallel.
//! - [`tls_server`]: a second shared one, started on first use, with a CA
//!   and a server certificate for 127.0.0.1 and localhost that the tests
//!   generate with the openssl CLI; it listens on `ldap://` (StartTLS) and
//!   `ldaps://`.
//! - [`private`]: one test's own server, which the test may stop and start
//!   again on the same data, or start without the mailuser schema. It is
//!   stopped and its folder removed when the test drops it.
//!
//! None outlives the test binary: each slapd is spawned by a thread that
//! waits until the server is to stop, with `PR_SET_PDEATHSIG` = SIGKILL,
//! which the kernel fires when that thread (so the process) ends. A shared
//! server's thread waits for ever, so it ends with the process.
//!
//! Where slapd (or, for TLS, openssl) is not installed, these return
//! `None` and the tests print `SKIPPED: ...` on stderr and pass; CI
//! installs them.

#![allow(dead_code)]

use std::collections::{BTreeMap, HashSet};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use ldap3::{LdapConn, Mod, Scope, SearchEntry};

use crate::common::{TestStore, skipped};

pub const SUFFIX: &str = "dc=example,dc=com";
pub const ROOT_DN: &str = "cn=admin,dc=example,dc=com";
pub const ROOT_PW: &str = "secret";

/// How a server is set up.
#[derive(Debug, Clone, Copy, Default)]
pub struct Setup {
    /// Leave the mailuser schema out (core, cosine and inetorgperson only).
    pub no_schema: bool,
    /// A certificate signed by a CA the test generates, and an `ldaps://`
    /// listener beside `ldap://`.
    pub tls: bool,
}

/// Where a server answers: enough to connect, without owning it.
#[derive(Debug, Clone)]
pub struct Endpoint {
    pub port: u16,
    pub socket: PathBuf,
}

impl Endpoint {
    /// `ldap://127.0.0.1:PORT`
    pub fn ldap_server(&self) -> String {
        format!("ldap://127.0.0.1:{}", self.port)
    }

    /// A root connection, over the socket (which a TLS server, that
    /// refuses a simple bind over plain `ldap://`, takes too).
    pub fn conn(&self) -> LdapConn {
        let socket = format!("ldapi://{}", encode_socket(&self.socket));
        let mut conn = LdapConn::new(&socket).unwrap();
        conn.simple_bind(ROOT_DN, ROOT_PW)
            .unwrap()
            .success()
            .unwrap();
        conn
    }
}

/// A running (or stopped) server.
pub struct Slapd {
    pub endpoint: Endpoint,
    pub port: u16,
    /// The `ldaps://` port, with [`Setup::tls`].
    pub ldaps_port: Option<u16>,
    pub dir: PathBuf,
    pub socket: PathBuf,
    /// The CA certificate (PEM) that signed the server's, with
    /// [`Setup::tls`].
    pub ca: Option<PathBuf>,
    binary: PathBuf,
    urls: String,
    /// The thread that keeps the process, while it runs.
    running: Mutex<Option<Keeper>>,
    /// Whether dropping it removes its folder (a private server's).
    private: bool,
}

/// Asks the thread that spawned a slapd to stop it, and hears when it has.
struct Keeper {
    pid: libc::pid_t,
    stop: mpsc::Sender<()>,
    stopped: mpsc::Receiver<()>,
}

static SERVER: OnceLock<Option<Slapd>> = OnceLock::new();
/// `mailuser-slapd-<pid>` in the temporary folder: every server's folder.
static ROOT: OnceLock<PathBuf> = OnceLock::new();
static TLS_SERVER: OnceLock<Option<Slapd>> = OnceLock::new();
static TREES: AtomicUsize = AtomicUsize::new(0);
static PRIVATE: AtomicUsize = AtomicUsize::new(0);
/// The process ids of the servers running now.
static RUNNING: Mutex<Vec<libc::pid_t>> = Mutex::new(Vec::new());

/// At the binary's exit, kills and reaps the servers still running (the
/// shared ones), so that none is left even as a zombie for `init` to reap,
/// and removes their folders. PDEATHSIG stays the guarantee where the
/// binary is killed (the next binary removes what that leaves).
extern "C" fn reap_at_exit() {
    let pids = std::mem::take(&mut *RUNNING.lock().unwrap_or_else(|e| e.into_inner()));
    for pid in pids {
        // SAFETY: kill and waitpid on our own child; no memory is shared.
        unsafe {
            libc::kill(pid, libc::SIGKILL);
            libc::waitpid(pid, std::ptr::null_mut(), 0);
        }
    }
    if let Some(root) = ROOT.get() {
        let _ = std::fs::remove_dir_all(root);
    }
}

/// The test binary's shared slapd, started on first use; `None` where
/// slapd is not installed.
pub fn server() -> Option<&'static Slapd> {
    SERVER
        .get_or_init(|| Slapd::start("shared", Setup::default()))
        .as_ref()
}

/// The shared server, or `None` after printing the skip note for `test`.
pub fn or_skip(test: &str) -> Option<&'static Slapd> {
    let server = server();
    if server.is_none() {
        skipped(test, "slapd not installed");
    }
    server
}

/// The test binary's shared slapd with TLS, started on first use; `None`
/// where slapd or openssl is not installed.
pub fn tls_server() -> Option<&'static Slapd> {
    TLS_SERVER
        .get_or_init(|| {
            Slapd::start(
                "tls",
                Setup {
                    tls: true,
                    ..Setup::default()
                },
            )
        })
        .as_ref()
}

/// The TLS server, or `None` after printing the skip note for `test`.
pub fn tls_or_skip(test: &str) -> Option<&'static Slapd> {
    let server = tls_server();
    if server.is_none() {
        skipped(test, "slapd or openssl not installed");
    }
    server
}

/// A server of `test`'s own, stopped and removed when dropped; `None`
/// (after the skip note) where slapd is not installed.
pub fn private(test: &str, setup: Setup) -> Option<Slapd> {
    let n = PRIVATE.fetch_add(1, Ordering::SeqCst);
    let server = Slapd::start(&format!("private-{n}"), setup);
    if server.is_none() {
        skipped(test, "slapd not installed");
    }
    server
}

fn slapd_binary() -> Option<PathBuf> {
    let candidates = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default();
    candidates
        .into_iter()
        .chain([PathBuf::from("/usr/sbin")])
        .map(|d| d.join("slapd"))
        .find(|p| p.is_file())
}

fn openssl_binary() -> Option<PathBuf> {
    let candidates = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default();
    candidates
        .into_iter()
        .chain([PathBuf::from("/usr/bin")])
        .map(|d| d.join("openssl"))
        .find(|p| p.is_file())
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().unwrap().port()
}

/// Percent-encodes a socket path for an ldapi:// URL.
pub fn encode_socket(path: &Path) -> String {
    path.to_string_lossy()
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The certificate files of a TLS server.
struct Certificates {
    ca: PathBuf,
    cert: PathBuf,
    key: PathBuf,
}

/// Generates in `dir`, with the openssl CLI, a CA (key and self-signed
/// certificate) and a server key and certificate for 127.0.0.1 and
/// localhost signed by it. EC P-256 keys: quick to make.
fn make_certificates(openssl: &Path, dir: &Path) -> Certificates {
    let run = |args: &[&str]| {
        let out = Command::new(openssl)
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .output()
            .expect("openssl runs");
        assert!(
            out.status.success(),
            "openssl {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"];
    run(&[
        &["req", "-x509", "-nodes"][..],
        &ec,
        &[
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "3650",
            "-subj",
            "/CN=mailuser test CA",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ],
    ]
    .concat());
    run(&[
        &["req", "-nodes"][..],
        &ec,
        &[
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            "/CN=localhost",
        ],
    ]
    .concat());
    std::fs::write(
        dir.join("server.ext"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\n\
         basicConstraints=critical,CA:FALSE\n\
         keyUsage=critical,digitalSignature\n\
         extendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    run(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "3650",
        "-extfile",
        "server.ext",
        "-out",
        "server.pem",
    ]);
    Certificates {
        ca: dir.join("ca.pem"),
        cert: dir.join("server.pem"),
        key: dir.join("server.key"),
    }
}

fn config(dir: &Path, schema: Option<&Path>, tls: Option<&Certificates>) -> String {
    // SAFETY: getuid and getgid cannot fail.
    let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
    let me = format!("gidNumber={gid}+uidNumber={uid},cn=peercred,cn=external,cn=auth");
    let modules = ["/usr/lib/ldap", "/usr/lib64/openldap", "/usr/lib/openldap"]
        .into_iter()
        .find(|d| {
            Path::new(d).join("back_mdb.la").exists() || Path::new(d).join("back_mdb.so").exists()
        })
        .unwrap_or("/usr/lib/ldap");
    let mut schemas = ["core", "cosine", "inetorgperson"]
        .iter()
        .map(|s| format!("include: file:///etc/ldap/schema/{s}.ldif\n"))
        .collect::<String>();
    let mut indexes = String::from(
        "olcDbIndex: objectClass eq\nolcDbIndex: uid eq\nolcDbIndex: mail eq\nolcDbIndex: member eq\n",
    );
    if let Some(schema) = schema {
        schemas.push_str(&format!("include: file://{}\n", schema.display()));
        indexes.push_str(
            "olcDbIndex: mailuserMailbox eq,sub\n\
             olcDbIndex: mailuserForwardTo eq\n\
             olcDbIndex: mailuserDeliverTo eq\n",
        );
    }
    // A TLS server takes a password only over an encrypted connection
    // (TLS, or the socket), so a test knows its bind went over TLS.
    let tls = tls.map_or(String::new(), |c| {
        format!(
            "olcTLSCACertificateFile: {}\nolcTLSCertificateFile: {}\n\
             olcTLSCertificateKeyFile: {}\nolcSecurity: simple_bind=64\n",
            c.ca.display(),
            c.cert.display(),
            c.key.display()
        )
    });
    format!(
        "dn: cn=config
objectClass: olcGlobal
cn: config
olcPidFile: {dir}/slapd.pid
{tls}
dn: cn=module{{0}},cn=config
objectClass: olcModuleList
cn: module{{0}}
olcModulePath: {modules}
olcModuleLoad: back_mdb

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

{schemas}
dn: olcDatabase={{-1}}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {{-1}}frontend
olcSizeLimit: unlimited

dn: olcDatabase={{0}}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {{0}}config
olcAccess: {{0}}to * by dn.exact={me} manage by * none

dn: olcDatabase={{1}}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {{1}}mdb
olcSuffix: {SUFFIX}
olcRootDN: {ROOT_DN}
olcRootPW: {ROOT_PW}
olcDbDirectory: {dir}/db
olcDbMaxSize: 4294967296
olcDbNoSync: TRUE
olcSizeLimit: unlimited
{indexes}olcAccess: {{0}}to * by dn.exact={me} manage by anonymous auth by * read
",
        dir = dir.display(),
    )
}

/// The folder of this test binary's servers, made once, after removing
/// the folders of earlier test binaries whose process is gone.
fn root() -> &'static Path {
    ROOT.get_or_init(|| {
        let parent = std::env::temp_dir();
        if let Ok(entries) = std::fs::read_dir(&parent) {
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if let Some(pid) = name.strip_prefix("mailuser-slapd-")
                    && !Path::new("/proc").join(pid).exists()
                {
                    let _ = std::fs::remove_dir_all(entry.path());
                }
            }
        }
        let root = parent.join(format!("mailuser-slapd-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        root
    })
}

impl Slapd {
    /// Configures and starts a server in `<root>/<name>`, and adds the
    /// suffix entry.
    fn start(name: &str, setup: Setup) -> Option<Slapd> {
        let binary = slapd_binary()?;
        let dir = root().join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("db")).unwrap();
        std::fs::create_dir_all(dir.join("slapd.d")).unwrap();
        let certificates = match setup.tls {
            true => Some(make_certificates(&openssl_binary()?, &dir)),
            false => None,
        };
        let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("ldap/mailuser.ldif");
        let schema = (!setup.no_schema).then_some(schema.as_path());
        std::fs::write(
            dir.join("config.ldif"),
            config(&dir, schema, certificates.as_ref()),
        )
        .unwrap();
        let slapadd = binary.with_file_name("slapadd");
        let slapadd = if slapadd.is_file() {
            slapadd
        } else {
            PathBuf::from("slapadd")
        };
        let out = Command::new(slapadd)
            .args(["-n0", "-F"])
            .arg(dir.join("slapd.d"))
            .arg("-l")
            .arg(dir.join("config.ldif"))
            .output()
            .expect("slapadd runs");
        assert!(
            out.status.success(),
            "slapadd failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let port = free_port();
        let ldaps_port = setup.tls.then(free_port);
        let socket = dir.join("ldapi");
        let mut urls = format!(
            "ldap://127.0.0.1:{port}/ ldapi://{}/",
            encode_socket(&socket)
        );
        if let Some(ldaps) = ldaps_port {
            urls.push_str(&format!(" ldaps://127.0.0.1:{ldaps}/"));
        }
        let server = Slapd {
            endpoint: Endpoint {
                port,
                socket: socket.clone(),
            },
            port,
            ldaps_port,
            dir,
            socket,
            ca: certificates.map(|c| c.ca),
            binary,
            urls,
            running: Mutex::new(None),
            private: name.starts_with("private-"),
        };
        server.resume();
        server
            .conn()
            .add(
                SUFFIX,
                vec![
                    attr("objectClass", &["dcObject", "organization"]),
                    attr("dc", &["example"]),
                    attr("o", &["example"]),
                ],
            )
            .unwrap()
            .success()
            .unwrap();
        Some(server)
    }

    /// Starts the process on the server's configuration and data, and
    /// waits until it answers.
    pub fn resume(&self) {
        let mut running = self.running.lock().unwrap();
        assert!(running.is_none(), "slapd is running already");
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.dir.join("slapd.log"))
            .unwrap();
        let mut cmd = Command::new(&self.binary);
        cmd.arg("-F")
            .arg(self.dir.join("slapd.d"))
            .args(["-h", &self.urls, "-d", "0"])
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log);
        // SAFETY: prctl is async-signal-safe; nothing else runs between
        // fork and exec.
        unsafe {
            cmd.pre_exec(|| {
                if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let (started_tx, started_rx) = mpsc::channel();
        let (stop_tx, stop_rx) = mpsc::channel::<()>();
        let (stopped_tx, stopped_rx) = mpsc::channel::<()>();
        std::thread::Builder::new()
            .name("slapd".into())
            .spawn(move || {
                let mut child = match cmd.spawn() {
                    Ok(child) => child,
                    Err(e) => {
                        started_tx.send(Err(e)).unwrap();
                        return;
                    }
                };
                started_tx.send(Ok(child.id() as libc::pid_t)).unwrap();
                // Until asked to stop, or until the `Slapd` is dropped. A
                // shared server's never is: PDEATHSIG fires when this
                // thread ends with the process.
                let _ = stop_rx.recv();
                // SAFETY: the child has not been waited for, so its pid is
                // still its own.
                unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
                let _ = child.wait();
                let _ = stopped_tx.send(());
            })
            .unwrap();
        let pid = started_rx.recv().unwrap().expect("slapd starts");
        static AT_EXIT: std::sync::Once = std::sync::Once::new();
        // SAFETY: registers a function that only kills and reaps children.
        AT_EXIT.call_once(|| unsafe {
            libc::atexit(reap_at_exit);
        });
        RUNNING.lock().unwrap().push(pid);
        *running = Some(Keeper {
            pid,
            stop: stop_tx,
            stopped: stopped_rx,
        });
        drop(running);
        // Ready when it answers: at most 10 s, in steps of 20 ms.
        let mut attempts = 0;
        loop {
            attempts += 1;
            match LdapConn::new(&self.ldap_server()) {
                Ok(_) => break,
                Err(_) if attempts < 500 => std::thread::sleep(Duration::from_millis(20)),
                Err(e) => panic!(
                    "slapd did not come up: {e}\n{}",
                    std::fs::read_to_string(self.dir.join("slapd.log")).unwrap_or_default()
                ),
            }
        }
    }

    /// Stops the process (SIGTERM, as an administrator stopping the
    /// service would) and waits until it has exited; the data stays for
    /// [`Slapd::resume`].
    pub fn stop(&self) {
        if let Some(keeper) = self.running.lock().unwrap().take() {
            RUNNING.lock().unwrap().retain(|p| *p != keeper.pid);
            keeper.stop.send(()).unwrap();
            keeper.stopped.recv().unwrap();
        }
    }

    /// `ldap://127.0.0.1:PORT`
    pub fn ldap_server(&self) -> String {
        self.endpoint.ldap_server()
    }

    /// `ldaps://127.0.0.1:PORT`, with [`Setup::tls`].
    pub fn ldaps_server(&self) -> String {
        format!(
            "ldaps://127.0.0.1:{}",
            self.ldaps_port.expect("a TLS server")
        )
    }

    /// A root connection.
    pub fn conn(&self) -> LdapConn {
        self.endpoint.conn()
    }

    /// A new, empty subtree for one test.
    pub fn tree(&self) -> Tree {
        let n = TREES.fetch_add(1, Ordering::SeqCst);
        let base = format!("ou=t{n},{SUFFIX}");
        self.conn()
            .add(
                &base,
                vec![
                    attr("objectClass", &["organizationalUnit"]),
                    attr("ou", &[&format!("t{n}")]),
                ],
            )
            .unwrap()
            .success()
            .unwrap();
        Tree {
            server: self.endpoint.clone(),
            base,
        }
    }
}

impl Drop for Slapd {
    fn drop(&mut self) {
        self.stop();
        if self.private {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

pub fn attr(name: &str, values: &[&str]) -> (String, HashSet<String>) {
    (
        name.to_string(),
        values.iter().map(|v| v.to_string()).collect(),
    )
}

/// One test's subtree.
pub struct Tree {
    pub server: Endpoint,
    pub base: String,
}

impl Tree {
    /// `ldap://127.0.0.1:PORT/BASE` (binds with the root DN in tests).
    pub fn url(&self) -> String {
        format!("{}/{}", self.server.ldap_server(), self.base)
    }

    /// `ldapi://SOCKET/BASE` (SASL EXTERNAL as the test's own user).
    pub fn ldapi_url(&self) -> String {
        format!(
            "ldapi://{}/{}",
            encode_socket(&self.server.socket),
            self.base
        )
    }

    /// The binary on `store` with this tree as its directory (over
    /// ldapi, no password).
    pub fn cmd(&self, store: &TestStore) -> assert_cmd::Command {
        let mut cmd = store.cmd();
        cmd.env("MAILUSER_DIRECTORY", self.ldapi_url());
        cmd
    }

    /// The tree migrated back into a new `back.json` beside `store`, read.
    pub fn migrated_back(&self, store: &TestStore) -> serde_json::Value {
        let back = store.tmp.path().join("back.json");
        self.cmd(store)
            .args(["migrate", "--to"])
            .arg(&back)
            .assert()
            .success();
        serde_json::from_str(&std::fs::read_to_string(&back).unwrap()).unwrap()
    }

    pub fn run_as(&self, store: &TestStore, actor: &str) -> assert_cmd::Command {
        let mut cmd = self.cmd(store);
        cmd.env("MAILUSER_ACTOR", actor);
        cmd
    }

    /// Fills the tree from the store's directory file with `migrate`, then
    /// takes the file away, so that runs can only use the server.
    pub fn load(&self, store: &TestStore) {
        store
            .cmd()
            .args(["migrate", "--to", &self.ldapi_url()])
            .assert()
            .success();
        std::fs::remove_file(store.path("users.json")).unwrap();
    }

    /// The DN of `rdn` under the tree: `uid=jdoe,ou=example.com`.
    pub fn dn(&self, rdn: &str) -> String {
        format!("{rdn},{}", self.base)
    }

    /// Entries under the tree matching `filter`.
    pub fn search(&self, filter: &str, attrs: &[&str]) -> Vec<SearchEntry> {
        let (entries, _) = self
            .server
            .conn()
            .search(&self.base, Scope::Subtree, filter, attrs.to_vec())
            .unwrap()
            .success()
            .unwrap();
        entries.into_iter().map(SearchEntry::construct).collect()
    }

    /// Every entry of the tree, by DN, with its user attributes (not the
    /// operational ones): what a run that changes nothing must leave.
    pub fn entries(&self) -> BTreeMap<String, BTreeMap<String, Vec<String>>> {
        self.search("(objectClass=*)", &["*"])
            .into_iter()
            .map(|e| (e.dn, e.attrs.into_iter().collect()))
            .collect()
    }

    /// The entry `rdn` (relative to the tree), if it exists.
    pub fn entry(&self, rdn: &str) -> Option<SearchEntry> {
        let result = self
            .server
            .conn()
            .search(
                &self.dn(rdn),
                Scope::Base,
                "(objectClass=*)",
                vec!["*", "+"],
            )
            .unwrap();
        result.0.into_iter().next().map(SearchEntry::construct)
    }

    /// One attribute's values of the entry `rdn`.
    pub fn values(&self, rdn: &str, attribute: &str) -> Vec<String> {
        self.entry(rdn)
            .and_then(|e| e.attrs.get(attribute).cloned())
            .unwrap_or_default()
    }

    /// Replaces an attribute of `rdn`, as another administrator would.
    pub fn replace(&self, rdn: &str, attribute: &str, values: &[&str]) {
        self.server
            .conn()
            .modify(
                &self.dn(rdn),
                vec![Mod::Replace(
                    attribute.to_string(),
                    values.iter().map(|v| v.to_string()).collect(),
                )],
            )
            .unwrap()
            .success()
            .unwrap();
    }
}
