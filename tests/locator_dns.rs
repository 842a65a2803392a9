//! Discovery scenarios against a real authoritative DNS server on 127.0.0.1: the
//! in-process hickory server (module `hickory`, always run) and a real BIND 9 `named`
//! (module `bind`, ignored by default; `.ci/run` runs them with `--ignored`).

mod support;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use rand::SeedableRng;
use rand::rngs::StdRng;
use support::bind::NamedServer;
use support::dns::{DnsServer, LoggedQuery, SilentDnsServer, Transport, Zone};
use vlmgr::locator::{
    DnsSettings, DomainSource, Family, LocateError, Locator, QueryResult, SearchDomain, SrvOrder,
    SrvRecord, order_rfc2782,
};
use vlmgr::output::json::DiscoverView;
use vlmgr::output::report::DiscoverResult;
use vlmgr::protocol::HResult;

const KMS_SRV: &str = "_vlmcs._tcp";

/// The server a scenario runs against.
#[derive(Clone, Copy)]
enum Backend {
    Hickory,
    Bind,
}

/// A running server of either kind.
enum Running {
    Hickory(DnsServer),
    Bind(NamedServer),
}

impl Running {
    fn start(backend: Backend, zones: &[Zone]) -> Self {
        match backend {
            Backend::Hickory => {
                Self::Hickory(DnsServer::start(zones).expect("start hickory server"))
            }
            Backend::Bind => match NamedServer::start(zones) {
                Ok(server) => Self::Bind(server),
                Err(error) => panic!("cannot start BIND 9 named for this test: {error}"),
            },
        }
    }

    fn addr(&self) -> SocketAddr {
        match self {
            Self::Hickory(server) => server.addr(),
            Self::Bind(server) => server.addr(),
        }
    }

    fn queries(&self) -> Vec<LoggedQuery> {
        match self {
            Self::Hickory(server) => server.queries(),
            Self::Bind(server) => server.queries(),
        }
    }

    /// The distinct SRV names asked, in order of first arrival.
    fn srv_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for query in self.queries() {
            if query.record_type == "SRV" && !names.contains(&query.name) {
                names.push(query.name);
            }
        }
        names
    }
}

/// Settings asking only `server`, with a resolv.conf that does not exist (so nothing of
/// the machine's configuration leaks in) unless a test writes one.
fn settings(server: SocketAddr, resolv_conf: PathBuf) -> DnsSettings {
    DnsSettings {
        servers: vec![server],
        timeout: Duration::from_secs(3),
        resolv_conf: Some(resolv_conf),
    }
}

fn no_resolv_conf() -> PathBuf {
    PathBuf::from("/nonexistent/vlmgr-test/resolv.conf")
}

fn lookup_domain(name: &str) -> Vec<SearchDomain> {
    vec![SearchDomain::new(name, DomainSource::LookupDomain).unwrap()]
}

fn rng() -> StdRng {
    StdRng::seed_from_u64(2782)
}

fn targets(records: &[SrvRecord]) -> Vec<&str> {
    records
        .iter()
        .map(|record| record.target.as_str())
        .collect()
}

async fn one_record(backend: Backend) {
    let zone = Zone::new("corp.test")
        .srv(KMS_SRV, 0, 0, 1688, "kms1")
        .a("kms1", Ipv4Addr::new(127, 0, 0, 10));
    let server = Running::start(backend, &[zone]);
    let locator = Locator::new(&settings(server.addr(), no_resolv_conf())).unwrap();

    let found = locator
        .discover(&lookup_domain("corp.test"), SrvOrder::Rfc2782, &mut rng())
        .await
        .unwrap();
    let expected = SrvRecord {
        priority: 0,
        weight: 0,
        port: 1688,
        target: "kms1.corp.test".to_owned(),
        unusable: None,
    };
    assert_eq!(found.records_as_received, vec![expected.clone()]);
    assert_eq!(found.ordered, vec![expected]);
    assert_eq!(found.query_name, "_vlmcs._tcp.corp.test");
    assert_eq!(found.tried.len(), 1);
    assert_eq!(found.tried[0].result, QueryResult::Records { count: 1 });
    let addresses = locator.addresses("kms1.corp.test").await.unwrap();
    assert_eq!(addresses, vec![IpAddr::from([127, 0, 0, 10])]);
    assert_eq!(server.srv_names(), vec!["_vlmcs._tcp.corp.test"]);
}

