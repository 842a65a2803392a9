//! DNS lookups (hickory-resolver): SRV records of a domain, addresses of a host, and
//! the walk over the search domains that discovery performs.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use hickory_resolver::config::{
    LookupIpStrategy, NameServerConfig, NameServerConfigGroup, ResolveHosts, ResolverConfig,
    ResolverOpts,
};
use hickory_resolver::name_server::NameServerPool;
use hickory_resolver::proto::op::{Query, ResponseCode};
use hickory_resolver::proto::rr::{RData, Record, RecordType};
use hickory_resolver::proto::xfer::{
    DnsHandle, DnsRequestOptions, DnsResponse, FirstAnswer, Protocol,
};
use hickory_resolver::proto::{ProtoError, ProtoErrorKind};
use hickory_resolver::{Hosts, Name, ResolveError, Resolver};
use rand::Rng;

use super::domains::DnsSettings;
use super::error::{LocateError, QueriedNames, ServerList, UnusableRecords};
use super::order::{SrvOrder, SrvRecord};
use super::shared::Lookups;
use super::target::{display_name, srv_record};
use super::transport::{ExchangeError, Schedule, Transport, exchange_error};
use crate::platform::resolver::{
    self, DomainSource, MAX_SEARCH_DOMAINS, NameServer, SearchDomain, ServerSource, SystemDns,
    srv_query_name,
};

/// How long past a lookup's time its safety net waits: the exchanges end by themselves
/// at that time and say what they saw (nothing, or malformed answers), which the net
/// would not.
const SAFETY_NET_GRACE: Duration = Duration::from_millis(250);

/// How one SRV query of the domain walk ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryResult {
    /// Usable SRV records were found.
    Records {
        /// How many records the answer held.
        count: usize,
    },
    /// The name does not exist.
    NxDomain,
    /// The name exists but has no SRV records.
    NoData,
    /// The only records have target "." (service not available in this domain).
    NoService,
    /// There are records, but no target can be used (a name that cannot be asked for);
    /// these are the unusable ones, each with why.
    UnusableTargets {
        /// The records whose targets cannot be used.
        records: Vec<SrvRecord>,
    },
    /// The server failed, refused or did not answer.
    ServerFailure {
        /// The response code or transport error.
        reason: String,
    },
    /// Only answers that are not valid DNS answers to the query came back (they cannot
    /// be decoded, or their ID or question is not the query's).
    Malformed {
        /// What was wrong, and from which server.
        reason: String,
    },
    /// This machine could not open a socket to ask (its open-file limit): nothing is
    /// known of the name or the server.
    LocalLimit {
        /// The system's error.
        reason: String,
    },
}

impl QueryResult {
    /// Whether the query failed (the server, or its answers): a record may exist that
    /// was not seen.
    pub(crate) fn is_failure(&self) -> bool {
        matches!(
            self,
            Self::ServerFailure { .. } | Self::Malformed { .. } | Self::LocalLimit { .. }
        )
    }
}

/// One SRV query of the walk: which domain, the name asked, and its outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryOutcome {
    /// The domain searched and why.
    pub(crate) domain: SearchDomain,
    /// `_vlmcs._tcp.<domain>`.
    pub(crate) query_name: String,
    /// What the server said.
    pub result: QueryResult,
    /// How long the query took.
    pub(crate) elapsed: Duration,
    /// The name servers asked (a domain with its own resolver is asked there).
    pub servers: ServerList,
}

/// What a walk found: the first domain with usable SRV records, and those records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundRecords {
    /// The domain whose records are used.
    pub domain: SearchDomain,
    /// The SRV name that answered.
    pub query_name: String,
    /// The records in the order the server sent them (including any "." record).
    pub records_as_received: Vec<SrvRecord>,
    /// The usable records in the order they should be tried.
    pub ordered: Vec<SrvRecord>,
    /// Every query of the walk, the successful one last.
    pub tried: Vec<QueryOutcome>,
}

/// An address family, asked for with its own query (A or AAAA) so that each answer can
/// be used as soon as it arrives (RFC 8305).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// AAAA records.
    V6,
    /// A records.
    V4,
}

/// The addresses of one family (never empty), or why there are none.
pub(crate) type FamilyAnswer = Result<Vec<IpAddr>, QueryResult>;

/// One domain's SRV answer in a walk, and how long it took.
type TimedAnswer = (Result<Vec<SrvRecord>, LocateError>, Duration);

/// What an SRV query gave, kept once per domain for the run.
type SrvAnswer = Result<Vec<SrvRecord>, QueryResult>;

/// The result of walking the domains: every outcome, and the records if any domain had some.
#[derive(Debug)]
pub(crate) struct Walk {
    pub(crate) tried: Vec<QueryOutcome>,
    pub(crate) found: Result<FoundRecords, LocateError>,
}

