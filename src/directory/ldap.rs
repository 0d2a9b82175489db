//! The user directory on an LDAP server (SPEC §13), through ldap3's
//! synchronous API. Every question is one or a few indexed searches: a
//! one-account change never reads the whole tree. Every modification
//! carries the values it was planned against in the assertion control
//! (RFC 4528), so a change someone else made in between is never
//! overwritten, and a change already made is a no-op when replayed.
//!
//! The tree, under BASE:
//!
//! ```text
//! cn=license,BASE                  mailuserLicense: mailuserSeats, mailuserSeatsUsed
//! ou=<domain>,BASE                 organizationalUnit
//! uid=<name>,ou=<domain>,BASE      inetOrgPerson + mailuserAccount
//! cn=<group>,ou=<domain>,BASE      mailuserGroup (member: account DNs)
//! mail=<alias>,ou=<domain>,BASE    mailuserAlias
//! ```

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use ldap3::controls::{Assertion, RawControl};
use ldap3::{
    LdapConn, LdapConnSettings, LdapError, Mod, Scope, SearchEntry, dn_escape, ldap_escape,
};
use serde_json::{Map, Value};

use super::{
    Alias, Backend, Change, Directory, Format, Group, License, MailboxUse, Reference, Role, Seats,
    Text, User,
};
use crate::address::{self, Address};
use crate::error::{Error, Result};

/// LDAP result codes mailuser tells apart.
mod rc {
    pub const SUCCESS: u32 = 0;
    pub const CONFIDENTIALITY_REQUIRED: u32 = 13;
    pub const NO_SUCH_ATTRIBUTE: u32 = 16;
    pub const TYPE_OR_VALUE_EXISTS: u32 = 20;
    pub const NO_SUCH_OBJECT: u32 = 32;
    pub const INVALID_CREDENTIALS: u32 = 49;
    pub const INSUFFICIENT_ACCESS: u32 = 50;
    pub const ALREADY_EXISTS: u32 = 68;
    pub const ASSERTION_FAILED: u32 = 122;
}

/// The attributes of an account entry that mailuser reads.
const ACCOUNT_ATTRS: [&str; 9] = [
    "uid",
    "cn",
    "displayName",
    "mailuserEnabled",
    "mailuserLocked",
    "mailuserRole",
    "mailuserForwardTo",
    "mailuserMailbox",
    "mailuserExtra",
];

/// How many entries one page of a paged search holds.
const PAGE: i32 = 1000;

/// How often a compare-and-set of the seat count is tried before the run
/// gives up (each failure means another run changed the count just then).
const SEAT_TRIES: usize = 50;

/// Where and how to connect: `--directory URL` and its options.
#[derive(Debug, Clone, Default)]
pub struct LdapOptions {
    /// `ldap://HOST[:PORT]/BASE`, `ldaps://...` or `ldapi://SOCKET/BASE`.
    pub url: String,
    pub bind_dn: Option<String>,
    /// The bind password, from `MAILUSER_BIND_PASSWORD` or a file; never
    /// printed.
    pub password: Option<Secret>,
    pub starttls: bool,
    pub ca_file: Option<PathBuf>,
}

/// A password: its `Debug` shows no character of it.
#[derive(Clone, Default)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

/// A `--directory` URL taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LdapUrl {
    /// The server part, as ldap3 takes it: `ldap://host:389`.
    pub server: String,
    pub scheme: String,
    /// The host (empty for `ldapi://`).
    pub host: String,
    /// The base DN.
    pub base: String,
}

impl LdapUrl {
    /// Parses `ldap://HOST[:PORT]/BASE`, `ldaps://HOST[:PORT]/BASE` or
    /// `ldapi://SOCKET/BASE` (the socket path percent-encoded).
    pub fn parse(url: &str) -> Result<LdapUrl> {
        let bad = |why: &str| {
            Error::Usage(format!(
                "bad directory URL {url:?}: {why}; expected ldap://HOST[:PORT]/BASE, \
                 ldaps://HOST[:PORT]/BASE or ldapi://SOCKET/BASE"
            ))
        };
        let (scheme, rest) = url.split_once("://").ok_or_else(|| bad("no scheme"))?;
        let scheme = scheme.to_ascii_lowercase();
        if !matches!(scheme.as_str(), "ldap" | "ldaps" | "ldapi") {
            return Err(bad("the scheme is not ldap, ldaps or ldapi"));
        }
        let (authority, base) = rest.split_once('/').ok_or_else(|| bad("no base DN"))?;
        let base = percent_decode(base).ok_or_else(|| bad("bad percent-encoding"))?;
        if base.trim().is_empty() {
            return Err(bad("no base DN"));
        }
        let host = if scheme == "ldapi" {
            String::new()
        } else {
            let host = match authority.strip_prefix('[') {
                Some(v6) => v6.split(']').next().unwrap_or_default(),
                None => authority.rsplit_once(':').map_or(authority, |(h, _)| h),
            };
            if host.is_empty() {
                return Err(bad("no host"));
            }
            host.to_string()
        };
        Ok(LdapUrl {
            server: format!("{scheme}://{authority}"),
            scheme,
            host,
            base,
        })
    }

    /// Whether the host is in the loopback range (127.0.0.0/8, ::1,
    /// localhost) or a local socket.
    pub fn is_local(&self) -> bool {
        self.scheme == "ldapi"
            || self.host.eq_ignore_ascii_case("localhost")
            || self
                .host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The groups of one domain: folded name → (name, role).
type DomainGroups = HashMap<String, (String, Role)>;

/// A user directory kept on an LDAP server.
pub struct LdapDirectory {
    url: String,
    base: String,
    conn: RefCell<LdapConn>,
    /// The groups of each domain (folded) with their roles, read on
    /// first use.
    group_roles: RefCell<HashMap<String, DomainGroups>>,
    /// Changes applied so far (for the tests' failpoints).
    applied: usize,
    /// Seats taken by `prepare` for the changes still to be applied.
    reserved: std::cell::Cell<u64>,
    /// Seats given back by the changes so far, not yet counted.
    freed: std::cell::Cell<u64>,
}

impl std::fmt::Debug for LdapDirectory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LdapDirectory")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

/// The TLS configuration of `--ca-file`: the certificates of the file
/// (PEM) are the CAs trusted, and no other. A file that cannot be read or
/// holds no certificate is bad usage (exit 2), named.
fn tls_config(ca: &Path) -> Result<std::sync::Arc<rustls::ClientConfig>> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let bad = |why: String| Error::Usage(format!("the CA file {}: {why}", ca.display()));
    let bytes = std::fs::read(ca).map_err(|e| bad(format!("cannot be read: {e}")))?;
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(&bytes) {
        let cert = cert.map_err(|e| bad(format!("bad PEM: {e}")))?;
        roots
            .add(cert)
            .map_err(|e| bad(format!("a certificate mailuser cannot use: {e}")))?;
    }
    if roots.is_empty() {
        return Err(bad(
            "holds no certificate (expected PEM: -----BEGIN CERTIFICATE-----)".into(),
        ));
    }
    Ok(std::sync::Arc::new(
        rustls::ClientConfig::builder()
            .with_root_certificates(roots)
            .with_no_client_auth(),
    ))
}

/// Why a connection failed, in the administrator's terms: a server
/// certificate that is not trusted says which CA to give.
fn connect_error(server: &str, tls: bool, ca: Option<&Path>, e: LdapError) -> Error {
    let certificate = match &e {
        LdapError::Io { source } => source
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<rustls::Error>())
            .and_then(|tls| match tls {
                rustls::Error::InvalidCertificate(why) => Some(why.clone()),
                _ => None,
            }),
        _ => None,
    };
    match certificate {
        Some(why) => {
            let trusted = match ca {
                Some(ca) => format!("in the CA file {}", ca.display()),
                None => "the system trusts".to_string(),
            };
            let hint = match why {
                rustls::CertificateError::UnknownIssuer
                | rustls::CertificateError::BadSignature => format!(
                    "its certificate is not trusted: no CA {trusted} signed it; \
                     give the CA that did with --ca-file FILE (PEM)"
                ),
                rustls::CertificateError::NotValidForName
                | rustls::CertificateError::NotValidForNameContext { .. } => format!(
                    "its certificate is not trusted: it is not made out to the host of \
                     the URL ({why:?}); use the name the certificate gives"
                ),
                other => format!("its certificate is not trusted: {other:?}"),
            };
            Error::Store(format!(
                "cannot connect to the LDAP server {server} over TLS: {hint}"
            ))
        }
        None if tls => Error::Store(format!(
            "cannot reach the LDAP server {server} (over TLS): {e}"
        )),
        None => Error::Store(format!("cannot reach the LDAP server {server}: {e}")),
    }
}

