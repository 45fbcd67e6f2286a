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

/// A change offered for an item: its line is replaced by `lines` (none removes it; two adds a
/// line).
///
/// "Fix all" (the form's key, `validate --fix`) applies only the fixes that keep the batch's
/// meaning, so that it can never purge more than was asked. The rule:
/// - same meaning: the same objects written the way CloudFront wants them (surrounding
///   whitespace, quotes and a comma from JSON, a missing leading slash on a path, a URL's scheme
///   and host, needless escapes other than `%2A`, several paths written on one line, one tag a
///   line), the one object an `aws s3` line names, or a line removed because another one
///   already purges it;
/// - changes what is purged: a wildcard cut short (`/a/*/b` to `/a/*` purges all of `/a/`), an
///   escaped `*` made a wildcard, a path added (`/dir` beside `/dir/`), a kept path read as
///   several (`/a,/b`), a path taken from text that only may be one (an access-log line, words
///   with spaces). These are offered on their line only, for the user to choose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What it does, in a few words (every label is edgepurge's own: none is copied per item).
    pub label: &'static str,
    pub lines: Vec<String>,
    /// Whether "fix all" applies it: the batch means the same after it.
    pub same_meaning: bool,
}

impl Fix {
    /// A fix that writes the same objects differently: "fix all" applies it.
    pub fn same_meaning(label: &'static str, lines: Vec<String>) -> Self {
        Self {
            label,
            lines,
            same_meaning: true,
        }
    }

    /// A fix that changes which paths are purged: offered on its line only.
    pub fn changes_coverage(label: &'static str, lines: Vec<String>) -> Self {
        Self {
            same_meaning: false,
            ..Self::same_meaning(label, lines)
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
