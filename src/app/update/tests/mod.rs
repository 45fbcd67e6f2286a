//! update(): sequences of messages in, the model and the effects out.

use chrono::{Duration, FixedOffset, TimeZone, Utc};

use super::*;
use crate::app::keymap::Context;
use crate::app::model::RequestId;
use crate::app::overlay::Question;
use crate::backend::BackendError;
use crate::domain::distribution::Distribution;
use crate::domain::invalidation::{InvalidationPage, InvalidationSummary, Status};
use crate::domain::target::CloudFrontTarget;
use crate::fixtures::history;
use crate::fixtures::targets::{distribution, lightsail, tenant};

fn model() -> Model {
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap();
    Model::new("DEMO", now, FixedOffset::east_opt(0).unwrap())
}

fn summaries(range: std::ops::Range<usize>) -> Vec<InvalidationSummary> {
    let newest = Utc.with_ymd_and_hms(2026, 11, 22, 11, 0, 0).unwrap();
    history::rows(range, newest, Duration::minutes(1))
}

fn page(range: std::ops::Range<usize>, marker: Option<&str>, more: bool) -> InvalidationPage {
    history::page(summaries(range), marker, more)
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

/// The distributions `Msg::Start` asked for (request 1) arrive; the effects that follow.
fn distributions_arrive(m: &mut Model, distributions: Vec<Distribution>) -> Vec<Effect> {
    update(
        m,
        Msg::DistributionsLoaded {
            request: 1,
            result: Ok(distributions),
        },
    )
}

/// A model with two distributions (the second multi-tenant) and one Lightsail distribution
/// loaded, and the first distribution's first page of 100 (of more) arrived.
fn loaded() -> Model {
    let mut m = model();
    update(&mut m, Msg::Start);
    let effects = distributions_arrive(
        &mut m,
        vec![distribution("EONE", false), distribution("EMULTI", true)],
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

fn page_after(range: std::ops::Range<usize>) -> InvalidationPage {
    page(range, Some("I0000000000099"), false)
}

mod account;
mod clock;
mod compose;
mod counts;
mod creators;
mod filter;
mod keys;
mod loading;
mod memory;
mod paging;
mod plan;
mod polling;
mod search;
mod sending;
