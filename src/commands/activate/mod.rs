//! `ato` and `renew`: locate a host, send the request, record what happened.
//!
//! The state is read once at the start, without the lock (`StateStore::load`); the lock is
//! taken only to record each attempt (`StateStore::update`), never across network I/O.
//!
//! - [`plan`]: what the run sends and where it looks;
//! - [`attempt`]: one attempt (configured or cached host, then DNS discovery);
//! - [`wait`]: `--wait`, the tries and the waits between them, spaced by [`schedule`];
//! - [`report`]: what is printed.

mod attempt;
mod plan;
mod report;
mod schedule;
mod wait;

use std::time::Instant;

use super::{ActivateOptions, Completed, Failure, dns_settings, unix_now};
use crate::address::{Host, HostPort, HostSource};
use crate::client::{Answer, Candidate, Narration};
use crate::config::Config;
use crate::exit_codes::ExitCode;
use crate::output::activation::ActivationReport;
use crate::output::time::iso8601;
use crate::output::view::ProductRef;
use crate::output::{Report, narrator};
use crate::state::{
    ACTIVATION_VALIDITY_SECS, ActivationRecord, AttemptOutcome, CachedHost, InstalledProduct,
    ObservedHost, ObservedResponse, State, StateStore, known_addresses,
};

use attempt::Attempt;
use report::Tries;

pub(super) use plan::{Plan, prepare};

/// `ato`.
pub fn activate(
    config: &Config,
    store: &StateStore,
    options: &ActivateOptions,
) -> Result<Completed, Failure> {
    let narrator = narrator(config);
    let plan = prepare(store, options, &narrator)?;
    Run::new(config, store, &plan, &narrator, "ato").complete(options)
}

/// `renew`: activates only when the renewal (after success) or retry (after failure)
/// interval has elapsed.
pub fn renew(
    config: &Config,
    store: &StateStore,
    product: Option<&str>,
) -> Result<Completed, Failure> {
    let narrator = narrator(config);
    let options = ActivateOptions {
        product: product.map(str::to_string),
        ..ActivateOptions::default()
    };
    let plan = prepare(store, &options, &narrator)?;
    let now = unix_now();
    match plan.installed.next_due().filter(|&due| due > now) {
        Some(due) => Ok(Completed {
            report: Report::Activation(Box::new(not_due(&plan, due, now))),
            exit: ExitCode::Success.into(),
        }),
        None => Run::new(config, store, &plan, &narrator, "renew").complete(&options),
    }
}

/// `renew` when nothing is due: what is in force, and when the next attempt is.
fn not_due(plan: &Plan, due: u64, now: u64) -> ActivationReport {
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
    ActivationReport {
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
        next_try: None,
        elapsed_ms: 0,
        exit_code: ExitCode::Success,
        notes: Vec::new(),
    }
}

/// One `ato` or `renew` run: what every step of it needs.
struct Run<'a> {
    config: &'a Config,
    store: &'a StateStore,
    plan: &'a Plan,
    narrator: &'a Narration,
    /// `ato` or `renew`.
    command: &'static str,
    started: Instant,
}

