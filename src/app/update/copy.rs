//! `y`: what is selected, on the clipboard of the terminal (OSC 52, which reaches the local
//! clipboard over SSH and through tmux with `set-clipboard on`). In the targets pane the
//! target as the CLI takes it; in the list the invalidation's id; in the details its paths,
//! one a line, ready for `edgepurge purge TARGET -`.

use super::super::model::{Model, Pane, Slot};
use super::super::msg::Effect;
use crate::domain::words::plural;

/// Terminals drop (or cut) longer OSC 52 texts; xterm's limit is about this.
const AT_MOST: usize = 74_000;

pub fn selected(model: &mut Model) -> Vec<Effect> {
    let Some((text, what)) = what_is_selected(model) else {
        model.warn("nothing to copy here: select a target or an invalidation");
        return vec![Effect::Render];
    };
    if text.len() > AT_MOST {
        model.warn(format!(
            "{what} is too long for the terminal's clipboard ({} bytes; terminals take about \
             {AT_MOST}); `edgepurge show` prints it",
            text.len()
        ));
        return vec![Effect::Render];
    }
    model.say(format!("copied {what} (the terminal must allow OSC 52)"));
    vec![Effect::Copy(text), Effect::Render]
}

fn what_is_selected(model: &Model) -> Option<(String, String)> {
    let target = model.selected_target()?;
    if model.focus == Pane::Targets {
        // With several accounts, qualified by its profile (`prod:E2QW…`), as the CLI takes it.
        let lane = model
            .lanes
            .get(model.active)
            .filter(|_| model.is_multi_account());
        let text = match lane {
            Some(lane) => format!("{}:{target}", lane.profile),
            None => target.to_string(),
        };
        return Some((text.clone(), text));
    }
    let (cf, list) = model.selected_list()?;
    let row = list.selected()?;
    if model.focus == Pane::Details
        && let Some(Slot::Ready(inv)) = model.details.get(&(cf, row.id.clone()))
    {
        let what = format!("the {} of {}", plural(inv.items.len(), "path"), inv.id);
        return Some((inv.items.join("\n"), what));
    }
    Some((row.id.clone(), row.id.clone()))
}
