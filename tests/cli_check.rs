//! `vlmgr check` on the real binary: each finding, each format, the Nagios exit codes.

mod support;

use std::process::Output;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use support::dns::{DnsServer, SilentDnsServer, Zone};
use support::wine::StartRetrying;

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
        .env("VLMGR_STANDALONE", "1")
        .env("VLMGR_RESOLV_CONF", &setup.resolv)
        .args(["--dns-server", dns, "--timeout", "5s"])
        .args(args)
        .output_retrying()
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
            "vlmgr_kms_up{domain=\"lab.test\",host=\"kms2.lab.test\",address=\"127.0.0.1:1\",reason=\"connect_failed\"} 0\n"
        ),
        "{p}"
    );
    assert!(
        p.contains("vlmgr_kms_srv_lookup_ok{domain=\"lab.test\"} 1\n"),
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
        .env("VLMGR_STANDALONE", "1")
        .env("VLMGR_RESOLV_CONF", &s.resolv)
        .args([
            "--dns-server",
            &silent.addr().expect("addr").to_string(),
            "--timeout",
            "2s",
        ])
        .args(["check", "--format", "nagios"])
        .output_retrying()
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
    let file = s.dir.path().join("vlmgr.prom");
    // What python's prometheus_client reads in `check`'s metrics: `summary`, a Python
    // expression over `fams` (the families by name).
    let parse = |args: &[&str], summary: &str| {
        let prom = vlmgr(&s, &dns, args);
        std::fs::write(&file, &prom.stdout).expect("write");
        let script = format!(
            "import sys\nfrom prometheus_client.parser import text_string_to_metric_families as p\n\
             fams = {{f.name: f for f in p(open(sys.argv[1]).read())}}\nprint({summary})"
        );
        let parsed = std::process::Command::new("python3")
            .args(["-c", &script])
            .arg(&file)
            .output()
            .expect("python3");
        let error = String::from_utf8_lossy(&parsed.stderr);
        assert!(parsed.status.success(), "{error}");
        String::from_utf8_lossy(&parsed.stdout).trim().to_string()
    };
    let names = parse(
        &["check", "--expiry", "--format", "prometheus"],
        "' '.join(sorted(n + ':' + str(len(f.samples)) for n, f in fams.items()))",
    );
    assert_eq!(
        names,
        "vlmgr_check_failed:1 vlmgr_check_status:1 vlmgr_kms_bind_seconds:1 vlmgr_kms_srv_lookup_ok:1 vlmgr_kms_srv_records:1 vlmgr_kms_up:2 vlmgr_license_expiry_seconds:1"
    );
    // A check that could not run still parses, and says so.
    std::fs::write(s.dir.path().join("state.json"), b"{ damaged").expect("damage");
    let values = parse(
        &["check", "--format", "prometheus"],
        "float(fams['vlmgr_check_failed'].samples[0].value), \
         float(fams['vlmgr_check_status'].samples[0].value)",
    );
    assert_eq!(values, "1.0 3.0");
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
        .find(|host| host["host"]["name"] == "failing.lab.test")
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
        let asked = activation["hosts"].as_array().expect("hosts");
        assert_eq!(asked.len(), 5, "{doc}");
        for name in asked {
            let address = format!("{}:{}", name["ip"].as_str().unwrap_or(""), name["port"]);
            assert_eq!(address, skms.as_str(), "{doc}");
        }
        assert_eq!(activation["response"]["count"], 30, "{doc}");
    }
    let listed: Vec<String> = hosts[0]["activation"]["hosts"]
        .as_array()
        .expect("hosts")
        .iter()
        .map(|n| {
            format!(
                "{}:{} ({})",
                n["name"].as_str().unwrap_or(""),
                n["port"],
                n["source"]["domain"].as_str().unwrap_or("skms")
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

/// A resolv.conf searching lab.test whose options give a name server 1 s in all.
const QUICK_LAB: &str = "search lab.test\noptions timeout:1 attempts:1\n";

/// "DNS is down" and "the records are gone" are different findings (`dns_failure`,
/// `no_srv_records`) in every format, and Prometheus tells them apart: the lookup fails
/// (`vlmgr_kms_srv_lookup_ok 0`, no record count) or it answers with none
/// (`vlmgr_kms_srv_lookup_ok 1`, `vlmgr_kms_srv_records 0`).
#[test]
fn dns_down_and_records_gone_are_told_apart() {
    let s = setup(QUICK_LAB);
    let silent = SilentDnsServer::start().expect("silent dns");
    let down = silent.addr().expect("addr").to_string();
    let empty = DnsServer::start(&[Zone::new("lab.test")]).expect("dns");
    let gone = empty.addr().to_string();

    let json = |dns: &str| {
        let o = vlmgr(&s, dns, &["check", "--json"]);
        assert_eq!(o.status.code(), Some(3), "{}", out(&o));
        serde_json::from_slice::<serde_json::Value>(&o.stdout).expect("json")
    };
    let doc = json(&down);
    assert_eq!(doc["findings"][0]["kind"], "dns_failure", "{doc}");
    assert_eq!(doc["domains"][0]["lookup_ok"], false, "{doc}");
    assert_eq!(doc["domains"][0]["error"]["hresult"], "0x8007232A", "{doc}");
    let doc = json(&gone);
    assert_eq!(doc["findings"][0]["kind"], "no_srv_records", "{doc}");
    assert_eq!(doc["domains"][0]["lookup_ok"], true, "{doc}");

    let text = out(&vlmgr(&s, &down, &["check"]));
    assert!(
        text.contains("CRITICAL  the SRV lookup failed (searched lab.test), so whether records exist is not known: 0x8007232A"),
        "{text}"
    );
    let nagios = vlmgr(&s, &down, &["check", "--format", "nagios"]);
    assert_eq!(nagios.status.code(), Some(2), "{}", out(&nagios));
    assert!(
        out(&nagios).starts_with("KMS CRITICAL - the SRV lookup failed"),
        "{}",
        out(&nagios)
    );

    let p = out(&vlmgr(&s, &down, &["check", "--format", "prometheus"]));
    assert!(
        p.contains("vlmgr_kms_srv_lookup_ok{domain=\"lab.test\"} 0\n"),
        "{p}"
    );
    assert!(!p.contains("vlmgr_kms_srv_records{"), "{p}");
    let p = out(&vlmgr(&s, &gone, &["check", "--format", "prometheus"]));
    assert!(
        p.contains("vlmgr_kms_srv_lookup_ok{domain=\"lab.test\"} 1\n"),
        "{p}"
    );
    assert!(
        p.contains("vlmgr_kms_srv_records{domain=\"lab.test\"} 0\n"),
        "{p}"
    );
}

/// A published target with no address does not vanish from the metrics: it keeps a
/// `vlmgr_kms_up` series, 0, with `address=""` and the lookup's outcome as `reason`.
#[test]
fn a_target_that_does_not_resolve_keeps_a_series() {
    let live = support::bind_only::start(16);
    let zone = Zone::new("lab.test")
        .srv("_vlmcs._tcp", 0, 0, live, "kms1")
        .srv("_vlmcs._tcp", 0, 0, 1688, "gone")
        .a("kms1", [127, 0, 0, 1]);
    let dns = DnsServer::start(&[zone]).expect("dns");
    let s = setup(QUICK_LAB);
    let p = out(&vlmgr(
        &s,
        &dns.addr().to_string(),
        &["check", "--format", "prometheus"],
    ));
    assert!(
        p.contains("vlmgr_kms_up{domain=\"lab.test\",host=\"gone.lab.test\",address=\"\",reason=\"nx_domain\"} 0\n"),
        "{p}"
    );
}

/// The samples of a Prometheus exposition as a real parser (prometheus_client) reads
/// them: one `name {labels as JSON} value` per line, sorted.
fn parsed_samples(s: &Setup, exposition: &[u8]) -> Vec<String> {
    let file = s.dir.path().join("vlmgr.prom");
    std::fs::write(&file, exposition).expect("write");
    let parsed = std::process::Command::new("python3")
        .args([
            "-c",
            "import sys, json\nfrom prometheus_client.parser import text_string_to_metric_families as p\n\
             for f in p(open(sys.argv[1]).read()):\n\
             \x20   for s in f.samples:\n\
             \x20       print(s.name, json.dumps(s.labels, sort_keys=True), float(s.value))",
        ])
        .arg(&file)
        .output()
        .expect("python3");
    assert!(
        parsed.status.success(),
        "{}",
        String::from_utf8_lossy(&parsed.stderr)
    );
    let mut lines: Vec<String> = String::from_utf8_lossy(&parsed.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    lines.sort();
    lines
}

/// The new series read by a real parser: the lookup's state per domain, no record count
/// when it failed, and the series of a target that does not resolve.
#[test]
#[ignore = "needs python3 with prometheus_client; run by .ci/run"]
fn prometheus_lookup_state_and_unresolved_targets_parse() {
    let s = setup(QUICK_LAB);
    let silent = SilentDnsServer::start().expect("silent dns");
    let down = vlmgr(
        &s,
        &silent.addr().expect("addr").to_string(),
        &["check", "--format", "prometheus"],
    );
    let samples = parsed_samples(&s, &down.stdout);
    assert!(
        samples.contains(&"vlmgr_kms_srv_lookup_ok {\"domain\": \"lab.test\"} 0.0".to_owned()),
        "{samples:?}"
    );
    assert!(
        !samples
            .iter()
            .any(|l| l.starts_with("vlmgr_kms_srv_records ")),
        "{samples:?}"
    );

    let zone = Zone::new("lab.test").srv("_vlmcs._tcp", 0, 0, 1688, "gone");
    let dns = DnsServer::start(&[zone]).expect("dns");
    let gone = vlmgr(
        &s,
        &dns.addr().to_string(),
        &["check", "--format", "prometheus"],
    );
    let samples = parsed_samples(&s, &gone.stdout);
    for expected in [
        "vlmgr_kms_srv_lookup_ok {\"domain\": \"lab.test\"} 1.0",
        "vlmgr_kms_srv_records {\"domain\": \"lab.test\"} 1.0",
        "vlmgr_kms_up {\"address\": \"\", \"domain\": \"lab.test\", \"host\": \"gone.lab.test\", \"reason\": \"nx_domain\"} 0.0",
    ] {
        assert!(
            samples.contains(&expected.to_owned()),
            "{expected}: {samples:?}"
        );
    }
}

/// Whatever goes wrong under `--format nagios` ends in `KMS UNKNOWN - <reason>` with exit
/// 3, usage errors and an unreadable state included; Prometheus gets its metrics with
/// `vlmgr_check_failed 1` (exit 0, as every Prometheus run) and the error on stderr
/// (issue 24, item 5).
#[test]
fn a_check_that_cannot_run_still_gives_the_monitor_its_status() {
    let (dns, _) = half_working_zone();
    let s = setup("search lab.test\n");
    let dns = dns.addr().to_string();
    let unknown = |args: &[&str], reason: &str| {
        let o = vlmgr(&s, &dns, args);
        assert_eq!(o.status.code(), Some(3), "{args:?}: {}", out(&o));
        let first = out(&o).lines().next().unwrap_or_default().to_string();
        assert!(first.starts_with("KMS UNKNOWN - "), "{args:?}: {}", out(&o));
        assert!(first.contains(reason), "{args:?}: {first}");
    };
    unknown(&["check", "--format", "nagios", "--bogus"], "--bogus");
    unknown(&["check", "--format=nagios", "--warn-days", "many"], "many");
    unknown(
        &["check", "--format", "nagios", "--crit-days", "40"],
        "--crit-days (40) is more than --warn-days (30)",
    );
    unknown(
        &[
            "check",
            "--format",
            "nagios",
            "--activate",
            "--product",
            "all",
        ],
        "--product ACT_ID",
    );
    // A usage error with --json stays the JSON error document.
    let o = vlmgr(
        &s,
        &dns,
        &["check", "--format", "nagios", "--json", "--bogus"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(out(&o).contains("\"error\""), "{}", out(&o));

    std::fs::write(s.dir.path().join("state.json"), b"{ damaged").expect("damage");
    unknown(&["check", "--format", "nagios"], "state.json");
    unknown(
        &["check", "--format", "nagios", "--expiry", "lab.test"],
        "state.json",
    );
    let o = vlmgr(&s, &dns, &["check", "--format", "prometheus", "--bogus"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let metrics = out(&o);
    assert!(metrics.contains("\nvlmgr_check_status 3\n"), "{metrics}");
    assert!(
        metrics.contains("vlmgr_check_failed{reason=\"unexpected argument"),
        "{metrics}"
    );
    let o = vlmgr(&s, &dns, &["check", "--format", "prometheus"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        out(&o).contains("vlmgr_check_failed{reason=\""),
        "{}",
        out(&o)
    );
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("Error: "));

    // A domain named, no --expiry: the state is not read at all.
    let o = vlmgr(&s, &dns, &["check", "lab.test", "--format", "nagios"]);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    assert!(out(&o).starts_with("KMS WARNING - "), "{}", out(&o));
    let o = vlmgr(&s, &dns, &["check", "lab.test", "--format", "prometheus"]);
    assert!(out(&o).contains("\nvlmgr_check_failed 0\n"), "{}", out(&o));
}

/// The README's Nagios command run as a monitoring user that cannot use the renewal
/// service's state directory: checking a domain needs no state; what needs it says
/// UNKNOWN and why.
#[cfg(unix)]
#[test]
fn a_monitoring_user_without_the_state_directory_checks_domains() {
    use std::os::unix::fs::PermissionsExt;

    let (dns, _) = half_working_zone();
    let s = setup("search lab.test\n");
    let dns = dns.addr().to_string();
    let state = s.dir.path().join("state");
    std::fs::create_dir(&state).expect("state dir");
    // Root may read anything: the directory then belongs to someone else, which vlmgr
    // refuses; anyone else cannot read a directory with mode 000.
    if std::os::unix::fs::chown(&state, Some(65534), Some(65534)).is_err() {
        std::fs::set_permissions(&state, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    }
    let state_arg = state.to_string_lossy().into_owned();
    let run = |args: &[&str]| {
        let mut all = vec!["--state-dir", state_arg.as_str()];
        all.extend_from_slice(args);
        vlmgr(&s, &dns, &all)
    };
    let o = run(&["check", "lab.test", "--format", "nagios", "-q"]);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    assert!(out(&o).starts_with("KMS WARNING - "), "{}", out(&o));
    let o = run(&["check", "--format", "nagios"]);
    assert_eq!(o.status.code(), Some(3), "{}", out(&o));
    assert!(out(&o).starts_with("KMS UNKNOWN - "), "{}", out(&o));
    assert!(out(&o).contains(state_arg.as_str()), "{}", out(&o));
    let _ = std::fs::set_permissions(&state, std::fs::Permissions::from_mode(0o700));
}

/// `-q check` keeps the findings and drops the note (issue 24, item 1).
#[test]
fn quiet_check_keeps_its_findings_and_drops_the_note() {
    let (dns, _) = half_working_zone();
    let s = setup("search lab.test\n");
    let dns = dns.addr().to_string();
    let o = vlmgr(&s, &dns, &["-q", "check", "lab.test"]);
    assert_eq!(o.status.code(), Some(1));
    let t = out(&o);
    assert!(t.starts_with("KMS check: WARNING (1 finding(s))\n"), "{t}");
    assert!(!t.contains("Note:"), "{t}");
    assert!(
        vlmgr(&s, &dns, &["check", "lab.test"])
            .stdout
            .ends_with(b"--activate sends one)\n")
    );
}
