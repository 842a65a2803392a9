//! `ato` and `renew` on the real binary against the test KMS host on 127.0.0.1.

mod support;

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use support::kms_host::cli::{Client, PRO_ID, code, json, stderr, stdout};
use support::kms_host::{KmsHost, TEST_EPID};
use vlmgr::protocol::kms::ProtocolVersion;

fn ato_kms(client: &Client, host: &KmsHost, extra: &[&str]) -> std::process::Output {
    let address = host.address_arg();
    let mut args = vec!["ato", "--kms", address.as_str(), "--timeout", "5s"];
    args.extend_from_slice(extra);
    client.run(&args)
}

#[test]
fn activates_with_v4_v5_and_v6() {
    for (protocol, version) in [
        ("4", ProtocolVersion::V4),
        ("5", ProtocolVersion::V5),
        ("6", ProtocolVersion::V6),
    ] {
        let host = KmsHost::start(30).expect("host");
        let client = Client::with_pro();
        let out = ato_kms(&client, &host, &["--protocol", protocol]);
        assert_eq!(
            code(&out),
            0,
            "V{protocol}: {}{}",
            stdout(&out),
            stderr(&out)
        );
        assert_eq!(
            stdout(&out),
            format!(
                "Activating Windows 10/11 Pro ({PRO_ID}) ...\nProduct activated successfully.\n"
            )
        );
        let received = host.received();
        assert_eq!(received.requests.len(), 1, "exactly one request");
        let request = &received.requests[0];
        assert_eq!(request.version, version);
        assert_eq!(request.base.activation_id.to_string(), PRO_ID);
        assert_eq!(request.base.n_policy, 25);
        // Windows' call ids: 2 for the bind and the first request.
        assert_eq!(received.call_ids, vec![2, 2]);

        let product = client.product();
        let state = client.state();
        assert_eq!(
            request.base.cmid.to_string(),
            state["cmid"].as_str().unwrap()
        );
        assert!(product["licensed_until"].as_u64().is_some());
        let last = &product["last_result"];
        assert_eq!(last["outcome"], "activated");
        assert_eq!(last["protocol"].as_u64(), Some(u64::from(version.major())));
        assert_eq!(last["response"]["epid"], TEST_EPID);
        assert_eq!(last["response"]["count"], 30);
        assert_eq!(last["host"]["source"]["kind"], "command_line");
        // --kms is a one-off: neither skms nor the cached host changes.
        assert!(state["settings"]["kms_host"].is_null());
        assert!(product["cached_host"].is_null());
    }
}

#[test]
fn the_request_carries_status_name_and_time() {
    let host = KmsHost::start(30).expect("host");
    let client = Client::with_pro();
    let before = vlmgr::protocol::FileTime::from_unix_duration(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap(),
    );
    assert_eq!(code(&ato_kms(&client, &host, &[])), 0);
    // A second run reports the new status: licensed, with about 180 days left.
    assert_eq!(code(&ato_kms(&client, &host, &[])), 0);
    let received = host.received();
    let (first, second) = (&received.requests[0].base, &received.requests[1].base);
    assert_eq!(first.license_status, 2, "initial grace");
    assert!(
        first.binding_expiration_minutes <= 43_200 && first.binding_expiration_minutes > 43_000
    );
    assert_eq!(second.license_status, 1, "licensed");
    assert!(second.binding_expiration_minutes > 259_000);
    assert_eq!(first.cmid, second.cmid, "the CMID is persistent");
    assert!(first.client_time >= before);
    assert!(!first.workstation_name.as_str().is_empty());
    assert_eq!(
        received.requests[0].version,
        ProtocolVersion::V6,
        "catalog protocol"
    );
}

