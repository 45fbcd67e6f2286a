use crossterm::event::{KeyCode, KeyModifiers};

use super::*;

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

fn ok(spec: &str) -> (KeyCode, KeyModifiers) {
    match spec.parse::<Key>() {
        Ok(key) => (key.code, key.modifiers),
        Err(e) => panic!("{spec:?} should parse: {e}"),
    }
}

fn rejected(spec: &str) -> String {
    match spec.parse::<Key>() {
        Ok(key) => panic!("{spec:?} should be rejected, got {key:?}"),
        Err(e) => e.to_string(),
    }
}

fn shown(code: KeyCode, modifiers: KeyModifiers) -> String {
    Key::new(code, modifiers).to_string()
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
        ("↑", KeyCode::Up),
        ("↓", KeyCode::Down),
        ("←", KeyCode::Left),
        ("→", KeyCode::Right),
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
fn a_key_is_shown_as_the_help_shows_it() {
    assert_eq!(shown(KeyCode::Char('d'), CTRL), "Ctrl-d");
    assert_eq!(shown(KeyCode::Char('G'), SHIFT), "G");
    assert_eq!(shown(KeyCode::BackTab, SHIFT), "Shift-Tab");
    assert_eq!(shown(KeyCode::Up, SHIFT), "Shift-↑");
    assert_eq!(shown(KeyCode::Down, NONE), "↓");
    assert_eq!(shown(KeyCode::Char(' '), NONE), "Space");
    assert_eq!(shown(KeyCode::PageDown, NONE), "PgDn");
    assert_eq!(shown(KeyCode::F(1), NONE), "F1");
    assert_eq!(shown(KeyCode::Char('x'), CTRL | ALT), "Ctrl-Alt-x");
    assert_eq!(shown(KeyCode::Esc, NONE), "Esc");
}

#[test]
fn a_shown_key_reads_back_as_the_same_key() {
    for spec in [
        "j",
        "G",
        "?",
        "-",
        "ctrl-d",
        "alt-X",
        "ctrl-alt-x",
        "shift-tab",
        "alt-shift-tab",
        "space",
        "enter",
        "esc",
        "tab",
        "up",
        "pgup",
        "pgdn",
        "home",
        "end",
        "f7",
        "backspace",
        "delete",
        "insert",
        "shift-up",
        "alt--",
    ] {
        let key: Key = spec.parse().unwrap();
        assert_eq!(key.to_string().parse::<Key>(), Ok(key), "{spec}");
    }
}

#[test]
fn shift_counts_for_a_character_only_in_its_case() {
    let upper = Key::new(KeyCode::Char('G'), SHIFT);
    assert!(upper.same_press(Key::new(KeyCode::Char('G'), NONE)));
    assert!(!upper.same_press(Key::new(KeyCode::Char('g'), NONE)));
    let up = Key::new(KeyCode::Up, NONE);
    assert!(!up.same_press(Key::new(KeyCode::Up, SHIFT)));
}
