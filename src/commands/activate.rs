//! `ato` and `renew`: locate a host, send the request, record what happened.
//!
//! The state lock is taken only to read at the start and to record each attempt at the
//! end (`StateStore::update`), never across network I/O.

use std::net::IpAddr;
use std::time::{Duration, Instant};

use rand::Rng;
use uuid::Uuid;

use super::{
    ActivateOptions, Completed, Failure, catalog_entry, load_for_product, select_installed,
    unix_now,
};
use crate::address::{Host, KmsAddress};
use crate::catalog::Product;
use crate::client::machine::{is_virtual_machine, machine_name};
use crate::client::{
    Answer, AttemptError, Candidate, FailureClass, Narrator, RaceFailure, RequestSpec, Timing,
    millis, race,
};
use crate::config::{Config, Verbosity};
use crate::exit_codes::ExitCode;
use crate::locator::{
    DEFAULT_DNS_TIMEOUT, DnsSettings, HostPlan, LocateError, Locator, SrvOrder, Target, host_plan,
    search_domains,
};
use crate::output::Report;
use crate::output::activation::{ActivationReport, FailureView, HostView, ResponseView};
use crate::output::report::ProductRef;
use crate::output::time::iso8601;
use crate::protocol::kms::{ProtocolVersion, RequestBase, WorkstationName};
use crate::protocol::{FileTime, HResult, describe};
use crate::state::{
    ACTIVATION_VALIDITY_SECS, ActivationRecord, AttemptOutcome, HostPort, HostSource,
    InstalledProduct, ObservedHost, ObservedResponse, State, StateStore,
};

/// Longest wait between two tries while no host can be reached (--wait).
const MAX_BACKOFF: Duration = Duration::from_secs(60);
/// First wait after an unreachable try (--wait), doubled each time.
const FIRST_BACKOFF: Duration = Duration::from_secs(1);

/// Everything fixed for the run: what to send and where to look.
pub(super) struct Plan {
    installed: InstalledProduct,
    pub(super) product: &'static Product,
    version: ProtocolVersion,
    pub(super) request: RequestSpec,
    host_plan: HostPlan,
    /// The source recorded for a configured host (`skms` or `--kms`).
    configured_source: HostSource,
    /// A port given without a host (`skms :1700`), applied to discovered hosts.
    port_override: Option<u16>,
    lookup_domain: Option<String>,
    host_caching: bool,
    srv_order: SrvOrder,
}

/// The result of one attempt, before it is recorded.
struct Attempt {
    outcome: AttemptOutcome,
    hresult: u32,
    answer: Option<Answer>,
    failure: RaceFailure,
    /// A DNS failure that left nothing to try.
    locate_error: Option<LocateError>,
}

/// `ato`.
pub fn activate(
    config: &Config,
    store: &StateStore,
    options: &ActivateOptions,
) -> Result<Completed, Failure> {
    let narrator = Narrator::new(config.verbosity >= Verbosity::Verbose)
        .with_trace(config.verbosity >= Verbosity::Trace);
    let plan = prepare(store, options, narrator)?;
    run_plan(config, store, &plan, options, narrator, "ato")
}

/// `renew`: activates only when the renewal (after success) or retry (after failure)
/// interval has elapsed.
pub fn renew(
    config: &Config,
    store: &StateStore,
    product: Option<&str>,
) -> Result<Completed, Failure> {
    let narrator = Narrator::new(config.verbosity >= Verbosity::Verbose)
        .with_trace(config.verbosity >= Verbosity::Trace);
    let options = ActivateOptions {
        product: product.map(str::to_string),
        ..ActivateOptions::default()
    };
    let plan = prepare(store, &options, narrator)?;
    let now = unix_now();
    if let Some(due) = plan.installed.next_due().filter(|&due| due > now) {
        let name = plan.product.name.to_string();
        let licensed_until = plan.installed.licensed_until.filter(|&t| t > now);
        let message = match licensed_until {
            Some(until) => format!(
                "{name} is activated until {}; renewal is not due until {} (nothing sent).",
                iso8601(until),
                iso8601(due)
            ),
            None => format!(
                "{name}: the next activation attempt is not due until {} (nothing sent).",
                iso8601(due)
            ),
        };
        let report = ActivationReport {
            command: "renew",
            product: ProductRef {
                name,
                activation_id: plan.installed.activation_id,
            },
            contacted: false,
            activated: licensed_until.is_some(),
            outcome: None,
            hresult: None,
            message,
            hint: None,
            protocol: plan.version.major(),
            n_policy: plan.product.n_policy,
            host: None,
            response: None,
            licensed_until: licensed_until.map(iso8601),
            next_due: Some(iso8601(due)),
            failures: Vec::new(),
            attempts: 0,
            interrupted: false,
            elapsed_ms: 0,
            exit_code: ExitCode::Success,
            notes: Vec::new(),
        };
        return Ok(Completed {
            report: Report::Activation(Box::new(report)),
            exit: ExitCode::Success,
        });
    }
    run_plan(config, store, &plan, &options, narrator, "renew")
}

