//! Keys → typed actions. The footer and the help overlay are generated from the same table, so
//! what they say is always what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;

/// Everything a key can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    NextPane,
    PrevPane,
    Open,
    Back,
    Refresh,
    /// Compose a batch for the selected target (a cache reset for Lightsail).
    NewBatch,
    /// Compose a batch with the selected invalidation's paths.
    CopyToNew,
    /// Follow (or stop following) the selected invalidation in the watch strip.
    Watch,
    /// Type text that narrows the focused list (targets or invalidations).
    Filter,
    /// Search the whole stored history (every target) by path or tag.
    Search,
    /// Switch the AWS profile and region.
    SwitchAccount,
    Help,
    Quit,
    /// Stop edgepurge for the shell (`fg` brings it back).
    Suspend,
    // In the compose form.
    Submit,
    AcceptFixes,
    NextField,
    PrevField,
    /// Toggle the target under the cursor in the form's target list.
    Toggle,
    /// Throw the form's batch away.
    Discard,
    // In a question.
    Yes,
    No,
}

impl Action {
    /// What it does, in the help overlay's words.
    pub fn description(self) -> &'static str {
        match self {
            Action::Up => "move up",
            Action::Down => "move down",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Top => "go to the first",
            Action::Bottom => "go to the last loaded (and load the next page)",
            Action::NextPane => "next pane",
            Action::PrevPane => "previous pane",
            Action::Open => "open (the next pane)",
            Action::Back => "back (the previous pane, close the form or help)",
            Action::Refresh => "refresh what is shown",
            Action::NewBatch => "new batch for the target (Lightsail: reset its cache)",
            Action::CopyToNew => "new batch with the selected invalidation's paths",
            Action::Watch => "watch the selected invalidation (or stop)",
            Action::Filter => "filter the list (Enter keeps it, Esc clears it)",
            Action::Search => "search every target's history by path or tag",
            Action::SwitchAccount => "switch the AWS profile and region",
            Action::Help => "this help",
            Action::Quit => "quit",
            Action::Suspend => "suspend to the shell (fg resumes)",
            Action::Submit => "submit the batch (asks first)",
            Action::AcceptFixes => "accept every offered fix",
            Action::NextField => "next field",
            Action::PrevField => "previous field",
            Action::Toggle => "choose or unchoose the target",
            Action::Discard => "discard the batch (asks first)",
            Action::Yes => "yes",
            Action::No => "no",
        }
    }

    /// The footer's short word, for the actions worth a place there.
    fn footer_word(self) -> Option<&'static str> {
        match self {
            Action::NextPane => Some("pane"),
            Action::Open => Some("open"),
            Action::Back => Some("back"),
            Action::Refresh => Some("refresh"),
            Action::NewBatch => Some("new"),
            Action::CopyToNew => Some("copy"),
            Action::Watch => Some("watch"),
            Action::Filter => Some("filter"),
            Action::Help => Some("help"),
            Action::Quit => Some("quit"),
            Action::Submit => Some("submit"),
            Action::AcceptFixes => Some("fix all"),
            Action::NextField => Some("field"),
            Action::Toggle => Some("choose"),
            Action::Discard => Some("discard"),
            Action::Yes => Some("yes"),
            Action::No => Some("no"),
            _ => None,
        }
    }
}

/// Which keys are live: the panes, the compose form (where other keys type text), or a
/// question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    pub action: Action,
}

