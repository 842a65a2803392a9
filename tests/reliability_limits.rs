//! `check` and `discover --check` under a low open-file limit (`ulimit -n` in the child),
//! on the real binary: connections are bounded by what the process may open, the rest
//! wait for a turn, and a connect this machine cannot make is never a host's fault
//! (docs/reliability.md, "Open files and sockets").
#![cfg(unix)]

mod support;

use std::net::Ipv4Addr;
use std::process::Output;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use assert_cmd::Command;
use support::dns::{DnsServer, Zone};
use support::ports::ClosedPort;

/// Hosts that accept a connection, hold it silent for a while, then close it: their side
/// counts how many connections are open at once. The count goes down when a host closes,
/// before the client can notice and open another, so it never counts more than the
/// client had open.
struct Holders {
    port: u16,
    most_at_once: Arc<AtomicUsize>,
    accepted: Arc<AtomicUsize>,
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl Holders {
    fn start(hold: Duration) -> Holders {
        let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("listen");
        listener.set_nonblocking(true).expect("nonblocking");
        let port = listener.local_addr().expect("addr").port();
        let most_at_once = Arc::new(AtomicUsize::new(0));
        let accepted = Arc::new(AtomicUsize::new(0));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (most, count) = (Arc::clone(&most_at_once), Arc::clone(&accepted));
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
                let open = Arc::new(AtomicUsize::new(0));
                let accepting = async {
                    while let Ok((stream, _)) = listener.accept().await {
                        count.fetch_add(1, Ordering::SeqCst);
                        let now = open.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        let open = Arc::clone(&open);
                        tokio::spawn(async move {
                            tokio::time::sleep(hold).await;
                            open.fetch_sub(1, Ordering::SeqCst);
                            drop(stream);
                        });
                    }
                };
                tokio::select! {
                    () = accepting => {}
                    _ = stopped => {}
                }
            });
        });
        Holders {
            port,
            most_at_once,
            accepted,
            _stop: stop,
        }
    }
}

/// `vlmgr` with `args`, its open-file limit lowered to `limit` first.
fn vlmgr_limited(
    limit: u32,
    state: &std::path::Path,
    resolv: &std::path::Path,
    args: &[&str],
) -> Output {
    let binary = assert_cmd::cargo::cargo_bin("vlmgr");
    Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -n {limit} && exec \"$0\" \"$@\""))
        .arg(binary)
        .args(args)
        .env("VLMGR_STATE_DIR", state)
        .env("VLMGR_RESOLV_CONF", resolv)
        .output()
        .expect("runs")
}

const LIMIT: u32 = 256;
/// The most connections a budget under [`LIMIT`] allows: the limit less the descriptors
/// kept for DNS and the rest (160), less those already open (at least 3).
const MOST_UNDER_LIMIT: usize = (LIMIT as usize) - 160 - 3;
const HELD: usize = 200;
const REFUSED: usize = 150;

/// One working host (priority 0), [`HELD`] hosts that accept and close after a second,
/// [`REFUSED`] ports that refuse: far more addresses than [`LIMIT`] descriptors, in one
/// domain searched through the in-process name server.
struct Crowd {
    holders: Holders,
    live: u16,
    dns: DnsServer,
    _refused: Vec<ClosedPort>,
    dir: tempfile::TempDir,
}

impl Crowd {
    fn start(hold: Duration) -> Crowd {
        let holders = Holders::start(hold);
        let refused: Vec<ClosedPort> = (0..REFUSED)
            .map(|_| ClosedPort::new().expect("port"))
            .collect();
        let live = support::bind_only::start(4);
        let mut zone = Zone::new("lab.test")
            .srv("_vlmcs._tcp", 0, 0, live, "live")
            .a("live", [127, 0, 0, 1])
            .a("dead", [127, 0, 0, 1]);
        for n in 0..HELD {
            let name = format!("held{n}");
            zone = zone
                .srv("_vlmcs._tcp", 1, 0, holders.port, &name)
                .a(&name, [127, 0, 0, 1]);
        }
        for port in &refused {
            zone = zone.srv("_vlmcs._tcp", 1, 0, port.port(), "dead");
        }
        let dir = tempfile::tempdir().expect("dir");
        std::fs::write(dir.path().join("resolv.conf"), "search lab.test\n").expect("resolv");
        Crowd {
            holders,
            live,
            dns: DnsServer::start(&[zone]).expect("dns"),
            _refused: refused,
            dir,
        }
    }

    /// `vlmgr` under `ulimit -n` [`LIMIT`], asking the crowd's name server.
    fn run(&self, args: &[&str]) -> Output {
        self.run_within(LIMIT, "60s", args)
    }

    /// `vlmgr` under `ulimit -n limit` and `--timeout timeout`.
    fn run_within(&self, limit: u32, timeout: &str, args: &[&str]) -> Output {
        let dns = self.dns.addr().to_string();
        let mut all = vec!["--dns-server", &dns, "--timeout", timeout];
        all.extend_from_slice(args);
        let resolv = self.dir.path().join("resolv.conf");
        vlmgr_limited(limit, self.dir.path(), &resolv, &all)
    }

