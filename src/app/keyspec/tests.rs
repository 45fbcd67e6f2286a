use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::app::keymap::Context;

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

fn ok(spec: &str) -> Key {
    match parse_key(spec) {
        Ok(key) => key,
        Err(e) => panic!("{spec:?} should parse: {e}"),
    }
}

fn rejected(spec: &str) -> String {
    match parse_key(spec) {
        Ok(key) => panic!("{spec:?} should be rejected, got {key:?}"),
        Err(e) => e,
    }
}

fn keys(specs: &[&str]) -> Vec<Key> {
    specs.iter().map(|s| ok(s)).collect()
}

/// The action a terminal's key press reaches.
fn pressed(keymap: &Keymap, code: KeyCode, modifiers: KeyModifiers) -> Option<Action> {
    keymap.action(Context::Browse, KeyEvent::new(code, modifiers))
}

#[test]
fn a_single_character_is_taken_as_written() {
    assert_eq!(ok("j"), (KeyCode::Char('j'), NONE));
    assert_eq!(ok("G"), (KeyCode::Char('G'), SHIFT));
    assert_eq!(ok("?"), (KeyCode::Char('?'), NONE));
    assert_eq!(ok("/"), (KeyCode::Char('/'), NONE));
    assert_eq!(ok("-"), (KeyCode::Char('-'), NONE));
    assert_eq!(ok("+"), (KeyCode::Char('+'), NONE));
    assert_eq!(ok("space"), (KeyCode::Char(' '), NONE));
    assert_eq!(
        ok(" j "),
        (KeyCode::Char('j'), NONE),
        "surrounding blanks ignored"
    );
}

#[test]
fn modifiers_are_case_insensitive_and_written_as_terminals_send_them() {
    assert_eq!(ok("ctrl-d"), (KeyCode::Char('d'), CTRL));
    assert_eq!(ok("Ctrl-D"), (KeyCode::Char('d'), CTRL), "Ctrl-D is ctrl-d");
    assert_eq!(ok("CTRL+d"), (KeyCode::Char('d'), CTRL));
    assert_eq!(ok("control-d"), (KeyCode::Char('d'), CTRL));
    assert_eq!(ok("alt-x"), (KeyCode::Char('x'), ALT));
    assert_eq!(ok("alt-X"), (KeyCode::Char('X'), ALT | SHIFT));
    assert_eq!(ok("alt-shift-x"), (KeyCode::Char('X'), ALT | SHIFT));
    assert_eq!(ok("ctrl-alt-x"), (KeyCode::Char('x'), CTRL | ALT));
    assert_eq!(ok("shift-g"), (KeyCode::Char('G'), SHIFT));
    assert_eq!(ok("shift-tab"), (KeyCode::BackTab, SHIFT));
    assert_eq!(ok("Shift-Tab"), (KeyCode::BackTab, SHIFT));
    assert_eq!(ok("backtab"), (KeyCode::BackTab, SHIFT));
    assert_eq!(ok("shift-up"), (KeyCode::Up, SHIFT));
    assert_eq!(
        ok("alt--"),
        (KeyCode::Char('-'), ALT),
        "the key may be the separator"
    );
    assert_eq!(ok("ctrl-?"), (KeyCode::Char('?'), CTRL));
}

#[test]
fn named_keys_in_any_case() {
    let cases = [
        ("enter", KeyCode::Enter),
        ("Return", KeyCode::Enter),
        ("esc", KeyCode::Esc),
        ("Escape", KeyCode::Esc),
        ("tab", KeyCode::Tab),
        ("up", KeyCode::Up),
        ("DOWN", KeyCode::Down),
        ("left", KeyCode::Left),
        ("right", KeyCode::Right),
        ("pgup", KeyCode::PageUp),
        ("PageUp", KeyCode::PageUp),
        ("pgdn", KeyCode::PageDown),
        ("pagedown", KeyCode::PageDown),
        ("home", KeyCode::Home),
        ("end", KeyCode::End),
        ("f1", KeyCode::F(1)),
        ("F12", KeyCode::F(12)),
        ("backspace", KeyCode::Backspace),
        ("delete", KeyCode::Delete),
        ("del", KeyCode::Delete),
        ("insert", KeyCode::Insert),
    ];
    for (spec, code) in cases {
        assert_eq!(ok(spec), (code, NONE), "{spec}");
    }
    assert_eq!(ok("ctrl-pgdn"), (KeyCode::PageDown, CTRL));
}

