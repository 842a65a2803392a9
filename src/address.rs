//! KMS hosts: the one vocabulary every layer uses for them.
//!
//! - [`Host`]: a DNS name or an IP literal; [`HostPort`]: a host and its TCP port, as
//!   configured, cached, found in DNS and connected to;
//! - [`KmsAddress`]: what `skms` and `--kms` take, which may be a port alone;
//! - [`HostSource`]: where a host came from; [`AddressOrigin`]: where the address
//!   connected to came from.
//!
//! Accepted spellings: `host`, `host:port`, `[v6]:port`, `[v6]`, `:port`, an IPv4
//! literal, an IPv6 literal without a port. The same parser checks what the state file
//! holds. Host, HostPort and KmsAddress are persisted in the state file (their serde form
//! is the state's schema, docs/state.md); the CLI's JSON shows them as strings.

use std::fmt;
use std::net::{IpAddr, Ipv6Addr};

use serde::{Deserialize, Serialize};

/// The KMS port (TCP 1688): the port when none is given.
pub(crate) const DEFAULT_KMS_PORT: u16 = 1688;

/// The forms `skms` accepts, which the command line names when it refuses an address.
pub(crate) const ACCEPTED_FORMS: &str =
    "host, host:port, [IPv6]:port, IPv4, IPv6 (without port), :port";

/// A host: a DNS name (or NetBIOS-style single label) or an IP literal.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Host {
    Name(String),
    Ip(IpAddr),
}

/// A host and the TCP port it is reached on.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct HostPort {
    pub host: Host,
    pub(crate) port: u16,
}

/// What `skms` sets: a host and a port, or only a port (`:port`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KmsAddress {
    pub(crate) host: Option<Host>,
    pub(crate) port: u16,
}

/// Where a host came from. Serialized as the state file spells it (`{"kind": "dns",
/// "domain": ...}`); the CLI's JSON has its own view (`output::view`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum HostSource {
    /// `skms` for the product or globally.
    Configured,
    /// `--kms` on this run.
    CommandLine,
    /// The host cached from an earlier activation.
    Cached,
    /// DNS SRV discovery in this domain.
    Dns { domain: String },
}

impl HostSource {
    /// The domain whose SRV records named the host; `None` for a host set by hand or cached.
    pub(crate) fn dns_domain(&self) -> Option<&str> {
        match self {
            HostSource::Dns { domain } => Some(domain),
            HostSource::Configured | HostSource::CommandLine | HostSource::Cached => None,
        }
    }
}

/// Where the address connected to came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AddressOrigin {
    /// The host is an IP literal.
    Literal,
    /// Kept in the state: an address this host answered on before (no DNS needed).
    Known,
    /// The additional section of the SRV answer (no query).
    SrvAnswer,
    /// An A or AAAA lookup of the name in this run.
    Lookup,
}

impl AddressOrigin {
    /// How `-v` says it.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            AddressOrigin::Literal => "IP literal",
            AddressOrigin::Known => "address kept from the last activation",
            AddressOrigin::SrvAnswer => "address from the SRV answer",
            AddressOrigin::Lookup => "address from DNS",
        }
    }
}

/// Why an address was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    #[error("the KMS host address is empty")]
    Empty,
    #[error("port {0:?} is not a number from 1 to 65535")]
    BadPort(String),
    #[error("port 0 cannot be used: a port is a number from 1 to 65535")]
    PortZero,
    #[error("{0:?} looks like an IPv6 address with a port: write it as [address]:port")]
    UnbracketedIpv6(String),
    #[error("{0:?} is not a valid IPv6 address inside brackets")]
    BadIpv6(String),
    #[error("{name:?} is not a valid host name ({why})")]
    BadHostName { name: String, why: &'static str },
}

impl Host {
    /// Parses a bare host (no port): IP literal or host name.
    pub(crate) fn parse(text: &str) -> Result<Host, AddressError> {
        if let Ok(ip) = text.parse::<IpAddr>() {
            return Ok(Host::Ip(ip));
        }
        validate_host_name(text)?;
        Ok(Host::Name(text.to_string()))
    }

    /// A host as DNS named it (an SRV target): an IP literal is an address, anything
    /// else a name as given. DNS answered with it, so it is not held to the rules for
    /// names that admins type.
    pub fn from_dns(name: &str) -> Host {
        match name.parse::<IpAddr>() {
            Ok(ip) => Host::Ip(ip),
            Err(_) => Host::Name(name.to_string()),
        }
    }

