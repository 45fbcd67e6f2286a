//! The compose form: the items with each line's verdict beside it, the summary with cost and
//! headroom, the caller reference, the targets, and what stops a submit.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};

use super::fit;
use super::theme::Theme;
use crate::app::compose::{Compose, Field};
use crate::app::{Action as AppAction, Context, Keymap, Model, Slot};
use crate::domain::batch::{BatchItem, Verdict};
use crate::domain::cost::with_month_use;
use crate::domain::quota::headroom_of_load;
use crate::domain::words::{duration, plural};

/// Rows of the target list in the form at least (when there are as many targets); on a tall
/// screen it grows to a quarter of the form, and it scrolls beyond.
const TARGET_ROWS: usize = 5;

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    form: &Compose,
    model: &Model,
    keymap: &Keymap,
    theme: &Theme,
) {
    // The focused field is marked while the form takes keys (nothing over it, not sending).
    let editing = model.overlays.is_empty() && !form.is_sending();
    let mut title = vec![Span::styled(" New batch ", theme.title(true))];
    if let Some(id) = &form.copied_from {
        let text = format!("(copied from {}) ", super::shown(id));
        title.push(Span::styled(text, theme.dim()));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Thick)
        .border_style(theme.border(true))
        .title(Line::from(title));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let most = TARGET_ROWS.max(usize::from(inner.height) / 4);
    let chosen_rows = form.choices.len().clamp(1, most) as u16;
    let error_rows = if form.error.is_some() || form.is_sending() {
        2
    } else {
        0
    };
    let [items, summary, reference, targets_title, targets, error] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(2 + form.chosen().len().min(3) as u16),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(chosen_rows),
        Constraint::Length(error_rows),
    ])
    .areas(inner);

    draw_items(frame, items, form, editing, keymap, theme);
    let width = summary.width as usize;
    let lines: Vec<Line> = summary_lines(form, model, theme)
        .into_iter()
        .map(|l| {
            let style = l.style;
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            Line::styled(fit(&text, width), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), summary);
    draw_reference(frame, reference, form, editing, theme);
    let label = field_label(form, editing, Field::Targets, "Targets", theme);
    let mut line = vec![label];
    line.push(Span::styled(
        // The list's moves are the form's own keys, not the keymap's.
        format!(
            " {} chosen · {} chooses · ↑↓ move",
            form.chosen().len(),
            keymap.hint(Context::Form, AppAction::Toggle)
        ),
        theme.dim(),
    ));
    frame.render_widget(Line::from(line), targets_title);
    draw_targets(frame, targets, form, editing, theme);
    if form.is_sending() {
        frame.render_widget(Paragraph::new(sending(form, model, keymap, theme)), error);
    } else if let Some(e) = &form.error {
        frame.render_widget(
            Paragraph::new(Line::styled(super::shown(e), theme.error())).wrap(Wrap { trim: true }),
            error,
        );
    }
}

/// While the batch is on its way: to which targets (by name), for how long, and the way out.
fn sending<'a>(form: &Compose, model: &Model, keymap: &Keymap, theme: &Theme) -> Vec<Line<'a>> {
    let names: Vec<String> = form
        .sending_to()
        .into_iter()
        .map(|target| {
            form.choices
                .iter()
                .find(|c| &c.target == target)
                .map_or_else(|| target.to_string(), |c| c.label.clone())
        })
        .collect();
    let took = form
        .sending_since
        .map(|since| format!(" · {}", duration(model.now - since)))
        .unwrap_or_default();
    let key = |action| keymap.hint(Context::Form, action);
    vec![
        Line::styled(
            format!(
                "{} sending to {}{took}",
                super::header::spinner(model),
                names.join(", ")
            ),
            theme.title(true),
        ),
        Line::styled(
            format!(
                "{} stops waiting · {} leaves · anything sent stays in the journal",
                key(AppAction::Back),
                key(AppAction::Quit)
            ),
            theme.dim(),
        ),
    ]
}

fn field_label<'a>(
    form: &Compose,
    editing: bool,
    field: Field,
    name: &'a str,
    theme: &Theme,
) -> Span<'a> {
    let focused = editing && form.field == field;
    let marker = if focused { "▸ " } else { "  " };
    Span::styled(format!("{marker}{name}"), theme.title(focused))
}

/// The editor on the left; on the right, the verdict of each line on screen.
fn draw_items(
    frame: &mut Frame,
    area: Rect,
    form: &Compose,
    editing: bool,
    keymap: &Keymap,
    theme: &Theme,
) {
    // Under the editor, the cursor line's verdict in full: the column beside it is cut on a
    // narrow screen.
    let [label, body, whole] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(if area.height >= 6 { 2 } else { 0 }),
    ])
    .areas(area);
    frame.render_widget(
        Line::from(vec![
            field_label(form, editing, Field::Items, "Paths and #tags", theme),
            Span::styled(
                format!(
                    " one per line · {} accepts fixes",
                    keymap.hint(Context::Form, AppAction::AcceptFixes)
                ),
                theme.dim(),
            ),
        ]),
        label,
    );
    let [editor, verdicts] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body);
    frame.render_widget(&form.editor, editor);
    // The editor scrolls as it draws; its top row is known only after.
    let (top, _) = form.editor.scroll_offset();
    let width = verdicts.width.saturating_sub(1) as usize;
    let lines: Vec<Line> = (0..verdicts.height as usize)
        .map(|row| {
            let item = form.item_of_line(top as usize + row);
            verdict_line(item.as_slice(), width, theme)
        })
        .collect();
    let [_, column] =
        Layout::horizontal([Constraint::Length(1), Constraint::Min(0)]).areas(verdicts);
    frame.render_widget(Paragraph::new(lines), column);
    let ratatui_textarea::DataCursor(row, _) = form.editor.cursor();
    if let Some(item) = form.item_of_line(row) {
        let items = std::slice::from_ref(&item);
        let text = verdict_text(items);
        frame.render_widget(
            Paragraph::new(Line::styled(
                format!("line {}: {}", row + 1, super::shown(&text)),
                theme.verdict(worst(items)),
            ))
            .wrap(Wrap { trim: true }),
            whole,
        );
    }
}