/// Looks up KMS hosts in DNS with one resolver configuration. Clones share everything
/// (the resolvers, their caches, the search list, the addresses learnt from SRV
/// answers): a walk clones the locator once per domain, so a clone must cost nothing
/// whatever the size of the configuration (docs/discovery.md, "Bounds").
#[derive(Clone)]
pub struct Locator {
    run: Arc<LocatorRun>,
}

/// What a locator and its clones share for the run.
struct LocatorRun {
    /// The name servers for every name without a more specific resolver.
    default: Route,
    /// Domains with their own name servers (split DNS), longest match wins.
    scoped: Vec<(String, Route)>,
    /// Addresses of SRV targets from the additional section of the SRV answer (lower-case
    /// name without the final dot), used instead of a query for them, as Windows does.
    glue: Mutex<HashMap<String, Vec<IpAddr>>>,
    /// Every lookup of the run: bounded in number, each name and type asked once.
    lookups: Lookups<FamilyAnswer, SrvAnswer>,
    /// The machine's search domains from the same reading of its resolver configuration
    /// (at most [`MAX_SEARCH_DOMAINS`]), or why there are none.
    system_domains: Result<Vec<SearchDomain>, LocateError>,
    /// Every name server with where it came from.
    name_servers: Vec<NameServer>,
    /// What was missing or unusable in the resolver configuration.
    notes: Vec<String>,
    timeout: Duration,
    resolv_conf: Option<PathBuf>,
}

/// The name servers for some names, and the means to ask them.
#[derive(Clone)]
struct Route {
    resolver: Resolver<Transport>,
    /// The same name servers without the resolver's cache: SRV queries go here, because
    /// the resolver keeps only one target's addresses of an SRV answer's additional
    /// section and the client needs them all.
    pool: NameServerPool<Transport>,
    servers: ServerList,
}

impl Route {
    /// Asks `servers` over UDP with TCP fallback for truncated answers; short names are
    /// completed with `search`; names in `hosts` are answered from it.
    fn new(
        servers: Vec<SocketAddr>,
        search: &[Name],
        options: &ResolverOpts,
        transport: &Transport,
        hosts: &Arc<Hosts>,
    ) -> Self {
        let mut group = NameServerConfigGroup::with_capacity(servers.len() * 2);
        for server in &servers {
            for protocol in [Protocol::Udp, Protocol::Tcp] {
                group.push(NameServerConfig::new(*server, protocol));
            }
        }
        let config = ResolverConfig::from_parts(None, search.to_vec(), group);
        let pool = NameServerPool::from_config(
            config.name_servers().to_vec().into(),
            options.clone(),
            transport.clone(),
        );
        let mut resolver = Resolver::builder_with_config(config, transport.clone())
            .with_options(options.clone())
            .build();
        resolver.set_hosts(Arc::clone(hosts));
        Self {
            resolver,
            pool,
            servers: ServerList(servers),
        }
    }
}

impl LocatorRun {
    /// The routes, search list and notes of `system` (or of `settings.servers`).
    fn new(settings: &DnsSettings, mut system: SystemDns) -> Self {
        let explicit = !settings.servers.is_empty();
        let name_servers = if explicit {
            settings
                .servers
                .iter()
                .map(|server| NameServer::new(*server, ServerSource::CommandLine, ""))
                .collect()
        } else {
            std::mem::take(&mut system.servers)
        };
        bound_search_list(&mut system);
        let search: Vec<Name> = system
            .domains
            .iter()
            .filter_map(|domain| Name::from_utf8(&domain.name).ok())
            .collect();
        let system_domains = if system.domains.is_empty() {
            Err(LocateError::NoDomain {
                consulted: system.consulted,
                resolv_conf: settings.resolv_conf.clone(),
                detail: system.no_domain_reason,
            })
        } else {
            Ok(system.domains)
        };
        let schedule = Schedule::new(system.retry, settings.timeout);
        let options = resolver_options(&schedule);
        let transport = Transport::new(schedule);
        // The hosts file is read once, with a bound, by the platform (not by each
        // resolver as it is built); with explicit servers it is not consulted, so every
        // answer comes from the server being diagnosed.
        let hosts = if explicit {
            Arc::new(Hosts::default())
        } else {
            hosts_file(&mut system.notes)
        };
        let (default, scoped) = routes(&name_servers, &search, &options, &transport, &hosts);
        Self {
            default,
            scoped,
            glue: Mutex::default(),
            lookups: Lookups::new(),
            system_domains,
            name_servers,
            notes: system.notes,
            timeout: settings.timeout,
            resolv_conf: settings.resolv_conf.clone(),
        }
    }
}

