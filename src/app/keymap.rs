//! Keys → typed actions. The footer and the help overlay are generated from the same table, so
//! what they say is always what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

/// Everything a key can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    NextPane,
    PrevPane,
    Open,
    Back,
    Refresh,
    Help,
    Quit,
}

impl Action {
    /// What it does, in the help overlay's words.
    pub fn description(self) -> &'static str {
        match self {
            Action::Up => "move up",
            Action::Down => "move down",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Top => "go to the first",
            Action::Bottom => "go to the last loaded (and load the next page)",
            Action::NextPane => "next pane",
            Action::PrevPane => "previous pane",
            Action::Open => "open (the next pane)",
            Action::Back => "back (the previous pane, or close help)",
            Action::Refresh => "refresh what is shown",
            Action::Help => "this help",
            Action::Quit => "quit",
        }
    }

    /// The footer's short word, for the actions worth a place there.
    fn footer_word(self) -> Option<&'static str> {
        match self {
            Action::NextPane => Some("pane"),
            Action::Open => Some("open"),
            Action::Back => Some("back"),
            Action::Refresh => Some("refresh"),
            Action::Help => Some("help"),
            Action::Quit => Some("quit"),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    pub action: Action,
}

#[derive(Debug, Clone)]
pub struct Keymap {
    pub(super) bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        use Action::*;
        let none = KeyModifiers::NONE;
        let table: &[(KeyCode, KeyModifiers, Action)] = &[
            (KeyCode::Up, none, Up),
            (KeyCode::Char('k'), none, Up),
            (KeyCode::Down, none, Down),
            (KeyCode::Char('j'), none, Down),
            (KeyCode::PageUp, none, PageUp),
            (KeyCode::Char('u'), KeyModifiers::CONTROL, PageUp),
            (KeyCode::PageDown, none, PageDown),
            (KeyCode::Char('d'), KeyModifiers::CONTROL, PageDown),
            (KeyCode::Home, none, Top),
            (KeyCode::Char('g'), none, Top),
            (KeyCode::End, none, Bottom),
            (KeyCode::Char('G'), KeyModifiers::SHIFT, Bottom),
            (KeyCode::Tab, none, NextPane),
            (KeyCode::BackTab, KeyModifiers::SHIFT, PrevPane),
            (KeyCode::Enter, none, Open),
            (KeyCode::Char('l'), none, Open),
            (KeyCode::Right, none, Open),
            (KeyCode::Esc, none, Back),
            (KeyCode::Char('h'), none, Back),
            (KeyCode::Left, none, Back),
            (KeyCode::Char('r'), none, Refresh),
            (KeyCode::Char('?'), none, Help),
            (KeyCode::Char('q'), none, Quit),
            (KeyCode::Char('c'), KeyModifiers::CONTROL, Quit),
        ];
        Self {
            bindings: table
                .iter()
                .map(|&(code, modifiers, action)| Binding {
                    code,
                    modifiers,
                    action,
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// The action a key press asks for, if any.
    pub fn action(&self, key: KeyEvent) -> Option<Action> {
        // Terminals differ on whether an upper-case letter carries SHIFT: ignore it for chars.
        let relevant = |m: KeyModifiers| match key.code {
            KeyCode::Char(_) => m - KeyModifiers::SHIFT,
            _ => m,
        };
        self.bindings
            .iter()
            .find(|b| b.code == key.code && relevant(b.modifiers) == relevant(key.modifiers))
            .map(|b| b.action)
    }

    /// Every action with its keys, in table order: the help overlay.
    pub fn help(&self) -> Vec<(String, &'static str)> {
        let mut seen: Vec<Action> = Vec::new();
        for b in &self.bindings {
            if !seen.contains(&b.action) {
                seen.push(b.action);
            }
        }
        seen.into_iter()
            .map(|a| (self.keys_of(a).join(" "), a.description()))
            .collect()
    }

    /// The footer: the first key of each action worth showing, with its short word.
    pub fn footer(&self) -> Vec<(String, &'static str)> {
        let mut out: Vec<(String, &'static str)> = Vec::new();
        for b in &self.bindings {
            if let Some(word) = b.action.footer_word()
                && !out.iter().any(|(_, w)| *w == word)
            {
                out.push((key_name(b), word));
            }
        }
        out
    }

    fn keys_of(&self, action: Action) -> Vec<String> {
        self.bindings
            .iter()
            .filter(|b| b.action == action)
            .map(key_name)
            .collect()
    }
}

/// A key as a person writes it: `j`, `Ctrl-d`, `PgDn`, `Shift-Tab`.
fn key_name(b: &Binding) -> String {
    let base = match b.code {
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        other => format!("{other:?}"),
    };
    if b.modifiers.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn arrows_and_vim_motions_move() {
        let k = Keymap::default();
        assert_eq!(
            k.action(key(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            k.action(key(KeyCode::Down, KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            k.action(key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            k.action(key(KeyCode::Char('G'), KeyModifiers::NONE)),
            Some(Action::Bottom)
        );
        assert_eq!(
            k.action(key(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::PageDown)
        );
        assert_eq!(k.action(key(KeyCode::Char('d'), KeyModifiers::NONE)), None);
        assert_eq!(
            k.action(key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
    }

    #[test]
    fn help_and_footer_come_from_the_table() {
        let k = Keymap::default();
        let help = k.help();
        assert!(help.contains(&("↓ j".to_string(), "move down")));
        assert!(help.contains(&("q Ctrl-c".to_string(), "quit")));
        assert_eq!(help.len(), 13, "every action once");
        let footer = k.footer();
        assert_eq!(footer[0], ("Tab".to_string(), "pane"));
        assert!(footer.contains(&("?".to_string(), "help")));
    }
}
