//! The candidates of a race, in order of need, as they become known.
//!
//! A [`Feed`] is a stream of targets (host and port, ranked in the order they are
//! declared) and of addresses for them. Known addresses (an IP literal, the cached or
//! configured host's last good addresses, an SRV answer's additional section) go in at
//! once; lookups add theirs as they answer, while the race already runs. The producers
//! are tasks owned by the feed, so they stop when the race is decided.

use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::mpsc;
use tokio::task::JoinSet;

use super::Candidate;
use crate::address::{AddressOrigin, HostPort, HostSource};

/// What a producer tells the race.
#[derive(Debug)]
pub(super) enum FeedEvent {
    /// A target, ranked after every target declared before it.
    Target {
        rank: usize,
        target: HostPort,
        source: HostSource,
    },
    /// Addresses of a declared target.
    Addresses {
        rank: usize,
        addresses: Vec<IpAddr>,
        origin: AddressOrigin,
    },
    /// No more addresses will come for the target.
    Settled { rank: usize },
}

/// The receiving end, given to [`super::race`].
pub(crate) struct Feed {
    pub(super) events: mpsc::UnboundedReceiver<FeedEvent>,
    /// Addresses not to connect to (they already failed in this attempt).
    pub(super) skip: Vec<SocketAddr>,
    producers: JoinSet<()>,
}

/// The sending end: declares targets. Clones share the ranking.
#[derive(Clone)]
pub(crate) struct FeedSender {
    events: mpsc::UnboundedSender<FeedEvent>,
    next_rank: Arc<AtomicUsize>,
}

/// One declared target: send its addresses; dropping it says no more will come.
pub(crate) struct TargetFeed {
    rank: usize,
    events: mpsc::UnboundedSender<FeedEvent>,
}

impl Feed {
    /// An empty feed and its sender. The feed ends when every sender, every
    /// [`TargetFeed`] and every producer is gone.
    pub(crate) fn new() -> (Feed, FeedSender) {
        let (events, receiver) = mpsc::unbounded_channel();
        let feed = Feed {
            events: receiver,
            skip: Vec::new(),
            producers: JoinSet::new(),
        };
        let sender = FeedSender {
            events,
            next_rank: Arc::new(AtomicUsize::new(0)),
        };
        (feed, sender)
    }

    /// A feed of fixed candidates, each its own target, in this order.
    pub(crate) fn of(candidates: Vec<Candidate>) -> Feed {
        let (feed, sender) = Feed::new();
        for candidate in candidates {
            sender
                .target(candidate.target, candidate.source)
                .addresses(vec![candidate.ip], candidate.origin);
        }
        feed
    }

    /// Runs `producer` until it ends or the feed is dropped (the race is decided).
    pub(crate) fn spawn(&mut self, producer: impl Future<Output = ()> + Send + 'static) {
        self.producers.spawn(producer);
    }

    /// Never connects to these addresses.
    pub(crate) fn skipping(mut self, addresses: Vec<SocketAddr>) -> Feed {
        self.skip = addresses;
        self
    }
}

impl FeedSender {
    /// Declares the next target in order of need.
    pub(crate) fn target(&self, target: HostPort, source: HostSource) -> TargetFeed {
        let rank = self.next_rank.fetch_add(1, Ordering::Relaxed);
        // A closed channel means the race is over: nothing to tell.
        let _ = self.events.send(FeedEvent::Target {
            rank,
            target,
            source,
        });
        TargetFeed {
            rank,
            events: self.events.clone(),
        }
    }
}

impl TargetFeed {
    /// Adds addresses of this target (ones it already has are ignored by the race).
    pub(crate) fn addresses(&self, addresses: Vec<IpAddr>, origin: AddressOrigin) {
        if !addresses.is_empty() {
            let _ = self.events.send(FeedEvent::Addresses {
                rank: self.rank,
                addresses,
                origin,
            });
        }
    }
}

impl Drop for TargetFeed {
    fn drop(&mut self) {
        let _ = self.events.send(FeedEvent::Settled { rank: self.rank });
    }
}
