//! For the CLI's library-level tests: the demo account on tokio's (paused) clock, a session on
//! it, and a backend that counts the calls made through it.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use async_trait::async_trait;

use super::session::Session;
use crate::backend::demo::{DemoBackend, DemoSettings};
use crate::backend::{Backend, Result};
use crate::clock::SharedClock;
use crate::domain::account::CallerIdentity;
use crate::domain::caller_reference::CallerReference;
use crate::domain::distribution::{Distribution, LightsailDistribution, Tenant};
use crate::domain::invalidation::{Invalidation, InvalidationPage, PageRequest};
use crate::domain::lightsail::{CacheReset, Operation};
use crate::domain::poll::PollSchedule;
use crate::domain::target::CloudFrontTarget;
use crate::fixtures::demo::{account, origin};

/// The command line as the binary would parse and check it.
pub fn parse(args: &[&str]) -> std::result::Result<super::Cli, clap::Error> {
    use clap::Parser;
    super::Cli::try_parse_from(std::iter::once("edgepurge").chain(args.iter().copied()))
        .and_then(super::Cli::checked)
}

/// The demo account and its clock (call inside a tokio runtime).
pub fn demo() -> (Arc<DemoBackend>, SharedClock) {
    let (backend, clock) = account(DemoSettings::default(), origin());
    (Arc::new(backend), clock)
}

/// A session on `backend` with the real polling schedule and retry policy.
pub fn session(backend: Arc<dyn Backend>, clock: SharedClock) -> Session {
    Session::on(
        backend,
        clock,
        PollSchedule::default(),
        crate::domain::journal::Sender::default(),
    )
}

/// Passes every call on, counting list and create calls.
pub struct Counting {
    pub inner: Arc<dyn Backend>,
    pub lists: AtomicUsize,
    pub creates: AtomicUsize,
}

impl Counting {
    pub fn new(inner: Arc<dyn Backend>) -> Self {
        Self {
            inner,
            lists: AtomicUsize::new(0),
            creates: AtomicUsize::new(0),
        }
    }

    pub fn lists(&self) -> usize {
        self.lists.load(Ordering::Relaxed)
    }

    pub fn creates(&self) -> usize {
        self.creates.load(Ordering::Relaxed)
    }
}

#[async_trait]
impl Backend for Counting {
    async fn caller_identity(&self) -> Result<CallerIdentity> {
        self.inner.caller_identity().await
    }
    async fn list_distributions(&self) -> Result<Vec<Distribution>> {
        self.inner.list_distributions().await
    }
    async fn list_tenants(&self, distribution_id: &str) -> Result<Vec<Tenant>> {
        self.inner.list_tenants(distribution_id).await
    }
    async fn in_progress_count(&self, distribution_id: &str) -> Result<u32> {
        self.inner.in_progress_count(distribution_id).await
    }
    async fn list_lightsail_distributions(&self) -> Result<Vec<LightsailDistribution>> {
        self.inner.list_lightsail_distributions().await
    }
    async fn list_invalidations(
        &self,
        target: &CloudFrontTarget,
        page: &PageRequest,
    ) -> Result<InvalidationPage> {
        self.lists.fetch_add(1, Ordering::Relaxed);
        self.inner.list_invalidations(target, page).await
    }
    async fn get_invalidation(&self, target: &CloudFrontTarget, id: &str) -> Result<Invalidation> {
        self.inner.get_invalidation(target, id).await
    }
    async fn create_invalidation(
        &self,
        target: &CloudFrontTarget,
        items: &[String],
        caller_reference: &CallerReference,
    ) -> Result<Invalidation> {
        self.creates.fetch_add(1, Ordering::Relaxed);
        self.inner
            .create_invalidation(target, items, caller_reference)
            .await
    }
    async fn creators(
        &self,
        target: &CloudFrontTarget,
        since: chrono::DateTime<chrono::Utc>,
        until: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<crate::domain::creator::Creator>> {
        self.inner.creators(target, since, until).await
    }
    async fn reset_lightsail_cache(&self, name: &str) -> Result<Operation> {
        self.inner.reset_lightsail_cache(name).await
    }
    async fn get_lightsail_operation(&self, id: &str) -> Result<Operation> {
        self.inner.get_lightsail_operation(id).await
    }
    async fn latest_lightsail_cache_reset(&self, name: &str) -> Result<Option<CacheReset>> {
        self.inner.latest_lightsail_cache_reset(name).await
    }
}
