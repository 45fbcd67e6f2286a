//! The form's plan (`Ctrl-p`): the key asks for the chosen target's last deploy, the answer
//! shows the plan beside the exact batch, `y` puts it in the form, `n` keeps the exact one.

use super::compose::{press, type_text};
use super::*;
use crate::domain::quota::InProgressLoad;

/// Three stylesheets of one folder changed, and the home page.
const CHANGED: &str = "/css/a.css\n/css/b.css\n/css/c.css\n/index.html";

/// The site's objects as the last deploy recorded them.
fn objects() -> Vec<String> {
    [
        "/css/a.css",
        "/css/b.css",
        "/css/c.css",
        "/index.html",
        "/img/x.png",
        "/app.js",
    ]
    .map(String::from)
    .to_vec()
}

/// A form on EONE with the changed paths typed, its in-progress load answered.
fn form_with(wildcards_in_progress: usize) -> Model {
    let mut m = loaded();
    let effects = press(&mut m, Action::NewBatch);
    let request = effects
        .iter()
        .find_map(|e| match e {
            Effect::LoadOfTarget { request, .. } => Some(*request),
            _ => None,
        })
        .expect("the form asks for the target's load");
    update(
        &mut m,
        Msg::LoadOfTargetLoaded {
            request,
            target: dist("EONE"),
            result: Ok(InProgressLoad {
                invalidations: 1,
                file_paths: 0,
                wildcards: wildcards_in_progress,
            }),
        },
    );
    type_text(&mut m, CHANGED);
    m
}

/// The request of the deploy asked for.
fn deploy_request(effects: &[Effect]) -> RequestId {
    let asked: Vec<RequestId> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::LoadDeploy {
                request, target, ..
            } if *target == dist("EONE") => Some(*request),
            _ => None,
        })
        .collect();
    assert_eq!(asked.len(), 1, "{effects:?}");
    asked[0]
}

fn deploy_answer(m: &mut Model, request: RequestId, objects: Option<Vec<String>>) -> Vec<Effect> {
    update(
        m,
        Msg::DeployLoaded {
            request,
            target: dist("EONE"),
            result: Ok(objects),
        },
    )
}

fn shown(m: &Model) -> crate::app::form_plan::Shown {
    m.compose
        .as_ref()
        .and_then(|f| f.plan.as_ref())
        .and_then(|p| p.shown.clone())
        .expect("the plan is worked out")
}

#[test]
fn the_key_asks_for_the_target_s_last_deploy_and_opens_the_plan() {
    let mut m = form_with(0);
    let effects = press(&mut m, Action::Plan);
    let request = deploy_request(&effects);
    assert!(effects.iter().any(|e| matches!(e,
        Effect::LoadDeploy { site, .. } if *site == m.settings.deploy.default)));
    assert_eq!(m.overlays.question(), Some(&Question::Plan));
    let plan = m.compose.as_ref().and_then(|f| f.plan.as_ref()).unwrap();
    assert!(
        plan.shown.is_none(),
        "nothing to show before the deploy is read"
    );
    assert!(m.is_loading());
    // `y` before the plan is worked out changes nothing and keeps the question.
    press(&mut m, Action::Yes);
    assert_eq!(m.overlays.question(), Some(&Question::Plan));
    assert_eq!(m.compose.as_ref().unwrap().text(), CHANGED);
    // An answer to another request is dropped.
    assert!(deploy_answer(&mut m, request + 100, Some(objects())).is_empty());
}

#[test]
fn the_answer_shows_the_plan_and_yes_puts_it_in_the_form() {
    let mut m = form_with(0);
    let request = deploy_request(&press(&mut m, Action::Plan));
    let effects = deploy_answer(&mut m, request, Some(objects()));
    assert_eq!(effects, vec![Effect::Render]);
    let s = shown(&m);
    assert_eq!(s.items(), ["/css/*", "/index.html"]);
    assert_eq!(s.exact().len(), 4);
    assert_eq!(s.planned.planned.extra, Some(0));
    assert!(
        s.notes
            .iter()
            .any(|n| n.contains("15 of 15 wildcards free")),
        "{:?}",
        s.notes
    );
    press(&mut m, Action::Yes);
    assert_eq!(m.overlays.question(), None);
    let form = m.compose.as_ref().expect("the form stays open");
    assert_eq!(form.editor.lines(), ["/css/*", "/index.html"]);
    assert_eq!(form.batch.kept(), ["/css/*", "/index.html"]);
    assert!(form.plan.is_none());
    assert!(
        m.flash
            .as_ref()
            .unwrap()
            .text
            .contains("2 items instead of 4")
    );
    // Still the user's to edit.
    type_text(&mut m, "x");
    assert_eq!(m.compose.as_ref().unwrap().editor.lines()[0], "x/css/*");
}

