//! `edgepurge search TEXT`: which invalidations purged a path (or a tag): an item equal to it,
//! a wildcard covering it, or an item containing it, over the stored history of every target,
//! brought up to date first (unless `--offline`).

use std::time::Duration;

use clap::Args;
use serde::Serialize;

use super::flags::{Json, Offline, help};
use super::names;
use super::output::{self, Failure, finish, say};
use super::session::{self, Session};
use super::{GlobalArgs, duration, exit, history};
use crate::domain::target::{CloudFrontTarget, Target};
use crate::domain::words::plural;
use crate::store::search::{self, Hit, Match, Query};

#[derive(Debug, Args)]
#[command(mut_arg("json", help("Print a JSON array")))]
pub struct SearchArgs {
    /// A path, part of one, or a #tag.
    #[arg(value_name = "TEXT")]
    pub text: String,
    /// Only this target (a distribution id, tenant:ID, or a name: an alias or domain, a
    /// tenant's name); may be given several times.
    #[arg(long, value_name = "T", add = super::complete::offer_cloudfront_targets())]
    pub target: Vec<String>,
    /// How far back to look (default 30 days: 720h).
    #[arg(long, value_name = "DURATION", value_parser = duration::parse, default_value = "720h")]
    pub since: Duration,
    /// At most this many invalidations, newest first.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub limit: usize,
    #[command(flatten)]
    pub source: Offline,
    #[command(flatten)]
    pub output: Json,
}

#[derive(Serialize)]
struct HitJson<'a> {
    target: &'a str,
    id: &'a str,
    create_time: String,
    status: &'a str,
    caller_reference: Option<&'a str>,
    matches: &'a [String],
    #[serde(rename = "match")]
    how: Match,
}

pub fn run(args: &SearchArgs, global: &GlobalArgs) -> u8 {
    finish(search(args, global))
}

fn search(args: &SearchArgs, global: &GlobalArgs) -> Result<u8, Failure> {
    if args.text.is_empty() {
        return Err(Failure::invalid(
            "nothing to search for; give a path, part of one, or a #tag, e.g. /assets/app.css",
        ));
    }
    session::block_on(async {
        let mut session = Session::new(global)?;
        let mut targets: Vec<CloudFrontTarget> = Vec::new();
        for found in names::targets(session.backend.as_ref(), &args.target).await? {
            match found.target {
                Target::CloudFront(t) => targets.push(t),
                Target::Lightsail { name } => {
                    return Err(Failure::invalid(format!(
                        "lightsail:{name} is a Lightsail distribution: it has no paths to search"
                    )));
                }
            }
        }
        session.remember(global).await;
        let account = history::account(&session, global).await?;
        let now = session.clock.now();
        let since = now - chrono::Duration::from_std(args.since).unwrap_or_default();
        let mut status = exit::OK;
        if !args.source.offline {
            let to_sync = if targets.is_empty() {
                crate::history::all_targets(session.backend.as_ref())
                    .await
                    .map_err(|e| Failure::failed(format!("the targets could not be listed: {e}; --offline searches what is stored")))?
            } else {
                targets.clone()
            };
            let synced = history::bring_up_to_date(&session, &account, &to_sync, since).await;
            for (target, why) in &synced.failed {
                say!(
                    "edgepurge: {target}: its history could not be brought up to date ({why}); \
                     what is stored is searched"
                );
                status = exit::FAILURE;
            }
        }
        let query = Query {
            texts: search::spellings(&args.text),
            targets: targets.iter().map(ToString::to_string).collect(),
            since: Some(since),
            limit: args.limit,
        };
        let hits = session
            .store()
            .call(move |c| search::search(c, &account, &query))
            .await
            .map_err(|e| Failure::failed(e.to_string()))?;
        let out = if args.output.json {
            let rows: Vec<HitJson> = hits.iter().map(json_row).collect();
            output::json(&rows)?
        } else if hits.is_empty() {
            say!(
                "edgepurge: no invalidation in the last {} holds {}",
                crate::domain::words::duration(
                    chrono::Duration::from_std(args.since).unwrap_or_default()
                ),
                args.text
            );
            String::new()
        } else {
            text(&hits)
        };
        Ok(output::write_stdout(&out, status))
    })
}

fn json_row(h: &Hit) -> HitJson<'_> {
    HitJson {
        target: &h.target,
        id: &h.id,
        create_time: output::rfc3339(h.create_time),
        status: &h.status,
        caller_reference: h.caller_reference.as_deref(),
        matches: &h.matches,
        how: h.how,
    }
}

fn text(hits: &[Hit]) -> String {
    let rows: Vec<Vec<String>> = hits
        .iter()
        .map(|h| {
            let how = match h.how {
                Match::Exact => "exact",
                Match::Covers => "covers",
                Match::Contains => "contains",
            };
            let shown: Vec<&str> = h.matches.iter().take(3).map(String::as_str).collect();
            let more = h.matches.len().saturating_sub(shown.len());
            let mut matches = shown.join(" ");
            if more > 0 {
                matches.push_str(&format!(" (+{} more)", more));
            }
            vec![
                output::rfc3339(h.create_time),
                h.target.clone(),
                h.id.clone(),
                h.status.clone(),
                how.to_string(),
                matches,
            ]
        })
        .collect();
    let mut out = output::table(&rows);
    out.push_str(&format!("{}\n", plural(hits.len(), "invalidation")));
    out
}
