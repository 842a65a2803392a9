//! The latency group of the suite (issue 17): whole vlmgr processes against a DNS server
//! 20 ms away (10 ms each way) and KMS hosts 30 ms away (15 ms each way, so one exchange,
//! a bind or a request, costs 30 ms), with the delays kept in user space by the relays of
//! `tests/support/latency.rs`. TCP handshakes complete at once.
//!
//! Each case runs paired with its one-host or one-domain twin (twin, case, twin, case,
//! ...), so both see the same load, and is reported against its round-trip floor and the
//! twin's median. docs/performance.md explains every floor.

use std::error::Error;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, UdpSocket};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use vlmgr::protocol::rpc::{PDU_HEADER_LEN, encode_bind_windows, pdu_frame_len};

use super::support::bind::{NamedServer, named_path};
use super::support::bind_only::BindFleet;
use super::support::dns::{DnsServer, LoggedQuery, SilentDnsServer, Transport, Zone};
use super::support::latency::{Delayed, srv_query};
use super::{Invocation, Outcome, PRO_GVLK, Stats};

/// One way to the DNS server: a DNS round trip costs 20 ms.
pub(crate) const DNS_ONE_WAY: Duration = Duration::from_millis(10);
/// One way to every KMS host: an exchange (bind, request) costs 30 ms.
pub(crate) const KMS_ONE_WAY: Duration = Duration::from_millis(15);
/// Hosts of the fleet the `check` and `discover` cases bind to.
const FLEET: usize = 50;
/// Domains of the many-domain `check`.
const CHECK_DOMAINS: usize = 10;
/// Domains of the long search-list walk (only the last has records).
const WALK_DOMAINS: usize = 5;
/// SRV targets of the many-target `ato`.
const ATO_TARGETS: usize = 5;

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// The round trips a case cannot do without, one after another.
#[derive(Clone, Copy)]
struct Floor {
    /// DNS round trips, each [`DNS_ONE_WAY`] twice.
    dns: u32,
    /// KMS exchanges, each [`KMS_ONE_WAY`] twice.
    kms: u32,
    /// Which ones.
    steps: &'static str,
}

impl Floor {
    fn ms(self) -> f64 {
        f64::from(self.dns) * 2.0 * millis(DNS_ONE_WAY)
            + f64::from(self.kms) * 2.0 * millis(KMS_ONE_WAY)
    }

    fn describe(self) -> String {
        format!("{:.0} ms: {}", self.ms(), self.steps)
    }
}

/// `ato` through SRV: the SRV query, then the target's A and AAAA together, then the
/// bind and the request.
const ATO_FLOOR: Floor = Floor {
    dns: 2,
    kms: 2,
    steps: "SRV, A+AAAA, bind, request",
};
/// `check` of one domain (or many, queried together): SRV, A+AAAA, the bind.
const CHECK_FLOOR: Floor = Floor {
    dns: 2,
    kms: 1,
    steps: "SRV, A+AAAA, bind",
};
/// `check` of a domain with 50 hosts: the SRV answer does not fit in a UDP datagram, so it
/// is fetched again over TCP, one more round trip.
const CHECK_50_FLOOR: Floor = Floor {
    dns: 3,
    kms: 1,
    steps: "SRV (UDP, truncated), SRV (TCP), A+AAAA, bind",
};
/// `discover` of one host: SRV, A+AAAA.
const DISCOVER_FLOOR: Floor = Floor {
    dns: 2,
    kms: 0,
    steps: "SRV, A+AAAA",
};
/// `discover` of 50 hosts.
const DISCOVER_50_FLOOR: Floor = Floor {
    dns: 3,
    kms: 0,
    steps: "SRV (UDP, truncated), SRV (TCP), A+AAAA",
};
/// `ato` to the cached host at an address the state kept: no DNS round trip is needed
/// before connecting (issue 16), so the bind and the request alone.
const KEPT_ADDRESS_FLOOR: Floor = Floor {
    dns: 0,
    kms: 2,
    steps: "bind, request (kept address)",
};
/// One DNS query from the bench process.
const ONE_QUERY_FLOOR: Floor = Floor {
    dns: 1,
    kms: 0,
    steps: "one query",
};
/// One bind from the bench process.
const ONE_BIND_FLOOR: Floor = Floor {
    dns: 0,
    kms: 1,
    steps: "one exchange",
};