fn host_text(host: &Host) -> String {
    match host {
        Host::Name(name) => name.clone(),
        Host::Ip(ip) => ip.to_string(),
    }
}

/// Reads the state once and fixes what the run sends and where it looks.
/// What `ato` would send for the product, and where it would look (also used by
/// `check --activate`).
pub(super) fn prepare(
    store: &StateStore,
    options: &ActivateOptions,
    narrator: Narrator,
) -> Result<Plan, Failure> {
    let now = unix_now();
    let state: State = load_for_product(store, options.product.as_deref())?;
    let installed = select_installed(&state, options.product.as_deref())?.clone();
    let product = catalog_entry(&installed).ok_or(Failure::NotInCatalog {
        activation_id: installed.activation_id,
    })?;
    let protocol = options.protocol.unwrap_or(product.protocol);
    let version = ProtocolVersion::try_from(protocol)
        .map_err(|_| Failure::UnsupportedProtocol { protocol })?;

    let machine = machine_name();
    if let Some(full) = &machine.truncated_from {
        narrator.say(format_args!(
            "machine name {full:?} is longer than 63 UTF-16 units; sending {:?}",
            machine.name
        ));
    }
    let workstation_name =
        WorkstationName::new(&machine.name).map_err(|e| Failure::MachineName {
            reason: e.to_string(),
        })?;
    let vm_info = is_virtual_machine();
    let status = installed.status(now);
    narrator.say(format_args!(
        "request: {} protocol {version}, N_Policy {}, CMID {}, name {:?}, status {} ({} minutes left), VM {vm_info}",
        product.name,
        product.n_policy,
        state.cmid,
        machine.name,
        status.slmgr_text(),
        installed.minutes_left(now)
    ));
    let base = RequestBase {
        version,
        vm_info,
        license_status: status.request_code(),
        binding_expiration_minutes: installed.minutes_left(now),
        application_id: product.application_id,
        activation_id: product.activation_id,
        kms_counted_id: product.kms_counted_id,
        cmid: state.cmid,
        n_policy: product.n_policy,
        client_time: FileTime::default(),
        previous_cmid: Uuid::nil(),
        workstation_name,
    };

    // --kms wins over skms for this run; a port alone applies to whatever host is found.
    let (configured, configured_source, port_override) = match &options.kms {
        Some(KmsAddress {
            host: Some(host),
            port,
        }) => (
            Some(Target::new(host_text(host), *port)),
            HostSource::CommandLine,
            None,
        ),
        Some(KmsAddress { host: None, port }) => (None, HostSource::CommandLine, Some(*port)),
        None => match state.kms_host_for(&installed) {
            Some(KmsAddress {
                host: Some(host),
                port,
            }) => (
                Some(Target::new(host_text(host), *port)),
                HostSource::Configured,
                None,
            ),
            Some(KmsAddress { host: None, port }) => (None, HostSource::Configured, Some(*port)),
            None => (None, HostSource::Configured, None),
        },
    };
    let cached = installed
        .cached_host
        .as_ref()
        .map(|c| Target::new(host_text(&c.host), c.port));
    let host_caching = state.settings.host_caching;
    let plan = host_plan(configured, host_caching, cached);
    let lookup_domain = state.lookup_domain_for(&installed).map(str::to_string);
    Ok(Plan {
        installed,
        product,
        version,
        request: RequestSpec { base },
        host_plan: plan,
        configured_source,
        port_override,
        lookup_domain,
        host_caching,
        srv_order: options.srv_order,
    })
}

