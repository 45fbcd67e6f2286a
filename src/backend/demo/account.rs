//! The demo account's state: every target, every Lightsail reset, and the random source; and
//! taking in what earlier runs (or other processes) remembered.

use std::collections::HashMap;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use rand::rngs::SmallRng;
use rand::{RngExt, SeedableRng};

use super::fixtures::{Account as Fixtures, DistributionFixture};
use super::history::{History, mix};
use super::settings::{DemoSettings, SPEED_RANGE};
use super::target_state::TargetState;
use crate::backend::{BackendError, Result};
use crate::domain::lightsail::{CacheReset, Operation, OperationStatus};
use crate::domain::target::CloudFrontTarget;

mod remember;

/// A Lightsail cache reset under way or done.
#[derive(Debug, Clone)]
pub struct Reset {
    id: String,
    name: String,
    created_at: DateTime<Utc>,
    completes_at: DateTime<Utc>,
}

impl Reset {
    pub fn operation(&self, now: DateTime<Utc>) -> Operation {
        let done = now >= self.completes_at;
        Operation {
            id: self.id.clone(),
            resource_name: self.name.clone(),
            status: if done {
                OperationStatus::Succeeded
            } else {
                OperationStatus::Started
            },
            is_terminal: done,
            created_at: self.created_at,
            status_changed_at: Some(if done {
                self.completes_at
            } else {
                self.created_at
            }),
            error_code: None,
            error_details: None,
        }
    }
}

pub struct Account {
    pub fixtures: Fixtures,
    /// By CloudFront id (distribution or tenant).
    targets: HashMap<String, TargetState>,
    resets: Vec<Reset>,
    pub rng: SmallRng,
    speed: f64,
    /// Which account of the demo this is: what is remembered belongs to one seed.
    seed: u64,
}

impl Account {
    pub fn new(fixtures: Fixtures, settings: &DemoSettings, now: DateTime<Utc>) -> Self {
        let mut account = Self {
            targets: HashMap::new(),
            resets: Vec::new(),
            rng: SmallRng::seed_from_u64(settings.seed),
            seed: settings.seed,
            speed: if SPEED_RANGE.contains(&settings.speed) {
                settings.speed
            } else {
                1.0
            },
            fixtures,
        };
        let distributions = account.fixtures.distributions.clone();
        for d in &distributions {
            // A multi-tenant distribution is invalidated through its tenants.
            let own_history = if d.multi_tenant {
                0
            } else {
                history_len(d, settings)
            };
            account.add_target(
                &d.id,
                format!("distribution {}", d.id),
                d,
                own_history,
                d.in_progress_at_start,
                settings,
                now,
            );
            for t in &d.tenants {
                let name = format!("distribution tenant {}", t.id);
                account.add_target(
                    &t.id,
                    name,
                    d,
                    history_len(d, settings),
                    t.in_progress_at_start,
                    settings,
                    now,
                );
            }
        }
        for (i, l) in account.fixtures.lightsail.clone().iter().enumerate() {
            if let Some(hours) = l.last_reset_hours_ago {
                let created_at = now - Duration::hours(i64::from(hours));
                account.resets.push(Reset {
                    id: operation_id(&mut account.rng),
                    name: l.name.clone(),
                    created_at,
                    completes_at: created_at + Duration::seconds(40 + i as i64),
                });
            }
        }
        account
    }

    #[allow(clippy::too_many_arguments)]
    fn add_target(
        &mut self,
        id: &str,
        name: String,
        d: &DistributionFixture,
        len: usize,
        in_progress: usize,
        settings: &DemoSettings,
        now: DateTime<Utc>,
    ) {
        let seed = mix(settings.seed ^ fnv(id));
        let every = Duration::minutes(i64::from(d.history_every_minutes.max(1)));
        let history = History::new(
            seed,
            len,
            now - Duration::minutes(12),
            every,
            d.paths.clone(),
            self.fixtures.slugs.clone(),
        );
        let mut state = TargetState::new(name, history);
        for k in 0..in_progress {
            // Started a little before the demo did, oldest first.
            let started = now - Duration::seconds(10 * (in_progress - k) as i64);
            let items = state.history.invented_items(k as u64 + 1, started);
            let reference = format!("deploy-{}", started.format("%Y%m%d%H%M%S"));
            let completes_at = self.progress_done(started);
            state.add(items, reference, started, completes_at);
        }
        self.targets.insert(id.to_string(), state);
    }

