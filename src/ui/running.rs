//! "Running now", over the panes: every batch and cache reset in progress on any target,
//! longest-running first, each with its target's name, what runs and for how long.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::ListItem;

use super::theme::Theme;
use super::{chooser, fit, popup, shown};
use crate::app::running::{Running, RunningNow, Work, running_now};
use crate::app::{Context, Keymap, Model};
use crate::domain::words::{count, duration};

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    view: &RunningNow,
    keymap: &Keymap,
    theme: &Theme,
) {
    let rows = running_now(model);
    let width = area.width.saturating_sub(4).clamp(20, 140);
    let height = area.height.saturating_sub(2).max(6);
    let inner = popup(
        frame,
        area,
        (width, height),
        Line::styled(" Running now (every target) ", theme.title(true)),
        theme.border(true),
    );
    let [status, list_area, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let said = if rows.is_empty() {
        " nothing in progress on the targets known".to_string()
    } else {
        format!(" {} in progress, longest-running first", rows.len())
    };
    frame.render_widget(Line::styled(said, theme.dim()), status);
    let name_width = usize::from(inner.width / 3).max(12);
    let items: Vec<ListItem> = rows
        .iter()
        .map(|row| ListItem::new(line(row, model, name_width, theme)))
        .collect();
    let keys = (keymap, Context::Browse, "goes to it");
    chooser(frame, (list_area, hint), items, view.cursor, keys, theme);
}

/// ` 4m 10s  E2QWRUHAPOMQZL www.example.com   I2J…   InProgress`
fn line<'a>(row: &Running, model: &Model, name_width: usize, theme: &Theme) -> Line<'a> {
    let took = row
        .since
        .map_or_else(String::new, |since| duration(model.now - since));
    let entry = model
        .targets()
        .iter()
        .find(|e| e.target == row.target && e.lane == row.lane);
    let name = match entry {
        Some(e) if !e.domain.is_empty() => format!("{} {}", e.label, e.domain),
        Some(e) => e.label.clone(),
        None => row.target.to_string(),
    };
    // With several accounts, which one it runs in.
    let name = match model
        .lanes
        .get(row.lane)
        .filter(|_| model.is_multi_account())
    {
        Some(lane) => format!("{}: {name}", lane.name),
        None => name,
    };
    let what = match &row.work {
        Work::Invalidation { id } => format!("{id}  invalidation"),
        Work::CacheReset => "cache reset".to_string(),
        Work::Unlisted { count: n } => format!(
            "{} in progress (listing them…)",
            count(*n as usize, "batch", "batches")
        ),
    };
    Line::from(vec![
        Span::styled(format!(" {took:>8}  "), theme.dim()),
        Span::raw(format!("{:<name_width$}  ", fit(&name, name_width))),
        Span::raw(shown(&what)),
    ])
}
