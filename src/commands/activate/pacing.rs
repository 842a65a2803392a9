//! The requests of one `ato` or `renew` of several products: one at a time, a minute
//! apart (docs/activation.md, "Several products in one run").
//!
//! The products run together, but an attempt that may send a request takes its turn:
//! the attempt before it has ended, and [`MIN_REQUEST_INTERVAL`] has passed since the
//! last attempt that may have sent one. Which host an attempt reaches is known only once
//! it has reached it, so the spacing holds across every host, not only the same one.
//! A single product never waits here: its own tries are spaced by [`super::schedule`].

use std::time::Duration;

use tokio::sync::{Mutex, MutexGuard};
use tokio::time::Instant;

use crate::config::MIN_REQUEST_INTERVAL;

/// When the run last sent (or may have sent) an activation request; the lock is the
/// turn to send.
#[derive(Debug, Default)]
pub(super) struct RequestPacing {
    last_request: Mutex<Option<Instant>>,
}

/// One attempt's turn to send: the other products' attempts wait until it ends.
pub(super) struct Turn<'a> {
    last_request: MutexGuard<'a, Option<Instant>>,
    /// How long the attempt waited for its turn: its deadline moves by as much.
    pub(super) waited: Duration,
}

impl RequestPacing {
    /// Waits for the turn: the attempt in progress ended and a minute since the last
    /// request. `announce` is told how long the minute's wait is, when it is over a
    /// second, before it starts.
    pub(super) async fn turn(&self, announce: impl FnOnce(Duration)) -> Turn<'_> {
        let asked = Instant::now();
        let last_request = self.last_request.lock().await;
        if let Some(ready) = last_request.map(|at| at + MIN_REQUEST_INTERVAL) {
            let left = ready.saturating_duration_since(Instant::now());
            if left > Duration::from_secs(1) {
                announce(left);
            }
            tokio::time::sleep_until(ready).await;
        }
        Turn {
            last_request,
            waited: asked.elapsed(),
        }
    }
}

impl Turn<'_> {
    /// Ends the turn; `may_have_sent`: the attempt connected to a host, so a request
    /// may have gone out, and the next one waits a minute from now.
    pub(super) fn end(mut self, may_have_sent: bool) {
        if may_have_sent {
            *self.last_request = Some(Instant::now());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_request_makes_the_next_turn_a_minute_later() {
        let pacing = RequestPacing::default();
        let first = pacing
            .turn(|_| panic!("the first turn waits for nothing"))
            .await;
        assert_eq!(first.waited, Duration::ZERO);
        first.end(true);
        let mut announced = None;
        let second = pacing.turn(|left| announced = Some(left)).await;
        assert_eq!(announced, Some(MIN_REQUEST_INTERVAL));
        assert_eq!(second.waited, MIN_REQUEST_INTERVAL);
    }

    #[tokio::test(start_paused = true)]
    async fn an_attempt_that_reached_no_host_leaves_the_next_turn_free() {
        let pacing = RequestPacing::default();
        pacing.turn(|_| ()).await.end(false);
        let next = pacing.turn(|_| panic!("nothing was sent")).await;
        assert_eq!(next.waited, Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn turns_are_one_at_a_time() {
        let pacing = RequestPacing::default();
        let first = pacing.turn(|_| ()).await;
        let second = pacing.turn(|_| ());
        tokio::pin!(second);
        let waiting = tokio::time::timeout(Duration::from_secs(600), &mut second).await;
        assert!(waiting.is_err(), "the second turn came while the first ran");
        first.end(true);
        let second = second.await;
        // Ten minutes for the first attempt to end, then a minute from its request.
        assert_eq!(second.waited, Duration::from_secs(660));
    }
}
