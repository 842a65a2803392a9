//! One activation attempt: the host plan's first stage (a configured or cached host),
//! then DNS discovery. Each stage is one race (`client::race`) over a feed of candidates
//! in order of need: addresses already known start at once, lookups add theirs as they
//! answer (docs/discovery.md, "Order of need").

use std::collections::HashMap;
use std::net::IpAddr;
use std::pin::pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use rand::SeedableRng;
use rand::rngs::StdRng;
use tokio::task::JoinSet;

use super::plan::Plan;
use super::schedule::AttemptEnd;
use crate::address::{AddressOrigin, Host, HostPort, HostSource};
use crate::client::{
    Answer, AttemptError, Candidate, FailureClass, Feed, FeedSender, Narration, RaceFailure,
    TargetFeed, Timing, race,
};
use crate::locator::{
    CacheUnused, DnsSettings, Family, FamilyAnswer, HostPlan, LocateError, Locator, SrvOrder,
    cached_host_searched, check_name, combine,
};
use crate::protocol::HResult;
use crate::state::AttemptOutcome;

/// How long an A answer waits for the AAAA answer of the same name before its addresses
/// are used (RFC 8305 section 3, "Resolution Delay").
const RESOLUTION_DELAY: Duration = Duration::from_millis(50);

/// The result of one attempt, before it is recorded.
pub(super) struct Attempt {
    pub(super) outcome: AttemptOutcome,
    pub(super) hresult: HResult,
    pub(super) answer: Option<Answer>,
    pub(super) failure: RaceFailure,
    /// A DNS failure that left nothing to try.
    pub(super) locate_error: Option<LocateError>,
    /// Every address the answering host's name resolved to in this attempt, when it
    /// did: what the state keeps for it next time.
    pub(super) answered_addresses: Option<Vec<IpAddr>>,
}

impl Attempt {
    /// The candidate the report names: the one that answered, else the most specific
    /// failure's (as `Run::record` records it).
    pub(super) fn reported_candidate(&self) -> Option<&Candidate> {
        self.answer
            .as_ref()
            .map(|answer| &answer.candidate)
            .or_else(|| self.failure.most_specific().map(|(candidate, _)| candidate))
    }

    /// How the attempt ended. Only an attempt that connected to no host at all (every
    /// failure a refused, timed-out or locally impossible TCP connect, or no host to try)
    /// counts as [`AttemptEnd::NotConnected`]; any other failure may have followed a request.
    pub(super) fn end(&self) -> AttemptEnd {
        match (self.outcome, &self.answer) {
            (AttemptOutcome::Activated, _) => AttemptEnd::Activated,
            (_, Some(answer)) => AttemptEnd::Answered {
                activation_interval_minutes: Some(answer.response.activation_interval_minutes),
            },
            (AttemptOutcome::HostError, None) => AttemptEnd::Answered {
                activation_interval_minutes: None,
            },
            _ if self.failure.failures.iter().all(|(_, error)| {
                matches!(
                    error,
                    AttemptError::Connect(_)
                        | AttemptError::LocalLimit(_)
                        | AttemptError::ConnectTimeout(_)
                )
            }) =>
            {
                AttemptEnd::NotConnected
            }
            _ => AttemptEnd::NoValidAnswer,
        }
    }
}

/// What the lookups of an attempt found, shared with the tasks that make them.
#[derive(Default)]
struct AttemptLookups {
    /// Every address of a name (lower-case), as DNS gave it in this attempt.
    addresses: HashMap<String, Vec<IpAddr>>,
    /// The last DNS failure (reported when nothing could be tried).
    error: Option<LocateError>,
}

type SharedLookups = Arc<Mutex<AttemptLookups>>;

/// Adds what a lookup found (or its failure) to the attempt's.
fn update_lookups(lookups: &SharedLookups, change: impl FnOnce(&mut AttemptLookups)) {
    change(&mut lookups.lock().unwrap_or_else(PoisonError::into_inner));
}

/// One attempt in progress: the lookups made so far and what failed.
struct AttemptInProgress<'a> {
    plan: &'a Plan,
    settings: DnsSettings,
    deadline: Instant,
    narrator: &'a Narration,
    /// Made on first use: a configured IP literal needs no DNS at all.
    locator: Option<Locator>,
    lookups: SharedLookups,
    failure: RaceFailure,
    tried_any: bool,
}

