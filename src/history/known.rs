//! What the stored history knows of a target's objects: the exact paths its invalidations
//! purged, the objects a wildcard is checked by at the edge.

use crate::domain::target::CloudFrontTarget;
use crate::store::db::Store;
use crate::store::history;

/// Known objects looked up under one wildcard, at most.
const UNDER_ONE_WILDCARD: usize = 100;

/// The known objects under each wildcard of `items`; none without an account or a store.
pub async fn objects_under_wildcards(
    store: &Store,
    account: Option<&str>,
    target: &CloudFrontTarget,
    items: &[String],
) -> Vec<String> {
    let Some(account) = account.map(str::to_string) else {
        return Vec::new();
    };
    let mut known = Vec::new();
    for prefix in items.iter().filter_map(|i| i.strip_suffix('*')) {
        let (a, t, p) = (account.clone(), target.to_string(), prefix.to_string());
        if let Ok(paths) = store
            .call(move |c| history::paths_under(c, &a, &t, &p, UNDER_ONE_WILDCARD))
            .await
        {
            known.extend(paths);
        }
    }
    known
}
