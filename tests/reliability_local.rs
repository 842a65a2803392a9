//! A hostile local environment: links and other files planted in the state directory, a
//! directory that others control, a lock held by another process, a slow host while the
//! settings change. The real binary each time (docs/reliability.md, docs/state.md).

mod support;

use std::fs::{self, File};
use std::path::Path;
use std::time::{Duration, Instant};

use support::dns::{DnsServer, Zone};
use support::kms_host::cli::{Client, code, stderr};
use support::kms_host::{KmsHost, Misbehaviour, Step};
use support::wine::StartRetrying;

#[test]
fn a_state_dir_that_is_a_file_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("not-a-dir");
    fs::write(&file, "x").expect("file");
    for args in [&["skms", "kms.corp.test"][..], &["dlv"]] {
        let out = assert_cmd::Command::cargo_bin("vlmgr")
            .expect("binary")
            .env("VLMGR_STANDALONE", "1")
            .arg("--state-dir")
            .arg(&file)
            .args(args)
            .output_retrying()
            .expect("runs");
        assert_eq!(code(&out), 5, "{}", stderr(&out));
        assert!(
            stderr(&out).contains("it is not a directory"),
            "{}",
            stderr(&out)
        );
        assert!(
            stderr(&out).contains("must name a directory"),
            "{}",
            stderr(&out)
        );
    }
}

/// Holds the state lock as another vlmgr would, until dropped.
fn hold_lock(state_dir: &Path) -> File {
    let file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(state_dir.join("state.lock"))
        .expect("lock file");
    file.lock().expect("lock");
    file
}