    /// When an invalidation made at `from` completes: tens of seconds later, over the speed
    /// factor.
    pub fn progress_done(&mut self, from: DateTime<Utc>) -> DateTime<Utc> {
        self.later(from, 20.0..60.0)
    }

    /// A random time `seconds` (over the speed factor) after `from`.
    fn later(&mut self, from: DateTime<Utc>, seconds: std::ops::Range<f64>) -> DateTime<Utc> {
        let secs = self.rng.random_range(seconds) / self.speed;
        StdDuration::try_from_secs_f64(secs)
            .ok()
            .and_then(|d| Duration::from_std(d).ok())
            .and_then(|d| from.checked_add_signed(d))
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    pub fn distribution(&self, id: &str) -> Result<&DistributionFixture> {
        self.fixtures
            .distributions
            .iter()
            .find(|d| d.id == id)
            .ok_or_else(|| BackendError::NotFound {
                what: format!("distribution {id}"),
            })
    }

    fn tenant_parent(&self, tenant_id: &str) -> Option<&DistributionFixture> {
        self.fixtures
            .distributions
            .iter()
            .find(|d| d.tenants.iter().any(|t| t.id == tenant_id))
    }

    /// The state of a target, checking it is what the caller says it is.
    pub fn target(&self, target: &CloudFrontTarget) -> Result<&TargetState> {
        self.check(target)?;
        self.targets
            .get(target.id())
            .ok_or_else(|| not_found(target))
    }

    pub fn target_mut(&mut self, target: &CloudFrontTarget) -> Result<&mut TargetState> {
        self.check(target)?;
        self.targets
            .get_mut(target.id())
            .ok_or_else(|| not_found(target))
    }

    fn check(&self, target: &CloudFrontTarget) -> Result<()> {
        match target {
            CloudFrontTarget::Distribution { id } => self.distribution(id).map(|_| ()),
            CloudFrontTarget::Tenant {
                id,
                distribution_id,
            } => match (self.tenant_parent(id), distribution_id) {
                (Some(parent), Some(said)) if &parent.id != said => Err(not_found(target)),
                (Some(_), _) => Ok(()),
                (None, _) => Err(not_found(target)),
            },
        }
    }

    pub fn reset(&mut self, name: &str, now: DateTime<Utc>) -> Result<Reset> {
        self.lightsail_exists(name)?;
        let completes_at = self.later(now, 8.0..25.0);
        // Another run with the same seed draws the same ids: draw again past any it made.
        let mut id = operation_id(&mut self.rng);
        while self.resets.iter().any(|r| r.id == id) {
            id = operation_id(&mut self.rng);
        }
        let reset = Reset {
            id,
            name: name.to_string(),
            created_at: now,
            completes_at,
        };
        self.resets.push(reset.clone());
        Ok(reset)
    }

    pub fn operation(&self, id: &str, now: DateTime<Utc>) -> Result<Operation> {
        self.resets
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.operation(now))
            .ok_or_else(|| BackendError::NotFound {
                what: format!("Lightsail operation {id}"),
            })
    }

    pub fn latest_reset(&self, name: &str, now: DateTime<Utc>) -> Result<Option<CacheReset>> {
        self.lightsail_exists(name)?;
        Ok(self
            .resets
            .iter()
            .rev()
            .find(|r| r.name == name)
            .map(|r| CacheReset {
                status: r.operation(now).status.to_string(),
                create_time: r.created_at,
            }))
    }

    fn lightsail_exists(&self, name: &str) -> Result<()> {
        if self.fixtures.lightsail.iter().any(|l| l.name == name) {
            Ok(())
        } else {
            Err(BackendError::NotFound {
                what: format!("Lightsail distribution {name}"),
            })
        }
    }
}

fn history_len(d: &DistributionFixture, settings: &DemoSettings) -> usize {
    settings.history.unwrap_or(d.history)
}

fn not_found(target: &CloudFrontTarget) -> BackendError {
    let what = match target {
        CloudFrontTarget::Distribution { id } => format!("distribution {id}"),
        CloudFrontTarget::Tenant { id, .. } => format!("distribution tenant {id}"),
    };
    BackendError::NotFound { what }
}

/// Lightsail operation ids are UUIDs.
fn operation_id(rng: &mut SmallRng) -> String {
    let a: u128 = rng.random();
    let hex = format!("{a:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// FNV-1a: a stable hash of a target id, so each target's history has its own seed.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
