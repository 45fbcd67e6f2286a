//! Keys as a person writes them in the config file (`j`, `G`, `ctrl-d`, `shift-tab`, `pgdn`), the
//! names of actions, and replacing an action's default keys with the user's.

use crossterm::event::{KeyCode, KeyModifiers};
use serde::Deserialize;
use serde::de::value::StrDeserializer;

use super::keymap::{Action, Binding, Context, Keymap};

/// A key press as the keymap matches it.
pub type Key = (KeyCode, KeyModifiers);

const HOW_TO_WRITE: &str = "write a character (\"j\", \"G\", \"?\") or a key name (enter, esc, \
                            tab, space, up, down, left, right, pgup, pgdn, home, end, backspace, \
                            delete, insert, f1 … f12), optionally after ctrl-, alt- or shift-";

/// Parses a key as a person writes it. Modifier and key names are case-insensitive; a single
/// character is taken as written, so `G` is shift-g.
pub fn parse_key(spec: &str) -> Result<Key, String> {
    let trimmed = spec.trim();
    if trimmed.is_empty() {
        return Err(format!("empty key; {HOW_TO_WRITE}"));
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

/// `("ctrl", "d")` from `ctrl-d` or `ctrl+d`; None when there is no separator with a key after it.
fn split_modifier(s: &str) -> Option<(&str, &str)> {
    let at = s.find(['-', '+'])?;
    let after = &s[at + 1..];
    (at > 0 && !after.is_empty()).then(|| (&s[..at], after))
}

fn key_code(name: &str) -> Option<KeyCode> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return (!c.is_control()).then_some(KeyCode::Char(c));
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

fn unknown_key(spec: &str, key: &str) -> String {
    if let Some((prefix, _)) = split_modifier(key) {
        return format!(
            "unknown modifier \"{prefix}\" in \"{spec}\"; modifiers are ctrl-, alt- and shift-"
        );
    }
    format!("unknown key \"{key}\" in \"{spec}\"; {HOW_TO_WRITE}")
}

/// Writes the key the way crossterm reports it, so a configured key matches the press: an
/// upper-case letter carries SHIFT, Shift-Tab is BackTab, and Ctrl-D is Ctrl-d (a terminal sends
/// the same byte for both).
fn normalize(
    spec: &str,
    code: KeyCode,
    mut modifiers: KeyModifiers,
    shift: bool,
) -> Result<Key, String> {
    let KeyCode::Char(c) = code else {
        if code == KeyCode::BackTab || (shift && code == KeyCode::Tab) {
            return Ok((KeyCode::BackTab, modifiers | KeyModifiers::SHIFT));
        }
        if shift {
            modifiers |= KeyModifiers::SHIFT;
        }
        return Ok((code, modifiers));
    };
    if !c.is_alphabetic() {
        if shift {
            return Err(format!(
                "\"{spec}\": write the character that shift makes (\"!\" rather than \"shift-1\"); \
                 terminals send it without shift"
            ));
        }
        return Ok((code, modifiers));
    }
    if modifiers.contains(KeyModifiers::CONTROL) {
        if shift {
            return Err(format!(
                "\"{spec}\": terminals send ctrl-shift-{lower} as ctrl-{lower}; write \"ctrl-{lower}\"",
                lower = c.to_lowercase()
            ));
        }
        return Ok((KeyCode::Char(lower_char(c)), modifiers));
    }
    if shift || c.is_uppercase() {
        return Ok((
            KeyCode::Char(upper_char(c)),
            modifiers | KeyModifiers::SHIFT,
        ));
    }
    Ok((code, modifiers))
}

fn lower_char(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

fn upper_char(c: char) -> char {
    c.to_uppercase().next().unwrap_or(c)
}

/// A key written the way [`parse_key`] reads it: `j`, `G`, `ctrl-d`, `shift-tab`, `pgdn`.
pub fn key_spec((code, modifiers): Key) -> String {
    let mut out = String::new();
    if modifiers.contains(KeyModifiers::CONTROL) {
        out.push_str("ctrl-");
    }
    if modifiers.contains(KeyModifiers::ALT) {
        out.push_str("alt-");
    }
    // A letter's shift is in its case, and BackTab's in its name.
    let shift_shown = matches!(code, KeyCode::Char(_) | KeyCode::BackTab);
    if modifiers.contains(KeyModifiers::SHIFT) && !shift_shown {
        out.push_str("shift-");
    }
    let base = match code {
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "enter".into(),
        KeyCode::Esc => "esc".into(),
        KeyCode::Tab => "tab".into(),
        KeyCode::BackTab => "shift-tab".into(),
        KeyCode::Up => "up".into(),
        KeyCode::Down => "down".into(),
        KeyCode::Left => "left".into(),
        KeyCode::Right => "right".into(),
        KeyCode::PageUp => "pgup".into(),
        KeyCode::PageDown => "pgdn".into(),
        KeyCode::Home => "home".into(),
        KeyCode::End => "end".into(),
        KeyCode::Backspace => "backspace".into(),
        KeyCode::Delete => "delete".into(),
        KeyCode::Insert => "insert".into(),
        KeyCode::F(n) => format!("f{n}"),
        other => format!("{other:?}").to_lowercase(),
    };
    out.push_str(&base);
    out
}

/// Every action's name as the config file writes it (`page_down`), in declaration order. Read
/// from `Action`'s own serde derive, so a new action appears here without a change.
pub fn action_names() -> &'static [&'static str] {
    match Action::deserialize(StrDeserializer::<VariantProbe>::new("")) {
        Err(VariantProbe(Some(names))) => names,
        _ => &[],
    }
}

/// An action from its config name.
pub fn parse_action(name: &str) -> Result<Action, String> {
    Action::deserialize(StrDeserializer::<VariantProbe>::new(name)).map_err(|_| {
        format!(
            "unknown action \"{name}\"; actions are: {}",
            action_names().join(", ")
        )
    })
}

/// The config name of an action.
pub fn action_name(action: Action) -> &'static str {
    action_names()
        .iter()
        .copied()
        .find(|name| parse_action(name) == Ok(action))
        .unwrap_or("?")
}

/// A serde error that keeps the list of variants serde offers when a name is unknown.
#[derive(Debug)]
struct VariantProbe(Option<&'static [&'static str]>);

