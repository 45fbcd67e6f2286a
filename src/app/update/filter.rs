//! `/`: narrowing the targets or the invalidations pane to rows that contain some text. The
//! selection stays on its row while it matches, else moves to the first row that does.

use crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::backend::crossterm::EventHandler;

use super::super::keymap::Action;
use super::super::model::{Model, Pane};
use super::super::msg::Effect;
use super::super::overlay::Overlay;

/// `/` in the panes: type a filter for the focused list (the details filter the list above).
pub fn start(model: &mut Model) -> Vec<Effect> {
    let pane = match model.focus {
        Pane::Targets => Pane::Targets,
        Pane::Invalidations | Pane::Details => Pane::Invalidations,
    };
    if !model.overlays.open(Overlay::Filter(pane)) {
        return vec![];
    }
    model.focus = pane;
    vec![Effect::Render]
}

/// Enter keeps the filter; Esc clears it.
pub fn act(model: &mut Model, action: Action) -> Vec<Effect> {
    let Some(pane) = model.overlays.filtering() else {
        return vec![];
    };
    match action {
        Action::Open => {
            model.overlays.close_tool();
            vec![Effect::Render]
        }
        Action::Back => {
            model.overlays.close_tool();
            changed(model, pane, |input| input.reset())
        }
        Action::Quit => super::quit(model),
        _ => vec![],
    }
}

pub fn input(model: &mut Model, key: KeyEvent) -> Vec<Effect> {
    let Some(pane) = model.overlays.filtering() else {
        return vec![];
    };
    changed(model, pane, |input| {
        input.handle_event(&Event::Key(key));
    })
}

pub fn paste(model: &mut Model, text: &str) -> Vec<Effect> {
    let Some(pane) = model.overlays.filtering() else {
        return vec![];
    };
    let first = text.lines().next().unwrap_or_default().to_string();
    changed(model, pane, |input| {
        for c in first.chars() {
            input.handle_event(&Event::Key(KeyEvent::from(KeyCode::Char(c))));
        }
    })
}

/// Apply an edit to a pane's filter and keep the selection sensible.
fn changed(model: &mut Model, pane: Pane, edit: impl FnOnce(&mut tui_input::Input)) -> Vec<Effect> {
    match pane {
        Pane::Targets => {
            let before = model.selected_target();
            edit(&mut model.target_filter);
            // The user's choice is whatever stays selected.
            let chosen = model.target_chosen;
            model.target_chosen = true;
            let mut effects = super::targets_changed(model, before);
            model.target_chosen = chosen || model.target_cursor != 0;
            effects.extend(super::polling::schedule(model));
            effects
        }
        Pane::Invalidations | Pane::Details => {
            edit(&mut model.list_filter);
            model.list_filter_changed();
            let Some((target, list)) = model.selected_list() else {
                return vec![Effect::Render];
            };
            let first = list.order().map_or(list.shown().first(), <[usize]>::first);
            if list.shown().binary_search(&list.cursor).is_err()
                && let Some(&first) = first
                && let Some(list) = model.lists.get_mut(&target)
            {
                list.cursor = first;
            }
            let mut effects = vec![Effect::Render];
            effects.extend(super::load_more_if_near_end(model));
            effects.extend(super::load_details(model));
            effects
        }
    }
}
