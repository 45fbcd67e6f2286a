//! A key press as the keymap matches it. Read from the config file's words (`j`, `G`, `?`,
//! `ctrl-d`, `shift-tab`, `pgdn`) and shown to the user one way (`j`, `G`, `?`, `Ctrl-d`,
//! `Shift-Tab`, `PgDn`), which reads back as the same key.

use std::fmt;
use std::str::FromStr;

use crossterm::event::{KeyCode, KeyModifiers};

/// A key and its modifiers, written the way crossterm reports the press.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

/// Why a written key is not one, and how to write it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct KeyError(String);

const HOW_TO_WRITE: &str = "write a character (\"j\", \"G\", \"?\") or a key name (enter, esc, \
                            tab, space, up, down, left, right, pgup, pgdn, home, end, backspace, \
                            delete, insert, f1 … f12), optionally after ctrl-, alt- or shift-";

impl Key {
    pub const fn new(code: KeyCode, modifiers: KeyModifiers) -> Self {
        Self { code, modifiers }
    }

    /// Whether a press of `other` is this key. Terminals differ on whether an upper-case
    /// letter carries SHIFT, so it is ignored for characters.
    pub fn same_press(self, other: Key) -> bool {
        self.code == other.code && self.relevant_modifiers() == other.relevant_modifiers()
    }

    fn relevant_modifiers(self) -> KeyModifiers {
        match self.code {
            KeyCode::Char(_) => self.modifiers - KeyModifiers::SHIFT,
            _ => self.modifiers,
        }
    }
}

/// Modifier and key names are case-insensitive; a single character is taken as written, so `G`
/// is shift-g. The arrows the help shows (`↑`) are read as the arrow keys.
impl FromStr for Key {
    type Err = KeyError;

    fn from_str(spec: &str) -> Result<Self, KeyError> {
        let trimmed = spec.trim();
        if trimmed.is_empty() {
            return Err(KeyError(format!("empty key; {HOW_TO_WRITE}")));
        }
        let mut modifiers = KeyModifiers::NONE;
        let mut shift = false;
        let mut rest = trimmed;
        // Peel `modifier-` prefixes; what remains is the key, which may itself be `-` or `+`.
        while let Some((prefix, after)) = split_modifier(rest) {
            match prefix.to_ascii_lowercase().as_str() {
                "ctrl" | "control" => modifiers |= KeyModifiers::CONTROL,
                "alt" | "meta" | "option" => modifiers |= KeyModifiers::ALT,
                "shift" => shift = true,
                _ => break,
            }
            rest = after;
        }
        let code = key_code(rest).ok_or_else(|| unknown_key(spec, rest))?;
        normalize(spec, code, modifiers, shift)
    }
}

/// `("ctrl", "d")` from `ctrl-d` or `ctrl+d`; None when there is no separator with a key after it.
fn split_modifier(s: &str) -> Option<(&str, &str)> {
    let at = s.find(['-', '+'])?;
    let after = &s[at + 1..];
    (at > 0 && !after.is_empty()).then(|| (&s[..at], after))
}

fn key_code(name: &str) -> Option<KeyCode> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        let arrow = match c {
            '↑' => Some(KeyCode::Up),
            '↓' => Some(KeyCode::Down),
            '←' => Some(KeyCode::Left),
            '→' => Some(KeyCode::Right),
            _ => None,
        };
        return arrow.or_else(|| (!c.is_control()).then_some(KeyCode::Char(c)));
    }
    let lower = name.to_ascii_lowercase();
    let code = match lower.as_str() {
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "space" => KeyCode::Char(' '),
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pgdown" | "pagedown" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "backspace" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "insert" | "ins" => KeyCode::Insert,
        _ => {
            let n: u8 = lower.strip_prefix('f')?.parse().ok()?;
            return (1..=12).contains(&n).then_some(KeyCode::F(n));
        }
    };
    Some(code)
}

fn unknown_key(spec: &str, key: &str) -> KeyError {
    if let Some((prefix, _)) = split_modifier(key) {
        return KeyError(format!(
            "unknown modifier \"{prefix}\" in \"{spec}\"; modifiers are ctrl-, alt- and shift-"
        ));
    }
    KeyError(format!(
        "unknown key \"{key}\" in \"{spec}\"; {HOW_TO_WRITE}"
    ))
}

/// Writes the key the way crossterm reports it, so a configured key matches the press: an
/// upper-case letter carries SHIFT, Shift-Tab is BackTab, and Ctrl-D is Ctrl-d (a terminal sends
/// the same byte for both).
fn normalize(
    spec: &str,
    code: KeyCode,
    mut modifiers: KeyModifiers,
    shift: bool,
) -> Result<Key, KeyError> {
    let KeyCode::Char(c) = code else {
        if code == KeyCode::BackTab || (shift && code == KeyCode::Tab) {
            return Ok(Key::new(KeyCode::BackTab, modifiers | KeyModifiers::SHIFT));
        }
        if shift {
            modifiers |= KeyModifiers::SHIFT;
        }
        return Ok(Key::new(code, modifiers));
    };
    if !c.is_alphabetic() {
        if shift {
            return Err(KeyError(format!(
                "\"{spec}\": write the character that shift makes (\"!\" rather than \"shift-1\"); \
                 terminals send it without shift"
            )));
        }
        return Ok(Key::new(code, modifiers));
    }
    if modifiers.contains(KeyModifiers::CONTROL) {
        if shift {
            return Err(KeyError(format!(
                "\"{spec}\": terminals send ctrl-shift-{lower} as ctrl-{lower}; write \"ctrl-{lower}\"",
                lower = c.to_lowercase()
            )));
        }
        return Ok(Key::new(KeyCode::Char(lower_char(c)), modifiers));
    }
    if shift || c.is_uppercase() {
        return Ok(Key::new(
            KeyCode::Char(upper_char(c)),
            modifiers | KeyModifiers::SHIFT,
        ));
    }
    Ok(Key::new(code, modifiers))
}

fn lower_char(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

fn upper_char(c: char) -> char {
    c.to_uppercase().next().unwrap_or(c)
}

/// A key as the help, the footer and every hint show it: `j`, `G`, `Ctrl-d`, `PgDn`, `↓`,
/// `Shift-Tab`.
impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        // A letter's shift is in its case, and BackTab's in its name.
        let shift_shown = matches!(self.code, KeyCode::Char(_) | KeyCode::BackTab);
        if self.modifiers.contains(KeyModifiers::SHIFT) && !shift_shown {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Delete"),
            KeyCode::Insert => f.write_str("Insert"),
            KeyCode::F(n) => write!(f, "F{n}"),
            // Keys the config file cannot name; never bound.
            other => write!(f, "{other:?}"),
        }
    }
}

#[cfg(test)]
mod tests;
