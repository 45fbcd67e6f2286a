//! Several accounts: each answer lands in its own account, each call goes to the account
//! whose target it names.

use chrono::{FixedOffset, TimeZone, Utc};

use super::Lane;
use crate::app::model::Model;
use crate::app::msg::{Effect, Msg};
use crate::app::{Action, update};
use crate::domain::target::{CloudFrontTarget, Target};
use crate::fixtures::targets::{distribution, lightsail};

fn two_accounts() -> Model {
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap();
    let mut m = Model::new("prod, staging", now, FixedOffset::east_opt(0).unwrap());
    m.lanes = vec![Lane::new("prod"), Lane::new("staging")];
    m
}

fn of(account: usize, msg: Msg) -> Msg {
    Msg::Of {
        account,
        msg: Box::new(msg),
    }
}

/// The effects addressed to `account`, unwrapped.
fn to(account: usize, effects: &[Effect]) -> Vec<Effect> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::On { account: a, effect } if *a == account => Some((**effect).clone()),
            _ => None,
        })
        .collect()
}

/// Both accounts listed: prod has EPROD, staging ESTAGE; each has a Lightsail distribution
/// named `blog-cdn` (names are per account).
fn listed() -> Model {
    let mut m = two_accounts();
    update(&mut m, Msg::Start);
    let loaded = |request, id: &str| Msg::DistributionsLoaded {
        request,
        result: Ok(vec![distribution(id, false)]),
    };
    let blog = |request| Msg::LightsailLoaded {
        request,
        result: Ok(vec![lightsail("blog-cdn")]),
    };
    update(&mut m, of(0, loaded(1, "EPROD")));
    update(&mut m, of(0, blog(2)));
    update(&mut m, of(1, loaded(3, "ESTAGE")));
    update(&mut m, of(1, blog(4)));
    m
}

#[test]
fn each_account_is_asked_for_its_own_targets() {
    let mut m = two_accounts();
    let effects = update(&mut m, Msg::Start);
    assert_eq!(
        to(0, &effects),
        vec![
            Effect::LoadDistributions { request: 1 },
            Effect::LoadLightsail { request: 2 }
        ]
    );
    assert_eq!(
        to(1, &effects),
        vec![
            Effect::LoadDistributions { request: 3 },
            Effect::LoadLightsail { request: 4 }
        ]
    );
}

#[test]
fn the_targets_pane_has_each_account_in_turn() {
    let m = listed();
    let rows: Vec<(usize, String)> = m
        .targets()
        .iter()
        .map(|e| (e.lane, e.target.to_string()))
        .collect();
    assert_eq!(
        rows,
        vec![
            (0, "EPROD".to_string()),
            (0, "lightsail:blog-cdn".to_string()),
            (1, "ESTAGE".to_string()),
            (1, "lightsail:blog-cdn".to_string()),
        ]
    );
}

#[test]
fn an_account_s_answers_change_only_that_account() {
    let mut m = two_accounts();
    update(&mut m, Msg::Start);
    // Staging answers first: prod's slot still waits for its own request.
    update(
        &mut m,
        of(
            1,
            Msg::DistributionsLoaded {
                request: 3,
                result: Ok(vec![distribution("ESTAGE", false)]),
            },
        ),
    );
    assert!(m.account(0).distributions.awaits(1));
    assert!(m.account(1).distributions.ready().is_some());
    // An answer meant for prod's request, come from staging, is not taken.
    update(
        &mut m,
        of(
            1,
            Msg::DistributionsLoaded {
                request: 1,
                result: Ok(vec![distribution("EWRONG", false)]),
            },
        ),
    );
    assert!(m.account(0).distributions.awaits(1));
}

#[test]
fn the_selected_target_s_calls_go_to_its_account() {
    let mut m = listed();
    // The first target (prod's EPROD) is selected: its list was asked of prod.
    assert_eq!(m.active, 0);
    // Down: prod's blog-cdn, asked of prod.
    let effects = update(&mut m, Msg::Action(Action::Down));
    assert!(
        matches!(&to(0, &effects)[..], [Effect::LoadLatestReset { name, .. }] if name == "blog-cdn"),
        "{effects:?}"
    );
    // Down: staging's ESTAGE, its list asked of staging.
    let effects = update(&mut m, Msg::Action(Action::Down));
    assert_eq!(m.active, 1);
    let staging = to(1, &effects);
    assert!(
        staging
            .iter()
            .any(|e| matches!(e, Effect::LoadInvalidations { target, .. }
            if *target == CloudFrontTarget::distribution("ESTAGE"))),
        "{effects:?}"
    );
    assert!(to(0, &effects).is_empty(), "{effects:?}");
    // Down: staging's blog-cdn, asked of staging although prod has one of that name.
    let effects = update(&mut m, Msg::Action(Action::Down));
    assert!(
        matches!(&to(1, &effects)[..], [Effect::LoadLatestReset { name, .. }] if name == "blog-cdn"),
        "{effects:?}"
    );
    assert!(to(0, &effects).is_empty(), "{effects:?}");
    // Each account keeps its own answer for the name.
    assert!(m.account(0).resets.contains_key("blog-cdn"));
    assert!(m.account(1).resets.contains_key("blog-cdn"));
    // Back up to prod's: nothing asked again, and prod is the active account.
    update(&mut m, Msg::Action(Action::Up));
    let effects = update(&mut m, Msg::Action(Action::Up));
    assert_eq!(m.active, 0);
    assert_eq!(effects, vec![Effect::Render]);
}

