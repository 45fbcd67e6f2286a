//! Bringing the stored history of a target up to date: its list read back to the window's
//! start (stopping early where the last sync left off), then the details of every invalidation
//! not yet known or not yet final. Polite: requests are paced, wait while the user's own
//! calls are in flight, and slow down on throttling. Resumable: what was fetched is kept, so
//! an interrupted sync goes on where it stopped.

mod account;
pub mod creators;
pub mod known;
mod pace;

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};

pub use account::{all_targets, identity};
pub use pace::{Busy, Pace};

use crate::backend::{Backend, BackendError};
use crate::clock::SharedClock;
use crate::domain::invalidation::PageRequest;
use crate::domain::target::CloudFrontTarget;
use crate::store::db::{DbError, Store};
use crate::store::history;

/// Page size for reading lists (CloudFront's MaxItems allows up to 1,000... moto and the demo
/// too).
const PAGE: u32 = 1_000;

/// Why a sync stopped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    #[error("{0}")]
    Backend(BackendError),
    #[error("{0}")]
    Store(DbError),
}

/// Where a target's sync stands, for a progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// List pages read.
    pub pages: u32,
    /// Details fetched, and how many remain.
    pub fetched: usize,
    pub to_fetch: usize,
}

/// Brings targets' histories up to date for one account.
#[derive(Clone)]
pub struct Syncer {
    pub backend: Arc<dyn Backend>,
    pub store: Store,
    pub clock: SharedClock,
    pub account: String,
    pub pace: Pace,
    pub busy: Busy,
}

impl Syncer {
    /// Make the stored history of `target` complete from `since` to now.
    pub async fn target(
        &self,
        target: &CloudFrontTarget,
        since: DateTime<Utc>,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<Progress, SyncError> {
        let started = self.clock.now();
        let name = target.to_string();
        let account = self.account.clone();
        let known = {
            let (a, t) = (account.clone(), name.clone());
            self.store
                .call(move |c| history::coverage_and_sync(c, &a, &t))
                .await
                .map_err(SyncError::Store)?
        };
        // Where reading the list can stop: the window's start, or, when the window is already
        // covered, a little before the last sync (what came since is new; what was in
        // progress then is asked about by id below).
        let stop_at = match known {
            Some((covered_since, synced_at)) if covered_since <= since => {
                (synced_at - Duration::minutes(5)).max(since)
            }
            _ => since,
        };
        let mut state = Progress::default();
        let mut page = PageRequest::first(PAGE);
        loop {
            let listed = self
                .paced(|| self.backend.list_invalidations(target, &page))
                .await?;
            state.pages += 1;
            progress(state);
            let oldest = listed.items.last().map(|s| s.create_time);
            let next = listed.next_request();
            let (a, t, items) = (account.clone(), name.clone(), listed.items);
            self.store
                .call(move |c| history::record_summaries(c, &a, &t, &items))
                .await
                .map_err(SyncError::Store)?;
            match (next, oldest) {
                (Some(next), Some(oldest)) if oldest >= stop_at => page = next,
                _ => break,
            }
        }
        let wanted = {
            let (a, t) = (account.clone(), name.clone());
            self.store
                .call(move |c| history::wanting_details(c, &a, &t, since))
                .await
                .map_err(SyncError::Store)?
        };
        state.to_fetch = wanted.len();
        progress(state);
        for id in wanted {
            let inv = match self
                .paced(|| self.backend.get_invalidation(target, &id))
                .await
            {
                Ok(inv) => inv,
                // Gone from the list since (or never fully there): nothing to keep.
                Err(SyncError::Backend(BackendError::NotFound { .. })) => continue,
                Err(e) => return Err(e),
            };
            let (a, t, now) = (account.clone(), name.clone(), self.clock.now());
            self.store
                .call(move |c| history::record_details(c, &a, &t, &inv, now))
                .await
                .map_err(SyncError::Store)?;
            state.fetched += 1;
            progress(state);
        }
        let (a, t) = (account, name);
        self.store
            .call(move |c| history::record_coverage(c, &a, &t, since, started))
            .await
            .map_err(SyncError::Store)?;
        Ok(state)
    }

    /// One request, when the pace allows and the user's own calls are done; throttling waits
    /// longer and asks again.
    async fn paced<T, F, Fut>(&self, call: F) -> Result<T, SyncError>
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = Result<T, BackendError>>,
    {
        let mut throttled = 0;
        loop {
            self.busy.wait_idle().await;
            self.pace.wait(throttled).await;
            match call().await {
                Ok(answer) => return Ok(answer),
                Err(e) if e.is_retryable() && throttled < 6 => {
                    tracing::debug!(error = %e, "history sync: backing off");
                    throttled += 1;
                }
                Err(e) => return Err(SyncError::Backend(e)),
            }
        }
    }
}

#[cfg(test)]
mod tests;
