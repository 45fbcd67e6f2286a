//! The demo account behaves like the services: progress, quotas, idempotency, pagination,
//! faults. Every test runs on a paused tokio clock, so time moves only when a test moves it.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use chrono::TimeZone;
use tokio::time::{Instant, advance};

use super::*;
use crate::backend::{in_progress_invalidations, in_progress_load};
use crate::clock::TokioClock;
use crate::domain::invalidation::Status;
use crate::domain::lightsail::OperationStatus;

const STOREFRONT: &str = "E2QWRUHAPOMQZL";
const ASSETS: &str = "E1KTRHKC8G4ZSF";
const MULTI: &str = "E3F6MUA9R0WLBK";
const TENANT: &str = "dt_2x0Lq8mWc4TnP7sRk1bYhVdE9FG";

fn demo(settings: DemoSettings) -> DemoBackend {
    let origin = Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap();
    DemoBackend::new(settings, Arc::new(TokioClock::starting_at(origin))).unwrap()
}

fn dist(id: &str) -> CloudFrontTarget {
    CloudFrontTarget::distribution(id)
}

fn items(paths: &[&str]) -> Vec<String> {
    paths.iter().map(|p| p.to_string()).collect()
}

fn reference(text: &str) -> CallerReference {
    CallerReference::parse(text).unwrap()
}

async fn all_ids(backend: &DemoBackend, target: &CloudFrontTarget, page_size: u32) -> Vec<String> {
    let mut ids = Vec::new();
    let mut request = PageRequest::first(page_size);
    loop {
        let page = backend.list_invalidations(target, &request).await.unwrap();
        assert!(page.items.len() <= page_size as usize);
        ids.extend(page.items.iter().map(|s| s.id.clone()));
        match page.next_request() {
            Some(next) => {
                assert_eq!(
                    next.marker.as_deref(),
                    ids.last().map(String::as_str),
                    "NextMarker is the page's last id"
                );
                request = next;
            }
            None => return ids,
        }
    }
}

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
    let tenant = CloudFrontTarget::tenant("dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB", None);
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
async fn at_most_3000_file_paths_may_be_in_progress() {
    let b = demo(DemoSettings::default());
    let target = dist(ASSETS);
    let full: Vec<String> = (0..3_000).map(|i| format!("/p/{i}")).collect();
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
    let fifteen: Vec<String> = (0..15).map(|i| format!("/d{i}/*")).collect();
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
    let big: Vec<String> = (0..3_001).map(|i| format!("/p/{i}")).collect();
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
