//! State durability: many concurrent writers, writers killed at random moments, a full
//! or read-only file system. The file always parses and holds every completed update.

mod support;

use support::wine::{SpawnRetrying, StartRetrying};

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin("vlmgr")
}

fn vlmgr(state: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(bin());
    cmd.env("VLMGR_STATE_DIR", state)
        .env("VLMGR_STANDALONE", "1")
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    cmd
}

fn read_state(state: &Path) -> serde_json::Value {
    let bytes = std::fs::read(state.join("state.json")).expect("state file exists");
    serde_json::from_slice(&bytes).unwrap_or_else(|e| {
        panic!(
            "state file does not parse ({e}): {}",
            String::from_utf8_lossy(&bytes)
        )
    })
}

fn office_ids(state: &Path, count: usize) -> Vec<String> {
    let out = Command::new(bin())
        .env("VLMGR_STATE_DIR", state)
        .env("VLMGR_STANDALONE", "1")
        .args(["products", "--json", "office"])
        .output_retrying()
        .expect("products");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let ids: Vec<String> = doc["products"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|p| p["activation_id"].as_str().map(str::to_string))
        .take(count)
        .collect();
    assert_eq!(ids.len(), count);
    ids
}

/// How many writers run at once: 64, or 16 under Windows, where each process start costs
/// tens of milliseconds (hundreds under Wine).
const WRITERS: usize = if cfg!(windows) { 16 } else { 64 };

/// The commands one writer runs in order, each after the previous one succeeded.
fn writer_commands(i: usize, id: &str) -> Vec<Vec<String>> {
    let global: [&[String]; 2] = match i % 4 {
        0 => [&["ckhc".into()], &["skhc".into()]],
        1 => [
            &["skms".into(), format!("global{i}.example")],
            &["ckms".into()],
        ],
        2 => [
            &["skms-domain".into(), format!("g{i}.example")],
            &["ckms-domain".into()],
        ],
        _ => [&["ipk".into(), id.into()], &["upk".into(), id.into()]],
    };
    let mut commands: Vec<Vec<String>> = global.iter().map(|c| c.to_vec()).collect();
    commands.push(vec!["ipk".into(), id.into()]);
    commands.push(vec![
        "skms".into(),
        format!("host{i}.example:{}", 2000 + i),
        id.into(),
    ]);
    commands.push(vec![
        "skms-domain".into(),
        format!("d{i}.example"),
        id.into(),
    ]);
    commands.push(vec![
        "skms-domain".into(),
        format!("e{i}.example"),
        id.into(),
    ]);
    commands
}

/// [`WRITERS`] writers at once, each running a chain of every state-changing command on
/// its own product, while others toggle the global settings.
#[test]
fn concurrent_writers_lose_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    let ids = office_ids(d, WRITERS);
    std::thread::scope(|scope| {
        let writers: Vec<_> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                scope.spawn(move || {
                    for command in writer_commands(i, id) {
                        let out = vlmgr(d, &command.iter().map(String::as_str).collect::<Vec<_>>())
                            .output_retrying()
                            .expect("spawn");
                        assert!(
                            out.status.success(),
                            "writer {i}, {command:?}: {}",
                            String::from_utf8_lossy(&out.stderr)
                        );
                    }
                })
            })
            .collect();
        for writer in writers {
            writer.join().expect("a writer failed");
        }
    });
    let state = read_state(d);
    let products = state["products"].as_array().expect("products");
    assert_eq!(products.len(), WRITERS, "every installed product is there");
    for (i, id) in ids.iter().enumerate() {
        let product = products
            .iter()
            .find(|p| p["activation_id"] == id.as_str())
            .unwrap_or_else(|| panic!("product {id} lost"));
        assert_eq!(
            product["settings"]["kms_host"]["host"],
            format!("host{i}.example")
        );
        assert_eq!(product["settings"]["kms_host"]["port"], 2000 + i);
        assert_eq!(
            product["settings"]["lookup_domain"],
            format!("e{i}.example")
        );
    }
    assert_eq!(state["settings"]["kms_host"], serde_json::Value::Null);
    assert_eq!(state["settings"]["lookup_domain"], serde_json::Value::Null);
    assert_eq!(state["settings"]["host_caching"], true);
}

