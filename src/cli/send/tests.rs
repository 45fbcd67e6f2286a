//! Sending on the demo account, on a paused clock: exactly once despite a lost answer, split
//! batches, no room (with and without --wait), the timeout, several targets.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::*;
use crate::backend::Backend;
use crate::cli::names::Labels;
use crate::cli::progress::Mode;
use crate::cli::testing::{Counting, demo, session};
use crate::clock::SharedClock;
use crate::domain::caller_reference::CallerReference;
use crate::domain::invalidation::{PageRequest, Status};

use crate::fixtures::batch::{paths, wildcards};
use crate::fixtures::demo::{API as OTHER, ASSETS as IDLE};

fn quiet(clock: &SharedClock) -> Progress {
    Progress::new(Mode::Quiet, Arc::clone(clock))
}

fn parts(items: Vec<String>, reference: &str) -> Vec<Part> {
    let batch = crate::domain::batch::PathBatch::from_items(&items);
    Part::split(batch.parts(), &CallerReference::parse(reference).unwrap())
}

fn no_wait() -> Options {
    Options {
        wait: false,
        deadline: None,
    }
}

fn wait() -> Options {
    Options {
        wait: true,
        deadline: None,
    }
}

async fn newest_ids(backend: &dyn Backend, target: &CloudFrontTarget) -> Vec<String> {
    let page = backend
        .list_invalidations(target, &PageRequest::first(50))
        .await
        .unwrap();
    page.items.into_iter().map(|s| s.id).collect()
}

#[tokio::test(start_paused = true)]
async fn a_lost_answer_is_retried_and_makes_exactly_one_invalidation() {
    let (demo, clock) = demo();
    let counting = Arc::new(Counting::new(demo.clone()));
    let session = session(counting.clone(), Arc::clone(&clock));
    let target = CloudFrontTarget::distribution(IDLE);
    let before = newest_ids(demo.as_ref(), &target).await;
    demo.faults().lose_next_create_response();

    let outcome = send(
        &session,
        std::slice::from_ref(&target),
        &parts(vec!["/a".into(), "/b".into()], "deploy-42"),
        wait(),
        &quiet(&clock),
        &Labels::default(),
        &|_| {},
    )
    .await;

    assert_eq!(outcome.status(), exit::OK, "{outcome:?}");
    assert_eq!(counting.creates(), 2, "the lost answer, then the retry");
    let after = newest_ids(demo.as_ref(), &target).await;
    assert_eq!(
        after[1..],
        before[..after.len() - 1],
        "exactly one new invalidation"
    );
    let sent = &outcome.sent[0].invalidation;
    assert_eq!(sent.id, after[0]);
    assert_eq!(sent.caller_reference, "deploy-42");
    assert_eq!(sent.items, ["/a", "/b"]);
    assert_eq!(sent.status, Status::Completed, "followed to the end");
}

#[tokio::test(start_paused = true)]
async fn without_wait_a_part_with_no_room_is_refused_saying_what_is_in_progress() {
    let (demo, clock) = demo();
    let session = session(demo.clone(), Arc::clone(&clock));
    let target = CloudFrontTarget::distribution(IDLE);
    let parts = parts(paths("/p/", 3_001), "big");
    assert_eq!(parts.len(), 2);

    let outcome = send(
        &session,
        &[target],
        &parts,
        no_wait(),
        &quiet(&clock),
        &Labels::default(),
        &|_| {},
    )
    .await;

    assert_eq!(outcome.status(), exit::FAILURE);
    assert_eq!(outcome.sent.len(), 1);
    assert_eq!(outcome.sent[0].invalidation.caller_reference, "big-1of2");
    assert_eq!(outcome.sent[0].invalidation.items.len(), 3_000);
    let failure = &outcome.failures[0];
    assert!(
        failure.contains(
            "no room to start part 2 of 2 now: 1 invalidation in progress with 3000/3000 file \
             paths and 0/15 wildcards; it adds 1 file paths and 0 wildcards"
        ),
        "{failure}"
    );
    assert!(
        failure.contains("--wait --caller-reference big"),
        "{failure}"
    );
}

#[tokio::test(start_paused = true)]
async fn with_wait_a_split_batch_goes_part_after_part_as_room_frees_up() {
    let (demo, clock) = demo();
    let session = session(demo.clone(), Arc::clone(&clock));
    let target = CloudFrontTarget::distribution(IDLE);
    let parts = parts(paths("/p/", 3_001), "big");

    let outcome = send(
        &session,
        &[target],
        &parts,
        wait(),
        &quiet(&clock),
        &Labels::default(),
        &|_| {},
    )
    .await;

    assert_eq!(outcome.status(), exit::OK, "{outcome:?}");
    let [first, second] = &outcome.sent[..] else {
        panic!("two invalidations: {outcome:?}");
    };
    assert_eq!(first.invalidation.caller_reference, "big-1of2");
    assert_eq!(second.invalidation.caller_reference, "big-2of2");
    assert_eq!(second.invalidation.items, ["/p/3000"]);
    // The demo completes an invalidation 20 s or more after it starts: part 2 could start
    // only then.
    let gap = second.invalidation.create_time - first.invalidation.create_time;
    assert!(gap >= chrono::Duration::seconds(20), "{gap}");
    assert!(
        outcome
            .sent
            .iter()
            .all(|s| s.invalidation.status == Status::Completed)
    );
}