/// One row of the latency table.
pub(crate) struct LatencyRow {
    case: String,
    stats: Stats,
    floor: Floor,
    /// The twin's name and median in the same run.
    twin: Option<(String, f64)>,
    /// The target, as text, and whether it is met.
    target: Option<(String, bool)>,
}

impl LatencyRow {
    fn print(&self) {
        let twin =
            self.twin
                .as_ref()
                .map_or(("-".to_string(), "-".to_string()), |(name, median)| {
                    (
                        format!("{name} {median:.1} ms"),
                        format!("{:.2}", self.stats.median / median),
                    )
                });
        let (target, met) = match &self.target {
            Some((text, met)) => (text.as_str(), if *met { "yes" } else { "NO" }),
            None => ("-", "-"),
        };
        println!(
            "| {} | {:.1} ms | {:.1} | {:.1} | {} | {:.2} | {} | {} | {target} | {met} |",
            self.case,
            self.stats.median,
            self.stats.min,
            self.stats.max,
            self.floor.describe(),
            self.stats.median / self.floor.ms(),
            twin.0,
            twin.1,
        );
    }
}

/// Prints the table.
pub(crate) fn print(rows: &[LatencyRow]) {
    println!();
    println!(
        "latency: DNS round trip {:.0} ms, KMS exchange {:.0} ms (user-space delays; TCP handshakes at once)",
        2.0 * millis(DNS_ONE_WAY),
        2.0 * millis(KMS_ONE_WAY)
    );
    println!();
    println!(
        "| case | median | min | max | floor (round trips) | x floor | twin (same run) | x twin | target | met |"
    );
    println!("|---|---:|---:|---:|---|---:|---|---:|---|---|");
    for row in rows {
        row.print();
    }
}

/// The DNS server of the latency cases: BIND 9 when installed, else the in-process one.
enum LatencyDns {
    Bind(Delayed<NamedServer>),
    Hickory(Delayed<DnsServer>),
}

impl LatencyDns {
    fn start(zones: &[Zone]) -> Outcome<LatencyDns> {
        Ok(match named_path() {
            Some(_) => LatencyDns::Bind(Delayed::named(zones, DNS_ONE_WAY)?),
            None => LatencyDns::Hickory(Delayed::dns_server(zones, DNS_ONE_WAY)?),
        })
    }

    fn addr(&self) -> SocketAddr {
        match self {
            LatencyDns::Bind(server) => server.addr(),
            LatencyDns::Hickory(server) => server.addr(),
        }
    }

    fn name(&self) -> &'static str {
        match self {
            LatencyDns::Bind(_) => "BIND 9",
            LatencyDns::Hickory(_) => "the in-process DNS server",
        }
    }

    fn queries(&self) -> Vec<LoggedQuery> {
        match self {
            LatencyDns::Bind(server) => server.server.queries(),
            LatencyDns::Hickory(server) => server.server.queries(),
        }
    }
}

