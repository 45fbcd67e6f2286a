//! The compose form: opening it, typing, fields, fixes, closing it.

use crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::backend::crossterm::EventHandler;

use super::super::compose::{Choice, Compose, Field};
use super::super::keymap::{Action, Context};
use super::super::model::{Flash, Model, Slot};
use super::super::msg::Effect;
use super::super::overlay::{Overlay, Question};
use crate::domain::batch::{BatchLimits, ItemCount, TooLarge};
use crate::domain::caller_reference::CallerReference;
use crate::domain::deploy::pasted_paths;
use crate::domain::draft::Draft;
use crate::domain::target::{CloudFrontTarget, Target};
use crate::domain::words::plural;

/// `n`: a new batch for the selected target (a set-aside batch comes back first), or, for a
/// Lightsail distribution, the question whether to reset its cache.
pub fn new_batch(model: &mut Model, items: &str, copied_from: Option<String>) -> Vec<Effect> {
    let lightsail = matches!(model.selected_target(), Some(Target::Lightsail { .. }));
    if copied_from.is_none()
        && !lightsail
        && let Some(draft) = model.draft.take()
    {
        return resume(model, draft);
    }
    let target = match model.selected_target() {
        None => {
            return flash(
                model,
                "no target selected; choose one in the targets pane",
                true,
            );
        }
        Some(Target::Lightsail { name }) => {
            if model.read_only {
                return refuse_read_only(model, "a cache reset");
            }
            model.ask(Question::ResetCache { name });
            return vec![Effect::Render];
        }
        Some(Target::CloudFront(target)) => target,
    };
    if model.is_multi_tenant(&target) {
        let text = format!(
            "{target} is a multi-tenant distribution: invalidate through its tenants (select one \
             below it)"
        );
        return flash(model, &text, true);
    }
    let reference = fresh_reference(model);
    let choices = choices_for(model, std::slice::from_ref(&target));
    model.compose = Some(Compose::new(
        choices,
        items,
        reference.as_str(),
        copied_from,
    ));
    model.flash = None;
    let mut effects = vec![Effect::Render];
    effects.extend(load_headroom(model));
    effects
}

/// `c`: a new batch with the selected invalidation's items.
pub fn copy_to_new(model: &mut Model) -> Vec<Effect> {
    let Some((target, list)) = model.selected_list() else {
        return flash(model, "select an invalidation to copy first", true);
    };
    let Some(id) = list.selected().map(|s| s.id.clone()) else {
        return flash(model, "select an invalidation to copy first", true);
    };
    let items = match model.details.get(&(target, id.clone())) {
        Some(Slot::Ready(inv)) => inv.items.join("\n"),
        _ => {
            return flash(
                model,
                "its paths are still loading; try again in a moment",
                true,
            );
        }
    };
    new_batch(model, &items, Some(id))
}

/// The form's targets: every CloudFront target that takes invalidations, with `chosen` ticked
/// (a chosen one no longer listed is kept, so a draft never loses a target).
pub fn choices_for(model: &Model, chosen: &[CloudFrontTarget]) -> Vec<Choice> {
    let name = |t: &CloudFrontTarget| t.to_string();
    let mut choices: Vec<Choice> = model
        .all_targets()
        .into_iter()
        .filter_map(|e| match e.target {
            Target::CloudFront(t) if !model.is_multi_tenant(&t) => Some(Choice {
                chosen: chosen.iter().any(|c| name(c) == name(&t)),
                label: {
                    let name = if e.label == t.id() {
                        format!("{} {}", e.label, e.domain)
                    } else {
                        format!("{} ({}) {}", e.label, t.id(), e.domain)
                    };
                    // With several accounts, which one it is in.
                    match model.lanes.get(e.lane).filter(|_| model.is_multi_account()) {
                        Some(lane) => format!("{}: {name}", lane.name),
                        None => name,
                    }
                },
                target: t,
            }),
            _ => None,
        })
        .collect();
    for c in chosen {
        if !choices.iter().any(|x| x.target == *c) {
            choices.push(Choice {
                target: c.clone(),
                label: name(c),
                chosen: true,
            });
        }
    }
    choices
}

/// A set-aside (or last session's) batch back in the form, its targets offered afresh.
pub fn resume(model: &mut Model, mut form: Compose) -> Vec<Effect> {
    form.choices = choices_for(model, &form.chosen());
    model.compose = Some(form);
    let discard = model.settings.hints.key(Context::Form, Action::Discard);
    model.say(format!("your unsent batch is back ({discard} discards it)"));
    let mut effects = vec![Effect::Render];
    effects.extend(load_headroom(model));
    effects
}

