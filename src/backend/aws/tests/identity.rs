//! STS GetCallerIdentity on replayed HTTP: the request sent (to the configured endpoint, the
//! same as CloudFront's), the answer read, and its errors mapped.

use aws_config::retry::RetryConfig;
use aws_smithy_http_client::test_util::{ReplayEvent, StaticReplayClient};
use aws_smithy_types::body::SdkBody;

use super::*;
use crate::domain::account::CallerIdentity;

const ENDPOINT: &str = "http://127.0.0.1:5000";

/// A backend on `replay`, configured with an endpoint as `--endpoint-url` does.
fn on_replay(replay: &StaticReplayClient) -> AwsBackend {
    super::replay::on_replay_at(replay, RetryConfig::disabled(), Some(ENDPOINT))
        .with_settings(settings())
}

fn get_caller_identity() -> http::Request<SdkBody> {
    http::Request::builder()
        .method("POST")
        .uri(format!("{ENDPOINT}/"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(SdkBody::from("Action=GetCallerIdentity&Version=2011-06-15"))
        .unwrap()
}

fn answer(status: u16, body: &str) -> http::Response<SdkBody> {
    http::Response::builder()
        .status(status)
        .header("content-type", "text/xml")
        .body(SdkBody::from(body.to_string()))
        .unwrap()
}

#[tokio::test]
async fn the_identity_is_asked_of_sts_at_the_configured_endpoint() {
    // As the STS API Reference shows it (GetCallerIdentity, example response).
    let replay = StaticReplayClient::new(vec![ReplayEvent::new(
        get_caller_identity(),
        answer(
            200,
            r#"<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::123456789012:user/Alice</Arn>
    <UserId>AIDACKCEVSQ6C2EXAMPLE</UserId>
    <Account>123456789012</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata>
    <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
  </ResponseMetadata>
</GetCallerIdentityResponse>"#,
        ),
    )]);
    let me = on_replay(&replay).caller_identity().await.unwrap();
    assert_eq!(
        me,
        CallerIdentity {
            account: "123456789012".into(),
            arn: "arn:aws:iam::123456789012:user/Alice".into(),
        }
    );
    replay.assert_requests_match(&[]);
    let sent: Vec<_> = replay.actual_requests().collect();
    let authorization = sent[0].headers().get("authorization").unwrap_or_default();
    assert!(
        authorization.contains("/eu-west-1/sts/aws4_request"),
        "signed for STS in the user's region: {authorization}"
    );
}

#[tokio::test]
async fn refused_credentials_say_what_to_do() {
    let replay = StaticReplayClient::new(vec![ReplayEvent::new(
        get_caller_identity(),
        answer(
            403,
            r#"<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error>
    <Type>Sender</Type>
    <Code>ExpiredToken</Code>
    <Message>The security token included in the request is expired</Message>
  </Error>
  <RequestId>4c1bc7e0-0000-0000-0000-000000000000</RequestId>
</ErrorResponse>"#,
        ),
    )]);
    let err = on_replay(&replay).caller_identity().await.unwrap_err();
    let BackendError::Credentials { message } = err else {
        panic!("{err:?}");
    };
    assert!(message.contains("ExpiredToken"), "{message}");
    assert!(message.contains("aws sso login --profile ci"), "{message}");
}

#[tokio::test]
async fn an_answer_without_the_account_is_unreadable() {
    let replay = StaticReplayClient::new(vec![ReplayEvent::new(
        get_caller_identity(),
        answer(
            200,
            "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\
             <GetCallerIdentityResult><Arn>arn:aws:iam::1:user/x</Arn></GetCallerIdentityResult>\
             </GetCallerIdentityResponse>",
        ),
    )]);
    let err = on_replay(&replay).caller_identity().await.unwrap_err();
    assert!(
        matches!(&err, BackendError::Other { code, message } if code == "UnexpectedResponse" && message.contains("account id")),
        "{err:?}"
    );
}