#[test]
fn no_keeps_the_exact_batch() {
    for answer in [Action::No, Action::Back] {
        let mut m = form_with(0);
        let request = deploy_request(&press(&mut m, Action::Plan));
        deploy_answer(&mut m, request, Some(objects()));
        press(&mut m, answer);
        assert_eq!(m.overlays.question(), None);
        let form = m.compose.as_ref().unwrap();
        assert_eq!(form.text(), CHANGED, "{answer:?}");
        assert!(form.plan.is_none());
    }
}

#[test]
fn without_a_recorded_deploy_the_plan_is_the_exact_batch_and_says_why() {
    let mut m = form_with(0);
    let request = deploy_request(&press(&mut m, Action::Plan));
    deploy_answer(&mut m, request, None);
    let s = shown(&m);
    assert_eq!(s.items(), s.exact());
    assert!(!s.saves());
    assert_eq!(
        s.notes,
        [
            "no deploy of EONE recorded (edgepurge purge --dir DIR EONE records one): without \
          the site's objects no wildcard can be proven safe"
        ]
    );
    press(&mut m, Action::Yes);
    assert_eq!(m.compose.as_ref().unwrap().text(), CHANGED);
    assert!(m.flash.as_ref().unwrap().text.contains("exact one"));
}

#[test]
fn wildcards_stay_within_fifteen_counting_those_in_progress_and_the_form_s() {
    // 15 in progress already: no room for one more.
    let mut m = form_with(15);
    let request = deploy_request(&press(&mut m, Action::Plan));
    deploy_answer(&mut m, request, Some(objects()));
    assert_eq!(shown(&m).items(), shown(&m).exact());
    // 14 in progress and one wildcard typed: none left either.
    let mut m = form_with(14);
    type_text(&mut m, "\n/img/*");
    let request = deploy_request(&press(&mut m, Action::Plan));
    deploy_answer(&mut m, request, Some(objects()));
    let s = shown(&m);
    assert_eq!(s.kept, ["/img/*"]);
    assert_eq!(s.planned.planned.wildcards, 0);
    // 13 and one typed: one.
    let mut m = form_with(13);
    type_text(&mut m, "\n/img/*");
    let request = deploy_request(&press(&mut m, Action::Plan));
    deploy_answer(&mut m, request, Some(objects()));
    assert_eq!(shown(&m).items(), ["/css/*", "/index.html", "/img/*"]);
}

#[test]
fn the_plan_waits_for_the_target_s_load() {
    let mut m = loaded();
    let effects = press(&mut m, Action::NewBatch);
    let load = effects
        .iter()
        .find_map(|e| match e {
            Effect::LoadOfTarget { request, .. } => Some(*request),
            _ => None,
        })
        .unwrap();
    type_text(&mut m, CHANGED);
    let request = deploy_request(&press(&mut m, Action::Plan));
    deploy_answer(&mut m, request, Some(objects()));
    assert!(
        m.compose
            .as_ref()
            .unwrap()
            .plan
            .as_ref()
            .unwrap()
            .shown
            .is_none()
    );
    update(
        &mut m,
        Msg::LoadOfTargetLoaded {
            request: load,
            target: dist("EONE"),
            result: Ok(InProgressLoad::default()),
        },
    );
    assert_eq!(shown(&m).items(), ["/css/*", "/index.html"]);
}

#[test]
fn unchanged_objects_within_max_extra_may_be_purged() {
    let mut m = form_with(0);
    m.settings.deploy.max_extra = 2;
    let request = deploy_request(&press(&mut m, Action::Plan));
    deploy_answer(&mut m, request, Some(objects()));
    let s = shown(&m);
    assert_eq!(s.items(), ["/*"]);
    assert_eq!(s.planned.planned.extra, Some(2));
}

#[test]
fn nothing_to_plan_or_lines_to_fix_are_said() {
    let mut m = loaded();
    press(&mut m, Action::NewBatch);
    let effects = press(&mut m, Action::Plan);
    assert!(
        !effects
            .iter()
            .any(|e| matches!(e, Effect::LoadDeploy { .. }))
    );
    assert!(
        m.flash
            .as_ref()
            .unwrap()
            .text
            .starts_with("nothing to plan")
    );
    type_text(&mut m, "index.html");
    press(&mut m, Action::Plan);
    assert!(
        m.flash.as_ref().unwrap().text.contains("fix it first"),
        "{:?}",
        m.flash
    );
    assert_eq!(m.overlays.question(), None);
}
