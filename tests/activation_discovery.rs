//! How `ato` finds its host: DNS SRV discovery, host caching, and `skms` without DNS.

mod support;

use std::sync::atomic::Ordering;

use support::dns::{DnsServer, Zone};
use support::kms_host::KmsHost;
use support::kms_host::cli::{Client, code, json, stderr, stdout};
use support::ports::ClosedPort;

const SRV_NAME: &str = "_vlmcs._tcp.corp.test";

fn ato(client: &Client, dns: &DnsServer) -> std::process::Output {
    client.run(&[
        "ato",
        "--dns-server",
        &dns.addr().to_string(),
        "--timeout",
        "5s",
        "--json",
    ])
}

#[test]
fn second_run_goes_straight_to_the_cached_host() {
    let host = KmsHost::start(30).expect("host");
    let zone = Zone::single_kms("corp.test", [127, 0, 0, 1].into(), host.addr().port());
    let dns = DnsServer::start(&[zone]).expect("dns");
    let client = Client::with_pro();
    assert_eq!(code(&client.run(&["skms-domain", "corp.test"])), 0);

    let out = ato(&client, &dns);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert_eq!(dns.count(SRV_NAME, "SRV"), 1);
    let doc = json(&out);
    assert_eq!(doc["host"]["source"]["kind"], "dns");
    assert_eq!(doc["host"]["source"]["domain"], "corp.test");
    let cached = client.product()["cached_host"].clone();
    assert_eq!(cached["host"], "kms.corp.test");
    assert_eq!(cached["port"].as_u64(), Some(u64::from(host.addr().port())));

    dns.clear_log();
    let out = ato(&client, &dns);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json(&out)["host"]["source"]["kind"], "cached");
    assert_eq!(
        dns.count(SRV_NAME, "SRV"),
        0,
        "no SRV query: {:?}",
        dns.query_names()
    );
    assert_eq!(host.requests(), 2);
}

#[test]
fn a_dead_cached_host_is_replaced_by_discovery() {
    let old = KmsHost::start(30).expect("old host");
    let new = KmsHost::start(30).expect("new host");
    let zone = Zone::new("corp.test")
        .srv("_vlmcs._tcp", 0, 0, new.addr().port(), "kms2")
        .a("kms2", [127, 0, 0, 1]);
    let dns = DnsServer::start(&[zone]).expect("dns");
    let client = Client::with_pro();
    assert_eq!(code(&client.run(&["skms-domain", "corp.test"])), 0);
    // Cache the old host by activating against it once through its own zone entry.
    let mut state = client.state();
    state["products"][0]["cached_host"] =
        serde_json::json!({"host": "127.0.0.1", "port": old.addr().port()});
    std::fs::write(
        client.state_file(),
        serde_json::to_vec_pretty(&state).unwrap(),
    )
    .unwrap();
    // The old host now refuses every request.
    old.knobs.host_error.store(0xC004_F042, Ordering::SeqCst);

    let out = ato(&client, &dns);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["host"]["name"], "kms2.corp.test");
    assert_eq!(doc["failures"][0]["error"], "the host answered 0xC004F042");
    assert_eq!(client.product()["cached_host"]["host"], "kms2.corp.test");
    assert_eq!(old.requests(), 1);
    assert_eq!(new.requests(), 1);
}

#[test]
fn a_cached_host_that_is_down_is_replaced_by_discovery() {
    let dead = ClosedPort::new().expect("a closed port");
    let new = KmsHost::start(30).expect("new host");
    let zone = Zone::single_kms("corp.test", [127, 0, 0, 1].into(), new.addr().port());
    let dns = DnsServer::start(&[zone]).expect("dns");
    let client = Client::with_pro();
    assert_eq!(code(&client.run(&["skms-domain", "corp.test"])), 0);
    let mut state = client.state();
    state["products"][0]["cached_host"] =
        serde_json::json!({"host": "127.0.0.1", "port": dead.port()});
    std::fs::write(
        client.state_file(),
        serde_json::to_vec_pretty(&state).unwrap(),
    )
    .unwrap();
    let out = ato(&client, &dns);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert_eq!(json(&out)["host"]["source"]["kind"], "dns");
    assert_eq!(dns.count(SRV_NAME, "SRV"), 1);
    assert_eq!(client.product()["cached_host"]["host"], "kms.corp.test");
}

