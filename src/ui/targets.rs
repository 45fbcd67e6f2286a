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
    let cloudfront_note = slot_note(&model.distributions, "distributions", width);
    let tenant_notes = tenant_notes(model, width);
    let first_lightsail = entries
        .iter()
        .position(|e| matches!(e.target, Target::Lightsail { .. }));
    // The tenants' notes close the CloudFront group, above the Lightsail heading.
    let past_cloudfront = first_lightsail.is_some_and(|f| model.target_cursor >= f);
    let cursor_row = 1
        + usize::from(cloudfront_note.is_some())
        + model.target_cursor
        + usize::from(past_cloudfront) * (1 + tenant_notes.len());
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
    if let Some(note) = &cloudfront_note {
        push(&mut items, &mut row, &|| note_item(note, theme));
    }
    for entry in entries {
        if matches!(entry.target, Target::Lightsail { .. }) && !lightsail_header {
            lightsail_header = true;
            for note in &tenant_notes {
                push(&mut items, &mut row, &|| note_item(note, theme));
            }
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
        items.extend(tenant_notes.iter().map(|note| note_item(note, theme)));
        items.push(ListItem::new(Line::styled("Lightsail", theme.group())));
        if let Some(note) = slot_note(&model.lightsail, "Lightsail distributions", width) {
            items.push(note_item(&note, theme));
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

/// A line (or a few, folded to the pane) in place of what is not there.
struct Note {
    lines: Vec<String>,
    failed: bool,
}

/// What to say in place of a list that is not there: loading, an error, or quietly that
/// this role may not read it.
fn slot_note<T>(slot: &Slot<T>, what: &str, width: usize) -> Option<Note> {
    let width = width.saturating_sub(1);
    match slot {
        Slot::Idle | Slot::Loading(_) => Some(Note {
            lines: wrap_words(&format!("loading {what}…"), width),
            failed: false,
        }),
        // An error must be read whole (it says what to do).
        Slot::Failed(e) => Some(Note {
            lines: wrap_words(&format!("{what}: {e}"), width),
            failed: true,
        }),
        Slot::NotAllowed(action) => Some(Note {
            lines: not_allowed_lines("", action, width),
            failed: false,
        }),
        Slot::Ready(_) => None,
    }
}

/// The tenant lists that are not there, said under the CloudFront group: the ones this role
/// may not read once (the same action for every distribution), each failure on its own.
fn tenant_notes(model: &Model, width: usize) -> Vec<Note> {
    let troubled = |slot: &Slot<_>| matches!(slot, Slot::Failed(_) | Slot::NotAllowed(_));
    if !model.tenants.values().any(troubled) {
        return Vec::new();
    }
    let width = width.saturating_sub(1);
    let mut notes = Vec::new();
    let mut not_allowed: Option<&str> = None;
    // In the distributions' order, so the notes stay put from one frame to the next.
    for d in model.distributions.ready().into_iter().flatten() {
        match model.tenants.get(&d.id) {
            Some(Slot::NotAllowed(action)) => not_allowed = not_allowed.or(Some(action)),
            Some(Slot::Failed(e)) => notes.push(Note {
                lines: wrap_words(&format!("tenants of {}: {e}", d.id), width),
                failed: true,
            }),
            _ => {}
        }
    }
    if let Some(action) = not_allowed {
        notes.insert(
            0,
            Note {
                lines: not_allowed_lines("tenants: ", action, width),
                failed: false,
            },
        );
    }
    notes
}

/// "not allowed for this role — lightsail:GetDistributions", folded to `width`: the action
/// is what to ask for, so it is kept whole, or broken only after its service's colon.
fn not_allowed_lines(what: &str, action: &str, width: usize) -> Vec<String> {
    let action = shown(action);
    let text = format!("{what}not allowed for this role — {action}");
    if text.chars().count() <= width {
        return vec![text];
    }
    let mut lines = wrap_words(&format!("{what}not allowed for this role —"), width);
    match action.split_once(':') {
        Some((service, name)) if action.chars().count() > width => {
            lines.push(format!("{service}:"));
            lines.extend(wrap_words(name, width));
        }
        _ => lines.push(action.to_string()),
    }
    lines
}

/// A note in the list, dim unless it is an error.
fn note_item<'a>(note: &Note, theme: &Theme) -> ListItem<'a> {
    let style = if note.failed {
        theme.error()
    } else {
        theme.dim()
    };
    let lines: Vec<Line> = note
        .lines
        .iter()
        .map(|l| Line::styled(format!(" {l}"), style))
        .collect();
    ListItem::new(lines)
}

/// The target (its index among those shown) on line `line` of the pane's `height` lines, by
/// the same sums as `draw`: the selected row is kept in view, so what is on screen follows
/// from the cursor alone.
pub fn row_at(model: &Model, height: usize, line: usize) -> Option<usize> {
    // A note (loading, an error, a list this role may not read) may take several lines:
    // no row is told apart then. (Their presence does not depend on the width.)
    let notes = slot_note(&model.distributions, "distributions", 1).is_some()
        || !tenant_notes(model, 1).is_empty();
    if notes || height == 0 {
        return None;
    }
    let entries = model.targets();
    let first_lightsail = entries
        .iter()
        .position(|e| matches!(e.target, Target::Lightsail { .. }));
    let after_header = |i: usize| usize::from(first_lightsail.is_some_and(|f| i >= f));
    let cursor_row = 1 + model.target_cursor + after_header(model.target_cursor);
    let start = cursor_row.saturating_sub(height);
    // The list scrolls just enough to show the selected row at the bottom.
    let offset = if model.target_cursor < entries.len() {
        (cursor_row - start + 1).saturating_sub(height)
    } else {
        0
    };
    let row = start + offset + line;
    // Row 0 is the CloudFront heading; the Lightsail heading comes before the first of them.
    let index = row.checked_sub(1)?;
    let entry = match first_lightsail {
        Some(f) if index == f => return None,
        Some(f) if index > f => index - 1,
        _ => index,
    };
    (entry < entries.len()).then_some(entry)
}
