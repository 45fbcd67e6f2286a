//! The pure heart of the dashboard: a message in, the model changed, effects out. No I/O, no
//! clock reads: time arrives as `Msg::Clock`.

mod account;
mod clock;
mod copy;
mod counts;
mod creators;
pub mod drafts;
mod edge;
mod export;
mod filter;
mod form;
mod keys;
mod lanes;
mod loading;
mod plan;
mod polling;
mod running;
mod search;
mod submit;

use keys::{act, focus, leave, move_cursor, quit};
use loading::{
    details_after_pause, load_details, load_more_if_near_end, load_selected, load_targets, refresh,
    refresh_list, targets_changed,
};

use super::keymap::Action;
use super::model::{InvalidationList, Model, Pane, RequestId, Slot};
use super::msg::{Effect, Msg};
use super::overlay::{Overlay, Question};
use crate::domain::invalidation::PageRequest;
use crate::domain::target::Target;

/// Invalidations asked for a page (the API's default).
pub use crate::domain::invalidation::PAGE_SIZE;
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
    if model.is_multi_account() {
        return lanes::update(model, msg);
    }
    update_account(model, msg)
}

/// `update` on the account the model's fields hold.
fn update_account(model: &mut Model, msg: Msg) -> Vec<Effect> {
    // An edit in the form is saved shortly after (kill -9 loses at most that pause).
    // While a save is already due nothing more is scheduled, so the form's text is not
    // compared then (a join of every line, twice, on each key of a long batch).
    let edits = model.compose.is_some()
        && !model.draft_save_due
        && matches!(msg, Msg::Input(_) | Msg::Paste(_) | Msg::Action(_))
        && !matches!(
            model.overlays.top(),
            Some(Overlay::Filter(_) | Overlay::Search(_))
        );
    let before = edits.then(|| model.compose.as_ref().map(|f| (f.text(), f.chosen())));
    let mut effects = handle(model, msg);
    if let Some(before) = before
        && model.compose.as_ref().map(|f| (f.text(), f.chosen())) != before
    {
        effects.extend(drafts::edited(model));
    }
    effects
}

