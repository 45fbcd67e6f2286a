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
        let listing = list(session.backend.as_ref(), &wanted).await;
        let (lines, status) = verdict(&listing, &args.kind);
        for line in &lines {
            say!("edgepurge: {line}");
        }
        let out = if args.output.json {
            output::json(&listing.rows)?
        } else {
            text(&listing.rows)
        };
        Ok(output::write_stdout(&out, status))
    }))
}

/// What could be listed, and the lists that could not.
struct Listing {
    rows: Vec<Row>,
    missing: Vec<Missing>,
    /// Whether any list was read (an empty one counts).
    read_any: bool,
    /// How many multi-tenant distributions had their tenants asked for.
    tenant_lists: usize,
}

/// A list that could not be read: the kind of rows it held and why.
struct Missing {
    kind: Kind,
    /// For tenants, the distribution they belong to.
    distribution: Option<String>,
    error: BackendError,
}

/// The rows wanted, each multi-tenant distribution followed by its tenants, and the lists
/// that failed: what could be listed is shown either way.
async fn list(backend: &dyn Backend, wanted: &dyn Fn(Kind) -> bool) -> Listing {
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
    let mut listing = Listing {
        rows: Vec::new(),
        missing: Vec::new(),
        read_any: false,
        tenant_lists: 0,
    };
    let missing = |kind, distribution, error| Missing {
        kind,
        distribution,
        error,
    };
    match cloudfront {
        Some(Ok(distributions)) => {
            listing.read_any = true;
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
                    listing.rows.push(Row::from(d));
                }
                listing.tenant_lists += usize::from(tenants.is_some());
                match tenants {
                    Some(Ok(tenants)) => listing.rows.extend(tenants.iter().map(Row::from)),
                    Some(Err(e)) => {
                        listing
                            .missing
                            .push(missing(Kind::Tenant, Some(d.id.clone()), e));
                    }
                    None => {}
                }
            }
        }
        Some(Err(e)) => listing.missing.push(missing(Kind::Distribution, None, e)),
        None => {}
    }
    match lightsail {
        Some(Ok(list)) => {
            listing.read_any = true;
            listing.rows.extend(list.iter().map(Row::from));
        }
        Some(Err(e)) => listing.missing.push(missing(Kind::Lightsail, None, e)),
        None => {}
    }
    listing
}

/// The lines for standard error and the exit status. With no `--kind`, every kind is
/// optional: one the role may not read is a note (exit 0), so a CloudFront-only role can list
/// what it has. A kind asked for by name, any other failure, or nothing read at all is exit 1.
fn verdict(listing: &Listing, asked: &[Kind]) -> (Vec<String>, u8) {
    let optional = asked.is_empty() && listing.read_any;
    let mut lines = Vec::new();
    let mut failed = false;
    // Tenants not allowed are said once, whichever distributions they belong to.
    let mut tenants_not_allowed: Vec<(&str, &str)> = Vec::new();
    for m in &listing.missing {
        match m.error.not_allowed() {
            Some(action) if optional && m.kind == Kind::Tenant => {
                tenants_not_allowed.push((m.distribution.as_deref().unwrap_or_default(), action));
            }
            Some(action) if optional => lines.push(not_allowed(m.kind, None, action)),
            _ => {
                failed = true;
                lines.push(could_not_list(m, asked.is_empty()));
            }
        }
    }
    if let Some((_, action)) = tenants_not_allowed.first() {
        // "tenants" when every tenant list was refused, else the distributions they are of.
        let of = (tenants_not_allowed.len() < listing.tenant_lists).then(|| {
            let ids: Vec<&str> = tenants_not_allowed.iter().map(|(id, _)| *id).collect();
            ids.join(", ")
        });
        lines.push(not_allowed(Kind::Tenant, of, action));
    }
    let status = if failed {
        super::exit::FAILURE
    } else {
        super::exit::OK
    };
    (lines, status)
}

/// `Lightsail: not allowed for this role (lightsail:GetDistributions); --kind
/// distribution,tenant leaves it out`.
fn not_allowed(kind: Kind, of: Option<String>, action: &str) -> String {
    let (what, others, it) = match kind {
        Kind::Distribution => ("CloudFront".to_string(), "lightsail", "it"),
        Kind::Tenant => (
            of.map_or_else(|| "tenants".to_string(), |ids| format!("tenants of {ids}")),
            "distribution,lightsail",
            "them",
        ),
        Kind::Lightsail => ("Lightsail".to_string(), "distribution,tenant", "it"),
    };
    format!("{what}: not allowed for this role ({action}); --kind {others} leaves {it} out")
}

