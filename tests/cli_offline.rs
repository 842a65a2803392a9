//! The real binary in a temp state dir: every offline command in both spellings, text and
//! JSON, exit codes, bad arguments, and what happens to a damaged state file.

mod support;

use std::fs;
use std::path::Path;
use std::process::Output;

use assert_cmd::Command;
use support::wine::{SpawnRetrying, StartRetrying};

const PRO_GVLK: &str = "W269N-WFGWX-YVC9B-4J6C9-T83GX";
const PRO_ID: &str = "2de67392-b7a7-462a-b1ca-108dd189f588";
const ENTERPRISE_GVLK: &str = "NPPR9-FWDCX-D2C8J-H872K-2YT43";

fn vlmgr(state: &Path) -> Command {
    let mut cmd = Command::cargo_bin("vlmgr").expect("binary built");
    cmd.env("VLMGR_STATE_DIR", state)
        .env("VLMGR_STANDALONE", "1")
        .env_remove("NO_COLOR")
        .env_remove("VLMGR_DNS_SERVER");
    cmd
}

fn run(state: &Path, args: &[&str]) -> Output {
    vlmgr(state).args(args).output_retrying().expect("runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("exited")
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", stdout(output)))
}

/// `text` without the lines that follow the clock: two runs a moment apart may straddle a
/// minute of the time remaining (or the day it rounds to), most often under Wine, where a
/// process start takes up to seconds.
fn without_clock_lines(text: &str) -> String {
    text.lines()
        .filter(|l| !l.contains("minute(s)") && !l.contains(" ends "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn both_spellings_mean_the_same() {
    let spellings: &[(&[&str], &[&str])] = &[
        (&["/ipk", PRO_GVLK], &["ipk", PRO_GVLK]),
        (
            &["-SKMS", "kms.corp.example:1688"],
            &["skms", "kms.corp.example:1688"],
        ),
        (
            &["/skms-domain", "corp.example"],
            &["skms-domain", "corp.example"],
        ),
        (&["-dlv", "All"], &["dlv", "all"]),
        (&["/DLI"], &["dli"]),
        (&["/xpr"], &["xpr"]),
        (&["-ckms-domain"], &["ckms-domain"]),
        (&["/ckms"], &["ckms"]),
        (&["/CKHC"], &["ckhc"]),
        (&["-skhc"], &["skhc"]),
        (&["/upk"], &["upk"]),
    ];
    let slmgr_dir = tempfile::tempdir().expect("dir");
    let sub_dir = tempfile::tempdir().expect("dir");
    for (slmgr, sub) in spellings {
        let a = run(slmgr_dir.path(), slmgr);
        let b = run(sub_dir.path(), sub);
        assert_eq!(code(&a), 0, "{slmgr:?}: {}", stderr(&a));
        assert_eq!(code(&b), 0, "{sub:?}: {}", stderr(&b));
        // The CMIDs differ between the two dirs; everything else is the same.
        let mask = |text: String| {
            without_clock_lines(&text)
                .lines()
                .filter(|l| !l.contains("CMID"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(mask(stdout(&a)), mask(stdout(&b)), "{slmgr:?} vs {sub:?}");
    }
}

#[test]
fn setters_print_slmgr_messages_text_and_json() {
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    let cases: &[(&[&str], &str)] = &[
        (
            &["ipk", &PRO_GVLK.to_lowercase().replace('-', "")],
            "Installed product key W269N-WFGWX-YVC9B-4J6C9-T83GX successfully.",
        ),
        (
            &["skms", "kms.corp.example:1688"],
            "Key Management Service machine name set to kms.corp.example:1688 successfully.",
        ),
        (
            &["skms", "[2001:db8::5]:1700"],
            "Key Management Service machine name set to [2001:db8::5]:1700 successfully.",
        ),
        (
            &["skms", ":1800"],
            "Key Management Service machine port set to 1800 successfully.",
        ),
        (
            &["ckms"],
            "Key Management Service machine name cleared successfully.",
        ),
        (
            &["skms-domain", "corp.example"],
            "Key Management Service lookup domain set to corp.example successfully.",
        ),
        (
            &["ckms-domain"],
            "Key Management Service lookup domain cleared successfully.",
        ),
        (&["ckhc"], "KMS host caching is disabled"),
        (&["skhc"], "KMS host caching is enabled"),
        (
            &["skms", "10.1.2.3", PRO_ID],
            "Key Management Service machine name set to 10.1.2.3:1688 successfully.",
        ),
        (
            &["upk"],
            "Uninstalled product key successfully: Windows 10/11 Pro \
             (2de67392-b7a7-462a-b1ca-108dd189f588) removed, with its settings and results.",
        ),
    ];
    for (args, expected) in cases {
        let out = run(d, args);
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        assert_eq!(stdout(&out).trim_end(), *expected, "{args:?}");
    }
    // The same in JSON: one document with the message and the settings in force.
    let out = run(d, &["--json", "ipk", ENTERPRISE_GVLK]);
    let doc = json(&out);
    assert_eq!(doc["command"], "ipk");
    assert_eq!(doc["product"]["name"], "Windows 10/11 Enterprise");
    let out = run(d, &["skms", "kms.corp.example", "--json"]);
    let doc = json(&out);
    assert_eq!(doc["settings"]["kms_host"]["name"], "kms.corp.example");
    assert_eq!(doc["settings"]["kms_host"]["port"], 1688);
    assert_eq!(doc["settings"]["scope"], "global");
    let out = run(d, &["--json", "skms-domain", "corp.example"]);
    let doc = json(&out);
    assert_eq!(
        doc["warnings"][0],
        "/skms setting overrides the /skms-domain setting. kms.corp.example:1688 will be used for activation."
    );
}

#[test]
fn skms_warning_goes_to_stderr() {
    let dir = tempfile::tempdir().expect("dir");
    run(dir.path(), &["skms", "kms:1688"]);
    let out = run(dir.path(), &["skms-domain", "corp.example"]);
    assert_eq!(code(&out), 0);
    assert_eq!(
        stderr(&out).trim_end(),
        "Warning: /skms setting overrides the /skms-domain setting. kms:1688 will be used for activation."
    );
    let quiet = run(dir.path(), &["-q", "skms-domain", "corp.example"]);
    assert_eq!(stderr(&quiet), "");
}

/// `-q` is silent on success: confirmations, warnings and notes go; what a command is run
/// to show stays on stdout, errors stay on stderr, and `--json` keeps its document (issue
/// 24, item 1).
#[test]
fn quiet_prints_errors_only_and_the_data_asked_for() {
    let dir = tempfile::tempdir().expect("dir");
    let silent: &[&[&str]] = &[
        &["-q", "ipk", PRO_GVLK],
        &["-q", "ipk", ENTERPRISE_GVLK],
        &["-q", "skms", "kms.corp.example"],
        &["-q", "skms-domain", "corp.example"],
        &["-q", "ckms-domain"],
        &["-q", "ckms"],
        &["-q", "ckhc"],
        &["-q", "skhc"],
        &["skms", "-q", "kms.corp.example", "win11-enterprise"],
    ];
    for args in silent {
        let out = run(dir.path(), args);
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        assert_eq!(stdout(&out), "", "{args:?}");
        assert_eq!(stderr(&out), "", "{args:?}");
    }
    for args in [
        ["-q", "dlv", "all"],
        ["-q", "dli", "all"],
        ["-q", "xpr", "win11-enterprise"],
        ["-q", "products", "enterprise"],
    ] {
        let out = run(dir.path(), &args);
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        assert_eq!(
            without_clock_lines(&stdout(&out)),
            without_clock_lines(&stdout(&run(dir.path(), &args[1..]))),
            "{args:?}: the data as without -q"
        );
        assert!(!stdout(&out).is_empty(), "{args:?}");
        assert_eq!(stderr(&out), "", "{args:?}");
    }
    // JSON keeps its document.
    let out = run(dir.path(), &["-q", "--json", "ckms"]);
    assert_eq!(json(&out)["command"], "ckms");
    // Errors still come, on stderr.
    let out = run(dir.path(), &["-q", "xpr", "office2010-proplus"]);
    assert_eq!(code(&out), 5);
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).starts_with("Error: 0xC004F069"),
        "{}",
        stderr(&out)
    );
}

/// `all` wherever an Activation ID goes: a setter with `all` changes the global setting
/// and every product's own (a port alone: each one's port; anything else replaces the
/// global one and removes the products' own) (issue 24, item 4).
#[test]
fn setters_take_all_for_the_global_setting_and_every_products_own() {
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    for args in [
        ["-q", "ipk", "office2021-proplus"],
        ["-q", "ipk", "visio2021-pro"],
        ["-q", "skms", "own.corp.example:1700"],
    ] {
        assert_eq!(code(&run(d, &args)), 0, "{args:?}");
    }
    assert_eq!(
        code(&run(d, &["skms", "own.corp.example", "visio2021-pro"])),
        0
    );
    assert_eq!(
        code(&run(d, &["skms-domain", "lab.example", "visio2021-pro"])),
        0
    );
    let state = || -> serde_json::Value {
        serde_json::from_slice(&fs::read(d.join("state.json")).expect("state")).expect("JSON")
    };

    let out = run(d, &["skms", ":1800", "all", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json(&out)["settings"]["scope"], "all");
    let s = state();
    assert_eq!(s["settings"]["kms_host"]["port"], 1800);
    assert_eq!(s["settings"]["kms_host"]["host"], "own.corp.example");
    assert_eq!(s["products"][1]["settings"]["kms_host"]["port"], 1800);
    assert!(s["products"][0]["settings"]["kms_host"].is_null());

    assert_eq!(code(&run(d, &["skms-domain", "corp.example", "ALL"])), 0);
    let s = state();
    assert_eq!(s["settings"]["lookup_domain"], "corp.example");
    assert!(
        s["products"][1]["settings"]["lookup_domain"].is_null(),
        "{s}"
    );

    assert_eq!(code(&run(d, &["ckms", "all"])), 0);
    let s = state();
    assert!(s["settings"]["kms_host"].is_null());
    assert!(s["products"][1]["settings"]["kms_host"].is_null(), "{s}");
    for product in s["products"].as_array().expect("products") {
        assert!(product["settings_changed_at"].is_u64(), "{product}");
    }

    // check --expiry covers every product with `all`; --activate asks for one product.
    let out = run(
        d,
        &["check", "--product", "all", "--activate", "corp.example"],
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--product ACT_ID"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn dlv_dli_xpr_layouts() {
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    run(d, &["ipk", PRO_GVLK]);
    run(d, &["skms", "kms.corp.example:1688"]);
    let dlv = stdout(&run(d, &["dlv"]));
    let labels: Vec<&str> = dlv
        .lines()
        .filter_map(|l| l.split_once(':').map(|(k, _)| k.trim()))
        .collect();
    assert_eq!(
        labels,
        [
            "Name",
            "Description",
            "Activation ID",
            "Application ID",
            "Product Key Channel",
            "Partial Product Key",
            "License Status",
            "Time remaining",
            "Configured Activation Type",
            "Most recent activation information",
            "Client Machine ID (CMID)",
            "Registered KMS machine name",
            "Activation interval",
            "Renewal interval",
        ],
        "{dlv}"
    );
    assert!(
        dlv.contains("License Status: Initial grace period\n"),
        "{dlv}"
    );
    assert!(dlv.contains("Partial Product Key: T83GX\n"), "{dlv}");
    assert!(dlv.contains("    KMS host caching is enabled\n"), "{dlv}");
    assert!(dlv.contains("Please use vlmgr ato to activate"), "{dlv}");
    let dli = stdout(&run(d, &["dli"]));
    assert!(
        !dli.contains("Activation ID:"),
        "dli has no dlv-only lines: {dli}"
    );
    assert!(dli.contains("Partial Product Key: T83GX"));
    let xpr = stdout(&run(d, &["xpr"]));
    assert!(
        xpr.starts_with("Windows 10/11 Pro:\n    Initial grace period ends "),
        "{xpr}"
    );
    let doc = json(&run(d, &["xpr", "--json"]));
    assert_eq!(doc["products"][0]["license_status"], "initial_grace");
    let doc = json(&run(d, &["dlv", "all", "--json"]));
    assert_eq!(doc["products"][0]["activation_id"], PRO_ID);
    let registered = &doc["products"][0]["kms_client"]["registered_kms_host"];
    assert_eq!(registered["name"], "kms.corp.example", "{registered}");
    assert_eq!(registered["port"], 1688, "{registered}");
}

#[test]
fn products_lists_the_catalog() {
    let dir = tempfile::tempdir().expect("dir");
    let out = run(dir.path(), &["products"]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).contains(PRO_GVLK));
    let doc = json(&run(dir.path(), &["products", "--json", "enterprise"]));
    let products = doc["products"].as_array().expect("array");
    assert!(!products.is_empty());
    assert!(products.iter().all(|p| {
        p["name"].as_str().is_some_and(|n| {
            n.to_lowercase().contains("enterprise")
                || p["aliases"].to_string().contains("enterprise")
        })
    }));
}

#[test]
fn unknown_key_is_0xc004f050_with_a_hint() {
    let dir = tempfile::tempdir().expect("dir");
    let out = run(dir.path(), &["ipk", "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.starts_with("Error: 0xC004F050 "), "{err}");
    assert!(err.contains("vlmgr products"), "{err}");
    let out = run(dir.path(), &["--json", "ipk", "nonsense"]);
    assert_eq!(code(&out), 2);
    let doc = json(&out);
    assert_eq!(doc["error"]["hresult"], "0xC004F050");
    assert_eq!(doc["error"]["exit_code"], 2);
    assert!(!dir.path().join("state.json").exists(), "nothing written");
}

#[test]
fn nothing_installed_is_a_state_problem() {
    let dir = tempfile::tempdir().expect("dir");
    for args in [&["dlv"][..], &["xpr"], &["upk"], &["skms", "kms", PRO_ID]] {
        let out = run(dir.path(), args);
        assert_eq!(code(&out), 5, "{args:?}");
        assert!(
            stderr(&out).contains("product key not found"),
            "{}",
            stderr(&out)
        );
    }
    let out = run(dir.path(), &["dlv", "all", "--json"]);
    assert_eq!(code(&out), 0);
    assert_eq!(json(&out)["products"], serde_json::json!([]));
}

#[test]
fn bad_arguments_exit_2_with_the_accepted_forms() {
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    for (args, expected) in [
        (
            &["/foo"][..],
            "Error: unrecognized option '/foo'\n\
             vlmgr takes slmgr's KMS client options (/ipk, /ato, /dli, /dlv, /xpr, /skms, ...): \
             `vlmgr --help` lists them.\n",
        ),
        (
            &["/skms"],
            "Error: option /skms needs <Name[:Port] | : port>\n\
             For example: `vlmgr skms kms.corp.example:1688` (`vlmgr skms --help` says more).\n",
        ),
        (
            &["skms"],
            "Error: option /skms needs <Name[:Port] | : port>\n\
             For example: `vlmgr skms kms.corp.example:1688` (`vlmgr skms --help` says more).\n",
        ),
        (
            &["-ipk"],
            "Error: option /ipk needs <Product Key>\n\
             For example: `vlmgr ipk NPPR9-FWDCX-D2C8J-H872K-2YT43` (`vlmgr ipk --help` says more).\n",
        ),
        (
            &["/skms-domain"],
            "Error: option /skms-domain needs <FQDN>\n\
             For example: `vlmgr skms-domain corp.example` (`vlmgr skms-domain --help` says more).\n",
        ),
    ] {
        let out = run(d, args);
        assert_eq!(code(&out), 2, "{args:?}");
        assert_eq!(stderr(&out), expected, "{args:?}");
        assert!(stdout(&out).is_empty(), "{args:?}");
    }
    for (address, needle) in [
        ("kms:0", "port 0"),
        ("kms:65536", "not a number from 1 to 65535"),
        ("2001:db8:0:0:0:0:0:1:1688", "[address]:port"),
        ("bad_host!", "not a valid host name"),
        ("-kms.example", "not a valid host name"),
    ] {
        let out = run(d, &["skms", address]);
        assert_eq!(code(&out), 2, "{address}");
        let err = stderr(&out);
        assert!(err.starts_with("Error: invalid value "), "{address}: {err}");
        assert!(err.contains(needle), "{address}: {err}");
        assert!(
            err.ends_with(
                "\nAccepted forms: host, host:port, [IPv6]:port, IPv4, IPv6 (without port), :port.\n"
            ),
            "{address}: {err}"
        );
    }
    let out = run(d, &["--json", "skms", "kms:0"]);
    assert_eq!(code(&out), 2);
    let doc = json(&out);
    assert_eq!(doc["error"]["exit_code"], 2);
    assert!(
        doc["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("port 0")),
        "{doc}"
    );
    for args in [
        &["--timeout", "0s", "dli"][..],
        &["--timeout", "5 parsecs", "dli"],
        &["--color", "sometimes", "dli"],
        &["--dns-server", "not-an-ip", "dli"],
        &["ato", "--protocol", "7"],
        &["ato", "--wait", "forever"],
        &["dlv", "a", "b"],
    ] {
        let out = run(d, args);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).is_empty());
    }
}

/// `--retry-interval` below a minute is refused before anything is sent, saying why, in
/// text and in the JSON error document; the state is not even read.
#[test]
fn retry_intervals_below_a_minute_are_usage_errors() {
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    for interval in ["1s", "300ms", "59s"] {
        let out = run(d, &["ato", "--wait", "2h", "--retry-interval", interval]);
        assert_eq!(code(&out), 2, "{interval}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("faster than once a minute"), "{err}");
        assert!(err.contains("15 minutes"), "{err}");
        assert!(err.contains("1m or more"), "{err}");
        assert!(stdout(&out).is_empty());
    }
    let out = run(
        d,
        &["--json", "ato", "--wait", "2h", "--retry-interval", "1s"],
    );
    assert_eq!(code(&out), 2);
    let doc = json(&out);
    assert_eq!(doc["error"]["exit_code"], 2);
    assert!(doc["error"]["hresult"].is_null());
    let message = doc["error"]["message"].as_str().expect("message");
    assert!(message.contains("--retry-interval"), "{message}");
    assert!(message.contains("faster than once a minute"), "{message}");
    assert!(!d.join("state.json").exists(), "nothing ran");
    // A minute is the floor, not below it: this parses (and fails later for want of a product).
    let out = run(d, &["ato", "--wait", "2h", "--retry-interval", "1m"]);
    assert_ne!(code(&out), 2, "{}", stderr(&out));
}

#[test]
fn help_and_version_exit_0_on_stdout() {
    let dir = tempfile::tempdir().expect("dir");
    for args in [&["--help"][..], &["/?"], &["--version"], &["ato", "--help"]] {
        let out = run(dir.path(), args);
        assert_eq!(code(&out), 0, "{args:?}");
        assert!(!stdout(&out).is_empty());
    }
    let help = stdout(&run(dir.path(), &["--help"]));
    assert!(help.contains("Exit codes:"), "{help}");
}

#[test]
fn damaged_state_files_exit_5_and_stay_untouched() {
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    assert_eq!(code(&run(d, &["ipk", PRO_GVLK])), 0);
    let path = d.join("state.json");
    let good = fs::read(&path).expect("state");
    let truncated = &good[..good.len() / 2];
    let future =
        String::from_utf8_lossy(&good).replace("\"schema_version\": 1", "\"schema_version\": 7");
    for bytes in [
        truncated.to_vec(),
        future.into_bytes(),
        b"\x00\xff garbage".to_vec(),
    ] {
        fs::write(&path, &bytes).expect("write");
        for args in [&["dlv"][..], &["skms", "kms"], &["ipk", ENTERPRISE_GVLK]] {
            let out = run(d, args);
            assert_eq!(code(&out), 5, "{args:?}: {}", stderr(&out));
            assert!(
                stderr(&out).contains(&path.display().to_string()),
                "{}",
                stderr(&out)
            );
            assert_eq!(
                fs::read(&path).expect("read"),
                bytes,
                "file changed by {args:?}"
            );
        }
    }
}

#[test]
fn unwritable_state_dir_exits_5() {
    let dir = tempfile::tempdir().expect("dir");
    // A regular file where the directory should be: no user (root included) can create it.
    let blocker = dir.path().join("file");
    fs::write(&blocker, b"").expect("write");
    let out = run(&blocker.join("state"), &["ipk", PRO_GVLK]);
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot write the state"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--state-dir"), "{}", stderr(&out));
}

/// A reader that goes away (`vlmgr dlv | head -1`, or one that never reads) ends vlmgr
/// quietly with exit 0, on every OS (EPIPE on Unix, ERROR_NO_DATA on Windows).
#[test]
fn broken_pipe_exits_quietly() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().expect("dir");
    run(dir.path(), &["ipk", PRO_GVLK]);
    let bin = assert_cmd::cargo::cargo_bin("vlmgr");
    let spawn = |args: &[&str]| {
        std::process::Command::new(&bin)
            .args(args)
            .env("VLMGR_STATE_DIR", dir.path())
            .env("VLMGR_STANDALONE", "1")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn_retrying()
            .expect("spawn")
    };
    // The reader takes the first line and leaves, as `head -1` does.
    let mut child = spawn(&["dlv"]);
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("a line");
    assert_eq!(first, "Name: Windows 10/11 Pro\n");
    let out = child.wait_with_output().expect("exits");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    // The reader is gone before vlmgr writes a byte: every write fails.
    let mut child = spawn(&["products"]);
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("exits");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn thirty_two_parallel_installs_lose_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let catalog = json(&run(dir.path(), &["products", "--json"]));
    let ids: Vec<String> = catalog["products"]
        .as_array()
        .expect("array")
        .iter()
        .filter(|p| p["family"] == "office")
        .filter_map(|p| p["activation_id"].as_str().map(str::to_string))
        .take(32)
        .collect();
    assert_eq!(ids.len(), 32, "the catalog has at least 32 Office editions");
    let bin = assert_cmd::cargo::cargo_bin("vlmgr");
    let children: Vec<_> = ids
        .iter()
        .map(|id| {
            std::process::Command::new(&bin)
                .args(["-q", "ipk", id])
                .env("VLMGR_STATE_DIR", dir.path())
                .env("VLMGR_STANDALONE", "1")
                .spawn_retrying()
                .expect("spawn")
        })
        .collect();
    for mut child in children {
        assert!(child.wait().expect("wait").success());
    }
    let doc = json(&run(dir.path(), &["dli", "all", "--json"]));
    let installed: Vec<&str> = doc["products"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|p| p["activation_id"].as_str())
        .collect();
    for id in &ids {
        assert!(installed.contains(&id.as_str()), "{id} lost");
    }
    assert_eq!(installed.len(), 32);
}
