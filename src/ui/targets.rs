//! The targets pane: CloudFront distributions with their tenants nested, then Lightsail.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

use super::theme::Theme;
use super::{filter_line, fit, note, pane_block, shown, wrap_words};
use crate::app::lane::AccountView;
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
    let rows = plan(model, width);
    let cursor_row = cursor_row(&rows, model.target_cursor);
    let window = cursor_row.saturating_sub(height)..cursor_row + height + 1;
    let items: Vec<ListItem> = rows
        .get(window.start..window.end.min(rows.len()))
        .unwrap_or_default()
        .iter()
        .map(|row| match row {
            Row::Account(name) => {
                ListItem::new(Line::styled(format!("▾ {}", shown(name)), theme.group()))
            }
            Row::Group(name) => ListItem::new(Line::styled(*name, theme.group())),
            Row::Note(note) => note_item(note, theme),
            Row::Entry(i) => entry_item(model, &entries[*i], width, theme),
        })
        .collect();
    let selected_row = (model.target_cursor < entries.len()).then(|| cursor_row - window.start);
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
    let state = state_of(model, entry).map(|(text, busy)| {
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
fn state_of(model: &Model, entry: &crate::app::TargetEntry) -> Option<(String, bool)> {
    let Target::CloudFront(CloudFrontTarget::Distribution { id }) = &entry.target else {
        return None;
    };
    let account = model.account(entry.lane);
    let d = account
        .distributions
        .ready()
        .and_then(|all| all.iter().find(|d| &d.id == id))?;
    let mut words = Vec::new();
    if let Some(Slot::Ready(n)) = account.in_progress.get(id)
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
fn tenant_notes(account: &AccountView, width: usize) -> Vec<Note> {
    let troubled = |slot: &Slot<_>| matches!(slot, Slot::Failed(_) | Slot::NotAllowed(_));
    if !account.tenants.values().any(troubled) {
        return Vec::new();
    }
    let width = width.saturating_sub(1);
    let mut notes = Vec::new();
    let mut not_allowed: Option<&str> = None;
    // In the distributions' order, so the notes stay put from one frame to the next.
    for d in account.distributions.ready().into_iter().flatten() {
        match account.tenants.get(&d.id) {
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
    let rows = plan(model, 1);
    // A note (loading, an error, a list this role may not read) may take several lines:
    // no row is told apart then. (Their presence does not depend on the width.)
    if height == 0 || rows.iter().any(|r| matches!(r, Row::Note(_))) {
        return None;
    }
    let entries = model.targets();
    let cursor_row = cursor_row(&rows, model.target_cursor);
    let start = cursor_row.saturating_sub(height);
    // The list scrolls just enough to show the selected row at the bottom.
    let offset = if model.target_cursor < entries.len() {
        (cursor_row - start + 1).saturating_sub(height)
    } else {
        0
    };
    match rows.get(start + offset + line)? {
        Row::Entry(i) => Some(*i),
        _ => None,
    }
}

/// One line of the pane: an account's heading (when several are shown), a group's, a note
/// in place of what is not there, or a target (its index among those shown).
enum Row<'a> {
    Account(&'a str),
    Group(&'static str),
    Note(Note),
    Entry(usize),
}

/// The pane's rows, for each account: CloudFront (and a note while its list is not there),
/// its targets, the notes of tenants not listed, then Lightsail (and its note).
fn plan(model: &Model, width: usize) -> Vec<Row<'_>> {
    let entries = model.targets();
    let mut rows = Vec::with_capacity(entries.len() + 4 * model.lane_count());
    let mut next = 0;
    for lane in 0..model.lane_count() {
        let account = model.account(lane);
        if model.is_multi_account() {
            rows.push(Row::Account(&model.lanes[lane].name));
        }
        rows.push(Row::Group("CloudFront"));
        if let Some(note) = slot_note(account.distributions, "distributions", width) {
            rows.push(Row::Note(note));
        }
        let mut lightsail = false;
        while let Some(entry) = entries.get(next).filter(|e| e.lane == lane) {
            if matches!(entry.target, Target::Lightsail { .. }) && !lightsail {
                lightsail = true;
                rows.extend(tenant_notes(&account, width).into_iter().map(Row::Note));
                rows.push(Row::Group("Lightsail"));
            }
            rows.push(Row::Entry(next));
            next += 1;
        }
        if !lightsail {
            rows.extend(tenant_notes(&account, width).into_iter().map(Row::Note));
            rows.push(Row::Group("Lightsail"));
            if let Some(note) = slot_note(account.lightsail, "Lightsail distributions", width) {
                rows.push(Row::Note(note));
            }
        }
    }
    rows
}

/// The row of the selected target (past the end: the row after the last).
fn cursor_row(rows: &[Row], cursor: usize) -> usize {
    rows.iter()
        .position(|r| matches!(r, Row::Entry(i) if *i == cursor))
        .unwrap_or(rows.len())
}