/// An LDAP error as a mailuser error (exit 1), naming the server.
fn failed(url: &str, what: &str, e: LdapError) -> Error {
    match e {
        LdapError::LdapResult { result } => result_error(url, what, result.rc, &result.text),
        lost @ (LdapError::Io { .. }
        | LdapError::OpSend { .. }
        | LdapError::ResultRecv { .. }
        | LdapError::IdScrubSend { .. }
        | LdapError::EndOfStream
        | LdapError::Timeout { .. }) => Error::Store(format!(
            "{url}: {what}: the connection to the server was lost (the server stopped, \
             or the network failed: {lost})"
        )),
        other => Error::Store(format!("{url}: {what}: {other}")),
    }
}

fn result_error(url: &str, what: &str, code: u32, text: &str) -> Error {
    let text = if text.is_empty() {
        String::new()
    } else {
        format!(" ({text})")
    };
    match code {
        rc::INSUFFICIENT_ACCESS => Error::Store(format!(
            "{url}: {what}: the bind DN has no right to do this (insufficient access){text}; \
             see ldap/README.md for the access it needs"
        )),
        rc::ASSERTION_FAILED => Error::Changed(format!("{what}: changed on {url}")),
        code => Error::Store(format!("{url}: {what}: LDAP error {code}{text}")),
    }
}

impl LdapDirectory {
    /// Connects, binds and checks that the base DN exists and the schema
    /// is loaded.
    pub fn open(options: &LdapOptions) -> Result<LdapDirectory> {
        let url = LdapUrl::parse(&options.url)?;
        if options.bind_dn.is_some() && url.scheme == "ldap" && !options.starttls && !url.is_local()
        {
            return Err(Error::Usage(format!(
                "refusing to send the bind password unencrypted to {}: use ldaps://{}/... \
                 or --starttls",
                url.host, url.host
            )));
        }
        if options.bind_dn.is_some() && options.password.is_none() {
            return Err(Error::Usage(
                "--bind-dn needs a password: set MAILUSER_BIND_PASSWORD or give \
                 --bind-password-file FILE"
                    .into(),
            ));
        }
        let tls = url.scheme == "ldaps" || (options.starttls && url.scheme == "ldap");
        let mut settings = LdapConnSettings::new()
            .set_conn_timeout(Duration::from_secs(10))
            .set_starttls(options.starttls && url.scheme == "ldap");
        if let Some(ca) = &options.ca_file {
            settings = settings.set_config(tls_config(ca)?);
        }
        let shown = format!("{}/{}", url.server, url.base);
        let mut conn = LdapConn::with_settings(settings, &url.server)
            .map_err(|e| connect_error(&url.server, tls, options.ca_file.as_deref(), e))?;
        let bound = match (&options.bind_dn, &options.password) {
            (Some(dn), Some(password)) => conn.simple_bind(dn, &password.0),
            _ if url.scheme == "ldapi" => conn.sasl_external_bind(),
            _ => conn.simple_bind("", ""),
        }
        .map_err(|e| Error::Store(format!("cannot bind to {}: {e}", url.server)))?;
        match bound.rc {
            rc::SUCCESS => {}
            rc::INVALID_CREDENTIALS => {
                return Err(Error::Store(format!(
                    "cannot bind to {} as {}: wrong bind DN or password",
                    url.server,
                    options.bind_dn.as_deref().unwrap_or("(anonymous)")
                )));
            }
            rc::CONFIDENTIALITY_REQUIRED => {
                return Err(Error::Store(format!(
                    "cannot bind to {}: the server takes a password only over an encrypted \
                     connection: use ldaps:// or --starttls",
                    url.server
                )));
            }
            code => {
                return Err(Error::Store(format!(
                    "cannot bind to {}: LDAP error {code} ({})",
                    url.server, bound.text
                )));
            }
        }
        let dir = LdapDirectory {
            url: shown,
            base: url.base.clone(),
            conn: RefCell::new(conn),
            group_roles: RefCell::new(HashMap::new()),
            applied: 0,
            reserved: std::cell::Cell::new(0),
            freed: std::cell::Cell::new(0),
        };
        dir.check_base_and_schema()?;
        Ok(dir)
    }

    fn check_base_and_schema(&self) -> Result<()> {
        let found = self.read(&self.base, "(objectClass=*)", &["1.1"])?;
        if found.is_none() {
            return Err(Error::Store(format!(
                "{}: the base DN {} does not exist (create it, or run `mailuser migrate --to`)",
                self.url, self.base
            )));
        }
        let schema = self.search(
            "cn=Subschema",
            Scope::Base,
            "(objectClass=subschema)",
            &["objectClasses"],
        )?;
        let loaded = schema.iter().any(|e| {
            e.attrs
                .get("objectClasses")
                .into_iter()
                .flatten()
                .any(|c| c.contains("'mailuserAccount'"))
        });
        if !loaded {
            return Err(Error::Store(format!(
                "{}: the server has no mailuser schema (no object class mailuserAccount); \
                 load ldap/mailuser.ldif into it, as root on the server: \
                 ldapadd -Y EXTERNAL -H ldapi:/// -f ldap/mailuser.ldif (see ldap/README.md)",
                self.url
            )));
        }
        Ok(())
    }

    /// The base DN.
    pub fn base(&self) -> &str {
        &self.base
    }

    fn domain_dn(&self, domain: &str) -> String {
        format!("ou={},{}", dn_escape(domain), self.base)
    }

    fn account_dn(&self, address: &Address) -> String {
        format!(
            "uid={},{}",
            dn_escape(address.name.as_str()),
            self.domain_dn(&address.domain)
        )
    }

    fn alias_dn(&self, alias: &str) -> String {
        let domain = alias.rsplit_once('@').map_or("", |(_, d)| d);
        format!("mail={},{}", dn_escape(alias), self.domain_dn(domain))
    }

    fn license_dn(&self) -> String {
        format!("cn=license,{}", self.base)
    }

    fn search(
        &self,
        base: &str,
        scope: Scope,
        filter: &str,
        attrs: &[&str],
    ) -> Result<Vec<SearchEntry>> {
        if !matches!(scope, Scope::Base) {
            // Paged, so a server's size limit (500 by default) never cuts
            // a result short.
            let mut found = Vec::new();
            self.paged(base, scope, filter, attrs, &mut |e| {
                found.push(e);
                Ok(())
            })?;
            return Ok(found);
        }
        let mut conn = self.conn.borrow_mut();
        let result = conn
            .search(base, scope, filter, attrs.to_vec())
            .map_err(|e| failed(&self.url, "search", e))?;
        match result.1.rc {
            rc::SUCCESS => Ok(result.0.into_iter().map(SearchEntry::construct).collect()),
            rc::NO_SUCH_OBJECT => Ok(Vec::new()),
            code => Err(result_error(
                &self.url,
                &format!("search {base} {filter}"),
                code,
                &result.1.text,
            )),
        }
    }

    /// The entry `dn` if it exists and matches `filter`.
    fn read(&self, dn: &str, filter: &str, attrs: &[&str]) -> Result<Option<SearchEntry>> {
        Ok(self
            .search(dn, Scope::Base, filter, attrs)?
            .into_iter()
            .next())
    }

