//! The performance suite of issue 8: whole-process timings and peak RSS of the release
//! binary against a test KMS host and DNS server on 127.0.0.1, time-to-activate behind
//! unreachable hosts, `discover --check` over 50 hosts, the protocol codec in-process and
//! the binary size, each next to a reference measured in the same run.
//!
//! Run it through `bench/run.sh` (which builds the release binary and passes its path in
//! `VLMGR_BIN`); `cargo bench --bench suite` alone measures cargo's own copy. A `vlmcs`
//! found on PATH is run against the same host for the vlmgr/vlmcs ratio.
//! A measurement, not an assertion: it exits 0 whether or not a target is met.

mod common;
mod latency;
#[path = "../tests/support/mod.rs"]
#[allow(dead_code)]
mod support;

use std::error::Error;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::bind::{NamedServer, named_path};
use support::bind_only::BindFleet;
use support::dns::{DnsServer, Zone};
use support::host_codec::{self, HostAnswer};
use support::kms_host::{KmsHost, Misbehaviour, SynDropper};
use vlmgr::protocol::kms::{self, ProtocolVersion};
use vlmgr::protocol::rpc::{self, TransferSyntax};

/// Runs of each fast whole-process case (overridable with `VLMGR_BENCH_RUNS`).
const DEFAULT_RUNS: usize = 41;
/// Runs of each case that waits behind dead hosts (each costs up to a second).
const SLOW_RUNS: usize = 9;
/// Runs under GNU time for the peak RSS (the maximum is reported).
const RSS_RUNS: usize = 5;
const PRO_GVLK: &str = "W269N-WFGWX-YVC9B-4J6C9-T83GX";
const DOMAIN: &str = "corp.test";

type Outcome<T> = Result<T, Box<dyn Error>>;

/// One command line to time: program, arguments, state dir, extra environment.
struct Invocation {
    program: PathBuf,
    args: Vec<String>,
    state: Option<PathBuf>,
    env: Vec<(String, std::ffi::OsString)>,
    /// A state file copied over the state dir's before each run (untimed), so that every
    /// run records a new result: vlmgr writes nothing when the state did not change, as
    /// happens when a run repeats the previous one within the same second.
    restore: Option<PathBuf>,
}

impl Invocation {
    fn vlmgr(binary: &Path, state: &Path, args: &[&str]) -> Self {
        Invocation {
            program: binary.to_path_buf(),
            args: args.iter().map(|a| a.to_string()).collect(),
            state: Some(state.to_path_buf()),
            env: Vec::new(),
            restore: None,
        }
    }

    fn other(program: &Path, args: &[&str]) -> Self {
        Invocation {
            program: program.to_path_buf(),
            args: args.iter().map(|a| a.to_string()).collect(),
            state: None,
            env: Vec::new(),
            restore: None,
        }
    }

    fn command(&self, program: &Path, prefix: &[&str]) -> Command {
        let mut command = Command::new(program);
        command.args(prefix).arg(&self.program).args(&self.args);
        if let Some(state) = &self.state {
            command.env("VLMGR_STATE_DIR", state);
        }
        command.envs(self.env.iter().map(|(k, v)| (k, v)));
        command
            .env_remove("VLMGR_DNS_SERVER")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        command
    }

    /// Copies [`Invocation::restore`] into the state dir, when set.
    fn restore_state(&self) -> bool {
        match (&self.restore, &self.state) {
            (Some(snapshot), Some(state)) => {
                std::fs::copy(snapshot, state.join("state.json")).is_ok()
            }
            _ => true,
        }
    }

    /// Wall time of one run, and whether it exited 0.
    fn time_once(&self) -> (bool, Duration) {
        if !self.restore_state() {
            return (false, Duration::ZERO);
        }
        let mut command = Command::new(&self.program);
        command.args(&self.args);
        if let Some(state) = &self.state {
            command.env("VLMGR_STATE_DIR", state);
        }
        command.envs(self.env.iter().map(|(k, v)| (k, v)));
        command
            .env_remove("VLMGR_DNS_SERVER")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let started = Instant::now();
        let status = command.status();
        (status.is_ok_and(|s| s.success()), started.elapsed())
    }

