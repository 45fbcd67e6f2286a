//! update(): sequences of messages in, the model and the effects out.

use chrono::{Duration, FixedOffset, TimeZone, Utc};

use super::*;
use crate::app::model::RequestId;
use crate::backend::BackendError;
use crate::domain::distribution::{Distribution, LightsailDistribution, Tenant};
use crate::domain::invalidation::{InvalidationPage, InvalidationSummary, Status};
use crate::domain::target::CloudFrontTarget;

fn model() -> Model {
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap();
    Model::new("DEMO", now, FixedOffset::east_opt(0).unwrap())
}

fn distribution(id: &str, multi_tenant: bool) -> Distribution {
    Distribution {
        id: id.into(),
        domain: format!("{}.cloudfront.net", id.to_lowercase()),
        aliases: vec![],
        comment: String::new(),
        status: "Deployed".into(),
        enabled: true,
        multi_tenant,
    }
}

fn lightsail(name: &str) -> LightsailDistribution {
    LightsailDistribution {
        name: name.into(),
        domain: "d1.cloudfront.net".into(),
        alternative_domains: vec![],
        status: "Deployed".into(),
        enabled: true,
        origin: "bucket".into(),
    }
}

fn tenant(id: &str, parent: &str) -> Tenant {
    Tenant {
        id: id.into(),
        name: id.into(),
        distribution_id: parent.into(),
        domains: vec![],
        status: "Deployed".into(),
        enabled: true,
    }
}

fn summaries(range: std::ops::Range<usize>) -> Vec<InvalidationSummary> {
    let newest = Utc.with_ymd_and_hms(2026, 11, 22, 11, 0, 0).unwrap();
    range
        .map(|i| InvalidationSummary {
            id: format!("I{i:013}"),
            status: Status::Completed,
            create_time: newest - Duration::minutes(i as i64),
        })
        .collect()
}

fn page(range: std::ops::Range<usize>, marker: Option<&str>, more: bool) -> InvalidationPage {
    let items = summaries(range);
    let next_marker = more.then(|| items.last().map(|s| s.id.clone())).flatten();
    InvalidationPage {
        items,
        marker: marker.map(str::to_string),
        next_marker,
        max_items: PAGE_SIZE,
    }
}

fn dist(id: &str) -> CloudFrontTarget {
    CloudFrontTarget::distribution(id)
}