    /// A paged search (RFC 2696), calling `each` per entry.
    fn paged(
        &self,
        base: &str,
        scope: Scope,
        filter: &str,
        attrs: &[&str],
        each: &mut dyn FnMut(SearchEntry) -> Result<()>,
    ) -> Result<()> {
        let mut conn = self.conn.borrow_mut();
        let adapters: Vec<Box<dyn ldap3::adapters::Adapter<_, _>>> = vec![
            Box::new(ldap3::adapters::EntriesOnly::new()),
            Box::new(ldap3::adapters::PagedResults::new(PAGE)),
        ];
        let mut stream = conn
            .streaming_search_with(adapters, base, scope, filter, attrs.to_vec())
            .map_err(|e| failed(&self.url, "search", e))?;
        let mut outcome = Ok(());
        loop {
            match stream.next() {
                Ok(Some(entry)) => {
                    if outcome.is_ok() {
                        outcome = each(SearchEntry::construct(entry));
                    }
                }
                Ok(None) => break,
                Err(e) => return Err(failed(&self.url, "search", e)),
            }
        }
        let result = stream.result();
        outcome?;
        match result.rc {
            rc::SUCCESS | rc::NO_SUCH_OBJECT => Ok(()),
            code => Err(result_error(
                &self.url,
                &format!("search {base} {filter}"),
                code,
                &result.text,
            )),
        }
    }

    /// Sends `mods` to `dn` with the assertion `filter` (when given).
    fn modify(&self, dn: &str, mods: Vec<Mod<String>>, assertion: Option<&str>) -> Result<u32> {
        let mut conn = self.conn.borrow_mut();
        let result = match assertion {
            Some(filter) => conn
                .with_controls(vec![critical(Assertion::new(filter))])
                .modify(dn, mods),
            None => conn.modify(dn, mods),
        }
        .map_err(|e| failed(&self.url, &format!("modify {dn}"), e))?;
        Ok(result.rc)
    }

    fn delete(&self, dn: &str, assertion: Option<&str>) -> Result<u32> {
        let mut conn = self.conn.borrow_mut();
        let result = match assertion {
            Some(filter) => conn
                .with_controls(vec![critical(Assertion::new(filter))])
                .delete(dn),
            None => conn.delete(dn),
        }
        .map_err(|e| failed(&self.url, &format!("delete {dn}"), e))?;
        Ok(result.rc)
    }

    fn add(&self, dn: &str, attrs: Vec<(String, HashSet<String>)>) -> Result<u32> {
        let mut conn = self.conn.borrow_mut();
        let result = conn
            .add(dn, attrs)
            .map_err(|e| failed(&self.url, &format!("add {dn}"), e))?;
        Ok(result.rc)
    }

    /// Adds an entry (an existing one is left, so a copy can be resumed),
    /// then sets the values of `ordered` in their order: an add request
    /// carries values as a set, a modify adds them one after another.
    /// With `resume`, an entry that exists gets the attributes of `attrs`.
    /// Returns the add's result code.
    fn add_entry(
        &self,
        dn: &str,
        attrs: Vec<(String, HashSet<String>)>,
        ordered: (&str, Vec<String>),
        resume: bool,
    ) -> Result<u32> {
        let replace: Vec<Mod<String>> = attrs
            .iter()
            .filter(|(name, _)| resume && name != "objectClass")
            .map(|(name, values)| Mod::Replace(name.clone(), values.clone()))
            .collect();
        let code = self.add(dn, attrs)?;
        if code == rc::ALREADY_EXISTS && !replace.is_empty() {
            // Left by an interrupted copy: made what the record says.
            let code = self.modify(dn, replace, None)?;
            self.check(&format!("modify {dn}"), code, &[])?;
        }
        let (name, values) = ordered;
        if !values.is_empty() && matches!(code, rc::SUCCESS | rc::ALREADY_EXISTS) {
            let mut mods = vec![Mod::Replace(name.to_string(), HashSet::new())];
            mods.extend(
                values
                    .into_iter()
                    .map(|v| Mod::Add(name.to_string(), HashSet::from([v]))),
            );
            let code = self.modify(dn, mods, None)?;
            self.check(&format!("modify {dn}"), code, &[])?;
        }
        Ok(code)
    }

    fn check(&self, what: &str, code: u32, ok: &[u32]) -> Result<()> {
        if code == rc::SUCCESS || ok.contains(&code) {
            Ok(())
        } else {
            Err(result_error(&self.url, what, code, ""))
        }
    }

    /// Adds `ou=<domain>,BASE` unless it is there.
    fn ensure_domain(&self, domain: &str) -> Result<()> {
        let dn = self.domain_dn(domain);
        let attrs = vec![
            attr("objectClass", ["organizationalUnit"]),
            attr("ou", [domain]),
        ];
        let code = self.add(&dn, attrs)?;
        self.check(&format!("add {dn}"), code, &[rc::ALREADY_EXISTS])
    }

    /// The groups of `domain` (folded name → (name, role)).
    fn domain_groups(&self, domain: &str) -> Result<DomainGroups> {
        let key = address::fold(domain);
        if let Some(groups) = self.group_roles.borrow().get(&key) {
            return Ok(groups.clone());
        }
        let mut groups = HashMap::new();
        for entry in self.search(
            &self.domain_dn(domain),
            Scope::OneLevel,
            "(objectClass=mailuserGroup)",
            &["cn", "mailuserRole"],
        )? {
            let name = first(&entry, "cn").unwrap_or_default();
            let role = first(&entry, "mailuserRole")
                .and_then(|r| Role::parse(&r))
                .unwrap_or_default();
            groups.insert(address::fold(&name), (name, role));
        }
        self.group_roles.borrow_mut().insert(key, groups.clone());
        Ok(groups)
    }

    /// The groups whose `member` holds `dn`.
    fn groups_of(&self, dn: &str) -> Result<Vec<(String, String)>> {
        let filter = format!("(&(objectClass=mailuserGroup)(member={}))", ldap_escape(dn));
        Ok(self
            .search(&self.base, Scope::Subtree, &filter, &["cn"])?
            .into_iter()
            .map(|e| (e.dn.clone(), first(&e, "cn").unwrap_or_default()))
            .collect())
    }

    /// The account of an entry; `member_of` are the names of the groups
    /// whose `member` holds it.
    fn user_of(&self, entry: &SearchEntry, member_of: Vec<String>) -> Result<User> {
        let name = first(entry, "uid").unwrap_or_default();
        let domain = rdn_values(&entry.dn).get(1).cloned().unwrap_or_default();
        let mut user = User::new(name.as_str(), domain.as_str());
        let mut extra = match first(entry, "mailuserExtra") {
            Some(text) => match serde_json::from_str::<Value>(&text) {
                Ok(Value::Object(map)) => map,
                _ => {
                    return Err(Error::bad_input(
                        &entry.dn,
                        None,
                        Some("mailuserExtra".into()),
                        "not a JSON object",
                    ));
                }
            },
            None => Map::new(),
        };
        user.full_name = first(entry, "displayName")
            .or_else(|| first(entry, "cn").filter(|cn| *cn != name))
            .map(Text::from);
        user.enabled = first(entry, "mailuserEnabled").map(|v| v.eq_ignore_ascii_case("TRUE"));
        user.locked = first(entry, "mailuserLocked").map(|v| v.eq_ignore_ascii_case("TRUE"));
        user.role = first(entry, "mailuserRole").and_then(|r| Role::parse(&r));
        user.mailbox = first(entry, "mailuserMailbox").map(Text::from);
        let forwards = entry
            .attrs
            .get("mailuserForwardTo")
            .cloned()
            .unwrap_or_default();
        let kept_forwards = extra.shift_remove("forward_to");
        user.forward_to = if !forwards.is_empty() || kept_forwards.is_some() {
            Some(forwards.into_iter().map(Text::from).collect())
        } else {
            None
        };
        // Membership is `member`; a `groups` list kept in mailuserExtra
        // gives the order and the names of groups the domain does not
        // define.
        let kept_groups: Option<Vec<String>> = extra
            .shift_remove("groups")
            .and_then(|v| serde_json::from_value(v).ok());
        user.groups = match kept_groups {
            None if member_of.is_empty() => None,
            None => Some(member_of.into_iter().map(Text::from).collect()),
            Some(kept) => {
                let defined = self.domain_groups(&domain)?;
                let is_member = |g: &str| member_of.iter().any(|m| address::same(m, g));
                let mut groups: Vec<Text> = kept
                    .iter()
                    .filter(|g| is_member(g) || !defined.contains_key(&address::fold(g)))
                    .map(|g| Text::from(g.as_str()))
                    .collect();
                for m in &member_of {
                    if !kept.iter().any(|g| address::same(g, m)) {
                        groups.push(Text::from(m.as_str()));
                    }
                }
                Some(groups)
            }
        };
        if !extra.is_empty() {
            user.extra = Some(Box::new(extra));
        }
        Ok(user)
    }