fn run_plan(
    config: &Config,
    store: &StateStore,
    plan: &Plan,
    options: &ActivateOptions,
    narrator: Narrator,
    command: &'static str,
) -> Result<Completed, Failure> {
    let runtime = super::runtime()?;
    let started = Instant::now();
    let report = runtime.block_on(async {
        match options.wait {
            None => {
                let deadline = Instant::now() + config.timeout;
                let attempt = attempt(config, plan, deadline, narrator).await;
                let record = record(store, plan, &attempt)?;
                Ok::<_, Failure>(build_report(
                    command, plan, &attempt, &record, 1, false, started,
                ))
            }
            Some(wait) => {
                wait_loop(
                    config, store, plan, options, wait, narrator, command, started,
                )
                .await
            }
        }
    })?;
    let exit = report.exit_code;
    Ok(Completed {
        report: Report::Activation(Box::new(report)),
        exit,
    })
}

/// `ato --wait`: tries until activated, the deadline, or Ctrl-C.
#[allow(clippy::too_many_arguments)]
async fn wait_loop(
    config: &Config,
    store: &StateStore,
    plan: &Plan,
    options: &ActivateOptions,
    wait: Duration,
    narrator: Narrator,
    command: &'static str,
    started: Instant,
) -> Result<ActivationReport, Failure> {
    let wait_deadline = started + wait;
    let progress = config.stderr_is_terminal && config.verbosity > Verbosity::Quiet;
    let mut attempts = 0u32;
    let mut backoff = FIRST_BACKOFF;
    let ctrl_c = super::interrupt::interrupted();
    tokio::pin!(ctrl_c);
    let mut last: Option<(Attempt, ActivationRecord)> = None;
    let mut interrupted = false;
    loop {
        let deadline = (Instant::now() + config.timeout).min(wait_deadline);
        let attempt = tokio::select! {
            attempt = attempt(config, plan, deadline, narrator) => attempt,
            _ = &mut ctrl_c => { interrupted = true; break; }
        };
        attempts += 1;
        let record = record(store, plan, &attempt)?;
        let done = attempt.outcome == AttemptOutcome::Activated;
        let delay = match attempt.outcome {
            AttemptOutcome::Activated => Duration::ZERO,
            AttemptOutcome::CountTooLow | AttemptOutcome::HostError => {
                backoff = FIRST_BACKOFF;
                options.retry_interval.unwrap_or_else(|| {
                    let minutes = attempt
                        .answer
                        .as_ref()
                        .map_or(plan.installed.activation_interval_minutes, |a| {
                            a.response.activation_interval_minutes
                        });
                    Duration::from_secs(u64::from(minutes.max(1)) * 60)
                })
            }
            AttemptOutcome::Unreachable | AttemptOutcome::InvalidResponse => {
                // Exponential backoff with jitter (50% to 100% of the step).
                let step = backoff;
                backoff = (backoff * 2).min(MAX_BACKOFF);
                let millis_step = millis(step).max(1);
                Duration::from_millis(rand::rng().random_range(millis_step / 2..=millis_step))
            }
        };
        let count = attempt.answer.as_ref().map(|a| a.response.count);
        last = Some((attempt, record));
        if done {
            break;
        }
        let next_try = Instant::now() + delay;
        if next_try >= wait_deadline {
            narrator.say("the --wait deadline is reached before the next try");
            break;
        }
        let line = match count {
            Some(count) => format!(
                "attempt {attempts}: count {count} / {} needed; next try in {} s",
                plan.product.n_policy,
                delay.as_secs()
            ),
            None => format!(
                "attempt {attempts}: no host answered; next try in {} s",
                delay.as_secs()
            ),
        };
        if progress {
            eprint!("\r\x1b[2K{line}");
        } else {
            narrator.say(&line);
        }
        tokio::select! {
            () = tokio::time::sleep(delay) => {}
            _ = &mut ctrl_c => { interrupted = true; break; }
        }
    }
    if progress && attempts > 0 {
        eprint!("\r\x1b[2K");
    }
    match last {
        Some((attempt, record)) => Ok(build_report(
            command,
            plan,
            &attempt,
            &record,
            attempts,
            interrupted,
            started,
        )),
        // Interrupted before the first attempt finished: nothing was recorded.
        None => Err(Failure::Interrupted),
    }
}

fn dns_settings(config: &Config) -> DnsSettings {
    DnsSettings {
        servers: config.dns_servers.clone(),
        timeout: config.timeout.min(DEFAULT_DNS_TIMEOUT),
        resolv_conf: config.resolv_conf.clone(),
    }
}

