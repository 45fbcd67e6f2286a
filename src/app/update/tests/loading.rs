//! Targets and lists arriving: what is asked for, what is kept, what is dropped.

use super::*;

#[test]
fn start_asks_for_every_kind_of_target_and_shows_it_is_loading() {
    let mut m = model();
    let effects = update(&mut m, Msg::Start);
    assert_eq!(
        effects,
        vec![
            Effect::Render,
            Effect::LoadDistributions { request: 1 },
            Effect::LoadLightsail { request: 2 }
        ]
    );
    assert!(m.is_loading());
}

#[test]
fn distributions_arriving_select_the_first_and_load_its_list_and_the_tenants() {
    let mut m = model();
    update(&mut m, Msg::Start);
    let effects = distributions_arrive(
        &mut m,
        vec![distribution("EONE", false), distribution("EMULTI", true)],
    );
    assert!(effects.contains(&Effect::Render));
    assert_eq!(
        count(
            &effects,
            |e| matches!(e, Effect::LoadTenants { distribution_id, .. } if distribution_id == "EMULTI")
        ),
        1
    );
    let (_, page) = list_request(&effects);
    assert_eq!(page, PageRequest::first(PAGE_SIZE));
    assert_eq!(m.selected_target(), Some(Target::CloudFront(dist("EONE"))));
}

#[test]
fn the_first_distribution_is_selected_whichever_list_arrives_first() {
    let mut m = model();
    update(&mut m, Msg::Start);
    let effects = update(
        &mut m,
        Msg::LightsailLoaded {
            request: 2,
            result: Ok(vec![lightsail("blog-cdn")]),
        },
    );
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::LoadLatestReset { .. }))
    );
    distributions_arrive(&mut m, vec![distribution("EONE", false)]);
    assert_eq!(m.selected_target(), Some(Target::CloudFront(dist("EONE"))));
}

#[test]
fn an_answer_to_an_older_request_is_dropped() {
    let mut m = model();
    update(&mut m, Msg::Start);
    let before = m.distributions.clone();
    let effects = update(
        &mut m,
        Msg::DistributionsLoaded {
            request: 99,
            result: Ok(vec![distribution("ESTALE", false)]),
        },
    );
    assert!(effects.is_empty(), "no render for a stale answer");
    assert_eq!(m.distributions, before);
}

#[test]
fn an_error_stays_in_its_own_pane() {
    let mut m = model();
    update(&mut m, Msg::Start);
    let unavailable = BackendError::Unavailable {
        message: "HTTP 503".into(),
    };
    update(
        &mut m,
        Msg::DistributionsLoaded {
            request: 1,
            result: Err(unavailable),
        },
    );
    assert!(matches!(&m.distributions, Slot::Failed(e) if e.contains("HTTP 503")));
    update(
        &mut m,
        Msg::LightsailLoaded {
            request: 2,
            result: Ok(vec![lightsail("blog-cdn")]),
        },
    );
    assert_eq!(m.targets().len(), 1, "Lightsail still shows");
}

#[test]
fn a_list_the_role_may_not_read_is_kept_as_not_allowed_not_as_an_error() {
    let mut m = model();
    update(&mut m, Msg::Start);
    let denied = |action: &str| BackendError::AccessDenied {
        permission: action.into(),
        message: "User: arn:aws:iam::123456789012:user/ops is not authorized".into(),
    };
    update(
        &mut m,
        Msg::LightsailLoaded {
            request: 2,
            result: Err(denied("lightsail:GetDistributions")),
        },
    );
    assert_eq!(
        m.lightsail,
        Slot::NotAllowed("lightsail:GetDistributions".into())
    );
    update(
        &mut m,
        Msg::DistributionsLoaded {
            request: 1,
            result: Ok(vec![distribution("EMULTI", true)]),
        },
    );
    let request = match m.tenants.get("EMULTI") {
        Some(Slot::Loading(request)) => *request,
        other => panic!("tenants should be loading: {other:?}"),
    };
    update(
        &mut m,
        Msg::TenantsLoaded {
            request,
            distribution_id: "EMULTI".into(),
            result: Err(denied("cloudfront:ListDistributionTenants")),
        },
    );
    assert_eq!(
        m.tenants.get("EMULTI"),
        Some(&Slot::NotAllowed(
            "cloudfront:ListDistributionTenants".into()
        ))
    );
    assert!(!m.is_loading());
}

