//! `i`: "running now", every batch and reset in progress on any target. Opening it loads the
//! first page of each busy distribution whose rows are not known yet; Enter goes to the row's
//! target and invalidation.

use super::super::keymap::Action;
use super::super::model::{InvalidationList, Model, Pane};
use super::super::msg::Effect;
use super::super::overlay::Overlay;
use super::super::running::{RunningNow, Work, running_now};
use crate::domain::invalidation::PageRequest;
use crate::domain::target::{CloudFrontTarget, Target};

pub fn open(model: &mut Model) -> Vec<Effect> {
    if !model.overlays.open(Overlay::Running(RunningNow::default())) {
        return vec![];
    }
    let mut effects = vec![Effect::Render];
    let unlisted: Vec<(usize, CloudFrontTarget)> = running_now(model)
        .into_iter()
        .filter_map(|row| match (row.work, row.target) {
            (Work::Unlisted { .. }, Target::CloudFront(target)) => Some((row.lane, target)),
            _ => None,
        })
        .filter(|(lane, target)| !model.account(*lane).lists.contains_key(target))
        .collect();
    let active = model.active;
    for (lane, target) in unlisted {
        // The list belongs to its own account (with several shown, maybe not the active one).
        model.enter_lane(lane);
        let request = model.request();
        model.lists.insert(
            target.clone(),
            InvalidationList::loading(request, model.list_filter.value()),
        );
        effects.push(Effect::LoadInvalidations {
            request,
            target,
            page: PageRequest::first(super::PAGE_SIZE),
        });
    }
    model.enter_lane(active);
    effects
}

pub fn act(model: &mut Model, action: Action) -> Vec<Effect> {
    let rows = running_now(model);
    let Some(view) = model.overlays.running_mut() else {
        return vec![];
    };
    let last = rows.len().saturating_sub(1);
    match action {
        Action::Up => view.cursor = view.cursor.saturating_sub(1).min(last),
        Action::Down => view.cursor = (view.cursor + 1).min(last),
        Action::Top => view.cursor = 0,
        Action::Bottom => view.cursor = last,
        Action::Back | Action::Running => {
            model.overlays.close_tool();
        }
        Action::Open => {
            let Some(row) = rows.get(view.cursor).cloned() else {
                return vec![];
            };
            model.overlays.close_tool();
            return go_to(model, row.lane, &row.target, &row.work);
        }
        Action::Help => {
            model.overlays.open(Overlay::Help);
        }
        Action::Quit => return super::keys::quit(model),
        _ => return vec![],
    }
    vec![Effect::Render]
}

/// The row's target selected, and its invalidation under the cursor when it is listed.
fn go_to(model: &mut Model, lane: usize, target: &Target, work: &Work) -> Vec<Effect> {
    let found = model
        .targets()
        .iter()
        .position(|e| &e.target == target && e.lane == lane);
    let Some(at) = found else {
        model.warn(format!("{target} is not among the targets shown"));
        return vec![Effect::Render];
    };
    model.select_row(at);
    model.target_chosen = true;
    model.focus = match target {
        Target::CloudFront(_) => Pane::Invalidations,
        Target::Lightsail { .. } => Pane::Details,
    };
    model.details_scroll = 0;
    let mut effects = super::load_selected(model);
    if let (Work::Invalidation { id }, Target::CloudFront(target)) = (work, target)
        && let Some(list) = model.lists.get_mut(target)
        && let Some(row) = list.items().iter().position(|s| &s.id == id)
    {
        list.cursor = row;
        effects.extend(super::load_details(model));
    }
    effects.push(Effect::Render);
    effects
}
