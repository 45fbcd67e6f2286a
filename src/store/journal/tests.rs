use chrono::Duration;

use super::*;
use crate::fixtures::journal::intent;
use crate::fixtures::store::{now as t0, open_in};
use crate::store::test_dir::TestDir;

fn only(c: &Connection) -> Entry {
    let all = list(c, &Filter::default()).unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    all.into_iter().next().unwrap()
}

#[test]
fn an_intent_is_unconfirmed_until_answered_then_sent() {
    let t = TestDir::new("journal-sent");
    let c = open_in(t.path());
    let i = intent("R", "E1", &["/a", "/b"], t0());
    let id = record_intent(&c, &i).unwrap();
    let e = only(&c);
    assert_eq!(e.state, State::Unconfirmed);
    assert_eq!(e.intent, i, "everything recorded comes back");
    record_sent(&c, id, "I123", "InProgress", t0() + Duration::seconds(1)).unwrap();
    let e = only(&c);
    assert_eq!(e.state, State::Sent);
    assert_eq!(e.invalidation_id.as_deref(), Some("I123"));
    assert_eq!(e.answered_at, Some(t0() + Duration::seconds(1)));
}

#[test]
fn a_refusal_is_failed_and_a_lost_answer_stays_unconfirmed() {
    let t = TestDir::new("journal-failed");
    let c = open_in(t.path());
    let a = record_intent(&c, &intent("A", "E1", &["/a"], t0())).unwrap();
    let b = record_intent(&c, &intent("B", "E1", &["/b"], t0())).unwrap();
    record_failed(&c, a, "not found", t0()).unwrap();
    record_unanswered(&c, b, "network error").unwrap();
    let by_ref = |r: &str| {
        list(
            &c,
            &Filter {
                caller_reference: Some(r.into()),
                ..Filter::default()
            },
        )
        .unwrap()
        .remove(0)
    };
    assert_eq!(by_ref("A").state, State::Failed);
    let b = by_ref("B");
    assert_eq!(b.state, State::Unconfirmed);
    assert_eq!(b.error.as_deref(), Some("network error"));
}

#[test]
fn the_same_reference_and_target_again_is_one_entry_with_one_more_try() {
    let t = TestDir::new("journal-retry");
    let c = open_in(t.path());
    let first = record_intent(&c, &intent("R", "E1", &["/a"], t0())).unwrap();
    record_unanswered(&c, first, "timeout").unwrap();
    let again =
        record_intent(&c, &intent("R", "E1", &["/a"], t0() + Duration::minutes(1))).unwrap();
    assert_eq!(first, again);
    let e = only(&c);
    assert_eq!(e.tries, 2);
    assert_eq!(e.intent.attempted_at, t0(), "when it was first tried");
    // Another target with the same reference is its own entry.
    record_intent(&c, &intent("R", "E2", &["/a"], t0())).unwrap();
    assert_eq!(list(&c, &Filter::default()).unwrap().len(), 2);
    // A sent entry tried again stays sent.
    record_sent(&c, first, "I1", "Completed", t0()).unwrap();
    record_intent(&c, &intent("R", "E1", &["/a"], t0())).unwrap();
    let e = list(
        &c,
        &Filter {
            state: Some(State::Sent),
            ..Filter::default()
        },
    )
    .unwrap();
    assert_eq!(e.len(), 1);
}

#[test]
fn a_rerun_finds_an_unconfirmed_or_unreported_attempt_within_the_window() {
    let t = TestDir::new("journal-resumable");
    let c = open_in(t.path());
    let items = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let id = record_intent(&c, &intent("R", "E1", &["/a", "/b"], t0())).unwrap();
    let since = t0() - Duration::minutes(15);
    let found = resumable(&c, "E1", &items(&["/b", "/a"]), 1, 1, since).unwrap();
    assert_eq!(
        found.map(|e| e.id),
        Some(id),
        "order of items does not matter"
    );
    assert!(
        resumable(&c, "E1", &items(&["/a"]), 1, 1, since)
            .unwrap()
            .is_none()
    );
    assert!(
        resumable(&c, "E2", &items(&["/a", "/b"]), 1, 1, since)
            .unwrap()
            .is_none()
    );
    let later = t0() + Duration::minutes(1);
    assert!(
        resumable(&c, "E1", &items(&["/a", "/b"]), 1, 1, later)
            .unwrap()
            .is_none(),
        "older than the window"
    );
    // Sent, but the output never reached the user: still resumable.
    record_sent(&c, id, "I1", "InProgress", t0()).unwrap();
    assert!(
        resumable(&c, "E1", &items(&["/a", "/b"]), 1, 1, since)
            .unwrap()
            .is_some()
    );
    record_reported(&c, &[id], t0()).unwrap();
    assert!(
        resumable(&c, "E1", &items(&["/a", "/b"]), 1, 1, since)
            .unwrap()
            .is_none()
    );
}

