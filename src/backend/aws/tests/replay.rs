//! HTTP replay for the calls moto does not serve (tenants, tenant invalidations, Lightsail):
//! the exact requests the backend sends (method, path, query, target header, body, the
//! us-east-1 host and signature scope of Lightsail) and the parsing of answers shaped like the
//! API reference's response syntax (files in `replay/`).

use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::Credentials;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_smithy_http_client::test_util::{ReplayEvent, StaticReplayClient};
use aws_smithy_types::body::SdkBody;

use super::*;
use crate::domain::lightsail::OperationStatus;

const CLOUDFRONT: &str = "https://cloudfront.amazonaws.com/2020-05-31";
const LIGHTSAIL: &str = "https://lightsail.us-east-1.amazonaws.com/";

/// A backend whose every request goes to `replay`. The user's region is eu-west-1, to show that
/// Lightsail still goes to us-east-1.
fn on_replay(replay: &StaticReplayClient) -> AwsBackend {
    on_replay_retrying(replay, RetryConfig::disabled())
}

fn on_replay_retrying(replay: &StaticReplayClient, retry: RetryConfig) -> AwsBackend {
    on_replay_at(replay, retry, None)
}

/// A backend whose every request goes to `replay`, addressed to `endpoint` as `--endpoint-url`
/// does, or to AWS without one.
pub(super) fn on_replay_at(
    replay: &StaticReplayClient,
    retry: RetryConfig,
    endpoint: Option<&str>,
) -> AwsBackend {
    let mut config = SdkConfig::builder();
    config.set_endpoint_url(endpoint.map(str::to_string));
    let config = config
        .retry_config(retry)
        .region(Region::from_static("eu-west-1"))
        .credentials_provider(SharedCredentialsProvider::new(Credentials::new(
            "AKIDREPLAY",
            "replay-secret",
            None,
            None,
            "replay",
        )))
        .http_client(replay.clone())
        .behavior_version(BehaviorVersion::latest())
        .build();
    AwsBackend::from_sdk_config(&config)
}

fn request(
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> http::Request<SdkBody> {
    let mut builder = http::Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder
        .body(SdkBody::from(body.trim().to_string()))
        .unwrap()
}

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<SdkBody> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(SdkBody::from(body.to_string())).unwrap()
}

fn xml(status: u16, body: &str) -> http::Response<SdkBody> {
    response(status, &[("content-type", "text/xml")], body)
}

fn json(body: &str) -> http::Response<SdkBody> {
    response(200, &[("content-type", "application/x-amz-json-1.1")], body)
}

/// A Lightsail JSON call: POST to the us-east-1 endpoint, the operation in `X-Amz-Target`.
fn lightsail_request(operation: &str, body: &str) -> http::Request<SdkBody> {
    request(
        "POST",
        LIGHTSAIL,
        &[
            ("x-amz-target", &format!("Lightsail_20161128.{operation}")),
            ("content-type", "application/x-amz-json-1.1"),
        ],
        body,
    )
}

fn methods(replay: &StaticReplayClient) -> Vec<String> {
    replay
        .actual_requests()
        .map(|r| r.method().to_string())
        .collect()
}

#[tokio::test]
async fn tenants_are_listed_by_distribution_over_pages() {
    let replay = StaticReplayClient::new(vec![
        ReplayEvent::new(
            request(
                "POST",
                &format!("{CLOUDFRONT}/distribution-tenants"),
                &[],
                include_str!("replay/list_distribution_tenants.1.request.xml"),
            ),
            xml(
                200,
                include_str!("replay/list_distribution_tenants.1.response.xml"),
            ),
        ),
        ReplayEvent::new(
            request(
                "POST",
                &format!("{CLOUDFRONT}/distribution-tenants"),
                &[],
                include_str!("replay/list_distribution_tenants.2.request.xml"),
            ),
            xml(
                200,
                include_str!("replay/list_distribution_tenants.2.response.xml"),
            ),
        ),
    ]);
    let tenants = on_replay(&replay).list_tenants(MULTI).await.unwrap();
    replay.assert_requests_match(&[]);
    assert_eq!(methods(&replay), ["POST", "POST"]);
    assert_eq!(tenants.len(), 2);
    let shop = &tenants[0];
    assert_eq!(shop.id, TENANT);
    assert_eq!(shop.name, "shop-example");
    assert_eq!(shop.distribution_id, MULTI);
    assert_eq!(shop.domains, ["shop.example.com", "www.shop.example.com"]);
    assert_eq!((shop.status.as_str(), shop.enabled), ("Deployed", true));
    let blog = &tenants[1];
    assert_eq!(
        (blog.name.as_str(), blog.status.as_str(), blog.enabled),
        ("blog-example", "InProgress", false)
    );
}

