//! Lightsail: a cache reset is an operation from Started to Succeeded.

use super::*;

#[tokio::test(start_paused = true)]
async fn a_lightsail_reset_goes_from_started_to_succeeded() {
    let b = demo(DemoSettings::default());
    let before = b
        .latest_lightsail_cache_reset("landing-pages-cdn")
        .await
        .unwrap();
    assert_eq!(before, None, "never reset");
    let op = b.reset_lightsail_cache("landing-pages-cdn").await.unwrap();
    assert_eq!(op.status, OperationStatus::Started);
    assert!(!op.is_terminal);
    assert_eq!(op.resource_name, "landing-pages-cdn");
    assert_eq!(op.id.len(), 36);
    let latest = b
        .latest_lightsail_cache_reset("landing-pages-cdn")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(latest.status, "Started");
    advance(Duration::from_secs(25)).await;
    let done = b.get_lightsail_operation(&op.id).await.unwrap();
    assert_eq!(done.status, OperationStatus::Succeeded);
    assert!(done.is_terminal && !done.failed());
    assert!(done.status_changed_at.unwrap() > done.created_at);
    let earlier = b
        .latest_lightsail_cache_reset("wordpress-blog-cdn")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(earlier.status, "Succeeded");
    assert!(matches!(
        b.reset_lightsail_cache("nope").await,
        Err(BackendError::NotFound { .. })
    ));
    assert!(matches!(
        b.get_lightsail_operation("nope").await,
        Err(BackendError::NotFound { .. })
    ));
}