/// Keeps the first [`MAX_SEARCH_DOMAINS`] search domains (the readers of `system` count
/// most of the others without keeping them), saying in a note how many more there were:
/// a walk queries every domain, and a search list from DHCP or a VPN can hold thousands.
fn bound_search_list(system: &mut SystemDns) {
    let dropped =
        system.domains.len().saturating_sub(MAX_SEARCH_DOMAINS) + system.unsearched_domains;
    system.domains.truncate(MAX_SEARCH_DOMAINS);
    if dropped == 0 {
        return;
    }
    let last = system
        .domains
        .last()
        .map_or("", |domain| domain.name.as_str());
    system.notes.push(format!(
        "{}: {dropped} more search domain(s) after the first {MAX_SEARCH_DOMAINS} (the last \
         searched is {last}) are not searched: vlmgr searches at most {MAX_SEARCH_DOMAINS}",
        system.consulted
    ));
}

/// The machine's hosts file as the resolver uses it (as hickory reads it: a file that
/// does not parse is not used); why it was not read goes to `notes`.
fn hosts_file(notes: &mut Vec<String>) -> Arc<Hosts> {
    let file = resolver::hosts::read();
    notes.extend(file.note());
    let mut hosts = Hosts::default();
    match file.bytes().map(|bytes| hosts.read_hosts_conf(bytes)) {
        Some(Ok(())) => Arc::new(hosts),
        None | Some(Err(_)) => Arc::new(Hosts::default()),
    }
}

/// The resolver's options for the UDP `schedule`.
fn resolver_options(schedule: &Schedule) -> ResolverOpts {
    let mut options = ResolverOpts::default();
    // What the UDP exchange waits in all, a TCP exchange (after truncation) may take.
    options.timeout = schedule.budget();
    // The UDP exchange retransmits itself; hickory must not ask again on top.
    options.attempts = 0;
    // Advertise a UDP payload size (EDNS0), so answers over 512 octets come over UDP
    // (the exchange reads up to 4 KiB; some servers send more than 512 unasked).
    options.edns0 = true;
    options.ip_strategy = LookupIpStrategy::Ipv4AndIpv6;
    // The hosts file comes from the platform, read once (`hosts_file`).
    options.use_hosts_file = ResolveHosts::Never;
    options
}

/// The default route and the split-DNS routes of `name_servers`.
fn routes(
    name_servers: &[NameServer],
    search: &[Name],
    options: &ResolverOpts,
    transport: &Transport,
    hosts: &Arc<Hosts>,
) -> (Route, Vec<(String, Route)>) {
    let default_servers = name_servers
        .iter()
        .filter(|server| server.domain.is_none())
        .map(|server| server.address)
        .collect();
    let mut scoped: Vec<(String, Vec<SocketAddr>)> = Vec::new();
    for server in name_servers {
        let Some(domain) = &server.domain else {
            continue;
        };
        let domain = name_key(domain);
        match scoped.iter_mut().find(|(known, _)| *known == domain) {
            Some((_, addresses)) => addresses.push(server.address),
            None => scoped.push((domain, vec![server.address])),
        }
    }
    let scoped = scoped
        .into_iter()
        .map(|(domain, servers)| {
            let route = Route::new(servers, search, options, transport, hosts);
            (domain, route)
        })
        .collect();
    (
        Route::new(default_servers, search, options, transport, hosts),
        scoped,
    )
}

impl Locator {
    /// A locator asking `settings.servers`, or when empty the machine's name servers as
    /// its OS's resolver has them (`platform::resolver::read`), over UDP with TCP fallback for
    /// truncated answers.
    ///
    /// Short host names are completed with the machine's search domains as the system
    /// resolver would. With explicit servers the hosts file is not consulted, so every
    /// answer comes from the server being diagnosed.
    pub fn new(settings: &DnsSettings) -> Result<Self, LocateError> {
        match resolver::read(settings.resolv_conf.as_deref()).map_err(LocateError::from) {
            Ok(system) => Ok(Self::with_system(settings, system)),
            // With explicit servers the configuration only completes short names; an
            // unreadable one must not stop the diagnosis of a named server (it stops
            // only a search of the machine's domains).
            Err(error) if !settings.servers.is_empty() => {
                let mut run = LocatorRun::new(settings, SystemDns::default());
                run.system_domains = Err(error);
                Ok(Self { run: Arc::new(run) })
            }
            Err(error) => Err(error),
        }
    }

    /// A locator for the resolver configuration `system` (as [`Locator::new`] reads it),
    /// unless `settings.servers` names servers to ask instead. Names in a domain that has
    /// its own name servers (split DNS) are asked there.
    pub fn with_system(settings: &DnsSettings, system: SystemDns) -> Self {
        Self {
            run: Arc::new(LocatorRun::new(settings, system)),
        }
    }

