//! What `ato` and `renew` report: slmgr's sentence, the hint, the exit code and the
//! host's answer, from the last attempt and what was recorded of it.

use std::time::{Duration, Instant};

use super::attempt::Attempt;
use super::schedule::{Planned, Reason};
use super::{Failure, Recording, Run};
use crate::address::{AddressOrigin, HostSource};
use crate::config::OutputFormat;
use crate::exit_codes::Exit;
use crate::output::activation::{
    ActivationReport, LastAttempt, NextTry, NextTryReasonView, NotRecorded,
};
use crate::output::report::NamedProduct;
use crate::output::time::{countdown, duration_arg, secs_rounded_up, text_datetime};
use crate::state::{ActivationRecord, AttemptOutcome};

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
        recording: &Recording,
        tries: Tries,
    ) -> ActivationReport {
        let plan = self.plan;
        let record = &recording.record;
        let activated = attempt.outcome == AttemptOutcome::Activated;
        let (message, hint) = self.message_and_hint(attempt);
        let next_try = tries
            .wait
            .and_then(|ending| ending.next_try.map(|planned| (ending.wait, planned)));
        let next_try_sentence =
            next_try.map(|(wait, planned)| next_try_sentence(wait, planned, record.at));
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
        // A licence from an earlier activation stays in force when this attempt failed.
        let licensed_until = recording.licensed_until.filter(|&until| until > record.at);
        let not_recorded = recording.write_failure.as_ref().map(not_recorded);
        let exit_code = match not_recorded {
            Some(_) => Exit::LocalState,
            None => exit_code(attempt.outcome),
        };
        ActivationReport {
            product: NamedProduct {
                name: plan.product.name.to_string(),
                activation_id: plan.installed.activation_id,
            },
            protocol: plan.version.major(),
            n_policy: plan.product.n_policy,
            last: Some(last_attempt(attempt, record)),
            activated,
            message,
            hint,
            licensed_until,
            next_due: recording.next_due,
            attempts: tries.count,
            interrupted: tries.interrupted,
            next_try: next_try.map(|(_, planned)| planned_try(planned, record.at)),
            not_recorded,
            elapsed: tries.started.elapsed(),
            exit_code,
            notes,
            heading_printed: self.heading_printed(tries),
        }
    }

    /// Whether [`Run::wait_loop`] printed the text's first line when it began.
    fn heading_printed(&self, tries: Tries) -> bool {
        tries.wait.is_some() && self.config.format == OutputFormat::Text
    }

    /// slmgr's sentence for the outcome, with what went wrong, and what to do about it.
    fn message_and_hint(&self, attempt: &Attempt) -> (String, Option<String>) {
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
                let (text, hint) = super::hints::failure_text_and_hint(self.plan, attempt);
                let detail = match (attempt.outcome, specific) {
                    (AttemptOutcome::CountTooLow, _) => attempt.answer.as_ref().map(|a| {
                        format!(
                            " (count {} of {} needed; answered by {}, {})",
                            a.response.count,
                            self.plan.product.n_policy,
                            a.candidate,
                            self.found_as(&a.candidate.source)
                        )
                    }),
                    (_, Some((c, e))) => Some(format!(" (last: {c}: {e})")),
                    _ => None,
                };
                (format!("{text}{}", detail.unwrap_or_default()), hint)
            }
        }
    }
}

impl Run<'_> {
    /// Where the host that answered came from, as an error names it.
    fn found_as(&self, source: &HostSource) -> String {
        match (source, self.plan.hosts.cached_domain.as_deref()) {
            (HostSource::Configured, _) => "the skms host".into(),
            (HostSource::CommandLine, _) => "given with --kms".into(),
            (HostSource::Cached, Some(domain)) => format!("the cached host, found in {domain}"),
            (HostSource::Cached, None) => "the cached host".into(),
            (HostSource::Dns { domain }, _) => format!("found in {domain}"),
        }
    }
}

/// The last attempt as reported: as recorded, with where its address came from and
/// every candidate that failed.
fn last_attempt(attempt: &Attempt, record: &ActivationRecord) -> LastAttempt {
    LastAttempt {
        record: record.clone(),
        address_origin: attempt
            .reported_candidate()
            .map_or(AddressOrigin::Literal, |candidate| candidate.origin),
        failures: attempt
            .failure
            .failures
            .iter()
            .map(|(candidate, error)| (candidate.clone(), error.to_string()))
            .collect(),
    }
}

