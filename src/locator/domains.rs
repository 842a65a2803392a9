//! Which DNS domains are searched for `_vlmcs._tcp` records, and the resolver
//! settings (name servers, timeout, resolv.conf path) the lookups use.

use std::ffi::OsString;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::time::Duration;

use hickory_resolver::Name;

use super::error::LocateError;

/// The environment variable naming a resolv.conf to read instead of `/etc/resolv.conf`.
pub const RESOLV_CONF_ENV: &str = "VLMGR_RESOLV_CONF";
/// The system resolver configuration file.
pub const DEFAULT_RESOLV_CONF: &str = "/etc/resolv.conf";
/// How long one DNS lookup may take, all retries included, unless the caller says otherwise.
pub const DEFAULT_DNS_TIMEOUT: Duration = Duration::from_secs(4);
/// The DNS port.
pub const DNS_PORT: u16 = 53;

/// How DNS lookups are made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DnsSettings {
    /// Name servers to ask instead of the system's (`--dns-server`); empty means the
    /// `nameserver` lines of [`DnsSettings::resolv_conf`].
    pub servers: Vec<SocketAddr>,
    /// Deadline for one lookup (one name and type), retries and TCP fallback included.
    pub timeout: Duration,
    /// The resolver configuration to read (`domain`, `search`, `nameserver`).
    pub resolv_conf: PathBuf,
}

/// The resolv.conf to read given the value of `VLMGR_RESOLV_CONF` (unset or empty:
/// `/etc/resolv.conf`).
pub fn resolv_conf_path(env_value: Option<OsString>) -> PathBuf {
    env_value
        .filter(|value| !value.is_empty())
        .map_or_else(|| PathBuf::from(DEFAULT_RESOLV_CONF), PathBuf::from)
}

/// Why a domain is searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DomainSource {
    /// The lookup domain set with `skms-domain` (searched alone, no fallback).
    LookupDomain,
    /// The `domain` line of resolv.conf.
    ResolvConfDomain,
    /// The `search` line of resolv.conf.
    ResolvConfSearch,
    /// Named on the command line (`vlmgr discover DOMAIN...`).
    CommandLine,
}

impl DomainSource {
    /// A short human description, as `discover` prints it.
    pub fn describe(self) -> &'static str {
        match self {
            Self::LookupDomain => "KMS lookup domain (skms-domain)",
            Self::ResolvConfDomain => "resolv.conf `domain`",
            Self::ResolvConfSearch => "resolv.conf `search`",
            Self::CommandLine => "given on the command line",
        }
    }
}

/// A domain to search for `_vlmcs._tcp.<name>` and why it is searched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDomain {
    /// The domain, without a trailing dot.
    pub name: String,
    /// Where it came from.
    pub source: DomainSource,
}

impl SearchDomain {
    /// A validated search domain (a trailing dot is dropped).
    pub fn new(name: &str, source: DomainSource) -> Result<Self, LocateError> {
        Ok(Self {
            name: normalize_domain(name)?,
            source,
        })
    }

    /// The SRV name queried for this domain: `_vlmcs._tcp.<domain>`.
    pub fn query_name(&self) -> String {
        srv_query_name(&self.name)
    }
}

/// The SRV name for KMS hosts in `domain`.
pub fn srv_query_name(domain: &str) -> String {
    format!("_vlmcs._tcp.{domain}")
}

/// Checks that `name` is a DNS domain and returns it without a trailing dot.
fn normalize_domain(name: &str) -> Result<String, LocateError> {
    let trimmed = name.trim();
    let without_dot = trimmed.strip_suffix('.').unwrap_or(trimmed);
    let invalid = |reason: &str| LocateError::InvalidName {
        name: name.to_owned(),
        reason: reason.to_owned(),
    };
    if without_dot.is_empty() {
        return Err(invalid(
            "empty domain (the root zone cannot hold KMS records)",
        ));
    }
    if without_dot.starts_with('.') || without_dot.contains("..") {
        return Err(invalid("empty label"));
    }
    // The SRV name adds 12 octets (`_vlmcs._tcp.`); the whole name must fit in 253.
    Name::from_ascii(format!("{}.{without_dot}.", "_vlmcs._tcp"))
        .map_err(|error| invalid(&error.to_string()))?;
    Ok(without_dot.to_owned())
}

