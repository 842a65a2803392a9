//! Hostile DNS on the real binary: 1,000 SRV records, CNAME loops, targets that do not
//! resolve, a name server that never answers. Clear errors, within the deadline.

mod support;

use std::process::Output;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use support::dns::{DnsServer, SilentDnsServer, Zone};
use support::kms_host::KmsHost;

const PRO_GVLK: &str = "W269N-WFGWX-YVC9B-4J6C9-T83GX";

fn run(state: &std::path::Path, dns: &str, args: &[&str]) -> (Output, Duration) {
    run_within(state, dns, "8s", args)
}

fn run_within(
    state: &std::path::Path,
    dns: &str,
    timeout: &str,
    args: &[&str],
) -> (Output, Duration) {
    let started = Instant::now();
    let out = Command::cargo_bin("vlmgr")
        .expect("binary")
        .env("VLMGR_STATE_DIR", state)
        .env("VLMGR_RESOLV_CONF", "/nonexistent")
        .args(["--dns-server", dns, "--timeout", timeout])
        .args(args)
        .output()
        .expect("runs");
    (out, started.elapsed())
}

/// Installs Windows 10/11 Pro and makes `domain` the KMS domain, as an admin would
/// before `ato`.
fn install_pro_for_domain(state: &std::path::Path, dns: &str, domain: &str) {
    let (out, _) = run(state, dns, &["ipk", PRO_GVLK]);
    assert!(out.status.success(), "ipk: {}", text(&out.stderr));
    let (out, _) = run(state, dns, &["skms-domain", domain]);
    assert!(out.status.success(), "skms-domain: {}", text(&out.stderr));
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// 1,000 records (the answer needs TCP); the one live host, at the lowest priority value,
/// is found and activates.
#[test]
fn a_thousand_srv_records() {
    let live = KmsHost::start(50).expect("host");
    let mut zone = Zone::new("big.test")
        .srv("_vlmcs._tcp", 0, 0, live.addr().port(), "live")
        .a("live", [127, 0, 0, 1]);
    for index in 0..999u16 {
        zone = zone.srv(
            "_vlmcs._tcp",
            1 + index % 50,
            index % 7,
            1,
            &format!("dead-{index:03}"),
        );
    }
    let dns = DnsServer::start(&[zone]).expect("dns");
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    let dns = dns.addr().to_string();
    install_pro_for_domain(d, &dns, "big.test");
    // `discover` looks up the addresses of all 1,000 targets. Under Wine, whose sockets go
    // through its server process, that takes tens of seconds instead of a fraction of one.
    let timeout = if cfg!(windows) { "120s" } else { "8s" };
    let (out, _) = run_within(d, &dns, timeout, &["ato"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let (out, _) = run_within(d, &dns, timeout, &["discover", "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        doc["ordered"].as_array().map(Vec::len),
        Some(1000),
        "{}",
        doc["error"]
    );
    assert_eq!(doc["ordered"][0]["target"], "live.big.test");
}

/// Targets whose names loop through CNAMEs, or do not exist: each is reported, none hangs,
/// and activation moves on to the live target.
#[test]
fn cname_loops_and_unresolvable_targets() {
    let live = KmsHost::start(50).expect("host");
    let zone = Zone::new("loop.test")
        .srv("_vlmcs._tcp", 0, 0, 1688, "a")
        .srv("_vlmcs._tcp", 1, 0, 1688, "missing")
        .srv("_vlmcs._tcp", 2, 0, live.addr().port(), "live")
        .cname("a", "b")
        .cname("b", "a")
        .a("live", [127, 0, 0, 1]);
    let dns = DnsServer::start(&[zone]).expect("dns");
    let dns = dns.addr().to_string();
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    let (out, elapsed) = run(d, &dns, &["discover", "loop.test"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("1. a.loop.test:1688  no address"),
        "{stdout}"
    );
    assert!(
        stdout.contains("2. missing.loop.test:1688  no address"),
        "{stdout}"
    );
    assert!(elapsed < Duration::from_secs(15), "{elapsed:?}");

    install_pro_for_domain(d, &dns, "loop.test");
    let (out, _) = run(d, &dns, &["ato", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["host"]["name"], "live.loop.test");
}

/// A name server that never answers: `ato`, `discover` and `check` end within
/// `--timeout` with a DNS error, and the state stays valid.
#[test]
fn a_name_server_that_never_answers() {
    let silent = SilentDnsServer::start().expect("silent dns");
    let dns = silent.addr().expect("addr").to_string();
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    install_pro_for_domain(d, &dns, "corp.test");
    for args in [&["ato"][..], &["discover"], &["check", "corp.test"]] {
        let started = Instant::now();
        let out = Command::cargo_bin("vlmgr")
            .expect("binary")
            .env("VLMGR_STATE_DIR", d)
            .args(["--dns-server", &dns, "--timeout", "3s"])
            .args(args)
            .output()
            .expect("runs");
        let elapsed = started.elapsed();
        // --timeout bounds the work; generous slack for process start on a busy machine.
        assert!(
            elapsed < Duration::from_secs(15),
            "{args:?} took {elapsed:?}"
        );
        assert_eq!(
            out.status.code(),
            Some(3),
            "{args:?}: {}{}",
            text(&out.stdout),
            text(&out.stderr)
        );
        let all = text(&out.stdout) + &text(&out.stderr);
        assert!(
            all.contains("0x8007232A") || all.contains("0xC004F074"),
            "{args:?}: {all}"
        );
    }
    let state = std::fs::read(d.join("state.json")).expect("state");
    let _: serde_json::Value = serde_json::from_slice(&state).expect("state parses");
}

/// Zero TTLs and the largest TTLs (2^31 - 1, the RFC 2181 cap, and 2^32 - 1, which
/// RFC 2181 says to read as 0): discovery and activation work the same, and no TTL
/// reaches the state (the cached host is kept until a failure, as Windows does).
#[test]
fn zero_and_huge_ttls() {
    for ttl in [0u32, 0x7FFF_FFFF, 0xFFFF_FFFF] {
        let live = KmsHost::start(50).expect("host");
        let zone = Zone::new("ttl.test")
            .srv("_vlmcs._tcp", 0, 0, live.addr().port(), "kms")
            .ttl(ttl)
            .a("kms", [127, 0, 0, 1])
            .ttl(ttl);
        let dns = DnsServer::start(&[zone]).expect("dns");
        let dns = dns.addr().to_string();
        let dir = tempfile::tempdir().expect("dir");
        let d = dir.path();
        let (out, elapsed) = run(d, &dns, &["discover", "ttl.test", "--json"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "TTL {ttl}: {}",
            text(&out.stdout)
        );
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        assert_eq!(doc["targets"][0]["addresses"][0], "127.0.0.1", "TTL {ttl}");
        assert!(elapsed < Duration::from_secs(15), "TTL {ttl}: {elapsed:?}");

        install_pro_for_domain(d, &dns, "ttl.test");
        for _ in 0..2 {
            let (out, _) = run(d, &dns, &["ato", "--json"]);
            assert_eq!(
                out.status.code(),
                Some(0),
                "TTL {ttl}: {}",
                text(&out.stdout)
            );
        }
        assert_eq!(live.requests(), 2, "TTL {ttl}");
        let state: serde_json::Value =
            serde_json::from_slice(&std::fs::read(d.join("state.json")).expect("state"))
                .expect("state is JSON");
        let cached = &state["products"][0]["cached_host"];
        assert_eq!(cached["host"], "kms.ttl.test", "TTL {ttl}: {state}");
        // No field named after a TTL anywhere in the state.
        assert!(!state.to_string().contains("ttl\":"), "TTL {ttl}: {state}");
    }
}

/// A UDP name server that answers every query with `rcode` and no records.
fn answering_with(rcode: hickory_server::proto::op::ResponseCode) -> std::net::SocketAddr {
    use hickory_server::proto::op::{Message, MessageType};
    let socket = std::net::UdpSocket::bind("127.0.0.1:0").expect("bind");
    let addr = socket.local_addr().expect("addr");
    std::thread::spawn(move || {
        let mut buffer = [0u8; 2048];
        // Ends with the test process; answers are tiny and bounded.
        while let Ok((len, peer)) = socket.recv_from(&mut buffer) {
            let Ok(query) = Message::from_vec(&buffer[..len]) else {
                continue;
            };
            let mut answer = Message::new();
            answer
                .set_id(query.id())
                .set_message_type(MessageType::Response)
                .set_recursion_desired(query.recursion_desired())
                .set_response_code(rcode)
                .add_queries(query.queries().to_vec());
            if let Ok(bytes) = answer.to_vec() {
                let _ = socket.send_to(&bytes, peer);
            }
        }
    });
    addr
}

/// SERVFAIL: a server failure (0x8007232A) naming the server's answer, at once, for
/// `discover` and `ato`; the state stays valid.
#[test]
fn servfail_is_a_server_failure() {
    let dns = answering_with(hickory_server::proto::op::ResponseCode::ServFail).to_string();
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    let (out, elapsed) = run(d, &dns, &["discover", "corp.test", "--json"]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stdout));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["error"]["hresult"], "0x8007232A", "{doc}");
    assert_eq!(
        doc["tried"][0]["result"]["reason"], "server answered Server Failure",
        "{doc}"
    );
    assert!(elapsed < Duration::from_secs(15), "{elapsed:?}");

    install_pro_for_domain(d, &dns, "corp.test");
    let (out, elapsed) = run(d, &dns, &["ato", "--json"]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stdout));
    assert!(
        text(&out.stdout).contains("0x8007232A"),
        "{}",
        text(&out.stdout)
    );
    assert!(elapsed < Duration::from_secs(15), "{elapsed:?}");
    let state = std::fs::read(d.join("state.json")).expect("state");
    serde_json::from_slice::<serde_json::Value>(&state).expect("state is valid JSON");
}
