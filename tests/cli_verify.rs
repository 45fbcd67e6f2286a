//! `verify` and `purge --wait --verify --warm` as a user runs them: on the demo account (its
//! simulated edges), against a loopback server that answers as a CloudFront edge
//! (`--edge-url`), and with invalidations made on moto.

mod common;

use std::collections::HashMap;
use std::sync::Mutex;

use common::loopback::{Reply, Request, serve_replies};
use common::moto::moto;
use common::{code, json, run_in, stderr, stdout};
use serde_json::Value;

/// The demo's assets distribution (assets.northwind-shop.com).
const ASSETS: &str = "E1KTRHKC8G4ZSF";

/// The User-Agent of every request the loopback edge was sent.
static AGENTS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// A CloudFront edge on a loopback port: the path says how it answers.
fn edge(request: &Request) -> Option<Reply> {
    if let Some(agent) = request
        .headers
        .iter()
        .find(|h| h.to_ascii_lowercase().starts_with("user-agent:"))
    {
        AGENTS.lock().unwrap().push(agent.clone());
    }
    let cf = |x_cache: &str, age: Option<&str>| {
        let mut h = vec![
            format!("X-Cache: {x_cache}"),
            "X-Amz-Cf-Pop: LOOP1-P1".to_string(),
            "ETag: \"e1\"".to_string(),
        ];
        h.extend(age.map(|a| format!("Age: {a}")));
        h
    };
    let (status, headers) = match request.path.as_str() {
        "/miss" => ("200 OK", cf("Miss from cloudfront", None)),
        "/young" => ("200 OK", cf("Hit from cloudfront", Some("0"))),
        "/stale" => ("200 OK", cf("Hit from cloudfront", Some("86400"))),
        "/refresh" => ("200 OK", cf("RefreshHit from cloudfront", Some("86400"))),
        "/plain" => ("200 OK", Vec::new()),
        "/redirect" => {
            let mut h = cf("Miss from cloudfront", None);
            h.push("Location: https://elsewhere.example/landing".into());
            ("301 Moved Permanently", h)
        }
        "/slow" => return None,
        _ => ("404 Not Found", cf("Error from cloudfront", None)),
    };
    Some(Reply {
        status,
        headers,
        body: "the object".into(),
    })
}

fn by_path(rows: &Value) -> HashMap<String, Value> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| (r["path"].as_str().unwrap().to_string(), r.clone()))
        .collect()
}

/// The id of the one invalidation a `purge --json` made.
fn made(out: &std::process::Output) -> String {
    assert_eq!(code(out), 0, "{}", stderr(out));
    json(out)[0]["id"].as_str().unwrap().to_string()
}

#[test]
fn on_the_demo_a_purged_path_is_stale_until_its_invalidation_completes_then_fresh() {
    let state = tempfile::tempdir().unwrap();
    // Ten times faster: it completes 2 to 6 s after it is made, well after the first verify.
    let demo = ["--demo", "--demo-speed", "10"];
    let run = |args: &[&str]| run_in(state.path(), &[&demo[..], args].concat(), None);
    let id = made(&run(&[
        "purge",
        ASSETS,
        "/css/site.css",
        "/img/*",
        "#hero",
        "--yes",
        "--json",
    ]));

    let before = run(&["verify", ASSETS, &id]);
    assert_eq!(code(&before), 4, "{}", stderr(&before));
    let text = stdout(&before);
    assert!(
        text.contains("stale    https://assets.northwind-shop.com/css/site.css  a hit cached"),
        "{text}"
    );
    assert!(
        text.contains("stale    https://d3v9a0c5tq8mwe.cloudfront.net/css/site.css"),
        "{text}"
    );
    assert!(
        text.contains("unknown  /img/*  not checkable: a wildcard"),
        "{text}"
    );
    assert!(
        text.contains("unknown  #hero  not checkable: a cache tag"),
        "{text}"
    );
    assert!(
        text.contains("answered by edge DEMO50-P1; other edges were not checked"),
        "{text}"
    );
    assert!(text.contains("0 fresh, 2 stale, 2 unknown"), "{text}");
    assert!(
        stderr(&before).contains("still in progress"),
        "{}",
        stderr(&before)
    );

    let waited = run(&["wait", ASSETS, &id, "--timeout", "60s"]);
    assert_eq!(code(&waited), 0, "{}", stderr(&waited));

    let after = run(&["verify", ASSETS, &id, "--json", "--read-only"]);
    assert_eq!(code(&after), 0, "{}", stderr(&after));
    let rows = json(&after);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 4, "{rows:?}");
    for key in [
        "path", "url", "status", "x_cache", "age", "pop", "verdict", "reason",
    ] {
        assert!(rows.iter().all(|r| r.get(key).is_some()), "{key}: {rows:?}");
    }
    assert_eq!(rows[0]["verdict"], "fresh");
    assert_eq!(rows[0]["x_cache"], "Miss from cloudfront");
    assert_eq!(rows[0]["status"], 200);
    assert_eq!(rows[0]["pop"], "DEMO50-P1");
    assert_eq!(rows[2]["verdict"], "unknown");
    assert_eq!(rows[2]["url"], Value::Null);
}