async fn several_priorities(backend: Backend) {
    let zone = Zone::new("corp.test")
        .srv(KMS_SRV, 20, 0, 1688, "kms-b")
        .srv(KMS_SRV, 5, 0, 1688, "kms-c")
        .srv(KMS_SRV, 10, 0, 1700, "kms-a");
    let server = Running::start(backend, &[zone]);
    let locator = Locator::new(&settings(server.addr(), no_resolv_conf())).unwrap();
    let found = locator
        .discover(&lookup_domain("corp.test"), SrvOrder::Rfc2782, &mut rng())
        .await
        .unwrap();
    assert_eq!(found.records_as_received.len(), 3);
    assert_eq!(
        targets(&found.ordered),
        vec!["kms-c.corp.test", "kms-a.corp.test", "kms-b.corp.test"]
    );
    assert_eq!(found.ordered[1].port, 1700);
}

async fn weights(backend: Backend) {
    let zone = Zone::new("corp.test")
        .srv(KMS_SRV, 0, 60, 1688, "kms-heavy")
        .srv(KMS_SRV, 0, 30, 1688, "kms-medium")
        .srv(KMS_SRV, 0, 10, 1688, "kms-light")
        .srv(KMS_SRV, 0, 0, 1688, "kms-zero");
    let server = Running::start(backend, &[zone]);
    let locator = Locator::new(&settings(server.addr(), no_resolv_conf())).unwrap();
    let found = locator
        .discover(&lookup_domain("corp.test"), SrvOrder::Rfc2782, &mut rng())
        .await
        .unwrap();
    let mut weights: Vec<u16> = found.records_as_received.iter().map(|r| r.weight).collect();
    weights.sort_unstable();
    assert_eq!(weights, vec![0, 10, 30, 60]);
    // The order is exactly what the pure function gives with the same random numbers.
    assert_eq!(
        found.ordered,
        order_rfc2782(found.records_as_received.clone(), &mut rng())
    );
}

async fn target_dot_means_no_service(backend: Backend) {
    let zone = Zone::new("corp.test").srv(KMS_SRV, 0, 0, 0, ".");
    let server = Running::start(backend, &[zone]);
    let locator = Locator::new(&settings(server.addr(), no_resolv_conf())).unwrap();
    let records = locator.srv("corp.test").await.unwrap();
    assert!(
        records.len() == 1 && records[0].is_no_service(),
        "{records:?}"
    );
    let error = locator
        .discover(&lookup_domain("corp.test"), SrvOrder::Rfc2782, &mut rng())
        .await
        .unwrap_err();
    assert!(matches!(error, LocateError::NoService { .. }), "{error}");
    assert_eq!(error.hresult(), HResult(0x8007_251D));
    assert!(error.to_string().contains("target \".\""), "{error}");
}

async fn cname_target(backend: Backend) {
    let zone = Zone::new("corp.test")
        .srv(KMS_SRV, 0, 0, 1688, "kms-alias")
        .cname("kms-alias", "kms-real")
        .a("kms-real", Ipv4Addr::new(127, 0, 0, 20))
        .aaaa("kms-real", Ipv6Addr::LOCALHOST);
    let server = Running::start(backend, &[zone]);
    let locator = Locator::new(&settings(server.addr(), no_resolv_conf())).unwrap();
    let found = locator
        .discover(&lookup_domain("corp.test"), SrvOrder::Rfc2782, &mut rng())
        .await
        .unwrap();
    assert_eq!(targets(&found.ordered), vec!["kms-alias.corp.test"]);
    let addresses = locator.addresses(&found.ordered[0].target).await.unwrap();
    // IPv6 first, then IPv4 (RFC 8305 interleaving).
    assert_eq!(
        addresses,
        vec![
            IpAddr::from(Ipv6Addr::LOCALHOST),
            IpAddr::from([127, 0, 0, 20])
        ]
    );
}

