//! The guard of the tests that write the registry: they run only in the throwaway Wine
//! prefix `.ci/platforms` creates and deletes, never on a real Windows machine.
#![allow(dead_code)]

use std::io::{self, Read};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

/// Set by `.ci/platforms` for the Wine prefix it creates and deletes.
pub(crate) const THROWAWAY_PREFIX_ENV: &str = "VLMGR_TEST_THROWAWAY_WINE_PREFIX";

/// Runs `reg` (Wine's reg.exe there) and says whether it succeeded.
pub(crate) fn reg(args: &[&str]) -> bool {
    Command::new("reg")
        .args(args)
        .output()
        .map(|out| out.status.success())
        .unwrap_or(false)
}

/// Whether this is Wine (its own key exists).
pub(crate) fn is_wine() -> bool {
    reg(&["query", r"HKLM\Software\Wine"])
}

/// Refuses unless this is Wine in the prefix the harness made.
pub(crate) fn refuse_outside_a_throwaway_wine_prefix() {
    assert!(
        std::env::var_os(THROWAWAY_PREFIX_ENV).is_some_and(|v| v == "1"),
        "refusing to write the registry: {THROWAWAY_PREFIX_ENV}=1 is set only by \
         .ci/platforms for its throwaway Wine prefix"
    );
    assert!(
        is_wine(),
        "refusing to write the registry: this is not Wine"
    );
}

/// Wine's `CreateProcess` sometimes fails with ERROR_INTERNAL_ERROR when many processes
/// start at once on a loaded machine (seen in CI: 20 test threads starting vlmgr.exe
/// together). The failure is Wine's, before vlmgr runs; the start is retried a few times,
/// and any other error, or that one on a real OS, is returned as it is.
fn start_retrying_wine_hiccups<T>(mut start: impl FnMut() -> io::Result<T>) -> io::Result<T> {
    const ERROR_INTERNAL_ERROR: i32 = 1359;
    let mut tries = 1;
    loop {
        match start() {
            Err(e)
                if cfg!(windows) && e.raw_os_error() == Some(ERROR_INTERNAL_ERROR) && tries < 5 =>
            {
                eprintln!("Wine could not start a process (ERROR_INTERNAL_ERROR); retrying");
                std::thread::sleep(Duration::from_millis(200 * tries));
                tries += 1;
            }
            other => return other,
        }
    }
}

/// Starting a test's `vlmgr.exe`: `output()` and `spawn()` with Wine's start hiccup above
/// retried. Every run of the binary in the tests goes through it (docs/platforms.md). On a
/// real OS, and for any other error, these are `output()` and `spawn()`.
pub(crate) trait StartRetrying {
    fn output_retrying(&mut self) -> io::Result<Output>;
}

impl StartRetrying for Command {
    fn output_retrying(&mut self) -> io::Result<Output> {
        start_retrying_wine_hiccups(|| self.output())
    }
}

impl StartRetrying for assert_cmd::Command {
    fn output_retrying(&mut self) -> io::Result<Output> {
        start_retrying_wine_hiccups(|| self.output())
    }
}

/// `spawn()` with Wine's start hiccup retried, as [`StartRetrying`].
pub(crate) trait SpawnRetrying {
    fn spawn_retrying(&mut self) -> io::Result<Child>;
}

impl SpawnRetrying for Command {
    fn spawn_retrying(&mut self) -> io::Result<Child> {
        start_retrying_wine_hiccups(|| self.spawn())
    }
}

/// How long the pipes are read after the process has exited (what it wrote is in them).
const READ_AFTER_EXIT: Duration = Duration::from_secs(10);

/// `command.output()`, except that the output is taken once the process has exited and its
/// pipes have been read for a while, without waiting for them to close. Under Wine a
/// vlmgr.exe that opens WMI may start the desktop process (explorer.exe), which inherits
/// the pipes' write ends and keeps them open for as long as it runs: `output()` would wait
/// for ever (seen in CI). On a real OS the pipes close at exit and this is `output()`.
pub(crate) fn output_without_waiting_for_inherited_pipes(
    command: &mut Command,
) -> io::Result<Output> {
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = start_retrying_wine_hiccups(|| command.spawn())?;
    let stdout = PipeReader::start(child.stdout.take());
    let stderr = PipeReader::start(child.stderr.take());
    let status = child.wait()?;
    Ok(Output {
        status,
        stdout: stdout.finish(),
        stderr: stderr.finish(),
    })
}

/// A thread reading one pipe to its end into a shared buffer.
struct PipeReader {
    bytes: Arc<Mutex<Vec<u8>>>,
    ended: mpsc::Receiver<()>,
}

impl PipeReader {
    fn start(pipe: Option<impl Read + Send + 'static>) -> PipeReader {
        let bytes = Arc::new(Mutex::new(Vec::new()));
        let (end, ended) = mpsc::channel();
        let shared = Arc::clone(&bytes);
        std::thread::spawn(move || {
            if let Some(mut pipe) = pipe {
                let mut chunk = [0u8; 8192];
                while let Ok(read @ 1..) = pipe.read(&mut chunk) {
                    if let Ok(mut bytes) = shared.lock() {
                        bytes.extend_from_slice(&chunk[..read]);
                    }
                }
            }
            let _ = end.send(());
        });
        PipeReader { bytes, ended }
    }

    /// What was read by the pipe's end, or by `READ_AFTER_EXIT` if it stays open.
    fn finish(self) -> Vec<u8> {
        if self.ended.recv_timeout(READ_AFTER_EXIT).is_err() {
            eprintln!(
                "a pipe of the finished process is still open (under Wine, held by a process it \
                 started); taking what it wrote"
            );
        }
        self.bytes
            .lock()
            .map(|bytes| bytes.clone())
            .unwrap_or_default()
    }
}
