//! Distribution tenants of multi-tenant distributions, and their invalidations. Tenant
//! invalidations are separate API calls (…ForDistributionTenant) addressed by tenant id; the
//! retry note in `cloudfront.rs` holds for them too.

use aws_sdk_cloudfront::Client;
use aws_sdk_cloudfront::types::DistributionTenantAssociationFilter;

use super::cloudfront::max_items;
use super::convert;
use super::errors::{Call, from_sdk};
use crate::backend::Result;
use crate::domain::caller_reference::CallerReference;
use crate::domain::distribution::Tenant;
use crate::domain::invalidation::{Invalidation, InvalidationPage, PageRequest};

/// More pages than a distribution has tenants for; a service that keeps answering with a next
/// marker past this is not followed for ever.
const MAX_TENANT_PAGES: usize = 1_000;

/// Every tenant of a distribution (ListDistributionTenants filtered by distribution, all pages).
pub async fn list_tenants(client: &Client, distribution_id: &str) -> Result<Vec<Tenant>> {
    let call = Call::new(
        "cloudfront:ListDistributionTenants",
        format!("distribution {distribution_id}"),
    );
    let filter = DistributionTenantAssociationFilter::builder()
        .distribution_id(distribution_id)
        .build();
    let mut found = Vec::new();
    let mut marker: Option<String> = None;
    for _ in 0..MAX_TENANT_PAGES {
        let answer = client
            .list_distribution_tenants()
            .association_filter(filter.clone())
            .set_marker(marker.clone())
            .send()
            .await
            .map_err(|e| from_sdk(e, &call))?;
        found.extend(
            answer
                .distribution_tenant_list()
                .iter()
                .map(convert::tenant),
        );
        match answer.next_marker().filter(|m| !m.is_empty()) {
            Some(next) if marker.as_deref() != Some(next) => marker = Some(next.to_string()),
            _ => return Ok(found),
        }
    }
    Ok(found)
}

pub async fn list_invalidations(
    client: &Client,
    tenant_id: &str,
    page: &PageRequest,
) -> Result<InvalidationPage> {
    let call = Call::new(
        "cloudfront:ListInvalidationsForDistributionTenant",
        format!("tenant {tenant_id}"),
    );
    let answer = client
        .list_invalidations_for_distribution_tenant()
        .id(tenant_id)
        .set_marker(page.marker.clone())
        .set_max_items(max_items(page)?)
        .send()
        .await
        .map_err(|e| from_sdk(e, &call))?;
    convert::page(answer.invalidation_list(), page)
}

pub async fn get_invalidation(client: &Client, tenant_id: &str, id: &str) -> Result<Invalidation> {
    let call = Call::new(
        "cloudfront:GetInvalidationForDistributionTenant",
        format!("tenant {tenant_id}"),
    )
    .invalidation(id);
    let answer = client
        .get_invalidation_for_distribution_tenant()
        .distribution_tenant_id(tenant_id)
        .id(id)
        .send()
        .await
        .map_err(|e| from_sdk(e, &call))?;
    convert::invalidation(answer.invalidation())
}

pub async fn create_invalidation(
    client: &Client,
    tenant_id: &str,
    items: &[String],
    caller_reference: &CallerReference,
) -> Result<Invalidation> {
    let call = Call::new(
        "cloudfront:CreateInvalidationForDistributionTenant",
        format!("tenant {tenant_id}"),
    )
    .caller_reference(caller_reference.as_str());
    let answer = client
        .create_invalidation_for_distribution_tenant()
        .id(tenant_id)
        .invalidation_batch(convert::batch(items, caller_reference.as_str())?)
        .send()
        .await
        .map_err(|e| from_sdk(e, &call))?;
    convert::invalidation(answer.invalidation())
}