    /// Median, min, max wall time over `runs`, and the number of failed runs.
    fn time(&self, runs: usize) -> (Stats, usize) {
        let mut failures = 0;
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let (ok, elapsed) = self.time_once();
            if !ok {
                failures += 1;
            }
            times.push(elapsed.as_secs_f64() * 1000.0);
        }
        (Stats::of(times), failures)
    }

    /// Largest peak RSS in KiB over RSS_RUNS runs under GNU time, when it is installed.
    fn peak_rss_kib(&self, gnu_time: Option<&Path>) -> Option<u64> {
        let gnu_time = gnu_time?;
        let report = tempfile::NamedTempFile::new().ok()?;
        let report_path = report.path().to_str()?.to_string();
        let mut peak = None;
        for _ in 0..RSS_RUNS {
            if !self.restore_state() {
                return None;
            }
            let status = self
                .command(gnu_time, &["-f", "%M", "-o", &report_path])
                .status()
                .ok()?;
            if !status.success() {
                return None;
            }
            let text = std::fs::read_to_string(report.path()).ok()?;
            let kib: u64 = text.lines().last()?.trim().parse().ok()?;
            peak = Some(peak.map_or(kib, |p: u64| p.max(kib)));
        }
        peak
    }
}

/// Median, min and max of a sample, in the sample's unit.
#[derive(Clone, Copy)]
struct Stats {
    median: f64,
    min: f64,
    max: f64,
}

impl Stats {
    fn of(mut values: Vec<f64>) -> Stats {
        values.sort_by(f64::total_cmp);
        let pick = |i: usize| values.get(i).copied().unwrap_or(f64::NAN);
        Stats {
            median: pick(values.len() / 2),
            min: pick(0),
            max: pick(values.len().saturating_sub(1)),
        }
    }
}

/// One row of the printed table.
struct Row {
    case: String,
    unit: &'static str,
    stats: Stats,
    reference: String,
    ratio: f64,
    rss_kib: Option<u64>,
    vlmcs_ratio: Option<f64>,
    target: String,
    met: Option<bool>,
}

impl Row {
    fn print(&self) {
        let fmt = |v: f64| {
            if v >= 100.0 {
                format!("{v:.0}")
            } else if v >= 10.0 {
                format!("{v:.1}")
            } else {
                format!("{v:.2}")
            }
        };
        let rss = self
            .rss_kib
            .map_or("-".to_string(), |k| format!("{:.1}", k as f64 / 1024.0));
        let vlmcs = self
            .vlmcs_ratio
            .map_or("-".to_string(), |r| format!("{r:.2}"));
        let met = match self.met {
            Some(true) => "yes",
            Some(false) => "NO",
            None => "-",
        };
        println!(
            "| {} | {} {unit} | {} | {} | {} | {:.2} | {rss} | {vlmcs} | {} | {met} |",
            self.case,
            fmt(self.stats.median),
            fmt(self.stats.min),
            fmt(self.stats.max),
            self.reference,
            self.ratio,
            self.target,
            unit = self.unit,
        );
    }
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// Everything shared by the cases: the binary, the tools, the reference process.
struct Bench {
    binary: PathBuf,
    runs: usize,
    gnu_time: Option<PathBuf>,
    vlmcs: Option<PathBuf>,
    true_rss: Option<u64>,
    load: String,
}

impl Bench {
    /// Times a whole-process vlmgr case, with its peak RSS, against `/bin/true`.
    fn process_case(
        &self,
        case: &str,
        invocation: &Invocation,
        runs: usize,
        target_ms: Option<f64>,
        vlmcs: Option<Stats>,
    ) -> Row {
        // One untimed run so the page cache and the state file are warm for every case.
        let _ = invocation.time_once();
        // The reference is timed right before each case, so both see the same load.
        let (true_stats, _) = Invocation::other(Path::new("/bin/true"), &[]).time(self.runs);
        let (stats, failures) = invocation.time(runs);
        let rss_kib = invocation.peak_rss_kib(self.gnu_time.as_deref());
        let case = if failures > 0 {
            format!("{case} ({failures}/{runs} runs FAILED)")
        } else {
            case.to_string()
        };
        let rss_met = rss_kib.map(|k| k <= 8 * 1024);
        let (target, met) = match target_ms {
            Some(limit) => (
                format!("<= {limit:.2} ms, <= 8 MiB"),
                Some(stats.median <= limit && rss_met.unwrap_or(true) && failures == 0),
            ),
            None => ("<= 8 MiB".to_string(), rss_met),
        };
        Row {
            case,
            unit: "ms",
            stats,
            reference: format!("/bin/true {:.2} ms", true_stats.median),
            ratio: stats.median / true_stats.median,
            rss_kib,
            vlmcs_ratio: vlmcs.map(|v| stats.median / v.median),
            target,
            met,
        }
    }

