//! The verdict on one edge's answer: did it serve a copy older than the invalidation?

use chrono::{DateTime, Utc};
use serde::Serialize;

/// What an edge answered to one GET: the status and the headers the verdict reads, as sent
/// (each absent when the answer had none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EdgeAnswer {
    pub status: u16,
    pub x_cache: Option<String>,
    pub age: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub date: Option<String>,
    pub pop: Option<String>,
    /// Where a redirect points (`Location`).
    pub location: Option<String>,
}

/// How the edge served it, from the first word of `X-Cache`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cache {
    Hit,
    RefreshHit,
    Miss,
    Error,
    /// Any other word (`Redirect`, `LimitExceeded`, `FunctionGeneratedResponse`…), as sent.
    Other(String),
}

impl Cache {
    /// `Hit from cloudfront` → Hit; the word is read without regard to case.
    pub fn read(x_cache: &str) -> Self {
        let word = x_cache.split_whitespace().next().unwrap_or_default();
        match word.to_ascii_lowercase().as_str() {
            "hit" => Self::Hit,
            "refreshhit" => Self::RefreshHit,
            "miss" => Self::Miss,
            "error" => Self::Error,
            _ => Self::Other(word.to_string()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Not served from a copy older than the invalidation.
    Fresh,
    /// A copy cached before the invalidation was served.
    Stale,
    /// The answer cannot tell; the reason says why.
    Unknown,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Fresh => "fresh",
            Self::Stale => "stale",
            Self::Unknown => "unknown",
        }
    }
}

/// A verdict and why, in words for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    pub verdict: Verdict,
    pub reason: String,
}

impl Judgement {
    fn new(verdict: Verdict, reason: impl Into<String>) -> Self {
        Self {
            verdict,
            reason: reason.into(),
        }
    }
}

/// A request that got no answer (a timeout, a refused connection): nothing to judge.
pub fn judge_failure(why: &str) -> Judgement {
    Judgement::new(Verdict::Unknown, why)
}

/// Judge `answer` to a request sent to one of `hosts`, for an invalidation created at
/// `created`; `now` is the local clock, used when the answer carries no `Date`.
pub fn judge(
    answer: &EdgeAnswer,
    hosts: &[String],
    created: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Judgement {
    let redirect = (300..400).contains(&answer.status);
    if redirect && let Some(location) = &answer.location {
        match off_hosts(location, hosts) {
            Some(host) => {
                return Judgement::new(
                    Verdict::Unknown,
                    format!("redirected to {host}, not one of the target's hosts: not followed"),
                );
            }
            None if answer.x_cache.is_none() => {
                return Judgement::new(
                    Verdict::Unknown,
                    format!(
                        "a redirect (HTTP {}) without X-Cache: not followed",
                        answer.status
                    ),
                );
            }
            None => {}
        }
    }
    let Some(x_cache) = &answer.x_cache else {
        return Judgement::new(
            Verdict::Unknown,
            format!(
                "HTTP {} without an X-Cache header: not answered by a CloudFront edge, or the \
                 header is removed",
                answer.status
            ),
        );
    };
    let what = if redirect {
        format!("a redirect (HTTP {}, not followed): ", answer.status)
    } else {
        String::new()
    };
    match Cache::read(x_cache) {
        Cache::Miss => Judgement::new(
            Verdict::Fresh,
            format!("{what}a miss: the edge fetched it from the origin now"),
        ),
        Cache::RefreshHit => Judgement::new(
            Verdict::Fresh,
            format!("{what}a refresh hit: the edge checked its copy with the origin now"),
        ),
        Cache::Error => Judgement::new(
            Verdict::Unknown,
            format!("the edge answered with an error (HTTP {})", answer.status),
        ),
        Cache::Other(word) => Judgement::new(
            Verdict::Unknown,
            format!("X-Cache says '{word}': no cached copy to judge"),
        ),
        Cache::Hit => hit(answer, &what, created, now),
    }
}

/// A hit is fresh when its copy is no older than the invalidation: `Age` at most the seconds
/// from the invalidation's creation to the answer (the edge's `Date`, on AWS's clock as the
/// creation time is, else the local clock).
fn hit(answer: &EdgeAnswer, what: &str, created: DateTime<Utc>, now: DateTime<Utc>) -> Judgement {
    let Some(age) = answer.age.as_deref() else {
        return Judgement::new(
            Verdict::Unknown,
            format!("{what}a hit without an Age header: its copy's age is not told"),
        );
    };
    let Ok(age) = age.trim().parse::<u64>() else {
        return Judgement::new(
            Verdict::Unknown,
            format!("{what}a hit whose Age is not a number of seconds"),
        );
    };
    let answered = answer
        .date
        .as_deref()
        .and_then(|d| DateTime::parse_from_rfc2822(d.trim()).ok())
        .map_or(now, |d| d.with_timezone(&Utc));
    let since = (answered - created).num_seconds();
    let age_signed = i64::try_from(age).unwrap_or(i64::MAX);
    if age_signed <= since {
        Judgement::new(
            Verdict::Fresh,
            format!(
                "{what}a hit cached {age} s ago, after the invalidation (created {since} s before \
                 the answer)"
            ),
        )
    } else {
        Judgement::new(
            Verdict::Stale,
            format!(
                "{what}a hit cached {age} s ago, before the invalidation (created {since} s \
                 before the answer)"
            ),
        )
    }
}

/// The host a `Location` points to when it is none of `hosts`; a relative one stays on the
/// host asked.
fn off_hosts(location: &str, hosts: &[String]) -> Option<String> {
    let location = location.trim();
    let rest = location
        .split_once("://")
        .map(|(_, rest)| rest)
        .or_else(|| location.strip_prefix("//"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit('@').next().unwrap_or_default();
    let host = host_of(authority);
    let known = hosts
        .iter()
        .any(|h| h.eq_ignore_ascii_case(authority) || host_of(h).eq_ignore_ascii_case(host));
    (!known).then(|| authority.to_string())
}

/// `example.com:8443` → `example.com` (a bracketed IPv6 address keeps its brackets).
fn host_of(authority: &str) -> &str {
    if authority.starts_with('[') {
        return authority.split_inclusive(']').next().unwrap_or(authority);
    }
    authority.split(':').next().unwrap_or(authority)
}
