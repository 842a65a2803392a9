//! `ato` and `renew`: what a run reports ([`ActivationReport`] with vlmgr's own client,
//! [`SystemActivationReport`] with Windows' licensing service), its JSON document
//! ([`ActivationView`], made here and nowhere else) and slmgr's text.

use std::fmt::Write;
use std::time::Duration;

use serde::Serialize;

use super::report::NamedProduct;
use super::style::{Style, paint, sanitize};
use super::time::{duration_arg, iso8601, secs_rounded_up};
use super::view::{
    BackendView, HostView, LicenseStatusView, OutcomeView, ProductRef, ResponseView,
};
use crate::address::AddressOrigin;
use crate::client::{Candidate, millis};
use crate::exit_codes::Exit;
use crate::protocol::HResult;
use crate::spp::commands::{ActivationOutcome, ProductActivation};
use crate::spp::error::exit_code_for;
use crate::state::ActivationRecord;

/// What `ato` / `renew` did: the document and slmgr's text are made from it.
#[derive(Debug, Clone)]
pub(crate) struct ActivationReport {
    /// The product acted on.
    pub(crate) product: NamedProduct,
    /// KMS protocol major version used.
    pub(crate) protocol: u16,
    /// The product's activation threshold.
    pub(crate) n_policy: u32,
    /// The last attempt, as recorded; none when `renew` had nothing due.
    pub(crate) last: Option<LastAttempt>,
    /// Whether the product is activated after the run.
    pub(crate) activated: bool,
    /// slmgr's sentence: "Product activated successfully." or the error text.
    pub(crate) message: String,
    /// What to do next, when something went wrong.
    pub(crate) hint: Option<String>,
    /// The end of the licence in force after this run (Unix seconds): this attempt's,
    /// or an earlier activation's that still runs when this attempt failed.
    pub(crate) licensed_until: Option<u64>,
    /// When `renew` will next contact a host (Unix seconds).
    pub(crate) next_due: u64,
    /// How many attempts were made (more than one only with --wait).
    pub(crate) attempts: u32,
    /// Ctrl-C ended --wait.
    pub(crate) interrupted: bool,
    /// --wait: the try it planned but did not make.
    pub(crate) next_try: Option<NextTry>,
    /// A host answered but its answer could not be written to the state.
    pub(crate) not_recorded: Option<NotRecorded>,
    /// Wall time of the whole command.
    pub(crate) elapsed: Duration,
    /// The process exit code.
    pub(crate) exit_code: Exit,
    /// Lines printed on stderr with the text output (not in JSON).
    pub(crate) notes: Vec<String>,
    /// The text's first line, `Activating ...`, was printed when the run began (`--wait`:
    /// before its progress line), so the text layout leaves it out (not in JSON).
    pub(crate) heading_printed: bool,
}

/// What `ato` / `renew` did for each product it acted on (several with `all`, and for
/// `renew` without an Activation ID).
#[derive(Debug, Clone)]
pub struct ActivationRun {
    /// `ato` or `renew`.
    pub(crate) command: &'static str,
    /// The first product's report (there is always one).
    first: ActivationReport,
    /// The other products', in installation order.
    others: Vec<ActivationReport>,
}

impl ActivationRun {
    /// The run of `command` over `reports`, in installation order; none without a report.
    pub(crate) fn new(
        command: &'static str,
        reports: Vec<ActivationReport>,
    ) -> Option<ActivationRun> {
        let mut reports = reports.into_iter();
        let first = reports.next()?;
        Some(ActivationRun {
            command,
            first,
            others: reports.collect(),
        })
    }

    /// Every product's report, in installation order.
    pub(crate) fn products(&self) -> impl Iterator<Item = &ActivationReport> {
        std::iter::once(&self.first).chain(&self.others)
    }

    /// Whether it acted on more than one product.
    pub(crate) fn several(&self) -> bool {
        !self.others.is_empty()
    }

