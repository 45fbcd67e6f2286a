//! What goes into `update` and what comes out of it.

use chrono::{DateTime, Utc};

use super::keymap::Action;
use super::model::RequestId;
use crate::backend::BackendError;
use crate::domain::distribution::{Distribution, LightsailDistribution, Tenant};
use crate::domain::invalidation::{Invalidation, InvalidationPage, PageRequest};
use crate::domain::lightsail::CacheReset;
use crate::domain::target::CloudFrontTarget;

type Result<T> = std::result::Result<T, BackendError>;

/// Something that happened: a user intent, a tick of time, or a backend answer (which names
/// the request it answers).
#[derive(Debug, Clone)]
pub enum Msg {
    /// The first frame is on screen: start loading.
    Start,
    Action(Action),
    /// The terminal changed size.
    Resize,
    /// The time, told now and then so "3m ago" stays true.
    Clock(DateTime<Utc>),
    /// The spinner's next frame.
    SpinnerTick,
    DistributionsLoaded {
        request: RequestId,
        result: Result<Vec<Distribution>>,
    },
    TenantsLoaded {
        request: RequestId,
        distribution_id: String,
        result: Result<Vec<Tenant>>,
    },
    LightsailLoaded {
        request: RequestId,
        result: Result<Vec<LightsailDistribution>>,
    },
    InvalidationsLoaded {
        request: RequestId,
        target: CloudFrontTarget,
        result: Result<InvalidationPage>,
    },
    InvalidationLoaded {
        request: RequestId,
        target: CloudFrontTarget,
        id: String,
        result: Result<Invalidation>,
    },
    LatestResetLoaded {
        request: RequestId,
        name: String,
        result: Result<Option<CacheReset>>,
    },
}

/// What `update` asks the outside world to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// The model changed: draw it.
    Render,
    /// Leave the dashboard.
    Quit,
    LoadDistributions {
        request: RequestId,
    },
    LoadTenants {
        request: RequestId,
        distribution_id: String,
    },
    LoadLightsail {
        request: RequestId,
    },
    LoadInvalidations {
        request: RequestId,
        target: CloudFrontTarget,
        page: PageRequest,
    },
    LoadInvalidation {
        request: RequestId,
        target: CloudFrontTarget,
        id: String,
    },
    LoadLatestReset {
        request: RequestId,
        name: String,
    },
}