#[test]
fn purge_wait_verify_warm_warms_then_judges_what_completed() {
    let state = tempfile::tempdir().unwrap();
    let out = run_in(
        state.path(),
        &[
            "--demo",
            "--demo-speed",
            "1000",
            "purge",
            ASSETS,
            "/a.css",
            "/b.js",
            "--yes",
            "--wait",
            "--warm",
            "--verify",
        ],
        None,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stderr(&out).contains("warmed 4 URLs"), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(&format!("verify {ASSETS} ")), "{text}");
    // Warmed first: the check finds the young copies the warm-up made.
    assert!(
        text.contains("fresh    https://assets.northwind-shop.com/a.css  a hit cached 0 s"),
        "{text}"
    );
    assert!(text.contains("4 fresh, 0 stale, 0 unknown"), "{text}");

    let json_out = run_in(
        state.path(),
        &[
            "--demo",
            "--demo-speed",
            "1000",
            "purge",
            ASSETS,
            "/c.css",
            "--yes",
            "--wait",
            "--verify",
            "--json",
            "--sample",
            "1",
        ],
        None,
    );
    assert_eq!(code(&json_out), 0, "{}", stderr(&json_out));
    let created = json(&json_out);
    let verify = created[0]["verify"].as_array().unwrap();
    assert_eq!(
        verify.len(),
        2,
        "one path, on the domain and the alias: {verify:?}"
    );
    assert!(verify.iter().all(|r| r["verdict"] == "fresh"), "{verify:?}");
}

#[test]
fn verify_and_warm_need_wait_and_a_bad_edge_url_is_refused_before_anything() {
    let out = common::run(
        &["--demo", "purge", ASSETS, "/a", "--yes", "--verify"],
        None,
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("--wait"), "{}", stderr(&out));
    let out = common::run(
        &[
            "--demo",
            "verify",
            ASSETS,
            "I1",
            "--edge-url",
            "https://u:secret@x.example",
        ],
        None,
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("user:password@"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("secret"), "{}", stderr(&out));
    let out = common::run(
        &[
            "--demo",
            "purge",
            ASSETS,
            "/a",
            "--yes",
            "--wait",
            "--verify",
            "--edge-url",
            "x",
        ],
        None,
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("caller reference"),
        "nothing sent: {}",
        stderr(&out)
    );
}

/// What the loopback edge's answers come to, for an invalidation of its paths.
fn check_loopback_verdicts(out: &std::process::Output, base: &str) {
    assert_eq!(code(out), 4, "a stale copy: {}", stderr(out));
    let rows = by_path(&json(out));
    let verdict = |p: &str| rows[p]["verdict"].as_str().unwrap().to_string();
    assert_eq!(verdict("/miss"), "fresh");
    assert_eq!(verdict("/young"), "fresh");
    assert_eq!(verdict("/refresh"), "fresh");
    assert_eq!(verdict("/stale"), "stale");
    assert_eq!(rows["/stale"]["age"], 86400);
    assert_eq!(verdict("/plain"), "unknown");
    assert!(
        rows["/plain"]["reason"]
            .as_str()
            .unwrap()
            .contains("X-Cache")
    );
    assert_eq!(verdict("/redirect"), "unknown");
    assert_eq!(rows["/redirect"]["status"], 301);
    assert!(
        rows["/redirect"]["reason"]
            .as_str()
            .unwrap()
            .contains("elsewhere.example")
    );
    assert_eq!(verdict("/gone"), "unknown");
    assert_eq!(rows["/miss"]["pop"], "LOOP1-P1");
    assert_eq!(rows["/miss"]["url"], format!("{base}/miss"));
    assert!(
        AGENTS
            .lock()
            .unwrap()
            .iter()
            .all(|a| a.contains("edgepurge/")),
        "asked as edgepurge"
    );
}

const LOOPBACK_PATHS: [&str; 7] = [
    "/miss",
    "/young",
    "/stale",
    "/refresh",
    "/plain",
    "/redirect",
    "/gone",
];

#[test]
fn with_edge_url_a_loopback_edge_is_asked_and_each_answer_judged() {
    let base = serve_replies(edge);
    let state = tempfile::tempdir().unwrap();
    let demo = ["--demo", "--demo-speed", "1000"];
    let mut purge = vec!["purge", ASSETS];
    purge.extend(LOOPBACK_PATHS);
    purge.extend(["--yes", "--wait", "--json"]);
    let id = made(&run_in(state.path(), &[&demo[..], &purge].concat(), None));
    let out = run_in(
        state.path(),
        &[
            &demo[..],
            &["verify", ASSETS, &id, "--edge-url", &base, "--json"],
        ]
        .concat(),
        None,
    );
    check_loopback_verdicts(&out, &base);
    let text = run_in(
        state.path(),
        &[&demo[..], &["verify", ASSETS, &id, "--edge-url", &base]].concat(),
        None,
    );
    assert!(stdout(&text).contains("answered by edge LOOP1-P1; other edges were not checked"));
    assert!(
        stdout(&text).contains("3 fresh, 1 stale, 3 unknown"),
        "{}",
        stdout(&text)
    );
}

#[test]
fn an_invalidation_made_on_moto_is_verified_at_a_loopback_edge() {
    let Some(moto) = moto() else { return };
    let base = serve_replies(edge);
    let dist = moto.create_distribution("edgepurge cli verify");
    let mut purge = vec!["purge", dist.as_str()];
    purge.extend(LOOPBACK_PATHS);
    purge.extend(["--yes", "--json"]);
    let id = made(&moto.edgepurge(&purge, None));
    let out = moto.edgepurge(
        &[
            "--read-only",
            "verify",
            &dist,
            &id,
            "--edge-url",
            &base,
            "--json",
        ],
        None,
    );
    check_loopback_verdicts(&out, &base);
}
