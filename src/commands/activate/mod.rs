//! `ato` and `renew`: locate a host, send the request, record what happened.
//!
//! The state is read once at the start, without the lock (`StateStore::load`); the lock is
//! taken only to record each attempt (`StateStore::update`), never across network I/O.
//!
//! - [`plan`]: what the run sends and where it looks;
//! - [`attempt`]: one attempt (configured or cached host, then DNS discovery);
//! - [`wait`]: `--wait`, the tries and the waits between them, spaced by [`schedule`];
//! - [`pacing`]: several products' requests, one at a time and a minute apart;
//! - [`report`]: what is printed.

mod attempt;
mod hints;
mod pacing;
mod plan;
pub(super) mod report;
pub(super) mod schedule;
pub(super) mod wait;

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;
use std::time::Instant;

use super::{ActivateOptions, Completed, Failure, dns_settings, unix_now};
use crate::address::{Host, HostPort, HostSource};
use crate::client::{Answer, Candidate, Narration};
use crate::config::Config;
use crate::exit_codes::Exit;
use crate::output::activation::{ActivationReport, ActivationRun};
use crate::output::report::NamedProduct;
use crate::output::time::text_datetime;
use crate::output::{Report, narrator};
use crate::state::{
    ACTIVATION_VALIDITY_SECS, ActivationRecord, AttemptOutcome, CachedHost, Contact,
    InstalledProduct, ObservedHost, ObservedResponse, State, StateStore, known_addresses,
};

use attempt::Attempt;
use pacing::RequestPacing;
use report::Tries;
use schedule::AttemptEnd;

use plan::prepare_all;
pub(super) use plan::{Plan, prepare};

/// `ato`: for the product named, for every installed product with `all`, else for the
/// default one (the only product, or the only Windows edition).
pub(super) fn activate(
    config: &Config,
    store: &StateStore,
    options: &ActivateOptions,
) -> Result<Completed, Failure> {
    let narrator = narrator(config);
    let plans = prepare_all(store, options, &narrator)?;
    let plans: Vec<&Plan> = plans.iter().collect();
    let reports = run_all(config, store, &plans, &narrator, options)?;
    completed("ato", reports)
}

/// `renew`: activates each product only when due (docs/activation.md, "`renew`"): the
/// product named, else every installed product, each with its own report.
pub(super) fn renew(
    config: &Config,
    store: &StateStore,
    product: Option<&str>,
) -> Result<Completed, Failure> {
    let narrator = narrator(config);
    let options = ActivateOptions {
        product: Some(product.unwrap_or("all").to_string()),
        ..ActivateOptions::default()
    };
    let plans = prepare_all(store, &options, &narrator)?;
    let now = unix_now();
    let not_due_until = |plan: &Plan| plan.installed.next_due().filter(|&due| due > now);
    let due: Vec<&Plan> = plans
        .iter()
        .filter(|p| not_due_until(p).is_none())
        .collect();
    let mut ran = match due.as_slice() {
        [] => Vec::new(),
        due => run_all(config, store, due, &narrator, &options)?,
    }
    .into_iter();
    let reports = plans.iter().map(|plan| match not_due_until(plan) {
        Some(due) => Some(not_due(plan, due, now)),
        None => ran.next(),
    });
    completed("renew", reports.flatten().collect())
}

/// The command's report over its products, and its exit code (the worst product's).
fn completed(command: &'static str, reports: Vec<ActivationReport>) -> Result<Completed, Failure> {
    let run = ActivationRun::new(command, reports).ok_or(Failure::NoProductInstalled)?;
    let exit = run.exit_code();
    Ok(Completed {
        report: Report::Activation(Box::new(run)),
        exit: exit.into(),
    })
}

/// One attempt (or `--wait`'s tries) for each of `plans`, together: every product's
/// attempt within the one `--timeout` (and `--wait`) of the command, each with its own
/// schedule. A failure that stops one (the state cannot be written, Ctrl-C before its
/// first attempt finished) ends the command; what the others did is in the state.
fn run_all(
    config: &Config,
    store: &StateStore,
    plans: &[&Plan],
    narrator: &Narration,
    options: &ActivateOptions,
) -> Result<Vec<ActivationReport>, Failure> {
    // A host counts the request whether or not its answer can be recorded, so the state
    // is known to be writable (the lock had) before anything is sent.
    store
        .check_writable()
        .map_err(Failure::StateBeforeRequest)?;
    let runtime = super::runtime()?;
    let started = Instant::now();
    let several = plans.len() > 1;
    let pacing = RequestPacing::default();
    let runs: Vec<Run<'_>> = plans
        .iter()
        .map(|plan| Run {
            config,
            store,
            plan,
            // With several products, -v says which one each line is about.
            narrator: match several {
                true => crate::output::prefixed(narrator, plan.product.name),
                false => Narration::clone(narrator),
            },
            started,
            several,
            pacing: &pacing,
        })
        .collect();
    let results = runtime.block_on(join_all(runs.iter().map(|run| run.tries(options))));
    results.into_iter().collect()
}

