//! Finding a KMS host the way a Windows client does (docs/discovery.md).
//!
//! - [`host_plan`]: a configured (`skms`) host is used alone; else the cached host is
//!   tried first when caching is on; else discovery.
//! - [`Locator::search_domains`]: the lookup domain alone, or the machine's search domains as its
//!   OS's resolver has them ([`system`]: resolv.conf, the Windows registry, the macOS
//!   dynamic store), each with where it came from.
//! - [`Locator`]: SRV queries for `_vlmcs._tcp.<domain>` (sent together, decided in list
//!   order: the first domain with records wins), A and AAAA lookups (asked together, each
//!   usable as it arrives), every name and type asked once per run with at most
//!   [`MAX_LOOKUPS_IN_FLIGHT`] in flight, and the [`DiscoveryReport`] behind `vlmgr discover`.
//! - [`order_rfc2782`] / [`order_random`]: the order targets are tried, with the random
//!   source injected so it can be tested.

mod domains;
mod error;
mod order;
mod plan;
mod report;
mod resolve;
mod shared;
pub mod system;

pub use domains::{
    DEFAULT_DNS_TIMEOUT, DNS_PORT, DnsSettings, DomainSource, RESOLV_CONF_ENV, SearchDomain,
    command_line_domains, resolv_conf_path, srv_query_name,
};
pub use error::{LocateError, QueriedNames, ServerList};
pub use order::{SrvOrder, SrvRecord, order_random, order_rfc2782};
pub use plan::{HostPlan, host_plan};
pub use report::{DiscoveryReport, EarlyTargets, ReportedError, ResolvedTarget};
pub use resolve::{
    Discovery, Family, FamilyAnswer, Locator, QueryOutcome, QueryResult, check_name, combine,
};
pub use shared::MAX_LOOKUPS_IN_FLIGHT;
pub use system::{NameServer, ServerSource, SystemDns};
