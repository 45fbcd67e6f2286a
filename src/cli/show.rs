//! `edgepurge show TARGET ID`: one invalidation in full.

use clap::Args;
use serde::Serialize;

use super::flags::{Json, help};
use super::names;
use super::output::{self, Failure, finish};
use super::session::{self, Session};
use super::{GlobalArgs, exit};
use crate::domain::invalidation::{Invalidation, Status};
use crate::domain::target::CloudFrontTarget;
use crate::domain::visible;
use crate::domain::words::{duration, plural};
use crate::store::history;

#[derive(Debug, Args)]
#[command(mut_arg("json", help("Print a JSON object instead of text")))]
pub struct ShowArgs {
    /// A distribution id or tenant:ID, or a name: an alias or domain, a tenant's name.
    #[arg(value_name = "TARGET", add = super::complete::offer_cloudfront_targets())]
    pub target: String,
    /// The invalidation's id.
    #[arg(value_name = "ID")]
    pub id: String,
    #[command(flatten)]
    pub output: Json,
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
    session::block_on(async {
        let mut session = Session::new(global)?;
        let (target, _) = names::cloudfront(
            session.backend.as_ref(),
            &args.target,
            "it has no invalidations; edgepurge wait follows a cache reset's operation",
        )
        .await?;
        session.remember(global).await;
        let inv = match known(&session, &target, &args.id).await {
            Some(inv) => inv,
            None => {
                let inv = session
                    .backend
                    .get_invalidation(&target, &args.id)
                    .await
                    .map_err(|e| Failure::failed(format!("{target}: {e}")))?;
                keep(&session, &target, &inv).await;
                inv
            }
        };
        let out = if args.output.json {
            output::json(&InvalidationJson::from(&inv))?
        } else {
            text(&inv, session.clock.now())
        };
        Ok(output::write_stdout(&out, exit::OK))
    })
}

/// A completed invalidation never changes: once in the history (of an account this profile
/// is known to be), it is not fetched again.
async fn known(session: &Session, target: &CloudFrontTarget, id: &str) -> Option<Invalidation> {
    let account = session.engine.account()?.to_string();
    let (t, i) = (target.to_string(), id.to_string());
    session
        .store()
        .call(move |c| history::details(c, &account, &t, &i))
        .await
        .ok()
        .flatten()
        .filter(|inv| inv.status == Status::Completed)
}

async fn keep(session: &Session, target: &CloudFrontTarget, inv: &Invalidation) {
    let Some(account) = session.engine.account().map(str::to_string) else {
        return;
    };
    let (t, inv, now) = (target.to_string(), inv.clone(), session.clock.now());
    let _ = session
        .store()
        .call(move |c| history::record_details(c, &account, &t, &inv, now))
        .await;
}

/// The invalidation for a person: a few labelled lines, then its paths one a line.
pub fn text(inv: &Invalidation, now: chrono::DateTime<chrono::Utc>) -> String {
    let mut out = format!(
        "id:               {}\nstatus:           {}\ncreated:          {} ({} ago)\ncaller reference: {}\n{}:\n",
        visible::line(&inv.id),
        inv.status,
        output::rfc3339(inv.create_time),
        duration(now - inv.create_time),
        visible::line(&inv.caller_reference),
        plural(inv.items.len(), "path"),
    );
    for item in &inv.items {
        out.push_str("  ");
        out.push_str(&visible::line(item));
        out.push('\n');
    }
    out
}
