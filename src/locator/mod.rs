//! Finding a KMS host the way a Windows client does (DESIGN.md section 2).
//!
//! - [`host_plan`]: a configured (`skms`) host is used alone; else the cached host is
//!   tried first when caching is on; else discovery.
//! - [`search_domains`]: the lookup domain alone, or the machine's search domains as its
//!   OS's resolver has them ([`system`]: resolv.conf, the Windows registry, the macOS
//!   dynamic store), each with where it came from.
//! - [`Locator`]: SRV queries for `_vlmcs._tcp.<domain>` (first domain with records
//!   wins), address lookups, and the [`DiscoveryReport`] behind `vlmgr discover`.
//! - [`order_rfc2782`] / [`order_random`]: the order targets are tried, with the random
//!   source injected so it can be tested.

mod check;
mod domains;
mod error;
mod order;
mod plan;
mod report;
mod resolve;
pub mod system;

pub use check::{AddressCheck, CheckOutcome, CheckStage, check_address, check_targets};
#[cfg(unix)]
pub use domains::DEFAULT_RESOLV_CONF;
pub use domains::{
    DEFAULT_DNS_TIMEOUT, DNS_PORT, DnsSettings, DomainSource, RESOLV_CONF_ENV, SearchDomain,
    command_line_domains, resolv_conf_path, search_domains, srv_query_name,
};
pub use error::{
    HRESULT_NO_DOMAIN, HRESULT_NO_RECORDS, HRESULT_NXDOMAIN, HRESULT_SERVER_FAILURE, LocateError,
    QueriedNames, ServerList,
};
pub use order::{SrvOrder, SrvRecord, UnknownSrvOrder, order_random, order_rfc2782};
pub use plan::{HostPlan, KMS_PORT, Target, host_plan};
pub use report::{DiscoveryReport, ReportedError, ResolvedTarget};
pub use resolve::{Discovery, Locator, QueryOutcome, QueryResult, socket_addresses};
pub use system::{NameServer, ServerSource, SystemDns};