    /// The domains discovery searches, in order.
    ///
    /// With a lookup domain, that domain alone (it replaces the machine's suffix, no
    /// fallback). Otherwise the machine's search domains as its OS's resolver has them
    /// (`platform::resolver::read`: resolv.conf's `domain` then `search`, the Windows suffix search
    /// list or suffixes, the macOS search domains); none at all is
    /// [`LocateError::NoDomain`].
    pub fn search_domains(
        &self,
        lookup_domain: Option<&str>,
    ) -> Result<Vec<SearchDomain>, LocateError> {
        match lookup_domain {
            Some(domain) => Ok(vec![SearchDomain::new(domain, DomainSource::LookupDomain)?]),
            None => self.run.system_domains.clone(),
        }
    }

    /// The name servers this locator asks for names without a resolver of their own.
    pub fn servers(&self) -> &ServerList {
        &self.run.default.servers
    }

    /// Every name server this locator asks, with where it came from.
    pub fn name_servers(&self) -> &[NameServer] {
        &self.run.name_servers
    }

    /// What was missing or unusable in the resolver configuration.
    pub(crate) fn configuration_notes(&self) -> &[String] {
        &self.run.notes
    }

    /// The route for `name`: the resolver of the longest domain that contains it, else
    /// the default one.
    fn route_for(&self, name: &str) -> &Route {
        let name = name_key(name);
        self.run
            .scoped
            .iter()
            .filter(|(domain, _)| {
                name == *domain
                    || name
                        .strip_suffix(domain.as_str())
                        .is_some_and(|head| head.ends_with('.'))
            })
            .max_by_key(|(domain, _)| domain.len())
            .map_or(&self.run.default, |(_, route)| route)
    }

    /// The name servers `name` is asked of.
    pub(crate) fn servers_for(&self, name: &str) -> &ServerList {
        &self.route_for(name).servers
    }

    /// The SRV records of `_vlmcs._tcp.<domain>` in the order the server sent them,
    /// a "." target included (see [`SrvRecord::is_no_service`]).
    ///
    /// The addresses of the targets that the answer's additional section carries (BIND
    /// and Windows DNS servers send them for targets in their zones) are kept, and
    /// [`Locator::addresses`] returns them without querying again.
    /// Asked once per run: a domain that two walks name is answered from the first query.
    pub async fn srv(&self, domain: &str) -> Result<Vec<SrvRecord>, LocateError> {
        let domain = domain.trim().trim_end_matches('.');
        let query_name = srv_query_name(domain);
        let name = absolute_name(&query_name)?;
        let lookups = &self.run.lookups;
        let key = name_key(domain);
        lookups
            .srv
            .get_or_run(key, &lookups.permits, || self.query_srv(name))
            .await
            .map_err(|result| self.error_at(&query_name, vec![query_name.clone()], result))
    }

    /// One SRV query at the name's resolver, and that resolver's when a CNAME chain
    /// needs following.
    async fn query_srv(&self, name: Name) -> SrvAnswer {
        let route = self.route_for(&name.to_ascii());
        if route.servers.0.is_empty() {
            return Err(no_server_result());
        }
        let mut options = DnsRequestOptions::default();
        options.use_edns = true;
        options.recursion_desired = true;
        let exchange = route
            .pool
            .lookup(Query::query(name.clone(), RecordType::SRV), options)
            .first_answer();
        let response = match tokio::time::timeout(self.safety_net(), exchange).await {
            Ok(Ok(response)) => response,
            Ok(Err(error)) => return Err(classify_proto(&error)),
            Err(_elapsed) => return Err(self.timeout_result()),
        };
        let records = srv_answers(&response, &name);
        if records.is_empty() {
            // An answer without SRV records that is not NODATA: a CNAME chain the server
            // did not follow to its end. The resolver follows it.
            return self.srv_through_resolver(route, name).await;
        }
        self.keep_glue(&response, &records);
        Ok(records)
    }

    /// [`Locator::srv`] through the resolver, which follows CNAME chains.
    async fn srv_through_resolver(&self, route: &Route, name: Name) -> SrvAnswer {
        let lookup = tokio::time::timeout(self.safety_net(), route.resolver.srv_lookup(name)).await;
        let lookup = match lookup {
            Ok(Ok(lookup)) => lookup,
            Ok(Err(error)) => return Err(classify(&error)),
            Err(_elapsed) => return Err(self.timeout_result()),
        };
        Ok(lookup.iter().map(srv_record).collect())
    }

    /// Keeps the A and AAAA records of the additional section that belong to `records`'
    /// targets.
    fn keep_glue(&self, response: &DnsResponse, records: &[SrvRecord]) {
        let mut found: HashMap<String, (Vec<IpAddr>, Vec<IpAddr>)> = records
            .iter()
            .map(|srv| (name_key(&srv.target), Default::default()))
            .collect();
        for record in response.additionals() {
            let Some((v6, v4)) = found.get_mut(&name_key(&display_name(record.name()))) else {
                continue;
            };
            match record.data() {
                RData::AAAA(address) => v6.push(IpAddr::V6(address.0)),
                RData::A(address) => v4.push(IpAddr::V4(address.0)),
                _ => {}
            }
        }
        let mut glue = self.run.glue.lock().unwrap_or_else(PoisonError::into_inner);
        for (target, (v6, v4)) in found {
            if !(v6.is_empty() && v4.is_empty()) {
                glue.insert(target, interleave(v6, v4));
            }
        }
    }

