use chrono::{DateTime, Duration, TimeZone, Utc};

use super::*;

fn created() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap()
}

/// Asked 60 s after the invalidation was created.
fn now() -> DateTime<Utc> {
    created() + Duration::seconds(60)
}

fn hosts() -> Vec<String> {
    vec!["d111.cloudfront.net".into(), "www.example.com".into()]
}

fn answer(x_cache: Option<&str>, age: Option<&str>) -> EdgeAnswer {
    EdgeAnswer {
        status: 200,
        x_cache: x_cache.map(str::to_string),
        age: age.map(str::to_string),
        pop: Some("FRA56-P1".into()),
        ..EdgeAnswer::default()
    }
}

fn verdict(a: &EdgeAnswer) -> Judgement {
    judge(a, &hosts(), created(), now())
}

#[test]
fn a_miss_is_fresh() {
    let j = verdict(&answer(Some("Miss from cloudfront"), None));
    assert_eq!(j.verdict, Verdict::Fresh, "{j:?}");
    assert!(j.reason.contains("miss"), "{j:?}");
}

#[test]
fn a_refresh_hit_is_fresh_whatever_its_age() {
    let j = verdict(&answer(Some("RefreshHit from cloudfront"), Some("86400")));
    assert_eq!(j.verdict, Verdict::Fresh, "{j:?}");
}

#[test]
fn a_hit_cached_after_the_invalidation_is_fresh() {
    let j = verdict(&answer(Some("Hit from cloudfront"), Some("12")));
    assert_eq!(j.verdict, Verdict::Fresh, "{j:?}");
    assert!(j.reason.contains("12 s ago, after"), "{j:?}");
    // At the boundary: cached the second the invalidation was made.
    let j = verdict(&answer(Some("Hit from cloudfront"), Some("60")));
    assert_eq!(j.verdict, Verdict::Fresh, "{j:?}");
}

#[test]
fn a_hit_older_than_the_invalidation_is_stale() {
    let j = verdict(&answer(Some("Hit from cloudfront"), Some("61")));
    assert_eq!(j.verdict, Verdict::Stale, "{j:?}");
    assert!(j.reason.contains("61 s ago, before"), "{j:?}");
}

#[test]
fn the_edges_date_counts_rather_than_the_local_clock() {
    // The local clock says 60 s; the edge answered 300 s after the creation.
    let mut a = answer(Some("Hit from cloudfront"), Some("200"));
    a.date = Some("Mon, 30 Nov 2026 12:05:00 GMT".into());
    assert_eq!(verdict(&a).verdict, Verdict::Fresh);
    a.date = Some("not a date".into());
    assert_eq!(verdict(&a).verdict, Verdict::Stale);
}

#[test]
fn x_cache_is_read_without_regard_to_case() {
    assert_eq!(Cache::read("hit from CloudFront"), Cache::Hit);
    assert_eq!(Cache::read("REFRESHHIT from cloudfront"), Cache::RefreshHit);
    assert_eq!(
        Cache::read("LimitExceeded from cloudfront"),
        Cache::Other("LimitExceeded".into())
    );
}

#[test]
fn a_hit_without_a_usable_age_is_unknown() {
    let j = verdict(&answer(Some("Hit from cloudfront"), None));
    assert_eq!(j.verdict, Verdict::Unknown);
    assert!(j.reason.contains("without an Age"), "{j:?}");
    let j = verdict(&answer(Some("Hit from cloudfront"), Some("-3")));
    assert_eq!(j.verdict, Verdict::Unknown);
    assert!(j.reason.contains("not a number"), "{j:?}");
}

#[test]
fn no_x_cache_is_unknown() {
    let j = verdict(&answer(None, Some("10")));
    assert_eq!(j.verdict, Verdict::Unknown);
    assert!(j.reason.contains("without an X-Cache"), "{j:?}");
}

