//! The journal's vocabulary: a write edgepurge made or tried, and where it stands. A part's
//! intent is recorded before its first request; its answer after. An entry with no answer is
//! `Unconfirmed`: the invalidation may or may not exist, and sending it again with its own
//! caller reference is the safe way to find out.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Committed before sending; no answer recorded yet.
    Unconfirmed,
    /// The invalidation (or reset) exists.
    Sent,
    /// The service refused it: nothing was made.
    Failed,
    /// The user chose not to send it again.
    Forgotten,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unconfirmed => "unconfirmed",
            Self::Sent => "sent",
            Self::Failed => "failed",
            Self::Forgotten => "forgotten",
        }
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for State {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "unconfirmed" => Ok(Self::Unconfirmed),
            "sent" => Ok(Self::Sent),
            "failed" => Ok(Self::Failed),
            "forgotten" => Ok(Self::Forgotten),
            other => Err(format!(
                "'{other}' is not a journal state; use unconfirmed, sent, failed or forgotten"
            )),
        }
    }
}

/// Where a write was made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Dashboard,
    Cli,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Dashboard => "dashboard",
            Self::Cli => "cli",
        }
    }
}

/// What kind of write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Invalidation,
    /// A Lightsail cache reset (no paths; `invalidation_id` holds the operation id).
    Reset,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Invalidation => "invalidation",
            Self::Reset => "reset",
        }
    }
}

/// Who sent it, and from where: enough to answer "who purged this?".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sender {
    /// OS user and host: `alice@build-7`.
    pub user: String,
    /// The command line, or `dashboard`.
    pub command: String,
    /// The AWS identity, when known (STS GetCallerIdentity).
    pub caller_arn: Option<String>,
    pub account: Option<String>,
    pub profile: Option<String>,
    pub endpoint: Option<String>,
}

/// The intent of one part for one target, recorded before it is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intent {
    pub caller_reference: String,
    pub batch_reference: String,
    /// From 1.
    pub part: usize,
    pub parts: usize,
    /// As the CLI takes it: `E…`, `tenant:dt_…`, `lightsail:NAME`.
    pub target: String,
    pub kind: Kind,
    pub items: Vec<String>,
    pub origin: Origin,
    pub sender: Sender,
    pub attempted_at: DateTime<Utc>,
}

/// A journal entry as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub intent: Intent,
    pub state: State,
    pub invalidation_id: Option<String>,
    pub status: Option<String>,
    pub error: Option<String>,
    pub tries: u32,
    pub answered_at: Option<DateTime<Utc>>,
    pub reported_at: Option<DateTime<Utc>>,
}

/// A fingerprint of a part's items that does not depend on their order (CloudFront treats
/// the same paths in another order as the same batch), for finding a batch sent again.
/// FNV-1a over the sorted items: stable across versions and platforms, unlike `DefaultHasher`.
pub fn items_hash(items: &[String]) -> String {
    let mut sorted: Vec<&str> = items.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for item in sorted {
        for byte in item.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}-{}", items.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_hash_ignores_order_and_tells_batches_apart() {
        assert_eq!(items_hash(&v(&["/a", "/b"])), items_hash(&v(&["/b", "/a"])));
        assert_ne!(items_hash(&v(&["/a", "/b"])), items_hash(&v(&["/a"])));
        // Item boundaries count: "/a" + "b" is not "/ab".
        assert_ne!(items_hash(&v(&["/a", "b"])), items_hash(&v(&["/ab"])));
        assert!(
            items_hash(&v(&["/a"])).ends_with("-1"),
            "the count is part of it"
        );
    }

    #[test]
    fn states_read_back_as_written() {
        for s in [
            State::Unconfirmed,
            State::Sent,
            State::Failed,
            State::Forgotten,
        ] {
            assert_eq!(s.as_str().parse::<State>(), Ok(s));
        }
        let e = "done".parse::<State>().unwrap_err();
        assert!(e.contains("unconfirmed, sent, failed"), "{e}");
    }
}
