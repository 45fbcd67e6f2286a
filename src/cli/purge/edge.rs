//! `purge --wait --verify` and `--warm`: once an invalidation completed, ask its target's
//! edges for its paths (warming them, judging them), as `verify` and a first visitor would.

use clap::Args;

use super::super::GlobalArgs;
use super::super::exit;
use super::super::output::{self, say};
use super::super::send::Outcome;
use super::super::session::Session;
use super::super::verify::{self, EdgeArgs, check};
use crate::domain::invalidation::Status;

#[derive(Debug, Args)]
#[group(skip)]
pub struct AfterPurge {
    /// With --wait: ask each target's edges whether the purge took effect, as `edgepurge
    /// verify` does (exit status 4 when an edge still serves an older copy).
    #[arg(long, requires = "wait")]
    pub verify: bool,
    /// With --wait: request each purged path once after it completes, so the first visitor
    /// does not pay the miss.
    #[arg(long, requires = "wait")]
    pub warm: bool,
    #[command(flatten)]
    pub edge: EdgeArgs,
}

/// For each sent invalidation, in order: what `--verify` found (none when not asked, or when
/// it did not complete).
pub type Checks = Vec<Option<check::Report>>;

/// Warm and verify what completed; text goes out here, JSON is the caller's.
pub async fn after(
    session: &Session,
    global: &GlobalArgs,
    args: &AfterPurge,
    outcome: &Outcome,
    json: bool,
) -> Checks {
    let mut checks = Vec::new();
    if !args.verify && !args.warm {
        return checks;
    }
    let edge = check::edge_for(global, session, &args.edge);
    for sent in &outcome.sent {
        let (target, inv) = (&sent.target, &sent.invalidation);
        if inv.status != Status::Completed {
            checks.push(None);
            continue;
        }
        let bases = match check::bases(session, target, &args.edge).await {
            Ok(bases) => bases,
            Err(f) => {
                say!(
                    "edgepurge: {target} {}: not checked at the edge: {}",
                    inv.id,
                    f.message
                );
                checks.push(None);
                continue;
            }
        };
        if args.warm {
            let (warmed, failed) = check::warm(session, edge.as_ref(), target, inv, &bases).await;
            say!("edgepurge: {target} {}: warmed {warmed} URLs", inv.id);
            for failure in failed {
                say!("edgepurge: not warmed: {failure}");
            }
        }
        if !args.verify {
            checks.push(None);
            continue;
        }
        let report = check::verify(
            session,
            edge.as_ref(),
            target,
            inv,
            &bases,
            args.edge.sample,
        )
        .await;
        if !json {
            let text = format!(
                "verify {target} {}:\n{}",
                inv.id,
                verify::report::text(&report)
            );
            // A reader gone away (`| head`) is noticed by the purge's own report.
            let _ = output::try_write_stdout(&text);
        }
        checks.push(Some(report));
    }
    checks
}

/// The purge's status, or 4 when it went well but an edge still served an older copy.
pub fn status(purged: u8, checks: &Checks) -> u8 {
    let stale = checks
        .iter()
        .flatten()
        .any(|r| verify::status(r) == exit::STALE);
    if purged == exit::OK && stale {
        exit::STALE
    } else {
        purged
    }
}
