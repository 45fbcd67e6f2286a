//! Who created an invalidation: CloudTrail's LookupEvents for the CreateInvalidation events
//! around a time. The client this takes is pinned to us-east-1, where CloudFront's management
//! events are recorded ("CloudFront is a global service … events are delivered to US East (N.
//! Virginia)": Amazon CloudFront Developer Guide, "Logging Amazon CloudFront API calls using
//! AWS CloudTrail").

use std::time::Duration;

use aws_sdk_cloudtrail::Client;
use aws_sdk_cloudtrail::primitives::DateTime as SdkTime;
use aws_sdk_cloudtrail::types::{LookupAttribute, LookupAttributeKey};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;
use tokio::sync::Mutex;
use tokio::time::Instant;

use super::errors::{Call, from_sdk};
use crate::backend::{BackendError, Result};
use crate::domain::creator::{Creator, LOOKUP_ACTION};
use crate::domain::target::CloudFrontTarget;

/// "LookupEvents: 2 transactions per second (TPS) per account per Region" (AWS CloudTrail
/// User Guide, "Quotas in AWS CloudTrail"): requests from this process are spaced this far.
pub const SPACING: Duration = Duration::from_millis(500);

/// "The maximum number of events to return. Possible values are 1 through 50" (CloudTrail API
/// Reference, LookupEvents, MaxResults).
const PAGE: i32 = 50;

/// Pages read for one window at most (1,000 events in ten minutes); the rest is not followed.
const MAX_PAGES: usize = 20;

/// Keeps this process's LookupEvents requests under CloudTrail's rate.
#[derive(Debug, Default)]
pub struct Spacing {
    last: Mutex<Option<Instant>>,
}

impl Spacing {
    /// Wait until a request may go.
    async fn turn(&self) {
        let mut last = self.last.lock().await;
        if let Some(at) = *last {
            tokio::time::sleep_until(at + SPACING).await;
        }
        *last = Some(Instant::now());
    }
}