    /// The addresses of `host` that an SRV answer carried, if any.
    pub fn addresses_from_srv_answer(&self, host: &str) -> Option<Vec<IpAddr>> {
        let glue = self.run.glue.lock().unwrap_or_else(PoisonError::into_inner);
        glue.get(&name_key(host)).cloned()
    }

    /// Every A and AAAA address of `host`, IPv6 and IPv4 interleaved starting with IPv6
    /// (RFC 8305 section 4), each family in the order the server sent it. An IP literal
    /// (`192.0.2.1`, `2001:db8::1`, `[2001:db8::1]`) is returned as is, without a query.
    /// A and AAAA are asked together; each name and family once per run.
    pub async fn addresses(&self, host: &str) -> Result<Vec<IpAddr>, LocateError> {
        let host = host.trim();
        if let Some(address) = ip_literal(host) {
            return Ok(vec![address]);
        }
        if let Some(addresses) = self.addresses_from_srv_answer(host) {
            return Ok(addresses);
        }
        check_name(host)?;
        let (v6, v4) = tokio::join!(
            self.family_addresses(host, Family::V6),
            self.family_addresses(host, Family::V4)
        );
        combine(v6, v4).map_err(|result| self.addresses_error(host, result))
    }

    /// The addresses of one family of `host` (a name [`check_name`] accepts), looked up
    /// once per run whoever asks, within the lookup bound and the DNS timeout. An IP
    /// literal of that family is its own answer.
    pub async fn family_addresses(&self, host: &str, family: Family) -> FamilyAnswer {
        let host = host.trim();
        if let Some(address) = ip_literal(host) {
            return match (address, family) {
                (IpAddr::V6(_), Family::V6) | (IpAddr::V4(_), Family::V4) => Ok(vec![address]),
                _ => Err(QueryResult::NoData),
            };
        }
        let lookups = &self.run.lookups;
        let key = (name_key(host), family);
        lookups
            .addresses
            .get_or_run(key, &lookups.permits, || self.query_family(host, family))
            .await
    }

    /// One A or AAAA lookup through the resolver (search list and hosts file as the
    /// system's resolver would use them).
    ///
    /// A name with a dot is asked as it is first, and the search list is walked only when
    /// that name does not exist (NXDOMAIN), as glibc does with `ndots:1`: A and AAAA then
    /// end at the same name. (Walked per family, an IPv4-only host's AAAA NODATA would send
    /// the AAAA query on through every search domain, one round trip each.)
    async fn query_family(&self, host: &str, family: Family) -> FamilyAnswer {
        let name = Name::from_utf8(host).map_err(|error| QueryResult::ServerFailure {
            reason: format!("{host:?} is not a valid DNS name: {error}"),
        })?;
        if !name.is_fqdn() && host.trim_end_matches('.').contains('.') {
            let mut absolute = name.clone();
            absolute.set_fqdn(true);
            match self.ask_family(absolute, family).await {
                Err(QueryResult::NxDomain) => {}
                answer => return answer,
            }
        }
        self.ask_family(name, family).await
    }

    /// One A or AAAA lookup of `name` through its resolver, within the DNS timeout.
    async fn ask_family(&self, name: Name, family: Family) -> FamilyAnswer {
        let route = self.route_for(&name.to_ascii());
        if route.servers.0.is_empty() {
            return Err(no_server_result());
        }
        let resolver = &route.resolver;
        let answer = match family {
            Family::V6 => tokio::time::timeout(self.safety_net(), resolver.ipv6_lookup(name))
                .await
                .map(|lookup| lookup.map(|l| l.iter().map(|a| IpAddr::V6(a.0)).collect())),
            Family::V4 => tokio::time::timeout(self.safety_net(), resolver.ipv4_lookup(name))
                .await
                .map(|lookup| lookup.map(|l| l.iter().map(|a| IpAddr::V4(a.0)).collect())),
        };
        match answer {
            Ok(Ok(addresses)) => non_empty(addresses),
            Ok(Err(error)) => Err(classify(&error)),
            Err(_elapsed) => Err(self.timeout_result()),
        }
    }

    /// The error of a failed address lookup of `host`, naming the server asked.
    pub(crate) fn addresses_error(&self, host: &str, result: QueryResult) -> LocateError {
        self.error_at(host, vec![format!("{host} (A and AAAA)")], result)
    }