#[tokio::test(start_paused = true)]
async fn fifteen_wildcards_in_progress_leave_no_room_for_one_more_until_they_complete() {
    let (demo, clock) = demo();
    let session = session(demo.clone(), Arc::clone(&clock));
    let target = CloudFrontTarget::distribution(IDLE);
    demo.create_invalidation(
        &target,
        &wildcards("/w", 15),
        &CallerReference::parse("fifteen").unwrap(),
    )
    .await
    .unwrap();
    let one_more = parts(vec!["/x/*".into()], "one-more");

    let refused = send(
        &session,
        std::slice::from_ref(&target),
        &one_more,
        no_wait(),
        &quiet(&clock),
        &Labels::default(),
        &|_| {},
    )
    .await;
    assert!(refused.sent.is_empty());
    assert!(
        refused.failures[0].contains("15/15 wildcards; it adds 0 file paths and 1 wildcards"),
        "{:?}",
        refused.failures
    );

    let waited = send(
        &session,
        &[target],
        &one_more,
        wait(),
        &quiet(&clock),
        &Labels::default(),
        &|_| {},
    )
    .await;
    assert_eq!(waited.status(), exit::OK, "{waited:?}");
    assert_eq!(waited.sent[0].invalidation.caller_reference, "one-more");
}

#[tokio::test(start_paused = true)]
async fn the_timeout_stops_the_wait_and_says_what_was_still_running() {
    let (demo, clock) = demo();
    let session = session(demo.clone(), Arc::clone(&clock));
    let options = Options {
        wait: true,
        deadline: Some(tokio::time::Instant::now() + Duration::from_secs(5)),
    };
    let outcome = send(
        &session,
        &[CloudFrontTarget::distribution(IDLE)],
        &parts(vec!["/a".into()], "slow"),
        options,
        &quiet(&clock),
        &Labels::default(),
        &|_| {},
    )
    .await;
    assert_eq!(outcome.status(), exit::TIMEOUT);
    assert_eq!(outcome.sent[0].invalidation.status, Status::InProgress);
    assert!(
        outcome.timed_out[0].contains("still InProgress at the timeout"),
        "{:?}",
        outcome.timed_out
    );
}

#[tokio::test(start_paused = true)]
async fn every_target_gets_the_batch_and_each_is_heard_of_when_created() {
    let (demo, clock) = demo();
    let session = session(demo.clone(), Arc::clone(&clock));
    let targets = [
        CloudFrontTarget::distribution(IDLE),
        CloudFrontTarget::distribution(OTHER),
    ];
    let heard = Mutex::new(Vec::new());
    let outcome = send(
        &session,
        &targets,
        &parts(vec!["/a".into()], "both"),
        no_wait(),
        &quiet(&clock),
        &Labels::default(),
        &|s: &Sent| heard.lock().unwrap().push(s.target.to_string()),
    )
    .await;
    assert_eq!(outcome.status(), exit::OK);
    let sent: Vec<String> = outcome.sent.iter().map(|s| s.target.to_string()).collect();
    assert_eq!(sent, [IDLE, OTHER], "in the order given");
    let mut heard = heard.into_inner().unwrap();
    heard.sort();
    let mut expected = sent.clone();
    expected.sort();
    assert_eq!(heard, expected);
    assert!(
        outcome
            .sent
            .iter()
            .all(|s| s.invalidation.caller_reference == "both")
    );
}

#[tokio::test(start_paused = true)]
async fn an_error_that_is_no_passing_trouble_is_a_failure_at_once() {
    let (demo, clock) = demo();
    let counting = Arc::new(Counting::new(demo.clone()));
    let session = session(counting.clone(), Arc::clone(&clock));
    let outcome = send(
        &session,
        &[CloudFrontTarget::distribution("E000NOSUCHDIST")],
        &parts(vec!["/a".into()], "x"),
        wait(),
        &quiet(&clock),
        &Labels::default(),
        &|_| {},
    )
    .await;
    assert_eq!(outcome.status(), exit::FAILURE);
    assert_eq!(counting.creates(), 1);
    assert!(
        outcome.failures[0].contains("was not found"),
        "{:?}",
        outcome.failures
    );
}

#[tokio::test(start_paused = true)]
async fn the_same_purge_sent_again_finds_what_it_made() {
    let (demo, clock) = demo();
    let session = session(demo.clone(), Arc::clone(&clock));
    let target = CloudFrontTarget::distribution(IDLE);
    let batch = parts(vec!["/a".into(), "/b".into()], "deploy-43");
    let first = send(
        &session,
        std::slice::from_ref(&target),
        &batch,
        no_wait(),
        &quiet(&clock),
        &Labels::default(),
        &|_| {},
    )
    .await;
    let before = newest_ids(demo.as_ref(), &target).await;
    let again = send(
        &session,
        std::slice::from_ref(&target),
        &batch,
        no_wait(),
        &quiet(&clock),
        &Labels::default(),
        &|_| {},
    )
    .await;
    assert_eq!(again.status(), exit::OK);
    assert_eq!(again.sent[0].invalidation.id, first.sent[0].invalidation.id);
    assert_eq!(
        newest_ids(demo.as_ref(), &target).await,
        before,
        "nothing new"
    );
}
