//! The tokio transport that talks to KMS hosts (docs/activation.md, docs/protocol.md).
//!
//! - [`session`]: one TCP connection: PDU framing with size bound and deadlines, the
//!   Windows-like bind (alter_context or NDR64 when NDR32 is rejected), one request.
//! - [`feed`]: the candidates in order of need, known addresses at once and looked-up
//!   ones as they arrive; [`race`]: staggered connection attempts over them (RFC 8305
//!   style); only the first connection to complete the bind sends the request.
//! - [`address_check`]: connect + bind without a request, for `check` and
//!   `discover --check`.
//!
//! Everything here is driven by the caller's runtime; the command creates a
//! current-thread runtime because start-up cost matters for a one-shot CLI.

pub(crate) mod address_check;
mod error;
pub(crate) mod feed;
pub(crate) mod race;
pub(crate) mod session;

use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::address::{AddressOrigin, Host, HostPort, HostSource};

pub(crate) use address_check::{AddressCheck, AddressChecks};
pub use address_check::{CheckOutcome, CheckStage, check_address, check_addresses};
pub(crate) use error::{AttemptError, FailureClass};
pub(crate) use feed::{Feed, FeedSender, TargetFeed};
pub(crate) use race::{Answer, RaceFailure, RequestSpec, race};

/// Delay before the next candidate is started while earlier ones are still trying
/// (RFC 8305 section 5 recommends 250 ms).
pub(crate) const STAGGER_DELAY: Duration = Duration::from_millis(250);
/// Longest a single TCP connect may take.
pub(crate) const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// Longest one PDU exchange (write, then read of the whole answer) may take.
pub(crate) const EXCHANGE_TIMEOUT: Duration = Duration::from_secs(5);

/// One address to try, and how it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The host (name or IP literal) and port as configured or found in DNS.
    pub target: HostPort,
    /// The address of that host connected to.
    pub ip: IpAddr,
    /// Where the host came from.
    pub source: HostSource,
    /// Where the address came from.
    pub origin: AddressOrigin,
}

impl Candidate {
    /// The socket address connected to: the address, on the target's port.
    pub(crate) fn address(&self) -> SocketAddr {
        SocketAddr::new(self.ip, self.target.port)
    }
}

impl fmt::Display for Candidate {
    /// `192.0.2.1:1688` for an IP literal, else `kms.corp.example:1688 (192.0.2.1)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.target.host == Host::Ip(self.ip) {
            write!(f, "{}", self.address())
        } else {
            write!(f, "{} ({})", self.target, self.ip)
        }
    }
}

/// The time limits of one activation attempt.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Timing {
    /// Per-candidate TCP connect timeout.
    pub(crate) connect_timeout: Duration,
    /// Per-PDU exchange deadline (write plus read of the answer).
    pub(crate) exchange_timeout: Duration,
    /// Delay before the next candidate starts.
    pub(crate) stagger: Duration,
    /// Nothing runs past this instant (the whole run's `--timeout`).
    pub(crate) deadline: Instant,
}

impl Timing {
    /// The default limits, bounded by `deadline`.
    pub(crate) fn until(deadline: Instant) -> Timing {
        Timing {
            connect_timeout: CONNECT_TIMEOUT,
            exchange_timeout: EXCHANGE_TIMEOUT,
            stagger: STAGGER_DELAY,
            deadline,
        }
    }

    /// The earlier of `now + limit` and the overall deadline.
    pub(crate) fn bounded(&self, limit: Duration) -> Instant {
        (Instant::now() + limit).min(self.deadline)
    }
}

/// Where the client tells what it does (`-v`). The command layer supplies it: the
/// client decides what to say, the caller how and where to show it.
pub(crate) trait Narrator: Send + Sync {
    /// One line. It may carry names from DNS or bytes from a host, so an implementation
    /// that writes to a terminal makes it safe first.
    fn say(&self, line: fmt::Arguments<'_>);

    /// Whether every PDU sent and received is told too, with its bytes (`-vv`).
    fn traces_pdus(&self) -> bool {
        false
    }
}

/// A narrator shared with the attempts a race spawns.
pub(crate) type Narration = Arc<dyn Narrator>;

/// A narrator that says nothing.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Silent;

impl Narrator for Silent {
    fn say(&self, _line: fmt::Arguments<'_>) {}
}

/// Milliseconds in `duration`, saturated.
pub(crate) fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}