/// Resolves targets, in order, into candidates: every address of each target.
async fn candidates_of(
    locator: &mut Option<Locator>,
    settings: &DnsSettings,
    targets: &[(Target, HostSource)],
    narrator: Narrator,
) -> (Vec<Candidate>, Option<LocateError>) {
    let mut candidates = Vec::new();
    let mut last_error = None;
    for (target, source) in targets {
        let bare = target.host.trim_start_matches('[').trim_end_matches(']');
        let mut from_srv_answer = false;
        let addresses = if let Ok(ip) = bare.parse::<IpAddr>() {
            Ok(vec![ip])
        } else {
            match locator_for(locator, settings) {
                Ok(loc) => {
                    from_srv_answer = loc.addresses_from_srv_answer(&target.host).is_some();
                    loc.addresses(&target.host).await
                }
                Err(e) => Err(e),
            }
        };
        match addresses {
            Ok(addresses) => {
                narrator.say(format_args!(
                    "{target}: {} address(es): {}{}",
                    addresses.len(),
                    addresses
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                    if from_srv_answer {
                        " (from the SRV answer)"
                    } else {
                        ""
                    }
                ));
                candidates.extend(addresses.into_iter().map(|ip| Candidate {
                    name: target.host.clone(),
                    address: std::net::SocketAddr::new(ip, target.port),
                    source: source.clone(),
                }));
            }
            Err(error) => {
                narrator.say(format_args!("{target}: {error}"));
                last_error = Some(error);
            }
        }
    }
    (candidates, last_error)
}

fn locator_for<'l>(
    locator: &'l mut Option<Locator>,
    settings: &DnsSettings,
) -> Result<&'l Locator, LocateError> {
    if locator.is_none() {
        *locator = Some(Locator::new(settings)?);
    }
    locator.as_ref().ok_or_else(|| LocateError::NoDomain {
        resolv_conf: settings.resolv_conf.clone(),
        detail: "could not be used".into(),
    })
}