#[test]
fn an_error_from_the_edge_is_unknown() {
    let mut a = answer(Some("Error from cloudfront"), Some("5"));
    a.status = 503;
    let j = verdict(&a);
    assert_eq!(j.verdict, Verdict::Unknown);
    assert!(j.reason.contains("error (HTTP 503)"), "{j:?}");
}

#[test]
fn other_x_cache_words_are_unknown_and_named() {
    let j = verdict(&answer(
        Some("FunctionGeneratedResponse from cloudfront"),
        None,
    ));
    assert_eq!(j.verdict, Verdict::Unknown);
    assert!(j.reason.contains("FunctionGeneratedResponse"), "{j:?}");
}

#[test]
fn a_redirect_off_the_targets_hosts_is_unknown_and_not_followed() {
    let mut a = answer(Some("Miss from cloudfront"), None);
    a.status = 301;
    a.location = Some("https://user@evil.example:8443/login".into());
    let j = verdict(&a);
    assert_eq!(j.verdict, Verdict::Unknown);
    assert!(j.reason.contains("evil.example:8443"), "{j:?}");
    assert!(j.reason.contains("not followed"), "{j:?}");
}

#[test]
fn a_redirect_on_the_targets_hosts_is_judged_by_its_own_headers() {
    let mut a = answer(Some("Hit from cloudfront"), Some("7200"));
    a.status = 302;
    a.location = Some("https://WWW.example.com/new".into());
    let j = verdict(&a);
    assert_eq!(j.verdict, Verdict::Stale, "{j:?}");
    assert!(j.reason.starts_with("a redirect (HTTP 302"), "{j:?}");
    a.location = Some("/relative/place".into());
    assert_eq!(verdict(&a).verdict, Verdict::Stale);
    a.x_cache = None;
    let j = verdict(&a);
    assert_eq!(j.verdict, Verdict::Unknown);
    assert!(j.reason.contains("without X-Cache"), "{j:?}");
}

#[test]
fn a_failed_request_is_unknown_with_its_reason() {
    let j = judge_failure("no answer within 10 s");
    assert_eq!(j.verdict, Verdict::Unknown);
    assert_eq!(j.reason, "no answer within 10 s");
}

fn items(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn paths_are_asked_up_to_the_sample_and_the_rest_counted() {
    let p = plan(&items(&["/a", "/b", "/c"]), &[], 2);
    assert_eq!(p.paths().collect::<Vec<_>>(), ["/a", "/b"]);
    assert_eq!(p.left_out, 1);
}

#[test]
fn a_tag_is_not_checkable() {
    let p = plan(&items(&["#product-42", "/a"]), &[], 10);
    assert!(matches!(&p.checks[0], Check::NotCheckable { item, reason }
        if item == "#product-42" && reason.contains("cache tag")));
    assert_eq!(p.paths().collect::<Vec<_>>(), ["/a"]);
}

#[test]
fn a_wildcard_asks_the_known_objects_under_it_as_a_prefix() {
    let known = items(&[
        "/img/a.png",
        "/img/ab/c",
        "/img/b.png",
        "/css/x.css",
        "/img/*",
    ]);
    let p = plan(&items(&["/img/a*"]), &known, 10);
    assert_eq!(p.paths().collect::<Vec<_>>(), ["/img/a.png", "/img/ab/c"]);
    assert!(matches!(&p.checks[0], Check::Ask { item, .. } if item == "/img/a*"));
}

#[test]
fn a_wildcard_with_nothing_known_under_it_is_not_checkable() {
    let p = plan(&items(&["/img/*"]), &items(&["/css/x.css"]), 10);
    assert_eq!(p.paths().count(), 0);
    assert!(matches!(&p.checks[0], Check::NotCheckable { reason, .. }
        if reason.contains("wildcard")));
}

#[test]
fn a_sample_of_zero_asks_nothing() {
    let p = plan(&items(&["/a", "/b*"]), &items(&["/b1"]), 0);
    assert_eq!(p.paths().count(), 0);
    assert_eq!(p.left_out, 2);
}
