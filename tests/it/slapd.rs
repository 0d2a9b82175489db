//! A real OpenLDAP server for the LDAP tests (SPEC §13): one slapd per
//! test binary, on a free loopback port and a private socket, with a
//! private cn=config in a temporary folder. It never outlives the binary:
//! it is spawned by a thread that parks forever, with
//! `PR_SET_PDEATHSIG` = SIGKILL, which the kernel fires when that thread
//! (so the process) ends. Each test gets its own subtree
//! (`ou=t<N>,dc=example,dc=com`), so tests run in parallel.
//!
//! Where slapd is not installed, [`server`] is `None` and the tests print
//! `SKIPPED: slapd not installed` on stderr and pass; CI installs it.

#![allow(dead_code)]

use std::collections::HashSet;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use ldap3::{LdapConn, Mod, Scope, SearchEntry};

use crate::common::TestStore;

pub const SUFFIX: &str = "dc=example,dc=com";
pub const ROOT_DN: &str = "cn=admin,dc=example,dc=com";
pub const ROOT_PW: &str = "secret";

/// The running server.
pub struct Slapd {
    pub port: u16,
    pub dir: PathBuf,
    pub socket: PathBuf,
}

static SERVER: OnceLock<Option<Slapd>> = OnceLock::new();
static TREES: AtomicUsize = AtomicUsize::new(0);

/// The test binary's slapd, started on first use; `None` (and a note on
/// stderr) where slapd is not installed.
pub fn server() -> Option<&'static Slapd> {
    SERVER.get_or_init(start).as_ref()
}

/// The server, or `None` after printing the skip note for `test`.
pub fn or_skip(test: &str) -> Option<&'static Slapd> {
    let server = server();
    if server.is_none() {
        eprintln!("SKIPPED: {test}: slapd not installed");
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

fn config(dir: &Path, schema: &Path) -> String {
    // SAFETY: getuid and getgid cannot fail.
    let (uid, gid) = unsafe { (libc::getuid(), libc::getgid()) };
    let me = format!("gidNumber={gid}+uidNumber={uid},cn=peercred,cn=external,cn=auth");
    let modules = ["/usr/lib/ldap", "/usr/lib64/openldap", "/usr/lib/openldap"]
        .into_iter()
        .find(|d| {
            Path::new(d).join("back_mdb.la").exists() || Path::new(d).join("back_mdb.so").exists()
        })
        .unwrap_or("/usr/lib/ldap");
    let schemas = ["core", "cosine", "inetorgperson"]
        .iter()
        .map(|s| format!("include: file:///etc/ldap/schema/{s}.ldif\n"))
        .collect::<String>();
    format!(
        "dn: cn=config
objectClass: olcGlobal
cn: config
olcPidFile: {dir}/slapd.pid

dn: cn=module{{0}},cn=config
objectClass: olcModuleList
cn: module{{0}}
olcModulePath: {modules}
olcModuleLoad: back_mdb

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

{schemas}include: file://{schema}

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
olcDbIndex: objectClass eq
olcDbIndex: uid eq
olcDbIndex: mail eq
olcDbIndex: mailuserMailbox eq,sub
olcDbIndex: mailuserForwardTo eq
olcDbIndex: mailuserDeliverTo eq
olcDbIndex: member eq
olcAccess: {{0}}to * by dn.exact={me} manage by anonymous auth by * read
",
        dir = dir.display(),
        schema = schema.display(),
    )
}

/// Removes the folders of earlier test binaries whose process is gone.
fn remove_stale(parent: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(pid) = name.strip_prefix("mailuser-slapd-")
            && !Path::new("/proc").join(pid).exists()
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn start() -> Option<Slapd> {
    let slapd = slapd_binary()?;
    let parent = std::env::temp_dir();
    remove_stale(&parent);
    let dir = parent.join(format!("mailuser-slapd-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("db")).unwrap();
    std::fs::create_dir_all(dir.join("slapd.d")).unwrap();
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("ldap/mailuser.ldif");
    std::fs::write(dir.join("config.ldif"), config(&dir, &schema)).unwrap();
    let slapadd = slapd.with_file_name("slapadd");
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
    let socket = dir.join("ldapi");
    let urls = format!(
        "ldap://127.0.0.1:{port}/ ldapi://{}/",
        encode_socket(&socket)
    );
    let log = std::fs::File::create(dir.join("slapd.log")).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let config_dir = dir.join("slapd.d");
    std::thread::Builder::new()
        .name("slapd".into())
        .spawn(move || {
            let mut cmd = Command::new(slapd);
            cmd.arg("-F")
                .arg(&config_dir)
                .args(["-h", &urls, "-d", "0"])
                .stdin(Stdio::null())
                .stdout(log.try_clone().unwrap())
                .stderr(log);
            // SAFETY: prctl is async-signal-safe; nothing else runs
            // between fork and exec.
            unsafe {
                cmd.pre_exec(|| {
                    if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
            let child = cmd.spawn();
            let failed = child.is_err();
            tx.send(child.map(|c| c.id())).unwrap();
            if failed {
                return;
            }
            // PDEATHSIG fires when this thread ends: it never does.
            loop {
                std::thread::park();
            }
        })
        .unwrap();
    rx.recv().unwrap().expect("slapd starts");
    let server = Slapd { port, dir, socket };
    let mut attempts = 0;
    let mut conn = loop {
        attempts += 1;
        match LdapConn::new(&server.ldap_server()) {
            Ok(conn) => break conn,
            Err(e) if attempts < 500 => {
                let _ = e;
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => panic!(
                "slapd did not come up: {e}\n{}",
                std::fs::read_to_string(server.dir.join("slapd.log")).unwrap_or_default()
            ),
        }
    };
    conn.simple_bind(ROOT_DN, ROOT_PW)
        .unwrap()
        .success()
        .unwrap();
    conn.add(
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

pub fn attr(name: &str, values: &[&str]) -> (String, HashSet<String>) {
    (
        name.to_string(),
        values.iter().map(|v| v.to_string()).collect(),
    )
}

impl Slapd {
    /// `ldap://127.0.0.1:PORT`
    pub fn ldap_server(&self) -> String {
        format!("ldap://127.0.0.1:{}", self.port)
    }

    /// A root connection.
    pub fn conn(&self) -> LdapConn {
        let mut conn = LdapConn::new(&self.ldap_server()).unwrap();
        conn.simple_bind(ROOT_DN, ROOT_PW)
            .unwrap()
            .success()
            .unwrap();
        conn
    }

    /// A new, empty subtree for one test.
    pub fn tree(&'static self) -> Tree {
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
        Tree { server: self, base }
    }
}

/// One test's subtree.
pub struct Tree {
    pub server: &'static Slapd,
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