async fn ipv6_only_target(backend: Backend) {
    let zone = Zone::new("corp.test")
        .srv(KMS_SRV, 0, 0, 1688, "kms6")
        .aaaa("kms6", Ipv6Addr::LOCALHOST)
        .aaaa("kms6", "fd00::1688".parse::<Ipv6Addr>().unwrap());
    let server = Running::start(backend, &[zone]);
    let locator = Locator::new(&settings(server.addr(), no_resolv_conf())).unwrap();
    let addresses = locator.addresses("kms6.corp.test").await.unwrap();
    let expected: Vec<IpAddr> = vec![
        IpAddr::from(Ipv6Addr::LOCALHOST),
        IpAddr::from("fd00::1688".parse::<Ipv6Addr>().unwrap()),
    ];
    // Both AAAA records, in the order the server sent them (either order is valid).
    assert_eq!(addresses.len(), 2, "{addresses:?}");
    assert!(
        expected.iter().all(|a| addresses.contains(a)),
        "{addresses:?}"
    );
    let names: Vec<String> = server
        .queries()
        .into_iter()
        .filter(|q| q.name == "kms6.corp.test")
        .map(|q| q.record_type)
        .collect();
    assert!(
        names.contains(&"AAAA".to_owned()) && names.contains(&"A".to_owned()),
        "{names:?}"
    );
}

async fn nxdomain(backend: Backend) {
    let server = Running::start(backend, &[Zone::new("corp.test")]);
    let locator = Locator::new(&settings(server.addr(), no_resolv_conf())).unwrap();
    let error = locator
        .discover(&lookup_domain("corp.test"), SrvOrder::Rfc2782, &mut rng())
        .await
        .unwrap_err();
    assert!(matches!(error, LocateError::NxDomain { .. }), "{error}");
    assert_eq!(error.hresult(), HResult(0x8007_232B));
    let message = error.to_string();
    assert!(message.contains("_vlmcs._tcp.corp.test"), "{message}");
    assert!(message.contains(&server.addr().to_string()), "{message}");
}

async fn nodata(backend: Backend) {
    // The name exists (it has an A record) but holds no SRV record.
    let zone = Zone::new("corp.test").a(KMS_SRV, Ipv4Addr::new(127, 0, 0, 30));
    let server = Running::start(backend, &[zone]);
    let locator = Locator::new(&settings(server.addr(), no_resolv_conf())).unwrap();
    let error = locator
        .discover(&lookup_domain("corp.test"), SrvOrder::Rfc2782, &mut rng())
        .await
        .unwrap_err();
    assert!(matches!(error, LocateError::NoRecords { .. }), "{error}");
    assert_eq!(error.hresult(), HResult(0x8007_251D));
    assert!(
        error.to_string().contains("_vlmcs._tcp.corp.test"),
        "{error}"
    );
}

/// A zone with `count` SRV records whose long target names make the answer too big
/// for one UDP datagram (4096 octets without EDNS at hickory, 512 at BIND).
fn big_zone(count: u16) -> Zone {
    let mut zone = Zone::new("corp.test");
    for index in 0..count {
        let target = format!("kms-host-with-a-rather-long-name-{index:03}");
        zone = zone.srv(KMS_SRV, index % 4, index % 7, 1688 + index, &target);
    }
    zone
}

async fn truncated_answer_needs_tcp(backend: Backend) {
    let server = Running::start(backend, &[big_zone(120)]);
    let locator = Locator::new(&settings(server.addr(), no_resolv_conf())).unwrap();
    let records = locator.srv("corp.test").await.unwrap();
    assert_eq!(records.len(), 120);
    let transports: Vec<Transport> = server
        .queries()
        .into_iter()
        .filter(|q| q.name == "_vlmcs._tcp.corp.test" && q.record_type == "SRV")
        .map(|q| q.transport)
        .collect();
    assert_eq!(transports, vec![Transport::Udp, Transport::Tcp]);
}

