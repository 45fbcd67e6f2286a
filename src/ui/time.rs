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

/// `just now`, `45s ago`, `3m ago`… (the dashboard's update needs it too, to know when a
/// shown age changes).
pub use crate::domain::words::ago;

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
