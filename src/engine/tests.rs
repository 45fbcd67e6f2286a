//! Every transition of the journal, on the demo account and a paused clock.

use std::sync::Arc;

use chrono::{TimeZone, Utc};

use super::*;
use crate::backend::demo::{DemoBackend, DemoSettings};
use crate::domain::caller_reference::CallerReference;
use crate::domain::invalidation::PageRequest;
use crate::domain::journal::{Entry, State};
use crate::fixtures::demo::{ASSETS as IDLE, account};
use crate::fixtures::journal::sender;
use crate::store::db::OpenReport;
use crate::store::test_dir::TestDir;

struct Setup {
    demo: Arc<DemoBackend>,
    engine: Engine,
    _dir: TestDir,
}

async fn setup(label: &str) -> Setup {
    let dir = TestDir::new(label);
    let origin = Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap();
    let (demo, clock) = account(DemoSettings::default(), origin);
    let demo = Arc::new(demo);
    let (store, report) = Store::open_in_background(dir.path().join("demo.db"), origin);
    assert!(matches!(report.await.unwrap(), OpenReport::Ready { .. }));
    let engine = Engine::new(
        demo.clone(),
        store,
        clock,
        Origin::Cli,
        Sender {
            command: "edgepurge purge".into(),
            ..sender()
        },
    );
    Setup {
        demo,
        engine,
        _dir: dir,
    }
}

fn part(reference: &str, items: &[&str]) -> Part {
    let items = items.iter().map(|s| s.to_string()).collect();
    Part::split(vec![items], &CallerReference::parse(reference).unwrap()).remove(0)
}

async fn entries(engine: &Engine) -> Vec<Entry> {
    engine
        .store
        .call(|c| journal::list(c, &journal::Filter::default()))
        .await
        .unwrap()
}

async fn made_on(demo: &DemoBackend, target: &CloudFrontTarget, reference: &str) -> usize {
    let page = demo
        .list_invalidations(target, &PageRequest::first(1000))
        .await
        .unwrap();
    let mut n = 0;
    for s in page.items.iter().take(20) {
        if demo
            .get_invalidation(target, &s.id)
            .await
            .unwrap()
            .caller_reference
            == reference
        {
            n += 1;
        }
    }
    n
}

#[tokio::test(start_paused = true)]
async fn a_part_is_journaled_unconfirmed_then_recorded_sent() {
    let s = setup("engine-sent").await;
    let target = CloudFrontTarget::distribution(IDLE);
    let made = s
        .engine
        .create(&target, &part("R1", &["/a"]))
        .await
        .unwrap();
    let e = entries(&s.engine).await;
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].state, State::Sent);
    assert_eq!(
        e[0].invalidation_id.as_deref(),
        Some(made.invalidation.id.as_str())
    );
    assert_eq!(e[0].status.as_deref(), Some("InProgress"));
    assert_eq!(e[0].intent.target, IDLE);
    assert_eq!(e[0].intent.sender.user, "alice@build-7");
    assert_eq!(made.journal, Some(e[0].id));
}

#[tokio::test(start_paused = true)]
async fn a_lost_answer_is_retried_under_the_same_reference_and_makes_one() {
    let s = setup("engine-lost").await;
    let target = CloudFrontTarget::distribution(IDLE);
    s.demo.faults().lose_next_create_response();
    s.engine
        .create(&target, &part("R2", &["/a"]))
        .await
        .unwrap();
    assert_eq!(made_on(&s.demo, &target, "R2").await, 1);
    assert_eq!(entries(&s.engine).await[0].state, State::Sent);
}

