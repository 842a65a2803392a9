//! `check`: KMS health for monitoring. Discovery as the locator does it, then every
//! published address is connected to and RPC-bound concurrently; optionally one
//! activation request (`--activate`) and the local expiry (`--expiry`). Findings carry
//! severities; the output layer renders them as text, JSON, Nagios or Prometheus.

use std::time::{Duration, Instant};

use crate::address::{HostPort, HostSource, KmsAddress};
use crate::client::{
    AddressCheck, AttemptError, Candidate, Narration, Timing, check_addresses, race,
};
use crate::config::Config;
use crate::exit_codes::ExitCode;
use crate::locator::{
    DEFAULT_DNS_TIMEOUT, DnsSettings, LocateError, Locator, ReportedError, ResolvedTarget,
    SearchDomain, SrvOrder, command_line_domains, search_domains,
};
use crate::output::report::{
    ActivationProbe, CheckFormat, CheckReport, DomainHealth, ExpiryHealth, Finding, FindingKind,
    HostHealth, ProbeFailure, Severity,
};
use crate::output::{Report, narrator};
use crate::state::{LicenseStatus, State, StateStore};

use super::activate::{Plan, prepare};
use super::{
    ActivateOptions, Completed, Failure, candidates_of, display_name, select_default,
    select_installed,
};

/// At most this long for connect + bind of one address.
const CHECK_TIMEOUT: Duration = Duration::from_secs(5);

/// `check` options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckOptions {
    pub domains: Vec<String>,
    pub activate: bool,
    pub product: Option<String>,
    pub expiry: bool,
    pub warn_days: u32,
    pub crit_days: u32,
    pub format: CheckFormat,
}

pub fn check(
    config: &Config,
    store: &StateStore,
    now: u64,
    options: CheckOptions,
) -> Result<Completed, Failure> {
    if options.crit_days > options.warn_days {
        return Err(Failure::Usage(format!(
            "--crit-days ({}) must not be more than --warn-days ({})",
            options.crit_days, options.warn_days
        )));
    }
    let state = store.load()?;
    // The request --activate sends: the same as `ato` for the product, same CMID.
    let narrator = narrator(config);
    let request = if options.activate {
        let activate = ActivateOptions {
            product: options.product.clone(),
            ..ActivateOptions::default()
        };
        Some(prepare(store, &activate, &narrator)?)
    } else {
        None
    };
    let mut report = CheckReport {
        format: options.format,
        status: Severity::Ok,
        activation_requests_sent: false,
        domains: Vec::new(),
        hosts: Vec::new(),
        expiry: Vec::new(),
        findings: Vec::new(),
    };

    if options.expiry {
        check_expiry(&mut report, state.as_ref(), now, &options)?;
    }

    let settings = DnsSettings {
        servers: config.dns_servers.clone(),
        timeout: DEFAULT_DNS_TIMEOUT.min(config.timeout),
        resolv_conf: config.resolv_conf.clone(),
    };
    let (lookup_domain, configured) = configured_host(state.as_ref());
    let walks: Vec<Vec<SearchDomain>> = if options.domains.is_empty() {
        match search_domains(lookup_domain.as_deref(), &settings) {
            Ok(domains) => vec![domains],
            Err(error) => {
                // With a configured host there is still something to check.
                if configured.is_none() {
                    report.findings.push(locate_finding(&error, "DNS"));
                }
                Vec::new()
            }
        }
    } else {
        command_line_domains(&options.domains)?
            .into_iter()
            .map(|domain| vec![domain])
            .collect()
    };
    let locator = Locator::new(&settings)?;
    let runtime = super::runtime()?;
    let deadline = Instant::now() + config.timeout;
    let finished = runtime.block_on(async {
        tokio::time::timeout(config.timeout, async {
            let mut targets: Vec<(HostSource, ResolvedTarget)> = Vec::new();
            if let Some(configured) = &configured {
                let resolved = match locator.addresses(&configured.host.to_string()).await {
                    Ok(addresses) => ResolvedTarget {
                        target: configured.clone(),
                        addresses,
                        error: None,
                        // Looked up before any SRV query of this run.
                        from_srv_answer: false,
                    },
                    Err(error) => ResolvedTarget {
                        target: configured.clone(),
                        addresses: Vec::new(),
                        error: Some(ReportedError::from(&error)),
                        from_srv_answer: false,
                    },
                };
                targets.push((HostSource::Configured, resolved));
            }
            let mut domains = Vec::new();
            for walk in &walks {
                let discovery = locator
                    .report(walk, SrvOrder::Rfc2782, &mut rand::rng())
                    .await;
                let name = discovery
                    .found_domain
                    .as_ref()
                    .or(walk.first())
                    .map_or_else(String::new, |d| d.name.clone());
                for target in &discovery.targets {
                    let source = HostSource::Dns {
                        domain: name.clone(),
                    };
                    targets.push((source, target.clone()));
                }
                domains.push(DomainHealth {
                    domain: name,
                    searched: walk.iter().map(|d| d.name.clone()).collect(),
                    records: discovery.ordered.len(),
                    error: discovery.error.clone(),
                });
            }
            let candidates: Vec<Candidate> = targets
                .iter()
                .flat_map(|(source, target)| candidates_of(target, source))
                .collect();
            let checks = check_addresses(&candidates, CHECK_TIMEOUT.min(config.timeout)).await;
            let mut probes = Vec::new();
            if let Some(plan) = &request {
                probes = activation_probes(&targets, &checks, plan, deadline, &narrator).await;
            }
            (domains, targets, checks, probes)
        })
        .await
    });
    match finished {
        Ok((domains, targets, checks, probes)) => {
            report.activation_requests_sent = request.is_some();
            for domain in &domains {
                if let Some(error) = &domain.error {
                    report.findings.push(Finding {
                        severity: Severity::Critical,
                        kind: FindingKind::NoSrvRecords,
                        subject: domain.domain.clone(),
                        message: format!(
                            "no usable _vlmcs._tcp SRV records (searched {}): {} {}",
                            domain.searched.join(", "),
                            error.hresult,
                            error.message
                        ),
                    });
                }
            }
            report.domains = domains;
            for (source, target) in targets {
                let addresses: Vec<_> = checks
                    .iter()
                    .filter(|c| c.candidate.target == target.target && c.candidate.source == source)
                    .cloned()
                    .collect();
                let works = addresses.iter().any(|c| c.outcome.is_bound());
                let activation = probes
                    .iter()
                    .find(|(probed, _)| *probed == target.target)
                    .map(|(_, probe)| probe.clone());
                report.hosts.push(HostHealth {
                    source,
                    target: target.target,
                    resolve_error: target.error,
                    works,
                    addresses,
                    activation,
                });
            }
            host_findings(&mut report);
            if let Some(plan) = &request {
                activation_findings(&mut report, plan.product.n_policy);
            }
        }
        Err(_) => report.findings.push(Finding {
            severity: Severity::Unknown,
            kind: FindingKind::Deadline,
            subject: "check".into(),
            message: format!(
                "the check did not finish within --timeout {:?}; give it more time",
                config.timeout
            ),
        }),
    }
    report.status = report
        .findings
        .iter()
        .map(|f| f.severity)
        .max()
        .unwrap_or(Severity::Ok);
    let exit = exit_code(&report);
    Ok(Completed {
        report: Report::Check(Box::new(report)),
        exit,
    })
}

