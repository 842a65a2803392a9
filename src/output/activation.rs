//! The activation report of `ato` and `renew`: slmgr's text and the JSON document.

use std::fmt::Write;

use serde::Serialize;

use super::style::{Style, paint, sanitize};
use super::view::{HostSourceView, OutcomeView, ProductRef, ResponseView};
use crate::address::AddressOrigin;
use crate::exit_codes::ExitCode;
use crate::protocol::HResult;

/// What `ato` / `renew` did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ActivationReport {
    /// `ato` or `renew`.
    pub command: &'static str,
    /// The product acted on.
    pub product: ProductRef,
    /// `renew`: whether a host was contacted (false: nothing was due).
    pub contacted: bool,
    pub activated: bool,
    /// The last attempt's outcome (null when nothing was due).
    pub outcome: Option<OutcomeView>,
    /// The last attempt's HRESULT (0x00000000 on success).
    pub hresult: Option<HResult>,
    /// slmgr's sentence: "Product activated successfully." or the error text.
    pub message: String,
    /// What to do next, when something went wrong.
    pub hint: Option<String>,
    /// KMS protocol major version used.
    pub protocol: u16,
    /// The product's activation threshold.
    pub n_policy: u32,
    /// The host that answered last (or the most specific failure's host).
    pub host: Option<HostView>,
    /// What the host answered.
    pub response: Option<ResponseView>,
    /// ISO 8601 UTC end of the activation.
    pub licensed_until: Option<String>,
    /// ISO 8601 UTC time `renew` will next contact a host.
    pub next_due: Option<String>,
    /// Every candidate that failed during the last attempt, in order.
    pub failures: Vec<FailureView>,
    /// How many attempts were made (more than one only with --wait).
    pub attempts: u32,
    /// True when Ctrl-C ended --wait.
    pub interrupted: bool,
    /// --wait: the try it planned but did not make, because it fell after the end of
    /// --wait or Ctrl-C came first (null without --wait, once activated, or when Ctrl-C
    /// stopped an attempt under way).
    pub next_try: Option<NextTryView>,
    /// Wall time of the whole command.
    pub elapsed_ms: u64,
    /// The process exit code.
    pub exit_code: ExitCode,
    /// Lines printed on stderr with the text output (not in JSON).
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub notes: Vec<String>,
}

/// The host an attempt reached, as found and as connected.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HostView {
    pub name: String,
    pub port: u16,
    pub ip: String,
    pub source: HostSourceView,
    /// Where `ip` came from.
    pub address_origin: AddressOriginView,
}

/// Where the address connected to came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AddressOriginView {
    /// The host is an IP literal.
    Literal,
    /// Kept in the state from the host's last answer (no DNS needed).
    Known,
    /// The additional section of the SRV answer.
    SrvAnswer,
    /// An A or AAAA lookup in this run.
    Lookup,
}

impl From<AddressOrigin> for AddressOriginView {
    fn from(origin: AddressOrigin) -> Self {
        match origin {
            AddressOrigin::Literal => Self::Literal,
            AddressOrigin::Known => Self::Known,
            AddressOrigin::SrvAnswer => Self::SrvAnswer,
            AddressOrigin::Lookup => Self::Lookup,
        }
    }
}

/// The try `--wait` planned but did not make.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NextTryView {
    /// ISO 8601 UTC time it was due.
    pub at: String,
    /// Seconds from the end of the last attempt to it (rounded up).
    pub after_seconds: u64,
    /// Why it was due no sooner.
    pub reason: NextTryReasonView,
    /// True when it fell after the end of --wait (false: Ctrl-C came first).
    pub after_wait_end: bool,
    /// A --wait DURATION that reaches it, counted from the start of the command (e.g. "2h1m").
    pub wait_needed: String,
}

/// Why the next try of `--wait` was due when it was (docs/activation.md; more reasons may
/// come).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum NextTryReasonView {
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

/// One candidate that failed, and why.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FailureView {
    pub host: String,
    pub error: String,
}

/// slmgr's text for `ato`: "Activating <Name> (<Activation ID>) ..." then the result.
pub fn render_activation(out: &mut String, report: &ActivationReport, color: bool) {
    if !report.contacted {
        let _ = writeln!(out, "{}", sanitize(&report.message));
        return;
    }
    let _ = writeln!(
        out,
        "Activating {} ({}) ...",
        sanitize(&report.product.name),
        report.product.activation_id
    );
    if report.activated {
        let _ = writeln!(out, "{}", paint(&report.message, Style::Good, color));
        return;
    }
    let label = paint("Error:", Style::Bad, color);
    match &report.hresult {
        Some(code) => {
            let _ = writeln!(out, "{label} {code} {}", sanitize(&report.message));
        }
        None => {
            let _ = writeln!(out, "{label} {}", sanitize(&report.message));
        }
    }
    if let Some(hint) = &report.hint {
        let _ = writeln!(out, "{}", sanitize(hint));
    }
}
