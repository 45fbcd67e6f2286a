//! The demo account as written in `assets/demo/account.json`.

use serde::Deserialize;

use crate::domain::distribution::{Distribution, LightsailDistribution, Tenant};

const ACCOUNT_JSON: &str = include_str!("../../../assets/demo/account.json");
const STAGING_JSON: &str = include_str!("../../../assets/demo/staging.json");

/// The demo's accounts by name (`--demo --profile demo,demo-staging`), and each one's
/// account id (from the range AWS documentation uses for examples).
pub const ACCOUNTS: [(&str, &str); 2] =
    [("demo", "111122223333"), ("demo-staging", "444455556666")];

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    #[allow(dead_code)]
    pub comment: String,
    pub slugs: Vec<String>,
    pub distributions: Vec<DistributionFixture>,
    pub lightsail: Vec<LightsailFixture>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DistributionFixture {
    pub id: String,
    pub domain: String,
    pub aliases: Vec<String>,
    pub comment: String,
    pub enabled: bool,
    pub status: String,
    #[serde(default)]
    pub multi_tenant: bool,
    /// Invalidations in its history unless `--demo-history` says otherwise.
    pub history: usize,
    /// About how far apart its past invalidations are.
    pub history_every_minutes: u32,
    /// Invalidations still in progress when the demo starts.
    pub in_progress_at_start: usize,
    /// Templates of the paths its invalidations name.
    pub paths: Vec<String>,
    #[serde(default)]
    pub tenants: Vec<TenantFixture>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenantFixture {
    pub id: String,
    pub name: String,
    pub domains: Vec<String>,
    pub enabled: bool,
    #[serde(default)]
    pub in_progress_at_start: usize,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LightsailFixture {
    pub name: String,
    pub domain: String,
    pub alternative_domains: Vec<String>,
    pub origin: String,
    pub enabled: bool,
    pub status: String,
    pub last_reset_hours_ago: Option<u32>,
}

pub fn load() -> Result<Account, serde_json::Error> {
    serde_json::from_str(ACCOUNT_JSON)
}

/// The fixtures of the demo account `name` (one of [`ACCOUNTS`]).
pub fn load_named(name: &str) -> Option<Result<Account, serde_json::Error>> {
    match name {
        "demo" => Some(load()),
        "demo-staging" => Some(serde_json::from_str(STAGING_JSON)),
        _ => None,
    }
}

impl DistributionFixture {
    pub fn distribution(&self) -> Distribution {
        Distribution {
            id: self.id.clone(),
            domain: self.domain.clone(),
            aliases: self.aliases.clone(),
            comment: self.comment.clone(),
            status: self.status.clone(),
            enabled: self.enabled,
            multi_tenant: self.multi_tenant,
        }
    }

    pub fn tenant(&self, t: &TenantFixture) -> Tenant {
        Tenant {
            id: t.id.clone(),
            name: t.name.clone(),
            distribution_id: self.id.clone(),
            domains: t.domains.clone(),
            status: "Deployed".into(),
            enabled: t.enabled,
        }
    }
}

impl LightsailFixture {
    pub fn distribution(&self) -> LightsailDistribution {
        LightsailDistribution {
            name: self.name.clone(),
            domain: self.domain.clone(),
            alternative_domains: self.alternative_domains.clone(),
            status: self.status.clone(),
            enabled: self.enabled,
            origin: self.origin.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::domain::target::Target;

    #[test]
    fn the_account_is_rich_enough_for_every_screen() {
        let account = load().unwrap();
        let d = &account.distributions;
        assert!((5..=8).contains(&d.len()));
        assert!(d.iter().any(|d| !d.enabled), "one disabled");
        let multi: Vec<_> = d.iter().filter(|d| d.multi_tenant).collect();
        assert_eq!(multi.len(), 1);
        assert!(multi[0].tenants.len() >= 3);
        assert!((2..=3).contains(&account.lightsail.len()));
    }

    #[test]
    fn every_id_is_one_a_user_could_type() {
        let account = load().unwrap();
        let mut seen = HashSet::new();
        for d in &account.distributions {
            assert!(
                matches!(d.id.parse::<Target>(), Ok(Target::CloudFront(_))),
                "{}",
                d.id
            );
            assert!(seen.insert(d.id.clone()));
            for t in &d.tenants {
                assert!(
                    format!("tenant:{}", t.id).parse::<Target>().is_ok(),
                    "{}",
                    t.id
                );
                assert!(seen.insert(t.id.clone()));
            }
            assert!(!d.paths.is_empty());
        }
        for l in &account.lightsail {
            assert!(format!("lightsail:{}", l.name).parse::<Target>().is_ok());
        }
    }
}
