//! What `ato` and `renew` report: slmgr's sentence, the hint, the exit code and the
//! host's answer, from the last attempt and what was recorded of it.

use std::time::{Duration, Instant};

use super::Run;
use super::attempt::Attempt;
use super::schedule::Reason;
use super::wait::Planned;
use crate::client::millis;
use crate::exit_codes::ExitCode;
use crate::output::activation::{
    ActivationReport, AddressOriginView, FailureView, HostView, NextTryReasonView, NextTryView,
};
use crate::output::time::{countdown, duration_arg, iso8601, secs_rounded_up};
use crate::output::view::{ProductRef, ResponseView};
use crate::protocol::describe;
use crate::state::{ACTIVATION_VALIDITY_SECS, ActivationRecord, AttemptOutcome};

/// How the tries of a run went, beyond the last attempt.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tries {
    /// Attempts made (more than one only with `--wait`).
    pub(super) count: u32,
    /// Ctrl-C ended `--wait`.
    pub(super) interrupted: bool,
    /// When the command started.
    pub(super) started: Instant,
    /// `--wait`: how it ended (none for a single attempt).
    pub(super) wait: Option<WaitEnding>,
}

/// How `--wait` ended.
#[derive(Debug, Clone, Copy)]
pub(super) struct WaitEnding {
    /// The `--wait` given.
    pub(super) wait: Duration,
    /// The try it planned but did not make.
    pub(super) next_try: Option<Planned>,
}