    /// Times `vlmcs` against `address` with protocol `version`, one request per run.
    fn vlmcs_stats(&self, address: &str, version: u8) -> Option<Stats> {
        let vlmcs = self.vlmcs.as_deref()?;
        let flag = format!("-{version}");
        let invocation = Invocation::other(vlmcs, &[&flag, "-n", "1", address]);
        let (ok, _) = invocation.time_once();
        if !ok {
            println!("(vlmcs {flag} against {address} failed; no ratio for V{version})");
            return None;
        }
        let (stats, failures) = invocation.time(self.runs);
        if failures > 0 {
            println!("(vlmcs {flag}: {failures}/{} runs failed)", self.runs);
        }
        let rss = invocation.peak_rss_kib(self.gnu_time.as_deref());
        println!(
            "vlmcs {flag} -n 1: median {:.2} ms, min {:.2}, max {:.2}, peak RSS {} KiB",
            stats.median,
            stats.min,
            stats.max,
            rss.map_or("-".to_string(), |k| k.to_string())
        );
        Some(stats)
    }
}

/// A fresh state dir with Windows Pro installed and `skms-domain` set to DOMAIN; with
/// `discover_each_run`, KMS host caching off (`ckhc`), so every `ato` runs discovery
/// instead of going straight to the host found by the previous run.
fn prepared_state(binary: &Path, discover_each_run: bool) -> Outcome<tempfile::TempDir> {
    prepared_state_in(binary, discover_each_run, &std::env::temp_dir())
}

/// [`prepared_state`] in a directory under `parent`.
fn prepared_state_in(
    binary: &Path,
    discover_each_run: bool,
    parent: &Path,
) -> Outcome<tempfile::TempDir> {
    let state = tempfile::tempdir_in(parent)?;
    let mut steps = vec![&["ipk", PRO_GVLK][..], &["skms-domain", DOMAIN][..]];
    if discover_each_run {
        steps.push(&["ckhc"][..]);
    }
    for args in steps {
        let (ok, _) = Invocation::vlmgr(binary, state.path(), args).time_once();
        if !ok {
            return Err(format!("vlmgr {} failed while preparing state", args.join(" ")).into());
        }
    }
    Ok(state)
}

/// The name server of the `discover --check` cases: BIND 9 when installed, else the
/// in-process hickory server.
enum CheckDns {
    Bind(NamedServer),
    Hickory(DnsServer),
}

impl CheckDns {
    fn start(zones: &[Zone]) -> Outcome<CheckDns> {
        Ok(match named_path() {
            Some(_) => CheckDns::Bind(NamedServer::start(zones)?),
            None => CheckDns::Hickory(DnsServer::start(zones)?),
        })
    }

    fn addr(&self) -> std::net::SocketAddr {
        match self {
            CheckDns::Bind(server) => server.addr(),
            CheckDns::Hickory(server) => server.addr(),
        }
    }

    fn name(&self) -> &'static str {
        match self {
            CheckDns::Bind(_) => "BIND 9",
            CheckDns::Hickory(_) => "in-process DNS server",
        }
    }
}

/// A zone whose SRV records list `dead` hosts first (by priority), then `live`.
fn zone_with(dead: &[u16], live: u16) -> Zone {
    let mut zone = Zone::new(DOMAIN);
    for (index, port) in dead.iter().enumerate() {
        let target = format!("dead{index}");
        zone = zone
            .srv("_vlmcs._tcp", index as u16, 0, *port, &target)
            .a(&target, [127, 0, 0, 1]);
    }
    zone.srv("_vlmcs._tcp", 100, 0, live, "live")
        .a("live", [127, 0, 0, 1])
}

