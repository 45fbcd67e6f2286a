//! `--timeout DURATION`: `90s`, `10m`, `1h`, `1h30m`.

use std::time::Duration;

/// Read a duration written as numbers with units (`ms`, `s`, `m`, `h`), e.g. `1h30m`.
pub fn parse(text: &str) -> Result<Duration, String> {
    let help =
        || format!("'{text}' is not a duration; write a number with a unit: 90s, 10m, 1h or 1h30m");
    let text = text.trim();
    if text.is_empty() {
        return Err(help());
    }
    let mut total = Duration::ZERO;
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(help());
        }
        let number: u64 = rest[..digits].parse().map_err(|_| help())?;
        rest = &rest[digits..];
        let letters = rest.bytes().take_while(|b| b.is_ascii_alphabetic()).count();
        let unit = match &rest[..letters] {
            "ms" => Duration::from_millis(1),
            "s" => Duration::from_secs(1),
            "m" => Duration::from_secs(60),
            "h" => Duration::from_secs(3_600),
            _ => return Err(help()),
        };
        rest = &rest[letters..];
        let part = u32::try_from(number)
            .ok()
            .and_then(|n| unit.checked_mul(n))
            .ok_or_else(help)?;
        total = total.checked_add(part).ok_or_else(help)?;
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_and_their_sums() {
        assert_eq!(parse("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse("10m"), Ok(Duration::from_secs(600)));
        assert_eq!(parse("1h"), Ok(Duration::from_secs(3_600)));
        assert_eq!(parse("1h30m"), Ok(Duration::from_secs(5_400)));
        assert_eq!(parse("1m30s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse("0s"), Ok(Duration::ZERO));
    }

    #[test]
    fn a_number_needs_its_unit() {
        for bad in ["90", "", "s", "1d", "1.5h", "-1s", "1 h", "99999999999h"] {
            let err = parse(bad).unwrap_err();
            assert!(err.contains("90s, 10m, 1h"), "{bad}: {err}");
        }
    }
}