    /// The account entry at `dn` with its groups.
    fn account_at(&self, dn: &str) -> Result<Option<User>> {
        let Some(entry) = self.read(dn, "(objectClass=mailuserAccount)", &ACCOUNT_ATTRS)? else {
            return Ok(None);
        };
        let groups = self
            .groups_of(&entry.dn)?
            .into_iter()
            .map(|(_, cn)| cn)
            .collect();
        self.user_of(&entry, groups).map(Some)
    }

    /// The attributes of a new account entry.
    fn account_attrs(&self, user: &User) -> Vec<(String, HashSet<String>)> {
        let mut attrs = vec![
            attr("objectClass", ["inetOrgPerson", "mailuserAccount"]),
            attr("uid", [user.name.as_str()]),
            attr(
                "cn",
                [user.full_name.as_deref().unwrap_or(user.name.as_str())],
            ),
            attr("sn", [user.name.as_str()]),
        ];
        // `mail` is IA5 (ASCII); an address with other characters (a
        // name like zoë) has none, and is found by uid and ou.
        let mail = user.address().to_string();
        if mail.is_ascii() {
            attrs.push(attr("mail", [mail.as_str()]));
        }
        if let Some(full_name) = &user.full_name {
            attrs.push(attr("displayName", [full_name.as_str()]));
        }
        let boolean = |b: bool| if b { "TRUE" } else { "FALSE" };
        if let Some(enabled) = user.enabled {
            attrs.push(attr("mailuserEnabled", [boolean(enabled)]));
        }
        if let Some(locked) = user.locked {
            attrs.push(attr("mailuserLocked", [boolean(locked)]));
        }
        if let Some(role) = user.role {
            attrs.push(attr("mailuserRole", [role.as_str()]));
        }
        if let Some(mailbox) = &user.mailbox {
            attrs.push(attr("mailuserMailbox", [mailbox.as_str()]));
        }
        let mut extra = user.extra.as_deref().cloned().unwrap_or_default();
        if user.forward_to.as_ref().is_some_and(Vec::is_empty) {
            extra.insert("forward_to".into(), Value::Array(Vec::new()));
        }
        if let Some(groups) = &user.groups {
            extra.insert("groups".into(), serde_json::json!(groups));
        }
        if !extra.is_empty() {
            attrs.push(attr(
                "mailuserExtra",
                [Value::Object(extra).to_string().as_str()],
            ));
        }
        attrs
    }

    /// The license entry: (seats, counted seats used), or `None` when there
    /// is no license entry.
    fn license(&self) -> Result<Option<(Option<u64>, Option<u64>)>> {
        let entry = self.read(
            &self.license_dn(),
            "(objectClass=mailuserLicense)",
            &["mailuserSeats", "mailuserSeatsUsed"],
        )?;
        Ok(entry.map(|e| {
            let number = |a: &str| first(&e, a).and_then(|v| v.parse::<u64>().ok());
            (number("mailuserSeats"), number("mailuserSeatsUsed"))
        }))
    }

    /// Counts the accounts that take a seat: enabled, not built-in. Reads
    /// every account's DN (attribute list `1.1`), so only where the count
    /// is missing.
    fn count_seats(&self) -> Result<u64> {
        let mut used = 0;
        self.paged(
            &self.base,
            Scope::Subtree,
            "(&(objectClass=mailuserAccount)(!(mailuserEnabled=FALSE))(!(mailuserRole=built-in)))",
            &["1.1"],
            &mut |_| {
                used += 1;
                Ok(())
            },
        )?;
        Ok(used)
    }

    /// Adds `delta` to the seat count with compare-and-set: the modify
    /// asserts the count it read, and is tried again when another run
    /// changed it in between. Taking seats (`delta > 0`) fails with
    /// exit 5 when they would pass the license.
    fn count_seat_change(&self, delta: i64, subject: &str) -> Result<()> {
        let dn = self.license_dn();
        for _ in 0..SEAT_TRIES {
            let Some((total, counted)) = self.license()? else {
                return Ok(()); // no license entry: unlimited, nothing counted
            };
            let (used, assertion) = match counted {
                Some(n) => (n, format!("(mailuserSeatsUsed={n})")),
                None => (self.count_seats()?, "(!(mailuserSeatsUsed=*))".to_string()),
            };
            let new = used.saturating_add_signed(delta);
            if delta > 0
                && let Some(total) = total
                && new > total
            {
                return Err(Error::NoSeats {
                    subject: subject.to_string(),
                    used: used as usize,
                    total,
                    earlier: 0,
                });
            }
            let mods = vec![Mod::Replace(
                "mailuserSeatsUsed".to_string(),
                HashSet::from([new.to_string()]),
            )];
            match self.modify(&dn, mods, Some(&assertion))? {
                rc::SUCCESS => return Ok(()),
                rc::ASSERTION_FAILED => continue,
                code => return self.check(&format!("modify {dn}"), code, &[]),
            }
        }
        Err(Error::Changed(format!(
            "{subject}: the seat count on {} kept changing",
            self.url
        )))
    }

    /// Takes a seat: one reserved by [`Backend::prepare`], else one more
    /// by compare-and-set.
    fn take_seat(&self, account: &str) -> Result<()> {
        match self.reserved.get() {
            0 => self.count_seat_change(1, account),
            n => {
                self.reserved.set(n - 1);
                Ok(())
            }
        }
    }

    /// Gives a seat back, counted at the end of the run's changes in one
    /// compare-and-set with the others.
    fn give_back_seat(&self) {
        self.freed.set(self.freed.get() + 1);
    }

    /// Sets a Boolean attribute of an account from `from` to `to`.
    fn set_flag(&self, account: &str, attribute: &str, from: bool, to: bool) -> Result<()> {
        let address = parse_address(account)?;
        let dn = self.account_dn(&address);
        let default = attribute == "mailuserEnabled";
        let is = |value: bool| -> String {
            let spelled = if value { "TRUE" } else { "FALSE" };
            if value == default {
                // Absent means the default.
                format!("(!({attribute}={}))", if value { "FALSE" } else { "TRUE" })
            } else {
                format!("({attribute}={spelled})")
            }
        };
        let Some(entry) = self.read(
            &dn,
            "(objectClass=mailuserAccount)",
            &[attribute, "mailuserRole"],
        )?
        else {
            return Err(Error::Changed(format!(
                "{account}: removed on {}",
                self.url
            )));
        };
        if flag(&entry, attribute) == to && from != to {
            return Ok(()); // already done: a replay, or the same change by another run
        }
        let seat =
            default && first(&entry, "mailuserRole").as_deref() != Some(Role::BuiltIn.as_str());
        if seat && to {
            self.take_seat(account)?;
        }
        let mods = vec![Mod::Replace(
            attribute.to_string(),
            HashSet::from([if to { "TRUE" } else { "FALSE" }.to_string()]),
        )];
        let code = self.modify(&dn, mods, Some(&is(from)))?;
        if code != rc::SUCCESS {
            if seat && to {
                self.give_back_seat();
            }
            return Err(match code {
                rc::ASSERTION_FAILED | rc::NO_SUCH_OBJECT => Error::Changed(format!(
                    "{account}: changed on {} since it was read",
                    self.url
                )),
                code => result_error(&self.url, &format!("modify {dn}"), code, ""),
            });
        }
        if seat && !to {
            self.give_back_seat();
        }
        Ok(())
    }

    fn add_account(&self, record: &User) -> Result<()> {
        let dn = self.account_dn(&record.address());
        if self.read(&dn, "(objectClass=*)", &["1.1"])?.is_some() {
            return Ok(()); // a replay
        }
        let account = record.address().to_string();
        self.ensure_domain(&record.domain)?;
        if record.takes_seat() {
            self.take_seat(&account)?;
        }
        let code = self.add_entry(&dn, self.account_attrs(record), forwards(record), false)?;
        if code != rc::SUCCESS {
            if record.takes_seat() {
                self.give_back_seat();
            }
            return Err(match code {
                rc::ALREADY_EXISTS => {
                    Error::Changed(format!("{account}: added on {} by another run", self.url))
                }
                code => result_error(&self.url, &format!("add {dn}"), code, ""),
            });
        }
        self.join_groups(record, &dn)
    }

