//! `edgepurge reset lightsail:NAME`: reset a Lightsail distribution's whole cache, and with
//! `--wait` follow the reset to its end.

use std::sync::Arc;

use clap::Args;
use serde::Serialize;

use super::flags::{Follow, Json, Yes, help};
use super::follow::{self, Stop};
use super::names::{self, Typed};
use super::output::{self, Failure, finish, say};
use super::progress::Progress;
use super::session::{self, Session};
use super::terminal::{self, Answer};
use super::{GlobalArgs, exit};
use crate::domain::lightsail::Operation;
use crate::domain::target::Target;

#[derive(Debug, Args)]
#[command(mut_arg(
    "yes",
    help("Reset without asking (needed when not run from a terminal)")
))]
#[command(mut_arg("wait", help("Follow the reset to its end")))]
#[command(mut_arg(
    "timeout",
    help("Stop waiting after this long (e.g. 90s, 10m) and exit with status 3")
))]
#[command(mut_arg("json", help("Print the operation as JSON")))]
pub struct ResetArgs {
    /// lightsail:NAME, or the Lightsail distribution's name or domain.
    #[arg(value_name = "TARGET", add = super::complete::offer_lightsail_targets())]
    pub target: String,
    #[command(flatten)]
    pub confirm: Yes,
    #[command(flatten)]
    pub follow: Follow,
    #[command(flatten)]
    pub output: Json,
}

/// A Lightsail operation as JSON: `{"target","id","status","create_time","error"}`.
#[derive(Serialize)]
pub struct OperationJson<'a> {
    target: String,
    id: &'a str,
    status: &'a str,
    create_time: String,
    /// Why it failed, when it did.
    error: Option<String>,
}

impl<'a> OperationJson<'a> {
    pub fn new(name: &str, op: &'a Operation) -> Self {
        let error = match (&op.error_code, &op.error_details) {
            (None, None) => None,
            (code, details) => Some(
                [code.as_deref(), details.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(": "),
            ),
        };
        Self {
            target: format!("lightsail:{name}"),
            id: &op.id,
            status: op.status.as_str(),
            create_time: output::rfc3339(op.created_at),
            error,
        }
    }
}

/// `lightsail:NAME  OPERATION-ID  STATUS`.
pub fn operation_line(name: &str, op: &Operation) -> String {
    format!("lightsail:{name}  {}  {}\n", op.id, op.status)
}

pub fn run(args: &ResetArgs, global: &GlobalArgs) -> u8 {
    finish(reset(args, global))
}

fn reset(args: &ResetArgs, global: &GlobalArgs) -> Result<u8, Failure> {
    let typed = Typed::read(&args.target).map_err(Failure::invalid)?;
    let runtime = session::runtime()?;
    // A name is looked up in one listing of the account, on the session that then resets.
    let (found, early) = match typed {
        Typed::Id(target) => (target, None),
        Typed::Name(_) => {
            let session = runtime.block_on(async { Session::new(global) })?;
            let found = runtime.block_on(names::target(session.backend.as_ref(), &args.target))?;
            (found.target, Some(session))
        }
    };
    let name = match found {
        Target::Lightsail { name } => name,
        Target::CloudFront(t) => {
            return Err(Failure::invalid(format!(
                "{t} is a CloudFront target: its cache is invalidated by paths, e.g. \
                 edgepurge purge {t} '/*'"
            )));
        }
    };
    if global.read_only {
        return Err(Failure::invalid(
            "--read-only: nothing is reset; leave out --read-only to reset the cache",
        ));
    }
    if !args.confirm.yes {
        confirm(&name)?;
    }
    runtime.block_on(async {
        let mut session = match early {
            Some(session) => session,
            None => Session::new(global)?,
        };
        session.remember(global).await;
        let (started, journal) = session
            .engine
            .reset(&name)
            .await
            .map_err(|e| Failure::failed(format!("lightsail:{name}: {e}")))?;
        if !args.output.json {
            // Printed at once, so the operation id is known however long the wait.
            if output::try_write_stdout(&operation_line(&name, &started)).is_ok() {
                session.engine.reported(journal.into_iter().collect()).await;
            }
        }
        let (last, stop) = if args.follow.wait {
            let deadline = args.follow.timeout.deadline();
            let progress = Progress::on_stderr(Arc::clone(&session.clock));
            progress
                .alongside(follow::operation(
                    &session, &name, started, deadline, &progress,
                ))
                .await
        } else {
            (started, None)
        };
        let status = match stop {
            None => exit::OK,
            Some(Stop::TimedOut) => {
                say!(
                    "edgepurge: the reset is still {} at the timeout; edgepurge wait lightsail:{name} {} follows it",
                    last.status,
                    last.id
                );
                exit::TIMEOUT
            }
            Some(Stop::Failed(why)) => {
                say!("edgepurge: {why}");
                exit::FAILURE
            }
        };
        if args.output.json {
            let out = output::json(&OperationJson::new(&name, &last))?;
            if output::try_write_stdout(&out).is_ok() {
                session.engine.reported(journal.into_iter().collect()).await;
                return Ok(status);
            }
            return Ok(output::write_stdout(&out, status));
        }
        Ok(status)
    })
}

/// Ask on the terminal; off a terminal a whole-cache reset needs `--yes`.
fn confirm(name: &str) -> Result<(), Failure> {
    let Some(tty) = terminal::open() else {
        return Err(Failure::invalid(format!(
            "a reset clears the whole cache of lightsail:{name}; when not run from a terminal \
             it is done only with --yes"
        )));
    };
    let question = format!(
        "Reset the whole cache of lightsail:{name}? Every object is fetched from the origin again."
    );
    match terminal::confirm(&tty, &question, Answer::Yes) {
        Ok(true) => Ok(()),
        Ok(false) => Err(Failure::failed("nothing was reset")),
        Err(e) => Err(Failure::failed(format!(
            "cannot ask on the terminal ({e}); give --yes to reset without asking"
        ))),
    }
}
