//! CloudFront distributions and their invalidations.
//!
//! Retries: the SDK's standard retry resends the very request it built, so a retried
//! CreateInvalidation carries the same CallerReference, and CloudFront answers a repeat with
//! the invalidation it already made instead of making a second one. A caller that retries
//! after an error passes the same `CallerReference` again for the same reason.

use aws_sdk_cloudfront::Client;

use super::convert;
use super::errors::{Call, from_sdk};
use crate::backend::{BackendError, Result};
use crate::domain::caller_reference::CallerReference;
use crate::domain::distribution::Distribution;
use crate::domain::invalidation::{Invalidation, InvalidationPage, PageRequest};

/// More pages than any account has distributions for (100 a page); a service that keeps
/// answering "truncated" past this is not followed for ever.
const MAX_DISTRIBUTION_PAGES: usize = 1_000;

/// Every distribution, all pages of ListDistributions.
pub async fn list_distributions(client: &Client) -> Result<Vec<Distribution>> {
    let call = Call::new("cloudfront:ListDistributions", "the distributions");
    let mut found = Vec::new();
    let mut marker: Option<String> = None;
    for _ in 0..MAX_DISTRIBUTION_PAGES {
        let answer = client
            .list_distributions()
            .set_marker(marker.clone())
            .send()
            .await
            .map_err(|e| from_sdk(e, &call))?;
        let Some(list) = answer.distribution_list() else {
            return Ok(found);
        };
        found.extend(list.items().iter().map(convert::distribution));
        let next = list.next_marker().filter(|m| !m.is_empty());
        match next {
            Some(next) if list.is_truncated() && marker.as_deref() != Some(next) => {
                marker = Some(next.to_string());
            }
            _ => return Ok(found),
        }
    }
    Ok(found)
}

/// How many invalidation batches are in progress (GetDistribution; not in the summary).
pub async fn in_progress_count(client: &Client, distribution_id: &str) -> Result<u32> {
    let call = Call::new(
        "cloudfront:GetDistribution",
        format!("distribution {distribution_id}"),
    );
    let answer = client
        .get_distribution()
        .id(distribution_id)
        .send()
        .await
        .map_err(|e| from_sdk(e, &call))?;
    let distribution = answer
        .distribution()
        .ok_or_else(|| convert::unreadable("the Distribution"))?;
    Ok(u32::try_from(distribution.in_progress_invalidation_batches()).unwrap_or(0))
}

/// One page of a distribution's invalidations.
pub async fn list_invalidations(
    client: &Client,
    distribution_id: &str,
    page: &PageRequest,
) -> Result<InvalidationPage> {
    let call = Call::new(
        "cloudfront:ListInvalidations",
        format!("distribution {distribution_id}"),
    );
    let answer = client
        .list_invalidations()
        .distribution_id(distribution_id)
        .set_marker(page.marker.clone())
        .set_max_items(max_items(page)?)
        .send()
        .await
        .map_err(|e| from_sdk(e, &call))?;
    convert::page(answer.invalidation_list(), page)
}

pub async fn get_invalidation(
    client: &Client,
    distribution_id: &str,
    id: &str,
) -> Result<Invalidation> {
    let subject = format!("distribution {distribution_id}");
    let call = Call::new("cloudfront:GetInvalidation", subject).invalidation(id);
    let answer = client
        .get_invalidation()
        .distribution_id(distribution_id)
        .id(id)
        .send()
        .await
        .map_err(|e| from_sdk(e, &call))?;
    convert::invalidation(answer.invalidation())
}

pub async fn create_invalidation(
    client: &Client,
    distribution_id: &str,
    items: &[String],
    caller_reference: &CallerReference,
) -> Result<Invalidation> {
    let subject = format!("distribution {distribution_id}");
    let call = Call::new("cloudfront:CreateInvalidation", subject)
        .caller_reference(caller_reference.as_str());
    let answer = client
        .create_invalidation()
        .distribution_id(distribution_id)
        .invalidation_batch(convert::batch(items, caller_reference.as_str())?)
        .send()
        .await
        .map_err(|e| from_sdk(e, &call))?;
    convert::invalidation(answer.invalidation())
}

/// MaxItems as the API takes it (a number in a query string, modeled as i32).
pub fn max_items(page: &PageRequest) -> Result<Option<i32>> {
    page.max_items
        .map(|n| {
            i32::try_from(n).map_err(|_| BackendError::InvalidRequest {
                code: "InvalidArgument".into(),
                message: format!("a page of {n} invalidations is more than CloudFront lists"),
            })
        })
        .transpose()
}
