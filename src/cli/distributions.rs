//! `edgepurge distributions`: every target of the account: CloudFront distributions, the
//! tenants of multi-tenant ones, and Lightsail distributions.

use clap::{Args, ValueEnum};
use futures::future::join_all;
use serde::Serialize;

use super::GlobalArgs;
use super::flags::{Json, help};
use super::output::{self, finish, say};
use super::session::{self, Session};
use crate::backend::{Backend, BackendError};
use crate::domain::distribution::{Distribution, LightsailDistribution, Tenant};

#[derive(Debug, Args)]
#[command(mut_arg("json", help("Print a JSON array instead of text")))]
pub struct DistributionsArgs {
    /// List only these kinds (repeat or separate with commas); all when none is given.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "KIND")]
    pub kind: Vec<Kind>,
    #[command(flatten)]
    pub output: Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// CloudFront distributions.
    Distribution,
    /// Tenants of multi-tenant CloudFront distributions.
    Tenant,
    /// Lightsail distributions.
    Lightsail,
}

/// One target, as the JSON array holds it (these keys stay; more may be added).
#[derive(Debug, Serialize)]
struct Row {
    kind: Kind,
    /// The id (the name for Lightsail).
    id: String,
    /// How other commands take it: `E…`, `tenant:ID`, `lightsail:NAME`.
    target: String,
    domain: String,
    /// Alternate domain names (a tenant's domains after the first).
    aliases: Vec<String>,
    status: String,
    enabled: bool,
    /// A tenant's parent distribution.
    distribution: Option<String>,
    /// Purged through its tenants, not itself.
    multi_tenant: bool,
    /// A distribution's comment, a tenant's name.
    comment: Option<String>,
}

impl From<&Distribution> for Row {
    fn from(d: &Distribution) -> Self {
        Self {
            kind: Kind::Distribution,
            id: d.id.clone(),
            target: d.id.clone(),
            domain: d.domain.clone(),
            aliases: d.aliases.clone(),
            status: d.status.clone(),
            enabled: d.enabled,
            distribution: None,
            multi_tenant: d.multi_tenant,
            comment: Some(d.comment.clone()),
        }
    }
}

impl From<&Tenant> for Row {
    fn from(t: &Tenant) -> Self {
        Self {
            kind: Kind::Tenant,
            id: t.id.clone(),
            target: format!("tenant:{}", t.id),
            domain: t.domains.first().cloned().unwrap_or_default(),
            aliases: t.domains.iter().skip(1).cloned().collect(),
            status: t.status.clone(),
            enabled: t.enabled,
            distribution: Some(t.distribution_id.clone()),
            multi_tenant: false,
            comment: Some(t.name.clone()),
        }
    }
}

impl From<&LightsailDistribution> for Row {
    fn from(l: &LightsailDistribution) -> Self {
        Self {
            kind: Kind::Lightsail,
            id: l.name.clone(),
            target: format!("lightsail:{}", l.name),
            domain: l.domain.clone(),
            aliases: l.alternative_domains.clone(),
            status: l.status.clone(),
            enabled: l.enabled,
            distribution: None,
            multi_tenant: false,
            comment: None,
        }
    }
}

pub fn run(args: &DistributionsArgs, global: &GlobalArgs) -> u8 {
    finish(session::block_on(async {
        let session = Session::new(global)?;
        let wanted = |k: Kind| args.kind.is_empty() || args.kind.contains(&k);
        let (rows, failures) = list(session.backend.as_ref(), &wanted).await;
        for failure in &failures {
            say!("edgepurge: {failure}");
        }
        let status = if failures.is_empty() {
            super::exit::OK
        } else {
            super::exit::FAILURE
        };
        let out = if args.output.json {
            output::json(&rows)?
        } else {
            text(&rows)
        };
        Ok(output::write_stdout(&out, status))
    }))
}

