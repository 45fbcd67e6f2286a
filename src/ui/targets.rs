//! The targets pane: CloudFront distributions with their tenants nested, then Lightsail.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

use super::theme::Theme;
use super::{filter_line, fit, note, pane_block};
use crate::app::{Model, Pane, Slot};
use crate::domain::target::{CloudFrontTarget, Target};

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, theme: &Theme) {
    let block = pane_block(model, Pane::Targets, Line::raw(" Targets "), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let inner = filter_line(
        frame,
        inner,
        model,
        Pane::Targets,
        &model.target_filter,
        theme,
    );
    let width = inner.width as usize;

    let entries = model.targets();
    let mut items: Vec<ListItem> = Vec::new();
    let mut selected_row = None;
    let mut lightsail_header = false;
    items.push(ListItem::new(Line::styled("CloudFront", theme.group())));
    if let Some(problem) = slot_note(&model.distributions, "distributions") {
        items.push(ListItem::new(Line::styled(
            fit(&problem, width),
            theme.dim(),
        )));
    }
    for (i, entry) in entries.iter().enumerate() {
        if matches!(entry.target, Target::Lightsail { .. }) && !lightsail_header {
            lightsail_header = true;
            items.push(ListItem::new(Line::styled("Lightsail", theme.group())));
        }
        if i == model.target_cursor {
            selected_row = Some(items.len());
        }
        let indent = match entry.target {
            Target::CloudFront(CloudFrontTarget::Tenant { .. }) => "  └ ",
            _ => " ",
        };
        let label = format!("{indent}{} ", entry.label);
        let rest = width.saturating_sub(label.chars().count());
        let mut spans = vec![
            Span::raw(label),
            Span::styled(fit(&entry.domain, rest), theme.dim()),
        ];
        if !entry.enabled {
            spans = spans.into_iter().map(|s| s.style(theme.dim())).collect();
        }
        items.push(ListItem::new(Line::from(spans)));
    }
    if !lightsail_header {
        items.push(ListItem::new(Line::styled("Lightsail", theme.group())));
        if let Some(problem) = slot_note(&model.lightsail, "Lightsail distributions") {
            items.push(ListItem::new(Line::styled(
                fit(&problem, width),
                theme.dim(),
            )));
        }
    }
    if entries.is_empty() && !model.distributions.is_loading() && !model.lightsail.is_loading() {
        let text = if model.target_filter.value().is_empty() {
            "no distributions in this account"
        } else {
            "no target matches the filter (Esc in the filter clears it)"
        };
        frame.render_widget(note(text, theme.dim()), inner);
        return;
    }
    let focused = model.focus == Pane::Targets && !model.help;
    let list = List::new(items).highlight_style(theme.selected(focused));
    let mut state = ListState::default().with_selected(selected_row);
    frame.render_stateful_widget(list, inner, &mut state);
}

/// What to say in place of a list that is not there.
fn slot_note<T>(slot: &Slot<T>, what: &str) -> Option<String> {
    match slot {
        Slot::Idle | Slot::Loading(_) => Some(format!(" loading {what}…")),
        Slot::Failed(e) => Some(format!(" {what}: {e}")),
        Slot::Ready(_) => None,
    }
}