/// `✓`, `− dropped: …` or `✗ …` for a line, with the fix when there is one.
fn verdict_line<'a>(items: &[BatchItem], width: usize, theme: &Theme) -> Line<'a> {
    if items.is_empty() {
        return Line::raw("");
    }
    let verdict = worst(items);
    Line::styled(fit(&verdict_text(items), width), theme.verdict(verdict))
}

/// The worst verdict of a line's items.
fn worst(items: &[BatchItem]) -> Verdict {
    match items.iter().map(|i| rank(i.verdict)).max() {
        Some(2) => Verdict::Reject,
        Some(1) => Verdict::Drop,
        _ => Verdict::Keep,
    }
}

/// A line's verdict in words: its mark, then the fix first and the messages.
fn verdict_text(items: &[BatchItem]) -> String {
    let verdict = worst(items);
    let mark = match verdict {
        Verdict::Keep => "✓",
        Verdict::Drop => "−",
        Verdict::Reject => "✗",
    };
    let words: Vec<String> = items
        .iter()
        .flat_map(|i| {
            // The fix first: in a narrow column it is what the user needs.
            let fix = i
                .fix
                .as_ref()
                .filter(|f| !f.lines.is_empty())
                .map(|f| format!("→ {}", f.lines.join(" ")));
            let notes = i.messages().map(str::to_string);
            fix.into_iter().chain(notes)
        })
        .collect();
    if words.is_empty() {
        match verdict {
            Verdict::Keep if items.len() > 1 => format!("{mark} {}", plural(items.len(), "path")),
            _ => mark.to_string(),
        }
    } else {
        format!("{mark} {}", words.join("; "))
    }
}

fn rank(verdict: Verdict) -> u8 {
    match verdict {
        Verdict::Keep => 0,
        Verdict::Drop => 1,
        Verdict::Reject => 2,
    }
}

/// Counts and cost; then, per chosen target, the headroom against what is in progress.
fn summary_lines<'a>(form: &Compose, model: &Model, theme: &Theme) -> Vec<Line<'a>> {
    let s = form.batch.summary();
    let targets = form.chosen();
    let sent_paths = (s.kept() * targets.len()) as u64;
    let mut counts = format!(
        "{} · {} · {} · {} dropped · {} rejected",
        plural(s.paths, "path"),
        plural(s.wildcards, "wildcard"),
        plural(s.tags, "tag"),
        s.dropped,
        s.rejected
    );
    if s.parts > 1 {
        counts.push_str(&format!(" · sent as {} invalidations each", s.parts));
    }
    let mut lines = vec![
        Line::styled(
            counts,
            if s.rejected > 0 {
                theme.error()
            } else {
                theme.group()
            },
        ),
        Line::styled(
            format!("cost: {}", with_month_use(sent_paths, model.month_use)),
            theme.dim(),
        ),
    ];
    let first_part = form.batch.first_part_load();
    for target in targets.iter().take(3) {
        let text = match form.loads.get(target) {
            Some(Slot::Ready(load)) => headroom_of_load(first_part, *load).message,
            Some(Slot::Failed(e)) => format!("in progress unknown: {}", super::shown(e)),
            _ => "checking what is in progress…".to_string(),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{target}: "), theme.dim()),
            Span::raw(text),
        ]));
    }
    lines
}

fn draw_reference(frame: &mut Frame, area: Rect, form: &Compose, editing: bool, theme: &Theme) {
    let label = field_label(
        form,
        editing,
        Field::CallerReference,
        "Caller reference ",
        theme,
    );
    let label_width = label.width() as u16;
    let [left, right] =
        Layout::horizontal([Constraint::Length(label_width), Constraint::Min(1)]).areas(area);
    frame.render_widget(label, left);
    let value = form.caller_reference.value();
    let scroll = form.caller_reference.visual_scroll(right.width as usize);
    let shown: String = value.chars().skip(scroll).collect();
    let style = match form.reference() {
        Ok(_) => ratatui::style::Style::default(),
        Err(_) => theme.error(),
    };
    frame.render_widget(Line::styled(super::shown(&shown), style), right);
    if editing && form.field == Field::CallerReference {
        let x = form.caller_reference.visual_cursor().saturating_sub(scroll) as u16;
        frame.set_cursor_position((right.x + x.min(right.width.saturating_sub(1)), right.y));
    }
}

fn draw_targets(frame: &mut Frame, area: Rect, form: &Compose, editing: bool, theme: &Theme) {
    let rows = area.height as usize;
    let first = form
        .choice_cursor
        .saturating_sub(rows.saturating_sub(1))
        .min(form.choices.len().saturating_sub(rows));
    let focused = editing && form.field == Field::Targets;
    let lines: Vec<Line> = form
        .choices
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, c)| {
            let text = format!("  [{}] {}", if c.chosen { "x" } else { " " }, c.label);
            let text = fit(&text, area.width as usize);
            if i == form.choice_cursor && focused {
                Line::styled(text, theme.selected(true))
            } else if c.chosen {
                Line::raw(text)
            } else {
                Line::styled(text, theme.dim())
            }
        })
        .collect();
    if lines.is_empty() {
        frame.render_widget(
            Line::styled("  no CloudFront target takes invalidations", theme.dim()),
            area,
        );
        return;
    }
    frame.render_widget(Paragraph::new(lines), area);
}
