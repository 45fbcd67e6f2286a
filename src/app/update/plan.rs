//! `Ctrl-p` in the form: the planner's batch beside the exact one, from each chosen target's
//! last deploy (read from the store off the UI) and what it has in progress; `y` puts the
//! planned batch in the form, `n` or Esc keeps the exact one.

use super::super::form_plan::FormPlan;
use super::super::keymap::{Action, Context};
use super::super::model::{Model, RequestId};
use super::super::msg::Effect;
use super::super::overlay::Question;
use super::form::flash;
use crate::domain::target::CloudFrontTarget;
use crate::domain::words::plural;

/// Open the plan: the question shows it as soon as everything it needs is in.
pub fn start(model: &mut Model) -> Vec<Effect> {
    let Some(form) = model.compose.as_ref() else {
        return vec![];
    };
    let targets = form.chosen();
    if targets.is_empty() {
        return flash(
            model,
            "no target chosen: the plan counts the chosen targets' last deploys (Tab to the \
             targets, Space chooses)",
            true,
        );
    }
    let summary = form.batch.summary();
    if summary.rejected > 0 {
        let fix = model.settings.hints.key(Context::Form, Action::AcceptFixes);
        let text = format!(
            "{} cannot be sent as typed: fix {} first ({fix} accepts the fixes offered), then plan",
            plural(summary.rejected, "line"),
            if summary.rejected == 1 { "it" } else { "them" }
        );
        return flash(model, &text, true);
    }
    let items = form.batch.kept();
    if items.is_empty() {
        return flash(
            model,
            "nothing to plan: type or paste the paths that changed (aws s3 sync or git diff \
             --name-status output is read as paths)",
            true,
        );
    }
    let mut effects = vec![Effect::Render];
    let mut requests: Vec<(CloudFrontTarget, RequestId)> = Vec::new();
    for target in &targets {
        let request = model.request();
        let id = target.to_string();
        let site = model.settings.deploy.site(&[id.as_str()]).clone();
        effects.push(Effect::LoadDeploy {
            request,
            target: target.clone(),
            site,
        });
        requests.push((target.clone(), request));
    }
    let max_extra = model.settings.deploy.max_extra;
    if let Some(form) = model.compose.as_mut() {
        let mut plan = FormPlan::new(targets, items, max_extra, requests);
        plan.settle(&form.loads);
        form.plan = Some(plan);
    }
    model.flash = None;
    model.ask(Question::Plan);
    effects
}

/// A target's last deploy arrived: the plan is worked out once every answer is in.
pub fn deploy_loaded(
    model: &mut Model,
    request: RequestId,
    target: CloudFrontTarget,
    result: Result<Option<Vec<String>>, String>,
) -> Vec<Effect> {
    let Some(form) = model.compose.as_mut() else {
        return vec![];
    };
    let Some(plan) = form.plan.as_mut() else {
        return vec![];
    };
    if !super::settle(plan.objects.get_mut(&target), request, result) {
        return vec![];
    }
    plan.settle(&form.loads);
    vec![Effect::Render]
}

/// A chosen target's in-progress load arrived: a plan waiting on it can be worked out.
pub fn load_arrived(model: &mut Model) {
    if let Some(form) = model.compose.as_mut()
        && let Some(plan) = form.plan.as_mut()
    {
        plan.settle(&form.loads);
    }
}

/// `y`: the planned batch in place of the form's items (still editable); before the plan is
/// worked out, the question stays.
pub fn apply(model: &mut Model) -> Vec<Effect> {
    let Some(form) = model.compose.as_mut() else {
        return vec![Effect::Render];
    };
    let Some(shown) = form.plan.as_ref().and_then(|p| p.shown.clone()) else {
        model.ask(Question::Plan);
        return flash(model, "the plan is still being worked out", false);
    };
    form.plan = None;
    if !shown.saves() {
        return flash(
            model,
            "the planned batch is the exact one: the items stay as they are",
            false,
        );
    }
    let items = shown.items();
    form.replace_items(&items);
    form.error = None;
    let text = format!(
        "planned batch in the form: {} instead of {}",
        plural(items.len(), "item"),
        plural(shown.exact().len(), "item")
    );
    flash(model, &text, false)
}

/// `n` or Esc: the exact batch stays.
pub fn keep_exact(model: &mut Model) -> Vec<Effect> {
    if let Some(form) = model.compose.as_mut() {
        form.plan = None;
    }
    vec![Effect::Render]
}

/// The planned items scroll (arrows, pages).
pub fn scroll(model: &mut Model, action: Action) -> Vec<Effect> {
    let Some(plan) = model.compose.as_mut().and_then(|f| f.plan.as_mut()) else {
        return vec![];
    };
    let len = plan.shown.as_ref().map_or(0, |s| s.items().len());
    let to = super::keys::moved(plan.scroll, len, action);
    if to == plan.scroll {
        return vec![];
    }
    plan.scroll = to;
    vec![Effect::Render]
}
