//! The cached host and an `skms` name survive DNS outages, and candidates come in order
//! of need (issues 16 and 17): the addresses a host last answered on are tried at once
//! while its name is resolved again, new addresses join the race when they arrive, and
//! no name is asked twice in a run. Real loopback hosts and the in-process DNS server;
//! the assertions are on order and counts, and on time only where the point is that no
//! DNS timeout was waited for (with a wide margin).

mod support;

use std::time::{Duration, Instant};

use serde_json::json;
use support::dns::{DnsServer, SilentDnsServer, Zone};
use support::kms_host::KmsHost;
use support::kms_host::cli::{Client, code, json, stderr, stdout};

const SRV_NAME: &str = "_vlmcs._tcp.corp.test";

/// The DNS timeout in force below (vlmgr's default, 4 s, under `--timeout 10s`): a run
/// that waited for it takes at least this long.
const DNS_TIMEOUT: Duration = Duration::from_secs(4);

/// Well under [`DNS_TIMEOUT`], and generous for a loaded machine.
const NO_DNS_WAIT: Duration = Duration::from_secs(3);

fn ato(client: &Client, dns: &str) -> (std::process::Output, Duration) {
    let started = Instant::now();
    let out = client.run(&[
        "ato",
        "-v",
        "--dns-server",
        dns,
        "--timeout",
        "10s",
        "--json",
    ]);
    (out, started.elapsed())
}

fn set_cached_host(client: &Client, cached: serde_json::Value) {
    let mut state = client.state();
    state["products"][0]["cached_host"] = cached;
    std::fs::write(
        client.state_file(),
        serde_json::to_vec_pretty(&state).unwrap(),
    )
    .unwrap();
}

/// A client with Pro installed, discovering in corp.test, whose cached host is `cached`.
fn discovering_client(cached: serde_json::Value) -> Client {
    let client = Client::with_pro();
    assert_eq!(code(&client.run(&["skms-domain", "corp.test"])), 0);
    set_cached_host(&client, cached);
    client
}

/// Nothing listens on this loopback address (the test hosts listen on 127.0.0.1 only),
/// so a connection to it is refused at once.
const DEAD_IP: &str = "127.0.0.9";
const OTHER_DEAD_IP: [u8; 4] = [127, 0, 0, 8];

#[test]
fn the_cached_host_answers_while_the_name_server_is_silent() {
    let host = KmsHost::start(30).expect("host");
    let zone = Zone::single_kms("corp.test", [127, 0, 0, 1].into(), host.addr().port());
    let dns = DnsServer::start(&[zone]).expect("dns");
    let client = Client::with_pro();
    assert_eq!(code(&client.run(&["skms-domain", "corp.test"])), 0);
    let (out, _) = ato(&client, &dns.addr().to_string());
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let cached = client.product()["cached_host"].clone();
    assert_eq!(cached["host"], "kms.corp.test");
    assert_eq!(cached["addresses"], json!(["127.0.0.1"]));

    // dlv shows the kept addresses, in text and JSON.
    let dlv = client.run(&["dlv", "--json"]);
    let kms = &json(&dlv)["products"][0]["kms_client"];
    assert_eq!(
        kms["cached_host"]["addresses"],
        json!(["127.0.0.1"]),
        "{kms}"
    );
    let text = stdout(&client.run(&["dlv"]));
    assert!(
        text.contains("Cached KMS host addresses: 127.0.0.1"),
        "{text}"
    );

    // The name server goes silent; the cached host is still up.
    let silent = SilentDnsServer::start().expect("silent dns");
    let (out, elapsed) = ato(&client, &silent.addr().expect("addr").to_string());
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["host"]["source"]["kind"], "cached", "{doc}");
    assert_eq!(doc["host"]["address_origin"], "known", "{doc}");
    assert_eq!(doc["host"]["ip"], "127.0.0.1", "{doc}");
    assert!(
        stderr(&out).contains("cached host, address kept from the last activation"),
        "{}",
        stderr(&out)
    );
    assert!(
        elapsed < NO_DNS_WAIT,
        "the run waited for DNS: {elapsed:?} (DNS timeout {DNS_TIMEOUT:?})"
    );
    assert_eq!(host.requests(), 2);
    // DNS did not answer: the kept addresses stay as they were.
    assert_eq!(
        client.product()["cached_host"]["addresses"],
        json!(["127.0.0.1"])
    );
}

