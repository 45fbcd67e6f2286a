use chrono::Duration;

use super::*;
use crate::domain::invalidation::Status;
use crate::fixtures::history::invalidation;
use crate::fixtures::store::{now as t0, open_in};
use crate::store::history::record_details;
use crate::store::test_dir::TestDir;

fn setup(t: &TestDir) -> Connection {
    let mut c = open_in(t.path());
    let add =
        |c: &mut Connection, account: &str, target: &str, id: &str, days: i64, items: &[&str]| {
            let inv = invalidation(id, Status::Completed, t0() - Duration::days(days), items);
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

/// Invalidations whose items test every way of matching: case, wildcards (the bare `*`
/// included), LIKE's own characters, letters beyond ASCII (KELVIN SIGN folds to `k` in the
/// trigram index), for two accounts and three targets, a day apart.
fn varied(t: &TestDir) -> Connection {
    let mut c = open_in(t.path());
    let items: [&[&str]; 8] = [
        &["/Assets/App.CSS", "/img/a.png", "#Product-1"],
        &["/assets/*", "/a_b%20c.png", "/caf%C3%A9"],
        &["/img/*", "/kelvin-\u{212A}x", "/café"],
        &["*", "/IMG/B.PNG"],
        &["/axb", "/x", "/assets/app.css.map"],
        &["/docs/\"quoted\".html", "/img/a.png"],
        &["/Ünïcödé/İstanbul", "/assets/app.css"],
        &["/a%b", "/_b"],
    ];
    let targets = ["E1", "E2", "tenant:dt_a"];
    for n in 0..48 {
        let inv = invalidation(
            &format!("I{n}"),
            Status::Completed,
            t0() - Duration::days(n),
            items[n as usize % items.len()],
        );
        let account = if n % 7 == 3 { "2" } else { "1" };
        record_details(&mut c, account, targets[n as usize % 3], &inv, t0()).unwrap();
    }
    c
}

#[test]
fn reading_newest_first_answers_as_the_indexes_do() {
    let t = TestDir::new("search-agree");
    let c = varied(&t);
    let collected = Bounds {
        few: usize::MAX,
        budget: 0,
    };
    let read_newest_first = Bounds {
        few: 0,
        budget: usize::MAX,
    };
    let collected_after_reading = Bounds { few: 0, budget: 20 };
    let texts = [
        "/assets/app.css",
        "app.css",
        "APP",
        "/img/a.png",
        "/img/b.png",
        ".png",
        "png",
        "/x",
        "x",
        "_b",
        "%2",
        "a%",
        "\\",
        "k",
        "n-kx",
        "N-KX",
        "/café",
        "é",
        "caf%C3",
        "İstanbul",
        "stanbul",
        "#product",
        "\"quoted\"",
        "/",
        "",
        "zz",
        "nothing-like-this",
    ];
    let mut queries = Vec::new();
    for text in texts {
        for limit in [1, 3, 100] {
            queries.push(Query {
                texts: vec![text.into()],
                limit,
                ..Query::default()
            });
        }
        queries.push(Query {
            texts: vec![text.into(), text.to_uppercase()],
            targets: vec!["E2".into(), "tenant:dt_a".into()],
            since: Some(t0() - Duration::days(30)),
            limit: 4,
        });
    }
    for q in &queries {
        let expected = search_within(&c, "1", q, collected).unwrap();
        for bounds in [read_newest_first, collected_after_reading] {
            assert_eq!(
                search_within(&c, "1", q, bounds).unwrap(),
                expected,
                "{q:?} with {bounds:?}"
            );
        }
    }
    // The cases above find what they are meant to.
    let found = |text: &str| search(&c, "1", &query(text)).unwrap();
    for literal in ["_b", "%2"] {
        let hits = found(literal);
        assert!(!hits.is_empty(), "{literal}");
        // (`*` covers everything.)
        for m in hits.iter().flat_map(|h| &h.matches).filter(|m| *m != "*") {
            assert!(m.contains(literal), "{literal} is not a pattern: {m}");
        }
    }
    assert_eq!(
        found("n-kx")[0].matches,
        ["/kelvin-\u{212A}x"],
        "KELVIN SIGN is k to the index"
    );
    assert!(found("/img/b.png").iter().any(|h| h.how == Match::Covers));
    assert!(found("").len() > 3, "an empty text is in every item");
}

#[test]
fn reading_newest_first_follows_the_time_index_without_sorting() {
    let t = TestDir::new("search-plan");
    let c = varied(&t);
    for by_target in [false, true] {
        let plan: Vec<String> = c
            .prepare(&format!("EXPLAIN QUERY PLAN {}", newest::sql(by_target)))
            .unwrap()
            .query_map(
                params_from_iter(&["1", "", "[\"E1\"]"][..2 + usize::from(by_target)]),
                |r| r.get(3),
            )
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let plan = plan.join("\n");
        assert!(plan.contains("invalidations_by_time"), "{plan}");
        assert!(!plan.contains("TEMP B-TREE"), "{plan}");
    }
}

#[test]
fn a_path_is_also_searched_as_cloudfront_stores_it() {
    assert_eq!(spellings("/café"), ["/café", "/caf%C3%A9"]);
    assert_eq!(spellings("/a.css"), ["/a.css"]);
    assert_eq!(spellings("app.css"), ["app.css"]);
}
