//! The bottom line: the keys that work here, from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use crate::app::{Keymap, Model};

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, keymap: &Keymap, theme: &Theme) {
    let mut spans = vec![Span::styled(
        format!(" {} ", model.focus.name()),
        theme.title(true),
    )];
    for (key, word) in keymap.footer() {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {word}")));
    }
    frame.render_widget(Line::from(spans), area);
}
