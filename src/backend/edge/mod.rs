//! The edges of a CDN, asked the way a visitor asks: one GET of a URL, no credentials, no
//! redirect followed. Two implementations: `http` (the network) and `demo` (the demo
//! account's simulated edges). What is asked, how many at once and for how long is decided
//! in [`ask`]; which hosts are a target's own in [`hosts`].

pub mod ask;
pub mod check;
pub mod demo;
pub mod hosts;
pub mod http;

use async_trait::async_trait;

pub use crate::domain::edge::EdgeAnswer;

/// One GET of a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeRequest {
    pub url: String,
    /// Read the whole body (a warm-up: the edge sends and keeps the whole object); otherwise
    /// the answer's headers are enough and the body is left unread.
    pub whole_body: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EdgeError {
    #[error("not a URL edgepurge can ask: {0}")]
    BadUrl(String),
    #[error("no answer within {0} s")]
    TimedOut(u64),
    #[error("not asked: the {0} s all requests may take had passed")]
    OverTime(u64),
    #[error("{0}")]
    Network(String),
}

/// What the edges of a CDN answer.
#[async_trait]
pub trait Edge: Send + Sync {
    /// GET the URL once; a redirect is returned as it came, never followed.
    async fn get(&self, request: &EdgeRequest) -> Result<EdgeAnswer, EdgeError>;
}

/// The User-Agent every request carries: a person reading an access log sees who asked.
pub const USER_AGENT: &str = concat!(
    "edgepurge/",
    env!("CARGO_PKG_VERSION"),
    " (cache verification)"
);
