//! The watch strip: the batches followed in this session, with how long they have run.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::theme::Theme;
use super::{fit, shown};
use crate::app::Model;
use crate::app::watch::Progress;
use crate::domain::invalidation::Status;
use crate::domain::words::duration;

/// Lines of batches shown at most (the newest).
pub const ROWS: usize = 3;

/// Rows the strip takes: none when nothing is watched.
pub fn height(model: &Model) -> u16 {
    if model.watched.is_empty() {
        0
    } else if model.watch_collapsed {
        1
    } else {
        model.watched.len().min(ROWS) as u16 + 1
    }
}

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, theme: &Theme) {
    let running = model
        .watched
        .iter()
        .filter(|w| w.progress == Progress::Running)
        .count();
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border(false))
        .title(Line::styled(
            format!(
                " Watching: {running} running, {} done{} ",
                model.watched.len() - running,
                if model.watch_collapsed {
                    " (collapsed)"
                } else {
                    ""
                }
            ),
            theme.title(false),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let lines: Vec<Line> = model
        .watched
        .iter()
        .rev()
        .take(ROWS)
        .map(|w| {
            let (target, id) = w.subject.describe();
            let (mark, style, tail) = match &w.progress {
                Progress::Running => (
                    "●",
                    theme.status(&Status::InProgress),
                    format!("{} for {}", w.status, duration(model.now - w.since)),
                ),
                Progress::Done { at, failed: false } => (
                    "✓",
                    theme.status(&Status::Completed),
                    format!("{} after {}", w.status, duration(*at - w.since)),
                ),
                Progress::Done { at, failed: true } => (
                    "✗",
                    theme.error(),
                    format!("{} after {}", w.status, duration(*at - w.since)),
                ),
                Progress::Lost(e) => ("?", theme.error(), format!("no longer followed: {e}")),
            };
            let head = shown(&format!(
                " {mark} {id} on {}  ",
                named(model, w.lane, &target)
            ));
            let rest = width.saturating_sub(head.chars().count());
            Line::from(vec![Span::styled(head, style), Span::raw(fit(&tail, rest))])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A target as a person knows it: a distribution's id with its alias, a tenant's or a
/// Lightsail distribution's name (the id when it is not among the targets shown).
/// With several accounts, the account's name first.
fn named(model: &Model, lane: usize, target: &str) -> String {
    let account = match model.lanes.get(lane).filter(|_| model.is_multi_account()) {
        Some(l) => format!("{}: ", l.name),
        None => String::new(),
    };
    let Some(entry) = model
        .targets()
        .iter()
        .find(|e| e.lane == lane && e.target.to_string() == target)
    else {
        return format!("{account}{target}");
    };
    if entry.label == target && !entry.domain.is_empty() {
        format!("{account}{target} ({})", entry.domain)
    } else {
        format!("{account}{}", entry.label)
    }
}