/// The request id of the one effect that loads invalidations, and its page.
fn list_request(effects: &[Effect]) -> (RequestId, PageRequest) {
    let found: Vec<_> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::LoadInvalidations { request, page, .. } => Some((*request, page.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(found.len(), 1, "{effects:?}");
    found[0].clone()
}

fn count(effects: &[Effect], pred: impl Fn(&Effect) -> bool) -> usize {
    effects.iter().filter(|e| pred(e)).count()
}

/// A model with two distributions (the second multi-tenant) and one Lightsail distribution
/// loaded, and the first distribution's first page of 100 (of more) arrived.
fn loaded() -> Model {
    let mut m = model();
    update(&mut m, Msg::Start);
    let effects = update(
        &mut m,
        Msg::DistributionsLoaded {
            request: 1,
            result: Ok(vec![
                distribution("EONE", false),
                distribution("EMULTI", true),
            ]),
        },
    );
    let (request, _) = list_request(&effects);
    update(
        &mut m,
        Msg::LightsailLoaded {
            request: 2,
            result: Ok(vec![lightsail("blog-cdn")]),
        },
    );
    update(
        &mut m,
        Msg::InvalidationsLoaded {
            request,
            target: dist("EONE"),
            result: Ok(page(0..100, None, true)),
        },
    );
    m
}

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
    let effects = update(
        &mut m,
        Msg::DistributionsLoaded {
            request: 1,
            result: Ok(vec![
                distribution("EONE", false),
                distribution("EMULTI", true),
            ]),
        },
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
    update(
        &mut m,
        Msg::DistributionsLoaded {
            request: 1,
            result: Ok(vec![distribution("EONE", false)]),
        },
    );
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
    let denied = BackendError::AccessDenied {
        permission: "cloudfront:ListDistributions".into(),
        message: "no".into(),
    };
    update(
        &mut m,
        Msg::DistributionsLoaded {
            request: 1,
            result: Err(denied),
        },
    );
    assert!(
        matches!(&m.distributions, Slot::Failed(e) if e.contains("cloudfront:ListDistributions"))
    );
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
    assert_eq!(m.lists[&dist("EONE")].items.len(), 100);
}

#[test]
fn the_first_page_brings_the_selected_invalidation_in_full() {
    let mut m = model();
    update(&mut m, Msg::Start);
    let effects = update(
        &mut m,
        Msg::DistributionsLoaded {
            request: 1,
            result: Ok(vec![distribution("EONE", false)]),
        },
    );
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
    assert_eq!(list.items.len(), 150);
    assert!(!list.has_more());
    assert_eq!(list.cursor, 81);
}

fn page_after(range: std::ops::Range<usize>) -> InvalidationPage {
    page(range, Some("I0000000000099"), false)
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
    assert_eq!(list.items.len(), 100);
    assert_eq!(list.items[0].status, Status::InProgress);
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
    assert_eq!(list.items.len(), 100);
    assert!(list.error.as_deref().unwrap().contains("throttled"));
    assert_eq!(list.loading, None);
}

#[test]
fn open_and_back_move_between_panes() {
    let mut m = loaded();
    assert_eq!(m.focus, Pane::Targets);
    update(&mut m, Msg::Action(Action::Open));
    assert_eq!(m.focus, Pane::Invalidations);
    update(&mut m, Msg::Action(Action::Open));
    assert_eq!(m.focus, Pane::Details);
    update(&mut m, Msg::Action(Action::Back));
    assert_eq!(m.focus, Pane::Invalidations);
    update(&mut m, Msg::Action(Action::PrevPane));
    assert_eq!(m.focus, Pane::Targets);
    update(&mut m, Msg::Action(Action::PrevPane));
    assert_eq!(m.focus, Pane::Details, "Shift-Tab wraps around");
}

#[test]
fn help_is_modal_and_closes_with_esc() {
    let mut m = loaded();
    update(&mut m, Msg::Action(Action::Help));
    assert!(m.help);
    assert!(update(&mut m, Msg::Action(Action::Down)).is_empty());
    assert_eq!(m.target_cursor, 0);
    assert_eq!(
        update(&mut m, Msg::Action(Action::Back)),
        vec![Effect::Render]
    );
    assert!(!m.help);
}

#[test]
fn nothing_changed_means_no_render() {
    let mut m = loaded();
    assert!(
        update(&mut m, Msg::Action(Action::Up)).is_empty(),
        "already at the top"
    );
    assert!(
        update(&mut m, Msg::Action(Action::Back)).is_empty(),
        "already on targets"
    );
    // Everything loaded but the tenants: the spinner turns; once they are here, it stops.
    assert_eq!(update(&mut m, Msg::SpinnerTick), vec![Effect::Render]);
    let details: Vec<_> = m.details.keys().cloned().collect();
    for key in details {
        m.details.insert(
            key,
            Slot::Ready(crate::domain::invalidation::Invalidation {
                id: "x".into(),
                status: Status::Completed,
                create_time: m.now,
                caller_reference: "r".into(),
                items: vec![],
            }),
        );
    }
    m.tenants.clear();
    assert!(update(&mut m, Msg::SpinnerTick).is_empty());
}

#[test]
fn quit_quits_even_from_help() {
    let mut m = loaded();
    update(&mut m, Msg::Action(Action::Help));
    assert_eq!(
        update(&mut m, Msg::Action(Action::Quit)),
        vec![Effect::Quit]
    );
    assert!(m.quit);
}