async fn two_hundred_records(backend: Backend) {
    let server = Running::start(backend, &[big_zone(200)]);
    let locator = Locator::new(&settings(server.addr(), no_resolv_conf())).unwrap();
    let found = locator
        .discover(&lookup_domain("corp.test"), SrvOrder::Rfc2782, &mut rng())
        .await
        .unwrap();
    assert_eq!(found.records_as_received.len(), 200);
    assert_eq!(found.ordered.len(), 200);
    assert!(
        found
            .ordered
            .windows(2)
            .all(|pair| pair[0].priority <= pair[1].priority)
    );
    let mut ports: Vec<u16> = found.ordered.iter().map(|r| r.port).collect();
    ports.sort_unstable();
    assert_eq!(ports, (1688..1888).collect::<Vec<u16>>());
}

async fn search_list_walk(backend: Backend) {
    let zones = [
        Zone::new("a.test"),
        Zone::new("b.test").a(KMS_SRV, Ipv4Addr::new(127, 0, 0, 40)),
        Zone::new("c.test")
            .srv(KMS_SRV, 0, 0, 1688, "kms")
            .a("kms", Ipv4Addr::new(127, 0, 0, 41)),
        Zone::new("d.test")
            .srv(KMS_SRV, 0, 0, 1688, "kms")
            .a("kms", Ipv4Addr::new(127, 0, 0, 42)),
    ];
    let server = Running::start(backend, &zones);
    let dir = tempfile::tempdir().unwrap();
    let resolv_conf = dir.path().join("resolv.conf");
    std::fs::write(
        &resolv_conf,
        "nameserver 192.0.2.53\ndomain a.test\nsearch a.test b.test c.test d.test\n",
    )
    .unwrap();
    let settings = settings(server.addr(), resolv_conf);
    let locator = Locator::new(&settings).unwrap();
    let domains = locator.search_domains(None).unwrap();
    let sources: Vec<DomainSource> = domains.iter().map(|d| d.source).collect();
    assert_eq!(
        sources,
        vec![
            DomainSource::ResolvConfDomain,
            DomainSource::ResolvConfSearch,
            DomainSource::ResolvConfSearch,
            DomainSource::ResolvConfSearch
        ]
    );
    let found = locator
        .discover(&domains, SrvOrder::Rfc2782, &mut rng())
        .await
        .unwrap();
    assert_eq!(found.domain.name, "c.test");
    assert_eq!(found.domain.source, DomainSource::ResolvConfSearch);
    let results: Vec<&QueryResult> = found.tried.iter().map(|t| &t.result).collect();
    assert_eq!(
        results,
        vec![
            &QueryResult::NxDomain,
            &QueryResult::NoData,
            &QueryResult::Records { count: 1 }
        ]
    );
    // The queries go together, each once; the walk decides in list order at the first
    // domain with records, so d.test's answer (if any came) is not part of it.
    let mut asked = server.srv_names();
    asked.sort();
    let srv_queries = server
        .queries()
        .iter()
        .filter(|query| query.record_type == "SRV")
        .count();
    assert_eq!(srv_queries, asked.len(), "a name asked twice: {asked:?}");
    assert!(
        asked.starts_with(&[
            "_vlmcs._tcp.a.test".to_owned(),
            "_vlmcs._tcp.b.test".to_owned(),
            "_vlmcs._tcp.c.test".to_owned()
        ]),
        "{asked:?}"
    );
    assert_eq!(found.tried.len(), 3);

    // No domain with records: the error names every query; NODATA beats NXDOMAIN.
    let error = locator
        .discover(&domains[..2], SrvOrder::Rfc2782, &mut rng())
        .await
        .unwrap_err();
    assert!(matches!(error, LocateError::NoRecords { .. }), "{error}");
    let message = error.to_string();
    assert!(
        message.contains("_vlmcs._tcp.a.test, _vlmcs._tcp.b.test"),
        "{message}"
    );
}

