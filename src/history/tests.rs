//! A target's history brought up to date on the demo account, on a paused clock.

use std::sync::Mutex;

use chrono::TimeZone;

use super::*;
use crate::backend::demo::{DemoBackend, DemoSettings};
use crate::domain::invalidation::Status;
use crate::fixtures::demo::{ASSETS as TARGET, account};
use crate::store::db::OpenReport;
use crate::store::search::{self, Query};
use crate::store::test_dir::TestDir;

async fn syncer(t: &TestDir) -> (Syncer, Arc<DemoBackend>) {
    let origin = Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap();
    let settings = DemoSettings {
        history: Some(60),
        ..DemoSettings::default()
    };
    let (demo, clock) = account(settings, origin);
    let demo = Arc::new(demo);
    let (store, report) = Store::open_in_background(t.path().join("demo.db"), origin);
    assert!(matches!(report.await.unwrap(), OpenReport::Ready { .. }));
    let s = Syncer {
        backend: demo.clone(),
        store,
        clock,
        account: "111122223333".into(),
        pace: Pace::per_second(5.0),
        busy: Busy::default(),
    };
    (s, demo)
}

async fn listed_since(demo: &DemoBackend, since: DateTime<Utc>) -> Vec<String> {
    let page = demo
        .list_invalidations(
            &CloudFrontTarget::distribution(TARGET),
            &PageRequest::first(1000),
        )
        .await
        .unwrap();
    page.items
        .into_iter()
        .filter(|s| s.create_time >= since)
        .map(|s| s.id)
        .collect()
}

#[tokio::test(start_paused = true)]
async fn a_window_is_stored_whole_and_a_second_sync_fetches_only_what_can_change() {
    let t = TestDir::new("sync-window");
    let (s, demo) = syncer(&t).await;
    let target = CloudFrontTarget::distribution(TARGET);
    let since = s.clock.now() - Duration::days(30);
    let expected = listed_since(&demo, since).await;
    assert!(!expected.is_empty(), "the demo has history in the window");
    let seen = Mutex::new(Vec::new());
    let done = s
        .target(&target, since, &|p| seen.lock().unwrap().push(p))
        .await
        .unwrap();
    assert_eq!(done.fetched, expected.len());
    assert!(
        seen.lock().unwrap().len() > expected.len(),
        "progress said as it went"
    );
    // Every one of them is known in full now.
    for id in &expected {
        let (a, tg, id2) = (s.account.clone(), TARGET.to_string(), id.clone());
        let inv = s
            .store
            .call(move |c| history::details(c, &a, &tg, &id2))
            .await
            .unwrap();
        assert!(inv.is_some_and(|i| !i.items.is_empty()), "{id}");
    }
    // Completed ones are never fetched again.
    let again = s.target(&target, since, &|_| {}).await.unwrap();
    assert!(
        again.fetched < done.fetched / 2 + 1,
        "{again:?} after {done:?}"
    );
    assert_eq!(
        again.pages, 1,
        "the list is read only down to the last sync"
    );
}

#[tokio::test(start_paused = true)]
async fn a_new_invalidation_is_found_by_the_next_sync_and_searchable() {
    let t = TestDir::new("sync-new");
    let (s, demo) = syncer(&t).await;
    let target = CloudFrontTarget::distribution(TARGET);
    let since = s.clock.now() - Duration::days(30);
    s.target(&target, since, &|_| {}).await.unwrap();
    tokio::time::advance(std::time::Duration::from_secs(600)).await;
    let reference = crate::domain::caller_reference::CallerReference::parse("new-one").unwrap();
    let made = demo
        .create_invalidation(&target, &["/assets/new-app.css".to_string()], &reference)
        .await
        .unwrap();
    s.target(&target, since, &|_| {}).await.unwrap();
    let hits = s
        .store
        .call(|c| {
            search::search(
                c,
                "111122223333",
                &Query {
                    texts: vec!["new-app".into()],
                    limit: 10,
                    ..Query::default()
                },
            )
        })
        .await
        .unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, made.id);
    assert_eq!(Status::parse(&hits[0].status), Status::InProgress);
}

#[tokio::test(start_paused = true)]
async fn the_sync_waits_while_the_user_is_waiting_on_a_call() {
    let t = TestDir::new("sync-busy");
    let (s, _demo) = syncer(&t).await;
    let guard = s.busy.enter();
    let target = CloudFrontTarget::distribution(TARGET);
    let since = s.clock.now() - Duration::days(1);
    let sync = {
        let s = s.clone();
        tokio::spawn(async move { s.target(&target, since, &|_| {}).await })
    };
    tokio::time::sleep(std::time::Duration::from_secs(120)).await;
    assert!(
        !sync.is_finished(),
        "nothing asked while the user's call is in flight"
    );
    drop(guard);
    assert!(sync.await.unwrap().is_ok());
}
