//! How many connections this process may hold open at once, and which failed connects
//! are this machine's limits rather than a host's fault (docs/reliability.md, "Open files
//! and sockets").
//!
//! On Unix every socket is a file descriptor, and a process may hold at most its soft
//! `RLIMIT_NOFILE` of them (`ulimit -n`; often 1,024 on Linux, 256 on macOS). `check`
//! and `discover --check` connect to every published address: started all at once, a
//! domain with more records than that runs out of descriptors and every later connect
//! fails with EMFILE, which is no fault of those hosts. [`connection_budget`] says how
//! many connections may be open at once; the rest wait for a turn.
//!
//! Windows has no per-process limit of that kind (sockets are kernel handles, bounded by
//! memory and the ephemeral port range), so there the budget is [`MAX_CONNECTIONS`].

use std::io;
use std::sync::OnceLock;

/// The most connections one run holds open at once, whatever the open-file limit allows.
///
/// A monitoring run is a guest on the network: 256 connection attempts at once is well
/// within what any host, firewall or NAT table takes, while 1,500 SYNs in one burst
/// looks like a scan. It also bounds the run's length against its deadline: a silent
/// address holds its slot for at most one check (5 s), so 256 slots check about 1,500
/// silent addresses within the default `--timeout` of 30 s.
pub(crate) const MAX_CONNECTIONS: usize = 256;

/// Descriptors left for everything else a run opens while its connections are open: the
/// DNS lookups (at most 128 queries in flight, each on its own socket; the locator's
/// `MAX_LOOKUPS_IN_FLIGHT` names, A and AAAA each), the runtime's own descriptors, the
/// state file and its lock, the resolver configuration, and some spare. Kept whole even
/// when the limit is low (the budget is then one connection at a time): a lookup that
/// fails for want of a descriptor would be reported as the host not resolving.
pub(crate) const RESERVED_DESCRIPTORS: u64 = 160;

/// Assumed already open when they cannot be counted (standard streams, the runtime).
const ASSUMED_OPEN: u64 = 16;

/// Counting the open descriptors reads at most this many directory entries.
const MAX_COUNTED: usize = 1 << 20;

/// How many connections may be open at once, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ConnectionBudget {
    /// Connections that may be open at once: at least 1, at most [`MAX_CONNECTIONS`].
    pub(crate) connections: usize,
    /// The process's soft limit on open files; none when unlimited or on Windows.
    pub(crate) open_file_limit: Option<u64>,
}

/// The budget of this process, measured once: the soft `RLIMIT_NOFILE`, less the
/// descriptors open at the first call, less [`RESERVED_DESCRIPTORS`], within
/// 1..=[`MAX_CONNECTIONS`].
pub(crate) fn connection_budget() -> ConnectionBudget {
    static BUDGET: OnceLock<ConnectionBudget> = OnceLock::new();
    *BUDGET.get_or_init(|| {
        let limit = open_file_limit();
        ConnectionBudget {
            connections: budget_within(limit, open_descriptors()),
            open_file_limit: limit,
        }
    })
}

/// The connections `limit` leaves room for when `open` descriptors are already taken.
pub(crate) fn budget_within(limit: Option<u64>, open: u64) -> usize {
    let Some(limit) = limit else {
        return MAX_CONNECTIONS;
    };
    let free = limit
        .saturating_sub(open)
        .saturating_sub(RESERVED_DESCRIPTORS);
    usize::try_from(free)
        .unwrap_or(usize::MAX)
        .clamp(1, MAX_CONNECTIONS)
}

/// The soft limit on open files (`getrlimit(RLIMIT_NOFILE)`); none when unlimited.
#[cfg(unix)]
fn open_file_limit() -> Option<u64> {
    rustix::process::getrlimit(rustix::process::Resource::Nofile).current
}

/// Windows has no per-process limit on sockets of that kind.
#[cfg(not(unix))]
fn open_file_limit() -> Option<u64> {
    None
}

/// The descriptors this process has open: the entries of `/proc/self/fd` (Linux) or
/// `/dev/fd` (macOS), else [`ASSUMED_OPEN`].
fn open_descriptors() -> u64 {
    let listing = if cfg!(target_os = "linux") {
        "/proc/self/fd"
    } else if cfg!(target_os = "macos") {
        "/dev/fd"
    } else {
        return ASSUMED_OPEN;
    };
    match std::fs::read_dir(listing) {
        // The listing's own descriptor is among the entries: one more than needed.
        Ok(entries) => u64::try_from(entries.take(MAX_COUNTED).count()).unwrap_or(u64::MAX),
        Err(_) => ASSUMED_OPEN,
    }
}

/// Whether a failed connect was this machine's limit, not the host's answer: no
/// descriptor left for the socket (EMFILE for the process, ENFILE for the system), no
/// kernel memory or buffers for it (ENOMEM, ENOBUFS; WSAENOBUFS on Windows, which also
/// says the ephemeral ports are used up), or no free local port (EADDRNOTAVAIL on
/// Unix; on Windows that code means the host's address is unusable, so it is not one).
pub(crate) fn is_local_limit(error: &io::Error) -> bool {
    let Some(code) = error.raw_os_error() else {
        return false;
    };
    #[cfg(unix)]
    {
        use rustix::io::Errno;
        [
            Errno::MFILE,
            Errno::NFILE,
            Errno::NOMEM,
            Errno::NOBUFS,
            Errno::ADDRNOTAVAIL,
        ]
        .iter()
        .any(|errno| errno.raw_os_error() == code)
    }
    #[cfg(windows)]
    {
        const WSAEMFILE: i32 = 10024;
        const WSAENOBUFS: i32 = 10055;
        matches!(code, WSAEMFILE | WSAENOBUFS)
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = code;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_leaves_room_for_dns_and_stays_within_bounds() {
        assert_eq!(budget_within(None, 10), MAX_CONNECTIONS);
        // Linux's usual 1,024: the absolute bound applies.
        assert_eq!(budget_within(Some(1024), 6), MAX_CONNECTIONS);
        // macOS's usual 256.
        assert_eq!(budget_within(Some(256), 6), 256 - 6 - 160);
        assert_eq!(budget_within(Some(400), 10), 400 - 10 - 160);
        // Nothing left: one at a time, never none.
        assert_eq!(budget_within(Some(160), 6), 1);
        assert_eq!(budget_within(Some(8), 6), 1);
        assert_eq!(budget_within(Some(0), 0), 1);
        assert_eq!(budget_within(Some(u64::MAX), 0), MAX_CONNECTIONS);
    }

    #[test]
    fn this_process_has_a_budget() {
        let budget = connection_budget();
        assert!((1..=MAX_CONNECTIONS).contains(&budget.connections));
        #[cfg(target_os = "linux")]
        assert!(open_descriptors() >= 3, "stdin, stdout and stderr at least");
    }

    #[cfg(unix)]
    #[test]
    fn only_local_errors_are_local_limits() {
        use rustix::io::Errno;
        let os = |errno: Errno| io::Error::from_raw_os_error(errno.raw_os_error());
        assert!(is_local_limit(&os(Errno::MFILE)));
        assert!(is_local_limit(&os(Errno::NFILE)));
        assert!(!is_local_limit(&os(Errno::CONNREFUSED)));
        assert!(!is_local_limit(&os(Errno::HOSTUNREACH)));
        assert!(!is_local_limit(&io::ErrorKind::ConnectionRefused.into()));
    }
}
