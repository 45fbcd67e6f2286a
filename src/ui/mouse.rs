//! Mouse reports as messages: a click focuses the pane under it and selects the row under it,
//! the wheel moves its cursor.

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
    let (rect, pane) = [
        (areas.targets, Pane::Targets),
        (areas.invalidations, Pane::Invalidations),
        (areas.details, Pane::Details),
    ]
    .into_iter()
    .find(|(rect, _)| rect.contains(at))?;
    let (action, row) = match mouse.kind {
        MouseEventKind::Down(_) => (None, row_at(model, pane, rect, mouse.row)),
        MouseEventKind::ScrollUp => (Some(Action::Up), None),
        MouseEventKind::ScrollDown => (Some(Action::Down), None),
        _ => return None,
    };
    Some(Msg::Pointer { pane, action, row })
}

/// The row under screen row `y` of a pane drawn in `rect`: the same sums as the drawing.
fn row_at(model: &Model, pane: Pane, rect: Rect, y: u16) -> Option<usize> {
    // Inside the border, above the filter line when there is one.
    let top = rect.y + 1;
    let filter = match pane {
        Pane::Targets => &model.target_filter,
        _ => &model.list_filter,
    };
    let filter_rows =
        u16::from(!filter.value().is_empty() || model.overlays.filtering() == Some(pane));
    let height = rect.height.saturating_sub(2 + filter_rows);
    let line = y.checked_sub(top).filter(|&line| line < height)?;
    match pane {
        Pane::Targets => super::targets::row_at(model, height.into(), line.into()),
        Pane::Invalidations => super::invalidations::row_at(model, height.into(), line.into()),
        Pane::Details => None,
    }
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
                action: None,
                row: None
            })
        );
        let wheel = at(MouseEventKind::ScrollDown, 2, 5);
        assert_eq!(
            to_msg(&model, screen, wheel),
            Some(Msg::Pointer {
                pane: Pane::Targets,
                action: Some(Action::Down),
                row: None
            })
        );
        let header = at(MouseEventKind::Down(MouseButton::Left), 2, 0);
        assert_eq!(to_msg(&model, screen, header), None);
    }
}
