//! Hostile DNS on the real binary: 1,000 SRV records, CNAME loops, targets that do not
//! resolve, a name server that never answers, loses a query, answers late or sends
//! malformed answers. Clear errors, within the deadline.

mod support;

use std::process::Output;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use support::dns::{DnsServer, SilentDnsServer, Zone};
use support::kms_host::KmsHost;
use support::kms_host::cli::{Client, code, json, stderr, stdout};
use support::scripted_dns::{Action, ScriptedDns, malformed, srv_answer};
use support::wine::StartRetrying;
use vlmgr::locator::{FIRST_RETRANSMISSION, MAX_SEARCH_DOMAINS};

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
        .env("VLMGR_STANDALONE", "1")
        .env("VLMGR_RESOLV_CONF", "/nonexistent")
        .args(["--dns-server", dns, "--timeout", timeout])
        .args(args)
        .output_retrying()
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
            .env("VLMGR_STANDALONE", "1")
            .args(["--dns-server", &dns, "--timeout", "3s"])
            .args(args)
            .output_retrying()
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
        assert_eq!(
            doc["targets"][0]["host"]["addresses"][0], "127.0.0.1",
            "TTL {ttl}"
        );
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

/// A zone publishing the test host `kms.corp.test` at `host`.
fn zone_for(host: &KmsHost) -> Zone {
    Zone::single_kms("corp.test", [127, 0, 0, 1].into(), host.addr().port())
}

/// `ato` with `corp.test` as the KMS domain, asking `dns`, within `timeout`.
fn ato_through(client: &Client, dns: &ScriptedDns, timeout: &str) -> (Output, Duration) {
    assert_eq!(code(&client.run(&["skms-domain", "corp.test"])), 0);
    let started = Instant::now();
    let out = client
        .command()
        .env("VLMGR_RESOLV_CONF", "/nonexistent")
        .args([
            "--dns-server",
            &dns.addr().to_string(),
            "--timeout",
            timeout,
        ])
        .args(["ato", "--json"])
        .output_retrying()
        .expect("runs");
    (out, started.elapsed())
}

/// A name server that loses the first query: the query is sent again (after a second)
/// and activation succeeds, well within `--timeout 30s`.
#[test]
fn a_lost_query_is_sent_again() {
    let host = KmsHost::start(50).expect("host");
    let dns = ScriptedDns::start(&[zone_for(&host)], |query| match query.index {
        0 => Action::Drop,
        _ => Action::Answer {
            delay: Duration::ZERO,
        },
    })
    .expect("dns");
    let client = Client::with_pro();
    let (out, elapsed) = ato_through(&client, &dns, "30s");
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert_eq!(json(&out)["host"]["name"], "kms.corp.test");
    // Sent again (a third time only if the answer to the second took over 2 s).
    assert!(dns.count("_vlmcs._tcp.corp.test", "SRV") >= 2);
    assert!(elapsed >= FIRST_RETRANSMISSION, "{elapsed:?}");
}

/// Late answers are taken while the run has time: every answer 2.2 s late with
/// `--timeout 30s` (the answer to the first transmission arrives after the second went
/// out), and an SRV answer 1.9 s late with `--timeout 3s`.
#[test]
fn late_answers_within_the_timeout_are_taken() {
    let host = KmsHost::start(50).expect("host");
    let late = ScriptedDns::start(&[zone_for(&host)], |_| Action::Answer {
        delay: Duration::from_millis(2200),
    })
    .expect("dns");
    let client = Client::with_pro();
    let (out, elapsed) = ato_through(&client, &late, "30s");
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(elapsed >= Duration::from_millis(2200), "{elapsed:?}");

    let srv_late = ScriptedDns::start(&[zone_for(&host)], |query| Action::Answer {
        delay: if query.record_type == "SRV" {
            Duration::from_millis(1900)
        } else {
            Duration::ZERO
        },
    })
    .expect("dns");
    let client = Client::with_pro();
    let (out, _) = ato_through(&client, &srv_late, "3s");
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
}

/// A resolv.conf without domains whose options give each server 2 s (1 s, 2 tries).
fn quick_resolv_conf() -> tempfile::NamedTempFile {
    let file = tempfile::NamedTempFile::new().expect("file");
    std::fs::write(file.path(), "options timeout:1 attempts:2\n").expect("write");
    file
}

