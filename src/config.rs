//! The plain configuration every command runs with.
//!
//! `src/cli/` turns arguments and environment into this; nothing below `cli` sees clap.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Default overall deadline for network work when `--timeout` is not given.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The shortest time vlmgr leaves between an attempt that may have sent a host an
/// activation request and the next attempt; the floor of `--retry-interval`
/// (docs/activation.md).
pub const MIN_REQUEST_INTERVAL: Duration = Duration::from_secs(60);

/// Where output goes and in which form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// slmgr's text layouts.
    Text,
    /// One JSON document on stdout.
    Json,
}

/// How much is said on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// Errors only (`-q`).
    Quiet,
    /// The default.
    Normal,
    /// Discovery steps, timings (`-v`).
    Verbose,
    /// Protocol trace as well (`-vv`).
    Trace,
}

/// Whether colour escapes are written to each stream (already resolved from
/// `--color`, `NO_COLOR` and whether the stream is a terminal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ColorPolicy {
    pub stdout: bool,
    pub stderr: bool,
}

/// Everything global a command needs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Directory holding `state.json`.
    pub state_dir: PathBuf,
    /// Name servers to ask instead of the system's (empty: the system's).
    pub dns_servers: Vec<SocketAddr>,
    /// The resolver configuration file read for the search domains.
    pub resolv_conf: PathBuf,
    pub format: OutputFormat,
    pub color: ColorPolicy,
    pub verbosity: Verbosity,
    /// Overall deadline for network work.
    pub timeout: Duration,
    /// Whether stderr is a terminal (progress lines are drawn only there).
    pub stderr_is_terminal: bool,
}
