//! Mouse reports as messages: a click focuses the pane under it, the wheel moves its cursor.

use crossterm::event::{MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::Areas;
use crate::app::{Action, Model, Msg, Pane};

/// The message for a mouse report on a screen of `area`, if it means anything here.
pub fn to_msg(model: &Model, area: Rect, mouse: MouseEvent) -> Option<Msg> {
    // In the form, a question or help, the keyboard does it all.
    if !model.takes_pointer() {
        return None;
    }
    let areas = Areas::of(area, model);
    let at = Position::new(mouse.column, mouse.row);
    let pane = [
        (areas.targets, Pane::Targets),
        (areas.invalidations, Pane::Invalidations),
        (areas.details, Pane::Details),
    ]
    .into_iter()
    .find(|(rect, _)| rect.contains(at))
    .map(|(_, pane)| pane)?;
    let action = match mouse.kind {
        MouseEventKind::Down(_) => None,
        MouseEventKind::ScrollUp => Some(Action::Up),
        MouseEventKind::ScrollDown => Some(Action::Down),
        _ => return None,
    };
    Some(Msg::Pointer { pane, action })
}

#[cfg(test)]
mod tests {
    use chrono::{FixedOffset, TimeZone, Utc};
    use crossterm::event::{KeyModifiers, MouseButton};

    use super::*;

    fn at(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
        MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }
    }

    #[test]
    fn clicks_and_wheel_land_on_the_pane_under_the_pointer() {
        let now = Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap();
        let model = Model::new("DEMO", now, FixedOffset::east_opt(0).unwrap());
        let screen = Rect::new(0, 0, 80, 24);
        let click = at(MouseEventKind::Down(MouseButton::Left), 70, 3);
        assert_eq!(
            to_msg(&model, screen, click),
            Some(Msg::Pointer {
                pane: Pane::Invalidations,
                action: None
            })
        );
        let wheel = at(MouseEventKind::ScrollDown, 2, 5);
        assert_eq!(
            to_msg(&model, screen, wheel),
            Some(Msg::Pointer {
                pane: Pane::Targets,
                action: Some(Action::Down)
            })
        );
        let header = at(MouseEventKind::Down(MouseButton::Left), 2, 0);
        assert_eq!(to_msg(&model, screen, header), None);
    }
}
