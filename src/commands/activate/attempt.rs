//! One activation attempt: the host plan's first stage (a configured or cached host),
//! then DNS discovery, each stage's candidates raced (`client::race`).

use std::time::Instant;

use super::plan::Plan;
use crate::address::{Host, HostPort, HostSource};
use crate::client::{
    Answer, AttemptError, Candidate, FailureClass, Narration, RaceFailure, Timing, race,
};
use crate::locator::{DnsSettings, HostPlan, LocateError, Locator, search_domains};
use crate::protocol::HResult;
use crate::state::AttemptOutcome;

/// The result of one attempt, before it is recorded.
pub(super) struct Attempt {
    pub(super) outcome: AttemptOutcome,
    pub(super) hresult: HResult,
    pub(super) answer: Option<Answer>,
    pub(super) failure: RaceFailure,
    /// A DNS failure that left nothing to try.
    pub(super) locate_error: Option<LocateError>,
}

/// The hosts to look up, each with where it came from.
type Targets = Vec<(HostPort, HostSource)>;

/// One attempt in progress: the lookups made so far and what failed.
struct Attempter<'a> {
    plan: &'a Plan,
    settings: DnsSettings,
    deadline: Instant,
    narrator: &'a Narration,
    /// Made on first use: a configured IP literal needs no DNS at all.
    locator: Option<Locator>,
    failure: RaceFailure,
    locate_error: Option<LocateError>,
    tried_any: bool,
}

/// One activation attempt following the host plan, within `deadline`.
pub(super) async fn attempt(
    plan: &Plan,
    settings: DnsSettings,
    deadline: Instant,
    narrator: &Narration,
) -> Attempt {
    let mut attempter = Attempter {
        plan,
        settings,
        deadline,
        narrator,
        locator: None,
        failure: RaceFailure::default(),
        locate_error: None,
        tried_any: false,
    };
    if let Some(targets) = attempter.first_stage()
        && let Some(answer) = attempter.try_first_stage(&targets).await
    {
        return attempter.answered(answer);
    }
    let discover_after = !matches!(plan.hosts.plan, HostPlan::Configured(_));
    if discover_after
        && Instant::now() < deadline
        && let Some(answer) = attempter.try_discovery().await
    {
        return attempter.answered(answer);
    }
    attempter.failed()
}