    /// Adds the account entry `dn` to the `member` of each of `user`'s
    /// groups; a membership already there is done, and a group the domain
    /// does not define stays a name in mailuserExtra.
    fn join_groups(&self, user: &User, dn: &str) -> Result<()> {
        for group in user.group_names() {
            let group_dn = format!(
                "cn={},{}",
                dn_escape(group.as_str()),
                self.domain_dn(&user.domain)
            );
            let mods = vec![Mod::Add(
                "member".to_string(),
                HashSet::from([dn.to_string()]),
            )];
            let code = self.modify(&group_dn, mods, None)?;
            self.check(
                &format!("modify {group_dn}"),
                code,
                &[rc::TYPE_OR_VALUE_EXISTS, rc::NO_SUCH_OBJECT],
            )?;
        }
        Ok(())
    }

    fn remove_account(&self, record: &User) -> Result<()> {
        let account = record.address().to_string();
        let dn = self.account_dn(&record.address());
        let entry = self.read(
            &dn,
            "(objectClass=mailuserAccount)",
            &["mailuserEnabled", "mailuserRole"],
        )?;
        if let Some(entry) = entry {
            // Planned against an account in this state: enabled or not.
            let assertion = if record.is_enabled() {
                "(!(mailuserEnabled=FALSE))"
            } else {
                "(mailuserEnabled=FALSE)"
            };
            match self.delete(&dn, Some(assertion))? {
                rc::SUCCESS | rc::NO_SUCH_OBJECT => {}
                rc::ASSERTION_FAILED => {
                    return Err(Error::Changed(format!(
                        "{account}: changed on {} since it was read",
                        self.url
                    )));
                }
                code => return self.check(&format!("delete {dn}"), code, &[]),
            }
            let enabled =
                first(&entry, "mailuserEnabled").is_none_or(|v| !v.eq_ignore_ascii_case("FALSE"));
            let built_in = first(&entry, "mailuserRole").as_deref() == Some(Role::BuiltIn.as_str());
            if enabled && !built_in {
                self.give_back_seat();
            }
        }
        // Membership goes with the entry, on a replay too.
        for (group_dn, _) in self.groups_of(&dn)? {
            let mods = vec![Mod::Delete(
                "member".to_string(),
                HashSet::from([dn.clone()]),
            )];
            let code = self.modify(&group_dn, mods, None)?;
            self.check(
                &format!("modify {group_dn}"),
                code,
                &[rc::NO_SUCH_ATTRIBUTE, rc::NO_SUCH_OBJECT],
            )?;
        }
        Ok(())
    }

    /// Takes one value out of a multi-valued attribute; a value already
    /// gone is a no-op.
    fn remove_value(&self, dn: &str, attribute: &str, value: &str) -> Result<()> {
        let mods = vec![Mod::Delete(
            attribute.to_string(),
            HashSet::from([value.to_string()]),
        )];
        let assertion = format!("({attribute}={})", ldap_escape(value));
        let code = self.modify(dn, mods, Some(&assertion))?;
        self.check(
            &format!("modify {dn}"),
            code,
            &[
                rc::NO_SUCH_ATTRIBUTE,
                rc::NO_SUCH_OBJECT,
                rc::ASSERTION_FAILED,
            ],
        )
    }

    /// Adds `value` to `attribute` of `dn`; a value already there is done.
    fn add_value(&self, dn: &str, attribute: &str, value: &str) -> Result<()> {
        let mods = vec![Mod::Add(
            attribute.to_string(),
            HashSet::from([value.to_string()]),
        )];
        let code = self.modify(dn, mods, None)?;
        self.check(&format!("modify {dn}"), code, &[rc::TYPE_OR_VALUE_EXISTS])
    }

    /// Puts `value` back into `attribute` of `dn` at `position` (last,
    /// when fewer values are left), as a file does; a value already there
    /// is done. The values after that place are taken out and added again
    /// behind it in the same modify, which the server applies in order: the
    /// order comes back, and a value another run added meanwhile stays. A
    /// value that went meanwhile makes the modify fail whole; it is read
    /// again and tried anew.
    fn insert_value(&self, dn: &str, attribute: &str, value: &str, position: usize) -> Result<()> {
        for _ in 0..SEAT_TRIES {
            let Some(entry) = self.read(dn, "(objectClass=*)", &[attribute])? else {
                // Gone: the add says so as it always did.
                return self.add_value(dn, attribute, value);
            };
            let values = entry.attrs.get(attribute).cloned().unwrap_or_default();
            if values.iter().any(|v| address::same(v, value)) {
                return Ok(()); // a replay
            }
            let tail = &values[position.min(values.len())..];
            let mut mods = Vec::with_capacity(tail.len() + 2);
            if !tail.is_empty() {
                mods.push(Mod::Delete(
                    attribute.to_string(),
                    tail.iter().cloned().collect(),
                ));
            }
            for v in std::iter::once(value).chain(tail.iter().map(String::as_str)) {
                mods.push(Mod::Add(
                    attribute.to_string(),
                    HashSet::from([v.to_string()]),
                ));
            }
            match self.modify(dn, mods, None)? {
                rc::SUCCESS | rc::TYPE_OR_VALUE_EXISTS => return Ok(()),
                rc::NO_SUCH_ATTRIBUTE => continue,
                code => return self.check(&format!("modify {dn}"), code, &[]),
            }
        }
        Err(Error::Changed(format!(
            "{attribute} of {dn}: kept changing on {}",
            self.url
        )))
    }

    fn apply_one(&self, change: &Change) -> Result<()> {
        match change {
            Change::SetEnabled { account, from, to } => {
                self.set_flag(account, "mailuserEnabled", *from, *to)
            }
            Change::SetLocked { account, from, to } => {
                self.set_flag(account, "mailuserLocked", *from, *to)
            }
            Change::AddAccount { record, .. } => self.add_account(record),
            Change::RemoveAccount { record } => self.remove_account(record),
            Change::AddAliasTarget {
                alias,
                address,
                position,
            } => self.insert_value(
                &self.alias_dn(alias),
                "mailuserDeliverTo",
                address,
                *position,
            ),
            Change::AddAlias { alias, deliver_to } => {
                let dn = self.alias_dn(alias);
                let attrs = vec![
                    attr("objectClass", ["mailuserAlias"]),
                    attr("mail", [alias.as_str()]),
                ];
                let code =
                    self.add_entry(&dn, attrs, ("mailuserDeliverTo", deliver_to.clone()), false)?;
                self.check(&format!("add {dn}"), code, &[rc::ALREADY_EXISTS])
            }
            Change::AddForward {
                account,
                address,
                position,
            } => {
                let owner = parse_address(account)?;
                let dn = self.account_dn(&owner);
                self.insert_value(&dn, "mailuserForwardTo", address, *position)
            }
            Change::RemoveAliasTarget { alias, address, .. } => {
                self.remove_value(&self.alias_dn(alias), "mailuserDeliverTo", address)
            }
            Change::DropAlias { alias } => {
                let dn = self.alias_dn(alias);
                match self.delete(&dn, Some("(!(mailuserDeliverTo=*))"))? {
                    rc::SUCCESS | rc::NO_SUCH_OBJECT => Ok(()),
                    rc::ASSERTION_FAILED => Err(Error::Changed(format!(
                        "alias {alias}: an address was added to it on {}",
                        self.url
                    ))),
                    code => self.check(&format!("delete {dn}"), code, &[]),
                }
            }
            Change::RemoveForward {
                account, address, ..
            } => {
                let owner = parse_address(account)?;
                self.remove_value(&self.account_dn(&owner), "mailuserForwardTo", address)
            }
        }
    }

    /// Whether the tree under BASE holds any account.
    pub fn has_accounts(&self) -> Result<bool> {
        Ok(self
            .search_one(&self.base, "(objectClass=mailuserAccount)", &["1.1"])?
            .is_some())
    }