#[test]
fn json_gives_the_whole_outcome() {
    let host = KmsHost::start(40).expect("host");
    let client = Client::with_pro();
    let out = ato_kms(&client, &host, &["--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["activated"], true);
    assert_eq!(doc["outcome"], "activated");
    assert_eq!(doc["hresult"], "0x00000000");
    assert_eq!(doc["exit_code"], 0);
    assert_eq!(doc["response"]["count"], 40);
    assert_eq!(doc["response"]["hwid"], "3A1C049600B60076");
    assert_eq!(doc["host"]["ip"], "127.0.0.1");
    assert_eq!(
        doc["host"]["port"].as_u64(),
        Some(u64::from(host.addr().port()))
    );
    assert_eq!(doc["n_policy"], 25);
    assert!(doc["licensed_until"].is_string());
}

#[test]
fn ndr32_rejection_uses_ndr64_and_full_rejection_uses_alter_context() {
    let host = KmsHost::start(30).expect("host");
    host.knobs.prefer_ndr64.store(true, Ordering::SeqCst);
    let client = Client::with_pro();
    let out = ato_kms(&client, &host, &["-v"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("NDR64"), "{}", stderr(&out));
    assert_eq!(host.requests(), 1);

    let host = KmsHost::start(30).expect("host");
    host.knobs
        .reject_bind_syntaxes
        .store(true, Ordering::SeqCst);
    let out = ato_kms(&client, &host, &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let received = host.received();
    assert_eq!(received.alter_contexts, 1);
    assert_eq!(
        received.call_ids,
        vec![2, 2, 2],
        "bind, alter_context, request"
    );
    assert_eq!(received.requests.len(), 1);
}

#[test]
fn count_below_threshold_is_exit_1_and_not_licensed() {
    let host = KmsHost::start(3).expect("host");
    host.knobs.activation_interval.store(30, Ordering::SeqCst);
    let client = Client::with_pro();
    let out = ato_kms(&client, &host, &[]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(text.contains("Error: 0xC004F038"), "{text}");
    assert!(text.contains("count 3 of 25"), "{text}");
    let product = client.product();
    assert!(product["licensed_until"].is_null());
    assert_eq!(product["last_result"]["outcome"], "count_too_low");
    assert_eq!(product["last_result"]["hresult"], 0xC004_F038u32);
    assert_eq!(product["activation_interval_minutes"], 30);
    assert_eq!(host.requests(), 1, "no second host, no repeat");
}

#[test]
fn host_hresult_is_exit_1_with_its_text() {
    let host = KmsHost::start(30).expect("host");
    host.knobs.host_error.store(0xC004_F042, Ordering::SeqCst);
    let client = Client::with_pro();
    let out = ato_kms(&client, &host, &["--json"]);
    assert_eq!(code(&out), 1);
    let doc = json(&out);
    assert_eq!(doc["hresult"], "0xC004F042");
    assert_eq!(doc["outcome"], "host_error");
    assert!(doc["hint"].as_str().unwrap().contains("host key"), "{doc}");
    assert_eq!(client.product()["last_result"]["outcome"], "host_error");
}

#[test]
fn wait_succeeds_once_the_count_rises() {
    let host = KmsHost::start(22).expect("host");
    host.knobs.count_step.store(1, Ordering::SeqCst);
    let client = Client::with_pro();
    let address = host.address_arg();
    let out = client.run(&[
        "ato",
        "--kms",
        &address,
        "--wait",
        "20s",
        "--retry-interval",
        "200ms",
        "--json",
    ]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["attempts"], 4, "22, 23, 24 then 25");
    assert_eq!(doc["response"]["count"], 25);
    assert_eq!(host.requests(), 4);
    assert_eq!(client.product()["last_result"]["outcome"], "activated");
}

#[test]
fn wait_gives_up_at_its_deadline() {
    let host = KmsHost::start(1).expect("host");
    let client = Client::with_pro();
    let address = host.address_arg();
    let started = Instant::now();
    let out = client.run(&[
        "ato",
        "--kms",
        &address,
        "--wait",
        "1s",
        "--retry-interval",
        "300ms",
    ]);
    assert_eq!(code(&out), 1);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(host.requests() >= 2, "retried: {}", host.requests());
    assert!(stdout(&out).contains("0xC004F038"));
}

#[test]
fn all_hosts_dead_is_exit_3_within_the_deadline() {
    // A port with nobody listening: bind an ephemeral port, then free it.
    let dead = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let client = Client::with_pro();
    let before = std::fs::read(client.state_file()).unwrap();
    let started = Instant::now();
    let out = client.run(&["ato", "--kms", &dead.to_string(), "--timeout", "2s"]);
    assert_eq!(code(&out), 3, "{}", stdout(&out));
    assert!(started.elapsed() < Duration::from_secs(4));
    assert!(
        stdout(&out).contains("Error: 0xC004F074"),
        "{}",
        stdout(&out)
    );
    let product = client.product();
    assert_eq!(product["last_result"]["outcome"], "unreachable");
    assert_ne!(std::fs::read(client.state_file()).unwrap(), before);
}

#[test]
fn renew_contacts_the_host_only_when_due() {
    let host = KmsHost::start(30).expect("host");
    let client = Client::with_pro();
    let address = host.address_arg();
    assert_eq!(code(&client.run(&["skms", &address])), 0);
    // Never activated: due now.
    let out = client.run(&["renew", "--timeout", "5s"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("Product activated successfully."));
    assert_eq!(host.requests(), 1);
    // Just renewed: not due for 7 days.
    let out = client.run(&["renew", "--json"]);
    assert_eq!(code(&out), 0);
    let doc = json(&out);
    assert_eq!(doc["contacted"], false);
    assert!(doc["next_due"].is_string());
    assert_eq!(host.requests(), 1, "nothing sent");
    let out = client.run(&["renew"]);
    assert!(stdout(&out).contains("not due until"), "{}", stdout(&out));

    // Move the last attempt back past the renewal interval: due again.
    let mut state = client.state();
    let at = state["products"][0]["last_result"]["at"].as_u64().unwrap();
    state["products"][0]["last_result"]["at"] = serde_json::json!(at - 10_081 * 60);
    std::fs::write(
        client.state_file(),
        serde_json::to_vec_pretty(&state).unwrap(),
    )
    .unwrap();
    let out = client.run(&["renew", "--timeout", "5s"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(host.requests(), 2);
}

#[test]
fn slmgr_spelling_activates_too() {
    let host = KmsHost::start(30).expect("host");
    let client = Client::with_pro();
    assert_eq!(code(&client.run(&["-skms", &host.address_arg()])), 0);
    let out = client.run(&["/ato", "--timeout", "5s"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        client.product()["last_result"]["host"]["source"]["kind"],
        "configured"
    );
}

// `kill -INT` sends what a terminal's Ctrl-C does. Windows has no signals: its Ctrl-C,
// Ctrl-Break and console close reach only processes sharing the sender's console
// (GenerateConsoleCtrlEvent), which no safe API can send; `commands/interrupt.rs` listens
// for them through tokio (docs/platforms.md).
#[cfg(unix)]
#[test]
fn ctrl_c_stops_wait_cleanly_with_the_state_recorded() {
    let host = KmsHost::start(2).expect("host");
    let client = Client::with_pro();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_vlmgr"))
        .env("VLMGR_STATE_DIR", client.state_dir())
        .args([
            "ato",
            "--kms",
            &host.address_arg(),
            "--wait",
            "60s",
            "--retry-interval",
            "300ms",
            "--json",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    // Let it make a few attempts, then interrupt it as a terminal's Ctrl-C would.
    let started = Instant::now();
    while host.requests() < 3 && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let out = child.wait_with_output().expect("exits");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["interrupted"], true);
    assert!(doc["attempts"].as_u64().unwrap() >= 3, "{doc}");
    let product = client.product();
    assert_eq!(product["last_result"]["outcome"], "count_too_low");
    assert!(product["licensed_until"].is_null());
}

#[test]
fn wait_backs_off_while_nobody_answers_and_stops_at_the_deadline() {
    let dead = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let client = Client::with_pro();
    let started = Instant::now();
    let out = client.run(&["ato", "--kms", &dead.to_string(), "--wait", "3s", "--json"]);
    let elapsed = started.elapsed();
    assert_eq!(code(&out), 3, "{}", stdout(&out));
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    let doc = json(&out);
    // Backoff 0.5-1 s, then 1-2 s: two or three tries in 3 s, not dozens.
    let attempts = doc["attempts"].as_u64().unwrap();
    assert!((2..=4).contains(&attempts), "{attempts} attempts");
}
