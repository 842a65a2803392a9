//! What every lookup of one run shares: a bound on the queries in flight, and one answer
//! per name and record type, however many callers ask for it (docs/discovery.md, "Queries
//! in a run").

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::{OnceCell, Semaphore};

/// At most this many names are looked up at once: each address lookup is two queries (A
/// and AAAA), so at most twice as many queries are in flight, and a 50-record domain
/// still asks its 100 A and AAAA queries in one round trip.
pub(crate) const MAX_LOOKUPS_IN_FLIGHT: usize = 64;

/// The queries in flight at once: [`MAX_LOOKUPS_IN_FLIGHT`] names, A and AAAA each (an
/// SRV query takes one permit too).
const MAX_QUERIES_IN_FLIGHT: usize = 2 * MAX_LOOKUPS_IN_FLIGHT;

/// Answers by key: the first caller runs the lookup, every later or concurrent caller
/// awaits the same answer (the resolver's own cache helps only once an answer is in).
pub(super) struct Shared<K, V> {
    cells: Mutex<HashMap<K, Arc<OnceCell<V>>>>,
}

impl<K: Eq + Hash, V: Clone> Shared<K, V> {
    pub(super) fn new() -> Self {
        Self {
            cells: Mutex::new(HashMap::new()),
        }
    }

    /// The answer for `key`, from `lookup` run once per key while `permits` allow.
    pub(super) async fn get_or_run<F, Fut>(&self, key: K, permits: &Semaphore, lookup: F) -> V
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = V>,
    {
        let cell = {
            let mut cells = self.cells.lock().unwrap_or_else(PoisonError::into_inner);
            Arc::clone(cells.entry(key).or_default())
        };
        cell.get_or_init(|| async {
            // The semaphore is never closed; without a permit the lookup still runs.
            let _permit = permits.acquire().await.ok();
            lookup().await
        })
        .await
        .clone()
    }
}

/// The lookups of one locator and its clones.
pub(super) struct Lookups<A, S> {
    pub(super) permits: Semaphore,
    /// By lower-case name and family.
    pub(super) addresses: Shared<(String, super::Family), A>,
    /// By lower-case domain.
    pub(super) srv: Shared<String, S>,
}

impl<A: Clone, S: Clone> Lookups<A, S> {
    pub(super) fn new() -> Self {
        Self {
            permits: Semaphore::new(MAX_QUERIES_IN_FLIGHT),
            addresses: Shared::new(),
            srv: Shared::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test(flavor = "current_thread")]
    async fn concurrent_callers_share_one_lookup() {
        let shared: Shared<&str, u32> = Shared::new();
        let permits = Semaphore::new(1);
        let runs = AtomicUsize::new(0);
        let lookup = || async {
            runs.fetch_add(1, Ordering::SeqCst);
            tokio::task::yield_now().await;
            7
        };
        let (a, b) = tokio::join!(
            shared.get_or_run("kms", &permits, lookup),
            shared.get_or_run("kms", &permits, lookup)
        );
        assert_eq!((a, b), (7, 7));
        assert_eq!(shared.get_or_run("kms", &permits, lookup).await, 7);
        assert_eq!(runs.load(Ordering::SeqCst), 1);
        shared.get_or_run("other", &permits, lookup).await;
        assert_eq!(runs.load(Ordering::SeqCst), 2);
    }
}
