//! Staggered attempts over the candidates (RFC 8305 style).
//!
//! The candidates come from a [`Feed`] in order of need: targets in SRV (or plan) order,
//! each target's addresses alternating IPv6 and IPv4 as they arrive. The next candidate
//! starts when the last one fails or after the stagger delay, whichever is first, while
//! earlier attempts keep going, so a dead or silent host costs about one stagger delay;
//! when the next target's addresses are still being looked up, the race waits for them
//! for at most one stagger delay before taking a later target's. Attempts run up to a
//! completed RPC bind; bound sessions queue up and the first one sends the request. Only when that fails (host error, broken answer)
//! does the next bound session send; on success every other connection is closed
//! before sending anything, so no host counts this client twice.

use std::collections::{BTreeMap, VecDeque};
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tokio::time::sleep_until;

use super::error::AttemptError;
#[cfg(test)]
use super::error::FailureClass;
use super::feed::{Feed, FeedEvent};
use super::session::{BoundSession, connect_and_bind};
use super::{Candidate, Narration, Timing, millis};
use crate::address::{AddressOrigin, HostPort, HostSource};
use crate::platform::limits;
use crate::protocol::kms::{KmsResponse, RequestBase};

/// What is sent: the request base (its client time is set when sending).
#[derive(Debug, Clone)]
pub(crate) struct RequestSpec {
    /// Product IDs, CMID, status, name, version.
    pub(crate) base: RequestBase,
}

/// A validated answer.
#[derive(Debug)]
pub(crate) struct Answer {
    /// Who answered.
    pub(crate) candidate: Candidate,
    /// The decoded, validated KMS response.
    pub(crate) response: KmsResponse,
    /// Candidates that failed before this answer arrived.
    pub(crate) failed_before: Vec<(Candidate, AttemptError)>,
}

/// Every candidate failed (or there was none, or the deadline passed).
#[derive(Debug, Default)]
pub(crate) struct RaceFailure {
    /// Each candidate tried, with why it failed, in the order the failures happened.
    pub(crate) failures: Vec<(Candidate, AttemptError)>,
}

impl RaceFailure {
    /// The most specific failure seen: the first of the highest class.
    pub(crate) fn most_specific(&self) -> Option<&(Candidate, AttemptError)> {
        let top = self.failures.iter().map(|(_, e)| e.class()).max()?;
        self.failures.iter().find(|(_, e)| e.class() == top)
    }

    /// The class of [`RaceFailure::most_specific`]; `Unreachable` when nothing was tried.
    #[cfg(test)]
    pub(crate) fn class(&self) -> FailureClass {
        self.most_specific()
            .map_or(FailureClass::Unreachable, |(_, e)| e.class())
    }
}

/// One connection's end, as its task sends it: the candidate's index in the order
/// started, and the bound session or why there is none.
type ConnectionEnd = (usize, Result<BoundSession, AttemptError>);

fn start(
    tasks: &mut JoinSet<()>,
    ends: &mpsc::UnboundedSender<ConnectionEnd>,
    index: usize,
    candidate: Candidate,
    timing: Timing,
    narrator: &Narration,
) {
    narrator.say(format_args!(
        "{candidate}: connecting ({}, {})",
        describe_source(&candidate),
        candidate.origin.describe()
    ));
    let ends = ends.clone();
    let narrator = Narration::clone(narrator);
    tasks.spawn(async move {
        let result = connect_and_bind(candidate, timing, narrator.as_ref()).await;
        // The receiver is gone once the race is decided: nothing left to tell.
        let _ = ends.send((index, result));
    });
}

fn describe_source(candidate: &Candidate) -> String {
    use crate::address::HostSource;
    match &candidate.source {
        HostSource::Configured => "skms host".into(),
        HostSource::CommandLine => "--kms".into(),
        HostSource::Cached => "cached host".into(),
        HostSource::Dns { domain } => format!("SRV record in {domain}"),
    }
}

/// One target of the feed: the addresses not yet tried, by family.
struct Slot {
    target: HostPort,
    source: HostSource,
    v6: VecDeque<(IpAddr, AddressOrigin)>,
    v4: VecDeque<(IpAddr, AddressOrigin)>,
    /// Every address received, so a later answer adds only new ones.
    seen: Vec<IpAddr>,
    /// The family of the next address (RFC 8305 section 4: alternate, IPv6 first).
    next_v6: bool,
    /// More addresses may still come (a lookup is in flight).
    open: bool,
}

