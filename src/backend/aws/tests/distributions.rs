//! ListDistributions (every page, multi-tenant by connection mode) and GetDistribution.

use aws_sdk_cloudfront::Client;
use aws_sdk_cloudfront::operation::get_distribution::GetDistributionOutput;
use aws_sdk_cloudfront::operation::list_distributions::ListDistributionsOutput;
use aws_smithy_mocks::mock;

use super::*;

fn distribution_summary(id: &str, mode: Option<cf::ConnectionMode>) -> cf::DistributionSummary {
    cf::DistributionSummary::builder()
        .id(id)
        .arn(format!(
            "arn:aws:cloudfront::111122223333:distribution/{id}"
        ))
        .status("Deployed")
        .last_modified_time(time(0))
        .domain_name(format!("{}.cloudfront.net", id.to_lowercase()))
        .aliases(
            cf::Aliases::builder()
                .quantity(1)
                .items(format!("www.{}.example", id.to_lowercase()))
                .build()
                .unwrap(),
        )
        .comment(format!("site {id}"))
        .price_class(cf::PriceClass::PriceClassAll)
        .enabled(true)
        .web_acl_id("")
        .http_version(cf::HttpVersion::Http2)
        .is_ipv6_enabled(true)
        .staging(false)
        .set_connection_mode(mode)
        .build()
        .unwrap()
}

fn distribution_page(
    summaries: Vec<cf::DistributionSummary>,
    marker: &str,
    next: Option<&str>,
) -> ListDistributionsOutput {
    ListDistributionsOutput::builder()
        .distribution_list(
            cf::DistributionList::builder()
                .marker(marker)
                .set_next_marker(next.map(str::to_string))
                .max_items(100)
                .is_truncated(next.is_some())
                .quantity(summaries.len() as i32)
                .set_items(Some(summaries))
                .build()
                .unwrap(),
        )
        .build()
}

#[tokio::test]
async fn every_page_of_distributions_is_listed_in_order() {
    let first = mock!(Client::list_distributions)
        .match_requests(|r| r.marker().is_none())
        .then_output(|| {
            distribution_page(
                vec![
                    distribution_summary(DIST, None),
                    distribution_summary("E1KTRHKC8G4ZSF", Some(cf::ConnectionMode::Direct)),
                ],
                "",
                Some("E1KTRHKC8G4ZSF"),
            )
        });
    let second = mock!(Client::list_distributions)
        .match_requests(|r| r.marker() == Some("E1KTRHKC8G4ZSF"))
        .then_output(|| {
            distribution_page(
                vec![distribution_summary(
                    MULTI,
                    Some(cf::ConnectionMode::TenantOnly),
                )],
                "E1KTRHKC8G4ZSF",
                None,
            )
        });
    let backend = on_cloudfront(&[&first, &second]);
    let found = backend.list_distributions().await.unwrap();
    let ids: Vec<_> = found.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, [DIST, "E1KTRHKC8G4ZSF", MULTI]);
    assert_eq!(
        found.iter().map(|d| d.multi_tenant).collect::<Vec<_>>(),
        [false, false, true],
        "only connection mode tenant-only is multi-tenant; no mode is standard"
    );
    let d = &found[0];
    assert_eq!(d.domain, "e2qwruhapomqzl.cloudfront.net");
    assert_eq!(d.aliases, ["www.e2qwruhapomqzl.example"]);
    assert_eq!(d.comment, format!("site {DIST}"));
    assert_eq!((d.status.as_str(), d.enabled), ("Deployed", true));
    assert_eq!((first.num_calls(), second.num_calls()), (1, 1));
}

#[tokio::test]
async fn an_account_without_distributions_lists_none() {
    let empty = mock!(Client::list_distributions).then_output(|| {
        ListDistributionsOutput::builder()
            .distribution_list(
                cf::DistributionList::builder()
                    .marker("")
                    .max_items(100)
                    .is_truncated(false)
                    .quantity(0)
                    .build()
                    .unwrap(),
            )
            .build()
    });
    assert!(
        on_cloudfront(&[&empty])
            .list_distributions()
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_marker_that_does_not_move_ends_the_listing() {
    // A broken service that answers "truncated" with the marker it was given must not be
    // followed for ever.
    let stuck = mock!(Client::list_distributions).then_output(|| {
        distribution_page(vec![distribution_summary(DIST, None)], "", Some("SAME"))
    });
    let found = on_cloudfront(&[&stuck]).list_distributions().await.unwrap();
    assert_eq!(found.len(), 2, "the first page, then the repeat once");
    assert_eq!(stuck.num_calls(), 2);
}

#[tokio::test]
async fn the_in_progress_count_comes_from_get_distribution() {
    let get = mock!(Client::get_distribution)
        .match_requests(|r| r.id() == Some(DIST))
        .then_output(|| {
            GetDistributionOutput::builder()
                .distribution(
                    cf::Distribution::builder()
                        .id(DIST)
                        .arn("arn")
                        .status("Deployed")
                        .last_modified_time(time(0))
                        .in_progress_invalidation_batches(2)
                        .domain_name("d.cloudfront.net")
                        .build()
                        .unwrap(),
                )
                .build()
        });
    let backend = on_cloudfront(&[&get]);
    assert_eq!(backend.in_progress_count(DIST).await, Ok(2));
}
