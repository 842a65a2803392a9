//! The `--json` contract: every command run for real (the binary, the test KMS host on
//! 127.0.0.1, in-process DNS), its document validated against its JSON Schema in
//! docs/schema/ (draft 2020-12, formats asserted), in the success and the error forms,
//! `check --activate` against a host that answers an HRESULT included. The schemas are
//! read strictly here (no property they do not describe), so a document cannot carry a
//! field the committed contract does not list; the committed files stay open to additions.

mod support;

use std::path::PathBuf;
use std::process::Output;
use std::sync::atomic::Ordering;

use assert_cmd::Command;
use support::contract::Contract;
use support::dns::{DnsServer, Zone};
use support::kms_host::KmsHost;
use support::wine::StartRetrying;
use vlmgr::cli::slmgr::COMMANDS;

const PRO_GVLK: &str = "W269N-WFGWX-YVC9B-4J6C9-T83GX";

/// A client: a state directory and a resolv.conf, asking one DNS server.
struct Client {
    dir: tempfile::TempDir,
    resolv: PathBuf,
    dns: String,
}

impl Client {
    fn new(dns: &DnsServer, resolv_conf: &str) -> Client {
        let dir = tempfile::tempdir().expect("dir");
        let resolv = dir.path().join("resolv.conf");
        std::fs::write(&resolv, resolv_conf).expect("resolv.conf");
        Client {
            dir,
            resolv,
            dns: dns.addr().to_string(),
        }
    }

    /// `vlmgr --json ARGS` with this state, resolv.conf and name server.
    fn json(&self, args: &[&str]) -> Output {
        Command::cargo_bin("vlmgr")
            .expect("binary")
            .env("VLMGR_STATE_DIR", self.dir.path().join("state"))
            .env("VLMGR_RESOLV_CONF", &self.resolv)
            .env_remove("VLMGR_DNS_SERVER")
            // vlmgr's own client on every OS (on Windows the default is Windows' licensing
            // service, whose documents tests/system_backend.rs checks against the model).
            .env("VLMGR_STANDALONE", "1")
            .args(["--json", "--dns-server", &self.dns, "--timeout", "10s"])
            .args(args)
            .output_retrying()
            .expect("vlmgr runs")
    }
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited")
}