/// The creators of `target`'s invalidations made between `since` and `until`.
pub async fn creators(
    client: &Client,
    spacing: &Spacing,
    target: &CloudFrontTarget,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<Creator>> {
    let event_name = match target {
        CloudFrontTarget::Distribution { .. } => "CreateInvalidation",
        CloudFrontTarget::Tenant { .. } => "CreateInvalidationForDistributionTenant",
    };
    let call = Call::new(LOOKUP_ACTION, format!("the CloudTrail events of {target}"));
    let attribute = LookupAttribute::builder()
        .attribute_key(LookupAttributeKey::EventName)
        .attribute_value(event_name)
        .build()
        .map_err(|e| BackendError::Other {
            code: "LookupEvents".into(),
            message: e.to_string(),
        })?;
    let mut found = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..MAX_PAGES {
        spacing.turn().await;
        let answer = client
            .lookup_events()
            .lookup_attributes(attribute.clone())
            .start_time(sdk_time(since))
            .end_time(sdk_time(until))
            .max_results(PAGE)
            .set_next_token(token.clone())
            .send()
            .await
            .map_err(|e| from_sdk(e, &call))?;
        found.extend(
            answer
                .events()
                .iter()
                .filter_map(|e| e.cloud_trail_event())
                .filter_map(|json| creator(json, target)),
        );
        match answer.next_token().filter(|t| !t.is_empty()) {
            Some(next) if token.as_deref() != Some(next) => token = Some(next.to_string()),
            _ => return Ok(found),
        }
    }
    tracing::warn!(%target, pages = MAX_PAGES, "CloudTrail: more events than were read");
    Ok(found)
}

fn sdk_time(t: DateTime<Utc>) -> SdkTime {
    SdkTime::from_secs(t.timestamp())
}

/// A CloudTrail event record, the fields edgepurge reads ("CloudTrail record contents",
/// AWS CloudTrail User Guide).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Event {
    event_time: Option<String>,
    user_identity: Option<Identity>,
    #[serde(rename = "sourceIPAddress")]
    source_ip_address: Option<String>,
    user_agent: Option<String>,
    request_parameters: Option<Value>,
    response_elements: Option<Value>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Identity {
    #[serde(rename = "type")]
    kind: Option<String>,
    arn: Option<String>,
    user_name: Option<String>,
    principal_id: Option<String>,
    invoked_by: Option<String>,
    session_context: Option<SessionContext>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SessionContext {
    session_issuer: Option<Issuer>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Issuer {
    user_name: Option<String>,
}

/// The creator an event names, if it is a successful create on `target` (a refused one has no
/// response elements).
pub fn creator(json: &str, target: &CloudFrontTarget) -> Option<Creator> {
    let event: Event = serde_json::from_str(json).ok()?;
    let response = event.response_elements.as_ref()?;
    let location = response.get("location").and_then(Value::as_str);
    let invalidation_id = response
        .pointer("/invalidation/id")
        .and_then(Value::as_str)
        .or_else(|| location.and_then(|l| l.rsplit_once("/invalidation/").map(|(_, id)| id)))?
        .to_string();
    if !on_target(event.request_parameters.as_ref(), location, target) {
        return None;
    }
    let at = event
        .event_time
        .as_deref()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())?
        .with_timezone(&Utc);
    let identity = event.user_identity?;
    let kind = identity.kind.unwrap_or_default();
    let issuer = identity
        .session_context
        .and_then(|s| s.session_issuer)
        .and_then(|i| i.user_name);
    let name = match kind.as_str() {
        "Root" => Some("root".to_string()),
        "AssumedRole" => issuer.or(identity.user_name),
        _ => identity.user_name.or(issuer),
    }
    .or(identity.invoked_by)
    .or(identity.principal_id)
    .or_else(|| identity.arn.clone())
    .unwrap_or_else(|| kind.clone());
    Some(Creator {
        invalidation_id,
        kind,
        name,
        arn: identity.arn,
        source_ip: event.source_ip_address,
        user_agent: event.user_agent,
        at,
    })
}

/// Whether the event was a create on `target`: its request names it (`distributionId`, or a
/// tenant's `id`), or, when CloudTrail left the request out, its Location does.
fn on_target(request: Option<&Value>, location: Option<&str>, target: &CloudFrontTarget) -> bool {
    let key = match target {
        CloudFrontTarget::Distribution { .. } => "distributionId",
        CloudFrontTarget::Tenant { .. } => "id",
    };
    if let Some(named) = request.and_then(|r| r.get(key)).and_then(Value::as_str) {
        return named == target.id();
    }
    let segment = match target {
        CloudFrontTarget::Distribution { id } => format!("/distribution/{id}/"),
        CloudFrontTarget::Tenant { id, .. } => format!("/distribution-tenant/{id}/"),
    };
    location.is_some_and(|l| l.contains(&segment))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_without_a_response_or_on_another_target_is_no_creator() {
        let target = CloudFrontTarget::distribution("E1");
        let refused = r#"{"eventTime":"2026-11-22T09:00:00Z","userIdentity":{"type":"IAMUser",
            "userName":"a"},"errorCode":"AccessDenied","requestParameters":{"distributionId":"E1"}}"#;
        assert_eq!(creator(refused, &target), None);
        let other = r#"{"eventTime":"2026-11-22T09:00:00Z","userIdentity":{"type":"IAMUser",
            "userName":"a"},"requestParameters":{"distributionId":"E2"},
            "responseElements":{"invalidation":{"id":"I1"}}}"#;
        assert_eq!(creator(other, &target), None);
        assert_eq!(creator("not json", &target), None);
    }

    #[test]
    fn the_location_names_the_target_and_id_when_the_request_is_left_out() {
        let target = CloudFrontTarget::tenant("dt_1", None);
        let json = r#"{"eventTime":"2026-11-22T09:00:00Z","userIdentity":{"type":"Root",
            "arn":"arn:aws:iam::111122223333:root"},
            "responseElements":{"location":
            "https://cloudfront.amazonaws.com/2020-05-31/distribution-tenant/dt_1/invalidation/I9"}}"#;
        let found = creator(json, &target).unwrap();
        assert_eq!(found.invalidation_id, "I9");
        assert_eq!(found.name, "root");
        assert_eq!(creator(json, &CloudFrontTarget::tenant("dt_2", None)), None);
    }
}
