//! Finding a KMS host the way a Windows client does (docs/discovery.md).
//!
//! - [`host_plan`]: a configured (`skms`) host is used alone; else the cached host is
//!   tried first when caching is on; else discovery.
//! - [`Locator::search_domains`]: the lookup domain alone, or the machine's search domains as its
//!   OS's resolver has them (`platform::resolver`: resolv.conf, the Windows registry, the
//!   macOS dynamic store), each with where it came from.
//! - [`Locator`]: SRV queries for `_vlmcs._tcp.<domain>` (sent together, decided in list
//!   order: the first domain with records wins), A and AAAA lookups (asked together, each
//!   usable as it arrives), every name and type asked once per run with at most
//!   [`MAX_LOOKUPS_IN_FLIGHT`] in flight, and the [`DiscoveryTrace`] behind `vlmgr discover`.
//! - [`order_rfc2782`] / [`order_random`]: the order targets are tried, with the random
//!   source injected so it can be tested.

mod domains;
mod error;
mod order;
mod plan;
mod resolve;
mod shared;
mod target;
mod trace;
mod transport;

pub use domains::{DnsSettings, command_line_domains};
pub(crate) use domains::{RESOLV_CONF_ENV, resolv_conf_path};
pub use error::LocateError;
pub(crate) use error::UnusableRecords;
pub use order::{SrvOrder, SrvRecord, order_random, order_rfc2782};
pub(crate) use plan::{CacheUnused, HostPlan, cached_host_searched, host_plan};
pub use resolve::{Family, Locator, QueryResult};
pub(crate) use resolve::{FamilyAnswer, QueryOutcome, check_name, combine};
#[cfg(test)]
pub(crate) use shared::MAX_LOOKUPS_IN_FLIGHT;
pub(crate) use trace::{DiscoveryTrace, EarlyTargets, ResolvedTarget, TracedError};
pub use transport::FIRST_RETRANSMISSION;
// The resolver configuration's vocabulary, as every layer above names it.
pub(crate) use crate::platform::resolver::NameServer;
pub use crate::platform::resolver::{
    DomainSource, MAX_SEARCH_DOMAINS, SearchDomain, ServerSource, SystemDns,
};
