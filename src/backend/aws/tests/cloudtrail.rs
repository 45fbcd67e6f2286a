//! Who created an invalidation: CloudTrail's LookupEvents, mocked. Events as CloudTrail writes
//! them ("CloudTrail record contents", AWS CloudTrail User Guide).

use aws_sdk_cloudtrail::Client;
use aws_sdk_cloudtrail::error::ErrorMetadata;
use aws_sdk_cloudtrail::operation::lookup_events::{LookupEventsError, LookupEventsOutput};
use aws_sdk_cloudtrail::types::{Event, LookupAttributeKey};
use aws_smithy_mocks::mock;

use super::*;

fn cloudtrail_client(rules: &[&Rule]) -> Client {
    mock_client!(aws_sdk_cloudtrail, RuleMode::MatchAny, rules, |c| c
        .retry_config(
            aws_sdk_cloudtrail::config::retry::RetryConfig::disabled()
        ))
}

fn on_cloudtrail(rules: &[&Rule]) -> AwsBackend {
    on_cloudfront(&[]).with_cloudtrail(cloudtrail_client(rules))
}

/// A CreateInvalidation event by an IAM user from the AWS CLI.
fn by_user(distribution: &str, invalidation: &str) -> Event {
    event(&format!(
        r#"{{"eventVersion":"1.09","eventTime":"2026-11-22T09:00:01Z",
        "eventSource":"cloudfront.amazonaws.com","eventName":"CreateInvalidation",
        "awsRegion":"us-east-1","sourceIPAddress":"198.51.100.23",
        "userAgent":"aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#6.5.0",
        "userIdentity":{{"type":"IAMUser","principalId":"AIDAEXAMPLE",
            "arn":"arn:aws:iam::111122223333:user/maria","accountId":"111122223333",
            "userName":"maria"}},
        "requestParameters":{{"distributionId":"{distribution}",
            "invalidationBatch":{{"paths":{{"quantity":1,"items":["/index.html"]}},
            "callerReference":"cli-1"}}}},
        "responseElements":{{"location":
            "https://cloudfront.amazonaws.com/2020-05-31/distribution/{distribution}/invalidation/{invalidation}",
            "invalidation":{{"id":"{invalidation}","status":"InProgress",
            "createTime":"Nov 22, 2026, 9:00:01 AM"}}}}}}"#
    ))
}

/// A CreateInvalidationForDistributionTenant event by a CI role's session.
fn by_role(tenant: &str, invalidation: &str) -> Event {
    event(&format!(
        r#"{{"eventTime":"2026-11-22T09:00:02Z","eventName":"CreateInvalidationForDistributionTenant",
        "sourceIPAddress":"192.0.2.44","userAgent":"Boto3/1.35.0 md/Botocore#1.35.0",
        "userIdentity":{{"type":"AssumedRole","principalId":"AROAEXAMPLE:gh-42",
            "arn":"arn:aws:sts::111122223333:assumed-role/deploy/gh-42",
            "sessionContext":{{"sessionIssuer":{{"type":"Role",
                "arn":"arn:aws:iam::111122223333:role/deploy","userName":"deploy"}}}}}},
        "requestParameters":{{"id":"{tenant}"}},
        "responseElements":{{"invalidation":{{"id":"{invalidation}"}}}}}}"#
    ))
}

fn event(json: &str) -> Event {
    Event::builder()
        .event_name("CreateInvalidation")
        .cloud_trail_event(json)
        .build()
}

fn window() -> (chrono::DateTime<Utc>, chrono::DateTime<Utc>) {
    (chrono_time(-300), chrono_time(300))
}

