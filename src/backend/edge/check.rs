//! Asking a target's edges about an invalidation's paths and judging each answer (`verify`,
//! `purge --verify`, the dashboard), and warming them after a purge.

use chrono::{DateTime, Utc};

use super::ask::{Bounds, ask_all};
use super::{Edge, EdgeRequest};
use crate::domain::edge::{Check, EdgeAnswer, Judgement, Verdict, judge, judge_failure, plan};
use crate::domain::invalidation::Invalidation;

/// Paths a warm-up asks, at most: it is for the paths a deploy changed, not a crawl.
const WARM_AT_MOST: usize = 1000;

/// Where the edges are asked: `https://` and each of the target's own hosts, or one other
/// base URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bases {
    /// URL prefixes the paths are appended to.
    pub bases: Vec<String>,
    /// The hosts a redirect may point to and still be on the target.
    pub hosts: Vec<String>,
}

impl Bases {
    /// `https://` on each of the target's own hosts.
    pub fn on_hosts(hosts: Vec<String>) -> Self {
        Self {
            bases: hosts.iter().map(|h| format!("https://{h}")).collect(),
            hosts,
        }
    }
}

/// One checked item: a URL asked and its verdict, or an item that cannot be asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The path asked (for a wildcard, a known object under it), or the item not checkable.
    pub path: String,
    /// The invalidation's item it checks.
    pub item: String,
    pub url: Option<String>,
    pub answer: Option<EdgeAnswer>,
    pub judgement: Judgement,
}

/// What the edges answered about an invalidation.
#[derive(Debug, Clone, PartialEq, Eq)]
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

    /// The edges that named themselves (`X-Amz-Cf-Pop`), each once, in order.
    pub fn pops(&self) -> Vec<&str> {
        let mut pops: Vec<&str> = self
            .rows
            .iter()
            .filter_map(|r| r.answer.as_ref()?.pop.as_deref())
            .collect();
        pops.sort_unstable();
        pops.dedup();
        pops
    }
}

/// Ask the edges about `inv`'s paths, a sample of them, and judge each answer at `now`
/// (taken after the answers came). `known`: object paths known under its wildcards.
pub async fn verify(
    edge: &dyn Edge,
    inv: &Invalidation,
    bases: &Bases,
    known: &[String],
    sample: usize,
    now: impl FnOnce() -> DateTime<Utc>,
) -> Report {
    let plan = plan(&inv.items, known, sample);
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
    let now = now();
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
    edge: &dyn Edge,
    inv: &Invalidation,
    bases: &Bases,
    known: &[String],
) -> (usize, Vec<String>) {
    let plan = plan(&inv.items, known, WARM_AT_MOST);
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