async fn lookup_domain_has_no_fallback(backend: Backend) {
    let zones = [
        Zone::new("corp.test")
            .srv(KMS_SRV, 0, 0, 1688, "kms")
            .a("kms", Ipv4Addr::new(127, 0, 0, 50)),
        Zone::new("lookup.test"),
    ];
    let server = Running::start(backend, &zones);
    let dir = tempfile::tempdir().unwrap();
    let resolv_conf = dir.path().join("resolv.conf");
    std::fs::write(&resolv_conf, "domain corp.test\nsearch corp.test\n").unwrap();
    let settings = settings(server.addr(), resolv_conf);
    let locator = Locator::new(&settings).unwrap();
    let domains = locator.search_domains(Some("lookup.test")).unwrap();
    assert_eq!(domains, lookup_domain("lookup.test"));
    let error = locator
        .discover(&domains, SrvOrder::Rfc2782, &mut rng())
        .await
        .unwrap_err();
    assert!(matches!(error, LocateError::NxDomain { .. }), "{error}");
    assert_eq!(server.srv_names(), vec!["_vlmcs._tcp.lookup.test"]);
}

async fn refused_is_a_server_failure(backend: Backend) {
    // The server is not authoritative for other.test and does not recurse: REFUSED.
    let server = Running::start(backend, &[Zone::new("corp.test")]);
    let locator = Locator::new(&settings(server.addr(), no_resolv_conf())).unwrap();
    let error = locator
        .discover(&lookup_domain("other.test"), SrvOrder::Rfc2782, &mut rng())
        .await
        .unwrap_err();
    assert!(
        matches!(error, LocateError::ServerFailure { .. }),
        "{error}"
    );
    assert_eq!(error.hresult(), HResult(0x8007_232A));
    assert!(
        error.to_string().contains("_vlmcs._tcp.other.test"),
        "{error}"
    );

    // In a walk, a failure outranks NXDOMAIN: a record may exist that was not seen.
    let domains = vlmgr::locator::command_line_domains(&["corp.test", "other.test"]).unwrap();
    let error = locator
        .discover(&domains, SrvOrder::Rfc2782, &mut rng())
        .await
        .unwrap_err();
    assert!(
        matches!(error, LocateError::ServerFailure { .. }),
        "{error}"
    );
    let message = error.to_string();
    assert!(
        message.contains("_vlmcs._tcp.corp.test, _vlmcs._tcp.other.test"),
        "{message}"
    );
}

async fn trace_shows_every_step(backend: Backend) {
    let zones = [
        Zone::new("a.test"),
        Zone::new("b.test")
            .srv(KMS_SRV, 0, 0, 1688, "kms")
            .srv(KMS_SRV, 1, 0, 1688, "missing")
            .a("kms", Ipv4Addr::new(127, 0, 0, 60)),
    ];
    let server = Running::start(backend, &zones);
    let locator = Locator::new(&settings(server.addr(), no_resolv_conf())).unwrap();
    let domains = vlmgr::locator::command_line_domains(&["a.test", "b.test"]).unwrap();
    let trace = locator.trace(&domains, SrvOrder::Rfc2782, &mut rng()).await;
    assert!(trace.error.is_none(), "{:?}", trace.error);
    assert!(trace.has_candidates());
    assert_eq!(trace.tried.len(), 2);
    assert_eq!(
        trace.found_domain.as_ref().map(|d| d.name.as_str()),
        Some("b.test")
    );
    assert_eq!(trace.targets.len(), 2);
    assert_eq!(
        trace.targets[0].addresses,
        vec![IpAddr::from([127, 0, 0, 60])]
    );
    let missing = trace.targets[1]
        .error
        .as_ref()
        .expect("missing host has an error");
    assert_eq!(missing.hresult, HResult(0x8007_232B));
    // What `discover --json` prints of this trace.
    let view = DiscoverView::from(&DiscoverResult {
        checked: false,
        kms_host_override: None,
        notes: Vec::new(),
        discovery: trace.clone(),
        checks: Vec::new(),
        cached_hosts: Vec::new(),
        system: None,
    });
    let json = serde_json::to_value(&view).unwrap();
    assert_eq!(json["tried"][0]["result"]["outcome"], "nx_domain");
    assert_eq!(json["tried"][0]["domain"]["source"], "command_line");
    assert_eq!(json["ordered"][0]["target"], "kms.b.test");

    let failed = locator
        .trace(&lookup_domain("a.test"), SrvOrder::Random, &mut rng())
        .await;
    assert!(!failed.has_candidates());
    assert_eq!(failed.error.map(|e| e.hresult), Some(HResult(0x8007_232B)));
    assert!(
        failed.hints.iter().any(|h| h.contains("ckms-domain")),
        "{:?}",
        failed.hints
    );
}

