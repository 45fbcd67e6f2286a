//! Loading what the panes show: targets, a target's list a page at a time (refreshes put new
//! rows on top), and the selected invalidation in full.

use super::*;

pub(super) fn load_targets(model: &mut Model) -> Vec<Effect> {
    let distributions = model.request();
    let lightsail = model.request();
    model.distributions = Slot::Loading(distributions);
    model.lightsail = Slot::Loading(lightsail);
    model.tenants.clear();
    model.in_progress.clear();
    model.in_progress_rechecks.clear();
    model.refresh_targets();
    vec![
        Effect::Render,
        Effect::LoadDistributions {
            request: distributions,
        },
        Effect::LoadLightsail { request: lightsail },
    ]
}

/// The target rows changed: keep the target the user chose (or else the first) selected, and
/// load what it shows.
pub(super) fn targets_changed(model: &mut Model, before: Option<Target>) -> Vec<Effect> {
    // Its account too: two accounts may each have a Lightsail distribution of one name.
    let lane_before = model.targets().get(model.target_cursor).map(|e| e.lane);
    model.refresh_targets();
    let targets = model.targets();
    let count = targets.len();
    let chosen = before.filter(|_| model.target_chosen);
    let found = chosen.and_then(|b| {
        let at = |same_lane: bool| {
            targets
                .iter()
                .position(|e| e.target == b && (!same_lane || Some(e.lane) == lane_before))
        };
        at(true).or_else(|| at(false))
    });
    if let Some(at) = found {
        model.select_row(at);
    } else if !model.target_chosen {
        model.select_row(0);
    } else {
        model.select_row(model.target_cursor.min(count.saturating_sub(1)));
    }
    let mut effects = vec![Effect::Render];
    effects.extend(load_selected(model));
    effects
}

/// What the selected target needs on screen: its list (and the selected invalidation), or its
/// latest cache reset.
pub(super) fn load_selected(model: &mut Model) -> Vec<Effect> {
    match model.selected_target() {
        Some(Target::CloudFront(target)) => {
            if model.is_multi_tenant(&target) {
                return vec![];
            }
            if model.lists.contains_key(&target) {
                return load_details(model);
            }
            let request = model.request();
            model.lists.insert(
                target.clone(),
                InvalidationList::loading(request, model.list_filter.value()),
            );
            vec![Effect::LoadInvalidations {
                request,
                target,
                page: PageRequest::first(PAGE_SIZE),
            }]
        }
        Some(Target::Lightsail { name }) => {
            if model.resets.contains_key(&name) {
                return vec![];
            }
            let request = model.request();
            model.resets.insert(name.clone(), Slot::Loading(request));
            vec![Effect::LoadLatestReset { request, name }]
        }
        None => vec![],
    }
}

/// The selected invalidation in full, unless already here or on its way.
pub(super) fn load_details(model: &mut Model) -> Vec<Effect> {
    let Some((target, list)) = model.selected_list() else {
        return vec![];
    };
    let Some(id) = list.selected().map(|s| s.id.clone()) else {
        return vec![];
    };
    let key = (target.clone(), id.clone());
    match model.details.get(&key) {
        Some(Slot::Ready(_)) => return super::creators::lookup_shown(model),
        Some(Slot::Loading(_)) => return vec![],
        _ => {}
    }
    let request = model.request();
    model.details.insert(key, Slot::Loading(request));
    vec![Effect::LoadInvalidation {
        request,
        target,
        id,
    }]
}

/// The selected row's details after `DETAILS_PAUSE`, unless they are here or on their way.
pub(super) fn details_after_pause(model: &mut Model) -> Vec<Effect> {
    let Some((target, list)) = model.selected_list() else {
        return vec![];
    };
    let Some(id) = list.selected().map(|s| s.id.clone()) else {
        return vec![];
    };
    match model.details.get(&(target, id)) {
        Some(Slot::Ready(_)) => {
            model.details_due = None;
            return super::creators::lookup_shown(model);
        }
        Some(Slot::Loading(_)) => {
            model.details_due = None;
            return vec![];
        }
        _ => {}
    }
    let request = model.request();
    model.details_due = Some(request);
    vec![Effect::Wake {
        request,
        after: DETAILS_PAUSE,
    }]
}

/// The next page of the selected list, when the cursor is near the end of what is loaded.
pub(super) fn load_more_if_near_end(model: &mut Model) -> Vec<Effect> {
    let Some((target, list)) = model.selected_list() else {
        return vec![];
    };
    let near_end = match list.order() {
        None => list.cursor + PREFETCH >= list.items().len(),
        // Enough rows below the cursor, in the order shown?
        Some(shown) => shown.len().saturating_sub(list.place_in(shown)) <= PREFETCH,
    };
    let Some(marker) = list
        .next_marker
        .clone()
        .filter(|_| near_end && list.loading.is_none())
    else {
        return vec![];
    };
    let request = model.request();
    if let Some(list) = model.lists.get_mut(&target) {
        list.loading = Some(request);
    }
    vec![Effect::LoadInvalidations {
        request,
        target,
        page: PageRequest::after(marker, PAGE_SIZE),
    }]
}

pub(super) fn refresh(model: &mut Model) -> Vec<Effect> {
    if model.focus == Pane::Targets {
        return load_targets(model);
    }
    let Some((target, list)) = model.selected_list() else {
        return match model.selected_target() {
            Some(Target::Lightsail { name }) => {
                model.resets.remove(&name);
                let mut effects = vec![Effect::Render];
                effects.extend(load_selected(model));
                effects
            }
            _ => vec![],
        };
    };
    // The selected invalidation may have moved on since it was fetched.
    if let Some(id) = list.selected().map(|s| s.id.clone()) {
        let key = (target, id);
        model.details.remove(&key);
        // A lookup that failed (not one refused) is tried again.
        if matches!(model.creators.get(&key), Some(Slot::Failed(_))) {
            model.creators.remove(&key);
        }
    }
    let mut effects = refresh_list(model);
    effects.extend(load_details(model));
    effects
}

/// The first page of the selected list again; what is new goes on top (see `take_page`).
pub(super) fn refresh_list(model: &mut Model) -> Vec<Effect> {
    let Some((target, _)) = model.selected_list() else {
        return vec![];
    };
    refresh_list_of(model, target)
}

/// The first page of a target's list again, whether shown or not.
pub(super) fn refresh_list_of(
    model: &mut Model,
    target: crate::domain::target::CloudFrontTarget,
) -> Vec<Effect> {
    let request = model.request();
    if let Some(list) = model.lists.get_mut(&target) {
        list.loading = Some(request);
    }
    vec![
        Effect::Render,
        Effect::LoadInvalidations {
            request,
            target,
            page: PageRequest::first(PAGE_SIZE),
        },
    ]
}
