//! Staggered attempts over the candidates (RFC 8305 style).
//!
//! Candidate i+1 starts when candidate i fails or after the stagger delay, whichever is
//! first, while earlier attempts keep going, so a dead or silent host costs about one
//! stagger delay. Attempts run up to a completed RPC bind; bound sessions queue up and
//! the first one sends the request. Only when that fails (host error, broken answer)
//! does the next bound session send; on success every other connection is closed
//! before sending anything, so no host counts this client twice.

use std::time::Instant;

use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tokio::time::sleep_until;

use super::error::{AttemptError, FailureClass};
use super::session::{BoundSession, connect_and_bind};
use super::{Candidate, Narration, Timing, millis};
use crate::protocol::kms::{KmsResponse, RequestBase};

/// What is sent: the request base (its client time is set when sending).
#[derive(Debug, Clone)]
pub struct RequestSpec {
    /// Product IDs, CMID, status, name, version.
    pub base: RequestBase,
}

/// A validated answer.
#[derive(Debug)]
pub struct Answer {
    /// Who answered.
    pub candidate: Candidate,
    /// The decoded, validated KMS response.
    pub response: KmsResponse,
    /// Candidates that failed before this answer arrived.
    pub failed_before: Vec<(Candidate, AttemptError)>,
}

/// Every candidate failed (or there was none, or the deadline passed).
#[derive(Debug, Default)]
pub struct RaceFailure {
    /// Each candidate tried, with why it failed, in the order the failures happened.
    pub failures: Vec<(Candidate, AttemptError)>,
}

impl RaceFailure {
    /// The most specific failure seen: the first of the highest class.
    pub fn most_specific(&self) -> Option<&(Candidate, AttemptError)> {
        let top = self.failures.iter().map(|(_, e)| e.class()).max()?;
        self.failures.iter().find(|(_, e)| e.class() == top)
    }

    /// The class of [`RaceFailure::most_specific`]; `Unreachable` when nothing was tried.
    pub fn class(&self) -> FailureClass {
        self.most_specific()
            .map_or(FailureClass::Unreachable, |(_, e)| e.class())
    }
}

type Report = (usize, Result<BoundSession, AttemptError>);

fn start(
    tasks: &mut JoinSet<()>,
    reports: &mpsc::Sender<Report>,
    index: usize,
    candidate: Candidate,
    timing: Timing,
    narrator: &Narration,
) {
    narrator.say(format_args!(
        "{candidate}: connecting ({})",
        describe_source(&candidate)
    ));
    let reports = reports.clone();
    let narrator = Narration::clone(narrator);
    tasks.spawn(async move {
        let result = connect_and_bind(candidate, timing, narrator.as_ref()).await;
        // The receiver is gone once the race is decided: nothing left to report to.
        let _ = reports.send((index, result)).await;
    });
}

fn describe_source(candidate: &Candidate) -> String {
    use crate::address::HostSource;
    match &candidate.source {
        HostSource::Configured => "skms host".into(),
        HostSource::CommandLine => "--kms".into(),
        HostSource::Cached => "cached host".into(),
        HostSource::Dns { domain } => format!("SRV record in {domain}"),
    }
}

