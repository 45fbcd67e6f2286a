//! Tenants of a multi-tenant distribution and their invalidations (the …ForDistributionTenant
//! calls, addressed by tenant id).

use aws_sdk_cloudfront::Client;
use aws_sdk_cloudfront::operation::create_invalidation_for_distribution_tenant::CreateInvalidationForDistributionTenantOutput;
use aws_sdk_cloudfront::operation::get_invalidation_for_distribution_tenant::GetInvalidationForDistributionTenantOutput;
use aws_sdk_cloudfront::operation::list_distribution_tenants::ListDistributionTenantsOutput;
use aws_sdk_cloudfront::operation::list_invalidations_for_distribution_tenant::ListInvalidationsForDistributionTenantOutput;
use aws_smithy_mocks::mock;

use super::*;

fn tenant_summary(id: &str, name: &str, enabled: Option<bool>) -> cf::DistributionTenantSummary {
    cf::DistributionTenantSummary::builder()
        .id(id)
        .distribution_id(MULTI)
        .name(name)
        .arn(format!(
            "arn:aws:cloudfront::111122223333:distribution-tenant/{id}"
        ))
        .domains(
            cf::DomainResult::builder()
                .domain(format!("{name}.example"))
                .status(cf::DomainStatus::Active)
                .build()
                .unwrap(),
        )
        .created_time(time(0))
        .last_modified_time(time(0))
        .e_tag("E1")
        .set_enabled(enabled)
        .status("Deployed")
        .build()
        .unwrap()
}

fn filtered_by(
    r: &aws_sdk_cloudfront::operation::list_distribution_tenants::ListDistributionTenantsInput,
) -> bool {
    r.association_filter().and_then(|f| f.distribution_id()) == Some(MULTI)
}

#[tokio::test]
async fn tenants_are_listed_by_distribution_over_every_page() {
    let first = mock!(Client::list_distribution_tenants)
        .match_requests(|r| filtered_by(r) && r.marker().is_none())
        .then_output(|| {
            ListDistributionTenantsOutput::builder()
                .distribution_tenant_list(tenant_summary(TENANT, "shop", Some(true)))
                .next_marker("page-2")
                .build()
        });
    let second = mock!(Client::list_distribution_tenants)
        .match_requests(|r| filtered_by(r) && r.marker() == Some("page-2"))
        .then_output(|| {
            ListDistributionTenantsOutput::builder()
                .distribution_tenant_list(tenant_summary("dt_second", "blog", Some(false)))
                .distribution_tenant_list(tenant_summary("dt_third", "docs", None))
                .build()
        });
    let found = on_cloudfront(&[&first, &second])
        .list_tenants(MULTI)
        .await
        .unwrap();
    assert_eq!(
        found
            .iter()
            .map(|t| (t.id.as_str(), t.name.as_str(), t.enabled))
            .collect::<Vec<_>>(),
        [
            (TENANT, "shop", true),
            ("dt_second", "blog", false),
            ("dt_third", "docs", true)
        ]
    );
    assert!(found.iter().all(|t| t.distribution_id == MULTI));
    assert_eq!(found[0].domains, ["shop.example"]);
    assert_eq!(found[0].status, "Deployed");
}

#[tokio::test]
async fn tenant_invalidations_page_by_marker() {
    let page = mock!(Client::list_invalidations_for_distribution_tenant)
        .match_requests(|r| {
            r.id() == Some(TENANT) && r.marker() == Some("I7") && r.max_items() == Some(1)
        })
        .then_output(|| {
            ListInvalidationsForDistributionTenantOutput::builder()
                .invalidation_list(invalidation_list(
                    vec![summary("I6", "Completed", 60)],
                    Some("I7"),
                    Some("I6"),
                    1,
                ))
                .build()
        });
    let got = on_cloudfront(&[&page])
        .list_invalidations(&tenant(TENANT), &PageRequest::after("I7", 1))
        .await
        .unwrap();
    assert_eq!(got.items[0].id, "I6");
    assert_eq!(got.items[0].create_time, chrono_time(60));
    assert_eq!(got.marker.as_deref(), Some("I7"));
    assert_eq!(got.next_marker.as_deref(), Some("I6"));
}

#[tokio::test]
async fn a_tenant_invalidation_in_full() {
    let get = mock!(Client::get_invalidation_for_distribution_tenant)
        .match_requests(|r| r.distribution_tenant_id() == Some(TENANT) && r.id() == Some("I6"))
        .then_output(|| {
            GetInvalidationForDistributionTenantOutput::builder()
                .invalidation(full_invalidation("I6", "Completed", &["/*"], "t-1"))
                .build()
        });
    let got = on_cloudfront(&[&get])
        .get_invalidation(&CloudFrontTarget::tenant(TENANT, None), "I6")
        .await
        .unwrap();
    assert_eq!(
        (
            got.id.as_str(),
            got.status,
            got.items,
            got.caller_reference.as_str()
        ),
        ("I6", Status::Completed, items(&["/*"]), "t-1")
    );
}

#[tokio::test]
async fn a_tenant_invalidation_is_created_by_tenant_id() {
    let create = mock!(Client::create_invalidation_for_distribution_tenant)
        .match_requests(|r| {
            let batch = r.invalidation_batch().unwrap();
            r.id() == Some(TENANT)
                && batch.caller_reference() == "t-2"
                && batch.paths().map(|p| p.items()) == Some(&["/cart".to_string()][..])
        })
        .then_output(|| {
            CreateInvalidationForDistributionTenantOutput::builder()
                .invalidation(full_invalidation("I8", "InProgress", &["/cart"], "t-2"))
                .build()
        });
    let made = on_cloudfront(&[&create])
        .create_invalidation(&tenant(TENANT), &items(&["/cart"]), &reference("t-2"))
        .await
        .unwrap();
    assert_eq!((made.id.as_str(), made.status), ("I8", Status::InProgress));
}
