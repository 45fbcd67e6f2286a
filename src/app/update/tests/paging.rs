//! Pages of invalidations: fetched near the end, on demand, refreshed.

use super::*;

#[test]
fn the_next_page_is_fetched_near_the_end_once() {
    let mut m = loaded();
    m.focus = Pane::Invalidations;
    for _ in 0..7 {
        let effects = update(&mut m, Msg::Action(Action::PageDown));
        assert_eq!(
            count(&effects, |e| matches!(e, Effect::LoadInvalidations { .. })),
            0,
            "not yet"
        );
    }
    // 70 + 10 = 80: twenty from the end of the 100 loaded.
    let effects = update(&mut m, Msg::Action(Action::PageDown));
    let (request, page) = list_request(&effects);
    assert_eq!(page, PageRequest::after("I0000000000099", PAGE_SIZE));
    let effects = update(&mut m, Msg::Action(Action::Down));
    assert_eq!(
        count(&effects, |e| matches!(e, Effect::LoadInvalidations { .. })),
        0,
        "one at a time"
    );
    update(
        &mut m,
        Msg::InvalidationsLoaded {
            request,
            target: dist("EONE"),
            result: Ok(page_after(100..150)),
        },
    );
    let list = &m.lists[&dist("EONE")];
    assert_eq!(list.items().len(), 150);
    assert!(!list.has_more());
    assert_eq!(list.cursor, 81);
}

#[test]
fn the_end_key_goes_to_the_last_loaded_and_asks_for_more() {
    let mut m = loaded();
    m.focus = Pane::Invalidations;
    let effects = update(&mut m, Msg::Action(Action::Bottom));
    assert_eq!(m.lists[&dist("EONE")].cursor, 99);
    let (_, page) = list_request(&effects);
    assert_eq!(page.marker.as_deref(), Some("I0000000000099"));
}

#[test]
fn a_refresh_replaces_the_list_and_drops_the_page_it_replaced() {
    let mut m = loaded();
    m.focus = Pane::Invalidations;
    update(&mut m, Msg::Action(Action::Bottom));
    let older = m.lists[&dist("EONE")].loading.unwrap();
    let effects = update(&mut m, Msg::Action(Action::Refresh));
    let (request, asked) = list_request(&effects);
    assert_eq!(asked, PageRequest::first(PAGE_SIZE));
    // The page asked for before the refresh arrives late: it is dropped.
    let late = update(
        &mut m,
        Msg::InvalidationsLoaded {
            request: older,
            target: dist("EONE"),
            result: Ok(page_after(100..150)),
        },
    );
    assert!(late.is_empty());
    let mut fresh = page(0..100, None, true);
    fresh.items[0].status = Status::InProgress;
    update(
        &mut m,
        Msg::InvalidationsLoaded {
            request,
            target: dist("EONE"),
            result: Ok(fresh),
        },
    );
    let list = &m.lists[&dist("EONE")];
    assert_eq!(list.items().len(), 100);
    assert_eq!(list.items()[0].status, Status::InProgress);
    assert_eq!(list.cursor, 99, "the cursor stays where it was");
}

#[test]
fn a_failed_page_keeps_what_was_loaded() {
    let mut m = loaded();
    m.focus = Pane::Invalidations;
    let effects = update(&mut m, Msg::Action(Action::Bottom));
    let (request, _) = list_request(&effects);
    update(
        &mut m,
        Msg::InvalidationsLoaded {
            request,
            target: dist("EONE"),
            result: Err(BackendError::Throttled),
        },
    );
    let list = &m.lists[&dist("EONE")];
    assert_eq!(list.items().len(), 100);
    assert!(list.error.as_deref().unwrap().contains("throttled"));
    assert_eq!(list.loading, None);
}
