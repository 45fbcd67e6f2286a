//! The clock's tick: a frame only when an age on screen reads otherwise.

use super::polling::with_one_in_progress;
use super::*;

#[test]
fn a_clock_tick_draws_only_when_a_shown_age_changes() {
    // The list's rows were made at 11:00 and before; the model's time is 12:00.
    let (mut m, _) = with_one_in_progress();
    let now = m.now;
    // "1h ago" reads the same a second later: nothing to draw.
    assert!(update(&mut m, Msg::Clock(now + Duration::seconds(1))).is_empty());
    // An hour on, "1h ago" becomes "2h ago".
    assert_eq!(
        update(&mut m, Msg::Clock(now + Duration::hours(1))),
        vec![Effect::Render]
    );
    // A row made 50 s ago ticks by the second.
    let (target, _) = m.selected_list().unwrap();
    let mut fresh = m.selected_list().unwrap().1.items()[0].clone();
    fresh.id = "INEW".into();
    fresh.create_time = m.now - Duration::seconds(50);
    m.lists.get_mut(&target).unwrap().push_newest(fresh);
    let at = m.now;
    assert_eq!(
        update(&mut m, Msg::Clock(at + Duration::seconds(1))),
        vec![Effect::Render]
    );
}
