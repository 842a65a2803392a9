//! DURATION values: `500ms`, `3s`, `1.5s`, `2m`, `1h30m`, `1d`; a bare number means
//! seconds.

use std::time::Duration;

use super::usage::ValueError;
use crate::config::MIN_REQUEST_INTERVAL;

/// What a DURATION may look like, as the hint of every refusal says it.
const DURATION_FORMS: &str =
    "Write a duration like 500ms, 30s, 1.5s, 2m, 1h30m (a bare number means seconds).";

/// Nanoseconds in one of each unit.
fn unit_nanos(unit: &str) -> Option<u128> {
    const MILLI: u128 = 1_000_000;
    Some(match unit {
        "ms" => MILLI,
        "s" => 1_000 * MILLI,
        "m" => 60_000 * MILLI,
        "h" => 3_600_000 * MILLI,
        "d" => 86_400_000 * MILLI,
        _ => return None,
    })
}

/// Parses a DURATION as the command line accepts it: numbers with a unit each (a
/// decimal fraction allowed, `1.5s`, as systemd takes it), or one bare number of seconds.
pub fn parse_duration(text: &str) -> Result<Duration, ValueError> {
    let refuse = |problem: String| ValueError::new(problem, DURATION_FORMS);
    let text = text.trim();
    if text.is_empty() {
        return Err(refuse("the duration is empty".to_string()));
    }
    let too_large = || refuse(format!("{text:?} is too large"));
    let bare = !text.contains(|c: char| c.is_ascii_alphabetic());
    let mut total: u128 = 0;
    let mut rest = text;
    while !rest.is_empty() {
        let (whole, fraction, tail) =
            number(rest).ok_or_else(|| refuse(format!("{text:?} is not a duration")))?;
        let unit_len = tail.bytes().take_while(u8::is_ascii_alphabetic).count();
        let (unit, tail) = tail.split_at(unit_len);
        let unit = match (unit, bare) {
            ("", true) if tail.is_empty() => "s",
            ("", _) => {
                return Err(refuse(format!(
                    "{text:?}: the number {}{} has no unit",
                    whole,
                    fraction.map_or_else(String::new, |f| format!(".{f}"))
                )));
            }
            (unit, _) => unit,
        };
        let per =
            unit_nanos(unit).ok_or_else(|| refuse(format!("unknown unit {unit:?} in {text:?}")))?;
        total = total
            .checked_add(nanos(whole, fraction, per).ok_or_else(too_large)?)
            .ok_or_else(too_large)?;
        rest = tail;
    }
    let secs = u64::try_from(total / 1_000_000_000).map_err(|_| too_large())?;
    // The remainder is below 10^9: it fits.
    let subsec = u32::try_from(total % 1_000_000_000).unwrap_or(0);
    Ok(Duration::new(secs, subsec))
}

/// The number at the start of `text`: its digits, those after a decimal point (if
/// any), and what follows it.
fn number(text: &str) -> Option<(&str, Option<&str>, &str)> {
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let whole_len = digits(text);
    if whole_len == 0 {
        return None;
    }
    let (whole, tail) = text.split_at(whole_len);
    match tail.strip_prefix('.') {
        Some(after) => {
            let fraction_len = digits(after);
            if fraction_len == 0 {
                return None;
            }
            let (fraction, tail) = after.split_at(fraction_len);
            Some((whole, Some(fraction), tail))
        }
        None => Some((whole, None, tail)),
    }
}

/// `whole.fraction` units of `per` nanoseconds each, rounded down to the nanosecond;
/// none when it overflows.
fn nanos(whole: &str, fraction: Option<&str>, per: u128) -> Option<u128> {
    let mut total = whole.parse::<u128>().ok()?.checked_mul(per)?;
    if let Some(fraction) = fraction {
        // Digits beyond a nanosecond of a day (14) change nothing.
        let kept = &fraction[..fraction.len().min(15)];
        let scale = 10u128.pow(u32::try_from(kept.len()).ok()?);
        total = total.checked_add(kept.parse::<u128>().ok()?.checked_mul(per)? / scale)?;
    }
    Some(total)
}

/// A duration that must be more than zero (deadlines, intervals).
pub(crate) fn parse_positive_duration(text: &str) -> Result<Duration, ValueError> {
    match parse_duration(text)? {
        d if d.is_zero() => Err(ValueError::new(
            format!("{text:?}: the duration must be more than zero"),
            DURATION_FORMS,
        )),
        d => Ok(d),
    }
}

/// `--retry-interval`: at least [`MIN_REQUEST_INTERVAL`], so that no host is ever sent
/// activation requests faster than once a minute.
pub(crate) fn parse_retry_interval(text: &str) -> Result<Duration, ValueError> {
    let interval = parse_positive_duration(text)?;
    if interval < MIN_REQUEST_INTERVAL {
        return Err(ValueError::new(
            format!(
                "{text:?} is shorter than one minute: vlmgr never sends a KMS host activation \
                 requests faster than once a minute (a Windows client's own minimum activation \
                 interval is 15 minutes)"
            ),
            "Give 1m or more, or leave --retry-interval out to try again at the host's \
             activation interval.",
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
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1_500)));
        assert_eq!(parse_duration("1.5"), Ok(Duration::from_millis(1_500)));
        assert_eq!(parse_duration("0.25m"), Ok(Duration::from_secs(15)));
        assert_eq!(parse_duration("1h0.5m"), Ok(Duration::from_secs(3_630)));
        assert_eq!(parse_duration("0.0000000015s"), Ok(Duration::from_nanos(1)));
        assert_eq!(
            parse_duration("1.000000000000000000000000001s"),
            Ok(Duration::from_secs(1))
        );
    }

    #[test]
    fn refusals() {
        for bad in [
            "",
            "s",
            "5x",
            "1h30",
            "-5s",
            "1.5.5s",
            ".5s",
            "5.s",
            "1,5s",
            "5 s",
            "99999999999999999999",
            "18446744073709551615d",
        ] {
            let error = parse_duration(bad).expect_err(bad);
            assert_eq!(error.hint, DURATION_FORMS, "{bad:?}");
        }
        assert_eq!(
            parse_duration("1h30").unwrap_err().problem,
            "\"1h30\": the number 30 has no unit"
        );
        assert_eq!(
            parse_duration("2.5x").unwrap_err().problem,
            "unknown unit \"x\" in \"2.5x\""
        );
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
            let error = parse_retry_interval(short).expect_err(short).to_string();
            assert!(
                error.contains("once a minute") || error.contains("more than zero"),
                "{short}: {error}"
            );
        }
        let error = parse_retry_interval("30s").unwrap_err();
        assert!(error.problem.contains("15 minutes"), "{error}");
        assert!(error.hint.contains("1m or more"), "{error:?}");
    }
}
