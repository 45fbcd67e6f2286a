//! "Running now": every invalidation and Lightsail cache reset known to be in progress, on
//! any target, with how long it has run. Built from what the dashboard already knows (the
//! loaded lists, the watch strip, the latest resets and the in-progress counts); a
//! distribution counted busy whose batches are not listed yet is shown with its count, and
//! opening the view loads its list.

use chrono::{DateTime, Utc};

use super::model::{Model, Slot};
use super::watch::{Progress, Subject};
use crate::domain::lightsail::OperationStatus;
use crate::domain::target::{CloudFrontTarget, Target};

/// The view's state: which row is chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunningNow {
    pub cursor: usize,
}

/// What runs on a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Work {
    Invalidation {
        id: String,
    },
    CacheReset,
    /// A distribution's count says this many batches are in progress; their rows are not
    /// loaded yet.
    Unlisted {
        count: u32,
    },
}

/// One row of the view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Running {
    /// The account it runs in (0 when one is shown).
    pub lane: usize,
    pub target: Target,
    pub work: Work,
    /// When it started, when known.
    pub since: Option<DateTime<Utc>>,
}

/// Everything in progress, on every account shown, longest-running first; the unlisted
/// counts last.
pub fn running_now(model: &Model) -> Vec<Running> {
    let mut rows: Vec<Running> = Vec::new();
    // One row per invalidation, and per Lightsail distribution's reset (the watch strip and
    // the latest reset may both know it, with different times).
    let mut push = |row: Running| {
        let known = rows
            .iter()
            .any(|r| r.lane == row.lane && r.target == row.target && r.work == row.work);
        if !known {
            rows.push(row);
        }
    };
    for lane in 0..model.lane_count() {
        let account = model.account(lane);
        for (target, list) in account.lists {
            // A distribution counted idle since its rows were listed: they are out of date
            // (a refresh of the list is on its way).
            let idle = matches!(
                target,
                CloudFrontTarget::Distribution { id }
                    if account.in_progress.get(id) == Some(&Slot::Ready(0))
            );
            if idle {
                continue;
            }
            for summary in list.items().iter().filter(|s| s.status.is_in_progress()) {
                push(invalidation(lane, target, &summary.id, summary.create_time));
            }
        }
    }
    for watched in model
        .watched
        .iter()
        .filter(|w| w.progress == Progress::Running)
    {
        match &watched.subject {
            Subject::Invalidation { target, id } => {
                let lane = model.owner(&Target::CloudFront(target.clone()), model.active);
                push(invalidation(lane, target, id, watched.since))
            }
            Subject::Reset { name, .. } | Subject::ResetStarting { name } => {
                let target = Target::Lightsail { name: name.clone() };
                push(reset(
                    model.owner(&target, model.active),
                    name,
                    watched.since,
                ))
            }
        }
    }
    for lane in 0..model.lane_count() {
        let account = model.account(lane);
        for (name, slot) in account.resets {
            if let Slot::Ready(Some(latest)) = slot
                && OperationStatus::parse(&latest.status) == OperationStatus::Started
            {
                push(reset(lane, name, latest.create_time));
            }
        }
    }
    for lane in 0..model.lane_count() {
        for (id, slot) in model.account(lane).in_progress {
            let Slot::Ready(count) = slot else { continue };
            let target = Target::CloudFront(CloudFrontTarget::Distribution { id: id.clone() });
            let listed = rows
                .iter()
                .filter(|r| r.lane == lane && r.target == target)
                .count();
            if *count > 0 && listed == 0 {
                rows.push(Running {
                    lane,
                    target,
                    work: Work::Unlisted { count: *count },
                    since: None,
                });
            }
        }
    }
    // Started longest ago first (never-known times last), then by target and id: the same
    // rows always in the same order.
    rows.sort_by_cached_key(|r| {
        let id = match &r.work {
            Work::Invalidation { id } => id.clone(),
            _ => String::new(),
        };
        (r.since.is_none(), r.since, r.lane, r.target.to_string(), id)
    });
    rows
}

fn invalidation(lane: usize, target: &CloudFrontTarget, id: &str, since: DateTime<Utc>) -> Running {
    Running {
        lane,
        target: Target::CloudFront(target.clone()),
        work: Work::Invalidation { id: id.to_string() },
        since: Some(since),
    }
}

fn reset(lane: usize, name: &str, since: DateTime<Utc>) -> Running {
    Running {
        lane,
        target: Target::Lightsail {
            name: name.to_string(),
        },
        work: Work::CacheReset,
        since: Some(since),
    }
}

#[cfg(test)]
mod tests;
