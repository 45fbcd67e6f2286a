//! The invalidations pane: the selected target's list, newest first, a page at a time.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Row, Table, TableState};

use super::theme::Theme;
use super::time::{ago, local_short};
use super::{filter_line, note, pane_block, shown};
use crate::app::{Action, Context, Keymap, Model, Pane, Slot, SortBy};
use crate::domain::target::{CloudFrontTarget, Target};

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, keymap: &Keymap, theme: &Theme) {
    let target = model.selected_target();
    let list = model.selected_list().map(|(_, list)| list);
    let title = match (&target, list) {
        (Some(t), Some(list)) => {
            let more = if list.has_more() { " · more" } else { "" };
            let sorted = match list.sort() {
                SortBy::Time => String::new(),
                other => format!(" · {}", other.words()),
            };
            format!(
                " Invalidations · {t} · {} loaded{more}{sorted} ",
                list.items().len()
            )
        }
        (Some(t), None) => format!(" Invalidations · {t} "),
        (None, _) => " Invalidations ".to_string(),
    };
    let block = pane_block(model, Pane::Invalidations, Line::raw(shown(&title)), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let inner = filter_line(
        frame,
        inner,
        model,
        Pane::Invalidations,
        &model.list_filter,
        theme,
    );

    let Some(target) = target else {
        let text = if model.is_loading() {
            "loading targets…"
        } else {
            "no target to show"
        };
        frame.render_widget(note(text, theme.dim()), inner);
        return;
    };
    let (Target::CloudFront(cf), Some(list)) = (&target, list) else {
        let text = match &target {
            Target::Lightsail { .. } => {
                "a Lightsail distribution has no invalidation list: its cache is reset as a whole"
                    .to_string()
            }
            Target::CloudFront(t) if model.is_multi_tenant(t) => {
                match tenants_not_allowed(model, t) {
                    Some(action) => format!(
                        "a multi-tenant distribution is invalidated through its tenants, which this \
                     role may not list ({action})"
                    ),
                    None => {
                        "a multi-tenant distribution is invalidated through its tenants: select \
                         one below it"
                            .to_string()
                    }
                }
            }
            Target::CloudFront(_) => "loading…".to_string(),
        };
        frame.render_widget(note(text, theme.dim()), inner);
        return;
    };
    // An error goes above what was loaded before it, which stays.
    let inner = match &list.error {
        Some(error) if list.items().is_empty() => {
            frame.render_widget(note(error.clone(), theme.error()), inner);
            return;
        }
        Some(error) => {
            let [top, rest] =
                Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(inner);
            frame.render_widget(note(error.clone(), theme.error()), top);
            rest
        }
        None => inner,
    };
    if list.items().is_empty() {
        let text = if list.started {
            "no invalidations yet"
        } else {
            "loading…"
        };
        frame.render_widget(note(text, theme.dim()), inner);
        return;
    }

    // Without a filter or a sort every row shows in its own order, and only the rows on
    // screen are built, so a list of 100,000 costs no more than a page.
    let visible = list.order();
    let shown = visible.map_or(list.items().len(), <[usize]>::len);
    if shown == 0 {
        let more = if list.has_more() {
            format!(
                "; {} loads more",
                keymap.hint(Context::Browse, Action::Bottom)
            )
        } else {
            String::new()
        };
        let text = format!("no loaded invalidation matches the filter{more}");
        frame.render_widget(note(text, theme.dim()), inner);
        return;
    }
    let at = visible.map_or(list.cursor, |v| list.place_in(v));
    let height = inner.height.saturating_sub(1) as usize;
    let start = (at + 1).saturating_sub(height);
    let focused = model.focus == Pane::Invalidations && !model.overlays.help();
    let rows: Vec<Row> = (start..shown.min(start + height))
        .filter_map(|n| {
            let i = visible.map_or(Some(n), |v| v.get(n).copied())?;
            list.items().get(i)
        })
        .map(|s| {
            let paths = match model.details.get(&(cf.clone(), s.id.clone())) {
                Some(Slot::Ready(inv)) => inv.items.len().to_string(),
                _ => String::new(),
            };
            Row::new(vec![
                Line::raw(super::shown(&s.id)),
                Line::styled(s.status.to_string(), theme.status(&s.status)),
                Line::from(vec![
                    Span::raw(local_short(s.create_time, model.local_offset)),
                    // "just now" would not fit the column at 80 columns.
                    Span::styled(
                        format!(
                            " {}",
                            ago(model.now, s.create_time).replace("just now", "now")
                        ),
                        theme.dim(),
                    ),
                ]),
                Line::raw(paths),
            ])
        })
        .collect();
    let header = Row::new(vec!["id", "status", "created", "paths"]).style(theme.dim());
    let table = Table::new(
        rows,
        [
            Constraint::Length(14),
            Constraint::Length(10),
            Constraint::Min(11),
            Constraint::Length(5),
        ],
    )
    .header(header)
    .row_highlight_style(theme.selected(focused));
    let mut state = TableState::default().with_selected(Some(at.saturating_sub(start)));
    frame.render_stateful_widget(table, inner, &mut state);
}

/// The IAM action this role lacks to list a multi-tenant distribution's tenants, if it does.
fn tenants_not_allowed<'m>(model: &'m Model, target: &CloudFrontTarget) -> Option<&'m str> {
    let CloudFrontTarget::Distribution { id } = target else {
        return None;
    };
    match model.tenants.get(id) {
        Some(Slot::NotAllowed(action)) => Some(action),
        _ => None,
    }
}

/// The invalidation (its index in the list) on line `line` of the pane's `height` lines, by
/// the same sums as `draw`: a heading line, an error above the rows when there is one, and
/// the rows scrolled just enough to show the selected one.
pub fn row_at(model: &Model, height: usize, line: usize) -> Option<usize> {
    let (_, list) = model.selected_list()?;
    let above = 1 + if list.error.is_some() { 2 } else { 0 };
    let n = line.checked_sub(above)?;
    let rows = height.checked_sub(above)?;
    let visible = list.order();
    let shown = visible.map_or(list.items().len(), <[usize]>::len);
    let at = visible.map_or(list.cursor, |v| list.place_in(v));
    let start = (at + 1).saturating_sub(rows);
    let n = start + n;
    if n >= shown {
        return None;
    }
    visible.map_or(Some(n), |v| v.get(n).copied())
}
