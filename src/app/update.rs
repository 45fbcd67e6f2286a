//! The pure heart of the dashboard: a message in, the model changed, effects out. No I/O, no
//! clock reads: time arrives as `Msg::Clock`.

use super::keymap::Action;
use super::model::{InvalidationList, Model, Pane, RequestId, Slot};
use super::msg::{Effect, Msg};
use crate::domain::invalidation::PageRequest;
use crate::domain::target::Target;

/// Invalidations asked for a page (the API's default).
pub const PAGE_SIZE: u32 = 100;
/// The next page is fetched when the cursor comes this close to the end of what is loaded.
const PREFETCH: usize = 20;
/// Rows a page-up or page-down moves.
const PAGE_STEP: usize = 10;

pub fn update(model: &mut Model, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Start => load_targets(model),
        Msg::Action(action) => act(model, action),
        Msg::Resize => vec![Effect::Render],
        Msg::Clock(now) => {
            model.now = now;
            vec![Effect::Render]
        }
        Msg::SpinnerTick => {
            if !model.is_loading() {
                return vec![];
            }
            model.spinner = model.spinner.wrapping_add(1);
            vec![Effect::Render]
        }
        Msg::DistributionsLoaded { request, result } => {
            if !model.distributions.awaits(request) {
                return vec![];
            }
            let before = model.selected_target();
            let mut effects = Vec::new();
            model.distributions = match result {
                Ok(distributions) => {
                    for d in distributions.iter().filter(|d| d.multi_tenant) {
                        let request = model.request();
                        model.tenants.insert(d.id.clone(), Slot::Loading(request));
                        effects.push(Effect::LoadTenants {
                            request,
                            distribution_id: d.id.clone(),
                        });
                    }
                    Slot::Ready(distributions)
                }
                Err(e) => Slot::Failed(e.to_string()),
            };
            effects.extend(targets_changed(model, before));
            effects
        }
        Msg::TenantsLoaded {
            request,
            distribution_id,
            result,
        } => {
            let before = model.selected_target();
            if !settle(model.tenants.get_mut(&distribution_id), request, result) {
                return vec![];
            }
            targets_changed(model, before)
        }
        Msg::LightsailLoaded { request, result } => {
            let before = model.selected_target();
            if !settle(Some(&mut model.lightsail), request, result) {
                return vec![];
            }
            targets_changed(model, before)
        }
        Msg::InvalidationsLoaded {
            request,
            target,
            result,
        } => {
            let Some(list) = model.lists.get_mut(&target) else {
                return vec![];
            };
            if list.loading != Some(request) {
                return vec![];
            }
            list.loading = None;
            match result {
                Ok(page) => {
                    // A first page (a refresh) replaces the list; a later one extends it.
                    if page.marker.is_none() {
                        list.items.clear();
                    }
                    list.items.extend(page.items);
                    list.next_marker = page.next_marker;
                    list.started = true;
                    list.error = None;
                    list.cursor = list.cursor.min(list.items.len().saturating_sub(1));
                }
                Err(e) => list.error = Some(e.to_string()),
            }
            let mut effects = vec![Effect::Render];
            effects.extend(load_details(model));
            effects
        }
        Msg::InvalidationLoaded {
            request,
            target,
            id,
            result,
        } => {
            if !settle(model.details.get_mut(&(target, id)), request, result) {
                return vec![];
            }
            vec![Effect::Render]
        }
        Msg::LatestResetLoaded {
            request,
            name,
            result,
        } => {
            if !settle(model.resets.get_mut(&name), request, result) {
                return vec![];
            }
            vec![Effect::Render]
        }
    }
}

/// Put a backend answer into the slot that awaits `request`. False when none does: the answer
/// is to an older request (or one no longer wanted) and is dropped.
fn settle<T, E: std::fmt::Display>(
    slot: Option<&mut Slot<T>>,
    request: RequestId,
    result: Result<T, E>,
) -> bool {
    match slot {
        Some(slot) if slot.awaits(request) => {
            *slot = Slot::from_result(result);
            true
        }
        _ => false,
    }
}