impl Run<'_> {
    /// The report of a run whose last attempt is `attempt`, recorded as `record`.
    pub(super) fn report(
        &self,
        attempt: &Attempt,
        record: &ActivationRecord,
        tries: Tries,
    ) -> ActivationReport {
        let plan = self.plan;
        let activated = attempt.outcome == AttemptOutcome::Activated;
        let (message, hint) = self.message_and_hint(attempt);
        let next_try = tries
            .wait
            .and_then(|ending| ending.next_try.map(|planned| (ending.wait, planned)));
        let next_try_sentence =
            next_try.map(|(wait, planned)| next_try_sentence(wait, planned, record));
        let mut notes = Vec::new();
        if tries.interrupted {
            notes.push("interrupted: the last attempt's result is recorded".to_string());
        }
        // The count rises only as other clients ask: what --wait did about it is the hint;
        // for other outcomes the HRESULT's hint stays and the next try is a note.
        let hint = match (attempt.outcome, tries.wait, next_try_sentence) {
            (AttemptOutcome::CountTooLow, Some(_), Some(sentence)) => Some(format!(
                "The count rises as more clients ask the host. {sentence}"
            )),
            (AttemptOutcome::CountTooLow, Some(_), None) => Some(
                "The count rises as more clients ask the host: run ato --wait again to keep \
                 trying, or renew from cron or a timer, which tries again when due."
                    .to_string(),
            ),
            (_, _, Some(sentence)) => {
                notes.push(sentence);
                hint
            }
            (_, _, None) => hint,
        };
        let licensed_until = activated.then(|| record.at.saturating_add(ACTIVATION_VALIDITY_SECS));
        ActivationReport {
            command: self.command,
            product: ProductRef {
                name: plan.product.name.to_string(),
                activation_id: plan.installed.activation_id,
            },
            contacted: true,
            activated,
            outcome: Some(attempt.outcome.into()),
            hresult: Some(attempt.hresult),
            message,
            hint,
            protocol: plan.version.major(),
            n_policy: plan.product.n_policy,
            host: record.host.as_ref().map(|h| HostView {
                name: h.name.to_string(),
                port: h.port,
                ip: h.ip.to_string(),
                source: (&h.source).into(),
                address_origin: attempt
                    .reported_candidate()
                    .map_or(AddressOriginView::Literal, |candidate| {
                        candidate.origin.into()
                    }),
            }),
            response: attempt
                .answer
                .as_ref()
                .map(|answer| ResponseView::from(&answer.response)),
            licensed_until: licensed_until.map(iso8601),
            next_due: Some(iso8601(self.next_due(attempt, record))),
            failures: attempt
                .failure
                .failures
                .iter()
                .map(|(c, e)| FailureView {
                    host: c.to_string(),
                    error: e.to_string(),
                })
                .collect(),
            attempts: tries.count,
            interrupted: tries.interrupted,
            next_try: next_try.map(|(_, planned)| next_try_view(planned, record)),
            elapsed_ms: millis(tries.started.elapsed()),
            exit_code: exit_code(attempt.outcome),
            notes,
        }
    }

    /// slmgr's sentence for the outcome, with what went wrong, and what to do about it.
    fn message_and_hint(&self, attempt: &Attempt) -> (String, Option<String>) {
        let code = attempt.hresult;
        let info = describe(code);
        let specific = attempt.failure.most_specific();
        match attempt.outcome {
            AttemptOutcome::Activated => ("Product activated successfully.".to_string(), None),
            AttemptOutcome::InvalidResponse => (
                format!(
                    "The KMS host's response failed validation: {}",
                    specific.map_or_else(String::new, |(c, e)| format!("{c}: {e}"))
                ),
                Some(
                    "The host sent a damaged or forged answer: check the host (and anything \
                     between), or try another protocol version with --protocol."
                        .to_string(),
                ),
            ),
            _ => {
                let text = match (&attempt.locate_error, info) {
                    (Some(error), _) => error.to_string(),
                    (None, Some(info)) => info.text.to_string(),
                    (None, None) => format!("The KMS host answered with error {code}."),
                };
                let detail = match (attempt.outcome, specific) {
                    (AttemptOutcome::CountTooLow, _) => attempt.answer.as_ref().map(|a| {
                        format!(
                            " (count {} of {} needed)",
                            a.response.count, self.plan.product.n_policy
                        )
                    }),
                    (_, Some((c, e))) => Some(format!(" (last: {c}: {e})")),
                    _ => None,
                };
                (
                    format!("{text}{}", detail.unwrap_or_default()),
                    info.map(|i| i.hint.to_string()),
                )
            }
        }
    }

    /// When `renew` next contacts a host (Unix seconds): the host's renewal interval
    /// after a success, its activation interval otherwise.
    fn next_due(&self, attempt: &Attempt, record: &ActivationRecord) -> u64 {
        let activated = attempt.outcome == AttemptOutcome::Activated;
        let minutes = match (&attempt.answer, activated) {
            (Some(a), true) => a.response.renewal_interval_minutes,
            (Some(a), false) => a.response.activation_interval_minutes,
            (None, _) => self.plan.installed.activation_interval_minutes,
        };
        record.at.saturating_add(u64::from(minutes) * 60)
    }
}

/// When the planned try was due (Unix seconds): its delay after the recorded attempt.
fn due_at(planned: Planned, record: &ActivationRecord) -> u64 {
    record
        .at
        .saturating_add(secs_rounded_up(planned.next.delay))
}

/// The `--wait` that reaches the planned try, in whole minutes.
fn wait_needed(planned: Planned) -> Duration {
    let minutes = secs_rounded_up(planned.from_start).div_ceil(60).max(1);
    Duration::from_secs(minutes.saturating_mul(60))
}

/// What became of the planned try, and what to do to reach it.
fn next_try_sentence(wait: Duration, planned: Planned, record: &ActivationRecord) -> String {
    let when = format!(
        "due at {}, {} after the last attempt ({})",
        iso8601(due_at(planned, record)),
        countdown(planned.next.delay),
        planned.next.reason.explain()
    );
    if !planned.after_end {
        return format!(
            "The next try was {when}: run ato --wait again to keep trying, or renew from \
             cron or a timer, which tries again when due."
        );
    }
    let instead = match planned.next.reason {
        Reason::HostInterval => ", or --retry-interval (1m or more) to try sooner",
        Reason::RetryInterval => ", or a shorter --retry-interval (1m or more)",
        Reason::Minimum | Reason::NoValidAnswer | Reason::NotConnected => "",
    };
    format!(
        "The next try is {when}, after the end of --wait {}: pass --wait {} or more to wait \
         for it{instead}.",
        duration_arg(wait),
        duration_arg(wait_needed(planned))
    )
}