#[test]
fn a_write_goes_to_the_account_of_its_target() {
    let m = listed();
    let create = |id: &str| Effect::ResetCache {
        request: 99,
        name: id.into(),
    };
    // A name both accounts have: the account that asked.
    assert_eq!(m.lane_of_effect(&create("blog-cdn"), 1), Some(1));
    assert_eq!(m.lane_of_effect(&create("blog-cdn"), 0), Some(0));
    let poll = |id: &str| Effect::Poll {
        request: 99,
        target: CloudFrontTarget::distribution(id),
        id: "I1".into(),
        after: std::time::Duration::from_secs(3),
    };
    // An id only one account has: that account, whoever asked.
    assert_eq!(m.lane_of_effect(&poll("ESTAGE"), 0), Some(1));
    assert_eq!(m.lane_of_effect(&poll("EPROD"), 1), Some(0));
    // The form's plan reads a target's last deploy in that target's account.
    let deploy = |id: &str| Effect::LoadDeploy {
        request: 99,
        target: CloudFrontTarget::distribution(id),
        site: Default::default(),
    };
    assert_eq!(m.lane_of_effect(&deploy("ESTAGE"), 0), Some(1));
    assert_eq!(m.lane_of_effect(&deploy("EPROD"), 1), Some(0));
    // What is the terminal's own belongs to no account.
    assert_eq!(m.lane_of_effect(&Effect::Render, 1), None);
    assert_eq!(
        m.owner(
            &Target::Lightsail {
                name: "elsewhere".into()
            },
            1
        ),
        1
    );
}

#[test]
fn each_account_offers_its_unconfirmed_writes_and_each_is_sent_to_its_own() {
    let mut m = listed();
    let entry = |id: i64, profile: &str| {
        let at = Utc.with_ymd_and_hms(2026, 11, 22, 11, 0, 0).unwrap();
        let mut intent = crate::fixtures::journal::intent("ref", "EPROD", &["/a"], at);
        intent.sender.profile = Some(profile.into());
        crate::fixtures::journal::unconfirmed(id, intent)
    };
    update(&mut m, of(0, Msg::UnconfirmedFound(vec![entry(1, "prod")])));
    update(
        &mut m,
        of(1, Msg::UnconfirmedFound(vec![entry(2, "staging")])),
    );
    assert_eq!(m.unconfirmed.len(), 2);
    let effects = update(&mut m, Msg::Action(Action::Yes));
    let resumed = |account| {
        to(account, &effects)
            .iter()
            .filter_map(|e| match e {
                Effect::Resume(entry) => Some(entry.id),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(resumed(0), vec![1]);
    assert_eq!(resumed(1), vec![2]);
}

#[test]
fn a_target_is_copied_with_its_account_s_profile() {
    let mut m = listed();
    update(&mut m, Msg::Action(Action::Down));
    update(&mut m, Msg::Action(Action::Down));
    let effects = update(&mut m, Msg::Action(Action::Copy));
    assert!(
        effects.contains(&Effect::Copy("staging:ESTAGE".into())),
        "{effects:?}"
    );
}

#[test]
fn running_now_lists_a_busy_target_of_another_account_in_that_account() {
    use crate::app::model::Slot;
    let mut m = listed();
    // Staging's storefront is counted busy; its rows are not listed yet.
    m.enter_lane(1);
    m.in_progress.insert("ESTAGE".into(), Slot::Ready(1));
    m.lists.remove(&CloudFrontTarget::distribution("ESTAGE"));
    m.enter_lane(0);
    let effects = update(&mut m, Msg::Action(Action::Running));
    assert!(
        to(1, &effects)
            .iter()
            .any(|e| matches!(e, Effect::LoadInvalidations { target, .. }
            if *target == CloudFrontTarget::distribution("ESTAGE"))),
        "{effects:?}"
    );
    let staging = CloudFrontTarget::distribution("ESTAGE");
    assert!(m.account(1).lists.contains_key(&staging));
    assert!(!m.account(0).lists.contains_key(&staging));
}