#[test]
fn forgetting_takes_an_entry_out_of_what_is_offered() {
    let t = TestDir::new("journal-forget");
    let c = open_in(t.path());
    let id = record_intent(&c, &intent("R", "E1", &["/a"], t0())).unwrap();
    assert!(forget(&c, id).unwrap());
    assert_eq!(only(&c).state, State::Forgotten);
    assert!(
        !forget(&c, id).unwrap(),
        "only an unconfirmed entry is forgotten"
    );
    let unconfirmed = Filter {
        state: Some(State::Unconfirmed),
        ..Filter::default()
    };
    assert!(list(&c, &unconfirmed).unwrap().is_empty());
}

#[test]
fn two_connections_write_side_by_side() {
    let t = TestDir::new("journal-two");
    let a = open_in(t.path());
    let b = open_in(t.path());
    for i in 0..20 {
        let c = if i % 2 == 0 { &a } else { &b };
        record_intent(c, &intent(&format!("R{i}"), "E1", &["/a"], t0())).unwrap();
    }
    assert_eq!(list(&a, &Filter::default()).unwrap().len(), 20);
}

#[test]
fn a_run_that_failed_on_one_target_is_resumed_on_all_of_them() {
    let t = TestDir::new("journal-partial");
    let c = open_in(t.path());
    let items = vec!["/a".to_string()];
    let since = t0() - Duration::minutes(15);
    let ok = record_intent(&c, &intent("R", "E1", &["/a"], t0())).unwrap();
    record_sent(&c, ok, "I1", "InProgress", t0()).unwrap();
    record_reported(&c, &[ok], t0()).unwrap();
    let bad = record_intent(&c, &intent("R", "E9", &["/a"], t0())).unwrap();
    record_failed(&c, bad, "not found", t0()).unwrap();
    // E1's own entry is done and reported, but its run is not: the rerun finds it.
    let found = resumable(&c, "E1", &items, 1, 1, since).unwrap();
    assert_eq!(
        found.map(|e| e.intent.batch_reference),
        Some("R".to_string())
    );
    // Once the whole run is done, a rerun is a new purge.
    let again = record_intent(&c, &intent("R", "E9", &["/a"], t0())).unwrap();
    record_sent(&c, again, "I9", "InProgress", t0()).unwrap();
    record_reported(&c, &[again], t0()).unwrap();
    assert!(resumable(&c, "E1", &items, 1, 1, since).unwrap().is_none());
}

#[test]
fn who_sent_an_invalidation_is_the_entry_that_made_it() {
    let t = TestDir::new("journal-sent-by");
    let c = open_in(t.path());
    let mut i = intent("R", "E1", &["/a"], t0());
    i.sender.caller_arn = Some("arn:aws:iam::111122223333:user/alice".into());
    let id = record_intent(&c, &i).unwrap();
    assert_eq!(sent_by(&c, "E1", "I123").unwrap(), None, "not answered yet");
    record_sent(&c, id, "I123", "InProgress", t0()).unwrap();
    assert_eq!(
        sent_by(&c, "E1", "I123").unwrap(),
        Some(Who::Sent {
            user: i.sender.user.clone(),
            caller_arn: i.sender.caller_arn.clone(),
        })
    );
    assert_eq!(sent_by(&c, "E2", "I123").unwrap(), None, "another target's");
    assert_eq!(sent_by(&c, "E1", "I999").unwrap(), None);
}