/// 500 runs (60 under Windows, where a process start is slow), each killed (SIGKILL,
/// TerminateProcess) at a random moment: the file always parses, and
/// holds the last update that completed (or a later one that got as far as the rename).
///
/// The moments are drawn from zero to twice the time a whole run takes on this machine,
/// measured as the test goes (every 25th run is left to finish and timed), so the kills
/// land before, during and after the write however loaded the machine is.
#[test]
fn writers_killed_at_random_moments_never_corrupt_the_file() {
    let runs = if cfg!(windows) { 60 } else { 500 };
    let dir = tempfile::tempdir().expect("dir");
    let d = dir.path();
    let (mut run_time, mut shortest) = (Duration::ZERO, Duration::MAX);
    for _ in 0..3 {
        let took = timed_run(d, "host0.example");
        (run_time, shortest) = (run_time.max(took), shortest.min(took));
    }
    let mut last_completed = 0usize;
    let mut rng_state: u64 = 0x9e37_79b9_7f4a_7c15;
    let (mut killed, mut survived) = (0, 0);
    for i in 1..=runs {
        let host = format!("host{i}.example");
        if i % 25 == 0 {
            let took = timed_run(d, &host);
            (run_time, shortest) = (run_time.max(took), shortest.min(took));
            last_completed = i;
            continue;
        }
        // xorshift: a fixed, reproducible sequence of fractions of the window.
        rng_state ^= rng_state << 13;
        rng_state ^= rng_state >> 7;
        rng_state ^= rng_state << 17;
        // Under Wine a run takes from a tenth of a second to seconds (process start goes
        // through its server): a window twice the longest would put nearly every kill
        // after the run ended, so Windows draws from twice the shortest.
        let window = if cfg!(windows) { shortest } else { run_time } * 2;
        let delay = window.mul_f64((rng_state % 1_000) as f64 / 1_000.0);
        let mut child = vlmgr(d, &["skms", &host]).spawn_retrying().expect("spawn");
        std::thread::sleep(delay);
        let _ = child.kill();
        let status = child.wait().expect("wait");
        if status.success() {
            last_completed = i;
            survived += 1;
        } else {
            killed += 1;
        }
        let state = read_state(d);
        let found = state["settings"]["kms_host"]["host"]
            .as_str()
            .and_then(|h| h.strip_prefix("host"))
            .and_then(|h| h.strip_suffix(".example"))
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or_else(|| panic!("run {i}: unexpected host in {state}"));
        assert!(
            found >= last_completed && found <= i,
            "run {i}: file holds host{found}, last completed update was host{last_completed}"
        );
    }
    // Kills landed both before a run ended and after, or the test proved nothing.
    assert!(killed > 0, "no run was killed");
    assert!(survived > 0, "every kill landed before the run ended");
    eprintln!("{runs} runs: {killed} killed, {survived} finished first, longest run {run_time:?}");
}

/// Runs `skms host` to completion and returns how long it took.
/// No temporary file of the state is left in `state` (the names are unique per write).
fn assert_no_temp_file(state: &Path) {
    for entry in std::fs::read_dir(state).expect("list") {
        let name = entry.expect("entry").file_name();
        let name = name.to_string_lossy();
        assert!(
            !name.starts_with(".state.json"),
            "temp file left behind: {name}"
        );
    }
}

fn timed_run(state: &Path, host: &str) -> Duration {
    let started = Instant::now();
    let status = vlmgr(state, &["skms", host]).status().expect("run");
    assert!(status.success(), "skms {host}");
    started.elapsed()
}

/// A tiny tmpfs: once full, writes fail with a clear error and the old file stays.
#[test]
#[ignore = "needs root (mounts a tmpfs); run by .ci/run"]
fn full_and_read_only_file_systems_keep_the_old_file() {
    let dir = tempfile::tempdir().expect("dir");
    let mount = dir.path().join("tmpfs");
    std::fs::create_dir(&mount).expect("mkdir");
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
        .arg(&mount)
        .status()
        .expect("mount runs");
    assert!(mounted.success(), "mounting a tmpfs needs root");
    let result = std::panic::catch_unwind(|| {
        let state = mount.join("state");
        assert!(
            vlmgr(&state, &["ipk", "W269N-WFGWX-YVC9B-4J6C9-T83GX"])
                .status()
                .expect("run")
                .success()
        );
        let before = std::fs::read(state.join("state.json")).expect("read");
        // Fill the file system.
        let _ = Command::new("dd")
            .args(["if=/dev/zero", "bs=4k", "count=100"])
            .arg(format!("of={}", mount.join("filler").display()))
            .stderr(Stdio::null())
            .status();
        for args in [
            &["skms", "kms.example"][..],
            &["ipk", "NPPR9-FWDCX-D2C8J-H872K-2YT43"],
        ] {
            let out = vlmgr(&state, args).output_retrying().expect("run");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(5), "{args:?}: {stderr}");
            assert!(stderr.contains("cannot write the state"), "{stderr}");
            assert_eq!(
                std::fs::read(state.join("state.json")).expect("read"),
                before
            );
            assert_no_temp_file(&state);
        }
        // Read-only: remount and try again.
        let _ = std::fs::remove_file(mount.join("filler"));
        assert!(
            Command::new("mount")
                .args(["-o", "remount,ro"])
                .arg(&mount)
                .status()
                .expect("remount")
                .success()
        );
        let out = vlmgr(&state, &["skms", "kms.example"])
            .output_retrying()
            .expect("run");
        assert_eq!(
            out.status.code(),
            Some(5),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            std::fs::read(state.join("state.json")).expect("read"),
            before
        );
        // Reading still works.
        let out = vlmgr(&state, &["dli"]).output_retrying().expect("run");
        assert!(out.status.success());
        // ato finds the state unwritable before it asks a host anything.
        let host = support::kms_host::KmsHost::start(30).expect("host");
        let out = vlmgr(&state, &["ato", "--kms", &host.address_arg()])
            .output_retrying()
            .expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(5), "{stderr}");
        assert!(stderr.contains("no request was sent"), "{stderr}");
        assert_eq!(host.requests(), 0, "a request was sent");
    });
    let _ = Command::new("umount").arg(&mount).status();
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}
