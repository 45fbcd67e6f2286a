//! The top line: where you are, whether writes are off, a spinner only while loading, and how
//! far the history backfill has come (a small indicator, never a modal).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use crate::app::{Backfill, Model};

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, theme: &Theme) {
    let mut spans = vec![
        Span::styled(" edgepurge ", theme.title(true)),
        Span::raw("· "),
        Span::styled(super::shown(&model.source), theme.group()),
    ];
    if model.read_only {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(" READ-ONLY ", theme.badge()));
    }
    if model.is_loading() {
        spans.push(Span::raw(format!("  {} loading", spinner(model))));
    }
    match &model.backfill {
        Backfill::Off => {}
        Backfill::Done { targets } => spans.push(Span::styled(
            format!("  history of {targets} targets up to date"),
            theme.dim(),
        )),
        Backfill::Running {
            targets_done,
            targets,
            fetched,
        } => spans.push(Span::styled(
            format!("  history {targets_done}/{targets} targets · {fetched} fetched"),
            theme.dim(),
        )),
        Backfill::Failed(why) => spans.push(Span::styled(
            format!("  history not fetched: {}", super::shown(why)),
            theme.dim(),
        )),
    }
    frame.render_widget(Line::from(spans), area);
}

/// The spinner's frame now (it turns while something loads).
pub fn spinner(model: &Model) -> &'static str {
    SPINNER[model.spinner % SPINNER.len()]
}
