//! The one way edgepurge writes to an account, for the dashboard and the CLI alike: each part
//! for each target is journaled (durably) before its first request, sent with retries that
//! reuse its caller reference, and its answer recorded. So a purge is made exactly once,
//! whatever happens to the network or to edgepurge: an entry without an answer is sent again
//! with its own reference, which finds what was made instead of making it twice.

mod crash;
pub mod plan;
mod resend;
pub mod who;

use std::sync::{Arc, OnceLock};

use chrono::{DateTime, Utc};

pub use plan::Part;
pub use resend::{ResendError, Resent};

use crate::backend::retry::{RetryPolicy, create_invalidation_told};
use crate::backend::{Backend, BackendError};
use crate::clock::SharedClock;
use crate::domain::account::CallerIdentity;
use crate::domain::caller_reference::CallerReference;
use crate::domain::invalidation::Invalidation;
use crate::domain::journal::{Intent, Kind, Origin, Sender};
use crate::domain::lightsail::Operation;
use crate::domain::target::CloudFrontTarget;
use crate::store::db::{DbError, Store};
use crate::store::journal;

use self::crash::CrashPoint;

/// Why a part was not made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// The journal could not be written: nothing was sent.
    #[error("{0}; nothing was sent (fix the store, or move it away to run without memory)")]
    NotJournaled(DbError),
    /// The service answered: it was not made.
    #[error("{0}")]
    Refused(BackendError),
    /// No answer could be had: it may have been made. Sending it again with the same caller
    /// reference finds out safely.
    #[error("{0}")]
    Unconfirmed(BackendError),
}

impl SendError {
    /// The backend's error, when there is one.
    pub fn backend(&self) -> Option<&BackendError> {
        match self {
            Self::NotJournaled(_) => None,
            Self::Refused(e) | Self::Unconfirmed(e) => Some(e),
        }
    }
}

/// A part made: the invalidation, and its journal entry (None when running without memory).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    pub invalidation: Invalidation,
    pub journal: Option<i64>,
}

/// Everything a write needs: the account, the store, the clock, and who is writing.
#[derive(Clone)]
pub struct Engine {
    pub backend: Arc<dyn Backend>,
    pub store: Store,
    pub clock: SharedClock,
    pub retry: RetryPolicy,
    pub origin: Origin,
    pub sender: Sender,
    /// Who the account turned out to be, once known (learned after the engine is made, off
    /// the user's path): recorded with every intent from then on.
    pub identity: Arc<OnceLock<CallerIdentity>>,
    /// Told, in words, each time a create is tried again (the CLI says it on standard error).
    pub on_retry: Option<Arc<dyn Fn(String) + Send + Sync>>,
    crash: Option<CrashPoint>,
}

impl Engine {
    pub fn new(
        backend: Arc<dyn Backend>,
        store: Store,
        clock: SharedClock,
        origin: Origin,
        sender: Sender,
    ) -> Self {
        Self {
            backend,
            store,
            clock,
            retry: RetryPolicy::default(),
            origin,
            sender,
            identity: Arc::new(OnceLock::new()),
            on_retry: None,
            crash: CrashPoint::from_env(),
        }
    }

    /// The account id, once known.
    pub fn account(&self) -> Option<&str> {
        self.identity.get().map(|i| i.account.as_str())
    }

    fn intent(&self, target: String, kind: Kind, part: &Part) -> Intent {
        let mut sender = self.sender.clone();
        if let Some(who) = self.identity.get() {
            sender.account = Some(who.account.clone());
            sender.caller_arn = Some(who.arn.clone());
        }
        Intent {
            caller_reference: part.caller_reference.to_string(),
            batch_reference: part.batch_reference.to_string(),
            part: part.number,
            parts: part.of,
            target,
            kind,
            items: part.items.clone(),
            origin: self.origin,
            sender,
            attempted_at: self.clock.now(),
        }
    }

    /// Commit the intent; None when the store is not in use (said once, at start).
    async fn journal(&self, intent: Intent) -> Result<Option<i64>, SendError> {
        CrashPoint::BeforeIntent.here(self.crash);
        let id = match self
            .store
            .call(move |c| journal::record_intent(c, &intent))
            .await
        {
            Ok(id) => Some(id),
            Err(DbError::WithoutMemory) => None,
            Err(e) => return Err(SendError::NotJournaled(e)),
        };
        CrashPoint::AfterIntent.here(self.crash);
        Ok(id)
    }