    /// This host if the state file can hold it, else `ip`, the address it answered on:
    /// a name from DNS that [`Host::parse`] refuses would make the file unreadable.
    pub(crate) fn recordable_or(&self, ip: IpAddr) -> Host {
        match self {
            Host::Name(name) if Host::parse(name).is_err() => Host::Ip(ip),
            host => host.clone(),
        }
    }
}

impl HostPort {
    pub fn new(host: Host, port: u16) -> HostPort {
        HostPort { host, port }
    }
}

impl fmt::Display for HostPort {
    /// `host:port`, with an IPv6 literal in brackets (`[2001:db8::1]:1688`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.host {
            Host::Ip(IpAddr::V6(ip)) => write!(f, "[{ip}]:{}", self.port),
            host => write!(f, "{host}:{}", self.port),
        }
    }
}

impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Host::Name(name) => f.write_str(name),
            Host::Ip(ip) => write!(f, "{ip}"),
        }
    }
}

impl TryFrom<String> for Host {
    type Error = AddressError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Host::parse(&text)
    }
}

impl From<Host> for String {
    fn from(host: Host) -> String {
        host.to_string()
    }
}

impl KmsAddress {
    /// Parses what an admin typed after `skms` or `--kms`.
    pub fn parse(text: &str) -> Result<KmsAddress, AddressError> {
        if text.is_empty() {
            return Err(AddressError::Empty);
        }
        if let Some(port) = text.strip_prefix(':') {
            // `:port` alone, but not an IPv6 literal such as `::1`.
            if !port.starts_with(':') {
                return Ok(KmsAddress {
                    host: None,
                    port: parse_port(port)?,
                });
            }
        }
        if let Some(rest) = text.strip_prefix('[') {
            let Some((inside, after)) = rest.split_once(']') else {
                return Err(AddressError::BadIpv6(text.to_string()));
            };
            let ip: Ipv6Addr = inside
                .parse()
                .map_err(|_| AddressError::BadIpv6(inside.to_string()))?;
            let port = match after {
                "" => DEFAULT_KMS_PORT,
                _ => match after.strip_prefix(':') {
                    Some(port) => parse_port(port)?,
                    None => return Err(AddressError::BadIpv6(text.to_string())),
                },
            };
            return Ok(KmsAddress {
                host: Some(Host::Ip(IpAddr::V6(ip))),
                port,
            });
        }
        if text.matches(':').count() > 1 {
            // Unbracketed: only a whole IPv6 literal (no port) is unambiguous.
            return match text.parse::<Ipv6Addr>() {
                Ok(ip) => Ok(KmsAddress {
                    host: Some(Host::Ip(IpAddr::V6(ip))),
                    port: DEFAULT_KMS_PORT,
                }),
                Err(_) => Err(AddressError::UnbracketedIpv6(text.to_string())),
            };
        }
        let (host, port) = match text.split_once(':') {
            Some((host, port)) => (host, parse_port(port)?),
            None => (text, DEFAULT_KMS_PORT),
        };
        Ok(KmsAddress {
            host: Some(Host::parse(host)?),
            port,
        })
    }
}

impl KmsAddress {
    /// The host and port, unless only a port was given.
    pub(crate) fn host_port(&self) -> Option<HostPort> {
        self.host
            .as_ref()
            .map(|host| HostPort::new(host.clone(), self.port))
    }
}

impl fmt::Display for KmsAddress {
    /// slmgr's spelling: `host:port`, `[v6]:port`, `:port`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.host_port() {
            None => write!(f, ":{}", self.port),
            Some(host_port) => host_port.fmt(f),
        }
    }
}

fn parse_port(text: &str) -> Result<u16, AddressError> {
    if text.is_empty() || text.len() > 5 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AddressError::BadPort(text.to_string()));
    }
    match text.parse::<u32>() {
        Ok(0) => Err(AddressError::PortZero),
        Ok(port) => u16::try_from(port).map_err(|_| AddressError::BadPort(text.to_string())),
        Err(_) => Err(AddressError::BadPort(text.to_string())),
    }
}