/// A host's answer that the state could not take, and why.
fn not_recorded(failure: &Failure) -> NotRecorded {
    let error = failure.view();
    NotRecorded {
        message: format!(
            "the host answered, but its answer was not recorded: {}",
            error.message
        ),
        hint: error.hint,
    }
}

/// When the planned try was due (Unix seconds): its delay after the last attempt, which
/// ended at `last_at`.
fn due_at(planned: Planned, last_at: u64) -> u64 {
    last_at.saturating_add(secs_rounded_up(planned.next.delay))
}

/// The `--wait` that reaches the planned try, in whole minutes.
fn wait_needed(planned: Planned) -> Duration {
    let minutes = secs_rounded_up(planned.from_start).div_ceil(60).max(1);
    Duration::from_secs(minutes.saturating_mul(60))
}

/// What became of the planned try after the last attempt (ended at `last_at`), and what
/// to do to reach it.
pub(in crate::commands) fn next_try_sentence(
    wait: Duration,
    planned: Planned,
    last_at: u64,
) -> String {
    let when = format!(
        "due at {}, {} after the last attempt ({})",
        text_datetime(due_at(planned, last_at)),
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

/// The planned try as reported, the last attempt having ended at `last_at`.
pub(in crate::commands) fn planned_try(planned: Planned, last_at: u64) -> NextTry {
    NextTry {
        at: due_at(planned, last_at),
        after: planned.next.delay,
        reason: match planned.next.reason {
            Reason::HostInterval => NextTryReasonView::HostActivationInterval,
            Reason::RetryInterval => NextTryReasonView::RetryInterval,
            Reason::Minimum => NextTryReasonView::MinimumInterval,
            Reason::NoValidAnswer => NextTryReasonView::NoValidAnswer,
            Reason::NotConnected => NextTryReasonView::NoHostReached,
        },
        after_wait_end: planned.after_end,
        wait_needed: wait_needed(planned),
    }
}

/// The exit code of an attempt's outcome.
fn exit_code(outcome: AttemptOutcome) -> Exit {
    match outcome {
        AttemptOutcome::Activated => Exit::Success,
        AttemptOutcome::CountTooLow | AttemptOutcome::HostError => Exit::NotActivated,
        AttemptOutcome::Unreachable => Exit::NoHost,
        AttemptOutcome::InvalidResponse => Exit::InvalidResponse,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::activation::NextTryView;
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
            reach: None,
            in_a_row: 0,
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
            next_try_sentence(wait, planned(7200, Reason::HostInterval, true), record().at);
        assert_eq!(
            sentence,
            "The next try is due at 2024-06-01 14:00:00 UTC, 2 h after the last attempt (the \
             host's activation interval), after the end of --wait 30s: pass --wait 2h1m or \
             more to wait for it, or --retry-interval (1m or more) to try sooner."
        );
        let sentence = next_try_sentence(
            Duration::from_secs(600),
            planned(900, Reason::RetryInterval, true),
            record().at,
        );
        assert!(sentence.contains("15 min after the last attempt (--retry-interval)"));
        assert!(sentence.contains("--wait 10m: pass --wait 16m or more"));
        assert!(sentence.ends_with("or a shorter --retry-interval (1m or more)."));
        let sentence = next_try_sentence(wait, planned(4, Reason::NotConnected, true), record().at);
        assert!(
            sentence.ends_with("pass --wait 1m or more to wait for it."),
            "{sentence}"
        );
        let sentence =
            next_try_sentence(wait, planned(60, Reason::NoValidAnswer, false), record().at);
        assert!(sentence.starts_with("The next try was due at 2024-06-01 12:01:00 UTC"));
        assert!(sentence.contains("run ato --wait again"));
    }

    #[test]
    fn the_view_names_the_reason() {
        let view = NextTryView::from(&planned_try(
            planned(60, Reason::Minimum, true),
            record().at,
        ));
        assert_eq!(view.at, "2024-06-01T12:01:00Z");
        assert_eq!(view.after_seconds, 60);
        assert_eq!(view.reason, NextTryReasonView::MinimumInterval);
        assert!(view.after_wait_end);
        assert_eq!(view.wait_needed, "2m");
    }
}