/// Every zone of the latency cases. All targets live in `hosts.test`, outside the zones
/// of their SRV records, so no answer carries their addresses: each needs an A and an
/// AAAA query (BIND adds addresses to an SRV answer only from the same zone).
fn zones(kms_port: u16, fleet: &[SocketAddr]) -> Vec<Zone> {
    let mut hosts = Zone::new("hosts.test").a("kms", [127, 0, 0, 1]);
    let mut five = Zone::new("five.test");
    for index in 0..ATO_TARGETS {
        let target = format!("t{index}");
        hosts = hosts.a(&target, [127, 0, 0, 1]);
        let priority = u16::try_from(index).unwrap_or(u16::MAX);
        five = five.srv(
            "_vlmcs._tcp",
            priority,
            0,
            kms_port,
            &format!("{target}.hosts.test."),
        );
    }
    let mut fifty = Zone::new("fifty.test");
    for (index, host) in fleet.iter().enumerate() {
        let target = format!("h{index}");
        hosts = hosts.a(&target, [127, 0, 0, 1]);
        fifty = fifty.srv(
            "_vlmcs._tcp",
            0,
            10,
            host.port(),
            &format!("{target}.hosts.test."),
        );
    }
    let first_fleet_port = fleet.first().map_or(0, SocketAddr::port);
    let mut zones = vec![
        Zone::new("one.test").srv("_vlmcs._tcp", 0, 0, kms_port, "kms.hosts.test."),
        five,
        fifty,
        Zone::new("single.test").srv("_vlmcs._tcp", 0, 0, first_fleet_port, "h0.hosts.test."),
    ];
    for (index, host) in fleet.iter().take(CHECK_DOMAINS).enumerate() {
        let target = format!("c{index}");
        hosts = hosts.a(&target, [127, 0, 0, 1]);
        zones.push(Zone::new(&check_domain(index)).srv(
            "_vlmcs._tcp",
            0,
            0,
            host.port(),
            &format!("{target}.hosts.test."),
        ));
    }
    // The walk: w1 .. w4 exist without KMS records (NXDOMAIN), w5 has the host.
    for index in 1..WALK_DOMAINS {
        zones.push(Zone::new(&format!("w{index}.test")));
    }
    zones.push(Zone::new(&format!("w{WALK_DOMAINS}.test")).srv(
        "_vlmcs._tcp",
        0,
        0,
        kms_port,
        "kms.hosts.test.",
    ));
    zones.push(hosts);
    zones
}

fn check_domain(index: usize) -> String {
    format!("d{:02}.test", index + 1)
}

/// The copy of a prepared state that each `ato` run starts from (see [`state`]).
const INSTALLED: &str = "state.json.installed";

/// A state dir with Pro installed and host caching off (every `ato` runs discovery), and
/// `lookup_domain` set with `skms-domain` when given; a copy of its state file is kept as
/// [`INSTALLED`], so that every `ato` run can start from it and record a new result,
/// paying the state write a user pays.
fn state(binary: &Path, lookup_domain: Option<&str>) -> Outcome<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    let mut steps = vec![vec!["ipk", PRO_GVLK], vec!["ckhc"]];
    if let Some(domain) = lookup_domain {
        steps.push(vec!["skms-domain", domain]);
    }
    for args in steps {
        let (ok, _) = Invocation::vlmgr(binary, dir.path(), &args).time_once();
        if !ok {
            return Err(format!("vlmgr {} failed while preparing state", args.join(" ")).into());
        }
    }
    std::fs::copy(dir.path().join("state.json"), dir.path().join(INSTALLED))?;
    Ok(dir)
}

/// A state dir with Pro installed and host caching on, whose cached host is
/// `kms.hosts.test` on `port` with the address it answered on kept (127.0.0.1), as an
/// earlier `ato` leaves it; each run starts from that state.
fn cached_state(binary: &Path, port: u16) -> Outcome<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    let (ok, _) = Invocation::vlmgr(binary, dir.path(), &["ipk", PRO_GVLK]).time_once();
    if !ok {
        return Err("vlmgr ipk failed while preparing state".into());
    }
    let path = dir.path().join("state.json");
    let mut state: serde_json::Value = serde_json::from_slice(&std::fs::read(&path)?)?;
    state["products"][0]["cached_host"] = serde_json::json!({
        "host": "kms.hosts.test",
        "port": port,
        "addresses": ["127.0.0.1"],
    });
    std::fs::write(&path, serde_json::to_vec_pretty(&state)?)?;
    std::fs::copy(&path, dir.path().join(INSTALLED))?;
    Ok(dir)
}

/// A resolv.conf holding only a search line (the name server is `--dns-server`).
fn resolv_conf(dir: &Path, name: &str, search: &[String]) -> Outcome<PathBuf> {
    let path = dir.join(name);
    let text = if search.is_empty() {
        String::new()
    } else {
        format!("search {}\n", search.join(" "))
    };
    std::fs::write(&path, text)?;
    Ok(path)
}

