//! New invalidations: progress over time, idempotency, tenants, unknown ids.

use super::*;

#[tokio::test(start_paused = true)]
async fn a_new_invalidation_is_in_progress_then_completes() {
    let b = demo(DemoSettings::default());
    let target = dist(ASSETS);
    let created = b
        .create_invalidation(
            &target,
            &items(&["/index.html", "/img/*"]),
            &reference("deploy-1"),
        )
        .await
        .unwrap();
    assert_eq!(created.status, Status::InProgress);
    assert_eq!(created.items, items(&["/index.html", "/img/*"]));
    assert_eq!(created.caller_reference, "deploy-1");
    let top = b
        .list_invalidations(&target, &PageRequest::first(1))
        .await
        .unwrap();
    assert_eq!(top.items[0].id, created.id, "the newest comes first");
    assert_eq!(b.in_progress_count(ASSETS).await.unwrap(), 1);

    advance(Duration::from_secs(19)).await;
    assert_eq!(
        b.get_invalidation(&target, &created.id)
            .await
            .unwrap()
            .status,
        Status::InProgress
    );
    advance(Duration::from_secs(41)).await;
    let done = b.get_invalidation(&target, &created.id).await.unwrap();
    assert_eq!(done.status, Status::Completed);
    assert_eq!(done.create_time, created.create_time);
    assert_eq!(b.in_progress_count(ASSETS).await.unwrap(), 0);
}

#[tokio::test(start_paused = true)]
async fn the_speed_factor_makes_progress_faster() {
    let b = demo(DemoSettings {
        speed: 10.0,
        ..DemoSettings::default()
    });
    let target = dist(ASSETS);
    let created = b
        .create_invalidation(&target, &items(&["/a"]), &reference("r"))
        .await
        .unwrap();
    advance(Duration::from_secs(6)).await;
    assert_eq!(
        b.get_invalidation(&target, &created.id)
            .await
            .unwrap()
            .status,
        Status::Completed
    );
}

#[tokio::test(start_paused = true)]
async fn some_invalidations_are_in_progress_when_the_demo_starts() {
    let b = demo(DemoSettings::default());
    let docs = dist("E3LV9ZQ1W0XJ7B");
    let in_progress = in_progress_invalidations(&b, &docs).await.unwrap();
    assert_eq!(in_progress.len(), 2);
    let load = in_progress_load(&b, &docs).await.unwrap();
    assert_eq!(load.invalidations, 2);
    assert!(load.file_paths + load.wildcards > 0);
    let tenant = CloudFrontTarget::tenant(ACME, None);
    assert_eq!(
        in_progress_invalidations(&b, &tenant).await.unwrap().len(),
        1
    );
    advance(Duration::from_secs(60)).await;
    assert!(
        in_progress_invalidations(&b, &docs)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test(start_paused = true)]
async fn the_same_caller_reference_and_items_return_the_same_invalidation() {
    let b = demo(DemoSettings::default());
    let target = dist(ASSETS);
    let r = reference("deploy-42");
    let first = b
        .create_invalidation(&target, &items(&["/a", "/b"]), &r)
        .await
        .unwrap();
    advance(Duration::from_secs(120)).await;
    let again = b
        .create_invalidation(&target, &items(&["/b", "/a"]), &r)
        .await
        .unwrap();
    assert_eq!(again.id, first.id);
    assert_eq!(
        again.status,
        Status::Completed,
        "the existing one, as it stands now"
    );
    let other = b.create_invalidation(&target, &items(&["/c"]), &r).await;
    assert_eq!(
        other,
        Err(BackendError::CallerReferenceReused {
            caller_reference: "deploy-42".into()
        })
    );
    let page = b
        .list_invalidations(&target, &PageRequest::first(3))
        .await
        .unwrap();
    assert_eq!(page.items.iter().filter(|s| s.id == first.id).count(), 1);
    assert_ne!(
        page.items[1].id, first.id,
        "no second invalidation was made"
    );
}

#[tokio::test(start_paused = true)]
async fn tenants_are_invalidated_and_their_parent_refuses() {
    let b = demo(DemoSettings::default());
    let tenant = CloudFrontTarget::tenant(TENANT, Some(MULTI.into()));
    let created = b
        .create_invalidation(&tenant, &items(&["/"]), &reference("t"))
        .await
        .unwrap();
    let bare = CloudFrontTarget::tenant(TENANT, None);
    assert_eq!(
        b.get_invalidation(&bare, &created.id).await.unwrap().id,
        created.id
    );
    let parent = b
        .create_invalidation(&dist(MULTI), &items(&["/"]), &reference("p"))
        .await;
    assert!(
        matches!(parent, Err(BackendError::InvalidRequest { ref message, .. }) if message.contains("tenant:ID"))
    );
    let wrong_parent = CloudFrontTarget::tenant(TENANT, Some(STOREFRONT.into()));
    assert!(matches!(
        b.list_invalidations(&wrong_parent, &PageRequest::first(1))
            .await,
        Err(BackendError::NotFound { .. })
    ));
    // A tenant id is not a distribution id, nor the other way round.
    assert!(matches!(
        b.list_invalidations(&dist(TENANT), &PageRequest::first(1))
            .await,
        Err(BackendError::NotFound { .. })
    ));
    assert!(matches!(
        b.list_invalidations(&CloudFrontTarget::tenant(STOREFRONT, None), &PageRequest::first(1)).await,
        Err(BackendError::NotFound { what }) if what == format!("distribution tenant {STOREFRONT}")
    ));
}

#[tokio::test(start_paused = true)]
async fn unknown_targets_and_invalidations_are_not_found() {
    let b = demo(DemoSettings::default());
    assert_eq!(
        b.get_invalidation(&dist(ASSETS), "I2J0I21PCUYOIK").await,
        Err(BackendError::NotFound {
            what: format!("invalidation I2J0I21PCUYOIK of distribution {ASSETS}")
        })
    );
    assert!(matches!(
        b.create_invalidation(&dist("E0NOSUCHDIST00"), &items(&["/a"]), &reference("x"))
            .await,
        Err(BackendError::NotFound { .. })
    ));
}
