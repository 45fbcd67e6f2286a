//! Who created the invalidation in details: asked lazily for the row shown, one lookup at a
//! time, kept, and said quietly when CloudTrail is not allowed.

use super::*;
use crate::domain::creator::{Creator, Who};

/// The request and invalidation id of the one creator lookup among `effects`.
fn lookup(effects: &[Effect]) -> (RequestId, String, bool) {
    let found: Vec<_> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::LookupCreator {
                request,
                id,
                cloudtrail,
                ..
            } => Some((*request, id.clone(), *cloudtrail)),
            _ => None,
        })
        .collect();
    assert_eq!(found.len(), 1, "{effects:?}");
    found[0].clone()
}

fn lookups(effects: &[Effect]) -> usize {
    count(effects, |e| matches!(e, Effect::LookupCreator { .. }))
}

/// The details of the selected row (`I…00` first) arrive: the effects that follow.
fn details_arrive(m: &mut Model, id: &str) -> Vec<Effect> {
    let key = (dist("EONE"), id.to_string());
    let Some(Slot::Loading(request)) = m.details.get(&key).cloned() else {
        panic!(
            "the details of {id} were not asked for: {:?}",
            m.details.get(&key)
        );
    };
    let at = m.now - Duration::hours(1);
    update(
        m,
        Msg::InvalidationLoaded {
            request,
            target: dist("EONE"),
            id: id.into(),
            result: Ok(history::invalidation(id, Status::Completed, at, &["/a"])),
        },
    )
}

fn creator(id: &str) -> Who {
    Who::Found(Creator {
        invalidation_id: id.into(),
        kind: "IAMUser".into(),
        name: "maria".into(),
        arn: Some("arn:aws:iam::111122223333:user/maria".into()),
        source_ip: Some("198.51.100.23".into()),
        user_agent: Some("console.amazonaws.com".into()),
        at: Utc.with_ymd_and_hms(2026, 11, 22, 11, 0, 0).unwrap(),
    })
}

fn answer(
    m: &mut Model,
    request: RequestId,
    id: &str,
    result: Result<Option<Who>, BackendError>,
) -> Vec<Effect> {
    update(
        m,
        Msg::CreatorFound {
            request,
            target: dist("EONE"),
            id: id.into(),
            result,
        },
    )
}

/// Move the cursor down one row and let the details pause pass.
fn next_row(m: &mut Model) -> Vec<Effect> {
    let effects = update(m, Msg::Action(Action::Down));
    let wake = effects.iter().find_map(|e| match e {
        Effect::Wake { request, .. } => Some(*request),
        _ => None,
    });
    match wake {
        Some(request) => update(m, Msg::DetailsDue { request }),
        None => effects,
    }
}

#[test]
fn the_shown_invalidation_is_looked_up_once_its_details_are_here_and_kept() {
    let mut m = loaded();
    m.focus = Pane::Invalidations;
    let effects = details_arrive(&mut m, "I0000000000000");
    let (request, id, cloudtrail) = lookup(&effects);
    assert_eq!(id, "I0000000000000");
    assert!(cloudtrail);
    let key = (dist("EONE"), id.clone());
    assert!(m.creators[&key].is_loading(), "said as looking meanwhile");
    answer(&mut m, request, &id, Ok(Some(creator(&id))));
    assert_eq!(m.creators[&key], Slot::Ready(creator(&id)));
    // Back on the row later: known, not asked again.
    next_row(&mut m);
    let effects = update(&mut m, Msg::Action(Action::Up));
    assert_eq!(lookups(&effects), 0, "{effects:?}");
}

#[test]
fn one_lookup_at_a_time_and_the_row_shown_when_it_ends_is_next() {
    let mut m = loaded();
    m.focus = Pane::Invalidations;
    let (first, id0, _) = lookup(&details_arrive(&mut m, "I0000000000000"));
    // The cursor moves on while the first lookup is in flight: nothing more is asked yet.
    next_row(&mut m);
    let effects = details_arrive(&mut m, "I0000000000001");
    assert_eq!(lookups(&effects), 0, "{effects:?}");
    next_row(&mut m);
    let effects = details_arrive(&mut m, "I0000000000002");
    assert_eq!(lookups(&effects), 0, "{effects:?}");
    // The first answer comes: the row shown now (not the one passed) is looked up.
    let effects = answer(&mut m, first, &id0, Ok(Some(creator(&id0))));
    let (_, next, _) = lookup(&effects);
    assert_eq!(next, "I0000000000002");
    assert!(
        !m.creators
            .contains_key(&(dist("EONE"), "I0000000000001".into()))
    );
}

#[test]
fn a_refused_lookup_is_said_quietly_and_cloudtrail_is_not_asked_again() {
    let mut m = loaded();
    m.focus = Pane::Invalidations;
    let (request, id, _) = lookup(&details_arrive(&mut m, "I0000000000000"));
    let refused = BackendError::AccessDenied {
        permission: "cloudtrail:LookupEvents".into(),
        message: "not authorized".into(),
    };
    answer(&mut m, request, &id, Err(refused));
    assert_eq!(
        m.creators[&(dist("EONE"), id)],
        Slot::NotAllowed("cloudtrail:LookupEvents".into())
    );
    // The next row still reads the journal, but not CloudTrail.
    next_row(&mut m);
    let (request, id, cloudtrail) = lookup(&details_arrive(&mut m, "I0000000000001"));
    assert!(!cloudtrail);
    answer(&mut m, request, &id, Ok(None));
    assert_eq!(
        m.creators[&(dist("EONE"), id)],
        Slot::NotAllowed("cloudtrail:LookupEvents".into())
    );
}

#[test]
fn a_failed_lookup_is_tried_again_on_refresh() {
    let mut m = loaded();
    m.focus = Pane::Invalidations;
    let (request, id, _) = lookup(&details_arrive(&mut m, "I0000000000000"));
    answer(&mut m, request, &id, Err(BackendError::Throttled));
    let key = (dist("EONE"), id.clone());
    assert!(matches!(m.creators[&key], Slot::Failed(_)));
    update(&mut m, Msg::Action(Action::Refresh));
    let effects = details_arrive(&mut m, &id);
    assert_eq!(lookup(&effects).1, id);
}

#[test]
fn an_answer_after_the_account_changed_is_dropped() {
    let mut m = loaded();
    m.focus = Pane::Invalidations;
    let (request, id, _) = lookup(&details_arrive(&mut m, "I0000000000000"));
    update(
        &mut m,
        Msg::Switched {
            source: "profile staging".into(),
        },
    );
    answer(&mut m, request, &id, Ok(Some(creator(&id))));
    assert!(m.creators.is_empty(), "{:?}", m.creators);
}