/// Median over 41 batches of about 2 ms of the per-call time of `f`, in ns.
fn median_ns(mut f: impl FnMut()) -> Stats {
    let start = Instant::now();
    let mut calibration = 0u32;
    while start.elapsed() < Duration::from_millis(2) {
        f();
        calibration += 1;
    }
    let batch = calibration.max(1);
    let samples = (0..41)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..batch {
                f();
            }
            t.elapsed().as_nanos() as f64 / f64::from(batch)
        })
        .collect();
    Stats::of(samples)
}

/// In-process request PDU encode + response PDU decode + verify, per version, against
/// one AES-128 block of the `aes` crate.
fn protocol_rows() -> Outcome<Vec<Row>> {
    use aes::cipher::{BlockEncrypt, KeyInit};
    let aes = aes::Aes128::new(&[7u8; 16].into());
    let mut block = aes::Block::from([1u8; 16]);
    let reference = median_ns(|| aes.encrypt_block(black_box(&mut block)));
    let mut rows = Vec::new();
    for version in [
        ProtocolVersion::V4,
        ProtocolVersion::V5,
        ProtocolVersion::V6,
    ] {
        let base = common::request_base(version)?;
        let (message, _) = kms::encode_request(&base, [9; 16]);
        let host_view = host_codec::decode_kms_request(&message)
            .map_err(|e| format!("the test host cannot decode our request: {e:?}"))?;
        let answer = HostAnswer::recorded_det([3; 16], [4; 16]);
        let reply = host_codec::encode_kms_response(&host_view, &answer);
        let reply_pdu = host_codec::encode_response_pdu(
            2,
            0,
            TransferSyntax::Ndr32,
            &rpc::ResponseBody::Message(reply),
        );
        let mut verified = true;
        let stats = median_ns(|| {
            let (message, pending) = kms::encode_request(black_box(&base), [9; 16]);
            black_box(rpc::encode_request(2, 0, TransferSyntax::Ndr32, &message));
            let ok = match rpc::decode_pdu(black_box(&reply_pdu)) {
                Ok(rpc::Pdu::Response(rpc::Response {
                    body: rpc::ResponseBody::Message(m),
                    ..
                })) => kms::decode_response(&pending, &m).is_ok(),
                _ => false,
            };
            verified &= ok;
        });
        let v = version.major();
        rows.push(Row {
            case: if verified {
                format!("V{v} request PDU encode + response PDU decode + verify (in-process)")
            } else {
                format!("V{v} codec round trip (FAILED to verify)")
            },
            unit: "ns",
            stats,
            reference: format!("AES-128 block {:.1} ns", reference.median),
            ratio: stats.median / reference.median,
            rss_kib: None,
            vlmcs_ratio: None,
            target: "-".to_string(),
            met: None,
        });
    }
    Ok(rows)
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".to_string());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{cpu}, {cores} cores")
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".to_string())
}

/// The groups of cases to run: `VLMGR_BENCH_ONLY=check,dlv` runs only those (for profiling
/// one case without waiting for the rest); unset, every group runs.
struct Groups(Option<Vec<String>>);

impl Groups {
    const ALL: [&str; 7] = ["ato", "srv", "dlv", "dead", "check", "protocol", "latency"];

    fn from_env() -> Outcome<Self> {
        let Ok(list) = std::env::var("VLMGR_BENCH_ONLY") else {
            return Ok(Groups(None));
        };
        let groups: Vec<String> = list.split(',').map(|g| g.trim().to_string()).collect();
        if let Some(unknown) = groups.iter().find(|g| !Self::ALL.contains(&g.as_str())) {
            return Err(format!(
                "VLMGR_BENCH_ONLY: unknown group {unknown:?}; the groups are {}",
                Self::ALL.join(", ")
            )
            .into());
        }
        Ok(Groups(Some(groups)))
    }

    fn wants(&self, group: &str) -> bool {
        self.0.as_ref().is_none_or(|g| g.iter().any(|g| g == group))
    }
}

