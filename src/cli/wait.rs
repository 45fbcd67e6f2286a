//! `edgepurge wait TARGET ID`: follow one invalidation (or, for `lightsail:NAME`, a cache
//! reset's operation) to its end.

use std::sync::Arc;

use clap::Args;

use super::flags::{Json, Timeout, help};
use super::follow::{self, Stop};
use super::names;
use super::output::{self, Failure, finish, say};
use super::progress::Progress;
use super::reset::{OperationJson, operation_line};
use super::session::{self, Session};
use super::show::InvalidationJson;
use super::{GlobalArgs, exit};
use crate::domain::target::Target;

#[derive(Debug, Args)]
#[command(mut_arg("json", help("Print the final state as JSON")))]
pub struct WaitArgs {
    /// A distribution id, tenant:ID, lightsail:NAME, or a name: an alias or domain, a
    /// tenant's or Lightsail distribution's name.
    #[arg(value_name = "TARGET", add = super::complete::offer_targets())]
    pub target: String,
    /// The invalidation's id (for lightsail:NAME, the operation id a reset printed).
    #[arg(value_name = "ID")]
    pub id: String,
    #[command(flatten)]
    pub timeout: Timeout,
    #[command(flatten)]
    pub output: Json,
}

pub fn run(args: &WaitArgs, global: &GlobalArgs) -> u8 {
    finish(wait(args, global))
}

fn wait(args: &WaitArgs, global: &GlobalArgs) -> Result<u8, Failure> {
    session::block_on(async {
        let session = Session::new(global)?;
        let found = names::target(session.backend.as_ref(), &args.target).await?;
        let (target, label) = (&found.target, found.label.as_deref());
        // What a person calls it comes last, so the columns stay where scripts read them.
        let named = |line: String| match label {
            Some(label) => format!(
                "{}  {}\n",
                line.trim_end(),
                crate::domain::visible::line(label)
            ),
            None => line,
        };
        let deadline = args.timeout.deadline();
        let progress = Progress::on_stderr(Arc::clone(&session.clock));
        let backend = session.backend.as_ref();
        let (out, stop) = match target {
            Target::CloudFront(t) => {
                let start = backend
                    .get_invalidation(t, &args.id)
                    .await
                    .map_err(|e| Failure::failed(format!("{t}: {e}")))?;
                let (last, stop) = progress
                    .alongside(follow::invalidation(
                        &session, t, label, start, deadline, &progress,
                    ))
                    .await;
                let out = if args.output.json {
                    output::json(&InvalidationJson::from(&last))?
                } else {
                    named(format!("{t}  {}  {}\n", last.id, last.status))
                };
                (out, stop)
            }
            Target::Lightsail { name } => {
                let start = backend
                    .get_lightsail_operation(&args.id)
                    .await
                    .map_err(|e| Failure::failed(format!("{target}: {e}")))?;
                if !start.resource_name.is_empty() && &start.resource_name != name {
                    return Err(Failure::invalid(format!(
                        "operation {} is on lightsail:{}, not lightsail:{name}",
                        start.id, start.resource_name
                    )));
                }
                let (last, stop) = progress
                    .alongside(follow::operation(
                        &session, name, start, deadline, &progress,
                    ))
                    .await;
                let out = if args.output.json {
                    output::json(&OperationJson::new(name, &last))?
                } else {
                    named(operation_line(name, &last))
                };
                (out, stop)
            }
        };
        let status = match stop {
            None => exit::OK,
            Some(Stop::TimedOut) => {
                say!(
                    "edgepurge: not done at the timeout; waiting again is safe: edgepurge wait {} {}",
                    target,
                    args.id
                );
                exit::TIMEOUT
            }
            Some(Stop::Failed(why)) => {
                say!("edgepurge: {why}");
                exit::FAILURE
            }
        };
        Ok(output::write_stdout(&out, status))
    })
}