/// `discover corp.test --json` against `dns` with [`quick_resolv_conf`].
fn discover_through(dns: &ScriptedDns, resolv_conf: &std::path::Path) -> (Output, Duration) {
    let dir = tempfile::tempdir().expect("dir");
    let started = Instant::now();
    let out = Command::cargo_bin("vlmgr")
        .expect("binary")
        .env("VLMGR_STATE_DIR", dir.path())
        // vlmgr's own locator only: on Windows the default backend's `discover` also opens
        // WMI, which under Wine can leave a desktop process holding this test's output
        // pipes open (docs/platforms.md, "Windows under Wine").
        .env("VLMGR_STANDALONE", "1")
        .env("VLMGR_RESOLV_CONF", resolv_conf)
        .args(["--dns-server", &dns.addr().to_string(), "--timeout", "20s"])
        .args(["discover", "corp.test", "--json"])
        .output_retrying()
        .expect("runs");
    (out, started.elapsed())
}

/// Answers that are not valid answers to the query: each case is reported as malformed,
/// naming what was wrong (0x8007251E, exit 3), when the server's time (2 s here) is up,
/// not as a timeout. Every datagram the server sends is broken.
#[test]
fn malformed_srv_answers_are_reported_as_malformed() {
    type Build = fn(&[u8]) -> Vec<u8>;
    let cases: [(&str, Build, &str); 5] = [
        ("compression loop", malformed::compression_loop, "label"),
        ("over-long name", malformed::overlong_name, "name"),
        ("3-byte A record", malformed::three_byte_a, "octets"),
        ("wrong ID", malformed::wrong_id, "its ID is"),
        (
            "wrong question",
            malformed::wrong_question,
            "another question",
        ),
    ];
    let resolv_conf = quick_resolv_conf();
    std::thread::scope(|scope| {
        for (case, build, said) in cases {
            let resolv_conf = resolv_conf.path();
            scope.spawn(move || {
                let zone = Zone::single_kms("corp.test", [127, 0, 0, 1].into(), 1688);
                let dns =
                    ScriptedDns::start(&[zone], move |query| Action::Send(build(&query.bytes)))
                        .expect("dns");
                let (out, elapsed) = discover_through(&dns, resolv_conf);
                assert_eq!(code(&out), 3, "{case}: {}{}", stdout(&out), stderr(&out));
                let doc = json(&out);
                assert_eq!(doc["error"]["hresult"], "0x8007251E", "{case}: {doc}");
                let result = &doc["tried"][0]["result"];
                assert_eq!(result["outcome"], "malformed", "{case}: {doc}");
                let reason = result["reason"].as_str().unwrap_or_default();
                assert!(
                    reason.starts_with("malformed answer from"),
                    "{case}: {reason}"
                );
                assert!(reason.contains(said), "{case}: {reason}");
                // The server's 2 s, with slack for a loaded machine; far from --timeout 20s.
                assert!(elapsed < Duration::from_secs(12), "{case}: {elapsed:?}");
            });
        }
    });
}

