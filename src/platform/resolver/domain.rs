//! A search domain and where it came from: what every OS's resolver configuration yields
//! and what discovery searches for `_vlmcs._tcp` records (docs/discovery.md).

use hickory_resolver::Name;

/// The DNS port.
pub(crate) const DNS_PORT: u16 = 53;

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
    pub(crate) fn describe(self) -> &'static str {
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

/// A name that cannot be a search domain. The locator reports it as
/// `LocateError::InvalidName`; a configuration's notes say it and skip the name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name:?} is not a valid DNS name: {reason}")]
pub struct InvalidDomain {
    /// The name as given.
    pub(crate) name: String,
    /// What the DNS name parser objected to.
    pub(crate) reason: String,
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
    pub fn new(name: &str, source: DomainSource) -> Result<Self, InvalidDomain> {
        Ok(Self {
            name: normalize_domain(name)?,
            source,
            origin: None,
        })
    }

    /// The same domain, saying exactly where it came from.
    pub(crate) fn with_origin(self, origin: impl Into<String>) -> Self {
        Self {
            origin: Some(origin.into()),
            ..self
        }
    }

    /// The SRV name queried for this domain: `_vlmcs._tcp.<domain>`.
    pub(crate) fn query_name(&self) -> String {
        srv_query_name(&self.name)
    }
}

/// The SRV name for KMS hosts in `domain`.
pub(crate) fn srv_query_name(domain: &str) -> String {
    format!("_vlmcs._tcp.{domain}")
}

/// Checks that `name` is a DNS domain and returns it without a trailing dot.
fn normalize_domain(name: &str) -> Result<String, InvalidDomain> {
    let trimmed = name.trim();
    let without_dot = trimmed.strip_suffix('.').unwrap_or(trimmed);
    let invalid = |reason: &str| InvalidDomain {
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

/// Appends `domain` unless a domain of the same name (DNS is case-insensitive) is present.
pub(crate) fn push_unique_domain(domains: &mut Vec<SearchDomain>, domain: SearchDomain) {
    if !domains
        .iter()
        .any(|known| known.name.eq_ignore_ascii_case(&domain.name))
    {
        domains.push(domain);
    }
}