    /// The first entry under `base` (subtree) matching `filter`, asking
    /// the server for one entry only.
    fn search_one(&self, base: &str, filter: &str, attrs: &[&str]) -> Result<Option<SearchEntry>> {
        const SIZE_LIMIT_EXCEEDED: u32 = 4;
        let mut conn = self.conn.borrow_mut();
        let result = conn
            .with_search_options(ldap3::SearchOptions::new().sizelimit(1))
            .search(base, Scope::Subtree, filter, attrs.to_vec())
            .map_err(|e| failed(&self.url, "search", e))?;
        match result.1.rc {
            rc::SUCCESS | SIZE_LIMIT_EXCEEDED | rc::NO_SUCH_OBJECT => {
                Ok(result.0.into_iter().next().map(SearchEntry::construct))
            }
            code => Err(result_error(
                &self.url,
                &format!("search {base} {filter}"),
                code,
                &result.1.text,
            )),
        }
    }

    /// Whether the tree holds accounts and no interrupted `migrate`
    /// (whose license entry says `"migrating"` in mailuserExtra).
    pub fn holds_finished_tree(&self) -> Result<bool> {
        if !self.has_accounts()? {
            return Ok(false);
        }
        let migrating = self
            .read(
                &self.license_dn(),
                "(objectClass=mailuserLicense)",
                &["mailuserExtra"],
            )?
            .is_some_and(|e| extra_of(&e).contains_key("migrating"));
        Ok(!migrating)
    }

