//! The things a user can purge, as the list calls describe them.

use serde::Serialize;

/// A CloudFront distribution (ListDistributions' DistributionSummary, the parts edgepurge shows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Distribution {
    pub id: String,
    pub domain: String,
    pub aliases: Vec<String>,
    pub comment: String,
    /// `Deployed` or `InProgress` (the distribution's configuration, not its invalidations).
    pub status: String,
    pub enabled: bool,
    /// A multi-tenant distribution (connection mode `tenant-only`) is purged through its tenants.
    pub multi_tenant: bool,
}

/// A tenant of a multi-tenant distribution (ListDistributionTenants' summary).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tenant {
    pub id: String,
    pub name: String,
    pub distribution_id: String,
    pub domains: Vec<String>,
    pub status: String,
    pub enabled: bool,
}

/// An Amazon Lightsail distribution (GetDistributions' LightsailDistribution).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LightsailDistribution {
    pub name: String,
    pub domain: String,
    pub alternative_domains: Vec<String>,
    pub status: String,
    pub enabled: bool,
    pub origin: String,
}
