//! `p`: another AWS profile, without restarting (the region stays as configured; see
//! `app::picker` for why there is none to choose).

use super::super::keymap::Action;
use super::super::model::{Model, RequestId, Slot};
use super::super::msg::Effect;
use super::super::overlay::Overlay;
use super::super::picker::Picker;

pub fn open(model: &mut Model) -> Vec<Effect> {
    let request = model.request();
    let picker = Picker {
        profiles: Slot::Loading(request),
        cursor: 0,
    };
    if !model.overlays.open(Overlay::Picker(picker)) {
        return vec![];
    }
    vec![Effect::Render, Effect::LoadProfiles { request }]
}

pub fn profiles_loaded(
    model: &mut Model,
    request: RequestId,
    result: Result<Vec<String>, String>,
) -> Vec<Effect> {
    let Some(picker) = model.overlays.picker_mut() else {
        return vec![];
    };
    if !picker.profiles.awaits(request) {
        return vec![];
    }
    picker.profiles = Slot::from_result(result);
    vec![Effect::Render]
}

/// Keys while the picker is open: move, choose a profile, Esc closes.
pub fn act(model: &mut Model, action: Action) -> Vec<Effect> {
    let Some(picker) = model.overlays.picker_mut() else {
        return vec![];
    };
    let last = picker.rows().len().saturating_sub(1);
    match action {
        Action::Up => picker.cursor = picker.cursor.saturating_sub(1),
        Action::Down => picker.cursor = (picker.cursor + 1).min(last),
        Action::Top => picker.cursor = 0,
        Action::Bottom => picker.cursor = last,
        Action::Back => model.overlays.close_tool(),
        Action::Open => {
            let profile = picker.chosen();
            // Nothing to switch to until the profiles are read (or when they cannot be).
            if picker.profiles.ready().is_none() {
                return vec![];
            }
            model.overlays.close_tool();
            return vec![
                Effect::Render,
                Effect::SwitchAccount {
                    profile,
                    region: None,
                },
            ];
        }
        Action::Quit => return super::quit(model),
        _ => return vec![],
    }
    vec![Effect::Render]
}

/// The new account is in use: what was shown (and followed) belonged to the old one.
pub fn switched(model: &mut Model, source: String) -> Vec<Effect> {
    model.source = source;
    model.lists.clear();
    model.details.clear();
    model.creators.clear();
    model.creator_lookup = None;
    model.cloudtrail_not_allowed = None;
    model.resets.clear();
    model.edge_checks.clear();
    model.polls.clear();
    model.watched.clear();
    model.completed_at.clear();
    model.target_cursor = 0;
    model.target_chosen = false;
    model.details_due = None;
    model.say(format!("now using {}", model.source));
    super::load_targets(model)
}
