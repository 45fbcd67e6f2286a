//! Sending a judged batch to its targets: each part created exactly once (retries reuse its
//! CallerReference), a part that finds no room said so and, with `--wait`, sent when room
//! frees up; then, with `--wait`, every invalidation followed to Completed.

use futures::future::join_all;
use tokio::time::Instant;

use super::exit;
use super::follow::{self, Stop, describe_load};
use super::names::Labels;
use super::progress::Progress;
use super::session::Session;
use crate::backend::{BackendError, in_progress_load};
use crate::domain::invalidation::Invalidation;
use crate::domain::quota::InProgressLoad;
use crate::domain::target::CloudFrontTarget;
use crate::domain::words;
use crate::engine::{Made, SendError};

pub use crate::engine::Part;

/// An invalidation made for a part on a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub target: CloudFrontTarget,
    pub part: usize,
    pub invalidation: Invalidation,
    /// Its journal entry (None without memory).
    pub journal: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Wait for room when there is none, and for every invalidation to complete.
    pub wait: bool,
    /// When waiting stops (`--timeout`).
    pub deadline: Option<Instant>,
}

/// What happened, target by target in the order given.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub sent: Vec<Sent>,
    /// What failed, each with what to do.
    pub failures: Vec<String>,
    /// What was still waited for when the timeout came.
    pub timed_out: Vec<String>,
}

impl Outcome {
    /// Exit status: a failure outweighs a timeout.
    pub fn status(&self) -> u8 {
        if !self.failures.is_empty() {
            exit::FAILURE
        } else if !self.timed_out.is_empty() {
            exit::TIMEOUT
        } else {
            exit::OK
        }
    }
}

/// Send every part to every target (targets side by side, parts in order), then follow them
/// with `--wait`. `created` hears of each invalidation as soon as it exists.
pub async fn send(
    session: &Session,
    targets: &[CloudFrontTarget],
    parts: &[Part],
    options: Options,
    progress: &Progress,
    labels: &Labels,
    created: &(dyn Fn(&Sent) + Sync),
) -> Outcome {
    let per_target = join_all(targets.iter().map(|t| {
        let name = labels.cloudfront(t);
        send_to(session, t, name, parts, options, progress, created)
    }))
    .await;
    let mut outcome = Outcome::default();
    for one in per_target {
        outcome.sent.extend(one.sent);
        outcome.failures.extend(one.failures);
        outcome.timed_out.extend(one.timed_out);
    }
    outcome
}

async fn send_to(
    session: &Session,
    target: &CloudFrontTarget,
    name: Option<&str>,
    parts: &[Part],
    options: Options,
    progress: &Progress,
    created: &(dyn Fn(&Sent) + Sync),
) -> Outcome {
    let mut outcome = Outcome::default();
    for part in parts {
        match create(session, target, part, options, progress).await {
            Ok(made) => {
                let sent = Sent {
                    target: target.clone(),
                    part: part.number,
                    invalidation: made.invalidation,
                    journal: made.journal,
                };
                created(&sent);
                outcome.sent.push(sent);
            }
            Err(stop) => {
                let unsent = if part.number < part.of {
                    format!(
                        "; parts {} to {} were not sent either",
                        part.number, part.of
                    )
                } else {
                    String::new()
                };
                match stop {
                    Stop::TimedOut => outcome.timed_out.push(format!(
                        "{target}: timed out waiting for room to send {}{unsent}; {}",
                        part.name(),
                        resume_hint(part)
                    )),
                    Stop::Failed(why) => outcome.failures.push(format!("{why}{unsent}")),
                }
                return outcome;
            }
        }
    }
    if options.wait {
        let followed = join_all(outcome.sent.iter().map(|s| {
            follow::invalidation(
                session,
                target,
                name,
                s.invalidation.clone(),
                options.deadline,
                progress,
            )
        }))
        .await;
        for (sent, (last, stop)) in outcome.sent.iter_mut().zip(followed) {
            sent.invalidation = last;
            match stop {
                None => {}
                Some(Stop::TimedOut) => outcome.timed_out.push(format!(
                    "{target} {id}: still {} at the timeout; edgepurge wait {target} {id} \
                     follows it further",
                    sent.invalidation.status,
                    id = sent.invalidation.id,
                )),
                Some(Stop::Failed(why)) => outcome.failures.push(why),
            }
        }
    }
    outcome
}

/// Create one part, exactly once (through the engine: journaled, retried with its reference,
/// recorded). When CloudFront has no room for it: say what is in progress, and with `--wait`
/// wait for room and send it then, with the same reference.
async fn create(
    session: &Session,
    target: &CloudFrontTarget,
    part: &Part,
    options: Options,
    progress: &Progress,
) -> Result<Made, Stop> {
    let backend = session.backend.as_ref();
    // Since when this part waits for room, and what was last said about it: a service that
    // counts otherwise than its list shows may refuse again, and that is said once.
    let mut waiting: Option<(Instant, String)> = None;
    loop {
        let refused = match session.engine.create(target, part).await {
            Ok(made) => {
                if let Some((since, _)) = waiting {
                    let waited = chrono::Duration::from_std(since.elapsed()).unwrap_or_default();
                    progress.note(&format!(
                        "{target}: {} sent after {} waiting for room",
                        part.name(),
                        words::duration(waited)
                    ));
                }
                return Ok(made);
            }
            Err(SendError::Refused(BackendError::TooManyInProgress { message })) => message,
            Err(e @ SendError::Unconfirmed(_)) => {
                return Err(Stop::Failed(format!(
                    "{target}: {}: {e}; it may have been made: edgepurge resume {} sends it \
                     again with its caller reference, which never makes a second invalidation",
                    part.name(),
                    part.batch_reference
                )));
            }
            Err(e) => return Err(Stop::Failed(format!("{target}: {}: {e}", part.name()))),
        };
        let adds = InProgressLoad::of_items(&part.items);
        let load = match in_progress_load(backend, target).await {
            Ok(load) => describe_load(&load),
            Err(e) => {
                format!("CloudFront says: {refused} (what is in progress could not be read: {e})")
            }
        };
        let said = format!(
            "{target}: no room to start {} now: {load}; it adds {} file paths and {} wildcards",
            part.name(),
            adds.file_paths,
            adds.wildcards
        );
        if !options.wait {
            return Err(Stop::Failed(format!(
                "{said}; nothing of it was sent; {}",
                resume_hint(part)
            )));
        }
        if waiting.as_ref().is_none_or(|(_, before)| *before != said) {
            progress.note(&format!("{said}; waiting for room"));
        }
        let since = waiting.map_or_else(Instant::now, |(since, _)| since);
        waiting = Some((since, said));
        follow::room(session, target, &part.items, options.deadline).await?;
    }
}

/// How to send the rest later without sending anything twice.
fn resume_hint(part: &Part) -> String {
    format!(
        "to send it when room frees up, run the same purge with --wait --caller-reference {} \
         (what was already sent is found again, not sent twice)",
        part.batch_reference
    )
}

#[cfg(test)]
mod tests;