/// One timed command line and its floor.
struct Case {
    name: String,
    invocation: Invocation,
    floor: Floor,
}

/// Times `twin` and `case` alternately, `runs` times each; returns both rows.
fn paired(twin: Case, case: Case, runs: usize, target: Option<f64>) -> [LatencyRow; 2] {
    // One untimed run each, so the page cache and the state files are warm.
    let _ = twin.invocation.time_once();
    let _ = case.invocation.time_once();
    let mut twin_times = Vec::with_capacity(runs);
    let mut case_times = Vec::with_capacity(runs);
    let mut failures = [0usize; 2];
    for run in 0..runs {
        // Alternate which goes first, so neither always follows the other.
        let order = if run % 2 == 0 { [0, 1] } else { [1, 0] };
        for which in order {
            let (invocation, times) = if which == 0 {
                (&twin.invocation, &mut twin_times)
            } else {
                (&case.invocation, &mut case_times)
            };
            let (ok, elapsed) = invocation.time_once();
            if !ok {
                failures[which] += 1;
            }
            times.push(millis(elapsed));
        }
    }
    let label = |name: &str, failed: usize| {
        if failed > 0 {
            format!("{name} ({failed}/{runs} runs FAILED)")
        } else {
            name.to_string()
        }
    };
    let twin_stats = Stats::of(twin_times);
    let case_stats = Stats::of(case_times);
    let ratio = case_stats.median / twin_stats.median;
    let twin_row = LatencyRow {
        case: label(&twin.name, failures[0]),
        stats: twin_stats,
        floor: twin.floor,
        twin: None,
        target: None,
    };
    let case_row = LatencyRow {
        case: label(&case.name, failures[1]),
        stats: case_stats,
        floor: case.floor,
        twin: Some((twin.name, twin_stats.median)),
        target: target.map(|limit| {
            (
                format!("<= {limit:.2}x twin"),
                ratio <= limit && failures == [0, 0],
            )
        }),
    };
    [twin_row, case_row]
}

/// The harness itself, from the bench process: one DNS query, one RPC bind.
fn harness_rows(dns: SocketAddr, host: SocketAddr, runs: usize) -> Outcome<Vec<LatencyRow>> {
    let socket = UdpSocket::bind("127.0.0.1:0")?;
    socket.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut query_times = Vec::with_capacity(runs);
    let mut answer = vec![0u8; 65536];
    for id in 0..runs {
        let query = srv_query(u16::try_from(id).unwrap_or(0), "_vlmcs._tcp.one.test.")?;
        let started = Instant::now();
        socket.send_to(&query, dns)?;
        socket.recv(&mut answer)?;
        query_times.push(millis(started.elapsed()));
    }
    let mut bind_times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let mut stream = TcpStream::connect(host)?;
        stream.set_read_timeout(Some(Duration::from_secs(5)))?;
        let started = Instant::now();
        stream.write_all(&encode_bind_windows(2))?;
        let mut pdu = vec![0u8; PDU_HEADER_LEN];
        stream.read_exact(&mut pdu)?;
        let length = pdu_frame_len(&pdu)?.unwrap_or(PDU_HEADER_LEN);
        pdu.resize(length.max(PDU_HEADER_LEN), 0);
        stream.read_exact(&mut pdu[PDU_HEADER_LEN..])?;
        bind_times.push(millis(started.elapsed()));
    }
    let row = |case: &str, times: Vec<f64>, floor: Floor| LatencyRow {
        case: case.to_string(),
        stats: Stats::of(times),
        floor,
        twin: None,
        target: None,
    };
    Ok(vec![
        row(
            "harness: one SRV query over UDP from the bench process",
            query_times,
            ONE_QUERY_FLOOR,
        ),
        row(
            "harness: one RPC bind from the bench process (connected beforehand)",
            bind_times,
            ONE_BIND_FLOOR,
        ),
    ])
}