#[tokio::test]
async fn tenant_invalidations_list_get_and_create() {
    let base = format!("{CLOUDFRONT}/distribution-tenant/{TENANT}/invalidation");
    let replay = StaticReplayClient::new(vec![
        ReplayEvent::new(
            request(
                "GET",
                &format!("{base}?Marker=I2J0I21PCUYOIK&MaxItems=2"),
                &[],
                "",
            ),
            xml(
                200,
                include_str!("replay/list_invalidations_for_distribution_tenant.response.xml"),
            ),
        ),
        ReplayEvent::new(
            request("GET", &format!("{base}/I3CZ5R7WQ8PLXA"), &[], ""),
            xml(
                200,
                include_str!("replay/get_invalidation_for_distribution_tenant.response.xml"),
            ),
        ),
        ReplayEvent::new(
            request(
                "POST",
                &base,
                &[],
                include_str!("replay/create_invalidation_for_distribution_tenant.request.xml"),
            ),
            response(
                201,
                &[
                    ("content-type", "text/xml"),
                    ("location", &format!("{base}/I7TQ1WZ3M0KD4S")),
                ],
                include_str!("replay/create_invalidation_for_distribution_tenant.response.xml"),
            ),
        ),
    ]);
    let backend = on_replay(&replay);
    let target = tenant(TENANT);

    let page = backend
        .list_invalidations(&target, &PageRequest::after("I2J0I21PCUYOIK", 2))
        .await
        .unwrap();
    assert_eq!(
        page.items.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        ["I3CZ5R7WQ8PLXA", "I1M6A2N9FQ0ZLB"]
    );
    assert_eq!(page.items[0].status, Status::InProgress);
    assert_eq!(
        page.items[0].create_time.to_rfc3339(),
        "2026-11-22T08:59:10.240+00:00"
    );
    assert_eq!(page.marker.as_deref(), Some("I2J0I21PCUYOIK"));
    assert_eq!(page.next_marker.as_deref(), Some("I1M6A2N9FQ0ZLB"));
    assert_eq!(page.max_items, 2);

    let full = backend
        .get_invalidation(&target, "I3CZ5R7WQ8PLXA")
        .await
        .unwrap();
    assert_eq!(full.items, ["/index.html", "/assets/*"]);
    assert_eq!(full.caller_reference, "edgepurge-20261122T085909Z-5c1e9a02");

    let made = backend
        .create_invalidation(
            &target,
            &items(&["/cart", "/caf%C3%A9/*"]),
            &reference("deploy-2026-11-22-1"),
        )
        .await
        .unwrap();
    assert_eq!(
        (made.id.as_str(), made.status),
        ("I7TQ1WZ3M0KD4S", Status::InProgress)
    );

    replay.assert_requests_match(&[]);
    assert_eq!(methods(&replay), ["GET", "GET", "POST"]);
}

