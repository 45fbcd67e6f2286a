//! Every backend call in the log: operation, target, how long it took, how it ended and, from
//! the AWS backend, the request ids of its HTTP requests (what AWS support asks for).
//!
//! One method per trait method, each a single `self.call(…)`: a new trait method is one more.

use std::fmt::Display;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tracing::field::Empty;
use tracing::{Instrument, info, info_span, warn};

use super::{Backend, Result};
use crate::domain::account::CallerIdentity;
use crate::domain::caller_reference::CallerReference;
use crate::domain::creator::Creator;
use crate::domain::distribution::{Distribution, LightsailDistribution, Tenant};
use crate::domain::invalidation::{Invalidation, InvalidationPage, PageRequest};
use crate::domain::lightsail::{CacheReset, Operation};
use crate::domain::target::CloudFrontTarget;

tokio::task_local! {
    /// The request ids seen during the call being logged (a call may page through several).
    static REQUEST_IDS: Arc<Mutex<Vec<String>>>;
}

/// Called by the AWS backend for each answer it gets; outside a logged call it does nothing.
pub fn note_request_id(id: &str) {
    let _ = REQUEST_IDS.try_with(|ids| {
        if let Ok(mut ids) = ids.lock() {
            ids.push(id.to_string());
        }
    });
}

/// A backend whose calls are logged.
pub struct LoggedBackend<B> {
    inner: B,
}

impl<B: Backend> LoggedBackend<B> {
    pub fn new(inner: B) -> Self {
        Self { inner }
    }

    async fn call<T>(
        &self,
        operation: &'static str,
        target: Option<&(dyn Display + Sync)>,
        work: impl Future<Output = Result<T>>,
    ) -> Result<T> {
        let span = info_span!(
            "backend",
            operation = %operation,
            target = Empty,
            request_id = Empty
        );
        if let Some(target) = target {
            span.record("target", tracing::field::display(target));
        }
        let ids = Arc::new(Mutex::new(Vec::new()));
        let started = Instant::now();
        let result = REQUEST_IDS
            .scope(Arc::clone(&ids), work)
            .instrument(span.clone())
            .await;
        let elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        let ids = ids.lock().map(|ids| ids.join(",")).unwrap_or_default();
        if !ids.is_empty() {
            span.record("request_id", tracing::field::display(&ids));
        }
        span.in_scope(|| match &result {
            Ok(_) => info!(elapsed_ms, "ok"),
            Err(e) => warn!(elapsed_ms, retryable = e.is_retryable(), error = %e, "failed"),
        });
        result
    }
}

#[async_trait]
impl<B: Backend> Backend for LoggedBackend<B> {
    async fn caller_identity(&self) -> Result<CallerIdentity> {
        let work = self.inner.caller_identity();
        self.call("caller_identity", None, work).await
    }

    async fn list_distributions(&self) -> Result<Vec<Distribution>> {
        let work = self.inner.list_distributions();
        self.call("list_distributions", None, work).await
    }

    async fn list_tenants(&self, distribution_id: &str) -> Result<Vec<Tenant>> {
        let work = self.inner.list_tenants(distribution_id);
        self.call("list_tenants", Some(&distribution_id), work)
            .await
    }

    async fn in_progress_count(&self, distribution_id: &str) -> Result<u32> {
        let work = self.inner.in_progress_count(distribution_id);
        self.call("in_progress_count", Some(&distribution_id), work)
            .await
    }

    async fn list_lightsail_distributions(&self) -> Result<Vec<LightsailDistribution>> {
        let work = self.inner.list_lightsail_distributions();
        self.call("list_lightsail_distributions", None, work).await
    }

    async fn list_invalidations(
        &self,
        target: &CloudFrontTarget,
        page: &PageRequest,
    ) -> Result<InvalidationPage> {
        let work = self.inner.list_invalidations(target, page);
        self.call("list_invalidations", Some(target), work).await
    }

    async fn get_invalidation(&self, target: &CloudFrontTarget, id: &str) -> Result<Invalidation> {
        let work = self.inner.get_invalidation(target, id);
        let about = format!("{target} {id}");
        self.call("get_invalidation", Some(&about), work).await
    }

    async fn create_invalidation(
        &self,
        target: &CloudFrontTarget,
        items: &[String],
        caller_reference: &CallerReference,
    ) -> Result<Invalidation> {
        let work = self
            .inner
            .create_invalidation(target, items, caller_reference);
        // The reference and the size say which batch this was; the paths are in the journal.
        let about = format!("{target} ({} items, {caller_reference})", items.len());
        self.call("create_invalidation", Some(&about), work).await
    }

    async fn creators(
        &self,
        target: &CloudFrontTarget,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Vec<Creator>> {
        let work = self.inner.creators(target, since, until);
        let about = format!("{target} {} to {}", since.to_rfc3339(), until.to_rfc3339());
        self.call("creators", Some(&about), work).await
    }

    async fn reset_lightsail_cache(&self, name: &str) -> Result<Operation> {
        let work = self.inner.reset_lightsail_cache(name);
        self.call("reset_lightsail_cache", Some(&name), work).await
    }

    async fn get_lightsail_operation(&self, id: &str) -> Result<Operation> {
        let work = self.inner.get_lightsail_operation(id);
        self.call("get_lightsail_operation", Some(&id), work).await
    }

    async fn latest_lightsail_cache_reset(&self, name: &str) -> Result<Option<CacheReset>> {
        let work = self.inner.latest_lightsail_cache_reset(name);
        self.call("latest_lightsail_cache_reset", Some(&name), work)
            .await
    }
}

#[cfg(test)]
mod tests;