/// Checks a DNS host name (RFC 1123 labels; `_` tolerated as many internal zones use it).
pub(crate) fn validate_host_name(name: &str) -> Result<(), AddressError> {
    let bad = |why| AddressError::BadHostName {
        name: name.to_string(),
        why,
    };
    let trimmed = name.strip_suffix('.').unwrap_or(name);
    if trimmed.is_empty() {
        return Err(bad("it is empty"));
    }
    if trimmed.len() > 253 {
        return Err(bad("longer than 253 characters"));
    }
    for label in trimmed.split('.') {
        if label.is_empty() {
            return Err(bad("it has an empty label"));
        }
        if label.len() > 63 {
            return Err(bad("a label is longer than 63 characters"));
        }
        if !label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return Err(bad("only letters, digits, '-', '_' and '.' are allowed"));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(bad("a label starts or ends with '-'"));
        }
    }
    if trimmed.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Err(bad("it looks like an IPv4 address but is not one"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> String {
        KmsAddress::parse(text)
            .map(|a| a.to_string())
            .unwrap_or_else(|e| panic!("{text:?} refused: {e}"))
    }

    #[test]
    fn accepted_forms() {
        assert_eq!(ok("kms.corp.example"), "kms.corp.example:1688");
        assert_eq!(ok("kms.corp.example:1700"), "kms.corp.example:1700");
        assert_eq!(ok("KMSHOST"), "KMSHOST:1688");
        assert_eq!(ok("10.0.0.5"), "10.0.0.5:1688");
        assert_eq!(ok("10.0.0.5:65535"), "10.0.0.5:65535");
        assert_eq!(ok("[2001:db8::1]:1688"), "[2001:db8::1]:1688");
        assert_eq!(ok("[::1]"), "[::1]:1688");
        assert_eq!(ok("2001:db8::5"), "[2001:db8::5]:1688");
        assert_eq!(ok("::1"), "[::1]:1688");
        assert_eq!(ok(":1700"), ":1700");
        assert_eq!(ok("kms.corp.example."), "kms.corp.example.:1688");
    }

    #[test]
    fn host_port_brackets_ipv6_and_dns_names_are_taken_as_given() {
        let v6 = HostPort::new(Host::from_dns("2001:db8::1"), 1688);
        assert_eq!(v6.to_string(), "[2001:db8::1]:1688");
        assert_eq!(
            HostPort::new(Host::from_dns("kms"), 1688).to_string(),
            "kms:1688"
        );
        let odd = Host::from_dns("odd name");
        assert_eq!(odd, Host::Name("odd name".into()));
        let ip: IpAddr = "10.0.0.9".parse().unwrap();
        assert_eq!(odd.recordable_or(ip), Host::Ip(ip));
        assert_eq!(
            Host::from_dns("kms").recordable_or(ip),
            Host::from_dns("kms")
        );
    }

    #[test]
    fn refused_forms() {
        use AddressError::*;
        let err = |t: &str| KmsAddress::parse(t).unwrap_err();
        assert_eq!(err(""), Empty);
        assert_eq!(err("kms:0"), PortZero);
        assert!(matches!(err("kms:65536"), BadPort(_)));
        assert!(matches!(err("kms:99999999"), BadPort(_)));
        assert!(matches!(err("kms:"), BadPort(_)));
        assert!(matches!(err("kms:+80"), BadPort(_)));
        assert!(matches!(err(":0"), PortZero));
        assert!(matches!(
            err("2001:db8:0:0:0:0:0:1:1688"),
            UnbracketedIpv6(_)
        ));
        assert!(matches!(err("fe80::1%eth0:1688"), UnbracketedIpv6(_)));
        assert!(matches!(err("[2001:db8::1"), BadIpv6(_)));
        assert!(matches!(err("[nothex]:1688"), BadIpv6(_)));
        assert!(matches!(err("[::1]1688"), BadIpv6(_)));
        assert!(matches!(err("bad host"), BadHostName { .. }));
        assert!(matches!(err("-kms.example"), BadHostName { .. }));
        assert!(matches!(err("a..b"), BadHostName { .. }));
        assert!(matches!(err("999.1.1.1"), BadHostName { .. }));
        assert!(matches!(err(&"a".repeat(64)), BadHostName { .. }));
        assert!(matches!(err("kms\u{0}x"), BadHostName { .. }));
    }

    /// The accepted forms are the hint of the command line's error, not part of the
    /// message (which also reads back a bad host from the state file).
    #[test]
    fn every_error_says_what_is_wrong_alone() {
        for text in ["", "kms:65536", "1:2:3:4:5:6:7:8:9", "[x]", "bad host"] {
            let message = KmsAddress::parse(text).unwrap_err().to_string();
            assert!(!message.contains("accepted forms"), "{message}");
            assert!(!message.ends_with(';'), "{message}");
        }
    }
}
