//! The profile picker, over the panes: the account in use, why there is no region to choose,
//! and the profiles of the AWS config files.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use super::popup;
use super::theme::Theme;
use crate::app::picker::Picker;
use crate::app::{Action, Context, Keymap, Slot};

/// Said under the title: a region would change nothing (see `app::picker`).
const NO_REGION: &str = "CloudFront is global and Lightsail distributions are in us-east-1: \
                         the region stays as configured (--region, else the profile's).";

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    picker: &Picker,
    in_use: &str,
    keymap: &Keymap,
    theme: &Theme,
) {
    let width = 60.min(area.width);
    // The lines above the list, folded to the box's inside.
    let fold = usize::from(width.saturating_sub(2));
    let mut about: Vec<Line> = super::wrap_words(&format!("in use: {in_use}"), fold)
        .into_iter()
        .map(Line::raw)
        .collect();
    about.extend(
        super::wrap_words(NO_REGION, fold)
            .into_iter()
            .map(|l| Line::styled(l, theme.dim())),
    );
    let about_height = about.len() as u16;
    let rows = picker.rows();
    let height = (rows.len() as u16 + about_height + 5)
        .min(area.height)
        .max(5.min(area.height));
    let inner = popup(
        frame,
        area,
        (width, height),
        Line::styled(" AWS profile ", theme.title(true)),
        theme.border(true),
    );
    let [about_area, list_area, hint] = Layout::vertical([
        Constraint::Length(about_height + 1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(about), about_area);
    // The picker takes the panes' keys.
    let keys = format!(
        " {} switches · {} cancels",
        keymap.hint(Context::Browse, Action::Open),
        keymap.hint(Context::Browse, Action::Back)
    );
    frame.render_widget(Line::styled(keys, theme.dim()), hint);
    match &picker.profiles {
        Slot::Failed(e) | Slot::NotAllowed(e) => {
            frame.render_widget(
                Paragraph::new(Line::styled(super::shown(e), theme.error()))
                    .wrap(Wrap { trim: true }),
                list_area,
            );
            return;
        }
        Slot::Loading(_) | Slot::Idle => {
            frame.render_widget(
                Line::styled("reading the AWS config files…", theme.dim()),
                list_area,
            );
            return;
        }
        Slot::Ready(_) => {}
    }
    let items: Vec<ListItem> = rows
        .into_iter()
        .map(|r| ListItem::new(super::shown(&format!(" {r}"))))
        .collect();
    let list = List::new(items).highlight_style(theme.selected(true));
    let mut state = ListState::default().with_selected(Some(picker.cursor));
    frame.render_stateful_widget(list, list_area, &mut state);
}
