use chrono::{Duration, FixedOffset, TimeZone, Utc};

use super::*;
use crate::app::model::InvalidationList;
use crate::app::watch::Watched;
use crate::domain::invalidation::Status;
use crate::domain::lightsail::CacheReset;
use crate::fixtures::history;

fn model() -> Model {
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap();
    Model::new("DEMO", now, FixedOffset::east_opt(0).unwrap())
}

/// A loaded list of `n` rows, the first `running` of them in progress, newest at 11:00.
fn list(n: usize, running: usize) -> InvalidationList {
    let newest = Utc.with_ymd_and_hms(2026, 11, 22, 11, 0, 0).unwrap();
    let mut rows = history::rows(0..n, newest, Duration::minutes(1));
    for row in rows.iter_mut().take(running) {
        row.status = Status::InProgress;
    }
    let mut list = InvalidationList::loading(1, "");
    list.take_page(history::page(rows, None, false));
    list
}

fn dist(id: &str) -> CloudFrontTarget {
    CloudFrontTarget::distribution(id)
}

#[test]
fn listed_watched_reset_and_counted_work_each_once_longest_running_first() {
    let mut m = model();
    m.lists.insert(dist("EONE"), list(5, 2));
    m.in_progress.insert("EONE".into(), Slot::Ready(2));
    // Counted busy, rows not listed yet.
    m.in_progress.insert("ETWO".into(), Slot::Ready(3));
    // A reset both watched and seen as the latest, at different times: one row.
    let started = Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0).unwrap();
    m.watched.push(Watched {
        lane: 0,
        subject: Subject::ResetStarting {
            name: "blog".into(),
        },
        since: started,
        status: "Started".into(),
        progress: Progress::Running,
    });
    m.resets.insert(
        "blog".into(),
        Slot::Ready(Some(CacheReset {
            status: "Started".into(),
            create_time: started + Duration::seconds(2),
        })),
    );
    let rows = running_now(&m);
    let shown: Vec<(String, Work)> = rows
        .iter()
        .map(|r| (r.target.to_string(), r.work.clone()))
        .collect();
    let one = history::rows(0..2, Utc::now(), Duration::minutes(1));
    assert_eq!(
        shown,
        vec![
            ("lightsail:blog".to_string(), Work::CacheReset),
            (
                "EONE".to_string(),
                Work::Invalidation {
                    id: one[1].id.clone()
                }
            ),
            (
                "EONE".to_string(),
                Work::Invalidation {
                    id: one[0].id.clone()
                }
            ),
            ("ETWO".to_string(), Work::Unlisted { count: 3 }),
        ]
    );
}

#[test]
fn rows_of_a_distribution_since_counted_idle_are_not_shown() {
    let mut m = model();
    m.lists.insert(dist("EONE"), list(5, 2));
    m.in_progress.insert("EONE".into(), Slot::Ready(0));
    assert_eq!(running_now(&m), vec![]);
}