    /// Copies `dir` into the tree, which must hold no accounts, or what an
    /// interrupted copy left: the license entry is written first, marked
    /// `"migrating"`, and the mark is taken away last.
    pub fn import_resumable(&self, dir: &Directory) -> Result<()> {
        if self.holds_finished_tree()? {
            return Err(Error::Usage(format!(
                "{} already holds accounts; migrate copies only into an empty directory",
                self.url
            )));
        }
        let dn = self.license_dn();
        let marker = vec![
            attr("objectClass", ["mailuserLicense"]),
            attr("cn", ["license"]),
            attr("mailuserExtra", [r#"{"migrating":true}"#]),
        ];
        let code = self.add(&dn, marker)?;
        self.check(&format!("add {dn}"), code, &[rc::ALREADY_EXISTS])?;
        self.import(dir)
    }

    /// Writes a whole directory into the tree: every entry is added unless
    /// it is there, so an interrupted copy can be run again; the license
    /// entry is written last.
    fn import(&self, dir: &Directory) -> Result<()> {
        let mut domains: Vec<&str> = dir.users.iter().map(|u| u.domain.as_str()).collect();
        domains.extend(dir.groups.iter().flatten().map(|g| g.domain.as_str()));
        let alias_domains: Vec<String> = dir
            .aliases
            .iter()
            .flatten()
            .map(|a| a.alias.rsplit_once('@').map_or("", |(_, d)| d).to_string())
            .collect();
        domains.extend(alias_domains.iter().map(String::as_str));
        let mut seen = HashSet::new();
        for domain in domains {
            if seen.insert(address::fold(domain)) {
                self.ensure_domain(domain)?;
            }
        }
        // Groups first, empty; members are added with each account.
        for group in dir.groups.iter().flatten() {
            let dn = format!(
                "cn={},{}",
                dn_escape(group.name.as_str()),
                self.domain_dn(&group.domain)
            );
            let mut attrs = vec![
                attr("objectClass", ["mailuserGroup"]),
                attr("cn", [group.name.as_str()]),
            ];
            if let Some(role) = group.role {
                attrs.push(attr("mailuserRole", [role.as_str()]));
            }
            if !group.extra.is_empty() {
                attrs.push(attr(
                    "mailuserExtra",
                    [Value::Object(group.extra.clone()).to_string().as_str()],
                ));
            }
            let code = self.add(&dn, attrs)?;
            self.check(&format!("add {dn}"), code, &[rc::ALREADY_EXISTS])?;
        }
        for user in &dir.users {
            let dn = self.account_dn(&user.address());
            let code = self.add_entry(&dn, self.account_attrs(user), forwards(user), true)?;
            self.check(&format!("add {dn}"), code, &[rc::ALREADY_EXISTS])?;
            self.join_groups(user, &dn)?;
        }
        for alias in dir.aliases.iter().flatten() {
            let dn = self.alias_dn(&alias.alias);
            let mut attrs = vec![
                attr("objectClass", ["mailuserAlias"]),
                attr("mail", [alias.alias.as_str()]),
            ];
            if !alias.extra.is_empty() {
                attrs.push(attr(
                    "mailuserExtra",
                    [Value::Object(alias.extra.clone()).to_string().as_str()],
                ));
            }
            let code = self.add_entry(
                &dn,
                attrs,
                ("mailuserDeliverTo", alias.deliver_to.clone()),
                true,
            )?;
            self.check(&format!("add {dn}"), code, &[rc::ALREADY_EXISTS])?;
        }
        // The license last, with the seats counted from what was copied.
        let used = dir.users.iter().filter(|u| u.takes_seat()).count();
        let mut extra = Map::new();
        if let Some(license) = &dir.license
            && !license.extra.is_empty()
        {
            extra.insert("license".into(), Value::Object(license.extra.clone()));
        }
        if !dir.extra.is_empty() {
            extra.insert("directory".into(), Value::Object(dir.extra.clone()));
        }
        if dir.license.is_none() {
            extra.insert("license".into(), Value::Null);
        }
        // An empty `groups` or `aliases` list of the file has no entry to
        // show it: the license entry names them, so they come back.
        let empty: Vec<&str> = [
            ("groups", dir.groups.as_ref().is_some_and(Vec::is_empty)),
            ("aliases", dir.aliases.as_ref().is_some_and(Vec::is_empty)),
        ]
        .into_iter()
        .filter_map(|(name, empty)| empty.then_some(name))
        .collect();
        if !empty.is_empty() {
            extra.insert("empty".into(), serde_json::json!(empty));
        }
        let set = |name: &str, value: Option<String>| match value {
            Some(v) => Mod::Replace(name.to_string(), HashSet::from([v])),
            None => Mod::Replace(name.to_string(), HashSet::new()),
        };
        let seats = dir.license.as_ref().and_then(|l| l.seats);
        let mods = vec![
            set("mailuserSeatsUsed", Some(used.to_string())),
            set("mailuserSeats", seats.map(|s| s.to_string())),
            set(
                "mailuserExtra",
                (!extra.is_empty()).then(|| Value::Object(extra).to_string()),
            ),
        ];
        let dn = self.license_dn();
        let code = self.modify(&dn, mods, None)?;
        self.check(&format!("modify {dn}"), code, &[])
    }

    /// The domains (ou entries under BASE), sorted by folded name.
    fn domains(&self) -> Result<Vec<String>> {
        let mut domains: Vec<String> = self
            .search(
                &self.base,
                Scope::OneLevel,
                "(objectClass=organizationalUnit)",
                &["ou"],
            )?
            .iter()
            .filter_map(|e| rdn_values(&e.dn).into_iter().next())
            .collect();
        domains.sort_by_key(|d| address::fold(d));
        Ok(domains)
    }

    /// The accounts of one domain, sorted by folded name, with groups.
    fn domain_accounts(&self, domain: &str) -> Result<Vec<User>> {
        let base = self.domain_dn(domain);
        let mut members: HashMap<String, Vec<String>> = HashMap::new();
        self.paged(
            &base,
            Scope::OneLevel,
            "(objectClass=mailuserGroup)",
            &["cn", "member"],
            &mut |e| {
                let cn = first(&e, "cn").unwrap_or_default();
                for member in e.attrs.get("member").into_iter().flatten() {
                    members
                        .entry(member.to_ascii_lowercase())
                        .or_default()
                        .push(cn.clone());
                }
                Ok(())
            },
        )?;
        let mut entries = Vec::new();
        self.paged(
            &base,
            Scope::OneLevel,
            "(objectClass=mailuserAccount)",
            &ACCOUNT_ATTRS,
            &mut |e| {
                entries.push(e);
                Ok(())
            },
        )?;
        let mut users = Vec::with_capacity(entries.len());
        for entry in &entries {
            let groups = members
                .remove(&entry.dn.to_ascii_lowercase())
                .unwrap_or_default();
            users.push(self.user_of(entry, groups)?);
        }
        users.sort_by_key(|u| address::fold(&u.name));
        Ok(users)
    }
}

impl Backend for LdapDirectory {
    fn source(&self) -> String {
        self.url.clone()
    }

    fn find(&self, address: &Address) -> Result<Option<User>> {
        self.account_at(&self.account_dn(address))
    }

    fn named(&self, name: &str) -> Result<Vec<User>> {
        let filter = format!(
            "(&(objectClass=mailuserAccount)(uid={}))",
            ldap_escape(name)
        );
        let mut found = Vec::new();
        for entry in self.search(&self.base, Scope::Subtree, &filter, &ACCOUNT_ATTRS)? {
            let groups = self
                .groups_of(&entry.dn)?
                .into_iter()
                .map(|(_, cn)| cn)
                .collect();
            found.push(self.user_of(&entry, groups)?);
        }
        found.sort_by_key(|u| (address::fold(&u.domain), address::fold(&u.name)));
        Ok(found)
    }

    fn effective_role(&self, user: &User) -> Result<Role> {
        if user.group_names().is_empty() {
            return Ok(user.own_role());
        }
        let groups = self.domain_groups(&user.domain)?;
        Ok(user
            .group_names()
            .iter()
            .filter_map(|g| groups.get(&address::fold(g)).map(|(_, role)| *role))
            .fold(user.own_role(), Role::max))
    }

    fn seats(&self) -> Result<Seats> {
        Ok(match self.license()? {
            None => Seats {
                total: None,
                used: self.count_seats()? as usize,
            },
            Some((total, counted)) => Seats {
                total,
                used: match counted {
                    Some(n) => n as usize,
                    None => self.count_seats()? as usize,
                },
            },
        })
    }

    fn alias(&self, alias: &str) -> Result<Option<Vec<String>>> {
        let entry = self.read(
            &self.alias_dn(alias),
            "(objectClass=mailuserAlias)",
            &["mailuserDeliverTo"],
        )?;
        Ok(entry.map(|e| {
            e.attrs
                .get("mailuserDeliverTo")
                .cloned()
                .unwrap_or_default()
        }))
    }

    fn references(&self, address: &Address) -> Result<Vec<Reference>> {
        let value = ldap_escape(address.to_string()).into_owned();
        let mut found = Vec::new();
        let filter = format!("(&(objectClass=mailuserAlias)(mailuserDeliverTo={value}))");
        for entry in self.search(
            &self.base,
            Scope::Subtree,
            &filter,
            &["mail", "mailuserDeliverTo"],
        )? {
            let deliver_to = entry
                .attrs
                .get("mailuserDeliverTo")
                .cloned()
                .unwrap_or_default();
            let alias = first(&entry, "mail").unwrap_or_default();
            for (position, target) in deliver_to.iter().enumerate() {
                if address::same(target, &address.to_string()) {
                    found.push(Reference::Alias {
                        alias: alias.clone(),
                        deliver_to: deliver_to.clone(),
                        position,
                    });
                }
            }
        }
        let filter = format!("(&(objectClass=mailuserAccount)(mailuserForwardTo={value}))");
        for entry in self.search(&self.base, Scope::Subtree, &filter, &ACCOUNT_ATTRS)? {
            let groups = self
                .groups_of(&entry.dn)?
                .into_iter()
                .map(|(_, cn)| cn)
                .collect();
            let account = self.user_of(&entry, groups)?;
            for (position, target) in account.forwards().iter().enumerate() {
                if address::same(target, &address.to_string()) {
                    found.push(Reference::Forward {
                        account: account.clone(),
                        position,
                    });
                }
            }
        }
        Ok(found)
    }

    fn mailbox_use(&self, rel: &Path) -> Result<MailboxUse> {
        let parts: Vec<String> = rel
            .components()
            .skip(1) // mail/
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let path = parts.join("/");
        let custom = |p: &str| -> Result<usize> {
            let filter = format!(
                "(&(objectClass=mailuserAccount)(mailuserMailbox={}))",
                ldap_escape(p)
            );
            Ok(self
                .search(&self.base, Scope::Subtree, &filter, &["1.1"])?
                .len())
        };
        // The account whose default mailbox is `d/n`.
        let default_owner = |d: &str, n: &str| -> Result<bool> {
            let dn = self.account_dn(&Address {
                name: n.to_string(),
                domain: d.to_string(),
            });
            Ok(self
                .read(
                    &dn,
                    "(&(objectClass=mailuserAccount)(!(mailuserMailbox=*)))",
                    &["1.1"],
                )?
                .is_some())
        };
        let mut owners = custom(&path)?;
        if let [d, n] = &parts[..]
            && default_owner(d, n)?
        {
            owners += 1;
        }
        let mut nested_with = None;
        for depth in 1..parts.len() {
            let prefix = parts[..depth].join("/");
            let is_default = depth == 2 && default_owner(&parts[0], &parts[1])?;
            if custom(&prefix)? > 0 || is_default {
                nested_with = Some(format!("mail/{prefix}"));
                break;
            }
        }
        if nested_with.is_none() {
            let filter = format!(
                "(&(objectClass=mailuserAccount)(mailuserMailbox={}/*))",
                ldap_escape(&path)
            );
            if let Some(inner) = self.search_one(&self.base, &filter, &["mailuserMailbox"])? {
                nested_with = first(&inner, "mailuserMailbox").map(|m| format!("mail/{m}"));
            } else if let [d] = &parts[..] {
                let inside = self.search_one(
                    &self.domain_dn(d),
                    "(&(objectClass=mailuserAccount)(!(mailuserMailbox=*)))",
                    &["uid"],
                )?;
                if let Some(n) = inside.as_ref().and_then(|e| first(e, "uid")) {
                    nested_with = Some(format!("mail/{d}/{n}"));
                }
            }
        }
        Ok(MailboxUse {
            owners,
            nested_with,
        })
    }

    fn for_each_account(&self, each: &mut dyn FnMut(&User) -> Result<()>) -> Result<()> {
        for domain in self.domains()? {
            for user in self.domain_accounts(&domain)? {
                each(&user)?;
            }
        }
        Ok(())
    }

    fn snapshot(&self) -> Result<Cow<'_, Directory>> {
        let mut dir = Directory::new(Path::new(&self.url), Format::Json);
        let domains = self.domains()?;
        let mut groups = Vec::new();
        let mut aliases = Vec::new();
        for domain in &domains {
            dir.users.extend(self.domain_accounts(domain)?);
            for entry in self.search(
                &self.domain_dn(domain),
                Scope::OneLevel,
                "(objectClass=mailuserGroup)",
                &["cn", "mailuserRole", "mailuserExtra"],
            )? {
                groups.push(Group {
                    name: first(&entry, "cn").unwrap_or_default(),
                    domain: domain.clone(),
                    role: first(&entry, "mailuserRole").and_then(|r| Role::parse(&r)),
                    extra: extra_of(&entry),
                });
            }
            for entry in self.search(
                &self.domain_dn(domain),
                Scope::OneLevel,
                "(objectClass=mailuserAlias)",
                &["mail", "mailuserDeliverTo", "mailuserExtra"],
            )? {
                aliases.push(Alias {
                    alias: first(&entry, "mail").unwrap_or_default(),
                    deliver_to: entry
                        .attrs
                        .get("mailuserDeliverTo")
                        .cloned()
                        .unwrap_or_default(),
                    extra: extra_of(&entry),
                });
            }
        }
        let license = self.read(
            &self.license_dn(),
            "(objectClass=mailuserLicense)",
            &["mailuserSeats", "mailuserExtra"],
        )?;
        let mut empty = Vec::new();
        if let Some(entry) = license {
            let mut extra = extra_of(&entry);
            if let Some(Value::Array(names)) = extra.shift_remove("empty") {
                empty = names;
            }
            if let Some(Value::Object(directory)) = extra.shift_remove("directory") {
                dir.extra = directory;
            }
            dir.license = match extra.shift_remove("license") {
                Some(Value::Null) => None,
                kept => Some(License {
                    seats: first(&entry, "mailuserSeats").and_then(|v| v.parse().ok()),
                    extra: match kept {
                        Some(Value::Object(map)) => map,
                        _ => Map::new(),
                    },
                }),
            };
        }
        let kept = |name: &str| empty.iter().any(|e| e == name);
        dir.groups = (!groups.is_empty() || kept("groups")).then_some(groups);
        dir.aliases = (!aliases.is_empty() || kept("aliases")).then_some(aliases);
        dir.reindex();
        Ok(Cow::Owned(dir))
    }

    /// Checks every change against the entries as they are now, and takes
    /// the seats the changes need in one compare-and-set, before any
    /// change is made: an entry changed since the plan read it exits 75,
    /// a seat another run took meanwhile exits 5, and nothing is done.
    fn prepare(&mut self, changes: &[Change]) -> Result<()> {
        let mut seats = 0u64;
        let mut subject = String::new();
        for change in changes {
            match change {
                Change::SetEnabled { account, to, .. } | Change::SetLocked { account, to, .. } => {
                    let attribute = match change {
                        Change::SetEnabled { .. } => "mailuserEnabled",
                        _ => "mailuserLocked",
                    };
                    let dn = self.account_dn(&parse_address(account)?);
                    let Some(entry) = self.read(
                        &dn,
                        "(objectClass=mailuserAccount)",
                        &[attribute, "mailuserRole"],
                    )?
                    else {
                        return Err(Error::Changed(format!(
                            "{account}: removed on {}",
                            self.url
                        )));
                    };
                    let built_in =
                        first(&entry, "mailuserRole").as_deref() == Some(Role::BuiltIn.as_str());
                    if attribute == "mailuserEnabled"
                        && *to
                        && !flag(&entry, attribute)
                        && !built_in
                    {
                        seats += 1;
                        subject.clone_from(account);
                    }
                }
                Change::AddAccount { record, .. } => {
                    let dn = self.account_dn(&record.address());
                    if record.takes_seat() && self.read(&dn, "(objectClass=*)", &["1.1"])?.is_none()
                    {
                        seats += 1;
                        subject = record.address().to_string();
                    }
                }
                Change::RemoveAccount { record } => {
                    let dn = self.account_dn(&record.address());
                    let entry =
                        self.read(&dn, "(objectClass=mailuserAccount)", &["mailuserEnabled"])?;
                    if let Some(entry) = entry
                        && flag(&entry, "mailuserEnabled") != record.is_enabled()
                    {
                        return Err(Error::Changed(format!(
                            "{}: changed on {} since it was read",
                            record.address(),
                            self.url
                        )));
                    }
                }
                Change::RemoveAliasTarget { .. }
                | Change::DropAlias { .. }
                | Change::RemoveForward { .. }
                | Change::AddAliasTarget { .. }
                | Change::AddAlias { .. }
                | Change::AddForward { .. } => {}
            }
        }
        if seats > 0 {
            self.count_seat_change(seats as i64, &subject)?;
            self.reserved.set(seats);
        }
        Ok(())
    }

    fn apply(&mut self, changes: &[Change]) -> Result<()> {
        let mut done = Ok(());
        for change in changes {
            done = self.apply_one(change);
            if done.is_err() {
                break;
            }
            self.applied += 1;
            crate::failpoint::hit_nth("ldap-change", self.applied);
            crate::failpoint::pause(&format!("ldap-applied-{}", self.applied));
        }
        // Seats given back, and those reserved for changes that were made
        // already or that failed, go back in one compare-and-set. When a
        // change failed, its error is the one to report (a server that
        // stopped fails this too).
        let left = self.reserved.replace(0) + self.freed.replace(0);
        let counted = match left {
            0 => Ok(()),
            n => self.count_seat_change(-(n as i64), "the seats given back"),
        };
        done.and(counted)
    }

    fn applied(&self) -> usize {
        self.applied
    }
}

/// `dir` as a new JSON directory file at `path`: the same records,
/// written whole in the JSON layout.
pub fn as_new_json(dir: &Directory, path: &Path) -> Directory {
    let mut new = dir.clone();
    new.path = path.to_path_buf();
    new.format = Format::Json;
    new.raw = None;
    new.changes = Vec::new();
    new
}

/// An account's forwards, to be added in their order.
fn forwards(user: &User) -> (&'static str, Vec<String>) {
    let values = user.forwards().iter().map(Text::to_string).collect();
    ("mailuserForwardTo", values)
}

fn critical(mut control: RawControl) -> RawControl {
    control.crit = true;
    control
}

fn attr<'a>(name: &str, values: impl IntoIterator<Item = &'a str>) -> (String, HashSet<String>) {
    (
        name.to_string(),
        values.into_iter().map(str::to_string).collect(),
    )
}