/// What the server's query log says about the assumptions behind the floors.
fn log_checks(dns: &LatencyDns) -> Vec<String> {
    let queries = dns.queries();
    let asked = |name: &str, record_type: &str, transport: Option<Transport>| {
        queries.iter().any(|query| {
            query.name == name
                && query.record_type == record_type
                && transport.is_none_or(|t| t == query.transport)
        })
    };
    let yes_no = |ok: bool| if ok { "yes" } else { "NO" };
    vec![
        format!(
            "the 1-target ato queried the target's A and AAAA (no addresses in the SRV answer): {}",
            yes_no(asked("kms.hosts.test", "A", None) && asked("kms.hosts.test", "AAAA", None))
        ),
        format!(
            "the 50-host SRV answer was fetched again over TCP: {}",
            yes_no(asked("_vlmcs._tcp.fifty.test", "SRV", Some(Transport::Tcp)))
        ),
        format!(
            "the 50 hosts' addresses were queried: {}",
            yes_no(asked("h49.hosts.test", "A", None))
        ),
        format!(
            "the 5-domain walk queried the domains without records: {}",
            yes_no(asked("_vlmcs._tcp.w1.test", "SRV", None))
        ),
    ]
}

/// What the latency group measured, and its servers, kept up until dropped.
pub(crate) struct LatencyRun {
    pub rows: Vec<LatencyRow>,
    /// What the run checked about itself.
    pub notes: Vec<String>,
    /// Every case as a shell command line, for profiling by hand while held.
    pub commands: Vec<String>,
    _servers: Box<dyn std::any::Any>,
}

/// `invocation` as a shell command line.
fn shell_line(invocation: &Invocation) -> String {
    let mut words: Vec<String> = Vec::new();
    if let Some(state) = &invocation.state {
        words.push(format!("VLMGR_STATE_DIR={}", state.display()));
    }
    for (name, value) in &invocation.env {
        words.push(format!("{name}={}", value.to_string_lossy()));
    }
    words.push(invocation.program.display().to_string());
    words.extend(invocation.args.iter().cloned());
    words.join(" ")
}

