//! Each OS's own resolver configuration, read the way that OS's resolver reads it: the
//! search domains and the name servers, each with where it came from
//! (docs/platforms.md).
//!
//! Every source is a pure function from a snapshot of what the OS holds to a
//! [`SystemDns`]: resolv.conf text ([`resolv_conf`]), registry values and adapters
//! ([`windows`]), dynamic store dictionaries and `/etc/resolver` files ([`macos`]). Only
//! the small readers that take the snapshot are compiled for their own OS, so the rules
//! of every OS are unit-tested on every OS.
//!
//! `VLMGR_RESOLV_CONF` names a resolv.conf to read instead, on every OS. Without it,
//! Linux reads `/etc/resolv.conf`, macOS its dynamic store (with `/etc/resolv.conf` as the
//! fallback) and Windows its registry; the Windows build never opens a Unix path.

pub mod macos;
pub mod resolv_conf;
pub mod windows;

use std::fmt;
use std::net::SocketAddr;
use std::path::Path;

use super::domains::{DomainSource, SearchDomain};
use super::error::LocateError;

/// What a machine's resolver is configured with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SystemDns {
    /// What was read, for messages: a file, "the Windows DNS client settings", ...
    pub consulted: String,
    /// The domains searched, in order, each with its source.
    pub domains: Vec<SearchDomain>,
    /// Why there is no domain, completing "`consulted` ..." (used when `domains` is empty).
    pub no_domain_reason: String,
    /// The name servers: those without a [`NameServer::domain`] answer every name, the
    /// others only names in their domain (split DNS).
    pub servers: Vec<NameServer>,
    /// The machine's primary DNS suffix as this OS defines it (docs/platforms.md).
    pub primary_suffix: Option<String>,
    /// Values that were missing, unreadable or unusable, said plainly; they are skipped,
    /// as the OS's resolver skips them.
    pub notes: Vec<String>,
}

/// Where a name server came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ServerSource {
    /// `--dns-server` (or `VLMGR_DNS_SERVER`).
    CommandLine,
    /// A `nameserver` line of resolv.conf.
    ResolvConf,
    /// resolv.conf lists none: the local host, as glibc assumes.
    ResolvConfDefault,
    /// Configured on a Windows adapter (its `NameServer` value).
    AdapterConfigured,
    /// Given to a Windows adapter by DHCP (its `DhcpNameServer` value).
    AdapterDhcp,
    /// Reported by Windows for an adapter but in neither value (DHCPv6, router
    /// advertisements).
    AdapterReported,
    /// The macOS dynamic store's global DNS (`State:/Network/Global/DNS`).
    StoreGlobal,
    /// A macOS network service's supplemental resolver (VPN split DNS).
    StoreSupplemental,
    /// A macOS `/etc/resolver/<domain>` file.
    ResolverFile,
}

impl ServerSource {
    /// A short human description, as `discover` prints it.
    pub fn describe(self) -> &'static str {
        match self {
            Self::CommandLine => "--dns-server",
            Self::ResolvConf => "resolv.conf `nameserver`",
            Self::ResolvConfDefault => "no `nameserver` in resolv.conf: the local host",
            Self::AdapterConfigured => "configured on the adapter",
            Self::AdapterDhcp => "from DHCP on the adapter",
            Self::AdapterReported => "reported by Windows for the adapter",
            Self::StoreGlobal => "dynamic store, global DNS",
            Self::StoreSupplemental => "dynamic store, supplemental resolver",
            Self::ResolverFile => "/etc/resolver file",
        }
    }
}

/// One name server and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameServer {
    /// The address queries go to.
    pub address: SocketAddr,
    /// What kind of setting named it.
    pub source: ServerSource,
    /// Exactly where: a file, a registry value, a dynamic store key.
    pub origin: String,
    /// The domain it answers for (split DNS); none: every name without a more specific
    /// resolver.
    pub domain: Option<String>,
}

impl NameServer {
    /// A server for every name.
    pub fn new(address: SocketAddr, source: ServerSource, origin: impl Into<String>) -> Self {
        Self {
            address,
            source,
            origin: origin.into(),
            domain: None,
        }
    }
}

