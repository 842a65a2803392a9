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
use hickory_resolver::name_server::{NameServerPool, TokioConnectionProvider};
use hickory_resolver::proto::op::{Query, ResponseCode};
use hickory_resolver::proto::rr::{RData, Record, RecordType};
use hickory_resolver::proto::xfer::{
    DnsHandle, DnsRequestOptions, DnsResponse, FirstAnswer, Protocol,
};
use hickory_resolver::proto::{ProtoError, ProtoErrorKind};
use hickory_resolver::{Name, ResolveError, TokioResolver};
use rand::Rng;

use super::domains::{DnsSettings, SearchDomain, srv_query_name};
use super::error::{LocateError, QueriedNames, ServerList};
use super::order::{SrvOrder, SrvRecord};
use super::system::{self, NameServer, ServerSource, SystemDns};

/// The shortest per-attempt timeout given to the resolver, so a tiny overall deadline
/// still lets one exchange happen.
const MIN_ATTEMPT_TIMEOUT: Duration = Duration::from_millis(50);

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
    /// The server failed, refused or did not answer.
    ServerFailure {
        /// The response code or transport error.
        reason: String,
    },
}

/// One SRV query of the walk: which domain, the name asked, and its outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryOutcome {
    /// The domain searched and why.
    pub domain: SearchDomain,
    /// `_vlmcs._tcp.<domain>`.
    pub query_name: String,
    /// What the server said.
    pub result: QueryResult,
    /// How long the query took.
    pub elapsed: Duration,
    /// The name servers asked (a domain with its own resolver is asked there).
    pub servers: ServerList,
}

/// The first domain of the walk that had usable SRV records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discovery {
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

/// The result of walking the domains: every outcome, and the records if any domain had some.
#[derive(Debug)]
pub(crate) struct Walk {
    pub(crate) tried: Vec<QueryOutcome>,
    pub(crate) found: Result<Discovery, LocateError>,
}

/// Looks up KMS hosts in DNS with one resolver configuration. Clones share the
/// resolvers, their caches and the addresses learnt from SRV answers.
#[derive(Clone)]
pub struct Locator {
    /// The name servers for every name without a more specific resolver.
    default: Route,
    /// Domains with their own name servers (split DNS), longest match wins.
    scoped: Vec<(String, Route)>,
    /// Addresses of SRV targets from the additional section of the SRV answer (lower-case
    /// name without the final dot), used instead of a query for them, as Windows does.
    glue: Arc<Mutex<HashMap<String, Vec<IpAddr>>>>,
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
    resolver: TokioResolver,
    /// The same name servers without the resolver's cache: SRV queries go here, because
    /// the resolver keeps only one target's addresses of an SRV answer's additional
    /// section and the client needs them all.
    pool: NameServerPool<TokioConnectionProvider>,
    servers: ServerList,
}

impl Route {
    /// Asks `servers` over UDP with TCP fallback for truncated answers; short names are
    /// completed with `search`.
    fn new(servers: Vec<SocketAddr>, search: &[Name], options: &ResolverOpts) -> Self {
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
            TokioConnectionProvider::default(),
        );
        let resolver =
            TokioResolver::builder_with_config(config, TokioConnectionProvider::default())
                .with_options(options.clone())
                .build();
        Self {
            resolver,
            pool,
            servers: ServerList(servers),
        }
    }
}

impl Locator {
    /// A locator asking `settings.servers`, or when empty the machine's name servers as
    /// its OS's resolver has them (`system::read`), over UDP with TCP fallback for
    /// truncated answers.
    ///
    /// Short host names are completed with the machine's search domains as the system
    /// resolver would. With explicit servers the hosts file is not consulted, so every
    /// answer comes from the server being diagnosed.
    pub fn new(settings: &DnsSettings) -> Result<Self, LocateError> {
        let system = match system::read(settings.resolv_conf.as_deref()) {
            Ok(system) => system,
            // With explicit servers the configuration only completes short names; an
            // unreadable one must not stop the diagnosis of a named server.
            Err(_) if !settings.servers.is_empty() => SystemDns::default(),
            Err(error) => return Err(error),
        };
        Ok(Self::with_system(settings, system))
    }

