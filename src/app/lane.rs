//! Several accounts in one dashboard (`--profile prod,staging`): each account is a lane with
//! its own targets, lists and polls, and its own backend in the runtime.
//!
//! The model's per-account fields always hold the *active* lane (the one `update` is working
//! on); the others wait in `Model::lanes`. A message of another account is handled with its
//! lane made active for that moment, so every handler stays written for one account, and what
//! it asks for is routed back to the account whose target it names: one account's
//! credentials never make another's calls.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::model::{InvalidationList, Model, RequestId, Slot};
use super::msg::{Backfill, Effect};
use super::watch::{Poll, Subject};
use crate::domain::distribution::{Distribution, LightsailDistribution, Tenant};
use crate::domain::invalidation::Invalidation;
use crate::domain::lightsail::CacheReset;
use crate::domain::target::{CloudFrontTarget, Target};

/// One account of a dashboard that shows several.
#[derive(Debug, Clone, Default)]
pub struct Lane {
    /// The AWS profile its calls are made with.
    pub profile: String,
    /// Its heading in the targets pane (the profile, and the account id once known).
    pub name: String,
    /// Its state while another lane is active.
    pub(super) state: AccountState,
}

impl Lane {
    pub fn new(profile: impl Into<String>) -> Self {
        let profile = profile.into();
        Self {
            name: profile.clone(),
            profile,
            state: AccountState::default(),
        }
    }
}

/// What the dashboard knows of one account.
#[derive(Debug, Clone, Default)]
pub struct AccountState {
    pub distributions: Slot<Vec<Distribution>>,
    pub tenants: HashMap<String, Slot<Vec<Tenant>>>,
    pub lightsail: Slot<Vec<LightsailDistribution>>,
    pub in_progress: HashMap<String, Slot<u32>>,
    pub lists: HashMap<CloudFrontTarget, InvalidationList>,
    pub details: HashMap<(CloudFrontTarget, String), Slot<Invalidation>>,
    pub resets: HashMap<String, Slot<Option<CacheReset>>>,
    pub polls: HashMap<Subject, Poll>,
    pub in_progress_rechecks: HashMap<String, Poll>,
    pub completed_at: HashMap<(CloudFrontTarget, String), DateTime<Utc>>,
    pub month_use: Option<crate::domain::cost::MonthUse>,
    pub backfill: Backfill,
    pub creators: HashMap<(CloudFrontTarget, String), Slot<crate::domain::creator::Who>>,
    pub creator_lookup: Option<RequestId>,
    pub cloudtrail_not_allowed: Option<String>,
    pub edge_checks: HashMap<(CloudFrontTarget, String), Slot<super::model::EdgeReport>>,
}

/// Read-only views of one account's state, wherever it is kept.
pub struct AccountView<'a> {
    pub distributions: &'a Slot<Vec<Distribution>>,
    pub tenants: &'a HashMap<String, Slot<Vec<Tenant>>>,
    pub lightsail: &'a Slot<Vec<LightsailDistribution>>,
    pub in_progress: &'a HashMap<String, Slot<u32>>,
    pub lists: &'a HashMap<CloudFrontTarget, InvalidationList>,
    pub details: &'a HashMap<(CloudFrontTarget, String), Slot<Invalidation>>,
    pub resets: &'a HashMap<String, Slot<Option<CacheReset>>>,
    pub polls: &'a HashMap<Subject, Poll>,
    pub in_progress_rechecks: &'a HashMap<String, Poll>,
    pub creators: &'a HashMap<(CloudFrontTarget, String), Slot<crate::domain::creator::Who>>,
    pub edge_checks: &'a HashMap<(CloudFrontTarget, String), Slot<super::model::EdgeReport>>,
}

impl AccountView<'_> {
    /// Whether one of this account's slots waits for the answer to `request` (request ids
    /// are never reused, whatever the account).
    pub fn awaits(&self, request: RequestId) -> bool {
        self.distributions.awaits(request)
            || self.lightsail.awaits(request)
            || self.tenants.values().any(|s| s.awaits(request))
            || self.in_progress.values().any(|s| s.awaits(request))
            || self.lists.values().any(|l| l.loading == Some(request))
            || self.details.values().any(|s| s.awaits(request))
            || self.resets.values().any(|s| s.awaits(request))
            || self.polls.values().any(|p| p.request == request)
            || self
                .in_progress_rechecks
                .values()
                .any(|p| p.request == request)
    }

    /// Whether this account's listings hold `target`.
    pub fn lists_target(&self, target: &Target) -> bool {
        match target {
            Target::CloudFront(CloudFrontTarget::Distribution { id }) => self
                .distributions
                .ready()
                .is_some_and(|all| all.iter().any(|d| &d.id == id)),
            Target::CloudFront(CloudFrontTarget::Tenant { id, .. }) => self
                .tenants
                .values()
                .filter_map(Slot::ready)
                .any(|all| all.iter().any(|t| &t.id == id)),
            Target::Lightsail { name } => self
                .lightsail
                .ready()
                .is_some_and(|all| all.iter().any(|l| &l.name == name)),
        }
    }
}

macro_rules! swap_fields {
    ($model:expr, $state:expr, $($field:ident),*) => {
        $(std::mem::swap(&mut $model.$field, &mut $state.$field);)*
    };
}

impl Model {
    /// Whether several accounts are shown.
    pub fn is_multi_account(&self) -> bool {
        self.lanes.len() > 1
    }

