//! A target's past invalidations, made up on demand.
//!
//! Nothing is stored: invalidation `i` (0 is the newest) is a pure function of the target's
//! seed and `i`, and its id encodes `i` reversibly, so a marker leads straight back to its place
//! and `--demo-history 100000` costs no memory.

use chrono::{DateTime, Duration, Utc};
use rand::rngs::SmallRng;
use rand::{RngExt, SeedableRng};

use crate::domain::invalidation::{Invalidation, InvalidationSummary, Status};

/// Ids of invalidations made during the session start here, after every possible history index.
pub const CREATED_BASE: u64 = 1 << 40;

/// How a target's history is made.
#[derive(Debug, Clone)]
pub struct History {
    seed: u64,
    pub len: usize,
    /// The newest past invalidation was made about here.
    newest: DateTime<Utc>,
    every: Duration,
    templates: Vec<String>,
    slugs: Vec<String>,
}

impl History {
    pub fn new(
        seed: u64,
        len: usize,
        newest: DateTime<Utc>,
        every: Duration,
        templates: Vec<String>,
        slugs: Vec<String>,
    ) -> Self {
        Self {
            seed,
            len,
            newest,
            every,
            templates,
            slugs,
        }
    }

    /// The target's seed, from which all of its history is made.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The id of sequence number `n` (a history index, or `CREATED_BASE + k`).
    pub fn id(&self, n: u64) -> String {
        encode_id(self.seed, n)
    }

    /// The sequence number an id stands for, if it is one of this target's.
    pub fn number(&self, id: &str) -> Option<u64> {
        decode_id(self.seed, id)
    }

    fn rng(&self, i: usize) -> SmallRng {
        SmallRng::seed_from_u64(mix(
            self.seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ))
    }

    /// Strictly older as `i` grows: each gap is between `every / 2` and `every * 3 / 2`.
    pub fn create_time(&self, i: usize) -> DateTime<Utc> {
        let jitter_ms = self.every.num_milliseconds().max(2) / 2;
        let jitter = (mix(self.seed.wrapping_add(i as u64)) % jitter_ms as u64) as i64;
        let back = self
            .every
            .num_milliseconds()
            .saturating_mul(i as i64)
            .saturating_add(jitter);
        Duration::try_milliseconds(back)
            .and_then(|d| self.newest.checked_sub_signed(d))
            .unwrap_or(DateTime::<Utc>::MIN_UTC)
    }

    pub fn summary(&self, i: usize) -> InvalidationSummary {
        InvalidationSummary {
            id: self.id(i as u64),
            status: Status::Completed,
            create_time: self.create_time(i),
        }
    }

    pub fn invalidation(&self, i: usize) -> Invalidation {
        let mut rng = self.rng(i);
        let created = self.create_time(i);
        Invalidation {
            id: self.id(i as u64),
            status: Status::Completed,
            create_time: created,
            caller_reference: caller_reference(&mut rng, created),
            items: self.items(&mut rng, created),
        }
    }

    /// Paths for a new invalidation made up by the demo (the ones in progress at start).
    pub fn invented_items(&self, salt: u64, at: DateTime<Utc>) -> Vec<String> {
        let mut rng = SmallRng::seed_from_u64(mix(self.seed ^ salt));
        self.items(&mut rng, at)
    }

    fn items(&self, rng: &mut SmallRng, at: DateTime<Utc>) -> Vec<String> {
        if self.templates.is_empty() {
            return vec!["/index.html".into()];
        }
        // Mostly a few paths (a deploy), sometimes dozens (a catalogue update).
        let count = match rng.random_range(0..100) {
            0..70 => rng.random_range(1..=3),
            70..95 => rng.random_range(4..=20),
            _ => rng.random_range(21..=120),
        };
        let mut items: Vec<String> = Vec::with_capacity(count);
        let mut wildcards = 0;
        for _ in 0..count * 2 {
            if items.len() == count {
                break;
            }
            let template = &self.templates[rng.random_range(0..self.templates.len())];
            let item = self.fill(template, rng, at);
            let wildcard = item.ends_with('*');
            // Keep the history plausible: few wildcards, and `/*` only on its own.
            if (wildcard && (wildcards >= 2 || item == "/*" && count > 1)) || items.contains(&item)
            {
                continue;
            }
            wildcards += usize::from(wildcard);
            items.push(item);
        }
        if items.is_empty() {
            items.push("/index.html".into());
        }
        items
    }

    fn fill(&self, template: &str, rng: &mut SmallRng, at: DateTime<Utc>) -> String {
        let mut out = template.to_string();
        while let Some(i) = out.find("{hash}") {
            out.replace_range(i..i + 6, &format!("{:08x}", rng.random::<u32>()));
        }
        while let Some(i) = out.find("{n}") {
            out.replace_range(i..i + 3, &rng.random_range(1..=480).to_string());
        }
        while let Some(i) = out.find("{slug}") {
            let slug = self
                .slugs
                .get(rng.random_range(0..self.slugs.len().max(1)))
                .map_or("page", String::as_str);
            out.replace_range(i..i + 6, slug);
        }
        out.replace("{yyyy}", &at.format("%Y").to_string())
            .replace("{mm}", &at.format("%m").to_string())
    }
}