/// Every command's success document, on a client that goes from nothing installed to
/// activated and back.
#[test]
fn every_command_prints_a_document_that_matches_its_schema() {
    let contract = Contract::load();
    let good = KmsHost::start(30).expect("host");
    let refusing = KmsHost::start(30).expect("host");
    refusing
        .knobs
        .host_error
        .store(0xC004_F042, Ordering::SeqCst);
    let dns = DnsServer::start(&[
        Zone::new("lab.test")
            .srv("_vlmcs._tcp", 0, 0, good.addr().port(), "kms")
            .a("kms", [127, 0, 0, 1]),
        Zone::new("bad.test")
            .srv("_vlmcs._tcp", 0, 0, refusing.addr().port(), "kms")
            .a("kms", [127, 0, 0, 1]),
        Zone::new("empty.test"),
    ])
    .expect("dns");
    let client = Client::new(&dns, "search lab.test\n");
    let ok = |schema: &str, args: &[&str], exit: i32| {
        let out = client.json(args);
        assert_eq!(
            code(&out),
            exit,
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        contract.valid(schema, &out)
    };

    ok("products", &["products", "windows", "11"], 0);
    ok("ipk", &["ipk", PRO_GVLK], 0);
    ok("dli", &["dli"], 0);
    ok("dlv", &["dlv", "all"], 0);
    ok("xpr", &["xpr"], 0);
    ok("skms-domain", &["skms-domain", "lab.test"], 0);
    ok("ckms-domain", &["ckms-domain"], 0);
    ok("ckhc", &["ckhc"], 0);
    ok("skhc", &["skhc"], 0);
    ok("skms", &["skms", &refusing.address_arg()], 0);
    ok("ckms", &["ckms"], 0);
    ok("discover", &["discover", "--check"], 0);
    let nothing = ok("discover", &["discover", "empty.test"], 3);
    assert_eq!(nothing["error"]["hresult"], "0x8007232B", "{nothing}");

    let refused = ok("ato", &["ato", "--kms", &refusing.address_arg()], 1);
    assert_eq!(refused["hresult"], "0xC004F042", "{refused}");
    let gave_up = ok(
        "ato",
        &["ato", "--kms", &refusing.address_arg(), "--wait", "30s"],
        1,
    );
    assert_eq!(gave_up["next_try"]["after_wait_end"], true, "{gave_up}");
    let activated = ok("ato", &["ato"], 0);
    assert_eq!(activated["response"]["count"], 30, "{activated}");
    ok("renew", &["renew"], 0);
    let dlv = ok("dlv", &["dlv"], 0);
    assert!(
        dlv["products"][0]["kms_client"]["last_attempt"].is_object(),
        "{dlv}"
    );

    ok("check", &["check", "--expiry"], 0);
    let check = ok(
        "check",
        &["check", "--activate", "--expiry", "lab.test", "bad.test"],
        1,
    );
    let answered: Vec<&serde_json::Value> = check["hosts"]
        .as_array()
        .expect("hosts")
        .iter()
        .map(|host| &host["activation"])
        .collect();
    assert!(
        answered.iter().any(|a| a["hresult"] == "0xC004F042"),
        "{check}"
    );
    assert!(
        answered.iter().any(|a| a["response"]["count"] == 30),
        "{check}"
    );

    ok("upk", &["upk"], 0);
}

/// Every command's error document: a usage error for each, and failures found while
/// running (nothing installed, an unknown product, no domain to search, bad thresholds).
#[test]
fn every_error_prints_the_error_document() {
    let contract = Contract::load();
    let dns = DnsServer::start(&[Zone::new("lab.test")]).expect("dns");
    let client = Client::new(&dns, "nameserver 127.0.0.1\n");
    for (command, _) in COMMANDS.iter().filter(|(c, _)| *c != "completions") {
        let out = client.json(&[command, "--no-such-option"]);
        assert_eq!(code(&out), 2, "{command}");
        let doc = contract.valid("error", &out);
        assert_eq!(doc["error"]["exit_code"], 2, "{command}: {doc}");
    }
    let failing: [(&[&str], i32, &str); 10] = [
        (&["dli"], 5, "0xC004F069"),
        (&["ato"], 5, "0xC004F069"),
        (&["ipk", "nonsense"], 2, "0xC004F050"),
        (&["discover"], 3, "0x8007007B"),
        (&["xpr", "not-a-product"], 2, "0xC004F050"),
        (&["check", "--warn-days", "1", "--crit-days", "5"], 2, ""),
        (&["/atoo"], 2, ""),
        (&["/ato", "/dlv"], 2, ""),
        (&["check", "--format", "nagios"], 2, ""),
        (&["help", "atoo"], 2, ""),
    ];
    for (args, exit, hresult) in failing {
        let out = client.json(args);
        assert_eq!(code(&out), exit, "{args:?}");
        let doc = contract.valid("error", &out);
        let hint = doc["error"]["hint"].as_str().unwrap_or_default();
        assert!(
            !hint.is_empty(),
            "{args:?}: every error says what to do: {doc}"
        );
        match hresult {
            "" => assert!(doc["error"]["hresult"].is_null(), "{doc}"),
            code => assert_eq!(doc["error"]["hresult"], code, "{doc}"),
        }
    }
}

/// A document that breaks its schema is caught: the validation above is not vacuous.
#[test]
fn a_document_that_breaks_the_contract_is_refused() {
    let contract = Contract::load();
    let index = contract.by_name["error"];
    let broken = serde_json::json!({
        "schema_version": 2,
        "error": {"hresult": 3221549122u32, "message": "m", "hint": "", "exit_code": 2}
    });
    assert!(contract.schemas.validate(&broken, index).is_err());
    let old = serde_json::json!({
        "error": {"hresult": null, "message": "m", "hint": "", "exit_code": 2}
    });
    assert!(
        contract.schemas.validate(&old, index).is_err(),
        "schema_version is required"
    );
}
