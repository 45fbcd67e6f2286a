use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;

fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, modifiers)
}

fn keys(specs: &[&str]) -> Vec<Key> {
    specs.iter().map(|s| s.parse().unwrap()).collect()
}

#[test]
fn arrows_and_vim_motions_move() {
    let k = Keymap::default();
    assert_eq!(
        k.action(Context::Browse, key(KeyCode::Char('j'), KeyModifiers::NONE)),
        Some(Action::Down)
    );
    assert_eq!(
        k.action(Context::Browse, key(KeyCode::Down, KeyModifiers::NONE)),
        Some(Action::Down)
    );
    assert_eq!(
        k.action(
            Context::Browse,
            key(KeyCode::Char('G'), KeyModifiers::SHIFT)
        ),
        Some(Action::Bottom)
    );
    assert_eq!(
        k.action(Context::Browse, key(KeyCode::Char('G'), KeyModifiers::NONE)),
        Some(Action::Bottom)
    );
    assert_eq!(
        k.action(
            Context::Browse,
            key(KeyCode::Char('d'), KeyModifiers::CONTROL)
        ),
        Some(Action::PageDown)
    );
    assert_eq!(
        k.action(Context::Browse, key(KeyCode::Char('d'), KeyModifiers::NONE)),
        None
    );
    assert_eq!(
        k.action(
            Context::Browse,
            key(KeyCode::Char('c'), KeyModifiers::CONTROL)
        ),
        Some(Action::Quit)
    );
}

#[test]
fn the_form_has_its_own_keys_and_leaves_the_rest_to_the_text() {
    let k = Keymap::default();
    let ctrl_s = key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(k.action(Context::Form, ctrl_s), Some(Action::Submit));
    assert_eq!(k.action(Context::Browse, ctrl_s), None);
    let j = key(KeyCode::Char('j'), KeyModifiers::NONE);
    assert_eq!(k.action(Context::Form, j), None, "j is text in the form");
    let y = key(KeyCode::Char('y'), KeyModifiers::NONE);
    assert_eq!(k.action(Context::Question, y), Some(Action::Yes));
}

#[test]
fn help_and_footer_come_from_the_table() {
    let k = Keymap::default();
    let help = k.help();
    let row = |keys: &str, what: &str| (keys.to_string(), what.to_string());
    let (context, browse) = &help[0];
    assert_eq!(*context, Context::Browse);
    assert!(browse.contains(&row("↓ j", "move down")));
    assert!(browse.contains(&row("q Ctrl-c", "quit")));
    assert!(browse.contains(&row("/", "filter the list (Enter keeps it, Esc clears it)")));
    let actions: usize = help.iter().map(|(_, rows)| rows.len()).sum();
    assert_eq!(actions, 56, "every action once per context it has keys in");
    let footer = k.footer(Context::Browse, |_| true);
    assert_eq!(footer[0], ("Tab".to_string(), "pane"));
    assert!(footer.contains(&("?".to_string(), "help")));
    assert!(
        k.footer(Context::Form, |_| true)
            .contains(&("Ctrl-s".to_string(), "submit"))
    );
    let no_watch = k.footer(Context::Browse, |a| a != Action::Watch);
    assert!(!no_watch.iter().any(|(_, w)| *w == "watch"));
}

#[test]
fn a_hint_is_the_first_key_of_the_action_where_it_is_pressed() {
    let k = Keymap::default();
    assert_eq!(k.hint(Context::Question, Action::Yes), "y");
    assert_eq!(k.hint(Context::Form, Action::Discard), "Ctrl-x");
    assert_eq!(k.hint(Context::Form, Action::Toggle), "Space");
    assert_eq!(k.hint(Context::Browse, Action::Back), "Esc");
    assert_eq!(k.hint(Context::Search, Action::Up), "↑");
    assert_eq!(
        k.hint(Context::Question, Action::Watch),
        "watch",
        "an action without keys there is named"
    );
    let k = k
        .replace(Context::Filter, &[(Action::Back, keys(&["f9", "esc"]))])
        .unwrap();
    assert_eq!(k.hint(Context::Filter, Action::Back), "F9");
    assert_eq!(
        k.hint(Context::Browse, Action::Back),
        "Esc",
        "its own context"
    );
    let (_, browse) = &k.help()[0];
    assert!(browse.contains(&(
        "/".to_string(),
        "filter the list (Enter keeps it, F9 clears it)".to_string()
    )));
}