/// A target whose A answer is broken (a 3-byte address): `discover` says so for the
/// target, and `ato`, with nothing else to try, fails with 0x8007251E.
#[test]
fn a_malformed_address_answer_is_reported_as_malformed() {
    // The target in another zone, so the SRV answer carries no address for it.
    let zones = [
        Zone::new("corp.test").srv("_vlmcs._tcp", 0, 0, 1688, "kms.hosts.test."),
        Zone::new("hosts.test").a("kms", [127, 0, 0, 1]),
    ];
    let dns = ScriptedDns::start(&zones, |query| match query.record_type.as_str() {
        "A" => Action::Send(malformed::three_byte_a(&query.bytes)),
        _ => Action::Answer {
            delay: Duration::ZERO,
        },
    })
    .expect("dns");
    let resolv_conf = quick_resolv_conf();
    let (out, _) = discover_through(&dns, resolv_conf.path());
    let doc = json(&out);
    let target = &doc["targets"][0];
    assert_eq!(target["error"]["hresult"], "0x8007251E", "{doc}");
    let message = target["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("malformed"), "{message}");

    let client = Client::with_pro();
    assert_eq!(code(&client.run(&["skms-domain", "corp.test"])), 0);
    let out = client
        .command()
        .env("VLMGR_RESOLV_CONF", resolv_conf.path())
        .args(["--dns-server", &dns.addr().to_string(), "--timeout", "20s"])
        .args(["ato", "--json"])
        .output_retrying()
        .expect("runs");
    assert_eq!(code(&out), 3, "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("0x8007251E"), "{}", stdout(&out));
}

/// A resolv.conf whose `search` line names `count` domains (10 octets each, as DHCP
/// option 119 or a VPN might hand out).
fn long_search_list(count: usize) -> tempfile::NamedTempFile {
    let names: Vec<String> = (0..count).map(|i| format!("d{i:05}.test")).collect();
    let file = tempfile::NamedTempFile::new().expect("file");
    std::fs::write(file.path(), format!("search {}\n", names.join(" "))).expect("write");
    file
}

/// 3,000 search domains and a name server that never answers: `ato` ends within
/// `--timeout` with the name server's failure, having asked only the first
/// `MAX_SEARCH_DOMAINS`, and `discover` says how many more were not searched.
#[test]
fn a_search_list_of_thousands_ends_within_the_timeout() {
    let silent = SilentDnsServer::start().expect("silent dns");
    let dns = silent.addr().expect("addr").to_string();
    let resolv_conf = long_search_list(3000);
    let client = Client::with_pro();
    let run = |args: &[&str]| {
        let started = Instant::now();
        let out = client
            .command()
            .env("VLMGR_RESOLV_CONF", resolv_conf.path())
            .args(["--dns-server", &dns, "--timeout", "5s"])
            .args(args)
            .output_retrying()
            .expect("runs");
        (out, started.elapsed())
    };
    let (out, elapsed) = run(&["ato", "--json"]);
    assert_eq!(code(&out), 3, "{}{}", stdout(&out), stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["hresult"], "0x8007232A", "{doc}");
    let error = doc.to_string();
    assert!(error.contains("_vlmcs._tcp.d00031.test"), "{error}");
    assert!(!error.contains("_vlmcs._tcp.d00032.test"), "{error}");
    assert!(error.contains(&format!("no answer from {dns}")), "{error}");
    // --timeout 5s, with slack for process start on a loaded machine.
    assert!(elapsed < Duration::from_secs(15), "{elapsed:?}");

    let (out, _) = run(&["discover", "--json"]);
    let doc = json(&out);
    assert_eq!(
        doc["domains"].as_array().map(Vec::len),
        Some(MAX_SEARCH_DOMAINS)
    );
    let notes = doc["configuration_notes"].to_string();
    let dropped = format!("{} more search domain(s)", 3000 - MAX_SEARCH_DOMAINS);
    assert!(notes.contains(&dropped), "{notes}");
}

/// Peak RSS (GNU time `%M`, KiB) of `discover` with a search line of `count` domains
/// and a name server that never answers; `discover` must exit with `expected_exit`.
fn discover_peak_rss_kib(count: usize, dns: &str, expected_exit: i32) -> u64 {
    let resolv_conf = long_search_list(count);
    let dir = tempfile::tempdir().expect("dir");
    let report = dir.path().join("time.out");
    let out = std::process::Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&report)
        .arg(assert_cmd::cargo::cargo_bin("vlmgr"))
        .args(["--dns-server", dns, "--timeout", "3s", "discover"])
        .env("VLMGR_STATE_DIR", dir.path())
        .env("VLMGR_RESOLV_CONF", resolv_conf.path())
        .output()
        .expect("GNU time runs");
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(expected_exit), "{count}: {stderr}");
    if expected_exit == 5 {
        assert!(
            stderr.contains("more than 65536 bytes"),
            "{count}: {stderr}"
        );
    }
    let text = std::fs::read_to_string(&report).expect("GNU time's report");
    text.lines()
        .last()
        .and_then(|line| line.trim().parse().ok())
        .unwrap_or_else(|| panic!("no %M in {text:?}"))
}