/// Addresses in the SRV answer's additional section are used without a query: BIND adds
/// them for every in-zone target; the hickory server only for the first record's target.
async fn srv_answer_addresses(backend: Backend) {
    let zone = Zone::new("corp.test")
        .srv(KMS_SRV, 0, 0, 1688, "kms1")
        .srv(KMS_SRV, 1, 0, 1688, "kms2")
        .srv(KMS_SRV, 2, 0, 1688, "kms3")
        .a("kms1", Ipv4Addr::new(127, 0, 0, 11))
        .a("kms2", Ipv4Addr::new(127, 0, 0, 12))
        .aaaa("kms3", Ipv6Addr::LOCALHOST);
    let server = Running::start(backend, &[zone]);
    let locator = Locator::new(&settings(server.addr(), no_resolv_conf())).unwrap();
    locator
        .discover(&lookup_domain("corp.test"), SrvOrder::Rfc2782, &mut rng())
        .await
        .unwrap();
    let targets = ["kms1.corp.test", "kms2.corp.test", "kms3.corp.test"];
    let from_answer = targets
        .iter()
        .filter(|t| locator.addresses_from_srv_answer(t).is_some())
        .count();
    let expected: [IpAddr; 3] = [
        IpAddr::from([127, 0, 0, 11]),
        IpAddr::from([127, 0, 0, 12]),
        IpAddr::from(Ipv6Addr::LOCALHOST),
    ];
    for (target, address) in targets.iter().zip(expected) {
        assert_eq!(locator.addresses(target).await.unwrap(), vec![address]);
    }
    let address_queries = server
        .queries()
        .into_iter()
        .filter(|q| q.record_type == "A" || q.record_type == "AAAA")
        .count();
    match backend {
        Backend::Bind => assert_eq!((from_answer, address_queries), (3, 0)),
        Backend::Hickory => {
            assert!(from_answer >= 1);
            // An A and an AAAA query for each target the answer had no address for.
            assert_eq!(address_queries, 2 * (3 - from_answer));
        }
    }
}

/// A and AAAA are asked together and each name and type once, however many callers ask;
/// an IPv4-only name with a dot ends at that name for both families (no AAAA query walks
/// the search list).
async fn addresses_asked_once_per_name_and_type(backend: Backend) {
    let zones = [
        Zone::new("hosts.test").a("kms", Ipv4Addr::new(127, 0, 0, 43)),
        Zone::new("a.test"),
        Zone::new("b.test"),
    ];
    let server = Running::start(backend, &zones);
    let dir = tempfile::tempdir().unwrap();
    let resolv_conf = dir.path().join("resolv.conf");
    std::fs::write(&resolv_conf, "search a.test b.test\n").unwrap();
    let locator = Locator::new(&settings(server.addr(), resolv_conf)).unwrap();
    let (first, second, third) = tokio::join!(
        locator.addresses("kms.hosts.test"),
        locator.addresses("KMS.hosts.test"),
        locator.family_addresses("kms.hosts.test", Family::V4),
    );
    let expected = vec![IpAddr::from([127, 0, 0, 43])];
    assert_eq!(first.unwrap(), expected);
    assert_eq!(second.unwrap(), expected);
    assert_eq!(third.unwrap(), expected);
    let asked: Vec<(String, String)> = server
        .queries()
        .into_iter()
        .map(|q| (q.name, q.record_type))
        .collect();
    let kms = |record_type: &str| ("kms.hosts.test".to_owned(), record_type.to_owned());
    assert_eq!(asked.len(), 2, "{asked:?}");
    assert!(
        asked.contains(&kms("A")) && asked.contains(&kms("AAAA")),
        "{asked:?}"
    );
}