/// Runs the latency group.
pub(crate) fn run(binary: &Path, runs: usize) -> Result<LatencyRun, Box<dyn Error>> {
    let host = Delayed::kms_host(50, KMS_ONE_WAY)?;
    let fleet: Delayed<BindFleet> = Delayed::bind_fleet(FLEET, KMS_ONE_WAY)?;
    let dns = LatencyDns::start(&zones(host.addr().port(), fleet.addrs()))?;
    let dns_arg = dns.addr().to_string();
    let files = tempfile::tempdir()?;
    let no_search = resolv_conf(files.path(), "none.conf", &[])?;
    let walk: Vec<String> = (1..=WALK_DOMAINS).map(|i| format!("w{i}.test")).collect();
    let long_walk = resolv_conf(files.path(), "walk5.conf", &walk)?;
    let short_walk = resolv_conf(files.path(), "walk1.conf", &walk[WALK_DOMAINS - 1..])?;

    let one_state = state(binary, Some("one.test"))?;
    let five_state = state(binary, Some("five.test"))?;
    let walk_state = state(binary, None)?;
    let plain_state = state(binary, None)?;
    let case = |name: &str, state: &Path, args: &[&str], conf: &Path, floor| {
        let mut args = args.to_vec();
        args.extend(["--dns-server", &dns_arg]);
        let mut invocation = Invocation::vlmgr(binary, state, &args);
        invocation
            .env
            .push(("VLMGR_RESOLV_CONF".into(), conf.as_os_str().to_owned()));
        if args.first() == Some(&"ato") {
            invocation.restore = Some(state.join(INSTALLED));
        }
        Case {
            name: name.to_string(),
            invocation,
            floor,
        }
    };

    let mut rows = harness_rows(dns.addr(), host.addr(), runs)?;
    let mut commands = Vec::new();
    let mut pair = |twin: Case, case: Case, target| {
        commands.push(format!("{}: {}", twin.name, shell_line(&twin.invocation)));
        commands.push(format!("{}: {}", case.name, shell_line(&case.invocation)));
        paired(twin, case, runs, target)
    };
    let mut ato = pair(
        case(
            "`ato`, SRV with 1 target outside the zone",
            one_state.path(),
            &["ato"],
            &no_search,
            ATO_FLOOR,
        ),
        case(
            "`ato`, 5 SRV targets, the first works",
            five_state.path(),
            &["ato"],
            &no_search,
            ATO_FLOOR,
        ),
        Some(1.1),
    );
    // The 1-target case is also held to its floor.
    let [one_target, _] = &mut ato;
    let ratio = one_target.stats.median / one_target.floor.ms();
    let ok = !one_target.case.contains("FAILED");
    one_target.target = Some(("<= 1.10x floor".to_string(), ok && ratio <= 1.1));
    rows.extend(ato);
    let domains: Vec<String> = (0..CHECK_DOMAINS).map(check_domain).collect();
    let mut many_domains = vec!["check"];
    many_domains.extend(domains.iter().map(String::as_str));
    rows.extend(pair(
        case(
            "`check`, 1 domain",
            plain_state.path(),
            &["check", &domains[0]],
            &no_search,
            CHECK_FLOOR,
        ),
        case(
            "`check`, 10 domains",
            plain_state.path(),
            &many_domains,
            &no_search,
            CHECK_FLOOR,
        ),
        Some(1.3),
    ));
    rows.extend(pair(
        case(
            "`check`, 1 host",
            plain_state.path(),
            &["check", "single.test"],
            &no_search,
            CHECK_FLOOR,
        ),
        case(
            "`check`, 50 hosts",
            plain_state.path(),
            &["check", "fifty.test"],
            &no_search,
            CHECK_50_FLOOR,
        ),
        Some(1.35),
    ));
    rows.extend(pair(
        case(
            "`ato`, search-list walk of 1 domain",
            walk_state.path(),
            &["ato"],
            &short_walk,
            ATO_FLOOR,
        ),
        case(
            "`ato`, search-list walk of 5 domains, records in the last",
            walk_state.path(),
            &["ato"],
            &long_walk,
            ATO_FLOOR,
        ),
        Some(1.2),
    ));
    rows.extend(pair(
        case(
            "`discover`, 1 host",
            plain_state.path(),
            &["discover", "single.test"],
            &no_search,
            DISCOVER_FLOOR,
        ),
        case(
            "`discover`, 50 hosts",
            plain_state.path(),
            &["discover", "fifty.test"],
            &no_search,
            DISCOVER_50_FLOOR,
        ),
        None,
    ));

    // Issue 16: the cached host answers at its kept address while the name server is
    // silent; its twin has the name server up (the name is resolved meanwhile).
    let silent = SilentDnsServer::start()?;
    let silent_arg = silent.addr()?.to_string();
    let cached = cached_state(binary, host.addr().port())?;
    let mut outage = case(
        "`ato`, cached host at a kept address, name server silent",
        cached.path(),
        &["ato"],
        &no_search,
        KEPT_ADDRESS_FLOOR,
    );
    let dns_at = outage.invocation.args.len() - 1;
    outage.invocation.args[dns_at] = silent_arg;
    rows.extend(pair(
        case(
            "`ato`, cached host at a kept address, name server up",
            cached.path(),
            &["ato"],
            &no_search,
            KEPT_ADDRESS_FLOOR,
        ),
        outage,
        Some(1.1),
    ));

    let mut notes = vec![format!(
        "latency: {runs} paired runs per case; DNS served by {} behind the relay",
        dns.name()
    )];
    notes.extend(log_checks(&dns));
    notes.push(format!(
        "latency: the KMS host answered {} requests; the fleet {} binds",
        host.server.requests(),
        fleet.server.binds().iter().sum::<u32>()
    ));
    let servers = (
        host,
        fleet,
        dns,
        (silent, cached),
        files,
        one_state,
        five_state,
        walk_state,
        plain_state,
    );
    Ok(LatencyRun {
        rows,
        notes,
        commands,
        _servers: Box::new(servers),
    })
}