impl Attempter<'_> {
    /// The configured host alone, or the cached host before discovery.
    fn first_stage(&self) -> Option<Targets> {
        let narrator = self.narrator;
        match &self.plan.hosts.plan {
            HostPlan::Configured(target) => {
                narrator.say(format_args!(
                    "using the configured host {target} (no DNS discovery)"
                ));
                Some(vec![(
                    target.clone(),
                    self.plan.hosts.configured_source.clone(),
                )])
            }
            HostPlan::CachedThenDiscover(target) => {
                narrator.say(format_args!("trying the cached host {target} first"));
                Some(vec![(target.clone(), HostSource::Cached)])
            }
            HostPlan::Discover => None,
        }
    }

    async fn try_first_stage(&mut self, targets: &Targets) -> Option<Answer> {
        let deadline = self.deadline;
        let resolved = tokio::time::timeout_at(deadline.into(), self.candidates(targets)).await;
        let candidates = resolved.unwrap_or_else(|_| {
            self.narrator.say(format_args!(
                "address lookups did not finish before the deadline"
            ));
            Vec::new()
        });
        self.race(candidates).await
    }

    /// SRV discovery, then its targets' addresses; DNS work counts against the deadline.
    async fn try_discovery(&mut self) -> Option<Answer> {
        let deadline = self.deadline;
        let found = tokio::time::timeout_at(deadline.into(), async {
            let targets = self.discover().await?;
            Ok::<_, LocateError>(self.candidates(&targets).await)
        })
        .await
        .unwrap_or_else(|_| {
            self.narrator.say(format_args!(
                "DNS discovery did not finish before the deadline"
            ));
            Ok(Vec::new())
        });
        match found {
            Ok(candidates) => {
                // The cached host was already tried in this attempt.
                let fresh: Vec<Candidate> = candidates
                    .into_iter()
                    .filter(|c| {
                        !self
                            .failure
                            .failures
                            .iter()
                            .any(|(f, _)| f.address() == c.address())
                    })
                    .collect();
                self.race(fresh).await
            }
            Err(error) => {
                self.narrator.say(format_args!("discovery failed: {error}"));
                self.locate_error = Some(error);
                None
            }
        }
    }

    /// Races `candidates` (if any); a failure joins the attempt's failures.
    async fn race(&mut self, candidates: Vec<Candidate>) -> Option<Answer> {
        if candidates.is_empty() {
            return None;
        }
        self.tried_any = true;
        let timing = Timing::until(self.deadline);
        match race(&candidates, &self.plan.request, timing, self.narrator).await {
            Ok(answer) => Some(answer),
            Err(failure) => {
                self.failure.failures.extend(failure.failures);
                None
            }
        }
    }

    /// The locator, made on first use.
    fn locator(&mut self) -> Result<&Locator, LocateError> {
        if self.locator.is_none() {
            self.locator = Some(Locator::new(&self.settings)?);
        }
        self.locator.as_ref().ok_or_else(|| LocateError::NoDomain {
            resolv_conf: self.settings.resolv_conf.clone(),
            detail: "could not be used".into(),
        })
    }

    /// Resolves targets, in order, into candidates: every address of each target. A
    /// lookup that fails is remembered (the last one is reported if nothing answers).
    async fn candidates(&mut self, targets: &Targets) -> Vec<Candidate> {
        let mut candidates = Vec::new();
        for (target, source) in targets {
            match self.addresses(target).await {
                Ok(addresses) => {
                    candidates.extend(addresses.into_iter().map(|ip| Candidate {
                        target: target.clone(),
                        ip,
                        source: source.clone(),
                    }));
                }
                Err(error) => {
                    self.narrator.say(format_args!("{target}: {error}"));
                    self.locate_error = Some(error);
                }
            }
        }
        candidates
    }

    /// The addresses of one target: an IP literal as is, else a lookup (or the SRV
    /// answer's addresses).
    async fn addresses(&mut self, target: &HostPort) -> Result<Vec<std::net::IpAddr>, LocateError> {
        let narrator = self.narrator;
        let (addresses, from_srv_answer) = match &target.host {
            Host::Ip(ip) => (vec![*ip], false),
            Host::Name(name) => {
                let locator = self.locator()?;
                let from_srv_answer = locator.addresses_from_srv_answer(name).is_some();
                (locator.addresses(name).await?, from_srv_answer)
            }
        };
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
        Ok(addresses)
    }

    /// SRV discovery: the ordered targets of the first domain with records.
    async fn discover(&mut self) -> Result<Targets, LocateError> {
        let hosts = &self.plan.hosts;
        let domains = search_domains(hosts.lookup_domain.as_deref(), &self.settings)?;
        self.narrator.say(format_args!(
            "discovery: searching {}",
            domains
                .iter()
                .map(|d| d.query_name())
                .collect::<Vec<_>>()
                .join(", ")
        ));
        let narrator = self.narrator;
        let found = self
            .locator()?
            .discover(&domains, hosts.srv_order, &mut rand::rng())
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
                let mut target = record.host_port();
                target.port = hosts.port_override.unwrap_or(record.port);
                (target, source.clone())
            })
            .collect())
    }

    /// A host answered: activated, or its count is below the product's threshold.
    fn answered(self, mut answer: Answer) -> Attempt {
        let mut failure = self.failure;
        failure.failures.append(&mut answer.failed_before);
        let (outcome, hresult) = if answer.response.count >= self.plan.product.n_policy {
            (AttemptOutcome::Activated, HResult::S_OK)
        } else {
            (AttemptOutcome::CountTooLow, HResult::COUNT_INSUFFICIENT)
        };
        Attempt {
            outcome,
            hresult,
            answer: Some(answer),
            failure,
            locate_error: None,
        }
    }

    /// Nothing answered validly: the most specific failure decides the outcome; with
    /// nothing to try, the DNS failure does.
    fn failed(self) -> Attempt {
        let (outcome, hresult) = if !self.tried_any {
            let hresult = self
                .locate_error
                .as_ref()
                .map_or(HResult::NO_KMS_CONTACTED, LocateError::hresult);
            (AttemptOutcome::Unreachable, hresult)
        } else {
            match self.failure.most_specific() {
                Some((_, AttemptError::HostError(code))) => (AttemptOutcome::HostError, *code),
                Some((_, e)) if e.class() == FailureClass::Invalid => {
                    (AttemptOutcome::InvalidResponse, HResult::INVALID_DATA)
                }
                _ => (AttemptOutcome::Unreachable, HResult::NO_KMS_CONTACTED),
            }
        };
        Attempt {
            outcome,
            hresult,
            answer: None,
            locate_error: if self.tried_any {
                None
            } else {
                self.locate_error
            },
            failure: self.failure,
        }
    }
}