#[test]
fn rejections_say_what_would_work() {
    for spec in ["", "  ", "f13", "f0", "pgdown2", "ctrl-", "enterr"] {
        let e = rejected(spec);
        assert!(
            e.contains("write a character") && e.contains("ctrl-"),
            "{spec:?}: {e}"
        );
    }
    let e = rejected("super-x");
    assert!(e.contains("unknown modifier \"super\""), "{e}");
    assert!(e.contains("ctrl-, alt- and shift-"), "{e}");
    let e = rejected("shift-1");
    assert!(e.contains("\"!\""), "{e}");
    let e = rejected("ctrl-shift-d");
    assert!(e.contains("write \"ctrl-d\""), "{e}");
    assert!(rejected("\t").contains("write a character"));
}

#[test]
fn a_written_key_reads_back_the_same() {
    assert_eq!(key_spec((KeyCode::Char('d'), CTRL)), "ctrl-d");
    assert_eq!(key_spec((KeyCode::Char('G'), SHIFT)), "G");
    assert_eq!(key_spec((KeyCode::BackTab, SHIFT)), "shift-tab");
    assert_eq!(key_spec((KeyCode::Up, SHIFT)), "shift-up");
    assert_eq!(key_spec((KeyCode::Char(' '), NONE)), "space");
    assert_eq!(key_spec((KeyCode::PageDown, NONE)), "pgdn");
    for spec in [
        "j",
        "G",
        "?",
        "-",
        "ctrl-d",
        "alt-X",
        "ctrl-alt-x",
        "shift-tab",
        "space",
        "enter",
        "esc",
        "tab",
        "pgup",
        "pgdn",
        "home",
        "end",
        "f7",
        "backspace",
        "delete",
        "shift-up",
        "alt--",
    ] {
        assert_eq!(ok(&key_spec(ok(spec))), ok(spec), "{spec}");
    }
}