    /// Make lane `k` the one the model's fields hold (the others keep theirs).
    pub(super) fn enter_lane(&mut self, k: usize) {
        if k == self.active || k >= self.lanes.len() {
            return;
        }
        let mut state = std::mem::take(&mut self.lanes[k].state);
        self.swap_state(&mut state);
        // `state` now holds what was active.
        self.lanes[self.active].state = state;
        self.active = k;
    }

    fn swap_state(&mut self, s: &mut AccountState) {
        swap_fields!(
            self,
            s,
            distributions,
            tenants,
            lightsail,
            in_progress,
            lists,
            details,
            resets,
            polls,
            in_progress_rechecks,
            completed_at,
            month_use,
            backfill,
            creators,
            creator_lookup,
            cloudtrail_not_allowed,
            edge_checks
        );
    }

    /// The state of lane `k` (the active one is in the model's own fields).
    pub fn account(&self, k: usize) -> AccountView<'_> {
        match self.lanes.get(k) {
            Some(lane) if k != self.active => {
                let s = &lane.state;
                AccountView {
                    distributions: &s.distributions,
                    tenants: &s.tenants,
                    lightsail: &s.lightsail,
                    in_progress: &s.in_progress,
                    lists: &s.lists,
                    details: &s.details,
                    resets: &s.resets,
                    polls: &s.polls,
                    in_progress_rechecks: &s.in_progress_rechecks,
                    creators: &s.creators,
                    edge_checks: &s.edge_checks,
                }
            }
            _ => AccountView {
                distributions: &self.distributions,
                tenants: &self.tenants,
                lightsail: &self.lightsail,
                in_progress: &self.in_progress,
                lists: &self.lists,
                details: &self.details,
                resets: &self.resets,
                polls: &self.polls,
                in_progress_rechecks: &self.in_progress_rechecks,
                creators: &self.creators,
                edge_checks: &self.edge_checks,
            },
        }
    }

    /// How many accounts are shown (one when a single account is).
    pub fn lane_count(&self) -> usize {
        self.lanes.len().max(1)
    }

    /// The lane whose listings hold `target`: `context` first when it does (a Lightsail
    /// name may be taken in two accounts), else the first that does, else `context`.
    pub fn owner(&self, target: &Target, context: usize) -> usize {
        if self.account(context).lists_target(target) {
            return context;
        }
        (0..self.lane_count())
            .find(|&k| self.account(k).lists_target(target))
            .unwrap_or(context)
    }

    /// The lane whose profile is `profile`.
    pub fn lane_of_profile(&self, profile: Option<&str>) -> Option<usize> {
        self.lanes
            .iter()
            .position(|l| Some(l.profile.as_str()) == profile)
    }

    /// The account an effect belongs to, when it belongs to one: the one whose slot waits
    /// for its answer (exact: the request was made on that account's state), else the one
    /// whose target it names, else the profile a journal entry was sent with, else `context`
    /// (the lane that asked). None: the effect is the terminal's or the store's alone.
    pub fn lane_of_effect(&self, effect: &Effect, context: usize) -> Option<usize> {
        if let Some(request) = request_of(effect)
            && let Some(lane) = (0..self.lane_count()).find(|&k| self.account(k).awaits(request))
        {
            return Some(lane);
        }
        let target = match effect {
            Effect::LoadDistributions { .. }
            | Effect::LoadLightsail { .. }
            | Effect::Wake { .. } => {
                return Some(context);
            }
            Effect::LoadTenants {
                distribution_id, ..
            }
            | Effect::LoadInProgressCount {
                distribution_id, ..
            }
            | Effect::RecheckInProgress {
                distribution_id, ..
            } => Target::CloudFront(CloudFrontTarget::distribution(distribution_id)),
            Effect::LoadInvalidations { target, .. }
            | Effect::LoadInvalidation { target, .. }
            | Effect::LoadOfTarget { target, .. }
            | Effect::LoadDeploy { target, .. }
            | Effect::Create { target, .. }
            | Effect::Poll { target, .. }
            | Effect::LoadKnown { target, .. }
            | Effect::LookupCreator { target, .. }
            | Effect::CheckEdge { target, .. } => Target::CloudFront(target.clone()),
            Effect::LoadLatestReset { name, .. }
            | Effect::ResetCache { name, .. }
            | Effect::PollOperation { name, .. } => Target::Lightsail { name: name.clone() },
            Effect::Resume(entry) => {
                return Some(
                    self.lane_of_profile(entry.intent.sender.profile.as_deref())
                        .unwrap_or(context),
                );
            }
            _ => return None,
        };
        Some(self.owner(&target, context))
    }
}

/// The request an effect's answer will name.
fn request_of(effect: &Effect) -> Option<RequestId> {
    match effect {
        Effect::LoadDistributions { request }
        | Effect::LoadLightsail { request }
        | Effect::LoadTenants { request, .. }
        | Effect::LoadInProgressCount { request, .. }
        | Effect::RecheckInProgress { request, .. }
        | Effect::LoadInvalidations { request, .. }
        | Effect::LoadInvalidation { request, .. }
        | Effect::LoadLatestReset { request, .. }
        | Effect::LookupCreator { request, .. }
        | Effect::CheckEdge { request, .. }
        | Effect::LoadDeploy { request, .. }
        | Effect::Poll { request, .. }
        | Effect::PollOperation { request, .. } => Some(*request),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
