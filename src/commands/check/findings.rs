//! What `check` finds, with severities, and the exit code they decide.

use std::time::Duration;

use crate::client::CheckOutcome;
use crate::exit_codes::Exit;
use crate::locator::LocateError;
use crate::output::report::{
    ActivationProbe, CheckFormat, CheckReport, DomainHealth, ExpiryHealth, Finding, FindingKind,
    HostHealth, ProbeFailure, Severity,
};
use crate::protocol::{HResult, describe};
use crate::state::{InstalledProduct, LicenseStatus, State};

use super::super::{Failure, ProcessExit, display_name, select_products};
use super::CheckOptions;

/// The worst severity among `findings`; OK when there is none.
pub(super) fn worst(findings: &[Finding]) -> Severity {
    findings
        .iter()
        .map(|f| f.severity)
        .max()
        .unwrap_or(Severity::Ok)
}

/// The one place check's exit code is decided. `--format nagios` follows the plugin
/// convention (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN); Prometheus output exits 0 (the
/// metrics carry the state, and a failing timer would drop the file). Otherwise: 0 all
/// OK; 3 when no published or configured host can be reached; 1 for any other warning or
/// critical finding.
pub(super) fn exit_status(report: &CheckReport) -> ProcessExit {
    let code = match report.format {
        CheckFormat::Nagios => return ProcessExit::Nagios(report.status),
        CheckFormat::Prometheus => Exit::Success,
        CheckFormat::Text | CheckFormat::Json => {
            let reachability_lost = report
                .findings
                .iter()
                .any(|f| f.severity >= Severity::Critical && f.kind.is_reachability());
            match report.status {
                Severity::Ok => Exit::Success,
                _ if reachability_lost => Exit::NoHost,
                _ => Exit::NotActivated,
            }
        }
    };
    ProcessExit::Code(code)
}

/// The check did not finish within `--timeout`.
pub(super) fn deadline(timeout: Duration) -> Finding {
    Finding {
        severity: Severity::Unknown,
        kind: FindingKind::Deadline,
        subject: "check".into(),
        message: format!(
            "the check did not finish within --timeout {timeout:?}; give it more time"
        ),
    }
}

/// No domain to search and no configured host.
pub(super) fn no_domain(error: &LocateError) -> Finding {
    Finding {
        severity: Severity::Critical,
        kind: FindingKind::NoSrvRecords,
        subject: "DNS".to_string(),
        message: format!("{} {error}", error.hresult()),
    }
}

/// A searched domain without usable SRV records is critical; so is one whose lookup
/// failed, told apart: "DNS is down" is not "the records are gone".
pub(super) fn domains(report: &mut CheckReport, domains: &[DomainHealth]) {
    for domain in domains {
        let Some(error) = &domain.error else {
            continue;
        };
        let searched = domain.searched.join(", ");
        if error.local_limit {
            // This machine could not ask: nothing is known of the domain, and DNS is not
            // to blame (docs/reliability.md, "Open files and sockets").
            report.findings.push(Finding {
                severity: Severity::Unknown,
                kind: FindingKind::LocalLimit,
                subject: domain.domain.clone(),
                message: format!(
                    "the SRV lookup could not be made (searched {searched}): {} {}",
                    error.hresult, error.message
                ),
            });
            continue;
        }
        let (kind, what) = if error.lookup_failed {
            (
                FindingKind::DnsFailure,
                format!(
                    "the SRV lookup failed (searched {searched}), so whether records exist is \
                     not known"
                ),
            )
        } else {
            (
                FindingKind::NoSrvRecords,
                format!("no usable _vlmcs._tcp SRV records (searched {searched})"),
            )
        };
        report.findings.push(Finding {
            severity: Severity::Critical,
            kind,
            subject: domain.domain.clone(),
            message: format!("{what}: {} {}", error.hresult, error.message),
        });
    }
}

