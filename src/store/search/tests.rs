use chrono::{Duration, TimeZone};

use super::*;
use crate::domain::invalidation::{Invalidation, Status};
use crate::store::db::open;
use crate::store::history::record_details;
use crate::store::test_dir::TestDir;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap()
}

fn setup(t: &TestDir) -> Connection {
    let mut c = open::open(&t.path().join("e.db"), t0()).unwrap().connection;
    let add =
        |c: &mut Connection, account: &str, target: &str, id: &str, days: i64, items: &[&str]| {
            let inv = Invalidation {
                id: id.into(),
                status: Status::Completed,
                create_time: t0() - Duration::days(days),
                caller_reference: format!("ref-{id}"),
                items: items.iter().map(|s| s.to_string()).collect(),
            };
            record_details(c, account, target, &inv, t0()).unwrap();
        };
    add(
        &mut c,
        "1",
        "E1",
        "I1",
        1,
        &["/assets/app.css", "/index.html"],
    );
    add(&mut c, "1", "E1", "I2", 2, &["/assets/*"]);
    add(
        &mut c,
        "1",
        "tenant:dt_a",
        "I3",
        3,
        &["/assets/app.css.map", "/x"],
    );
    add(&mut c, "1", "E1", "I4", 40, &["/assets/app.css"]);
    add(&mut c, "2", "E9", "I5", 1, &["/assets/app.css"]);
    c
}

fn query(text: &str) -> Query {
    Query {
        texts: vec![text.into()],
        limit: 100,
        ..Query::default()
    }
}

#[test]
fn exact_covering_and_containing_items_are_found_newest_first() {
    let t = TestDir::new("search-kinds");
    let c = setup(&t);
    let hits = search(&c, "1", &query("/assets/app.css")).unwrap();
    let seen: Vec<(&str, Match, Vec<&str>)> = hits
        .iter()
        .map(|h| {
            (
                h.id.as_str(),
                h.how,
                h.matches.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("I1", Match::Exact, vec!["/assets/app.css"]),
            ("I2", Match::Covers, vec!["/assets/*"]),
            ("I3", Match::Contains, vec!["/assets/app.css.map"]),
            ("I4", Match::Exact, vec!["/assets/app.css"]),
        ],
        "the other account's I5 is not found"
    );
    assert_eq!(hits[0].target, "E1");
    assert_eq!(hits[0].caller_reference.as_deref(), Some("ref-I1"));
}

#[test]
fn targets_since_and_limit_narrow_the_search() {
    let t = TestDir::new("search-narrow");
    let c = setup(&t);
    let mut q = query("app.css");
    q.targets = vec!["tenant:dt_a".into()];
    let hits = search(&c, "1", &q).unwrap();
    assert_eq!(
        hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        ["I3"]
    );
    let mut q = query("app.css");
    q.since = Some(t0() - Duration::days(30));
    assert_eq!(
        search(&c, "1", &q).unwrap().len(),
        2,
        "I1 and I3, not the old I4"
    );
    let mut q = query("app.css");
    q.limit = 1;
    assert_eq!(search(&c, "1", &q).unwrap()[0].id, "I1");
}

#[test]
fn short_and_odd_texts_work_and_match_case_insensitively() {
    let t = TestDir::new("search-short");
    let c = setup(&t);
    let ids = |text: &str| -> Vec<String> {
        search(&c, "1", &query(text))
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect()
    };
    assert_eq!(ids("/x"), ["I3"], "two characters: scanned");
    assert_eq!(ids("INDEX.HTML"), ["I1"]);
    assert!(ids("nothing-like-this").is_empty());
    assert!(
        ids("\"quoted\" text").is_empty(),
        "quotes cannot break the query"
    );
}

#[test]
fn a_path_is_also_searched_as_cloudfront_stores_it() {
    assert_eq!(spellings("/café"), ["/café", "/caf%C3%A9"]);
    assert_eq!(spellings("/a.css"), ["/a.css"]);
    assert_eq!(spellings("app.css"), ["app.css"]);
}
