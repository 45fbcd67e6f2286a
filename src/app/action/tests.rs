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
        Action::Filter => 15,
        Action::Search => 16,
        Action::Running => 17,
        Action::SwitchAccount => 18,
        Action::Help => 19,
        Action::Quit => 20,
        Action::Suspend => 21,
        Action::Submit => 22,
        Action::AcceptFixes => 23,
        Action::NextField => 24,
        Action::PrevField => 25,
        Action::Toggle => 26,
        Action::Discard => 27,
        Action::Yes => 28,
        Action::No => 29,
    }
}

/// The arms of `position`.
const ACTIONS: usize = 30;

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
