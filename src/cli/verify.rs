//! `edgepurge verify TARGET ID`: ask the target's edges for the invalidation's paths, the way
//! a visitor would, and judge whether each answer is older than the invalidation.

pub mod check;
mod edge_url;
pub mod report;

use clap::Args;

use super::flags::{Json, help};
use super::names;
use super::output::{self, Failure, finish, say};
use super::session::{self, Session};
use super::{GlobalArgs, exit};
use crate::domain::edge::{DEFAULT_SAMPLE, Verdict};

#[derive(Debug, Args)]
#[command(mut_arg(
    "json",
    help("Print a JSON array: one object per URL asked or item not checkable")
))]
pub struct VerifyArgs {
    /// A distribution id or tenant:ID, or a name: an alias or domain, a tenant's name.
    #[arg(value_name = "TARGET", add = super::complete::offer_cloudfront_targets())]
    pub target: String,
    /// The invalidation's id.
    #[arg(value_name = "ID")]
    pub id: String,
    #[command(flatten)]
    pub edge: EdgeArgs,
    #[command(flatten)]
    pub output: Json,
}

// `--sample N` and `--edge-url URL`: how many paths, and where, the edges are asked.
#[derive(Debug, Args)]
#[group(skip)]
pub struct EdgeArgs {
    /// How many paths to ask at most, each on the target's CloudFront domain and its first
    /// alias.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_SAMPLE)]
    pub sample: usize,
    /// Ask this base URL instead of the target's own hosts (a staging host, a local server).
    #[arg(long, value_name = "URL")]
    pub edge_url: Option<String>,
}

impl EdgeArgs {
    /// `--edge-url` checked before anything is asked.
    pub fn check(&self) -> Result<(), Failure> {
        match &self.edge_url {
            Some(url) => edge_url::EdgeUrl::parse(url)
                .map(drop)
                .map_err(Failure::invalid),
            None => Ok(()),
        }
    }
}

/// The exit status of a check: an edge that served a copy older than the invalidation.
pub fn status(report: &check::Report) -> u8 {
    if report.count(Verdict::Stale) > 0 {
        exit::STALE
    } else {
        exit::OK
    }
}

pub fn run(args: &VerifyArgs, global: &GlobalArgs) -> u8 {
    finish(verify(args, global))
}

fn verify(args: &VerifyArgs, global: &GlobalArgs) -> Result<u8, Failure> {
    args.edge.check()?;
    session::block_on(async {
        let mut session = Session::new(global)?;
        let (target, _) = names::cloudfront(
            session.backend.as_ref(),
            &args.target,
            "a cache reset has no paths to verify",
        )
        .await?;
        session.remember(global).await;
        let inv = session
            .backend
            .get_invalidation(&target, &args.id)
            .await
            .map_err(|e| Failure::failed(format!("{target}: {e}")))?;
        if inv.status.is_in_progress() {
            say!(
                "edgepurge: {} is still in progress: edges may serve the old copy until it \
                 completes (edgepurge wait {target} {})",
                inv.id,
                inv.id
            );
        }
        let bases = check::bases(&session, &target, &args.edge).await?;
        let edge = check::edge_for(global, &session, &args.edge);
        let report = check::verify(
            &session,
            edge.as_ref(),
            &target,
            &inv,
            &bases,
            args.edge.sample,
        )
        .await;
        let out = if args.output.json {
            output::json(&report::json_rows(&report))?
        } else {
            report::text(&report)
        };
        Ok(output::write_stdout(&out, status(&report)))
    })
}
