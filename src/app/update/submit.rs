//! From the form to AWS: the checks, the confirmation (twice for a whole-distribution purge),
//! the creates, and what each outcome does to the form.

use super::super::compose::Submission;
use super::super::keymap::{Action, Context};
use super::super::model::{Model, Pane};
use super::super::msg::Effect;
use super::super::overlay::Question;
use super::form::refuse_read_only;
use crate::domain::invalidation::Invalidation;
use crate::domain::target::{CloudFrontTarget, Target};
use crate::domain::words::plural;
use crate::engine::{Part, SendError};

/// Ctrl-s: refuse with the reason and the fix, or ask for confirmation.
pub fn check(model: &mut Model) -> Vec<Effect> {
    if model.read_only {
        return refuse_read_only(model, "an invalidation");
    }
    let key = |action| model.settings.hints.key(Context::Form, action);
    let Some(form) = model.compose.as_mut() else {
        return vec![];
    };
    let summary = form.batch.summary();
    let problem = if summary.kept() == 0 {
        Some("nothing to send: type at least one path (e.g. /index.html) or #tag".to_string())
    } else if summary.rejected > 0 {
        Some(format!(
            "{} cannot be sent as written; fix them ({} accepts the offered fixes) or \
             delete them",
            plural(summary.rejected, "line"),
            key(Action::AcceptFixes)
        ))
    } else if let Some(error) = form
        .batch
        .problems()
        .into_iter()
        .find(|n| n.level == crate::domain::batch::Level::Error)
    {
        Some(error.text)
    } else if let Err(e) = form.reference() {
        Some(e.to_string())
    } else if form.chosen().is_empty() {
        Some(format!(
            "no target chosen: {} to the targets and press {} on one",
            key(Action::NextField),
            key(Action::Toggle)
        ))
    } else {
        None
    };
    form.error = problem;
    if form.error.is_none() {
        form.confirm_scroll = 0;
        model.ask(Question::Send { everything: false });
    }
    vec![Effect::Render]
}

/// `y` to the confirmation: ask again for a whole-distribution purge, else send. (`n` or Esc
/// closes the question: back to editing, nothing lost.)
pub fn confirmed(model: &mut Model, everything: bool) -> Vec<Effect> {
    let Some(form) = model.compose.as_ref() else {
        return vec![];
    };
    if !everything && form.batch.purges_everything() {
        model.ask(Question::Send { everything: true });
        return vec![Effect::Render];
    }
    send(model)
}

/// One create per target and part, each part with its own caller reference.
fn send(model: &mut Model) -> Vec<Effect> {
    let Some(form) = model.compose.as_ref() else {
        return vec![];
    };
    let Ok(reference) = form.reference() else {
        return vec![Effect::Render];
    };
    let parts = Part::split(form.batch.parts(), &reference);
    let targets = form.chosen();
    let mut submissions = Vec::new();
    let mut effects = vec![Effect::Render];
    for target in &targets {
        for part in &parts {
            let request = model.request();
            submissions.push(Submission {
                request,
                target: target.clone(),
                part: part.number,
                parts: part.of,
                caller_reference: part.caller_reference.clone(),
                outcome: None,
            });
            effects.push(Effect::Create {
                request,
                target: target.clone(),
                part: part.clone(),
            });
        }
    }
    if let Some(form) = model.compose.as_mut() {
        form.error = None;
        form.submissions = submissions;
        // Set by the next tick of the clock.
        form.sending_since = None;
    }
    effects
}

/// Esc while the batch is on its way: stop waiting. What is still on its way may have been
/// made; it is in the journal, offered again at the next start (and by `edgepurge resume`),
/// and sending the form again reuses its caller reference, so nothing is made twice.
pub fn stop_waiting(model: &mut Model) -> Vec<Effect> {
    let Some(form) = model.compose.as_mut() else {
        return vec![];
    };
    let mut stopped = Vec::new();
    for s in form.submissions.iter_mut().filter(|s| s.outcome.is_none()) {
        s.outcome = Some(Err(
            "stopped waiting: it may have been made (if it was sent, the journal has it)".into(),
        ));
        stopped.push(s.request);
    }
    if stopped.is_empty() {
        return vec![];
    }
    let mut effects = vec![Effect::StopSending(stopped)];
    effects.extend(settled(model));
    effects
}

