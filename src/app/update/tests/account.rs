//! `p`: another profile (the region stays as configured).

use super::*;

/// The request the picker's profiles were asked with.
fn profiles_asked(effects: &[Effect]) -> RequestId {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::LoadProfiles { request } => Some(*request),
            _ => None,
        })
        .expect("profiles asked for")
}

#[test]
fn an_answer_to_an_earlier_opening_of_the_picker_is_dropped() {
    let mut m = loaded();
    let first = profiles_asked(&update(&mut m, Msg::Action(Action::SwitchAccount)));
    update(&mut m, Msg::Action(Action::Back));
    let second = profiles_asked(&update(&mut m, Msg::Action(Action::SwitchAccount)));
    assert_ne!(first, second);
    let effects = update(
        &mut m,
        Msg::ProfilesLoaded {
            request: first,
            result: Ok(vec!["stale".into()]),
        },
    );
    assert!(effects.is_empty());
    assert!(m.overlays.picker().unwrap().profiles.is_loading());
}

#[test]
fn choosing_a_profile_switches_at_once_and_starts_afresh() {
    let mut m = loaded();
    let effects = update(&mut m, Msg::Action(Action::SwitchAccount));
    let request = profiles_asked(&effects);
    update(
        &mut m,
        Msg::ProfilesLoaded {
            request,
            result: Ok(vec!["default".into(), "prod".into()]),
        },
    );
    assert_eq!(
        m.overlays.picker().unwrap().rows(),
        ["(as configured)", "default", "prod"]
    );
    update(&mut m, Msg::Action(Action::Down));
    update(&mut m, Msg::Action(Action::Down));
    // No region to choose: CloudFront is global and Lightsail answers in us-east-1.
    let effects = update(&mut m, Msg::Action(Action::Open));
    assert!(effects.contains(&Effect::SwitchAccount {
        profile: Some("prod".into()),
        region: None
    }));
    assert!(m.overlays.picker().is_none());
    let effects = update(
        &mut m,
        Msg::Switched {
            source: "profile prod · us-east-1".into(),
        },
    );
    assert_eq!(m.source, "profile prod · us-east-1");
    assert!(m.lists.is_empty() && m.polls.is_empty() && m.watched.is_empty());
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::LoadDistributions { .. }))
    );
}

#[test]
fn the_picker_says_why_there_is_nothing_to_choose_and_esc_closes_it() {
    let mut m = loaded();
    let request = profiles_asked(&update(&mut m, Msg::Action(Action::SwitchAccount)));
    update(
        &mut m,
        Msg::ProfilesLoaded {
            request,
            result: Err("the demo account has no AWS profiles".into()),
        },
    );
    assert!(matches!(
        m.overlays.picker().unwrap().profiles,
        Slot::Failed(_)
    ));
    // Keys go to the picker, not the panes; with no profile to choose, Enter switches nothing.
    let cursor = m.target_cursor;
    update(&mut m, Msg::Action(Action::Down));
    assert_eq!(m.target_cursor, cursor);
    assert!(update(&mut m, Msg::Action(Action::Open)).is_empty());
    assert!(m.overlays.picker().is_some());
    update(&mut m, Msg::Action(Action::Back));
    assert!(m.overlays.picker().is_none());
}

#[test]
fn an_answer_from_the_old_account_is_dropped_after_a_switch() {
    let mut m = loaded();
    m.target_cursor = 0;
    let effects = update(&mut m, Msg::Action(Action::Refresh));
    drop(effects);
    update(
        &mut m,
        Msg::Switched {
            source: "profile b".into(),
        },
    );
    // Request 1 (the first distributions list) belongs to the old account.
    let effects = update(
        &mut m,
        Msg::DistributionsLoaded {
            request: 1,
            result: Ok(vec![distribution("EOLD", false)]),
        },
    );
    assert!(effects.is_empty());
    assert!(m.distributions.is_loading());
}

#[test]
fn an_account_that_cannot_be_used_is_said_through_update() {
    let mut m = loaded();
    let effects = update(
        &mut m,
        Msg::SwitchFailed("the demo account cannot switch to an AWS profile".into()),
    );
    assert_eq!(effects, [Effect::Render]);
    let flash = m.flash.as_ref().unwrap();
    assert!(
        flash.error && flash.text.contains("cannot switch"),
        "{flash:?}"
    );
}