/// Runs `futures` together on this thread; their outputs, in order.
async fn join_all<F: Future>(futures: impl IntoIterator<Item = F>) -> Vec<F::Output> {
    let mut pending: Vec<Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = pending.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut done = true;
        for (future, output) in pending.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                match future.as_mut().poll(cx) {
                    Poll::Ready(value) => *output = Some(value),
                    Poll::Pending => done = false,
                }
            }
        }
        if done { Poll::Ready(()) } else { Poll::Pending }
    })
    .await;
    outputs.into_iter().flatten().collect()
}

/// `renew` when nothing is due: what is in force, and when the next attempt is.
fn not_due(plan: &Plan, due: u64, now: u64) -> ActivationReport {
    let name = plan.product.name.to_string();
    let licensed_until = plan.installed.licensed_until.filter(|&t| t > now);
    let message = match licensed_until {
        Some(until) => format!(
            "{name} is activated until {}; renewal is not due until {} (nothing sent).",
            text_datetime(until),
            text_datetime(due)
        ),
        None => format!(
            "{name}: the next activation attempt is not due until {} (nothing sent).",
            text_datetime(due)
        ),
    };
    ActivationReport {
        product: NamedProduct {
            name,
            activation_id: plan.installed.activation_id,
        },
        protocol: plan.version.major(),
        n_policy: plan.product.n_policy,
        last: None,
        activated: licensed_until.is_some(),
        message,
        hint: None,
        licensed_until,
        next_due: due,
        attempts: 0,
        interrupted: false,
        next_try: None,
        not_recorded: None,
        elapsed: std::time::Duration::ZERO,
        exit_code: Exit::Success,
        notes: Vec::new(),
        heading_printed: false,
    }
}

/// One product's `ato` or `renew`: what every step of it needs.
struct Run<'a> {
    config: &'a Config,
    store: &'a StateStore,
    plan: &'a Plan,
    narrator: Narration,
    /// When the command started (`--wait` counts from it).
    started: Instant,
    /// Whether other products run with it (their progress shares stderr).
    several: bool,
    /// The products' requests, one at a time and a minute apart.
    pacing: &'a RequestPacing,
}

impl Run<'_> {
    /// One attempt, or `--wait`'s tries; the report.
    async fn tries(&self, options: &ActivateOptions) -> Result<ActivationReport, Failure> {
        match options.wait {
            None => self.once().await,
            Some(wait) => self.wait_loop(wait, options.retry_interval).await,
        }
    }

    /// A single attempt within `--timeout`, recorded and reported.
    async fn once(&self) -> Result<ActivationReport, Failure> {
        let attempt = self.attempt(Instant::now() + self.config.timeout).await;
        let recording = self.record(&attempt)?;
        let tries = Tries {
            count: 1,
            interrupted: false,
            started: self.started,
            wait: None,
        };
        Ok(self.report(&attempt, &recording, tries))
    }

    /// One attempt, in its turn among the run's products (`pacing`): `deadline` moves by
    /// the time the turn took to come, so every attempt has the same time for its work.
    async fn attempt(&self, deadline: Instant) -> Attempt {
        let turn = self.pacing.turn(|left| self.announce_pacing(left)).await;
        let deadline = deadline.checked_add(turn.waited).unwrap_or(deadline);
        let settings = dns_settings(self.config);
        let attempt = attempt::attempt(self.plan, settings, deadline, &self.narrator).await;
        turn.end(attempt.end() != AttemptEnd::NotConnected);
        attempt
    }

    /// Says on stderr (unless `-q`) that this product's request waits for the minute.
    fn announce_pacing(&self, left: std::time::Duration) {
        let line = format!(
            "{}: waiting {} before its request: vlmgr sends KMS hosts at most one activation \
             request a minute",
            self.plan.product.name,
            crate::output::time::countdown(left)
        );
        crate::output::diagnostic(self.config, &crate::output::sanitize(&line));
    }

    /// Writes the attempt into the state (short lock, atomic write). The change applies
    /// to the state as it is now, under the lock, not as it was read before the network:
    /// a setting changed meanwhile (`ckhc`, `skms`) stands. When a host answered and the
    /// write still fails, the attempt is reported with the failure rather than lost.
    fn record(&self, attempt: &Attempt) -> Result<Recording, Failure> {
        let now = unix_now();
        let host = attempt.reported_candidate();
        let contact = attempt.end().recorded();
        let record = |previous: Option<&ActivationRecord>| ActivationRecord {
            at: now,
            outcome: attempt.outcome,
            hresult: attempt.hresult,
            protocol: self.plan.version.major(),
            host: host.map(observed_host),
            response: attempt
                .answer
                .as_ref()
                .map(|a| ObservedResponse::from(&a.response)),
            reach: Some(contact),
            in_a_row: in_a_row(previous, contact),
        };
        let activation_id = self.plan.installed.activation_id;
        // The settings change this attempt used, if it used the settings (not --kms).
        let seen = (self.plan.hosts.configured_source != HostSource::CommandLine)
            .then_some(self.plan.installed.settings_changed_at);
        let written = self.store.update(now, |state| {
            let not_installed = || Failure::ProductNotInstalled {
                query: activation_id.to_string(),
            };
            if let Some(answer) = &attempt.answer {
                keep_configured_addresses(state, &activation_id, attempt, answer);
            }
            let caching = state.settings.host_caching;
            let product = state
                .product_mut(&activation_id)
                .ok_or_else(not_installed)?;
            Ok::<_, Failure>(apply(
                product,
                attempt,
                record(product.last_result.as_ref()),
                caching,
                seen,
            ))
        });
        match written {
            Ok(recording) => Ok(recording),
            Err(failure @ Failure::State(_)) if attempt.answer.is_some() => {
                // What the state would hold: the product as read, with this attempt.
                let mut product = self.plan.installed.clone();
                let record = record(product.last_result.as_ref());
                let mut recording = apply(&mut product, attempt, record, false, seen);
                recording.write_failure = Some(failure);
                Ok(recording)
            }
            Err(failure) => Err(failure),
        }
    }
}

