//! Calendar formatting without a time-zone database: vlmgr prints UTC and says so; spans
//! of time as progress lines and the command line write them.

use std::time::Duration;

/// (year, month, day, hour, minute, second) in UTC for Unix seconds.
pub(crate) fn civil_from_unix(secs: u64) -> (i64, u32, u32, u32, u32, u32) {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        year,
        month,
        day,
        (rem / 3_600) as u32,
        ((rem % 3_600) / 60) as u32,
        (rem % 60) as u32,
    )
}

/// ISO 8601 UTC, as JSON and `-v` print times: `2026-11-23T20:31:07Z`.
pub fn iso8601(secs: u64) -> String {
    let (y, mo, d, h, mi, s) = civil_from_unix(secs);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// A date and time as every text layout writes it (`xpr`, `dlv`, `renew`), in UTC and
/// saying so: `2027-05-21 14:03:04 UTC`. One form for all, and one no reader misreads
/// (slmgr's own follows the machine's locale: `5/21/2027 2:03:04 PM` in the US).
pub fn text_datetime(secs: u64) -> String {
    let (y, mo, d, h, mi, s) = civil_from_unix(secs);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02} UTC")
}

/// Whole seconds in `duration`, a fraction counting as one (as [`countdown`] shows them).
pub(crate) fn secs_rounded_up(duration: Duration) -> u64 {
    duration
        .as_secs()
        .saturating_add(u64::from(duration.subsec_nanos() > 0))
}

/// A wait to the second, for progress lines: `20 s`, `1 h 59 min 58 s`, `2 h` (a part
/// that is zero is left out; a fraction of a second counts as a whole one).
pub(crate) fn countdown(duration: Duration) -> String {
    let secs = secs_rounded_up(duration);
    let parts = [
        (secs / 3_600, "h"),
        (secs / 60 % 60, "min"),
        (secs % 60, "s"),
    ];
    spell(&parts, " ", " ")
}

/// A duration as the command line's DURATION reads it back: `30s`, `2h1m`, `1m500ms`.
pub(crate) fn duration_arg(duration: Duration) -> String {
    let secs = duration.as_secs();
    let parts = [
        (secs / 3_600, "h"),
        (secs / 60 % 60, "m"),
        (secs % 60, "s"),
        (u64::from(duration.subsec_millis()), "ms"),
    ];
    spell(&parts, "", "")
}

/// The parts that are not zero, each as value and unit; `0` and the seconds' unit when
/// every part is zero.
fn spell(parts: &[(u64, &str)], before_unit: &str, between: &str) -> String {
    let text: Vec<String> = parts
        .iter()
        .filter(|(value, _)| *value > 0)
        .map(|(value, unit)| format!("{value}{before_unit}{unit}"))
        .collect();
    if text.is_empty() {
        format!("0{before_unit}s")
    } else {
        text.join(between)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00Z");
        // The det-* vectors' clock: 2024-06-01 12:00:00 UTC.
        assert_eq!(iso8601(1_717_243_200), "2024-06-01T12:00:00Z");
        assert_eq!(iso8601(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(text_datetime(1_810_908_184), "2027-05-21 14:03:04 UTC");
        assert_eq!(text_datetime(1_717_200_000), "2024-06-01 00:00:00 UTC");
        assert_eq!(text_datetime(1_717_243_200), "2024-06-01 12:00:00 UTC");
    }

    #[test]
    fn countdowns() {
        assert_eq!(countdown(Duration::from_secs(20)), "20 s");
        assert_eq!(countdown(Duration::from_millis(19_001)), "20 s");
        assert_eq!(countdown(Duration::from_secs(7_198)), "1 h 59 min 58 s");
        assert_eq!(countdown(Duration::from_secs(7_200)), "2 h");
        assert_eq!(countdown(Duration::from_secs(60)), "1 min");
        assert_eq!(countdown(Duration::ZERO), "0 s");
    }

    #[test]
    fn duration_args() {
        assert_eq!(duration_arg(Duration::from_secs(30)), "30s");
        assert_eq!(duration_arg(Duration::from_secs(7_260)), "2h1m");
        assert_eq!(duration_arg(Duration::from_secs(90_000)), "25h");
        assert_eq!(duration_arg(Duration::from_millis(60_500)), "1m500ms");
        assert_eq!(duration_arg(Duration::ZERO), "0s");
    }
}
