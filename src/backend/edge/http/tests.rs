//! The HTTP edge against a loopback server (127.0.0.1) that answers as a CloudFront edge.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{TimeZone, Utc};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use super::*;
use crate::backend::edge::ask::{Bounds, ask_all};
use crate::domain::edge::{Verdict, judge};

/// What the server was sent: each request's head, as text.
type Seen = Arc<Mutex<Vec<String>>>;

/// The answer to a path, as an edge would give it; `/slow` never answers.
fn answer(path: &str) -> Option<String> {
    let cf = "Date: Mon, 30 Nov 2026 12:01:00 GMT\r\nX-Amz-Cf-Pop: FRA56-P1\r\n\
              ETag: \"abc\"\r\nLast-Modified: Mon, 30 Nov 2026 11:00:00 GMT\r\n";
    let (status, headers) = match path {
        "/hit" => (
            "200 OK",
            format!("{cf}X-Cache: Hit from cloudfront\r\nAge: 20\r\n"),
        ),
        "/stale" => (
            "200 OK",
            format!("{cf}X-Cache: Hit from cloudfront\r\nAge: 7200\r\n"),
        ),
        "/miss" => ("200 OK", format!("{cf}X-Cache: Miss from cloudfront\r\n")),
        "/refresh" => (
            "200 OK",
            format!("{cf}X-Cache: RefreshHit from cloudfront\r\nAge: 3\r\n"),
        ),
        "/plain" => ("200 OK", String::new()),
        "/redirect" => (
            "301 Moved Permanently",
            format!(
                "{cf}X-Cache: Hit from cloudfront\r\nAge: 1\r\nLocation: https://elsewhere.example/x\r\n"
            ),
        ),
        "/slow" => return None,
        _ => (
            "404 Not Found",
            format!("{cf}X-Cache: Error from cloudfront\r\n"),
        ),
    };
    let body = "body of the object";
    Some(format!(
        "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\n\r\n{body}",
        body.len()
    ))
}

/// A loopback edge; its base URL and what it was sent.
async fn serve() -> (String, Seen) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let seen: Seen = Arc::default();
    let kept = Arc::clone(&seen);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let seen = Arc::clone(&kept);
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") {
                    if stream.read(&mut byte).await.unwrap_or(0) == 0 {
                        return;
                    }
                    head.push(byte[0]);
                }
                let head = String::from_utf8_lossy(&head).into_owned();
                let path = head.split(' ').nth(1).unwrap_or_default().to_string();
                seen.lock().unwrap().push(head);
                match answer(&path) {
                    Some(text) => {
                        let _ = stream.write_all(text.as_bytes()).await;
                    }
                    None => std::future::pending::<()>().await,
                }
            });
        }
    });
    (base, seen)
}

fn request(base: &str, path: &str) -> EdgeRequest {
    EdgeRequest {
        url: format!("{base}{path}"),
        whole_body: false,
    }
}

/// Judged for an invalidation created at 12:00:00, 60 s before the server's Date.
async fn verdict_of(edge: &HttpEdge, base: &str, path: &str) -> (EdgeAnswer, Verdict, String) {
    let a = edge.get(&request(base, path)).await.unwrap();
    let created = Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap();
    let host = base.trim_start_matches("http://").to_string();
    let j = judge(&a, &[host], created, created);
    (a, j.verdict, j.reason)
}

#[tokio::test]
async fn each_kind_of_answer_is_read_and_judged() {
    let (base, _) = serve().await;
    let edge = HttpEdge::new();
    let (a, v, _) = verdict_of(&edge, &base, "/hit").await;
    assert_eq!(v, Verdict::Fresh);
    assert_eq!(a.pop.as_deref(), Some("FRA56-P1"));
    assert_eq!(a.etag.as_deref(), Some("\"abc\""));
    assert_eq!(a.age.as_deref(), Some("20"));
    assert!(a.last_modified.is_some() && a.date.is_some());
    assert_eq!(verdict_of(&edge, &base, "/stale").await.1, Verdict::Stale);
    assert_eq!(verdict_of(&edge, &base, "/miss").await.1, Verdict::Fresh);
    assert_eq!(verdict_of(&edge, &base, "/refresh").await.1, Verdict::Fresh);
    let (_, v, why) = verdict_of(&edge, &base, "/plain").await;
    assert_eq!(v, Verdict::Unknown);
    assert!(why.contains("X-Cache"), "{why}");
    let (a, v, why) = verdict_of(&edge, &base, "/gone").await;
    assert_eq!((a.status, v), (404, Verdict::Unknown));
    assert!(why.contains("error"), "{why}");
}

#[tokio::test]
async fn a_redirect_is_not_followed() {
    let (base, seen) = serve().await;
    let edge = HttpEdge::new();
    let (a, v, why) = verdict_of(&edge, &base, "/redirect").await;
    assert_eq!(a.status, 301);
    assert_eq!(v, Verdict::Unknown);
    assert!(why.contains("elsewhere.example"), "{why}");
    assert_eq!(seen.lock().unwrap().len(), 1, "one request, no second one");
}

#[tokio::test]
async fn it_asks_as_a_visitor_with_get_and_its_own_user_agent() {
    let (base, seen) = serve().await;
    HttpEdge::new().get(&request(&base, "/hit")).await.unwrap();
    let head = seen.lock().unwrap()[0].to_ascii_lowercase();
    assert!(head.starts_with("get /hit http/1.1\r\n"), "{head}");
    assert!(head.contains("user-agent: edgepurge/"), "{head}");
    assert!(!head.contains("cache-control"), "{head}");
    assert!(!head.contains("authorization"), "{head}");
}

#[tokio::test]
async fn a_warm_up_reads_the_whole_body() {
    let (base, _) = serve().await;
    let warm = EdgeRequest {
        url: format!("{base}/miss"),
        whole_body: true,
    };
    let a = HttpEdge::new().get(&warm).await.unwrap();
    assert_eq!(a.x_cache.as_deref(), Some("Miss from cloudfront"));
}

#[tokio::test(start_paused = true)]
async fn a_slow_edge_times_out() {
    let (base, _) = serve().await;
    let edge = HttpEdge::new();
    let bounds = Bounds {
        concurrency: 2,
        each: Duration::from_secs(10),
        total: Duration::from_secs(60),
    };
    let answers = ask_all(
        &edge,
        &[request(&base, "/slow"), request(&base, "/hit")],
        bounds,
    )
    .await;
    assert_eq!(answers[0], Err(EdgeError::TimedOut(10)));
    assert!(answers[1].is_ok());
}

#[tokio::test]
async fn a_closed_port_is_a_network_error_with_its_cause() {
    // Bound then let go: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let e = HttpEdge::new()
        .get(&request(&format!("http://127.0.0.1:{port}"), "/a"))
        .await
        .unwrap_err();
    assert!(matches!(e, EdgeError::Network(_)), "{e}");
    assert!(e.to_string().to_lowercase().contains("connect"), "{e}");
}

#[test]
fn a_url_that_does_not_parse_is_said_so() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let e = rt
        .block_on(HttpEdge::new().get(&EdgeRequest {
            url: "http://exa mple.com/a b".into(),
            whole_body: false,
        }))
        .unwrap_err();
    assert!(matches!(e, EdgeError::BadUrl(_)), "{e}");
}
