//! Time-to-activate of the real binary against test KMS hosts on 127.0.0.1, with dead
//! hosts ahead of the live one. A measurement, not an assertion: run it with
//! `cargo bench --bench activation` and copy the table into docs/performance.md.

#[path = "../tests/support/mod.rs"]
#[allow(dead_code)]
mod support;

use std::process::Command;
use std::time::{Duration, Instant};

use support::dns::{DnsServer, Zone};
use support::kms_host::{KmsHost, Misbehaviour, SynDropper};
use support::ports::ClosedPort;

const RUNS: usize = 15;
const PRO_GVLK: &str = "W269N-WFGWX-YVC9B-4J6C9-T83GX";

fn vlmgr(state: &std::path::Path, args: &[&str]) -> (bool, Duration) {
    let started = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_vlmgr"))
        .env("VLMGR_STATE_DIR", state)
        .env_remove("VLMGR_DNS_SERVER")
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    (status.is_ok_and(|s| s.success()), started.elapsed())
}

fn summary(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    let p90 = times.get(times.len() * 9 / 10).copied().unwrap_or_default();
    println!(
        "| {name} | {} | {:.1} | {:.1} | {:.1} | {:.1} |",
        times.len(),
        ms(*times.first().unwrap_or(&Duration::ZERO)),
        ms(median),
        ms(p90),
        ms(*times.last().unwrap_or(&Duration::ZERO)),
    );
}

/// Activates RUNS times with fresh state through SRV records of `zone`.
fn through_dns(name: &str, zone: Zone) {
    let dns = DnsServer::start(&[zone]).expect("dns server");
    let dns_arg = dns.addr().to_string();
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let state = tempfile::tempdir().expect("temp dir");
        vlmgr(state.path(), &["ipk", PRO_GVLK]);
        vlmgr(state.path(), &["skms-domain", "corp.test"]);
        let (ok, elapsed) = vlmgr(
            state.path(),
            &["ato", "--dns-server", &dns_arg, "--timeout", "10s"],
        );
        if ok {
            times.push(elapsed);
        } else {
            println!("| {name}: a run failed |");
        }
    }
    summary(name, times);
}

fn main() {
    let live = KmsHost::start(50).expect("live host");
    let silent = KmsHost::start_with(50, Misbehaviour::SilentAfterConnect).expect("silent host");
    let dropper = SynDropper::start().expect("syn dropper");
    let refused = ClosedPort::new().expect("closed port");
    let zone = |dead: &[(u16, &str)]| {
        let mut zone = Zone::new("corp.test");
        for (index, (port, target)) in dead.iter().enumerate() {
            zone = zone
                .srv("_vlmcs._tcp", index as u16, 0, *port, target)
                .a(target, [127, 0, 0, 1]);
        }
        zone.srv("_vlmcs._tcp", 10, 0, live.addr().port(), "live")
            .a("live", [127, 0, 0, 1])
    };

    println!("| scenario | runs | min ms | median ms | p90 ms | max ms |");
    println!("|---|---|---|---|---|---|");
    // Process start-up and the offline path, for reference.
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let state = tempfile::tempdir().expect("temp dir");
        vlmgr(state.path(), &["ipk", PRO_GVLK]);
        times.push(vlmgr(state.path(), &["dli"]).1);
    }
    summary("`dli` (no network, reference)", times);

    let mut times = Vec::new();
    for _ in 0..RUNS {
        let state = tempfile::tempdir().expect("temp dir");
        vlmgr(state.path(), &["ipk", PRO_GVLK]);
        let (ok, elapsed) = vlmgr(
            state.path(),
            &["ato", "--kms", &live.address_arg(), "--timeout", "10s"],
        );
        if ok {
            times.push(elapsed);
        }
    }
    summary("`--kms` live host", times);
    through_dns("SRV: live host only", zone(&[]));
    through_dns(
        "SRV: refused port (RST), then live",
        zone(&[(refused.port(), "refused")]),
    );
    through_dns(
        "SRV: silent host (accepts, never answers), then live",
        zone(&[(silent.addr().port(), "silent")]),
    );
    through_dns(
        "SRV: SYN-dropping host, then live",
        zone(&[(dropper.addr().port(), "dropper")]),
    );
    through_dns(
        "SRV: silent, SYN-dropping, refused, then live",
        zone(&[
            (silent.addr().port(), "silent"),
            (dropper.addr().port(), "dropper"),
            (refused.port(), "refused"),
        ]),
    );
    println!(
        "\nrequests received: live {}, silent {} (must be 0)",
        live.requests(),
        silent.requests()
    );
}
