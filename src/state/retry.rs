//! How long to wait after an attempt that did not activate, by how far it got: the rules of
//! docs/activation.md ("How `--wait` spaces its tries"), shared by `ato --wait` (in one
//! run) and `renew` (across runs, from what the state recorded).

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::config::MIN_REQUEST_INTERVAL;

/// First wait after an attempt that reached no host, doubled after each such attempt.
pub(crate) const FIRST_NO_HOST_WAIT: Duration = Duration::from_secs(1);
/// Longest wait after attempts that reached no host.
pub(crate) const MAX_NO_HOST_WAIT: Duration = Duration::from_secs(60);

/// How far an attempt got in contacting a host, as the state records it: the file calls
/// it `last_result.reach` (docs/state.md), and the values are the variants in snake_case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Contact {
    /// A host gave a valid answer (activated, count too low) or an error HRESULT.
    Answered,
    /// A connection was made but no valid answer came back: a request may have been
    /// sent (a broken answer, a refused bind, a connection that broke or went silent).
    NoValidAnswer,
    /// No connection to any host was made: every connect was refused or timed out, or
    /// DNS gave no host to try. Nothing can have been sent.
    NoHostReached,
}

/// The wait after the `in_a_row`-th attempt in a row that reached no host: one second,
/// doubled each time, at most a minute.
pub(crate) fn no_host_reached_wait(in_a_row: u32) -> Duration {
    doubled(FIRST_NO_HOST_WAIT, in_a_row).min(MAX_NO_HOST_WAIT)
}

/// The wait after the `in_a_row`-th attempt in a row that connected without a valid
/// answer: a minute, doubled each time, up to the host's activation interval, never less
/// than a minute.
pub(crate) fn no_valid_answer_wait(in_a_row: u32, host_interval: Duration) -> Duration {
    doubled(MIN_REQUEST_INTERVAL, in_a_row).min(host_interval.max(MIN_REQUEST_INTERVAL))
}

/// `first` doubled `in_a_row - 1` times (the first attempt waits `first`).
fn doubled(first: Duration, in_a_row: u32) -> Duration {
    let doublings = in_a_row.saturating_sub(1).min(20);
    first.saturating_mul(1 << doublings)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: Duration = Duration::from_secs(60);

    #[test]
    fn no_host_reached_doubles_from_a_second_to_a_minute() {
        let waits: Vec<u64> = (0..=9).map(|n| no_host_reached_wait(n).as_secs()).collect();
        assert_eq!(waits, vec![1, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(no_host_reached_wait(u32::MAX), MIN);
    }

    #[test]
    fn no_valid_answer_doubles_from_a_minute_to_the_host_interval() {
        let waits: Vec<Duration> = (1..=5).map(|n| no_valid_answer_wait(n, 5 * MIN)).collect();
        assert_eq!(waits, vec![MIN, 2 * MIN, 4 * MIN, 5 * MIN, 5 * MIN]);
        assert_eq!(no_valid_answer_wait(3, Duration::ZERO), MIN);
        assert_eq!(no_valid_answer_wait(u32::MAX, 120 * MIN), 120 * MIN);
    }
}
