//! `check` and `discover --check`: connect to each address and complete the RPC bind
//! through the same session code as an activation ([`super::session`]: the
//! alter_context fallback, framing limits, deadlines and error classes), timing each step.
//! The connection is then closed without a request, so no host counts the check as a
//! client.
//!
//! At most a budget of connections is open at once (`platform::limits`: the open-file
//! limit less a reserve, at most 256); the other addresses wait for a turn in the order
//! they were started. An address whose turn (or whose check) has not come to an end by
//! the run's deadline is reported as such, never as down; so is a connect this machine
//! could not make (no descriptor left): neither says anything about the host.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::sleep_until;

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
    /// This machine could not open the connection (no descriptor, memory or local port
    /// left): says nothing about the host.
    LocalLimit { reason: String },
    /// The run's deadline (`--timeout`) came before the check ended: before the address
    /// got its turn (`started` false), or while it was being checked. Says nothing about
    /// the host.
    Unfinished { started: bool },
}

impl CheckOutcome {
    /// Whether the host completed the bind.
    pub fn is_bound(&self) -> bool {
        matches!(self, Self::Bound { .. })
    }

    /// Whether the outcome is the host's doing (bound, or failed because of the host or
    /// the network to it), rather than this machine's limits or the run's deadline.
    pub fn speaks_for_the_host(&self) -> bool {
        !matches!(self, Self::LocalLimit { .. } | Self::Unfinished { .. })
    }

    /// How a failed step ends the check: the session's error in the check's terms.
    fn of_error(error: AttemptError, stage: CheckStage) -> CheckOutcome {
        match error {
            AttemptError::NoContext => Self::NoUsableContext,
            AttemptError::BindNak(reason) => Self::BindRejected { reason },
            AttemptError::Connect(error) => Self::ConnectFailed {
                reason: error.to_string(),
            },
            AttemptError::LocalLimit(error) => Self::LocalLimit {
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

/// Checks every candidate, `parallel` at a time, each within `limit`, all by
/// `deadline`; results in the candidates' order.
pub async fn check_addresses(
    candidates: &[Candidate],
    limit: Duration,
    parallel: usize,
    deadline: Instant,
) -> Vec<AddressCheck> {
    AddressChecks::new(limit, parallel, deadline)
        .finish(candidates)
        .await
}

/// A check started (or waiting for its turn).
struct Started {
    candidate: Candidate,
    /// When it was started.
    at: Instant,
    /// Whether it got its turn.
    turn: Arc<AtomicBool>,
}

/// Address checks started as the addresses become known, each candidate once, at most
/// `parallel` connections open at once.
pub(crate) struct AddressChecks {
    running: JoinSet<AddressCheck>,
    started: Vec<Started>,
    turns: Arc<Semaphore>,
    limit: Duration,
    deadline: Instant,
}

impl AddressChecks {
    /// No check yet; each will take at most `limit` once its turn comes, at most
    /// `parallel` (at least one) at a time, and none past `deadline`.
    pub(crate) fn new(limit: Duration, parallel: usize, deadline: Instant) -> AddressChecks {
        AddressChecks {
            running: JoinSet::new(),
            started: Vec::new(),
            turns: Arc::new(Semaphore::new(parallel.max(1))),
            limit,
            deadline,
        }
    }

    /// Starts checking `candidate` unless it already is; it waits for a turn (turns are
    /// given in the order checks are started).
    pub(crate) fn start(&mut self, candidate: Candidate) {
        if self.started.iter().any(|s| s.candidate == candidate) {
            return;
        }
        let turn = Arc::new(AtomicBool::new(false));
        self.started.push(Started {
            candidate: candidate.clone(),
            at: Instant::now(),
            turn: Arc::clone(&turn),
        });
        let turns = Arc::clone(&self.turns);
        let limit = self.limit;
        self.running.spawn(async move {
            // The semaphore is never closed; were it, the check would go ahead anyway.
            let _permit = turns.acquire_owned().await.ok();
            turn.store(true, Ordering::Relaxed);
            check_address(candidate, limit).await
        });
    }

    /// The checks of `candidates`, in their order (any not started yet start now). At
    /// the deadline, the checks still waiting or running end as
    /// [`CheckOutcome::Unfinished`] at once, so the caller's own deadline never finds
    /// this still waiting.
    pub(crate) async fn finish(mut self, candidates: &[Candidate]) -> Vec<AddressCheck> {
        for candidate in candidates {
            self.start(candidate.clone());
        }
        let mut done = Vec::with_capacity(self.started.len());
        let deadline = sleep_until(self.deadline.into());
        tokio::pin!(deadline);
        loop {
            tokio::select! {
                joined = self.running.join_next() => match joined {
                    // A check task cannot panic on its inputs; a join error means the
                    // runtime is shutting down, and that address simply has no result.
                    Some(Ok(check)) => done.push(check),
                    Some(Err(_)) => {}
                    None => break,
                },
                () = &mut deadline => break,
            }
        }
        // Dropping the set (with `self`) aborts what still runs or waits.
        candidates
            .iter()
            .filter_map(|candidate| {
                done.iter()
                    .find(|check| &check.candidate == candidate)
                    .cloned()
                    .or_else(|| self.unfinished(candidate))
            })
            .collect()
    }

    /// The result of a check the deadline cut short.
    fn unfinished(&self, candidate: &Candidate) -> Option<AddressCheck> {
        let started = self.started.iter().find(|s| &s.candidate == candidate)?;
        Some(AddressCheck {
            candidate: candidate.clone(),
            outcome: CheckOutcome::Unfinished {
                started: started.turn.load(Ordering::Relaxed),
            },
            connect_time: None,
            total_time: started.at.elapsed(),
        })
    }
}
