//! The compose form: opening, typing, checks, confirmation, submission outcomes.

use crossterm::event::{KeyCode, KeyEvent};

use super::*;
use crate::app::compose::Field;
use crate::domain::invalidation::Invalidation;

pub(super) fn type_text(m: &mut Model, text: &str) {
    for c in text.chars() {
        let key = if c == '\n' {
            KeyEvent::from(KeyCode::Enter)
        } else {
            KeyEvent::from(KeyCode::Char(c))
        };
        update(m, Msg::Input(key));
    }
}

pub(super) fn press(m: &mut Model, action: Action) -> Vec<Effect> {
    update(m, Msg::Action(action))
}

pub(super) fn created(id: &str, items: &[&str], reference: &str) -> Invalidation {
    Invalidation {
        id: id.into(),
        status: Status::InProgress,
        create_time: Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap(),
        caller_reference: reference.into(),
        items: items.iter().map(|s| s.to_string()).collect(),
    }
}

pub(super) fn creates(
    effects: &[Effect],
) -> Vec<(RequestId, CloudFrontTarget, Vec<String>, String)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Create {
                request,
                target,
                part,
            } => Some((
                *request,
                target.clone(),
                part.items.clone(),
                part.caller_reference.as_str().to_string(),
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn n_opens_a_form_for_the_selected_target_and_asks_for_its_load() {
    let mut m = loaded();
    let effects = press(&mut m, Action::NewBatch);
    let form = m.compose.as_ref().expect("the form is open");
    assert_eq!(form.chosen(), vec![dist("EONE")]);
    assert!(form.reference().is_ok(), "a reference is filled in");
    assert_eq!(
        count(
            &effects,
            |e| matches!(e, Effect::LoadOfTarget { target, .. } if *target == dist("EONE"))
        ),
        1
    );
    assert_eq!(m.context(), Context::Form);
}

#[test]
fn a_multi_tenant_distribution_and_lightsail_do_not_open_the_form() {
    let mut m = loaded();
    m.target_cursor = 1; // EMULTI
    press(&mut m, Action::NewBatch);
    assert!(m.compose.is_none());
    assert!(m.flash.as_ref().unwrap().text.contains("tenants"));
    m.target_cursor = 2; // blog-cdn
    press(&mut m, Action::NewBatch);
    assert_eq!(
        m.overlays.question(),
        Some(&Question::ResetCache {
            name: "blog-cdn".into()
        })
    );
}

#[test]
fn typing_judges_each_line_and_a_rejected_line_stops_the_submit() {
    let mut m = loaded();
    press(&mut m, Action::NewBatch);
    type_text(&mut m, "index.html\n/a");
    press(&mut m, Action::Submit);
    let form = m.compose.as_ref().unwrap();
    assert!(m.overlays.is_empty() && !form.is_sending());
    let error = form.error.as_deref().unwrap();
    assert!(
        error.contains("1 line cannot be sent") && error.contains("Ctrl-f"),
        "{error}"
    );
    press(&mut m, Action::AcceptFixes);
    assert_eq!(
        m.compose.as_ref().unwrap().editor.lines(),
        ["/index.html", "/a"]
    );
    press(&mut m, Action::Submit);
    assert_eq!(
        m.overlays.question(),
        Some(&Question::Send { everything: false })
    );
    assert_eq!(m.context(), Context::Question);
}

#[test]
fn an_empty_batch_a_bad_reference_and_no_target_are_refused_with_the_fix() {
    let mut m = loaded();
    press(&mut m, Action::NewBatch);
    press(&mut m, Action::Submit);
    assert!(
        m.compose
            .as_ref()
            .unwrap()
            .error
            .as_deref()
            .unwrap()
            .contains("nothing to send")
    );
    type_text(&mut m, "/a");
    // The reference field, emptied.
    press(&mut m, Action::NextField);
    assert_eq!(m.compose.as_ref().unwrap().field, Field::CallerReference);
    for _ in 0..80 {
        update(&mut m, Msg::Input(KeyEvent::from(KeyCode::Backspace)));
    }
    press(&mut m, Action::Submit);
    assert!(
        m.compose
            .as_ref()
            .unwrap()
            .error
            .as_deref()
            .unwrap()
            .contains("empty")
    );
    type_text(&mut m, "deploy-7");
    // The target, unchosen.
    press(&mut m, Action::NextField);
    press(&mut m, Action::Toggle);
    press(&mut m, Action::Submit);
    assert!(
        m.compose
            .as_ref()
            .unwrap()
            .error
            .as_deref()
            .unwrap()
            .contains("no target")
    );
}

#[test]
fn read_only_refuses_the_submit_and_keeps_the_text() {
    let mut m = loaded();
    m.read_only = true;
    press(&mut m, Action::NewBatch);
    type_text(&mut m, "/a");
    let effects = press(&mut m, Action::Submit);
    assert!(creates(&effects).is_empty());
    assert!(m.flash.as_ref().unwrap().text.contains("--read-only"));
    assert_eq!(m.compose.as_ref().unwrap().editor.lines(), ["/a"]);
}

#[test]
fn purging_everything_asks_twice() {
    let mut m = loaded();
    press(&mut m, Action::NewBatch);
    type_text(&mut m, "/*");
    press(&mut m, Action::Submit);
    assert!(creates(&press(&mut m, Action::Yes)).is_empty(), "not yet");
    assert_eq!(
        m.overlays.question(),
        Some(&Question::Send { everything: true })
    );
    let sent = creates(&press(&mut m, Action::Yes));
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].2, vec!["/*".to_string()]);
}