impl Slot {
    fn add(&mut self, addresses: Vec<IpAddr>, origin: AddressOrigin) {
        for ip in addresses {
            if self.seen.contains(&ip) {
                continue;
            }
            self.seen.push(ip);
            match ip {
                IpAddr::V6(_) => self.v6.push_back((ip, origin)),
                IpAddr::V4(_) => self.v4.push_back((ip, origin)),
            }
        }
    }

    fn next(&mut self) -> Option<(IpAddr, AddressOrigin)> {
        let (first, second) = if self.next_v6 {
            (&mut self.v6, &mut self.v4)
        } else {
            (&mut self.v4, &mut self.v6)
        };
        let next = first.pop_front().or_else(|| second.pop_front())?;
        self.next_v6 = next.0.is_ipv4();
        Some(next)
    }
}

/// What to do next about starting a candidate.
enum Pick {
    Start(Candidate),
    /// An earlier target is still being looked up: wait for it until then.
    WaitUntil(Instant),
    Nothing,
}

/// The race's view of the feed: targets in order of need.
struct Queue {
    slots: BTreeMap<usize, Slot>,
    /// Socket addresses started (or to skip): none is connected to twice.
    started: Vec<SocketAddr>,
    /// Since when the next start waits for an earlier target's lookup.
    waiting_since: Option<Instant>,
    open: bool,
}

impl Queue {
    fn apply(&mut self, event: Option<FeedEvent>) {
        match event {
            Some(FeedEvent::Target {
                rank,
                target,
                source,
            }) => {
                self.slots.insert(
                    rank,
                    Slot {
                        target,
                        source,
                        v6: VecDeque::new(),
                        v4: VecDeque::new(),
                        seen: Vec::new(),
                        next_v6: true,
                        open: true,
                    },
                );
            }
            Some(FeedEvent::Addresses {
                rank,
                addresses,
                origin,
            }) => {
                if let Some(slot) = self.slots.get_mut(&rank) {
                    slot.add(addresses, origin);
                }
            }
            Some(FeedEvent::Settled { rank }) => {
                if let Some(slot) = self.slots.get_mut(&rank) {
                    slot.open = false;
                }
            }
            None => {
                self.open = false;
                for slot in self.slots.values_mut() {
                    slot.open = false;
                }
            }
        }
    }

    /// The next candidate in order of need. A target whose lookup has not answered holds
    /// back the targets after it for at most one stagger delay, so SRV order is kept
    /// while a slow lookup costs no more than a dead host.
    fn pick(&mut self, now: Instant, stagger: Duration) -> Pick {
        for slot in self.slots.values_mut() {
            while let Some((ip, origin)) = slot.next() {
                let address = SocketAddr::new(ip, slot.target.port);
                if self.started.contains(&address) {
                    continue;
                }
                self.started.push(address);
                self.waiting_since = None;
                return Pick::Start(Candidate {
                    target: slot.target.clone(),
                    ip,
                    source: slot.source.clone(),
                    origin,
                });
            }
            if slot.open {
                let until = *self.waiting_since.get_or_insert(now) + stagger;
                if now < until {
                    return Pick::WaitUntil(until);
                }
            }
        }
        Pick::Nothing
    }
}

/// Attempts that may run at once without asking how many the process may open. A race
/// holds few anyway: one starts per stagger delay (sooner only when another has failed
/// and freed its socket), and each ends within its limits (connect 3 s, bind 5 s,
/// alter_context 5 s), so at four starts a second at most about 52 are open, about 20
/// when every host accepts and stays silent (docs/reliability.md, "Open files").
const UNCOUNTED_ATTEMPTS: usize = 16;

/// Whether another attempt may start while `running` are under way: within the
/// connection budget of `platform::limits`, measured only once a race holds many.
fn may_start_another(running: usize) -> bool {
    running < UNCOUNTED_ATTEMPTS || running < limits::connection_budget().connections
}