fn main() -> Outcome<()> {
    let only = Groups::from_env()?;
    let binary = std::env::var_os("VLMGR_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_vlmgr")));
    let runs = std::env::var("VLMGR_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(DEFAULT_RUNS);
    let true_path = Path::new("/bin/true");
    let gnu_time = Some(PathBuf::from("/usr/bin/time")).filter(|p| p.is_file());
    let true_invocation = Invocation::other(true_path, &[]);
    let _ = true_invocation.time_once();
    let (true_stats, _) = true_invocation.time(runs);
    let bench = Bench {
        binary: binary.clone(),
        runs,
        true_rss: true_invocation.peak_rss_kib(gnu_time.as_deref()),
        gnu_time,
        vlmcs: find_on_path("vlmcs"),
        load: load(),
    };
    println!("binary: {}", bench.binary.display());
    println!(
        "machine: {}; load average at start: {}",
        machine(),
        bench.load
    );
    println!(
        "vlmcs: {}",
        bench
            .vlmcs
            .as_ref()
            .map_or("not on PATH (no vlmgr/vlmcs ratio)".to_string(), |p| p
                .display()
                .to_string())
    );
    println!(
        "reference /bin/true: median {:.2} ms (min {:.2}, max {:.2}), peak RSS {} KiB",
        true_stats.median,
        true_stats.min,
        true_stats.max,
        bench.true_rss.map_or("-".to_string(), |k| k.to_string())
    );

    let live = KmsHost::start(50)?;
    let live_arg = live.address_arg();
    let mut rows = Vec::new();

    // ato --kms per protocol version, from a state with Pro installed.
    let state = prepared_state(&binary, false)?;
    let discovery_state = prepared_state(&binary, true)?;
    for version in [4u8, 5, 6].into_iter().filter(|_| only.wants("ato")) {
        let protocol = version.to_string();
        let invocation = Invocation::vlmgr(
            &binary,
            state.path(),
            &["ato", "--kms", &live_arg, "--protocol", &protocol],
        );
        let vlmcs = bench.vlmcs_stats(&live_arg, version);
        // Within 1.2x of vlmcs when it ran, else at most 3 ms.
        let target = vlmcs.map_or(3.0, |v| v.median * 1.2);
        rows.push(bench.process_case(
            &format!("`ato --kms 127.0.0.1:PORT --protocol {version}`"),
            &invocation,
            runs,
            Some(target),
            vlmcs,
        ));
    }

    // The same with the state on tmpfs, where fsync costs nothing: what the client costs
    // without the durable state write (vlmcs writes no state at all).
    let shm = Path::new("/dev/shm");
    if shm.is_dir() && only.wants("ato") {
        let tmpfs_state = prepared_state_in(&binary, false, shm)?;
        let invocation = Invocation::vlmgr(
            &binary,
            tmpfs_state.path(),
            &["ato", "--kms", &live_arg, "--protocol", "6"],
        );
        let vlmcs = bench.vlmcs_stats(&live_arg, 6);
        let target = vlmcs.map_or(3.0, |v| v.median * 1.2);
        rows.push(bench.process_case(
            "`ato --kms 127.0.0.1:PORT --protocol 6`, state on tmpfs (fsync free)",
            &invocation,
            runs,
            Some(target),
            vlmcs,
        ));
    }

    // The rows above mostly measure runs that write no state: each run records the same
    // result in the same second as the previous one, and an unchanged state is not written.
    // Here every run starts from the state as `ipk` left it, so each records a new result
    // and pays the durable write (on the disk of the temporary directory, then on tmpfs).
    if only.wants("ato") {
        let parents = [
            ("disk", Some(std::env::temp_dir())),
            ("tmpfs", Some(shm.to_path_buf()).filter(|p| p.is_dir())),
        ];
        for (medium, parent) in parents {
            let Some(parent) = parent else { continue };
            let fresh = prepared_state_in(&binary, false, &parent)?;
            let snapshot = fresh.path().join("state.json.installed");
            std::fs::copy(fresh.path().join("state.json"), &snapshot)?;
            let mut invocation = Invocation::vlmgr(
                &binary,
                fresh.path(),
                &["ato", "--kms", &live_arg, "--protocol", "6"],
            );
            invocation.restore = Some(snapshot);
            let vlmcs = bench.vlmcs_stats(&live_arg, 6);
            let target = vlmcs.map_or(3.0, |v| v.median * 1.2);
            rows.push(bench.process_case(
                &format!(
                    "`ato --kms 127.0.0.1:PORT --protocol 6`, a new result written every run, state on {medium}"
                ),
                &invocation,
                runs,
                Some(target),
                vlmcs,
            ));
        }
    }

    // ato through SRV discovery.
    if only.wants("srv") {
        let dns = DnsServer::start(&[zone_with(&[], live.addr().port())])?;
        let dns_arg = dns.addr().to_string();
        let invocation = Invocation::vlmgr(
            &binary,
            discovery_state.path(),
            &["ato", "--dns-server", &dns_arg],
        );
        rows.push(bench.process_case(
            "`ato` through SRV (in-process DNS server)",
            &invocation,
            runs,
            Some(3.0),
            None,
        ));
    }

    // dlv after an activation: start-up and state read.
    if only.wants("dlv") {
        let invocation = Invocation::vlmgr(&binary, state.path(), &["dlv"]);
        rows.push(bench.process_case("`dlv`", &invocation, runs, Some(2.0), None));
    }

    // Time-to-activate behind k unreachable hosts of each kind.
    let silent_requests = if only.wants("dead") {
        let silent: Vec<KmsHost> = (0..4)
            .map(|_| KmsHost::start_with(50, Misbehaviour::SilentAfterConnect))
            .collect::<Result<_, _>>()?;
        let droppers: Vec<SynDropper> = (0..4)
            .map(|_| SynDropper::start())
            .collect::<Result<_, _>>()?;
        for (kind, ports) in [
            (
                "SYN-dropping",
                droppers.iter().map(|d| d.addr().port()).collect::<Vec<_>>(),
            ),
            (
                "accept-then-silent",
                silent.iter().map(|h| h.addr().port()).collect::<Vec<_>>(),
            ),
        ] {
            for dead in [0usize, 1, 2, 4] {
                if dead == 0 && kind == "accept-then-silent" {
                    continue;
                }
                let dns = DnsServer::start(&[zone_with(
                    ports.get(..dead).unwrap_or_default(),
                    live.addr().port(),
                )])?;
                let dns_arg = dns.addr().to_string();
                let invocation = Invocation::vlmgr(
                    &binary,
                    discovery_state.path(),
                    &["ato", "--dns-server", &dns_arg, "--timeout", "10s"],
                );
                let case = if dead == 0 {
                    "time-to-activate, SRV, no dead host".to_string()
                } else {
                    format!("time-to-activate, SRV, {dead} {kind} then live")
                };
                let limit = 300.0 * dead as f64 + 50.0;
                let mut row = bench.process_case(
                    &case,
                    &invocation,
                    if dead == 0 { runs } else { SLOW_RUNS },
                    Some(limit),
                    None,
                );
                row.target = format!("<= {limit:.0} ms");
                row.met = Some(row.stats.median <= limit && !row.case.contains("FAILED"));
                rows.push(row);
            }
        }
        Some(silent.iter().map(KmsHost::requests).sum::<usize>())
    } else {
        None
    };

    let mut held_check = None;
    let check_binds = if only.wants("check") {
        // discover --check: one host, then 50.
        // Both checks bind to a fleet served from one epoll thread: the thread-per-connection
        // KmsHost costs more CPU per connection than the client does, on the same two cores.
        // The zone is served by BIND 9 when it is installed, as a real server would serve
        // it. (It sends the targets' addresses with an SRV answer of up to 13 records, not
        // with this 50-record one: the 50 targets are queried; docs/performance.md.)
        let one = BindFleet::start(1)?;
        let one_port = one.ports().first().copied().ok_or("empty fleet")?;
        let single = CheckDns::start(&[zone_with(&[], one_port)])?;
        let single_arg = single.addr().to_string();
        let single_invocation = Invocation::vlmgr(
            &binary,
            state.path(),
            &["discover", DOMAIN, "--check", "--dns-server", &single_arg],
        );
        let single_row = bench.process_case(
            &format!("`discover --check`, 1 host (reference; {})", single.name()),
            &single_invocation,
            runs,
            None,
            None,
        );
        let fifty = BindFleet::start(50)?;
        let mut zone = Zone::new(DOMAIN);
        for (index, port) in fifty.ports().iter().enumerate() {
            let target = format!("h{index}");
            zone = zone
                .srv("_vlmcs._tcp", 0, 10, *port, &target)
                .a(&target, [127, 0, 0, 1]);
        }
        let many = CheckDns::start(&[zone])?;
        let many_arg = many.addr().to_string();
        let invocation = Invocation::vlmgr(
            &binary,
            state.path(),
            &["discover", DOMAIN, "--check", "--dns-server", &many_arg],
        );
        let mut many_row = bench.process_case(
            &format!("`discover --check`, 50 hosts ({})", many.name()),
            &invocation,
            runs,
            None,
            None,
        );
        let single_median = single_row.stats.median;
        let limit = 2.0 * single_median;
        many_row.reference = format!("1-host check {single_median:.2} ms");
        many_row.ratio = many_row.stats.median / single_median;
        many_row.target = format!("<= 2x 1-host ({limit:.1} ms), <= 8 MiB");
        many_row.met = Some(
            many_row.stats.median <= limit
                && many_row.rss_kib.is_none_or(|k| k <= 8 * 1024)
                && !many_row.case.contains("FAILED"),
        );
        let binds = fifty.binds();
        let bound: u32 = binds.iter().sum();
        let bound_hosts = binds.iter().filter(|&&b| b > 0).count();
        rows.push(single_row);
        rows.push(many_row);
        held_check = Some((fifty, many, single));
        Some((bound, bound_hosts))
    } else {
        None
    };

    if only.wants("protocol") {
        rows.extend(protocol_rows()?);
    }

    let latency = if only.wants("latency") {
        Some(latency::run(&binary, runs)?)
    } else {
        None
    };

    let size = std::fs::metadata(&binary)?.len();
    let (reference, ratio) = match bench.vlmcs.as_ref().and_then(|v| std::fs::metadata(v).ok()) {
        Some(meta) => (
            format!("vlmcs {} KiB", meta.len() / 1024),
            size as f64 / meta.len() as f64,
        ),
        None => {
            let true_size = std::fs::metadata(true_path)?.len();
            (
                format!("/bin/true {} KiB", true_size / 1024),
                size as f64 / true_size as f64,
            )
        }
    };
    rows.push(Row {
        case: "release binary size (profile strips it)".to_string(),
        unit: "KiB",
        stats: Stats {
            median: size as f64 / 1024.0,
            min: size as f64 / 1024.0,
            max: size as f64 / 1024.0,
        },
        reference,
        ratio,
        rss_kib: None,
        vlmcs_ratio: None,
        target: "-".to_string(),
        met: None,
    });

    println!();
    println!(
        "| case | median | min | max | reference (same run) | x ref | peak RSS MiB | x vlmcs | target | met |"
    );
    println!("|---|---:|---:|---:|---|---:|---:|---:|---|---|");
    for row in &rows {
        row.print();
    }
    println!();
    println!(
        "runs: {runs} per case ({SLOW_RUNS} behind dead hosts), peak RSS = max of {RSS_RUNS} runs under GNU time"
    );
    if let Some((bound, bound_hosts)) = check_binds {
        println!("50-host check: {bound} binds on {bound_hosts} of 50 hosts over all runs");
    }
    if let Some(requests) = silent_requests {
        println!("silent hosts received {requests} requests (must be 0)");
    }
    if let Some(latency) = &latency {
        latency::print(&latency.rows);
        println!();
        for note in &latency.notes {
            println!("{note}");
        }
    }
    println!("load average at end: {}", load());
    // For profiling by hand (perf, callgrind, -v) against the same hosts.
    if let Some(seconds) = std::env::var("VLMGR_BENCH_HOLD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        println!(
            "\nholding the hosts for {seconds} s; live KMS host: {live_arg}; state: VLMGR_STATE_DIR={}",
            state.path().display()
        );
        if let Some((_, many, single)) = &held_check {
            println!(
                "{} discover {DOMAIN} --check --dns-server {} (50 hosts; 1 host: --dns-server {})",
                binary.display(),
                many.addr(),
                single.addr()
            );
        }
        if let Some(latency) = &latency {
            println!("latency cases:");
            for command in &latency.commands {
                println!("{command}");
            }
        }
        std::thread::sleep(Duration::from_secs(seconds));
    }
    Ok(())
}