    /// The product whose result decides the exit code: the highest code (5 the state,
    /// 4 an invalid answer, 3 no host, 1 not activated, 0), the first of equals.
    pub(crate) fn worst(&self) -> &ActivationReport {
        self.others.iter().fold(&self.first, |worst, report| {
            if report.exit_code.code() > worst.exit_code.code() {
                report
            } else {
                worst
            }
        })
    }

    /// The process exit code: the worst product's.
    pub(crate) fn exit_code(&self) -> Exit {
        self.worst().exit_code
    }
}

/// What `ato` / `renew` did on Windows' licensing service (the system backend).
#[derive(Debug, Clone)]
pub struct SystemActivationReport {
    /// `ato` or `renew`.
    pub(crate) command: &'static str,
    /// The product, what became of it, and how it stands afterwards.
    pub(crate) activation: ProductActivation,
    /// When it was read afterwards (Unix seconds): `GracePeriodRemaining` counts from here.
    pub(crate) now: u64,
    /// slmgr's sentence: "Product activated successfully.", the error text, or why
    /// nothing was called.
    pub(crate) message: String,
    /// What to do next, when something went wrong.
    pub(crate) hint: Option<String>,
    /// How many times `Activate` was called (more than once only with --wait).
    pub(crate) attempts: u32,
    /// Ctrl-C ended --wait.
    pub(crate) interrupted: bool,
    /// --wait: the try it planned but did not make.
    pub(crate) next_try: Option<NextTry>,
    /// Wall time of the whole command.
    pub(crate) elapsed: Duration,
    /// The process exit code.
    pub(crate) exit_code: Exit,
    /// Lines printed on stderr with the text output (not in JSON).
    pub(crate) notes: Vec<String>,
}

impl SystemActivationReport {
    /// Whether `Activate` was called.
    pub(crate) fn contacted(&self) -> bool {
        !matches!(
            self.activation.outcome,
            ActivationOutcome::LeftAlone
                | ActivationOutcome::RenewsByItself
                | ActivationOutcome::TokenOnly
        )
    }

    /// Whether the run leaves the product activated: it activated it, or it was already
    /// and nothing was called.
    pub(crate) fn activated(&self) -> bool {
        matches!(
            self.activation.outcome,
            ActivationOutcome::Activated
                | ActivationOutcome::ExtendedGrace
                | ActivationOutcome::LeftAlone
                | ActivationOutcome::RenewsByItself
        )
    }
}

/// The last attempt of a run.
#[derive(Debug, Clone)]
pub(crate) struct LastAttempt {
    /// As written to the state (or as it would have been, when it could not be).
    pub(crate) record: ActivationRecord,
    /// Where the address of the record's host came from.
    pub(crate) address_origin: AddressOrigin,
    /// Every candidate that failed, in order, and why.
    pub(crate) failures: Vec<(Candidate, String)>,
}

/// The try `--wait` planned but did not make.
#[derive(Debug, Clone)]
pub(crate) struct NextTry {
    /// When it was due (Unix seconds).
    pub(crate) at: u64,
    /// From the end of the last attempt to it.
    pub(crate) after: Duration,
    pub(crate) reason: NextTryReasonView,
    /// It fell after the end of --wait (false: Ctrl-C came first).
    pub(crate) after_wait_end: bool,
    /// A --wait that reaches it, counted from the start of the command.
    pub(crate) wait_needed: Duration,
}

/// Why a host's answer was not written to the state.
#[derive(Debug, Clone)]
pub(crate) struct NotRecorded {
    /// "the host answered, but its answer was not recorded: <why>".
    pub(crate) message: String,
    /// What to do about it.
    pub(crate) hint: String,
}

/// `ato` / `renew`: the result of the product whose result decides the exit code, then
/// every product's (docs/json.md, "`ato` / `renew` over several products").
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct ActivationView {
    /// Which licensing the command acted on.
    pub(crate) backend: BackendView,
    /// `ato` or `renew`.
    pub(crate) command: &'static str,
    /// The worst product's result (the one with the highest exit code; the first of
    /// equals): with one product, that product's.
    #[serde(flatten)]
    pub(crate) result: ProductActivationView,
    /// Every product acted on, in installation order (one entry with one product).
    pub(crate) products: Vec<ProductActivationView>,
}

