//! `vlmgr check` on the real binary: each finding, each format, the Nagios exit codes.

mod support;

use std::process::Output;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use support::dns::{DnsServer, SilentDnsServer, Zone};

const PRO_GVLK: &str = "W269N-WFGWX-YVC9B-4J6C9-T83GX";

struct Setup {
    dir: tempfile::TempDir,
    resolv: std::path::PathBuf,
}

fn setup(resolv_conf: &str) -> Setup {
    let dir = tempfile::tempdir().expect("dir");
    let resolv = dir.path().join("resolv.conf");
    std::fs::write(&resolv, resolv_conf).expect("resolv");
    Setup { dir, resolv }
}

fn vlmgr(setup: &Setup, dns: &str, args: &[&str]) -> Output {
    Command::cargo_bin("vlmgr")
        .expect("binary")
        .env("VLMGR_STATE_DIR", setup.dir.path())
        .env("VLMGR_RESOLV_CONF", &setup.resolv)
        .args(["--dns-server", dns, "--timeout", "5s"])
        .args(args)
        .output()
        .expect("runs")
}

fn out(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// One live host (binds) and one dead one (port 1 refuses) in lab.test.
fn half_working_zone() -> (DnsServer, u16) {
    let live = support::bind_only::start(16);
    let zone = Zone::new("lab.test")
        .srv("_vlmcs._tcp", 0, 50, live, "kms1")
        .srv("_vlmcs._tcp", 0, 50, 1, "kms2")
        .a("kms1", [127, 0, 0, 1])
        .a("kms2", [127, 0, 0, 1]);
    (DnsServer::start(&[zone]).expect("dns"), live)
}

#[test]
fn one_host_down_is_a_warning_in_every_format() {
    let (dns, live) = half_working_zone();
    let s = setup("search lab.test\n");
    let dns = dns.addr().to_string();

    let text = vlmgr(&s, &dns, &["check"]);
    assert_eq!(text.status.code(), Some(1), "{}", out(&text));
    let t = out(&text);
    assert!(t.starts_with("KMS check: WARNING (1 finding(s))\n"), "{t}");
    assert!(
        t.contains("WARNING   kms2.lab.test:1 127.0.0.1:1 does not connect"),
        "{t}"
    );
    assert!(
        t.contains(&format!(
            "OK        kms1.lab.test:{live} (lab.test) binds at 127.0.0.1:{live}"
        )),
        "{t}"
    );
    assert!(t.contains("Note: no activation request was sent"), "{t}");

    let nagios = vlmgr(&s, &dns, &["check", "--format", "nagios"]);
    assert_eq!(nagios.status.code(), Some(1), "WARNING is 1");
    let n = out(&nagios);
    let first = n.lines().next().unwrap_or_default();
    assert!(first.starts_with("KMS WARNING - kms2.lab.test:1"), "{n}");
    assert!(
        first.contains(" | hosts=2;;;0 hosts_bound=1;;;0 'bind_kms1.lab.test_127.0.0.1:"),
        "{n}"
    );

    let json = vlmgr(&s, &dns, &["check", "--json"]);
    assert_eq!(json.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(doc["status"], "warning");
    assert_eq!(doc["findings"][0]["kind"], "host_down");
    assert_eq!(doc["activation_requests_sent"], false);

    let prom = vlmgr(&s, &dns, &["check", "--format", "prometheus"]);
    assert_eq!(prom.status.code(), Some(0));
    let p = out(&prom);
    assert!(p.contains("vlmgr_check_status 1\n"), "{p}");
    assert!(
        p.contains("vlmgr_kms_srv_records{domain=\"lab.test\"} 2\n"),
        "{p}"
    );
    assert!(p.contains(&format!("vlmgr_kms_up{{domain=\"lab.test\",host=\"kms1.lab.test\",address=\"127.0.0.1:{live}\"}} 1\n")), "{p}");
    assert!(
        p.contains(
            "vlmgr_kms_up{domain=\"lab.test\",host=\"kms2.lab.test\",address=\"127.0.0.1:1\"} 0\n"
        ),
        "{p}"
    );
}

#[test]
fn no_records_and_no_working_host_are_critical() {
    let s = setup("search lab.test\n");
    let empty = DnsServer::start(&[Zone::new("lab.test")]).expect("dns");
    let text = vlmgr(&s, &empty.addr().to_string(), &["check"]);
    assert_eq!(text.status.code(), Some(3), "{}", out(&text));
    assert!(
        out(&text).contains(
            "CRITICAL  no usable _vlmcs._tcp SRV records (searched lab.test): 0x8007232B"
        ),
        "{}",
        out(&text)
    );
    let nagios = vlmgr(&s, &empty.addr().to_string(), &["check", "--format=nagios"]);
    assert_eq!(nagios.status.code(), Some(2), "CRITICAL is 2");
    assert!(out(&nagios).starts_with("KMS CRITICAL - "));

    let dead = Zone::new("lab.test")
        .srv("_vlmcs._tcp", 0, 0, 1, "kms")
        .a("kms", [127, 0, 0, 1]);
    let dns = DnsServer::start(&[dead]).expect("dns");
    let nagios = vlmgr(
        &s,
        &dns.addr().to_string(),
        &["check", "--format", "nagios"],
    );
    assert_eq!(nagios.status.code(), Some(2), "{}", out(&nagios));
    assert!(
        out(&nagios).contains("CRITICAL: kms.lab.test:1 127.0.0.1:1 does not connect"),
        "{}",
        out(&nagios)
    );
}

#[test]
fn expiry_thresholds() {
    let (dns, _) = half_working_zone();
    let dns = dns.addr().to_string();
    let s = setup("search lab.test\n");
    assert!(vlmgr(&s, &dns, &["ipk", PRO_GVLK]).status.success());
    // Installed, never activated: grace is a warning (30 days left, warn at 31).
    let o = vlmgr(
        &s,
        &dns,
        &[
            "check",
            "lab.test",
            "--expiry",
            "--warn-days",
            "31",
            "--format",
            "nagios",
        ],
    );
    assert!(
        out(&o).contains("WARNING: Windows 10/11 Pro is not activated; its grace period ends in"),
        "{}",
        out(&o)
    );
    // Activated with 3 days left: critical under --crit-days 7.
    let path = s.dir.path().join("state.json");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_secs();
    let state = std::fs::read_to_string(&path).expect("state");
    std::fs::write(
        &path,
        state.replace(
            "\"licensed_until\": null",
            &format!("\"licensed_until\": {}", now + 3 * 86_400 + 60),
        ),
    )
    .expect("write");
    let o = vlmgr(
        &s,
        &dns,
        &["check", "lab.test", "--expiry", "--format", "nagios"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(
        out(&o).contains("CRITICAL: Windows 10/11 Pro's activation expires in 3 day(s)"),
        "{}",
        out(&o)
    );
    let prom = out(&vlmgr(
        &s,
        &dns,
        &["check", "lab.test", "--expiry", "--format", "prometheus"],
    ));
    assert!(prom.contains("vlmgr_license_expiry_seconds{product=\"Windows 10/11 Pro\",activation_id=\"2de67392-b7a7-462a-b1ca-108dd189f588\",status=\"Licensed\"} 2"), "{prom}");
    // crit above warn is a usage error.
    let o = vlmgr(
        &s,
        &dns,
        &["check", "--expiry", "--warn-days", "3", "--crit-days", "7"],
    );
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_silent_name_server_ends_within_the_deadline() {
    let silent = SilentDnsServer::start().expect("silent dns");
    let s = setup("search lab.test\n");
    let started = Instant::now();
    let o = Command::cargo_bin("vlmgr")
        .expect("binary")
        .env("VLMGR_STATE_DIR", s.dir.path())
        .env("VLMGR_RESOLV_CONF", &s.resolv)
        .args([
            "--dns-server",
            &silent.addr().expect("addr").to_string(),
            "--timeout",
            "2s",
        ])
        .args(["check", "--format", "nagios"])
        .output()
        .expect("runs");
    // Bounded by --timeout (with slack for process start on a loaded machine).
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "{:?}",
        started.elapsed()
    );
    let code = o.status.code();
    assert!(matches!(code, Some(2) | Some(3)), "{code:?}: {}", out(&o));
}

/// The Prometheus output parsed by a real parser (prometheus_client, installed by .ci/run).
#[test]
#[ignore = "needs python3 with prometheus_client; run by .ci/run"]
fn prometheus_output_parses() {
    let (dns, _) = half_working_zone();
    let s = setup("search lab.test\n");
    let dns = dns.addr().to_string();
    assert!(vlmgr(&s, &dns, &["ipk", PRO_GVLK]).status.success());
    let prom = vlmgr(&s, &dns, &["check", "--expiry", "--format", "prometheus"]);
    let file = s.dir.path().join("vlmgr.prom");
    std::fs::write(&file, &prom.stdout).expect("write");
    let parsed = std::process::Command::new("python3")
        .args([
            "-c",
            "import sys\nfrom prometheus_client.parser import text_string_to_metric_families as p\n\
             fams = list(p(open(sys.argv[1]).read()))\n\
             print(' '.join(sorted(f.name + ':' + str(len(f.samples)) for f in fams)))",
        ])
        .arg(&file)
        .output()
        .expect("python3");
    assert!(
        parsed.status.success(),
        "{}",
        String::from_utf8_lossy(&parsed.stderr)
    );
    let names = String::from_utf8_lossy(&parsed.stdout);
    assert_eq!(
        names.trim(),
        "vlmgr_check_status:1 vlmgr_kms_bind_seconds:1 vlmgr_kms_srv_records:1 vlmgr_kms_up:2 vlmgr_license_expiry_seconds:1"
    );
}

/// `--activate`: one request per working host; count below threshold is a warning, a host
/// error critical; the state file is not changed.
#[test]
fn activate_reports_count_and_host_errors() {
    use std::sync::atomic::Ordering;
    use support::kms_host::KmsHost;

    let low = KmsHost::start(10).expect("host");
    let failing = KmsHost::start(50).expect("host");
    failing
        .knobs
        .host_error
        .store(0xC004_F042, Ordering::SeqCst);
    let zone = Zone::new("lab.test")
        .srv("_vlmcs._tcp", 0, 50, low.addr().port(), "low")
        .srv("_vlmcs._tcp", 0, 50, failing.addr().port(), "failing")
        .a("low", [127, 0, 0, 1])
        .a("failing", [127, 0, 0, 1]);
    let dns = DnsServer::start(&[zone]).expect("dns");
    let dns = dns.addr().to_string();
    let s = setup("search lab.test\n");
    assert!(vlmgr(&s, &dns, &["ipk", PRO_GVLK]).status.success());
    let before = std::fs::read(s.dir.path().join("state.json")).expect("state");

    let o = vlmgr(&s, &dns, &["check", "--activate", "--format", "nagios"]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    let n = out(&o);
    assert!(
        n.contains(&format!(
            "WARNING: low.lab.test:{} counts 10 client(s), below the threshold of 25",
            low.addr().port()
        )),
        "{n}"
    );
    assert!(
        n.contains(&format!(
            "CRITICAL: failing.lab.test:{} answers the activation request with 0xC004F042",
            failing.addr().port()
        )),
        "{n}"
    );
    assert!(
        n.contains(&format!(
            "'count_low.lab.test:{}'=10;;;0",
            low.addr().port()
        )),
        "{n}"
    );
    assert_eq!(low.requests(), 1, "one request per host");
    assert_eq!(failing.requests(), 1);
    assert_eq!(
        std::fs::read(s.dir.path().join("state.json")).expect("state"),
        before
    );

    // JSON spells the host's HRESULT as slmgr does, in the field and in the message.
    let o = vlmgr(&s, &dns, &["check", "--activate", "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let failing_host = doc["hosts"]
        .as_array()
        .expect("hosts")
        .iter()
        .find(|host| host["host"] == "failing.lab.test")
        .expect("the failing host is listed");
    assert_eq!(failing_host["activation"]["hresult"], "0xC004F042", "{doc}");
    assert_eq!(failing_host["activation"]["error"], "0xC004F042", "{doc}");
    assert!(!out(&o).contains("HResult("), "{doc}");

    failing.knobs.host_error.store(0, Ordering::SeqCst);
    low.knobs.count.store(30, Ordering::SeqCst);
    let o = vlmgr(&s, &dns, &["check", "--activate"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let t = out(&o);
    assert!(t.contains("answers: count 30 (threshold 25), ePID 03612-00206-556-123727-03-1033-17763.0000-2972018, HwId 3A1C049600B60076, intervals"), "{t}");
    assert!(
        t.contains("Note: one activation request was sent to each working host"),
        "{t}"
    );
    let prom = out(&vlmgr(
        &s,
        &dns,
        &["check", "--activate", "--format", "prometheus"],
    ));
    assert!(prom.contains(&format!("vlmgr_kms_client_count{{domain=\"lab.test\",host=\"low.lab.test\",address=\"127.0.0.1:{}\"}} 30", low.addr().port())), "{prom}");
    assert!(prom.contains("vlmgr_kms_client_threshold{"), "{prom}");
}

/// A host whose bind accepts no context but whose alter_context does: `ato` uses it, so
/// `check` and `discover --check` report it up (they bind through the same session code).
#[test]
fn a_host_usable_after_alter_context_is_up_for_check_discover_and_ato() {
    use std::sync::atomic::Ordering;
    use support::kms_host::KmsHost;

    let kms = KmsHost::start(30).expect("host");
    kms.knobs.reject_bind_syntaxes.store(true, Ordering::SeqCst);
    let port = kms.addr().port();
    let zone = Zone::new("lab.test")
        .srv("_vlmcs._tcp", 0, 0, port, "kms")
        .a("kms", [127, 0, 0, 1]);
    let dns = DnsServer::start(&[zone]).expect("dns");
    let dns = dns.addr().to_string();
    let s = setup("search lab.test\n");

    let o = vlmgr(&s, &dns, &["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(
        out(&o).contains(&format!(
            "OK        kms.lab.test:{port} (lab.test) binds at 127.0.0.1:{port}"
        )),
        "{}",
        out(&o)
    );
    let o = vlmgr(&s, &dns, &["discover", "--check"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("bound (NDR32)"), "{}", out(&o));
    assert_eq!(kms.requests(), 0, "checks send no activation request");
    assert_eq!(kms.received().alter_contexts, 2);

    assert!(vlmgr(&s, &dns, &["ipk", PRO_GVLK]).status.success());
    let o = vlmgr(&s, &dns, &["ato"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert_eq!(kms.requests(), 1);
}

/// `--activate` sends one request per host address, however many SRV records, domains
/// and `skms` settings lead there, and names every one of them.
#[test]
fn activate_asks_each_host_address_once_and_names_every_way_there() {
    use support::kms_host::KmsHost;

    let kms = KmsHost::start(30).expect("host");
    let port = kms.addr().port();
    let lab = Zone::new("lab.test")
        .srv("_vlmcs._tcp", 0, 10, port, "kms1")
        .srv("_vlmcs._tcp", 0, 10, port, "kms2")
        .srv("_vlmcs._tcp", 5, 10, port, "kms3")
        .a("kms1", [127, 0, 0, 1])
        .a("kms2", [127, 0, 0, 1])
        .a("kms3", [127, 0, 0, 1]);
    let other = Zone::new("other.test")
        .srv("_vlmcs._tcp", 0, 0, port, "kms")
        .a("kms", [127, 0, 0, 1]);
    let dns = DnsServer::start(&[lab, other]).expect("dns");
    let dns = dns.addr().to_string();
    let s = setup("search lab.test\n");
    assert!(vlmgr(&s, &dns, &["ipk", PRO_GVLK]).status.success());
    let skms = format!("127.0.0.1:{port}");
    assert!(vlmgr(&s, &dns, &["skms", &skms]).status.success());
    let names = [
        format!("127.0.0.1:{port} (skms)"),
        format!("kms1.lab.test:{port} (lab.test)"),
        format!("kms2.lab.test:{port} (lab.test)"),
        format!("kms3.lab.test:{port} (lab.test)"),
        format!("kms.other.test:{port} (other.test)"),
    ];

    let o = vlmgr(&s, &dns, &["check", "--activate", "lab.test", "other.test"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert_eq!(kms.requests(), 1, "one request for one address");
    let t = out(&o);
    let answers: Vec<&str> = t.lines().filter(|l| l.contains(" answers: ")).collect();
    assert_eq!(answers.len(), 1, "{t}");
    for name in &names {
        assert!(answers[0].contains(name.as_str()), "{name}: {t}");
    }
    assert!(
        t.contains(&format!(
            "127.0.0.1:{port} (skms) binds at 127.0.0.1:{port}"
        )),
        "{t}"
    );
    assert!(!t.contains("((skms))"), "{t}");

    let o = vlmgr(
        &s,
        &dns,
        &["check", "--activate", "--json", "lab.test", "other.test"],
    );
    assert_eq!(kms.requests(), 2, "one more run, one more request");
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let hosts = doc["hosts"].as_array().expect("hosts");
    assert_eq!(hosts.len(), 5, "{doc}");
    for host in hosts {
        let activation = &host["activation"];
        assert_eq!(activation["address"], skms.as_str(), "{doc}");
        assert_eq!(
            activation["names"].as_array().map(Vec::len),
            Some(5),
            "{doc}"
        );
        assert_eq!(activation["response"]["count"], 30, "{doc}");
    }
    let listed: Vec<String> = hosts[0]["activation"]["names"]
        .as_array()
        .expect("names")
        .iter()
        .map(|n| {
            format!(
                "{}:{} ({})",
                n["host"].as_str().unwrap_or(""),
                n["port"],
                n["domain"].as_str().unwrap_or("").replace("(skms)", "skms")
            )
        })
        .collect();
    for name in &names {
        assert!(listed.contains(name), "{name}: {listed:?}");
    }
}

#[test]
fn several_domains_are_asked_together_and_reported_in_command_line_order() {
    use support::bind_only::BindFleet;

    let fleet = BindFleet::start(3).expect("fleet");
    let names = ["c.test", "a.test", "b.test"];
    let zones: Vec<Zone> = names
        .iter()
        .zip(fleet.ports())
        .map(|(name, port)| {
            Zone::new(name)
                .srv("_vlmcs._tcp", 0, 0, *port, "kms")
                .a("kms", [127, 0, 0, 1])
        })
        .collect();
    let dns = DnsServer::start(&zones).expect("dns");
    let s = setup("");
    let mut args = vec!["check", "--json"];
    args.extend(names);
    let o = vlmgr(&s, &dns.addr().to_string(), &args);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    let reported: Vec<&str> = doc["domains"]
        .as_array()
        .expect("domains")
        .iter()
        .filter_map(|d| d["domain"].as_str())
        .collect();
    assert_eq!(reported, names, "{doc}");
    // Asked together: every SRV query reaches the server before any address query
    // (one walk after another would ask c.test's target before a.test's SRV).
    let types: Vec<String> = dns.queries().into_iter().map(|q| q.record_type).collect();
    let srv = types.iter().filter(|t| *t == "SRV").count();
    assert_eq!(srv, 3, "{types:?}");
    assert!(types[..3].iter().all(|t| t == "SRV"), "{types:?}");
    for name in names {
        assert_eq!(dns.count(&format!("_vlmcs._tcp.{name}"), "SRV"), 1);
        assert!(dns.count(&format!("kms.{name}"), "A") <= 1, "{types:?}");
    }
}
