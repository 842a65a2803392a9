//! `check`: KMS health for monitoring. Discovery as the locator does it, then every
//! published address is connected to and RPC-bound concurrently; optionally one
//! activation request per host address (`--activate`) and the local expiry (`--expiry`).
//! Findings carry severities ([`findings`]); the output layer renders them as text, JSON,
//! Nagios or Prometheus.

mod findings;

use std::net::SocketAddr;
use std::pin::pin;
use std::time::{Duration, Instant};

use crate::address::{HostPort, HostSource};
use crate::client::{
    AddressCheck, AddressChecks, AttemptError, Candidate, Feed, Narration, RaceFailure, Timing,
    race,
};
use crate::config::Config;
use rand::SeedableRng;
use rand::rngs::StdRng;
use tokio::sync::mpsc;
use tokio::task::JoinSet;

use crate::locator::{
    DiscoveryTrace, EarlyTargets, Locator, ResolvedTarget, SearchDomain, SrvOrder, TracedError,
    command_line_domains,
};
use crate::output::report::{
    ActivationProbe, CheckFormat, CheckReport, DomainHealth, HostHealth, ProbeFailure, ProbedName,
};
use crate::output::{ErrorView, Report, narrator};
use crate::state::{State, StateStore};

use super::activate::{Plan, prepare};
use super::{
    ActivateOptions, Completed, Failure, candidates_of, dns_settings, is_all, settings_in_force,
};

/// At most this long for connect + bind of one address.
const CHECK_TIMEOUT: Duration = Duration::from_secs(5);

/// `check` options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckOptions {
    pub(crate) domains: Vec<String>,
    pub(crate) activate: bool,
    pub(crate) product: Option<String>,
    pub(crate) expiry: bool,
    pub(crate) warn_days: u32,
    pub(crate) crit_days: u32,
    pub(crate) format: CheckFormat,
}

/// `check`. Under `--format nagios` or `prometheus` a check that cannot run still gives
/// the monitor its output: `KMS UNKNOWN - <why>` (exit 3), or the metrics with
/// `vlmgr_check_failed 1` (exit 0, as every Prometheus run); text and JSON give the error.
pub(super) fn check(
    config: &Config,
    store: &StateStore,
    now: u64,
    options: CheckOptions,
) -> Result<Completed, Failure> {
    let format = options.format;
    match (run(config, store, now, options), format) {
        (Err(failure), CheckFormat::Nagios | CheckFormat::Prometheus) => {
            Ok(failed(format, failure.view()))
        }
        (done, _) => done,
    }
}

/// What a monitoring format prints for a check that could not run, and its exit code.
pub(super) fn failed(format: CheckFormat, error: ErrorView) -> Completed {
    let report = CheckReport::failed(format, error);
    let exit = findings::exit_status(&report);
    Completed {
        report: Report::Check(Box::new(report)),
        exit,
    }
}

fn run(
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
    // The state is read only when needed: for the products (--expiry), the CMID
    // (--activate), or the configured host and lookup domain when no domain is named. So
    // `check DOMAIN` runs as any user, e.g. the monitoring system's, which cannot read
    // the renewal service's state directory.
    let needs_state = options.expiry || options.activate || options.domains.is_empty();
    let state = if needs_state { store.load()? } else { None };
    let narrator = narrator(config);
    let plan = activation_plan(store, &options, &narrator)?;
    let mut report = CheckReport::new(options.format);
    if options.expiry {
        findings::expiry(&mut report, state.as_ref(), now, &options)?;
    }
    let looked_at = CheckTargets::prepare(config, state.as_ref(), &options, &mut report)?;
    let runtime = super::runtime()?;
    let deadline = Instant::now() + config.timeout;
    let limits = Limits {
        check: CHECK_TIMEOUT.min(config.timeout),
        parallel: super::connection_budget(&narrator),
        deadline,
    };
    let observed = runtime.block_on(async {
        let work = looked_at.run(plan.as_ref(), limits, &narrator);
        tokio::time::timeout(config.timeout, work).await
    });
    match observed {
        Ok(observed) => {
            observed.record(&mut report, plan.as_ref());
            findings::unchecked(&mut report, config.timeout);
        }
        Err(_) => report.findings.push(findings::deadline(config.timeout)),
    }
    report.status = findings::worst(&report.findings);
    let exit = findings::exit_status(&report);
    Ok(Completed {
        report: Report::Check(Box::new(report)),
        exit,
    })
}

/// `--activate`: what `ato` would send for the product (same CMID); none without it.
fn activation_plan(
    store: &StateStore,
    options: &CheckOptions,
    narrator: &Narration,
) -> Result<Option<Plan>, Failure> {
    if !options.activate {
        return Ok(None);
    }
    if options.product.as_deref().is_some_and(is_all) {
        return Err(Failure::Usage(
            "check --activate asks each host about one product: name it with --product \
             ACT_ID (--expiry covers every installed product without --product)"
                .into(),
        ));
    }
    let activate = ActivateOptions {
        product: options.product.clone(),
        ..ActivateOptions::default()
    };
    prepare(store, &activate, narrator).map(Some)
}