    /// The most connections the held hosts saw open at once.
    fn most_at_once(&self) -> usize {
        self.holders.most_at_once.load(Ordering::SeqCst)
    }
}

#[test]
fn check_with_more_addresses_than_descriptors_blames_no_host_for_the_limit() {
    let crowd = Crowd::start(Duration::from_secs(1));
    let (holders, live) = (&crowd.holders, crowd.live);
    let out = crowd.run(&["-v", "check", "--json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{stderr}", String::from_utf8_lossy(&out.stdout)));
    let text = doc.to_string();
    assert!(!text.contains("Too many open files"), "{text}");
    assert!(!text.contains("local_limit"), "{text}");
    assert!(!text.contains("unfinished"), "{text}");
    // The working host is up; the others are down for what they did (refuse, close).
    assert_eq!(doc["status"], "warning", "{text}");
    assert_eq!(out.status.code(), Some(1));
    let hosts = doc["hosts"].as_array().expect("hosts");
    assert_eq!(hosts.len(), 1 + HELD + REFUSED);
    let live_host = hosts
        .iter()
        .find(|h| h["host"]["port"] == live)
        .expect("live host");
    assert_eq!(live_host["works"], true, "{live_host}");
    let findings = doc["findings"].as_array().expect("findings");
    assert_eq!(
        findings.len(),
        HELD + REFUSED,
        "one host_down per dead host"
    );
    assert!(findings.iter().all(|f| f["kind"] == "host_down"));
    // Every held host was connected to, never more at once than the limit allows.
    assert_eq!(holders.accepted.load(Ordering::SeqCst), HELD);
    let most = crowd.most_at_once();
    assert!(
        (1..=MOST_UNDER_LIMIT).contains(&most),
        "{most} connections at once under ulimit -n {LIMIT}\n{stderr}"
    );
    assert!(
        stderr.contains(&format!("connection(s) at once (open-file limit {LIMIT})")),
        "{stderr}"
    );
}

