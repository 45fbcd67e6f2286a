//! What is polled, when, and what never is.

use std::time::Duration as StdDuration;

use super::*;
use crate::app::watch::{Progress, Subject};
use crate::domain::invalidation::Invalidation;

fn polls(effects: &[Effect]) -> Vec<(RequestId, String, StdDuration)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Poll {
                request, id, after, ..
            } => Some((*request, id.clone(), *after)),
            _ => None,
        })
        .collect()
}

fn full(id: &str, status: Status) -> Invalidation {
    Invalidation {
        id: id.into(),
        status,
        create_time: Utc.with_ymd_and_hms(2026, 11, 22, 11, 50, 0).unwrap(),
        caller_reference: "r".into(),
        items: vec!["/a".into()],
    }
}

/// A model whose selected list has one in-progress invalidation (I…0) on top; the effects of
/// its page arriving.
pub(super) fn with_one_in_progress() -> (Model, Vec<Effect>) {
    let mut m = model();
    update(&mut m, Msg::Start);
    let effects = distributions_arrive(&mut m, vec![distribution("EONE", false)]);
    let (request, _) = list_request(&effects);
    let mut first = page(0..5, None, false);
    first.items[0].status = Status::InProgress;
    let effects = update(
        &mut m,
        Msg::InvalidationsLoaded {
            request,
            target: dist("EONE"),
            result: Ok(first),
        },
    );
    (m, effects)
}

#[test]
fn in_progress_rows_of_the_selected_list_are_polled_and_completed_ones_never() {
    let (m, effects) = with_one_in_progress();
    let scheduled = polls(&effects);
    assert_eq!(scheduled.len(), 1, "{effects:?}");
    assert_eq!(scheduled[0].1, "I0000000000000");
    let first = scheduled[0].2;
    assert!(first >= StdDuration::from_millis(2400) && first <= StdDuration::from_millis(3600));
    assert_eq!(m.polls.len(), 1);
}

#[test]
fn polls_back_off_and_stop_at_completion() {
    let (mut m, effects) = with_one_in_progress();
    let (mut request, id, mut last) = polls(&effects)[0].clone();
    let at = Utc.with_ymd_and_hms(2026, 11, 22, 12, 1, 0).unwrap();
    for _ in 0..3 {
        let effects = update(
            &mut m,
            Msg::Polled {
                request,
                target: dist("EONE"),
                id: id.clone(),
                at,
                result: Ok(full(&id, Status::InProgress)),
            },
        );
        let next = polls(&effects);
        assert_eq!(next.len(), 1);
        assert!(next[0].2 > last, "{:?} after {last:?}", next[0].2);
        (request, _, last) = next[0].clone();
    }
    let effects = update(
        &mut m,
        Msg::Polled {
            request,
            target: dist("EONE"),
            id: id.clone(),
            at,
            result: Ok(full(&id, Status::Completed)),
        },
    );
    assert!(polls(&effects).is_empty(), "never polled again");
    assert!(m.polls.is_empty());
    let (_, list) = m.selected_list().unwrap();
    assert_eq!(
        list.items()[0].status,
        Status::Completed,
        "the row shows it"
    );
    assert_eq!(m.completed_at.get(&(dist("EONE"), id)), Some(&at));
}

#[test]
fn an_answer_to_an_older_poll_is_dropped() {
    let (mut m, effects) = with_one_in_progress();
    let (request, id, _) = polls(&effects)[0].clone();
    let now = m.now;
    let effects = update(
        &mut m,
        Msg::Polled {
            request: request + 1000,
            target: dist("EONE"),
            id: id.clone(),
            at: now,
            result: Ok(full(&id, Status::Completed)),
        },
    );
    assert!(effects.is_empty());
    assert_eq!(
        m.selected_list().unwrap().1.items()[0].status,
        Status::InProgress
    );
}

#[test]
fn throttling_slows_polling_down_past_the_usual_maximum() {
    let (mut m, effects) = with_one_in_progress();
    let (request, id, _) = polls(&effects)[0].clone();
    let now = m.now;
    let effects = update(
        &mut m,
        Msg::Polled {
            request,
            target: dist("EONE"),
            id,
            at: now,
            result: Err(BackendError::Throttled),
        },
    );
    let after = polls(&effects)[0].2;
    assert!(after >= StdDuration::from_secs(24), "{after:?}");
}