#[test]
fn every_parsed_key_reaches_its_action_as_a_terminal_sends_it() {
    let overrides = vec![
        (Action::Down, keys(&["f6", "ctrl-f6"])),
        (Action::Bottom, keys(&["alt-E"])),
        (Action::PrevPane, keys(&["shift-tab"])),
        (Action::Refresh, keys(&["f5", "alt-r"])),
    ];
    let k = Keymap::default().with_overrides(&overrides).unwrap();
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
fn action_names_come_from_the_action_type() {
    let names = action_names();
    for name in [
        "up",
        "down",
        "page_up",
        "page_down",
        "next_pane",
        "prev_pane",
        "quit",
    ] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    for name in names {
        let action = parse_action(name).unwrap();
        assert_eq!(action_name(action), *name);
    }
    assert_eq!(action_name(Action::PageDown), "page_down");
    let e = parse_action("dwn").unwrap_err();
    assert!(
        e.starts_with("unknown action \"dwn\"; actions are: "),
        "{e}"
    );
    assert!(e.contains("up, down"), "{e}");
}

#[test]
fn an_override_replaces_the_default_keys_and_keeps_the_action_in_place() {
    let default = Keymap::default();
    let first_down = |k: &Keymap| k.bindings.iter().position(|b| b.action == Action::Down);
    let k = default
        .clone()
        .with_overrides(&[(Action::Down, keys(&["f6"]))])
        .unwrap();
    assert_eq!(k.keys_for(Action::Down), keys(&["f6"]));
    assert_eq!(pressed(&k, KeyCode::F(6), NONE), Some(Action::Down));
    assert_eq!(pressed(&k, KeyCode::Char('j'), NONE), None, "j is free now");
    assert_eq!(pressed(&k, KeyCode::Down, NONE), None);
    assert_eq!(k.keys_for(Action::Up), default.keys_for(Action::Up));
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
fn no_overrides_change_nothing() {
    let default = Keymap::default();
    let k = default.clone().with_overrides(&[]).unwrap();
    assert_eq!(k.bindings, default.bindings);
}

#[test]
fn a_key_kept_by_another_action_is_a_clash_naming_both() {
    let e = Keymap::default()
        .with_overrides(&[(Action::Down, keys(&["f6", "k"]))])
        .unwrap_err();
    assert!(
        e.contains("\"k\"") && e.contains("down") && e.contains("up's key"),
        "{e}"
    );
    // SHIFT is ignored for letters when matching, so G clashes with bottom's G however written.
    let e = apply_overrides(
        Keymap::default(),
        Context::Browse,
        &[(Action::Top, keys(&["shift-g"]))],
    )
    .unwrap_err();
    assert_eq!(e.action, Action::Top);
    assert!(e.message.contains("bottom"), "{}", e.message);
    let e = Keymap::default()
        .with_overrides(&[(Action::Refresh, keys(&["Ctrl-C"]))])
        .unwrap_err();
    assert!(e.contains("quit") && e.contains("refresh"), "{e}");
}

#[test]
fn actions_overridden_together_may_swap_keys() {
    let k = Keymap::default()
        .with_overrides(&[(Action::Up, keys(&["j"])), (Action::Down, keys(&["k"]))])
        .unwrap();
    assert_eq!(pressed(&k, KeyCode::Char('j'), NONE), Some(Action::Up));
    assert_eq!(pressed(&k, KeyCode::Char('k'), NONE), Some(Action::Down));
}

#[test]
fn one_key_given_to_two_overridden_actions_is_a_clash() {
    let e = apply_overrides(
        Keymap::default(),
        Context::Browse,
        &[
            (Action::Up, keys(&["f7"])),
            (Action::Down, keys(&["f8", "f7"])),
        ],
    )
    .unwrap_err();
    assert_eq!(e.action, Action::Down);
    assert!(e.message.contains("both up and down"), "{}", e.message);
}

#[test]
fn a_key_repeated_for_one_action_counts_once() {
    let k = Keymap::default()
        .with_overrides(&[(Action::Down, keys(&["j", "j", "down"]))])
        .unwrap();
    assert_eq!(k.keys_for(Action::Down), keys(&["j", "down"]));
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
        .with_overrides(&[(Action::Help, keys(&["f1"]))])
        .unwrap_err();
    assert!(e.contains("help has no keys in browse to replace"), "{e}");
}

#[test]
fn an_action_needs_a_key_and_one_list() {
    let e = Keymap::default()
        .with_overrides(&[(Action::Quit, vec![])])
        .unwrap_err();
    assert!(e.contains("quit is given no key"), "{e}");
    let e = Keymap::default()
        .with_overrides(&[(Action::Quit, keys(&["f7"])), (Action::Quit, keys(&["f8"]))])
        .unwrap_err();
    assert!(e.contains("twice"), "{e}");
}

#[test]
fn an_override_changes_only_its_own_context() {
    // Esc is Back in the panes, the form and questions; the form's Esc is changed alone.
    let k = Keymap::default()
        .with_context_overrides(&[(Context::Form, vec![(Action::Back, keys(&["f9"]))])])
        .unwrap();
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    let f9 = KeyEvent::new(KeyCode::F(9), KeyModifiers::NONE);
    assert_eq!(k.action(Context::Form, esc), None);
    assert_eq!(k.action(Context::Form, f9), Some(Action::Back));
    assert_eq!(k.action(Context::Browse, esc), Some(Action::Back));
    assert_eq!(k.action(Context::Question, esc), Some(Action::Back));
    let e = Keymap::default()
        .with_context_overrides(&[(Context::Form, vec![(Action::Watch, keys(&["f9"]))])])
        .unwrap_err();
    assert!(e.message.contains("no keys in form"), "{}", e.message);
}