/// Tries `candidates` in order with staggered starts until one answers validly.
pub async fn race(
    candidates: &[Candidate],
    request: &RequestSpec,
    timing: Timing,
    narrator: &Narration,
) -> Result<Answer, RaceFailure> {
    let started = Instant::now();
    let mut failure = RaceFailure::default();
    // Room for every report, so a finishing attempt never waits on the channel.
    let (sender, mut reports) = mpsc::channel::<Report>(candidates.len().max(1));
    let mut tasks = JoinSet::new();
    let mut next = 0usize;
    let mut running = 0usize;
    let mut stagger_at = Instant::now();
    loop {
        if next < candidates.len() && Instant::now() >= stagger_at {
            if let Some(candidate) = candidates.get(next) {
                start(
                    &mut tasks,
                    &sender,
                    next,
                    candidate.clone(),
                    timing,
                    narrator,
                );
            }
            next += 1;
            running += 1;
            stagger_at = Instant::now() + timing.stagger;
        }
        if running == 0 && next >= candidates.len() {
            return Err(failure);
        }
        let more_to_start = next < candidates.len();
        tokio::select! {
            () = sleep_until(timing.deadline.into()) => {
                narrator.say(format_args!("overall deadline reached"));
                for (index, candidate) in candidates.iter().enumerate() {
                    let reported = failure.failures.iter().any(|(c, _)| c == candidate);
                    if index < next && !reported {
                        failure.failures.push((candidate.clone(), AttemptError::Deadline));
                    }
                }
                return Err(failure);
            }
            () = sleep_until(stagger_at.into()), if more_to_start => {}
            Some((index, result)) = reports.recv() => {
                running = running.saturating_sub(1);
                let candidate = candidates.get(index).cloned();
                match result {
                    Err(error) => {
                        if let Some(candidate) = candidate {
                            narrator.say(format_args!("{candidate}: {error}"));
                            failure.failures.push((candidate, error));
                        }
                        // A failed attempt frees its slot: start the next one now.
                        stagger_at = Instant::now();
                    }
                    Ok(session) => {
                        let who = session.candidate().clone();
                        narrator.say(format_args!("{who}: sending the KMS request"));
                        match session.request(&request.base, &timing, narrator.as_ref()).await {
                            Ok(response) => {
                                narrator.say(format_args!(
                                    "{who}: valid response in {} ms",
                                    millis(started.elapsed())
                                ));
                                // Dropping the tasks and the queue closes every other
                                // connection before it sends anything.
                                tasks.abort_all();
                                return Ok(Answer {
                                    candidate: who,
                                    response,
                                    failed_before: std::mem::take(&mut failure.failures),
                                });
                            }
                            Err(error) => {
                                narrator.say(format_args!("{who}: {error}"));
                                failure.failures.push((who, error));
                                stagger_at = Instant::now();
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::address::{Host, HostPort, HostSource};
    use crate::protocol::HResult;

    fn candidate(port: u16) -> Candidate {
        let ip = std::net::IpAddr::from([127, 0, 0, 1]);
        Candidate {
            target: HostPort::new(Host::Ip(ip), port),
            ip,
            source: HostSource::CommandLine,
        }
    }

    #[test]
    fn the_most_specific_failure_is_reported() {
        let mut failure = RaceFailure::default();
        assert_eq!(failure.class(), FailureClass::Unreachable);
        failure
            .failures
            .push((candidate(1), AttemptError::ConnectTimeout(3000)));
        failure
            .failures
            .push((candidate(2), AttemptError::BindNak(4)));
        assert_eq!(failure.class(), FailureClass::Refused);
        failure
            .failures
            .push((candidate(3), AttemptError::HostError(HResult(0xC004_F042))));
        failure
            .failures
            .push((candidate(4), AttemptError::Fault(1)));
        let (who, error) = failure.most_specific().expect("some");
        assert_eq!(who.address().port(), 3);
        assert!(matches!(error, AttemptError::HostError(_)));
    }

    #[tokio::test(flavor = "current_thread")]
    async fn no_candidates_fail_at_once() {
        let timing = Timing::until(Instant::now() + std::time::Duration::from_secs(1));
        let request = RequestSpec {
            base: crate::protocol::kms::RequestBase {
                version: crate::protocol::kms::ProtocolVersion::V6,
                vm_info: false,
                license_status: 2,
                binding_expiration_minutes: 0,
                application_id: uuid::Uuid::nil(),
                activation_id: uuid::Uuid::nil(),
                kms_counted_id: uuid::Uuid::nil(),
                cmid: uuid::Uuid::nil(),
                n_policy: 25,
                client_time: crate::protocol::FileTime::default(),
                previous_cmid: uuid::Uuid::nil(),
                workstation_name: crate::protocol::kms::WorkstationName::new("t").expect("name"),
            },
        };
        let silent: Narration = std::sync::Arc::new(crate::client::Silent);
        let result = race(&[], &request, timing, &silent).await;
        assert!(result.is_err_and(|f| f.failures.is_empty()));
    }
}
