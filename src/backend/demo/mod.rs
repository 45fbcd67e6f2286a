//! A simulated account behind the same interface as AWS: the `--demo` account, and the
//! backend of most tests.
//!
//! It behaves like the services: new invalidations are InProgress and complete tens of seconds
//! later (faster with a speed factor); quotas, batch size and CallerReference idempotency are
//! enforced; pages follow Marker / NextMarker / MaxItems; a Lightsail reset is an operation that
//! goes from Started to Succeeded. Latency, throttling and a lost create response can be turned
//! on. Time comes from the clock it is given.

mod account;
mod fixtures;
mod history;
mod settings;
mod target_state;

use std::sync::{Mutex, MutexGuard, PoisonError};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use rand::RngExt;

pub use settings::{DemoSettings, Faults, SPEED_RANGE};

use self::account::Account;
use super::{Backend, BackendError, Result};
use crate::clock::SharedClock;
use crate::domain::account::CallerIdentity;
use crate::domain::caller_reference::CallerReference;
use crate::domain::distribution::{Distribution, LightsailDistribution, Tenant};
use crate::domain::invalidation::{Invalidation, InvalidationPage, PageRequest};
use crate::domain::lightsail::{CacheReset, Operation};
use crate::domain::target::CloudFrontTarget;

/// The demo's own account id, in the range AWS documentation uses for examples.
pub const ACCOUNT_ID: &str = "111122223333";

pub struct DemoBackend {
    account: Mutex<Account>,
    clock: SharedClock,
    faults: Faults,
}

/// The demo's fixtures could not be read (a broken `assets/demo/account.json`).
#[derive(Debug, thiserror::Error)]
#[error("the demo account's fixtures are broken: {0}")]
pub struct FixtureError(#[from] serde_json::Error);

impl DemoBackend {
    pub fn new(
        settings: DemoSettings,
        clock: SharedClock,
    ) -> std::result::Result<Self, FixtureError> {
        let fixtures = fixtures::load()?;
        let account = Account::new(fixtures, &settings, clock.now());
        Ok(Self {
            account: Mutex::new(account),
            clock,
            faults: Faults::new(settings.latency, settings.throttle),
        })
    }

    /// The faults in force; they can be changed while the backend is in use.
    pub fn faults(&self) -> &Faults {
        &self.faults
    }

    fn lock(&self) -> MutexGuard<'_, Account> {
        // A panic elsewhere must not take the demo down with it.
        self.account.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Every call: its latency, perhaps throttling, then the work on the account at this time.
    async fn call<T>(
        &self,
        work: impl FnOnce(&mut Account, DateTime<Utc>) -> Result<T>,
    ) -> Result<T> {
        let latency = self.faults.latency();
        if !latency.is_zero() {
            tokio::time::sleep(latency).await;
        }
        let throttle = self.faults.throttle();
        let mut account = self.lock();
        if throttle > 0.0 && account.rng.random::<f64>() < throttle {
            return Err(BackendError::Throttled);
        }
        work(&mut account, self.clock.now())
    }
}

#[async_trait]
impl Backend for DemoBackend {
    async fn caller_identity(&self) -> Result<CallerIdentity> {
        self.call(|_, _| {
            Ok(CallerIdentity {
                account: ACCOUNT_ID.into(),
                arn: format!("arn:aws:iam::{ACCOUNT_ID}:user/demo"),
            })
        })
        .await
    }

    async fn list_distributions(&self) -> Result<Vec<Distribution>> {
        self.call(|a, _| {
            Ok(a.fixtures
                .distributions
                .iter()
                .map(|d| d.distribution())
                .collect())
        })
        .await
    }

    async fn list_tenants(&self, distribution_id: &str) -> Result<Vec<Tenant>> {
        self.call(|a, _| {
            let d = a.distribution(distribution_id)?;
            Ok(d.tenants.iter().map(|t| d.tenant(t)).collect())
        })
        .await
    }

    async fn in_progress_count(&self, distribution_id: &str) -> Result<u32> {
        self.call(|a, now| {
            let target = CloudFrontTarget::distribution(distribution_id);
            let count = a.target(&target)?.in_progress_count(now);
            Ok(u32::try_from(count).unwrap_or(u32::MAX))
        })
        .await
    }

    async fn list_lightsail_distributions(&self) -> Result<Vec<LightsailDistribution>> {
        self.call(|a, _| {
            Ok(a.fixtures
                .lightsail
                .iter()
                .map(|l| l.distribution())
                .collect())
        })
        .await
    }

    async fn list_invalidations(
        &self,
        target: &CloudFrontTarget,
        page: &PageRequest,
    ) -> Result<InvalidationPage> {
        self.call(|a, now| a.target(target)?.page(page, now)).await
    }

    async fn get_invalidation(&self, target: &CloudFrontTarget, id: &str) -> Result<Invalidation> {
        self.call(|a, now| a.target(target)?.get(id, now)).await
    }

    async fn create_invalidation(
        &self,
        target: &CloudFrontTarget,
        items: &[String],
        caller_reference: &CallerReference,
    ) -> Result<Invalidation> {
        let created = self
            .call(|a, now| {
                if let CloudFrontTarget::Distribution { id } = target
                    && a.distribution(id)?.multi_tenant
                {
                    return Err(BackendError::InvalidRequest {
                        code: "InvalidArgument".into(),
                        message: format!(
                            "{id} is a multi-tenant distribution; invalidate its tenants (tenant:ID)"
                        ),
                    });
                }
                let completes_at = a.progress_done(now);
                a.target_mut(target)?
                    .create(items, caller_reference.as_str(), now, completes_at)
            })
            .await?;
        if self.faults.take_lost_response() {
            return Err(BackendError::Network {
                message: "the connection closed before the response arrived".into(),
            });
        }
        Ok(created)
    }

    async fn reset_lightsail_cache(&self, name: &str) -> Result<Operation> {
        self.call(|a, now| a.reset(name, now)).await
    }

    async fn get_lightsail_operation(&self, id: &str) -> Result<Operation> {
        self.call(|a, now| a.operation(id, now)).await
    }

    async fn latest_lightsail_cache_reset(&self, name: &str) -> Result<Option<CacheReset>> {
        self.call(|a, now| a.latest_reset(name, now)).await
    }
}

#[cfg(test)]
mod tests;
