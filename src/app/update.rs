//! The pure heart of the dashboard: a message in, the model changed, effects out. No I/O, no
//! clock reads: time arrives as `Msg::Clock`.

mod account;
mod filter;
mod form;
mod polling;
mod submit;

use super::keymap::{Action, Context};
use super::model::{InvalidationList, Model, Pane, Question, RequestId, Slot};
use super::msg::{Effect, Msg};
use crate::domain::invalidation::{InvalidationPage, PageRequest};
use crate::domain::target::Target;

/// Invalidations asked for a page (the API's default).
pub const PAGE_SIZE: u32 = 100;
/// The next page is fetched when the cursor comes this close to the end of what is loaded.
const PREFETCH: usize = 20;
/// After a move in the list, the selected row's details are fetched once the cursor has rested
/// this long: holding a key down fetches the row it stops on, not every row it passes.
pub const DETAILS_PAUSE: std::time::Duration = std::time::Duration::from_millis(150);
/// Distributions whose in-progress count is asked for at most (one GetDistribution each).
const MAX_COUNTED: usize = 50;
/// Rows a page-up or page-down moves.
const PAGE_STEP: usize = 10;

pub fn update(model: &mut Model, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Start => load_targets(model),
        Msg::Action(action) => act(model, action),
        Msg::Input(key) if model.filtering.is_some() => filter::input(model, key),
        Msg::Input(key) => form::input(model, key),
        Msg::Pointer { pane, action } => {
            if model.context() != Context::Browse || model.help || model.picker.is_some() {
                return vec![];
            }
            let mut effects = focus(model, pane);
            if let Some(action) = action {
                effects.extend(move_cursor(model, action));
            }
            effects
        }
        Msg::Paste(text) if model.filtering.is_some() => filter::paste(model, &text),
        Msg::Paste(text) => form::paste(model, &text),
        Msg::Terminate => {
            model.quit = true;
            let mut effects = keep_draft(model);
            effects.push(Effect::Quit);
            effects
        }
        Msg::RefreshTick => match model.selected_list() {
            Some((_, list)) if list.loading.is_none() && list.started => refresh_list(model),
            _ => vec![],
        },
        Msg::DetailsDue { request } => {
            if model.details_due != Some(request) {
                return vec![];
            }
            model.details_due = None;
            let effects = load_details(model);
            if effects.is_empty() {
                return effects;
            }
            let mut all = vec![Effect::Render];
            all.extend(effects);
            all
        }
        Msg::ProfilesLoaded(result) => account::profiles_loaded(model, result),
        Msg::Switched { source } => account::switched(model, source),
        Msg::DraftFound(draft) => {
            let summary = form::describe(&draft);
            model.draft = Some(form::form_of(&draft));
            if model.question.is_none() && model.compose.is_none() {
                model.question = Some(Question::Draft { summary });
            }
            vec![Effect::Render]
        }
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
                    // GetDistribution is one call each: enough for the pane's first screens.
                    for d in distributions
                        .iter()
                        .filter(|d| !d.multi_tenant)
                        .take(MAX_COUNTED)
                    {
                        let request = model.request();
                        model
                            .in_progress
                            .insert(d.id.clone(), Slot::Loading(request));
                        effects.push(Effect::LoadInProgressCount {
                            request,
                            distribution_id: d.id.clone(),
                        });
                    }
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
        Msg::InProgressCountLoaded {
            request,
            distribution_id,
            result,
        } => {
            if !settle(model.in_progress.get_mut(&distribution_id), request, result) {
                return vec![];
            }
            vec![Effect::Render]
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
                Ok(page) => take_page(list, page),
                Err(e) => list.error = Some(e.to_string()),
            }
            let mut effects = vec![Effect::Render];
            effects.extend(load_details(model));
            effects.extend(polling::schedule(model));
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
        Msg::LoadOfTargetLoaded {
            request,
            target,
            result,
        } => {
            let slot = model
                .compose
                .as_mut()
                .and_then(|f| f.loads.get_mut(&target));
            if !settle(slot, request, result) {
                return vec![];
            }
            vec![Effect::Render]
        }
        Msg::Created { request, result } => submit::created(model, request, result),
        Msg::Polled {
            request,
            target,
            id,
            at,
            result,
        } => polling::polled(model, request, target, id, at, result),
        Msg::ResetStarted {
            request,
            name,
            result,
        } => polling::reset_started(model, request, name, result),
        Msg::OperationPolled {
            request,
            name,
            operation,
            at,
            result,
        } => polling::operation_polled(model, request, name, operation, at, result),
    }
}