fn could_not_list(m: &Missing, all_kinds: bool) -> String {
    let what = match (m.kind, &m.distribution) {
        (Kind::Tenant, Some(id)) => format!("the tenants of {id}"),
        (Kind::Lightsail, _) => "Lightsail distributions".to_string(),
        _ => "CloudFront distributions".to_string(),
    };
    let mut line = format!("{what} could not be listed: {}", m.error);
    // The way round it, unless the kind was asked for by name.
    if all_kinds && m.kind == Kind::Lightsail {
        line.push_str(" (--kind distribution,tenant leaves Lightsail out)");
    }
    line
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
    use crate::cli::exit;
    use crate::cli::testing::demo;

    fn denied(action: &str) -> BackendError {
        BackendError::AccessDenied {
            permission: action.into(),
            message: "User: arn:aws:sts::123456789012:assumed-role/cdn/ops is not authorized"
                .into(),
        }
    }

    #[tokio::test(start_paused = true)]
    async fn tenants_follow_their_distribution_and_lightsail_comes_last() {
        let (backend, _) = demo();
        let listing = list(&*backend, &|_| true).await;
        assert!(listing.missing.is_empty());
        let rows = &listing.rows;
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
        let listing = list(&*backend, &|k| k == Kind::Tenant).await;
        assert!(!listing.rows.is_empty());
        assert!(listing.rows.iter().all(|r| r.kind == Kind::Tenant));
    }

    #[tokio::test(start_paused = true)]
    async fn every_failed_list_is_said() {
        let (backend, _) = demo();
        backend.faults().set_throttle(1.0);
        let listing = list(&*backend, &|_| true).await;
        assert!(listing.rows.is_empty());
        let (lines, status) = verdict(&listing, &[]);
        assert_eq!(status, exit::FAILURE);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[1].contains("--kind distribution,tenant"), "{lines:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_kind_the_role_may_not_read_is_a_note_unless_asked_for() {
        let (backend, _) = demo();
        backend
            .faults()
            .refuse("GetDistributions", denied("lightsail:GetDistributions"));
        let listing = list(&*backend, &|_| true).await;
        assert!(listing.rows.iter().all(|r| r.kind != Kind::Lightsail));
        assert!(listing.rows.iter().any(|r| r.kind == Kind::Distribution));
        let (lines, status) = verdict(&listing, &[]);
        assert_eq!(status, exit::OK);
        assert_eq!(
            lines,
            [
                "Lightsail: not allowed for this role (lightsail:GetDistributions); \
              --kind distribution,tenant leaves it out"
            ]
        );
        // Asked for by name, it is a failure, said in full.
        let listing = list(&*backend, &|k| k == Kind::Lightsail).await;
        let (lines, status) = verdict(&listing, &[Kind::Lightsail]);
        assert_eq!(status, exit::FAILURE);
        assert_eq!(lines.len(), 1);
        assert!(
            lines[0].starts_with("Lightsail distributions could not be listed: access denied")
                && lines[0].contains("lightsail:GetDistributions")
                && !lines[0].contains("--kind"),
            "{lines:?}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn tenants_the_role_may_not_read_are_said_once() {
        let (backend, _) = demo();
        backend.faults().refuse(
            "ListDistributionTenants",
            denied("cloudfront:ListDistributionTenants"),
        );
        let listing = list(&*backend, &|_| true).await;
        assert!(listing.rows.iter().all(|r| r.kind != Kind::Tenant));
        let (lines, status) = verdict(&listing, &[]);
        assert_eq!(status, exit::OK);
        assert_eq!(
            lines,
            [
                "tenants: not allowed for this role (cloudfront:ListDistributionTenants); \
              --kind distribution,lightsail leaves them out"
            ]
        );
    }

    #[tokio::test(start_paused = true)]
    async fn nothing_allowed_at_all_is_a_failure() {
        let (backend, _) = demo();
        let faults = backend.faults();
        faults.refuse("GetDistributions", denied("lightsail:GetDistributions"));
        faults.refuse("ListDistributions", denied("cloudfront:ListDistributions"));
        let listing = list(&*backend, &|_| true).await;
        let (lines, status) = verdict(&listing, &[]);
        assert_eq!(status, exit::FAILURE);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines.iter().all(|l| l.contains("could not be listed")));
    }

    #[tokio::test(start_paused = true)]
    async fn a_failure_other_than_permission_is_still_exit_1() {
        let (backend, _) = demo();
        backend.faults().refuse(
            "GetDistributions",
            BackendError::Unavailable {
                message: "ServiceException".into(),
            },
        );
        let listing = list(&*backend, &|_| true).await;
        let (lines, status) = verdict(&listing, &[]);
        assert_eq!(status, exit::FAILURE);
        assert!(lines[0].contains("could not be listed"), "{lines:?}");
    }
}
