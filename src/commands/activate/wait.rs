//! `ato --wait`: tries until activated, the end of `--wait`, or an interrupt (Ctrl-C).
//!
//! [`run_tries`] is the loop. It is generic over where attempts come from ([`Attempts`]),
//! the interrupt (one future) and the progress display ([`Progress`]), and keeps time with
//! tokio's clock, so the tests drive it in-process under a paused clock. [`Run::wait_loop`]
//! plugs in the real attempts (raced and recorded), Ctrl-C and stderr. When to try again
//! is [`Schedule`]'s decision (docs/activation.md).

use std::future::Future;
use std::io::Write;
use std::pin::Pin;
use std::time::Duration;

use tokio::time::{Instant, sleep_until};

use super::super::Failure;
use super::attempt::Attempt;
use super::report::{Tries, WaitEnding};
use super::schedule::{AttemptEnd, Planned, Reason, Schedule};
use super::{Recording, Run};
use crate::client::Narration;
use crate::config::{Config, Verbosity};
use crate::output::activation::ActivationReport;
use crate::output::time::countdown;

/// Where the loop's attempts come from.
pub(in crate::commands) trait Attempts {
    /// One attempt, as made and recorded.
    type Attempt;
    /// Makes one attempt that ends by `deadline`, and records it.
    async fn attempt(&mut self, deadline: Instant) -> Result<Self::Attempt, Failure>;
    /// How it ended, for the schedule.
    fn end(&self, attempt: &Self::Attempt) -> AttemptEnd;
    /// What the progress line says of it: `attempt 1: count 1 / 25 needed`.
    fn describe(&self, attempt: &Self::Attempt, number: u32) -> String;
    /// Whether the loop ends after it whatever the schedule says (its result could not
    /// be recorded, so trying again would ask hosts for answers that are lost).
    fn ends_the_loop(&self, _attempt: &Self::Attempt) -> bool {
        false
    }
}

/// The progress line shown while the loop waits for its next try.
pub(in crate::commands) trait Progress {
    /// Whether the line is redrawn as the seconds go by (a terminal), or shown once.
    fn ticks(&self) -> bool;
    /// Shows `line` (in place of the one shown before).
    fn show(&mut self, line: &str);
    /// Takes the line away: an attempt or the report comes next.
    fn clear(&mut self);
}

/// When the loop runs: from `started` to `end` (the end of `--wait`), each attempt within
/// `attempt_timeout` (`--timeout`) and the end.
#[derive(Debug, Clone, Copy)]
pub(in crate::commands) struct Window {
    pub(in crate::commands) started: Instant,
    pub(in crate::commands) end: Instant,
    pub(in crate::commands) attempt_timeout: Duration,
}

/// How the loop ended.
#[derive(Debug)]
pub(in crate::commands) struct Waited<A> {
    /// The last attempt made (none when interrupted during the first).
    pub(in crate::commands) last: Option<A>,
    /// Attempts made.
    pub(in crate::commands) tries: u32,
    /// The interrupt ended the loop.
    pub(in crate::commands) interrupted: bool,
    /// The try planned but not made: after the end, or interrupted while waiting for it.
    pub(in crate::commands) next_try: Option<Planned>,
}

/// Tries until activated, until the next try would fall after `window.end`, or until
/// `interrupt` completes; waits between tries as `schedule` says, showing `progress`.
pub(in crate::commands) async fn run_tries<S, R, I, P>(
    source: &mut S,
    schedule: &mut Schedule<R>,
    window: Window,
    interrupt: I,
    progress: &mut P,
) -> Result<Waited<S::Attempt>, Failure>
where
    S: Attempts,
    R: rand::Rng,
    I: Future,
    P: Progress,
{
    tokio::pin!(interrupt);
    let mut waited = Waited {
        last: None,
        tries: 0,
        interrupted: false,
        next_try: None,
    };
    loop {
        let deadline = later(Instant::now(), window.attempt_timeout).min(window.end);
        let attempt = tokio::select! {
            attempt = source.attempt(deadline) => attempt?,
            _ = &mut interrupt => {
                waited.interrupted = true;
                return Ok(waited);
            }
        };
        let ended = Instant::now();
        waited.tries += 1;
        let next = schedule
            .after(source.end(&attempt))
            .filter(|_| !source.ends_the_loop(&attempt));
        let line = source.describe(&attempt, waited.tries);
        waited.last = Some(attempt);
        let Some(next) = next else {
            return Ok(waited);
        };
        let due = later(ended, next.delay);
        let planned = Planned {
            next,
            from_start: due.saturating_duration_since(window.started),
            after_end: due >= window.end,
        };
        waited.next_try = Some(planned);
        if planned.after_end {
            return Ok(waited);
        }
        if !wait_until(due, &line, next.reason, interrupt.as_mut(), progress).await {
            waited.interrupted = true;
            return Ok(waited);
        }
        waited.next_try = None;
    }
}