/// A published host that does not resolve, connect or bind is a warning; critical when no
/// host works at all and every address was checked. A host with an address this run did
/// not check to the end (this machine's limit, or `--timeout`) is not called down: its
/// state is unknown ([`unchecked`]).
pub(super) fn hosts(report: &mut CheckReport) {
    let all_checked = report.hosts.iter().all(HostHealth::fully_checked);
    let severity = if report.hosts.iter().any(|h| h.works) || !all_checked {
        Severity::Warning
    } else {
        Severity::Critical
    };
    for host in report
        .hosts
        .iter()
        .filter(|h| !h.works && h.fully_checked())
    {
        report.findings.push(Finding {
            severity,
            kind: FindingKind::HostDown,
            subject: host.target.to_string(),
            message: format!("{} {}", host.target, why_down(host)),
        });
    }
    if report.hosts.is_empty() && report.findings.is_empty() {
        report.findings.push(Finding {
            severity: Severity::Critical,
            kind: FindingKind::NoHost,
            subject: "KMS".into(),
            message: "no KMS host is published or configured".into(),
        });
    }
}

/// The addresses of hosts not known to work that were not checked to the end: one
/// UNKNOWN finding for this machine's limit (no socket could be opened), one for
/// `--timeout` (too many addresses for the time). Never the hosts' fault.
pub(super) fn unchecked(report: &mut CheckReport, timeout: Duration) {
    let unknown: Vec<&CheckOutcome> = report
        .hosts
        .iter()
        .filter(|h| !h.works)
        .flat_map(|h| h.addresses.iter().map(|c| &c.outcome))
        .filter(|outcome| !outcome.speaks_for_the_host())
        .collect();
    let mut local: Vec<&str> = unknown
        .iter()
        .filter_map(|outcome| match outcome {
            CheckOutcome::LocalLimit { reason } => Some(reason.as_str()),
            _ => None,
        })
        .collect();
    // Hosts whose address lookup this machine could not make count the same way.
    local.extend(
        report
            .hosts
            .iter()
            .filter_map(|h| h.resolve_error.as_ref().filter(|e| e.local_limit))
            .map(|e| e.message.as_str()),
    );
    if let Some(reason) = local.first() {
        report.findings.push(Finding {
            severity: Severity::Unknown,
            kind: FindingKind::LocalLimit,
            subject: "this machine".into(),
            message: format!(
                "{} address(es) or name(s) could not be checked: this machine could not \
                 open a socket ({reason}); raise the open-file limit (ulimit -n)",
                local.len()
            ),
        });
    }
    let waiting = |started: bool| {
        unknown
            .iter()
            .filter(|o| matches!(o, CheckOutcome::Unfinished { started: s } if *s == started))
            .count()
    };
    let (cut, never) = (waiting(true), waiting(false));
    if cut + never > 0 {
        report.findings.push(Finding {
            severity: Severity::Unknown,
            kind: FindingKind::NotChecked,
            subject: "check".into(),
            message: format!(
                "{} address(es) were not checked to the end within --timeout {timeout:?} \
                 ({never} never got a turn); give the check more time",
                cut + never
            ),
        });
    }
}