#[test]
fn a_refusing_host_is_followed_by_a_working_one() {
    let refusing = KmsHost::start(30).expect("refusing");
    refusing
        .knobs
        .host_error
        .store(0xC004_F042, Ordering::SeqCst);
    let working = KmsHost::start(30).expect("working");
    let zone = Zone::new("corp.test")
        .srv("_vlmcs._tcp", 0, 0, refusing.addr().port(), "a")
        .srv("_vlmcs._tcp", 5, 0, working.addr().port(), "b")
        .a("a", [127, 0, 0, 1])
        .a("b", [127, 0, 0, 1]);
    let dns = DnsServer::start(&[zone]).expect("dns");
    let client = Client::with_pro();
    assert_eq!(code(&client.run(&["skms-domain", "corp.test"])), 0);
    let out = ato(&client, &dns);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert_eq!(json(&out)["host"]["name"], "b.corp.test");
    assert_eq!((refusing.requests(), working.requests()), (1, 1));
}

#[test]
fn the_most_specific_error_wins_when_all_fail() {
    let dead = ClosedPort::new().expect("a closed port");
    let refusing = KmsHost::start(30).expect("refusing");
    refusing
        .knobs
        .host_error
        .store(0xC004_F06C, Ordering::SeqCst);
    let zone = Zone::new("corp.test")
        .srv("_vlmcs._tcp", 0, 0, dead.port(), "dead")
        .srv("_vlmcs._tcp", 5, 0, refusing.addr().port(), "refusing")
        .a("dead", [127, 0, 0, 1])
        .a("refusing", [127, 0, 0, 1]);
    let dns = DnsServer::start(&[zone]).expect("dns");
    let client = Client::with_pro();
    assert_eq!(code(&client.run(&["skms-domain", "corp.test"])), 0);
    let out = ato(&client, &dns);
    assert_eq!(code(&out), 1);
    let doc = json(&out);
    assert_eq!(doc["hresult"], "0xC004F06C", "{doc}");
    assert_eq!(doc["failures"].as_array().map(Vec::len), Some(2));
}

#[test]
fn no_srv_records_is_exit_3_with_the_dns_error() {
    let dns = DnsServer::start(&[Zone::new("corp.test")]).expect("dns");
    let client = Client::with_pro();
    assert_eq!(code(&client.run(&["skms-domain", "corp.test"])), 0);
    let out = ato(&client, &dns);
    assert_eq!(code(&out), 3);
    let doc = json(&out);
    assert_eq!(doc["hresult"], "0x8007232B", "{doc}");
    assert!(doc["message"].as_str().unwrap().contains(SRV_NAME), "{doc}");
}

#[test]
fn skms_means_no_dns_query_at_all() {
    let host = KmsHost::start(30).expect("host");
    let zone = Zone::single_kms("corp.test", [127, 0, 0, 1].into(), host.addr().port());
    let dns = DnsServer::start(&[zone]).expect("dns");
    let client = Client::with_pro();
    assert_eq!(code(&client.run(&["skms-domain", "corp.test"])), 0);
    assert_eq!(code(&client.run(&["skms", &host.address_arg()])), 0);
    let out = ato(&client, &dns);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json(&out)["host"]["source"]["kind"], "configured");
    assert!(dns.queries().is_empty(), "{:?}", dns.query_names());
    // A configured host is a setting, not a discovery: nothing is cached.
    assert!(client.product()["cached_host"].is_null());
}

