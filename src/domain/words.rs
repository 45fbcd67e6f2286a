//! Counting things in messages.

/// `1 item is`, `3 items are`: the count with its words in the right number.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `1 path`, `3 paths`, for nouns whose plural adds an `s`.
pub fn plural(n: usize, noun: &str) -> String {
    count(n, noun, &format!("{noun}s"))
}

/// `100000` as `100,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A length of time as people say it: `45s`, `4m 10s`, `2h 5m`, `3d 4h`.
pub fn duration(d: chrono::Duration) -> String {
    let secs = d.num_seconds().max(0);
    match secs {
        0..60 => format!("{secs}s"),
        60..3_600 => format!("{}m {}s", secs / 60, secs % 60),
        3_600..86_400 => format!("{}h {}m", secs / 3_600, secs % 3_600 / 60),
        _ => format!("{}d {}h", secs / 86_400, secs % 86_400 / 3_600),
    }
}

/// `just now`, `45s ago`, `3m ago`, `2h ago`, `5d ago`, `4mo ago`, `2y ago`.
pub fn ago(now: chrono::DateTime<chrono::Utc>, then: chrono::DateTime<chrono::Utc>) -> String {
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
    use super::*;

    #[test]
    fn durations_read_naturally() {
        let s = chrono::Duration::seconds;
        assert_eq!(duration(s(-3)), "0s");
        assert_eq!(duration(s(45)), "45s");
        assert_eq!(duration(s(250)), "4m 10s");
        assert_eq!(duration(s(7_500)), "2h 5m");
        assert_eq!(duration(s(273_600)), "3d 4h");
    }

    #[test]
    fn one_is_singular_and_the_rest_plural() {
        assert_eq!(plural(1, "path"), "1 path");
        assert_eq!(plural(0, "path"), "0 paths");
        assert_eq!(count(2, "item is", "items are"), "2 items are");
    }
}
