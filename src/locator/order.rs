//! SRV records and the order in which their targets are tried.

use std::fmt;

use rand::Rng;
use rand::seq::SliceRandom;

use crate::address::{Host, HostPort};

/// One SRV record of `_vlmcs._tcp.<domain>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SrvRecord {
    /// Lower is tried first.
    pub priority: u16,
    /// Relative share among records of the same priority.
    pub weight: u16,
    /// The KMS host's TCP port.
    pub port: u16,
    /// The host name, without a trailing dot; "." means "no service here".
    pub target: String,
    /// Why the target cannot be used, when its name cannot be written as text and asked
    /// for again (a control character, a byte outside ASCII, a dot inside a label).
    pub unusable: Option<String>,
}

impl SrvRecord {
    /// The host and port this record points at.
    pub(crate) fn host_port(&self) -> HostPort {
        HostPort::new(Host::from_dns(&self.target), self.port)
    }

    /// Whether this is the RFC 2782 "service decidedly not available" record (target ".").
    pub fn is_no_service(&self) -> bool {
        self.target == "." || self.target.is_empty()
    }

    /// Whether its target can be tried: neither "." nor unusable.
    pub(crate) fn is_usable(&self) -> bool {
        !self.is_no_service() && self.unusable.is_none()
    }
}

/// How SRV records are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SrvOrder {
    /// RFC 2782: lowest priority first, weighted random within a priority.
    #[default]
    Rfc2782,
    /// A plain random permutation ignoring priority and weight (what Windows Vista did).
    Random,
}

impl SrvOrder {
    /// Orders `records` this way, drawing from `rng`.
    pub(crate) fn apply<R: Rng + ?Sized>(
        self,
        records: Vec<SrvRecord>,
        rng: &mut R,
    ) -> Vec<SrvRecord> {
        match self {
            Self::Rfc2782 => order_rfc2782(records, rng),
            Self::Random => order_random(records, rng),
        }
    }
}

impl fmt::Display for SrvOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Rfc2782 => "rfc2782",
            Self::Random => "random",
        })
    }
}

/// Orders SRV records as RFC 2782 says.
///
/// Records are grouped by priority, lowest first. Within a group, zero-weight records
/// are placed first, then records are drawn one at a time: a number is chosen uniformly
/// in `0..=sum of remaining weights` and the first record whose running sum of weights
/// is at least that number is taken next. A zero-weight record is thus picked only
/// when the number is 0, which gives it a small chance to come first, as the RFC intends.
pub fn order_rfc2782<R: Rng + ?Sized>(mut records: Vec<SrvRecord>, rng: &mut R) -> Vec<SrvRecord> {
    // Stable sorts keep the received order among equals, so the result depends only on
    // the records and the random numbers.
    records.sort_by_key(|record| record.priority);
    let mut ordered = Vec::with_capacity(records.len());
    let mut rest = records.into_iter().peekable();
    while let Some(first) = rest.next() {
        let priority = first.priority;
        let mut group = vec![first];
        while let Some(record) = rest.next_if(|record| record.priority == priority) {
            group.push(record);
        }
        group.sort_by_key(|record| record.weight != 0);
        while !group.is_empty() {
            let total: u64 = group.iter().map(|record| u64::from(record.weight)).sum();
            let pick = rng.random_range(0..=total);
            let mut running = 0u64;
            let index = group
                .iter()
                .position(|record| {
                    running += u64::from(record.weight);
                    running >= pick
                })
                // The last running sum equals `total >= pick`, so a position always exists.
                .unwrap_or(group.len() - 1);
            ordered.push(group.remove(index));
        }
    }
    ordered
}

/// A uniformly random permutation that ignores priority and weight.
pub fn order_random<R: Rng + ?Sized>(mut records: Vec<SrvRecord>, rng: &mut R) -> Vec<SrvRecord> {
    records.shuffle(rng);
    records
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    fn record(priority: u16, weight: u16, target: &str) -> SrvRecord {
        SrvRecord {
            priority,
            weight,
            port: 1688,
            target: target.to_owned(),
            unusable: None,
        }
    }

    fn targets(records: &[SrvRecord]) -> Vec<&str> {
        records.iter().map(|r| r.target.as_str()).collect()
    }

    #[test]
    fn lowest_priority_first_and_nothing_lost() {
        let mut rng = StdRng::seed_from_u64(7);
        let input = vec![
            record(20, 5, "c"),
            record(10, 0, "a"),
            record(30, 1, "d"),
            record(10, 10, "b"),
        ];
        for _ in 0..100 {
            let ordered = order_rfc2782(input.clone(), &mut rng);
            assert_eq!(ordered.len(), 4);
            let priorities: Vec<u16> = ordered.iter().map(|r| r.priority).collect();
            assert_eq!(priorities, vec![10, 10, 20, 30]);
            assert_eq!(targets(&ordered[2..]), vec!["c", "d"]);
        }
    }

    #[test]
    fn all_zero_weights_still_order_every_record() {
        let mut rng = StdRng::seed_from_u64(1);
        let input = vec![record(0, 0, "a"), record(0, 0, "b"), record(0, 0, "c")];
        // Sum 0: the pick is always 0, which selects the first remaining record.
        assert_eq!(
            targets(&order_rfc2782(input, &mut rng)),
            vec!["a", "b", "c"]
        );
    }

    #[test]
    fn zero_weight_comes_first_only_when_the_pick_is_zero() {
        // Weight 0 next to weight 1: pick in {0, 1}, so each comes first about half the time.
        let mut rng = StdRng::seed_from_u64(3);
        let input = vec![record(0, 1, "heavy"), record(0, 0, "zero")];
        let zero_first = (0..2000)
            .filter(|_| order_rfc2782(input.clone(), &mut rng)[0].target == "zero")
            .count();
        assert!((850..1150).contains(&zero_first), "{zero_first}");
    }

    #[test]
    fn random_order_is_a_permutation_and_ignores_priority() {
        let mut rng = StdRng::seed_from_u64(11);
        let input = vec![record(0, 100, "a"), record(100, 0, "b"), record(50, 1, "c")];
        let mut first_b = 0;
        for _ in 0..300 {
            let mut ordered = order_random(input.clone(), &mut rng);
            if ordered[0].target == "b" {
                first_b += 1;
            }
            ordered.sort_by(|x, y| x.target.cmp(&y.target));
            assert_eq!(targets(&ordered), vec!["a", "b", "c"]);
        }
        assert!((60..140).contains(&first_b), "{first_b}");
    }

    #[test]
    fn srv_order_displays() {
        assert_eq!(SrvOrder::Random.to_string(), "random");
        assert_eq!(SrvOrder::Rfc2782.to_string(), "rfc2782");
    }
}
