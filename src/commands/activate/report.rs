//! What `ato` and `renew` report: slmgr's sentence, the hint, the exit code and the
//! host's answer, from the last attempt and what was recorded of it.

use std::time::Instant;

use super::Run;
use super::attempt::Attempt;
use crate::client::millis;
use crate::exit_codes::ExitCode;
use crate::output::activation::{ActivationReport, AddressOriginView, FailureView, HostView};
use crate::output::time::iso8601;
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
            elapsed_ms: millis(tries.started.elapsed()),
            exit_code: exit_code(attempt.outcome),
            notes: if tries.interrupted {
                vec!["interrupted: the last attempt's result is recorded".to_string()]
            } else {
                Vec::new()
            },
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

/// The exit code of an attempt's outcome.
fn exit_code(outcome: AttemptOutcome) -> ExitCode {
    match outcome {
        AttemptOutcome::Activated => ExitCode::Success,
        AttemptOutcome::CountTooLow | AttemptOutcome::HostError => ExitCode::NotActivated,
        AttemptOutcome::Unreachable => ExitCode::NoHost,
        AttemptOutcome::InvalidResponse => ExitCode::InvalidResponse,
    }
}