    /// A locator for the resolver configuration `system` (as [`Locator::new`] reads it),
    /// unless `settings.servers` names servers to ask instead. Names in a domain that has
    /// its own name servers (split DNS) are asked there.
    pub fn with_system(settings: &DnsSettings, system: SystemDns) -> Self {
        let explicit = !settings.servers.is_empty();
        let name_servers = if explicit {
            settings
                .servers
                .iter()
                .map(|server| NameServer::new(*server, ServerSource::CommandLine, ""))
                .collect()
        } else {
            system.servers
        };
        let search: Vec<Name> = system
            .domains
            .iter()
            .filter_map(|domain| Name::from_utf8(&domain.name).ok())
            .collect();

        let mut options = ResolverOpts::default();
        // Two exchanges (UDP, then TCP after truncation) must fit in the deadline.
        options.timeout = (settings.timeout / 2).max(MIN_ATTEMPT_TIMEOUT);
        options.attempts = 1;
        // Advertise a UDP payload size (EDNS0): the resolver reads at most that many
        // octets of a datagram, and some servers send more than 512 without being asked.
        options.edns0 = true;
        options.ip_strategy = LookupIpStrategy::Ipv4AndIpv6;
        options.use_hosts_file = if explicit {
            ResolveHosts::Never
        } else {
            ResolveHosts::Auto
        };

        let default_servers = name_servers
            .iter()
            .filter(|server| server.domain.is_none())
            .map(|server| server.address)
            .collect();
        let mut scoped: Vec<(String, Vec<SocketAddr>)> = Vec::new();
        for server in &name_servers {
            let Some(domain) = &server.domain else {
                continue;
            };
            let domain = domain.trim_end_matches('.').to_ascii_lowercase();
            match scoped.iter_mut().find(|(known, _)| *known == domain) {
                Some((_, addresses)) => addresses.push(server.address),
                None => scoped.push((domain, vec![server.address])),
            }
        }
        Self {
            default: Route::new(default_servers, &search, &options),
            scoped: scoped
                .into_iter()
                .map(|(domain, servers)| (domain, Route::new(servers, &search, &options)))
                .collect(),
            glue: Arc::default(),
            name_servers,
            notes: system.notes,
            timeout: settings.timeout,
            resolv_conf: settings.resolv_conf.clone(),
        }
    }

    /// The name servers this locator asks for names without a resolver of their own.
    pub fn servers(&self) -> &ServerList {
        &self.default.servers
    }

    /// Every name server this locator asks, with where it came from.
    pub fn name_servers(&self) -> &[NameServer] {
        &self.name_servers
    }

    /// What was missing or unusable in the resolver configuration.
    pub fn configuration_notes(&self) -> &[String] {
        &self.notes
    }

    /// The route for `name`: the resolver of the longest domain that contains it, else
    /// the default one.
    fn route_for(&self, name: &str) -> &Route {
        let name = name.trim().trim_end_matches('.').to_ascii_lowercase();
        self.scoped
            .iter()
            .filter(|(domain, _)| {
                name == *domain
                    || name
                        .strip_suffix(domain.as_str())
                        .is_some_and(|head| head.ends_with('.'))
            })
            .max_by_key(|(domain, _)| domain.len())
            .map_or(&self.default, |(_, route)| route)
    }

    /// The name servers `name` is asked of.
    pub fn servers_for(&self, name: &str) -> &ServerList {
        &self.route_for(name).servers
    }

    /// The SRV records of `_vlmcs._tcp.<domain>` in the order the server sent them,
    /// a "." target included (see [`SrvRecord::is_no_service`]).
    ///
    /// The addresses of the targets that the answer's additional section carries (BIND
    /// and Windows DNS servers send them for targets in their zones) are kept, and
    /// [`Locator::addresses`] returns them without querying again.
    pub async fn srv(&self, domain: &str) -> Result<Vec<SrvRecord>, LocateError> {
        let query_name = srv_query_name(domain.trim().trim_end_matches('.'));
        let name = absolute_name(&query_name)?;
        let route = self.route_for(&query_name);
        let fail = |result| Err(error_for(&route.servers, vec![query_name.clone()], result));
        if route.servers.0.is_empty() {
            return fail(no_server_result());
        }
        let mut options = DnsRequestOptions::default();
        options.use_edns = true;
        options.recursion_desired = true;
        let exchange = route
            .pool
            .lookup(Query::query(name.clone(), RecordType::SRV), options)
            .first_answer();
        let response = match tokio::time::timeout(self.timeout, exchange).await {
            Ok(Ok(response)) => response,
            Ok(Err(error)) => return fail(classify_proto(&error)),
            Err(_elapsed) => return fail(self.timeout_result()),
        };
        let records = srv_answers(&response, &name);
        if records.is_empty() {
            // An answer without SRV records that is not NODATA: a CNAME chain the server
            // did not follow to its end. The resolver follows it.
            return self.srv_through_resolver(route, name, query_name).await;
        }
        self.keep_glue(&response, &records);
        Ok(records)
    }