/// Domains named on the command line (`vlmgr discover DOMAIN...`), validated, in order.
pub fn command_line_domains<S: AsRef<str>>(names: &[S]) -> Result<Vec<SearchDomain>, LocateError> {
    let mut domains: Vec<SearchDomain> = Vec::new();
    for name in names {
        let domain = SearchDomain::new(name.as_ref(), DomainSource::CommandLine)?;
        push_unique(&mut domains, domain);
    }
    Ok(domains)
}

/// The domains discovery searches, in order.
///
/// With a lookup domain, that domain alone (it replaces the machine's suffix, no
/// fallback). Otherwise the `domain` line of the resolv.conf in `settings`, then
/// its `search` list, deduplicated; none at all is [`LocateError::NoDomain`].
pub fn search_domains(
    lookup_domain: Option<&str>,
    settings: &DnsSettings,
) -> Result<Vec<SearchDomain>, LocateError> {
    if let Some(domain) = lookup_domain {
        return Ok(vec![SearchDomain::new(domain, DomainSource::LookupDomain)?]);
    }
    let Some(conf) = ResolvConf::read(&settings.resolv_conf)? else {
        return Err(LocateError::NoDomain {
            resolv_conf: settings.resolv_conf.clone(),
            detail: "does not exist".to_owned(),
        });
    };
    let mut domains = Vec::new();
    if let Some(domain) = &conf.domain {
        // An unusable name in resolv.conf is skipped, as resolvers do, not fatal.
        if let Ok(domain) = SearchDomain::new(domain, DomainSource::ResolvConfDomain) {
            push_unique(&mut domains, domain);
        }
    }
    for name in &conf.search {
        if let Ok(domain) = SearchDomain::new(name, DomainSource::ResolvConfSearch) {
            push_unique(&mut domains, domain);
        }
    }
    if domains.is_empty() {
        return Err(LocateError::NoDomain {
            resolv_conf: settings.resolv_conf.clone(),
            detail: "has no usable `domain` or `search` line".to_owned(),
        });
    }
    Ok(domains)
}

/// Appends `domain` unless a domain of the same name (DNS is case-insensitive) is present.
fn push_unique(domains: &mut Vec<SearchDomain>, domain: SearchDomain) {
    if !domains
        .iter()
        .any(|known| known.name.eq_ignore_ascii_case(&domain.name))
    {
        domains.push(domain);
    }
}

/// The parts of resolv.conf that discovery uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResolvConf {
    /// Addresses of the `nameserver` lines, in order (port 53).
    pub nameservers: Vec<IpAddr>,
    /// The last `domain` line.
    pub domain: Option<String>,
    /// The last `search` line, split into domains.
    pub search: Vec<String>,
}

impl ResolvConf {
    /// Reads and parses `path`; `Ok(None)` when the file does not exist.
    pub fn read(path: &Path) -> Result<Option<Self>, LocateError> {
        match std::fs::read(path) {
            Ok(bytes) => Ok(Some(Self::parse(&String::from_utf8_lossy(&bytes)))),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(LocateError::ResolvConf {
                path: path.to_owned(),
                source,
            }),
        }
    }

    /// Parses resolv.conf text (resolv.conf(5)); unknown and malformed lines are ignored.
    pub fn parse(text: &str) -> Self {
        let mut conf = Self::default();
        for line in text.lines() {
            // Comments start with `#` or `;` at the beginning of a line.
            let line = line.trim_start();
            if line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            let mut words = line.split_whitespace();
            match words.next() {
                Some("nameserver") => {
                    // A scope suffix (`fe80::1%eth0`) cannot be expressed without an
                    // interface index; such a server is skipped.
                    if let Some(Ok(address)) = words.next().map(str::parse::<IpAddr>) {
                        conf.nameservers.push(address);
                    }
                }
                Some("domain") => {
                    if let Some(domain) = words.next() {
                        conf.domain = Some(domain.to_owned());
                    }
                }
                Some("search") => {
                    conf.search = words.map(str::to_owned).collect();
                }
                _ => {}
            }
        }
        conf
    }

