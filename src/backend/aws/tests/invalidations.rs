//! A distribution's invalidations: pages by marker, one in full, create.

use aws_sdk_cloudfront::Client;
use aws_sdk_cloudfront::operation::create_invalidation::CreateInvalidationOutput;
use aws_sdk_cloudfront::operation::get_invalidation::GetInvalidationOutput;
use aws_sdk_cloudfront::operation::list_invalidations::ListInvalidationsOutput;
use aws_smithy_mocks::mock;

use super::*;

fn list_output(list: cf::InvalidationList) -> ListInvalidationsOutput {
    ListInvalidationsOutput::builder()
        .invalidation_list(list)
        .build()
}

#[tokio::test]
async fn pages_follow_the_marker_and_carry_max_items() {
    let first = mock!(Client::list_invalidations)
        .match_requests(|r| {
            r.distribution_id() == Some(DIST) && r.marker().is_none() && r.max_items() == Some(2)
        })
        .then_output(|| {
            list_output(invalidation_list(
                vec![
                    summary("I3", "InProgress", 30),
                    summary("I2", "COMPLETED", 20),
                ],
                None,
                Some("I2"),
                2,
            ))
        });
    let last = mock!(Client::list_invalidations)
        .match_requests(|r| r.marker() == Some("I2") && r.max_items() == Some(2))
        .then_output(|| {
            list_output(invalidation_list(
                vec![summary("I1", "Completed", 10)],
                Some("I2"),
                None,
                2,
            ))
        });
    let backend = on_cloudfront(&[&first, &last]);
    let target = dist(DIST);
    let page = backend
        .list_invalidations(&target, &PageRequest::first(2))
        .await
        .unwrap();
    assert_eq!(
        page.items
            .iter()
            .map(|s| (s.id.as_str(), s.status.clone(), s.create_time))
            .collect::<Vec<_>>(),
        [
            ("I3", Status::InProgress, chrono_time(30)),
            ("I2", Status::Completed, chrono_time(20)),
        ],
        "status read whatever its case"
    );
    assert_eq!(page.marker, None);
    assert_eq!(page.next_marker.as_deref(), Some("I2"));
    assert_eq!(page.max_items, 2);
    let next = page.next_request().unwrap();
    let end = backend.list_invalidations(&target, &next).await.unwrap();
    assert_eq!(end.items.len(), 1);
    assert_eq!(end.marker.as_deref(), Some("I2"));
    assert_eq!(end.next_marker, None);
    assert_eq!((first.num_calls(), last.num_calls()), (1, 1));
}

#[tokio::test]
async fn a_truncated_page_without_next_marker_continues_after_its_last_id() {
    let page = mock!(Client::list_invalidations).then_output(|| {
        let list = cf::InvalidationList::builder()
            .marker("")
            .max_items(1)
            .is_truncated(true)
            .quantity(1)
            .items(summary("I9", "Completed", 0))
            .build()
            .unwrap();
        list_output(list)
    });
    let got = on_cloudfront(&[&page])
        .list_invalidations(&dist(DIST), &PageRequest::first(1))
        .await
        .unwrap();
    assert_eq!(got.next_marker.as_deref(), Some("I9"));
}

#[tokio::test]
async fn the_default_page_size_is_the_services() {
    let page = mock!(Client::list_invalidations)
        .match_requests(|r| r.max_items().is_none() && r.marker().is_none())
        .then_output(|| list_output(invalidation_list(vec![], None, None, 100)));
    let got = on_cloudfront(&[&page])
        .list_invalidations(&dist(DIST), &PageRequest::default())
        .await
        .unwrap();
    assert_eq!((got.items.len(), got.max_items), (0, 100));
}

#[tokio::test]
async fn one_invalidation_in_full() {
    let get = mock!(Client::get_invalidation)
        .match_requests(|r| r.distribution_id() == Some(DIST) && r.id() == Some("I3"))
        .then_output(|| {
            GetInvalidationOutput::builder()
                .invalidation(full_invalidation(
                    "I3",
                    "InProgress",
                    &["/index.html", "/img/*"],
                    "deploy-41",
                ))
                .build()
        });
    let got = on_cloudfront(&[&get])
        .get_invalidation(&dist(DIST), "I3")
        .await
        .unwrap();
    assert_eq!(got.id, "I3");
    assert_eq!(got.status, Status::InProgress);
    assert_eq!(got.create_time, chrono_time(0));
    assert_eq!(got.caller_reference, "deploy-41");
    assert_eq!(got.items, ["/index.html", "/img/*"]);
}

#[tokio::test]
async fn create_sends_the_batch_and_its_caller_reference() {
    let create = mock!(Client::create_invalidation)
        .match_requests(|r| {
            let batch = r.invalidation_batch().unwrap();
            let paths = batch.paths().unwrap();
            r.distribution_id() == Some(DIST)
                && batch.caller_reference() == "deploy-42"
                && paths.quantity() == 2
                && paths.items() == ["/a.css", "#header"]
        })
        .then_output(|| {
            CreateInvalidationOutput::builder()
                .location(format!(
                    "https://cloudfront.amazonaws.com/2020-05-31/distribution/{DIST}/invalidation/I4"
                ))
                .invalidation(full_invalidation(
                    "I4",
                    "InProgress",
                    &["/a.css", "#header"],
                    "deploy-42",
                ))
                .build()
        });
    let backend = on_cloudfront(&[&create]);
    let batch = items(&["/a.css", "#header"]);
    let made = backend
        .create_invalidation(&dist(DIST), &batch, &reference("deploy-42"))
        .await
        .unwrap();
    assert_eq!(made.id, "I4");
    assert_eq!(made.status, Status::InProgress);
    assert_eq!(made.items, batch);
    assert_eq!(create.num_calls(), 1);
}