fn load_targets(model: &mut Model) -> Vec<Effect> {
    let distributions = model.request();
    let lightsail = model.request();
    model.distributions = Slot::Loading(distributions);
    model.lightsail = Slot::Loading(lightsail);
    model.tenants.clear();
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
fn targets_changed(model: &mut Model, before: Option<Target>) -> Vec<Effect> {
    let targets = model.targets();
    let chosen = before.filter(|_| model.target_chosen);
    if let Some(at) = chosen.and_then(|b| targets.iter().position(|e| e.target == b)) {
        model.target_cursor = at;
    } else if !model.target_chosen {
        model.target_cursor = 0;
    } else {
        model.target_cursor = model.target_cursor.min(targets.len().saturating_sub(1));
    }
    let mut effects = vec![Effect::Render];
    effects.extend(load_selected(model));
    effects
}

/// What the selected target needs on screen: its list (and the selected invalidation), or its
/// latest cache reset.
fn load_selected(model: &mut Model) -> Vec<Effect> {
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
                InvalidationList {
                    loading: Some(request),
                    ..InvalidationList::default()
                },
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
fn load_details(model: &mut Model) -> Vec<Effect> {
    let Some((target, list)) = model.selected_list() else {
        return vec![];
    };
    let Some(id) = list.selected().map(|s| s.id.clone()) else {
        return vec![];
    };
    let key = (target.clone(), id.clone());
    if matches!(
        model.details.get(&key),
        Some(Slot::Ready(_) | Slot::Loading(_))
    ) {
        return vec![];
    }
    let request = model.request();
    model.details.insert(key, Slot::Loading(request));
    vec![Effect::LoadInvalidation {
        request,
        target,
        id,
    }]
}

/// The next page of the selected list, when the cursor is near the end of what is loaded.
fn load_more_if_near_end(model: &mut Model) -> Vec<Effect> {
    let Some((target, list)) = model.selected_list() else {
        return vec![];
    };
    let near_end = list.cursor + PREFETCH >= list.items.len();
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

fn act(model: &mut Model, action: Action) -> Vec<Effect> {
    if action == Action::Quit {
        model.quit = true;
        return vec![Effect::Quit];
    }
    if model.help {
        // Help is modal: only closing it does anything.
        if matches!(action, Action::Help | Action::Back) {
            model.help = false;
            return vec![Effect::Render];
        }
        return vec![];
    }
    match action {
        Action::Help => {
            model.help = true;
            vec![Effect::Render]
        }
        Action::NextPane | Action::PrevPane => {
            let at = Pane::ALL
                .iter()
                .position(|p| *p == model.focus)
                .unwrap_or(0);
            let step = if action == Action::NextPane {
                1
            } else {
                Pane::ALL.len() - 1
            };
            model.focus = Pane::ALL[(at + step) % Pane::ALL.len()];
            vec![Effect::Render]
        }
        Action::Open => {
            let next = match (model.focus, model.selected_target()) {
                (Pane::Targets, Some(Target::Lightsail { .. })) => Pane::Details,
                (Pane::Targets, Some(_)) => Pane::Invalidations,
                (Pane::Invalidations, _) => Pane::Details,
                (focus, _) => focus,
            };
            focus(model, next)
        }
        Action::Back => {
            let previous = match (model.focus, model.selected_target()) {
                (Pane::Details, Some(Target::CloudFront(_))) => Pane::Invalidations,
                _ => Pane::Targets,
            };
            focus(model, previous)
        }
        Action::Refresh => refresh(model),
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom => move_cursor(model, action),
        // Handled first, above.
        Action::Quit => vec![Effect::Quit],
    }
}

fn focus(model: &mut Model, pane: Pane) -> Vec<Effect> {
    if model.focus == pane {
        return vec![];
    }
    model.focus = pane;
    vec![Effect::Render]
}

/// Where a cursor goes for a move, in a list of `len` rows.
fn moved(cursor: usize, len: usize, action: Action) -> usize {
    let last = len.saturating_sub(1);
    match action {
        Action::Up => cursor.saturating_sub(1),
        Action::Down => (cursor + 1).min(last),
        Action::PageUp => cursor.saturating_sub(PAGE_STEP),
        Action::PageDown => (cursor + PAGE_STEP).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => cursor,
    }
}

fn move_cursor(model: &mut Model, action: Action) -> Vec<Effect> {
    match model.focus {
        Pane::Targets => {
            let to = moved(model.target_cursor, model.targets().len(), action);
            if to == model.target_cursor {
                return vec![];
            }
            model.target_cursor = to;
            model.target_chosen = true;
            model.details_scroll = 0;
            let mut effects = vec![Effect::Render];
            effects.extend(load_selected(model));
            effects
        }
        Pane::Invalidations => {
            let Some((target, list)) = model.selected_list() else {
                return vec![];
            };
            let to = moved(list.cursor, list.items.len(), action);
            let at_end = to == list.cursor;
            if let Some(list) = model.lists.get_mut(&target) {
                list.cursor = to;
            }
            model.details_scroll = 0;
            // At the end, a move down still asks for what comes next.
            let mut effects = if at_end { vec![] } else { vec![Effect::Render] };
            let more = load_more_if_near_end(model);
            if !more.is_empty() && at_end {
                effects.push(Effect::Render);
            }
            effects.extend(more);
            effects.extend(load_details(model));
            effects
        }
        Pane::Details => {
            let to = moved(model.details_scroll, usize::MAX, action);
            if to == model.details_scroll {
                return vec![];
            }
            model.details_scroll = to;
            vec![Effect::Render]
        }
    }
}

fn refresh(model: &mut Model) -> Vec<Effect> {
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
    let selected = list.selected().map(|s| s.id.clone());
    let request = model.request();
    if let Some(list) = model.lists.get_mut(&target) {
        list.loading = Some(request);
    }
    // The selected invalidation may have moved on since it was fetched.
    if let Some(id) = selected {
        model.details.remove(&(target.clone(), id));
    }
    let mut effects = vec![
        Effect::Render,
        Effect::LoadInvalidations {
            request,
            target: target.clone(),
            page: PageRequest::first(PAGE_SIZE),
        },
    ];
    effects.extend(load_details(model));
    effects
}

#[cfg(test)]
mod tests;