impl From<&ActivationRun> for ActivationView {
    fn from(run: &ActivationRun) -> Self {
        ActivationView {
            backend: BackendView::Standalone,
            command: run.command,
            result: ProductActivationView::from(run.worst()),
            products: run.products().map(ProductActivationView::from).collect(),
        }
    }
}

/// One product's result of `ato` / `renew`.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct ProductActivationView {
    /// The product acted on.
    pub(crate) product: ProductRef,
    /// Whether a host was contacted (`renew`: false when nothing was due); with the
    /// system backend, whether Windows' `Activate` was called.
    pub(crate) contacted: bool,
    pub(crate) activated: bool,
    /// The last attempt's outcome (null when nothing was due, or nothing was called).
    pub(crate) outcome: Option<OutcomeView>,
    /// The last attempt's HRESULT (0x00000000 on success).
    pub(crate) hresult: Option<HResult>,
    /// slmgr's sentence: "Product activated successfully." or the error text.
    pub(crate) message: String,
    /// What to do next, when something went wrong.
    pub(crate) hint: Option<String>,
    /// KMS protocol major version used; null with the system backend (Windows' own).
    pub(crate) protocol: Option<u16>,
    /// The product's activation threshold; null with the system backend (Windows does
    /// not expose it).
    pub(crate) n_policy: Option<u32>,
    /// The host that answered last (or the most specific failure's host); with the
    /// system backend, the host Windows recorded for the product afterwards.
    pub(crate) host: Option<HostView>,
    /// What the host answered; null with the system backend (Windows does not expose
    /// the host's answer).
    pub(crate) response: Option<ResponseView>,
    /// ISO 8601 UTC end of the licence in force after this run: this attempt's, or an
    /// earlier activation's that still runs when this attempt failed (null: none).
    pub(crate) licensed_until: Option<String>,
    /// ISO 8601 UTC time `renew` will next contact a host.
    pub(crate) next_due: Option<String>,
    /// Every candidate that failed during the last attempt, in order.
    pub(crate) failures: Vec<FailureView>,
    /// How many attempts were made (more than one only with --wait).
    pub(crate) attempts: u32,
    /// True when Ctrl-C ended --wait.
    pub(crate) interrupted: bool,
    /// --wait: the try it planned but did not make, because it fell after the end of
    /// --wait or Ctrl-C came first (null without --wait, once activated, or when Ctrl-C
    /// stopped an attempt under way).
    pub(crate) next_try: Option<NextTryView>,
    /// Set when a host answered but its answer could not be written to the state (exit
    /// code 5); the rest of the document is what the host answered.
    pub(crate) not_recorded: Option<NotRecordedView>,
    /// Wall time of the whole command.
    pub(crate) elapsed_ms: u64,
    /// The process exit code.
    pub(crate) exit_code: Exit,
    /// The system backend: how the product stands afterwards, as Windows reads it; null
    /// with the standalone backend.
    pub(crate) system: Option<ActivationSystemView>,
}

/// How a product stands after `ato` / `renew` on the system backend.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct ActivationSystemView {
    /// As `dli`'s `license_status`.
    pub(crate) license_status: LicenseStatusView,
    /// `LicenseStatus` as Windows numbers it (0 to 6).
    pub(crate) license_status_code: u32,
    /// `LicenseStatusReason`.
    pub(crate) license_status_reason: HResult,
    /// `GracePeriodRemaining`: minutes left of the activation or grace period.
    pub(crate) minutes_left: u32,
    /// `VLActivationInterval`: minutes between Windows' own tries while not activated.
    pub(crate) activation_interval_minutes: u32,
    /// `VLRenewalInterval`: minutes between Windows' own renewals.
    pub(crate) renewal_interval_minutes: u32,
}