/// Waits until `due` with the progress line (redrawn each time the seconds left change,
/// when `progress` ticks); false when `interrupt` came first.
async fn wait_until<I: Future, P: Progress>(
    due: Instant,
    line: &str,
    reason: Reason,
    mut interrupt: Pin<&mut I>,
    progress: &mut P,
) -> bool {
    loop {
        let left = due.saturating_duration_since(Instant::now());
        progress.show(&format!(
            "{line}; next try in {} ({})",
            countdown(left),
            reason.explain()
        ));
        let wake = if progress.ticks() {
            next_tick(due, left)
        } else {
            due
        };
        tokio::select! {
            () = sleep_until(wake) => {
                if wake >= due {
                    progress.clear();
                    return true;
                }
            }
            _ = interrupt.as_mut() => {
                progress.clear();
                return false;
            }
        }
    }
}

/// When the whole seconds shown before `due` (rounded up) next change, `left` being what
/// is left now: `due` minus a whole number of seconds, so each redraw is one second less.
fn next_tick(due: Instant, left: Duration) -> Instant {
    let shown_next = if left.subsec_nanos() > 0 {
        left.as_secs()
    } else {
        left.as_secs().saturating_sub(1)
    };
    due.checked_sub(Duration::from_secs(shown_next))
        .unwrap_or(due)
}

/// `at + by`, or as far as the clock goes (a `--wait 100000000d` must not overflow it).
fn later(at: Instant, by: Duration) -> Instant {
    const CENTURY: Duration = Duration::from_secs(100 * 365 * 86_400);
    at.checked_add(by)
        .or_else(|| at.checked_add(CENTURY))
        .unwrap_or(at)
}

impl Run<'_> {
    /// Tries, records each attempt, and waits between tries as [`Schedule`] says, until
    /// activated, the end of `wait`, or Ctrl-C; reports the last attempt.
    pub(in crate::commands) async fn wait_loop(
        &self,
        wait: Duration,
        retry_interval: Option<Duration>,
    ) -> Result<ActivationReport, Failure> {
        // What is being activated comes first, before the progress line
        // (`report::heading_printed` says the report then leaves it out).
        crate::output::print_activation_heading(
            self.plan.product.name,
            self.plan.installed.activation_id,
            self.config,
        );
        let started = Instant::from_std(self.started);
        let window = Window {
            started,
            end: later(started, wait),
            attempt_timeout: self.config.timeout,
        };
        let recorded = self.plan.installed.activation_interval_minutes;
        let mut schedule = Schedule::new(retry_interval, recorded, rand::rng());
        let mut progress = StderrProgress::new(self.config, &self.narrator, self.several);
        let interrupt = crate::platform::interrupt::interrupted();
        let mut attempts = Recorded { run: self };
        let waited = run_tries(
            &mut attempts,
            &mut schedule,
            window,
            interrupt,
            &mut progress,
        )
        .await?;
        if let Some(planned) = waited.next_try.filter(|p| p.after_end) {
            self.narrator.say(format_args!(
                "the next try, {} after the last attempt ({}), falls after the end of \
                 --wait: giving up",
                countdown(planned.next.delay),
                planned.next.reason.explain()
            ));
        }
        let Some((attempt, recording)) = &waited.last else {
            // Interrupted before the first attempt finished: nothing was recorded.
            return Err(Failure::Interrupted);
        };
        let tries = Tries {
            count: waited.tries,
            interrupted: waited.interrupted,
            started: self.started,
            wait: Some(WaitEnding {
                wait,
                next_try: waited.next_try,
            }),
        };
        Ok(self.report(attempt, recording, tries))
    }
}

/// The real attempts: the host plan raced, each attempt written to the state.
struct Recorded<'r, 'a> {
    run: &'r Run<'a>,
}