#[test]
fn new_addresses_join_the_race_and_stale_ones_are_dropped() {
    // The cached host moved: its kept address is dead, DNS gives the new one.
    let host = KmsHost::start(30).expect("host");
    let port = host.addr().port();
    let zone = Zone::single_kms("corp.test", [127, 0, 0, 1].into(), port);
    let dns = DnsServer::start(&[zone]).expect("dns");
    let client = discovering_client(json!({
        "host": "kms.corp.test", "port": port, "addresses": [DEAD_IP]
    }));

    let (out, _) = ato(&client, &dns.addr().to_string());
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["host"]["source"]["kind"], "cached", "{doc}");
    assert_eq!(doc["host"]["address_origin"], "lookup", "{doc}");
    let failures = doc["failures"].as_array().expect("failures");
    assert_eq!(failures.len(), 1, "{doc}");
    assert!(
        failures[0]["host"]["ip"]
            .as_str()
            .unwrap_or("")
            .contains(DEAD_IP),
        "{doc}"
    );
    // The cached host worked: no SRV query; its name asked once per family.
    assert_eq!(dns.count(SRV_NAME, "SRV"), 0, "{:?}", dns.query_names());
    assert_eq!(dns.count("kms.corp.test", "A"), 1);
    assert_eq!(dns.count("kms.corp.test", "AAAA"), 1);
    assert_eq!(
        client.product()["cached_host"]["addresses"],
        json!(["127.0.0.1"]),
        "the address DNS no longer gives is dropped"
    );
}

#[test]
fn no_name_is_asked_twice_and_no_address_tried_twice() {
    // The cached host kms.corp.test is dead at its kept address and at the one DNS
    // gives; discovery then finds kms.corp.test again (first) and live.corp.test.
    let host = KmsHost::start(30).expect("host");
    let port = host.addr().port();
    let zone = Zone::new("corp.test")
        .srv("_vlmcs._tcp", 0, 0, port, "kms")
        .srv("_vlmcs._tcp", 1, 0, port, "live")
        .a("kms", OTHER_DEAD_IP)
        .a("live", [127, 0, 0, 1]);
    let dns = DnsServer::start(&[zone]).expect("dns");
    let client = discovering_client(json!({
        "host": "kms.corp.test", "port": port, "addresses": [DEAD_IP]
    }));

    let (out, _) = ato(&client, &dns.addr().to_string());
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["host"]["name"], "live.corp.test", "{doc}");
    assert_eq!(dns.count(SRV_NAME, "SRV"), 1);
    for name in ["kms.corp.test", "live.corp.test"] {
        for family in ["A", "AAAA"] {
            assert_eq!(dns.count(name, family), 1, "{name} {family}");
        }
    }
    let failed: Vec<&str> = doc["failures"]
        .as_array()
        .expect("failures")
        .iter()
        .filter_map(|f| f["host"]["ip"].as_str())
        .collect();
    assert_eq!(failed.len(), 2, "each dead address once: {failed:?}");
    assert!(failed[0].contains(DEAD_IP), "{failed:?}");
    assert!(failed[1].contains("127.0.0.8"), "{failed:?}");
    assert_eq!(host.requests(), 1);
}

