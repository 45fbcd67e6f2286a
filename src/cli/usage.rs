//! `edgepurge usage [--month YYYY-MM]`: the paths the account created in a month (all
//! distributions and tenants: the free 1,000 are per account), what is left free, and what
//! the rest costs, from the history brought up to date first (unless `--offline`).

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use clap::Args;
use serde::Serialize;

use super::flags::{Json, Offline, help};
use super::output::{self, Failure, finish, say};
use super::session::{self, Session};
use super::{GlobalArgs, exit, history};
use crate::domain::cost::{FREE_PATHS_PER_MONTH, estimate};
use crate::domain::words::plural;
use crate::store::{history as stored, usage};

#[derive(Debug, Args)]
#[command(mut_arg("json", help("Print a JSON object")))]
pub struct UsageArgs {
    /// The month, as YYYY-MM (default: this month, UTC).
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
    pub month: Option<NaiveDate>,
    #[command(flatten)]
    pub source: Offline,
    #[command(flatten)]
    pub output: Json,
}

fn parse_month(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d")
        .map_err(|_| format!("'{text}' is not a month; write it as YYYY-MM, e.g. 2026-11"))
}

#[derive(Serialize)]
struct UsageJson {
    month: String,
    account: String,
    paths: u64,
    free_left: u64,
    charged_paths: u64,
    usd: f64,
    micro_usd: u64,
    complete: bool,
    targets: Vec<TargetJson>,
}

#[derive(Serialize)]
struct TargetJson {
    target: String,
    invalidations: u64,
    paths: u64,
    complete: bool,
}

pub fn run(args: &UsageArgs, global: &GlobalArgs) -> u8 {
    finish(usage(args, global))
}

/// `[first instant of the month, first instant of the next)`.
fn bounds(month: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    usage::month_of(Utc.from_utc_datetime(&month.and_time(chrono::NaiveTime::MIN)))
}

fn usage(args: &UsageArgs, global: &GlobalArgs) -> Result<u8, Failure> {
    session::block_on(async {
        let mut session = Session::new(global)?;
        session.remember(global).await;
        let account = history::account(&session, global).await?;
        let now = session.clock.now();
        let month = args
            .month
            .or_else(|| NaiveDate::from_ymd_opt(now.year(), now.month(), 1))
            .ok_or_else(|| Failure::failed("cannot tell this month"))?;
        let (from, to) = bounds(month);
        let mut status = exit::OK;
        // Every target of the account counts; offline, those the store knows of.
        let targets: Vec<String> = if args.source.offline {
            Vec::new()
        } else {
            let targets = crate::history::all_targets(session.backend.as_ref())
                .await
                .map_err(|e| {
                    Failure::failed(format!(
                        "the targets could not be listed: {e}; --offline counts what is stored"
                    ))
                })?;
            let synced = history::bring_up_to_date(&session, &account, &targets, from).await;
            for (target, why) in &synced.failed {
                say!("edgepurge: {target}: its history could not be brought up to date ({why})");
                status = exit::FAILURE;
            }
            targets.iter().map(ToString::to_string).collect()
        };
        let a = account.clone();
        let (rows, coverage) = session
            .store()
            .call(move |c| {
                let rows = usage::month(c, &a, from, to)?;
                let mut coverage = Vec::new();
                for t in targets.iter().chain(rows.iter().map(|r| &r.target)) {
                    if coverage
                        .iter()
                        .any(|(known, _): &(String, bool)| known == t)
                    {
                        continue;
                    }
                    let covered = stored::coverage(c, &a, t)?.is_some_and(|since| since <= from);
                    coverage.push((t.clone(), covered));
                }
                Ok((rows, coverage))
            })
            .await
            .map_err(|e| Failure::failed(e.to_string()))?;
        let mut targets_json = Vec::new();
        for (target, covered) in &coverage {
            let row = rows.iter().find(|r| &r.target == target);
            targets_json.push(TargetJson {
                target: target.clone(),
                invalidations: row.map_or(0, |r| r.invalidations),
                paths: row.map_or(0, |r| r.paths),
                complete: *covered && row.is_none_or(|r| r.without_details == 0),
            });
        }
        let paths: u64 = targets_json.iter().map(|t| t.paths).sum();
        let complete = !targets_json.is_empty() && targets_json.iter().all(|t| t.complete);
        let cost = estimate(paths, Some(0));
        let report = UsageJson {
            month: month.format("%Y-%m").to_string(),
            account,
            paths,
            free_left: FREE_PATHS_PER_MONTH.saturating_sub(paths),
            charged_paths: cost.charged_paths,
            usd: cost.micro_usd as f64 / 1_000_000.0,
            micro_usd: cost.micro_usd,
            complete,
            targets: targets_json,
        };
        let out = if args.output.json {
            output::json(&report)?
        } else {
            text(&report)
        };
        Ok(output::write_stdout(&out, status))
    })
}

fn text(r: &UsageJson) -> String {
    let mut out = String::new();
    let at_least = if r.complete { "" } else { "at least " };
    out.push_str(&format!(
        "{}: {at_least}{} ({} free left of {FREE_PATHS_PER_MONTH}); {} charged: {}\n",
        r.month,
        plural(r.paths as usize, "path"),
        r.free_left,
        plural(r.charged_paths as usize, "path"),
        estimate(r.paths, Some(0)).usd(),
    ));
    let rows: Vec<Vec<String>> = r
        .targets
        .iter()
        .filter(|t| t.invalidations > 0 || !t.complete)
        .map(|t| {
            vec![
                format!("  {}", t.target),
                plural(t.invalidations as usize, "invalidation"),
                plural(t.paths as usize, "path"),
                if t.complete {
                    ""
                } else {
                    "history not complete"
                }
                .into(),
            ]
        })
        .collect();
    out.push_str(&output::table(&rows));
    if !r.complete {
        out.push_str(
            "the month's history is not known for every target: the count is what is known, and \
             the cost can be more (run without --offline to bring it up to date)\n",
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_runs_from_its_first_instant_to_the_next_month_s() {
        let (from, to) = bounds(parse_month("2026-12").unwrap());
        assert_eq!(from, Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap());
        assert_eq!(to, Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap());
        assert!(parse_month("2026-13").unwrap_err().contains("YYYY-MM"));
        assert!(parse_month("nov").is_err());
    }
}
