//! Which DNS domains are searched for `_vlmcs._tcp` records, and the resolver
//! settings (name servers, timeout, resolver configuration) the lookups use. Where the
//! machine's own domains come from is each OS's business: `system/`.

use std::ffi::OsString;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use hickory_resolver::Name;

use super::error::LocateError;
use super::system;

/// The environment variable naming a resolv.conf to read instead of the OS's own
/// resolver configuration (on every OS).
pub const RESOLV_CONF_ENV: &str = "VLMGR_RESOLV_CONF";
/// How long one DNS lookup may take, all retries included, unless the caller says otherwise.
pub const DEFAULT_DNS_TIMEOUT: Duration = Duration::from_secs(4);
/// The DNS port.
pub const DNS_PORT: u16 = 53;

/// How DNS lookups are made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DnsSettings {
    /// Name servers to ask instead of the system's (`--dns-server`); empty means the
    /// system's.
    pub servers: Vec<SocketAddr>,
    /// Deadline for one lookup (one name and type), retries and TCP fallback included.
    pub timeout: Duration,
    /// A resolv.conf to read instead of the OS's own configuration (`VLMGR_RESOLV_CONF`);
    /// none: `/etc/resolv.conf` on Linux, the dynamic store on macOS, the registry on
    /// Windows.
    pub resolv_conf: Option<PathBuf>,
}

/// The resolv.conf to read given the value of `VLMGR_RESOLV_CONF` (unset or empty: none,
/// the OS's own configuration).
pub fn resolv_conf_path(env_value: Option<OsString>) -> Option<PathBuf> {
    env_value
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
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
    /// Windows: the DNS suffix search list set by Group Policy.
    SearchListPolicy,
    /// Windows: the DNS suffix search list (Tcpip\Parameters `SearchList`).
    SearchList,
    /// Windows: the primary DNS suffix set by Group Policy.
    PrimarySuffixPolicy,
    /// Windows: the primary DNS suffix (Tcpip\Parameters `NV Domain` or `Domain`).
    PrimarySuffix,
    /// Windows: an adapter's configured connection-specific suffix.
    AdapterSuffix,
    /// Windows: an adapter's connection-specific suffix from DHCP.
    AdapterDhcpSuffix,
    /// macOS: the dynamic store's global `SearchDomains`.
    StoreSearchDomains,
    /// macOS: the dynamic store's global `DomainName` (without `SearchDomains`).
    StoreDomainName,
    /// macOS: a network service's supplemental match domain (VPN split DNS).
    StoreSupplementalDomain,
}

impl DomainSource {
    /// A short human description, as `discover` prints it.
    pub fn describe(self) -> &'static str {
        match self {
            Self::LookupDomain => "KMS lookup domain (skms-domain)",
            Self::ResolvConfDomain => "resolv.conf `domain`",
            Self::ResolvConfSearch => "resolv.conf `search`",
            Self::CommandLine => "given on the command line",
            Self::SearchListPolicy => "DNS suffix search list, Group Policy",
            Self::SearchList => "DNS suffix search list",
            Self::PrimarySuffixPolicy => "primary DNS suffix, Group Policy",
            Self::PrimarySuffix => "primary DNS suffix",
            Self::AdapterSuffix => "connection-specific DNS suffix",
            Self::AdapterDhcpSuffix => "connection-specific DNS suffix from DHCP",
            Self::StoreSearchDomains => "search domain",
            Self::StoreDomainName => "domain name",
            Self::StoreSupplementalDomain => "supplemental match domain",
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
    /// Exactly where, when the OS's configuration gave it: a file, a registry value, a
    /// dynamic store key.
    pub origin: Option<String>,
}

impl SearchDomain {
    /// A validated search domain (a trailing dot is dropped).
    pub fn new(name: &str, source: DomainSource) -> Result<Self, LocateError> {
        Ok(Self {
            name: normalize_domain(name)?,
            source,
            origin: None,
        })
    }

