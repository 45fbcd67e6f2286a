//! The help overlay, generated from the keymap: the keys of where you are first, then the rest
//! as far as there is room.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::popup;
use super::theme::Theme;
use crate::app::{Action, Context, Keymap};

pub fn draw(frame: &mut Frame, area: Rect, keymap: &Keymap, here: Context, theme: &Theme) {
    let mut sections = keymap.help();
    sections.sort_by_key(|(context, _)| *context != here);
    let key_width = sections
        .iter()
        .flat_map(|(_, rows)| rows.iter().map(|(k, _)| k.chars().count()))
        .max()
        .unwrap_or(0);
    // Help is drawn over the panes' keys, whatever place it was opened from.
    let close = format!(
        " {} or {} closes this help",
        keymap.hint(Context::Browse, Action::Back),
        keymap.hint(Context::Browse, Action::Help)
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
    let height = lines.len() as u16 + 2;
    let inner = popup(
        frame,
        area,
        (72, height),
        Line::styled(" Keys ", theme.title(true)),
        theme.border(true),
    );
    frame.render_widget(Paragraph::new(lines), inner);
}