/// SRV discovery: the ordered targets of the first domain with records.
async fn discover(
    locator: &mut Option<Locator>,
    settings: &DnsSettings,
    plan: &Plan,
    narrator: Narrator,
) -> Result<Vec<(Target, HostSource)>, LocateError> {
    let domains = search_domains(plan.lookup_domain.as_deref(), settings)?;
    narrator.say(format_args!(
        "discovery: searching {}",
        domains
            .iter()
            .map(|d| d.query_name())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    let loc = locator_for(locator, settings)?;
    let found = loc
        .discover(&domains, plan.srv_order, &mut rand::rng())
        .await?;
    narrator.say(format_args!(
        "discovery: {} record(s) in {}",
        found.ordered.len(),
        found.query_name
    ));
    let source = HostSource::Dns {
        domain: found.domain.name.clone(),
    };
    Ok(found
        .ordered
        .iter()
        .map(|record| {
            let port = plan.port_override.unwrap_or(record.port);
            (Target::new(record.target.clone(), port), source.clone())
        })
        .collect())
}

/// One activation attempt following the host plan.
async fn attempt(config: &Config, plan: &Plan, deadline: Instant, narrator: Narrator) -> Attempt {
    let settings = dns_settings(config);
    let timing = Timing::until(deadline);
    let mut locator = None;
    let mut failure = RaceFailure::default();
    let mut locate_error = None;
    let mut tried_any = false;

    let first_stage: Option<Vec<(Target, HostSource)>> = match &plan.host_plan {
        HostPlan::Configured(target) => {
            narrator.say(format_args!(
                "using the configured host {target} (no DNS discovery)"
            ));
            Some(vec![(target.clone(), plan.configured_source.clone())])
        }
        HostPlan::CachedThenDiscover(target) => {
            narrator.say(format_args!("trying the cached host {target} first"));
            Some(vec![(target.clone(), HostSource::Cached)])
        }
        HostPlan::Discover => None,
    };
    let discover_after = !matches!(plan.host_plan, HostPlan::Configured(_));

    if let Some(targets) = first_stage {
        let resolved = tokio::time::timeout_at(
            deadline.into(),
            candidates_of(&mut locator, &settings, &targets, narrator),
        )
        .await;
        let (candidates, error) = resolved.unwrap_or_else(|_| {
            narrator.say("address lookups did not finish before the deadline");
            (Vec::new(), None)
        });
        locate_error = error;
        if !candidates.is_empty() {
            tried_any = true;
            match race(&candidates, &plan.request, timing, narrator).await {
                Ok(answer) => return answered(plan, answer, failure),
                Err(f) => failure.failures.extend(f.failures),
            }
        }
    }
    if discover_after && Instant::now() < deadline {
        // DNS work counts against the run's deadline too.
        let found = tokio::time::timeout_at(deadline.into(), async {
            let targets = discover(&mut locator, &settings, plan, narrator).await?;
            Ok::<_, LocateError>(candidates_of(&mut locator, &settings, &targets, narrator).await)
        })
        .await
        .unwrap_or_else(|_| {
            narrator.say("DNS discovery did not finish before the deadline");
            Ok((Vec::new(), None))
        });
        match found {
            Ok((candidates, error)) => {
                if error.is_some() {
                    locate_error = error;
                }
                // The cached host was already tried in this attempt.
                let fresh: Vec<Candidate> = candidates
                    .into_iter()
                    .filter(|c| !failure.failures.iter().any(|(f, _)| f.address == c.address))
                    .collect();
                if !fresh.is_empty() {
                    tried_any = true;
                    match race(&fresh, &plan.request, timing, narrator).await {
                        Ok(answer) => return answered(plan, answer, failure),
                        Err(f) => failure.failures.extend(f.failures),
                    }
                }
            }
            Err(error) => {
                narrator.say(format_args!("discovery failed: {error}"));
                locate_error = Some(error);
            }
        }
    }
    let (outcome, hresult) = if !tried_any {
        (
            AttemptOutcome::Unreachable,
            locate_error
                .as_ref()
                .map_or(HResult::NO_KMS_CONTACTED.0, LocateError::hresult),
        )
    } else {
        match failure.most_specific() {
            Some((_, AttemptError::HostError(code))) => (AttemptOutcome::HostError, code.0),
            Some((_, e)) if e.class() == FailureClass::Invalid => {
                (AttemptOutcome::InvalidResponse, HResult::INVALID_DATA.0)
            }
            _ => (AttemptOutcome::Unreachable, HResult::NO_KMS_CONTACTED.0),
        }
    };
    Attempt {
        outcome,
        hresult,
        answer: None,
        failure,
        locate_error: if tried_any { None } else { locate_error },
    }
}

fn answered(plan: &Plan, mut answer: Answer, mut failure: RaceFailure) -> Attempt {
    failure.failures.append(&mut answer.failed_before);
    let (outcome, hresult) = if answer.response.count >= plan.product.n_policy {
        (AttemptOutcome::Activated, HResult::S_OK.0)
    } else {
        (AttemptOutcome::CountTooLow, HResult::COUNT_INSUFFICIENT.0)
    };
    Attempt {
        outcome,
        hresult,
        answer: Some(answer),
        failure,
        locate_error: None,
    }
}

fn hwid_hex(hwid: &[u8; 8]) -> String {
    hwid.iter().map(|b| format!("{b:02X}")).collect()
}

fn observed_host(candidate: &Candidate) -> ObservedHost {
    ObservedHost {
        name: Host::parse(&candidate.name).unwrap_or(Host::Ip(candidate.address.ip())),
        port: candidate.address.port(),
        ip: candidate.address.ip(),
        source: candidate.source.clone(),
    }
}

/// Writes the attempt into the state (short lock, atomic write) and returns the record.
fn record(store: &StateStore, plan: &Plan, attempt: &Attempt) -> Result<ActivationRecord, Failure> {
    let now = unix_now();
    let host = attempt
        .answer
        .as_ref()
        .map(|a| &a.candidate)
        .or_else(|| attempt.failure.most_specific().map(|(c, _)| c));
    let response = attempt.answer.as_ref().map(|a| ObservedResponse {
        epid: a.response.epid.clone(),
        hwid: a.response.hwid.as_ref().map(hwid_hex),
        count: a.response.count,
        activation_interval_minutes: a.response.activation_interval_minutes,
        renewal_interval_minutes: a.response.renewal_interval_minutes,
    });
    let record = ActivationRecord {
        at: now,
        outcome: attempt.outcome,
        hresult: attempt.hresult,
        protocol: plan.version.major(),
        host: host.map(observed_host),
        response,
    };
    let activation_id = plan.installed.activation_id;
    let caching = plan.host_caching;
    store.update(now, |state| {
        let product = state
            .product_mut(&activation_id)
            .ok_or(Failure::ProductNotInstalled {
                query: activation_id.to_string(),
            })?;
        if let Some(answer) = &attempt.answer {
            let r = &answer.response;
            product.activation_interval_minutes = r.activation_interval_minutes;
            product.renewal_interval_minutes = r.renewal_interval_minutes;
            if attempt.outcome == AttemptOutcome::Activated {
                product.licensed_until = Some(now.saturating_add(ACTIVATION_VALIDITY_SECS));
            }
            // Only hosts found by the client itself are cached: skms and --kms are
            // settings or one-off choices, not discoveries.
            let found = matches!(
                answer.candidate.source,
                HostSource::Cached | HostSource::Dns { .. }
            );
            if caching && found {
                let host = Host::parse(&answer.candidate.name)
                    .unwrap_or(Host::Ip(answer.candidate.address.ip()));
                product.cached_host = Some(HostPort {
                    host,
                    port: answer.candidate.address.port(),
                });
            }
        }
        product.last_result = Some(record.clone());
        Ok::<_, Failure>(())
    })?;
    Ok(record)
}

fn build_report(
    command: &'static str,
    plan: &Plan,
    attempt: &Attempt,
    record: &ActivationRecord,
    attempts: u32,
    interrupted: bool,
    started: Instant,
) -> ActivationReport {
    let code = HResult(attempt.hresult);
    let info = describe(code);
    let activated = attempt.outcome == AttemptOutcome::Activated;
    let specific = attempt.failure.most_specific();
    let (message, hint) = match attempt.outcome {
        AttemptOutcome::Activated => ("Product activated successfully.".to_string(), None),
        AttemptOutcome::InvalidResponse => (
            format!(
                "The KMS host's response failed validation: {}",
                specific.map_or_else(String::new, |(c, e)| format!("{c}: {e}"))
            ),
            Some(
                "The host sent a damaged or forged answer: check the host (and anything between), \
                 or try another protocol version with --protocol."
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
                        a.response.count, plan.product.n_policy
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
    };
    let exit_code = match attempt.outcome {
        AttemptOutcome::Activated => ExitCode::Success,
        AttemptOutcome::CountTooLow | AttemptOutcome::HostError => ExitCode::NotActivated,
        AttemptOutcome::Unreachable => ExitCode::NoHost,
        AttemptOutcome::InvalidResponse => ExitCode::InvalidResponse,
    };
    let licensed_until = activated.then(|| record.at.saturating_add(ACTIVATION_VALIDITY_SECS));
    let next_due_minutes = match (&attempt.answer, activated) {
        (Some(a), true) => a.response.renewal_interval_minutes,
        (Some(a), false) => a.response.activation_interval_minutes,
        (None, _) => plan.installed.activation_interval_minutes,
    };
    ActivationReport {
        command,
        product: ProductRef {
            name: plan.product.name.to_string(),
            activation_id: plan.installed.activation_id,
        },
        contacted: true,
        activated,
        outcome: Some(attempt.outcome),
        hresult: Some(format!("0x{:08X}", attempt.hresult)),
        message,
        hint,
        protocol: plan.version.major(),
        n_policy: plan.product.n_policy,
        host: record.host.as_ref().map(|h| HostView {
            name: host_text(&h.name),
            port: h.port,
            ip: h.ip.to_string(),
            source: h.source.clone(),
        }),
        response: record.response.as_ref().map(|r| ResponseView {
            epid: r.epid.clone(),
            hwid: r.hwid.clone(),
            count: r.count,
            activation_interval_minutes: r.activation_interval_minutes,
            renewal_interval_minutes: r.renewal_interval_minutes,
        }),
        licensed_until: licensed_until.map(iso8601),
        next_due: Some(iso8601(
            record.at.saturating_add(u64::from(next_due_minutes) * 60),
        )),
        failures: attempt
            .failure
            .failures
            .iter()
            .map(|(c, e)| FailureView {
                host: c.to_string(),
                error: e.to_string(),
            })
            .collect(),
        attempts,
        interrupted,
        elapsed_ms: millis(started.elapsed()),
        exit_code,
        notes: if interrupted {
            vec!["interrupted: the last attempt's result is recorded".to_string()]
        } else {
            Vec::new()
        },
    }
}
