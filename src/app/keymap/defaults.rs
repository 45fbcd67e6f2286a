//! The keys edgepurge starts with, before the config file replaces any.

use crossterm::event::{KeyCode, KeyModifiers};

use super::{Action, Binding, Context, Key};

/// In table order: the help lists actions in this order, and an action's first key here is
/// the one the footer and the messages name.
pub(super) fn bindings() -> Vec<Binding> {
    use Action::*;
    use Context::{Browse, Filter as Filtering, Form, Question, Search as Searching};
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    let shift = KeyModifiers::SHIFT;
    let table: &[(Context, KeyCode, KeyModifiers, Action)] = &[
        (Browse, KeyCode::Up, none, Up),
        (Browse, KeyCode::Char('k'), none, Up),
        (Browse, KeyCode::Down, none, Down),
        (Browse, KeyCode::Char('j'), none, Down),
        (Browse, KeyCode::PageUp, none, PageUp),
        (Browse, KeyCode::Char('u'), ctrl, PageUp),
        (Browse, KeyCode::PageDown, none, PageDown),
        (Browse, KeyCode::Char('d'), ctrl, PageDown),
        (Browse, KeyCode::Home, none, Top),
        (Browse, KeyCode::Char('g'), none, Top),
        (Browse, KeyCode::End, none, Bottom),
        (Browse, KeyCode::Char('G'), shift, Bottom),
        (Browse, KeyCode::Tab, none, NextPane),
        (Browse, KeyCode::BackTab, shift, PrevPane),
        (Browse, KeyCode::Enter, none, Open),
        (Browse, KeyCode::Char('l'), none, Open),
        (Browse, KeyCode::Right, none, Open),
        (Browse, KeyCode::Esc, none, Back),
        (Browse, KeyCode::Char('h'), none, Back),
        (Browse, KeyCode::Left, none, Back),
        (Browse, KeyCode::Char('n'), none, NewBatch),
        (Browse, KeyCode::Char('c'), none, CopyToNew),
        (Browse, KeyCode::Char('w'), none, Watch),
        (Browse, KeyCode::Char('y'), none, Copy),
        (Browse, KeyCode::Char('z'), none, Zoom),
        (Browse, KeyCode::Char('v'), none, VerifyEdge),
        (Browse, KeyCode::Char('X'), shift, ClearWatched),
        (Browse, KeyCode::Char('W'), shift, CollapseWatch),
        (Browse, KeyCode::Char('o'), none, Sort),
        (Browse, KeyCode::Char('e'), none, ExportCsv),
        (Browse, KeyCode::Char('E'), shift, ExportJson),
        (Browse, KeyCode::Char('/'), none, Filter),
        (Browse, KeyCode::Char('s'), none, Search),
        (Browse, KeyCode::Char('i'), none, Running),
        (Browse, KeyCode::Char('p'), none, SwitchAccount),
        (Browse, KeyCode::Char('r'), none, Refresh),
        (Browse, KeyCode::Char('?'), none, Help),
        (Browse, KeyCode::Char('q'), none, Quit),
        (Browse, KeyCode::Char('c'), ctrl, Quit),
        (Browse, KeyCode::Char('z'), ctrl, Suspend),
        (Form, KeyCode::Char('s'), ctrl, Submit),
        (Form, KeyCode::Char('f'), ctrl, AcceptFixes),
        (Form, KeyCode::Tab, none, NextField),
        (Form, KeyCode::BackTab, shift, PrevField),
        (Form, KeyCode::Char(' '), none, Toggle),
        (Form, KeyCode::Char('x'), ctrl, Discard),
        (Form, KeyCode::Esc, none, Back),
        (Form, KeyCode::F(1), none, Help),
        (Form, KeyCode::Char('p'), ctrl, Plan),
        (Form, KeyCode::Char('c'), ctrl, Quit),
        (Form, KeyCode::Char('z'), ctrl, Suspend),
        (Question, KeyCode::Char('y'), none, Yes),
        (Question, KeyCode::Char('n'), none, No),
        (Question, KeyCode::Esc, none, Back),
        (Question, KeyCode::Char('c'), ctrl, Quit),
        // The confirmation's list of items scrolls (arrows only: letters stay free for
        // answers, such as `j` for "ja").
        (Question, KeyCode::Up, none, Up),
        (Question, KeyCode::Down, none, Down),
        (Question, KeyCode::PageUp, none, PageUp),
        (Question, KeyCode::PageDown, none, PageDown),
        (Filtering, KeyCode::Enter, none, Open),
        (Filtering, KeyCode::Esc, none, Back),
        (Filtering, KeyCode::Char('c'), ctrl, Quit),
        (Searching, KeyCode::Enter, none, Open),
        (Searching, KeyCode::Esc, none, Back),
        (Searching, KeyCode::Up, none, Up),
        (Searching, KeyCode::Down, none, Down),
        (Searching, KeyCode::Char('c'), ctrl, Quit),
    ];
    table
        .iter()
        .map(|&(context, code, modifiers, action)| Binding {
            context,
            key: Key::new(code, modifiers),
            action,
        })
        .collect()
}
