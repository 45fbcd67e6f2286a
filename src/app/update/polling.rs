//! Following in-progress batches: which are polled (those watched, and those on the selected
//! target's list), when, and what each answer changes. Completed ones are never polled again.

use chrono::{DateTime, SecondsFormat, Utc};

use super::super::model::{Flash, Model, Slot};
use super::super::msg::Effect;
use super::super::watch::{MAX_POLLED, Poll, Progress, Subject, Watched, jittered, next_interval};
use crate::backend::BackendError;
use crate::domain::invalidation::Invalidation;
use crate::domain::lightsail::Operation;
use crate::domain::target::{CloudFrontTarget, Target};
use crate::domain::words::duration;

/// A new invalidation from this session: at the top of its list, in full in the details,
/// and watched.
pub fn show_created(
    model: &mut Model,
    target: &CloudFrontTarget,
    inv: Invalidation,
) -> Vec<Effect> {
    if let Some(list) = model.lists.get_mut(target) {
        list.push_newest(inv.summary());
    }
    let subject = Subject::Invalidation {
        target: target.clone(),
        id: inv.id.clone(),
    };
    if !model.watched.iter().any(|w| w.subject == subject) {
        model.watched.push(Watched {
            lane: model.active,
            subject,
            since: inv.create_time,
            status: inv.status.as_str().to_string(),
            progress: if inv.status.is_in_progress() {
                Progress::Running
            } else {
                Progress::Done {
                    at: inv.create_time,
                    failed: false,
                }
            },
        });
    }
    model
        .details
        .insert((target.clone(), inv.id.clone()), Slot::Ready(inv));
    let mut effects = schedule(model);
    effects.extend(super::counts::recount(model, target));
    effects
}

/// `w`: watch the selected invalidation, or stop watching it.
pub fn toggle_watch(model: &mut Model) -> Vec<Effect> {
    let Some((target, list)) = model.selected_list() else {
        return super::form::flash(model, "select an invalidation to watch", true);
    };
    let Some(summary) = list.selected().cloned() else {
        return super::form::flash(model, "select an invalidation to watch", true);
    };
    let subject = Subject::Invalidation {
        target: target.clone(),
        id: summary.id.clone(),
    };
    if let Some(at) = model.watched.iter().position(|w| w.subject == subject) {
        model.watched.remove(at);
        return super::form::flash(model, &format!("stopped watching {}", summary.id), false);
    }
    if !summary.status.is_in_progress() {
        let text = format!(
            "{} is already {}: nothing to wait for",
            summary.id,
            summary.status.as_str()
        );
        return super::form::flash(model, &text, false);
    }
    model.watched.push(Watched {
        lane: model.active,
        subject,
        since: summary.create_time,
        status: summary.status.as_str().to_string(),
        progress: Progress::Running,
    });
    let mut effects = super::form::flash(model, &format!("watching {}", summary.id), false);
    effects.extend(schedule(model));
    effects
}

/// Whether an invalidation still needs polling: watched and running, or in progress on the
/// selected target's list.
fn wanted(model: &Model, target: &CloudFrontTarget, id: &str) -> bool {
    let watched = model.watched.iter().any(|w| {
        w.progress == Progress::Running
            && matches!(&w.subject, Subject::Invalidation { target: t, id: i } if t == target && i == id)
    });
    watched
        || model.selected_list().is_some_and(|(t, list)| {
            &t == target
                && list
                    .items()
                    .iter()
                    .any(|s| s.id == id && s.status.is_in_progress())
        })
}

/// Start polling what needs it and is not polled yet, as far as there is room.
pub fn schedule(model: &mut Model) -> Vec<Effect> {
    let mut candidates: Vec<(CloudFrontTarget, String)> = model
        .watched
        .iter()
        .filter(|w| w.progress == Progress::Running)
        .filter_map(|w| match &w.subject {
            Subject::Invalidation { target, id } => Some((target.clone(), id.clone())),
            Subject::Reset { .. } | Subject::ResetStarting { .. } => None,
        })
        .collect();
    if let Some((target, list)) = model.selected_list() {
        candidates.extend(
            list.items()
                .iter()
                .filter(|s| s.status.is_in_progress())
                .map(|s| (target.clone(), s.id.clone())),
        );
    }
    let mut effects = Vec::new();
    for (target, id) in candidates {
        if model.polls.len() >= MAX_POLLED {
            break;
        }
        let subject = Subject::Invalidation { target, id };
        if model.polls.contains_key(&subject) {
            continue;
        }
        effects.extend(poll_next(model, subject, None, false));
    }
    effects
}

