//! Output conventions: colour only where it belongs, nothing from outside reaches the
//! terminal unescaped.

mod support;

use support::wine::StartRetrying;

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;

const PRO_GVLK: &str = "W269N-WFGWX-YVC9B-4J6C9-T83GX";

fn run(state: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::cargo_bin("vlmgr").expect("binary");
    cmd.env("VLMGR_STATE_DIR", state)
        .env("VLMGR_STANDALONE", "1")
        .env_remove("NO_COLOR");
    for (key, value) in env {
        cmd.env(key, value);
    }
    cmd.args(args).output_retrying().expect("runs")
}

fn has_escape(bytes: &[u8]) -> bool {
    bytes.contains(&0x1b)
}

#[test]
fn no_colour_when_piped_or_with_no_color() {
    let dir = tempfile::tempdir().expect("dir");
    run(dir.path(), &["ipk", PRO_GVLK], &[]);
    let piped = run(dir.path(), &["dlv"], &[]);
    assert!(!has_escape(&piped.stdout));
    let error = run(dir.path(), &["ipk", "nonsense"], &[]);
    assert!(!has_escape(&error.stderr));
    let forced = run(dir.path(), &["dlv", "--color", "always"], &[]);
    assert!(has_escape(&forced.stdout), "--color always colours");
    let forced_error = run(dir.path(), &["--color=always", "ipk", "nonsense"], &[]);
    assert!(has_escape(&forced_error.stderr));
    let never = run(dir.path(), &["dlv", "--color", "never"], &[]);
    assert!(!has_escape(&never.stdout));
}

/// On a real terminal (a pty from `script`), auto colours; NO_COLOR turns it off.
#[test]
fn terminal_gets_colour_unless_no_color() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    run(dir.path(), &["ipk", PRO_GVLK], &[]);
    let bin = assert_cmd::cargo::cargo_bin("vlmgr");
    let on_pty = |no_color: Option<&str>| {
        let mut cmd = std::process::Command::new("script");
        cmd.args(["-qec", &format!("'{}' dlv", bin.display()), "/dev/null"])
            .env("VLMGR_STATE_DIR", dir.path())
            .env("VLMGR_STANDALONE", "1")
            .env_remove("NO_COLOR");
        if let Some(value) = no_color {
            cmd.env("NO_COLOR", value);
        }
        cmd.output().expect("script runs")
    };
    assert!(
        has_escape(&on_pty(None).stdout),
        "auto on a terminal colours"
    );
    assert!(
        !has_escape(&on_pty(Some("1")).stdout),
        "NO_COLOR wins over auto"
    );
}

#[test]
fn hostile_text_in_the_state_file_prints_escaped() {
    let dir = tempfile::tempdir().expect("dir");
    run(dir.path(), &["ipk", PRO_GVLK], &[]);
    // A state file edited (or written by a hostile host's answer) with an ePID holding an
    // escape sequence and a newline.
    let path = dir.path().join("state.json");
    let text = std::fs::read_to_string(&path).expect("state");
    let hostile = text.replace(
        "\"last_result\": null",
        r#""last_result": {"at": 1700000000, "outcome": "activated", "hresult": 0, "protocol": 6,
            "host": {"name": "kms.example", "port": 1688, "ip": "127.0.0.1", "source": {"kind": "configured"}},
            "response": {"epid": "evil\u001b[2J\nLicense Status: Licensed", "hwid": null, "count": 50,
                         "activation_interval_minutes": 120, "renewal_interval_minutes": 10080}}"#,
    );
    assert_ne!(hostile, text);
    std::fs::write(&path, hostile).expect("write");
    let out = run(dir.path(), &["dlv", "--color", "never"], &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!has_escape(&out.stdout));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("KMS machine extended PID: evil\\u{1b}[2J\\u{a}License Status: Licensed"),
        "{stdout}"
    );
    // The injected text did not become a line of its own.
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.starts_with("License Status:"))
            .count(),
        1
    );
}

