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
        Action::ClearWatched => 16,
        Action::CollapseWatch => 17,
        Action::ExportCsv => 18,
        Action::ExportJson => 19,
        Action::Filter => 20,
        Action::Search => 21,
        Action::Running => 22,
        Action::SwitchAccount => 23,
        Action::Help => 24,
        Action::Quit => 25,
        Action::Suspend => 26,
        Action::Submit => 27,
        Action::AcceptFixes => 28,
        Action::NextField => 29,
        Action::PrevField => 30,
        Action::Toggle => 31,
        Action::Discard => 32,
        Action::Yes => 33,
        Action::No => 34,
    }
}

/// The arms of `position`.
const ACTIONS: usize = 35;

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