    /// Record an answer. A failure here is logged, not returned: the write itself happened,
    /// and the entry stays unconfirmed, so it is offered again (safely) later.
    async fn record(&self, id: Option<i64>, answer: Answer) {
        let Some(id) = id else { return };
        CrashPoint::AfterAnswer.here(self.crash);
        let now = self.clock.now();
        let result = self
            .store
            .call(move |c| match answer {
                Answer::Sent { id: made, status } => {
                    journal::record_sent(c, id, &made, &status, now)
                }
                Answer::Refused(why) => journal::record_failed(c, id, &why, now),
                Answer::Unanswered(why) => journal::record_unanswered(c, id, &why),
            })
            .await;
        if let Err(e) = result {
            tracing::warn!(journal = id, error = %e, "the answer could not be recorded");
        }
    }

    /// Create one part on one target, exactly once: journaled, sent with retries under its
    /// own reference, recorded.
    pub async fn create(&self, target: &CloudFrontTarget, part: &Part) -> Result<Made, SendError> {
        let id = self
            .journal(self.intent(target.to_string(), Kind::Invalidation, part))
            .await?;
        let told = |r: crate::backend::retry::Retrying<'_>| {
            if let Some(tell) = &self.on_retry {
                tell(format!(
                    "{target}: {}: {}; trying again in {:.1} s with the same caller reference \
                     (try {} of {})",
                    part.name(),
                    r.error,
                    r.pause.as_secs_f64(),
                    r.attempt,
                    r.of
                ));
            }
        };
        let result = create_invalidation_told(
            self.backend.as_ref(),
            target,
            &part.items,
            &part.caller_reference,
            self.retry,
            &told,
        )
        .await;
        match result {
            Ok(invalidation) => {
                self.record(
                    id,
                    Answer::Sent {
                        id: invalidation.id.clone(),
                        status: invalidation.status.to_string(),
                    },
                )
                .await;
                Ok(Made {
                    invalidation,
                    journal: id,
                })
            }
            Err(e) => Err(self.failure(id, e).await),
        }
    }

    /// Reset a Lightsail distribution's cache, journaled the same way. A reset has no caller
    /// reference: a new one names it in the journal.
    pub async fn reset(&self, name: &str) -> Result<(Operation, Option<i64>), SendError> {
        let reference = CallerReference::generate(self.clock.now(), rand::random());
        let named = Part::split(vec![Vec::new()], &reference).remove(0);
        self.reset_as(name, &named).await
    }

    /// [`reset`](Self::reset) under a reference already in the journal (resuming an
    /// unconfirmed reset: sent twice, it only clears the cache twice).
    pub async fn reset_as(
        &self,
        name: &str,
        reference: &Part,
    ) -> Result<(Operation, Option<i64>), SendError> {
        let id = self
            .journal(self.intent(format!("lightsail:{name}"), Kind::Reset, reference))
            .await?;
        match self.backend.reset_lightsail_cache(name).await {
            Ok(op) => {
                self.record(
                    id,
                    Answer::Sent {
                        id: op.id.clone(),
                        status: op.status.to_string(),
                    },
                )
                .await;
                Ok((op, id))
            }
            Err(e) => Err(self.failure(id, e).await),
        }
    }

    async fn failure(&self, id: Option<i64>, e: BackendError) -> SendError {
        // Throttling, 503s and the network leave it unknown whether an earlier try was made.
        if e.is_retryable() {
            self.record(id, Answer::Unanswered(e.to_string())).await;
            SendError::Unconfirmed(e)
        } else {
            self.record(id, Answer::Refused(e.to_string())).await;
            SendError::Refused(e)
        }
    }

    /// Mark entries as reported to the user (the CLI's output is written).
    pub async fn reported(&self, ids: Vec<i64>) {
        if ids.is_empty() {
            return;
        }
        let now: DateTime<Utc> = self.clock.now();
        if let Err(e) = self
            .store
            .call(move |c| journal::record_reported(c, &ids, now))
            .await
        {
            tracing::warn!(error = %e, "could not record that the outcome was reported");
        }
    }
}

enum Answer {
    Sent { id: String, status: String },
    Refused(String),
    Unanswered(String),
}

#[cfg(test)]
mod tests;