impl std::fmt::Display for VariantProbe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not an action")
    }
}

impl std::error::Error for VariantProbe {}

impl serde::de::Error for VariantProbe {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        VariantProbe(None)
    }

    fn unknown_variant(_: &str, expected: &'static [&'static str]) -> Self {
        VariantProbe(Some(expected))
    }
}

/// An action's new keys.
pub type Override = (Action, Vec<Key>);

/// The overrides of one place (`[keys.browse]`…).
pub type PlaceOverrides = (Context, Vec<Override>);

/// A context as the config file names it (`[keys.browse]`).
pub fn context_name(context: Context) -> &'static str {
    match context {
        Context::Browse => "browse",
        Context::Form => "form",
        Context::Question => "question",
        Context::Filter => "filter",
        Context::Search => "search",
    }
}

/// Why a set of overrides cannot be applied, and to which overridden action the problem belongs
/// (so the config file can point at its line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideError {
    pub action: Action,
    pub message: String,
}

impl Keymap {
    /// Replaces each overridden action's default keys with the given ones. A key that another
    /// action keeps is a clash, reported rather than silently shadowed.
    pub fn with_overrides(self, overrides: &[(Action, Vec<Key>)]) -> Result<Keymap, String> {
        apply_overrides(self, Context::Browse, overrides).map_err(|e| e.message)
    }

    /// The overrides of each context (the config file's `[keys.browse]`, `[keys.form]`,
    /// `[keys.question]`), one context after the other.
    pub fn with_context_overrides(
        self,
        overrides: &[PlaceOverrides],
    ) -> Result<Keymap, OverrideError> {
        overrides.iter().try_fold(self, |keymap, (context, list)| {
            apply_overrides(keymap, *context, list)
        })
    }