#[test]
fn no_to_the_confirmation_goes_back_to_the_form() {
    let mut m = loaded();
    press(&mut m, Action::NewBatch);
    type_text(&mut m, "/a");
    press(&mut m, Action::Submit);
    press(&mut m, Action::No);
    assert!(m.overlays.is_empty());
    assert_eq!(m.context(), Context::Form);
    assert_eq!(m.compose.as_ref().unwrap().editor.lines(), ["/a"]);
}

#[test]
fn success_closes_the_form_selects_and_watches_the_new_invalidation() {
    let mut m = loaded();
    press(&mut m, Action::NewBatch);
    type_text(&mut m, "/a\n/b");
    press(&mut m, Action::Submit);
    let sent = creates(&press(&mut m, Action::Yes));
    assert_eq!(sent.len(), 1);
    let (request, target, items, reference) = sent[0].clone();
    assert_eq!(items, vec!["/a".to_string(), "/b".to_string()]);
    assert!(m.compose.as_ref().unwrap().is_sending());
    assert!(m.overlays.is_empty());
    let effects = update(
        &mut m,
        Msg::Created {
            request,
            result: Ok(created("INEW", &["/a", "/b"], &reference)),
        },
    );
    assert!(m.compose.is_none());
    assert!(effects.contains(&Effect::ForgetDraft));
    let (_, list) = m.selected_list().unwrap();
    assert_eq!(list.selected().unwrap().id, "INEW");
    assert_eq!(m.focus, Pane::Invalidations);
    assert_eq!(m.watched.len(), 1);
    assert_eq!(
        count(
            &effects,
            |e| matches!(e, Effect::Poll { id, target: t, .. } if id == "INEW" && *t == target)
        ),
        1,
        "{effects:?}"
    );
}

#[test]
fn a_failure_keeps_the_form_with_the_error_and_a_second_submit_reuses_the_reference() {
    let mut m = loaded();
    press(&mut m, Action::NewBatch);
    type_text(&mut m, "/a");
    press(&mut m, Action::Submit);
    let (request, _, _, reference) = creates(&press(&mut m, Action::Yes))[0].clone();
    update(
        &mut m,
        Msg::Created {
            request,
            result: Err(crate::engine::SendError::Refused(
                BackendError::TooManyInProgress {
                    message: "3000 paths".into(),
                },
            )),
        },
    );
    let form = m.compose.as_ref().expect("the form stays");
    assert!(!form.is_sending());
    assert_eq!(form.editor.lines(), ["/a"]);
    let error = form.error.as_deref().unwrap();
    assert!(
        error.contains("too many invalidations in progress") && error.contains("safely"),
        "{error}"
    );
    press(&mut m, Action::Submit);
    let again = creates(&press(&mut m, Action::Yes));
    assert_eq!(again[0].3, reference, "the same caller reference");
    assert_ne!(again[0].0, request, "a new request");
}

