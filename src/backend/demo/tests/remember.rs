//! The demo account with a memory file: what one run sends, the next one (or one running
//! beside it) sees, with the same ids, and a caller reference is honoured across them.

use std::path::{Path, PathBuf};

use super::*;
use crate::store::test_dir::TestDir;

/// A run of the demo that starts `minutes` after the first one, remembering in `path`.
fn run_at(path: &Path, settings: DemoSettings, minutes: i64) -> DemoBackend {
    let origin =
        Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap() + chrono::Duration::minutes(minutes);
    let (mut b, _) = account(settings, origin);
    b.remember(path.to_path_buf()).unwrap();
    b
}

fn memory(label: &str) -> (TestDir, PathBuf) {
    let t = TestDir::new(label);
    let path = t.path().join(MEMORY_FILE_NAME);
    (t, path)
}

fn tenant() -> CloudFrontTarget {
    CloudFrontTarget::tenant(TENANT, Some(MULTI.into()))
}

#[tokio::test(start_paused = true)]
async fn the_next_run_sees_what_this_one_sent_with_the_same_ids() {
    let (_t, path) = memory("demo-next-run");
    let first = run_at(&path, DemoSettings::default(), 0);
    let made = first
        .create_invalidation(
            &dist(STOREFRONT),
            &items(&["/a", "/b"]),
            &reference("deploy-1"),
        )
        .await
        .unwrap();
    let on_tenant = first
        .create_invalidation(&tenant(), &items(&["/t"]), &reference("deploy-1"))
        .await
        .unwrap();
    drop(first);

    let second = run_at(&path, DemoSettings::default(), 1);
    let top = second
        .list_invalidations(&dist(STOREFRONT), &PageRequest::first(1))
        .await
        .unwrap();
    assert_eq!(top.items[0].id, made.id, "listed first, under its id");
    let seen = second
        .get_invalidation(&dist(STOREFRONT), &made.id)
        .await
        .unwrap();
    assert_eq!(seen.items, made.items);
    assert_eq!(seen.caller_reference, "deploy-1");
    assert_eq!(seen.create_time, made.create_time);
    assert_eq!(
        seen.status,
        Status::Completed,
        "it went on while no run was looking"
    );
    let seen = second
        .get_invalidation(&tenant(), &on_tenant.id)
        .await
        .unwrap();
    assert_eq!(seen.items, ["/t"]);

    // The same reference and items: the invalidation already made, not a second one.
    let again = second
        .create_invalidation(
            &dist(STOREFRONT),
            &items(&["/b", "/a"]),
            &reference("deploy-1"),
        )
        .await
        .unwrap();
    assert_eq!(again.id, made.id);
    assert_eq!(
        second
            .create_invalidation(&dist(STOREFRONT), &items(&["/c"]), &reference("deploy-1"))
            .await,
        Err(BackendError::CallerReferenceReused {
            caller_reference: "deploy-1".into()
        })
    );
    let next = second
        .create_invalidation(&dist(STOREFRONT), &items(&["/c"]), &reference("deploy-2"))
        .await
        .unwrap();
    assert_ne!(next.id, made.id);

    let third = run_at(&path, DemoSettings::default(), 2);
    let ids = all_ids(&third, &dist(STOREFRONT), 1_000).await;
    assert_eq!(ids[..2], [next.id.clone(), made.id.clone()]);
    assert_eq!(ids.iter().filter(|id| **id == made.id).count(), 1);
}

#[tokio::test(start_paused = true)]
async fn two_runs_at_once_share_references_and_never_share_an_id() {
    let (_t, path) = memory("demo-at-once");
    let a = run_at(&path, DemoSettings::default(), 0);
    let b = run_at(&path, DemoSettings::default(), 0);
    let target = dist(ASSETS);
    let from_a = a
        .create_invalidation(&target, &items(&["/x"]), &reference("shared"))
        .await
        .unwrap();
    let from_b = b
        .create_invalidation(&target, &items(&["/x"]), &reference("shared"))
        .await
        .unwrap();
    assert_eq!(from_b.id, from_a.id, "b found what a made");
    let b_own = b
        .create_invalidation(&target, &items(&["/y"]), &reference("b-only"))
        .await
        .unwrap();
    let a_own = a
        .create_invalidation(&target, &items(&["/z"]), &reference("a-only"))
        .await
        .unwrap();
    assert_ne!(a_own.id, b_own.id);
    assert_ne!(a_own.id, from_a.id);
    // Each sees the other's, without making anything (the file is read when it changed).
    for run in [&a, &b] {
        assert_eq!(run.in_progress_count(ASSETS).await.unwrap(), 3);
        assert_eq!(
            run.get_invalidation(&target, &b_own.id)
                .await
                .unwrap()
                .items,
            ["/y"]
        );
    }
}

