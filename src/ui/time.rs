//! Times as people read them: local time, and how long ago.

use chrono::{DateTime, FixedOffset, Utc};

/// `2026-11-22 09:41` in the user's time zone.
pub fn local(t: DateTime<Utc>, offset: FixedOffset) -> String {
    t.with_timezone(&offset)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// `11-22 09:41`: the same without the year, where room is short.
pub fn local_short(t: DateTime<Utc>, offset: FixedOffset) -> String {
    t.with_timezone(&offset).format("%m-%d %H:%M").to_string()
}

/// `just now`, `45s ago`, `3m ago`, `2h ago`, `5d ago`, `4mo ago`, `2y ago`.
pub fn ago(now: DateTime<Utc>, then: DateTime<Utc>) -> String {
    let secs = (now - then).num_seconds();
    match secs {
        i64::MIN..10 => "just now".into(),
        10..60 => format!("{secs}s ago"),
        60..3_600 => format!("{}m ago", secs / 60),
        3_600..86_400 => format!("{}h ago", secs / 3_600),
        86_400..2_592_000 => format!("{}d ago", secs / 86_400),
        2_592_000..31_536_000 => format!("{}mo ago", secs / 2_592_000),
        _ => format!("{}y ago", secs / 31_536_000),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;

    #[test]
    fn ages_read_naturally() {
        let now = Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap();
        let cases = [
            (Duration::seconds(-5), "just now"),
            (Duration::seconds(3), "just now"),
            (Duration::seconds(45), "45s ago"),
            (Duration::minutes(3), "3m ago"),
            (Duration::hours(2), "2h ago"),
            (Duration::days(5), "5d ago"),
            (Duration::days(120), "4mo ago"),
            (Duration::days(800), "2y ago"),
        ];
        for (back, want) in cases {
            assert_eq!(ago(now, now - back), want);
        }
    }

    #[test]
    fn local_time_uses_the_offset() {
        let t = Utc.with_ymd_and_hms(2026, 11, 22, 23, 30, 0).unwrap();
        let plus_two = FixedOffset::east_opt(2 * 3600).unwrap();
        assert_eq!(local(t, plus_two), "2026-11-23 01:30");
    }
}
