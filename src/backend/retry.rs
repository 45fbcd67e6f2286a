//! Creating an invalidation so that it happens exactly once, whatever the network does.
//!
//! A throttled, unavailable or lost request is sent again after a pause, with the same
//! CallerReference and the same items: CloudFront answers a repeat with the invalidation it
//! already made (API Reference, CreateInvalidation: "If you make a second invalidation request
//! with the same value for CallerReference, and if the content of the InvalidationBatch object
//! is the same, CloudFront doesn't create a new invalidation request").

use std::time::Duration;

use super::{Backend, BackendError, Result};
use crate::domain::caller_reference::CallerReference;
use crate::domain::invalidation::Invalidation;
use crate::domain::target::CloudFrontTarget;

/// How often and how patiently a create is tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Tries in all, the first included.
    pub attempts: u32,
    pub first_pause: Duration,
    pub max_pause: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            attempts: 5,
            first_pause: Duration::from_millis(500),
            max_pause: Duration::from_secs(8),
        }
    }
}

impl RetryPolicy {
    /// The pause before try number `attempt` (2 is the first retry): doubling, capped.
    pub fn pause_before(&self, attempt: u32) -> Duration {
        let doublings = attempt.saturating_sub(2).min(16);
        self.first_pause
            .saturating_mul(1 << doublings)
            .min(self.max_pause)
    }
}

/// A try that failed and is about to be made again.
#[derive(Debug, Clone, Copy)]
pub struct Retrying<'a> {
    /// The try about to be made (2 is the first retry), of `of`.
    pub attempt: u32,
    pub of: u32,
    pub error: &'a BackendError,
    pub pause: Duration,
}

/// Create an invalidation, retrying what can be retried with the same reference, telling
/// `retrying` before each new try (so a person is not left looking at silence while the network
/// fails). After the last try the error is returned as it is; submitting again is still safe.
pub async fn create_invalidation_told(
    backend: &dyn Backend,
    target: &CloudFrontTarget,
    items: &[String],
    caller_reference: &CallerReference,
    policy: RetryPolicy,
    retrying: &(dyn Fn(Retrying<'_>) + Sync),
) -> Result<Invalidation> {
    let mut attempt = 1;
    loop {
        match backend
            .create_invalidation(target, items, caller_reference)
            .await
        {
            Err(e) if e.is_retryable() && attempt < policy.attempts => {
                attempt += 1;
                tracing::warn!(
                    target = %target,
                    caller_reference = %caller_reference,
                    attempt,
                    of = policy.attempts,
                    error = %e,
                    "create: trying again with the same caller reference"
                );
                retrying(Retrying {
                    attempt,
                    of: policy.attempts,
                    error: &e,
                    pause: policy.pause_before(attempt),
                });
                tokio::time::sleep(policy.pause_before(attempt)).await;
            }
            other => return other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::BackendError;
    use crate::backend::demo::{DemoBackend, DemoSettings};
    use crate::domain::invalidation::PageRequest;
    use crate::fixtures::demo::{ASSETS, account, origin};

    async fn create_invalidation_once(
        backend: &dyn Backend,
        target: &CloudFrontTarget,
        items: &[String],
        caller_reference: &CallerReference,
        policy: RetryPolicy,
    ) -> Result<Invalidation> {
        create_invalidation_told(backend, target, items, caller_reference, policy, &|_| {}).await
    }

    fn demo() -> DemoBackend {
        account(DemoSettings::default(), origin()).0
    }

    #[test]
    fn pauses_double_up_to_the_cap() {
        let p = RetryPolicy::default();
        assert_eq!(p.pause_before(2), Duration::from_millis(500));
        assert_eq!(p.pause_before(3), Duration::from_secs(1));
        assert_eq!(p.pause_before(6), Duration::from_secs(8));
        assert_eq!(p.pause_before(60), Duration::from_secs(8));
    }

    #[tokio::test(start_paused = true)]
    async fn a_lost_response_is_retried_and_makes_one_invalidation() {
        let backend = demo();
        let target = CloudFrontTarget::distribution(ASSETS);
        let before = backend
            .list_invalidations(&target, &PageRequest::first(100))
            .await
            .unwrap()
            .items[0]
            .id
            .clone();
        backend.faults().lose_next_create_response();
        let reference = CallerReference::parse("retry-test").unwrap();
        let items = vec!["/a".to_string(), "/b".to_string()];
        let created = create_invalidation_once(
            &backend,
            &target,
            &items,
            &reference,
            RetryPolicy::default(),
        )
        .await
        .unwrap();
        let after = backend
            .list_invalidations(&target, &PageRequest::first(100))
            .await
            .unwrap();
        let ids: Vec<&str> = after.items.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids.iter().position(|id| *id == before),
            Some(1),
            "exactly one new invalidation"
        );
        assert_eq!(after.items[0].id, created.id);
        assert_eq!(created.caller_reference, "retry-test");
    }

    #[tokio::test(start_paused = true)]
    async fn what_cannot_be_retried_is_returned_at_once() {
        let backend = demo();
        let target = CloudFrontTarget::distribution("ENOSUCHDIST0000");
        let reference = CallerReference::parse("x").unwrap();
        let err = create_invalidation_once(
            &backend,
            &target,
            &["/a".to_string()],
            &reference,
            RetryPolicy::default(),
        )
        .await
        .unwrap_err();
        assert!(matches!(err, BackendError::NotFound { .. }), "{err:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn throttling_that_never_ends_gives_up_after_the_last_try() {
        let backend = demo();
        backend.faults().set_throttle(1.0);
        let target = CloudFrontTarget::distribution(ASSETS);
        let reference = CallerReference::parse("x").unwrap();
        let err = create_invalidation_once(
            &backend,
            &target,
            &["/a".to_string()],
            &reference,
            RetryPolicy::default(),
        )
        .await
        .unwrap_err();
        assert_eq!(err, BackendError::Throttled);
    }

    #[tokio::test(start_paused = true)]
    async fn each_new_try_is_told_with_its_number_and_pause() {
        let backend = demo();
        backend.faults().set_throttle(1.0);
        let target = CloudFrontTarget::distribution(ASSETS);
        let reference = CallerReference::parse("x").unwrap();
        let told = std::sync::Mutex::new(Vec::new());
        let _ = create_invalidation_told(
            &backend,
            &target,
            &["/a".to_string()],
            &reference,
            RetryPolicy::default(),
            &|r| told.lock().unwrap().push((r.attempt, r.of, r.pause)),
        )
        .await;
        let told = told.into_inner().unwrap();
        assert_eq!(
            told.iter().map(|t| t.0).collect::<Vec<_>>(),
            [2, 3, 4, 5],
            "every retry, none after the last try"
        );
        assert_eq!(told[0].2, Duration::from_millis(500));
        assert!(told.iter().all(|t| t.1 == 5));
    }
}
