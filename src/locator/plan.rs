//! Which host to use before any DNS: a configured host, the cached host, or discovery.

use std::fmt;
use std::net::IpAddr;

use serde::{Deserialize, Serialize};

use super::order::SrvRecord;

/// The default KMS port.
pub const KMS_PORT: u16 = 1688;

/// A KMS host: a DNS name or IP literal, and a TCP port.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Target {
    /// Host name or IP address literal (an IPv6 literal without brackets).
    pub host: String,
    /// TCP port.
    pub port: u16,
}

impl Target {
    /// A target from its parts.
    pub fn new(host: impl Into<String>, port: u16) -> Self {
        Self {
            host: host.into(),
            port,
        }
    }
}

impl From<&SrvRecord> for Target {
    /// The host and port an SRV record points at.
    fn from(record: &SrvRecord) -> Self {
        Self::new(record.target.clone(), record.port)
    }
}

impl fmt::Display for Target {
    /// `host:port`, with an IPv6 literal in brackets (`[2001:db8::1]:1688`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let host = self
            .host
            .strip_prefix('[')
            .and_then(|inner| inner.strip_suffix(']'))
            .unwrap_or(&self.host);
        match host.parse::<IpAddr>() {
            Ok(IpAddr::V6(address)) => write!(f, "[{address}]:{}", self.port),
            _ => write!(f, "{host}:{}", self.port),
        }
    }
}

/// What to do to find a host, before any DNS query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "plan", content = "target")]
pub enum HostPlan {
    /// A host was set with `skms` (for the product, else globally): use it alone, no DNS.
    Configured(Target),
    /// Caching is on and a host answered before: try it first, then discover.
    CachedThenDiscover(Target),
    /// Discover hosts through DNS SRV records.
    Discover,
}

/// Decides how to find a host.
///
/// `configured` is the product's `skms` host, else the global one (the caller resolves
/// that precedence); `cached` is the product's cached host, used only when `caching` is on.
pub fn host_plan(configured: Option<Target>, caching: bool, cached: Option<Target>) -> HostPlan {
    match (configured, caching, cached) {
        (Some(target), _, _) => HostPlan::Configured(target),
        (None, true, Some(target)) => HostPlan::CachedThenDiscover(target),
        (None, _, _) => HostPlan::Discover,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configured_host_wins_over_everything() {
        let configured = Target::new("kms.corp.test", 1688);
        let cached = Target::new("old.corp.test", 1688);
        assert_eq!(
            host_plan(Some(configured.clone()), true, Some(cached)),
            HostPlan::Configured(configured)
        );
    }

    #[test]
    fn cached_host_only_when_caching_is_on() {
        let cached = Target::new("kms2.corp.test", 1700);
        assert_eq!(
            host_plan(None, true, Some(cached.clone())),
            HostPlan::CachedThenDiscover(cached.clone())
        );
        assert_eq!(host_plan(None, false, Some(cached)), HostPlan::Discover);
        assert_eq!(host_plan(None, true, None), HostPlan::Discover);
    }

    #[test]
    fn display_brackets_ipv6() {
        assert_eq!(
            Target::new("2001:db8::1", 1688).to_string(),
            "[2001:db8::1]:1688"
        );
        assert_eq!(Target::new("[::1]", 1).to_string(), "[::1]:1");
        assert_eq!(Target::new("kms", 1688).to_string(), "kms:1688");
    }
}