/// Writes `record`, the attempt's, into `product`: what the answer changes, the last
/// result, and the settings change it used: the one the run read (`seen`; none when it
/// did not use the settings, `--kms`); a change made since is not in this attempt and
/// stays for the next.
fn apply(
    product: &mut InstalledProduct,
    attempt: &Attempt,
    record: ActivationRecord,
    caching: bool,
    seen: Option<Option<u64>>,
) -> Recording {
    if let Some(answer) = &attempt.answer {
        remember_answer(product, attempt, answer, caching, record.at);
    }
    product.last_result = Some(record.clone());
    if seen == Some(product.settings_changed_at) {
        product.settings_changed_at = None;
    }
    Recording {
        next_due: product.next_due().unwrap_or(record.at),
        record,
        licensed_until: product.licensed_until,
        write_failure: None,
    }
}

/// How many attempts in a row, this one included, got as far as `contact`.
fn in_a_row(previous: Option<&ActivationRecord>, contact: Contact) -> u32 {
    match previous {
        Some(last) if last.reach == Some(contact) => last.in_a_row.saturating_add(1),
        _ => 1,
    }
}

/// An attempt as written to the state, or as it would have been when the state could
/// not be written after a host answered.
pub(super) struct Recording {
    pub(super) record: ActivationRecord,
    /// The product's licence end after the attempt (an earlier one still in force when
    /// this attempt failed).
    pub(super) licensed_until: Option<u64>,
    /// When `renew` is next due after it (Unix seconds).
    pub(super) next_due: u64,
    /// Why the state could not be written (the host's answer is then reported anyway).
    pub(super) write_failure: Option<Failure>,
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
        .filter(|cached| cached.target == target);
    let addresses = match target.host {
        Host::Name(_) => known_addresses(
            answer.candidate.ip,
            attempt.answered_addresses.as_deref(),
            before.as_ref().map_or(&[], |cached| &cached.addresses),
        ),
        Host::Ip(_) => Vec::new(),
    };
    // Found through DNS: that domain; the cached host answering again: where it was found.
    let domain = match &answer.candidate.source {
        HostSource::Dns { domain } => Some(domain.clone()),
        _ => before.and_then(|cached| cached.domain),
    };
    product.cached_host = Some(CachedHost {
        target,
        addresses,
        domain,
    });
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
    if let Some(configured) = state.kms_host_mut(activation_id, &candidate.target) {
        configured.addresses = known_addresses(
            candidate.ip,
            attempt.answered_addresses.as_deref(),
            &configured.addresses,
        );
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
        target: HostPort::new(
            candidate.target.host.recordable_or(candidate.ip),
            candidate.target.port,
        ),
        ip: candidate.ip,
        source: candidate.source.clone(),
    }
}
