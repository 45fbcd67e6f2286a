//! `edgepurge show TARGET ID`: one invalidation in full.

use clap::Args;
use serde::Serialize;

use super::output::{self, Failure, finish};
use super::session::{self, Session};
use super::{GlobalArgs, exit};
use crate::domain::invalidation::Invalidation;
use crate::domain::words::{duration, plural};

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A distribution id or tenant:ID.
    #[arg(value_name = "TARGET")]
    pub target: String,
    /// The invalidation's id.
    #[arg(value_name = "ID")]
    pub id: String,
    /// Print a JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}

/// An invalidation as JSON: `{"id","status","create_time","caller_reference","paths"}`.
#[derive(Serialize)]
pub struct InvalidationJson<'a> {
    id: &'a str,
    status: &'a str,
    create_time: String,
    caller_reference: &'a str,
    paths: &'a [String],
}

impl<'a> From<&'a Invalidation> for InvalidationJson<'a> {
    fn from(inv: &'a Invalidation) -> Self {
        Self {
            id: &inv.id,
            status: inv.status.as_str(),
            create_time: output::rfc3339(inv.create_time),
            caller_reference: &inv.caller_reference,
            paths: &inv.items,
        }
    }
}

pub fn run(args: &ShowArgs, global: &GlobalArgs) -> u8 {
    finish(show(args, global))
}

fn show(args: &ShowArgs, global: &GlobalArgs) -> Result<u8, Failure> {
    let target = session::cloudfront_target(
        &args.target,
        "it has no invalidations; edgepurge wait follows a cache reset's operation",
    )?;
    session::block_on(async {
        let session = Session::new(global)?;
        let inv = session
            .backend
            .get_invalidation(&target, &args.id)
            .await
            .map_err(|e| Failure::failed(format!("{target}: {e}")))?;
        let out = if args.json {
            output::json(&InvalidationJson::from(&inv))?
        } else {
            text(&inv, session.clock.now())
        };
        Ok(output::write_stdout(&out, exit::OK))
    })
}

/// The invalidation for a person: a few labelled lines, then its paths one a line.
pub fn text(inv: &Invalidation, now: chrono::DateTime<chrono::Utc>) -> String {
    let mut out = format!(
        "id:               {}\nstatus:           {}\ncreated:          {} ({} ago)\ncaller reference: {}\n{}:\n",
        inv.id,
        inv.status,
        output::rfc3339(inv.create_time),
        duration(now - inv.create_time),
        inv.caller_reference,
        plural(inv.items.len(), "path"),
    );
    for item in &inv.items {
        out.push_str("  ");
        out.push_str(item);
        out.push('\n');
    }
    out
}