/// One activation attempt following the host plan, within `deadline`.
pub(super) async fn attempt(
    plan: &Plan,
    settings: DnsSettings,
    deadline: Instant,
    narrator: &Narration,
) -> Attempt {
    let mut in_progress = AttemptInProgress {
        plan,
        settings,
        deadline,
        narrator,
        locator: None,
        lookups: SharedLookups::default(),
        failure: RaceFailure::default(),
        tried_any: false,
    };
    if let Some(feed) = in_progress.first_stage()
        && let Some(answer) = in_progress.race(feed).await
    {
        return in_progress.answered(answer);
    }
    let discover_after = !matches!(plan.hosts.plan, HostPlan::Configured(_));
    if discover_after && Instant::now() < deadline {
        let feed = in_progress.discovery();
        if let Some(answer) = in_progress.race(feed).await {
            return in_progress.answered(answer);
        }
    }
    in_progress.failed()
}

impl AttemptInProgress<'_> {
    /// The configured host alone, or the cached host before discovery: its kept
    /// addresses at once, and those its name resolves to now as they come.
    fn first_stage(&mut self) -> Option<Feed> {
        let hosts = &self.plan.hosts;
        let (target, source) = match &hosts.plan {
            HostPlan::Configured(target) => {
                self.narrator.say(format_args!(
                    "using the configured host {target} (no DNS discovery)"
                ));
                (target.clone(), hosts.configured_source.clone())
            }
            HostPlan::CachedThenDiscover(target) => {
                if let Err(unused) = self.cache_in_scope() {
                    self.narrator.say(format_args!(
                        "not trying the cached host {target}: {unused}"
                    ));
                    return None;
                }
                self.narrator
                    .say(format_args!("trying the cached host {target} first"));
                (target.clone(), HostSource::Cached)
            }
            HostPlan::Discover => return None,
        };
        let (mut feed, sender) = Feed::new();
        let known = &hosts.known_addresses;
        if !known.is_empty() && matches!(target.host, Host::Name(_)) {
            self.narrator.say(format_args!(
                "{target}: {} address(es) kept from the last activation: {}",
                known.len(),
                list(known)
            ));
        }
        let handle = sender.target(target.clone(), source);
        match &target.host {
            Host::Ip(ip) => handle.addresses(vec![*ip], AddressOrigin::Literal),
            Host::Name(_) => {
                handle.addresses(known.clone(), AddressOrigin::Known);
                if let Some(locator) = self.locator() {
                    let resolve = resolve_target(
                        locator,
                        handle,
                        target,
                        Arc::clone(&self.lookups),
                        Narration::clone(self.narrator),
                    );
                    feed.spawn(resolve);
                }
            }
        }
        Some(feed)
    }

    /// Whether the cached host was found in a domain discovery searches now.
    fn cache_in_scope(&mut self) -> Result<(), CacheUnused> {
        let hosts = &self.plan.hosts;
        let Some(found_in) = hosts.cached_domain.as_deref() else {
            return Ok(());
        };
        let lookup_domain = hosts.lookup_domain.clone();
        match self.locator() {
            Some(locator) => {
                let searched = locator.search_domains(lookup_domain.as_deref());
                cached_host_searched(Some(found_in), searched.as_deref())
            }
            // The resolver configuration is unreadable: no telling (the kept addresses
            // still work without DNS).
            None => Ok(()),
        }
    }

    /// SRV discovery, then its targets' addresses, looked up together and fed to the
    /// race in SRV order as they arrive. Addresses that already failed in this attempt
    /// (the cached host's) are not tried again.
    fn discovery(&mut self) -> Feed {
        let skip = self.failure.failures.iter().map(|(c, _)| c.address());
        let (feed, sender) = Feed::new();
        let mut feed = feed.skipping(skip.collect());
        let Some(locator) = self.locator() else {
            return feed;
        };
        let hosts = &self.plan.hosts;
        let domains = match locator.search_domains(hosts.lookup_domain.as_deref()) {
            Ok(domains) => domains,
            Err(error) => {
                self.narrator.say(format_args!("discovery failed: {error}"));
                update_lookups(&self.lookups, |l| l.error = Some(error));
                return feed;
            }
        };
        self.narrator.say(format_args!(
            "discovery: searching {}",
            domains
                .iter()
                .map(|d| d.query_name())
                .collect::<Vec<_>>()
                .join(", ")
        ));
        let search = Search {
            locator,
            order: hosts.srv_order,
            port_override: hosts.port_override,
            lookups: Arc::clone(&self.lookups),
            narrator: Narration::clone(self.narrator),
        };
        feed.spawn(search.run(domains, sender));
        feed
    }

    /// Races a stage's feed; a failure joins the attempt's failures.
    async fn race(&mut self, feed: Feed) -> Option<Answer> {
        let timing = Timing::until(self.deadline);
        match race(feed, &self.plan.request, timing, self.narrator).await {
            Ok(answer) => {
                self.tried_any = true;
                Some(answer)
            }
            Err(failure) => {
                self.tried_any |= !failure.failures.is_empty();
                self.failure.failures.extend(failure.failures);
                None
            }
        }
    }

    /// The locator, made on first use; `None` (the error remembered) when the resolver
    /// configuration cannot be used.
    fn locator(&mut self) -> Option<Locator> {
        if self.locator.is_none() {
            match Locator::new(&self.settings) {
                Ok(locator) => self.locator = Some(locator),
                Err(error) => {
                    self.narrator.say(format_args!("DNS: {error}"));
                    update_lookups(&self.lookups, |l| l.error = Some(error));
                }
            }
        }
        self.locator.clone()
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
        let answered_addresses = match &answer.candidate.target.host {
            Host::Name(name) => {
                let lookups = self.lookups.lock().unwrap_or_else(PoisonError::into_inner);
                lookups.addresses.get(&name.to_ascii_lowercase()).cloned()
            }
            Host::Ip(_) => None,
        };
        Attempt {
            outcome,
            hresult,
            answer: Some(answer),
            failure,
            locate_error: None,
            answered_addresses,
        }
    }

    /// Nothing answered validly: the most specific failure decides the outcome; with
    /// nothing to try, the DNS failure does.
    fn failed(self) -> Attempt {
        let locate_error = if self.tried_any {
            None
        } else {
            self.lookups
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .error
                .take()
        };
        let (outcome, hresult) = if !self.tried_any {
            let hresult = locate_error
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
            locate_error,
            failure: self.failure,
            answered_addresses: None,
        }
    }
}

