//! Paging behind the scenes: newest first, never a page more than needed.

use std::sync::Arc;

use async_trait::async_trait;

use super::*;
use crate::backend::Result;
use crate::backend::demo::{DemoBackend, DemoSettings};
use crate::cli::testing::Counting;
use crate::domain::account::CallerIdentity;
use crate::domain::caller_reference::CallerReference;
use crate::domain::distribution::{Distribution, LightsailDistribution, Tenant};
use crate::domain::invalidation::{Invalidation, InvalidationPage};
use crate::domain::lightsail::{CacheReset, Operation};

use crate::fixtures::demo::{ASSETS as TARGET, account, origin};

fn demo(history: usize) -> Arc<DemoBackend> {
    let settings = DemoSettings {
        history: Some(history),
        ..DemoSettings::default()
    };
    Arc::new(account(settings, origin()).0)
}

fn target() -> CloudFrontTarget {
    CloudFrontTarget::distribution(TARGET)
}

#[tokio::test(start_paused = true)]
async fn a_limit_takes_one_page_of_that_size() {
    let counting = Counting::new(demo(2_500));
    let (items, more) = newest(&counting, &target(), Some(20)).await.unwrap();
    assert_eq!(items.len(), 20);
    assert!(more);
    assert_eq!(counting.lists(), 1);
    assert!(
        items
            .windows(2)
            .all(|w| w[0].create_time >= w[1].create_time),
        "newest first"
    );
}

#[tokio::test(start_paused = true)]
async fn all_pages_by_a_thousand_and_stops_at_the_last() {
    let counting = Counting::new(demo(2_500));
    let (items, more) = newest(&counting, &target(), None).await.unwrap();
    assert_eq!(items.len(), 2_500);
    assert!(!more);
    assert_eq!(counting.lists(), 3, "1000 + 1000 + 500");
    let mut ids: Vec<&str> = items.iter().map(|s| s.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 2_500, "each once");
}

#[tokio::test(start_paused = true)]
async fn a_limit_over_a_page_stops_as_soon_as_it_is_reached() {
    let counting = Counting::new(demo(2_500));
    let (items, more) = newest(&counting, &target(), Some(1_200)).await.unwrap();
    assert_eq!(items.len(), 1_200);
    assert!(more);
    assert_eq!(counting.lists(), 2, "1000, then the 200 still wanted");
    let (all, _) = newest(&counting, &target(), None).await.unwrap();
    assert_eq!(items[..], all[..1_200], "the same newest ones");
}

#[tokio::test(start_paused = true)]
async fn a_limit_past_the_end_is_everything_and_no_more() {
    let counting = Counting::new(demo(30));
    let (items, more) = newest(&counting, &target(), Some(100)).await.unwrap();
    assert_eq!(items.len(), 30);
    assert!(!more);
    assert_eq!(counting.lists(), 1);
}

/// A service that refuses pages over 100, as some emulators might.
struct SmallPages(Arc<DemoBackend>);

#[async_trait]
impl Backend for SmallPages {
    async fn caller_identity(&self) -> Result<CallerIdentity> {
        self.0.caller_identity().await
    }
    async fn list_distributions(&self) -> Result<Vec<Distribution>> {
        self.0.list_distributions().await
    }
    async fn list_tenants(&self, id: &str) -> Result<Vec<Tenant>> {
        self.0.list_tenants(id).await
    }
    async fn in_progress_count(&self, id: &str) -> Result<u32> {
        self.0.in_progress_count(id).await
    }
    async fn list_lightsail_distributions(&self) -> Result<Vec<LightsailDistribution>> {
        self.0.list_lightsail_distributions().await
    }
    async fn list_invalidations(
        &self,
        target: &CloudFrontTarget,
        page: &PageRequest,
    ) -> Result<InvalidationPage> {
        if page.max_items.is_some_and(|n| n > 100) {
            return Err(BackendError::InvalidRequest {
                code: "InvalidArgument".into(),
                message: "MaxItems is at most 100".into(),
            });
        }
        self.0.list_invalidations(target, page).await
    }
    async fn get_invalidation(&self, target: &CloudFrontTarget, id: &str) -> Result<Invalidation> {
        self.0.get_invalidation(target, id).await
    }
    async fn create_invalidation(
        &self,
        target: &CloudFrontTarget,
        items: &[String],
        reference: &CallerReference,
    ) -> Result<Invalidation> {
        self.0.create_invalidation(target, items, reference).await
    }
    async fn creators(
        &self,
        target: &CloudFrontTarget,
        since: chrono::DateTime<chrono::Utc>,
        until: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<crate::domain::creator::Creator>> {
        self.0.creators(target, since, until).await
    }
    async fn reset_lightsail_cache(&self, name: &str) -> Result<Operation> {
        self.0.reset_lightsail_cache(name).await
    }
    async fn get_lightsail_operation(&self, id: &str) -> Result<Operation> {
        self.0.get_lightsail_operation(id).await
    }
    async fn latest_lightsail_cache_reset(&self, name: &str) -> Result<Option<CacheReset>> {
        self.0.latest_lightsail_cache_reset(name).await
    }
}

#[tokio::test(start_paused = true)]
async fn a_service_that_takes_no_large_pages_is_paged_by_a_hundred() {
    let counting = Counting::new(Arc::new(SmallPages(demo(250))));
    let (items, more) = newest(&counting, &target(), None).await.unwrap();
    assert_eq!(items.len(), 250);
    assert!(!more);
    assert_eq!(counting.lists(), 4, "the refused 1000, then 100 + 100 + 50");
}

#[tokio::test(start_paused = true)]
async fn an_unknown_target_is_an_error() {
    let counting = Counting::new(demo(10));
    let err = newest(
        &counting,
        &CloudFrontTarget::distribution("E000NOSUCH"),
        None,
    )
    .await
    .unwrap_err();
    assert!(matches!(err, BackendError::NotFound { .. }), "{err:?}");
}