impl fmt::Display for NameServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.address)?;
        if let Some(domain) = &self.domain {
            write!(f, " for {domain}")?;
        }
        write!(f, "  ({}", self.source.describe())?;
        if !self.origin.is_empty() {
            write!(f, ": {}", self.origin)?;
        }
        f.write_str(")")
    }
}

/// The resolver configuration: the file `resolv_conf` names (`VLMGR_RESOLV_CONF`), else
/// the OS's own.
///
/// A resolv.conf that exists but cannot be read is an error; everything else that is
/// missing or unusable is said in [`SystemDns::notes`] and skipped.
pub fn read(resolv_conf: Option<&Path>) -> Result<SystemDns, LocateError> {
    match resolv_conf {
        Some(path) => resolv_conf::read(path),
        None => read_native(),
    }
}

#[cfg(windows)]
fn read_native() -> Result<SystemDns, LocateError> {
    Ok(windows::configuration(&windows::read_snapshot()))
}

#[cfg(target_os = "macos")]
fn read_native() -> Result<SystemDns, LocateError> {
    Ok(macos::configuration(&macos::read_snapshot()))
}

#[cfg(not(any(windows, target_os = "macos")))]
fn read_native() -> Result<SystemDns, LocateError> {
    resolv_conf::read(Path::new(resolv_conf::DEFAULT_PATH))
}

/// The machine's primary DNS suffix from the OS's own configuration (never
/// `VLMGR_RESOLV_CONF`): the workstation name is the host name plus this suffix.
#[cfg(windows)]
pub fn primary_suffix() -> Option<String> {
    windows::primary_suffix(&windows::read_suffix_snapshot())
}

/// The machine's primary DNS suffix from the OS's own configuration (never
/// `VLMGR_RESOLV_CONF`): the workstation name is the host name plus this suffix.
#[cfg(target_os = "macos")]
pub fn primary_suffix() -> Option<String> {
    macos::configuration(&macos::read_global_snapshot()).primary_suffix
}

/// The machine's primary DNS suffix from the OS's own configuration (never
/// `VLMGR_RESOLV_CONF`): the workstation name is the host name plus this suffix.
#[cfg(not(any(windows, target_os = "macos")))]
pub fn primary_suffix() -> Option<String> {
    resolv_conf::read(Path::new(resolv_conf::DEFAULT_PATH))
        .ok()
        .and_then(|system| system.primary_suffix)
}

/// What would be consulted for the search domains, as messages name it, where nothing
/// was read yet (after a reading, [`SystemDns::consulted`] says what it was).
pub fn consulted(resolv_conf: Option<&Path>) -> String {
    match resolv_conf {
        Some(path) => path.display().to_string(),
        None if cfg!(windows) => windows::CONSULTED.to_owned(),
        None if cfg!(target_os = "macos") => macos::CONSULTED.to_owned(),
        None => resolv_conf::DEFAULT_PATH.to_owned(),
    }
}

/// How to give this machine a search domain, with the OS's own tools.
pub fn how_to_add_a_domain(resolv_conf: Option<&Path>) -> String {
    match resolv_conf {
        Some(path) => format!("add a `domain` or `search` line to {}", path.display()),
        None if cfg!(windows) => "set a DNS suffix search list with \
             `Set-DnsClientGlobalSetting -SuffixSearchList @('corp.example')` \
             (`Get-DnsClientGlobalSetting` shows it) or a primary DNS suffix"
            .to_owned(),
        None if cfg!(target_os = "macos") => "add a search domain in System Settings \
             (Network, Details, DNS) or with `networksetup -setsearchdomains <service> corp.example` \
             (`scutil --dns` shows what is in force)"
            .to_owned(),
        None => format!(
            "add a `domain` or `search` line to {}",
            resolv_conf::DEFAULT_PATH
        ),
    }
}

