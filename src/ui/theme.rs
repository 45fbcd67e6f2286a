//! Every style the dashboard uses. With colours off (NO_COLOR), emphasis is carried by bold,
//! reverse and dim alone.

use ratatui::style::{Color, Modifier, Style};

use crate::app::settings::Palette;
use crate::domain::batch::Verdict;
use crate::domain::invalidation::Status;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    colors: bool,
    palette: Palette,
}

impl Theme {
    pub fn new(colors: bool, palette: Palette) -> Self {
        Self { colors, palette }
    }

    fn fg(&self, color: Color) -> Style {
        if self.colors {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(self.palette.accent).add_modifier(Modifier::BOLD)
        } else {
            self.fg(Color::DarkGray)
        }
    }

    pub fn title(&self, focused: bool) -> Style {
        let style = Style::new().add_modifier(Modifier::BOLD);
        if focused {
            style.patch(self.fg(self.palette.accent))
        } else {
            style
        }
    }

    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    pub fn dim(&self) -> Style {
        self.fg(Color::DarkGray).add_modifier(Modifier::DIM)
    }

    pub fn group(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(self.palette.error).add_modifier(Modifier::BOLD)
    }

    pub fn key(&self) -> Style {
        self.fg(self.palette.accent).add_modifier(Modifier::BOLD)
    }

    /// A line's verdict in the compose form.
    pub fn verdict(&self, verdict: Verdict) -> Style {
        match verdict {
            Verdict::Keep => self.fg(self.palette.completed),
            Verdict::Drop => self.fg(self.palette.in_progress),
            Verdict::Reject => self.error(),
        }
    }

    pub fn badge(&self) -> Style {
        self.fg(Color::Black)
            .bg(if self.colors {
                Color::Yellow
            } else {
                Color::Reset
            })
            .add_modifier(
                Modifier::BOLD
                    | if self.colors {
                        Modifier::empty()
                    } else {
                        Modifier::REVERSED
                    },
            )
    }

    pub fn status(&self, status: &Status) -> Style {
        match status {
            Status::InProgress => self
                .fg(self.palette.in_progress)
                .add_modifier(Modifier::BOLD),
            Status::Completed => self.fg(self.palette.completed),
            Status::Other(_) => self.fg(Color::Magenta),
        }
    }
}