/// Tries the candidates of `feed` in order of need with staggered starts until one
/// answers validly. New addresses join while the race runs; each socket address is
/// connected to at most once.
pub(crate) async fn race(
    mut feed: Feed,
    request: &RequestSpec,
    timing: Timing,
    narrator: &Narration,
) -> Result<Answer, RaceFailure> {
    let started_at = Instant::now();
    let mut failure = RaceFailure::default();
    let (sender, mut ends) = mpsc::unbounded_channel::<ConnectionEnd>();
    let mut tasks = JoinSet::new();
    let mut queue = Queue {
        slots: BTreeMap::new(),
        started: std::mem::take(&mut feed.skip),
        waiting_since: None,
        open: true,
    };
    // Everything the feed already holds, so known addresses start at once.
    while let Ok(event) = feed.events.try_recv() {
        queue.apply(Some(event));
    }
    let mut started: Vec<(Candidate, bool)> = Vec::new();
    let mut stagger_at = Instant::now();
    loop {
        let now = Instant::now();
        let mut wake = None;
        let running = started.iter().filter(|(_, ended)| !ended).count();
        if !may_start_another(running) {
            // Every connection this process may hold is in use: wait for one to end.
        } else if now >= stagger_at {
            match queue.pick(now, timing.stagger) {
                Pick::Start(candidate) => {
                    let index = started.len();
                    started.push((candidate.clone(), false));
                    start(&mut tasks, &sender, index, candidate, timing, narrator);
                    stagger_at = now + timing.stagger;
                    continue;
                }
                Pick::WaitUntil(until) => wake = Some(until),
                Pick::Nothing => {
                    let running = started.iter().any(|(_, ended)| !ended);
                    if !running && !queue.open {
                        return Err(failure);
                    }
                }
            }
        } else {
            wake = Some(stagger_at);
        }
        tokio::select! {
            () = sleep_until(timing.deadline.into()) => {
                narrator.say(format_args!("overall deadline reached"));
                for (candidate, ended) in started {
                    if !ended {
                        failure.failures.push((candidate, AttemptError::Deadline));
                    }
                }
                return Err(failure);
            }
            () = sleep_until(wake.unwrap_or(now).into()), if wake.is_some() => {}
            event = feed.events.recv(), if queue.open => queue.apply(event),
            Some((index, result)) = ends.recv() => {
                let Some((candidate, ended)) = started.get_mut(index) else {
                    continue;
                };
                *ended = true;
                let candidate = candidate.clone();
                match result {
                    Err(error) => {
                        narrator.say(format_args!("{candidate}: {error}"));
                        // A failed attempt frees its slot: start the next one now;
                        // unless this machine could not open it, when the next would
                        // fail alike: that one waits for the stagger delay.
                        if !matches!(error, AttemptError::LocalLimit(_)) {
                            stagger_at = Instant::now();
                        }
                        failure.failures.push((candidate, error));
                    }
                    Ok(session) => {
                        let who = session.candidate().clone();
                        narrator.say(format_args!("{who}: sending the KMS request"));
                        match session.request(&request.base, &timing, narrator.as_ref()).await {
                            Ok(response) => {
                                narrator.say(format_args!(
                                    "{who}: valid response in {} ms ({}, {})",
                                    millis(started_at.elapsed()),
                                    describe_source(&who),
                                    who.origin.describe()
                                ));
                                // Dropping the tasks, the queue and the feed closes every
                                // other connection before it sends anything and stops the
                                // lookups still in flight.
                                tasks.abort_all();
                                return Ok(Answer {
                                    candidate: who,
                                    response,
                                    failed_before: std::mem::take(&mut failure.failures),
                                });
                            }
                            Err(error) => {
                                narrator.say(format_args!("{who}: {error}"));
                                failure.failures.push((who, error));
                                stagger_at = Instant::now();
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::address::Host;
    use crate::protocol::HResult;

    fn candidate(port: u16) -> Candidate {
        let ip = std::net::IpAddr::from([127, 0, 0, 1]);
        Candidate {
            target: HostPort::new(Host::Ip(ip), port),
            ip,
            source: HostSource::CommandLine,
            origin: crate::address::AddressOrigin::Literal,
        }
    }

    #[test]
    fn the_most_specific_failure_is_reported() {
        let mut failure = RaceFailure::default();
        assert_eq!(failure.class(), FailureClass::Unreachable);
        failure
            .failures
            .push((candidate(1), AttemptError::ConnectTimeout(3000)));
        failure
            .failures
            .push((candidate(2), AttemptError::BindNak(4)));
        assert_eq!(failure.class(), FailureClass::Refused);
        failure
            .failures
            .push((candidate(3), AttemptError::HostError(HResult(0xC004_F042))));
        failure
            .failures
            .push((candidate(4), AttemptError::Fault(1)));
        let (who, error) = failure.most_specific().expect("some");
        assert_eq!(who.address().port(), 3);
        assert!(matches!(error, AttemptError::HostError(_)));
    }

    #[test]
    fn a_target_alternates_families_and_takes_new_addresses_in_turn() {
        let ip = |text: &str| text.parse::<IpAddr>().unwrap();
        let mut slot = Slot {
            target: HostPort::new(Host::from_dns("kms"), 1688),
            source: HostSource::Cached,
            v6: VecDeque::new(),
            v4: VecDeque::new(),
            seen: Vec::new(),
            next_v6: true,
            open: true,
        };
        slot.add(vec![ip("10.0.0.1"), ip("10.0.0.2")], AddressOrigin::Known);
        assert_eq!(slot.next(), Some((ip("10.0.0.1"), AddressOrigin::Known)));
        // A lookup answers: known addresses are not added twice, new ones join, IPv6 next.
        slot.add(
            vec![ip("10.0.0.2"), ip("::2"), ip("::3")],
            AddressOrigin::Lookup,
        );
        let rest: Vec<_> = std::iter::from_fn(|| slot.next()).collect();
        assert_eq!(
            rest,
            vec![
                (ip("::2"), AddressOrigin::Lookup),
                (ip("10.0.0.2"), AddressOrigin::Known),
                (ip("::3"), AddressOrigin::Lookup),
            ]
        );
    }

    /// A bound, never-listening socket on 127.0.0.1: connecting to it is refused.
    fn refusing() -> (tokio::net::TcpSocket, u16) {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind(([127, 0, 0, 1], 0).into()).unwrap();
        let port = socket.local_addr().unwrap().port();
        (socket, port)
    }

    fn request() -> RequestSpec {
        RequestSpec {
            base: crate::protocol::kms::RequestBase {
                version: crate::protocol::kms::ProtocolVersion::V6,
                vm_info: false,
                license_status: 2,
                binding_expiration_minutes: 0,
                application_id: uuid::Uuid::nil(),
                activation_id: uuid::Uuid::nil(),
                kms_counted_id: uuid::Uuid::nil(),
                cmid: uuid::Uuid::nil(),
                n_policy: 25,
                client_time: crate::protocol::FileTime::default(),
                previous_cmid: uuid::Uuid::nil(),
                workstation_name: crate::protocol::kms::WorkstationName::new("t").expect("name"),
            },
        }
    }

    /// Two targets on refusing ports: the first one's address comes `first_after` into
    /// the race, the second's is known at once. Returns the ports in the order tried.
    async fn order_tried(first_after: Duration, stagger: Duration) -> (Vec<u16>, [u16; 2]) {
        let (_first_socket, first_port) = refusing();
        let (_second_socket, second_port) = refusing();
        let (mut feed, sender) = Feed::new();
        let localhost = IpAddr::from([127, 0, 0, 1]);
        let first = sender.target(
            HostPort::new(Host::from_dns("first"), first_port),
            HostSource::Cached,
        );
        sender
            .target(
                HostPort::new(Host::from_dns("second"), second_port),
                HostSource::Cached,
            )
            .addresses(vec![localhost], AddressOrigin::Known);
        drop(sender);
        feed.spawn(async move {
            tokio::time::sleep(first_after).await;
            first.addresses(vec![localhost], AddressOrigin::Lookup);
        });
        let mut timing = Timing::until(Instant::now() + Duration::from_secs(30));
        timing.stagger = stagger;
        let silent: Narration = std::sync::Arc::new(crate::client::Silent);
        let failure = race(feed, &request(), timing, &silent)
            .await
            .expect_err("every port refuses");
        let ports = failure
            .failures
            .iter()
            .map(|(candidate, _)| candidate.target.port)
            .collect();
        (ports, [first_port, second_port])
    }

    #[tokio::test(flavor = "current_thread")]
    async fn an_earlier_target_still_resolving_goes_first_when_it_answers_in_time() {
        // The first target's address comes well within the stagger delay: SRV order kept.
        let (tried, [first, second]) =
            order_tried(Duration::from_millis(50), Duration::from_secs(3)).await;
        assert_eq!(tried, vec![first, second]);
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_slow_lookup_holds_back_later_targets_for_one_stagger_delay_only() {
        // The first target's lookup takes far longer than the stagger delay: the second
        // target goes first, and the first still joins when its address arrives.
        let (tried, [first, second]) =
            order_tried(Duration::from_secs(2), Duration::from_millis(100)).await;
        assert_eq!(tried, vec![second, first]);
    }

    #[tokio::test(flavor = "current_thread")]
    async fn no_candidates_fail_at_once() {
        let timing = Timing::until(Instant::now() + std::time::Duration::from_secs(1));
        let request = request();
        let silent: Narration = std::sync::Arc::new(crate::client::Silent);
        let result = race(Feed::of(Vec::new()), &request, timing, &silent).await;
        assert!(result.is_err_and(|f| f.failures.is_empty()));
    }
}