#[test]
fn several_targets_each_get_the_batch_and_big_batches_go_in_parts() {
    let mut m = model();
    update(&mut m, Msg::Start);
    distributions_arrive(
        &mut m,
        vec![distribution("EONE", false), distribution("ETWO", false)],
    );
    press(&mut m, Action::NewBatch);
    let paths: String = (0..3001).map(|i| format!("/p{i}\n")).collect();
    update(&mut m, Msg::Paste(paths));
    press(&mut m, Action::NextField);
    press(&mut m, Action::NextField);
    update(&mut m, Msg::Input(KeyEvent::from(KeyCode::Down)));
    press(&mut m, Action::Toggle);
    press(&mut m, Action::Submit);
    let sent = creates(&press(&mut m, Action::Yes));
    assert_eq!(sent.len(), 4, "2 targets × 2 parts");
    let references: std::collections::HashSet<&str> = sent.iter().map(|s| s.3.as_str()).collect();
    assert_eq!(
        references.len(),
        2,
        "one reference per part, the same on both targets"
    );
    assert!(
        references
            .iter()
            .all(|r| r.ends_with("-1of2") || r.ends_with("-2of2")),
        "parts are counted from 1, as the CLI does: {references:?}"
    );
    assert_eq!(sent.iter().map(|s| s.2.len()).sum::<usize>(), 2 * 3001);
}

#[test]
fn a_paste_in_the_panes_opens_the_form_with_it() {
    let mut m = loaded();
    update(&mut m, Msg::Paste("/a\r\n/b\r/c".into()));
    assert_eq!(
        m.compose.as_ref().unwrap().editor.lines(),
        ["/a", "/b", "/c"]
    );
}

#[test]
fn a_paste_past_the_batch_caps_is_refused_with_a_message() {
    let mut m = loaded();
    m.settings.batch_limits = crate::domain::batch::BatchLimits {
        max_items: 3,
        max_megabytes: 1,
    };
    update(&mut m, Msg::Paste("/a\n/b".into()));
    update(&mut m, Msg::Paste("\n/c\n/d".into()));
    let form = m.compose.as_ref().unwrap();
    assert_eq!(
        form.editor.lines(),
        ["/a", "/b"],
        "the paste that passes is refused whole"
    );
    let flash = m.flash.as_ref().unwrap();
    assert!(flash.error);
    assert!(flash.text.contains("not pasted"), "{}", flash.text);
    assert!(flash.text.contains("more than 3 items"), "{}", flash.text);
    update(&mut m, Msg::Paste("\n\n/c\n".into()));
    assert_eq!(m.compose.as_ref().unwrap().editor.lines().len(), 5);
    update(&mut m, Msg::Paste("x".repeat((1 << 20) + 1)));
    assert!(m.flash.as_ref().unwrap().text.contains("more than 1 MB"));
}

#[test]
fn copy_to_new_fills_the_form_with_the_selected_batch() {
    let mut m = loaded();
    m.focus = Pane::Invalidations;
    let id = m.selected_list().unwrap().1.selected().unwrap().id.clone();
    m.details.insert(
        (dist("EONE"), id.clone()),
        Slot::Ready(created(&id, &["/x", "/y/*"], "r")),
    );
    press(&mut m, Action::CopyToNew);
    let form = m.compose.as_ref().unwrap();
    assert_eq!(form.editor.lines(), ["/x", "/y/*"]);
    assert_eq!(form.copied_from.as_deref(), Some(id.as_str()));
}

