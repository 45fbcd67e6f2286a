//! `v`: ask the edges whether the selected completed invalidation took effect. The asking is
//! the runtime's; here only what to ask and where the answer goes.

use super::form::flash;
use crate::app::model::{Model, Slot};
use crate::app::msg::Effect;
use crate::domain::invalidation::Status;

pub fn check(model: &mut Model) -> Vec<Effect> {
    let Some((target, list)) = model.selected_list() else {
        return flash(
            model,
            "select a completed invalidation to check at the edge",
            true,
        );
    };
    let Some(id) = list.selected().map(|s| s.id.clone()) else {
        return flash(
            model,
            "select a completed invalidation to check at the edge",
            true,
        );
    };
    let key = (target.clone(), id);
    let invalidation = match model.details.get(&key) {
        Some(Slot::Ready(inv)) => inv.clone(),
        _ => {
            return flash(
                model,
                "its paths are still loading; try again in a moment",
                true,
            );
        }
    };
    if invalidation.status != Status::Completed {
        return flash(
            model,
            "not completed yet: the edges may still serve the old copy; check once it completes",
            true,
        );
    }
    if model.edge_checks.get(&key).is_some_and(Slot::is_loading) {
        return vec![];
    }
    let request = model.request();
    model.edge_checks.insert(key, Slot::Loading(request));
    vec![
        Effect::CheckEdge {
            request,
            target,
            invalidation,
        },
        Effect::Render,
    ]
}