/// Keys in the form, while nothing is open over it. While the batch is being sent the form
/// takes none.
pub fn act(model: &mut Model, action: Action) -> Vec<Effect> {
    let Some(form) = model.compose.as_mut() else {
        return vec![];
    };
    if form.is_sending() {
        // The batch is on its way: it can be left or waited for no longer, never edited.
        return match action {
            Action::Back => super::submit::stop_waiting(model),
            Action::Quit => super::quit(model),
            Action::Help => {
                model.overlays.open(Overlay::Help);
                vec![Effect::Render]
            }
            _ => vec![],
        };
    }
    model.flash = None;
    match action {
        Action::NextField | Action::PrevField => {
            let at = Field::ALL
                .iter()
                .position(|f| *f == form.field)
                .unwrap_or(0);
            let step = if action == Action::NextField {
                1
            } else {
                Field::ALL.len() - 1
            };
            form.focus(Field::ALL[(at + step) % Field::ALL.len()]);
            vec![Effect::Render]
        }
        Action::Toggle => {
            if form.field != Field::Targets {
                return input(model, KeyEvent::from(KeyCode::Char(' ')));
            }
            if let Some(choice) = form.choices.get_mut(form.choice_cursor) {
                choice.chosen = !choice.chosen;
            }
            let mut effects = vec![Effect::Render];
            effects.extend(load_headroom(model));
            effects
        }
        Action::AcceptFixes => {
            if form.accept_fixes() {
                form.error = None;
                vec![Effect::Render]
            } else {
                flash(model, "no fixes to accept", false)
            }
        }
        Action::Submit => super::submit::check(model),
        Action::Plan => super::plan::start(model),
        Action::Discard => {
            model.ask(Question::Discard);
            vec![Effect::Render]
        }
        Action::Back => set_aside(model),
        Action::Help => {
            model.overlays.open(Overlay::Help);
            vec![Effect::Render]
        }
        Action::Quit => super::quit(model),
        _ => vec![],
    }
}

/// Esc: the form closes; its batch is kept (in memory and on disk) for `n` to bring back.
fn set_aside(model: &mut Model) -> Vec<Effect> {
    let Some(form) = model.compose.take() else {
        return vec![];
    };
    if !form.has_items() {
        return vec![Effect::Render, Effect::ForgetDraft];
    }
    let draft = draft_of(&form);
    model.draft = Some(form);
    let new = model.settings.hints.key(Context::Browse, Action::NewBatch);
    model.say(format!("batch kept: {new} brings it back"));
    vec![Effect::Render, Effect::SaveDraft(draft)]
}

/// A key typed into the focused field.
pub fn input(model: &mut Model, key: KeyEvent) -> Vec<Effect> {
    if !model.overlays.is_empty() {
        return vec![];
    }
    let Some(form) = model.compose.as_mut() else {
        return vec![];
    };
    if form.is_sending() {
        return vec![];
    }
    match form.field {
        Field::Items => {
            if !form.editor.input(key) {
                // Cursor moves change no text but move the cursor on screen.
                return vec![Effect::Render];
            }
            form.judge();
            form.error = None;
        }
        Field::CallerReference => {
            form.caller_reference.handle_event(&Event::Key(key));
            form.error = None;
        }
        Field::Targets => {
            let last = form.choices.len().saturating_sub(1);
            form.choice_cursor = match key.code {
                KeyCode::Up | KeyCode::Char('k') => form.choice_cursor.saturating_sub(1),
                KeyCode::Down | KeyCode::Char('j') => (form.choice_cursor + 1).min(last),
                KeyCode::Home => 0,
                KeyCode::End => last,
                _ => return vec![],
            };
        }
    }
    vec![Effect::Render]
}

