//! Asking a target's edges about an invalidation's paths, for `verify` and `purge --verify`,
//! and warming them after a purge (`--warm`).

use std::sync::Arc;

use super::EdgeArgs;
use crate::backend::edge::ask::{Bounds, ask_all};
use crate::backend::edge::demo::DemoEdge;
use crate::backend::edge::hosts::hosts_of;
use crate::backend::edge::http::HttpEdge;
use crate::backend::edge::{Edge, EdgeRequest};
use crate::cli::GlobalArgs;
use crate::cli::output::Failure;
use crate::cli::session::Session;
use crate::domain::edge::{Check, EdgeAnswer, Judgement, Verdict, judge, judge_failure, plan};
use crate::domain::invalidation::Invalidation;
use crate::domain::target::CloudFrontTarget;
use crate::store::history;

/// Known objects looked up under one wildcard, at most.
const KNOWN_UNDER_WILDCARD: usize = 100;

/// Paths a warm-up asks, at most: it is for the paths a deploy changed, not a crawl.
const WARM_AT_MOST: usize = 1000;

/// Where the edges are asked: `https://` and each of the target's own hosts, or the one base
/// `--edge-url` gives.
pub struct Bases {
    /// URL prefixes the paths are appended to.
    pub bases: Vec<String>,
    /// The hosts a redirect may point to and still be on the target.
    pub hosts: Vec<String>,
}

/// One checked item: a URL asked and its verdict, or an item that cannot be asked.
pub struct Row {
    /// The path asked (for a wildcard, a known object under it), or the item not checkable.
    pub path: String,
    /// The invalidation's item it checks.
    pub item: String,
    pub url: Option<String>,
    pub answer: Option<EdgeAnswer>,
    pub judgement: Judgement,
}

/// What `verify` found.
pub struct Report {
    pub rows: Vec<Row>,
    /// Paths the sample size left out.
    pub left_out: usize,
    pub sample: usize,
}

impl Report {
    pub fn count(&self, verdict: Verdict) -> usize {
        self.rows
            .iter()
            .filter(|r| r.judgement.verdict == verdict)
            .count()
    }
}

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
    Ok(Bases {
        bases: hosts.iter().map(|h| format!("https://{h}")).collect(),
        hosts,
    })
}

/// Known objects under the invalidation's wildcards: the exact paths this target's stored
/// invalidations purged.
async fn known_objects(
    session: &Session,
    target: &CloudFrontTarget,
    items: &[String],
) -> Vec<String> {
    let Some(account) = session.engine.account().map(str::to_string) else {
        return Vec::new();
    };
    let mut known = Vec::new();
    for prefix in items.iter().filter_map(|i| i.strip_suffix('*')) {
        let (a, t, p) = (account.clone(), target.to_string(), prefix.to_string());
        if let Ok(paths) = session
            .store()
            .call(move |c| history::paths_under(c, &a, &t, &p, KNOWN_UNDER_WILDCARD))
            .await
        {
            known.extend(paths);
        }
    }
    known
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
    let plan = plan(&inv.items, &known, sample);
    let mut asked = Vec::new();
    for check in &plan.checks {
        if let Check::Ask { path, item } = check {
            for base in &bases.bases {
                asked.push((path.clone(), item.clone(), format!("{base}{path}")));
            }
        }
    }
    let requests: Vec<EdgeRequest> = asked
        .iter()
        .map(|(_, _, url)| EdgeRequest {
            url: url.clone(),
            whole_body: false,
        })
        .collect();
    let answers = ask_all(edge, &requests, Bounds::default()).await;
    let now = session.clock.now();
    let mut answered = asked.into_iter().zip(answers);
    let mut rows = Vec::new();
    for check in plan.checks {
        match check {
            Check::NotCheckable { item, reason } => rows.push(Row {
                path: item.clone(),
                item,
                url: None,
                answer: None,
                judgement: judge_failure(&format!("not checkable: {reason}")),
            }),
            Check::Ask { .. } => {
                for ((path, item, url), answer) in answered.by_ref().take(bases.bases.len()) {
                    let (answer, judgement) = match answer {
                        Ok(a) => {
                            let j = judge(&a, &bases.hosts, inv.create_time, now);
                            (Some(a), j)
                        }
                        Err(e) => (None, judge_failure(&e.to_string())),
                    };
                    rows.push(Row {
                        path,
                        item,
                        url: Some(url),
                        answer,
                        judgement,
                    });
                }
            }
        }
    }
    Report {
        rows,
        left_out: plan.left_out,
        sample,
    }
}

/// Ask each purged path once, reading the whole answer, so the first visitor does not pay
/// the miss: how many answered, and what failed.
pub async fn warm(
    session: &Session,
    edge: &dyn Edge,
    target: &CloudFrontTarget,
    inv: &Invalidation,
    bases: &Bases,
) -> (usize, Vec<String>) {
    let known = known_objects(session, target, &inv.items).await;
    let plan = plan(&inv.items, &known, WARM_AT_MOST);
    let requests: Vec<EdgeRequest> = plan
        .paths()
        .flat_map(|path| {
            bases.bases.iter().map(move |base| EdgeRequest {
                url: format!("{base}{path}"),
                whole_body: true,
            })
        })
        .collect();
    let answers = ask_all(edge, &requests, Bounds::default()).await;
    let mut failed = Vec::new();
    let mut warmed = 0;
    for (request, answer) in requests.iter().zip(answers) {
        match answer {
            Ok(_) => warmed += 1,
            Err(e) => failed.push(format!("{}: {e}", request.url)),
        }
    }
    (warmed, failed)
}
