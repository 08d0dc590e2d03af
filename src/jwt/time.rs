//! Times for people: NumericDate claims as UTC and as "in 42m" / "3d ago".

use std::time::{Duration, UNIX_EPOCH};

/// `2026-11-26T15:04:05Z`, or `None` when the value is no representable date.
pub fn utc(ts: f64) -> Option<String> {
    // Years 1970 to 9999: what RFC 3339 can write and people mean.
    if !(0.0..253_402_300_800.0).contains(&ts) {
        return None;
    }
    let t = UNIX_EPOCH + Duration::from_secs(ts as u64);
    Some(humantime::format_rfc3339_seconds(t).to_string())
}

/// A span in at most two units: `45s`, `42m`, `1h 5m`, `3d`, `2y 4d`.
pub fn span(secs: u64) -> String {
    const UNITS: [(u64, &str); 5] = [
        (365 * 86_400, "y"),
        (86_400, "d"),
        (3_600, "h"),
        (60, "m"),
        (1, "s"),
    ];
    if secs == 0 {
        return "0s".into();
    }
    let mut parts = Vec::with_capacity(2);
    let mut rest = secs;
    for (size, name) in UNITS {
        if rest >= size {
            parts.push(format!("{}{name}", rest / size));
            rest %= size;
        } else if !parts.is_empty() {
            break;
        }
        if parts.len() == 2 {
            break;
        }
    }
    parts.join(" ")
}

/// `in 42m`, `3d ago`, or `now`, for `ts` seen from `now`; a fraction of a second either way is
/// `in under 1s` / `under 1s ago`, never a misleading `in 0s`.
pub fn relative(ts: f64, now: i64) -> String {
    let delta = ts - now as f64;
    if delta == 0.0 {
        "now".into()
    } else if delta.abs() < 1.0 {
        if delta > 0.0 {
            "in under 1s".into()
        } else {
            "under 1s ago".into()
        }
    } else if delta > 0.0 {
        format!("in {}", span(delta.min(u64::MAX as f64) as u64))
    } else {
        format!("{} ago", span((-delta).min(u64::MAX as f64) as u64))
    }
}

/// Whether a token with this `exp` is expired at `now`: from `exp` on (RFC 7519 §4.1.4: "on or
/// after which the JWT MUST NOT be accepted").
pub fn is_expired(exp: f64, now: i64) -> bool {
    exp <= now as f64
}

/// An expiry in words, the verb in the right tense: `expires in 42m`, `expired 1s ago`,
/// `expired just now` (at `exp` itself). `status` and `verify` word every expiry with it, and
/// `decode`'s note on `exp` follows the same [`is_expired`] rule.
pub fn expiry(exp: f64, now: i64) -> String {
    if !is_expired(exp, now) {
        format!("expires {}", relative(exp, now))
    } else if exp == now as f64 {
        "expired just now".into()
    } else {
        format!("expired {}", relative(exp, now))
    }
}

/// Reads `--now`: seconds since the epoch or an RFC 3339 time.
pub fn parse_instant(text: &str) -> Result<i64, String> {
    if let Ok(secs) = text.parse::<i64>() {
        return Ok(secs);
    }
    let t = humantime::parse_rfc3339_weak(text)
        .map_err(|_| format!("{text:?} is neither seconds since 1970 nor an RFC 3339 time"))?;
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .map_err(|_| format!("{text:?} is before 1970"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans() {
        assert_eq!(span(45), "45s");
        assert_eq!(span(42 * 60), "42m");
        assert_eq!(span(3_900), "1h 5m");
        assert_eq!(span(3 * 86_400), "3d");
        assert_eq!(span(3 * 86_400 + 59), "3d");
        assert_eq!(span(86_400 + 7_200), "1d 2h");
    }

    #[test]
    fn relatives() {
        assert_eq!(relative(1_000.0 + 42.0 * 60.0, 1_000), "in 42m");
        assert_eq!(relative(1_000.0, 1_000 + 3 * 86_400), "3d ago");
        assert_eq!(relative(1_000.0, 1_000), "now");
        assert_eq!(relative(f64::MAX, 0), format!("in {}", span(u64::MAX)));
    }

    #[test]
    fn relatives_at_the_second_boundaries_both_signs() {
        assert_eq!(relative(1_001.0, 1_000), "in 1s");
        assert_eq!(relative(999.0, 1_000), "1s ago");
        assert_eq!(relative(1_000.5, 1_000), "in under 1s");
        assert_eq!(relative(999.5, 1_000), "under 1s ago");
        assert_eq!(relative(1_000.0, 1_000), "now");
    }

    #[test]
    fn expiries_use_the_tense_the_clock_gives() {
        assert_eq!(expiry(1_001.0, 1_000), "expires in 1s");
        assert_eq!(expiry(1_000.5, 1_000), "expires in under 1s");
        // At exp itself the token is no longer accepted (RFC 7519 4.1.4).
        assert_eq!(expiry(1_000.0, 1_000), "expired just now");
        assert_eq!(expiry(999.5, 1_000), "expired under 1s ago");
        assert_eq!(expiry(999.0, 1_000), "expired 1s ago");
        assert_eq!(expiry(1_000.0, 1_000 + 3 * 86_400), "expired 3d ago");
        assert_eq!(expiry(1_000.0 + 42.0 * 60.0, 1_000), "expires in 42m");
        for delta in [-2, -1, 0, 1, 2] {
            let text = expiry(1_000.0 + delta as f64, 1_000);
            assert_eq!(text.starts_with("expired"), delta <= 0, "{delta}: {text}");
            assert!(!text.contains("expires") || !text.contains("ago"), "{text}");
        }
    }

    #[test]
    fn utc_times() {
        assert_eq!(utc(4_102_444_800.0).unwrap(), "2100-01-01T00:00:00Z");
        assert!(utc(-1.0).is_none());
        assert!(utc(1e300).is_none());
        assert!(utc(f64::NAN).is_none());
    }

    #[test]
    fn instants() {
        assert_eq!(parse_instant("1300819380").unwrap(), 1_300_819_380);
        assert_eq!(
            parse_instant("2011-03-22T18:43:00Z").unwrap(),
            1_300_819_380
        );
        assert!(parse_instant("yesterday").is_err());
    }
}
