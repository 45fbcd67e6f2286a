//! The CallerReference of an invalidation: what makes a retry safe.
//!
//! CloudFront answers a second request with the same CallerReference and the same paths with
//! the invalidation it already made, so a retry must reuse the reference; the same reference
//! with other paths is refused. Constraints (InvalidationBatch, `CallerReference`): any
//! character valid in an XML 1.0 document, UTF-8 encoding less than 128 bytes.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::Serialize;

/// The UTF-8 encoding must be under 128 bytes.
pub const MAX_BYTES: usize = 127;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct CallerReference(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallerReferenceError {
    #[error("the caller reference is empty; leave the generated one, or type any unique text")]
    Empty,
    #[error(
        "the caller reference is {0} bytes in UTF-8; CloudFront takes at most {MAX_BYTES}; shorten it"
    )]
    TooLong(usize),
    #[error(
        "the caller reference has U+{code:04X} at character {position}, which XML 1.0 cannot carry; remove it",
        code = *.character as u32
    )]
    NotXml { character: char, position: usize },
}

impl CallerReference {
    /// A fresh reference: `edgepurge-<UTC timestamp>-<8 hex digits>`. The randomness comes from
    /// the caller so that this stays pure.
    pub fn generate(now: DateTime<Utc>, random: u32) -> Self {
        Self(format!(
            "edgepurge-{}-{random:08x}",
            now.format("%Y%m%dT%H%M%SZ")
        ))
    }

    /// Check a reference a user typed.
    pub fn parse(text: &str) -> Result<Self, CallerReferenceError> {
        if text.is_empty() {
            return Err(CallerReferenceError::Empty);
        }
        if text.len() > MAX_BYTES {
            return Err(CallerReferenceError::TooLong(text.len()));
        }
        if let Some((position, character)) =
            text.chars().enumerate().find(|(_, c)| !is_xml_char(*c))
        {
            return Err(CallerReferenceError::NotXml {
                character,
                position: position + 1,
            });
        }
        Ok(Self(text.to_string()))
    }

    /// The reference of part `index` (from 1) of a batch sent as `of` invalidations:
    /// `<reference>-<index>of<of>`, shortened on a character boundary to stay under 128 bytes.
    /// The same reference and part always give the same value, so a retried part is not
    /// created twice.
    pub fn part(&self, index: usize, of: usize) -> Self {
        let suffix = format!("-{index}of{of}");
        let mut base = self.0.as_str();
        while base.len() + suffix.len() > MAX_BYTES {
            let mut cut = base.len() - 1;
            while !base.is_char_boundary(cut) {
                cut -= 1;
            }
            base = &base[..cut];
        }
        Self(format!("{base}{suffix}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CallerReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// XML 1.0 `Char`: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
/// (Rust chars are never surrogates.)
fn is_xml_char(c: char) -> bool {
    matches!(c as u32, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn a_generated_reference_has_the_time_and_randomness() {
        let now = Utc.with_ymd_and_hms(2026, 11, 22, 9, 5, 3).unwrap();
        let r = CallerReference::generate(now, 0xbeef);
        assert_eq!(r.as_str(), "edgepurge-20261122T090503Z-0000beef");
        assert!(CallerReference::parse(r.as_str()).is_ok());
    }

    #[test]
    fn a_typed_reference_must_not_be_empty() {
        assert_eq!(CallerReference::parse(""), Err(CallerReferenceError::Empty));
    }

    #[test]
    fn a_typed_reference_is_under_128_bytes_of_utf8() {
        assert!(CallerReference::parse(&"a".repeat(127)).is_ok());
        assert_eq!(
            CallerReference::parse(&"a".repeat(128)),
            Err(CallerReferenceError::TooLong(128))
        );
        // 43 × 3 bytes = 129 bytes in only 43 characters.
        assert_eq!(
            CallerReference::parse(&"€".repeat(43)),
            Err(CallerReferenceError::TooLong(129))
        );
    }

    #[test]
    fn a_typed_reference_has_xml_characters_only() {
        assert!(CallerReference::parse("deploy 42\tété 🚀").is_ok());
        let err = CallerReference::parse("ab\u{1}c").unwrap_err();
        assert_eq!(
            err,
            CallerReferenceError::NotXml {
                character: '\u{1}',
                position: 3
            }
        );
        assert!(err.to_string().contains("U+0001"));
        assert!(CallerReference::parse("x\u{FFFE}").is_err());
    }

    #[test]
    fn parts_get_stable_distinct_references() {
        let r = CallerReference::parse("deploy-42").unwrap();
        assert_eq!(r.part(1, 3).as_str(), "deploy-42-1of3");
        assert_eq!(r.part(1, 3), r.part(1, 3));
        assert_ne!(r.part(1, 3), r.part(2, 3));
    }

    proptest! {
        #[test]
        fn a_part_reference_is_always_valid(text in "\\PC{1,31}", index in 1usize..5000) {
            // Up to 31 characters of up to 4 bytes: always under 128 bytes.
            let r = CallerReference::parse(&text);
            prop_assume!(r.is_ok(), "not XML: {:?}", text);
            let part = r.unwrap().part(index, 5000);
            prop_assert!(CallerReference::parse(part.as_str()).is_ok());
            let suffix = format!("-{index}of5000");
            prop_assert!(part.as_str().ends_with(&suffix));
        }

        #[test]
        fn a_long_reference_is_shortened_for_its_part(text in "[a-z]{90,110}[é€]{0,5}") {
            // At most 110 + 5 × 3 = 125 bytes: valid, and too long to take a suffix whole.
            let part = CallerReference::parse(&text).unwrap().part(12, 40);
            prop_assert!(part.as_str().len() <= MAX_BYTES);
            prop_assert!(part.as_str().ends_with("-12of40"));
        }
    }
}
