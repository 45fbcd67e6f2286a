//! One line of a batch and the verdict on it.

use serde::Serialize;

/// Whether an item names paths or a cache tag (`#tag`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Path,
    Tag,
}

/// What happens to an item when the batch is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Sent, in its normalized form.
    Keep,
    /// Not sent, because it would change nothing (a duplicate, or covered by a wildcard).
    Drop,
    /// Cannot be sent as written.
    Reject,
}

/// How much a note matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Something the user may want to know (how the item will be sent).
    Hint,
    /// Sent or dropped, but worth a look.
    Warning,
    /// The reason an item is rejected.
    Error,
}

/// A message about an item: it names the problem, and the fix when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub level: Level,
    pub text: String,
}

impl Note {
    pub fn error(text: impl Into<String>) -> Self {
        Self::new(Level::Error, text)
    }
    pub fn warning(text: impl Into<String>) -> Self {
        Self::new(Level::Warning, text)
    }
    pub fn hint(text: impl Into<String>) -> Self {
        Self::new(Level::Hint, text)
    }
    fn new(level: Level, text: impl Into<String>) -> Self {
        Self {
            level,
            text: text.into(),
        }
    }
}

/// A change the user can accept with one key: the item's line is replaced by `lines`
/// (none removes it; two adds a line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub label: String,
    pub lines: Vec<String>,
}

impl Fix {
    pub fn replace(label: impl Into<String>, lines: Vec<String>) -> Self {
        Self {
            label: label.into(),
            lines,
        }
    }
}

/// One non-blank line of a batch, judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchItem {
    /// 1-based line number in the text the batch was read from.
    pub line: usize,
    /// The line as typed, surrounding whitespace removed.
    pub input: String,
    pub kind: ItemKind,
    /// The form sent to CloudFront; none when rejected.
    pub normalized: Option<String>,
    #[serde(rename = "action")]
    pub verdict: Verdict,
    pub notes: Vec<Note>,
    pub fix: Option<Fix>,
}

impl BatchItem {
    pub fn is_wildcard(&self) -> bool {
        self.kind == ItemKind::Path && self.normalized.as_deref().is_some_and(super::is_wildcard)
    }

    /// The text every note carries, in order.
    pub fn messages(&self) -> impl Iterator<Item = &str> {
        self.notes.iter().map(|n| n.text.as_str())
    }
}