impl Attempts for Recorded<'_, '_> {
    type Attempt = (Attempt, Recording);

    async fn attempt(&mut self, deadline: Instant) -> Result<Self::Attempt, Failure> {
        let attempt = self.run.attempt(deadline.into_std()).await;
        let recording = self.run.record(&attempt)?;
        Ok((attempt, recording))
    }

    fn ends_the_loop(&self, (_, recording): &Self::Attempt) -> bool {
        recording.write_failure.is_some()
    }

    fn end(&self, (attempt, _): &Self::Attempt) -> AttemptEnd {
        attempt.end()
    }

    fn describe(&self, (attempt, _): &Self::Attempt, number: u32) -> String {
        match (&attempt.answer, attempt.end()) {
            (Some(answer), _) => format!(
                "attempt {number}: count {} / {} needed",
                answer.response.count, self.run.plan.product.n_policy
            ),
            (None, AttemptEnd::Answered { .. }) => {
                format!("attempt {number}: the host answered {}", attempt.hresult)
            }
            (None, AttemptEnd::NotConnected) => format!("attempt {number}: no host reached"),
            (None, _) => format!("attempt {number}: no valid answer"),
        }
    }
}

/// The progress line on stderr: redrawn in place once a second on a terminal; elsewhere
/// told once per wait through `-v` narration (and not at all without `-v`).
pub(in crate::commands) enum StderrProgress<'a> {
    Terminal,
    Narrated(&'a Narration),
}

impl<'a> StderrProgress<'a> {
    /// `several`: other products' loops share stderr, so no line is redrawn in place.
    pub(in crate::commands) fn new(
        config: &Config,
        narrator: &'a Narration,
        several: bool,
    ) -> StderrProgress<'a> {
        if config.stderr_is_terminal && config.verbosity > Verbosity::Quiet && !several {
            StderrProgress::Terminal
        } else {
            StderrProgress::Narrated(narrator)
        }
    }
}

impl Progress for StderrProgress<'_> {
    fn ticks(&self) -> bool {
        matches!(self, StderrProgress::Terminal)
    }

    fn show(&mut self, line: &str) {
        match self {
            StderrProgress::Terminal => redraw(format_args!("\r\x1b[2K{line}")),
            StderrProgress::Narrated(narrator) => narrator.say(format_args!("{line}")),
        }
    }

    fn clear(&mut self) {
        // Only after a line was shown: `wait_until` clears what it showed.
        if let StderrProgress::Terminal = self {
            redraw(format_args!("\r\x1b[2K"));
        }
    }
}

