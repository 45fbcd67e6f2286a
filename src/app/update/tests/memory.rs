//! What the dashboard remembers: the form saved after typing, failed saves said, unconfirmed
//! writes offered again, the month's use of the free paths in the cost.

use super::compose::{created, creates, press, type_text};
use super::*;

#[test]
fn typing_saves_the_form_a_second_later_once_however_many_keys() {
    let mut m = loaded();
    press(&mut m, Action::NewBatch);
    let mut due = 0;
    for c in "/abc".chars() {
        let effects = update(
            &mut m,
            Msg::Input(crossterm::event::KeyEvent::from(
                crossterm::event::KeyCode::Char(c),
            )),
        );
        due += count(&effects, |e| matches!(e, Effect::DraftDue { .. }));
    }
    assert_eq!(due, 1, "one save scheduled for the burst");
    let effects = update(&mut m, Msg::DraftDue);
    assert!(
        matches!(&effects[..], [Effect::SaveDraft(d)] if d.text == "/abc"),
        "{effects:?}"
    );
    // The next edit schedules the next save.
    let effects = update(
        &mut m,
        Msg::Input(crossterm::event::KeyEvent::from(
            crossterm::event::KeyCode::Char('d'),
        )),
    );
    assert_eq!(count(&effects, |e| matches!(e, Effect::DraftDue { .. })), 1);
}

#[test]
fn a_save_that_failed_is_said_never_promised() {
    let mut m = loaded();
    let effects = update(
        &mut m,
        Msg::DraftSaved(Err(crate::store::db::DbError::Failed {
            action: "save the draft",
            message: "disk I/O error".into(),
        })),
    );
    assert_eq!(effects, [Effect::Render]);
    let flash = m.flash.as_ref().unwrap();
    assert!(
        flash.error && flash.text.contains("could NOT be saved"),
        "{flash:?}"
    );
    assert!(flash.text.contains("disk I/O error"), "{flash:?}");
}

#[test]
fn unconfirmed_writes_are_offered_and_sent_again_one_effect_each() {
    use crate::domain::journal::Sender;
    let mut m = loaded();
    let entry = |id: i64, reference: &str| {
        let at = Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap();
        let mut intent = crate::fixtures::journal::intent(reference, "EONE", &["/a"], at);
        intent.sender = Sender::default();
        crate::fixtures::journal::unconfirmed(id, intent)
    };
    update(
        &mut m,
        Msg::UnconfirmedFound(vec![entry(1, "R1"), entry(2, "R2")]),
    );
    assert_eq!(m.overlays.question(), Some(&Question::Unconfirmed));
    let effects = press(&mut m, Action::Yes);
    assert_eq!(count(&effects, |e| matches!(e, Effect::Resume(_))), 2);
    assert!(m.unconfirmed.is_empty());
    // Or forgotten, by id.
    update(&mut m, Msg::UnconfirmedFound(vec![entry(3, "R3")]));
    let effects = press(&mut m, Action::No);
    assert!(
        effects.contains(&Effect::ForgetUnconfirmed(vec![3])),
        "{effects:?}"
    );
}

#[test]
fn the_month_s_use_makes_the_cost_exact_and_a_sent_batch_counts_at_once() {
    use crate::domain::cost::{MonthUse, with_month_use};
    let mut m = loaded();
    update(
        &mut m,
        Msg::MonthUse(MonthUse {
            paths: 998,
            complete: true,
        }),
    );
    press(&mut m, Action::NewBatch);
    type_text(&mut m, "/a\n/b\n/c");
    press(&mut m, Action::Submit);
    let (request, _, items, reference) = creates(&press(&mut m, Action::Yes))[0].clone();
    assert_eq!(
        with_month_use(items.len() as u64, m.month_use),
        "$0.005 for 1 path (998 of 1,000 free paths used this month)"
    );
    let item_refs: Vec<&str> = items.iter().map(String::as_str).collect();
    update(
        &mut m,
        Msg::Created {
            request,
            result: Ok(created("INEW", &item_refs, &reference)),
        },
    );
    assert_eq!(m.month_use.map(|u| u.paths), Some(1001));
}

#[test]
fn a_store_failure_is_said_with_what_it_means() {
    let mut m = loaded();
    let effects = update(
        &mut m,
        Msg::StoreFailed("the batch could not be removed from the saved drafts".into()),
    );
    assert_eq!(effects, [Effect::Render]);
    let flash = m.flash.as_ref().expect("said");
    assert!(
        flash.error && flash.text.contains("saved drafts"),
        "{flash:?}"
    );
}
