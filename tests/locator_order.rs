//! Statistical checks of SRV ordering with a seeded random source: over 10,000
//! orderings, first picks within a priority follow the weights (Pearson chi-square at
//! significance 0.001) and lower priorities always come first.

use rand::SeedableRng;
use rand::rngs::StdRng;
use vlmgr::locator::{SrvRecord, order_random, order_rfc2782};

const ORDERINGS: usize = 10_000;

/// Upper critical values of the chi-square distribution at p = 0.001, by degrees of freedom.
fn chi_square_critical_p001(degrees_of_freedom: usize) -> f64 {
    match degrees_of_freedom {
        1 => 10.828,
        2 => 13.816,
        3 => 16.266,
        4 => 18.467,
        5 => 20.515,
        other => panic!("no critical value tabulated for {other} degrees of freedom"),
    }
}

fn chi_square(observed: &[usize], expected_probabilities: &[f64], total: usize) -> f64 {
    observed
        .iter()
        .zip(expected_probabilities)
        .map(|(&seen, &probability)| {
            let expected = probability * total as f64;
            let difference = seen as f64 - expected;
            difference * difference / expected
        })
        .sum()
}

fn record(priority: u16, weight: u16, target: &str) -> SrvRecord {
    SrvRecord {
        priority,
        weight,
        port: 1688,
        target: target.to_owned(),
        unusable: None,
    }
}

/// Counts, over `ORDERINGS` orderings, how often each of `names` comes first, and
/// checks that priorities never decrease along any ordering.
fn first_pick_counts(records: &[SrvRecord], names: &[&str], seed: u64) -> Vec<usize> {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut counts = vec![0usize; names.len()];
    for _ in 0..ORDERINGS {
        let ordered = order_rfc2782(records.to_vec(), &mut rng);
        assert_eq!(ordered.len(), records.len());
        assert!(
            ordered
                .windows(2)
                .all(|pair| pair[0].priority <= pair[1].priority),
            "priorities out of order: {ordered:?}"
        );
        let first = names
            .iter()
            .position(|name| *name == ordered[0].target)
            .expect("the first pick is one of the lowest-priority records");
        counts[first] += 1;
    }
    counts
}

#[test]
fn first_picks_follow_the_weights_with_a_zero_weight_record() {
    // RFC 2782 places zero-weight records first and draws a number in 0..=sum(weights)
    // (here 0..=100, 101 values): the zero-weight record is chosen only by 0 (1/101),
    // a record of weight w by exactly w of the values (w/101).
    let records = vec![
        record(1, 50, "backup"),
        record(0, 10, "w10"),
        record(0, 20, "w20"),
        record(0, 0, "w0"),
        record(0, 30, "w30"),
        record(0, 40, "w40"),
        record(2, 0, "last"),
    ];
    let names = ["w0", "w10", "w20", "w30", "w40"];
    let expected: Vec<f64> = [1.0, 10.0, 20.0, 30.0, 40.0]
        .iter()
        .map(|w| w / 101.0)
        .collect();
    let counts = first_pick_counts(&records, &names, 0x5eed_2782);
    let statistic = chi_square(&counts, &expected, ORDERINGS);
    let critical = chi_square_critical_p001(names.len() - 1);
    assert!(
        statistic < critical,
        "first picks {counts:?} do not match the weights: chi-square {statistic:.2} >= {critical}"
    );
}

#[test]
fn first_picks_follow_the_weights_without_zero_weights() {
    // Without a zero-weight record the value 0 falls to the first record of the group
    // (in received order): probabilities (10+1)/101, 30/101, 60/101.
    let records = vec![
        record(5, 10, "w10"),
        record(5, 30, "w30"),
        record(9, 1000, "heavy-but-later"),
        record(5, 60, "w60"),
    ];
    let names = ["w10", "w30", "w60"];
    let expected = [11.0 / 101.0, 30.0 / 101.0, 60.0 / 101.0];
    let counts = first_pick_counts(&records, &names, 42);
    let statistic = chi_square(&counts, &expected, ORDERINGS);
    let critical = chi_square_critical_p001(names.len() - 1);
    assert!(
        statistic < critical,
        "first picks {counts:?} do not match the weights: chi-square {statistic:.2} >= {critical}"
    );
}

#[test]
fn the_test_detects_ignored_weights() {
    // The same statistic rejects a uniform pick: the check above can fail.
    let names = ["w10", "w30", "w60"];
    let uniform_counts = [
        ORDERINGS / 3,
        ORDERINGS / 3,
        ORDERINGS - 2 * (ORDERINGS / 3),
    ];
    let expected = [11.0 / 101.0, 30.0 / 101.0, 60.0 / 101.0];
    let statistic = chi_square(&uniform_counts, &expected, ORDERINGS);
    assert!(
        statistic > chi_square_critical_p001(names.len() - 1),
        "{statistic}"
    );
}

#[test]
fn random_order_picks_uniformly_regardless_of_priority() {
    let records = vec![
        record(0, 100, "a"),
        record(10, 0, "b"),
        record(20, 5, "c"),
        record(30, 65535, "d"),
    ];
    let names = ["a", "b", "c", "d"];
    let mut rng = StdRng::seed_from_u64(1995);
    let mut counts = [0usize; 4];
    for _ in 0..ORDERINGS {
        let ordered = order_random(records.clone(), &mut rng);
        let first = names
            .iter()
            .position(|name| *name == ordered[0].target)
            .expect("first pick is one of the records");
        counts[first] += 1;
    }
    let statistic = chi_square(&counts, &[0.25; 4], ORDERINGS);
    assert!(
        statistic < chi_square_critical_p001(3),
        "random first picks {counts:?} are not uniform: chi-square {statistic:.2}"
    );
}
