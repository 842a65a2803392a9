//! Every way the test host misbehaves ends in a clean error within the deadline, with
//! the state file intact (still valid JSON, the product still installed, not licensed).

mod support;

use std::time::{Duration, Instant};

use support::kms_host::cli::{Client, code, json, stderr, stdout};
use support::kms_host::{KmsHost, Misbehaviour, SynDropper};

/// Runs `ato --json --timeout 3s` against a host misbehaving this way.
fn misbehaving(misbehaviour: Misbehaviour) -> (Client, KmsHost, serde_json::Value, i32) {
    let host = KmsHost::start_with(30, misbehaviour).expect("host");
    let client = Client::with_pro();
    let started = Instant::now();
    let out = client.run(&[
        "ato",
        "--kms",
        &host.address_arg(),
        "--timeout",
        "3s",
        "--json",
    ]);
    let elapsed = started.elapsed();
    assert!(
        elapsed < Duration::from_secs(5),
        "{misbehaviour:?} took {elapsed:?}: {}",
        stderr(&out)
    );
    let exit = code(&out);
    let doc = json(&out);
    // The state file is intact and records the failure.
    let product = client.product();
    assert!(product["licensed_until"].is_null(), "{misbehaviour:?}");
    assert_ne!(product["last_result"]["outcome"], "activated");
    assert_eq!(doc["activated"], false);
    (client, host, doc, exit)
}

#[test]
fn invalid_answers_are_exit_4() {
    for misbehaviour in [
        Misbehaviour::Garbage,
        Misbehaviour::OversizedLength,
        Misbehaviour::WrongCallId,
        Misbehaviour::OtherCmid,
        Misbehaviour::CorruptMessage,
    ] {
        let (client, _host, doc, exit) = misbehaving(misbehaviour);
        assert_eq!(exit, 4, "{misbehaviour:?}: {doc}");
        assert_eq!(doc["outcome"], "invalid_response", "{misbehaviour:?}");
        assert_eq!(
            client.product()["last_result"]["outcome"],
            "invalid_response"
        );
        let error = doc["failures"][0]["error"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let expected = match misbehaviour {
            Misbehaviour::Garbage => "malformed bind_ack",
            Misbehaviour::OversizedLength => "exceeds the limit",
            Misbehaviour::WrongCallId => "call id 3",
            Misbehaviour::OtherCmid => "CMID",
            _ => "invalid KMS response",
        };
        assert!(error.contains(expected), "{misbehaviour:?}: {error}");
    }
}

#[test]
fn refusals_and_broken_connections_are_exit_3() {
    for misbehaviour in [
        Misbehaviour::BindNak,
        Misbehaviour::FaultOnBind,
        Misbehaviour::FaultOnRequest,
        Misbehaviour::CloseAfterBind,
        Misbehaviour::SilentAfterConnect,
        Misbehaviour::SlowDrip,
    ] {
        let (_client, _host, doc, exit) = misbehaving(misbehaviour);
        assert_eq!(exit, 3, "{misbehaviour:?}: {doc}");
        assert_eq!(doc["hresult"], "0xC004F074", "{misbehaviour:?}");
        let error = doc["failures"][0]["error"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let expected = match misbehaviour {
            Misbehaviour::BindNak => "bind_nak",
            Misbehaviour::FaultOnBind | Misbehaviour::FaultOnRequest => "fault 0x1C010003",
            Misbehaviour::CloseAfterBind => "closed the connection",
            _ => "deadline",
        };
        assert!(
            error.contains(expected) || doc["message"].as_str().unwrap_or("").contains(expected),
            "{misbehaviour:?}: {doc}"
        );
    }
}

#[test]
fn text_output_says_what_to_do() {
    let host = KmsHost::start_with(30, Misbehaviour::OtherCmid).expect("host");
    let client = Client::with_pro();
    let out = client.run(&["ato", "--kms", &host.address_arg(), "--timeout", "3s"]);
    assert_eq!(code(&out), 4);
    let text = stdout(&out);
    assert!(text.starts_with("Activating Windows 10/11 Pro"), "{text}");
    assert!(text.contains("Error: 0x8007000D"), "{text}");
    assert!(text.contains("does not echo"), "{text}");
}

#[test]
fn dead_hosts_ahead_of_a_live_one_cost_little() {
    // Silent (accepts, never answers) and SYN-dropping hosts first, then a live one,
    // through DNS SRV priorities.
    use support::dns::{DnsServer, Zone};
    let silent = KmsHost::start_with(30, Misbehaviour::SilentAfterConnect).expect("silent");
    let dropper = SynDropper::start().expect("syn dropper");
    let live = KmsHost::start(30).expect("live");
    let zone = Zone::new("corp.test")
        .srv("_vlmcs._tcp", 0, 0, silent.addr().port(), "silent")
        .srv("_vlmcs._tcp", 1, 0, dropper.addr().port(), "dropper")
        .srv("_vlmcs._tcp", 2, 0, live.addr().port(), "live")
        .a("silent", [127, 0, 0, 1])
        .a("dropper", [127, 0, 0, 1])
        .a("live", [127, 0, 0, 1]);
    let dns = DnsServer::start(&[zone]).expect("dns");
    let client = Client::with_pro();
    assert_eq!(code(&client.run(&["skms-domain", "corp.test"])), 0);
    let dns_arg = dns.addr().to_string();
    let out = client.run(&[
        "ato",
        "--dns-server",
        &dns_arg,
        "--timeout",
        "10s",
        "--json",
    ]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["host"]["name"], "live.corp.test");
    assert_eq!(live.requests(), 1);
    assert_eq!(silent.requests(), 0, "the silent host never gets a request");
    assert_eq!(client.product()["cached_host"]["host"], "live.corp.test");
}

#[test]
fn only_the_first_bound_connection_sends_a_request() {
    // Two live hosts at the same priority: both may bind, exactly one gets the request.
    use support::dns::{DnsServer, Zone};
    let first = KmsHost::start(30).expect("first");
    let second = KmsHost::start(30).expect("second");
    let zone = Zone::new("corp.test")
        .srv("_vlmcs._tcp", 0, 0, first.addr().port(), "one")
        .srv("_vlmcs._tcp", 1, 0, second.addr().port(), "two")
        .a("one", [127, 0, 0, 1])
        .a("two", [127, 0, 0, 1]);
    let dns = DnsServer::start(&[zone]).expect("dns");
    let client = Client::with_pro();
    assert_eq!(code(&client.run(&["skms-domain", "corp.test"])), 0);
    for _ in 0..3 {
        let out = client.run(&[
            "ato",
            "--dns-server",
            &dns.addr().to_string(),
            "--timeout",
            "5s",
        ]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    assert_eq!(first.requests() + second.requests(), 3);
}
