//! Lightsail distributions: list, reset the whole cache, follow the reset. The client this
//! takes is pinned to us-east-1 (see `config::LIGHTSAIL_REGION`).

use aws_sdk_lightsail::Client;

use super::convert;
use super::errors::{Call, from_sdk};
use crate::backend::Result;
use crate::domain::distribution::LightsailDistribution;
use crate::domain::lightsail::{CacheReset, Operation};

/// More pages than an account has Lightsail distributions for; a service that keeps handing
/// out page tokens past this is not followed for ever.
const MAX_PAGES: usize = 1_000;

/// Every Lightsail distribution (GetDistributions, following page tokens).
pub async fn list_distributions(client: &Client) -> Result<Vec<LightsailDistribution>> {
    let call = Call::new("lightsail:GetDistributions", "the Lightsail distributions");
    let mut found = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let answer = client
            .get_distributions()
            .set_page_token(token.clone())
            .send()
            .await
            .map_err(|e| from_sdk(e, &call))?;
        found.extend(
            answer
                .distributions()
                .iter()
                .map(convert::lightsail_distribution),
        );
        match answer.next_page_token().filter(|t| !t.is_empty()) {
            Some(next) if token.as_deref() != Some(next) => token = Some(next.to_string()),
            _ => return Ok(found),
        }
    }
    Ok(found)
}

pub async fn reset_cache(client: &Client, name: &str) -> Result<Operation> {
    let call = Call::new(
        "lightsail:ResetDistributionCache",
        format!("Lightsail distribution {name}"),
    );
    let answer = client
        .reset_distribution_cache()
        .distribution_name(name)
        .send()
        .await
        .map_err(|e| from_sdk(e, &call))?;
    convert::operation(answer.operation())
}

pub async fn get_operation(client: &Client, id: &str) -> Result<Operation> {
    let call = Call::new(
        "lightsail:GetOperation",
        format!("Lightsail operation {id}"),
    );
    let answer = client
        .get_operation()
        .operation_id(id)
        .send()
        .await
        .map_err(|e| from_sdk(e, &call))?;
    convert::operation(answer.operation())
}

pub async fn latest_cache_reset(client: &Client, name: &str) -> Result<Option<CacheReset>> {
    let call = Call::new(
        "lightsail:GetDistributionLatestCacheReset",
        format!("Lightsail distribution {name}"),
    );
    let answer = client
        .get_distribution_latest_cache_reset()
        .distribution_name(name)
        .send()
        .await
        .map_err(|e| from_sdk(e, &call))?;
    Ok(convert::cache_reset(answer.status(), answer.create_time()))
}