/// The answer to a poll.
pub fn polled(
    model: &mut Model,
    request: u64,
    target: CloudFrontTarget,
    id: String,
    at: DateTime<Utc>,
    result: Result<Invalidation, BackendError>,
) -> Vec<Effect> {
    let subject = Subject::Invalidation {
        target: target.clone(),
        id: id.clone(),
    };
    let Some(poll) = take_poll(model, &subject, request) else {
        return vec![];
    };
    // A poll that finds nothing new draws nothing: an idle screen stays still.
    let mut effects = Vec::new();
    match result {
        Ok(inv) => {
            let running = inv.status.is_in_progress();
            let key = (target.clone(), id.clone());
            let mut changed =
                !matches!(model.details.get(&key), Some(Slot::Ready(old)) if *old == inv);
            if let Some(list) = model.lists.get_mut(&target)
                && list.update_row(inv.summary())
            {
                changed = true;
            }
            let create_time = inv.create_time;
            let status = inv.status.as_str().to_string();
            model.details.insert(key, Slot::Ready(inv));
            if changed || !running {
                effects.push(Effect::Render);
            }
            if running {
                if wanted(model, &target, &id) {
                    effects.extend(poll_next(model, subject, Some(poll), false));
                }
            } else {
                model.completed_at.insert((target.clone(), id.clone()), at);
                effects.extend(finished(model, &subject, &status, at, false, create_time));
                effects.extend(super::counts::recount(model, &target));
            }
        }
        Err(e) => {
            let wanted = wanted(model, &target, &id);
            effects.extend(poll_failed(model, subject, poll, &e, wanted));
        }
    }
    effects.extend(schedule(model));
    effects
}

/// The poll of `subject`, taken off the schedule, if `request` is the one it waits on (an
/// answer to an older poll is dropped).
fn take_poll(model: &mut Model, subject: &Subject, request: u64) -> Option<Poll> {
    let poll = model.polls.get(subject).copied()?;
    if poll.request != request {
        return None;
    }
    model.polls.remove(subject);
    Some(poll)
}

/// The next poll of what is followed (an invalidation, or a reset's operation): the first,
/// or a little later than the last (later still after throttling).
fn poll_next(
    model: &mut Model,
    subject: Subject,
    previous: Option<Poll>,
    throttled: bool,
) -> Vec<Effect> {
    let interval = next_interval(&model.settings, previous.map(|p| p.interval), throttled);
    let count = previous.map_or(0, |p| p.count + 1);
    let request = model.request();
    let effect = match &subject {
        Subject::Invalidation { target, id } => Effect::Poll {
            request,
            target: target.clone(),
            id: id.clone(),
            after: jittered(interval, id, count),
        },
        Subject::Reset { name, operation } => Effect::PollOperation {
            request,
            name: name.clone(),
            operation: operation.clone(),
            after: jittered(interval, operation, count),
        },
        // Nothing to poll before the reset's answer names its operation.
        Subject::ResetStarting { .. } => return vec![],
    };
    model.polls.insert(
        subject,
        Poll {
            request,
            count,
            interval,
        },
    );
    vec![effect]
}

/// A poll failed: a passing error polls again while it is still `wanted`; any other ends the
/// following, and the strip says why.
fn poll_failed(
    model: &mut Model,
    subject: Subject,
    poll: Poll,
    e: &BackendError,
    wanted: bool,
) -> Vec<Effect> {
    if e.is_retryable() {
        if !wanted {
            return vec![];
        }
        return poll_next(model, subject, Some(poll), *e == BackendError::Throttled);
    }
    match model.watched.iter_mut().find(|w| w.subject == subject) {
        Some(w) => {
            w.progress = Progress::Lost(e.to_string());
            vec![Effect::Render]
        }
        None => vec![],
    }
}