/// A page arrived. A later page extends the list. A first page (a refresh) puts what is new on
/// top and brings the statuses up to date, keeping the pages already loaded below and the
/// selected row; when nothing on it is known (more than a page is new) it starts over.
fn take_page(list: &mut InvalidationList, page: InvalidationPage) {
    let selected = list.selected().map(|s| s.id.clone());
    let overlaps = page.marker.is_none()
        && page
            .items
            .iter()
            .any(|p| list.items.iter().any(|s| s.id == p.id));
    if overlaps {
        let mut fresh = Vec::new();
        for item in page.items {
            match list.items.iter_mut().find(|s| s.id == item.id) {
                Some(known) => *known = item,
                None => fresh.push(item),
            }
        }
        fresh.append(&mut list.items);
        list.items = fresh;
    } else {
        if page.marker.is_none() {
            list.items.clear();
        }
        list.items.extend(page.items);
        list.next_marker = page.next_marker;
    }
    list.started = true;
    list.error = None;
    list.cursor = selected
        .and_then(|id| list.items.iter().position(|s| s.id == id))
        .unwrap_or(list.cursor)
        .min(list.items.len().saturating_sub(1));
}

/// On the way out: the form's batch (or the one set aside) is kept on disk for next time.
fn keep_draft(model: &Model) -> Vec<Effect> {
    model
        .compose
        .as_ref()
        .or(model.draft.as_ref())
        .filter(|f| f.has_items())
        .map(|f| vec![Effect::SaveDraft(form::draft_of(f))])
        .unwrap_or_default()
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

pub(super) fn load_targets(model: &mut Model) -> Vec<Effect> {
    let distributions = model.request();
    let lightsail = model.request();
    model.distributions = Slot::Loading(distributions);
    model.lightsail = Slot::Loading(lightsail);
    model.tenants.clear();
    model.in_progress.clear();
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
pub(super) fn load_details(model: &mut Model) -> Vec<Effect> {
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

/// The selected row's details after `DETAILS_PAUSE`, unless they are here or on their way.
fn details_after_pause(model: &mut Model) -> Vec<Effect> {
    let Some((target, list)) = model.selected_list() else {
        return vec![];
    };
    let Some(id) = list.selected().map(|s| s.id.clone()) else {
        return vec![];
    };
    if matches!(
        model.details.get(&(target, id)),
        Some(Slot::Ready(_) | Slot::Loading(_))
    ) {
        model.details_due = None;
        return vec![];
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
    let filter = model.list_filter.value();
    let near_end = if filter.is_empty() {
        list.cursor + PREFETCH >= list.items.len()
    } else {
        // Enough matches below the cursor? Counting stops at PREFETCH.
        (list.cursor..list.items.len())
            .filter(|&i| list.row_matches(i, filter))
            .take(PREFETCH + 1)
            .count()
            <= PREFETCH
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

fn act(model: &mut Model, action: Action) -> Vec<Effect> {
    if model.help {
        // Help is modal: only closing it (or quitting) does anything.
        return match action {
            Action::Help | Action::Back => {
                model.help = false;
                vec![Effect::Render]
            }
            Action::Quit => quit(model),
            _ => vec![],
        };
    }
    match model.context() {
        Context::Question => answer(model, action),
        Context::Form => form::act(model, action),
        Context::Browse if model.picker.is_some() => account::act(model, action),
        Context::Browse => browse(model, action),
        Context::Filter => filter::act(model, action),
    }
}

/// `q` or Ctrl-c in the panes: a batch set aside is kept on disk, so nothing is lost.
pub(super) fn quit(model: &mut Model) -> Vec<Effect> {
    if model.compose.as_ref().is_some_and(|f| f.has_items()) && model.question.is_none() {
        model.question = Some(Question::Quit);
        return vec![Effect::Render];
    }
    model.quit = true;
    let mut effects = keep_draft(model);
    effects.push(Effect::Quit);
    effects
}

/// `y`, `n` or Esc to the question on screen (or the form's confirmation).
fn answer(model: &mut Model, action: Action) -> Vec<Effect> {
    let yes = action == Action::Yes;
    if !matches!(
        action,
        Action::Yes | Action::No | Action::Back | Action::Quit
    ) {
        return vec![];
    }
    let Some(question) = model.question.take() else {
        if action == Action::Quit {
            return quit(model);
        }
        return if yes {
            submit::confirmed(model)
        } else {
            submit::declined(model)
        };
    };
    match (question, action) {
        (Question::Quit, Action::Yes | Action::Quit) => {
            model.quit = true;
            let mut effects = keep_draft(model);
            effects.push(Effect::Quit);
            effects
        }
        (_, Action::Quit) => quit(model),
        (Question::ResetCache { name }, Action::Yes) => polling::reset_cache(model, name),
        (Question::Discard, Action::Yes) => {
            model.compose = None;
            model.draft = None;
            vec![Effect::Render, Effect::ForgetDraft]
        }
        (Question::Draft { .. }, Action::Yes) => match model.draft.take() {
            Some(draft) => form::resume(model, draft),
            None => vec![Effect::Render],
        },
        (Question::Draft { .. }, Action::No) => {
            model.draft = None;
            vec![Effect::Render, Effect::ForgetDraft]
        }
        // Esc to the draft question keeps it for `n`; other questions are simply declined.
        _ => vec![Effect::Render],
    }
}

fn browse(model: &mut Model, action: Action) -> Vec<Effect> {
    // A message stays until the next key; its going is a change to draw.
    let had_flash = model.flash.take().is_some();
    let mut effects = browse_action(model, action);
    if had_flash && !effects.contains(&Effect::Render) {
        effects.push(Effect::Render);
    }
    effects
}

fn browse_action(model: &mut Model, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit => quit(model),
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
        Action::NewBatch => form::new_batch(model, "", None),
        Action::CopyToNew => form::copy_to_new(model),
        Action::Watch => polling::toggle_watch(model),
        Action::Filter => filter::start(model),
        Action::SwitchAccount => account::open(model),
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom => move_cursor(model, action),
        _ => vec![],
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
            effects.extend(polling::schedule(model));
            effects
        }
        Pane::Invalidations => {
            let Some((target, list)) = model.selected_list() else {
                return vec![];
            };
            // Moves go over the rows the filter lets through.
            let filter = model.list_filter.value();
            let to = if filter.is_empty() {
                moved(list.cursor, list.items.len(), action)
            } else {
                let visible = list.visible(filter);
                let at = visible.partition_point(|&i| i < list.cursor);
                visible
                    .get(moved(at, visible.len(), action))
                    .copied()
                    .unwrap_or(list.cursor)
            };
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
            effects.extend(details_after_pause(model));
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
    // The selected invalidation may have moved on since it was fetched.
    if let Some(id) = list.selected().map(|s| s.id.clone()) {
        model.details.remove(&(target, id));
    }
    let mut effects = refresh_list(model);
    effects.extend(load_details(model));
    effects
}

/// The first page of the selected list again; what is new goes on top (see `take_page`).
fn refresh_list(model: &mut Model) -> Vec<Effect> {
    let Some((target, _)) = model.selected_list() else {
        return vec![];
    };
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

#[cfg(test)]
mod tests;
