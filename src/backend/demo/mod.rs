//! A simulated account behind the same interface as AWS: the `--demo` account, and the
//! backend of most tests.
//!
//! It behaves like the services: new invalidations are InProgress and complete tens of seconds
//! later (faster with a speed factor); quotas, batch size and CallerReference idempotency are
//! enforced; pages follow Marker / NextMarker / MaxItems; a Lightsail reset is an operation that
//! goes from Started to Succeeded. Latency, throttling and lost create responses can be turned
//! on. Time comes from the clock it is given.
//!
//! Made with `new`, it lives in memory only (tests). Given a file with `remember`, what it is
//! sent outlives the process: see `memory`.

mod account;
mod creators;
mod fixtures;
mod history;
mod memory;
mod settings;
mod target_state;

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, PoisonError};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use rand::RngExt;

pub use fixtures::ACCOUNTS;
pub use memory::{FILE_NAME as MEMORY_FILE_NAME, MemoryError};
pub use settings::{DemoSettings, Faults, SPEED_RANGE};

use self::account::Account;
use self::memory::{Entry, Memory};
use super::{Backend, BackendError, Result};
use crate::clock::SharedClock;
use crate::domain::account::CallerIdentity;
use crate::domain::caller_reference::CallerReference;
use crate::domain::creator::Creator;
use crate::domain::distribution::{Distribution, LightsailDistribution, Tenant};
use crate::domain::invalidation::{Invalidation, InvalidationPage, PageRequest};
use crate::domain::lightsail::{CacheReset, Operation};
use crate::domain::target::CloudFrontTarget;

/// The demo's own account id, in the range AWS documentation uses for examples.
pub const ACCOUNT_ID: &str = "111122223333";

pub struct DemoBackend {
    /// Which of the demo's accounts this is (its id, for STS).
    account_id: &'static str,
    state: Mutex<State>,
    clock: SharedClock,
    faults: Faults,
}

struct State {
    account: Account,
    /// Where what the account is sent is remembered; none when made with `new`, or after
    /// the file failed.
    memory: Option<Memory>,
}

