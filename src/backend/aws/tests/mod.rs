//! The AWS backend against mocked SDK clients (aws-smithy-mocks: outputs and errors as the
//! SDK would hand them over), replayed HTTP (the exact requests and the parsing of answers),
//! and real sockets that fail (network, timeout, credentials).

use aws_sdk_cloudfront::config::retry::RetryConfig;
use aws_sdk_cloudfront::primitives::DateTime as SdkTime;
use aws_sdk_cloudfront::types as cf;
use aws_smithy_mocks::{Rule, RuleMode, mock_client};
use chrono::{TimeZone, Utc};

use super::AwsBackend;
use crate::backend::{Backend, BackendError};
use crate::domain::caller_reference::CallerReference;
use crate::domain::invalidation::{PageRequest, Status};
use crate::domain::target::CloudFrontTarget;

mod cloudtrail;
mod distributions;
mod errors;
mod identity;
mod invalidations;
mod lightsail;
mod replay;
mod tenants;
mod transport;

const DIST: &str = "E2QWRUHAPOMQZL";
const MULTI: &str = "E3F6MUA9R0WLBK";
const TENANT: &str = "dt_2x0Lq8mWc4TnP7sRk1bYhVdE9FG";
/// 2026-11-22T09:00:00Z
const T0: i64 = 1_795_338_000;

/// Mocked clients answer from rules; retries are off so an error rule is seen once, at once.
fn cloudfront_client(rules: &[&Rule]) -> aws_sdk_cloudfront::Client {
    mock_client!(aws_sdk_cloudfront, RuleMode::MatchAny, rules, |c| c
        .retry_config(RetryConfig::disabled()))
}

fn lightsail_client(rules: &[&Rule]) -> aws_sdk_lightsail::Client {
    mock_client!(aws_sdk_lightsail, RuleMode::MatchAny, rules, |c| c
        .retry_config(
            aws_sdk_lightsail::config::retry::RetryConfig::disabled()
        ))
}

/// The settings mocked backends claim, so that hints do not depend on the test's environment.
fn settings() -> super::AwsSettings {
    super::AwsSettings {
        profile: Some("ci".into()),
        ..super::AwsSettings::default()
    }
}

fn on_cloudfront(rules: &[&Rule]) -> AwsBackend {
    AwsBackend::from_clients(cloudfront_client(rules), lightsail_client(&[]))
        .with_settings(settings())
}

fn on_lightsail(rules: &[&Rule]) -> AwsBackend {
    AwsBackend::from_clients(cloudfront_client(&[]), lightsail_client(rules))
        .with_settings(settings())
}

fn time(offset_secs: i64) -> SdkTime {
    SdkTime::from_secs(T0 + offset_secs)
}

fn chrono_time(offset_secs: i64) -> chrono::DateTime<Utc> {
    Utc.timestamp_opt(T0 + offset_secs, 0).unwrap()
}

fn dist(id: &str) -> CloudFrontTarget {
    CloudFrontTarget::distribution(id)
}

fn tenant(id: &str) -> CloudFrontTarget {
    CloudFrontTarget::tenant(id, Some(MULTI.into()))
}

fn reference(text: &str) -> CallerReference {
    CallerReference::parse(text).unwrap()
}

fn items(paths: &[&str]) -> Vec<String> {
    paths.iter().map(|p| p.to_string()).collect()
}

fn summary(id: &str, status: &str, offset_secs: i64) -> cf::InvalidationSummary {
    cf::InvalidationSummary::builder()
        .id(id)
        .status(status)
        .create_time(time(offset_secs))
        .build()
        .unwrap()
}

/// An InvalidationList page as CloudFront writes it: NextMarker only when truncated.
fn invalidation_list(
    summaries: Vec<cf::InvalidationSummary>,
    marker: Option<&str>,
    next_marker: Option<&str>,
    max_items: i32,
) -> cf::InvalidationList {
    cf::InvalidationList::builder()
        .marker(marker.unwrap_or_default())
        .set_next_marker(next_marker.map(str::to_string))
        .max_items(max_items)
        .is_truncated(next_marker.is_some())
        .quantity(summaries.len() as i32)
        .set_items(Some(summaries))
        .build()
        .unwrap()
}

fn full_invalidation(id: &str, status: &str, paths: &[&str], caller: &str) -> cf::Invalidation {
    let batch = cf::InvalidationBatch::builder()
        .paths(
            cf::Paths::builder()
                .quantity(paths.len() as i32)
                .set_items(Some(items(paths)))
                .build()
                .unwrap(),
        )
        .caller_reference(caller)
        .build()
        .unwrap();
    cf::Invalidation::builder()
        .id(id)
        .status(status)
        .create_time(time(0))
        .invalidation_batch(batch)
        .build()
        .unwrap()
}
