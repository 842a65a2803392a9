//! DURATION values: `500ms`, `3s`, `2m`, `1h30m`, `1d`; a bare number means seconds.

use std::time::Duration;

use crate::config::MIN_REQUEST_INTERVAL;

/// Parses a DURATION as the command line accepts it.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let hint = "write a duration like 500ms, 30s, 2m, 1h30m (a bare number means seconds)";
    let text = text.trim();
    if text.is_empty() {
        return Err(format!("empty duration; {hint}"));
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text
            .parse::<u64>()
            .map(Duration::from_secs)
            .map_err(|_| format!("{text:?} is too large; {hint}"));
    }
    let mut total = Duration::ZERO;
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(format!("{text:?} is not a duration; {hint}"));
        }
        let (number, tail) = rest.split_at(digits);
        let unit_len = tail.bytes().take_while(u8::is_ascii_alphabetic).count();
        let (unit, tail) = tail.split_at(unit_len);
        let value: u64 = number
            .parse()
            .map_err(|_| format!("{text:?} is too large; {hint}"))?;
        let unit_millis: u64 = match unit {
            "ms" => 1,
            "s" => 1_000,
            "m" => 60_000,
            "h" => 3_600_000,
            "d" => 86_400_000,
            "" => return Err(format!("{text:?}: a number needs a unit here; {hint}")),
            other => return Err(format!("unknown unit {other:?} in {text:?}; {hint}")),
        };
        let millis = value
            .checked_mul(unit_millis)
            .ok_or_else(|| format!("{text:?} is too large; {hint}"))?;
        total = total
            .checked_add(Duration::from_millis(millis))
            .ok_or_else(|| format!("{text:?} is too large; {hint}"))?;
        rest = tail;
    }
    Ok(total)
}

/// A duration that must be more than zero (deadlines, intervals).
pub fn parse_positive_duration(text: &str) -> Result<Duration, String> {
    match parse_duration(text)? {
        d if d.is_zero() => Err(format!("{text:?}: the duration must be more than zero")),
        d => Ok(d),
    }
}

/// `--retry-interval`: at least [`MIN_REQUEST_INTERVAL`], so that no host is ever sent
/// activation requests faster than once a minute.
pub fn parse_retry_interval(text: &str) -> Result<Duration, String> {
    let interval = parse_positive_duration(text)?;
    if interval < MIN_REQUEST_INTERVAL {
        return Err(format!(
            "{text:?} is shorter than one minute: vlmgr never sends a KMS host activation \
             requests faster than once a minute (a Windows client's own minimum activation \
             interval is 15 minutes); give 1m or more, or leave --retry-interval out to try \
             again at the host's activation interval"
        ));
    }
    Ok(interval)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("3s"), Ok(Duration::from_secs(3)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_duration("1d"), Ok(Duration::from_secs(86_400)));
        assert_eq!(parse_duration("45"), Ok(Duration::from_secs(45)));
        assert_eq!(parse_duration("1m500ms"), Ok(Duration::from_millis(60_500)));
    }

    #[test]
    fn refusals() {
        for bad in [
            "",
            "s",
            "5x",
            "1h30",
            "-5s",
            "1.5s",
            "5 s",
            "99999999999999999999",
            "18446744073709551615d",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad:?} accepted");
        }
        assert!(parse_positive_duration("0s").is_err());
        assert!(parse_positive_duration("0").is_err());
    }

    /// What vlmgr suggests for --wait reads back as the same duration.
    #[test]
    fn suggested_durations_parse_back() {
        for millis in [
            1,
            999,
            1_000,
            59_999,
            60_000,
            7_260_000,
            90_061_001,
            u64::from(u32::MAX),
        ] {
            let duration = Duration::from_millis(millis);
            let text = crate::output::time::duration_arg(duration);
            assert_eq!(parse_duration(&text), Ok(duration), "{text}");
        }
    }

    #[test]
    fn retry_intervals_below_a_minute_are_refused_with_the_reason() {
        assert_eq!(parse_retry_interval("1m"), Ok(Duration::from_secs(60)));
        assert_eq!(parse_retry_interval("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse_retry_interval("60"), Ok(Duration::from_secs(60)));
        for short in ["1ms", "1s", "59s", "59999ms", "0s"] {
            let error = parse_retry_interval(short).expect_err(short);
            assert!(
                error.contains("once a minute") || error.contains("more than zero"),
                "{short}: {error}"
            );
        }
        assert!(
            parse_retry_interval("30s")
                .unwrap_err()
                .contains("15 minutes")
        );
    }
}
