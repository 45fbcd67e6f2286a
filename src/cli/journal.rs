//! `edgepurge journal`: every write edgepurge made or tried, newest first, with who sent it,
//! from where, and what came of it.

use std::time::Duration;

use clap::{ArgGroup, Args};
use serde::Serialize;

use super::flags::{Json, help};
use super::output::{self, Failure, finish, say};
use super::session;
use super::{GlobalArgs, duration, exit, memory};
use crate::clock::{Clock, TokioClock};
use crate::domain::journal::{Entry, State};
use crate::domain::words::{duration as ago, plural};
use crate::store::db::DbError;
use crate::store::journal::{self, Filter};

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("format").args(["json", "csv"])))]
#[command(mut_arg("json", help("Print a JSON array")))]
pub struct JournalArgs {
    /// Only what was attempted this recently (e.g. 2h, 7d is written 168h).
    #[arg(long, value_name = "DURATION", value_parser = duration::parse)]
    pub since: Option<Duration>,
    /// Only entries in this state: unconfirmed, sent, failed (or forgotten).
    #[arg(long, value_name = "STATE", value_parser = parse_state)]
    pub state: Option<State>,
    #[command(flatten)]
    pub output: Json,
    /// Print CSV with a header line.
    #[arg(long)]
    pub csv: bool,
}

fn parse_state(text: &str) -> Result<State, String> {
    text.parse()
}

pub fn run(args: &JournalArgs, global: &GlobalArgs) -> u8 {
    finish(list(args, global, &TokioClock::system()))
}

fn list(args: &JournalArgs, global: &GlobalArgs, clock: &dyn Clock) -> Result<u8, Failure> {
    session::block_on(async {
        let now = clock.now();
        let store = memory::open(global, now).await;
        let filter = Filter {
            since: args
                .since
                .and_then(|d| chrono::Duration::from_std(d).ok())
                .map(|d| now - d),
            state: args.state,
            caller_reference: None,
        };
        let entries = match store.call(move |c| journal::list(c, &filter)).await {
            Ok(entries) => entries,
            Err(DbError::WithoutMemory) => {
                return Err(Failure::failed("there is no journal to read"));
            }
            Err(e) => return Err(Failure::failed(e.to_string())),
        };
        let out = if args.output.json {
            let rows: Vec<EntryJson> = entries.iter().map(EntryJson::from).collect();
            output::json(&rows)?
        } else if args.csv {
            csv(&entries)
        } else if entries.is_empty() {
            say!("edgepurge: the journal holds nothing that matches");
            String::new()
        } else {
            text(&entries, now)
        };
        Ok(output::write_stdout(&out, exit::OK))
    })
}

/// One entry as JSON; the README lists the keys.
#[derive(Serialize)]
pub struct EntryJson<'a> {
    caller_reference: &'a str,
    batch_reference: &'a str,
    part: usize,
    parts: usize,
    target: &'a str,
    kind: &'static str,
    items: &'a [String],
    state: State,
    invalidation_id: Option<&'a str>,
    status: Option<&'a str>,
    error: Option<&'a str>,
    tries: u32,
    attempted_at: String,
    answered_at: Option<String>,
    reported_at: Option<String>,
    origin: &'static str,
    command: &'a str,
    user: &'a str,
    caller_arn: Option<&'a str>,
    account: Option<&'a str>,
    profile: Option<&'a str>,
    endpoint: Option<&'a str>,
}

impl<'a> From<&'a Entry> for EntryJson<'a> {
    fn from(e: &'a Entry) -> Self {
        let i = &e.intent;
        Self {
            caller_reference: &i.caller_reference,
            batch_reference: &i.batch_reference,
            part: i.part,
            parts: i.parts,
            target: &i.target,
            kind: i.kind.as_str(),
            items: &i.items,
            state: e.state,
            invalidation_id: e.invalidation_id.as_deref(),
            status: e.status.as_deref(),
            error: e.error.as_deref(),
            tries: e.tries,
            attempted_at: output::rfc3339(i.attempted_at),
            answered_at: e.answered_at.map(output::rfc3339),
            reported_at: e.reported_at.map(output::rfc3339),
            origin: i.origin.as_str(),
            command: &i.sender.command,
            user: &i.sender.user,
            caller_arn: i.sender.caller_arn.as_deref(),
            account: i.sender.account.as_deref(),
            profile: i.sender.profile.as_deref(),
            endpoint: i.sender.endpoint.as_deref(),
        }
    }
}

/// `TIME  STATE  TARGET  ID  N items  REFERENCE  USER (ORIGIN)`, and what to do about an
/// unconfirmed entry.
fn text(entries: &[Entry], now: chrono::DateTime<chrono::Utc>) -> String {
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| {
            let i = &e.intent;
            let items = match i.kind {
                crate::domain::journal::Kind::Reset => "cache reset".to_string(),
                _ => plural(i.items.len(), "item"),
            };
            vec![
                output::rfc3339(i.attempted_at),
                format!("{} ago", ago(now - i.attempted_at)),
                e.state.to_string(),
                i.target.clone(),
                e.invalidation_id.clone().unwrap_or_else(|| "-".into()),
                items,
                i.caller_reference.clone(),
                format!("{} ({})", i.sender.user, i.origin.as_str()),
            ]
        })
        .collect();
    let mut out = output::table(&rows);
    let unconfirmed = entries
        .iter()
        .filter(|e| e.state == State::Unconfirmed)
        .count();
    if unconfirmed > 0 {
        out.push_str(&format!(
            "\n{} not confirmed: edgepurge resume sends {} again with {} own caller reference \
             (never a second invalidation); edgepurge resume --forget REFERENCE drops one\n",
            plural(unconfirmed, "entry is"),
            if unconfirmed == 1 { "it" } else { "them" },
            if unconfirmed == 1 { "its" } else { "their" },
        ));
    }
    out
}

const CSV_HEADER: &str = "attempted_at,state,target,kind,invalidation_id,status,items,\
caller_reference,batch_reference,part,parts,origin,user,account,answered_at,error";

fn csv(entries: &[Entry]) -> String {
    let mut out = format!("{CSV_HEADER}\n");
    for e in entries {
        let i = &e.intent;
        let fields = [
            output::rfc3339(i.attempted_at),
            e.state.to_string(),
            i.target.clone(),
            i.kind.as_str().into(),
            e.invalidation_id.clone().unwrap_or_default(),
            e.status.clone().unwrap_or_default(),
            // Items never hold a space (they are percent-encoded), so a space separates them.
            i.items.join(" "),
            i.caller_reference.clone(),
            i.batch_reference.clone(),
            i.part.to_string(),
            i.parts.to_string(),
            i.origin.as_str().into(),
            i.sender.user.clone(),
            i.sender.account.clone().unwrap_or_default(),
            e.answered_at.map(output::rfc3339).unwrap_or_default(),
            e.error.clone().unwrap_or_default(),
        ];
        out.push_str(&crate::domain::csv::record(&fields));
    }
    out
}