/// The time limits of the network work.
#[derive(Debug, Clone, Copy)]
struct Limits {
    /// Connect + bind of one address.
    check: Duration,
    /// Address checks open at once (the others wait for a turn).
    parallel: usize,
    /// Nothing runs past this (`--timeout`).
    deadline: Instant,
}

/// What the check looks at: the configured host and the domain walks.
struct CheckTargets {
    locator: Locator,
    configured: Option<HostPort>,
    /// One walk per domain named on the command line, else the search domains as one.
    walks: Vec<Vec<SearchDomain>>,
}

/// What the network work found: each walk's health, the targets with their address
/// checks, the activation probes.
struct CheckObserved {
    domains: Vec<DomainHealth>,
    targets: Vec<(HostSource, ResolvedTarget)>,
    /// The address checks of each target, in the targets' order.
    checks: Vec<Vec<AddressCheck>>,
    probes: Vec<ActivationProbe>,
}

impl CheckTargets {
    /// Reads the configuration; a missing search domain is a finding, not a failure,
    /// when a configured host is still there to check.
    fn prepare(
        config: &Config,
        state: Option<&State>,
        options: &CheckOptions,
        report: &mut CheckReport,
    ) -> Result<CheckTargets, Failure> {
        let settings = dns_settings(config);
        let (lookup_domain, configured) = configured_host(state);
        let named = command_line_domains(&options.domains)?;
        let locator = Locator::new(&settings)?;
        let walks = if named.is_empty() {
            match locator.search_domains(lookup_domain.as_deref()) {
                Ok(domains) => vec![domains],
                Err(error) => {
                    if configured.is_none() {
                        report.findings.push(findings::no_domain(&error));
                    }
                    Vec::new()
                }
            }
        } else {
            named.into_iter().map(|domain| vec![domain]).collect()
        };
        Ok(CheckTargets {
            locator,
            configured,
            walks,
        })
    }

    /// Resolves the configured host and walks the domains, checks every address (each
    /// as soon as its target's addresses are known), then (`--activate`) sends one
    /// request per working host address.
    async fn run(self, plan: Option<&Plan>, limits: Limits, narrator: &Narration) -> CheckObserved {
        let (early, mut resolved) = mpsc::unbounded_channel();
        let mut checks = AddressChecks::new(limits.check, limits.parallel, limits.deadline);
        // The configured host and every domain are looked up together; the results
        // keep the command line's order.
        let configured = async {
            let configured = self.configured.as_ref()?;
            let resolved = self.resolve_configured(configured).await;
            let _ = early.send((HostSource::Configured, resolved.clone()));
            Some(resolved)
        };
        let lookups = async { tokio::join!(configured, self.discover_all(&early)) };
        let mut lookups = pin!(lookups);
        let (configured, traces) = loop {
            tokio::select! {
                done = &mut lookups => break done,
                Some((source, target)) = resolved.recv() => start_checks(&mut checks, &source, &target),
            }
        };
        while let Ok((source, target)) = resolved.try_recv() {
            start_checks(&mut checks, &source, &target);
        }
        let mut targets = Vec::new();
        if let Some(resolved) = configured {
            targets.push((HostSource::Configured, resolved));
        }
        let mut domains = Vec::new();
        for (walk, trace) in self.walks.iter().zip(traces) {
            domains.push(health_of(walk, trace, &mut targets));
        }
        let candidates: Vec<Candidate> = targets
            .iter()
            .flat_map(|(source, target)| candidates_of(target, source))
            .collect();
        let checks = checks_by_target(&targets, &checks.finish(&candidates).await);
        let probes = match plan {
            Some(plan) => activation_probes(&targets, &checks, plan, limits, narrator).await,
            None => Vec::new(),
        };
        CheckObserved {
            domains,
            targets,
            checks,
            probes,
        }
    }

    /// The addresses of the configured (`skms`) host.
    async fn resolve_configured(&self, configured: &HostPort) -> ResolvedTarget {
        let (addresses, error) = match self.locator.addresses(&configured.host.to_string()).await {
            Ok(addresses) => (addresses, None),
            Err(error) => (Vec::new(), Some(TracedError::from(&error))),
        };
        ResolvedTarget {
            target: configured.clone(),
            addresses,
            error,
            // Looked up before any SRV query of this run.
            from_srv_answer: false,
        }
    }

