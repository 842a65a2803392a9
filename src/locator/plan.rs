//! Which host to use before any DNS: a configured host, the cached host, or discovery.

use crate::address::HostPort;

/// What to do to find a host, before any DNS query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostPlan {
    /// A host was set with `skms` (for the product, else globally): use it alone, no DNS.
    Configured(HostPort),
    /// Caching is on and a host answered before: try it first, then discover.
    CachedThenDiscover(HostPort),
    /// Discover hosts through DNS SRV records.
    Discover,
}

/// Decides how to find a host.
///
/// `configured` is the product's `skms` host, else the global one (the caller resolves
/// that precedence); `cached` is the product's cached host, used only when `caching` is on.
pub fn host_plan(
    configured: Option<HostPort>,
    caching: bool,
    cached: Option<HostPort>,
) -> HostPlan {
    match (configured, caching, cached) {
        (Some(target), _, _) => HostPlan::Configured(target),
        (None, true, Some(target)) => HostPlan::CachedThenDiscover(target),
        (None, _, _) => HostPlan::Discover,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::address::Host;

    fn target(name: &str, port: u16) -> HostPort {
        HostPort::new(Host::from_dns(name), port)
    }

    #[test]
    fn configured_host_wins_over_everything() {
        let configured = target("kms.corp.test", 1688);
        let cached = target("old.corp.test", 1688);
        assert_eq!(
            host_plan(Some(configured.clone()), true, Some(cached)),
            HostPlan::Configured(configured)
        );
    }

    #[test]
    fn cached_host_only_when_caching_is_on() {
        let cached = target("kms2.corp.test", 1700);
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
            target("2001:db8::1", 1688).to_string(),
            "[2001:db8::1]:1688"
        );
        assert_eq!(target("kms", 1688).to_string(), "kms:1688");
    }
}
