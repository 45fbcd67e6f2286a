//! Faults that can be turned on: latency, throttling, lost create responses.

use super::*;

#[tokio::test(start_paused = true)]
async fn latency_is_added_to_every_call() {
    let b = demo(DemoSettings {
        latency: Duration::from_millis(2_000),
        ..DemoSettings::default()
    });
    let start = Instant::now();
    b.list_distributions().await.unwrap();
    assert_eq!(start.elapsed(), Duration::from_millis(2_000));
    b.faults().set_latency(Duration::ZERO);
    let start = Instant::now();
    b.list_distributions().await.unwrap();
    assert_eq!(start.elapsed(), Duration::ZERO);
}

#[tokio::test(start_paused = true)]
async fn throttling_refuses_the_set_fraction_of_calls() {
    let b = demo(DemoSettings {
        throttle: 1.0,
        ..DemoSettings::default()
    });
    assert_eq!(b.list_distributions().await, Err(BackendError::Throttled));
    b.faults().set_throttle(0.25);
    let mut throttled = 0;
    for _ in 0..400 {
        if b.list_distributions().await == Err(BackendError::Throttled) {
            throttled += 1;
        }
    }
    // Seeded, so the count is always the same; about a quarter.
    assert!((70..=130).contains(&throttled), "{throttled}");
    b.faults().set_throttle(0.0);
    assert!(b.list_distributions().await.is_ok());
}

#[tokio::test(start_paused = true)]
async fn a_throttled_create_makes_nothing() {
    let b = demo(DemoSettings {
        throttle: 1.0,
        ..DemoSettings::default()
    });
    let target = dist(ASSETS);
    assert_eq!(
        b.create_invalidation(&target, &items(&["/a"]), &reference("r"))
            .await,
        Err(BackendError::Throttled)
    );
    b.faults().set_throttle(0.0);
    assert_eq!(b.in_progress_count(ASSETS).await.unwrap(), 0);
}

#[tokio::test(start_paused = true)]
async fn a_lost_response_still_creates_and_a_retry_with_the_same_reference_finds_it() {
    let b = demo(DemoSettings::default());
    let target = dist(ASSETS);
    let r = reference("deploy-lost");
    b.faults().lose_next_create_response();
    let lost = b.create_invalidation(&target, &items(&["/a"]), &r).await;
    assert!(matches!(lost, Err(ref e @ BackendError::Network { .. }) if e.is_retryable()));
    assert_eq!(
        b.in_progress_count(ASSETS).await.unwrap(),
        1,
        "it was applied"
    );
    let retry = b
        .create_invalidation(&target, &items(&["/a"]), &r)
        .await
        .unwrap();
    assert_eq!(
        b.in_progress_count(ASSETS).await.unwrap(),
        1,
        "the retry made no second one"
    );
    let top = b
        .list_invalidations(&target, &PageRequest::first(2))
        .await
        .unwrap();
    assert_eq!(top.items[0].id, retry.id);
    assert_eq!(top.items.iter().filter(|s| s.id == retry.id).count(), 1);
    // The fault is spent.
    b.create_invalidation(&target, &items(&["/b"]), &reference("next"))
        .await
        .unwrap();
}

#[tokio::test(start_paused = true)]
async fn a_fraction_of_create_answers_is_lost_but_every_create_is_made() {
    let b = demo(DemoSettings {
        lose_response: 0.25,
        ..DemoSettings::default()
    });
    let target = dist(ASSETS);
    let mut lost = 0;
    for n in 0..200 {
        let made = b
            .create_invalidation(
                &target,
                &items(&[&format!("/p{n}")]),
                &reference(&format!("r{n}")),
            )
            .await;
        match made {
            Ok(_) => {}
            Err(BackendError::Network { .. }) => lost += 1,
            Err(e) => panic!("{e}"),
        }
    }
    // Seeded, so the count is always the same; about a quarter.
    assert!((30..=70).contains(&lost), "{lost}");
    assert_eq!(b.in_progress_count(ASSETS).await.unwrap(), 200);
    b.faults().set_lose_response(0.0);
    assert!(
        b.create_invalidation(&target, &items(&["/q"]), &reference("q"))
            .await
            .is_ok()
    );
}

#[tokio::test(start_paused = true)]
async fn a_lightsail_reset_can_lose_its_answer_too() {
    let b = demo(DemoSettings::default());
    b.faults().lose_next_create_response();
    let lost = b.reset_lightsail_cache("landing-pages-cdn").await;
    assert!(matches!(lost, Err(BackendError::Network { .. })));
    let latest = b
        .latest_lightsail_cache_reset("landing-pages-cdn")
        .await
        .unwrap();
    assert!(latest.is_some(), "the reset was made");
    b.faults().set_lose_response(1.0);
    assert!(b.reset_lightsail_cache("landing-pages-cdn").await.is_err());
    b.faults().set_lose_response(0.0);
    assert!(b.reset_lightsail_cache("landing-pages-cdn").await.is_ok());
}
