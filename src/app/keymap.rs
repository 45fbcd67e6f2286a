//! Keys → typed actions. The help overlay, the footer and every key named in a message come
//! from the same table, so what they say is always what the keys do.

mod defaults;
mod replace;

use crossterm::event::KeyEvent;

pub use super::action::Action;
pub use super::key::Key;
pub use replace::ReplaceError;

/// Which keys are live: the panes, the compose form (where other keys type text), or a
/// question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Browse,
    Form,
    Question,
    /// Typing a filter: keys that are no action are its text.
    Filter,
    /// The history search: keys that are no action are its text.
    Search,
}

impl Context {
    pub const ALL: [Context; 5] = [
        Context::Browse,
        Context::Form,
        Context::Question,
        Context::Filter,
        Context::Search,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Context::Browse => "Panes",
            Context::Form => "Compose form",
            Context::Question => "Questions",
            Context::Filter => "Filter",
            Context::Search => "History search",
        }
    }

    /// The name the config file gives it (`[keys.browse]`).
    pub fn name(self) -> &'static str {
        match self {
            Context::Browse => "browse",
            Context::Form => "form",
            Context::Question => "question",
            Context::Filter => "filter",
            Context::Search => "search",
        }
    }
}

/// One key of an action in one context.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Binding {
    context: Context,
    key: Key,
    action: Action,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self {
            bindings: defaults::bindings(),
        }
    }
}

impl Keymap {
    /// The action a key press asks for in `context`, if any. In the form, a key that is not
    /// an action is text for the field.
    pub fn action(&self, context: Context, key: KeyEvent) -> Option<Action> {
        let pressed = Key::new(key.code, key.modifiers);
        self.bindings
            .iter()
            .filter(|b| b.context == context)
            .find(|b| b.key.same_press(pressed))
            .map(|b| b.action)
    }

    /// The key a message names for an action: its first key in `context`, as shown to the user
    /// (the action's config name if it has none there, which the replacement rules prevent for
    /// every action the defaults bind).
    pub fn hint(&self, context: Context, action: Action) -> String {
        self.keys_in(context, action)
            .first()
            .map_or_else(|| action.name().to_string(), Key::to_string)
    }

    /// The keys bound to an action in a context, in table order, each once.
    pub fn keys_in(&self, context: Context, action: Action) -> Vec<Key> {
        let mut keys: Vec<Key> = Vec::new();
        for b in self
            .bindings
            .iter()
            .filter(|b| b.context == context && b.action == action)
        {
            if !keys.contains(&b.key) {
                keys.push(b.key);
            }
        }
        keys
    }

    /// Every action of each context with its keys, in table order: the help overlay.
    pub fn help(&self) -> Vec<(Context, Vec<(String, String)>)> {
        Context::ALL
            .iter()
            .map(|&context| {
                let mut seen: Vec<Action> = Vec::new();
                for b in self.bindings.iter().filter(|b| b.context == context) {
                    if !seen.contains(&b.action) {
                        seen.push(b.action);
                    }
                }
                let rows = seen
                    .into_iter()
                    .map(|a| {
                        let keys: Vec<String> = self
                            .keys_in(context, a)
                            .iter()
                            .map(Key::to_string)
                            .collect();
                        (keys.join(" "), self.describe(context, a))
                    })
                    .collect();
                (context, rows)
            })
            .collect()
    }

    /// The footer of a context: the first key of each action worth showing (and for which
    /// `applies` holds), with its word.
    pub fn footer(
        &self,
        context: Context,
        applies: impl Fn(Action) -> bool,
    ) -> Vec<(String, &'static str)> {
        let mut out: Vec<(String, &'static str)> = Vec::new();
        for b in self.bindings.iter().filter(|b| b.context == context) {
            let word = match (context, b.action) {
                (Context::Filter, Action::Open) => Some("keep"),
                (Context::Filter, Action::Back) => Some("clear"),
                (Context::Search, Action::Open) => Some("open"),
                (Context::Search, Action::Back) => Some("close"),
                _ => b.action.footer_word(),
            };
            if let Some(word) = word
                && applies(b.action)
                && !out.iter().any(|(_, w)| *w == word)
            {
                out.push((b.key.to_string(), word));
            }
        }
        out
    }

    /// What an action does in a context, where that differs from its usual words.
    fn describe(&self, context: Context, action: Action) -> String {
        let words = match (context, action) {
            (Context::Browse, Action::Filter) => {
                return format!(
                    "{} ({} keeps it, {} clears it)",
                    action.description(),
                    self.hint(Context::Filter, Action::Open),
                    self.hint(Context::Filter, Action::Back)
                );
            }
            (Context::Filter, Action::Open) => "keep the filter",
            (Context::Filter, Action::Back) => "clear the filter",
            (Context::Question, Action::Back) => "cancel",
            (Context::Search, Action::Open) => "open the chosen invalidation",
            (Context::Search, Action::Back) => "close the search",
            _ => action.description(),
        };
        words.to_string()
    }
}

#[cfg(test)]
mod tests;
