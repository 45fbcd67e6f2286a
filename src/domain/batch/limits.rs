//! How much text a batch may be: a cap well above any real batch, so that a wrong file
//! (`/dev/zero`, a log of millions of lines) is refused at once instead of filling the memory.
//!
//! CloudFront takes 3,000 items an invalidation; 100,000 items are 34 invalidations, more than a
//! distribution can have in progress at once (15 wildcard paths, 3,000 file paths), so a real
//! deploy never comes near. Both caps can be raised in the config file (`[batch]`).

use std::fmt;

/// The default cap on a batch's items (non-blank lines).
pub const DEFAULT_MAX_ITEMS: usize = 100_000;
/// The default cap on a batch's text, in megabytes (MiB).
pub const DEFAULT_MAX_MEGABYTES: u64 = 64;

const MEGABYTE: u64 = 1 << 20;

/// The most a batch may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchLimits {
    pub max_items: usize,
    pub max_megabytes: u64,
}

impl Default for BatchLimits {
    fn default() -> Self {
        Self {
            max_items: DEFAULT_MAX_ITEMS,
            max_megabytes: DEFAULT_MAX_MEGABYTES,
        }
    }
}

impl BatchLimits {
    pub fn max_bytes(&self) -> u64 {
        self.max_megabytes.saturating_mul(MEGABYTE)
    }

    /// Whether `text` fits; the error says which cap it passes and what to do.
    pub fn check(&self, text: &str) -> Result<(), TooLarge> {
        if text.len() as u64 > self.max_bytes() {
            return Err(TooLarge::Bytes(self.max_megabytes));
        }
        let mut count = ItemCount::default();
        count.feed(text.as_bytes());
        self.check_items(count.items())
    }

    /// Whether `items` items fit.
    pub fn check_items(&self, items: usize) -> Result<(), TooLarge> {
        if items > self.max_items {
            return Err(TooLarge::Items(self.max_items));
        }
        Ok(())
    }
}

/// A batch past one of its caps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TooLarge {
    /// More items than the cap (the cap).
    Items(usize),
    /// More text than the cap, in megabytes (the cap).
    Bytes(u64),
}

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TooLarge::Items(max) => write!(
                f,
                "the batch has more than {} items, the most edgepurge reads at once; split it \
                 into batches of at most {} (or raise max_items in [batch] of the config file)",
                thousands(*max as u64),
                thousands(*max as u64),
            ),
            TooLarge::Bytes(max) => write!(
                f,
                "the batch is more than {max} MB of text, the most edgepurge reads at once; is \
                 it the right file? Split it (or raise max_megabytes in [batch] of the config \
                 file)"
            ),
        }
    }
}

/// Counts items (non-blank lines) in text given in pieces, as it is read.
///
/// A line counts when it holds a byte that is not ASCII whitespace: a line of only Unicode
/// spaces counts too, which only makes the cap a little stricter than the batch's own count.
#[derive(Debug, Clone, Copy, Default)]
pub struct ItemCount {
    items: usize,
    /// The line being read has counted already.
    counted: bool,
}

impl ItemCount {
    pub fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if b == b'\n' {
                self.counted = false;
            } else if !self.counted && !b.is_ascii_whitespace() {
                self.counted = true;
                self.items += 1;
            }
        }
    }

    pub fn items(&self) -> usize {
        self.items
    }
}

use crate::domain::words::thousands;

#[cfg(test)]
mod tests {
    use super::*;

    fn items(pieces: &[&str]) -> usize {
        let mut count = ItemCount::default();
        for p in pieces {
            count.feed(p.as_bytes());
        }
        count.items()
    }

    #[test]
    fn items_are_non_blank_lines_however_the_text_is_cut() {
        assert_eq!(items(&["/a\n\n  \n/b"]), 2);
        assert_eq!(items(&["/a", "bc\n", "\n", "/d\r\n", " \t\r\n", "#t"]), 3);
        assert_eq!(items(&[""]), 0);
        assert_eq!(items(&["\u{0}"]), 1, "a NUL is not blank");
    }

    #[test]
    fn a_batch_past_its_caps_is_refused_naming_the_cap_and_the_fix() {
        let limits = BatchLimits {
            max_items: 2,
            max_megabytes: 1,
        };
        assert!(limits.check("/a\n\n/b\n").is_ok());
        let err = limits.check("/a\n/b\n/c").unwrap_err();
        assert_eq!(err, TooLarge::Items(2));
        let text = err.to_string();
        assert!(text.contains("more than 2 items"), "{text}");
        assert!(text.contains("max_items in [batch]"), "{text}");
        let big = "x".repeat((1 << 20) + 1);
        let err = limits.check(&big).unwrap_err();
        assert_eq!(err, TooLarge::Bytes(1));
        assert!(err.to_string().contains("max_megabytes"), "{err}");
    }

    #[test]
    fn the_default_cap_is_written_with_separators() {
        let text = TooLarge::Items(DEFAULT_MAX_ITEMS).to_string();
        assert!(text.contains("more than 100,000 items"), "{text}");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(999), "999");
    }
}