    /// [`Locator::srv`] through the resolver, which follows CNAME chains.
    async fn srv_through_resolver(
        &self,
        route: &Route,
        name: Name,
        query_name: String,
    ) -> Result<Vec<SrvRecord>, LocateError> {
        let lookup = tokio::time::timeout(self.timeout, route.resolver.srv_lookup(name)).await;
        let fail = |result| Err(error_for(&route.servers, vec![query_name.clone()], result));
        let lookup = match lookup {
            Ok(Ok(lookup)) => lookup,
            Ok(Err(error)) => return fail(classify(&error)),
            Err(_elapsed) => return fail(self.timeout_result()),
        };
        Ok(lookup
            .iter()
            .map(|srv| SrvRecord {
                priority: srv.priority(),
                weight: srv.weight(),
                port: srv.port(),
                target: display_name(srv.target()),
            })
            .collect())
    }

    /// Keeps the A and AAAA records of the additional section that belong to `records`'
    /// targets.
    fn keep_glue(&self, response: &DnsResponse, records: &[SrvRecord]) {
        let mut found: HashMap<String, (Vec<IpAddr>, Vec<IpAddr>)> = HashMap::new();
        for record in response.additionals() {
            let key = glue_key(&display_name(record.name()));
            if !records.iter().any(|srv| glue_key(&srv.target) == key) {
                continue;
            }
            let (v6, v4) = found.entry(key).or_default();
            match record.data() {
                RData::AAAA(address) => v6.push(IpAddr::V6(address.0)),
                RData::A(address) => v4.push(IpAddr::V4(address.0)),
                _ => {}
            }
        }
        let mut glue = self.glue.lock().unwrap_or_else(PoisonError::into_inner);
        for (target, (v6, v4)) in found {
            if !(v6.is_empty() && v4.is_empty()) {
                glue.insert(target, interleave(v6, v4));
            }
        }
    }

    /// The addresses of `host` that an SRV answer carried, if any.
    pub fn addresses_from_srv_answer(&self, host: &str) -> Option<Vec<IpAddr>> {
        let glue = self.glue.lock().unwrap_or_else(PoisonError::into_inner);
        glue.get(&glue_key(host)).cloned()
    }

