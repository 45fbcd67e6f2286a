//! Proof at the edge: which URLs to ask after a purge, and the verdict on what an edge answered.
//!
//! Rules and their sources:
//! - `X-Cache` says how the edge served the request: `Hit from cloudfront` (from its cache),
//!   `RefreshHit from cloudfront` (its copy was expired and revalidated with the origin),
//!   `Miss from cloudfront` (fetched from the origin now), `Error from cloudfront`, and others
//!   (`Redirect`, `LimitExceeded`, `CapacityExceeded`, function-generated answers). The same
//!   words are the `x-edge-result-type` values of CloudFront's access logs (CloudFront Developer
//!   Guide, "Standard logging (access logs)": log file fields; and "Why is my CloudFront
//!   distribution using the origin's cache settings?", AWS re:Post knowledge center, which
//!   reads `X-Cache: Hit from cloudfront` / `RefreshHit from cloudfront`).
//! - `Age` is the number of seconds since the cached copy was fetched or revalidated
//!   (RFC 9111 section 5.1; CloudFront adds it to what it serves from its cache, Developer
//!   Guide "Managing how long content stays in the cache (expiration)").
//! - `X-Amz-Cf-Pop` names the edge location that answered; a request reaches only the edge
//!   nearest the one asking (Developer Guide, "How CloudFront delivers content").

mod sample;
mod verdict;

pub use sample::{Check, SamplePlan, plan};
pub use verdict::{Cache, EdgeAnswer, Judgement, Verdict, judge, judge_failure};

/// How many URLs `verify` asks by default.
pub const DEFAULT_SAMPLE: usize = 10;

#[cfg(test)]
mod tests;