#[test]
fn esc_sets_the_batch_aside_and_n_brings_it_back() {
    let mut m = loaded();
    press(&mut m, Action::NewBatch);
    type_text(&mut m, "/kept");
    let effects = press(&mut m, Action::Back);
    assert!(m.compose.is_none());
    assert!(matches!(&effects[..], [Effect::Render, Effect::SaveDraft(d)] if d.text == "/kept"));
    press(&mut m, Action::NewBatch);
    assert_eq!(m.compose.as_ref().unwrap().editor.lines(), ["/kept"]);
}

#[test]
fn quitting_with_a_batch_asks_and_keeps_it_as_a_draft() {
    let mut m = loaded();
    press(&mut m, Action::NewBatch);
    type_text(&mut m, "/a");
    assert!(!press(&mut m, Action::Quit).contains(&Effect::Quit));
    assert_eq!(m.overlays.question(), Some(&Question::Quit));
    let effects = press(&mut m, Action::Yes);
    assert!(
        matches!(&effects[..], [Effect::SaveDraft(d), Effect::Quit] if d.text == "/a" && d.targets == ["EONE"])
    );
}

#[test]
fn a_signal_keeps_the_draft_without_asking() {
    let mut m = loaded();
    press(&mut m, Action::NewBatch);
    type_text(&mut m, "/a");
    let effects = update(&mut m, Msg::Terminate);
    assert!(matches!(&effects[..], [Effect::SaveDraft(_), Effect::Quit]));
}

#[test]
fn last_times_draft_is_offered_and_opens_with_its_targets() {
    let mut m = loaded();
    let saved_at = m.now;
    update(
        &mut m,
        Msg::DraftsFound(vec![crate::store::drafts::SavedDraft {
            id: "dashboard-1".into(),
            draft: crate::domain::draft::Draft {
                targets: vec!["EONE".into()],
                text: "/old".into(),
                caller_reference: "ref-old".into(),
            },
            saved_at,
        }]),
    );
    assert!(
        matches!(m.overlays.question(), Some(Question::Draft { summary }) if summary.contains("1 line for EONE"))
    );
    let effects = press(&mut m, Action::Yes);
    // Saved as this dashboard's own before the other run's row is forgotten.
    let save = effects
        .iter()
        .position(|e| matches!(e, Effect::SaveDraft(d) if d.text == "/old"));
    let forget = effects
        .iter()
        .position(|e| *e == Effect::ForgetDraftOf("dashboard-1".into()));
    assert!(
        matches!((save, forget), (Some(s), Some(f)) if s < f),
        "{effects:?}"
    );
    let form = m.compose.as_ref().unwrap();
    assert_eq!(form.editor.lines(), ["/old"]);
    assert_eq!(form.caller_reference.value(), "ref-old");
    assert_eq!(form.chosen(), vec![dist("EONE")]);
    assert!(!form.choices.is_empty());
}

#[test]
fn a_set_aside_batch_does_not_stand_in_the_way_of_a_lightsail_reset() {
    let mut m = loaded();
    press(&mut m, Action::NewBatch);
    type_text(&mut m, "/kept");
    press(&mut m, Action::Back);
    m.target_cursor = 2; // blog-cdn
    press(&mut m, Action::NewBatch);
    assert!(matches!(
        m.overlays.question(),
        Some(Question::ResetCache { .. })
    ));
    assert!(m.draft.is_some(), "the batch is still kept");
}

#[test]
fn pasted_deploy_output_becomes_the_paths_it_names() {
    let mut m = loaded();
    let sync = "upload: dist/img/a b.png to s3://site/img/a b.png\r\n\
                (dryrun) delete: s3://site/docs/index.html\r\n";
    update(&mut m, Msg::Paste(sync.into()));
    assert_eq!(
        m.compose.as_ref().unwrap().editor.lines(),
        ["/img/a%20b.png", "/docs/index.html", "/docs/", "/docs", ""]
    );
    let flash = m.flash.as_ref().unwrap();
    assert!(!flash.error);
    assert_eq!(
        flash.text,
        "read as aws s3 sync output: 2 changes → 4 paths"
    );
    // Paths typed by hand stay as they are.
    update(&mut m, Msg::Paste("/x".into()));
    assert_eq!(
        m.compose.as_ref().unwrap().editor.lines().last().unwrap(),
        "/x"
    );
}
