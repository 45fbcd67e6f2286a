//! The compose form's state: the items being typed, the caller reference, the targets the
//! batch goes to, and where submission stands. Changed only by `update`.

use std::collections::HashMap;
use std::ops::Range;

use ratatui::style::{Modifier, Style};
use ratatui_textarea::TextArea;
use tui_input::Input;

use super::model::{RequestId, Slot};
use crate::domain::batch::{BatchItem, PathBatch, apply_fixes};
use crate::domain::caller_reference::{CallerReference, CallerReferenceError};
use crate::domain::quota::InProgressLoad;
use crate::domain::target::CloudFrontTarget;

/// The part of the form that takes keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Items,
    CallerReference,
    Targets,
}

impl Field {
    pub const ALL: [Field; 3] = [Field::Items, Field::CallerReference, Field::Targets];
}

/// Where the form is on its way to AWS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Editing,
    /// Asking "send this?".
    Confirm,
    /// Asked again, because the batch purges whole distributions.
    ConfirmEverything,
    /// Creates are on their way.
    Submitting,
}

/// A target the batch can go to, as offered in the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub target: CloudFrontTarget,
    pub label: String,
    pub chosen: bool,
}

/// One invalidation being created: a target and a part of the batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub request: RequestId,
    pub target: CloudFrontTarget,
    /// 1-based, of `parts`.
    pub part: usize,
    pub parts: usize,
    pub caller_reference: CallerReference,
    /// None while on its way; then the new invalidation's id, or the error.
    pub outcome: Option<Result<String, String>>,
}

#[derive(Debug, Clone)]
pub struct Compose {
    pub editor: TextArea<'static>,
    pub caller_reference: Input,
    pub choices: Vec<Choice>,
    pub choice_cursor: usize,
    pub field: Field,
    pub stage: Stage,
    /// The items judged as they are now.
    pub batch: PathBatch,
    /// For each line of the editor, the range of `batch.items` judging it.
    line_items: Vec<Range<usize>>,
    /// The in-progress load of each chosen target, for the headroom in the summary.
    pub loads: HashMap<CloudFrontTarget, Slot<InProgressLoad>>,
    /// Why the last submit did not go through, and what to do.
    pub error: Option<String>,
    /// The invalidation this batch was copied from.
    pub copied_from: Option<String>,
    pub submissions: Vec<Submission>,
}

impl Compose {
    pub fn new(
        choices: Vec<Choice>,
        text: &str,
        caller_reference: &str,
        copied_from: Option<String>,
    ) -> Self {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        let mut form = Self {
            editor: editor(lines),
            caller_reference: Input::new(caller_reference.to_string()),
            choice_cursor: choices.iter().position(|c| c.chosen).unwrap_or(0),
            choices,
            field: Field::Items,
            stage: Stage::Editing,
            batch: PathBatch::parse(""),
            line_items: Vec::new(),
            loads: HashMap::new(),
            error: None,
            copied_from,
            submissions: Vec::new(),
        };
        form.judge();
        form
    }

    /// The editor's text, every line.
    pub fn text(&self) -> String {
        self.editor.lines().join("\n")
    }

    /// Judge the items again after an edit.
    pub fn judge(&mut self) {
        self.batch = PathBatch::parse(&self.text());
        let lines = self.editor.lines().len();
        let mut ranges = vec![0..0; lines];
        let mut at = 0;
        while at < self.batch.items.len() {
            let line = self.batch.items[at].line;
            let end = self.batch.items[at..]
                .iter()
                .position(|i| i.line != line)
                .map_or(self.batch.items.len(), |n| at + n);
            if let Some(r) = line.checked_sub(1).and_then(|i| ranges.get_mut(i)) {
                *r = at..end;
            }
            at = end;
        }
        self.line_items = ranges;
    }

