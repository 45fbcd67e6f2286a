//! Waiting on the account: an invalidation until it completes, a Lightsail operation until it
//! ends, a target until its in-progress invalidations leave room for a batch. One polling loop
//! serves them all: soon at first, then backing off to about 30 s with jitter, longer after
//! throttling (`domain::poll`); on tokio's clock, so tests can run it on a paused one.

use std::future::Future;

use tokio::time::Instant;

use super::names::Labels;
use super::progress::Progress;
use super::session::Session;
use crate::backend::{BackendError, in_progress_load};
use crate::domain::invalidation::{Invalidation, Status};
use crate::domain::lightsail::{Operation, OperationStatus};
use crate::domain::poll::{jittered, next_interval};
use crate::domain::quota::{InProgressLoad, MAX_FILE_PATHS_IN_PROGRESS, MAX_WILDCARDS_IN_PROGRESS};
use crate::domain::target::CloudFrontTarget;
use crate::domain::words::plural;

/// Why waiting stopped before the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// `--timeout` ran out.
    TimedOut,
    /// An error that asking again will not fix.
    Failed(String),
}

/// Ask with `fetch` until `settled` says the answer is final, or the deadline passes (one last
/// question is asked at the deadline). Errors that may pass (throttling, 503s, the network)
/// are asked again later.
async fn poll<T, F, Fut>(
    session: &Session,
    key: &str,
    deadline: Option<Instant>,
    mut fetch: F,
    mut settled: impl FnMut(&T) -> bool,
) -> Result<T, Stop>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, BackendError>>,
{
    let mut interval = None;
    let mut throttled = false;
    let mut count = 0;
    loop {
        let next = next_interval(&session.schedule, interval, throttled);
        interval = Some(next);
        let wake = Instant::now() + jittered(next, key, count);
        count += 1;
        let last = deadline.is_some_and(|d| wake >= d);
        tokio::time::sleep_until(deadline.map_or(wake, |d| wake.min(d))).await;
        match fetch().await {
            Ok(answer) => {
                throttled = false;
                if settled(&answer) {
                    return Ok(answer);
                }
            }
            Err(e) if e.is_retryable() => throttled = e == BackendError::Throttled,
            Err(e) => return Err(Stop::Failed(e.to_string())),
        }
        if last {
            return Err(Stop::TimedOut);
        }
    }
}

/// Follow an invalidation to its end; the last state seen, and why waiting stopped early if
/// it did. An end other than Completed is a failure.
/// `name` is what a person calls the target, shown beside its id when known.
pub async fn invalidation(
    session: &Session,
    target: &CloudFrontTarget,
    name: Option<&str>,
    start: Invalidation,
    deadline: Option<Instant>,
    progress: &Progress,
) -> (Invalidation, Option<Stop>) {
    let label = format!("{} {}", Labels::described_as(target, name), start.id);
    let since = start.create_time;
    let mut last = start.clone();
    if start.status.is_in_progress() {
        progress.running(&label, start.status.as_str(), since);
        let result = poll(
            session,
            &start.id,
            deadline,
            || session.backend.get_invalidation(target, &start.id),
            |inv: &Invalidation| {
                last = inv.clone();
                let running = inv.status.is_in_progress();
                if running {
                    progress.running(&label, inv.status.as_str(), since);
                }
                !running
            },
        )
        .await;
        if let Err(stop) = result {
            progress.stopped(&label, &stopped(&stop, last.status.as_str()));
            return (last, Some(stop));
        }
        progress.finished(&label, last.status.as_str(), since);
    }
    let stop = match &last.status {
        Status::Completed | Status::InProgress => None,
        Status::Other(status) => Some(Stop::Failed(format!(
            "{label} ended as '{status}', not Completed; look at it in the CloudFront console"
        ))),
    };
    (last, stop)
}

/// Follow a Lightsail operation (a cache reset) to its end; a failed one is a failure.
pub async fn operation(
    session: &Session,
    name: &str,
    start: Operation,
    deadline: Option<Instant>,
    progress: &Progress,
) -> (Operation, Option<Stop>) {
    let label = format!("lightsail:{name} cache reset");
    let since = start.created_at;
    let mut last = start.clone();
    if !has_ended(&start) {
        progress.running(&label, start.status.as_str(), since);
        let result = poll(
            session,
            &start.id,
            deadline,
            || session.backend.get_lightsail_operation(&start.id),
            |op: &Operation| {
                last = op.clone();
                let ended = has_ended(op);
                if !ended {
                    progress.running(&label, op.status.as_str(), since);
                }
                ended
            },
        )
        .await;
        if let Err(stop) = result {
            progress.stopped(&label, &stopped(&stop, last.status.as_str()));
            return (last, Some(stop));
        }
        progress.finished(&label, last.status.as_str(), since);
    }
    let stop = last.failed().then(|| {
        let why = [last.error_code.as_deref(), last.error_details.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(": ");
        let why = if why.is_empty() {
            String::new()
        } else {
            format!(" ({why})")
        };
        Stop::Failed(format!(
            "{label} failed{why}; try again, or look at it in the Lightsail console"
        ))
    });
    (last, stop)
}

/// Whether an operation can change no more: Lightsail says so, or its status is final.
fn has_ended(op: &Operation) -> bool {
    op.is_terminal
        || matches!(
            op.status,
            OperationStatus::Succeeded | OperationStatus::Completed | OperationStatus::Failed
        )
}

/// Wait until `items` fit next to what `target` has in progress.
pub async fn room(
    session: &Session,
    target: &CloudFrontTarget,
    items: &[String],
    deadline: Option<Instant>,
) -> Result<InProgressLoad, Stop> {
    let batch = InProgressLoad::of_items(items);
    poll(
        session,
        target.id(),
        deadline,
        || in_progress_load(session.backend.as_ref(), target),
        |load: &InProgressLoad| load.fits(batch),
    )
    .await
}

/// What a target has in progress, against the quotas: `2 invalidations in progress with
/// 2990/3000 file paths and 3/15 wildcards`.
pub fn describe_load(load: &InProgressLoad) -> String {
    format!(
        "{} in progress with {}/{MAX_FILE_PATHS_IN_PROGRESS} file paths and \
         {}/{MAX_WILDCARDS_IN_PROGRESS} wildcards",
        plural(load.invalidations, "invalidation"),
        load.file_paths,
        load.wildcards
    )
}

fn stopped(stop: &Stop, status: &str) -> String {
    match stop {
        Stop::TimedOut => format!("still {status} at the timeout; stopped waiting"),
        Stop::Failed(e) => format!("stopped waiting: {e}"),
    }
}