impl<'a> Run<'a> {
    fn new(
        config: &'a Config,
        store: &'a StateStore,
        plan: &'a Plan,
        narrator: &'a Narration,
        command: &'static str,
    ) -> Run<'a> {
        Run {
            config,
            store,
            plan,
            narrator,
            command,
            started: Instant::now(),
        }
    }

    /// One attempt, or `--wait`'s tries; the report and its exit code.
    fn complete(&self, options: &ActivateOptions) -> Result<Completed, Failure> {
        let runtime = super::runtime()?;
        let report = runtime.block_on(async {
            match options.wait {
                None => self.once().await,
                Some(wait) => self.wait_loop(wait, options.retry_interval).await,
            }
        })?;
        let exit = report.exit_code;
        Ok(Completed {
            report: Report::Activation(Box::new(report)),
            exit: exit.into(),
        })
    }

    /// A single attempt within `--timeout`, recorded and reported.
    async fn once(&self) -> Result<ActivationReport, Failure> {
        let attempt = self.attempt(Instant::now() + self.config.timeout).await;
        let record = self.record(&attempt)?;
        let tries = Tries {
            count: 1,
            interrupted: false,
            started: self.started,
            wait: None,
        };
        Ok(self.report(&attempt, &record, tries))
    }

    async fn attempt(&self, deadline: Instant) -> Attempt {
        let settings = dns_settings(self.config);
        attempt::attempt(self.plan, settings, deadline, self.narrator).await
    }

    /// Writes the attempt into the state (short lock, atomic write) and returns the
    /// record.
    fn record(&self, attempt: &Attempt) -> Result<ActivationRecord, Failure> {
        let now = unix_now();
        let host = attempt.reported_candidate();
        let response = attempt
            .answer
            .as_ref()
            .map(|a| ObservedResponse::from(&a.response));
        let record = ActivationRecord {
            at: now,
            outcome: attempt.outcome,
            hresult: attempt.hresult,
            protocol: self.plan.version.major(),
            host: host.map(observed_host),
            response,
        };
        let activation_id = self.plan.installed.activation_id;
        let caching = self.plan.hosts.caching;
        self.store.update(now, |state| {
            let not_installed = || Failure::ProductNotInstalled {
                query: activation_id.to_string(),
            };
            if let Some(answer) = &attempt.answer {
                keep_configured_addresses(state, &activation_id, attempt, answer);
            }
            let product = state
                .product_mut(&activation_id)
                .ok_or_else(not_installed)?;
            if let Some(answer) = &attempt.answer {
                remember_answer(product, attempt, answer, caching, now);
            }
            product.last_result = Some(record.clone());
            Ok::<_, Failure>(())
        })?;
        Ok(record)
    }
}

/// What a valid answer changes in the product: the host's intervals, the license
/// window after a success, and (caching on) the cached host with its addresses.
fn remember_answer(
    product: &mut InstalledProduct,
    attempt: &Attempt,
    answer: &Answer,
    caching: bool,
    now: u64,
) {
    let r = &answer.response;
    product.activation_interval_minutes = r.activation_interval_minutes;
    product.renewal_interval_minutes = r.renewal_interval_minutes;
    if attempt.outcome == AttemptOutcome::Activated {
        product.licensed_until = Some(now.saturating_add(ACTIVATION_VALIDITY_SECS));
    }
    let Some(target) = cacheable(&answer.candidate).filter(|_| caching) else {
        return;
    };
    let before = product
        .cached_host
        .take()
        .filter(|cached| cached.target == target)
        .map(|cached| cached.addresses)
        .unwrap_or_default();
    let addresses = match target.host {
        Host::Name(_) => known_addresses(
            answer.candidate.ip,
            attempt.answered_addresses.as_deref(),
            &before,
        ),
        Host::Ip(_) => Vec::new(),
    };
    product.cached_host = Some(CachedHost { target, addresses });
}

/// After an `skms` name answered: the addresses it answered on are kept with the setting
/// (the product's own, else the global one), unless the setting changed meanwhile.
fn keep_configured_addresses(
    state: &mut State,
    activation_id: &uuid::Uuid,
    attempt: &Attempt,
    answer: &Answer,
) {
    let candidate = &answer.candidate;
    if candidate.source != HostSource::Configured || !matches!(candidate.target.host, Host::Name(_))
    {
        return;
    }
    if let Some(kept) = state.kms_host_addresses_mut(activation_id, &candidate.target) {
        *kept = known_addresses(candidate.ip, attempt.answered_addresses.as_deref(), kept);
    }
}

/// The host to cache after `candidate` answered: only hosts the client found itself (the
/// cache, DNS); `skms` and `--kms` are settings or one-off choices, not discoveries.
fn cacheable(candidate: &Candidate) -> Option<HostPort> {
    matches!(
        candidate.source,
        HostSource::Cached | HostSource::Dns { .. }
    )
    .then(|| {
        HostPort::new(
            candidate.target.host.recordable_or(candidate.ip),
            candidate.target.port,
        )
    })
}

fn observed_host(candidate: &Candidate) -> ObservedHost {
    ObservedHost {
        name: candidate.target.host.recordable_or(candidate.ip),
        port: candidate.target.port,
        ip: candidate.ip,
        source: candidate.source.clone(),
    }
}