#[tokio::test]
async fn lightsail_calls_go_to_us_east_1_whatever_the_region() {
    let replay = StaticReplayClient::new(vec![
        ReplayEvent::new(
            lightsail_request("GetDistributions", "{}"),
            json(include_str!("replay/get_distributions.1.response.json")),
        ),
        ReplayEvent::new(
            lightsail_request(
                "GetDistributions",
                r#"{"pageToken":"eyJ2IjoxLCJjIjoic2hvcC1jZG4ifQ"}"#,
            ),
            json(include_str!("replay/get_distributions.2.response.json")),
        ),
        ReplayEvent::new(
            lightsail_request(
                "ResetDistributionCache",
                r#"{"distributionName":"shop-cdn"}"#,
            ),
            json(include_str!(
                "replay/reset_distribution_cache.response.json"
            )),
        ),
        ReplayEvent::new(
            lightsail_request(
                "GetOperation",
                r#"{"operationId":"c4a1d8e2-7f3b-4e6a-9b0c-5d2e1f3a4b6c"}"#,
            ),
            json(include_str!("replay/get_operation.response.json")),
        ),
        ReplayEvent::new(
            lightsail_request(
                "GetDistributionLatestCacheReset",
                r#"{"distributionName":"shop-cdn"}"#,
            ),
            json(include_str!(
                "replay/get_distribution_latest_cache_reset.response.json"
            )),
        ),
    ]);
    let backend = on_replay(&replay);

    let found = backend.list_lightsail_distributions().await.unwrap();
    assert_eq!(
        found.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(),
        ["shop-cdn", "media-cdn"]
    );
    let shop = &found[0];
    assert_eq!(shop.domain, "d1f4example.cloudfront.net");
    assert_eq!(shop.alternative_domains, ["shop.example.net"]);
    assert_eq!((shop.status.as_str(), shop.enabled), ("Enabled", true));
    assert_eq!(shop.origin, "shop-instance");
    assert!(!found[1].enabled);

    let started = backend.reset_lightsail_cache("shop-cdn").await.unwrap();
    assert_eq!(started.id, "c4a1d8e2-7f3b-4e6a-9b0c-5d2e1f3a4b6c");
    assert_eq!(started.status, OperationStatus::Started);
    assert!(!started.is_terminal);
    assert_eq!(started.created_at, chrono_time(0));

    let done = backend.get_lightsail_operation(&started.id).await.unwrap();
    assert_eq!(done.status, OperationStatus::Succeeded);
    assert!(done.is_terminal && !done.failed());
    assert_eq!(
        done.status_changed_at.map(|t| t.timestamp_millis()),
        Some((T0 + 42) * 1000 + 250)
    );

    let latest = backend
        .latest_lightsail_cache_reset("shop-cdn")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(latest.status, "Succeeded");
    assert_eq!(latest.create_time, chrono_time(-86_400));

    replay.assert_requests_match(&[]);
    for sent in replay.actual_requests() {
        assert_eq!(sent.method(), "POST");
        let authorization = sent.headers().get("authorization").unwrap_or_default();
        assert!(
            authorization.contains("/us-east-1/lightsail/aws4_request"),
            "signed for us-east-1: {authorization}"
        );
        assert!(
            !authorization.contains("replay-secret"),
            "the secret key never travels"
        );
    }
}

#[tokio::test]
async fn cloudfront_keeps_the_users_region_but_signs_for_us_east_1() {
    // CloudFront is global: its endpoint has no region and requests are signed for us-east-1.
    let replay = StaticReplayClient::new(vec![ReplayEvent::new(
        request("GET", &format!("{CLOUDFRONT}/distribution/{DIST}"), &[], ""),
        xml(
            200,
            "<Distribution xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\">\
             <Id>E2QWRUHAPOMQZL</Id><ARN>arn</ARN><Status>Deployed</Status>\
             <LastModifiedTime>2026-11-22T09:00:00Z</LastModifiedTime>\
             <InProgressInvalidationBatches>3</InProgressInvalidationBatches>\
             <DomainName>d111111abcdef8.cloudfront.net</DomainName></Distribution>",
        ),
    )]);
    assert_eq!(on_replay(&replay).in_progress_count(DIST).await, Ok(3));
    replay.assert_requests_match(&[]);
    let sent: Vec<_> = replay.actual_requests().collect();
    let authorization = sent[0].headers().get("authorization").unwrap_or_default();
    assert!(
        authorization.contains("/us-east-1/cloudfront/aws4_request"),
        "{authorization}"
    );
}

/// The SDK's standard retry resends the request it built: a create that met a 503 is sent again
/// with the same CallerReference, so CloudFront cannot make the invalidation twice. Paused
/// time: the back-off passes without waiting.
#[tokio::test(start_paused = true)]
async fn a_retried_create_resends_its_caller_reference() {
    let base = format!("{CLOUDFRONT}/distribution/{DIST}/invalidation");
    let batch = include_str!("replay/create_invalidation_for_distribution_tenant.request.xml");
    let replay = StaticReplayClient::new(vec![
        ReplayEvent::new(
            request("POST", &base, &[], batch),
            xml(
                503,
                "<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code>\
                 <Message>CloudFront is busy</Message></Error></ErrorResponse>",
            ),
        ),
        ReplayEvent::new(
            request("POST", &base, &[], batch),
            response(
                201,
                &[("content-type", "text/xml")],
                include_str!("replay/create_invalidation_for_distribution_tenant.response.xml"),
            ),
        ),
    ]);
    let backend = on_replay_retrying(&replay, RetryConfig::standard().with_max_attempts(2));
    let made = backend
        .create_invalidation(
            &dist(DIST),
            &items(&["/cart", "/caf%C3%A9/*"]),
            &reference("deploy-2026-11-22-1"),
        )
        .await
        .unwrap();
    assert_eq!(made.id, "I7TQ1WZ3M0KD4S");
    // Both attempts carried the same body, CallerReference included.
    replay.assert_requests_match(&[]);
    assert_eq!(methods(&replay), ["POST", "POST"]);
}
