//! Which hosts are a target's own: the only ones its edges are asked on.

use crate::backend::{Backend, BackendError};
use crate::domain::distribution::{Distribution, Tenant};
use crate::domain::target::CloudFrontTarget;

/// A distribution's CloudFront domain and its first alias; a tenant's first domain (a
/// tenant has no CloudFront domain of its own). Empty when the account does not list it.
pub async fn hosts_of(
    backend: &dyn Backend,
    target: &CloudFrontTarget,
) -> Result<Vec<String>, BackendError> {
    match target {
        CloudFrontTarget::Distribution { id } => {
            let distributions = backend.list_distributions().await?;
            Ok(distributions
                .iter()
                .find(|d| &d.id == id)
                .map(distribution_hosts)
                .unwrap_or_default())
        }
        CloudFrontTarget::Tenant {
            id,
            distribution_id,
        } => {
            let parents = match distribution_id {
                Some(parent) => vec![parent.clone()],
                None => multi_tenant(backend).await?,
            };
            for parent in parents {
                let tenants = backend.list_tenants(&parent).await?;
                if let Some(t) = tenants.iter().find(|t| &t.id == id) {
                    return Ok(tenant_hosts(t));
                }
            }
            Ok(Vec::new())
        }
    }
}

/// The target whose own hosts include `host` (case does not matter in a host name).
pub async fn target_of(
    backend: &dyn Backend,
    host: &str,
) -> Result<Option<CloudFrontTarget>, BackendError> {
    let distributions = backend.list_distributions().await?;
    let own = |hosts: Vec<String>| hosts.iter().any(|h| h.eq_ignore_ascii_case(host));
    for d in &distributions {
        if d.multi_tenant {
            for t in backend.list_tenants(&d.id).await? {
                if own(tenant_hosts(&t)) {
                    return Ok(Some(CloudFrontTarget::tenant(t.id, Some(d.id.clone()))));
                }
            }
        } else if own(distribution_hosts(d)) {
            return Ok(Some(CloudFrontTarget::distribution(d.id.clone())));
        }
    }
    Ok(None)
}

fn distribution_hosts(d: &Distribution) -> Vec<String> {
    std::iter::once(&d.domain)
        .chain(d.aliases.first())
        .filter(|h| !h.is_empty())
        .cloned()
        .collect()
}

fn tenant_hosts(t: &Tenant) -> Vec<String> {
    t.domains.first().cloned().into_iter().collect()
}

async fn multi_tenant(backend: &dyn Backend) -> Result<Vec<String>, BackendError> {
    Ok(backend
        .list_distributions()
        .await?
        .into_iter()
        .filter(|d| d.multi_tenant)
        .map(|d| d.id)
        .collect())
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::backend::demo::DemoSettings;
    use crate::fixtures::demo::{ASSETS, BLUEBIRD, MULTI_TENANT, account};

    fn demo() -> crate::backend::demo::DemoBackend {
        account(
            DemoSettings::default(),
            Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap(),
        )
        .0
    }

    #[tokio::test(start_paused = true)]
    async fn a_distributions_hosts_are_its_domain_and_first_alias() {
        let b = demo();
        let hosts = hosts_of(&b, &CloudFrontTarget::distribution(ASSETS))
            .await
            .unwrap();
        assert_eq!(
            hosts,
            ["d3v9a0c5tq8mwe.cloudfront.net", "assets.northwind-shop.com"]
        );
        let none = hosts_of(&b, &CloudFrontTarget::distribution("E0NOSUCHONE"))
            .await
            .unwrap();
        assert!(none.is_empty());
    }

    #[tokio::test(start_paused = true)]
    async fn a_tenants_host_is_its_first_domain_with_or_without_its_parent() {
        let b = demo();
        for parent in [None, Some(MULTI_TENANT.to_string())] {
            let hosts = hosts_of(&b, &CloudFrontTarget::tenant(BLUEBIRD, parent))
                .await
                .unwrap();
            assert_eq!(hosts, ["books.bluebird.example"]);
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_host_leads_back_to_its_target_whatever_its_case() {
        let b = demo();
        let t = target_of(&b, "ASSETS.northwind-shop.com").await.unwrap();
        assert_eq!(t, Some(CloudFrontTarget::distribution(ASSETS)));
        let t = target_of(&b, "books.bluebird.example").await.unwrap();
        assert_eq!(t, Some(CloudFrontTarget::tenant(BLUEBIRD, None)));
        // Only a tenant's first domain is its own here, as `hosts_of` says.
        assert_eq!(target_of(&b, "www.bluebird.example").await.unwrap(), None);
    }
}
