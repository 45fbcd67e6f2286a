//! Keys: the panes, questions and help; where each action goes.

use super::*;
use crate::app::watch::Progress;
use crate::domain::words::plural;

pub(super) fn act(model: &mut Model, action: Action) -> Vec<Effect> {
    match model.overlays.top() {
        Some(Overlay::Help) => help(model, action),
        Some(Overlay::Question(_)) => answer(model, action),
        Some(Overlay::Picker(_)) => account::act(model, action),
        Some(Overlay::Filter(_)) => filter::act(model, action),
        Some(Overlay::Search(_)) => search::act(model, action),
        Some(Overlay::Running(_)) => running::act(model, action),
        None if model.compose.is_some() => form::act(model, action),
        None => browse(model, action),
    }
}

/// Help takes every key: it scrolls, it closes, or the dashboard quits.
fn help(model: &mut Model, action: Action) -> Vec<Effect> {
    match action {
        Action::Help | Action::Back => {
            model.overlays.close_help();
            model.help_scroll = 0;
            vec![Effect::Render]
        }
        Action::Quit => quit(model),
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom => {
            let lines = model.settings.hints.help_lines();
            let to = moved(model.help_scroll, lines, action);
            if to == model.help_scroll {
                return vec![];
            }
            model.help_scroll = to;
            vec![Effect::Render]
        }
        _ => vec![],
    }
}

/// `q` or Ctrl-c anywhere: with a batch in the form, asked first; whatever is open closes.
pub(super) fn quit(model: &mut Model) -> Vec<Effect> {
    if model.compose.as_ref().is_some_and(|f| f.has_items())
        && model.overlays.question() != Some(&Question::Quit)
    {
        model.overlays = Default::default();
        model.ask(Question::Quit);
        return vec![Effect::Render];
    }
    leave(model)
}

/// Leave now: the form's batch (or the one set aside) is kept on disk for next time, so
/// nothing is lost.
pub(super) fn leave(model: &mut Model) -> Vec<Effect> {
    let mut effects = keep_draft(model);
    effects.push(Effect::Quit);
    effects
}