#[test]
fn tenants_arriving_keep_the_same_target_selected() {
    let mut m = loaded();
    m.focus = Pane::Targets;
    update(&mut m, Msg::Action(Action::Bottom));
    assert_eq!(
        m.selected_target(),
        Some(Target::Lightsail {
            name: "blog-cdn".into()
        })
    );
    let request = match m.tenants.get("EMULTI") {
        Some(Slot::Loading(r)) => *r,
        other => panic!("{other:?}"),
    };
    update(
        &mut m,
        Msg::TenantsLoaded {
            request,
            distribution_id: "EMULTI".into(),
            result: Ok(vec![tenant("dt_a", "EMULTI"), tenant("dt_b", "EMULTI")]),
        },
    );
    assert_eq!(m.targets().len(), 5);
    assert_eq!(m.target_cursor, 4);
    assert_eq!(
        m.selected_target(),
        Some(Target::Lightsail {
            name: "blog-cdn".into()
        })
    );
}

#[test]
fn a_list_is_loaded_once_and_kept_when_coming_back() {
    let mut m = loaded();
    // Down to the multi-tenant distribution: it has no list of its own.
    let effects = update(&mut m, Msg::Action(Action::Down));
    assert_eq!(
        count(&effects, |e| matches!(e, Effect::LoadInvalidations { .. })),
        0
    );
    // Down to Lightsail: its latest reset, not a list.
    let effects = update(&mut m, Msg::Action(Action::Down));
    assert_eq!(
        count(
            &effects,
            |e| matches!(e, Effect::LoadLatestReset { name, .. } if name == "blog-cdn")
        ),
        1
    );
    let effects = update(&mut m, Msg::Action(Action::Top));
    assert_eq!(
        count(&effects, |e| matches!(e, Effect::LoadInvalidations { .. })),
        0,
        "{effects:?}"
    );
    assert_eq!(m.lists[&dist("EONE")].items().len(), 100);
}

#[test]
fn the_first_page_brings_the_selected_invalidation_in_full() {
    let mut m = model();
    update(&mut m, Msg::Start);
    let effects = distributions_arrive(&mut m, vec![distribution("EONE", false)]);
    let (request, _) = list_request(&effects);
    let effects = update(
        &mut m,
        Msg::InvalidationsLoaded {
            request,
            target: dist("EONE"),
            result: Ok(page(0..100, None, true)),
        },
    );
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::LoadInvalidation { id, .. } if id == "I0000000000000"))
    );
}

#[test]
fn scrolling_fetches_the_row_the_cursor_rests_on_not_every_row_passed() {
    let mut m = loaded();
    m.focus = Pane::Invalidations;
    let mut wakes = Vec::new();
    for _ in 0..5 {
        let effects = update(&mut m, Msg::Action(Action::Down));
        assert_eq!(
            count(&effects, |e| matches!(e, Effect::LoadInvalidation { .. })),
            0
        );
        wakes.extend(effects.into_iter().filter_map(|e| match e {
            Effect::Wake { request, after } => Some((request, after)),
            _ => None,
        }));
    }
    assert_eq!(wakes.len(), 5);
    assert!(wakes.iter().all(|(_, after)| *after == DETAILS_PAUSE));
    // The early wake-ups find the cursor moved on: nothing is fetched for them.
    for (request, _) in &wakes[..4] {
        assert!(update(&mut m, Msg::DetailsDue { request: *request }).is_empty());
    }
    let effects = update(
        &mut m,
        Msg::DetailsDue {
            request: wakes[4].0,
        },
    );
    assert_eq!(
        count(
            &effects,
            |e| matches!(e, Effect::LoadInvalidation { id, .. } if id == "I0000000000005")
        ),
        1,
        "{effects:?}"
    );
}