#[test]
fn a_batch_off_screen_and_unwatched_is_no_longer_polled() {
    let (mut m, effects) = with_one_in_progress();
    let (request, id, _) = polls(&effects)[0].clone();
    // The user selects another target (none here: the list is dropped from view).
    m.lists.clear();
    let now = m.now;
    let effects = update(
        &mut m,
        Msg::Polled {
            request,
            target: dist("EONE"),
            id,
            at: now,
            result: Ok(full("I0000000000000", Status::InProgress)),
        },
    );
    assert!(polls(&effects).is_empty());
    assert!(m.polls.is_empty());
}

/// The poll of `id` on EONE answers at 12:04:10 that it completed: when, and the effects.
fn completes(m: &mut Model, request: RequestId, id: &str) -> (chrono::DateTime<Utc>, Vec<Effect>) {
    let at = Utc.with_ymd_and_hms(2026, 11, 22, 12, 4, 10).unwrap();
    let effects = update(
        m,
        Msg::Polled {
            request,
            target: dist("EONE"),
            id: id.to_string(),
            at,
            result: Ok(full(id, Status::Completed)),
        },
    );
    (at, effects)
}

#[test]
fn a_watched_batch_rings_when_done() {
    let (mut m, effects) = with_one_in_progress();
    m.focus = Pane::Invalidations;
    update(&mut m, Msg::Action(Action::Watch));
    assert_eq!(m.watched.len(), 1);
    assert!(
        polls(&update(&mut m, Msg::Action(Action::Watch))).is_empty(),
        "w again stops"
    );
    assert!(m.watched.is_empty());
    update(&mut m, Msg::Action(Action::Watch));
    let (request, id, _) = polls(&effects)[0].clone();
    let (at, effects) = completes(&mut m, request, &id);
    assert!(
        effects.iter().any(
            |e| matches!(e, Effect::Notify { body, .. } if body.contains("Completed after 14m 10s"))
        ),
        "{effects:?}"
    );
    assert_eq!(m.watched[0].progress, Progress::Done { at, failed: false });
    assert_eq!(
        m.watched[0].subject,
        Subject::Invalidation {
            target: dist("EONE"),
            id
        }
    );
}

#[test]
fn a_completed_batch_cannot_be_watched() {
    let (mut m, _) = with_one_in_progress();
    m.focus = Pane::Invalidations;
    update(&mut m, Msg::Action(Action::Down));
    update(&mut m, Msg::Action(Action::Watch));
    assert!(m.watched.is_empty());
    assert!(m.flash.as_ref().unwrap().text.contains("already Completed"));
}

#[test]
fn a_refresh_puts_new_rows_on_top_and_keeps_what_is_loaded_and_selected() {
    let mut m = loaded();
    m.focus = Pane::Invalidations;
    for _ in 0..30 {
        update(&mut m, Msg::Action(Action::Down));
    }
    let selected = m.selected_list().unwrap().1.selected().unwrap().id.clone();
    let effects = update(&mut m, Msg::RefreshTick);
    let (request, page_request) = list_request(&effects);
    assert_eq!(page_request, PageRequest::first(PAGE_SIZE));
    let mut fresh = page(0..100, None, true);
    fresh.items.insert(
        0,
        InvalidationSummary {
            id: "INEWEST".into(),
            status: Status::InProgress,
            create_time: m.now,
        },
    );
    fresh.items.pop();
    update(
        &mut m,
        Msg::InvalidationsLoaded {
            request,
            target: dist("EONE"),
            result: Ok(fresh),
        },
    );
    let (_, list) = m.selected_list().unwrap();
    assert_eq!(list.items()[0].id, "INEWEST");
    assert_eq!(list.items().len(), 101, "nothing loaded is lost");
    assert_eq!(list.selected().unwrap().id, selected, "the selection stays");
}

