use chrono::Duration;

use super::*;
use crate::fixtures::history;
use crate::fixtures::store::{now as t0, open_in};
use crate::store::test_dir::TestDir;

fn summary(id: &str, minutes_ago: i64, status: Status) -> InvalidationSummary {
    history::summary(id, status, t0() - Duration::minutes(minutes_ago))
}

fn full(id: &str, minutes_ago: i64, status: Status, items: &[&str]) -> Invalidation {
    history::invalidation(id, status, t0() - Duration::minutes(minutes_ago), items)
}

#[test]
fn listed_rows_want_details_until_fetched_completed() {
    let t = TestDir::new("history-wanting");
    let mut c = open_in(t.path());
    record_summaries(
        &mut c,
        "111",
        "E1",
        &[
            summary("I3", 1, Status::InProgress),
            summary("I2", 10, Status::Completed),
            summary("I1", 60 * 24 * 40, Status::Completed),
        ],
    )
    .unwrap();
    let since = t0() - Duration::days(30);
    assert_eq!(
        wanting_details(&c, "111", "E1", since).unwrap(),
        ["I3", "I2"]
    );
    record_details(
        &mut c,
        "111",
        "E1",
        &full("I2", 10, Status::Completed, &["/a"]),
        t0(),
    )
    .unwrap();
    record_details(
        &mut c,
        "111",
        "E1",
        &full("I3", 1, Status::InProgress, &["/b"]),
        t0(),
    )
    .unwrap();
    assert_eq!(
        wanting_details(&c, "111", "E1", since).unwrap(),
        ["I3"],
        "an in-progress one is asked about again; a completed one never"
    );
    let is_final = |id: &str| {
        details(&c, "111", "E1", id)
            .unwrap()
            .is_some_and(|i| i.status == Status::Completed)
    };
    assert!(is_final("I2"));
    assert!(!is_final("I3"));
    // Another account's rows are its own.
    assert!(wanting_details(&c, "222", "E1", since).unwrap().is_empty());
}

#[test]
fn details_come_back_exactly_and_items_are_stored_once() {
    let t = TestDir::new("history-details");
    let mut c = open_in(t.path());
    let inv = full("I1", 5, Status::InProgress, &["/a", "/img/*", "#tag"]);
    record_details(&mut c, "111", "E1", &inv, t0()).unwrap();
    let mut done = inv.clone();
    done.status = Status::Completed;
    record_details(&mut c, "111", "E1", &done, t0()).unwrap();
    assert_eq!(details(&c, "111", "E1", "I1").unwrap(), Some(done));
    let n: i64 = c
        .query_row("SELECT count(*) FROM invalidation_items", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 3, "not stored twice");
    assert_eq!(details(&c, "111", "E1", "I9").unwrap(), None);
    // A listed row without details is not "known".
    record_summaries(&mut c, "111", "E1", &[summary("I8", 1, Status::Completed)]).unwrap();
    assert_eq!(details(&c, "111", "E1", "I8").unwrap(), None);
}

#[test]
fn coverage_joins_overlapping_syncs_and_drops_a_disjoint_old_span() {
    let t = TestDir::new("history-coverage");
    let c = open_in(t.path());
    assert_eq!(coverage(&c, "1", "E1").unwrap(), None);
    let day = Duration::days(1);
    record_coverage(&c, "1", "E1", t0() - day * 30, t0()).unwrap();
    record_coverage(&c, "1", "E1", t0() - day * 7, t0() + day).unwrap();
    assert_eq!(
        coverage(&c, "1", "E1").unwrap(),
        Some(t0() - day * 30),
        "overlap: joined"
    );
    // Synced again 60 days later with a 7-day window: days 2 to 53 were never seen.
    record_coverage(&c, "1", "E1", t0() + day * 53, t0() + day * 60).unwrap();
    assert_eq!(coverage(&c, "1", "E1").unwrap(), Some(t0() + day * 53));
}

#[test]
fn paths_under_a_prefix_are_the_targets_exact_paths_only() {
    let t = TestDir::new("history-paths-under");
    let mut c = open_in(t.path());
    let items = ["/img/a.png", "/img/*", "#img", "/img/b/c.png", "/css/x.css"];
    record_details(
        &mut c,
        "111",
        "E1",
        &full("I1", 5, Status::Completed, &items),
        t0(),
    )
    .unwrap();
    let again = ["/img/a.png", "/img/z.png"];
    record_details(
        &mut c,
        "111",
        "E1",
        &full("I2", 4, Status::Completed, &again),
        t0(),
    )
    .unwrap();
    record_details(
        &mut c,
        "111",
        "E2",
        &full("I3", 4, Status::Completed, &["/img/e2"]),
        t0(),
    )
    .unwrap();
    assert_eq!(
        paths_under(&c, "111", "E1", "/img/", 10).unwrap(),
        ["/img/a.png", "/img/b/c.png", "/img/z.png"]
    );
    assert_eq!(paths_under(&c, "111", "E1", "/img/", 2).unwrap().len(), 2);
    assert_eq!(paths_under(&c, "111", "E1", "/", 10).unwrap().len(), 4);
    assert!(
        paths_under(&c, "222", "E1", "/img/", 10)
            .unwrap()
            .is_empty()
    );
}