/// Runs each scenario against both servers.
macro_rules! scenarios {
    ($($name:ident),* $(,)?) => {
        mod hickory {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name(super::Backend::Hickory).await;
                }
            )*
        }
        mod bind {
            $(
                #[tokio::test]
                #[ignore = "needs BIND 9 (named); run by .ci/run"]
                async fn $name() {
                    super::$name(super::Backend::Bind).await;
                }
            )*
        }
    };
}

scenarios!(
    one_record,
    several_priorities,
    weights,
    target_dot_means_no_service,
    cname_target,
    ipv6_only_target,
    nxdomain,
    nodata,
    truncated_answer_needs_tcp,
    two_hundred_records,
    search_list_walk,
    lookup_domain_has_no_fallback,
    refused_is_a_server_failure,
    trace_shows_every_step,
    srv_answer_addresses,
    addresses_asked_once_per_name_and_type,
);

#[tokio::test]
async fn silent_server_fails_within_the_timeout() {
    let silent = SilentDnsServer::start().unwrap();
    let settings = DnsSettings {
        servers: vec![silent.addr().unwrap()],
        timeout: Duration::from_millis(600),
        resolv_conf: Some(no_resolv_conf()),
    };
    let locator = Locator::new(&settings).unwrap();
    let started = Instant::now();
    let error = locator
        .discover(&lookup_domain("corp.test"), SrvOrder::Rfc2782, &mut rng())
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    assert!(
        matches!(error, LocateError::ServerFailure { .. }),
        "{error}"
    );
    assert_eq!(error.hresult(), HResult(0x8007_232A));
    // The server never answers: only the 600 ms timeout ends the lookup.
    assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");
    assert!(
        error
            .to_string()
            .contains(&silent.addr().unwrap().to_string()),
        "{error}"
    );
}

#[tokio::test]
async fn ip_literals_need_no_query() {
    let silent = SilentDnsServer::start().unwrap();
    let settings = DnsSettings {
        servers: vec![silent.addr().unwrap()],
        timeout: Duration::from_millis(300),
        resolv_conf: Some(no_resolv_conf()),
    };
    let locator = Locator::new(&settings).unwrap();
    for (literal, expected) in [
        ("192.0.2.7", IpAddr::from([192, 0, 2, 7])),
        ("2001:db8::7", "2001:db8::7".parse().unwrap()),
        ("[2001:db8::7]", "2001:db8::7".parse().unwrap()),
    ] {
        assert_eq!(locator.addresses(literal).await.unwrap(), vec![expected]);
    }
}

#[test]
fn system_name_servers_come_from_the_given_resolv_conf() {
    let dir = tempfile::tempdir().unwrap();
    let resolv_conf = dir.path().join("resolv.conf");
    std::fs::write(
        &resolv_conf,
        "nameserver 127.0.0.9\nnameserver ::1\nsearch corp.test\n",
    )
    .unwrap();
    let settings = DnsSettings {
        servers: Vec::new(),
        timeout: Duration::from_secs(1),
        resolv_conf: Some(resolv_conf),
    };
    let locator = Locator::new(&settings).unwrap();
    let expected: Vec<SocketAddr> =
        vec!["127.0.0.9:53".parse().unwrap(), "[::1]:53".parse().unwrap()];
    assert_eq!(locator.servers().0, expected);

    // `--dns-server` replaces them.
    let explicit = DnsSettings {
        servers: vec!["127.0.0.8:5353".parse().unwrap()],
        ..settings
    };
    let locator = Locator::new(&explicit).unwrap();
    assert_eq!(locator.servers().0, explicit.servers);
}