    /// The same domain, saying exactly where it came from.
    pub fn with_origin(self, origin: impl Into<String>) -> Self {
        Self {
            origin: Some(origin.into()),
            ..self
        }
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
        system::push_unique_domain(&mut domains, domain);
    }
    Ok(domains)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locator::Locator;
    use std::io::Write;

    fn settings_with(text: &str) -> (tempfile::NamedTempFile, DnsSettings) {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(text.as_bytes()).unwrap();
        let settings = DnsSettings {
            servers: Vec::new(),
            timeout: DEFAULT_DNS_TIMEOUT,
            resolv_conf: Some(file.path().to_owned()),
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
        assert_eq!(resolv_conf_path(None), None);
        assert_eq!(resolv_conf_path(Some(OsString::new())), None);
        assert_eq!(
            resolv_conf_path(Some(OsString::from("/tmp/test-resolv.conf"))),
            Some(PathBuf::from("/tmp/test-resolv.conf"))
        );
    }

    #[test]
    fn domain_then_search_deduplicated() {
        let (file, settings) =
            settings_with("domain corp.test\nsearch corp.test. branch.test CORP.test other.test\n");
        let domains = Locator::new(&settings)
            .unwrap()
            .search_domains(None)
            .unwrap();
        assert_eq!(
            names(&domains),
            vec![
                ("corp.test", DomainSource::ResolvConfDomain),
                ("branch.test", DomainSource::ResolvConfSearch),
                ("other.test", DomainSource::ResolvConfSearch),
            ]
        );
        assert_eq!(domains[1].query_name(), "_vlmcs._tcp.branch.test");
        assert_eq!(
            domains[1].origin.as_deref(),
            Some(file.path().display().to_string().as_str())
        );
    }

    #[test]
    fn lookup_domain_alone_without_fallback() {
        let (_file, settings) = settings_with("domain corp.test\nsearch a.test\n");
        let domains = Locator::new(&settings)
            .unwrap()
            .search_domains(Some("kms.example."))
            .unwrap();
        assert_eq!(
            names(&domains),
            vec![("kms.example", DomainSource::LookupDomain)]
        );
    }

    #[test]
    fn no_domain_is_an_error_naming_the_file() {
        let (file, settings) = settings_with("nameserver 10.0.0.2\n");
        let error = Locator::new(&settings)
            .unwrap()
            .search_domains(None)
            .unwrap_err();
        assert!(matches!(error, LocateError::NoDomain { .. }), "{error}");
        assert!(
            error
                .to_string()
                .contains(&file.path().display().to_string())
        );

        let missing = DnsSettings {
            resolv_conf: Some(PathBuf::from("/nonexistent/vlmgr/resolv.conf")),
            ..settings
        };
        let error = Locator::new(&missing)
            .unwrap()
            .search_domains(None)
            .unwrap_err();
        assert!(error.to_string().contains("does not exist"), "{error}");
        assert_eq!(error.hresult(), crate::protocol::HResult(0x8007_007B));
    }

    #[test]
    fn an_unreadable_configuration_stops_only_the_search_when_servers_are_named() {
        let directory = tempfile::tempdir().unwrap();
        let unreadable = DnsSettings {
            servers: Vec::new(),
            timeout: DEFAULT_DNS_TIMEOUT,
            resolv_conf: Some(directory.path().to_owned()),
        };
        let error = Locator::new(&unreadable).err().expect("an unreadable file");
        assert!(matches!(error, LocateError::ResolvConf { .. }), "{error}");

        let named = DnsSettings {
            servers: vec!["127.0.0.1:53".parse().unwrap()],
            ..unreadable
        };
        let locator = Locator::new(&named).expect("named servers need no configuration");
        let error = locator.search_domains(None).unwrap_err();
        assert!(matches!(error, LocateError::ResolvConf { .. }), "{error}");
        assert_eq!(
            names(&locator.search_domains(Some("corp.test")).unwrap()),
            vec![("corp.test", DomainSource::LookupDomain)]
        );
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
