//! `ato --wait`: tries until activated, the end of `--wait`, or Ctrl-C.

use std::time::{Duration, Instant};

use rand::Rng;

use super::super::Failure;
use super::Run;
use super::attempt::Attempt;
use super::report::Tries;
use crate::client::millis;
use crate::config::Verbosity;
use crate::output::activation::ActivationReport;
use crate::state::{ActivationRecord, AttemptOutcome};

/// Longest wait between two tries while no host can be reached.
const MAX_BACKOFF: Duration = Duration::from_secs(60);
/// First wait after an unreachable try, doubled each time.
const FIRST_BACKOFF: Duration = Duration::from_secs(1);

impl Run<'_> {
    /// Tries, records each attempt, and waits between tries (see [`Run::next_delay`]),
    /// until activated, the end of `wait`, or Ctrl-C; reports the last attempt.
    pub(super) async fn wait_loop(
        &self,
        wait: Duration,
        retry_interval: Option<Duration>,
    ) -> Result<ActivationReport, Failure> {
        let wait_deadline = self.started + wait;
        let progress = self.config.stderr_is_terminal && self.config.verbosity > Verbosity::Quiet;
        let mut tries = Tries {
            count: 0,
            interrupted: false,
            started: self.started,
        };
        let mut backoff = Backoff::new();
        let ctrl_c = tokio::signal::ctrl_c();
        tokio::pin!(ctrl_c);
        let mut last: Option<(Attempt, ActivationRecord)> = None;
        loop {
            let deadline = (Instant::now() + self.config.timeout).min(wait_deadline);
            let attempt = tokio::select! {
                attempt = self.attempt(deadline) => attempt,
                _ = &mut ctrl_c => { tries.interrupted = true; break; }
            };
            tries.count += 1;
            let record = self.record(&attempt)?;
            let delay = self.next_delay(&attempt, retry_interval, &mut backoff);
            let line = self.progress_line(&attempt, tries.count, delay);
            last = Some((attempt, record));
            let Some(delay) = delay else { break };
            if Instant::now() + delay >= wait_deadline {
                self.narrator.say(format_args!(
                    "the --wait deadline is reached before the next try"
                ));
                break;
            }
            if progress {
                eprint!("\r\x1b[2K{line}");
            } else {
                self.narrator.say(format_args!("{line}"));
            }
            tokio::select! {
                () = tokio::time::sleep(delay) => {}
                _ = &mut ctrl_c => { tries.interrupted = true; break; }
            }
        }
        if progress && tries.count > 0 {
            eprint!("\r\x1b[2K");
        }
        match last {
            Some((attempt, record)) => Ok(self.report(&attempt, &record, tries)),
            // Interrupted before the first attempt finished: nothing was recorded.
            None => Err(Failure::Interrupted),
        }
    }

    /// How long to wait before the next try; `None` once activated. A host that answered
    /// is asked again after `--retry-interval`, else after its activation interval; while
    /// no host answers validly the wait backs off.
    fn next_delay(
        &self,
        attempt: &Attempt,
        retry_interval: Option<Duration>,
        backoff: &mut Backoff,
    ) -> Option<Duration> {
        match attempt.outcome {
            AttemptOutcome::Activated => None,
            AttemptOutcome::CountTooLow | AttemptOutcome::HostError => {
                backoff.reset();
                Some(retry_interval.unwrap_or_else(|| {
                    let minutes = attempt
                        .answer
                        .as_ref()
                        .map_or(self.plan.installed.activation_interval_minutes, |a| {
                            a.response.activation_interval_minutes
                        });
                    Duration::from_secs(u64::from(minutes.max(1)) * 60)
                }))
            }
            AttemptOutcome::Unreachable | AttemptOutcome::InvalidResponse => Some(backoff.next()),
        }
    }

    /// `attempt 1: count 1 / 25 needed; next try in 20 s`.
    fn progress_line(&self, attempt: &Attempt, tries: u32, delay: Option<Duration>) -> String {
        let delay = delay.unwrap_or_default().as_secs();
        match attempt.answer.as_ref().map(|a| a.response.count) {
            Some(count) => format!(
                "attempt {tries}: count {count} / {} needed; next try in {delay} s",
                self.plan.product.n_policy
            ),
            None => format!("attempt {tries}: no host answered; next try in {delay} s"),
        }
    }
}

/// The wait after a try that reached no host: exponential, with jitter (50% to 100% of
/// the step).
struct Backoff {
    step: Duration,
}

impl Backoff {
    fn new() -> Backoff {
        Backoff {
            step: FIRST_BACKOFF,
        }
    }

    fn reset(&mut self) {
        self.step = FIRST_BACKOFF;
    }

    fn next(&mut self) -> Duration {
        let step = self.step;
        self.step = (self.step * 2).min(MAX_BACKOFF);
        let millis_step = millis(step).max(1);
        Duration::from_millis(rand::rng().random_range(millis_step / 2..=millis_step))
    }
}
