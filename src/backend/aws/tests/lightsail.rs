//! Lightsail distributions: pages by token, cache reset, the latest reset, the operation.

use aws_sdk_lightsail::Client;
use aws_sdk_lightsail::operation::get_distribution_latest_cache_reset::GetDistributionLatestCacheResetOutput;
use aws_sdk_lightsail::operation::get_distributions::GetDistributionsOutput;
use aws_sdk_lightsail::operation::get_operation::GetOperationOutput;
use aws_sdk_lightsail::operation::reset_distribution_cache::ResetDistributionCacheOutput;
use aws_sdk_lightsail::types as ls;
use aws_smithy_mocks::mock;

use super::*;
use crate::domain::lightsail::OperationStatus;

fn lightsail_distribution(name: &str) -> ls::LightsailDistribution {
    ls::LightsailDistribution::builder()
        .name(name)
        .domain_name(format!("{name}.cdn.lightsail.aws"))
        .alternative_domain_names(format!("www.{name}.example"))
        .status("Deployed")
        .is_enabled(true)
        .origin(ls::Origin::builder().name(format!("{name}-origin")).build())
        .build()
}

fn operation(status: ls::OperationStatus, terminal: bool) -> ls::Operation {
    ls::Operation::builder()
        .id("op-1")
        .resource_name("shop-cdn")
        .status(status)
        .is_terminal(terminal)
        .created_at(time(0))
        .status_changed_at(time(5))
        .build()
}

#[tokio::test]
async fn every_page_of_lightsail_distributions_by_token() {
    let first = mock!(Client::get_distributions)
        .match_requests(|r| r.page_token().is_none())
        .then_output(|| {
            GetDistributionsOutput::builder()
                .distributions(lightsail_distribution("shop-cdn"))
                .next_page_token("token-2")
                .build()
        });
    let second = mock!(Client::get_distributions)
        .match_requests(|r| r.page_token() == Some("token-2"))
        .then_output(|| {
            GetDistributionsOutput::builder()
                .distributions(lightsail_distribution("blog-cdn"))
                .build()
        });
    let found = on_lightsail(&[&first, &second])
        .list_lightsail_distributions()
        .await
        .unwrap();
    assert_eq!(
        found.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(),
        ["shop-cdn", "blog-cdn"]
    );
    let d = &found[0];
    assert_eq!(d.domain, "shop-cdn.cdn.lightsail.aws");
    assert_eq!(d.alternative_domains, ["www.shop-cdn.example"]);
    assert_eq!((d.status.as_str(), d.enabled), ("Deployed", true));
    assert_eq!(d.origin, "shop-cdn-origin");
}

#[tokio::test]
async fn a_reset_returns_its_operation_and_get_operation_follows_it() {
    let reset = mock!(Client::reset_distribution_cache)
        .match_requests(|r| r.distribution_name() == Some("shop-cdn"))
        .then_output(|| {
            ResetDistributionCacheOutput::builder()
                .status("Started")
                .create_time(time(0))
                .operation(operation(ls::OperationStatus::Started, false))
                .build()
        });
    let follow = mock!(Client::get_operation)
        .match_requests(|r| r.operation_id() == Some("op-1"))
        .then_output(|| {
            GetOperationOutput::builder()
                .operation(
                    ls::Operation::builder()
                        .id("op-1")
                        .status(ls::OperationStatus::Failed)
                        .is_terminal(true)
                        .created_at(time(0))
                        .error_code("InternalError")
                        .error_details("the origin did not answer")
                        .build(),
                )
                .build()
        });
    let backend = on_lightsail(&[&reset, &follow]);
    let started = backend.reset_lightsail_cache("shop-cdn").await.unwrap();
    assert_eq!(started.id, "op-1");
    assert_eq!(started.resource_name, "shop-cdn");
    assert_eq!(started.status, OperationStatus::Started);
    assert!(!started.is_terminal);
    assert_eq!(started.created_at, chrono_time(0));
    assert_eq!(started.status_changed_at, Some(chrono_time(5)));
    let failed = backend.get_lightsail_operation("op-1").await.unwrap();
    assert_eq!(failed.status, OperationStatus::Failed);
    assert!(failed.is_terminal && failed.failed());
    assert_eq!(failed.error_code.as_deref(), Some("InternalError"));
    assert_eq!(
        failed.error_details.as_deref(),
        Some("the origin did not answer")
    );
}

#[tokio::test]
async fn the_latest_reset_or_none_when_never_reset() {
    let latest = mock!(Client::get_distribution_latest_cache_reset)
        .match_requests(|r| r.distribution_name() == Some("shop-cdn"))
        .then_output(|| {
            GetDistributionLatestCacheResetOutput::builder()
                .status("Succeeded")
                .create_time(time(-60))
                .build()
        });
    let never = mock!(Client::get_distribution_latest_cache_reset)
        .match_requests(|r| r.distribution_name() == Some("new-cdn"))
        .then_output(|| GetDistributionLatestCacheResetOutput::builder().build());
    let backend = on_lightsail(&[&latest, &never]);
    let reset = backend
        .latest_lightsail_cache_reset("shop-cdn")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (reset.status.as_str(), reset.create_time),
        ("Succeeded", chrono_time(-60))
    );
    assert_eq!(
        backend.latest_lightsail_cache_reset("new-cdn").await,
        Ok(None)
    );
}

#[tokio::test]
async fn an_answer_without_an_operation_is_an_error_not_a_panic() {
    let empty = mock!(Client::reset_distribution_cache)
        .then_output(|| ResetDistributionCacheOutput::builder().build());
    let err = on_lightsail(&[&empty])
        .reset_lightsail_cache("shop-cdn")
        .await
        .unwrap_err();
    assert!(
        matches!(&err, BackendError::Other { code, .. } if code == "UnexpectedResponse"),
        "{err:?}"
    );
}
