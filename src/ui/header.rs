//! The top line: where you are, whether writes are off, and a spinner only while loading.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use crate::app::Model;

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, theme: &Theme) {
    let mut spans = vec![
        Span::styled(" edgepurge ", theme.title(true)),
        Span::raw("· "),
        Span::styled(model.source.clone(), theme.group()),
    ];
    if model.read_only {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(" READ-ONLY ", theme.badge()));
    }
    if model.is_loading() {
        spans.push(Span::raw(format!(
            "  {} loading",
            SPINNER[model.spinner % SPINNER.len()]
        )));
    }
    frame.render_widget(Line::from(spans), area);
}
