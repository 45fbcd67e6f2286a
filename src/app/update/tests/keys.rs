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
    // Down scrolls the help, never the panes under it.
    assert_eq!(
        update(&mut m, Msg::Action(Action::Down)),
        vec![Effect::Render]
    );
    assert_eq!(m.help_scroll, 1);
    assert_eq!(m.target_cursor, 0);
    assert!(update(&mut m, Msg::Action(Action::NewBatch)).is_empty());
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

#[test]
fn e_exports_the_shown_list_as_csv_and_shift_e_as_json() {
    let mut m = loaded();
    m.focus = Pane::Invalidations;
    let (_, list) = m.selected_list().unwrap();
    let first = list.items()[0].clone();
    m.details.insert(
        (dist("EONE"), first.id.clone()),
        Slot::Ready(crate::domain::invalidation::Invalidation {
            id: first.id.clone(),
            status: first.status,
            create_time: first.create_time,
            caller_reference: "r".into(),
            items: vec!["/a".into(), "/b,c".into()],
        }),
    );
    let export = |effects: &[Effect]| {
        effects.iter().find_map(|e| match e {
            Effect::Export { path, contents } => Some((path.clone(), contents.clone())),
            _ => None,
        })
    };
    let (path, csv) = export(&update(&mut m, Msg::Action(Action::ExportCsv))).unwrap();
    assert_eq!(
        path.to_string_lossy(),
        "edgepurge-EONE-20261122T120000Z.csv"
    );
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "id,status,created_at,paths,items,target");
    assert_eq!(lines.len(), 101, "a header and the 100 rows loaded");
    assert!(
        lines[1].starts_with(&format!("{},", first.id)),
        "{}",
        lines[1]
    );
    assert!(lines[1].ends_with(",2,\"/a /b,c\",EONE"), "{}", lines[1]);
    let (_, json) = export(&update(&mut m, Msg::Action(Action::ExportJson))).unwrap();
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.as_array().map(Vec::len), Some(100));
    assert_eq!(rows[0]["items"], serde_json::json!(["/a", "/b,c"]));
    assert_eq!(rows[1]["paths"], serde_json::Value::Null);
    // The file is said once written.
    update(&mut m, Msg::Exported(Ok("edgepurge-EONE-x.csv".into())));
    assert!(m.flash.as_ref().unwrap().text.contains("exported to"));
}
