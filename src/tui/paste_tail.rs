//! Events read right behind a paste, turned back into the text the terminal was sent: a
//! pasted `ESC [ 201 ~` ends bracketed paste early, and whatever followed it in the paste is
//! parsed as keys. Those keys are text of the paste, never actions.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Add what `event` stood for in the pasted bytes to `text`. Mouse reports, focus changes and
/// resizes carry no pasted text and add nothing.
pub fn push(text: &mut String, event: &Event) {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => push_key(text, key),
        Event::Paste(more) => text.push_str(more),
        _ => {}
    }
}

fn push_key(text: &mut String, key: &KeyEvent) {
    if key.modifiers.contains(KeyModifiers::ALT) {
        // A byte after ESC is read as Alt and that key.
        text.push('\x1b');
    }
    let control = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char(c) if control => text.push(control_character(c).unwrap_or(c)),
        KeyCode::Char(c) => text.push(c),
        KeyCode::Enter => text.push('\n'),
        KeyCode::Tab => text.push('\t'),
        KeyCode::BackTab => text.push_str("\x1b[Z"),
        KeyCode::Backspace => text.push('\x7f'),
        KeyCode::Esc => text.push('\x1b'),
        KeyCode::Up => text.push_str("\x1b[A"),
        KeyCode::Down => text.push_str("\x1b[B"),
        KeyCode::Right => text.push_str("\x1b[C"),
        KeyCode::Left => text.push_str("\x1b[D"),
        KeyCode::Home => text.push_str("\x1b[H"),
        KeyCode::End => text.push_str("\x1b[F"),
        KeyCode::Insert => text.push_str("\x1b[2~"),
        KeyCode::Delete => text.push_str("\x1b[3~"),
        KeyCode::PageUp => text.push_str("\x1b[5~"),
        KeyCode::PageDown => text.push_str("\x1b[6~"),
        // Whatever else an escape sequence was read as: its ESC at least, so the line shows
        // that it held one and is judged for it.
        _ => text.push('\x1b'),
    }
}

/// The control character a terminal sends for Ctrl and `c`, as crossterm reads it back.
fn control_character(c: char) -> Option<char> {
    let byte = match c {
        'a'..='z' => c as u8 - b'a' + 1,
        ' ' | '@' => 0,
        '4'..='7' => c as u8 - b'4' + 0x1c,
        _ => return None,
    };
    Some(char::from(byte))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn keys_behind_a_paste_are_its_text() {
        // The hostile paste `/evil ESC[201~ \x13 y`: Ctrl-S and `y` read as keys.
        let mut text = "/evil".to_string();
        push(&mut text, &key(KeyCode::Char('s'), KeyModifiers::CONTROL));
        push(&mut text, &key(KeyCode::Char('y'), KeyModifiers::NONE));
        assert_eq!(text, "/evil\x13y");
    }

    #[test]
    fn line_ends_tabs_escapes_and_arrows_come_back_as_sent() {
        let mut text = String::new();
        for event in [
            key(KeyCode::Enter, KeyModifiers::NONE),
            key(KeyCode::Char('A'), KeyModifiers::SHIFT),
            key(KeyCode::Tab, KeyModifiers::NONE),
            key(KeyCode::Char('x'), KeyModifiers::ALT),
            key(KeyCode::Up, KeyModifiers::NONE),
            key(KeyCode::Esc, KeyModifiers::NONE),
            key(KeyCode::Char('4'), KeyModifiers::CONTROL),
            key(KeyCode::F(5), KeyModifiers::NONE),
            Event::Paste("/more".into()),
            Event::FocusGained,
        ] {
            push(&mut text, &event);
        }
        assert_eq!(text, "\nA\t\x1bx\x1b[A\x1b\x1c\x1b/more");
    }

    #[test]
    fn a_release_adds_nothing() {
        let mut text = String::new();
        let mut release = KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        push(&mut text, &Event::Key(release));
        assert_eq!(text, "");
    }
}
