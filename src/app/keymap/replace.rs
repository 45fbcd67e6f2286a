//! Giving actions new keys: the user's keys take the place of an action's default keys in one
//! context, and a key another action keeps there is a clash, reported rather than shadowed.

use super::{Action, Binding, Context, Key, Keymap};

/// Why keys cannot replace an action's, and which action the problem belongs to (so the config
/// file can point at its line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplaceError {
    pub action: Action,
    pub message: String,
}

impl Keymap {
    /// Replaces each named action's keys in `context` with the given ones. The new keys take
    /// the place of the action's bindings (so the help keeps its order), and a key that
    /// another action keeps in the same context is a clash.
    pub fn replace(
        self,
        context: Context,
        replacements: &[(Action, Vec<Key>)],
    ) -> Result<Keymap, ReplaceError> {
        check(&self, context, replacements)?;
        let keys_of = |b: &Binding| {
            replacements
                .iter()
                .find(|(a, _)| b.context == context && *a == b.action)
                .map(|(_, keys)| keys.as_slice())
        };
        let mut bindings: Vec<Binding> = Vec::with_capacity(self.bindings.len());
        let mut added: Vec<Binding> = Vec::new();
        for default in &self.bindings {
            let Some(keys) = keys_of(default) else {
                bindings.push(default.clone());
                continue;
            };
            let name = default.action.name();
            for &key in keys {
                let new = Binding {
                    key,
                    ..default.clone()
                };
                let fail = |message: String| {
                    Err(ReplaceError {
                        action: new.action,
                        message,
                    })
                };
                if let Some(kept) = self
                    .bindings
                    .iter()
                    .find(|b| keys_of(b).is_none() && collide(b, &new))
                {
                    let other = kept.action.name();
                    return fail(format!(
                        "key \"{key}\" for {name} is already {other}'s key; choose another key \
                         for {name}, or also set {other}'s keys, without \"{key}\""
                    ));
                }
                match added.iter().find(|b| collide(b, &new)) {
                    // The same key again (or the same action's next default binding).
                    Some(b) if b.action == new.action => {}
                    Some(b) => {
                        return fail(format!(
                            "key \"{key}\" is given to both {} and {name}; give each its own keys",
                            b.action.name()
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
}

/// Each action named once, with at least one key, and keys in `context` to replace.
fn check(
    keymap: &Keymap,
    context: Context,
    replacements: &[(Action, Vec<Key>)],
) -> Result<(), ReplaceError> {
    for (i, (action, keys)) in replacements.iter().enumerate() {
        let name = action.name();
        let fail = |message: String| {
            Err(ReplaceError {
                action: *action,
                message,
            })
        };
        if replacements[..i].iter().any(|(a, _)| a == action) {
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
                context.name()
            ));
        }
    }
    Ok(())
}

/// Whether two bindings would answer the same key press: the same context, and the same key
/// as [`Keymap::action`] matches it.
fn collide(a: &Binding, b: &Binding) -> bool {
    a.context == b.context && a.key.same_press(b.key)
}

#[cfg(test)]
mod tests;
