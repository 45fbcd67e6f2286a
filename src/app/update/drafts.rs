//! What the dashboard remembers: the form saved shortly after each pause in typing, unsent
//! drafts offered at start (newest first), writes left unconfirmed offered to send again, and
//! what the store and the backfill say.

use std::time::Duration;

use super::super::model::Model;
use super::super::msg::{Backfill, Effect};
use super::super::overlay::Question;
use super::form;
use crate::domain::journal::Entry;
use crate::domain::words::plural;
use crate::store::db::DbError;
use crate::store::drafts::SavedDraft;

/// How long after an edit the form is saved: typing on loses at most this much if edgepurge
/// is killed.
pub const SAVE_AFTER: Duration = Duration::from_secs(1);

/// An edit was made in the form: save it soon, unless a save is already due.
pub fn edited(model: &mut Model) -> Vec<Effect> {
    if model.compose.is_none() || model.draft_save_due {
        return vec![];
    }
    model.draft_save_due = true;
    vec![Effect::DraftDue { after: SAVE_AFTER }]
}

/// The pause is over: save what the form holds now.
pub fn due(model: &mut Model) -> Vec<Effect> {
    model.draft_save_due = false;
    match model.compose.as_ref() {
        Some(f) if f.has_items() => vec![Effect::SaveDraft(form::draft_of(f))],
        _ => vec![],
    }
}

/// A save failed: say so, never promise what was not kept. (Running without memory was said
/// once, at start; leaving then says the batch is lost.)
pub fn saved(model: &mut Model, result: Result<(), DbError>) -> Vec<Effect> {
    match result {
        Ok(()) | Err(DbError::WithoutMemory) => vec![],
        Err(e) => {
            model.warn(format!(
                "the batch could NOT be saved ({e}); it is only in this dashboard until it \
                     is sent"
            ));
            vec![Effect::Render]
        }
    }
}

/// Unsent drafts from the store: offer them one at a time, newest first.
pub fn found(model: &mut Model, drafts: Vec<SavedDraft>) -> Vec<Effect> {
    model.offered_drafts = drafts;
    offer_next(model)
}

/// Offer the next unsent draft, when nothing else is asked and no batch is in hand.
pub fn offer_next(model: &mut Model) -> Vec<Effect> {
    if model.overlays.question().is_some() || model.compose.is_some() || model.draft.is_some() {
        return vec![];
    }
    if model.offered_drafts.is_empty() {
        return vec![];
    }
    let saved = model.offered_drafts.remove(0);
    let mut summary = form::describe(&saved.draft);
    if !model.offered_drafts.is_empty() {
        summary.push_str(&format!(
            " ({} more after this)",
            plural(model.offered_drafts.len(), "other")
        ));
    }
    model.draft = Some(form::form_of(&saved.draft));
    model.draft_from = Some(saved.id);
    model.ask(Question::Draft { summary });
    vec![Effect::Render]
}

/// The offered draft is opened: it becomes this dashboard's (saved as its own first, then the
/// other run's row forgotten, in that order on the store's thread).
pub fn taken(model: &mut Model) -> Vec<Effect> {
    let mut effects = Vec::new();
    if let Some(form) = model.draft.as_ref() {
        effects.push(Effect::SaveDraft(form::draft_of(form)));
    }
    if let Some(from) = model.draft_from.take() {
        effects.push(Effect::ForgetDraftOf(from));
    }
    effects
}

/// The offered draft is thrown away; the next one is offered.
pub fn declined(model: &mut Model) -> Vec<Effect> {
    model.draft = None;
    let mut effects = vec![Effect::Render];
    match model.draft_from.take() {
        Some(from) => effects.push(Effect::ForgetDraftOf(from)),
        None => effects.push(Effect::ForgetDraft),
    }
    effects.extend(offer_next(model));
    effects
}

/// Writes without an answer were found in the journal: ask what to do with them.
pub fn unconfirmed(model: &mut Model, entries: Vec<Entry>) -> Vec<Effect> {
    if entries.is_empty() {
        return vec![];
    }
    if model.is_multi_account() {
        // Each account offers its own: together in one question, each sent with its own.
        let known: Vec<i64> = model.unconfirmed.iter().map(|e| e.id).collect();
        model
            .unconfirmed
            .extend(entries.into_iter().filter(|e| !known.contains(&e.id)));
    } else {
        model.unconfirmed = entries;
    }
    model.ask(Question::Unconfirmed);
    vec![Effect::Render]
}

/// `y`: send them again, each with its own reference (what was made comes back, not twice).
pub fn resume(model: &mut Model) -> Vec<Effect> {
    if model.read_only {
        return form::refuse_read_only(model, "sending again");
    }
    let entries = std::mem::take(&mut model.unconfirmed);
    model.say(format!(
        "sending {} again with {} own caller reference",
        plural(entries.len(), "unconfirmed write"),
        if entries.len() == 1 { "its" } else { "their" }
    ));
    let mut effects = vec![Effect::Render];
    // One effect each, so each answer comes back on its own.
    effects.extend(entries.into_iter().map(|e| Effect::Resume(Box::new(e))));
    effects.extend(offer_next(model));
    effects
}

/// `n`: forget them (they stay in the journal, marked forgotten).
pub fn forget(model: &mut Model) -> Vec<Effect> {
    let ids = model.unconfirmed.drain(..).map(|e| e.id).collect();
    let mut effects = vec![Effect::Render, Effect::ForgetUnconfirmed(ids)];
    effects.extend(offer_next(model));
    effects
}

pub fn store_opened(model: &mut Model, problem: Option<String>) -> Vec<Effect> {
    match problem {
        None => vec![],
        Some(line) => {
            model.warn(line);
            vec![Effect::Render]
        }
    }
}

pub fn backfill(model: &mut Model, progress: Backfill) -> Vec<Effect> {
    if model.backfill == progress {
        return vec![];
    }
    model.backfill = progress;
    vec![Effect::Render]
}