/// `y`, `n` or Esc to the question on screen.
fn answer(model: &mut Model, action: Action) -> Vec<Effect> {
    let scrolls = matches!(
        action,
        Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom
    );
    if scrolls && model.overlays.question() == Some(&Question::Plan) {
        return plan::scroll(model, action);
    }
    if scrolls
        && matches!(model.overlays.question(), Some(Question::Send { .. }))
        && let Some(form) = model.compose.as_mut()
    {
        // The confirmation's items scroll; the view keeps the last page full.
        let to = moved(form.confirm_scroll, form.batch.summary().kept(), action);
        if to == form.confirm_scroll {
            return vec![];
        }
        form.confirm_scroll = to;
        return vec![Effect::Render];
    }
    if !matches!(
        action,
        Action::Yes | Action::No | Action::Back | Action::Quit
    ) {
        return vec![];
    }
    let Some(question) = model.overlays.take_question() else {
        return vec![];
    };
    match (question, action) {
        (Question::Quit, Action::Yes | Action::Quit) => leave(model),
        (_, Action::Quit) => quit(model),
        (Question::Send { everything }, Action::Yes) => submit::confirmed(model, everything),
        (Question::ResetCache { name }, Action::Yes) => polling::reset_cache(model, name),
        (Question::Discard, Action::Yes) => {
            model.compose = None;
            model.draft = None;
            let mut effects = vec![Effect::Render, Effect::ForgetDraft];
            effects.extend(drafts::offer_next(model));
            effects
        }
        (Question::Draft { .. }, Action::Yes) => {
            let mut effects = drafts::taken(model);
            match model.draft.take() {
                Some(draft) => effects.extend(form::resume(model, draft)),
                None => effects.push(Effect::Render),
            }
            effects
        }
        (Question::Draft { .. }, Action::No) => drafts::declined(model),
        (Question::Unconfirmed, Action::Yes) => drafts::resume(model),
        (Question::Unconfirmed, Action::No) => drafts::forget(model),
        (Question::Plan, Action::Yes) => plan::apply(model),
        (Question::Plan, _) => plan::keep_exact(model),
        // Esc to the draft question keeps it for `n`; other questions are simply declined
        // (the form's batch stays as it was).
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
            model.overlays.open(Overlay::Help);
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
        // Esc in the zoomed details gives the screen back first.
        Action::Back if model.details_zoomed() => {
            model.zoomed = false;
            vec![Effect::Render]
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
        Action::VerifyEdge => super::edge::check(model),
        Action::Copy => copy::selected(model),
        Action::Sort => sort_list(model),
        Action::ExportCsv => export::shown(model, export::Format::Csv),
        Action::ExportJson => export::shown(model, export::Format::Json),
        Action::Zoom => {
            model.zoomed = !model.zoomed;
            if model.zoomed {
                model.focus = Pane::Details;
            }
            vec![Effect::Render]
        }
        Action::ClearWatched => {
            let before = model.watched.len();
            model.watched.retain(|w| w.progress == Progress::Running);
            let cleared = before - model.watched.len();
            if cleared == 0 {
                return super::form::flash(model, "no finished batch to clear", false);
            }
            let text = format!(
                "cleared {} from the watch strip",
                plural(cleared, "finished batch")
            );
            super::form::flash(model, &text, false)
        }
        Action::CollapseWatch => {
            model.watch_collapsed = !model.watch_collapsed;
            vec![Effect::Render]
        }
        Action::Filter => filter::start(model),
        Action::Search => search::open(model),
        Action::Running => running::open(model),
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

/// `o`: the selected list in the next order; the selected row stays selected.
fn sort_list(model: &mut Model) -> Vec<Effect> {
    let Some((target, list)) = model.selected_list() else {
        return super::form::flash(model, "select a CloudFront target to sort its list", true);
    };
    let next = list.sort().next();
    if let Some(list) = model.lists.get_mut(&target) {
        list.sort_by(next);
    }
    super::form::flash(model, &format!("sorted: {}", next.words()), false)
}

pub(super) fn focus(model: &mut Model, pane: Pane) -> Vec<Effect> {
    if model.focus == pane {
        return vec![];
    }
    model.focus = pane;
    vec![Effect::Render]
}

/// Where a cursor goes for a move, in a list of `len` rows.
pub(super) fn moved(cursor: usize, len: usize, action: Action) -> usize {
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

/// The target at `to` selected (a key or a click), and what it shows loaded.
pub(super) fn select_target(model: &mut Model, to: usize) -> Vec<Effect> {
    if to == model.target_cursor || to >= model.targets().len() {
        return vec![];
    }
    model.select_row(to);
    model.target_chosen = true;
    model.details_scroll = 0;
    let mut effects = vec![Effect::Render];
    effects.extend(load_selected(model));
    effects.extend(polling::schedule(model));
    effects
}

/// Row `to` of the target's list selected (a key or a click), its details fetched once the
/// cursor rests.
pub(super) fn select_invalidation(
    model: &mut Model,
    target: crate::domain::target::CloudFrontTarget,
    to: usize,
) -> Vec<Effect> {
    let Some(list) = model.lists.get_mut(&target) else {
        return vec![];
    };
    let at_end = to == list.cursor;
    list.cursor = to.min(list.items().len().saturating_sub(1));
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

pub(super) fn move_cursor(model: &mut Model, action: Action) -> Vec<Effect> {
    match model.focus {
        Pane::Targets => {
            let to = moved(model.target_cursor, model.targets().len(), action);
            select_target(model, to)
        }
        Pane::Invalidations => {
            let Some((target, list)) = model.selected_list() else {
                return vec![];
            };
            // Moves go over the rows the filter lets through, in the order shown.
            let to = match list.order() {
                None => moved(list.cursor, list.items().len(), action),
                Some(visible) => {
                    let at = list.place_in(visible);
                    visible
                        .get(moved(at, visible.len(), action))
                        .copied()
                        .unwrap_or(list.cursor)
                }
            };
            select_invalidation(model, target, to)
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
