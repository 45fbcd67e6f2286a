//! What `verify` and `purge --verify` / `--warm` need of the session: which edge to ask,
//! on which bases, and what objects are known under a wildcard.

use std::sync::Arc;

use super::EdgeArgs;
use crate::backend::edge::Edge;
pub use crate::backend::edge::check::Report;
use crate::backend::edge::check::{self, Bases};
use crate::backend::edge::demo::DemoEdge;
use crate::backend::edge::hosts::hosts_of;
use crate::backend::edge::http::HttpEdge;
use crate::cli::GlobalArgs;
use crate::cli::output::Failure;
use crate::cli::session::Session;
use crate::domain::invalidation::Invalidation;
use crate::domain::target::CloudFrontTarget;
use crate::history::known::objects_under_wildcards;

/// The demo account's edges on `--demo` (unless `--edge-url` points elsewhere), else the
/// network.
pub fn edge_for(global: &GlobalArgs, session: &Session, args: &EdgeArgs) -> Arc<dyn Edge> {
    if global.demo && args.edge_url.is_none() {
        Arc::new(DemoEdge::new(
            Arc::clone(&session.backend),
            Arc::clone(&session.clock),
        ))
    } else {
        Arc::new(HttpEdge::new())
    }
}

/// The bases to ask on: `--edge-url` as given, else the target's CloudFront domain and first
/// alias (a tenant: its first domain).
pub async fn bases(
    session: &Session,
    target: &CloudFrontTarget,
    args: &EdgeArgs,
) -> Result<Bases, Failure> {
    if let Some(given) = &args.edge_url {
        let url = super::edge_url::EdgeUrl::parse(given).map_err(Failure::invalid)?;
        return Ok(Bases {
            bases: vec![url.base.clone()],
            hosts: vec![url.authority],
        });
    }
    let hosts = hosts_of(session.backend.as_ref(), target)
        .await
        .map_err(|e| Failure::failed(format!("{target}: its hosts could not be read: {e}")))?;
    if hosts.is_empty() {
        return Err(Failure::failed(format!(
            "{target}: the account lists no domain for it, so there is no URL to ask; give \
             --edge-url URL"
        )));
    }
    Ok(Bases::on_hosts(hosts))
}

async fn known_objects(
    session: &Session,
    target: &CloudFrontTarget,
    items: &[String],
) -> Vec<String> {
    let account = session.engine.account();
    objects_under_wildcards(session.store(), account, target, items).await
}

/// Ask the edges about `inv`'s paths, a sample of them, and judge each answer.
pub async fn verify(
    session: &Session,
    edge: &dyn Edge,
    target: &CloudFrontTarget,
    inv: &Invalidation,
    bases: &Bases,
    sample: usize,
) -> Report {
    let known = known_objects(session, target, &inv.items).await;
    check::verify(edge, inv, bases, &known, sample, || session.clock.now()).await
}

/// Warm each purged path once: how many answered, and what failed.
pub async fn warm(
    session: &Session,
    edge: &dyn Edge,
    target: &CloudFrontTarget,
    inv: &Invalidation,
    bases: &Bases,
) -> (usize, Vec<String>) {
    let known = known_objects(session, target, &inv.items).await;
    check::warm(edge, inv, bases, &known).await
}
