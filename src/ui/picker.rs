//! The profile and region picker, over the panes.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use super::popup;
use super::theme::Theme;
use crate::app::picker::{Picker, Step};
use crate::app::{Action, Context, Keymap, Slot};

pub fn draw(frame: &mut Frame, area: Rect, picker: &Picker, keymap: &Keymap, theme: &Theme) {
    let title = match &picker.step {
        Step::Profile => " AWS profile ".to_string(),
        Step::Region { profile } => format!(
            " Region for {} ",
            profile.as_deref().unwrap_or("the configured profile")
        ),
    };
    let rows = picker.rows();
    let height = (rows.len() as u16 + 4)
        .min(area.height)
        .max(5.min(area.height));
    let width = 60.min(area.width);
    let inner = popup(
        frame,
        area,
        (width, height),
        Line::styled(title, theme.title(true)),
        theme.border(true),
    );
    let [list_area, hint] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    // The picker takes the panes' keys.
    let keys = format!(
        " {} chooses · {} cancels",
        keymap.hint(Context::Browse, Action::Open),
        keymap.hint(Context::Browse, Action::Back)
    );
    frame.render_widget(Line::styled(keys, theme.dim()), hint);
    if picker.step == Step::Profile {
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
    }
    let items: Vec<ListItem> = rows
        .into_iter()
        .map(|r| ListItem::new(super::shown(&format!(" {r}"))))
        .collect();
    let list = List::new(items).highlight_style(theme.selected(true));
    let mut state = ListState::default().with_selected(Some(picker.cursor));
    frame.render_stateful_widget(list, list_area, &mut state);
}