fn first(entry: &SearchEntry, attribute: &str) -> Option<String> {
    entry
        .attrs
        .get(attribute)
        .and_then(|values| values.first())
        .cloned()
}

/// The value of a Boolean account attribute; absent is the default
/// (enabled, not locked).
fn flag(entry: &SearchEntry, attribute: &str) -> bool {
    match first(entry, attribute) {
        Some(value) => value.eq_ignore_ascii_case("TRUE"),
        None => attribute == "mailuserEnabled",
    }
}

fn extra_of(entry: &SearchEntry) -> Map<String, Value> {
    match first(entry, "mailuserExtra").map(|t| serde_json::from_str(&t)) {
        Some(Ok(Value::Object(map))) => map,
        _ => Map::new(),
    }
}

fn parse_address(account: &str) -> Result<Address> {
    match address::parse_user_arg(account) {
        Ok(address::UserArg::Full(address)) => Ok(address),
        _ => Err(Error::Store(format!("bad account {account:?} in a change"))),
    }
}

/// The values of a DN's RDNs, unescaped: `uid=a,ou=x.org,dc=c` gives
/// `a`, `x.org`, `c`.
fn rdn_values(dn: &str) -> Vec<String> {
    let mut values = Vec::new();
    let mut current = String::new();
    let mut in_value = false;
    let mut chars = dn.chars().peekable();
    let mut raw = Vec::new();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let a = chars.next().unwrap_or_default();
                if a.is_ascii_hexdigit() && chars.peek().is_some_and(|b| b.is_ascii_hexdigit()) {
                    let b = chars.next().unwrap_or_default();
                    raw.push(u8::from_str_radix(&format!("{a}{b}"), 16).unwrap_or(b'?'));
                } else {
                    flush(&mut raw, &mut current);
                    current.push(a);
                }
            }
            '=' if !in_value => in_value = true,
            ',' | '+' => {
                flush(&mut raw, &mut current);
                values.push(std::mem::take(&mut current));
                in_value = false;
            }
            c if in_value => {
                flush(&mut raw, &mut current);
                current.push(c);
            }
            _ => {}
        }
    }
    flush(&mut raw, &mut current);
    if in_value {
        values.push(current);
    }
    values
}

fn flush(raw: &mut Vec<u8>, current: &mut String) {
    if !raw.is_empty() {
        current.push_str(&String::from_utf8_lossy(raw));
        raw.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let u = LdapUrl::parse("ldap://127.0.0.1:389/dc=example,dc=com").unwrap();
        assert_eq!(u.server, "ldap://127.0.0.1:389");
        assert_eq!(u.base, "dc=example,dc=com");
        assert!(u.is_local());
        let u = LdapUrl::parse("ldapi://%2Ftmp%2Fs%20x/dc=a").unwrap();
        assert_eq!(u.server, "ldapi://%2Ftmp%2Fs%20x");
        assert!(u.is_local());
        let u = LdapUrl::parse("ldaps://ldap.example.org/ou=x%2Cy,dc=a").unwrap();
        assert_eq!(u.base, "ou=x,y,dc=a");
        assert!(!u.is_local());
        assert!(LdapUrl::parse("ldap://[::1]:1/dc=a").unwrap().is_local());
        assert!(LdapUrl::parse("http://x/dc=a").is_err());
        assert!(LdapUrl::parse("ldap://x/").is_err());
    }

    #[test]
    fn the_password_is_never_in_debug_output() {
        let options = LdapOptions {
            url: "ldap://127.0.0.1/dc=a".into(),
            bind_dn: Some("cn=admin,dc=a".into()),
            password: Some(Secret("hunter2".into())),
            ..LdapOptions::default()
        };
        let shown = format!("{options:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("cn=admin,dc=a"));
    }

    #[test]
    fn dn_values() {
        assert_eq!(
            rdn_values("uid=j\\2Cdoe,ou=example.com,dc=c"),
            ["j,doe", "example.com", "c"]
        );
        assert_eq!(rdn_values("uid=\\CE\\9D,ou=x"), ["Ν", "x"]);
    }
}