/// Why a record `nslookup` finds is not found by clients, in the words of the
/// configuration the domains came from; none for a lookup domain or named domains.
pub fn search_list_hint(domains: &[SearchDomain]) -> Option<String> {
    let names = domains
        .iter()
        .map(|domain| domain.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let first = domains.first()?;
    let (searched, fix) = match first.source {
        DomainSource::ResolvConfDomain | DomainSource::ResolvConfSearch => (
            "resolv.conf `domain` and `search`",
            "add that zone to `search`".to_owned(),
        ),
        DomainSource::SearchListPolicy
        | DomainSource::SearchList
        | DomainSource::PrimarySuffixPolicy
        | DomainSource::PrimarySuffix
        | DomainSource::AdapterSuffix
        | DomainSource::AdapterDhcpSuffix => (
            "the DNS suffix search list, or without one the primary and connection-specific suffixes",
            "add that zone to the suffix search list \
             (`Set-DnsClientGlobalSetting -SuffixSearchList`; `Get-DnsClientGlobalSetting` shows it)"
                .to_owned(),
        ),
        DomainSource::StoreSearchDomains
        | DomainSource::StoreDomainName
        | DomainSource::StoreSupplementalDomain => (
            "the search domains `scutil --dns` shows",
            "add that zone to the search domains (System Settings, or \
             `networksetup -setsearchdomains`)"
                .to_owned(),
        ),
        DomainSource::LookupDomain | DomainSource::CommandLine => return None,
    };
    Some(format!(
        "clients search only _vlmcs._tcp in {names} ({searched}); a record in any other zone \
         is not found even if `nslookup -type=srv` shows it: {fix}, set it with \
         `vlmgr skms-domain <zone>`, or try `vlmgr discover <zone>`"
    ))
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

/// Adds `name` as a search domain from `source` at `origin`, or a note saying why it
/// is skipped.
pub(crate) fn add_domain(system: &mut SystemDns, name: &str, source: DomainSource, origin: &str) {
    match SearchDomain::new(name, source) {
        Ok(domain) => push_unique_domain(&mut system.domains, domain.with_origin(origin)),
        Err(error) => system.notes.push(format!("{origin}: {error}; skipped")),
    }
}

/// Appends `server` unless the same address already serves the same domain.
pub(crate) fn push_unique_server(servers: &mut Vec<NameServer>, server: NameServer) {
    let same = |known: &NameServer| {
        known.address == server.address
            && match (&known.domain, &server.domain) {
                (None, None) => true,
                (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                _ => false,
            }
    };
    if !servers.iter().any(same) {
        servers.push(server);
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// The domains of `system` with their sources, as the fixtures of every OS compare them.
    pub(in crate::locator::system) fn domains(system: &SystemDns) -> Vec<(&str, DomainSource)> {
        system
            .domains
            .iter()
            .map(|d| (d.name.as_str(), d.source))
            .collect()
    }

    #[test]
    fn hints_speak_the_language_of_the_source() {
        let domain = |source| {
            vec![
                SearchDomain::new("corp.example", source)
                    .unwrap()
                    .with_origin("x"),
            ]
        };
        let hint = |source| search_list_hint(&domain(source)).unwrap_or_default();
        assert!(hint(DomainSource::ResolvConfSearch).contains("`search`"));
        let windows = hint(DomainSource::SearchList);
        assert!(windows.contains("Set-DnsClientGlobalSetting -SuffixSearchList"));
        assert!(windows.contains("Get-DnsClientGlobalSetting"));
        assert!(!windows.contains("resolv.conf"), "{windows}");
        let mac = hint(DomainSource::StoreSearchDomains);
        assert!(mac.contains("scutil --dns"), "{mac}");
        assert!(!mac.contains("resolv.conf"), "{mac}");
        assert_eq!(search_list_hint(&domain(DomainSource::LookupDomain)), None);
        assert_eq!(search_list_hint(&[]), None);
    }

    #[test]
    fn the_remedy_names_the_os_tools_or_the_file() {
        let file = how_to_add_a_domain(Some(Path::new("/tmp/r.conf")));
        assert!(file.contains("/tmp/r.conf"), "{file}");
        let native = how_to_add_a_domain(None);
        if cfg!(windows) {
            assert!(native.contains("Set-DnsClientGlobalSetting"), "{native}");
            assert!(!native.contains("resolv.conf"), "{native}");
        } else if cfg!(target_os = "macos") {
            assert!(native.contains("scutil --dns"), "{native}");
        } else {
            assert!(native.contains("/etc/resolv.conf"), "{native}");
        }
    }
}
