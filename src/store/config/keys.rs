//! The config file's `[keys.*]` sections → the dashboard's [`Keymap`]. The one place keys are
//! read and applied: in each place, each action's keys replace its default keys there, and a
//! mistake is reported at its line.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::{Spanned, Value};

use super::file::Problem;
use crate::app::{Action, Context, Key, Keymap};

/// The `[keys]` table as read: places, then actions, then their keys.
pub(super) type KeysFile = BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<Value>>>;

/// Where keys go, for the messages.
pub(super) const PLACES: &str = "[keys.browse] (the panes), [keys.form] (the compose form), \
                      [keys.question] (questions), [keys.filter] (typing a filter) or \
                      [keys.search] (the history search)";

/// The default keymap with the file's keys in place.
pub(super) fn keymap(places: KeysFile) -> Result<Keymap, Problem> {
    let mut keymap = Keymap::default();
    for (place, table) in places {
        let Some(context) = Context::ALL
            .into_iter()
            .find(|c| c.name() == place.get_ref())
        else {
            return Err(Problem::at(
                place.span(),
                format!(
                    "unknown place [keys.{}]; keys go under {PLACES}",
                    place.get_ref()
                ),
            ));
        };
        let section = format!("[keys.{}]", context.name());
        let (replacements, spans) = context_keys(table, &section)?;
        keymap = keymap.replace(context, &replacements).map_err(|e| {
            let span = replacements
                .iter()
                .zip(&spans)
                .find(|((a, _), _)| *a == e.action)
                .map(|(_, span)| span.clone());
            Problem {
                span,
                message: format!("in {section}: {}", e.message),
            }
        })?;
    }
    Ok(keymap)
}

/// One place's actions and keys, in the order written, with where each action is named.
#[allow(clippy::type_complexity)]
fn context_keys(
    table: BTreeMap<Spanned<String>, Spanned<Value>>,
    section: &str,
) -> Result<(Vec<(Action, Vec<Key>)>, Vec<Range<usize>>), Problem> {
    let mut entries: Vec<_> = table.into_iter().collect();
    // In the order written, so the help overlay lists new actions as the file does.
    entries.sort_by_key(|(name, _)| name.span().start);
    let mut replacements: Vec<(Action, Vec<Key>)> = Vec::new();
    let mut spans: Vec<Range<usize>> = Vec::new();
    for (name, value) in &entries {
        let action: Action = name.get_ref().parse().map_err(|_| {
            let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
            Problem::at(
                name.span(),
                format!(
                    "unknown action \"{}\" in {section}; actions are: {}",
                    name.get_ref(),
                    names.join(", ")
                ),
            )
        })?;
        let specs = key_list(value.get_ref()).ok_or_else(|| {
            Problem::at(
                value.span(),
                format!(
                    "{} in {section} takes a key like \"j\" or a list like [\"j\", \"down\"]; found {}",
                    name.get_ref(),
                    value.get_ref()
                ),
            )
        })?;
        let keys = specs
            .into_iter()
            .map(|spec| {
                spec.parse::<Key>().map_err(|e| {
                    Problem::at(
                        value.span(),
                        format!("{} in {section}: {e}", name.get_ref()),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        replacements.push((action, keys));
        spans.push(name.span());
    }
    Ok((replacements, spans))
}

fn key_list(value: &Value) -> Option<Vec<&str>> {
    match value {
        Value::String(s) => Some(vec![s.as_str()]),
        Value::Array(items) => items.iter().map(Value::as_str).collect(),
        _ => None,
    }
}
