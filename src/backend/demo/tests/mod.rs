//! The demo account behaves like the services: progress, quotas, idempotency, pagination,
//! faults. Every test runs on a paused tokio clock, so time moves only when a test moves it.

use std::collections::HashSet;
use std::time::Duration;

use chrono::TimeZone;
use tokio::time::{Instant, advance};

use super::*;
use crate::backend::in_progress::in_progress_invalidations;
use crate::backend::in_progress_load;
use crate::domain::invalidation::Status;
use crate::domain::lightsail::OperationStatus;

use crate::fixtures::demo::{
    ACME, ASSETS, BLUEBIRD as TENANT, MULTI_TENANT as MULTI, SHOP as STOREFRONT, account,
};

fn demo(settings: DemoSettings) -> DemoBackend {
    let origin = Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap();
    account(settings, origin).0
}

fn dist(id: &str) -> CloudFrontTarget {
    CloudFrontTarget::distribution(id)
}

fn items(paths: &[&str]) -> Vec<String> {
    paths.iter().map(|p| p.to_string()).collect()
}

fn reference(text: &str) -> CallerReference {
    CallerReference::parse(text).unwrap()
}

async fn all_ids(backend: &DemoBackend, target: &CloudFrontTarget, page_size: u32) -> Vec<String> {
    let mut ids = Vec::new();
    let mut request = PageRequest::first(page_size);
    loop {
        let page = backend.list_invalidations(target, &request).await.unwrap();
        assert!(page.items.len() <= page_size as usize);
        ids.extend(page.items.iter().map(|s| s.id.clone()));
        match page.next_request() {
            Some(next) => {
                assert_eq!(
                    next.marker.as_deref(),
                    ids.last().map(String::as_str),
                    "NextMarker is the page's last id"
                );
                request = next;
            }
            None => return ids,
        }
    }
}

mod account;
mod creators;
mod faults;
mod lightsail;
mod paging;
mod progress;
mod quotas;
mod remember;
