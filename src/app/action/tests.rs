use super::*;

/// The position of each action in `ALL`. The match has no catch-all, so a new action stops
/// this compiling until it is given its place here; the count below then asks for it in `ALL`.
fn position(action: Action) -> usize {
    match action {
        Action::Up => 0,
        Action::Down => 1,
        Action::PageUp => 2,
        Action::PageDown => 3,
        Action::Top => 4,
        Action::Bottom => 5,
        Action::NextPane => 6,
        Action::PrevPane => 7,
        Action::Open => 8,
        Action::Back => 9,
        Action::Refresh => 10,
        Action::NewBatch => 11,
        Action::CopyToNew => 12,
        Action::Watch => 13,
        Action::Copy => 14,
        Action::Zoom => 15,
        Action::VerifyEdge => 16,
        Action::ClearWatched => 17,
        Action::CollapseWatch => 18,
        Action::Sort => 19,
        Action::ExportCsv => 20,
        Action::ExportJson => 21,
        Action::Filter => 22,
        Action::Search => 23,
        Action::Running => 24,
        Action::SwitchAccount => 25,
        Action::Help => 26,
        Action::Quit => 27,
        Action::Suspend => 28,
        Action::Submit => 29,
        Action::AcceptFixes => 30,
        Action::NextField => 31,
        Action::PrevField => 32,
        Action::Toggle => 33,
        Action::Discard => 34,
        Action::Plan => 35,
        Action::Yes => 36,
        Action::No => 37,
    }
}

/// The arms of `position`.
const ACTIONS: usize = 38;

#[test]
fn all_lists_every_action_once_in_declaration_order() {
    assert_eq!(Action::ALL.len(), ACTIONS);
    for (i, &action) in Action::ALL.iter().enumerate() {
        assert_eq!(position(action), i, "{action:?}");
        assert_eq!(action as usize, i, "{action:?} in declaration order");
    }
}

#[test]
fn every_name_reads_back_as_its_action() {
    for &action in Action::ALL {
        assert_eq!(action.name().parse::<Action>(), Ok(action));
    }
    assert_eq!(Action::PageDown.name(), "page_down");
    assert_eq!("next_pane".parse::<Action>(), Ok(Action::NextPane));
    let e = "dwn".parse::<Action>().unwrap_err();
    assert!(
        e.starts_with("unknown action \"dwn\"; actions are: up, down, page_up"),
        "{e}"
    );
    assert!(e.ends_with("yes, no"), "{e}");
}
