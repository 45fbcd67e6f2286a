//! The one seam to the outside world: the operations the product needs, and two
//! implementations (`demo` here; `aws` beside it). Nothing above this module knows which one
//! it talks to.

pub mod aws;
pub mod demo;
pub mod edge;
mod error;
mod in_progress;
pub mod logged;
pub mod retry;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

pub use error::BackendError;
pub use in_progress::in_progress_load;

use crate::domain::account::CallerIdentity;
use crate::domain::caller_reference::CallerReference;
use crate::domain::creator::Creator;
use crate::domain::distribution::{Distribution, LightsailDistribution, Tenant};
use crate::domain::invalidation::{Invalidation, InvalidationPage, PageRequest};
use crate::domain::lightsail::{CacheReset, Operation};
use crate::domain::target::CloudFrontTarget;

pub type Result<T> = std::result::Result<T, BackendError>;

/// What edgepurge asks of an account.
#[async_trait]
pub trait Backend: Send + Sync {
    /// Who the calls are made as: the account id and the user or role (STS GetCallerIdentity).
    async fn caller_identity(&self) -> Result<CallerIdentity>;

    /// Every CloudFront distribution of the account (all pages).
    async fn list_distributions(&self) -> Result<Vec<Distribution>>;

    /// The tenants of a multi-tenant distribution.
    async fn list_tenants(&self, distribution_id: &str) -> Result<Vec<Tenant>>;

    /// How many invalidation batches a distribution has in progress (GetDistribution).
    async fn in_progress_count(&self, distribution_id: &str) -> Result<u32>;

    /// Every Lightsail distribution of the account.
    async fn list_lightsail_distributions(&self) -> Result<Vec<LightsailDistribution>>;

    /// One page of a target's invalidations, newest first.
    async fn list_invalidations(
        &self,
        target: &CloudFrontTarget,
        page: &PageRequest,
    ) -> Result<InvalidationPage>;

    /// One invalidation in full.
    async fn get_invalidation(&self, target: &CloudFrontTarget, id: &str) -> Result<Invalidation>;

    /// Create an invalidation of `items` (already judged and normalized by the domain).
    /// Sending the same items with the same reference again returns the same invalidation.
    async fn create_invalidation(
        &self,
        target: &CloudFrontTarget,
        items: &[String],
        caller_reference: &CallerReference,
    ) -> Result<Invalidation>;

    /// Who created the target's invalidations made between `since` and `until`: its
    /// CreateInvalidation (for a tenant, CreateInvalidationForDistributionTenant) events in
    /// CloudTrail, which keeps 90 days. An invalidation without an event is left out.
    async fn creators(
        &self,
        target: &CloudFrontTarget,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Vec<Creator>>;

    /// Reset the whole cache of a Lightsail distribution; returns the operation doing it.
    async fn reset_lightsail_cache(&self, name: &str) -> Result<Operation>;

    /// A Lightsail operation, to follow a reset.
    async fn get_lightsail_operation(&self, id: &str) -> Result<Operation>;

    /// The latest cache reset of a Lightsail distribution, if it ever had one.
    async fn latest_lightsail_cache_reset(&self, name: &str) -> Result<Option<CacheReset>>;
}