#[test]
fn targets_are_raced_in_srv_order_and_each_address_once() {
    // Five targets, priorities 0 to 4, all the same live host and port.
    let host = KmsHost::start(30).expect("host");
    let port = host.addr().port();
    let mut zone = Zone::new("corp.test");
    for index in 0..5u16 {
        let name = format!("t{index}");
        zone = zone
            .srv("_vlmcs._tcp", index, 0, port, &name)
            .a(&name, [127, 0, 0, 1]);
    }
    let dns = DnsServer::start(&[zone]).expect("dns");
    let client = Client::with_pro();
    assert_eq!(code(&client.run(&["skms-domain", "corp.test"])), 0);
    assert_eq!(code(&client.run(&["ckhc"])), 0);

    let (out, _) = ato(&client, &dns.addr().to_string());
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["host"]["name"], "t0.corp.test", "{doc}");
    let log = stderr(&out);
    let connecting: Vec<&str> = log
        .lines()
        .filter(|l| l.contains(": connecting ("))
        .collect();
    assert_eq!(connecting.len(), 1, "one connection to one address: {log}");
    assert!(connecting[0].contains("t0.corp.test"), "{log}");
    assert_eq!(host.received().connections, 1);
    assert_eq!(host.requests(), 1);
    // The later targets are looked up while the first connects (the in-process server
    // sends only some targets' addresses with the SRV answer), each name once.
    for index in 0..5 {
        let name = format!("t{index}.corp.test");
        for family in ["A", "AAAA"] {
            let asked = dns.count(&name, family);
            assert!(asked <= 1, "{name} {family}: {:?}", dns.query_names());
        }
    }
}

#[test]
fn an_skms_name_keeps_its_last_good_addresses_until_it_changes() {
    let host = KmsHost::start(30).expect("host");
    let port = host.addr().port();
    let zone = Zone::new("corp.test").a("kms", [127, 0, 0, 1]);
    let dns = DnsServer::start(&[zone]).expect("dns");
    let client = Client::with_pro();
    let skms = format!("kms.corp.test:{port}");
    assert_eq!(code(&client.run(&["skms", &skms])), 0);

    let (out, _) = ato(&client, &dns.addr().to_string());
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert_eq!(json(&out)["host"]["address_origin"], "lookup");
    assert_eq!(
        client.state()["settings"]["kms_host_addresses"],
        json!(["127.0.0.1"])
    );
    let dlv = client.run(&["dlv", "--json"]);
    let kms = &json(&dlv)["products"][0]["kms_client"];
    assert_eq!(
        kms["registered_kms_host"]["addresses"],
        json!(["127.0.0.1"]),
        "{kms}"
    );

    let silent = SilentDnsServer::start().expect("silent dns");
    let (out, elapsed) = ato(&client, &silent.addr().expect("addr").to_string());
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["host"]["source"]["kind"], "configured", "{doc}");
    assert_eq!(doc["host"]["address_origin"], "known", "{doc}");
    assert!(elapsed < NO_DNS_WAIT, "the run waited for DNS: {elapsed:?}");

    // A new setting starts without kept addresses.
    assert_eq!(code(&client.run(&["skms", "kms2.corp.test"])), 0);
    assert!(
        client.state()["settings"]
            .get("kms_host_addresses")
            .is_none(),
        "{}",
        client.state()
    );
}

#[test]
fn a_dead_cached_host_during_an_outage_ends_as_discovery_does() {
    // Kept address dead, name server silent: the cached stage fails, discovery runs and
    // fails as it does today (a DNS failure), within the deadline.
    let client = discovering_client(json!({
        "host": "kms.corp.test", "port": 1688, "addresses": [DEAD_IP]
    }));
    let silent = SilentDnsServer::start().expect("silent dns");
    let started = Instant::now();
    let out = client.run(&[
        "ato",
        "--dns-server",
        &silent.addr().expect("addr").to_string(),
        "--timeout",
        "2s",
        "--json",
    ]);
    assert!(started.elapsed() < Duration::from_secs(15));
    assert_eq!(code(&out), 3, "{}", stdout(&out));
    let doc = json(&out);
    let failures = doc["failures"].as_array().expect("failures");
    assert_eq!(failures.len(), 1, "{doc}");
    // The kept address stays for the next try.
    assert_eq!(
        client.product()["cached_host"]["addresses"],
        json!([DEAD_IP])
    );
}
