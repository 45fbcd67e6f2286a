//! What a target has in progress, gathered from the list and get calls (the quotas count
//! paths, which only the full invalidations carry).

use super::{Backend, Result};
use crate::domain::invalidation::{Invalidation, PAGE_SIZE, PageRequest};
use crate::domain::quota::InProgressLoad;
use crate::domain::target::CloudFrontTarget;

/// Pages looked through at most: in-progress invalidations are among the newest.
const MAX_PAGES: usize = 5;

/// The in-progress invalidations of a target, in full.
pub async fn in_progress_invalidations(
    backend: &dyn Backend,
    target: &CloudFrontTarget,
) -> Result<Vec<Invalidation>> {
    // For a distribution, GetDistribution says how many to look for; a tenant's list is read
    // until a page holds none in progress.
    let expected = match target {
        CloudFrontTarget::Distribution { id } => {
            Some(backend.in_progress_count(id).await? as usize)
        }
        CloudFrontTarget::Tenant { .. } => None,
    };
    let mut found = Vec::new();
    let mut request = PageRequest::first(PAGE_SIZE);
    for _ in 0..MAX_PAGES {
        if expected.is_some_and(|n| found.len() >= n) {
            break;
        }
        let page = backend.list_invalidations(target, &request).await?;
        let before = found.len();
        for summary in page.items.iter().filter(|s| s.status.is_in_progress()) {
            found.push(backend.get_invalidation(target, &summary.id).await?);
        }
        match page.next_request() {
            Some(next) if expected.is_some() || found.len() > before => request = next,
            _ => break,
        }
    }
    Ok(found)
}

/// The quota load of a target's in-progress invalidations.
pub async fn in_progress_load(
    backend: &dyn Backend,
    target: &CloudFrontTarget,
) -> Result<InProgressLoad> {
    Ok(InProgressLoad::of(
        &in_progress_invalidations(backend, target).await?,
    ))
}
