//! Split DNS on macOS, tested on every OS: a domain with its own resolver (an
//! `/etc/resolver/<domain>` file or a VPN's supplemental resolver in the dynamic store)
//! is asked at that resolver, everything else at the global one. Two in-process DNS
//! servers on loopback play the two resolvers; the configuration comes from the macOS
//! source's pure function, as on a Mac.

mod support;

use std::net::Ipv4Addr;
use std::time::Duration;

use rand::SeedableRng;
use rand::rngs::StdRng;
use support::dns::{DnsServer, Zone};
use vlmgr::locator::{DnsSettings, DomainSource, Locator, ServerSource, SrvOrder};
use vlmgr::platform::resolver::macos::{
    self, DnsDictionary, FileRead, ResolverFile, Snapshot, StoreEntry,
};

const KMS_SRV: &str = "_vlmcs._tcp";

/// The global resolver knows corp.test, and a decoy vpn.test that must never be asked;
/// the VPN's resolver holds the real vpn.test.
fn servers() -> (DnsServer, DnsServer) {
    let global = DnsServer::start(&[
        Zone::new("corp.test"),
        Zone::new("vpn.test")
            .srv(KMS_SRV, 0, 0, 1688, "decoy")
            .a("decoy", Ipv4Addr::new(127, 0, 0, 66)),
    ])
    .expect("global dns");
    let vpn = DnsServer::start(&[Zone::new("vpn.test")
        .srv(KMS_SRV, 0, 0, 1688, "kms")
        .a("kms", Ipv4Addr::new(127, 0, 0, 7))])
    .expect("vpn dns");
    (global, vpn)
}

/// The global DNS of the store: search corp.test then vpn.test, at the global server.
fn global_dns(global: &DnsServer) -> DnsDictionary {
    DnsDictionary {
        server_addresses: vec![global.addr().ip().to_string()],
        server_port: Some(global.addr().port()),
        search_domains: vec!["corp.test".to_owned(), "vpn.test".to_owned()],
        ..DnsDictionary::default()
    }
}

/// The global DNS, and `/etc/resolver/vpn.test` naming the VPN's server.
fn resolver_file_snapshot(global: &DnsServer, vpn: &DnsServer) -> Snapshot {
    Snapshot {
        global: StoreEntry::Dns(global_dns(global)),
        resolver_files: vec![ResolverFile {
            name: "vpn.test".to_owned(),
            contents: FileRead::Bytes(
                format!(
                    "# written by a VPN client\nnameserver {}\nport {}\n",
                    vpn.addr().ip(),
                    vpn.addr().port()
                )
                .into_bytes(),
            ),
        }],
        ..Snapshot::default()
    }
}

fn settings() -> DnsSettings {
    DnsSettings {
        servers: Vec::new(),
        timeout: Duration::from_secs(5),
        resolv_conf: None,
    }
}

async fn walk_and_check(locator: &Locator, global: &DnsServer, vpn: &DnsServer) {
    let domains: Vec<_> = ["corp.test", "vpn.test"]
        .iter()
        .map(|name| vlmgr::locator::SearchDomain::new(name, DomainSource::StoreSearchDomains))
        .collect::<Result<_, _>>()
        .expect("domains");
    let found = locator
        .discover(&domains, SrvOrder::Rfc2782, &mut StdRng::seed_from_u64(1))
        .await
        .expect("found at the VPN's resolver");
    assert_eq!(found.domain.name, "vpn.test");
    assert_eq!(found.ordered[0].target, "kms.vpn.test");
    // corp.test went to the global resolver; vpn.test only to the VPN's.
    assert_eq!(global.query_names(), ["_vlmcs._tcp.corp.test"]);
    assert_eq!(vpn.query_names(), ["_vlmcs._tcp.vpn.test"]);
    assert_eq!(found.tried[0].servers.0, [global.addr()]);
    assert_eq!(found.tried[1].servers.0, [vpn.addr()]);
    // A host in the domain is resolved there too (the SRV answer's additional section
    // already gave kms.vpn.test; another name needs a query).
    let addresses = locator
        .addresses("kms.vpn.test")
        .await
        .expect("kms address");
    assert_eq!(addresses, [std::net::IpAddr::from([127, 0, 0, 7])]);
    let error = locator
        .addresses("absent.vpn.test")
        .await
        .expect_err("no such host");
    assert!(
        error.to_string().contains(&vpn.addr().to_string()),
        "{error}"
    );
    assert!(
        !global
            .query_names()
            .iter()
            .any(|name| name.contains("vpn.test"))
    );
}