impl From<&ActivationReport> for ProductActivationView {
    fn from(report: &ActivationReport) -> Self {
        let last = report.last.as_ref();
        let record = last.map(|last| &last.record);
        ProductActivationView {
            product: ProductRef::from(&report.product),
            contacted: last.is_some(),
            activated: report.activated,
            outcome: record.map(|r| r.outcome.into()),
            hresult: record.map(|r| r.hresult),
            message: report.message.clone(),
            hint: report.hint.clone(),
            protocol: Some(report.protocol),
            n_policy: Some(report.n_policy),
            host: last.and_then(|last| {
                let host = last.record.host.as_ref()?;
                Some(HostView::observed(host, Some(last.address_origin)))
            }),
            response: record.and_then(|r| r.response.as_ref().map(ResponseView::from)),
            licensed_until: report.licensed_until.map(iso8601),
            next_due: Some(iso8601(report.next_due)),
            failures: last.map_or_else(Vec::new, |last| {
                last.failures
                    .iter()
                    .map(|(candidate, error)| FailureView {
                        host: HostView::from(candidate),
                        error: error.clone(),
                    })
                    .collect()
            }),
            attempts: report.attempts,
            interrupted: report.interrupted,
            next_try: report.next_try.as_ref().map(NextTryView::from),
            not_recorded: report.not_recorded.as_ref().map(|not| NotRecordedView {
                message: not.message.clone(),
                hint: not.hint.clone(),
            }),
            elapsed_ms: millis(report.elapsed),
            exit_code: report.exit_code,
            system: None,
        }
    }
}

impl From<&SystemActivationReport> for ActivationView {
    /// The system backend acts on one product: it is the result and the one entry.
    fn from(report: &SystemActivationReport) -> Self {
        let result = ProductActivationView::from(report);
        ActivationView {
            backend: BackendView::System,
            command: report.command,
            products: vec![result.clone()],
            result,
        }
    }
}

impl From<&SystemActivationReport> for ProductActivationView {
    fn from(report: &SystemActivationReport) -> Self {
        let activation = &report.activation;
        let after = &activation.after;
        let licensed_for = (after.license_status == crate::spp::LicenseStatus::Licensed)
            .then_some(after.grace_minutes)
            .filter(|&minutes| minutes > 0);
        ProductActivationView {
            product: ProductRef {
                name: activation.product.name.clone(),
                activation_id: activation.product.id,
            },
            contacted: report.contacted(),
            activated: report.activated(),
            outcome: system_outcome(activation.outcome),
            hresult: report
                .contacted()
                .then(|| activation.outcome.hresult().unwrap_or(HResult::S_OK)),
            message: report.message.clone(),
            hint: report.hint.clone(),
            protocol: None,
            n_policy: None,
            host: HostView::windows_used(after),
            response: None,
            licensed_until: licensed_for
                .map(|minutes| iso8601(report.now.saturating_add(u64::from(minutes) * 60))),
            next_due: None,
            failures: Vec::new(),
            attempts: report.attempts,
            interrupted: report.interrupted,
            next_try: report.next_try.as_ref().map(NextTryView::from),
            not_recorded: None,
            elapsed_ms: millis(report.elapsed),
            exit_code: report.exit_code,
            system: Some(ActivationSystemView {
                license_status: after.license_status.into(),
                license_status_code: after.license_status.code(),
                license_status_reason: after.license_status_reason,
                minutes_left: after.grace_minutes,
                activation_interval_minutes: after.activation_interval_minutes,
                renewal_interval_minutes: after.renewal_interval_minutes,
            }),
        }
    }
}

/// A system backend outcome as the document's `outcome`: null when nothing was called.
fn system_outcome(outcome: ActivationOutcome) -> Option<OutcomeView> {
    match outcome {
        ActivationOutcome::Activated | ActivationOutcome::ExtendedGrace => {
            Some(OutcomeView::Activated)
        }
        ActivationOutcome::NotLicensed { .. } => Some(OutcomeView::NotLicensed),
        ActivationOutcome::Failed {
            hresult: HResult::COUNT_INSUFFICIENT,
        } => Some(OutcomeView::CountTooLow),
        ActivationOutcome::Failed { hresult } if exit_code_for(hresult, true) == Exit::NoHost => {
            Some(OutcomeView::Unreachable)
        }
        ActivationOutcome::Failed { .. } => Some(OutcomeView::HostError),
        ActivationOutcome::LeftAlone
        | ActivationOutcome::RenewsByItself
        | ActivationOutcome::TokenOnly => None,
    }
}

