//! Every way the test host misbehaves ends in a clean error within the deadline, with
//! the state file intact (still valid JSON, the product still installed, not licensed).

mod support;

use std::time::{Duration, Instant};

use support::kms_host::cli::{Client, code, json, stderr, stdout};
use support::kms_host::{KmsHost, Misbehaviour, SynDropper};
use support::ports::ClosedPort;

/// Longest a run with `--timeout 3s` may take against a host that stalls for 30 s or
/// more: the deadline plus generous slack for process start on a loaded machine.
const DEADLINE_SLACK: Duration = Duration::from_secs(15);

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
    // Every misbehaving host stalls for 30 s or more: ending long before that shows the
    // 3 s deadline was honoured, with slack for a loaded machine.
    assert!(
        elapsed < DEADLINE_SLACK,
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

/// `ato --json --timeout 3s --protocol <version>` against a host misbehaving this way at
/// the given step; returns (exit code, JSON, what the failure says, elapsed).
fn run_against(
    misbehaviour: Misbehaviour,
    through_alter_context: bool,
    version: &str,
) -> (i32, serde_json::Value, String, Duration) {
    let host = KmsHost::start_with(30, misbehaviour).expect("host");
    host.knobs
        .reject_bind_syntaxes
        .store(through_alter_context, std::sync::atomic::Ordering::SeqCst);
    let client = Client::with_pro();
    let started = Instant::now();
    let out = client.run(&[
        "ato",
        "--kms",
        &host.address_arg(),
        "--timeout",
        "3s",
        "--json",
        "--protocol",
        version,
    ]);
    let elapsed = started.elapsed();
    let doc = json(&out);
    // The state file is still valid, the product installed and not licensed.
    let product = client.product();
    assert_eq!(product["activation_id"], support::kms_host::cli::PRO_ID);
    assert!(product["licensed_until"].is_null(), "{misbehaviour:?}");
    assert_eq!(doc["activated"], false, "{misbehaviour:?}");
    let said = format!("{} {}", doc["message"], doc["failures"][0]["error"]);
    (code(&out), doc, said, elapsed)
}

#[test]
fn every_step_misbehaviour_ends_in_the_right_error_within_the_deadline() {
    use support::kms_host::Step::{AlterContext, Bind, Request};
    // (misbehaviour, through alter_context, exit code, what the error must say)
    let cases: Vec<(Misbehaviour, bool, i32, &str)> = vec![
        (Misbehaviour::ResetAfterConnect, false, 3, "network error"),
        (Misbehaviour::Reset(Bind), false, 3, "network error"),
        (Misbehaviour::Reset(AlterContext), true, 3, "network error"),
        (Misbehaviour::Reset(Request), false, 3, "network error"),
        (Misbehaviour::Stall(Bind), false, 3, "deadline"),
        (Misbehaviour::Stall(AlterContext), true, 3, "deadline"),
        (
            Misbehaviour::Stall(Request),
            false,
            3,
            "no complete response",
        ),
        (Misbehaviour::Drip(AlterContext), true, 3, "deadline"),
        (
            Misbehaviour::Drip(Request),
            false,
            3,
            "no complete response",
        ),
        (
            Misbehaviour::Flood(Bind, Some(65_536)),
            false,
            4,
            "malformed bind_ack",
        ),
        (
            Misbehaviour::Flood(AlterContext, Some(65_536)),
            true,
            4,
            "malformed alter_context_resp",
        ),
        (
            Misbehaviour::Flood(Request, Some(65_536)),
            false,
            4,
            "malformed response",
        ),
        (
            Misbehaviour::Flood(Request, None),
            false,
            4,
            "malformed response",
        ),
        (Misbehaviour::ShortBody(Bind), false, 3, "deadline"),
        (Misbehaviour::ShortBody(AlterContext), true, 3, "deadline"),
        (
            Misbehaviour::ShortBody(Request),
            false,
            3,
            "no complete response",
        ),
        (
            Misbehaviour::TinyLength(Bind),
            false,
            4,
            "shorter than the 16-byte header",
        ),
        (
            Misbehaviour::TinyLength(AlterContext),
            true,
            4,
            "shorter than the 16-byte header",
        ),
        (
            Misbehaviour::TinyLength(Request),
            false,
            4,
            "shorter than the 16-byte header",
        ),
        (
            Misbehaviour::FaultOnAlterContext,
            true,
            3,
            "fault 0x1C010003",
        ),
    ];
    let runs: Vec<_> = cases
        .into_iter()
        .map(|(misbehaviour, alter, exit, expected)| {
            std::thread::spawn(move || {
                let (code, doc, said, elapsed) = run_against(misbehaviour, alter, "6");
                (misbehaviour, exit, expected, code, doc, said, elapsed)
            })
        })
        .collect();
    for run in runs {
        let (misbehaviour, exit, expected, code, doc, said, elapsed) =
            run.join().expect("case thread");
        assert_eq!(code, exit, "{misbehaviour:?}: {doc}");
        // Under Wine (the Windows tests) the test host's socket, closed with the client's
        // bytes unread, is sometimes closed gracefully instead of reset: the client then
        // says the host closed the connection, at that step, just as promptly.
        let reset = matches!(
            misbehaviour,
            Misbehaviour::Reset(_) | Misbehaviour::ResetAfterConnect
        );
        let graceful_instead = cfg!(windows) && reset && said.contains("closed the connection");
        assert!(
            said.contains(expected) || graceful_instead,
            "{misbehaviour:?}: {said}"
        );
        // 3 s deadline; the stalling hosts hold on for 30 s or more.
        assert!(
            elapsed < DEADLINE_SLACK,
            "{misbehaviour:?} took {elapsed:?}"
        );
    }
}

#[test]
fn old_timestamps_are_rejected_in_every_version() {
    for version in ["4", "5", "6"] {
        let (code, doc, said, _) = run_against(Misbehaviour::OldTimestamp, false, version);
        assert_eq!(code, 4, "V{version}: {doc}");
        assert!(
            said.contains("does not echo the request's"),
            "V{version}: {said}"
        );
    }
    let (code, doc, said, _) = run_against(Misbehaviour::StaleHmacSlot, false, "6");
    assert_eq!(code, 4, "{doc}");
    assert!(said.contains("HMAC does not match"), "{said}");
}

#[test]
fn a_response_replayed_from_an_earlier_run_is_rejected_in_every_version() {
    for version in ["4", "5", "6"] {
        let host = KmsHost::start_with(30, Misbehaviour::Replay).expect("host");
        let client = Client::with_pro();
        let address = host.address_arg();
        let args = [
            "ato",
            "--kms",
            &address,
            "--timeout",
            "3s",
            "--json",
            "--protocol",
            version,
        ];
        let first = client.run(&args);
        assert_eq!(code(&first), 0, "V{version}: {}", stdout(&first));
        let licensed = client.product()["licensed_until"].clone();
        assert!(!licensed.is_null(), "V{version}");

        let second = client.run(&args);
        let doc = json(&second);
        assert_eq!(code(&second), 4, "V{version}: {doc}");
        let said = doc["failures"][0]["error"].as_str().unwrap_or_default();
        assert!(said.contains("invalid KMS response"), "V{version}: {said}");
        // The host saw two requests and answered the second with the first's message.
        assert_eq!(host.requests(), 2);
        // The earlier activation's licence stands; the failure is the last result.
        let product = client.product();
        assert_eq!(product["licensed_until"], licensed, "V{version}");
        assert_eq!(product["last_result"]["outcome"], "invalid_response");
    }
}

/// Peak RSS in KiB of `vlmgr ato` against a host misbehaving this way, measured by GNU
/// time (`%M`).
fn peak_rss_kib(misbehaviour: Misbehaviour) -> u64 {
    let host = KmsHost::start_with(30, misbehaviour).expect("host");
    let client = Client::with_pro();
    let report = client.dir.path().join("time.out");
    let binary = assert_cmd::cargo::cargo_bin("vlmgr");
    let out = std::process::Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%M")
        .arg("-o")
        .arg(&report)
        .arg(&binary)
        .args([
            "ato",
            "--kms",
            &host.address_arg(),
            "--timeout",
            "3s",
            "--json",
        ])
        .env("VLMGR_STATE_DIR", client.state_dir())
        .env("VLMGR_STANDALONE", "1")
        .output()
        .expect("GNU time runs");
    let text = std::fs::read_to_string(&report).expect("GNU time's report");
    let kib = text
        .lines()
        .last()
        .and_then(|line| line.trim().parse().ok())
        .unwrap_or_else(|| panic!("no %M in {text:?}: {}", stderr(&out)));
    // The run must have ended in an answer (0) or an error (3 or 4), not a crash.
    assert!(
        matches!(out.status.code(), Some(0 | 3 | 4)),
        "{misbehaviour:?}: {:?} {}",
        out.status,
        stderr(&out)
    );
    kib
}

#[test]
#[ignore = "needs GNU time (/usr/bin/time); run by .ci/run"]
fn memory_stays_bounded_whatever_the_host_sends() {
    use support::kms_host::Step::{Bind, Request};
    let baseline = peak_rss_kib(Misbehaviour::None);
    // Reading is bounded by the PDU size limit (1,024 bytes): a host that sends 64 KiB,
    // or sends until the client closes, costs the client no more memory than a good one.
    let margin = 2 * 1024;
    for misbehaviour in [
        Misbehaviour::Flood(Bind, Some(65_536)),
        Misbehaviour::Flood(Request, Some(65_536)),
        Misbehaviour::Flood(Request, None),
        Misbehaviour::OversizedLength,
        Misbehaviour::ShortBody(Request),
        Misbehaviour::Drip(Request),
        Misbehaviour::SilentAfterConnect,
    ] {
        let peak = peak_rss_kib(misbehaviour);
        assert!(
            peak <= baseline + margin,
            "{misbehaviour:?}: peak RSS {peak} KiB against {baseline} KiB with a conforming host"
        );
    }
}

#[test]
fn a_refused_connection_is_exit_3_at_once() {
    // A port where nothing listens, held for the test.
    let closed = ClosedPort::new().expect("a closed port");
    let port = closed.port();
    let client = Client::with_pro();
    let started = Instant::now();
    let out = client.run(&[
        "ato",
        "--kms",
        &format!("127.0.0.1:{port}"),
        "--timeout",
        "60s",
        "--json",
    ]);
    let elapsed = started.elapsed();
    assert_eq!(code(&out), 3, "{}", stdout(&out));
    let doc = json(&out);
    assert_eq!(doc["hresult"], "0xC004F074");
    let said = doc["failures"][0]["error"].as_str().unwrap_or_default();
    assert!(said.contains("refused"), "{said}");
    // "At once": far from the 60 s deadline, whatever the machine's load.
    assert!(elapsed < Duration::from_secs(30), "{elapsed:?}");
    assert!(client.product()["licensed_until"].is_null());
}