/// Why a host does not work: its lookup, or each address's outcome.
fn why_down(host: &HostHealth) -> String {
    match (&host.resolve_error, host.addresses.as_slice()) {
        (Some(error), _) => format!("does not resolve: {} {}", error.hresult, error.message),
        (None, []) => "has no address".to_string(),
        (None, checks) => checks
            .iter()
            .map(|c| format!("{} {}", c.candidate.address(), outcome_words(&c.outcome)))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

fn outcome_words(outcome: &CheckOutcome) -> String {
    match outcome {
        CheckOutcome::Bound { syntax } => format!("binds ({})", syntax.name()),
        CheckOutcome::NoUsableContext => "answers the bind with no usable context".into(),
        CheckOutcome::BindRejected { reason } => format!("rejects the bind (reason {reason})"),
        CheckOutcome::ConnectFailed { reason } => format!("does not connect ({reason})"),
        CheckOutcome::TimedOut { stage } => format!("times out ({stage:?})").to_lowercase(),
        CheckOutcome::ProtocolError { reason } => format!("answers garbage ({reason})"),
        CheckOutcome::LocalLimit { reason } => format!("was not checked ({reason})"),
        CheckOutcome::Unfinished { .. } => "was not checked before --timeout".into(),
    }
}

/// `--activate`, once per host address: a count below the threshold is a warning; an
/// error HRESULT (or any failed request) is critical.
pub(super) fn activations(report: &mut CheckReport, threshold: u32) {
    let found: Vec<Finding> = report
        .hosts
        .iter()
        .filter_map(HostHealth::probe_named_first)
        .filter_map(|probe| activation(probe, threshold))
        .collect();
    report.findings.extend(found);
}

/// What one probe calls for, if anything.
fn activation(probe: &ActivationProbe, threshold: u32) -> Option<Finding> {
    let subject = probe
        .names
        .first()
        .map_or_else(|| probe.address.to_string(), |name| name.target.to_string());
    let who = probe_names(probe);
    let (severity, kind, message) = match &probe.answer {
        Ok(response) if response.count < threshold => (
            Severity::Warning,
            FindingKind::CountBelowThreshold,
            format!(
                "{who} counts {} client(s), below the threshold of {threshold}: clients get {} until it reaches {threshold}",
                response.count,
                HResult::COUNT_INSUFFICIENT
            ),
        ),
        Ok(_) => return None,
        Err(ProbeFailure {
            hresult: Some(code),
            ..
        }) => (
            Severity::Critical,
            FindingKind::HostError,
            format!(
                "{who} answers the activation request with {code} {}",
                describe(*code).map_or("(unknown error)", |info| info.text)
            ),
        ),
        Err(ProbeFailure { error, .. }) => (
            Severity::Critical,
            FindingKind::HostError,
            format!("{who} binds but its answer to the activation request failed: {error}"),
        ),
    };
    Some(Finding {
        severity,
        kind,
        subject,
        message,
    })
}

/// The names that led to a probed address, as findings say them: `kms.corp.test:1688`,
/// or `a:1688, b:1688 (both at 10.0.0.5:1688)`.
fn probe_names(probe: &ActivationProbe) -> String {
    match probe.names.as_slice() {
        [only] => only.target.to_string(),
        names => format!(
            "{} (all at {})",
            names
                .iter()
                .map(|name| name.target.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            probe.address
        ),
    }
}

/// `--expiry`: each installed product (or the one named) and how long its activation or
/// grace has left.
pub(super) fn expiry(
    report: &mut CheckReport,
    state: Option<&State>,
    now: u64,
    options: &CheckOptions,
) -> Result<(), Failure> {
    let Some(state) = state else {
        report.findings.push(Finding {
            severity: Severity::Critical,
            kind: FindingKind::Expiry,
            subject: "state".into(),
            message: "no product is installed, so nothing can expire: vlmgr ipk <GVLK>".into(),
        });
        return Ok(());
    };
    let products = match options.product.as_deref() {
        Some(query) => select_products(state, Some(query))?,
        None => state.products.iter().collect(),
    };
    for product in products {
        let health = expiry_health(product, now);
        if let Some(finding) = expiry_finding(&health, options) {
            report.findings.push(finding);
        }
        report.expiry.push(health);
    }
    Ok(())
}

fn expiry_health(product: &InstalledProduct, now: u64) -> ExpiryHealth {
    let status = product.status(now);
    let ends_at = match status {
        LicenseStatus::Licensed => product.licensed_until,
        LicenseStatus::InitialGrace => Some(product.grace_ends_at()),
        LicenseStatus::Notification => None,
    };
    ExpiryHealth {
        product: display_name(product),
        activation_id: product.activation_id,
        status,
        seconds_left: ends_at.map_or(0, |end| end.saturating_sub(now)),
    }
}

/// Notification is critical; an end within `--crit-days` critical, within `--warn-days`
/// a warning; grace is a warning until activated.
fn expiry_finding(health: &ExpiryHealth, options: &CheckOptions) -> Option<Finding> {
    let days_left = health.seconds_left / 86_400;
    let severity = match health.status {
        LicenseStatus::Notification => Severity::Critical,
        _ if days_left < u64::from(options.crit_days) => Severity::Critical,
        _ if days_left < u64::from(options.warn_days) => Severity::Warning,
        LicenseStatus::InitialGrace => Severity::Warning,
        LicenseStatus::Licensed => return None,
    };
    let name = &health.product;
    let message = match health.status {
        LicenseStatus::Notification => format!("{name} is not activated (notification)"),
        LicenseStatus::InitialGrace => {
            format!("{name} is not activated; its grace period ends in {days_left} day(s)")
        }
        LicenseStatus::Licensed => format!("{name}'s activation expires in {days_left} day(s)"),
    };
    Some(Finding {
        severity,
        kind: FindingKind::Expiry,
        subject: name.clone(),
        message,
    })
}