/// References in the styles real accounts show: CI runs, scripts, consoles, edgepurge.
fn caller_reference(rng: &mut SmallRng, at: DateTime<Utc>) -> String {
    match rng.random_range(0..4) {
        0 => format!(
            "github-actions-{}-{}",
            rng.random_range(4_000_000_000u64..9_000_000_000),
            rng.random_range(1..4)
        ),
        1 => format!("deploy-{}", at.format("%Y%m%d%H%M%S")),
        2 => format!(
            "edgepurge-{}-{:08x}",
            at.format("%Y%m%dT%H%M%SZ"),
            rng.random::<u32>()
        ),
        _ => format!("cli-{}", at.timestamp()),
    }
}

/// splitmix64's finalizer: a good 64-bit mix.
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

const K: u64 = 0xD6E8_FEB8_6659_FD93;
const K_INVERSE: u64 = inverse(K);
const K2: u64 = 0x9E37_79B9_7F4A_7C15;
const K2_INVERSE: u64 = inverse(K2);
const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// The multiplicative inverse of an odd number modulo 2^64 (Newton's iteration).
const fn inverse(k: u64) -> u64 {
    let mut x = k;
    let mut i = 0;
    while i < 6 {
        x = x.wrapping_mul(2u64.wrapping_sub(k.wrapping_mul(x)));
        i += 1;
    }
    x
}

/// `I` and 13 base-32 characters: a bijection of (seed, n), so ids look random but decode.
fn encode_id(seed: u64, n: u64) -> String {
    // Multiply, fold the high half into the low (its own inverse), multiply again: every bit
    // of `n` reaches every character.
    let mut v = n.wrapping_mul(K);
    v ^= v >> 32;
    v = (v.wrapping_mul(K2) ^ seed).rotate_left(17);
    let mut out = [0u8; 13];
    for slot in out.iter_mut().rev() {
        *slot = ALPHABET[(v & 31) as usize];
        v >>= 5;
    }
    format!("I{}", String::from_utf8_lossy(&out))
}

fn decode_id(seed: u64, id: &str) -> Option<u64> {
    let body = id.strip_prefix('I')?;
    if body.len() != 13 {
        return None;
    }
    let mut v: u64 = 0;
    for (i, b) in body.bytes().enumerate() {
        let digit = ALPHABET.iter().position(|&a| a == b)? as u64;
        // The first character carries only the top 4 bits.
        if i == 0 && digit > 15 {
            return None;
        }
        v = (v << 5) | digit;
    }
    let mut n = (v.rotate_right(17) ^ seed).wrapping_mul(K2_INVERSE);
    n ^= n >> 32;
    Some(n.wrapping_mul(K_INVERSE))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn history(len: usize) -> History {
        History::new(
            42,
            len,
            Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap(),
            Duration::minutes(90),
            vec![
                "/a/{slug}".into(),
                "/b/{hash}.js".into(),
                "/c/*".into(),
                "/*".into(),
            ],
            vec!["x".into(), "y".into()],
        )
    }

    #[test]
    fn ids_decode_to_their_number_and_only_for_their_target() {
        let h = history(10);
        for n in [0, 1, 9, 99_999, CREATED_BASE, CREATED_BASE + 7] {
            let id = h.id(n);
            assert_eq!(id.len(), 14);
            assert_eq!(h.number(&id), Some(n));
        }
        let other = History {
            seed: 43,
            ..h.clone()
        };
        assert_ne!(other.number(&h.id(3)), Some(3));
        assert_eq!(h.number("E2QWRUHAPOMQZL"), None);
        assert_eq!(h.number("IZZZZZZZZZZZZZ"), None);
    }

    #[test]
    fn history_is_newest_first_and_the_same_every_time() {
        let h = history(1_000);
        for i in 0..999 {
            assert!(h.create_time(i) > h.create_time(i + 1));
        }
        assert_eq!(h.invalidation(17), h.invalidation(17));
        assert_ne!(h.invalidation(17).items, h.invalidation(18).items);
    }

    #[test]
    fn made_up_batches_are_valid_and_keep_wildcards_rare() {
        use crate::domain::batch::PathBatch;
        let h = history(500);
        for i in 0..500 {
            let inv = h.invalidation(i);
            let batch = PathBatch::from_items(&inv.items);
            assert!(batch.is_submittable(), "{:?}", inv.items);
            assert_eq!(batch.kept().len(), inv.items.len(), "{:?}", inv.items);
            let wildcards = inv.items.iter().filter(|p| p.ends_with('*')).count();
            assert!(wildcards <= 2);
            assert!(!inv.items.contains(&"/*".to_string()) || inv.items.len() == 1);
        }
    }
}