#[derive(Debug, Clone)]
pub struct Keymap {
    pub(super) bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        use Action::*;
        use Context::{Browse, Filter as Filtering, Form, Question, Search as Searching};
        let none = KeyModifiers::NONE;
        let ctrl = KeyModifiers::CONTROL;
        let table: &[(Context, KeyCode, KeyModifiers, Action)] = &[
            (Browse, KeyCode::Up, none, Up),
            (Browse, KeyCode::Char('k'), none, Up),
            (Browse, KeyCode::Down, none, Down),
            (Browse, KeyCode::Char('j'), none, Down),
            (Browse, KeyCode::PageUp, none, PageUp),
            (Browse, KeyCode::Char('u'), ctrl, PageUp),
            (Browse, KeyCode::PageDown, none, PageDown),
            (Browse, KeyCode::Char('d'), ctrl, PageDown),
            (Browse, KeyCode::Home, none, Top),
            (Browse, KeyCode::Char('g'), none, Top),
            (Browse, KeyCode::End, none, Bottom),
            (Browse, KeyCode::Char('G'), KeyModifiers::SHIFT, Bottom),
            (Browse, KeyCode::Tab, none, NextPane),
            (Browse, KeyCode::BackTab, KeyModifiers::SHIFT, PrevPane),
            (Browse, KeyCode::Enter, none, Open),
            (Browse, KeyCode::Char('l'), none, Open),
            (Browse, KeyCode::Right, none, Open),
            (Browse, KeyCode::Esc, none, Back),
            (Browse, KeyCode::Char('h'), none, Back),
            (Browse, KeyCode::Left, none, Back),
            (Browse, KeyCode::Char('n'), none, NewBatch),
            (Browse, KeyCode::Char('c'), none, CopyToNew),
            (Browse, KeyCode::Char('w'), none, Watch),
            (Browse, KeyCode::Char('/'), none, Filter),
            (Browse, KeyCode::Char('s'), none, Search),
            (Browse, KeyCode::Char('p'), none, SwitchAccount),
            (Browse, KeyCode::Char('r'), none, Refresh),
            (Browse, KeyCode::Char('?'), none, Help),
            (Browse, KeyCode::Char('q'), none, Quit),
            (Browse, KeyCode::Char('c'), ctrl, Quit),
            (Browse, KeyCode::Char('z'), ctrl, Suspend),
            (Form, KeyCode::Char('s'), ctrl, Submit),
            (Form, KeyCode::Char('f'), ctrl, AcceptFixes),
            (Form, KeyCode::Tab, none, NextField),
            (Form, KeyCode::BackTab, KeyModifiers::SHIFT, PrevField),
            (Form, KeyCode::Char(' '), none, Toggle),
            (Form, KeyCode::Char('x'), ctrl, Discard),
            (Form, KeyCode::Esc, none, Back),
            (Form, KeyCode::F(1), none, Help),
            (Form, KeyCode::Char('c'), ctrl, Quit),
            (Form, KeyCode::Char('z'), ctrl, Suspend),
            (Question, KeyCode::Char('y'), none, Yes),
            (Question, KeyCode::Char('n'), none, No),
            (Question, KeyCode::Esc, none, Back),
            (Question, KeyCode::Char('c'), ctrl, Quit),
            (Filtering, KeyCode::Enter, none, Open),
            (Filtering, KeyCode::Esc, none, Back),
            (Filtering, KeyCode::Char('c'), ctrl, Quit),
            (Searching, KeyCode::Enter, none, Open),
            (Searching, KeyCode::Esc, none, Back),
            (Searching, KeyCode::Up, none, Up),
            (Searching, KeyCode::Down, none, Down),
            (Searching, KeyCode::Char('c'), ctrl, Quit),
        ];
        Self {
            bindings: table
                .iter()
                .map(|&(context, code, modifiers, action)| Binding {
                    context,
                    code,
                    modifiers,
                    action,
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// The action a key press asks for in `context`, if any. In the form, a key that is not
    /// an action is text for the field.
    pub fn action(&self, context: Context, key: KeyEvent) -> Option<Action> {
        // Terminals differ on whether an upper-case letter carries SHIFT: ignore it for chars.
        let relevant = |m: KeyModifiers| match key.code {
            KeyCode::Char(_) => m - KeyModifiers::SHIFT,
            _ => m,
        };
        self.bindings
            .iter()
            .filter(|b| b.context == context)
            .find(|b| b.code == key.code && relevant(b.modifiers) == relevant(key.modifiers))
            .map(|b| b.action)
    }

    /// Every action of each context with its keys, in table order: the help overlay.
    pub fn help(&self) -> Vec<(Context, Vec<(String, &'static str)>)> {
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
                    .map(|a| (self.keys_of(context, a).join(" "), describe(context, a)))
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
                out.push((key_name(b), word));
            }
        }
        out
    }

    /// The first key bound to an action in a context, as the terminal reports it.
    pub fn first_key(&self, context: Context, action: Action) -> Option<KeyEvent> {
        self.bindings
            .iter()
            .find(|b| b.context == context && b.action == action)
            .map(|b| KeyEvent::new(b.code, b.modifiers))
    }

    /// The keys of an action in a context, as a person writes them (for messages).
    pub fn keys_of(&self, context: Context, action: Action) -> Vec<String> {
        self.bindings
            .iter()
            .filter(|b| b.context == context && b.action == action)
            .map(key_name)
            .collect()
    }
}

/// What an action does in a context, where that differs from its usual words.
fn describe(context: Context, action: Action) -> &'static str {
    match (context, action) {
        (Context::Filter, Action::Open) => "keep the filter",
        (Context::Filter, Action::Back) => "clear the filter",
        (Context::Question, Action::Back) => "cancel",
        (Context::Search, Action::Open) => "open the chosen invalidation",
        (Context::Search, Action::Back) => "close the search",
        _ => action.description(),
    }
}

/// A key as a person writes it: `j`, `Ctrl-d`, `PgDn`, `Shift-Tab`.
fn key_name(b: &Binding) -> String {
    let base = match b.code {
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if b.modifiers.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn arrows_and_vim_motions_move() {
        let k = Keymap::default();
        assert_eq!(
            k.action(Context::Browse, key(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            k.action(Context::Browse, key(KeyCode::Down, KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            k.action(
                Context::Browse,
                key(KeyCode::Char('G'), KeyModifiers::SHIFT)
            ),
            Some(Action::Bottom)
        );
        assert_eq!(
            k.action(Context::Browse, key(KeyCode::Char('G'), KeyModifiers::NONE)),
            Some(Action::Bottom)
        );
        assert_eq!(
            k.action(
                Context::Browse,
                key(KeyCode::Char('d'), KeyModifiers::CONTROL)
            ),
            Some(Action::PageDown)
        );
        assert_eq!(
            k.action(Context::Browse, key(KeyCode::Char('d'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            k.action(
                Context::Browse,
                key(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Action::Quit)
        );
    }

    #[test]
    fn the_form_has_its_own_keys_and_leaves_the_rest_to_the_text() {
        let k = Keymap::default();
        let ctrl_s = key(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(k.action(Context::Form, ctrl_s), Some(Action::Submit));
        assert_eq!(k.action(Context::Browse, ctrl_s), None);
        let j = key(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(k.action(Context::Form, j), None, "j is text in the form");
        let y = key(KeyCode::Char('y'), KeyModifiers::NONE);
        assert_eq!(k.action(Context::Question, y), Some(Action::Yes));
    }

    #[test]
    fn help_and_footer_come_from_the_table() {
        let k = Keymap::default();
        let help = k.help();
        let (context, browse) = &help[0];
        assert_eq!(*context, Context::Browse);
        assert!(browse.contains(&("↓ j".to_string(), "move down")));
        assert!(browse.contains(&("q Ctrl-c".to_string(), "quit")));
        let actions: usize = help.iter().map(|(_, rows)| rows.len()).sum();
        assert_eq!(actions, 42, "every action once per context it has keys in");
        let footer = k.footer(Context::Browse, |_| true);
        assert_eq!(footer[0], ("Tab".to_string(), "pane"));
        assert!(footer.contains(&("?".to_string(), "help")));
        assert!(
            k.footer(Context::Form, |_| true)
                .contains(&("Ctrl-s".to_string(), "submit"))
        );
        let no_watch = k.footer(Context::Browse, |a| a != Action::Watch);
        assert!(!no_watch.iter().any(|(_, w)| *w == "watch"));
    }
}
