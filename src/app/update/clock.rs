//! Whether a new time changes an age on screen ("45s ago" → "46s ago"): the clock ticks every
//! second, and a frame is drawn only when it does.

use chrono::{DateTime, Utc};

use super::super::model::{Model, Slot};
use crate::domain::target::Target;
use crate::domain::words::ago;

/// Rows above and below the cursor that can be on screen (more than any pane is tall).
const ROWS_AROUND: usize = 120;

/// Whether any age the view shows reads otherwise at `model.now` than it did at `before`:
/// the selected list's rows near the cursor, the details, a Lightsail reset, the search's hits.
pub fn shown_age_changed(model: &Model, before: DateTime<Utc>) -> bool {
    let changed = |then: DateTime<Utc>| ago(before, then) != ago(model.now, then);
    if let Some((target, list)) = model.selected_list() {
        // Only the rows that can be on screen: a list of 100,000 costs a tick no more.
        let near = |at: usize, len: usize| {
            at.saturating_sub(ROWS_AROUND).min(len)..(at + ROWS_AROUND).min(len)
        };
        let rows_changed = match list.order() {
            None => list.items()[near(list.cursor, list.items().len())]
                .iter()
                .any(|s| changed(s.create_time)),
            Some(order) => order[near(list.place_in(order), order.len())]
                .iter()
                .filter_map(|&i| list.items().get(i))
                .any(|s| changed(s.create_time)),
        };
        let details_changed = list.selected().is_some_and(|s| {
            matches!(model.details.get(&(target, s.id.clone())), Some(Slot::Ready(inv)) if changed(inv.create_time))
        });
        if rows_changed || details_changed {
            return true;
        }
    }
    if let Some(Target::Lightsail { name }) = model.selected_target()
        && let Some(Slot::Ready(Some(reset))) = model.resets.get(&name)
        && changed(reset.create_time)
    {
        return true;
    }
    // (Elapsed times, in the watch strip, the form or "running now", are `is_watching`.)
    model
        .overlays
        .search()
        .is_some_and(|search| search.hits.iter().any(|h| changed(h.create_time)))
}