    /// Walks `domains` in order and returns the first one with usable SRV records,
    /// ordered with `order`. When none has any, the error lists every name queried:
    /// a server failure if any query failed (a record may exist that was not seen),
    /// else "no service" if a domain published target ".", else NODATA if any name
    /// existed, else NXDOMAIN.
    pub async fn discover<R: Rng + ?Sized>(
        &self,
        domains: &[SearchDomain],
        order: SrvOrder,
        rng: &mut R,
    ) -> Result<FoundRecords, LocateError> {
        self.walk(domains, order, rng).await.found
    }

    /// The walk behind [`Locator::discover`], keeping every outcome even on failure.
    pub(crate) async fn walk<R: Rng + ?Sized>(
        &self,
        domains: &[SearchDomain],
        order: SrvOrder,
        rng: &mut R,
    ) -> Walk {
        let mut tried = Vec::with_capacity(domains.len());
        if domains.is_empty() {
            let found = Err(LocateError::NoDomain {
                consulted: resolver::consulted(self.run.resolv_conf.as_deref()),
                resolv_conf: self.run.resolv_conf.clone(),
                detail: "was not consulted and no domain was given".to_owned(),
            });
            return Walk { tried, found };
        }
        let mut pending = self.send_walk_queries(domains);
        let mut answers: Vec<Option<TimedAnswer>> = domains.iter().map(|_| None).collect();
        // Decided in list order: the first domain with records wins once it and every
        // domain before it have answered; later queries are dropped unseen.
        for (index, domain) in domains.iter().enumerate() {
            while answers.get(index).is_some_and(Option::is_none) {
                match pending.join_next().await {
                    Some(Ok((at, answer, elapsed))) => {
                        if let Some(slot) = answers.get_mut(at) {
                            *slot = Some((answer, elapsed));
                        }
                    }
                    // A lookup task that did not finish (the runtime is going away).
                    Some(Err(_)) | None => break,
                }
            }
            let (answer, elapsed) = answers
                .get_mut(index)
                .and_then(Option::take)
                .unwrap_or_else(|| {
                    let reason = "the lookup did not finish".to_owned();
                    let query = vec![domain.query_name()];
                    let failure = QueryResult::ServerFailure { reason };
                    let error = self.error_at(&domain.query_name(), query, failure);
                    (Err(error), Duration::ZERO)
                });
            if let Some(found) = self.decide(domain, answer, elapsed, &mut tried, order, rng) {
                return Walk {
                    tried,
                    found: Ok(found),
                };
            }
        }
        let found = Err(self.walk_error(&tried));
        Walk { tried, found }
    }

    /// The SRV queries of every domain of a walk, sent together (each tagged with its
    /// place in the list and the time to its answer).
    fn send_walk_queries(
        &self,
        domains: &[SearchDomain],
    ) -> tokio::task::JoinSet<(usize, Result<Vec<SrvRecord>, LocateError>, Duration)> {
        let mut pending = tokio::task::JoinSet::new();
        for (index, domain) in domains.iter().enumerate() {
            let locator = self.clone();
            let name = domain.name.clone();
            pending.spawn(async move {
                let started = Instant::now();
                let answer = locator.srv(&name).await;
                (index, answer, started.elapsed())
            });
        }
        pending
    }

    /// Records one domain's answer in `tried`; what it found when it has usable records.
    fn decide<R: Rng + ?Sized>(
        &self,
        domain: &SearchDomain,
        answer: Result<Vec<SrvRecord>, LocateError>,
        elapsed: Duration,
        tried: &mut Vec<QueryOutcome>,
        order: SrvOrder,
        rng: &mut R,
    ) -> Option<FoundRecords> {
        let query_name = domain.query_name();
        let (result, records) = match answer {
            Ok(records) if records.is_empty() => (QueryResult::NoData, None),
            Ok(records) if records.iter().all(SrvRecord::is_no_service) => {
                (QueryResult::NoService, None)
            }
            Ok(records) if !records.iter().any(SrvRecord::is_usable) => {
                let records = records.into_iter().filter(|r| r.unusable.is_some());
                let records = records.collect();
                (QueryResult::UnusableTargets { records }, None)
            }
            Ok(records) => (
                QueryResult::Records {
                    count: records.len(),
                },
                Some(records),
            ),
            Err(error) => (result_of(&error), None),
        };
        tried.push(QueryOutcome {
            domain: domain.clone(),
            query_name: query_name.clone(),
            result,
            elapsed,
            servers: self.servers_for(&query_name).clone(),
        });
        let records_as_received = records?;
        let usable = records_as_received
            .iter()
            .filter(|record| record.is_usable())
            .cloned()
            .collect();
        Some(FoundRecords {
            domain: domain.clone(),
            query_name,
            records_as_received,
            ordered: order.apply(usable, rng),
            tried: tried.clone(),
        })
    }