/// A held lock: `ato` sends nothing, says what it waited for, and ends at its timeout;
/// the setters end likewise.
#[test]
fn a_held_lock_ends_at_the_timeout_and_no_request_is_sent() {
    let host = KmsHost::start(30).expect("host");
    let client = Client::with_pro();
    let before = fs::read(client.state_file()).expect("read");
    let _held = hold_lock(client.state_dir());

    let out = client
        .command()
        .args(["ato", "--kms", &host.address_arg(), "--timeout", "3s"])
        .timeout(Duration::from_secs(60))
        .output_retrying()
        .expect("runs");
    assert_eq!(code(&out), 5, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("Waiting for another vlmgr to release"),
        "{err}"
    );
    assert!(err.contains("another process held the lock"), "{err}");
    assert!(err.contains("no request was sent"), "{err}");
    assert_eq!(host.requests(), 0, "a request was sent");

    for args in [&["skms", "kms.corp.test"][..], &["ckms"], &["ckhc"]] {
        let out = client
            .command()
            .args(args)
            .args(["--timeout", "2s", "-q"])
            .timeout(Duration::from_secs(60))
            .output_retrying()
            .expect("runs");
        assert_eq!(code(&out), 5, "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("another process held the lock"), "{err}");
        // -q: the error only, no progress line.
        assert!(!err.contains("Waiting for"), "{err}");
    }
    assert_eq!(fs::read(client.state_file()).expect("read"), before);
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(60), "never: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `ckhc` while `ato` waits for a slow host's answer: the answer is written into the
/// state as it is then, so caching stays off and no host is cached (before, the state
/// read before the network was written back, undoing `ckhc`).
#[test]
fn an_answer_written_after_the_network_keeps_a_setting_changed_meanwhile() {
    let host = KmsHost::start_with(
        30,
        Misbehaviour::Late(Step::Request, Duration::from_secs(2)),
    )
    .expect("host");
    let zone = Zone::single_kms("corp.test", [127, 0, 0, 1].into(), host.addr().port());
    let dns = DnsServer::start(&[zone]).expect("dns");
    let client = Client::with_pro();
    assert_eq!(code(&client.run(&["skms-domain", "corp.test"])), 0);

    let mut ato = client.command();
    ato.args(["ato", "--json", "--timeout", "60s", "--dns-server"])
        .arg(dns.addr().to_string())
        .timeout(Duration::from_secs(120));
    let ato = std::thread::spawn(move || ato.output_retrying().expect("ato runs"));
    wait_for("the host got the request", || host.requests() == 1);
    let out = client.run(&["ckhc"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));

    let out = ato.join().expect("ato thread");
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let state = client.state();
    assert_eq!(state["settings"]["host_caching"], false, "{state}");
    assert!(state["products"][0]["cached_host"].is_null(), "{state}");
    assert_eq!(state["products"][0]["last_result"]["outcome"], "activated");

    assert_eq!(code(&client.run(&["skhc"])), 0);
    assert!(
        client.product()["cached_host"].is_null(),
        "skhc restored a host"
    );
}

/// A byte order mark (some Windows editors write one) is read past; a duplicated key is
/// refused whichever key it is.
#[test]
fn a_bom_is_accepted_and_any_duplicated_key_refused() {
    let client = Client::with_pro();
    let text = fs::read_to_string(client.state_file()).expect("read");

    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(text.as_bytes());
    fs::write(client.state_file(), &with_bom).expect("write");
    let out = client.run(&["dlv"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));

    let body = text.trim_start().strip_prefix('{').expect("an object");
    for key in ["\"schema_version\": 1,", "\"created_at\": 5,"] {
        let duplicated = format!("{{{key}{body}");
        fs::write(client.state_file(), &duplicated).expect("write");
        let out = client.run(&["dlv"]);
        assert_eq!(code(&out), 5, "{key}: {}", stderr(&out));
        assert!(stderr(&out).contains("duplicate field"), "{}", stderr(&out));
        assert_eq!(
            fs::read_to_string(client.state_file()).expect("read"),
            duplicated
        );
    }
}

/// Links, FIFOs, modes and owners, which these tests make with Unix calls.
#[cfg(unix)]
mod unix {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    use super::support::kms_host::cli::{PRO_GVLK, json, stdout};
    use super::*;

    /// A file outside the state directory that a planted link points at: what a hostile
    /// user would have a privileged vlmgr overwrite.
    struct Victim {
        _dir: tempfile::TempDir,
        path: std::path::PathBuf,
    }

    const VICTIM_TEXT: &str = "root:secret-hash:20000:0:99999:7:::\n";

    impl Victim {
        fn new() -> Victim {
            let dir = tempfile::tempdir().expect("temp dir");
            let path = dir.path().join("shadow");
            fs::write(&path, VICTIM_TEXT).expect("victim");
            Victim { _dir: dir, path }
        }

        fn assert_untouched(&self) {
            assert_eq!(
                fs::read_to_string(&self.path).expect("victim still readable"),
                VICTIM_TEXT
            );
        }
    }

    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::symlink_metadata(path)
            .expect("metadata")
            .permissions()
            .mode()
            & 0o7777
    }

    /// Every entry of the state directory is a regular file (no link left or made).
    fn assert_only_regular_files(dir: &Path) {
        for entry in fs::read_dir(dir).expect("list") {
            let entry = entry.expect("entry");
            let kind = entry.file_type().expect("type");
            assert!(kind.is_file(), "{:?} is {kind:?}", entry.file_name());
        }
    }

    #[test]
    fn a_planted_temporary_link_is_never_written_through() {
        let victim = Victim::new();
        let client = Client::with_pro();
        // The fixed name earlier builds used, and one of this build's unique names.
        for name in [".state.json.tmp", ".state.json.0123456789abcdef.tmp"] {
            std::os::unix::fs::symlink(&victim.path, client.state_dir().join(name)).expect("link");
        }
        let before = mode(&victim.path);

        let out = client.run(&["skms", "kms.corp.test"]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));

        victim.assert_untouched();
        assert_eq!(mode(&victim.path), before, "the victim's mode changed");
        // The stale links were removed (not followed), and the state is a regular file.
        assert_only_regular_files(client.state_dir());
        assert_eq!(mode(&client.state_file()), 0o600);
        assert_eq!(
            client.state()["settings"]["kms_host"]["host"],
            "kms.corp.test"
        );
    }

    #[test]
    fn a_state_file_that_is_a_link_is_refused_by_readers_and_writers() {
        let client = Client::with_pro();
        let victim = Victim::new();
        // The victim even holds a valid state: vlmgr must still not read through the link.
        fs::copy(client.state_file(), &victim.path).expect("copy");
        let victim_text = fs::read(&victim.path).expect("read");
        fs::remove_file(client.state_file()).expect("remove");
        std::os::unix::fs::symlink(&victim.path, client.state_file()).expect("link");

        for args in [
            &["dlv"][..],
            &["skms", "kms.corp.test"],
            &["ato", "--kms", "127.0.0.1:1"],
        ] {
            let out = client.run(args);
            assert_eq!(code(&out), 5, "{args:?}: {}", stderr(&out));
            let err = stderr(&out);
            assert!(err.contains("symbolic link"), "{args:?}: {err}");
            assert!(err.contains("state.json"), "{args:?}: {err}");
        }
        assert_eq!(fs::read(&victim.path).expect("read"), victim_text);
        assert!(
            fs::symlink_metadata(client.state_file())
                .expect("link")
                .is_symlink()
        );
    }

    #[test]
    fn a_lock_file_that_is_a_link_creates_nothing() {
        let client = Client::with_pro();
        let target_dir = tempfile::tempdir().expect("temp dir");
        let target = target_dir.path().join("nologin");
        fs::remove_file(client.state_dir().join("state.lock")).expect("ipk's lock file");
        std::os::unix::fs::symlink(&target, client.state_dir().join("state.lock")).expect("link");

        let out = client.run(&["skms", "kms.corp.test"]);
        assert_eq!(code(&out), 5, "{}", stderr(&out));
        assert!(stderr(&out).contains("state.lock"), "{}", stderr(&out));
        assert!(!target.exists(), "the link's target was created");
    }

    #[test]
    fn a_state_directory_others_may_write_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let client = Client::with_pro();
        fs::set_permissions(client.state_dir(), fs::Permissions::from_mode(0o777)).expect("chmod");
        let before = fs::read(client.state_file()).expect("read");
        for args in [&["dlv"][..], &["skms", "kms.corp.test"]] {
            let out = client.run(args);
            assert_eq!(code(&out), 5, "{args:?}: {}", stderr(&out));
            let err = stderr(&out);
            assert!(
                err.contains("others may write into it (mode 0777)"),
                "{err}"
            );
            assert!(err.contains("chmod 700"), "{err}");
        }
        assert_eq!(fs::read(client.state_file()).expect("read"), before);
    }

    /// The reproduction, as root: the directory belongs to an unprivileged account
    /// that planted links to files only root may write. Root's vlmgr refuses the directory
    /// and touches nothing.
    #[test]
    #[ignore = "needs root (chown to another user); run by .ci/run"]
    fn root_refuses_a_state_directory_of_another_user() {
        assert_eq!(
            rustix::process::geteuid().as_raw(),
            0,
            "this test needs root: run it with `cargo test -- --ignored` as root"
        );
        const NOBODY: u32 = 65_534;
        let client = Client::with_pro();
        let victim = Victim::new();
        let lock_target = victim.path.with_file_name("nologin");
        let dir = client.state_dir();
        std::os::unix::fs::symlink(&victim.path, dir.join(".state.json.tmp")).expect("link");
        fs::remove_file(dir.join("state.lock")).expect("old lock");
        std::os::unix::fs::symlink(&lock_target, dir.join("state.lock")).expect("link");
        for entry in fs::read_dir(dir).expect("list") {
            let path = entry.expect("entry").path();
            std::os::unix::fs::lchown(&path, Some(NOBODY), Some(NOBODY)).expect("lchown");
        }
        std::os::unix::fs::chown(dir, Some(NOBODY), Some(NOBODY)).expect("chown");

        for args in [&["skms", "kms.corp.test"][..], &["dlv"], &["ipk", PRO_GVLK]] {
            let out = client.run(args);
            assert_eq!(code(&out), 5, "{args:?}: {}", stderr(&out));
            let err = stderr(&out);
            assert!(err.contains("belongs to"), "{err}");
            assert!(
                err.contains("not to the user running vlmgr (uid 0)"),
                "{err}"
            );
            assert!(err.contains("sudo -u "), "{err}");
        }
        victim.assert_untouched();
        assert!(!lock_target.exists(), "the lock link's target was created");
        // Put it back so the temp dir can be cleaned.
        std::os::unix::fs::chown(dir, Some(0), Some(0)).expect("chown back");
    }

    fn mkfifo(path: &Path) {
        let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
        assert!(status.success());
    }

    /// A FIFO never hangs a command: one that needs no state runs, the others are refused
    /// at once (before, every command blocked opening it).
    #[test]
    fn a_fifo_instead_of_the_state_file_is_refused_without_hanging() {
        let client = Client::with_pro();
        fs::remove_file(client.state_file()).expect("remove");
        mkfifo(&client.state_file());

        let out = client
            .command()
            .args(["products", "pro"])
            .timeout(Duration::from_secs(60))
            .output_retrying()
            .expect("runs");
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert!(
            stdout(&out).contains("Windows 10/11 Pro"),
            "{}",
            stdout(&out)
        );

        for args in [
            &["dlv"][..],
            &["skms", "kms.corp.test"],
            &["ato", "--kms", "127.0.0.1:1"],
        ] {
            let out = client
                .command()
                .args(args)
                .timeout(Duration::from_secs(60))
                .output_retrying()
                .expect("runs");
            assert_eq!(code(&out), 5, "{args:?}: {}", stderr(&out));
            assert!(
                stderr(&out).contains("a FIFO (named pipe), not a regular file"),
                "{}",
                stderr(&out)
            );
        }
        // discover with a domain named needs no state: it runs, and says why it shows
        // no skms setting or cached host.
        let zone = Zone::single_kms("corp.test", [127, 0, 0, 1].into(), 1688);
        let dns = DnsServer::start(&[zone]).expect("dns");
        let out = client
            .command()
            .args(["discover", "corp.test", "--dns-server"])
            .arg(dns.addr().to_string())
            .timeout(Duration::from_secs(60))
            .output_retrying()
            .expect("runs");
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert!(
            stdout(&out).contains("Note: refusing") && stdout(&out).contains("a FIFO"),
            "{}",
            stdout(&out)
        );
    }

    #[test]
    fn a_fifo_or_a_directory_instead_of_the_lock_is_refused() {
        let client = Client::with_pro();
        let lock = client.state_dir().join("state.lock");
        let _ = fs::remove_file(&lock);
        mkfifo(&lock);
        let out = client
            .command()
            .args(["skms", "kms.corp.test"])
            .timeout(Duration::from_secs(60))
            .output_retrying()
            .expect("runs");
        assert_eq!(code(&out), 5, "{}", stderr(&out));
        assert!(stderr(&out).contains("a FIFO"), "{}", stderr(&out));

        fs::remove_file(&lock).expect("remove");
        fs::create_dir(&lock).expect("dir");
        let out = client.run(&["skms", "kms.corp.test"]);
        assert_eq!(code(&out), 5, "{}", stderr(&out));
        assert!(
            stderr(&out).contains("a directory, not a regular file"),
            "{}",
            stderr(&out)
        );
    }

    /// Lines of a child's stderr as they come, on a thread.
    fn stderr_lines(child: &mut std::process::Child) -> std::sync::mpsc::Receiver<String> {
        let (send, lines) = std::sync::mpsc::channel();
        let reader = BufReader::new(child.stderr.take().expect("piped stderr"));
        std::thread::spawn(move || {
            for line in reader.lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        lines
    }

    /// The lock taken by someone else while `ato --wait`'s host was answering: the wait for
    /// it stops at SIGTERM (before, only SIGKILL ended it), and the answer is reported as
    /// not recorded, exit 5.
    #[cfg(unix)]
    #[test]
    fn sigterm_ends_a_lock_wait_under_ato_wait() {
        let host = KmsHost::start_with(
            30,
            Misbehaviour::Late(Step::Request, Duration::from_secs(2)),
        )
        .expect("host");
        let client = Client::with_pro();
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("vlmgr"))
            .env("VLMGR_STATE_DIR", client.state_dir())
            .env("VLMGR_STANDALONE", "1")
            .args(["ato", "--json", "--kms", &host.address_arg()])
            .args(["--wait", "10m", "--timeout", "5m"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let lines = stderr_lines(&mut child);
        wait_for("the host got the request", || host.requests() == 1);
        let _held = hold_lock(client.state_dir());
        // Only once vlmgr says it waits for the lock is the signal sent.
        let start = Instant::now();
        loop {
            let line = lines
                .recv_timeout(Duration::from_secs(60))
                .expect("a progress line");
            if line.contains("Waiting for another vlmgr to release") {
                break;
            }
        }
        let status = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .expect("kill");
        assert!(status.success());
        let out = child.wait_with_output().expect("exits");
        // The lock wait would have lasted 5 minutes.
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "{:?}",
            start.elapsed()
        );
        assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
        let doc = json(&out);
        assert_eq!(doc["activated"], true, "{doc}");
        let not_recorded = doc["not_recorded"]["message"]
            .as_str()
            .expect("not_recorded");
        assert!(not_recorded.contains("was not recorded"), "{not_recorded}");
        assert!(
            not_recorded.contains("interrupted while waiting for the lock"),
            "{not_recorded}"
        );
        assert_eq!(doc["response"]["count"], 30, "{doc}");
        assert_eq!(host.requests(), 1);
    }
}

/// Windows: a link (a reparse point) planted for the state file is never written
/// through. Where the system shows it as a link (Windows itself), it is refused with
/// exit 5; Wine 8 keeps such a link as a Unix symlink it reports as missing, so there
/// the command sees no state file, and only the "never written through" half is shown
/// (docs/reliability.md, "verified how").
#[cfg(windows)]
#[test]
fn a_state_file_that_is_a_reparse_point_is_never_written_through() {
    let client = Client::with_pro();
    let victim = tempfile::tempdir().expect("temp dir");
    let target = victim.path().join("target.json");
    fs::copy(client.state_file(), &target).expect("copy");
    let before = fs::read(&target).expect("read");
    fs::remove_file(client.state_file()).expect("remove");
    std::os::windows::fs::symlink_file(&target, client.state_file()).expect("symlink");
    let seen_as_link = fs::symlink_metadata(client.state_file()).is_ok_and(|m| m.is_symlink());
    for args in [&["dlv"][..], &["skms", "kms.corp.test"]] {
        let out = client.run(args);
        if seen_as_link {
            assert_eq!(code(&out), 5, "{args:?}: {}", stderr(&out));
            assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
        }
        assert_eq!(
            fs::read(&target).expect("read"),
            before,
            "{args:?} wrote through"
        );
    }
}