    /// Discovery over every walk at once, the traces in the order of the walks; each
    /// target goes to `early` as soon as its addresses are known.
    async fn discover_all(&self, early: &EarlyTargets) -> Vec<DiscoveryTrace> {
        let mut running = JoinSet::new();
        for (index, walk) in self.walks.iter().enumerate() {
            let locator = self.locator.clone();
            let walk = walk.clone();
            let early = early.clone();
            running.spawn(async move {
                let mut rng = StdRng::from_rng(&mut rand::rng());
                let order = SrvOrder::Rfc2782;
                let trace = locator
                    .trace_early(&walk, order, &mut rng, Some(&early))
                    .await;
                (index, trace)
            });
        }
        let mut traces: Vec<Option<DiscoveryTrace>> = self.walks.iter().map(|_| None).collect();
        while let Some(joined) = running.join_next().await {
            if let Ok((index, trace)) = joined
                && let Some(slot) = traces.get_mut(index)
            {
                *slot = Some(trace);
            }
        }
        // A walk whose task did not finish (the runtime is going away) is traced as
        // having found nothing.
        traces
            .into_iter()
            .zip(&self.walks)
            .map(|(trace, walk)| trace.unwrap_or_else(|| self.locator.unfinished(walk)))
            .collect()
    }
}

/// Starts checking every address of `target` not checked yet.
fn start_checks(checks: &mut AddressChecks, source: &HostSource, target: &ResolvedTarget) {
    for candidate in candidates_of(target, source) {
        checks.start(candidate);
    }
}

/// One walk's discovery: its targets join `targets`, its records are summed up.
fn health_of(
    walk: &[SearchDomain],
    discovery: DiscoveryTrace,
    targets: &mut Vec<(HostSource, ResolvedTarget)>,
) -> DomainHealth {
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
    DomainHealth {
        domain: name,
        searched: walk.iter().map(|d| d.name.clone()).collect(),
        records: discovery.ordered.len(),
        error: discovery.error,
    }
}

impl CheckObserved {
    /// Puts the results in the report, with the findings they call for.
    fn record(self, report: &mut CheckReport, plan: Option<&Plan>) {
        report.activation_requests_sent = plan.is_some();
        findings::domains(report, &self.domains);
        report.domains = self.domains;
        for ((source, target), addresses) in self.targets.into_iter().zip(self.checks) {
            let activation = first_bound(&addresses).and_then(|bound| {
                self.probes
                    .iter()
                    .find(|probe| probe.address == bound.candidate.address())
                    .cloned()
            });
            report.hosts.push(HostHealth {
                works: addresses.iter().any(|c| c.outcome.is_bound()),
                source,
                target: target.target,
                resolve_error: target.error,
                addresses,
                activation,
            });
        }
        findings::hosts(report);
        if let Some(plan) = plan {
            findings::activations(report, plan.product.n_policy);
        }
    }
}

/// The checks of each of `targets`, in their order.
fn checks_by_target(
    targets: &[(HostSource, ResolvedTarget)],
    checks: &[AddressCheck],
) -> Vec<Vec<AddressCheck>> {
    targets
        .iter()
        .map(|(source, target)| {
            checks
                .iter()
                .filter(|c| c.candidate.target == target.target && c.candidate.source == *source)
                .cloned()
                .collect()
        })
        .collect()
}

/// The first address of a host that completed the bind: where its request goes.
fn first_bound(checks: &[AddressCheck]) -> Option<&AddressCheck> {
    checks.iter().find(|check| check.outcome.is_bound())
}

/// One activation request per distinct host address (IP and port), however many names,
/// records, domains and `skms` settings lead there: each request counts this client on
/// the host. A host's request goes to its first bound address; the answers are not
/// recorded in the state.
async fn activation_probes(
    targets: &[(HostSource, ResolvedTarget)],
    checks: &[Vec<AddressCheck>],
    plan: &Plan,
    limits: Limits,
    narrator: &Narration,
) -> Vec<ActivationProbe> {
    let mut probes: Vec<(Candidate, Vec<ProbedName>)> = Vec::new();
    for ((source, target), host_checks) in targets.iter().zip(checks) {
        let Some(bound) = first_bound(host_checks) else {
            continue;
        };
        let name = ProbedName {
            source: source.clone(),
            target: target.target.clone(),
        };
        let address = bound.candidate.address();
        match probes.iter_mut().find(|(c, _)| c.address() == address) {
            Some((_, names)) => names.push(name),
            None => probes.push((bound.candidate.clone(), vec![name])),
        }
    }
    let mut answered = Vec::with_capacity(probes.len());
    for (candidate, names) in probes {
        let address: SocketAddr = candidate.address();
        let timing = Timing::until(limits.deadline);
        let answer = race(Feed::of(vec![candidate]), &plan.request, timing, narrator)
            .await
            .map(|answer| answer.response)
            .map_err(|failure| probe_failure(&failure));
        answered.push(ActivationProbe {
            address,
            names,
            threshold: plan.product.n_policy,
            answer,
        });
    }
    answered
}

/// Why a probe got no valid answer: the host's HRESULT, or what went wrong.
fn probe_failure(failure: &RaceFailure) -> ProbeFailure {
    match failure.most_specific() {
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
    }
}

/// The skms host in force for the default product (or the global one), and the lookup
/// domain likewise.
fn configured_host(state: Option<&State>) -> (Option<String>, Option<HostPort>) {
    let (domain, kms_host) = settings_in_force(state);
    (
        domain.map(str::to_string),
        kms_host.and_then(|configured| configured.address.host_port()),
    )
}