    /// The most telling error of a walk that found nothing.
    fn walk_error(&self, tried: &[QueryOutcome]) -> LocateError {
        let queried: Vec<String> = tried
            .iter()
            .map(|outcome| outcome.query_name.clone())
            .collect();
        let results = || tried.iter().map(|outcome| &outcome.result);
        let failure = results().find(|result| result.is_failure());
        let unusable =
            || results().find(|result| matches!(result, QueryResult::UnusableTargets { .. }));
        let worst = failure
            .or_else(unusable)
            .or_else(|| results().find(|result| **result == QueryResult::NoService))
            .or_else(|| results().find(|result| **result == QueryResult::NoData))
            .cloned()
            .unwrap_or(QueryResult::NxDomain);
        // Every server asked during the walk, each once.
        let mut servers = ServerList(Vec::new());
        for outcome in tried {
            for server in &outcome.servers.0 {
                if !servers.0.contains(server) {
                    servers.0.push(*server);
                }
            }
        }
        error_for(&servers, queried, worst)
    }

    /// The error of a lookup of `queried` that `name`'s resolver answered with `result`.
    fn error_at(&self, name: &str, queried: Vec<String>, result: QueryResult) -> LocateError {
        error_for(self.servers_for(name), queried, result)
    }

    /// How long a lookup may take before its safety net ends it.
    fn safety_net(&self) -> Duration {
        self.run.timeout + SAFETY_NET_GRACE
    }

    fn timeout_result(&self) -> QueryResult {
        QueryResult::ServerFailure {
            reason: format!("no answer within {} ms", self.run.timeout.as_millis()),
        }
    }
}

/// The walk outcome when there is no name server to ask.
fn no_server_result() -> QueryResult {
    QueryResult::ServerFailure {
        reason: "no name server is configured".to_owned(),
    }
}

/// The error a lookup of `queried` at `servers` with `result` is.
fn error_for(servers: &ServerList, queried: Vec<String>, result: QueryResult) -> LocateError {
    let queried = QueriedNames(queried);
    let servers = servers.clone();
    match result {
        QueryResult::NxDomain => LocateError::NxDomain { queried, servers },
        QueryResult::NoService => LocateError::NoService { queried, servers },
        QueryResult::UnusableTargets { records } => LocateError::UnusableTargets {
            queried,
            servers,
            records: UnusableRecords(records),
        },
        QueryResult::ServerFailure { reason } => LocateError::ServerFailure {
            queried,
            servers,
            reason,
        },
        QueryResult::Malformed { reason } => LocateError::Malformed {
            queried,
            servers,
            reason,
        },
        QueryResult::LocalLimit { reason } => LocateError::LocalLimit { queried, reason },
        // `Records` never reaches here; treat it like NODATA rather than panic.
        QueryResult::NoData | QueryResult::Records { .. } => {
            LocateError::NoRecords { queried, servers }
        }
    }
}

/// The walk outcome a lookup error stands for.
fn result_of(error: &LocateError) -> QueryResult {
    match error {
        LocateError::NxDomain { .. } => QueryResult::NxDomain,
        LocateError::NoRecords { .. } => QueryResult::NoData,
        LocateError::NoService { .. } => QueryResult::NoService,
        LocateError::UnusableTargets { records, .. } => QueryResult::UnusableTargets {
            records: records.0.clone(),
        },
        LocateError::ServerFailure { reason, .. } => QueryResult::ServerFailure {
            reason: reason.clone(),
        },
        LocateError::Malformed { reason, .. } => QueryResult::Malformed {
            reason: reason.clone(),
        },
        LocateError::LocalLimit { reason, .. } => QueryResult::LocalLimit {
            reason: reason.clone(),
        },
        other => QueryResult::ServerFailure {
            reason: other.to_string(),
        },
    }
}

/// Sorts a resolver error into NXDOMAIN, NODATA or a server failure.
fn classify(error: &ResolveError) -> QueryResult {
    match error.proto() {
        Some(proto) => classify_proto(proto),
        None => QueryResult::ServerFailure {
            reason: error.to_string(),
        },
    }
}