/// A host whose ePID carries an escape sequence and a newline: activation succeeds (the
/// ePID is well formed UTF-16) and nothing of it reaches the terminal raw, in `ato -v`,
/// `dlv` or JSON.
#[test]
fn hostile_epid_from_a_host_prints_harmlessly() {
    let host = support::kms_host::KmsHost::start(50).expect("host");
    *host
        .knobs
        .epid
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) =
        "evil\u{1b}]0;owned\u{7}\u{1b}[2J\nLicense Status: Licensed".to_owned();
    let dir = tempfile::tempdir().expect("dir");
    run(dir.path(), &["ipk", PRO_GVLK], &[]);
    let address = host.addr().to_string();
    let ato = run(
        dir.path(),
        &["ato", "-v", "--kms", &address, "--color", "always"],
        &[],
    );
    assert!(
        ato.status.success(),
        "{}",
        String::from_utf8_lossy(&ato.stderr)
    );
    for stream in [&ato.stdout, &ato.stderr] {
        let text = String::from_utf8_lossy(stream);
        assert!(
            !text.contains("\u{1b}]0;") && !text.contains("\u{1b}[2J"),
            "{text:?}"
        );
        assert!(!text.contains('\u{7}'), "{text:?}");
    }
    let dlv = run(dir.path(), &["dlv"], &[]);
    let text = String::from_utf8_lossy(&dlv.stdout);
    assert!(!has_escape(&dlv.stdout), "{text:?}");
    assert!(
        text.contains("KMS machine extended PID: evil\\u{1b}]0;owned\\u{7}\\u{1b}[2J\\u{a}License Status: Licensed"),
        "{text}"
    );
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("License Status:"))
            .count(),
        1
    );
    // JSON escapes control characters by its own rules.
    let json = run(dir.path(), &["dlv", "--json"], &[]);
    assert!(!has_escape(&json.stdout));
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert!(
        doc["products"][0]["kms_client"]["last_attempt"]["response"]["epid"]
            .as_str()
            .is_some_and(|e| e.starts_with("evil\u{1b}]0;owned"))
    );
}

/// Characters in `text` that would act on a terminal or disguise text, line breaks aside.
fn raw_hidden(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| c != '\n' && vlmgr::output::is_hidden_or_control(c))
        .collect()
}

/// A host whose ePID carries bidi overrides and isolates, zero-width and other format
/// characters: none reaches any output raw (text, `-v`, `--json`, `check`), each shows
/// as its escape, and the JSON value is still the ePID the host sent.
#[test]
fn bidi_and_format_characters_from_a_host_print_escaped_everywhere() {
    const EPID: &str = "03612-00206\u{202e}1033\u{202c}-\u{2066}x\u{2069}\u{200b}\u{200f}\u{feff}\u{ad}\u{2028}\u{e0041}";
    let host = support::kms_host::KmsHost::start(50).expect("host");
    *host
        .knobs
        .epid
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = EPID.to_owned();
    let dir = tempfile::tempdir().expect("dir");
    run(dir.path(), &["ipk", PRO_GVLK], &[]);
    let address = host.addr().to_string();
    let escaped = "03612-00206\\u{202e}1033\\u{202c}-\\u{2066}x\\u{2069}\\u{200b}\\u{200f}\\u{feff}\\u{ad}\\u{2028}\\u{e0041}";
    let ato = run(
        dir.path(),
        &["ato", "-v", "--kms", &address, "--color", "never"],
        &[],
    );
    assert!(
        ato.status.success(),
        "{}",
        String::from_utf8_lossy(&ato.stderr)
    );
    run(dir.path(), &["skms", &address], &[]);
    let outputs = [
        ("ato -v", ato),
        ("dlv", run(dir.path(), &["dlv"], &[])),
        ("dlv --json", run(dir.path(), &["dlv", "--json"], &[])),
        (
            "check --activate",
            run(dir.path(), &["check", "--activate", "-v"], &[]),
        ),
        (
            "check --activate --json",
            run(dir.path(), &["check", "--activate", "--json"], &[]),
        ),
    ];
    for (what, out) in &outputs {
        for stream in [&out.stdout, &out.stderr] {
            let text = String::from_utf8_lossy(stream);
            assert_eq!(raw_hidden(&text), Vec::<char>::new(), "{what}: {text}");
        }
    }
    let text = |i: usize| String::from_utf8_lossy(&outputs[i].1.stdout).into_owned();
    assert!(
        text(1).contains(&format!("KMS machine extended PID: {escaped}")),
        "{}",
        text(1)
    );
    assert!(text(3).contains(&format!("ePID {escaped}")), "{}", text(3));
    // JSON writes them as \u escapes: the value is the host's ePID, unchanged.
    let json = text(2);
    assert!(
        json.contains(
            r#"03612-00206\u202e1033\u202c-\u2066x\u2069\u200b\u200f\ufeff\u00ad\u2028\udb40\udc41"#
        ),
        "{json}"
    );
    let doc: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(
        doc["products"][0]["kms_client"]["last_attempt"]["response"]["epid"],
        EPID
    );
    let check: serde_json::Value = serde_json::from_str(&text(4)).expect("json");
    assert_eq!(
        check["hosts"][0]["activation"]["response"]["epid"], EPID,
        "{check}"
    );
}
