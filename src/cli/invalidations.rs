//! `edgepurge invalidations TARGET [--limit N | --all]`: a target's invalidations, newest
//! first, fetched a page at a time and never a page more than needed.

use chrono::{DateTime, Utc};
use clap::Args;
use serde::Serialize;

use super::flags::{Json, help};
use super::names::{self, Labels};
use super::output::{self, Failure, finish, say};
use super::session::{self, Session};
use super::{GlobalArgs, exit};
use crate::backend::{Backend, BackendError};
use crate::domain::invalidation::{InvalidationSummary, PAGE_SIZE, PageRequest};
use crate::domain::target::CloudFrontTarget;
use crate::domain::words::duration;

/// Shown when neither --limit nor --all is given: a screenful.
const DEFAULT_LIMIT: u32 = 20;
/// The largest page asked for. The API reference gives no maximum for MaxItems; a service that
/// answers with fewer is followed by its NextMarker all the same.
const PAGE_MAX: u32 = 1_000;

#[derive(Debug, Args)]
#[command(mut_arg("json", help("Print a JSON array instead of text")))]
pub struct InvalidationsArgs {
    /// A distribution id or tenant:ID, or a name: an alias or domain, a tenant's name.
    #[arg(value_name = "TARGET", add = super::complete::offer_cloudfront_targets())]
    pub target: String,
    /// Show at most N, newest first (default: 20).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: Option<u32>,
    /// Show every invalidation the target has.
    #[arg(long, conflicts_with = "limit")]
    pub all: bool,
    #[command(flatten)]
    pub output: Json,
}

/// One invalidation of the list, as the JSON array holds it.
#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    status: &'a str,
    #[serde(serialize_with = "output::time")]
    create_time: DateTime<Utc>,
}

pub fn run(args: &InvalidationsArgs, global: &GlobalArgs) -> u8 {
    finish(invalidations(args, global))
}

fn invalidations(args: &InvalidationsArgs, global: &GlobalArgs) -> Result<u8, Failure> {
    let limit = if args.all {
        None
    } else {
        Some(args.limit.unwrap_or(DEFAULT_LIMIT) as usize)
    };
    session::block_on(async {
        let session = Session::new(global)?;
        let (target, label) = names::cloudfront(
            session.backend.as_ref(),
            &args.target,
            "it has no invalidations; its cache is reset as a whole (edgepurge reset)",
        )
        .await?;
        let described = Labels::described_as(&target, label.as_deref());
        let (items, more) = newest(session.backend.as_ref(), &target, limit)
            .await
            .map_err(|e| Failure::failed(format!("{target}: {e}")))?;
        let out = if args.output.json {
            let rows: Vec<Row> = items
                .iter()
                .map(|s| Row {
                    id: &s.id,
                    status: s.status.as_str(),
                    create_time: s.create_time,
                })
                .collect();
            output::json(&rows)?
        } else {
            if items.is_empty() {
                say!("edgepurge: {described} has no invalidations");
            } else if more && args.limit.is_none() {
                say!(
                    "edgepurge: the newest {} shown; --limit N or --all shows more",
                    items.len()
                );
            }
            text(&items, session.clock.now())
        };
        Ok(output::write_stdout(&out, exit::OK))
    })
}

/// The newest `limit` invalidations (all with `None`), and whether more remain.
pub async fn newest(
    backend: &dyn Backend,
    target: &CloudFrontTarget,
    limit: Option<usize>,
) -> Result<(Vec<InvalidationSummary>, bool), BackendError> {
    let mut found: Vec<InvalidationSummary> = Vec::new();
    let mut page_max = PAGE_MAX;
    let mut marker: Option<String> = None;
    loop {
        let wanted = limit.map_or(page_max as usize, |l| l - found.len());
        let size = u32::try_from(wanted).unwrap_or(page_max).min(page_max);
        let request = match &marker {
            None => PageRequest::first(size),
            Some(m) => PageRequest::after(m.clone(), size),
        };
        let page = match backend.list_invalidations(target, &request).await {
            // A service that takes no large pages is asked again with its usual size.
            Err(BackendError::InvalidRequest { .. }) if size > PAGE_SIZE && found.is_empty() => {
                page_max = PAGE_SIZE;
                continue;
            }
            other => other?,
        };
        found.extend(page.items.iter().cloned());
        let full = limit.is_some_and(|l| found.len() >= l);
        match page.next_marker {
            // A marker that does not move would never end.
            Some(next) if !full && !page.items.is_empty() && marker.as_ref() != Some(&next) => {
                marker = Some(next);
            }
            next => {
                if let Some(l) = limit {
                    found.truncate(l);
                }
                return Ok((found, full && next.is_some()));
            }
        }
    }
}

fn text(items: &[InvalidationSummary], now: DateTime<Utc>) -> String {
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|s| {
            vec![
                s.id.clone(),
                s.status.to_string(),
                output::rfc3339(s.create_time),
                format!("{} ago", duration(now - s.create_time)),
            ]
        })
        .collect();
    output::table(&rows)
}

#[cfg(test)]
mod tests;