/// The discovery stage's producer: the walk, then every target in SRV order.
struct Search {
    locator: Locator,
    order: SrvOrder,
    port_override: Option<u16>,
    lookups: SharedLookups,
    narrator: Narration,
}

impl Search {
    async fn run(self, domains: Vec<crate::locator::SearchDomain>, sender: FeedSender) {
        // The order's random draws happen in this task (`ThreadRng` cannot move).
        let mut rng = StdRng::from_rng(&mut rand::rng());
        let found = match self.locator.discover(&domains, self.order, &mut rng).await {
            Ok(found) => found,
            Err(error) => {
                self.narrator.say(format_args!("discovery failed: {error}"));
                update_lookups(&self.lookups, |l| l.error = Some(error));
                return;
            }
        };
        self.narrator.say(format_args!(
            "discovery: {} record(s) in {}",
            found.ordered.len(),
            found.query_name
        ));
        let source = HostSource::Dns {
            domain: found.domain.name.clone(),
        };
        // Every target's lookups start now, the first target's first (the locator bounds
        // how many are in flight); the race takes their addresses in SRV order.
        let mut lookups = JoinSet::new();
        for record in &found.ordered {
            let mut target = record.host_port();
            target.port = self.port_override.unwrap_or(record.port);
            let handle = sender.target(target.clone(), source.clone());
            match &target.host {
                Host::Ip(ip) => handle.addresses(vec![*ip], AddressOrigin::Literal),
                Host::Name(_) => {
                    lookups.spawn(resolve_target(
                        self.locator.clone(),
                        handle,
                        target,
                        Arc::clone(&self.lookups),
                        Narration::clone(&self.narrator),
                    ));
                }
            }
        }
        drop(sender);
        while lookups.join_next().await.is_some() {}
    }
}

