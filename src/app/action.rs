//! Everything a key can ask for, with the names the config file gives actions (`page_down`)
//! and the words the help and the footer use.

use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    /// Put what is selected on the clipboard (the terminal's, by OSC 52).
    Copy,
    /// The details pane over the whole screen, or back.
    Zoom,
    /// Ask the edges whether the selected completed invalidation took effect.
    VerifyEdge,
    /// Take the finished batches off the watch strip.
    ClearWatched,
    /// The watch strip down to its title line, or back.
    CollapseWatch,
    /// The invalidations list in another order: newest, in progress or most paths first.
    Sort,
    /// The shown list of invalidations to a CSV file in the current directory.
    ExportCsv,
    /// The shown list of invalidations to a JSON file in the current directory.
    ExportJson,
    /// Type text that narrows the focused list (targets or invalidations).
    Filter,
    /// Search the whole stored history (every target) by path or tag.
    Search,
    /// Everything in progress on every target, with how long it has run.
    Running,
    /// Switch the AWS profile (the region stays as configured).
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
    /// The planner's batch for the form's items beside the exact one, to apply or not.
    Plan,
    // In a question.
    Yes,
    No,
}

impl Action {
    /// Every action, in declaration order: the order the config file's error lists them in.
    pub const ALL: &[Action] = &[
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::NextPane,
        Action::PrevPane,
        Action::Open,
        Action::Back,
        Action::Refresh,
        Action::NewBatch,
        Action::CopyToNew,
        Action::Watch,
        Action::Copy,
        Action::Zoom,
        Action::VerifyEdge,
        Action::ClearWatched,
        Action::CollapseWatch,
        Action::Sort,
        Action::ExportCsv,
        Action::ExportJson,
        Action::Filter,
        Action::Search,
        Action::Running,
        Action::SwitchAccount,
        Action::Help,
        Action::Quit,
        Action::Suspend,
        Action::Submit,
        Action::AcceptFixes,
        Action::NextField,
        Action::PrevField,
        Action::Toggle,
        Action::Discard,
        Action::Plan,
        Action::Yes,
        Action::No,
    ];

    /// The name the config file gives it (`[keys.browse]` then `page_down = "pgdn"`).
    pub fn name(self) -> &'static str {
        match self {
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::NextPane => "next_pane",
            Action::PrevPane => "prev_pane",
            Action::Open => "open",
            Action::Back => "back",
            Action::Refresh => "refresh",
            Action::NewBatch => "new_batch",
            Action::CopyToNew => "copy_to_new",
            Action::Watch => "watch",
            Action::Copy => "copy",
            Action::Zoom => "zoom",
            Action::VerifyEdge => "verify_edge",
            Action::ClearWatched => "clear_watched",
            Action::CollapseWatch => "collapse_watch",
            Action::Sort => "sort",
            Action::ExportCsv => "export_csv",
            Action::ExportJson => "export_json",
            Action::Filter => "filter",
            Action::Search => "search",
            Action::Running => "running",
            Action::SwitchAccount => "switch_account",
            Action::Help => "help",
            Action::Quit => "quit",
            Action::Suspend => "suspend",
            Action::Submit => "submit",
            Action::AcceptFixes => "accept_fixes",
            Action::NextField => "next_field",
            Action::PrevField => "prev_field",
            Action::Toggle => "toggle",
            Action::Discard => "discard",
            Action::Plan => "plan",
            Action::Yes => "yes",
            Action::No => "no",
        }
    }

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
            Action::Copy => "copy the id, or in details the paths (OSC 52)",
            Action::Zoom => "the details over the whole screen (or back)",
            Action::VerifyEdge => "check a completed invalidation at the edge",
            Action::ClearWatched => "clear finished batches from the watch strip",
            Action::CollapseWatch => "collapse the watch strip to one line (or back)",
            Action::Sort => "sort the list: newest, in progress or most paths first",
            Action::ExportCsv => "export the shown invalidations to a CSV file here",
            Action::ExportJson => "export the shown invalidations to a JSON file here",
            Action::Filter => "filter the list",
            Action::Search => "search every target's history by path or tag",
            Action::Running => "running now: everything in progress, every target",
            Action::SwitchAccount => "switch the AWS profile",
            Action::Help => "this help",
            Action::Quit => "quit",
            Action::Suspend => "suspend to the shell (fg resumes)",
            Action::Submit => "submit the batch (asks first)",
            Action::AcceptFixes => "accept every fix that keeps the batch's meaning",
            Action::NextField => "next field",
            Action::PrevField => "previous field",
            Action::Toggle => "choose or unchoose the target",
            Action::Discard => "discard the batch (asks first)",
            Action::Plan => "plan: wildcards where they cost less (from the last deploy)",
            Action::Yes => "yes",
            Action::No => "no",
        }
    }

    /// The footer's short word, for the actions worth a place there.
    pub fn footer_word(self) -> Option<&'static str> {
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
            Action::Plan => Some("plan"),
            Action::Yes => Some("yes"),
            Action::No => Some("no"),
            _ => None,
        }
    }
}

/// An action from its config name.
impl FromStr for Action {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        Action::ALL
            .iter()
            .copied()
            .find(|a| a.name() == name)
            .ok_or_else(|| {
                let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
                format!(
                    "unknown action \"{name}\"; actions are: {}",
                    names.join(", ")
                )
            })
    }
}

#[cfg(test)]
mod tests;