/// The search list costs no memory beyond its bound: 3,000 and 5,000 domains (33 KB and
/// 55 KB of `search` line) peak within 2 MiB of a single domain. 20,000 domains (220 KB)
/// make a resolver configuration larger than vlmgr reads (64 KiB): refused with exit 5,
/// again without the memory. Before the bounds 3,000 domains peaked at 1.78 GB and
/// 20,000 were killed for want of memory.
#[test]
#[ignore = "needs GNU time (/usr/bin/time); run by .ci/run"]
fn memory_stays_bounded_whatever_the_search_list() {
    let silent = SilentDnsServer::start().expect("silent dns");
    let dns = silent.addr().expect("addr").to_string();
    let baseline = discover_peak_rss_kib(1, &dns, 3);
    for (count, exit) in [(3000, 3), (5000, 3), (20_000, 5)] {
        let peak = discover_peak_rss_kib(count, &dns, exit);
        assert!(
            peak <= baseline + 2 * 1024,
            "{count} domains: peak RSS {peak} KiB against {baseline} KiB with one"
        );
    }
}

/// SRV records whose targets cannot be asked for (ESC, CR and LF in a label): the
/// error says the records exist and why each cannot be used, not that there is no
/// domain to search (0xC004F074: no host could be contacted through them), and
/// `discover` shows them, escaped.
#[test]
fn srv_targets_that_cannot_be_used_are_named_with_the_reason() {
    let zone = Zone::new("corp.test");
    let dns = ScriptedDns::start(&[zone], |query| {
        let targets: [&[&[u8]]; 2] = [
            &[b"kms\x1bx", b"corp", b"test"],
            &[b"kms\r\ny", b"corp", b"test"],
        ];
        Action::Send(srv_answer(&query.bytes, 1688, &targets))
    })
    .expect("dns");
    let dns = dns.addr().to_string();
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    let (out, _) = run(d, &dns, &["discover", "corp.test"]);
    let shown = text(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{shown}");
    assert!(
        !shown.contains('\x1b') && !shown.contains('\r'),
        "{shown:?}"
    );
    for said in ["no usable target", "kms\\033x.corp.test:1688", "ESC", "CR"] {
        assert!(shown.contains(said), "{said}: {shown}");
    }

    install_pro_for_domain(d, &dns, "corp.test");
    let (out, _) = run(d, &dns, &["ato", "--json"]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stdout));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["hresult"], "0xC004F074", "{doc}");
    let message = doc["message"].as_str().unwrap_or_default();
    for said in [
        "SRV records found",
        "label 1 of its name holds ESC",
        "holds CR",
    ] {
        assert!(message.contains(said), "{said}: {message}");
    }
    assert!(!message.contains("domain to search"), "{message}");
    assert!(
        doc["hint"]
            .as_str()
            .unwrap_or_default()
            .contains("SRV records")
    );
}

/// A record with an unusable target beside a usable one: the usable one is used, and
/// `discover` says why the other is skipped.
#[test]
fn an_unusable_target_beside_a_usable_one_is_skipped_and_said() {
    let host = KmsHost::start(50).expect("host");
    let port = host.addr().port();
    let zone = Zone::new("corp.test").a("kms", [127, 0, 0, 1]);
    let dns = ScriptedDns::start(&[zone], move |query| {
        if query.record_type != "SRV" {
            return Action::Answer {
                delay: Duration::ZERO,
            };
        }
        let targets: [&[&[u8]]; 2] = [
            &[b"bad\nname", b"corp", b"test"],
            &[b"kms", b"corp", b"test"],
        ];
        Action::Send(srv_answer(&query.bytes, port, &targets))
    })
    .expect("dns");
    let dns = dns.addr().to_string();
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    let (out, _) = run(d, &dns, &["discover", "corp.test", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["ordered"].as_array().map(Vec::len), Some(1), "{doc}");
    let hints = doc["hints"].to_string();
    assert!(hints.contains("bad\\\\012name.corp.test"), "{hints}");
    assert!(hints.contains("holds LF (0x0A)"), "{hints}");

    install_pro_for_domain(d, &dns, "corp.test");
    let (out, _) = run(d, &dns, &["ato", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}