    /// The name servers as socket addresses; glibc's default (the local host) when none is listed.
    pub fn server_addresses(&self) -> Vec<SocketAddr> {
        if self.nameservers.is_empty() {
            return vec![SocketAddr::from(([127, 0, 0, 1], DNS_PORT))];
        }
        self.nameservers
            .iter()
            .map(|address| SocketAddr::new(*address, DNS_PORT))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn settings_with(text: &str) -> (tempfile::NamedTempFile, DnsSettings) {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(text.as_bytes()).unwrap();
        let settings = DnsSettings {
            servers: Vec::new(),
            timeout: DEFAULT_DNS_TIMEOUT,
            resolv_conf: file.path().to_owned(),
        };
        (file, settings)
    }

    fn names(domains: &[SearchDomain]) -> Vec<(&str, DomainSource)> {
        domains
            .iter()
            .map(|d| (d.name.as_str(), d.source))
            .collect()
    }

    #[test]
    fn resolv_conf_path_follows_the_environment_value() {
        assert_eq!(resolv_conf_path(None), PathBuf::from("/etc/resolv.conf"));
        assert_eq!(
            resolv_conf_path(Some(OsString::new())),
            PathBuf::from("/etc/resolv.conf")
        );
        assert_eq!(
            resolv_conf_path(Some(OsString::from("/tmp/test-resolv.conf"))),
            PathBuf::from("/tmp/test-resolv.conf")
        );
    }

    #[test]
    fn parses_resolv_conf_lines() {
        let conf = ResolvConf::parse(
            "# comment\n; other comment\nnameserver 10.0.0.2\nnameserver ::1\n\
             nameserver fe80::1%eth0\noptions ndots:2\ndomain corp.test\nsearch a.test b.test\n",
        );
        assert_eq!(
            conf.nameservers,
            vec![
                "10.0.0.2".parse::<IpAddr>().unwrap(),
                "::1".parse().unwrap()
            ]
        );
        assert_eq!(conf.domain.as_deref(), Some("corp.test"));
        assert_eq!(conf.search, vec!["a.test", "b.test"]);
        assert_eq!(
            conf.server_addresses()[1],
            "[::1]:53".parse::<SocketAddr>().unwrap()
        );
    }

    #[test]
    fn no_nameserver_means_localhost() {
        let conf = ResolvConf::parse("domain corp.test\n");
        assert_eq!(
            conf.server_addresses(),
            vec!["127.0.0.1:53".parse::<SocketAddr>().unwrap()]
        );
    }

    #[test]
    fn domain_then_search_deduplicated() {
        let (_file, settings) =
            settings_with("domain corp.test\nsearch corp.test. branch.test CORP.test other.test\n");
        let domains = search_domains(None, &settings).unwrap();
        assert_eq!(
            names(&domains),
            vec![
                ("corp.test", DomainSource::ResolvConfDomain),
                ("branch.test", DomainSource::ResolvConfSearch),
                ("other.test", DomainSource::ResolvConfSearch),
            ]
        );
        assert_eq!(domains[1].query_name(), "_vlmcs._tcp.branch.test");
    }

    #[test]
    fn lookup_domain_alone_without_fallback() {
        let (_file, settings) = settings_with("domain corp.test\nsearch a.test\n");
        let domains = search_domains(Some("kms.example."), &settings).unwrap();
        assert_eq!(
            names(&domains),
            vec![("kms.example", DomainSource::LookupDomain)]
        );
    }

    #[test]
    fn no_domain_is_an_error_naming_the_file() {
        let (_file, settings) = settings_with("nameserver 10.0.0.2\n");
        let error = search_domains(None, &settings).unwrap_err();
        assert!(matches!(error, LocateError::NoDomain { .. }), "{error}");
        assert!(
            error
                .to_string()
                .contains(&settings.resolv_conf.display().to_string())
        );

        let missing = DnsSettings {
            resolv_conf: PathBuf::from("/nonexistent/vlmgr/resolv.conf"),
            ..settings
        };
        let error = search_domains(None, &missing).unwrap_err();
        assert!(error.to_string().contains("does not exist"), "{error}");
        assert_eq!(error.hresult(), crate::protocol::HResult(0x8007_007B));
    }

    #[test]
    fn invalid_names_are_rejected() {
        for bad in [
            "",
            ".",
            "a..b",
            &"x".repeat(64),
            &format!("{}.test", "a.".repeat(125)),
        ] {
            let error = SearchDomain::new(bad, DomainSource::CommandLine).unwrap_err();
            assert!(
                matches!(error, LocateError::InvalidName { .. }),
                "{bad}: {error}"
            );
        }
        let domains = command_line_domains(&["a.test", "A.test.", "b.test"]).unwrap();
        assert_eq!(domains.len(), 2);
    }
}
