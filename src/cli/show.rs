//! `edgepurge show TARGET ID`: one invalidation in full.

use clap::Args;
use serde::Serialize;

use super::flags::{Json, help};
use super::names;
use super::output::say;
use super::output::{self, Failure, finish};
use super::session::{self, Session};
use super::{GlobalArgs, exit};
use crate::domain::creator::Who;
use crate::domain::invalidation::{Invalidation, Status};
use crate::domain::target::CloudFrontTarget;
use crate::domain::visible;
use crate::domain::words::{duration, plural};
use crate::history::creators::{Question, who_created};
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
    /// Do not ask CloudTrail who created it (only edgepurge's journal is read): no
    /// cloudtrail:LookupEvents call, for scripts that need no creator.
    #[arg(long)]
    pub no_cloudtrail: bool,
}

/// `show --json`: the invalidation, and who created it (null when not known).
#[derive(Serialize)]
struct ShowJson<'a> {
    #[serde(flatten)]
    invalidation: InvalidationJson<'a>,
    created_by: Option<CreatedByJson<'a>>,
}

/// Who created it: `source` is `journal` (edgepurge sent it) or `cloudtrail`.
#[derive(Serialize)]
struct CreatedByJson<'a> {
    source: &'static str,
    /// CloudTrail's `userIdentity.type`; null from the journal.
    #[serde(rename = "type")]
    kind: Option<&'a str>,
    /// The user or role; from the journal, the OS `user@host`.
    name: &'a str,
    arn: Option<&'a str>,
    source_ip: Option<&'a str>,
    user_agent: Option<&'a str>,
    #[serde(serialize_with = "optional_time")]
    event_time: Option<chrono::DateTime<chrono::Utc>>,
}

fn optional_time<S: serde::Serializer>(
    time: &Option<chrono::DateTime<chrono::Utc>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match time {
        Some(t) => output::time(t, s),
        None => s.serialize_none(),
    }
}

impl<'a> CreatedByJson<'a> {
    fn of(who: &'a Who) -> Option<Self> {
        match who {
            Who::Sent { user, caller_arn } => Some(Self {
                source: "journal",
                kind: None,
                name: user,
                arn: caller_arn.as_deref(),
                source_ip: None,
                user_agent: None,
                event_time: None,
            }),
            Who::Found(c) => Some(Self {
                source: "cloudtrail",
                kind: Some(&c.kind),
                name: &c.name,
                arn: c.arn.as_deref(),
                source_ip: c.source_ip.as_deref(),
                user_agent: c.user_agent.as_deref(),
                event_time: Some(c.at),
            }),
            Who::NotFound { .. } => None,
        }
    }
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
        let creator = created_by(&session, &target, &inv, !args.no_cloudtrail).await;
        let out = if args.output.json {
            if let Err(why) = &creator {
                say!("note: created by: {why}");
            }
            let who = creator.as_ref().ok().and_then(Option::as_ref);
            output::json(&ShowJson {
                invalidation: InvalidationJson::from(&inv),
                created_by: who.and_then(CreatedByJson::of),
            })?
        } else {
            text(&inv, &creator_line(&creator), session.clock.now())
        };
        Ok(output::write_stdout(&out, exit::OK))
    })
}

/// Who created it: the journal, the kept answer, or CloudTrail. A lookup that fails is said,
/// not fatal: the invalidation is what was asked for.
async fn created_by(
    session: &Session,
    target: &CloudFrontTarget,
    inv: &Invalidation,
    cloudtrail: bool,
) -> Result<Option<Who>, String> {
    let question = Question {
        target,
        id: &inv.id,
        create_time: inv.create_time,
        account: session.engine.account(),
        now: session.clock.now(),
    };
    who_created(
        session.backend.as_ref(),
        session.store(),
        &question,
        cloudtrail,
    )
    .await
    .map_err(|e| lookup_failure(&e))
}

/// Why who created it is not known: a role without the permission is told which one.
fn lookup_failure(e: &crate::backend::BackendError) -> String {
    match e.not_allowed() {
        Some(action) => format!("CloudTrail: not allowed for this role — {action}"),
        None => format!("CloudTrail: {e}"),
    }
}

/// The text after `created by:`.
fn creator_line(creator: &Result<Option<Who>, String>) -> String {
    match creator {
        Ok(Some(who)) => who.describe(),
        Ok(None) => "not looked up (--no-cloudtrail reads only the journal)".into(),
        Err(why) => why.clone(),
    }
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

/// The invalidation for a person: a few labelled lines (who created it among them), then its
/// paths one a line.
pub fn text(inv: &Invalidation, created_by: &str, now: chrono::DateTime<chrono::Utc>) -> String {
    let mut out = format!(
        "id:               {}\nstatus:           {}\ncreated:          {} ({} ago)\ncreated by:       {}\ncaller reference: {}\n{}:\n",
        visible::line(&inv.id),
        inv.status,
        output::rfc3339(inv.create_time),
        duration(now - inv.create_time),
        visible::line(created_by),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::BackendError;

    #[test]
    fn a_lookup_not_allowed_names_the_permission_and_others_say_what_failed() {
        let denied = BackendError::AccessDenied {
            permission: "cloudtrail:LookupEvents".into(),
            message: "User: arn:aws:sts::111122223333:assumed-role/cdn/ops is not authorized"
                .into(),
        };
        let line = creator_line(&Err(lookup_failure(&denied)));
        assert_eq!(
            line,
            "CloudTrail: not allowed for this role — cloudtrail:LookupEvents"
        );
        let throttled = creator_line(&Err(lookup_failure(&BackendError::Throttled)));
        assert!(
            throttled.starts_with("CloudTrail: throttled"),
            "{throttled}"
        );
        let old = creator_line(&Ok(Some(Who::NotFound {
            looked_at: chrono::Utc::now(),
        })));
        assert_eq!(old, "not in CloudTrail (it keeps 90 days)");
    }
}
