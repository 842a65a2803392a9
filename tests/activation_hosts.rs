//! `ato` and `renew` on the real binary against the test KMS host on 127.0.0.1.

mod support;

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use support::kms_host::cli::{Client, PRO_ID, code, json, stderr, stdout};
use support::kms_host::{KmsHost, TEST_EPID};
use support::ports::ClosedPort;
use support::wine::StartRetrying;
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

/// A failed re-activation leaves the licence in force, and the report says so (issue 24,
/// item 8: `licensed_until` was null though `dlv` and `xpr` said licensed).
#[test]
fn a_failed_reactivation_reports_the_licence_still_in_force() {
    let host = KmsHost::start(30).expect("host");
    let client = Client::with_pro();
    let first = ato_kms(&client, &host, &["--json"]);
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    let until = json(&first)["licensed_until"].clone();
    assert!(until.is_string(), "{until}");

    host.knobs.count.store(3, Ordering::SeqCst);
    let out = ato_kms(&client, &host, &["--json"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["hresult"], "0xC004F038", "{doc}");
    assert_eq!(doc["activated"], false);
    assert_eq!(doc["licensed_until"], until, "{doc}");
    let dlv = json(&client.run(&["dlv", "--json"]));
    assert_eq!(dlv["products"][0]["license_status"], "licensed", "{dlv}");
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
fn all_hosts_dead_is_exit_3_within_the_deadline() {
    // A port with nobody listening (held, so no other test can take it).
    let dead = ClosedPort::new().expect("a closed port");
    let client = Client::with_pro();
    let before = std::fs::read(client.state_file()).unwrap();
    let started = Instant::now();
    let out = client.run(&["ato", "--kms", &dead.addr().to_string(), "--timeout", "2s"]);
    assert_eq!(code(&out), 3, "{}", stdout(&out));
    // Refused at once: far from any deadline, with slack for a loaded machine.
    assert!(started.elapsed() < Duration::from_secs(15));
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

/// `-q renew` and `-q ato` print nothing when they succeed or nothing is due, so the
/// README's cron line mails nobody; a failure prints its error and hint on stderr only
/// (issue 24, item 1).
#[test]
fn quiet_renew_and_ato_print_only_errors_on_stderr() {
    let host = KmsHost::start(30).expect("host");
    let client = Client::with_pro();
    assert_eq!(code(&client.run(&["-q", "skms", &host.address_arg()])), 0);
    for args in [
        ["-q", "renew", "--timeout", "5s"],
        ["-q", "renew", "--timeout", "5s"],
        ["-q", "ato", "--timeout", "5s"],
    ] {
        let out = client.run(&args);
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        assert_eq!(stdout(&out), "", "{args:?}");
        assert_eq!(stderr(&out), "", "{args:?}");
    }
    assert_eq!(host.requests(), 2, "the second renew was not due");
    let out = client.run(&["-q", "--json", "renew"]);
    assert_eq!(json(&out)["contacted"], false, "--json keeps its document");

    host.knobs.count.store(3, Ordering::SeqCst);
    let out = client.run(&["-q", "ato", "--timeout", "5s"]);
    assert_eq!(code(&out), 1);
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert!(err.starts_with("Error: 0xC004F038 "), "{err}");
    assert!(err.contains("count 3 of 25 needed"), "{err}");
    assert_eq!(err.lines().count(), 2, "the error and its hint: {err}");
}

/// When the product's last attempt was made (Unix seconds), as the state recorded it.
fn last_attempt_at(client: &Client) -> u64 {
    client.product()["last_result"]["at"]
        .as_u64()
        .expect("an attempt was recorded")
}

/// An attempt that reached no host does not hold renewal back by the activation interval
/// (the backoff of docs/activation.md applies), and a new setting makes the next `renew`
/// due at once: right away after an attempt that sent nothing, a minute after one that
/// may have sent a request (issue 24, item 2).
#[test]
fn a_new_setting_or_an_attempt_that_reached_no_host_does_not_block_renew() {
    let host = KmsHost::start(30).expect("host");
    let closed = ClosedPort::new().expect("closed port");
    let wrong = closed.addr().to_string();
    let client = Client::with_pro();

    for in_a_row in 1..=2 {
        let out = client.run(&["ato", "--kms", &wrong, "--timeout", "5s", "--json"]);
        assert_eq!(code(&out), 3, "{}", stdout(&out));
        let last = client.product()["last_result"].clone();
        assert_eq!(last["reach"], "no_host_reached", "{last}");
        assert_eq!(last["in_a_row"], in_a_row, "{last}");
        // One second, doubled: not the 2 h activation interval.
        let wait = 1 << (in_a_row - 1);
        let due = vlmgr::output::time::iso8601(last_attempt_at(&client) + wait);
        assert_eq!(json(&out)["next_due"], due.as_str());
    }
    assert_eq!(code(&client.run(&["skms", &host.address_arg()])), 0);
    let out = client.run(&["renew", "--timeout", "5s", "--json"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert_eq!(json(&out)["contacted"], true, "due at once after skms");
    assert_eq!(host.requests(), 1);
    let product = client.product();
    assert!(product.get("settings_changed_at").is_none(), "{product}");
    assert_eq!(product["last_result"]["reach"], "answered");

    // A setting changed after a request: due again, but a minute after that request.
    let at = last_attempt_at(&client);
    for setter in [vec!["skms", &host.address_arg()], vec!["ckhc"]] {
        assert_eq!(code(&client.run(&setter)), 0);
        let out = client.run(&["renew", "--json"]);
        let doc = json(&out);
        if doc["contacted"] == true {
            // The minute passed on a slow machine: that is the one request it allows.
            assert!(host.requests() == 2, "{doc}");
            return;
        }
        assert_eq!(
            doc["next_due"],
            vlmgr::output::time::iso8601(at + 60).as_str(),
            "{setter:?}: {doc}"
        );
        assert!(
            stdout(&client.run(&["renew"])).contains("renewal is not due until"),
            "{setter:?}"
        );
    }
    assert_eq!(host.requests(), 1, "never twice within a minute");
}

/// No domain to search (0x8007007B) reaches no host either: a later `skms` is used at
/// once.
#[test]
fn renew_uses_a_host_set_after_a_run_that_had_no_domain_to_search() {
    let host = KmsHost::start(30).expect("host");
    let client = Client::with_pro();
    let resolv = client.state_dir().join("resolv.conf");
    std::fs::write(&resolv, "nameserver 127.0.0.1\n").expect("resolv.conf");
    let run = |args: &[&str]| {
        client
            .command()
            .env("VLMGR_RESOLV_CONF", &resolv)
            .args(args)
            .output_retrying()
            .expect("runs")
    };
    let out = run(&["renew", "--timeout", "5s"]);
    assert_eq!(code(&out), 3, "{}", stdout(&out));
    assert!(stdout(&out).contains("0x8007007B"), "{}", stdout(&out));
    assert_eq!(client.product()["last_result"]["reach"], "no_host_reached");
    assert_eq!(code(&run(&["skms", &host.address_arg()])), 0);
    let out = run(&["renew", "--timeout", "5s"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("Product activated successfully."));
    assert_eq!(host.requests(), 1);
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

// `--wait` against the real binary. The loop's timing (retries at the host's interval,
// the one-minute floor, backoff, the countdown) is tested in-process under a paused
// clock (src/commands/activate/wait.rs); these runs need no sub-minute intervals.

#[test]
fn wait_activates_at_once_when_the_host_can() {
    let host = KmsHost::start(25).expect("host");
    let client = Client::with_pro();
    let out = ato_kms(&client, &host, &["--wait", "1h", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["attempts"], 1);
    assert_eq!(doc["activated"], true);
    assert!(doc["next_try"].is_null(), "{doc}");
    assert_eq!(host.requests(), 1);
}

/// The host asks for 120 minutes between attempts; `--wait 30s` cannot wait that long, so
/// vlmgr stops after one request and says when the next try would be and what to pass.
#[test]
fn wait_gives_up_at_once_when_the_host_interval_outlasts_it() {
    let host = KmsHost::start(1).expect("host");
    let client = Client::with_pro();
    let out = ato_kms(&client, &host, &["--wait", "30s"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(host.requests(), 1, "exactly one request");
    let text = stdout(&out);
    assert!(text.contains("Error: 0xC004F038"), "{text}");
    assert!(!text.contains("use ato --wait"), "{text}");
    assert!(text.contains("The next try is due at "), "{text}");
    assert!(
        text.contains(
            "2 h after the last attempt (the host's activation interval), after the end of \
             --wait 30s"
        ),
        "{text}"
    );
    assert!(text.contains("pass --wait 2h1m or more"), "{text}");
    assert_eq!(client.product()["last_result"]["outcome"], "count_too_low");

    let out = ato_kms(&client, &host, &["--wait", "30s", "--json"]);
    assert_eq!(code(&out), 1);
    assert_eq!(host.requests(), 2);
    let doc = json(&out);
    assert_eq!(doc["attempts"], 1);
    assert_eq!(doc["interrupted"], false);
    let next_try = &doc["next_try"];
    assert_eq!(next_try["reason"], "host_activation_interval", "{doc}");
    assert_eq!(next_try["after_seconds"], 7200);
    assert_eq!(next_try["after_wait_end"], true);
    assert_eq!(next_try["wait_needed"], "2h1m");
    assert!(next_try["at"].as_str().is_some_and(|at| at.ends_with('Z')));
    assert!(
        !doc["hint"].as_str().unwrap().contains("use ato --wait"),
        "{doc}"
    );
}

#[test]
fn wait_refuses_a_retry_interval_below_a_minute_before_sending_anything() {
    let host = KmsHost::start(1).expect("host");
    let client = Client::with_pro();
    let before = std::fs::read(client.state_file()).unwrap();
    let out = ato_kms(&client, &host, &["--wait", "2m", "--retry-interval", "1s"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("faster than once a minute"));
    assert_eq!(host.requests(), 0);
    assert_eq!(std::fs::read(client.state_file()).unwrap(), before);
}

/// No host reachable: the refused connects are retried with backoff (nothing was sent),
/// and the run stops when the next try would fall after the end of --wait.
#[test]
fn wait_retries_refused_connections_until_its_end() {
    let dead = ClosedPort::new().expect("a closed port");
    let client = Client::with_pro();
    let out = client.run(&[
        "ato",
        "--kms",
        &dead.addr().to_string(),
        "--wait",
        "10s",
        "--json",
    ]);
    assert_eq!(code(&out), 3, "{}", stdout(&out));
    let doc = json(&out);
    // Waits of at least 0.5, 1, 2 and 4 s: at most 5 tries fit in 10 s (and at least 2
    // unless the first took 9 s).
    let attempts = doc["attempts"].as_u64().unwrap();
    assert!((2..=5).contains(&attempts), "{attempts} attempts");
    assert_eq!(doc["next_try"]["reason"], "no_host_reached", "{doc}");
    assert_eq!(doc["next_try"]["after_wait_end"], true);
    assert_eq!(client.product()["last_result"]["outcome"], "unreachable");
}

/// Ctrl-C while --wait waits for the host's interval: the attempt made is in the state,
/// the report says so after "Activating ...", and the exit code is that attempt's. The
/// signal is sent only once the first attempt is recorded, so it cannot come too early.
/// SIGTERM (a service manager's stop) and SIGHUP (the terminal closing) do the same.
///
/// Unix only: `kill -INT` sends what a terminal's Ctrl-C does. Windows has no signals: its
/// Ctrl-C, Ctrl-Break and console close reach only processes sharing the sender's console
/// (GenerateConsoleCtrlEvent), which no safe API sends; `platform/interrupt.rs` listens for
/// them through tokio (docs/platforms.md).
#[cfg(unix)]
#[test]
fn ctrl_c_during_a_wait_reports_the_recorded_attempt() {
    for (signal, json_output) in [
        ("-INT", false),
        ("-INT", true),
        ("-TERM", false),
        ("-HUP", true),
    ] {
        let host = KmsHost::start(2).expect("host");
        let client = Client::with_pro();
        let address = host.address_arg();
        let mut args = vec!["ato", "--kms", address.as_str(), "--wait", "3h"];
        if json_output {
            args.push("--json");
        }
        // stdout and stderr into one open file (one offset), to see the order they were
        // written in.
        let output = tempfile::NamedTempFile::new().expect("output file");
        let file = || output.as_file().try_clone().expect("file");
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_vlmgr"))
            .env("VLMGR_STATE_DIR", client.state_dir())
            .env("VLMGR_STANDALONE", "1")
            .env_remove("VLMGR_DNS_SERVER")
            .args(&args)
            .stdout(file())
            .stderr(file())
            .spawn()
            .expect("spawn");
        wait_for_a_recorded_attempt(&client);
        let status = std::process::Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success());
        let out = child.wait_with_output().expect("exits");
        let written = std::fs::read_to_string(output.path()).expect("output");
        assert_eq!(out.status.code(), Some(1), "{signal}: {written}");
        assert_eq!(host.requests(), 1);
        let product = client.product();
        assert_eq!(product["last_result"]["outcome"], "count_too_low");
        assert!(product["licensed_until"].is_null());
        if json_output {
            let doc: serde_json::Value = serde_json::from_str(&written).expect("JSON alone");
            assert_eq!(doc["interrupted"], true);
            assert_eq!(doc["attempts"], 1);
            assert_eq!(doc["next_try"]["after_wait_end"], false);
            assert_eq!(doc["next_try"]["reason"], "host_activation_interval");
        } else {
            let activating = written.find("Activating ").expect("the report");
            let warning = written
                .find("Warning: interrupted: the last attempt's result is recorded")
                .expect("the warning");
            assert!(activating < warning, "{written}");
            assert!(written.contains("The next try was due at "), "{written}");
            assert!(written.contains("run ato --wait again"), "{written}");
            assert!(!written.contains("use ato --wait"), "{written}");
        }
    }
}

/// Polls the state file until an attempt is recorded (it is written atomically, so every
/// read sees a whole file).
#[cfg(unix)]
fn wait_for_a_recorded_attempt(client: &Client) {
    let started = Instant::now();
    while client.product()["last_result"].is_null() {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no attempt recorded"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

const PROPLUS_ID: &str = "fbdb3e18-a8ef-4fb3-9183-dffd60bd0984";
const VISIO_ID: &str = "fb61ac9a-1688-45d2-8f6b-0674dbffa33c";

/// A client with two Office products and no Windows.
fn two_office_products() -> Client {
    let client = Client {
        dir: tempfile::tempdir().expect("temp dir"),
    };
    for product in ["office2021-proplus", "visio2021-pro"] {
        assert_eq!(code(&client.run(&["-q", "ipk", product])), 0, "{product}");
    }
    client
}

/// Bare `renew` (what the packaged timer runs) renews every installed product that is
/// due, one report each; `all` works wherever an Activation ID does (issue 24, item 4).
#[test]
fn renew_renews_every_installed_product_and_all_is_accepted() {
    let host = KmsHost::start(30).expect("host");
    let client = two_office_products();
    assert_eq!(code(&client.run(&["-q", "skms", &host.address_arg()])), 0);

    let out = client.run(&["renew", "--timeout", "5s"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert_eq!(
        stdout(&out),
        format!(
            "Activating Office LTSC Professional Plus 2021 ({PROPLUS_ID}) ...\n\
             Product activated successfully.\n\
             Activating Visio LTSC Professional 2021 ({VISIO_ID}) ...\n\
             Product activated successfully.\n"
        )
    );
    let received = host.received();
    let asked: Vec<String> = received
        .requests
        .iter()
        .map(|r| r.base.activation_id.to_string())
        .collect();
    assert_eq!(asked.len(), 2);
    assert!(asked.contains(&PROPLUS_ID.to_string()) && asked.contains(&VISIO_ID.to_string()));
    // The second product's request waited a minute after the first's, and said so.
    assert_requests_a_minute_apart(&received.request_times);
    let err = stderr(&out);
    assert!(
        err.contains(": waiting ") && err.contains("at most one activation request a minute"),
        "{err}"
    );

    // Nothing due: one line each, exit 0, and the JSON lists both.
    let out = client.run(&["renew", "all"]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(
        text.lines().all(|l| l.contains("renewal is not due until")),
        "{text}"
    );
    let doc = json(&client.run(&["renew", "--json"]));
    assert_eq!(doc["contacted"], false);
    let products = doc["products"].as_array().expect("products");
    assert_eq!(products.len(), 2, "{doc}");
    assert_eq!(products[1]["product"]["activation_id"], VISIO_ID);
    assert_eq!(host.requests(), 2, "nothing sent");

    // `ato all` asks for both; `xpr all` and `dlv all` show both.
    let out = client.run(&["ato", "all", "--timeout", "5s", "--json"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert_eq!(json(&out)["products"].as_array().map(Vec::len), Some(2));
    assert_eq!(host.requests(), 4);
    let text = stdout(&client.run(&["xpr", "all"]));
    assert!(
        text.contains("Office LTSC Professional Plus 2021:"),
        "{text}"
    );
    assert!(text.contains("Visio LTSC Professional 2021:"), "{text}");
    // Bare `ato` still wants one product named when no Windows edition is installed.
    let out = client.run(&["ato"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("or use `all`"), "{}", stderr(&out));

    // `upk all` removes both.
    let out = client.run(&["upk", "all"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).starts_with("Uninstalled 2 product keys successfully"));
    assert_eq!(client.state()["products"].as_array().map(Vec::len), Some(0));
    assert_eq!(code(&client.run(&["renew"])), 5, "nothing installed");
}

/// No host is sent activation requests faster than once a minute, whatever the number of
/// products in the run (docs/activation.md, "Several products in one run").
fn assert_requests_a_minute_apart(times: &[Instant]) {
    for pair in times.windows(2) {
        let gap = pair[1].duration_since(pair[0]);
        assert!(gap >= Duration::from_secs(60), "requests {gap:?} apart");
    }
}

/// Over several products the exit code is the worst of theirs, and the document's
/// top-level fields are that product's; with `-q` only the failure is printed.
#[test]
fn renew_over_several_products_exits_with_the_worst() {
    let host = KmsHost::start(30).expect("host");
    let closed = ClosedPort::new().expect("closed port");
    let client = two_office_products();
    assert_eq!(code(&client.run(&["-q", "skms", &host.address_arg()])), 0);
    let wrong = closed.addr().to_string();
    assert_eq!(
        code(&client.run(&["-q", "skms", &wrong, "visio2021-pro"])),
        0
    );

    let out = client.run(&["renew", "--timeout", "5s", "--json"]);
    assert_eq!(code(&out), 3, "{}", stdout(&out));
    let doc = json(&out);
    assert_eq!(doc["exit_code"], 3);
    assert_eq!(
        doc["product"]["activation_id"], VISIO_ID,
        "the worst is on top"
    );
    assert_eq!(doc["outcome"], "unreachable");
    assert_eq!(doc["products"][0]["outcome"], "activated");
    assert_eq!(doc["products"][1]["outcome"], "unreachable");
    assert_eq!(host.requests(), 1);

    // -q: only the failing product's error and hint, on stderr.
    let out = client.run(&["-q", "ato", "all", "--timeout", "5s"]);
    assert_eq!(code(&out), 3);
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert!(err.starts_with("Error: 0xC004F074"), "{err}");
    assert_eq!(err.lines().count(), 2, "{err}");
    assert_eq!(host.requests(), 2);

    // The failed product reached no host: due again at once after its setting changes.
    // `skms HOST all` sets the host globally and removes the products' own.
    assert_eq!(
        code(&client.run(&["-q", "skms", &host.address_arg(), "all"])),
        0
    );
    let state = client.state();
    assert!(
        state["products"][1]["settings"]["kms_host"].is_null(),
        "{state}"
    );
    // The change makes both due: Visio at once, having reached no host; Professional
    // Plus too, its request being over a minute old (Visio's attempt waited that minute).
    let out = client.run(&["-q", "renew", "--timeout", "5s"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert_eq!(host.requests(), 4, "both were due");
    assert_requests_a_minute_apart(&host.received().request_times[2..]);
}

/// `ato all --wait` keeps a schedule per product, both within the one `--wait`: here both
/// counts are too low and the next tries fall after its end, so both stop at once;
/// `-v` says which product each line is about.
#[test]
fn ato_all_with_wait_runs_each_product_on_its_own_schedule() {
    let host = KmsHost::start(3).expect("host");
    let client = two_office_products();
    assert_eq!(code(&client.run(&["-q", "skms", &host.address_arg()])), 0);
    let started = Instant::now();
    let out = client.run(&[
        "ato",
        "all",
        "--wait",
        "1m",
        "--timeout",
        "5s",
        "--json",
        "-v",
    ]);
    // The second product's first request waits the minute after the first's; neither
    // waits for a try after the end (two hours away).
    assert!(
        started.elapsed() < Duration::from_secs(170),
        "no wait for a try after the end"
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let doc = json(&out);
    for product in doc["products"].as_array().expect("products") {
        assert_eq!(product["outcome"], "count_too_low", "{doc}");
        assert_eq!(product["next_try"]["after_wait_end"], true, "{doc}");
        assert_eq!(product["next_try"]["reason"], "host_activation_interval");
    }
    assert_eq!(host.requests(), 2);
    assert_requests_a_minute_apart(&host.received().request_times);
    let err = stderr(&out);
    assert!(
        err.contains("] Office LTSC Professional Plus 2021: "),
        "{err}"
    );
    assert!(err.contains("] Visio LTSC Professional 2021: "), "{err}");
}
