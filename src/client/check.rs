//! `check` and `discover --check`: connect to each address and complete the RPC bind
//! through the same session code as an activation ([`super::session`]: the
//! alter_context fallback, framing limits, deadlines and error classes), timing each step.
//! The connection is then closed without a request, so no host counts the check as a
//! client.

use std::time::{Duration, Instant};

use tokio::task::JoinSet;

use super::error::AttemptError;
use super::session;
use super::{Candidate, Silent, Timing};
use crate::protocol::rpc::TransferSyntax;

/// Which step a check was at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckStage {
    /// Opening the TCP connection.
    Connect,
    /// The bind (and alter_context) exchange.
    Bind,
}

/// How a check of one address ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckOutcome {
    /// The bind completed; requests would use this transfer syntax.
    Bound { syntax: TransferSyntax },
    /// Neither NDR32 nor NDR64 was accepted for the KMS interface, in the bind or the
    /// alter_context after it (not a KMS host, or a misconfigured one).
    NoUsableContext,
    /// The host refused the bind (bind_nak).
    BindRejected { reason: u16 },
    /// The TCP connection failed (refused, unreachable).
    ConnectFailed { reason: String },
    /// No progress within the time limits.
    TimedOut { stage: CheckStage },
    /// The host answered something that is not a usable bind answer, or broke the
    /// connection.
    ProtocolError { reason: String },
}

impl CheckOutcome {
    /// Whether the host completed the bind.
    pub fn is_bound(&self) -> bool {
        matches!(self, Self::Bound { .. })
    }

    /// How a failed step ends the check: the session's error in the check's terms.
    fn of_error(error: AttemptError, stage: CheckStage) -> CheckOutcome {
        match error {
            AttemptError::NoContext => Self::NoUsableContext,
            AttemptError::BindNak(reason) => Self::BindRejected { reason },
            AttemptError::Connect(error) => Self::ConnectFailed {
                reason: error.to_string(),
            },
            AttemptError::ConnectTimeout(_)
            | AttemptError::ReadTimeout(..)
            | AttemptError::WriteTimeout(..)
            | AttemptError::Deadline => Self::TimedOut { stage },
            other => Self::ProtocolError {
                reason: other.to_string(),
            },
        }
    }
}

/// The check of one address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressCheck {
    /// The host and address checked, and where the host came from.
    pub candidate: Candidate,
    /// How it ended.
    pub outcome: CheckOutcome,
    /// Until the TCP connection was established, if it was.
    pub connect_time: Option<Duration>,
    /// Until the outcome was known.
    pub total_time: Duration,
}

/// Connects to `candidate` and completes the RPC bind, all within `limit`, then closes
/// the connection without sending a request.
pub async fn check_address(candidate: Candidate, limit: Duration) -> AddressCheck {
    let started = Instant::now();
    let timing = Timing::until(started + limit);
    let mut connect_time = None;
    let outcome = match session::connect(candidate.clone(), &timing, &Silent).await {
        Err(error) => CheckOutcome::of_error(error, CheckStage::Connect),
        Ok(connection) => {
            connect_time = Some(started.elapsed());
            match connection.bind(&timing, &Silent).await {
                // Dropping the session closes the connection unsent.
                Ok(bound) => CheckOutcome::Bound {
                    syntax: bound.syntax,
                },
                Err(error) => CheckOutcome::of_error(error, CheckStage::Bind),
            }
        }
    };
    AddressCheck {
        candidate,
        outcome,
        connect_time,
        total_time: started.elapsed(),
    }
}

/// Checks every candidate at once, each within `limit`; results in the candidates' order.
pub async fn check_addresses(candidates: &[Candidate], limit: Duration) -> Vec<AddressCheck> {
    AddressChecks::new(limit).finish(candidates).await
}

/// Address checks started as the addresses become known, each candidate once.
pub struct AddressChecks {
    running: JoinSet<AddressCheck>,
    started: Vec<Candidate>,
    limit: Duration,
}

impl AddressChecks {
    /// No check yet; each will take at most `limit`.
    pub fn new(limit: Duration) -> AddressChecks {
        AddressChecks {
            running: JoinSet::new(),
            started: Vec::new(),
            limit,
        }
    }

    /// Starts checking `candidate` unless it already is.
    pub fn start(&mut self, candidate: Candidate) {
        if !self.started.contains(&candidate) {
            self.started.push(candidate.clone());
            self.running.spawn(check_address(candidate, self.limit));
        }
    }

    /// The checks of `candidates`, in their order (any not started yet start now).
    pub async fn finish(mut self, candidates: &[Candidate]) -> Vec<AddressCheck> {
        for candidate in candidates {
            self.start(candidate.clone());
        }
        let mut done = Vec::with_capacity(self.started.len());
        // A check task cannot panic on its inputs; a join error means the runtime is
        // shutting down, and that address simply has no result.
        while let Some(joined) = self.running.join_next().await {
            if let Ok(check) = joined {
                done.push(check);
            }
        }
        candidates
            .iter()
            .filter_map(|candidate| done.iter().find(|check| &check.candidate == candidate))
            .cloned()
            .collect()
    }
}
