//! How many batches each distribution has in progress (the targets pane's `●N`): asked at
//! start, again when a batch starts or ends, and on the polling schedule while any are in
//! progress, so that the count stays true for targets nobody looks at.

use super::super::model::{Model, Slot};
use super::super::msg::Effect;
use super::super::watch::{Poll, jittered, next_interval};
use crate::backend::BackendError;
use crate::domain::target::CloudFrontTarget;

/// Ask again how many batches a distribution has in progress: one started or ended.
pub(super) fn recount(model: &mut Model, target: &CloudFrontTarget) -> Vec<Effect> {
    let CloudFrontTarget::Distribution { id } = target else {
        return vec![];
    };
    if !model.in_progress.contains_key(id) {
        return vec![];
    }
    let request = model.request();
    model.in_progress.insert(id.clone(), Slot::Loading(request));
    vec![Effect::LoadInProgressCount {
        request,
        distribution_id: id.clone(),
    }]
}

/// How many batches a distribution has in progress, first asked or asked again. While it
/// has any, it is asked again on the polling schedule (3 s, then less and less often up to
/// 30 s), so its marker clears when they complete even if none of them is polled.
pub fn counted(
    model: &mut Model,
    request: u64,
    distribution_id: String,
    result: Result<u32, BackendError>,
) -> Vec<Effect> {
    let recheck = model
        .in_progress_rechecks
        .get(&distribution_id)
        .filter(|r| r.request == request)
        .copied();
    let throttled = matches!(result, Err(BackendError::Throttled));
    let mut effects = Vec::new();
    let slot = model.in_progress.get_mut(&distribution_id);
    match (recheck, slot) {
        (Some(_), Some(slot)) => {
            model.in_progress_rechecks.remove(&distribution_id);
            // A count asked for since (a batch started or ended) is the fresher answer;
            // a failed recheck keeps the last count and tries again later.
            let changed = match (&*slot, result) {
                (Slot::Ready(old), Ok(count)) if *old != count => {
                    *slot = Slot::Ready(count);
                    true
                }
                _ => false,
            };
            if changed {
                effects.push(Effect::Render);
                // Its loaded rows (shown or not, and in "running now") catch up too.
                let target = CloudFrontTarget::Distribution {
                    id: distribution_id.clone(),
                };
                if model
                    .lists
                    .get(&target)
                    .is_some_and(|l| l.loading.is_none())
                {
                    effects.extend(super::loading::refresh_list_of(model, target));
                }
            }
        }
        (Some(_), None) => {
            model.in_progress_rechecks.remove(&distribution_id);
            return vec![];
        }
        (None, slot) => {
            if !super::settle(slot, request, result) {
                return vec![];
            }
            effects.push(Effect::Render);
        }
    }
    let busy = matches!(model.in_progress.get(&distribution_id), Some(Slot::Ready(n)) if *n > 0);
    if busy && !model.in_progress_rechecks.contains_key(&distribution_id) {
        let previous = recheck.map(|r| r.interval);
        let interval = next_interval(&model.settings, previous, throttled);
        let count = recheck.map_or(0, |r| r.count + 1);
        let request = model.request();
        effects.push(Effect::RecheckInProgress {
            request,
            distribution_id: distribution_id.clone(),
            after: jittered(interval, &distribution_id, count),
        });
        model.in_progress_rechecks.insert(
            distribution_id,
            Poll {
                request,
                count,
                interval,
            },
        );
    }
    effects
}
