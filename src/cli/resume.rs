//! `edgepurge resume [REFERENCE]`: send unconfirmed journal entries again, each with its own
//! caller reference, so what was made is found and what was not is made, never twice.
//! `--forget` drops them instead.

use clap::Args;
use serde::Serialize;

use super::flags::{Json, help};
use super::output::{self, Failure, finish, say};
use super::session::{self, Session};
use super::{GlobalArgs, exit};
use crate::domain::journal::{Entry, State};
use crate::domain::words::plural;
use crate::engine::Resent;
use crate::store::db::DbError;
use crate::store::journal::{self, Filter};

#[derive(Debug, Args)]
#[command(mut_arg("json", help("Print what was made as a JSON array (as purge does)")))]
pub struct ResumeArgs {
    /// A caller reference (of a part, or of the whole batch); default: every unconfirmed entry.
    #[arg(value_name = "REFERENCE")]
    pub reference: Option<String>,
    /// Do not send them: mark them forgotten (they stay in the journal).
    #[arg(long)]
    pub forget: bool,
    #[command(flatten)]
    pub output: Json,
}

pub fn run(args: &ResumeArgs, global: &GlobalArgs) -> u8 {
    finish(resume(args, global))
}

/// One resumed entry, as purge prints a created invalidation.
#[derive(Serialize)]
struct Resumed {
    target: String,
    id: String,
    status: String,
    create_time: Option<String>,
    caller_reference: String,
    paths: usize,
}

fn resume(args: &ResumeArgs, global: &GlobalArgs) -> Result<u8, Failure> {
    if global.read_only && !args.forget {
        return Err(Failure::invalid(
            "--read-only: nothing is sent; leave out --read-only to resume",
        ));
    }
    session::block_on(async {
        let mut session = Session::new(global)?;
        session.remember(global).await;
        let filter = Filter {
            state: Some(State::Unconfirmed),
            caller_reference: args.reference.clone(),
            ..Filter::default()
        };
        let mut entries = match session
            .store()
            .call(move |c| journal::list(c, &filter))
            .await
        {
            Ok(entries) => entries,
            Err(DbError::WithoutMemory) => {
                return Err(Failure::failed("there is no journal to resume from"));
            }
            Err(e) => return Err(Failure::failed(e.to_string())),
        };
        // Oldest first: parts go in their order.
        entries.reverse();
        if entries.is_empty() {
            let what = match &args.reference {
                Some(r) => format!("nothing unconfirmed has the caller reference {r}"),
                None => "nothing is unconfirmed".into(),
            };
            say!("edgepurge: {what}; edgepurge journal lists what was sent");
            return Ok(exit::OK);
        }
        if args.forget {
            return forget(&session, entries).await;
        }
        let here = super::memory::account_flags(global);
        let mut made = Vec::new();
        let mut failures = Vec::new();
        let mut reported = Vec::new();
        for entry in &entries {
            let i = &entry.intent;
            if (i.sender.profile.clone(), i.sender.endpoint.clone()) != here {
                failures.push(format!(
                    "{} ({}): recorded for {}; run edgepurge resume with the same account flags",
                    i.caller_reference,
                    i.target,
                    account_flags(entry)
                ));
                continue;
            }
            match send_again(&session, entry).await {
                Ok(r) => {
                    if !args.output.json {
                        let line = format!(
                            "{}  {}  {}  {}  {}\n",
                            r.target,
                            r.id,
                            r.status,
                            plural(r.paths, "item"),
                            r.caller_reference
                        );
                        if output::try_write_stdout(&line).is_ok() {
                            reported.push(entry.id);
                        }
                    }
                    made.push((entry.id, r));
                }
                Err(why) => failures.push(why),
            }
        }
        for f in &failures {
            say!("edgepurge: {f}");
        }
        let status = if failures.is_empty() {
            exit::OK
        } else {
            exit::FAILURE
        };
        if args.output.json {
            let rows: Vec<&Resumed> = made.iter().map(|(_, r)| r).collect();
            if output::try_write_stdout(&output::json(&rows)?).is_ok() {
                reported = made.iter().map(|(id, _)| *id).collect();
            } else {
                return Ok(output::fail(
                    exit::FAILURE,
                    "cannot write to standard output",
                ));
            }
        }
        session.engine.reported(reported).await;
        Ok(status)
    })
}

async fn send_again(session: &Session, entry: &Entry) -> Result<Resumed, String> {
    match session
        .engine
        .send_again(entry)
        .await
        .map_err(|e| e.to_string())?
    {
        Resent::Invalidation {
            target,
            invalidation: inv,
        } => Ok(Resumed {
            target: target.to_string(),
            status: inv.status.to_string(),
            create_time: Some(output::rfc3339(inv.create_time)),
            paths: inv.items.len(),
            id: inv.id,
            caller_reference: inv.caller_reference,
        }),
        Resent::Reset { name, operation } => Ok(Resumed {
            target: format!("lightsail:{name}"),
            status: operation.status.to_string(),
            create_time: Some(output::rfc3339(operation.created_at)),
            paths: 0,
            id: operation.id,
            caller_reference: entry.intent.caller_reference.clone(),
        }),
    }
}

async fn forget(session: &Session, entries: Vec<Entry>) -> Result<u8, Failure> {
    let ids: Vec<i64> = entries.iter().map(|e| e.id).collect();
    let n = session
        .store()
        .call(move |c| {
            let mut n = 0;
            for id in ids {
                n += usize::from(journal::forget(c, id)?);
            }
            Ok(n)
        })
        .await
        .map_err(|e| Failure::failed(e.to_string()))?;
    say!(
        "edgepurge: {} forgotten (still listed by edgepurge journal --state forgotten)",
        plural(n, "entry")
    );
    Ok(exit::OK)
}

fn account_flags(entry: &Entry) -> String {
    let s = &entry.intent.sender;
    let mut flags = Vec::new();
    if let Some(p) = &s.profile {
        flags.push(format!("--profile {p}"));
    }
    if let Some(e) = &s.endpoint {
        flags.push(format!("--endpoint-url {e}"));
    }
    if flags.is_empty() {
        "the default credentials".into()
    } else {
        flags.join(" ")
    }
}