#[tokio::test(start_paused = true)]
async fn a_lost_answer_was_made_and_remembered_before_it_was_lost() {
    let (_t, path) = memory("demo-lost");
    let losing = run_at(
        &path,
        DemoSettings {
            lose_response: 1.0,
            ..DemoSettings::default()
        },
        0,
    );
    let target = dist(ASSETS);
    let r = reference("deploy-lost");
    for _ in 0..3 {
        let lost = losing
            .create_invalidation(&target, &items(&["/a"]), &r)
            .await;
        assert!(matches!(lost, Err(ref e @ BackendError::Network { .. }) if e.is_retryable()));
    }
    assert_eq!(losing.in_progress_count(ASSETS).await.unwrap(), 1);
    // As if the run were killed now: the next one finds the invalidation under its reference.
    drop(losing);
    let next = run_at(&path, DemoSettings::default(), 0);
    let found = next
        .create_invalidation(&target, &items(&["/a"]), &r)
        .await
        .unwrap();
    assert_eq!(next.in_progress_count(ASSETS).await.unwrap(), 1);
    let top = next
        .list_invalidations(&target, &PageRequest::first(1))
        .await
        .unwrap();
    assert_eq!(top.items[0].id, found.id);
}

#[tokio::test(start_paused = true)]
async fn lightsail_resets_are_remembered_and_never_given_an_id_twice() {
    let (_t, path) = memory("demo-resets");
    let first = run_at(&path, DemoSettings::default(), 0);
    let op = first
        .reset_lightsail_cache("landing-pages-cdn")
        .await
        .unwrap();
    drop(first);
    let second = run_at(&path, DemoSettings::default(), 1);
    let seen = second.get_lightsail_operation(&op.id).await.unwrap();
    assert_eq!(seen.status, OperationStatus::Succeeded);
    let latest = second
        .latest_lightsail_cache_reset("landing-pages-cdn")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(latest.create_time, op.created_at);
    // The same seed draws the same random ids in every run: the second's is drawn again.
    let other = second
        .reset_lightsail_cache("landing-pages-cdn")
        .await
        .unwrap();
    assert_ne!(other.id, op.id);
    let latest = second
        .latest_lightsail_cache_reset("landing-pages-cdn")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(latest.create_time, other.created_at);
}

#[tokio::test(start_paused = true)]
async fn a_day_later_it_is_forgotten_but_its_id_is_not_given_again() {
    let (_t, path) = memory("demo-aged");
    let first = run_at(&path, DemoSettings::default(), 0);
    let target = dist(ASSETS);
    let old = first
        .create_invalidation(&target, &items(&["/a"]), &reference("old"))
        .await
        .unwrap();
    drop(first);
    let later = run_at(&path, DemoSettings::default(), 25 * 60);
    assert!(matches!(
        later.get_invalidation(&target, &old.id).await,
        Err(BackendError::NotFound { .. })
    ));
    let new = later
        .create_invalidation(&target, &items(&["/a"]), &reference("old"))
        .await
        .unwrap();
    assert_ne!(
        new.id, old.id,
        "a new invalidation under a forgotten reference"
    );
}

#[tokio::test(start_paused = true)]
async fn each_seed_is_an_account_of_its_own() {
    let (_t, path) = memory("demo-seeds");
    let seeded = |seed| DemoSettings {
        seed,
        ..DemoSettings::default()
    };
    let first = run_at(&path, seeded(7), 0);
    let made = first
        .create_invalidation(&dist(ASSETS), &items(&["/a"]), &reference("r"))
        .await
        .unwrap();
    let other = run_at(&path, seeded(8), 0);
    assert_eq!(other.in_progress_count(ASSETS).await.unwrap(), 0);
    let same = run_at(&path, seeded(7), 0);
    let seen = same
        .get_invalidation(&dist(ASSETS), &made.id)
        .await
        .unwrap();
    assert_eq!(seen.caller_reference, "r");
}

#[tokio::test(start_paused = true)]
async fn a_memory_that_breaks_mid_run_is_let_go_and_the_demo_goes_on() {
    let (_t, path) = memory("demo-breaks");
    let b = run_at(&path, DemoSettings::default(), 0);
    std::fs::write(&path, b"not json").unwrap();
    let made = b
        .create_invalidation(&dist(ASSETS), &items(&["/a"]), &reference("r"))
        .await
        .unwrap();
    assert_eq!(
        b.get_invalidation(&dist(ASSETS), &made.id)
            .await
            .unwrap()
            .items,
        ["/a"]
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"not json",
        "left for the user"
    );
}