#[tokio::test(start_paused = true)]
async fn no_answer_at_all_stays_unconfirmed_and_sending_again_finds_what_was_made() {
    let s = setup("engine-unanswered").await;
    let target = CloudFrontTarget::distribution(IDLE);
    // The only try is applied and its answer lost: the worst case.
    let mut engine = s.engine.clone();
    engine.retry.attempts = 1;
    s.demo.faults().lose_next_create_response();
    let err = engine
        .create(&target, &part("R3", &["/a"]))
        .await
        .unwrap_err();
    assert!(matches!(err, SendError::Unconfirmed(_)), "{err:?}");
    let e = entries(&s.engine).await;
    assert_eq!(e[0].state, State::Unconfirmed);
    assert!(
        e[0].error.as_deref().unwrap_or("").contains("network"),
        "{e:?}"
    );
    // Resumed with its own reference: the invalidation made on the first try comes back.
    let made = s
        .engine
        .create(&target, &part("R3", &["/a"]))
        .await
        .unwrap();
    assert_eq!(
        made_on(&s.demo, &target, "R3").await,
        1,
        "never a second one"
    );
    let e = entries(&s.engine).await;
    assert_eq!((e.len(), e[0].state, e[0].tries), (1, State::Sent, 2));
    assert_eq!(
        e[0].invalidation_id.as_deref(),
        Some(made.invalidation.id.as_str())
    );
}

#[tokio::test(start_paused = true)]
async fn throttling_to_the_end_stays_unconfirmed() {
    let s = setup("engine-throttled").await;
    s.demo.faults().set_throttle(1.0);
    let target = CloudFrontTarget::distribution(IDLE);
    let err = s
        .engine
        .create(&target, &part("R4", &["/a"]))
        .await
        .unwrap_err();
    assert_eq!(err, SendError::Unconfirmed(BackendError::Throttled));
    assert_eq!(entries(&s.engine).await[0].state, State::Unconfirmed);
}

#[tokio::test(start_paused = true)]
async fn a_refusal_is_recorded_failed() {
    let s = setup("engine-refused").await;
    let target = CloudFrontTarget::distribution("ENOSUCHDIST0000");
    let err = s
        .engine
        .create(&target, &part("R5", &["/a"]))
        .await
        .unwrap_err();
    assert!(
        matches!(err, SendError::Refused(BackendError::NotFound { .. })),
        "{err:?}"
    );
    let e = entries(&s.engine).await;
    assert_eq!(e[0].state, State::Failed);
    assert!(e[0].answered_at.is_some());
}

#[tokio::test(start_paused = true)]
async fn a_lightsail_reset_is_journaled_with_its_operation() {
    let s = setup("engine-reset").await;
    let (op, id) = s.engine.reset("wordpress-blog-cdn").await.unwrap();
    let e = entries(&s.engine).await;
    assert_eq!(Some(e[0].id), id);
    assert_eq!(e[0].intent.kind, Kind::Reset);
    assert_eq!(e[0].intent.target, "lightsail:wordpress-blog-cdn");
    assert_eq!(e[0].invalidation_id.as_deref(), Some(op.id.as_str()));
    assert!(
        e[0].intent.caller_reference.starts_with("edgepurge-"),
        "a reference of its own names it: {e:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn without_memory_a_part_is_still_sent() {
    let s = setup("engine-nomemory").await;
    let mut engine = s.engine.clone();
    engine.store = Store::without_memory();
    let target = CloudFrontTarget::distribution(IDLE);
    let made = engine.create(&target, &part("R6", &["/a"])).await.unwrap();
    assert_eq!(made.journal, None);
    assert_eq!(made_on(&s.demo, &target, "R6").await, 1);
}

#[tokio::test(start_paused = true)]
async fn an_entry_sent_again_gives_back_what_it_made_and_a_bad_one_is_named() {
    let s = setup("engine-resend").await;
    let target = CloudFrontTarget::distribution(IDLE);
    let mut once = s.engine.clone();
    once.retry.attempts = 1;
    s.demo.faults().lose_next_create_response();
    once.create(&target, &part("R7", &["/a"]))
        .await
        .unwrap_err();
    let entry = entries(&s.engine).await.remove(0);
    let again = s.engine.send_again(&entry).await.unwrap();
    assert!(
        matches!(&again, Resent::Invalidation { invalidation, .. } if invalidation.caller_reference == "R7"),
        "{again:?}"
    );
    assert_eq!(made_on(&s.demo, &target, "R7").await, 1);
    let mut odd = entry.clone();
    odd.intent.target = "lightsail:blog".into();
    let err = s.engine.send_again(&odd).await.unwrap_err();
    assert!(matches!(err, ResendError::Unreadable { .. }), "{err:?}");
}