/// A create came back. The new invalidation is shown and watched at once; when the last one
/// is back the form closes, or stays with what failed and what to do.
pub fn created(
    model: &mut Model,
    request: u64,
    result: Result<Invalidation, SendError>,
) -> Vec<Effect> {
    let Some(form) = model.compose.as_mut() else {
        return vec![];
    };
    let Some(submission) = form.submissions.iter_mut().find(|s| s.request == request) else {
        return vec![];
    };
    // Made after the user stopped waiting for it (the answer was already on its way).
    let late = match (&submission.outcome, &result) {
        (None, _) => false,
        (Some(Err(_)), Ok(_)) => true,
        _ => return vec![],
    };
    let target = submission.target.clone();
    let mut effects = vec![Effect::Render];
    if late && let Ok(inv) = result {
        submission.outcome = Some(Ok(inv.id.clone()));
        model.say(format!(
            "{} on {target} was made after all; watching",
            inv.id
        ));
        if let Some(month) = model.month_use.as_mut() {
            month.paths += inv.items.len() as u64;
        }
        effects.extend(super::polling::show_created(model, &target, inv));
        return effects;
    }
    match result {
        Ok(inv) => {
            submission.outcome = Some(Ok(inv.id.clone()));
            // A new invalidation counts at once (each item is one path for billing).
            if let Some(month) = model.month_use.as_mut() {
                month.paths += inv.items.len() as u64;
            }
            effects.extend(super::polling::show_created(model, &target, inv));
        }
        Err(e @ SendError::Unconfirmed(_)) => {
            submission.outcome = Some(Err(format!("{e} (it may have been made)")))
        }
        Err(e) => submission.outcome = Some(Err(e.to_string())),
    }
    if model.compose.as_ref().is_some_and(|f| f.pending() == 0) {
        effects.extend(settled(model));
    }
    effects
}

/// Every create is back (or no longer waited for): the form closes, or stays with what
/// failed and what to do.
fn settled(model: &mut Model) -> Vec<Effect> {
    let mut effects = vec![Effect::Render];
    let Some(form) = model.compose.as_mut() else {
        return effects;
    };
    form.sending_since = None;
    let failed: Vec<String> = form
        .submissions
        .iter()
        .filter_map(|s| match &s.outcome {
            Some(Err(e)) if s.parts > 1 => Some(format!(
                "{} (part {} of {}): {e}",
                s.target, s.part, s.parts
            )),
            Some(Err(e)) => Some(format!("{}: {e}", s.target)),
            _ => None,
        })
        .collect();
    let sent: Vec<(CloudFrontTarget, String)> = form
        .submissions
        .iter()
        .filter_map(|s| match &s.outcome {
            Some(Ok(id)) => Some((s.target.clone(), id.clone())),
            _ => None,
        })
        .collect();
    if failed.is_empty() {
        model.compose = None;
        model.say(format!(
            "sent {}: {}; watching",
            plural(sent.len(), "invalidation"),
            sent.iter()
                .map(|(t, id)| format!("{id} on {t}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        effects.push(Effect::ForgetDraft);
        effects.extend(select_created(model, sent.first()));
        effects.extend(super::drafts::offer_next(model));
        return effects;
    }
    form.error = Some(format!(
        "{} of {} not sent: {}. {} sends again safely: the same caller reference gives \
         back what was already made",
        failed.len(),
        form.submissions.len(),
        failed.join("; "),
        model.settings.hints.key(Context::Form, Action::Submit)
    ));
    effects
}

/// After a submission: its (first) target selected and the new invalidation under the cursor.
fn select_created(model: &mut Model, first: Option<&(CloudFrontTarget, String)>) -> Vec<Effect> {
    let Some((sent_to, id)) = first else {
        return vec![];
    };
    let Some(at) = model
        .targets()
        .iter()
        .position(|e| matches!(&e.target, Target::CloudFront(t) if t == sent_to))
    else {
        return vec![];
    };
    model.select_row(at);
    model.target_chosen = true;
    model.focus = Pane::Invalidations;
    model.details_scroll = 0;
    let mut effects = super::load_selected(model);
    if let Some((target, _)) = model.selected_list()
        && let Some(list) = model.lists.get_mut(&target)
        && let Some(row) = list.items().iter().position(|s| &s.id == id)
    {
        list.cursor = row;
    }
    effects.push(Effect::Render);
    effects
}
