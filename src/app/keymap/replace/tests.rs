use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

fn keys(specs: &[&str]) -> Vec<Key> {
    specs
        .iter()
        .map(|s| match s.parse() {
            Ok(key) => key,
            Err(e) => panic!("{s:?} should parse: {e}"),
        })
        .collect()
}

/// The default keymap with the panes' keys replaced.
fn browse(replacements: &[(Action, Vec<Key>)]) -> Result<Keymap, ReplaceError> {
    Keymap::default().replace(Context::Browse, replacements)
}

fn browse_error(replacements: &[(Action, Vec<Key>)]) -> ReplaceError {
    match browse(replacements) {
        Ok(_) => panic!("{replacements:?} should be refused"),
        Err(e) => e,
    }
}

/// The action a terminal's key press reaches.
fn pressed(keymap: &Keymap, code: KeyCode, modifiers: KeyModifiers) -> Option<Action> {
    keymap.action(Context::Browse, KeyEvent::new(code, modifiers))
}

#[test]
fn every_parsed_key_reaches_its_action_as_a_terminal_sends_it() {
    let k = browse(&[
        (Action::Down, keys(&["f6", "ctrl-f6"])),
        (Action::Bottom, keys(&["alt-E"])),
        (Action::PrevPane, keys(&["shift-tab"])),
        (Action::Refresh, keys(&["f5", "alt-r"])),
    ])
    .unwrap();
    assert_eq!(pressed(&k, KeyCode::F(6), NONE), Some(Action::Down));
    assert_eq!(pressed(&k, KeyCode::F(6), CTRL), Some(Action::Down));
    // Terminals differ on whether an upper-case letter carries SHIFT.
    assert_eq!(
        pressed(&k, KeyCode::Char('E'), ALT | SHIFT),
        Some(Action::Bottom)
    );
    assert_eq!(pressed(&k, KeyCode::Char('E'), ALT), Some(Action::Bottom));
    assert_eq!(pressed(&k, KeyCode::Char('e'), ALT), None);
    assert_eq!(pressed(&k, KeyCode::BackTab, SHIFT), Some(Action::PrevPane));
    assert_eq!(pressed(&k, KeyCode::F(5), NONE), Some(Action::Refresh));
    assert_eq!(pressed(&k, KeyCode::Char('r'), ALT), Some(Action::Refresh));
}

#[test]
fn new_keys_replace_the_default_keys_and_keep_the_action_in_place() {
    let default = Keymap::default();
    let first_down = |k: &Keymap| k.bindings.iter().position(|b| b.action == Action::Down);
    let k = browse(&[(Action::Down, keys(&["f6"]))]).unwrap();
    assert_eq!(k.keys_in(Context::Browse, Action::Down), keys(&["f6"]));
    assert_eq!(pressed(&k, KeyCode::F(6), NONE), Some(Action::Down));
    assert_eq!(pressed(&k, KeyCode::Char('j'), NONE), None, "j is free now");
    assert_eq!(pressed(&k, KeyCode::Down, NONE), None);
    assert_eq!(
        k.keys_in(Context::Browse, Action::Up),
        default.keys_in(Context::Browse, Action::Up)
    );
    assert_eq!(
        first_down(&k),
        first_down(&default),
        "the help overlay's order"
    );
    let others = |k: &Keymap| -> Vec<Binding> {
        k.bindings
            .iter()
            .filter(|b| b.action != Action::Down)
            .cloned()
            .collect()
    };
    assert_eq!(others(&k), others(&default));
}

#[test]
fn no_replacements_change_nothing() {
    assert_eq!(browse(&[]).unwrap(), Keymap::default());
}

#[test]
fn a_key_kept_by_another_action_is_a_clash_naming_both() {
    let e = browse_error(&[(Action::Down, keys(&["f6", "k"]))]).message;
    assert!(
        e.contains("\"k\"") && e.contains("down") && e.contains("up's key"),
        "{e}"
    );
    // SHIFT is ignored for letters when matching, so G clashes with bottom's G however written.
    let e = browse_error(&[(Action::Top, keys(&["shift-g"]))]);
    assert_eq!(e.action, Action::Top);
    assert!(e.message.contains("bottom"), "{}", e.message);
    let e = browse_error(&[(Action::Refresh, keys(&["Ctrl-C"]))]).message;
    assert!(e.contains("quit") && e.contains("refresh"), "{e}");
}

#[test]
fn actions_given_keys_together_may_swap_them() {
    let k = browse(&[(Action::Up, keys(&["j"])), (Action::Down, keys(&["k"]))]).unwrap();
    assert_eq!(pressed(&k, KeyCode::Char('j'), NONE), Some(Action::Up));
    assert_eq!(pressed(&k, KeyCode::Char('k'), NONE), Some(Action::Down));
}

#[test]
fn one_key_given_to_two_actions_is_a_clash() {
    let e = browse_error(&[
        (Action::Up, keys(&["f7"])),
        (Action::Down, keys(&["f8", "f7"])),
    ]);
    assert_eq!(e.action, Action::Down);
    assert!(e.message.contains("both up and down"), "{}", e.message);
}

#[test]
fn a_key_repeated_for_one_action_counts_once() {
    let k = browse(&[(Action::Down, keys(&["j", "j", "down"]))]).unwrap();
    assert_eq!(
        k.keys_in(Context::Browse, Action::Down),
        keys(&["j", "down"])
    );
}

#[test]
fn an_action_without_keys_has_nothing_to_replace() {
    let without_help = Keymap {
        bindings: Keymap::default()
            .bindings
            .into_iter()
            .filter(|b| b.action != Action::Help)
            .collect(),
    };
    let e = without_help
        .replace(Context::Browse, &[(Action::Help, keys(&["f1"]))])
        .unwrap_err();
    assert!(
        e.message.contains("help has no keys in browse to replace"),
        "{}",
        e.message
    );
}

#[test]
fn an_action_needs_a_key_and_one_list() {
    let e = browse_error(&[(Action::Quit, vec![])]).message;
    assert!(e.contains("quit is given no key"), "{e}");
    let e = browse_error(&[(Action::Quit, keys(&["f7"])), (Action::Quit, keys(&["f8"]))]).message;
    assert!(e.contains("twice"), "{e}");
}

#[test]
fn new_keys_change_only_their_own_context() {
    // Esc is Back in the panes, the form and questions; the form's Esc is changed alone.
    let k = Keymap::default()
        .replace(Context::Form, &[(Action::Back, keys(&["f9"]))])
        .unwrap();
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    let f9 = KeyEvent::new(KeyCode::F(9), KeyModifiers::NONE);
    assert_eq!(k.action(Context::Form, esc), None);
    assert_eq!(k.action(Context::Form, f9), Some(Action::Back));
    assert_eq!(k.action(Context::Browse, esc), Some(Action::Back));
    assert_eq!(k.action(Context::Question, esc), Some(Action::Back));
    let e = Keymap::default()
        .replace(Context::Form, &[(Action::Watch, keys(&["f9"]))])
        .unwrap_err();
    assert!(e.message.contains("no keys in form"), "{}", e.message);
}
