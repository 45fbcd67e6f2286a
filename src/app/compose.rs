//! The compose form's state: the items being typed, the caller reference, the targets the
//! batch goes to, and where submission stands. Changed only by `update`.

use std::collections::HashMap;

use ratatui::style::{Modifier, Style};
use ratatui_textarea::TextArea;
use tui_input::Input;

use super::model::{RequestId, Slot};
use crate::domain::batch::{BatchItem, LiveBatch, apply_fixes};
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
    /// The items judged as they are now, line by line.
    pub batch: LiveBatch,
    /// The in-progress load of each chosen target, for the headroom in the summary.
    pub loads: HashMap<CloudFrontTarget, Slot<InProgressLoad>>,
    /// Why the last submit did not go through, and what to do.
    pub error: Option<String>,
    /// The invalidation this batch was copied from.
    pub copied_from: Option<String>,
    pub submissions: Vec<Submission>,
    /// The first item the confirmation shows (it scrolls through a long batch).
    pub confirm_scroll: usize,
    /// Since when the batch has been on its way (from the first tick after it was sent).
    pub sending_since: Option<chrono::DateTime<chrono::Utc>>,
    /// The planner's batch asked for (`Ctrl-p`), while its question is open.
    pub plan: Option<super::form_plan::FormPlan>,
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
            batch: LiveBatch::default(),
            loads: HashMap::new(),
            error: None,
            copied_from,
            submissions: Vec::new(),
            sending_since: None,
            confirm_scroll: 0,
            plan: None,
        };
        form.judge();
        form
    }

    /// The editor's text, every line.
    pub fn text(&self) -> String {
        self.editor.lines().join("\n")
    }

    /// Judge the items again after an edit: the editor does not say which lines it changed,
    /// so the batch finds them by comparing its lines with the editor's.
    pub fn judge(&mut self) {
        self.batch.sync(self.editor.lines());
    }

    /// The verdict on line `index` (0-based) of the editor; none for a blank line.
    pub fn item_of_line(&self, index: usize) -> Option<BatchItem> {
        self.batch.item(index)
    }

    /// Put `items` in place of the editor's text, one a line (the plan applied), judged.
    pub fn replace_items(&mut self, items: &[String]) {
        self.editor = editor(items.to_vec());
        self.focus(self.field);
        self.judge();
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

    /// Whether the batch is on its way (the form takes no edit until every create is back or
    /// the user stops waiting).
    pub fn is_sending(&self) -> bool {
        self.pending() > 0
    }

    /// The targets the creates still on their way go to, each once, in order.
    pub fn sending_to(&self) -> Vec<&CloudFrontTarget> {
        let mut targets: Vec<&CloudFrontTarget> = Vec::new();
        for s in self.submissions.iter().filter(|s| s.outcome.is_none()) {
            if !targets.contains(&&s.target) {
                targets.push(&s.target);
            }
        }
        targets
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
    use crate::domain::batch::{PathBatch, Verdict};

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
    fn each_line_has_its_verdict() {
        let f = form("/a\n\nindex.html\n/a\n/x /y");
        let verdict = |line| f.item_of_line(line).map(|i| i.verdict);
        assert_eq!(verdict(0), Some(Verdict::Keep));
        assert_eq!(verdict(1), None, "a blank line has no verdict");
        assert_eq!(verdict(2), Some(Verdict::Reject));
        assert_eq!(verdict(3), Some(Verdict::Drop));
        let split = f.item_of_line(4);
        assert!(
            split
                .as_ref()
                .and_then(|i| i.fix.as_ref())
                .is_some_and(|x| x.lines.len() == 2),
            "{split:?}"
        );
        assert!(f.item_of_line(99).is_none());
    }

    /// Keys of every kind (typing, joining and splitting lines, undo, a paste over several
    /// lines, fixes) leave the verdicts those of the whole text parsed.
    #[test]
    fn edits_leave_the_verdicts_of_the_whole_text() {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        use ratatui_textarea::CursorMove;

        let mut f = form("/img/a.png\n/img/b.png\n/a\n/a\nindex.html");
        let assert_parsed = |f: &Compose| {
            let parsed = PathBatch::parse(&f.text());
            assert_eq!(f.batch.to_batch(), parsed, "{:?}", f.editor.lines());
            assert_eq!(f.batch.summary(), parsed.summary());
        };
        let key = |f: &mut Compose, code: KeyCode, modifiers: KeyModifiers| {
            f.editor.input(KeyEvent::new(code, modifiers));
            f.judge();
        };
        f.editor.move_cursor(CursorMove::Jump(2, 0));
        for code in [KeyCode::Backspace, KeyCode::Enter, KeyCode::Char('/')] {
            key(&mut f, code, KeyModifiers::NONE);
            assert_parsed(&f);
        }
        f.editor.move_cursor(CursorMove::Top);
        f.editor.insert_str("/img/*\n/b\n");
        f.judge();
        assert_parsed(&f);
        key(&mut f, KeyCode::Char('u'), KeyModifiers::CONTROL);
        assert_parsed(&f);
        key(&mut f, KeyCode::Char('k'), KeyModifiers::CONTROL);
        assert_parsed(&f);
        assert!(f.accept_fixes());
        assert_parsed(&f);
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
