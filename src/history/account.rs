//! Which account the history belongs to, and which targets it has.

use chrono::{DateTime, Utc};
use futures::future::join_all;

use crate::backend::{Backend, BackendError};
use crate::domain::account::CallerIdentity;
use crate::domain::target::CloudFrontTarget;
use crate::store::accounts;
use crate::store::db::Store;

/// Who the account is (the history is kept under its id): learned from STS once per profile
/// and endpoint ('' for none), then read from the store.
pub async fn identity(
    backend: &dyn Backend,
    store: &Store,
    profile: &str,
    endpoint: &str,
    now: DateTime<Utc>,
) -> Result<CallerIdentity, BackendError> {
    let (p, e) = (profile.to_string(), endpoint.to_string());
    if let Ok(Some((account, arn))) = store.call(move |c| accounts::known(c, &p, &e)).await {
        return Ok(CallerIdentity { account, arn });
    }
    let who = backend.caller_identity().await?;
    let (p, e) = (profile.to_string(), endpoint.to_string());
    let (account, arn) = (who.account.clone(), who.arn.clone());
    // Not kept is no loss: it is asked again next time.
    let _ = store
        .call(move |c| accounts::record(c, &p, &e, &account, &arn, now))
        .await;
    Ok(who)
}

/// Every CloudFront target of the account that can have invalidations: standard
/// distributions and the tenants of multi-tenant ones.
pub async fn all_targets(backend: &dyn Backend) -> Result<Vec<CloudFrontTarget>, BackendError> {
    let distributions = backend.list_distributions().await?;
    let tenants = join_all(distributions.iter().map(|d| async move {
        if d.multi_tenant {
            Some(backend.list_tenants(&d.id).await)
        } else {
            None
        }
    }))
    .await;
    let mut targets = Vec::new();
    for (d, tenants) in distributions.iter().zip(tenants) {
        match tenants {
            None => targets.push(CloudFrontTarget::distribution(&d.id)),
            Some(list) => {
                for t in list? {
                    targets.push(CloudFrontTarget::tenant(&t.id, Some(d.id.clone())));
                }
            }
        }
    }
    Ok(targets)
}
