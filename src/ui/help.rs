//! The help overlay, generated from the keymap: the keys of where you are first, then the rest
//! as far as there is room.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::popup;
use super::theme::Theme;
use crate::app::{Action, Context, Keymap};

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    keymap: &Keymap,
    (here, scroll): (Context, usize),
    theme: &Theme,
) {
    let mut sections = keymap.help();
    sections.sort_by_key(|(context, _)| *context != here);
    let key_width = sections
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(k, _)| k.chars().count()))
        .max()
        .unwrap_or(0);
    // Help is drawn over the panes' keys, whatever place it was opened from.
    let key = |action| keymap.hint(Context::Browse, action);
    let close = format!(
        " {} or {} closes this help · {} {} scroll",
        key(Action::Back),
        key(Action::Help),
        super::keys_pair(&key(Action::Up), &key(Action::Down)),
        super::keys_pair(&key(Action::PageUp), &key(Action::PageDown)),
    );
    let mut lines: Vec<Line> = vec![Line::styled(close, theme.dim())];
    for (context, rows) in &sections {
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!(" {}", context.title()), theme.group()));
        lines.extend(rows.iter().map(|(keys, what)| {
            Line::from(vec![
                Span::styled(format!(" {keys:<key_width$}  "), theme.key()),
                Span::raw(what.as_str()),
            ])
        }));
    }
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let inner = popup(
        frame,
        area,
        (72, height),
        Line::styled(" Keys ", theme.title(true)),
        theme.border(true),
    );
    // The line on how to close it stays; the rest scrolls, never past its end.
    let [top, rest] = ratatui::layout::Layout::vertical([
        ratatui::layout::Constraint::Length(1),
        ratatui::layout::Constraint::Min(0),
    ])
    .areas(inner);
    let body: Vec<Line> = lines.split_off(1);
    let last = body.len().saturating_sub(usize::from(rest.height));
    let from = scroll.min(last);
    frame.render_widget(Paragraph::new(lines), top);
    frame.render_widget(
        Paragraph::new(body.into_iter().skip(from).collect::<Vec<_>>()),
        rest,
    );
}
