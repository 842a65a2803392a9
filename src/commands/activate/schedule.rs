//! When `--wait` may try again: the rules of docs/activation.md ("How `--wait` spaces its
//! tries"), as a pure policy the wait loop asks after every attempt.
//!
//! Every wait is measured from the end of the attempt before it. Any attempt that may have
//! sent a request is followed by at least [`MIN_REQUEST_INTERVAL`], so no host is ever sent
//! activation requests faster than once a minute; only attempts that connected to no host
//! at all retry sooner.

use std::time::Duration;

use rand::Rng;

use crate::config::MIN_REQUEST_INTERVAL;
use crate::state::retry::{self, no_host_reached_wait, no_valid_answer_wait};

/// How an attempt ended, as far as the schedule is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::commands) enum AttemptEnd {
    /// A host answered validly and activated the client.
    Activated,
    /// A host answered validly without activating it (count too low, an error HRESULT):
    /// with the activation interval its answer carries (an error HRESULT carries none).
    Answered {
        activation_interval_minutes: Option<u32>,
    },
    /// A connection to a host was made but no valid answer came back: a request may have
    /// been sent (a broken answer, a connection that broke or went silent, a refused bind).
    NoValidAnswer,
    /// No connection to any host was made (refused, timed out, nothing to try).
    NotConnected,
}

impl AttemptEnd {
    /// How far the attempt got, as the state records it.
    pub(super) fn recorded(self) -> retry::Contact {
        match self {
            AttemptEnd::Activated | AttemptEnd::Answered { .. } => retry::Contact::Answered,
            AttemptEnd::NoValidAnswer => retry::Contact::NoValidAnswer,
            AttemptEnd::NotConnected => retry::Contact::NoHostReached,
        }
    }
}

/// Why the next try waits as long as it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::commands) enum Reason {
    /// The activation interval the host asked for (or the one recorded for the product,
    /// when its answer carried none).
    HostInterval,
    /// `--retry-interval`.
    RetryInterval,
    /// The one-minute minimum, when the host asked for less.
    Minimum,
    /// A host was reached without a valid answer: one minute, doubled each time.
    NoValidAnswer,
    /// No host was reached: a backoff from one second, doubled each time up to a minute.
    NotConnected,
}

/// The next try: how long after the attempt that just ended, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::commands) struct NextTry {
    pub(in crate::commands) delay: Duration,
    pub(in crate::commands) reason: Reason,
}

/// A try the loop planned: the schedule's next try, placed in `--wait`'s window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::commands) struct Planned {
    pub(in crate::commands) next: NextTry,
    /// From the start of the run to that try: the `--wait` that reaches it.
    pub(in crate::commands) from_start: Duration,
    /// It falls at or after the end of `--wait`, so it is not made.
    pub(in crate::commands) after_end: bool,
}

impl Reason {
    /// Why, in a few words, for the progress line and the report.
    pub(in crate::commands) fn explain(self) -> &'static str {
        match self {
            Reason::HostInterval => "the host's activation interval",
            Reason::RetryInterval => "--retry-interval",
            Reason::Minimum => "a minute at least between requests",
            Reason::NoValidAnswer => "no valid answer: a minute, doubling",
            Reason::NotConnected => "no host reached: backing off",
        }
    }
}

/// The spacing of `--wait`'s tries; see the module documentation.
#[derive(Debug)]
pub(in crate::commands) struct Schedule<R> {
    /// `--retry-interval`, honoured only at or above [`MIN_REQUEST_INTERVAL`].
    retry_interval: Option<Duration>,
    /// The host's activation interval as last heard (at first, as recorded).
    host_interval: Duration,
    /// How far the last attempt got, and how many in a row got that far (the backoff
    /// doubles with each; `renew` keeps the same count in the state).
    streak: Option<(retry::Contact, u32)>,
    /// For the jitter of the not-connected backoff.
    rng: R,
}

impl<R: Rng> Schedule<R> {
    /// A schedule for a run whose product has `recorded_interval_minutes` in the state.
    pub(in crate::commands) fn new(
        retry_interval: Option<Duration>,
        recorded_interval_minutes: u32,
        rng: R,
    ) -> Schedule<R> {
        Schedule {
            retry_interval: retry_interval.filter(|&i| i >= MIN_REQUEST_INTERVAL),
            host_interval: minutes(recorded_interval_minutes),
            streak: None,
            rng,
        }
    }