/// One activation request to the first bound address of every working host, each on
/// its own (a host is asked once; the answers are not recorded in the state).
async fn activation_probes(
    targets: &[(HostSource, ResolvedTarget)],
    checks: &[AddressCheck],
    plan: &Plan,
    deadline: Instant,
    narrator: &Narration,
) -> Vec<(HostPort, ActivationProbe)> {
    let mut probes = Vec::new();
    for (source, target) in targets {
        let Some(bound) = checks.iter().find(|c| {
            c.candidate.target == target.target
                && c.candidate.source == *source
                && c.outcome.is_bound()
        }) else {
            continue;
        };
        let candidate = bound.candidate.clone();
        let answer = match race(
            &[candidate],
            &plan.request,
            Timing::until(deadline),
            narrator,
        )
        .await
        {
            Ok(answer) => Ok(answer.response),
            Err(failure) => Err(match failure.most_specific() {
                Some((_, AttemptError::HostError(code))) => ProbeFailure {
                    hresult: Some(*code),
                    error: code.to_string(),
                },
                Some((_, other)) => ProbeFailure {
                    hresult: None,
                    error: other.to_string(),
                },
                None => ProbeFailure {
                    hresult: None,
                    error: "no attempt was made before the deadline".to_string(),
                },
            }),
        };
        let probe = ActivationProbe {
            address: bound.candidate.address(),
            threshold: plan.product.n_policy,
            answer,
        };
        probes.push((target.target.clone(), probe));
    }
    probes
}

/// Count below threshold: warning; an error HRESULT (or any failed request): critical.
fn activation_findings(report: &mut CheckReport, threshold: u32) {
    for host in &report.hosts {
        let Some(probe) = &host.activation else {
            continue;
        };
        let subject = host.target.to_string();
        match &probe.answer {
            Ok(response) if response.count < threshold => report.findings.push(Finding {
                severity: Severity::Warning,
                kind: FindingKind::CountBelowThreshold,
                subject: subject.clone(),
                message: format!(
                    "{subject} counts {} client(s), below the threshold of {threshold}: clients get 0xC004F038 until it reaches {threshold}",
                    response.count
                ),
            }),
            Ok(_) => {}
            Err(ProbeFailure {
                hresult: Some(code),
                ..
            }) => report.findings.push(Finding {
                severity: Severity::Critical,
                kind: FindingKind::HostError,
                subject: subject.clone(),
                message: format!(
                    "{subject} answers the activation request with {code} {}",
                    crate::protocol::describe(*code).map_or("(unknown error)", |info| info.text)
                ),
            }),
            Err(ProbeFailure {
                hresult: None,
                error,
            }) => report.findings.push(Finding {
                severity: Severity::Critical,
                kind: FindingKind::HostError,
                subject: subject.clone(),
                message: format!(
                    "{subject} binds but its answer to the activation request failed: {error}"
                ),
            }),
        }
    }
}

