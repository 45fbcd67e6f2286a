//! The history search, over the panes: the text, then what was found, newest first, each with
//! its target, invalidation, time, status, how it matched and the matching items.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::ListItem;

use super::theme::Theme;
use super::time::{ago, local_short};
use super::{chooser, popup, shown};
use crate::app::search::HistorySearch;
use crate::app::{Backfill, Context, Keymap, Model};
use crate::store::search::Match;

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    search: &HistorySearch,
    keymap: &Keymap,
    theme: &Theme,
) {
    let width = area.width.saturating_sub(4).clamp(20, 140);
    let height = area.height.saturating_sub(2).max(6);
    let inner = popup(
        frame,
        area,
        (width, height),
        Line::styled(" Search the history (every target) ", theme.title(true)),
        theme.border(true),
    );
    let [input, status, list_area, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(
        Line::from(vec![
            Span::styled(" path or #tag: ", theme.dim()),
            Span::raw(shown(search.input.value())),
            Span::styled("▏", theme.key()),
        ]),
        input,
    );
    let said = if let Some(e) = &search.error {
        Line::styled(shown(&format!(" {e}")), theme.error())
    } else if search.input.value().trim().is_empty() {
        Line::styled(
            " type part of a path: exact items, covering wildcards and items containing it",
            theme.dim(),
        )
    } else {
        let mut text = format!(" {} found", search.hits.len());
        if let Backfill::Running {
            targets_done,
            targets,
            ..
        } = &model.backfill
        {
            text.push_str(&format!(
                " · history still being fetched ({targets_done}/{targets} targets)"
            ));
        }
        Line::styled(text, theme.dim())
    };
    frame.render_widget(said, status);
    let items: Vec<ListItem> = search
        .hits
        .iter()
        .map(|h| {
            let how = match h.how {
                Match::Exact => "exact   ",
                Match::Covers => "covers  ",
                Match::Contains => "contains",
            };
            ListItem::new(Line::from(vec![
                Span::raw(format!(
                    " {}",
                    local_short(h.create_time, model.local_offset)
                )),
                Span::styled(
                    format!(" {:>8} ", ago(model.now, h.create_time)),
                    theme.dim(),
                ),
                Span::raw(shown(&format!("{}  {}  ", h.target, h.id))),
                Span::styled(format!("{:<10} {how}  ", h.status), theme.dim()),
                Span::raw(shown(&h.matches.join(" "))),
            ]))
        })
        .collect();
    let keys = (keymap, Context::Search, "opens it");
    chooser(frame, (list_area, hint), items, search.cursor, keys, theme);
}