    /// When to try again after an attempt that got as far as `end`, measured from its
    /// end; `None` once activated.
    pub(in crate::commands) fn after(&mut self, end: AttemptEnd) -> Option<NextTry> {
        let in_a_row = self.count(end);
        match end {
            AttemptEnd::Activated => None,
            AttemptEnd::Answered {
                activation_interval_minutes,
            } => {
                if let Some(minutes_asked) = activation_interval_minutes {
                    self.host_interval = minutes(minutes_asked);
                }
                Some(self.retry_interval_or(self.host_interval, Reason::HostInterval))
            }
            AttemptEnd::NoValidAnswer => {
                let wait = no_valid_answer_wait(in_a_row, self.host_interval);
                Some(self.retry_interval_or(wait, Reason::NoValidAnswer))
            }
            AttemptEnd::NotConnected => {
                let step = no_host_reached_wait(in_a_row);
                // Jitter: between half and all of the step, so clients that lost the same
                // host do not come back in step.
                let millis = u64::try_from(step.as_millis()).unwrap_or(u64::MAX).max(1);
                let delay = Duration::from_millis(self.rng.random_range(millis / 2..=millis));
                Some(NextTry {
                    delay,
                    reason: Reason::NotConnected,
                })
            }
        }
    }

    /// Counts `end` into the streak: how many attempts in a row got that far, this one
    /// included (a valid answer starts every doubling over).
    fn count(&mut self, end: AttemptEnd) -> u32 {
        let kind = end.recorded();
        let in_a_row = match self.streak {
            Some((last, n)) if last == kind => n.saturating_add(1),
            _ => 1,
        };
        self.streak = Some((kind, in_a_row));
        in_a_row
    }

    /// `--retry-interval` when given, else `wait` for `reason`, never below the minimum.
    fn retry_interval_or(&self, wait: Duration, reason: Reason) -> NextTry {
        match self.retry_interval {
            Some(delay) => NextTry {
                delay,
                reason: Reason::RetryInterval,
            },
            None if wait < MIN_REQUEST_INTERVAL => NextTry {
                delay: MIN_REQUEST_INTERVAL,
                reason: Reason::Minimum,
            },
            None => NextTry {
                delay: wait,
                reason,
            },
        }
    }
}