#[tokio::test]
async fn an_event_names_the_user_where_from_and_with_what() {
    let rule = mock!(Client::lookup_events)
        .match_requests(|r| {
            r.lookup_attributes().iter().any(|a| {
                a.attribute_key() == &LookupAttributeKey::EventName
                    && a.attribute_value() == "CreateInvalidation"
            }) && r.start_time() == Some(&time(-300))
                && r.end_time() == Some(&time(300))
        })
        .then_output(|| {
            LookupEventsOutput::builder()
                .events(by_user(DIST, "I2J0I21PCUYOIK"))
                .events(by_user("EOTHER", "I9"))
                .build()
        });
    let (since, until) = window();
    let found = on_cloudtrail(&[&rule])
        .creators(&dist(DIST), since, until)
        .await
        .unwrap();
    assert_eq!(
        found.len(),
        1,
        "another distribution's event is left out: {found:?}"
    );
    let c = &found[0];
    assert_eq!(c.invalidation_id, "I2J0I21PCUYOIK");
    assert_eq!(c.kind, "IAMUser");
    assert_eq!(c.name, "maria");
    assert_eq!(
        c.arn.as_deref(),
        Some("arn:aws:iam::111122223333:user/maria")
    );
    assert_eq!(c.source_ip.as_deref(), Some("198.51.100.23"));
    assert_eq!(c.at, chrono_time(1));
    assert_eq!(
        c.describe(),
        "maria (arn:aws:iam::111122223333:user/maria) from 198.51.100.23 · aws-cli/2.17.20"
    );
}

#[tokio::test]
async fn a_role_session_is_named_by_its_role_and_a_tenant_by_its_own_event() {
    let rule = mock!(Client::lookup_events)
        .match_requests(|r| {
            r.lookup_attributes()
                .iter()
                .any(|a| a.attribute_value() == "CreateInvalidationForDistributionTenant")
        })
        .then_output(|| {
            LookupEventsOutput::builder()
                .events(by_role(TENANT, "I3"))
                .build()
        });
    let (since, until) = window();
    let found = on_cloudtrail(&[&rule])
        .creators(&tenant(TENANT), since, until)
        .await
        .unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].name, "deploy");
    assert_eq!(found[0].kind, "AssumedRole");
    assert_eq!(
        found[0].arn.as_deref(),
        Some("arn:aws:sts::111122223333:assumed-role/deploy/gh-42")
    );
    assert_eq!(found[0].invalidation_id, "I3");
}

#[tokio::test]
async fn no_event_in_the_window_is_no_creator() {
    let rule = mock!(Client::lookup_events).then_output(|| LookupEventsOutput::builder().build());
    let (since, until) = window();
    let found = on_cloudtrail(&[&rule])
        .creators(&dist(DIST), since, until)
        .await
        .unwrap();
    assert!(found.is_empty());
}

#[tokio::test]
async fn access_denied_is_not_allowed_naming_lookup_events() {
    let rule = mock!(Client::lookup_events).then_error(|| {
        LookupEventsError::generic(
            ErrorMetadata::builder()
                .code("AccessDeniedException")
                .message(
                    "User: arn:aws:sts::111122223333:assumed-role/cdn/ops is not authorized to \
                     perform: cloudtrail:LookupEvents",
                )
                .build(),
        )
    });
    let (since, until) = window();
    let err = on_cloudtrail(&[&rule])
        .creators(&dist(DIST), since, until)
        .await
        .unwrap_err();
    assert_eq!(
        err.not_allowed(),
        Some("cloudtrail:LookupEvents"),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .contains("ask for the cloudtrail:LookupEvents"),
        "{err}"
    );
}

#[tokio::test(start_paused = true)]
async fn pages_are_followed_by_token_two_requests_a_second_at_most() {
    let first = mock!(Client::lookup_events)
        .match_requests(|r| r.next_token().is_none() && r.max_results() == Some(50))
        .then_output(|| {
            LookupEventsOutput::builder()
                .events(by_user(DIST, "I1"))
                .next_token("page-2")
                .build()
        });
    let second = mock!(Client::lookup_events)
        .match_requests(|r| r.next_token() == Some("page-2"))
        .then_output(|| {
            LookupEventsOutput::builder()
                .events(by_user(DIST, "I2"))
                .build()
        });
    let backend = on_cloudtrail(&[&first, &second]);
    let (since, until) = window();
    let started = tokio::time::Instant::now();
    let found = backend.creators(&dist(DIST), since, until).await.unwrap();
    assert_eq!(
        found
            .iter()
            .map(|c| c.invalidation_id.as_str())
            .collect::<Vec<_>>(),
        ["I1", "I2"]
    );
    assert_eq!(first.num_calls(), 1);
    assert_eq!(second.num_calls(), 1);
    // On the paused clock: the second page waited its turn (CloudTrail allows 2 a second).
    assert!(started.elapsed() >= std::time::Duration::from_millis(500));
}
