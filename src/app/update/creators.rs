//! Who created the invalidation shown in details: looked up lazily, for the row shown only,
//! one lookup at a time (CloudTrail's LookupEvents allows 2 requests a second), and kept.

use super::*;
use crate::backend::BackendError;
use crate::domain::creator::{LOOKUP_ACTION, Who};
use crate::domain::target::CloudFrontTarget;

/// Ask who created the invalidation shown in details, unless it is known, on its way, or
/// another lookup is in flight (its answer asks again for whatever is shown then).
pub(super) fn lookup_shown(model: &mut Model) -> Vec<Effect> {
    if model.creator_lookup.is_some() {
        return vec![];
    }
    let Some((target, list)) = model.selected_list() else {
        return vec![];
    };
    let Some(id) = list.selected().map(|s| s.id.clone()) else {
        return vec![];
    };
    let key = (target.clone(), id.clone());
    let Some(Slot::Ready(inv)) = model.details.get(&key) else {
        return vec![];
    };
    if model.creators.contains_key(&key) {
        return vec![];
    }
    let create_time = inv.create_time;
    let request = model.request();
    model.creator_lookup = Some(request);
    model.creators.insert(key, Slot::Loading(request));
    vec![
        Effect::Render,
        Effect::LookupCreator {
            request,
            target,
            id,
            create_time,
            // Refused once: only the journal is read from then on.
            cloudtrail: model.cloudtrail_not_allowed.is_none(),
        },
    ]
}

/// A lookup's answer: kept, then the row shown now is looked up if it is not known.
pub(super) fn found(
    model: &mut Model,
    request: RequestId,
    target: CloudFrontTarget,
    id: String,
    result: Result<Option<Who>, BackendError>,
) -> Vec<Effect> {
    if model.creator_lookup == Some(request) {
        model.creator_lookup = None;
    }
    let slot = match result {
        Ok(Some(who)) => Slot::Ready(who),
        // CloudTrail was not asked: it refused this role before.
        Ok(None) => Slot::NotAllowed(
            model
                .cloudtrail_not_allowed
                .clone()
                .unwrap_or_else(|| LOOKUP_ACTION.to_string()),
        ),
        Err(e) => match e.not_allowed() {
            Some(action) => {
                model.cloudtrail_not_allowed = Some(action.to_string());
                Slot::NotAllowed(action.to_string())
            }
            None => Slot::Failed(e.to_string()),
        },
    };
    let mut effects = Vec::new();
    if let Some(waiting) = model.creators.get_mut(&(target, id))
        && waiting.awaits(request)
    {
        *waiting = slot;
        effects.push(Effect::Render);
    }
    effects.extend(lookup_shown(model));
    effects
}
