//! `vlmgr discover` on the real binary against the in-process DNS zone.

mod support;

use std::net::Ipv4Addr;
use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use support::dns::{DnsServer, Zone};
use support::wine::StartRetrying;

fn discover(state: &Path, dns: &DnsServer, resolv_conf: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("vlmgr")
        .expect("binary")
        .env("VLMGR_STATE_DIR", state)
        .env("VLMGR_STANDALONE", "1")
        .env("VLMGR_RESOLV_CONF", resolv_conf)
        .env_remove("VLMGR_DNS_SERVER")
        .args([
            "--dns-server",
            &dns.addr().to_string(),
            "--timeout",
            "10s",
            "discover",
        ])
        .args(args)
        .output_retrying()
        .expect("runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn walks_the_search_list_and_shows_every_step() {
    let live = support::bind_only::start(4);
    let zone = Zone::new("lab.test")
        .srv("_vlmcs._tcp", 10, 0, live, "kms1")
        .srv("_vlmcs._tcp", 0, 100, 1, "kms0")
        .a("kms1", [127, 0, 0, 1])
        .a("kms0", [127, 0, 0, 1]);
    let dns = DnsServer::start(&[zone, Zone::new("corp.test")]).expect("dns");
    let dir = tempfile::tempdir().expect("dir");
    let resolv = dir.path().join("resolv.conf");
    std::fs::write(&resolv, "domain corp.test\nsearch lab.test\n").expect("resolv");

    let out = discover(dir.path(), &dns, &resolv, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("    corp.test  (resolv.conf `domain`)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("    lab.test  (resolv.conf `search`)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("SRV _vlmcs._tcp.corp.test  NXDOMAIN (name does not exist)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("SRV _vlmcs._tcp.lab.test  2 record(s)"),
        "{stdout}"
    );
    // Priority 0 before priority 10.
    let first = stdout.find("1. kms0.lab.test:1").expect("kms0 first");
    let second = stdout
        .find(&format!("2. kms1.lab.test:{live}"))
        .expect("kms1 second");
    assert!(first < second, "{stdout}");

    // --check binds to every address: kms0 (port 1) refuses, kms1 binds.
    let out = discover(dir.path(), &dns, &resolv, &["--check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(&format!("kms1.lab.test 127.0.0.1:{live}  bound (NDR32)")),
        "{stdout}"
    );
    assert!(
        stdout.contains("kms0.lab.test 127.0.0.1:1  connect failed"),
        "{stdout}"
    );

    let out = discover(dir.path(), &dns, &resolv, &["--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["found_domain"]["name"], "lab.test");
    assert_eq!(doc["ordered"][0]["target"], "kms0.lab.test");
    assert_eq!(doc["targets"][1]["host"]["addresses"][0], "127.0.0.1");
}

#[test]
fn nothing_found_exits_3_and_explains() {
    let dns = DnsServer::start(&[Zone::new("corp.test")]).expect("dns");
    let dir = tempfile::tempdir().expect("dir");
    let resolv = dir.path().join("resolv.conf");
    std::fs::write(&resolv, "search corp.test\n").expect("resolv");
    let out = discover(dir.path(), &dns, &resolv, &[]);
    assert_eq!(out.status.code(), Some(3));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("Result: no KMS host found: 0x8007232B"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Note: clients search only _vlmcs._tcp in corp.test"),
        "{stdout}"
    );

    // A zone whose name exists but holds no SRV record: NODATA.
    let dns =
        DnsServer::start(&[Zone::new("corp.test").a("_vlmcs._tcp", [127, 0, 0, 1])]).expect("dns");
    let out = discover(dir.path(), &dns, &resolv, &["corp.test", "--json"]);
    assert_eq!(out.status.code(), Some(3));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["error"]["hresult"], "0x8007251D", "{doc}");

    // No domain anywhere: 0x8007007B, with how to set one.
    std::fs::write(&resolv, "nameserver 127.0.0.1\n").expect("resolv");
    let out = discover(dir.path(), &dns, &resolv, &[]);
    assert_eq!(out.status.code(), Some(3));
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with("Error: 0x8007007B "), "{stderr}");
    assert!(stderr.contains("skms-domain"), "{stderr}");
}

#[test]
fn lookup_domain_is_searched_alone_and_skms_is_noted() {
    let zone = Zone::single_kms("corp.test", Ipv4Addr::LOCALHOST, 1688);
    let dns = DnsServer::start(&[zone, Zone::new("other.test")]).expect("dns");
    let dir = tempfile::tempdir().expect("dir");
    let resolv = dir.path().join("resolv.conf");
    std::fs::write(&resolv, "domain corp.test\n").expect("resolv");
    let vlmgr = |args: &[&str]| {
        Command::cargo_bin("vlmgr")
            .expect("binary")
            .env("VLMGR_STATE_DIR", dir.path())
            .env("VLMGR_STANDALONE", "1")
            .args(args)
            .output_retrying()
            .expect("runs")
    };
    assert!(vlmgr(&["skms-domain", "other.test"]).status.success());
    let out = discover(dir.path(), &dns, &resolv, &[]);
    assert_eq!(out.status.code(), Some(3), "no fallback to corp.test");
    assert_eq!(dns.query_names(), ["_vlmcs._tcp.other.test"]);
    assert!(text(&out.stdout).contains("(KMS lookup domain (skms-domain))"));

    assert!(vlmgr(&["ckms-domain"]).status.success());
    assert!(vlmgr(&["skms", "kms.corp.test:1688"]).status.success());
    let out = discover(dir.path(), &dns, &resolv, &[]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout)
            .contains("Note: skms is set (kms.corp.test:1688): activation uses that host"),
        "{}",
        text(&out.stdout)
    );
}

/// `vlmgr ARGS` reading the resolv.conf at `resolv_conf` and no other name server, killed
/// after two minutes: a hang fails the test instead of stalling it.
fn with_resolv_conf(state: &Path, resolv_conf: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("vlmgr")
        .expect("binary")
        .env("VLMGR_STATE_DIR", state)
        .env("VLMGR_STANDALONE", "1")
        .env("VLMGR_RESOLV_CONF", resolv_conf)
        .env_remove("VLMGR_DNS_SERVER")
        .args(args)
        .timeout(std::time::Duration::from_secs(120))
        .output_retrying()
        .expect("runs")
}

/// A resolv.conf that is far too large, a device or a FIFO is refused at once, saying
/// what it is (docs/reliability.md): `/dev/zero` used to be read until memory ran out,
/// and a FIFO without a writer waited for ever. `discover` exits 5 (the configuration
/// cannot be read), `ato` reports and records an attempt that reached no host (exit 3).
#[test]
fn a_resolv_conf_that_cannot_be_one_is_refused_at_once() {
    let dir = tempfile::tempdir().expect("dir");
    let state = dir.path().join("state");
    let huge = dir.path().join("resolv.conf");
    let mut bytes = b"search corp.test\n".to_vec();
    bytes.resize(64 * 1024 + 1, b'#');
    std::fs::write(&huge, bytes).expect("resolv");
    let mut cases = vec![(huge, "it holds more than 65536 bytes".to_owned())];
    if cfg!(unix) {
        cases.push((
            "/dev/zero".into(),
            "it is a character device, not a regular file".to_owned(),
        ));
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        cases.push((
            fifo,
            "it is a FIFO (named pipe), not a regular file".to_owned(),
        ));
    }
    let ipk = with_resolv_conf(
        &state,
        &cases[0].0,
        &["ipk", "W269N-WFGWX-YVC9B-4J6C9-T83GX"],
    );
    assert!(ipk.status.success(), "{}", text(&ipk.stderr));
    for (path, said) in &cases {
        let expected = format!(
            "Error: 0x80004005 cannot read resolver configuration {}: {said}",
            path.display()
        );
        let out = with_resolv_conf(&state, path, &["discover"]);
        assert_eq!(out.status.code(), Some(5), "{}", text(&out.stderr));
        let stderr = text(&out.stderr);
        assert!(stderr.starts_with(&expected), "{stderr}");
        assert!(stderr.contains("VLMGR_RESOLV_CONF"), "{stderr}");

        // ato's report, as slmgr's, is on stdout.
        let out = with_resolv_conf(&state, path, &["ato"]);
        assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
        let stdout = text(&out.stdout);
        assert!(stdout.contains(&expected), "{stdout}");
    }
}