/// Sorts the error of an exchange with the name servers into NXDOMAIN, NODATA or a
/// server failure.
fn classify_proto(proto: &ProtoError) -> QueryResult {
    match proto.kind() {
        ProtoErrorKind::NoRecordsFound { response_code, .. } => match *response_code {
            ResponseCode::NXDomain => QueryResult::NxDomain,
            ResponseCode::NoError => QueryResult::NoData,
            code => QueryResult::ServerFailure {
                reason: format!("server answered {code}"),
            },
        },
        ProtoErrorKind::Timeout => QueryResult::ServerFailure {
            reason: "no answer (timed out)".to_owned(),
        },
        ProtoErrorKind::Io(io) => match exchange_error(proto) {
            Some(malformed @ ExchangeError::Malformed { .. }) => QueryResult::Malformed {
                reason: malformed.to_string(),
            },
            Some(ExchangeError::LocalLimit { reason, .. }) => QueryResult::LocalLimit {
                reason: reason.clone(),
            },
            Some(other) => QueryResult::ServerFailure {
                reason: other.to_string(),
            },
            // hickory's own TCP connection (after a truncated answer).
            None if crate::platform::limits::is_local_limit(io) => QueryResult::LocalLimit {
                reason: io.to_string(),
            },
            None => QueryResult::ServerFailure {
                reason: proto.to_string(),
            },
        },
        _ => QueryResult::ServerFailure {
            reason: proto.to_string(),
        },
    }
}

/// The SRV records of an answer that belong to `query` or to the end of a CNAME chain
/// starting there, in the order sent.
fn srv_answers(response: &DnsResponse, query: &Name) -> Vec<SrvRecord> {
    let mut owner = query.clone();
    // Follow the chain as far as the answer goes; a loop ends when the hops run out.
    for _ in 0..response.answers().len() {
        let next = response
            .answers()
            .iter()
            .find_map(|record| match record.data() {
                RData::CNAME(target) if record.name() == &owner => Some(target.0.clone()),
                _ => None,
            });
        match next {
            Some(target) => owner = target,
            None => break,
        }
    }
    response
        .answers()
        .iter()
        .filter(|record| record.name() == &owner || record.name() == query)
        .filter_map(|record: &Record| match record.data() {
            RData::SRV(srv) => Some(srv_record(srv)),
            _ => None,
        })
        .collect()
}

/// A DNS name as a key (scoped domains, SRV answers and addresses of the run, glue):
/// without surrounding space or the final dot, in lower case.
fn name_key(name: &str) -> String {
    name.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// `name` as an absolute DNS name, so no search suffix is appended to it.
fn absolute_name(name: &str) -> Result<Name, LocateError> {
    Name::from_utf8(format!("{name}.")).map_err(|error| LocateError::InvalidName {
        name: name.to_owned(),
        reason: error.to_string(),
    })
}

/// An IP literal (`192.0.2.1`, `2001:db8::1`, `[2001:db8::1]`), if `host` is one.
fn ip_literal(host: &str) -> Option<IpAddr> {
    let bare = host
        .strip_prefix('[')
        .and_then(|inner| inner.strip_suffix(']'))
        .unwrap_or(host);
    bare.parse().ok()
}

/// Whether `host` can be asked for at all (a valid DNS name).
pub(crate) fn check_name(host: &str) -> Result<(), LocateError> {
    Name::from_utf8(host.trim())
        .map(drop)
        .map_err(|error| LocateError::InvalidName {
            name: host.trim().to_owned(),
            reason: error.to_string(),
        })
}

/// An answer with no address is NODATA.
fn non_empty(addresses: Vec<IpAddr>) -> FamilyAnswer {
    if addresses.is_empty() {
        Err(QueryResult::NoData)
    } else {
        Ok(addresses)
    }
}

/// Both families' answers as one: every address (IPv6 first, interleaved), or, when
/// neither has any, the more telling failure (a server failure may hide records; NODATA
/// says the name exists).
pub(crate) fn combine(v6: FamilyAnswer, v4: FamilyAnswer) -> FamilyAnswer {
    match (v6, v4) {
        (Ok(v6), Ok(v4)) => Ok(interleave(v6, v4)),
        (Ok(found), Err(_)) | (Err(_), Ok(found)) => Ok(found),
        (Err(a), Err(b)) => Err(match (a, b) {
            (failure, _) | (_, failure) if failure.is_failure() => failure,
            (QueryResult::NxDomain, QueryResult::NxDomain) => QueryResult::NxDomain,
            _ => QueryResult::NoData,
        }),
    }
}

/// Alternates the two lists, starting with the first, then appends what is left.
fn interleave(first: Vec<IpAddr>, second: Vec<IpAddr>) -> Vec<IpAddr> {
    let mut merged = Vec::with_capacity(first.len() + second.len());
    let mut first = first.into_iter();
    let mut second = second.into_iter();
    loop {
        match (first.next(), second.next()) {
            (None, None) => return merged,
            (a, b) => merged.extend(a.into_iter().chain(b)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interleave_starts_with_first_family() {
        let v6: Vec<IpAddr> = vec!["::1".parse().unwrap(), "::2".parse().unwrap()];
        let v4: Vec<IpAddr> = vec!["10.0.0.1".parse().unwrap()];
        let merged = interleave(v6.clone(), v4.clone());
        assert_eq!(merged, vec![v6[0], v4[0], v6[1]]);
        assert_eq!(interleave(Vec::new(), v4.clone()), v4);
    }
}