/// The skms host in force for the default product (or the global one), and the lookup
/// domain likewise.
fn configured_host(state: Option<&State>) -> (Option<String>, Option<HostPort>) {
    let Some(state) = state else {
        return (None, None);
    };
    let (domain, address) = match select_default(state) {
        Ok(product) => (
            state.lookup_domain_for(product).map(str::to_string),
            state.kms_host_for(product).cloned(),
        ),
        Err(_) => (
            state.settings.lookup_domain.clone(),
            state.settings.kms_host.clone(),
        ),
    };
    (domain, address.as_ref().and_then(KmsAddress::host_port))
}

fn locate_finding(error: &LocateError, subject: &str) -> Finding {
    Finding {
        severity: Severity::Critical,
        kind: FindingKind::NoSrvRecords,
        subject: subject.to_string(),
        message: format!("{} {error}", error.hresult()),
    }
}

/// A published host that does not resolve, connect or bind is a warning; critical when no
/// host works at all.
fn host_findings(report: &mut CheckReport) {
    let any_works = report.hosts.iter().any(|h| h.works);
    for host in &report.hosts {
        if host.works {
            continue;
        }
        let why = match (&host.resolve_error, host.addresses.as_slice()) {
            (Some(error), _) => format!("does not resolve: {} {}", error.hresult, error.message),
            (None, []) => "has no address".to_string(),
            (None, checks) => checks
                .iter()
                .map(|c| format!("{} {}", c.candidate.address(), outcome_words(&c.outcome)))
                .collect::<Vec<_>>()
                .join("; "),
        };
        report.findings.push(Finding {
            severity: if any_works {
                Severity::Warning
            } else {
                Severity::Critical
            },
            kind: FindingKind::HostDown,
            subject: host.target.to_string(),
            message: format!("{} {why}", host.target),
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

fn outcome_words(outcome: &crate::client::CheckOutcome) -> String {
    use crate::client::CheckOutcome::*;
    match outcome {
        Bound { syntax } => format!("binds ({})", syntax.name()),
        NoUsableContext => "answers the bind with no usable context".into(),
        BindRejected { reason } => format!("rejects the bind (reason {reason})"),
        ConnectFailed { reason } => format!("does not connect ({reason})"),
        TimedOut { stage } => format!("times out ({stage:?})").to_lowercase(),
        ProtocolError { reason } => format!("answers garbage ({reason})"),
    }
}

fn check_expiry(
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
    let products = match &options.product {
        Some(query) => vec![select_installed(state, Some(query))?],
        None => state.products.iter().collect(),
    };
    for product in products {
        let status = product.status(now);
        let ends_at = match status {
            LicenseStatus::Licensed => product.licensed_until,
            LicenseStatus::InitialGrace => Some(product.grace_ends_at()),
            LicenseStatus::Notification => None,
        };
        let seconds_left = ends_at.map_or(0, |end| end.saturating_sub(now));
        let days_left = seconds_left / 86_400;
        let name = display_name(product);
        let severity = match status {
            LicenseStatus::Notification => Severity::Critical,
            _ if days_left < u64::from(options.crit_days) => Severity::Critical,
            _ if days_left < u64::from(options.warn_days) => Severity::Warning,
            // Grace is not an activation: it is a warning until activated.
            LicenseStatus::InitialGrace => Severity::Warning,
            LicenseStatus::Licensed => Severity::Ok,
        };
        if severity != Severity::Ok {
            let message = match status {
                LicenseStatus::Notification => format!("{name} is not activated (notification)"),
                LicenseStatus::InitialGrace => {
                    format!("{name} is not activated; its grace period ends in {days_left} day(s)")
                }
                LicenseStatus::Licensed => {
                    format!("{name}'s activation expires in {days_left} day(s)")
                }
            };
            report.findings.push(Finding {
                severity,
                kind: FindingKind::Expiry,
                subject: name.clone(),
                message,
            });
        }
        report.expiry.push(ExpiryHealth {
            product: name,
            activation_id: product.activation_id,
            status,
            seconds_left,
        });
    }
    Ok(())
}

/// vlmgr's exit code for the check (`--format nagios` replaces it with the plugin
/// convention, see [`Completed::process_exit_code`]): 0 all OK; 3 when no published or
/// configured host works; 1 for any other warning or critical finding. Prometheus output
/// exits 0: the metrics carry the state, and a failing timer would drop the file.
fn exit_code(report: &CheckReport) -> ExitCode {
    match report.format {
        CheckFormat::Prometheus | CheckFormat::Nagios => ExitCode::Success,
        CheckFormat::Text | CheckFormat::Json => {
            let reachability_lost = report
                .findings
                .iter()
                .any(|f| f.severity >= Severity::Critical && f.kind.is_reachability());
            match report.status {
                Severity::Ok => ExitCode::Success,
                _ if reachability_lost => ExitCode::NoHost,
                _ => ExitCode::NotActivated,
            }
        }
    }
}
