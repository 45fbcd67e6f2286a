//! The keys `update` names in its messages ("Ctrl-x discards it"), taken from the keymap once
//! at start: `update` is pure, so it reads them from the model rather than from the config.

use super::keymap::{Action, Context, Keymap};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hints {
    /// [`Keymap::hint`] of every action in every context.
    keys: Vec<(Context, Action, String)>,
    /// Lines the help shows: a line on how to close it, then for each place a blank line,
    /// its title and a line per action (so that `update` knows how far it scrolls).
    help_lines: usize,
}

impl Hints {
    pub fn of(keymap: &Keymap) -> Self {
        let keys = Context::ALL
            .iter()
            .flat_map(|&context| {
                Action::ALL
                    .iter()
                    .map(move |&action| (context, action, keymap.hint(context, action)))
            })
            .collect();
        let help_lines = 1 + keymap
            .help()
            .iter()
            .map(|(_, rows)| 2 + rows.len())
            .sum::<usize>();
        Self { keys, help_lines }
    }

    pub fn help_lines(&self) -> usize {
        self.help_lines
    }

    /// The key to name for `action` in `context`, as [`Keymap::hint`] gives it.
    pub fn key(&self, context: Context, action: Action) -> &str {
        self.keys
            .iter()
            .find(|(c, a, _)| *c == context && *a == action)
            .map_or_else(|| action.name(), |(_, _, key)| key.as_str())
    }
}

/// The default keymap's.
impl Default for Hints {
    fn default() -> Self {
        Self::of(&Keymap::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_are_the_keymaps() {
        let keymap = Keymap::default()
            .replace(
                Context::Form,
                &[(Action::Discard, vec!["f4".parse().unwrap()])],
            )
            .unwrap();
        let hints = Hints::of(&keymap);
        for &context in &Context::ALL {
            for &action in Action::ALL {
                assert_eq!(hints.key(context, action), keymap.hint(context, action));
            }
        }
        assert_eq!(hints.key(Context::Form, Action::Discard), "F4");
        assert_eq!(
            Hints::default().key(Context::Form, Action::Discard),
            "Ctrl-x"
        );
    }
}
