//! Which host to use before any DNS: a configured host, the cached host, or discovery.

use crate::address::HostPort;
use crate::locator::{LocateError, SearchDomain};

/// What to do to find a host, before any DNS query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HostPlan {
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
pub(crate) fn host_plan(
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

/// Why a cached host is not tried first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CacheUnused {
    /// `skms` is set: that host is used alone.
    SkmsSet,
    /// Host caching is off (`ckhc`).
    CachingOff,
    /// It was found in a domain that is not searched now (`skms-domain` or the machine's
    /// domains changed): going there would hide the new setting.
    DomainNotSearched { domain: String },
}

impl std::fmt::Display for CacheUnused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CacheUnused::SkmsSet => write!(f, "skms is set, and that host is used alone"),
            CacheUnused::CachingOff => write!(f, "host caching is off (ckhc)"),
            CacheUnused::DomainNotSearched { domain } => write!(
                f,
                "it was found in {domain}, which is not searched now (skms-domain or the \
                 machine's search domains changed)"
            ),
        }
    }
}

/// Whether a host cached from `found_in` (the domain whose SRV records named it) may be
/// tried first, given the domains discovery searches now (`searched`). A host cached from
/// a domain no longer searched is not: going there would hide the new setting. Without a
/// domain to search (0x8007007B) none is searched; when the resolver configuration could
/// not be read at all, or the cache predates the domain being kept (`found_in` none),
/// there is no telling, and the cached host is used (its kept addresses are what lets a
/// renewal through a DNS outage).
pub(crate) fn cached_host_searched(
    found_in: Option<&str>,
    searched: Result<&[SearchDomain], &LocateError>,
) -> Result<(), CacheUnused> {
    let Some(found_in) = found_in else {
        return Ok(());
    };
    let is_searched = match searched {
        Ok(domains) => domains.iter().any(|d| {
            d.name
                .trim_end_matches('.')
                .eq_ignore_ascii_case(found_in.trim_end_matches('.'))
        }),
        Err(LocateError::NoDomain { .. }) => false,
        Err(_) => true,
    };
    if is_searched {
        Ok(())
    } else {
        Err(CacheUnused::DomainNotSearched {
            domain: found_in.to_string(),
        })
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
    fn a_host_cached_from_a_domain_no_longer_searched_is_not_used() {
        use crate::locator::DomainSource;
        let corp = [SearchDomain::new("corp.test", DomainSource::LookupDomain).unwrap()];
        assert_eq!(cached_host_searched(Some("CORP.test."), Ok(&corp)), Ok(()));
        assert_eq!(
            cached_host_searched(Some("low.test"), Ok(&corp)),
            Err(CacheUnused::DomainNotSearched {
                domain: "low.test".into()
            })
        );
        let none = LocateError::NoDomain {
            consulted: "resolv.conf".into(),
            resolv_conf: None,
            detail: "has no `domain` or `search` line".into(),
        };
        assert!(cached_host_searched(Some("low.test"), Err(&none)).is_err());
        // A cache from before the domain was kept: no telling.
        assert_eq!(cached_host_searched(None, Ok(&corp)), Ok(()));
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