/// The try `--wait` planned but did not make.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct NextTryView {
    /// ISO 8601 UTC time it was due.
    pub(crate) at: String,
    /// Seconds from the end of the last attempt to it (rounded up).
    pub(crate) after_seconds: u64,
    /// Why it was due no sooner.
    pub(crate) reason: NextTryReasonView,
    /// True when it fell after the end of --wait (false: Ctrl-C came first).
    pub(crate) after_wait_end: bool,
    /// A --wait DURATION that reaches it, counted from the start of the command (e.g. "2h1m").
    pub(crate) wait_needed: String,
}

impl From<&NextTry> for NextTryView {
    fn from(next: &NextTry) -> Self {
        NextTryView {
            at: iso8601(next.at),
            after_seconds: secs_rounded_up(next.after),
            reason: next.reason,
            after_wait_end: next.after_wait_end,
            wait_needed: duration_arg(next.wait_needed),
        }
    }
}

/// Why the next try of `--wait` was due when it was (docs/activation.md; more reasons may
/// come).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub(crate) enum NextTryReasonView {
    /// The activation interval the host asked for (or the one recorded, when its answer
    /// carried none).
    HostActivationInterval,
    /// --retry-interval.
    RetryInterval,
    /// One minute, the least vlmgr leaves after an attempt that may have sent a request
    /// (the host asked for less).
    MinimumInterval,
    /// A host was reached without a valid answer: one minute, doubled each time up to the
    /// host's activation interval.
    NoValidAnswer,
    /// No host was reached: from one second, doubled each time up to a minute.
    NoHostReached,
}

/// Why a host's answer was not written to the state.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct NotRecordedView {
    /// "the host answered, but its answer was not recorded: <why>".
    pub(crate) message: String,
    /// What to do about it.
    pub(crate) hint: String,
}

/// One candidate that failed, and why.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub(crate) struct FailureView {
    /// The host tried, at the address that failed.
    pub(crate) host: HostView,
    pub(crate) error: String,
}

/// slmgr's first line for `ato`: `Activating <Name> (<Activation ID>) ...`.
pub(crate) fn heading(name: &str, activation_id: uuid::Uuid) -> String {
    format!("Activating {} ({activation_id}) ...\n", sanitize(name))
}

/// What a run adds on stderr after its reports (Ctrl-C, why `--wait` stopped): each
/// product's notes, named by the product when there are several.
pub(crate) fn notes(run: &ActivationRun) -> Vec<String> {
    run.products()
        .flat_map(|report| {
            report.notes.iter().map(move |note| {
                if run.several() {
                    format!("{}: {note}", report.product.name)
                } else {
                    note.clone()
                }
            })
        })
        .collect()
}

/// slmgr's text for `ato` on the system backend: "Activating <Name> (<Activation ID>)
/// ..." then the result, or only the sentence when nothing was called.
pub(crate) fn render_system_activation(
    out: &mut String,
    report: &SystemActivationReport,
    color: bool,
) {
    if !report.contacted() {
        let _ = writeln!(out, "{}", sanitize(&report.message));
        return;
    }
    let product = &report.activation.product;
    let _ = writeln!(
        out,
        "Activating {} ({}) ...",
        sanitize(&product.name),
        product.id
    );
    if report.activated() {
        let _ = writeln!(out, "{}", paint(&report.message, Style::Good, color));
        return;
    }
    let label = paint("Error:", Style::Bad, color);
    let _ = match report.activation.outcome.hresult() {
        Some(code) => writeln!(out, "{label} {code} {}", sanitize(&report.message)),
        None => writeln!(out, "{label} {}", sanitize(&report.message)),
    };
    if let Some(hint) = &report.hint {
        let _ = writeln!(out, "{}", sanitize(hint));
    }
}

