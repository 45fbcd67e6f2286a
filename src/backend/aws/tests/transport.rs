//! Failures below the service: refused credentials, a closed port, a server that never
//! answers. Real sockets on loopback; nothing leaves the machine.

use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::Credentials;
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider, future};

use super::*;

fn config(endpoint: &str, credentials: SharedCredentialsProvider) -> SdkConfig {
    SdkConfig::builder()
        .region(Region::from_static("us-east-1"))
        .endpoint_url(endpoint)
        .credentials_provider(credentials)
        .retry_config(RetryConfig::disabled())
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(2))
                .operation_timeout(Duration::from_millis(300))
                .build(),
        )
        .behavior_version(BehaviorVersion::latest())
        .build()
}

fn test_keys() -> SharedCredentialsProvider {
    SharedCredentialsProvider::new(Credentials::new(
        "AKIDTEST",
        "test-secret",
        None,
        None,
        "test",
    ))
}

/// A credentials source that fails: the way an expired SSO session fails, or the way the
/// default chain fails when it finds nothing anywhere.
#[derive(Debug)]
enum Refusing {
    Expired,
    NothingFound,
}

impl ProvideCredentials for Refusing {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::ready(Err(match self {
            Refusing::Expired => CredentialsError::provider_error(
                "the SSO session has expired or is otherwise invalid",
            ),
            Refusing::NothingFound => CredentialsError::not_loaded_no_source(),
        }))
    }
}

/// A loopback port with nothing listening.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

#[tokio::test]
async fn refused_credentials_say_what_to_do() {
    let config = config(
        &format!("http://127.0.0.1:{}", closed_port()),
        SharedCredentialsProvider::new(Refusing::Expired),
    );
    let backend = AwsBackend::from_sdk_config(&config).with_settings(super::super::AwsSettings {
        profile: Some("prod".into()),
        ..Default::default()
    });
    let err = backend.list_distributions().await.unwrap_err();
    let BackendError::Credentials { message } = &err else {
        panic!("expected a credentials error, got {err:?}");
    };
    assert!(message.contains("SSO session has expired"), "{message}");
    assert!(
        message.contains("aws sso login --profile prod"),
        "{message}"
    );
    assert!(!err.is_retryable());
    // Lightsail's client shares the credentials and says the same.
    let err = backend.list_lightsail_distributions().await.unwrap_err();
    assert!(matches!(err, BackendError::Credentials { .. }), "{err:?}");
}

#[tokio::test]
async fn no_credentials_anywhere_is_said_plainly() {
    let config = config(
        &format!("http://127.0.0.1:{}", closed_port()),
        SharedCredentialsProvider::new(Refusing::NothingFound),
    );
    let err = AwsBackend::from_sdk_config(&config)
        .with_settings(super::settings())
        .get_invalidation(&dist(DIST), "I1")
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "no valid credentials: none were found; for an SSO profile run `aws sso login --profile ci`; \
         otherwise check the keys of profile ci (`aws configure --profile ci`)"
    );
}

#[tokio::test]
async fn a_closed_port_is_a_network_error() {
    let config = config(&format!("http://127.0.0.1:{}", closed_port()), test_keys());
    let err = AwsBackend::from_sdk_config(&config)
        .list_invalidations(&dist(DIST), &PageRequest::first(10))
        .await
        .unwrap_err();
    assert!(matches!(err, BackendError::Network { .. }), "{err:?}");
    assert!(err.is_retryable());
    assert!(err.to_string().contains("--endpoint-url"), "{err}");
}

#[tokio::test]
async fn a_server_that_never_answers_is_a_timeout() {
    // Accepts connections and reads nothing back: the call runs into its operation timeout.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    let config = config(&format!("http://127.0.0.1:{port}"), test_keys());
    let err = AwsBackend::from_sdk_config(&config)
        .create_invalidation(&dist(DIST), &items(&["/a"]), &reference("slow-1"))
        .await
        .unwrap_err();
    server.abort();
    assert!(matches!(err, BackendError::Timeout { .. }), "{err:?}");
    assert!(
        err.is_retryable(),
        "a retry must reuse the caller reference"
    );
}
