//! What is open over the panes or the form: help, a question, the account picker, a filter
//! being typed, the history search. Layers stack (a question can open over a filter, help
//! over the search); the top one takes every key, and closing it gives the keys back to the
//! one below.

use super::keymap::Context;
use super::model::Pane;
use super::picker::Picker;
use super::running::RunningNow;
use super::search::HistorySearch;

/// A question the dashboard waits on an answer to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    /// Send the form's batch? `everything`: asked again, because it purges whole
    /// distributions.
    Send { everything: bool },
    /// Reset the whole cache of a Lightsail distribution?
    ResetCache { name: String },
    /// Quit, with a batch in the form (it is kept as a draft)?
    Quit,
    /// Throw the form's batch away?
    Discard,
    /// A batch left from last time: open it?
    Draft { summary: String },
    /// Writes the journal holds without an answer: send them again with their own
    /// references, or forget them?
    Unconfirmed,
    /// The planner's batch beside the exact one (the form's `plan`): use it?
    Plan,
}

/// One layer over the screen.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help,
    Question(Question),
    /// `p`: another profile.
    Picker(Picker),
    /// The filter of a pane being typed.
    Filter(Pane),
    /// `s`: the stored history searched.
    Search(HistorySearch),
    /// `i`: everything in progress, on every target.
    Running(RunningNow),
}

impl Overlay {
    /// The keys live while this layer is on top: help and the picker take the panes' keys.
    pub fn context(&self) -> Context {
        match self {
            Overlay::Help | Overlay::Picker(_) | Overlay::Running(_) => Context::Browse,
            Overlay::Question(_) => Context::Question,
            Overlay::Filter(_) => Context::Filter,
            Overlay::Search(_) => Context::Search,
        }
    }

    /// Tools open only on the bare panes or form; help and questions open over anything.
    fn is_tool(&self) -> bool {
        matches!(
            self,
            Overlay::Picker(_) | Overlay::Filter(_) | Overlay::Search(_) | Overlay::Running(_)
        )
    }
}

/// The layers, bottom first. At most one tool (at the bottom), one question and one help:
/// `open` keeps it so, whatever asks.
#[derive(Debug, Clone, Default)]
pub struct Overlays(Vec<Overlay>);

impl Overlays {
    pub fn top(&self) -> Option<&Overlay> {
        self.0.last()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Bottom first, as drawn.
    pub fn iter(&self) -> impl Iterator<Item = &Overlay> {
        self.0.iter()
    }

    /// Open a layer on top. A tool opens only with nothing open (false otherwise); a second
    /// question or help replaces nothing and is refused (false).
    pub fn open(&mut self, overlay: Overlay) -> bool {
        let refused = match &overlay {
            o if o.is_tool() => !self.0.is_empty(),
            Overlay::Help => self.help(),
            _ => self.question().is_some(),
        };
        if !refused {
            self.0.push(overlay);
        }
        !refused
    }

    /// Close the top layer, returning it.
    pub fn close(&mut self) -> Option<Overlay> {
        self.0.pop()
    }

    pub fn help(&self) -> bool {
        self.0.iter().any(|o| matches!(o, Overlay::Help))
    }

    /// The question open, at any depth.
    pub fn question(&self) -> Option<&Question> {
        self.0.iter().find_map(|o| match o {
            Overlay::Question(q) => Some(q),
            _ => None,
        })
    }

    /// The pane whose filter is being typed.
    pub fn filtering(&self) -> Option<Pane> {
        self.0.iter().find_map(|o| match o {
            Overlay::Filter(p) => Some(*p),
            _ => None,
        })
    }

    pub fn picker(&self) -> Option<&Picker> {
        self.0.iter().find_map(|o| match o {
            Overlay::Picker(p) => Some(p),
            _ => None,
        })
    }

    pub fn picker_mut(&mut self) -> Option<&mut Picker> {
        self.0.iter_mut().find_map(|o| match o {
            Overlay::Picker(p) => Some(p),
            _ => None,
        })
    }

    pub fn running(&self) -> Option<&RunningNow> {
        self.0.iter().find_map(|o| match o {
            Overlay::Running(r) => Some(r),
            _ => None,
        })
    }

    pub fn running_mut(&mut self) -> Option<&mut RunningNow> {
        self.0.iter_mut().find_map(|o| match o {
            Overlay::Running(r) => Some(r),
            _ => None,
        })
    }

    pub fn search(&self) -> Option<&HistorySearch> {
        self.0.iter().find_map(|o| match o {
            Overlay::Search(s) => Some(s),
            _ => None,
        })
    }

    pub fn search_mut(&mut self) -> Option<&mut HistorySearch> {
        self.0.iter_mut().find_map(|o| match o {
            Overlay::Search(s) => Some(s),
            _ => None,
        })
    }

    /// Close every layer down to and including the first tool (the picker, the filter or
    /// the search), whatever is over it.
    pub fn close_tool(&mut self) {
        if let Some(at) = self.0.iter().position(Overlay::is_tool) {
            self.0.truncate(at);
        }
    }

    /// Close the question, wherever it is, returning it.
    pub fn take_question(&mut self) -> Option<Question> {
        let at = self
            .0
            .iter()
            .position(|o| matches!(o, Overlay::Question(_)))?;
        match self.0.remove(at) {
            Overlay::Question(q) => Some(q),
            _ => None,
        }
    }

    /// Close help, wherever it is.
    pub fn close_help(&mut self) {
        self.0.retain(|o| !matches!(o, Overlay::Help));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tool_opens_only_on_the_bare_screen() {
        let mut layers = Overlays::default();
        assert!(layers.open(Overlay::Filter(Pane::Targets)));
        assert!(!layers.open(Overlay::Search(HistorySearch::default())));
        assert!(layers.open(Overlay::Question(Question::Unconfirmed)));
        assert!(!layers.open(Overlay::Filter(Pane::Invalidations)));
        assert_eq!(layers.top().map(Overlay::context), Some(Context::Question));
        assert_eq!(layers.filtering(), Some(Pane::Targets));
    }

    #[test]
    fn one_question_and_one_help_at_a_time() {
        let mut layers = Overlays::default();
        assert!(layers.open(Overlay::Question(Question::Quit)));
        assert!(!layers.open(Overlay::Question(Question::Discard)));
        assert!(layers.open(Overlay::Help));
        assert!(!layers.open(Overlay::Help));
        layers.close_help();
        assert_eq!(layers.take_question(), Some(Question::Quit));
        assert!(layers.is_empty());
    }

    #[test]
    fn closing_the_tool_closes_what_is_over_it() {
        let mut layers = Overlays::default();
        layers.open(Overlay::Search(HistorySearch::default()));
        layers.open(Overlay::Help);
        layers.close_tool();
        assert!(layers.is_empty());
    }
}
