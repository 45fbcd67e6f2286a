//! The config file, `~/.config/edgepurge/config.toml`: key overrides, refresh intervals,
//! notifications, colours, what is remembered and how large a batch may be. Every setting is
//! optional; a missing file means the defaults.
//! `assets/config.example.toml` shows every option.
//!
//! A mistake is reported with the file, the line, what is wrong and how to fix it, and stops the
//! start: running with a setting silently ignored would be worse.

mod batch;
mod deploy;
mod file;
mod keys;
mod memory;

pub use deploy::Deploy;
pub use memory::Memory;

use std::path::{Path, PathBuf};
use std::time::Duration;

use ratatui::style::Color;

use super::{StoreError, dirs};
use crate::app::settings::{Palette, Settings};
use crate::app::{Hints, Keymap};
use crate::domain::batch::BatchLimits;

/// Everything the config file can set, with the defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The default keys, with the file's `[keys.*]` in their places.
    pub keymap: Keymap,
    pub refresh: Refresh,
    pub notifications: Notifications,
    pub colors: Colors,
    pub memory: Memory,
    /// The most a batch may hold when it is read.
    pub batch: BatchLimits,
    /// How a deploy's files become URL paths.
    pub deploy: Deploy,
    /// `[mouse] capture`: the dashboard takes mouse reports (clicks, the wheel); false
    /// leaves the mouse to the terminal, so that its own selection works.
    pub mouse_capture: bool,
    /// `[accounts] profiles`: the profiles the dashboard shows together (none: the one the
    /// flags or the environment name).
    pub profiles: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            keymap: Keymap::default(),
            refresh: Refresh::default(),
            notifications: Notifications::default(),
            colors: Colors::default(),
            memory: Memory::default(),
            batch: BatchLimits::default(),
            deploy: Deploy::default(),
            mouse_capture: true,
            profiles: Vec::new(),
        }
    }
}

impl Config {
    /// What the dashboard tunes from the file.
    pub fn settings(&self) -> Settings {
        Settings {
            list_refresh: self.refresh.list,
            poll_first: self.refresh.poll_first,
            poll_max: self.refresh.poll_max,
            bell: self.notifications.bell,
            desktop: self.notifications.desktop,
            palette: Palette {
                accent: self.colors.accent,
                in_progress: self.colors.in_progress,
                completed: self.colors.completed,
                error: self.colors.error,
            },
            hints: Hints::of(&self.keymap),
            batch_limits: self.batch,
            command: self.notifications.command.clone(),
            deploy: self.deploy.clone(),
        }
    }
}

/// `[refresh]`: how often the dashboard asks again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refresh {
    /// The selected target's invalidation list.
    pub list: Duration,
    /// The first GetInvalidation poll of an in-progress batch…
    pub poll_first: Duration,
    /// …backing off to this (never less than `poll_first`).
    pub poll_max: Duration,
}

impl Default for Refresh {
    fn default() -> Self {
        Self {
            list: Duration::from_secs(60),
            poll_first: Duration::from_secs(3),
            poll_max: Duration::from_secs(30),
        }
    }
}

/// `[notifications]`: what happens when a watched batch completes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notifications {
    /// Ring the terminal bell.
    pub bell: bool,
    pub desktop: Desktop,
    /// A command run by `sh -c` when a watched batch or reset ends, with what ended in its
    /// environment (`EDGEPURGE_TARGET`, `EDGEPURGE_ID`, `EDGEPURGE_STATUS`, …).
    pub command: Option<String>,
}

impl Default for Notifications {
    fn default() -> Self {
        Self {
            bell: true,
            desktop: Desktop::Off,
            command: None,
        }
    }
}

/// The escape sequence that asks the terminal for a desktop notification.
pub use crate::app::settings::DesktopNotification as Desktop;

/// `[colors]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Colors {
    pub enabled: bool,
    pub accent: Color,
    pub in_progress: Color,
    pub completed: Color,
    pub error: Color,
}

impl Default for Colors {
    fn default() -> Self {
        // The dashboard's own colours, unless the file chooses others.
        let palette = crate::app::settings::Palette::default();
        Self {
            enabled: true,
            accent: palette.accent,
            in_progress: palette.in_progress,
            completed: palette.completed,
            error: palette.error,
        }
    }
}

impl Colors {
    /// Whether to draw in colour, given the value of `NO_COLOR`: any non-empty value turns
    /// colour off whatever the file says (<https://no-color.org>).
    pub fn use_color(&self, no_color: Option<&std::ffi::OsStr>) -> bool {
        self.enabled && no_color.is_none_or(|v| v.is_empty())
    }
}

/// Why the config file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(transparent)]
    NoLocation(#[from] StoreError),
    #[error(
        "cannot read the config file {}: {source}; fix its permissions, or point {} at \
         another file",
        path.display(),
        dirs::CONFIG_ENV
    )]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}{}: {problem}", path.display(), line.map(|n| format!(", line {n}")).unwrap_or_default())]
    Invalid {
        path: PathBuf,
        line: Option<usize>,
        /// What is wrong and how to put it right.
        problem: String,
    },
}

/// Reads the config file from its place (see [`dirs::config_file`]).
pub fn load() -> Result<Config, ConfigError> {
    load_from(&dirs::config_file()?)
}

/// Reads a config file; a missing one means the defaults.
pub fn load_from(path: &Path) -> Result<Config, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(&text, path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(source) => Err(ConfigError::Read {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Parses a config file's text; `path` is only for the messages.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    file::parse(text).map_err(|problem| ConfigError::Invalid {
        path: path.to_path_buf(),
        line: problem.line(text),
        problem: problem.message,
    })
}

#[cfg(test)]
mod tests;