#[test]
fn discover_check_with_more_addresses_than_descriptors_binds_the_working_host() {
    let crowd = Crowd::start(Duration::from_secs(1));
    let live = crowd.live;
    let out = crowd.run(&["--json", "discover", "--check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let checks = doc["checks"].as_array().expect("checks");
    assert_eq!(checks.len(), 1 + HELD + REFUSED);
    for check in checks {
        let status = &check["outcome"]["status"];
        let expected = if check["host"]["ip"] == "127.0.0.1" && check["host"]["port"] == live {
            "bound"
        } else if check["host"]["name"]
            .as_str()
            .is_some_and(|h| h.starts_with("held"))
        {
            "protocol_error"
        } else {
            "connect_failed"
        };
        assert_eq!(status, expected, "{check}");
        assert!(
            !check.to_string().contains("Too many open files"),
            "{check}"
        );
    }
    let most = crowd.most_at_once();
    assert!((1..=MOST_UNDER_LIMIT).contains(&most), "{most} at once");
}

/// Hosts that stay silent, far more than one `--timeout` lets the budget check: the
/// addresses whose turn did not come (or whose check the deadline cut) make one UNKNOWN
/// `not_checked` finding, and no host with such an address is called down.
#[test]
fn addresses_the_deadline_left_unchecked_are_unknown_not_down() {
    let crowd = Crowd::start(Duration::from_secs(60));
    let started = std::time::Instant::now();
    // 200 descriptors: about 30 connections at once, and room for the lookups.
    let out = crowd.run_within(200, "3s", &["check", "--json"]);
    // Bounded by --timeout (with slack for process start on a loaded machine).
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    assert_eq!(doc["status"], "unknown", "{stdout}");
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let findings = doc["findings"].as_array().expect("findings");
    assert!(
        findings
            .iter()
            .any(|f| f["kind"] == "not_checked" && f["severity"] == "unknown"),
        "{stdout}"
    );
    assert!(
        findings.iter().all(|f| f["severity"] != "critical"),
        "{stdout}"
    );
    let unfinished = |host: &serde_json::Value| {
        host["checks"]
            .as_array()
            .is_some_and(|a| a.iter().any(|c| c["outcome"]["status"] == "unfinished"))
    };
    let hosts = doc["hosts"].as_array().expect("hosts");
    assert!(hosts.iter().any(unfinished), "{stdout}");
    for host in hosts.iter().filter(|h| unfinished(h)) {
        let subject = format!(
            "{}:{}",
            host["host"]["name"].as_str().unwrap_or(""),
            host["host"]["port"]
        );
        assert!(
            !findings
                .iter()
                .any(|f| f["kind"] == "host_down" && f["subject"] == subject.as_str()),
            "{subject} is called down: {stdout}"
        );
    }
    // Prometheus: an address the run did not check gets no `vlmgr_kms_up` sample (a 0
    // would page someone for the monitor's own limits); the ones checked keep theirs.
    let out = crowd.run_within(200, "3s", &["check", "--format", "prometheus"]);
    let metrics = String::from_utf8_lossy(&out.stdout);
    let up: Vec<&str> = metrics
        .lines()
        .filter(|line| line.starts_with("vlmgr_kms_up{"))
        .collect();
    assert!(!up.is_empty(), "{metrics}");
    assert!(
        up.len() < 1 + HELD + REFUSED,
        "every address has a sample: {metrics}"
    );
    assert!(
        up.iter()
            .all(|line| !line.contains("unfinished") && !line.contains("local_limit")),
        "{metrics}"
    );
}

/// `check --json`'s document under `ulimit -n limit`, or `None` when the run ended in an
/// error (too few descriptors to start, or to read what it needs): never a panic, and
/// never a verdict on a host.
fn check_document(out: &std::process::Output, limit: u32) -> Option<serde_json::Value> {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(101), "ulimit -n {limit}: {stderr}");
    assert!(!stderr.contains("panicked"), "ulimit -n {limit}: {stderr}");
    let Ok(doc) = serde_json::from_slice::<serde_json::Value>(&out.stdout) else {
        assert!(!stdout.contains("host_down"), "ulimit -n {limit}: {stdout}");
        return None;
    };
    doc.get("error").is_none().then_some(doc)
}

/// However low the limit, a working configured host is reported up, or the run says
/// this machine could not check it (UNKNOWN): never down, never a panic.
#[test]
fn a_limit_too_low_to_connect_is_this_machines_problem() {
    let live = support::bind_only::start(64);
    let dir = tempfile::tempdir().expect("dir");
    // No search domain: the configured host alone is checked, with no DNS query.
    let resolv = dir.path().join("resolv.conf");
    std::fs::write(&resolv, "options ndots:1\n").expect("resolv");
    let address = format!("127.0.0.1:{live}");
    let set = vlmgr_limited(1024, dir.path(), &resolv, &["skms", &address]);
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    let mut local_limit_seen = false;
    let mut up_seen = false;
    for limit in 3..=24 {
        let out = vlmgr_limited(
            limit,
            dir.path(),
            &resolv,
            &["--timeout", "10s", "check", "--json"],
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        let Some(doc) = check_document(&out, limit) else {
            continue;
        };
        let findings = doc["findings"].as_array().expect("findings");
        assert!(
            findings.iter().all(|f| f["kind"] != "host_down"),
            "ulimit -n {limit}: {stdout}"
        );
        if doc["hosts"][0]["works"] == true {
            up_seen = true;
            assert_eq!(doc["status"], "ok", "ulimit -n {limit}: {stdout}");
        } else {
            local_limit_seen = true;
            assert_eq!(doc["status"], "unknown", "ulimit -n {limit}: {stdout}");
            assert_eq!(findings[0]["kind"], "local_limit", "{stdout}");
            assert_eq!(
                doc["hosts"][0]["checks"][0]["outcome"]["status"], "local_limit",
                "{stdout}"
            );
        }
    }
    assert!(
        local_limit_seen,
        "some limit left no descriptor for the connection"
    );
    assert!(up_seen, "24 descriptors are enough for one check");
}

/// However low the limit, a domain whose records are published is never reported as
/// DNS down or records gone, and its host never as down, because this machine could not
/// open a socket for the lookups: that is UNKNOWN (`local_limit`), or the host is up.
#[test]
fn a_limit_too_low_for_dns_is_this_machines_problem() {
    let live = support::bind_only::start(64);
    let zone = Zone::single_kms("lim.test", Ipv4Addr::LOCALHOST, live);
    let dns = DnsServer::start(&[zone]).expect("dns");
    let dir = tempfile::tempdir().expect("dir");
    let resolv = dir.path().join("resolv.conf");
    std::fs::write(
        &resolv,
        format!("nameserver {}\nsearch lim.test\n", dns.addr().ip()),
    )
    .expect("resolv");
    let port = dns.addr().port().to_string();
    let mut local_limit_seen = false;
    let mut up_seen = false;
    for limit in 3..=40 {
        let out = vlmgr_limited(
            limit,
            dir.path(),
            &resolv,
            &[
                "--timeout",
                "10s",
                "--dns-server",
                &dns.addr().to_string(),
                "check",
                "--json",
                "lim.test",
            ],
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        let Some(doc) = check_document(&out, limit) else {
            continue;
        };
        let findings = doc["findings"].as_array().expect("findings");
        for blamed in ["dns_failure", "no_srv_records", "host_down"] {
            assert!(
                findings.iter().all(|f| f["kind"] != blamed),
                "ulimit -n {limit} (port {port}): {stdout}"
            );
        }
        if findings.iter().any(|f| f["kind"] == "local_limit") {
            local_limit_seen = true;
            assert_eq!(doc["status"], "unknown", "ulimit -n {limit}: {stdout}");
        } else if doc["hosts"][0]["works"] == true {
            up_seen = true;
        }
    }
    assert!(
        local_limit_seen,
        "some limit left no descriptor for the lookups"
    );
    assert!(
        up_seen,
        "40 descriptors are enough for one domain and one host"
    );
}
