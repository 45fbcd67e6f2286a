//! The demo account's edges. A path purged by an invalidation still in progress answers
//! stale (a hit cached an hour before it); once the invalidation completes, the first request
//! is a miss and later ones hits as old as that miss. A path no recent invalidation covers
//! answers a hit a day old. Time is the demo clock's, so a run is the same every time.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use super::{Edge, EdgeAnswer, EdgeError, EdgeRequest, hosts};
use crate::backend::Backend;
use crate::clock::SharedClock;
use crate::domain::invalidation::{Invalidation, PageRequest, Status};
use crate::domain::target::CloudFrontTarget;

/// The edge location every demo answer names.
pub const POP: &str = "DEMO50-P1";

/// How many of a target's newest invalidations are looked at for one covering the path.
const RECENT: usize = 20;

/// How long before its invalidation a stale copy was cached.
const STALE_BY_SECS: i64 = 3600;

/// The age of a copy no recent invalidation touched.
const UNTOUCHED_AGE_SECS: i64 = 86_400;

pub struct DemoEdge {
    backend: Arc<dyn Backend>,
    clock: SharedClock,
    /// When each URL was fetched from the origin again after its invalidation completed.
    refetched: Mutex<HashMap<String, DateTime<Utc>>>,
}

impl DemoEdge {
    pub fn new(backend: Arc<dyn Backend>, clock: SharedClock) -> Self {
        Self {
            backend,
            clock,
            refetched: Mutex::new(HashMap::new()),
        }
    }

    /// The newest of the target's recent invalidations that purged `path`.
    async fn covering(
        &self,
        target: &CloudFrontTarget,
        path: &str,
    ) -> Result<Option<Invalidation>, EdgeError> {
        let failed = |e: crate::backend::BackendError| EdgeError::Network(e.to_string());
        let page = self
            .backend
            .list_invalidations(target, &PageRequest::first(RECENT as u32))
            .await
            .map_err(failed)?;
        for summary in page.items.iter().take(RECENT) {
            let inv = self
                .backend
                .get_invalidation(target, &summary.id)
                .await
                .map_err(failed)?;
            if inv.items.iter().any(|item| covers(item, path)) {
                return Ok(Some(inv));
            }
        }
        Ok(None)
    }
}

/// A path item covers itself; a wildcard every path it is a prefix of.
fn covers(item: &str, path: &str) -> bool {
    match item.strip_suffix('*') {
        Some(prefix) => path.starts_with(prefix),
        None => item == path,
    }
}

#[async_trait]
impl Edge for DemoEdge {
    async fn get(&self, request: &EdgeRequest) -> Result<EdgeAnswer, EdgeError> {
        let uri: http::Uri = request
            .url
            .parse()
            .map_err(|e| EdgeError::BadUrl(format!("{}: {e}", request.url)))?;
        let (Some(host), Some(path)) = (uri.host(), uri.path_and_query()) else {
            return Err(EdgeError::BadUrl(request.url.clone()));
        };
        let target = hosts::target_of(self.backend.as_ref(), host)
            .await
            .map_err(|e| EdgeError::Network(e.to_string()))?
            .ok_or_else(|| {
                EdgeError::Network(format!("{host}: no demo distribution answers on this host"))
            })?;
        let now = self.clock.now();
        let covering = self.covering(&target, path.as_str()).await?;
        let age = match covering {
            None => Some(UNTOUCHED_AGE_SECS),
            Some(inv) if inv.status != Status::Completed => {
                Some((now - inv.create_time).num_seconds() + STALE_BY_SECS)
            }
            Some(inv) => {
                let mut refetched = self
                    .refetched
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                match refetched.get(&request.url) {
                    Some(at) if *at >= inv.create_time => Some((now - *at).num_seconds()),
                    _ => {
                        refetched.insert(request.url.clone(), now);
                        None
                    }
                }
            }
        };
        Ok(EdgeAnswer {
            status: 200,
            x_cache: Some(match age {
                Some(_) => "Hit from cloudfront".into(),
                None => "Miss from cloudfront".into(),
            }),
            age: age.map(|a| a.max(0).to_string()),
            date: Some(now.format("%a, %d %b %Y %H:%M:%S GMT").to_string()),
            pop: Some(POP.into()),
            ..EdgeAnswer::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use chrono::TimeZone;

    use super::*;
    use crate::backend::demo::DemoSettings;
    use crate::domain::caller_reference::CallerReference;
    use crate::domain::edge::{Verdict, judge};
    use crate::fixtures::demo::{ASSETS, account};

    const HOST: &str = "assets.northwind-shop.com";

    fn get(url: &str) -> EdgeRequest {
        EdgeRequest {
            url: url.into(),
            whole_body: false,
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_purged_path_is_stale_until_its_invalidation_completes_then_fresh() {
        let origin = Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap();
        let (backend, clock) = account(DemoSettings::default(), origin);
        let backend: Arc<dyn Backend> = Arc::new(backend);
        let edge = DemoEdge::new(Arc::clone(&backend), Arc::clone(&clock));
        let target = CloudFrontTarget::distribution(ASSETS);
        let inv = backend
            .create_invalidation(
                &target,
                &["/img/*".to_string()],
                &CallerReference::parse("edge-test").unwrap(),
            )
            .await
            .unwrap();
        let url = format!("https://{HOST}/img/logo.png");
        let hosts = vec![HOST.to_string()];

        tokio::time::advance(Duration::from_secs(5)).await;
        let before = edge.get(&get(&url)).await.unwrap();
        assert_eq!(before.x_cache.as_deref(), Some("Hit from cloudfront"));
        assert_eq!(before.pop.as_deref(), Some(POP));
        let j = judge(&before, &hosts, inv.create_time, clock.now());
        assert_eq!(j.verdict, Verdict::Stale, "{j:?}");

        tokio::time::advance(Duration::from_secs(120)).await;
        let first = edge.get(&get(&url)).await.unwrap();
        assert_eq!(first.x_cache.as_deref(), Some("Miss from cloudfront"));
        tokio::time::advance(Duration::from_secs(7)).await;
        let then = edge.get(&get(&url)).await.unwrap();
        assert_eq!(then.x_cache.as_deref(), Some("Hit from cloudfront"));
        assert_eq!(then.age.as_deref(), Some("7"));
        let j = judge(&then, &hosts, inv.create_time, clock.now());
        assert_eq!(j.verdict, Verdict::Fresh, "{j:?}");

        // A path the invalidation did not touch: an old hit.
        let other = edge
            .get(&get(&format!("https://{HOST}/css/site.css")))
            .await
            .unwrap();
        assert_eq!(other.age.as_deref(), Some("86400"));
    }

    #[tokio::test(start_paused = true)]
    async fn a_host_no_demo_target_owns_gets_no_answer() {
        let origin = Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap();
        let (backend, clock) = account(DemoSettings::default(), origin);
        let edge = DemoEdge::new(Arc::new(backend), clock);
        let e = edge.get(&get("https://example.org/a")).await.unwrap_err();
        assert!(e.to_string().contains("example.org"), "{e}");
    }
}