fn next_try_view(planned: Planned, record: &ActivationRecord) -> NextTryView {
    NextTryView {
        at: iso8601(due_at(planned, record)),
        after_seconds: secs_rounded_up(planned.next.delay),
        reason: match planned.next.reason {
            Reason::HostInterval => NextTryReasonView::HostActivationInterval,
            Reason::RetryInterval => NextTryReasonView::RetryInterval,
            Reason::Minimum => NextTryReasonView::MinimumInterval,
            Reason::NoValidAnswer => NextTryReasonView::NoValidAnswer,
            Reason::NotConnected => NextTryReasonView::NoHostReached,
        },
        after_wait_end: planned.after_end,
        wait_needed: duration_arg(wait_needed(planned)),
    }
}

/// The exit code of an attempt's outcome.
fn exit_code(outcome: AttemptOutcome) -> ExitCode {
    match outcome {
        AttemptOutcome::Activated => ExitCode::Success,
        AttemptOutcome::CountTooLow | AttemptOutcome::HostError => ExitCode::NotActivated,
        AttemptOutcome::Unreachable => ExitCode::NoHost,
        AttemptOutcome::InvalidResponse => ExitCode::InvalidResponse,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::HResult;
    use crate::state::AttemptOutcome;

    fn record() -> ActivationRecord {
        ActivationRecord {
            // 2024-06-01T12:00:00Z
            at: 1_717_243_200,
            outcome: AttemptOutcome::CountTooLow,
            hresult: HResult::COUNT_INSUFFICIENT,
            protocol: 6,
            host: None,
            response: None,
        }
    }

    fn planned(delay_secs: u64, reason: Reason, after_end: bool) -> Planned {
        Planned {
            next: super::super::schedule::NextTry {
                delay: Duration::from_secs(delay_secs),
                reason,
            },
            from_start: Duration::from_millis(delay_secs * 1000 + 40),
            after_end,
        }
    }

    #[test]
    fn the_sentence_says_when_why_and_what_to_pass() {
        let wait = Duration::from_secs(30);
        let sentence =
            next_try_sentence(wait, planned(7200, Reason::HostInterval, true), &record());
        assert_eq!(
            sentence,
            "The next try is due at 2024-06-01T14:00:00Z, 2 h after the last attempt (the \
             host's activation interval), after the end of --wait 30s: pass --wait 2h1m or \
             more to wait for it, or --retry-interval (1m or more) to try sooner."
        );
        let sentence = next_try_sentence(
            Duration::from_secs(600),
            planned(900, Reason::RetryInterval, true),
            &record(),
        );
        assert!(sentence.contains("15 min after the last attempt (--retry-interval)"));
        assert!(sentence.contains("--wait 10m: pass --wait 16m or more"));
        assert!(sentence.ends_with("or a shorter --retry-interval (1m or more)."));
        let sentence = next_try_sentence(wait, planned(4, Reason::NotConnected, true), &record());
        assert!(
            sentence.ends_with("pass --wait 1m or more to wait for it."),
            "{sentence}"
        );
        let sentence =
            next_try_sentence(wait, planned(60, Reason::NoValidAnswer, false), &record());
        assert!(sentence.starts_with("The next try was due at 2024-06-01T12:01:00Z"));
        assert!(sentence.contains("run ato --wait again"));
    }

    #[test]
    fn the_view_names_the_reason() {
        let view = next_try_view(planned(60, Reason::Minimum, true), &record());
        assert_eq!(view.at, "2024-06-01T12:01:00Z");
        assert_eq!(view.after_seconds, 60);
        assert_eq!(view.reason, NextTryReasonView::MinimumInterval);
        assert!(view.after_wait_end);
        assert_eq!(view.wait_needed, "2m");
    }
}