fn handle(model: &mut Model, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Start => load_targets(model),
        // Only several accounts answer so (`lanes::update` unwraps them).
        Msg::Of { msg, .. } => handle(model, *msg),
        Msg::Action(action) => act(model, action),
        Msg::Input(key) => match model.overlays.top() {
            Some(Overlay::Filter(_)) => filter::input(model, key),
            Some(Overlay::Search(_)) => search::input(model, key),
            Some(_) => vec![],
            None => form::input(model, key),
        },
        Msg::Pointer { pane, action, row } => {
            if !model.takes_pointer() {
                return vec![];
            }
            let mut effects = focus(model, pane);
            if let Some(action) = action {
                effects.extend(move_cursor(model, action));
            }
            match (pane, row) {
                (Pane::Targets, Some(row)) => effects.extend(keys::select_target(model, row)),
                (Pane::Invalidations, Some(row)) => {
                    if let Some((target, _)) = model.selected_list() {
                        effects.extend(keys::select_invalidation(model, target, row));
                    }
                }
                _ => {}
            }
            effects
        }
        Msg::Paste(text) => match model.overlays.top() {
            Some(Overlay::Filter(_)) => filter::paste(model, &text),
            Some(Overlay::Search(_)) => search::paste(model, &text),
            Some(_) => vec![],
            None => form::paste(model, &text),
        },
        Msg::Terminate => leave(model),
        Msg::Exported(Ok(path)) => {
            model.say(format!("exported to {path}"));
            vec![Effect::Render]
        }
        Msg::Exported(Err(why)) => {
            model.warn(format!("the export could not be written: {why}"));
            vec![Effect::Render]
        }
        Msg::HookRan(Ok(())) => vec![],
        Msg::HookRan(Err(why)) => {
            model.warn(format!("the completion command failed: {why}"));
            vec![Effect::Render]
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
        Msg::ProfilesLoaded { request, result } => account::profiles_loaded(model, request, result),
        Msg::Switched { source } => account::switched(model, source),
        Msg::SwitchFailed(why) => {
            model.warn(why);
            vec![Effect::Render]
        }
        Msg::DraftsFound(found) => drafts::found(model, found),
        Msg::DraftDue => drafts::due(model),
        Msg::DraftSaved(result) => drafts::saved(model, result),
        Msg::StoreOpened { problem } => drafts::store_opened(model, problem),
        Msg::StoreFailed(what) => {
            model.warn(what);
            vec![Effect::Render]
        }
        Msg::UnconfirmedFound(entries) => drafts::unconfirmed(model, entries),
        Msg::Backfill(progress) => drafts::backfill(model, progress),
        Msg::Resumed {
            target,
            caller_reference,
            result,
        } => match result {
            Ok(inv) => {
                model.say(format!(
                    "{caller_reference}: {} on {target}; watching",
                    inv.id
                ));
                let mut effects = vec![Effect::Render];
                effects.extend(polling::show_created(model, &target, inv));
                effects
            }
            Err(e) => {
                model.warn(format!(
                    "{caller_reference} on {target}: {e}; it stays unconfirmed \
                         (edgepurge resume sends it again)"
                ));
                vec![Effect::Render]
            }
        },
        Msg::Resize => vec![Effect::Render],
        Msg::Clock(now) => {
            let before = std::mem::replace(&mut model.now, now);
            // The model's time is only as fresh as the last tick: a batch on its way is
            // timed from the first tick after it was sent (within a second).
            if let Some(form) = model.compose.as_mut()
                && form.is_sending()
            {
                form.sending_since.get_or_insert(now);
            }
            if model.is_watching() || clock::shown_age_changed(model, before) {
                vec![Effect::Render]
            } else {
                vec![]
            }
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
                Err(e) => Slot::from_listing(Err(e)),
            };
            effects.extend(targets_changed(model, before));
            effects
        }
        Msg::InProgressCountLoaded {
            request,
            distribution_id,
            result,
        } => counts::counted(model, request, distribution_id, result),
        Msg::TenantsLoaded {
            request,
            distribution_id,
            result,
        } => {
            let before = model.selected_target();
            if !settle_listing(model.tenants.get_mut(&distribution_id), request, result) {
                return vec![];
            }
            targets_changed(model, before)
        }
        Msg::LightsailLoaded { request, result } => {
            let before = model.selected_target();
            if !settle_listing(Some(&mut model.lightsail), request, result) {
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
            let mut effects = vec![Effect::Render];
            match result {
                Ok(page) => {
                    let ids: Vec<String> = page
                        .items
                        .iter()
                        .filter(|s| !list.is_known(&s.id))
                        .map(|s| s.id.clone())
                        .collect();
                    list.take_page(page);
                    if !ids.is_empty() {
                        effects.push(Effect::LoadKnown {
                            target: target.clone(),
                            ids,
                        });
                    }
                }
                Err(e) => list.error = Some(e.to_string()),
            }
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
            if let (Ok(inv), Some(list)) = (&result, model.lists.get_mut(&target)) {
                list.know(&inv.id, &inv.items);
            }
            if !settle(model.details.get_mut(&(target, id)), request, result) {
                return vec![];
            }
            let mut effects = vec![Effect::Render];
            effects.extend(creators::lookup_shown(model));
            effects
        }
        Msg::CreatorFound {
            request,
            target,
            id,
            result,
        } => creators::found(model, request, target, id, result),
        Msg::HistorySearched { request, result } => search::searched(model, request, result),
        Msg::MonthUse(month) => {
            if model.month_use == Some(month) {
                return vec![];
            }
            model.month_use = Some(month);
            vec![Effect::Render]
        }
        Msg::KnownLoaded {
            target,
            invalidations,
        } => {
            if invalidations.is_empty() {
                return vec![];
            }
            for inv in invalidations {
                if let Some(list) = model.lists.get_mut(&target) {
                    list.know(&inv.id, &inv.items);
                }
                model
                    .details
                    .entry((target.clone(), inv.id.clone()))
                    .or_insert(Slot::Ready(inv));
            }
            let mut effects = vec![Effect::Render];
            effects.extend(creators::lookup_shown(model));
            effects
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
        Msg::EdgeChecked {
            request,
            target,
            id,
            result,
        } => {
            if !settle(model.edge_checks.get_mut(&(target, id)), request, result) {
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
            plan::load_arrived(model);
            vec![Effect::Render]
        }
        Msg::DeployLoaded {
            request,
            target,
            result,
        } => plan::deploy_loaded(model, request, target, result),
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
pub(super) fn settle<T, E: std::fmt::Display>(
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

/// `settle` for a list of targets, which a role may not be allowed to read.
fn settle_listing<T>(
    slot: Option<&mut Slot<T>>,
    request: RequestId,
    result: crate::backend::Result<T>,
) -> bool {
    match slot {
        Some(slot) if slot.awaits(request) => {
            *slot = Slot::from_listing(result);
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests;
