//! The targets pane: CloudFront distributions with their tenants nested, then Lightsail.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

use super::theme::Theme;
use super::{filter_line, fit, note, pane_block, shown, wrap_words};
use crate::app::{Action, Context, Keymap, Model, Pane, Slot};
use crate::domain::invalidation::Status;
use crate::domain::target::{CloudFrontTarget, Target};

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, keymap: &Keymap, theme: &Theme) {
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
    // Only the rows that can be on screen are built: the list scrolls to keep the selected
    // row in view, so nothing more than a screen above it, or below, is ever shown. An
    // account of a thousand distributions costs a frame no more than one of ten.
    let height = inner.height as usize;
    let notes = usize::from(slot_note(&model.distributions, "distributions").is_some());
    let first_lightsail = entries
        .iter()
        .position(|e| matches!(e.target, Target::Lightsail { .. }));
    let cursor_row = 1
        + notes
        + model.target_cursor
        + usize::from(first_lightsail.is_some_and(|f| model.target_cursor >= f));
    let shown = cursor_row.saturating_sub(height)..cursor_row + height + 1;
    let mut items: Vec<ListItem> = Vec::new();
    let mut row = 0;
    let push =
        |items: &mut Vec<ListItem>, row: &mut usize, item: &dyn Fn() -> ListItem<'static>| {
            if shown.contains(row) {
                items.push(item());
            }
            *row += 1;
        };
    let mut lightsail_header = false;
    push(&mut items, &mut row, &|| {
        ListItem::new(Line::styled("CloudFront", theme.group()))
    });
    if let Some((problem, failed)) = slot_note(&model.distributions, "distributions") {
        push(&mut items, &mut row, &|| {
            note_item(&problem, failed, width, theme)
        });
    }
    for entry in entries {
        if matches!(entry.target, Target::Lightsail { .. }) && !lightsail_header {
            lightsail_header = true;
            push(&mut items, &mut row, &|| {
                ListItem::new(Line::styled("Lightsail", theme.group()))
            });
        }
        push(&mut items, &mut row, &|| {
            entry_item(model, entry, width, theme)
        });
    }
    let selected_row = (model.target_cursor < entries.len()).then(|| cursor_row - shown.start);
    if !lightsail_header {
        items.push(ListItem::new(Line::styled("Lightsail", theme.group())));
        if let Some((problem, failed)) = slot_note(&model.lightsail, "Lightsail distributions") {
            items.push(note_item(&problem, failed, width, theme));
        }
    }
    let both_here = model.distributions.ready().is_some() && model.lightsail.ready().is_some();
    if entries.is_empty() && both_here {
        let text = if model.target_filter.value().is_empty() {
            "no distributions in this account".to_string()
        } else {
            format!(
                "no target matches the filter ({} in the filter clears it)",
                keymap.hint(Context::Filter, Action::Back)
            )
        };
        frame.render_widget(note(text, theme.dim()), inner);
        return;
    }
    let focused = model.focus == Pane::Targets && !model.overlays.help();
    let list = List::new(items).highlight_style(theme.selected(focused));
    let mut state = ListState::default().with_selected(selected_row);
    frame.render_stateful_widget(list, inner, &mut state);
}

/// One target's row: its name, its domain as far as it fits, and its state at the end.
fn entry_item(
    model: &Model,
    entry: &crate::app::TargetEntry,
    width: usize,
    theme: &Theme,
) -> ListItem<'static> {
    let indent = match entry.target {
        Target::CloudFront(CloudFrontTarget::Tenant { .. }) => "  └ ",
        _ => " ",
    };
    let label = format!("{indent}{} ", shown(&entry.label));
    // The state fits beside some of the domain, or keeps only its first word.
    let state = state_of(model, &entry.target).map(|(text, busy)| {
        let room = width.saturating_sub(label.chars().count() + 5);
        if text.chars().count() <= room {
            (text, busy)
        } else {
            (text.split(' ').next().unwrap_or_default().to_string(), busy)
        }
    });
    let state_width = state
        .as_ref()
        .map_or(0, |(text, _)| text.chars().count() + 1);
    let rest = width.saturating_sub(label.chars().count() + state_width);
    let domain = fit(&entry.domain, rest);
    let pad = rest.saturating_sub(domain.chars().count());
    let mut spans = vec![Span::raw(label), Span::styled(domain, theme.dim())];
    if let Some((text, in_progress)) = state {
        spans.push(Span::raw(" ".repeat(pad + 1)));
        spans.push(if in_progress {
            Span::styled(text, theme.status(&Status::InProgress))
        } else {
            Span::styled(text, theme.dim())
        });
    }
    if !entry.enabled {
        spans = spans.into_iter().map(|s| s.style(theme.dim())).collect();
    }
    ListItem::new(Line::from(spans))
}

/// A distribution's state at the end of its row: batches in progress (`●2`), a deployment
/// under way, or disabled. The bool says whether it is in-progress news.
fn state_of(model: &Model, target: &Target) -> Option<(String, bool)> {
    let Target::CloudFront(CloudFrontTarget::Distribution { id }) = target else {
        return None;
    };
    let d = model
        .distributions
        .ready()
        .and_then(|all| all.iter().find(|d| &d.id == id))?;
    let mut words = Vec::new();
    if let Some(Slot::Ready(n)) = model.in_progress.get(id)
        && *n > 0
    {
        words.push(format!("●{n}"));
    }
    if !d.enabled {
        words.push("off".to_string());
    } else if !d.status.eq_ignore_ascii_case("deployed") {
        words.push("deploying".to_string());
    }
    let busy = !words.is_empty() && words[0].starts_with('●');
    (!words.is_empty()).then(|| (words.join(" "), busy))
}

/// What to say in place of a list that is not there, and whether it is an error.
fn slot_note<T>(slot: &Slot<T>, what: &str) -> Option<(String, bool)> {
    match slot {
        Slot::Idle | Slot::Loading(_) => Some((format!("loading {what}…"), false)),
        Slot::Failed(e) => Some((format!("{what}: {e}"), true)),
        Slot::Ready(_) => None,
    }
}

/// A note in the list, folded to the width: an error must be read whole (it says what to do).
fn note_item<'a>(text: &str, failed: bool, width: usize, theme: &Theme) -> ListItem<'a> {
    let style = if failed { theme.error() } else { theme.dim() };
    let lines: Vec<Line> = wrap_words(text, width.saturating_sub(1))
        .into_iter()
        .map(|l| Line::styled(format!(" {l}"), style))
        .collect();
    ListItem::new(lines)
}
