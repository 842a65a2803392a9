//! The plain configuration every command runs with.
//!
//! `src/cli/` turns arguments and environment into this; nothing below `cli` sees clap.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Default overall deadline for network work when `--timeout` is not given.
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The shortest time vlmgr leaves between an attempt that may have sent a host an
/// activation request and the next attempt; the floor of `--retry-interval`
/// (docs/activation.md).
pub(crate) const MIN_REQUEST_INTERVAL: Duration = Duration::from_secs(60);

/// Where output goes and in which form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OutputFormat {
    /// slmgr's text layouts.
    Text,
    /// One JSON document on stdout.
    Json,
}

/// How much is said on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Verbosity {
    /// Errors only (`-q`).
    Quiet,
    /// The default.
    Normal,
    /// Discovery steps, timings (`-v`).
    Verbose,
    /// Protocol trace as well (`-vv`).
    Trace,
}

/// Which licensing a slmgr command acts on (docs/windows.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Backend {
    /// Windows' own licensing service (the Software Protection Platform), through WMI:
    /// the default on Windows, the only OS that has it.
    System,
    /// vlmgr's own KMS client, with its own identity and state file: every OS
    /// (`--standalone`, `VLMGR_STANDALONE=1`), the only backend off Windows.
    Standalone,
}

/// Whether colour escapes are written to each stream (already resolved from
/// `--color`, `NO_COLOR` and whether the stream is a terminal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ColorPolicy {
    pub(crate) stdout: bool,
    pub stderr: bool,
}

/// The environment variable naming name servers, as `--dns-server` does.
pub(crate) const DNS_SERVER_ENV: &str = "VLMGR_DNS_SERVER";

/// Everything global a command needs.
#[derive(Debug, Clone)]
pub struct Config {
    /// Directory holding `state.json`.
    pub(crate) state_dir: PathBuf,
    /// Name servers to ask instead of the system's (empty: the system's).
    pub(crate) dns_servers: Vec<SocketAddr>,
    /// `dns_servers` came from `VLMGR_DNS_SERVER`, not `--dns-server` (`discover` says
    /// which).
    pub(crate) dns_servers_from_env: bool,
    /// A resolv.conf read instead of the OS's own resolver configuration
    /// (`VLMGR_RESOLV_CONF`); none: the OS's own.
    pub(crate) resolv_conf: Option<PathBuf>,
    pub(crate) format: OutputFormat,
    pub color: ColorPolicy,
    pub(crate) verbosity: Verbosity,
    /// Overall deadline for network work.
    pub(crate) timeout: Duration,
    /// Whether stderr is a terminal (progress lines are drawn only there).
    pub(crate) stderr_is_terminal: bool,
    /// What the slmgr commands act on.
    pub(crate) backend: Backend,
}