    /// Every A and AAAA address of `host`, IPv6 and IPv4 interleaved starting with IPv6
    /// (RFC 8305 section 4), each family in the order the server sent it. An IP literal
    /// (`192.0.2.1`, `2001:db8::1`, `[2001:db8::1]`) is returned as is, without a query.
    pub async fn addresses(&self, host: &str) -> Result<Vec<IpAddr>, LocateError> {
        let host = host.trim();
        let bare = host
            .strip_prefix('[')
            .and_then(|inner| inner.strip_suffix(']'))
            .unwrap_or(host);
        if let Ok(address) = bare.parse::<IpAddr>() {
            return Ok(vec![address]);
        }
        if let Some(addresses) = self.addresses_from_srv_answer(host) {
            return Ok(addresses);
        }
        let name = Name::from_utf8(host).map_err(|error| LocateError::InvalidName {
            name: host.to_owned(),
            reason: error.to_string(),
        })?;
        let route = self.route_for(host);
        let fail = |result| {
            Err(error_for(
                &route.servers,
                vec![format!("{host} (A and AAAA)")],
                result,
            ))
        };
        if route.servers.0.is_empty() {
            return fail(no_server_result());
        }
        let lookup = tokio::time::timeout(self.timeout, route.resolver.lookup_ip(name)).await;
        let lookup = match lookup {
            Ok(Ok(lookup)) => lookup,
            Ok(Err(error)) => return fail(classify(&error)),
            Err(_elapsed) => return fail(self.timeout_result()),
        };
        let (v6, v4): (Vec<IpAddr>, Vec<IpAddr>) = lookup.iter().partition(IpAddr::is_ipv6);
        if v6.is_empty() && v4.is_empty() {
            return fail(QueryResult::NoData);
        }
        Ok(interleave(v6, v4))
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
    ) -> Result<Discovery, LocateError> {
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
                resolv_conf: self.resolv_conf.clone(),
                detail: "was not consulted and no domain was given".to_owned(),
            });
            return Walk { tried, found };
        }
        for domain in domains {
            let query_name = domain.query_name();
            let started = Instant::now();
            let answer = self.srv(&domain.name).await;
            let elapsed = started.elapsed();
            let (result, records) = match answer {
                Ok(records) if records.is_empty() => (QueryResult::NoData, None),
                Ok(records) if records.iter().all(SrvRecord::is_no_service) => {
                    (QueryResult::NoService, None)
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
            if let Some(records_as_received) = records {
                let usable = records_as_received
                    .iter()
                    .filter(|record| !record.is_no_service())
                    .cloned()
                    .collect();
                let ordered = order.apply(usable, rng);
                let found = Ok(Discovery {
                    domain: domain.clone(),
                    query_name,
                    records_as_received,
                    ordered,
                    tried: tried.clone(),
                });
                return Walk { tried, found };
            }
        }
        let found = Err(self.walk_error(&tried));
        Walk { tried, found }
    }

    /// The most telling error of a walk that found nothing.
    fn walk_error(&self, tried: &[QueryOutcome]) -> LocateError {
        let queried: Vec<String> = tried
            .iter()
            .map(|outcome| outcome.query_name.clone())
            .collect();
        let results = || tried.iter().map(|outcome| &outcome.result);
        let failure = results().find(|result| matches!(result, QueryResult::ServerFailure { .. }));
        let worst = failure
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

    fn timeout_result(&self) -> QueryResult {
        QueryResult::ServerFailure {
            reason: format!("no answer within {} ms", self.timeout.as_millis()),
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
    {
        match result {
            QueryResult::NxDomain => LocateError::NxDomain { queried, servers },
            QueryResult::NoService => LocateError::NoService { queried, servers },
            QueryResult::ServerFailure { reason } => LocateError::ServerFailure {
                queried,
                servers,
                reason,
            },
            // `Records` never reaches here; treat it like NODATA rather than panic.
            QueryResult::NoData | QueryResult::Records { .. } => {
                LocateError::NoRecords { queried, servers }
            }
        }
    }
}

/// The walk outcome a lookup error stands for.
fn result_of(error: &LocateError) -> QueryResult {
    match error {
        LocateError::NxDomain { .. } => QueryResult::NxDomain,
        LocateError::NoRecords { .. } => QueryResult::NoData,
        LocateError::NoService { .. } => QueryResult::NoService,
        LocateError::ServerFailure { reason, .. } => QueryResult::ServerFailure {
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
            RData::SRV(srv) => Some(SrvRecord {
                priority: srv.priority(),
                weight: srv.weight(),
                port: srv.port(),
                target: display_name(srv.target()),
            }),
            _ => None,
        })
        .collect()
}

/// How a host name is looked up among the SRV answer's addresses.
fn glue_key(host: &str) -> String {
    host.trim().trim_end_matches('.').to_ascii_lowercase()
}

/// `name` as an absolute DNS name, so no search suffix is appended to it.
fn absolute_name(name: &str) -> Result<Name, LocateError> {
    Name::from_utf8(format!("{name}.")).map_err(|error| LocateError::InvalidName {
        name: name.to_owned(),
        reason: error.to_string(),
    })
}

/// A DNS name as shown to people: no trailing dot, the root as ".".
fn display_name(name: &Name) -> String {
    if name.is_root() {
        return ".".to_owned();
    }
    let text = name.to_ascii();
    text.strip_suffix('.').unwrap_or(&text).to_owned()
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

    #[test]
    fn display_name_strips_the_dot() {
        assert_eq!(
            display_name(&Name::from_ascii("kms.corp.test.").unwrap()),
            "kms.corp.test"
        );
        assert_eq!(display_name(&Name::root()), ".");
    }
}