#[test]
fn caching_off_always_discovers() {
    let host = KmsHost::start(30).expect("host");
    let zone = Zone::single_kms("corp.test", [127, 0, 0, 1].into(), host.addr().port());
    let dns = DnsServer::start(&[zone]).expect("dns");
    let client = Client::with_pro();
    assert_eq!(code(&client.run(&["skms-domain", "corp.test"])), 0);
    assert_eq!(code(&client.run(&["ckhc"])), 0);
    for _ in 0..2 {
        assert_eq!(code(&ato(&client, &dns)), 0);
    }
    assert_eq!(dns.count(SRV_NAME, "SRV"), 2);
    assert!(client.product()["cached_host"].is_null());
}

#[test]
fn a_silent_name_server_still_ends_within_the_deadline() {
    let dns = support::dns::SilentDnsServer::start().expect("silent dns");
    let client = Client::with_pro();
    assert_eq!(code(&client.run(&["skms-domain", "corp.test"])), 0);
    let started = std::time::Instant::now();
    let out = client.run(&[
        "ato",
        "--dns-server",
        &dns.addr().expect("addr").to_string(),
        "--timeout",
        "2s",
        "--json",
    ]);
    // The name server never answers; --timeout 2s ends it (slack for a loaded machine).
    assert!(started.elapsed() < std::time::Duration::from_secs(15));
    assert_eq!(code(&out), 3, "{}", stdout(&out));
    assert_eq!(client.product()["last_result"]["outcome"], "unreachable");
}

#[test]
fn every_address_of_a_target_is_a_candidate() {
    // kms.corp.test has an AAAA (::1, where nothing listens on the port) and an A
    // (127.0.0.1, the live host): IPv6 is tried first, refused, then IPv4 answers.
    let host = KmsHost::start(30).expect("host");
    let zone = Zone::new("corp.test")
        .srv("_vlmcs._tcp", 0, 0, host.addr().port(), "kms")
        .aaaa("kms", std::net::Ipv6Addr::LOCALHOST)
        .a("kms", [127, 0, 0, 1]);
    let dns = DnsServer::start(&[zone]).expect("dns");
    let client = Client::with_pro();
    assert_eq!(code(&client.run(&["skms-domain", "corp.test"])), 0);
    let out = client.run(&[
        "-v",
        "ato",
        "--dns-server",
        &dns.addr().to_string(),
        "--timeout",
        "5s",
        "--json",
    ]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["host"]["ip"], "127.0.0.1");
    let failures = doc["failures"].as_array().cloned().unwrap_or_default();
    assert_eq!(failures.len(), 1, "{doc}\n{}", stderr(&out));
    assert!(
        failures[0]["host"]["ip"].as_str().unwrap().contains("::1"),
        "{doc}"
    );
}

