//! `s`: search every target's stored history by path or tag. Each change of the text asks the
//! store again (it answers in milliseconds); an older answer is dropped. Enter opens the chosen
//! invalidation: its target selected, its list filtered to it.

use crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::backend::crossterm::EventHandler;

use super::super::keymap::Action;
use super::super::model::{Model, Pane, RequestId};
use super::super::msg::Effect;
use super::super::overlay::Overlay;
use super::super::search::HistorySearch;
use crate::domain::target::Target;
use crate::store::search::Hit;

pub fn open(model: &mut Model) -> Vec<Effect> {
    if !model
        .overlays
        .open(Overlay::Search(HistorySearch::default()))
    {
        return vec![];
    }
    vec![Effect::Render]
}

pub fn act(model: &mut Model, action: Action) -> Vec<Effect> {
    let Some(search) = model.overlays.search_mut() else {
        return vec![];
    };
    match action {
        Action::Up => {
            search.cursor = search.cursor.saturating_sub(1);
            vec![Effect::Render]
        }
        Action::Down => {
            search.cursor = (search.cursor + 1).min(search.hits.len().saturating_sub(1));
            vec![Effect::Render]
        }
        Action::Back => {
            model.overlays.close_tool();
            vec![Effect::Render]
        }
        Action::Open => match search.selected().cloned() {
            Some(hit) => {
                model.overlays.close_tool();
                show(model, &hit)
            }
            None => vec![],
        },
        Action::Quit => super::keys::quit(model),
        _ => vec![],
    }
}

pub fn input(model: &mut Model, key: KeyEvent) -> Vec<Effect> {
    edit(model, |input| {
        input.handle_event(&Event::Key(key));
    })
}

/// A paste is text for the search (its first line), never keys.
pub fn paste(model: &mut Model, text: &str) -> Vec<Effect> {
    let first = text.lines().next().unwrap_or_default().to_string();
    edit(model, |input| {
        for c in first.chars() {
            input.handle_event(&Event::Key(KeyEvent::from(KeyCode::Char(c))));
        }
    })
}

fn edit(model: &mut Model, change: impl FnOnce(&mut tui_input::Input)) -> Vec<Effect> {
    let request = model.request();
    let Some(search) = model.overlays.search_mut() else {
        return vec![];
    };
    let before = search.input.value().to_string();
    change(&mut search.input);
    let text = search.input.value().trim().to_string();
    if text == before.trim() {
        return vec![Effect::Render];
    }
    if text.is_empty() {
        search.hits.clear();
        search.pending = None;
        search.error = None;
        return vec![Effect::Render];
    }
    search.pending = Some(request);
    vec![Effect::Render, Effect::SearchHistory { request, text }]
}

pub fn searched(
    model: &mut Model,
    request: RequestId,
    result: Result<Vec<Hit>, String>,
) -> Vec<Effect> {
    let Some(search) = model.overlays.search_mut() else {
        return vec![];
    };
    if search.pending != Some(request) {
        return vec![];
    }
    search.pending = None;
    match result {
        Ok(hits) => {
            search.hits = hits;
            search.error = None;
        }
        Err(e) => search.error = Some(e),
    }
    search.cursor = search.cursor.min(search.hits.len().saturating_sub(1));
    vec![Effect::Render]
}

/// The hit's target selected and its list narrowed to the invalidation (its details follow
/// once its row is there).
fn show(model: &mut Model, hit: &Hit) -> Vec<Effect> {
    // The store keeps targets as written; read back, a tenant is found whatever is known of
    // its parent.
    let wanted = hit.target.parse::<Target>().ok();
    let Some(at) = model
        .targets()
        .iter()
        .position(|e| Some(&e.target) == wanted.as_ref())
    else {
        model.warn(format!("{} is not among the targets shown", hit.target));
        return vec![Effect::Render];
    };
    model.select_row(at);
    model.target_chosen = true;
    model.focus = Pane::Invalidations;
    model.details_scroll = 0;
    model.list_filter = tui_input::Input::new(hit.id.clone());
    model.list_filter_changed();
    let mut effects = super::load_selected(model);
    if let Some((target, list)) = model.selected_list()
        && let Some(row) = list.items().iter().position(|s| s.id == hit.id)
        && let Some(list) = model.lists.get_mut(&target)
    {
        list.cursor = row;
    }
    effects.extend(super::load_details(model));
    effects.push(Effect::Render);
    effects
}
