//! `/`: narrowing the targets and the invalidations.

use crossterm::event::{KeyCode, KeyEvent};

use super::*;

fn type_filter(m: &mut Model, text: &str) {
    for c in text.chars() {
        update(m, Msg::Input(KeyEvent::from(KeyCode::Char(c))));
    }
}

#[test]
fn the_targets_filter_narrows_the_pane_and_keeps_a_tenants_parent() {
    let mut m = loaded();
    update(
        &mut m,
        Msg::TenantsLoaded {
            request: 4,
            distribution_id: "EMULTI".into(),
            result: Ok(vec![
                tenant("dt_shop", "EMULTI"),
                tenant("dt_blog", "EMULTI"),
            ]),
        },
    );
    update(&mut m, Msg::Action(Action::Filter));
    assert_eq!(m.context(), Context::Filter);
    type_filter(&mut m, "SHOP");
    let shown: Vec<String> = m.targets().iter().map(|e| e.label.clone()).collect();
    assert_eq!(
        shown,
        ["EMULTI", "dt_shop"],
        "the parent stays for the nesting"
    );
    assert_eq!(m.all_targets().len(), 5);
    // Enter keeps it; the keys move over what is shown.
    update(&mut m, Msg::Action(Action::Open));
    assert_eq!(m.context(), Context::Browse);
    assert_eq!(m.target_filter.value(), "SHOP");
    update(&mut m, Msg::Action(Action::Filter));
    update(&mut m, Msg::Action(Action::Back));
    assert_eq!(m.target_filter.value(), "", "Esc clears it");
    assert_eq!(m.targets().len(), 5);
}

#[test]
fn the_list_filter_moves_over_matching_rows_only() {
    let mut m = loaded();
    m.focus = Pane::Invalidations;
    update(&mut m, Msg::Action(Action::Filter));
    // Ids are I0000000000000 … I0000000000099: "5" is in 19 of them.
    type_filter(&mut m, "5");
    let (_, list) = m.selected_list().unwrap();
    let visible = list.shown().to_vec();
    assert_eq!(visible.len(), 19);
    assert_eq!(
        list.cursor, visible[0],
        "the selection moved to the first match"
    );
    update(&mut m, Msg::Action(Action::Open));
    update(&mut m, Msg::Action(Action::Down));
    let (_, list) = m.selected_list().unwrap();
    assert_eq!(list.cursor, visible[1]);
    assert!(list.selected().unwrap().id.contains('5'));
}

#[test]
fn a_filter_that_leaves_few_rows_loads_the_next_page() {
    let mut m = loaded();
    m.focus = Pane::Invalidations;
    update(&mut m, Msg::Action(Action::Filter));
    let effects = update(&mut m, Msg::Input(KeyEvent::from(KeyCode::Char('7'))));
    let (_, page) = list_request(&effects);
    assert!(
        page.marker.is_some(),
        "19 matches among 100 loaded: more is fetched"
    );
}

#[test]
fn the_list_filter_matches_the_paths_of_rows_whose_details_are_known() {
    let mut m = loaded();
    let (target, list) = m.selected_list().unwrap();
    let id = list.items()[7].id.clone();
    let known = crate::domain::invalidation::Invalidation {
        id: id.clone(),
        status: crate::domain::invalidation::Status::Completed,
        create_time: Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap(),
        caller_reference: "r".into(),
        items: vec!["/assets/App.css".into()],
    };
    let effects = update(
        &mut m,
        Msg::KnownLoaded {
            target: target.clone(),
            invalidations: vec![known],
        },
    );
    assert_eq!(effects, [Effect::Render]);
    assert!(
        matches!(m.details.get(&(target, id.clone())), Some(Slot::Ready(_))),
        "its details open at once"
    );
    m.focus = Pane::Invalidations;
    update(&mut m, Msg::Action(Action::Filter));
    type_filter(&mut m, "app.css");
    let (_, list) = m.selected_list().unwrap();
    let visible = list.shown().to_vec();
    assert_eq!(visible.len(), 1);
    assert_eq!(list.items()[visible[0]].id, id);
}