/// The demo's fixtures could not be read (a broken `assets/demo/account.json`).
#[derive(Debug, thiserror::Error)]
#[error("the demo account's fixtures are broken: {0}")]
pub struct FixtureError(#[from] serde_json::Error);

impl FixtureError {
    /// A demo account that does not exist.
    pub fn unknown(name: &str) -> Self {
        Self(serde::de::Error::custom(format!(
            "the demo has no account '{name}'"
        )))
    }
}

impl DemoBackend {
    pub fn new(
        settings: DemoSettings,
        clock: SharedClock,
    ) -> std::result::Result<Self, FixtureError> {
        Self::with_fixtures(fixtures::load()?, ACCOUNT_ID, settings, clock)
    }

    /// The demo account `name` (`demo`, `demo-staging`); None for a name it does not have.
    pub fn named(
        name: &str,
        settings: DemoSettings,
        clock: SharedClock,
    ) -> Option<std::result::Result<Self, FixtureError>> {
        let (_, id) = fixtures::ACCOUNTS.iter().find(|(n, _)| *n == name)?;
        let fixtures = fixtures::load_named(name)?;
        Some(
            fixtures
                .map_err(FixtureError::from)
                .and_then(|f| Self::with_fixtures(f, id, settings, clock)),
        )
    }

    fn with_fixtures(
        fixtures: fixtures::Account,
        account_id: &'static str,
        settings: DemoSettings,
        clock: SharedClock,
    ) -> std::result::Result<Self, FixtureError> {
        let account = Account::new(fixtures, &settings, clock.now());
        Ok(Self {
            account_id,
            state: Mutex::new(State {
                account,
                memory: None,
            }),
            clock,
            faults: Faults::new(&settings),
        })
    }

    /// Remember what this account is sent in the file at `path`, and take in what earlier
    /// runs remembered there. On an error nothing changes: the account goes on in memory.
    pub fn remember(&mut self, path: PathBuf) -> std::result::Result<(), MemoryError> {
        let (memory, remembered) = Memory::open(path)?;
        let now = self.clock.now();
        let state = self.state.get_mut().unwrap_or_else(PoisonError::into_inner);
        state.account.take_in(&remembered, now);
        state.memory = Some(memory);
        Ok(())
    }

    /// The faults in force; tests change them while the backend is in use.
    #[cfg(test)]
    pub fn faults(&self) -> &Faults {
        &self.faults
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic elsewhere must not take the demo down with it.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// What every call goes through: its latency, then perhaps throttling. The account is
    /// held from then on.
    async fn enter(&self, operation: &str) -> Result<MutexGuard<'_, State>> {
        let latency = self.faults.latency();
        if !latency.is_zero() {
            tokio::time::sleep(latency).await;
        }
        if let Some(refusal) = self.faults.refusal(operation) {
            return Err(refusal);
        }
        let throttle = self.faults.throttle();
        let mut state = self.lock();
        if throttle > 0.0 && state.account.rng.random::<f64>() < throttle {
            return Err(BackendError::Throttled);
        }
        Ok(state)
    }

    /// A call that reads: the work on the account at this time, after taking in what other
    /// processes remembered since.
    async fn call<T>(
        &self,
        operation: &str,
        work: impl FnOnce(&mut Account, DateTime<Utc>) -> Result<T>,
    ) -> Result<T> {
        let mut state = self.enter(operation).await?;
        let now = self.clock.now();
        state.catch_up(now);
        work(&mut state.account, now)
    }

    /// A create: made and remembered (`State::change`), then perhaps its answer is lost, as
    /// when a connection drops after the request was sent.
    async fn create<T>(
        &self,
        operation: &str,
        work: impl FnOnce(&mut Account, DateTime<Utc>) -> Result<(T, Option<Entry>)>,
    ) -> Result<T> {
        let mut state = self.enter(operation).await?;
        let answer = state.change(self.clock.now(), work)?;
        let lose = self.faults.lose_response();
        if self.faults.take_lost_response()
            || (lose > 0.0 && state.account.rng.random::<f64>() < lose)
        {
            return Err(BackendError::Network {
                message: "the connection closed before the response arrived".into(),
            });
        }
        Ok(answer)
    }
}

impl State {
    /// Take in what the memory holds if it changed (another process wrote it).
    fn catch_up(&mut self, now: DateTime<Utc>) {
        let Some(memory) = self.memory.as_mut() else {
            return;
        };
        match memory.read_if_changed() {
            Ok(Some(remembered)) => self.account.take_in(&remembered, now),
            Ok(None) => {}
            Err(e) => self.forget_memory(&e),
        }
    }

    /// Change the account under the memory's lock: take in what it holds (another process
    /// may have made the same caller reference, or the next id), do the work, and write what
    /// it made before answering, so a run killed after this has made it, as CloudFront has.
    fn change<T>(
        &mut self,
        now: DateTime<Utc>,
        work: impl FnOnce(&mut Account, DateTime<Utc>) -> Result<(T, Option<Entry>)>,
    ) -> Result<T> {
        let mut failure = None;
        let answer = match self.memory.as_mut().map(Memory::begin) {
            None => work(&mut self.account, now).map(|(answer, _)| answer),
            Some(Err(e)) => {
                failure = Some(e);
                work(&mut self.account, now).map(|(answer, _)| answer)
            }
            Some(Ok(change)) => {
                self.account.take_in(change.remembered(), now);
                let (answer, entry) = work(&mut self.account, now)?;
                if let Some(entry) = entry
                    && let Err(e) = change.commit(entry, now)
                {
                    failure = Some(e);
                }
                Ok(answer)
            }
        };
        if let Some(e) = failure {
            self.forget_memory(&e);
        }
        answer
    }

    /// A memory that failed is let go: the demo goes on without it rather than stop.
    fn forget_memory(&mut self, e: &MemoryError) {
        tracing::warn!("the demo account stops remembering: {e}");
        self.memory = None;
    }
}

#[async_trait]
impl Backend for DemoBackend {
    async fn caller_identity(&self) -> Result<CallerIdentity> {
        self.call("GetCallerIdentity", |_, _| {
            Ok(CallerIdentity {
                account: self.account_id.into(),
                arn: format!("arn:aws:iam::{}:user/demo", self.account_id),
            })
        })
        .await
    }

    async fn list_distributions(&self) -> Result<Vec<Distribution>> {
        self.call("ListDistributions", |a, _| {
            Ok(a.fixtures
                .distributions
                .iter()
                .map(|d| d.distribution())
                .collect())
        })
        .await
    }

    async fn list_tenants(&self, distribution_id: &str) -> Result<Vec<Tenant>> {
        self.call("ListDistributionTenants", |a, _| {
            let d = a.distribution(distribution_id)?;
            Ok(d.tenants.iter().map(|t| d.tenant(t)).collect())
        })
        .await
    }

    async fn in_progress_count(&self, distribution_id: &str) -> Result<u32> {
        self.call("GetDistribution", |a, now| {
            let target = CloudFrontTarget::distribution(distribution_id);
            let count = a.target(&target)?.in_progress_count(now);
            Ok(u32::try_from(count).unwrap_or(u32::MAX))
        })
        .await
    }

    async fn list_lightsail_distributions(&self) -> Result<Vec<LightsailDistribution>> {
        self.call("GetDistributions", |a, _| {
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
        self.call("ListInvalidations", |a, now| {
            a.target(target)?.page(page, now)
        })
        .await
    }

    async fn get_invalidation(&self, target: &CloudFrontTarget, id: &str) -> Result<Invalidation> {
        self.call("GetInvalidation", |a, now| a.target(target)?.get(id, now))
            .await
    }

    async fn create_invalidation(
        &self,
        target: &CloudFrontTarget,
        items: &[String],
        caller_reference: &CallerReference,
    ) -> Result<Invalidation> {
        self.create("CreateInvalidation", |a, now| {
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
            let creation = a.target_mut(target)?.create(
                items,
                caller_reference.as_str(),
                now,
                completes_at,
            )?;
            let entry = a.invalidation_entry(target.id(), &creation);
            Ok((creation.invalidation().clone(), entry))
        })
        .await
    }

    async fn creators(
        &self,
        target: &CloudFrontTarget,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Vec<Creator>> {
        let account = self.account_id;
        self.call("LookupEvents", |a, now| {
            let state = a.target(target)?;
            let seed = state.history.seed();
            Ok(state
                .made_between(since, until)
                .iter()
                .filter_map(|made| creators::creator(made, seed, now, account))
                .collect())
        })
        .await
    }

    async fn reset_lightsail_cache(&self, name: &str) -> Result<Operation> {
        self.create("ResetDistributionCache", |a, now| {
            let reset = a.reset(name, now)?;
            Ok((reset.operation(now), Some(a.reset_entry(&reset))))
        })
        .await
    }

    async fn get_lightsail_operation(&self, id: &str) -> Result<Operation> {
        self.call("GetOperation", |a, now| a.operation(id, now))
            .await
    }

    async fn latest_lightsail_cache_reset(&self, name: &str) -> Result<Option<CacheReset>> {
        self.call("GetDistributionLatestCacheReset", |a, now| {
            a.latest_reset(name, now)
        })
        .await
    }
}

#[cfg(test)]
mod tests;
