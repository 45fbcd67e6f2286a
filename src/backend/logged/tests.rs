use super::*;
use crate::backend::BackendError;
use crate::logging::capture::Capture;

/// Answers as a real account might: a list that took two requests, a throttled call, and
/// "not found" for everything else.
struct Stub;

fn not_found<T>() -> Result<T> {
    Err(BackendError::NotFound { what: "x".into() })
}

#[async_trait]
impl Backend for Stub {
    async fn caller_identity(&self) -> Result<CallerIdentity> {
        not_found()
    }
    async fn list_distributions(&self) -> Result<Vec<Distribution>> {
        note_request_id("req-1");
        note_request_id("req-2");
        Ok(Vec::new())
    }
    async fn list_tenants(&self, _: &str) -> Result<Vec<Tenant>> {
        Err(BackendError::Throttled)
    }
    async fn in_progress_count(&self, _: &str) -> Result<u32> {
        not_found()
    }
    async fn list_lightsail_distributions(&self) -> Result<Vec<LightsailDistribution>> {
        not_found()
    }
    async fn list_invalidations(
        &self,
        _: &CloudFrontTarget,
        _: &PageRequest,
    ) -> Result<InvalidationPage> {
        not_found()
    }
    async fn get_invalidation(&self, _: &CloudFrontTarget, _: &str) -> Result<Invalidation> {
        not_found()
    }
    async fn create_invalidation(
        &self,
        _: &CloudFrontTarget,
        _: &[String],
        _: &CallerReference,
    ) -> Result<Invalidation> {
        not_found()
    }
    async fn creators(
        &self,
        _: &CloudFrontTarget,
        _: DateTime<Utc>,
        _: DateTime<Utc>,
    ) -> Result<Vec<Creator>> {
        not_found()
    }
    async fn reset_lightsail_cache(&self, _: &str) -> Result<Operation> {
        not_found()
    }
    async fn get_lightsail_operation(&self, _: &str) -> Result<Operation> {
        not_found()
    }
    async fn latest_lightsail_cache_reset(&self, _: &str) -> Result<Option<CacheReset>> {
        not_found()
    }
}

#[tokio::test]
async fn each_call_is_one_line_with_its_operation_target_time_outcome_and_request_ids() {
    let capture = Capture::default();
    let _default = tracing::subscriber::set_default(capture.subscriber("info"));
    let backend = LoggedBackend::new(Stub);

    backend.list_distributions().await.unwrap();
    let _ = backend.list_tenants("E2QWRUHAPOMQZL").await;
    let reference = CallerReference::parse("deploy-42").unwrap();
    let target = CloudFrontTarget::tenant("dt_1", None);
    let _ = backend
        .create_invalidation(&target, &["/a".into(), "/b".into()], &reference)
        .await;
    let since = chrono::DateTime::from_timestamp(1_795_338_000, 0).unwrap();
    let _ = backend
        .creators(&target, since, since + chrono::Duration::minutes(10))
        .await;

    let text = capture.text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(
        lines[0].contains(" INFO backend{operation=list_distributions request_id=req-1,req-2}")
            && lines[0].contains("ok elapsed_ms="),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains(" WARN backend{operation=list_tenants target=E2QWRUHAPOMQZL}")
            && lines[1].contains("failed elapsed_ms=")
            && lines[1].contains("retryable=true")
            && lines[1].contains("error=throttled by AWS"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].contains("target=tenant:dt_1 (2 items, deploy-42)"),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].contains("operation=creators target=tenant:dt_1 2026-11-22T09:00:00+00:00 to "),
        "{}",
        lines[3]
    );
}

#[test]
fn a_request_id_outside_a_logged_call_is_dropped() {
    note_request_id("nobody-listens");
}