/// A watched batch is done: the strip says so, and the bell rings.
fn finished(
    model: &mut Model,
    subject: &Subject,
    status: &str,
    at: DateTime<Utc>,
    failed: bool,
    since: DateTime<Utc>,
) -> Vec<Effect> {
    let Some(w) = model.watched.iter_mut().find(|w| &w.subject == subject) else {
        return vec![];
    };
    w.status = status.to_string();
    w.progress = Progress::Done { at, failed };
    let (target, id) = subject.describe();
    let took = duration(at - since);
    let body = format!("{id} on {target}: {status} after {took}");
    model.flash = Some(if failed {
        Flash::warning(body.clone())
    } else {
        Flash::said(body.clone())
    });
    let mut effects = vec![Effect::Notify {
        title: if failed {
            "edgepurge: failed".into()
        } else {
            "edgepurge: done".into()
        },
        body,
    }];
    if let Some(command) = model.settings.command.clone() {
        let (kind, target, id) = match subject {
            Subject::Invalidation { target, id } => {
                ("invalidation", target.to_string(), id.clone())
            }
            Subject::Reset { name, operation } => (
                "cache-reset",
                format!("lightsail:{name}"),
                operation.clone(),
            ),
            Subject::ResetStarting { name } => {
                ("cache-reset", format!("lightsail:{name}"), String::new())
            }
        };
        let seconds = (at - since).num_seconds().max(0);
        let env = [
            ("EDGEPURGE_KIND", kind.to_string()),
            ("EDGEPURGE_TARGET", target),
            ("EDGEPURGE_ID", id),
            ("EDGEPURGE_STATUS", status.to_string()),
            (
                "EDGEPURGE_FAILED",
                if failed { "1" } else { "0" }.to_string(),
            ),
            ("EDGEPURGE_SECONDS", seconds.to_string()),
            ("EDGEPURGE_DURATION", took),
            (
                "EDGEPURGE_STARTED_AT",
                since.to_rfc3339_opts(SecondsFormat::Secs, true),
            ),
            (
                "EDGEPURGE_ENDED_AT",
                at.to_rfc3339_opts(SecondsFormat::Secs, true),
            ),
        ];
        effects.push(Effect::RunHook {
            command,
            env: env.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
        });
    }
    effects
}

/// Yes to "reset the cache?".
pub fn reset_cache(model: &mut Model, name: String) -> Vec<Effect> {
    if model.read_only {
        return super::form::refuse_read_only(model, "a cache reset");
    }
    let request = model.request();
    model.polls.insert(
        Subject::ResetStarting { name: name.clone() },
        Poll {
            request,
            count: 0,
            interval: model.settings.poll_first,
        },
    );
    let mut effects = super::form::flash(model, &format!("resetting the cache of {name}…"), false);
    effects.push(Effect::ResetCache { request, name });
    effects
}

/// The reset was accepted (its operation is followed) or refused.
pub fn reset_started(
    model: &mut Model,
    request: u64,
    name: String,
    result: Result<Operation, BackendError>,
) -> Vec<Effect> {
    let pending = Subject::ResetStarting { name: name.clone() };
    if model.polls.get(&pending).map(|p| p.request) != Some(request) {
        return vec![];
    }
    model.polls.remove(&pending);
    let op = match result {
        Ok(op) => op,
        Err(e) => {
            return super::form::flash(
                model,
                &format!("cache reset of {name} not started: {e}"),
                true,
            );
        }
    };
    let subject = Subject::Reset {
        name: name.clone(),
        operation: op.id.clone(),
    };
    model.watched.push(Watched {
        lane: model.active,
        subject: subject.clone(),
        since: op.created_at,
        status: op.status.as_str().to_string(),
        progress: Progress::Running,
    });
    let mut effects = super::form::flash(model, &format!("cache reset of {name} started"), false);
    effects.extend(poll_next(model, subject, None, false));
    effects
}

/// The answer to a poll of a reset's operation.
pub fn operation_polled(
    model: &mut Model,
    request: u64,
    name: String,
    operation: String,
    at: DateTime<Utc>,
    result: Result<Operation, BackendError>,
) -> Vec<Effect> {
    let subject = Subject::Reset {
        name: name.clone(),
        operation: operation.clone(),
    };
    let Some(poll) = take_poll(model, &subject, request) else {
        return vec![];
    };
    let mut effects = vec![Effect::Render];
    match result {
        Ok(op) if op.is_terminal => {
            let failed = op.failed();
            effects.extend(finished(
                model,
                &subject,
                op.status.as_str(),
                at,
                failed,
                op.created_at,
            ));
            // The latest reset shown for the distribution is now this one.
            model.resets.remove(&name);
            if model.selected_target() == Some(Target::Lightsail { name: name.clone() }) {
                effects.extend(super::load_selected(model));
            }
        }
        Ok(op) => {
            if let Some(w) = model.watched.iter_mut().find(|w| w.subject == subject) {
                w.status = op.status.as_str().to_string();
            }
            effects.extend(poll_next(model, subject, Some(poll), false));
        }
        // A reset is followed until it ends, whatever is selected.
        Err(e) => effects.extend(poll_failed(model, subject, poll, &e, true)),
    }
    effects
}