/// The rows wanted, each multi-tenant distribution followed by its tenants, and the lists
/// that failed: what could be listed is shown either way.
async fn list(backend: &dyn Backend, wanted: &dyn Fn(Kind) -> bool) -> (Vec<Row>, Vec<String>) {
    let cloudfront = async {
        if wanted(Kind::Distribution) || wanted(Kind::Tenant) {
            Some(backend.list_distributions().await)
        } else {
            None
        }
    };
    let lightsail = async {
        if wanted(Kind::Lightsail) {
            Some(backend.list_lightsail_distributions().await)
        } else {
            None
        }
    };
    let (cloudfront, lightsail) = futures::join!(cloudfront, lightsail);
    let mut rows = Vec::new();
    let mut failures = Vec::new();
    let failed = |what: &str, e: BackendError| format!("{what} could not be listed: {e}");
    match cloudfront {
        Some(Ok(distributions)) => {
            let tenants = join_all(distributions.iter().map(|d| async move {
                if d.multi_tenant && wanted(Kind::Tenant) {
                    Some(backend.list_tenants(&d.id).await)
                } else {
                    None
                }
            }))
            .await;
            for (d, tenants) in distributions.iter().zip(tenants) {
                if wanted(Kind::Distribution) {
                    rows.push(Row::from(d));
                }
                match tenants {
                    Some(Ok(tenants)) => rows.extend(tenants.iter().map(Row::from)),
                    Some(Err(e)) => failures.push(failed(&format!("the tenants of {}", d.id), e)),
                    None => {}
                }
            }
        }
        Some(Err(e)) => failures.push(failed("CloudFront distributions", e)),
        None => {}
    }
    match lightsail {
        Some(Ok(list)) => rows.extend(list.iter().map(Row::from)),
        Some(Err(e)) => failures.push(
            failed("Lightsail distributions", e)
                + " (--kind distribution,tenant leaves Lightsail out)",
        ),
        None => {}
    }
    (rows, failures)
}

fn text(rows: &[Row]) -> String {
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut about = Vec::new();
            if r.multi_tenant {
                about.push("multi-tenant: purge its tenants".to_string());
            }
            if let Some(comment) = r.comment.as_ref().filter(|c| !c.is_empty()) {
                about.push(comment.clone());
            }
            if !r.aliases.is_empty() {
                about.push(r.aliases.join(", "));
            }
            vec![
                r.target.clone(),
                r.status.clone(),
                if r.enabled { "enabled" } else { "disabled" }.to_string(),
                r.domain.clone(),
                about.join(" · "),
            ]
        })
        .collect();
    output::table(&table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::testing::demo;

    #[tokio::test(start_paused = true)]
    async fn tenants_follow_their_distribution_and_lightsail_comes_last() {
        let (backend, _) = demo();
        let (rows, failures) = list(&*backend, &|_| true).await;
        assert!(failures.is_empty(), "{failures:?}");
        let parent = rows.iter().position(|r| r.multi_tenant).unwrap();
        let tenants: Vec<&Row> = rows.iter().filter(|r| r.kind == Kind::Tenant).collect();
        assert_eq!(tenants.len(), 5);
        assert_eq!(rows[parent + 1].kind, Kind::Tenant);
        assert_eq!(
            rows[parent + 1].distribution.as_deref(),
            Some(rows[parent].id.as_str())
        );
        assert!(rows[parent + 1].target.starts_with("tenant:"));
        let kinds: Vec<Kind> = rows.iter().map(|r| r.kind).collect();
        assert_eq!(kinds.iter().filter(|k| **k == Kind::Lightsail).count(), 3);
        assert!(kinds.ends_with(&[Kind::Lightsail; 3]));
    }

    #[tokio::test(start_paused = true)]
    async fn kinds_filter_what_is_listed() {
        let (backend, _) = demo();
        let (rows, _) = list(&*backend, &|k| k == Kind::Tenant).await;
        assert!(!rows.is_empty());
        assert!(rows.iter().all(|r| r.kind == Kind::Tenant));
    }

    #[tokio::test(start_paused = true)]
    async fn every_failed_list_is_said() {
        let (backend, _) = demo();
        backend.faults().set_throttle(1.0);
        let (rows, failures) = list(&*backend, &|_| true).await;
        assert!(rows.is_empty());
        assert_eq!(failures.len(), 2, "{failures:?}");
        assert!(
            failures[1].contains("--kind distribution,tenant"),
            "{failures:?}"
        );
    }
}
