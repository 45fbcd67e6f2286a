//! Targets and lists: Marker / NextMarker / MaxItems, newest first, at any size.

use super::*;

#[tokio::test(start_paused = true)]
async fn lists_the_accounts_targets() {
    let b = demo(DemoSettings::default());
    let distributions = b.list_distributions().await.unwrap();
    assert_eq!(distributions.len(), 6);
    assert!(
        distributions
            .iter()
            .any(|d| d.id == MULTI && d.multi_tenant)
    );
    let tenants = b.list_tenants(MULTI).await.unwrap();
    assert_eq!(tenants.len(), 5);
    assert!(tenants.iter().all(|t| t.distribution_id == MULTI));
    assert!(b.list_tenants(STOREFRONT).await.unwrap().is_empty());
    assert_eq!(b.list_lightsail_distributions().await.unwrap().len(), 3);
    assert_eq!(
        b.list_tenants("E000000000000").await,
        Err(BackendError::NotFound {
            what: "distribution E000000000000".into()
        })
    );
}

#[tokio::test(start_paused = true)]
async fn pages_follow_marker_next_marker_and_max_items() {
    let b = demo(DemoSettings {
        history: Some(250),
        ..DemoSettings::default()
    });
    let target = dist(ASSETS);
    let first = b
        .list_invalidations(&target, &PageRequest::default())
        .await
        .unwrap();
    assert_eq!(first.items.len(), 100, "MaxItems defaults to 100");
    assert_eq!(first.max_items, 100);
    assert_eq!(first.marker, None);
    let ids = all_ids(&b, &target, 100).await;
    assert_eq!(ids.len(), 250);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 250, "no id twice");
    assert_eq!(
        all_ids(&b, &target, 7).await,
        ids,
        "any page size gives the same list"
    );
    let last = b
        .list_invalidations(&target, &PageRequest::after(&ids[199], 100))
        .await
        .unwrap();
    assert_eq!(last.items.len(), 50);
    assert_eq!(last.next_marker, None);
    assert_eq!(last.marker.as_deref(), Some(ids[199].as_str()));
}

#[tokio::test(start_paused = true)]
async fn lists_are_newest_first() {
    let b = demo(DemoSettings::default());
    let target = dist(STOREFRONT);
    let page = b
        .list_invalidations(&target, &PageRequest::first(300))
        .await
        .unwrap();
    for pair in page.items.windows(2) {
        assert!(pair[0].create_time >= pair[1].create_time);
    }
}

#[tokio::test(start_paused = true)]
async fn bad_markers_and_sizes_are_refused() {
    let b = demo(DemoSettings::default());
    let target = dist(ASSETS);
    let other = b
        .list_invalidations(&dist(STOREFRONT), &PageRequest::first(1))
        .await
        .unwrap();
    let foreign = PageRequest::after(other.items[0].id.clone(), 10);
    assert!(matches!(
        b.list_invalidations(&target, &foreign).await,
        Err(BackendError::InvalidRequest { code, .. }) if code == "InvalidArgument"
    ));
    let zero = PageRequest {
        marker: None,
        max_items: Some(0),
    };
    assert!(b.list_invalidations(&target, &zero).await.is_err());
}

#[tokio::test(start_paused = true)]
async fn a_history_of_100000_pages_to_its_oldest() {
    let b = demo(DemoSettings {
        history: Some(100_000),
        ..DemoSettings::default()
    });
    let target = dist(ASSETS);
    let mut request = PageRequest::first(5_000);
    let mut pages: Vec<InvalidationPage> = Vec::new();
    loop {
        let page = b.list_invalidations(&target, &request).await.unwrap();
        let next = page.next_request();
        pages.push(page);
        match next {
            Some(next) => request = next,
            None => break,
        }
    }
    assert_eq!(pages.len(), 20);
    assert_eq!(pages.iter().map(|p| p.items.len()).sum::<usize>(), 100_000);
    let newest = &pages[0].items[0];
    let oldest = pages[19].items.last().unwrap();
    assert!(oldest.create_time < newest.create_time);
    let full = b.get_invalidation(&target, &oldest.id).await.unwrap();
    assert_eq!(
        (full.status, full.create_time),
        (Status::Completed, oldest.create_time)
    );
    assert!(!full.items.is_empty());
}

#[tokio::test(start_paused = true)]
async fn the_same_seed_gives_the_same_account() {
    let a = demo(DemoSettings::default());
    let b = demo(DemoSettings::default());
    let target = dist(STOREFRONT);
    let page_a = a
        .list_invalidations(&target, &PageRequest::first(20))
        .await
        .unwrap();
    let page_b = b
        .list_invalidations(&target, &PageRequest::first(20))
        .await
        .unwrap();
    assert_eq!(page_a, page_b);
    let c = demo(DemoSettings {
        seed: 1,
        ..DemoSettings::default()
    });
    assert_ne!(
        c.list_invalidations(&target, &PageRequest::first(20))
            .await
            .unwrap(),
        page_a
    );
}