    /// The verdicts on line `index` (0-based) of the editor.
    pub fn items_of_line(&self, index: usize) -> &[BatchItem] {
        self.line_items
            .get(index)
            .and_then(|r| self.batch.items.get(r.clone()))
            .unwrap_or(&[])
    }

    /// Replace each line that has a fix by the fix; true when something changed.
    pub fn accept_fixes(&mut self) -> bool {
        let before = self.text();
        let after = apply_fixes(&before);
        if after == before {
            return false;
        }
        let ratatui_textarea::DataCursor(row, col) = self.editor.cursor();
        let mut editor = editor(after.lines().map(str::to_string).collect());
        let row = row.min(editor.lines().len().saturating_sub(1));
        editor.move_cursor(ratatui_textarea::CursorMove::Jump(
            u16::try_from(row).unwrap_or(u16::MAX),
            u16::try_from(col).unwrap_or(u16::MAX),
        ));
        self.editor = editor;
        self.judge();
        true
    }

    /// Move to a field; only the focused one shows its cursor.
    pub fn focus(&mut self, field: Field) {
        self.field = field;
        self.editor.set_cursor_style(if field == Field::Items {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default()
        });
    }

    pub fn chosen(&self) -> Vec<CloudFrontTarget> {
        self.choices
            .iter()
            .filter(|c| c.chosen)
            .map(|c| c.target.clone())
            .collect()
    }

    pub fn reference(&self) -> Result<CallerReference, CallerReferenceError> {
        CallerReference::parse(self.caller_reference.value())
    }

    /// Whether the user has typed anything worth keeping.
    pub fn has_items(&self) -> bool {
        self.editor.lines().iter().any(|l| !l.trim().is_empty())
    }

    /// The creates still on their way.
    pub fn pending(&self) -> usize {
        self.submissions
            .iter()
            .filter(|s| s.outcome.is_none())
            .count()
    }
}

/// The items editor: line numbers, so that messages about "line 7" can be found.
fn editor(lines: Vec<String>) -> TextArea<'static> {
    let mut editor = TextArea::new(lines);
    editor.set_placeholder_text("one path per line: /index.html, /images/*, #tag");
    editor.set_line_number_style(Style::default().add_modifier(Modifier::DIM));
    editor.set_cursor_line_style(Style::default());
    editor
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::batch::Verdict;

    fn form(text: &str) -> Compose {
        Compose::new(
            vec![Choice {
                target: CloudFrontTarget::distribution("E1"),
                label: "E1".into(),
                chosen: true,
            }],
            text,
            "ref-1",
            None,
        )
    }

    #[test]
    fn each_line_has_its_verdicts() {
        let f = form("/a\n\nindex.html\n/a\n/x /y");
        assert_eq!(f.items_of_line(0)[0].verdict, Verdict::Keep);
        assert!(f.items_of_line(1).is_empty(), "a blank line has no verdict");
        assert_eq!(f.items_of_line(2)[0].verdict, Verdict::Reject);
        assert_eq!(f.items_of_line(3)[0].verdict, Verdict::Drop);
        let split = f.items_of_line(4);
        assert!(
            split[0].fix.as_ref().is_some_and(|x| x.lines.len() == 2),
            "{split:?}"
        );
        assert!(f.items_of_line(99).is_empty());
    }

    #[test]
    fn accepting_fixes_rewrites_the_lines_and_judges_again() {
        let mut f = form("index.html\n/b");
        assert!(!f.batch.is_submittable());
        assert!(f.accept_fixes());
        assert_eq!(f.editor.lines(), ["/index.html", "/b"]);
        assert!(f.batch.is_submittable());
        assert!(!f.accept_fixes(), "nothing left to fix");
    }

    #[test]
    fn the_reference_is_checked() {
        let mut f = form("/a");
        assert_eq!(f.reference().unwrap().as_str(), "ref-1");
        f.caller_reference = Input::new(String::new());
        assert!(f.reference().is_err());
    }
}