#[tokio::test]
async fn a_resolver_file_domain_is_asked_at_its_own_servers() {
    let (global, vpn) = servers();
    let snapshot = resolver_file_snapshot(&global, &vpn);
    let system = macos::configuration(&snapshot);
    let scoped: Vec<_> = system
        .servers
        .iter()
        .filter(|server| server.domain.is_some())
        .collect();
    assert_eq!(scoped.len(), 1);
    assert_eq!(scoped[0].source, ServerSource::ResolverFile);
    assert_eq!(scoped[0].origin, "/etc/resolver/vpn.test");
    let locator = Locator::with_system(&settings(), system);
    assert_eq!(locator.servers().0, [global.addr()]);
    walk_and_check(&locator, &global, &vpn).await;
}

#[tokio::test]
async fn a_vpn_supplemental_resolver_is_asked_for_its_domains() {
    let (global, vpn) = servers();
    let mut global_dict = global_dns(&global);
    // The VPN's domain comes from its service, not the global search list.
    global_dict.search_domains = vec!["corp.test".to_owned()];
    let snapshot = Snapshot {
        global: StoreEntry::Dns(global_dict),
        services: vec![(
            "State:/Network/Service/VPN/DNS".to_owned(),
            StoreEntry::Dns(DnsDictionary {
                server_addresses: vec![vpn.addr().ip().to_string()],
                server_port: Some(vpn.addr().port()),
                supplemental_match_domains: vec!["vpn.test".to_owned()],
                ..DnsDictionary::default()
            }),
        )],
        ..Snapshot::default()
    };
    let system = macos::configuration(&snapshot);
    let names: Vec<_> = system.domains.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        names,
        ["corp.test", "vpn.test"],
        "the VPN's domain is searched after"
    );
    assert_eq!(
        system.domains[1].source,
        DomainSource::StoreSupplementalDomain
    );
    let domains = system.domains.clone();
    let locator = Locator::with_system(&settings(), system);
    let found = locator
        .discover(&domains, SrvOrder::Rfc2782, &mut StdRng::seed_from_u64(1))
        .await
        .expect("found");
    assert_eq!(found.ordered[0].target, "kms.vpn.test");
    assert_eq!(vpn.query_names(), ["_vlmcs._tcp.vpn.test"]);
    assert_eq!(global.query_names(), ["_vlmcs._tcp.corp.test"]);
}

/// `--dns-server` asks the named server for everything: the diagnosis of one server.
#[tokio::test]
async fn explicit_servers_override_split_dns() {
    let (global, vpn) = servers();
    let snapshot = resolver_file_snapshot(&global, &vpn);
    let explicit = DnsSettings {
        servers: vec![global.addr()],
        ..settings()
    };
    let locator = Locator::with_system(&explicit, macos::configuration(&snapshot));
    assert!(
        locator
            .name_servers()
            .iter()
            .all(|server| server.source == ServerSource::CommandLine)
    );
    let records = locator.srv("vpn.test").await.expect("decoy answers");
    assert_eq!(records[0].target, "decoy.vpn.test");
    assert!(vpn.query_names().is_empty());
}

/// Without the store's global DNS the search domains come from /etc/resolv.conf, and
/// the error when it has none says so (not the dynamic store).
#[test]
fn the_no_domain_error_names_the_resolv_conf_read_instead_of_the_store() {
    let snapshot = Snapshot {
        resolv_conf: FileRead::Bytes(b"nameserver 127.0.0.1\n".to_vec()),
        ..Snapshot::default()
    };
    let locator = Locator::with_system(&settings(), macos::configuration(&snapshot));
    let message = locator.search_domains(None).unwrap_err().to_string();
    assert!(
        message.contains("no lookup domain is set and /etc/resolv.conf (State:/Network/Global/DNS"),
        "{message}"
    );
    assert!(
        !message.contains("dynamic store's DNS settings"),
        "{message}"
    );
}
