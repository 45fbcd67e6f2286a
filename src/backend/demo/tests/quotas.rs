//! The service's limits: in-progress paths and wildcards, batch size, bad batches.

use super::*;
use crate::fixtures::batch::{paths, wildcards};

#[tokio::test(start_paused = true)]
async fn at_most_3000_file_paths_may_be_in_progress() {
    let b = demo(DemoSettings::default());
    let target = dist(ASSETS);
    let full = paths("/p/", 3_000);
    b.create_invalidation(&target, &full, &reference("full"))
        .await
        .unwrap();
    let one_more = b
        .create_invalidation(&target, &items(&["/q"]), &reference("more"))
        .await;
    assert!(
        matches!(one_more, Err(BackendError::TooManyInProgress { ref message }) if message.contains("3000 file paths"))
    );
    // A wildcard still fits: the 15 wildcard paths are counted apart.
    b.create_invalidation(&target, &items(&["/w/*"]), &reference("wild"))
        .await
        .unwrap();
    advance(Duration::from_secs(60)).await;
    b.create_invalidation(&target, &items(&["/q"]), &reference("more"))
        .await
        .unwrap();
}

#[tokio::test(start_paused = true)]
async fn at_most_15_wildcards_may_be_in_progress() {
    let b = demo(DemoSettings::default());
    let target = dist(ASSETS);
    let fifteen = wildcards("/d", 15);
    b.create_invalidation(&target, &fifteen, &reference("w15"))
        .await
        .unwrap();
    let sixteenth = b
        .create_invalidation(&target, &items(&["/e/*"]), &reference("w16"))
        .await;
    assert!(matches!(
        sixteenth,
        Err(BackendError::TooManyInProgress { .. })
    ));
    b.create_invalidation(&target, &items(&["/file"]), &reference("f"))
        .await
        .unwrap();
}

#[tokio::test(start_paused = true)]
async fn a_batch_over_3000_items_is_too_large_and_an_empty_or_bad_one_refused() {
    let b = demo(DemoSettings::default());
    let target = dist(ASSETS);
    let big = paths("/p/", 3_001);
    assert!(matches!(
        b.create_invalidation(&target, &big, &reference("big"))
            .await,
        Err(BackendError::BatchTooLarge { .. })
    ));
    assert!(matches!(
        b.create_invalidation(&target, &[], &reference("empty"))
            .await,
        Err(BackendError::InvalidRequest { .. })
    ));
    assert!(matches!(
        b.create_invalidation(&target, &items(&["no-slash"]), &reference("bad"))
            .await,
        Err(BackendError::InvalidRequest { .. })
    ));
}
