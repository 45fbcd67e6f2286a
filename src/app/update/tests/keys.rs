//! Keys: panes, help, quitting, and no redraw when nothing changed.

use super::*;

#[test]
fn open_and_back_move_between_panes() {
    let mut m = loaded();
    assert_eq!(m.focus, Pane::Targets);
    update(&mut m, Msg::Action(Action::Open));
    assert_eq!(m.focus, Pane::Invalidations);
    update(&mut m, Msg::Action(Action::Open));
    assert_eq!(m.focus, Pane::Details);
    update(&mut m, Msg::Action(Action::Back));
    assert_eq!(m.focus, Pane::Invalidations);
    update(&mut m, Msg::Action(Action::PrevPane));
    assert_eq!(m.focus, Pane::Targets);
    update(&mut m, Msg::Action(Action::PrevPane));
    assert_eq!(m.focus, Pane::Details, "Shift-Tab wraps around");
}

#[test]
fn help_is_modal_and_closes_with_esc() {
    let mut m = loaded();
    update(&mut m, Msg::Action(Action::Help));
    assert!(m.overlays.help());
    assert!(update(&mut m, Msg::Action(Action::Down)).is_empty());
    assert_eq!(m.target_cursor, 0);
    assert_eq!(
        update(&mut m, Msg::Action(Action::Back)),
        vec![Effect::Render]
    );
    assert!(!m.overlays.help());
}

#[test]
fn nothing_changed_means_no_render() {
    let mut m = loaded();
    assert!(
        update(&mut m, Msg::Action(Action::Up)).is_empty(),
        "already at the top"
    );
    assert!(
        update(&mut m, Msg::Action(Action::Back)).is_empty(),
        "already on targets"
    );
    // Everything loaded but the tenants and a count: the spinner turns; once they are here, it stops.
    assert_eq!(update(&mut m, Msg::SpinnerTick), vec![Effect::Render]);
    let details: Vec<_> = m.details.keys().cloned().collect();
    for key in details {
        m.details.insert(
            key,
            Slot::Ready(crate::domain::invalidation::Invalidation {
                id: "x".into(),
                status: Status::Completed,
                create_time: m.now,
                caller_reference: "r".into(),
                items: vec![],
            }),
        );
    }
    m.tenants.clear();
    let counted = m.in_progress.get("EONE").and_then(|s| match s {
        Slot::Loading(r) => Some(*r),
        _ => None,
    });
    update(
        &mut m,
        Msg::InProgressCountLoaded {
            request: counted.expect("the count was asked for"),
            distribution_id: "EONE".into(),
            result: Ok(0),
        },
    );
    assert!(update(&mut m, Msg::SpinnerTick).is_empty());
}

#[test]
fn quit_quits_even_from_help() {
    let mut m = loaded();
    update(&mut m, Msg::Action(Action::Help));
    assert_eq!(
        update(&mut m, Msg::Action(Action::Quit)),
        vec![Effect::Quit]
    );
}

#[test]
fn y_copies_the_target_the_id_or_in_details_the_paths() {
    let mut m = loaded();
    let copied = |effects: &[Effect]| {
        effects.iter().find_map(|e| match e {
            Effect::Copy(text) => Some(text.clone()),
            _ => None,
        })
    };
    assert_eq!(
        copied(&update(&mut m, Msg::Action(Action::Copy))).as_deref(),
        Some("EONE")
    );
    m.focus = Pane::Invalidations;
    let (_, list) = m.selected_list().unwrap();
    let id = list.selected().unwrap().id.clone();
    assert_eq!(
        copied(&update(&mut m, Msg::Action(Action::Copy))),
        Some(id.clone())
    );
    m.focus = Pane::Details;
    m.details.insert(
        (dist("EONE"), id.clone()),
        Slot::Ready(crate::domain::invalidation::Invalidation {
            id: id.clone(),
            status: Status::Completed,
            create_time: m.now,
            caller_reference: "r".into(),
            items: vec!["/a".into(), "/b c".into()],
        }),
    );
    assert_eq!(
        copied(&update(&mut m, Msg::Action(Action::Copy))).as_deref(),
        Some("/a\n/b c")
    );
    assert!(m.flash.as_ref().unwrap().text.contains("2 paths"));
}
