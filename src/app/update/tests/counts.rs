//! The in-progress counts: asked again while a distribution has batches in progress, never
//! when it has none.

use std::time::Duration as StdDuration;

use super::*;

fn rechecks(effects: &[Effect]) -> Vec<(RequestId, String, StdDuration)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::RecheckInProgress {
                request,
                distribution_id,
                after,
            } => Some((*request, distribution_id.clone(), *after)),
            _ => None,
        })
        .collect()
}

fn count_request(m: &Model, id: &str) -> RequestId {
    match m.in_progress.get(id) {
        Some(Slot::Loading(r)) => *r,
        other => panic!("no count asked for {id}: {other:?}"),
    }
}

#[test]
fn a_target_off_screen_loses_its_marker_when_its_batches_complete_without_r() {
    let mut m = model();
    update(&mut m, Msg::Start);
    distributions_arrive(
        &mut m,
        vec![distribution("EONE", false), distribution("ETWO", false)],
    );
    // ETWO is not selected: none of its invalidations is on screen or polled.
    let request = count_request(&m, "ETWO");
    let effects = update(
        &mut m,
        Msg::InProgressCountLoaded {
            request,
            distribution_id: "ETWO".into(),
            result: Ok(2),
        },
    );
    assert_eq!(m.in_progress.get("ETWO"), Some(&Slot::Ready(2)));
    let asked = rechecks(&effects);
    assert_eq!(asked.len(), 1, "{effects:?}");
    let (request, id, first) = asked[0].clone();
    assert_eq!(id, "ETWO");
    assert!(first >= StdDuration::from_millis(2400) && first <= StdDuration::from_millis(3600));
    // Still two: asked again later, after a longer pause, and nothing is drawn.
    let effects = update(
        &mut m,
        Msg::InProgressCountLoaded {
            request,
            distribution_id: "ETWO".into(),
            result: Ok(2),
        },
    );
    assert!(!effects.contains(&Effect::Render), "{effects:?}");
    let (request, _, second) = rechecks(&effects)[0].clone();
    assert!(second > first, "{second:?} after {first:?}");
    // A failed recheck keeps the count and tries again.
    let effects = update(
        &mut m,
        Msg::InProgressCountLoaded {
            request,
            distribution_id: "ETWO".into(),
            result: Err(BackendError::Throttled),
        },
    );
    assert_eq!(m.in_progress.get("ETWO"), Some(&Slot::Ready(2)));
    let (request, _, _) = rechecks(&effects)[0].clone();
    // Both completed: the marker goes, and the rechecks stop.
    let effects = update(
        &mut m,
        Msg::InProgressCountLoaded {
            request,
            distribution_id: "ETWO".into(),
            result: Ok(0),
        },
    );
    assert_eq!(m.in_progress.get("ETWO"), Some(&Slot::Ready(0)));
    assert!(effects.contains(&Effect::Render));
    assert!(rechecks(&effects).is_empty(), "{effects:?}");
    assert!(m.in_progress_rechecks.is_empty());
}

#[test]
fn an_idle_distribution_is_never_asked_again() {
    let mut m = model();
    update(&mut m, Msg::Start);
    distributions_arrive(&mut m, vec![distribution("EONE", false)]);
    let request = count_request(&m, "EONE");
    let effects = update(
        &mut m,
        Msg::InProgressCountLoaded {
            request,
            distribution_id: "EONE".into(),
            result: Ok(0),
        },
    );
    assert!(rechecks(&effects).is_empty(), "{effects:?}");
}