/// `--srv-order random` ignores priority (as Vista did): over 24 runs the priority-10
/// host answers at least once; RFC 2782 order never lets it (p = 2^-24 of a false failure).
#[test]
fn srv_order_random_ignores_priority() {
    let first = KmsHost::start(30).expect("host");
    let second = KmsHost::start(30).expect("host");
    let zone = Zone::new("corp.test")
        .srv("_vlmcs._tcp", 0, 0, first.addr().port(), "kms1")
        .srv("_vlmcs._tcp", 10, 0, second.addr().port(), "kms2")
        .a("kms1", [127, 0, 0, 1])
        .a("kms2", [127, 0, 0, 1]);
    let dns = DnsServer::start(&[zone]).expect("dns");
    let client = Client::with_pro();
    assert_eq!(code(&client.run(&["skms-domain", "corp.test"])), 0);
    assert_eq!(
        code(&client.run(&["ckhc"])),
        0,
        "no cache: every run discovers"
    );
    let dns_arg = dns.addr().to_string();
    for _ in 0..8 {
        let out = client.run(&["ato", "--dns-server", &dns_arg, "--timeout", "5s"]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    assert_eq!(second.requests(), 0, "RFC 2782: priority 0 always first");
    for _ in 0..24 {
        let out = client.run(&[
            "ato",
            "--dns-server",
            &dns_arg,
            "--timeout",
            "5s",
            "--srv-order",
            "random",
        ]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    assert!(
        second.requests() > 0,
        "random order never picked the priority-10 host"
    );
    assert!(
        first.requests() > 8,
        "random order never picked the priority-0 host"
    );
}

/// A host cached from a domain that is no longer searched is not used: after
/// `skms-domain corp.test`, `ato` goes to corp.test's host, not to the host cached from
/// low.test; the error of the count too low names the host that answered, and `discover`
/// shows the cached host and whether it would be tried first (issue 24, item 3).
#[test]
fn a_host_cached_from_a_domain_no_longer_searched_is_not_used() {
    let low = KmsHost::start(1).expect("low host");
    let corp = KmsHost::start(30).expect("corp host");
    let dns = DnsServer::start(&[
        Zone::single_kms("low.test", [127, 0, 0, 1].into(), low.addr().port()),
        Zone::single_kms("corp.test", [127, 0, 0, 1].into(), corp.addr().port()),
    ])
    .expect("dns");
    let server = dns.addr().to_string();
    let client = Client::with_pro();
    let run = |args: &[&str]| {
        let mut all = vec!["--dns-server", server.as_str(), "--timeout", "5s"];
        all.extend_from_slice(args);
        client.run(&all)
    };
    assert_eq!(code(&run(&["skms-domain", "low.test"])), 0);
    let out = run(&["ato"]);
    assert_eq!(code(&out), 1, "{}{}", stdout(&out), stderr(&out));
    let low_name = format!("kms.low.test:{} (127.0.0.1)", low.addr().port());
    assert!(
        stdout(&out).contains(&format!(
            "(count 1 of 25 needed; answered by {low_name}, found in low.test)"
        )),
        "{}",
        stdout(&out)
    );
    let cached = client.product()["cached_host"].clone();
    assert_eq!(cached["host"], "kms.low.test");
    assert_eq!(cached["domain"], "low.test");

    // Still low.test: the cached host goes first, and says where it was found.
    let doc = json(&run(&["discover", "--json"]));
    assert_eq!(doc["cached_hosts"][0]["tried_first"], true, "{doc}");
    assert_eq!(doc["cached_hosts"][0]["found_in"], "low.test");
    assert_eq!(doc["cached_hosts"][0]["host"]["name"], "kms.low.test");
    let out = run(&["ato"]);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains(&format!(
            "answered by {low_name}, the cached host, found in low.test)"
        )),
        "{}",
        stdout(&out)
    );
    assert_eq!(low.requests(), 2);

    assert_eq!(code(&run(&["skms-domain", "corp.test"])), 0);
    let text = stdout(&run(&["discover"]));
    assert!(
        text.contains(&format!(
            "Cached host of Windows 10/11 Pro: kms.low.test:{}, found in low.test; not used: \
             it was found in low.test, which is not searched now",
            low.addr().port()
        )),
        "{text}"
    );
    let doc = json(&run(&["discover", "--json"]));
    assert_eq!(doc["cached_hosts"][0]["tried_first"], false, "{doc}");
    assert!(doc["cached_hosts"][0]["not_used_because"].is_string());

    let out = run(&["ato", "--json", "-v"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(
        stderr(&out).contains("not trying the cached host kms.low.test"),
        "{}",
        stderr(&out)
    );
    let doc = json(&out);
    assert_eq!(doc["host"]["name"], "kms.corp.test");
    assert_eq!(doc["host"]["source"]["domain"], "corp.test");
    assert_eq!(
        low.requests(),
        2,
        "the old domain's host was not asked again"
    );
    assert_eq!(corp.requests(), 1);
    let cached = client.product()["cached_host"].clone();
    assert_eq!(cached["host"], "kms.corp.test");
    assert_eq!(cached["domain"], "corp.test");
    let doc = json(&run(&["discover", "--json"]));
    assert_eq!(doc["cached_hosts"][0]["tried_first"], true, "{doc}");
}