/// slmgr's text for `ato`: "Activating <Name> (<Activation ID>) ..." then the result.
pub(crate) fn render_activation(out: &mut String, report: &ActivationReport, color: bool) {
    let Some(last) = &report.last else {
        let _ = writeln!(out, "{}", sanitize(&report.message));
        return;
    };
    if !report.heading_printed {
        out.push_str(&heading(&report.product.name, report.product.activation_id));
    }
    if report.activated {
        let _ = writeln!(out, "{}", paint(&report.message, Style::Good, color));
        return;
    }
    let label = paint("Error:", Style::Bad, color);
    let code = last.record.hresult;
    let _ = writeln!(out, "{label} {code} {}", sanitize(&report.message));
    if let Some(hint) = &report.hint {
        let _ = writeln!(out, "{}", sanitize(hint));
    }
}

/// What `-q` prints of a run, on stderr: its error and hint when the product was not
/// activated, and why a host's answer was not recorded; nothing for a success or a
/// `renew` with nothing due.
pub(crate) fn render_errors(report: &ActivationReport, color: bool) -> String {
    let mut out = String::new();
    let label = paint("Error:", Style::Bad, color);
    if let (Some(last), false) = (&report.last, report.activated) {
        let code = last.record.hresult;
        let _ = writeln!(out, "{label} {code} {}", sanitize(&report.message));
        if let Some(hint) = &report.hint {
            let _ = writeln!(out, "{}", sanitize(hint));
        }
    }
    if let Some(not_recorded) = &report.not_recorded {
        let _ = writeln!(out, "{label} {}", sanitize(&not_recorded.message));
        let _ = writeln!(out, "{}", sanitize(&not_recorded.hint));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spp::LicenseStatus;
    use crate::spp::commands::{ProductRef as SppProduct, Selection, keyed_selection};
    use crate::spp::model::Model;

    /// A report of `outcome` for the synthetic machine's Windows product, as it stands.
    fn report(outcome: ActivationOutcome, status: LicenseStatus) -> SystemActivationReport {
        let mut model = Model::synthetic_kms_client();
        let mut after = keyed_selection(&mut model, Selection::Default)
            .expect("Windows")
            .remove(0);
        after.license_status = status;
        after.license_status_reason = HResult(0xC004_F200);
        SystemActivationReport {
            command: "ato",
            activation: ProductActivation {
                product: SppProduct::from(&after),
                outcome,
                after,
            },
            now: 1_800_000_000,
            message: "Product activation failed".into(),
            hint: None,
            attempts: 1,
            interrupted: false,
            next_try: None,
            elapsed: Duration::ZERO,
            exit_code: outcome.exit_code(),
            notes: Vec::new(),
        }
    }

    #[test]
    fn activate_returning_without_a_license_is_not_licensed_with_its_reason() {
        let outcome = ActivationOutcome::NotLicensed {
            status: LicenseStatus::Notification,
            reason: HResult(0xC004_F200),
        };
        let report = report(outcome, LicenseStatus::Notification);
        let view = serde_json::to_value(ActivationView::from(&report)).expect("JSON");
        assert_eq!(view["outcome"], "not_licensed");
        assert_eq!(view["hresult"], "0xC004F200");
        assert_eq!(view["activated"], false);
        assert_eq!(view["licensed_until"], serde_json::Value::Null);
        assert_eq!(view["system"]["license_status"], "notification");
        assert_eq!(view["exit_code"], 1);
        let mut text = String::new();
        render_system_activation(&mut text, &report, false);
        assert!(
            text.ends_with("Error: 0xC004F200 Product activation failed\n"),
            "{text}"
        );
    }

    #[test]
    fn nothing_called_has_no_outcome_and_no_hresult() {
        let report = report(ActivationOutcome::RenewsByItself, LicenseStatus::Licensed);
        let view = serde_json::to_value(ActivationView::from(&report)).expect("JSON");
        assert_eq!(view["contacted"], false);
        assert_eq!(view["activated"], true);
        assert_eq!(view["outcome"], serde_json::Value::Null);
        assert_eq!(view["hresult"], serde_json::Value::Null);
        // Licensed, with GracePeriodRemaining (30 days here) left from when it was read.
        assert_eq!(view["licensed_until"], "2027-02-14T08:00:00Z");
    }
}