    /// The keys bound to an action, in table order, each once.
    pub fn keys_for(&self, action: Action) -> Vec<Key> {
        self.keys_in(Context::Browse, action)
    }

    /// The keys bound to an action in a context, in table order, each once.
    pub fn keys_in(&self, context: Context, action: Action) -> Vec<Key> {
        let mut keys: Vec<Key> = Vec::new();
        for b in self
            .bindings
            .iter()
            .filter(|b| b.context == context && b.action == action)
        {
            if !keys.contains(&(b.code, b.modifiers)) {
                keys.push((b.code, b.modifiers));
            }
        }
        keys
    }
}

/// [`Keymap::with_overrides`], saying which action the problem belongs to.
///
/// The new keys take the place of the action's default bindings, and copy everything else
/// about them: a binding that says where it is live keeps saying so, and a clash is a key that
/// another action keeps in the same place.
pub fn apply_overrides(
    keymap: Keymap,
    context: Context,
    overrides: &[(Action, Vec<Key>)],
) -> Result<Keymap, OverrideError> {
    for (i, (action, keys)) in overrides.iter().enumerate() {
        let name = action_name(*action);
        let fail = |message: String| {
            Err(OverrideError {
                action: *action,
                message,
            })
        };
        if overrides[..i].iter().any(|(a, _)| a == action) {
            return fail(format!("{name} is given keys twice; give it one list"));
        }
        if keys.is_empty() {
            return fail(format!(
                "{name} is given no key; give it at least one (to free one of its keys for \
                 another action, give {name} other keys)"
            ));
        }
        if !keymap
            .bindings
            .iter()
            .any(|b| b.context == context && b.action == *action)
        {
            return fail(format!(
                "{name} has no keys in {} to replace; it cannot be given keys there",
                context_name(context)
            ));
        }
    }
    let keys_of = |b: &Binding| {
        overrides
            .iter()
            .find(|(a, _)| b.context == context && *a == b.action)
            .map(|(_, keys)| keys.as_slice())
    };
    let mut bindings: Vec<Binding> = Vec::with_capacity(keymap.bindings.len());
    let mut added: Vec<Binding> = Vec::new();
    for default in &keymap.bindings {
        let Some(keys) = keys_of(default) else {
            bindings.push(default.clone());
            continue;
        };
        let name = action_name(default.action);
        for &(code, modifiers) in keys {
            let new = Binding {
                code,
                modifiers,
                ..default.clone()
            };
            let spec = key_spec((code, modifiers));
            let fail = |message: String| {
                Err(OverrideError {
                    action: new.action,
                    message,
                })
            };
            if let Some(kept) = keymap
                .bindings
                .iter()
                .find(|b| keys_of(b).is_none() && collide(b, &new))
            {
                let other = action_name(kept.action);
                return fail(format!(
                    "key \"{spec}\" for {name} is already {other}'s key; choose another key for \
                     {name}, or also set {other}'s keys, without \"{spec}\""
                ));
            }
            match added.iter().find(|b| collide(b, &new)) {
                // The same key again (or the same action's next default binding).
                Some(b) if b.action == new.action => {}
                Some(b) => {
                    return fail(format!(
                        "key \"{spec}\" is given to both {} and {name}; give each its own keys",
                        action_name(b.action)
                    ));
                }
                None => {
                    added.push(new.clone());
                    bindings.push(new);
                }
            }
        }
    }
    Ok(Keymap { bindings })
}

/// Whether two bindings would answer the same key press: the same key as [`Keymap::action`]
/// matches it (SHIFT ignored for characters, since terminals differ on whether an upper-case
/// letter carries it), and everything else about them but the action equal.
fn collide(a: &Binding, b: &Binding) -> bool {
    let relevant = |x: &Binding| Binding {
        action: a.action,
        modifiers: match x.code {
            KeyCode::Char(_) => x.modifiers - KeyModifiers::SHIFT,
            _ => x.modifiers,
        },
        ..x.clone()
    };
    relevant(a) == relevant(b)
}

#[cfg(test)]
mod tests;
