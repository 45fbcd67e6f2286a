//! What a user can tune (from the config file): how often things refresh, how a completed
//! batch is announced, and the keys named in messages.

use std::time::Duration;

use ratatui::style::Color;

use super::hints::Hints;
use crate::domain::batch::BatchLimits;

/// The colours a user can choose (NO_COLOR turns them all off).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Focused borders, titles and keys.
    pub accent: Color,
    pub in_progress: Color,
    pub completed: Color,
    pub error: Color,
}

impl Default for Palette {
    fn default() -> Self {
        Self {
            accent: Color::Cyan,
            in_progress: Color::Yellow,
            completed: Color::Green,
            error: Color::Red,
        }
    }
}

/// How a completed batch is announced besides the bell: a terminal escape that many terminals
/// turn into a desktop notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DesktopNotification {
    #[default]
    Off,
    /// OSC 9 (iTerm2, Windows Terminal, WezTerm, kitty).
    Osc9,
    /// OSC 777 (urxvt, foot, Ghostty, VTE terminals).
    Osc777,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The selected target's list is fetched again this often.
    pub list_refresh: Duration,
    /// The first poll of an in-progress batch comes this soon...
    pub poll_first: Duration,
    /// ...and polls back off to this.
    pub poll_max: Duration,
    pub bell: bool,
    pub desktop: DesktopNotification,
    pub palette: Palette,
    /// The keymap's keys, for the messages `update` writes.
    pub hints: Hints,
    /// The most a pasted batch may hold.
    pub batch_limits: BatchLimits,
    /// Run by `sh -c` when a watched batch or reset ends (`[notifications] command`).
    pub command: Option<String>,
    /// How pasted deploy output becomes paths (`[deploy]`).
    pub deploy: crate::store::config::Deploy,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            list_refresh: Duration::from_secs(60),
            poll_first: Duration::from_secs(3),
            poll_max: Duration::from_secs(30),
            bell: true,
            desktop: DesktopNotification::Off,
            palette: Palette::default(),
            hints: Hints::default(),
            batch_limits: BatchLimits::default(),
            command: None,
            deploy: crate::store::config::Deploy::default(),
        }
    }
}
