//! The real account, through the AWS SDK. SDK types stay inside this folder: what leaves it
//! is domain types and `BackendError`s.
//!
//! Building an `AwsBackend` does no I/O: the SDK configuration (credentials chain, profile
//! files, region) is loaded on the first call, so the dashboard's first frame never waits for
//! it, and a missing credential shows up as that call's `BackendError::Credentials`.

mod attempts;
mod cloudfront;
mod cloudtrail;
mod config;
mod convert;
mod errors;
mod identity;
mod lightsail;
pub mod profiles;
mod tenants;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tokio::sync::OnceCell;

pub use config::AwsSettings;

use self::config::Clients;
use super::{Backend, BackendError, Result};
use crate::domain::account::CallerIdentity;
use crate::domain::caller_reference::CallerReference;
use crate::domain::creator::Creator;
use crate::domain::distribution::{Distribution, LightsailDistribution, Tenant};
use crate::domain::invalidation::{Invalidation, InvalidationPage, PageRequest};
use crate::domain::lightsail::{CacheReset, Operation};
use crate::domain::target::CloudFrontTarget;

pub struct AwsBackend {
    settings: AwsSettings,
    clients: OnceCell<Clients>,
    /// CloudTrail's LookupEvents allows 2 requests a second: this process's are spaced.
    lookups: cloudtrail::Spacing,
    /// What to do about refused credentials, said after the service's own words.
    credentials_hint: String,
}

impl AwsBackend {
    /// A backend for these settings; nothing is read or sent until the first call.
    pub fn new(settings: AwsSettings) -> Self {
        Self {
            credentials_hint: settings.credentials_hint(),
            settings,
            clients: OnceCell::new(),
            lookups: cloudtrail::Spacing::default(),
        }
    }

    /// One line for the dashboard header (profile, region, endpoint); no I/O.
    pub fn describe(&self) -> String {
        self.settings.describe()
    }

    async fn clients(&self) -> &Clients {
        self.clients
            .get_or_init(|| async {
                let config = config::load(&self.settings).await;
                Clients::new(&config)
            })
            .await
    }

    /// The error as the user sees it: refused credentials get what to do about them.
    fn finish<T>(&self, result: Result<T>) -> Result<T> {
        result.map_err(|e| match e {
            BackendError::Credentials { message } => BackendError::Credentials {
                message: format!("{message}; {}", self.credentials_hint),
            },
            other => other,
        })
    }
}

/// Backends on clients built elsewhere: the tests' replaying HTTP, mocked clients and moto.
#[cfg(any(test, feature = "fixtures"))]
impl AwsBackend {
    /// A backend on an SDK configuration built elsewhere (tests: a replaying HTTP client).
    pub fn from_sdk_config(config: &aws_config::SdkConfig) -> Self {
        Self::ready(Clients::new(config))
    }

    /// A backend on ready clients (tests: mocked clients). Its STS client has no credentials:
    /// `caller_identity` is tested on replayed HTTP instead.
    pub fn from_clients(
        cloudfront: aws_sdk_cloudfront::Client,
        lightsail: aws_sdk_lightsail::Client,
    ) -> Self {
        Self::ready(Clients {
            cloudfront,
            lightsail,
            sts: config::unconfigured_sts(),
            cloudtrail: config::unconfigured_cloudtrail(),
        })
    }

    /// The same backend with a CloudTrail client built elsewhere (tests: a mocked one).
    pub fn with_cloudtrail(mut self, client: aws_sdk_cloudtrail::Client) -> Self {
        if let Some(clients) = self.clients.get_mut() {
            clients.cloudtrail = client;
        }
        self
    }

    fn ready(clients: Clients) -> Self {
        let settings = AwsSettings::default();
        Self {
            credentials_hint: settings.credentials_hint(),
            settings,
            clients: OnceCell::new_with(Some(clients)),
            lookups: cloudtrail::Spacing::default(),
        }
    }

    /// Name the settings the clients were built from, for `describe` and the credentials hint.
    pub fn with_settings(mut self, settings: AwsSettings) -> Self {
        self.credentials_hint = settings.credentials_hint();
        self.settings = settings;
        self
    }
}

#[async_trait]
impl Backend for AwsBackend {
    async fn caller_identity(&self) -> Result<CallerIdentity> {
        let c = self.clients().await;
        self.finish(identity::caller_identity(&c.sts).await)
    }

    async fn list_distributions(&self) -> Result<Vec<Distribution>> {
        let c = self.clients().await;
        self.finish(cloudfront::list_distributions(&c.cloudfront).await)
    }

    async fn list_tenants(&self, distribution_id: &str) -> Result<Vec<Tenant>> {
        let c = self.clients().await;
        self.finish(tenants::list_tenants(&c.cloudfront, distribution_id).await)
    }

    async fn in_progress_count(&self, distribution_id: &str) -> Result<u32> {
        let c = self.clients().await;
        self.finish(cloudfront::in_progress_count(&c.cloudfront, distribution_id).await)
    }

    async fn list_lightsail_distributions(&self) -> Result<Vec<LightsailDistribution>> {
        let c = self.clients().await;
        self.finish(lightsail::list_distributions(&c.lightsail).await)
    }

    async fn list_invalidations(
        &self,
        target: &CloudFrontTarget,
        page: &PageRequest,
    ) -> Result<InvalidationPage> {
        let c = &self.clients().await.cloudfront;
        self.finish(match target {
            CloudFrontTarget::Distribution { id } => {
                cloudfront::list_invalidations(c, id, page).await
            }
            CloudFrontTarget::Tenant { id, .. } => tenants::list_invalidations(c, id, page).await,
        })
    }

    async fn get_invalidation(&self, target: &CloudFrontTarget, id: &str) -> Result<Invalidation> {
        let c = &self.clients().await.cloudfront;
        self.finish(match target {
            CloudFrontTarget::Distribution { id: d } => {
                cloudfront::get_invalidation(c, d, id).await
            }
            CloudFrontTarget::Tenant { id: t, .. } => tenants::get_invalidation(c, t, id).await,
        })
    }

    async fn create_invalidation(
        &self,
        target: &CloudFrontTarget,
        items: &[String],
        caller_reference: &CallerReference,
    ) -> Result<Invalidation> {
        let c = &self.clients().await.cloudfront;
        self.finish(match target {
            CloudFrontTarget::Distribution { id } => {
                cloudfront::create_invalidation(c, id, items, caller_reference).await
            }
            CloudFrontTarget::Tenant { id, .. } => {
                tenants::create_invalidation(c, id, items, caller_reference).await
            }
        })
    }

    async fn creators(
        &self,
        target: &CloudFrontTarget,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<Vec<Creator>> {
        let c = self.clients().await;
        self.finish(cloudtrail::creators(&c.cloudtrail, &self.lookups, target, since, until).await)
    }

    async fn reset_lightsail_cache(&self, name: &str) -> Result<Operation> {
        let c = self.clients().await;
        self.finish(lightsail::reset_cache(&c.lightsail, name).await)
    }

    async fn get_lightsail_operation(&self, id: &str) -> Result<Operation> {
        let c = self.clients().await;
        self.finish(lightsail::get_operation(&c.lightsail, id).await)
    }

    async fn latest_lightsail_cache_reset(&self, name: &str) -> Result<Option<CacheReset>> {
        let c = self.clients().await;
        self.finish(lightsail::latest_cache_reset(&c.lightsail, name).await)
    }
}

#[cfg(test)]
mod tests;