#[test]
fn a_lightsail_reset_is_followed_to_the_end() {
    let mut m = loaded();
    let now = m.now;
    m.target_cursor = 2;
    update(&mut m, Msg::Action(Action::NewBatch));
    let effects = update(&mut m, Msg::Action(Action::Yes));
    let request = effects
        .iter()
        .find_map(|e| match e {
            Effect::ResetCache { request, name } if name == "blog-cdn" => Some(*request),
            _ => None,
        })
        .expect("a reset is asked for");
    let op = |status: &str, terminal: bool| crate::domain::lightsail::Operation {
        id: "op-1".into(),
        resource_name: "blog-cdn".into(),
        status: crate::domain::lightsail::OperationStatus::parse(status),
        is_terminal: terminal,
        created_at: now,
        status_changed_at: None,
        error_code: None,
        error_details: None,
    };
    let effects = update(
        &mut m,
        Msg::ResetStarted {
            request,
            name: "blog-cdn".into(),
            result: Ok(op("Started", false)),
        },
    );
    let poll = effects
        .iter()
        .find_map(|e| match e {
            Effect::PollOperation { request, .. } => Some(*request),
            _ => None,
        })
        .expect("the operation is followed");
    let effects = update(
        &mut m,
        Msg::OperationPolled {
            request: poll,
            name: "blog-cdn".into(),
            operation: "op-1".into(),
            at: now,
            result: Ok(op("Succeeded", true)),
        },
    );
    assert!(effects.iter().any(|e| matches!(e, Effect::Notify { .. })));
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::LoadLatestReset { .. })),
        "the last reset is shown afresh"
    );
    assert!(matches!(
        m.watched[0].progress,
        Progress::Done { failed: false, .. }
    ));
}

#[test]
fn read_only_refuses_a_reset() {
    let mut m = loaded();
    m.read_only = true;
    m.target_cursor = 2;
    update(&mut m, Msg::Action(Action::NewBatch));
    assert!(m.overlays.question().is_none());
    assert!(m.flash.as_ref().unwrap().text.contains("--read-only"));
}

#[test]
fn a_poll_that_finds_nothing_new_draws_nothing() {
    let (mut m, effects) = with_one_in_progress();
    let (request, id, _) = polls(&effects)[0].clone();
    let now = m.now;
    let mut same = full(&id, Status::InProgress);
    same.create_time = m.selected_list().unwrap().1.items()[0].create_time;
    let first = update(
        &mut m,
        Msg::Polled {
            request,
            target: dist("EONE"),
            id: id.clone(),
            at: now,
            result: Ok(same.clone()),
        },
    );
    assert!(
        first.contains(&Effect::Render),
        "the details arrived: {first:?}"
    );
    let (request, _, _) = polls(&first)[0].clone();
    let second = update(
        &mut m,
        Msg::Polled {
            request,
            target: dist("EONE"),
            id,
            at: now,
            result: Ok(same),
        },
    );
    assert!(!second.contains(&Effect::Render), "{second:?}");
    assert_eq!(polls(&second).len(), 1, "still followed");
}

#[test]
fn the_completion_command_gets_what_ended_and_its_failure_is_said() {
    let (mut m, effects) = with_one_in_progress();
    m.settings.command = Some("post-to-chat".into());
    m.focus = Pane::Invalidations;
    update(&mut m, Msg::Action(Action::Watch));
    let (request, id, _) = polls(&effects)[0].clone();
    let (_, effects) = completes(&mut m, request, &id);
    let env = effects
        .iter()
        .find_map(|e| match e {
            Effect::RunHook { command, env } if command == "post-to-chat" => Some(env.clone()),
            _ => None,
        })
        .expect("the command is run");
    let get = |name: &str| {
        env.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    assert_eq!(get("EDGEPURGE_TARGET"), "EONE");
    assert_eq!(get("EDGEPURGE_ID"), id);
    assert_eq!(get("EDGEPURGE_STATUS"), "Completed");
    assert_eq!(get("EDGEPURGE_KIND"), "invalidation");
    assert_eq!(get("EDGEPURGE_FAILED"), "0");
    assert_eq!(get("EDGEPURGE_SECONDS"), "850");
    // Its failure is said, never fatal.
    let effects = update(&mut m, Msg::HookRan(Err("exit status 3: no route".into())));
    assert_eq!(effects, vec![Effect::Render]);
    let flash = m.flash.as_ref().unwrap();
    assert!(
        flash.error && flash.text.contains("exit status 3: no route"),
        "{flash:?}"
    );
}