fn minutes(minutes: u32) -> Duration {
    Duration::from_secs(u64::from(minutes) * 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    fn schedule(retry_interval: Option<Duration>, recorded: u32) -> Schedule<StdRng> {
        Schedule::new(retry_interval, recorded, StdRng::seed_from_u64(7))
    }

    const MIN: Duration = Duration::from_secs(60);

    fn answered(minutes: u32) -> AttemptEnd {
        AttemptEnd::Answered {
            activation_interval_minutes: Some(minutes),
        }
    }

    #[test]
    fn a_host_that_answered_is_asked_again_after_its_interval() {
        let mut schedule = schedule(None, 120);
        let next = schedule.after(answered(30)).expect("a next try");
        assert_eq!(next.delay, 30 * MIN);
        assert_eq!(next.reason, Reason::HostInterval);
        // An error HRESULT carries no interval: the last one heard stays.
        let next = schedule
            .after(AttemptEnd::Answered {
                activation_interval_minutes: None,
            })
            .expect("a next try");
        assert_eq!((next.delay, next.reason), (30 * MIN, Reason::HostInterval));
        assert_eq!(schedule.after(AttemptEnd::Activated), None);
    }

    #[test]
    fn an_error_answer_before_any_interval_waits_the_recorded_one() {
        let mut schedule = schedule(None, 120);
        let next = schedule
            .after(AttemptEnd::Answered {
                activation_interval_minutes: None,
            })
            .expect("a next try");
        assert_eq!(next.delay, 120 * MIN);
    }

    #[test]
    fn the_retry_interval_counts_only_at_or_above_a_minute() {
        for (given, expected) in [
            (MIN, (MIN, Reason::RetryInterval)),
            (15 * MIN, (15 * MIN, Reason::RetryInterval)),
            (Duration::from_secs(59), (120 * MIN, Reason::HostInterval)),
            (Duration::from_millis(1), (120 * MIN, Reason::HostInterval)),
        ] {
            let mut schedule = schedule(Some(given), 120);
            let next = schedule.after(answered(120)).expect("a next try");
            assert_eq!((next.delay, next.reason), expected, "{given:?}");
        }
        // A retry interval longer than the host's is honoured too.
        let mut schedule = schedule(Some(180 * MIN), 120);
        assert_eq!(
            schedule.after(answered(120)).map(|n| n.delay),
            Some(180 * MIN)
        );
    }

    #[test]
    fn a_host_asking_less_than_a_minute_still_gets_a_minute() {
        let mut schedule = schedule(None, 120);
        let next = schedule.after(answered(0)).expect("a next try");
        assert_eq!((next.delay, next.reason), (MIN, Reason::Minimum));
        let mut schedule = self::schedule(None, 0);
        let next = schedule
            .after(AttemptEnd::NoValidAnswer)
            .expect("a next try");
        assert_eq!(next.delay, MIN);
        assert_eq!(
            schedule.after(AttemptEnd::NoValidAnswer).map(|n| n.delay),
            Some(MIN),
            "doubling stops at the minimum when the host's interval is below it"
        );
    }

    #[test]
    fn no_valid_answer_waits_a_minute_doubling_up_to_the_host_interval() {
        let mut schedule = schedule(None, 5);
        let delays: Vec<Duration> = (0..5)
            .filter_map(|_| schedule.after(AttemptEnd::NoValidAnswer))
            .map(|next| {
                assert_eq!(next.reason, Reason::NoValidAnswer);
                next.delay
            })
            .collect();
        assert_eq!(delays, vec![MIN, 2 * MIN, 4 * MIN, 5 * MIN, 5 * MIN]);
        // A valid answer starts the doubling again.
        schedule.after(answered(5));
        assert_eq!(
            schedule.after(AttemptEnd::NoValidAnswer).map(|n| n.delay),
            Some(MIN)
        );
        // --retry-interval applies to a host that was reached, too.
        let mut schedule = self::schedule(Some(10 * MIN), 120);
        let next = schedule
            .after(AttemptEnd::NoValidAnswer)
            .expect("a next try");
        assert_eq!((next.delay, next.reason), (10 * MIN, Reason::RetryInterval));
    }

    #[test]
    fn no_host_reached_backs_off_from_a_second_to_a_minute_with_jitter() {
        let mut schedule = schedule(None, 120);
        let mut step = Duration::from_secs(1);
        for _ in 0..10 {
            let next = schedule
                .after(AttemptEnd::NotConnected)
                .expect("a next try");
            assert_eq!(next.reason, Reason::NotConnected);
            assert!(
                next.delay >= step / 2 && next.delay <= step,
                "{:?} outside {:?}..={step:?}",
                next.delay,
                step / 2
            );
            step = (step * 2).min(MIN);
        }
        assert_eq!(step, MIN, "the cap is reached");
        // A host that answers resets the backoff.
        schedule.after(answered(120));
        let next = schedule
            .after(AttemptEnd::NotConnected)
            .expect("a next try");
        assert!(next.delay <= Duration::from_secs(1));
    }

    /// Whatever happens, an attempt that may have sent a request is followed by a minute
    /// at least.
    #[test]
    fn every_attempt_that_may_have_sent_a_request_is_followed_by_a_minute() {
        let mut rng = StdRng::seed_from_u64(11);
        for _ in 0..200 {
            let retry = [None, Some(Duration::from_secs(1)), Some(MIN), Some(3 * MIN)]
                [rng.random_range(0..4)];
            let mut schedule = schedule(retry, rng.random_range(0..200));
            for _ in 0..30 {
                let end = match rng.random_range(0..3) {
                    0 => AttemptEnd::Answered {
                        activation_interval_minutes: [None, Some(0), Some(1), Some(120)]
                            [rng.random_range(0..4)],
                    },
                    1 => AttemptEnd::NoValidAnswer,
                    _ => AttemptEnd::NotConnected,
                };
                let next = schedule.after(end).expect("a next try");
                if end != AttemptEnd::NotConnected {
                    assert!(next.delay >= MIN, "{end:?}: {next:?}");
                }
            }
        }
    }
}