/// Feeds the addresses of `target` (a name) as they arrive: the SRV answer's without a
/// query, else AAAA as soon as it answers and A as soon as AAAA has answered or after
/// the resolution delay.
async fn resolve_target(
    locator: Locator,
    handle: TargetFeed,
    target: HostPort,
    lookups: SharedLookups,
    narrator: Narration,
) {
    let Host::Name(name) = &target.host else {
        return;
    };
    let key = name.to_ascii_lowercase();
    if let Some(addresses) = locator.addresses_from_srv_answer(name) {
        narrator.say(format_args!(
            "{target}: {} address(es): {} (from the SRV answer)",
            addresses.len(),
            list(&addresses)
        ));
        handle.addresses(addresses.clone(), AddressOrigin::SrvAnswer);
        update_lookups(&lookups, |l| {
            l.addresses.insert(key, addresses);
        });
        return;
    }
    if let Err(error) = check_name(name) {
        narrator.say(format_args!("{target}: {error}"));
        update_lookups(&lookups, |l| l.error = Some(error));
        return;
    }
    let started = Instant::now();
    let (v6, v4) = happy_eyeballs(&locator, name, &handle).await;
    match combine(v6, v4) {
        Ok(addresses) => {
            narrator.say(format_args!(
                "{target}: {} address(es): {} (A and AAAA in {} ms)",
                addresses.len(),
                list(&addresses),
                crate::client::millis(started.elapsed())
            ));
            update_lookups(&lookups, |l| {
                l.addresses.insert(key, addresses);
            });
        }
        Err(result) => {
            let error = locator.addresses_error(name, result);
            narrator.say(format_args!("{target}: {error}"));
            update_lookups(&lookups, |l| l.error = Some(error));
        }
    }
}

/// Asks AAAA and A together and hands each answer's addresses to the race as it comes
/// (an A answer first waits up to [`RESOLUTION_DELAY`] for the AAAA one); returns both.
async fn happy_eyeballs(
    locator: &Locator,
    name: &str,
    handle: &TargetFeed,
) -> (FamilyAnswer, FamilyAnswer) {
    let mut v6_lookup = pin!(locator.family_addresses(name, Family::V6));
    let mut v4_lookup = pin!(locator.family_addresses(name, Family::V4));
    let mut v6: Option<FamilyAnswer> = None;
    let mut v4: Option<FamilyAnswer> = None;
    let mut held: Option<(Vec<IpAddr>, tokio::time::Instant)> = None;
    loop {
        let hold_until = held.as_ref().map(|(_, until)| *until);
        tokio::select! {
            answer = &mut v6_lookup, if v6.is_none() => {
                if let Ok(addresses) = &answer {
                    handle.addresses(addresses.clone(), AddressOrigin::Lookup);
                }
                v6 = Some(answer);
                if let Some((addresses, _)) = held.take() {
                    handle.addresses(addresses, AddressOrigin::Lookup);
                }
            }
            answer = &mut v4_lookup, if v4.is_none() => {
                if let Ok(addresses) = &answer {
                    if v6.is_some() {
                        handle.addresses(addresses.clone(), AddressOrigin::Lookup);
                    } else {
                        let until = tokio::time::Instant::now() + RESOLUTION_DELAY;
                        held = Some((addresses.clone(), until));
                    }
                }
                v4 = Some(answer);
            }
            () = tokio::time::sleep_until(hold_until.unwrap_or_else(tokio::time::Instant::now)),
                if hold_until.is_some() =>
            {
                if let Some((addresses, _)) = held.take() {
                    handle.addresses(addresses, AddressOrigin::Lookup);
                }
            }
        }
        if let (Some(_), Some(_)) = (&v6, &v4) {
            break;
        }
    }
    let no_answer = || Err(crate::locator::QueryResult::NoData);
    (v6.unwrap_or_else(no_answer), v4.unwrap_or_else(no_answer))
}

/// Addresses as `-v` lists them.
fn list(addresses: &[IpAddr]) -> String {
    addresses
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