/// Writes to the terminal on stderr; a terminal that went away is no reason to stop.
fn redraw(text: std::fmt::Arguments<'_>) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_fmt(text).and_then(|()| stderr.flush());
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;

    use rand::SeedableRng;
    use rand::rngs::StdRng;

    use super::*;

    const MIN: Duration = Duration::from_secs(60);
    /// How long each scripted attempt takes.
    const ATTEMPT: Duration = Duration::from_secs(2);

    /// Attempts that end as scripted, each taking [`ATTEMPT`]; the last one repeats.
    struct Script {
        ends: VecDeque<AttemptEnd>,
        /// When each attempt started and ended, and the deadline it was given.
        made: Vec<(Instant, Instant, Instant)>,
    }

    impl Script {
        fn new(ends: &[AttemptEnd]) -> Script {
            Script {
                ends: ends.iter().copied().collect(),
                made: Vec::new(),
            }
        }

        /// From the end of each attempt to the start of the next.
        fn gaps(&self) -> Vec<Duration> {
            self.made
                .windows(2)
                .map(|pair| pair[1].0 - pair[0].1)
                .collect()
        }
    }

    impl Attempts for Script {
        type Attempt = AttemptEnd;

        async fn attempt(&mut self, deadline: Instant) -> Result<AttemptEnd, Failure> {
            let started = Instant::now();
            tokio::time::sleep(ATTEMPT).await;
            let end = match self.ends.len() {
                0 => panic!("no attempt scripted"),
                1 => self.ends[0],
                _ => self.ends.pop_front().expect("scripted"),
            };
            self.made.push((started, Instant::now(), deadline));
            Ok(end)
        }

        fn end(&self, attempt: &AttemptEnd) -> AttemptEnd {
            *attempt
        }

        fn describe(&self, _: &AttemptEnd, number: u32) -> String {
            format!("attempt {number}")
        }
    }

    /// What the loop showed, and when.
    #[derive(Default)]
    struct Lines {
        ticks: bool,
        shown: Vec<(Instant, String)>,
        clears: u32,
    }

    impl Progress for Lines {
        fn ticks(&self) -> bool {
            self.ticks
        }
        fn show(&mut self, line: &str) {
            self.shown.push((Instant::now(), line.to_string()));
        }
        fn clear(&mut self) {
            self.clears += 1;
        }
    }

    fn answered(minutes: u32) -> AttemptEnd {
        AttemptEnd::Answered {
            activation_interval_minutes: Some(minutes),
        }
    }

    /// Runs the loop over `script` for `wait`, with `retry_interval`, the recorded
    /// interval of 120 minutes and an interrupt that never comes.
    async fn run(
        script: &mut Script,
        wait: Duration,
        retry_interval: Option<Duration>,
        progress: &mut Lines,
    ) -> Waited<AttemptEnd> {
        run_with(
            script,
            wait,
            retry_interval,
            progress,
            std::future::pending::<()>(),
        )
        .await
    }

    async fn run_with(
        script: &mut Script,
        wait: Duration,
        retry_interval: Option<Duration>,
        progress: &mut Lines,
        interrupt: impl Future,
    ) -> Waited<AttemptEnd> {
        let started = Instant::now();
        let window = Window {
            started,
            end: started + wait,
            attempt_timeout: Duration::from_secs(30),
        };
        let mut schedule = Schedule::new(retry_interval, 120, StdRng::seed_from_u64(3));
        run_tries(script, &mut schedule, window, interrupt, progress)
            .await
            .expect("no failure")
    }

    use crate::client::AttemptError;
    use crate::state::AttemptOutcome;

    /// A real attempt that got no valid answer, failing with `errors`.
    fn failed(outcome: AttemptOutcome, errors: Vec<AttemptError>) -> Attempt {
        use crate::address::{AddressOrigin, Host, HostPort, HostSource};
        use crate::client::{Candidate, RaceFailure};
        let ip = std::net::IpAddr::from([127, 0, 0, 1]);
        let candidate = Candidate {
            target: HostPort::new(Host::Ip(ip), 1688),
            ip,
            source: HostSource::CommandLine,
            origin: AddressOrigin::Literal,
        };
        Attempt {
            outcome,
            hresult: crate::protocol::HResult::NO_KMS_CONTACTED,
            answer: None,
            failure: RaceFailure {
                failures: errors.into_iter().map(|e| (candidate.clone(), e)).collect(),
            },
            locate_error: None,
            answered_addresses: None,
        }
    }

    #[test]
    fn only_attempts_whose_every_connect_failed_count_as_not_connected() {
        let refused = || AttemptError::Connect(std::io::ErrorKind::ConnectionRefused.into());
        let unreachable = AttemptOutcome::Unreachable;
        for errors in [
            vec![],
            vec![refused()],
            vec![refused(), AttemptError::ConnectTimeout(3000)],
        ] {
            assert_eq!(
                Attempt::end(&failed(unreachable, errors)),
                AttemptEnd::NotConnected
            );
        }
        for errors in [
            vec![refused(), AttemptError::ReadTimeout("response", 5000)],
            vec![AttemptError::Closed("bind_ack")],
            vec![AttemptError::Deadline],
            vec![AttemptError::BindNak(4)],
        ] {
            assert_eq!(
                Attempt::end(&failed(unreachable, errors)),
                AttemptEnd::NoValidAnswer
            );
        }
        let invalid = failed(
            AttemptOutcome::InvalidResponse,
            vec![AttemptError::WrongContext {
                expected: 1,
                found: 2,
            }],
        );
        assert_eq!(invalid.end(), AttemptEnd::NoValidAnswer);
        let host_error = failed(
            AttemptOutcome::HostError,
            vec![AttemptError::HostError(crate::protocol::HResult(
                0xC004_F042,
            ))],
        );
        assert_eq!(
            host_error.end(),
            AttemptEnd::Answered {
                activation_interval_minutes: None
            }
        );
    }

    #[tokio::test(start_paused = true)]
    async fn retries_at_the_host_interval_until_activated() {
        let mut script = Script::new(&[answered(30), answered(45), AttemptEnd::Activated]);
        let mut lines = Lines::default();
        let waited = run(&mut script, 3 * 60 * MIN, None, &mut lines).await;
        assert_eq!(waited.tries, 3);
        assert_eq!(waited.last, Some(AttemptEnd::Activated));
        assert!(!waited.interrupted);
        assert_eq!(waited.next_try, None);
        assert_eq!(script.gaps(), vec![30 * MIN, 45 * MIN]);
        // Shown once per wait where the line does not tick.
        let shown: Vec<&str> = lines.shown.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(
            shown,
            vec![
                "attempt 1; next try in 30 min (the host's activation interval)",
                "attempt 2; next try in 45 min (the host's activation interval)",
            ]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_retry_interval_counts_only_at_or_above_a_minute() {
        let script_of = || Script::new(&[answered(120), answered(120), AttemptEnd::Activated]);
        let mut script = script_of();
        let waited = run(&mut script, 60 * MIN, Some(MIN), &mut Lines::default()).await;
        assert_eq!(waited.last, Some(AttemptEnd::Activated));
        assert_eq!(script.gaps(), vec![MIN, MIN]);
        // Below the floor it is not honoured: the host's 120 minutes do not fit in 1 h.
        let mut script = script_of();
        let waited = run(
            &mut script,
            60 * MIN,
            Some(Duration::from_secs(1)),
            &mut Lines::default(),
        )
        .await;
        assert_eq!(waited.tries, 1);
        let planned = waited.next_try.expect("a planned try");
        assert_eq!(planned.next.reason, Reason::HostInterval);
        assert!(planned.after_end);
    }

    #[tokio::test(start_paused = true)]
    async fn a_minute_at_least_follows_any_attempt_that_reached_a_host() {
        let ends = [
            AttemptEnd::NoValidAnswer,
            AttemptEnd::NotConnected,
            AttemptEnd::NotConnected,
            AttemptEnd::NoValidAnswer,
            answered(0),
            AttemptEnd::NotConnected,
            AttemptEnd::Answered {
                activation_interval_minutes: None,
            },
            AttemptEnd::NoValidAnswer,
            AttemptEnd::Activated,
        ];
        let mut script = Script::new(&ends);
        let waited = run(&mut script, 24 * 60 * MIN, None, &mut Lines::default()).await;
        assert_eq!(waited.last, Some(AttemptEnd::Activated));
        assert_eq!(waited.tries, 9);
        let gaps = script.gaps();
        for (end, gap) in ends.iter().zip(&gaps) {
            if *end == AttemptEnd::NotConnected {
                assert!(*gap < MIN, "{end:?}: {gap:?}");
            } else {
                assert!(*gap >= MIN, "{end:?}: {gap:?}");
            }
        }
        // And so between any two attempts that may have sent requests (their ends and
        // starts: a request goes out within an attempt).
        let reaching: Vec<&(Instant, Instant, Instant)> = script
            .made
            .iter()
            .zip(&ends)
            .filter(|(_, end)| **end != AttemptEnd::NotConnected)
            .map(|(made, _)| made)
            .collect();
        for pair in reaching.windows(2) {
            assert!(pair[1].0 - pair[0].1 >= MIN);
        }
        // The second answer carried no interval: the 0 minutes heard last give the floor.
        assert_eq!(gaps[4], MIN);
        assert_eq!(gaps[6], MIN);
    }

    #[tokio::test(start_paused = true)]
    async fn connect_failures_back_off_from_a_second_to_a_minute() {
        let mut ends = vec![AttemptEnd::NotConnected; 9];
        ends.push(AttemptEnd::Activated);
        let mut script = Script::new(&ends);
        let waited = run(&mut script, 60 * MIN, None, &mut Lines::default()).await;
        assert_eq!(waited.tries, 10);
        let mut step = Duration::from_secs(1);
        for gap in script.gaps() {
            assert!(
                gap >= step / 2 && gap <= step,
                "{gap:?} for a step of {step:?}"
            );
            step = (step * 2).min(MIN);
        }
    }

    #[tokio::test(start_paused = true)]
    async fn gives_up_at_once_when_the_next_try_falls_after_the_end() {
        let mut script = Script::new(&[answered(120)]);
        let started = Instant::now();
        let waited = run(
            &mut script,
            Duration::from_secs(30),
            None,
            &mut Lines::default(),
        )
        .await;
        assert_eq!(
            started.elapsed(),
            ATTEMPT,
            "no wait at all after the one attempt"
        );
        assert_eq!(waited.tries, 1);
        assert!(!waited.interrupted);
        let planned = waited.next_try.expect("the try it did not make");
        assert_eq!(planned.next.delay, 120 * MIN);
        assert_eq!(planned.next.reason, Reason::HostInterval);
        assert!(planned.after_end);
        assert_eq!(planned.from_start, ATTEMPT + 120 * MIN);
        // A try due exactly at the end has no time left either.
        let mut script = Script::new(&[answered(1)]);
        let waited = run(&mut script, ATTEMPT + MIN, None, &mut Lines::default()).await;
        assert_eq!(waited.tries, 1);
        assert!(waited.next_try.is_some_and(|p| p.after_end));
        // With a minute to spare it is made.
        let mut script = Script::new(&[answered(1), AttemptEnd::Activated]);
        let waited = run(&mut script, 2 * MIN, None, &mut Lines::default()).await;
        assert_eq!(waited.tries, 2);
    }

    #[tokio::test(start_paused = true)]
    async fn attempts_end_by_the_timeout_or_the_end_of_the_wait() {
        let mut script = Script::new(&[answered(1), answered(1), AttemptEnd::Activated]);
        let started = Instant::now();
        run(
            &mut script,
            2 * MIN + Duration::from_secs(10),
            None,
            &mut Lines::default(),
        )
        .await;
        let deadlines: Vec<Duration> = script.made.iter().map(|m| m.2 - started).collect();
        // 0 s + 30 s; then 62 s + 30 s; then 124 s, cut to the end at 130 s.
        assert_eq!(
            deadlines,
            vec![
                Duration::from_secs(30),
                Duration::from_secs(92),
                Duration::from_secs(130)
            ]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn an_interrupt_while_waiting_ends_with_the_last_attempt() {
        let mut script = Script::new(&[answered(30)]);
        let started = Instant::now();
        let interrupt = tokio::time::sleep(45 * MIN);
        let mut lines = Lines::default();
        let waited = run_with(&mut script, 3 * 60 * MIN, None, &mut lines, interrupt).await;
        assert_eq!(started.elapsed(), 45 * MIN, "stopped at once");
        assert!(waited.interrupted);
        assert_eq!(waited.tries, 2);
        assert_eq!(waited.last, Some(answered(30)));
        let planned = waited.next_try.expect("the try it was waiting for");
        assert!(!planned.after_end);
        assert_eq!(planned.from_start, 2 * ATTEMPT + 60 * MIN);
        assert_eq!(lines.clears, 2, "the line is cleared after each wait");
    }

    #[tokio::test(start_paused = true)]
    async fn an_interrupt_during_the_first_attempt_leaves_nothing_to_report() {
        let mut script = Script::new(&[answered(30)]);
        let interrupt = tokio::time::sleep(Duration::from_secs(1));
        let waited = run_with(
            &mut script,
            60 * MIN,
            None,
            &mut Lines::default(),
            interrupt,
        )
        .await;
        assert!(waited.interrupted);
        assert_eq!(waited.tries, 0);
        assert_eq!(waited.last, None);
        assert_eq!(waited.next_try, None);
        assert!(
            script.made.is_empty(),
            "the attempt was stopped, not finished"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn the_line_counts_down_once_a_second_on_a_terminal() {
        let mut script = Script::new(&[answered(2), AttemptEnd::Activated]);
        let mut lines = Lines {
            ticks: true,
            ..Lines::default()
        };
        run(&mut script, 60 * MIN, None, &mut lines).await;
        assert_eq!(
            lines.shown.len(),
            120,
            "one line per second of the 2 minutes"
        );
        let first = lines.shown[0].0;
        for (index, (at, line)) in lines.shown.iter().enumerate() {
            let second = u64::try_from(index).expect("small");
            assert_eq!(*at - first, Duration::from_secs(second));
            let left = countdown(Duration::from_secs(120 - second));
            assert_eq!(
                line,
                &format!("attempt 1; next try in {left} (the host's activation interval)")
            );
        }
        assert_eq!(
            lines.shown[1].1,
            "attempt 1; next try in 1 min 59 s (the host's activation interval)"
        );
        assert_eq!(lines.clears, 1);
    }
}
