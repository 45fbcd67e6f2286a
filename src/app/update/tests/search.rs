//! `s`: the history search over every target.

use crossterm::event::{KeyCode, KeyEvent};

use super::*;
use crate::store::search::{Hit, Match};

fn hit(target: &str, id: &str) -> Hit {
    Hit {
        target: target.into(),
        id: id.into(),
        create_time: Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap(),
        status: "Completed".into(),
        caller_reference: None,
        matches: vec!["/assets/app.css".into()],
        how: Match::Exact,
    }
}

fn searches(effects: &[Effect]) -> Vec<(RequestId, String)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::SearchHistory { request, text } => Some((*request, text.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn typing_searches_each_change_and_an_older_answer_is_dropped() {
    let mut m = loaded();
    update(&mut m, Msg::Action(Action::Search));
    assert_eq!(m.context(), Context::Search);
    let mut asked = Vec::new();
    for c in "app".chars() {
        asked.extend(searches(&update(
            &mut m,
            Msg::Input(KeyEvent::from(KeyCode::Char(c))),
        )));
    }
    assert_eq!(
        asked.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(),
        ["a", "ap", "app"]
    );
    // The answer to "ap" comes after "app" was asked: dropped.
    let effects = update(
        &mut m,
        Msg::HistorySearched {
            request: asked[1].0,
            result: Ok(vec![hit("EONE", "IOLD")]),
        },
    );
    assert!(effects.is_empty());
    update(
        &mut m,
        Msg::HistorySearched {
            request: asked[2].0,
            result: Ok(vec![hit("EONE", "I0000000000003"), hit("EONE", "IX")]),
        },
    );
    let search = m.overlays.search().unwrap();
    assert_eq!(search.hits.len(), 2);
    // A pasted text is text, never keys.
    let effects = update(&mut m, Msg::Paste(".css\nq".into()));
    assert_eq!(searches(&effects)[0].1, "app.css");
    assert!(!effects.contains(&Effect::Quit));
}

#[test]
fn enter_opens_the_chosen_invalidation_in_its_list() {
    let mut m = loaded();
    update(&mut m, Msg::Action(Action::Search));
    let request = searches(&update(
        &mut m,
        Msg::Input(KeyEvent::from(KeyCode::Char('x'))),
    ))[0]
        .0;
    update(
        &mut m,
        Msg::HistorySearched {
            request,
            result: Ok(vec![hit("ETWO", "IA"), hit("EONE", "I0000000000003")]),
        },
    );
    update(&mut m, Msg::Action(Action::Down));
    update(&mut m, Msg::Action(Action::Open));
    assert!(m.overlays.search().is_none());
    assert_eq!(m.focus, Pane::Invalidations);
    let (target, list) = m.selected_list().unwrap();
    assert_eq!(target, dist("EONE"));
    assert_eq!(list.selected().unwrap().id, "I0000000000003");
    assert_eq!(m.list_filter.value(), "I0000000000003");
    // Esc closes it without a trace.
    update(&mut m, Msg::Action(Action::Search));
    update(&mut m, Msg::Action(Action::Back));
    assert!(m.overlays.search().is_none());
    assert_eq!(m.context(), Context::Browse);
}