/// Pasted text: into the focused field; in the panes, it opens a form for the selected target.
pub fn paste(model: &mut Model, text: &str) -> Vec<Effect> {
    // Terminals send a paste's line ends as CR, CRLF or LF.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut effects = Vec::new();
    if !model.overlays.is_empty() {
        return vec![];
    }
    if model.compose.is_none() {
        effects = new_batch(model, "", None);
    }
    let Some(form) = model.compose.as_mut() else {
        return effects;
    };
    if form.is_sending() {
        return effects;
    }
    let mut said = None;
    match form.field {
        Field::Items => {
            // Deploy output is turned into the paths it names, never judged word by word.
            let targets: Vec<String> = form.chosen().iter().map(ToString::to_string).collect();
            let names: Vec<&str> = targets.iter().map(String::as_str).collect();
            let text = match pasted_paths(&text, model.settings.deploy.site(&names)) {
                Some(pasted) => {
                    said = Some(pasted.said);
                    pasted.paths.iter().map(|p| format!("{p}\n")).collect()
                }
                None => text,
            };
            if let Err(too_large) = fits(form, &text, &model.settings.batch_limits) {
                let text = format!("not pasted: {too_large}");
                effects.extend(flash(model, &text, true));
                return effects;
            }
            form.editor.insert_str(&text);
            form.judge();
        }
        Field::CallerReference => {
            let first = text.lines().next().unwrap_or_default();
            for c in first.chars() {
                form.caller_reference
                    .handle_event(&Event::Key(KeyEvent::from(KeyCode::Char(c))));
            }
        }
        Field::Targets => return effects,
    }
    form.error = None;
    effects.push(Effect::Render);
    if let Some(said) = said {
        effects.extend(flash(model, &said, false));
    }
    effects
}

/// Whether the form's items with `pasted` added stay within the batch's caps: a paste past
/// them (a log, a whole file by mistake) is refused at once rather than judged for seconds.
fn fits(form: &Compose, pasted: &str, limits: &BatchLimits) -> Result<(), TooLarge> {
    limits.check(pasted)?;
    let lines = form.editor.lines();
    let bytes = lines.iter().map(|l| l.len() as u64 + 1).sum::<u64>() + pasted.len() as u64;
    if bytes > limits.max_bytes() {
        return Err(TooLarge::Bytes(limits.max_megabytes));
    }
    let mut count = ItemCount::default();
    count.feed(pasted.as_bytes());
    let typed = lines.iter().filter(|l| !l.trim().is_empty()).count();
    limits.check_items(typed + count.items())
}

/// The in-progress load of each chosen target not yet known, for the headroom line.
pub fn load_headroom(model: &mut Model) -> Vec<Effect> {
    let Some(chosen) = model.compose.as_ref().map(Compose::chosen) else {
        return vec![];
    };
    let mut effects = Vec::new();
    for target in chosen {
        let known = model
            .compose
            .as_ref()
            .is_some_and(|f| f.loads.contains_key(&target));
        if known {
            continue;
        }
        let request = model.request();
        if let Some(form) = model.compose.as_mut() {
            form.loads.insert(target.clone(), Slot::Loading(request));
        }
        effects.push(Effect::LoadOfTarget { request, target });
    }
    effects
}

/// The form as kept on disk.
pub fn draft_of(form: &Compose) -> Draft {
    Draft {
        targets: form.chosen().iter().map(ToString::to_string).collect(),
        text: form.text(),
        caller_reference: form.caller_reference.value().to_string(),
    }
}

/// A draft from disk as a form (its targets are offered afresh when it opens).
pub fn form_of(draft: &Draft) -> Compose {
    let choices = draft
        .targets
        .iter()
        .filter_map(|t| match t.parse::<Target>() {
            Ok(Target::CloudFront(target)) => Some(Choice {
                target,
                label: t.clone(),
                chosen: true,
            }),
            _ => None,
        })
        .collect();
    Compose::new(choices, &draft.text, &draft.caller_reference, None)
}

/// What a draft holds, for the question at start.
pub fn describe(draft: &Draft) -> String {
    let lines = draft.text.lines().filter(|l| !l.trim().is_empty()).count();
    format!(
        "{} for {}",
        plural(lines, "line"),
        if draft.targets.is_empty() {
            "no target".to_string()
        } else {
            draft.targets.join(", ")
        }
    )
}

pub fn flash(model: &mut Model, text: &str, error: bool) -> Vec<Effect> {
    model.flash = Some(if error {
        Flash::warning(text)
    } else {
        Flash::said(text)
    });
    vec![Effect::Render]
}

pub fn refuse_read_only(model: &mut Model, what: &str) -> Vec<Effect> {
    let text = format!(
        "read-only: {what} is a write, and edgepurge was started with --read-only; restart \
         without it to send"
    );
    flash(model, &text, true)
}

/// A new caller reference: the time and a number mixed from the start seed and a counter.
fn fresh_reference(model: &mut Model) -> CallerReference {
    let counter = model.request();
    let mixed = model
        .seed
        .wrapping_add(counter.wrapping_mul(0x9e37_79b9_7f4a_7c15))
        .rotate_left(29)
        .wrapping_mul(0xbf58_476d_1ce4_e5b9);
    CallerReference::generate(model.now, (mixed >> 32) as u32)
}
