//! What a machine's resolver is configured with, as every OS's reading yields it: the
//! search domains and the name servers, each with where it came from, and what was
//! skipped.

use std::fmt;
use std::net::SocketAddr;

use super::domain::{DomainSource, SearchDomain, push_unique_domain};

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
    pub(crate) primary_suffix: Option<String>,
    /// Values that were missing, unreadable or unusable, said plainly; they are skipped,
    /// as the OS's resolver skips them.
    pub notes: Vec<String>,
    /// Search domains after the first [`MAX_SEARCH_DOMAINS`]: counted, not kept.
    pub(crate) unsearched_domains: usize,
    /// How the resolver retries, when the configuration says (resolv.conf's options).
    pub(crate) retry: Option<RetryOptions>,
}

/// How a resolver retries, as resolv.conf(5) puts it: `options timeout:N` (seconds
/// waited for an answer before asking again) and `options attempts:N` (how many times a
/// server is asked). What vlmgr makes of them is `locator::Schedule`'s business.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RetryOptions {
    pub(crate) timeout_seconds: u32,
    pub(crate) attempts: u32,
}

impl Default for RetryOptions {
    /// glibc's defaults (`RES_TIMEOUT`, `RES_DFLRETRY`).
    fn default() -> Self {
        Self {
            timeout_seconds: 5,
            attempts: 2,
        }
    }
}

/// At most this many search domains are kept (the first ones); the others are only
/// counted, since comparing each with every kept one would cost quadratic time over a
/// search list of thousands (docs/discovery.md, "Bounds").
pub const MAX_SEARCH_DOMAINS: usize = 32;

/// Where a name server came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ServerSource {
    /// `--dns-server`.
    CommandLine,
    /// The environment variable `VLMGR_DNS_SERVER`.
    Environment,
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
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Self::CommandLine => "--dns-server",
            Self::Environment => "environment",
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
    pub(crate) fn new(
        address: SocketAddr,
        source: ServerSource,
        origin: impl Into<String>,
    ) -> Self {
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

/// Adds `name` as a search domain from `source` at `origin`, or a note saying why it
/// is skipped.
pub(crate) fn add_domain(system: &mut SystemDns, name: &str, source: DomainSource, origin: &str) {
    if system.domains.len() >= MAX_SEARCH_DOMAINS {
        system.unsearched_domains += 1;
        return;
    }
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
    pub(in crate::platform::resolver) fn domains(system: &SystemDns) -> Vec<(&str, DomainSource)> {
        system
            .domains
            .iter()
            .map(|d| (d.name.as_str(), d.source))
            .collect()
    }
}
