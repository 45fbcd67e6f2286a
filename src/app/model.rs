//! Everything the dashboard knows. The view reads it; only `update` changes it.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Utc};

use super::compose::Compose;
use super::keymap::Context;
pub use super::list::InvalidationList;
use super::overlay::{Overlay, Overlays, Question};
use super::settings::Settings;
use super::watch::{Poll, Subject, Watched};
use crate::backend::BackendError;
pub use crate::backend::edge::check::Report as EdgeReport;
use crate::domain::distribution::{Distribution, LightsailDistribution, Tenant};
use crate::domain::invalidation::Invalidation;
use crate::domain::lightsail::CacheReset;
use crate::domain::target::{CloudFrontTarget, Target};

/// Numbers requests so that an answer to an older one can be recognised and dropped.
pub type RequestId = u64;

/// Something loaded from the backend.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Slot<T> {
    #[default]
    Idle,
    Loading(RequestId),
    Ready(T),
    Failed(String),
    /// The role may not make this call (the IAM action it lacks): a group the account may
    /// have but this role cannot read is said quietly, not as an error.
    NotAllowed(String),
}

impl<T> Slot<T> {
    /// A backend answer: ready, or failed with the error's message.
    pub fn from_result<E: std::fmt::Display>(result: Result<T, E>) -> Self {
        result.map_or_else(|e| Slot::Failed(e.to_string()), Slot::Ready)
    }

    /// A list of targets: failed, or not allowed to this role.
    pub fn from_listing(result: Result<T, BackendError>) -> Self {
        match result {
            Ok(t) => Slot::Ready(t),
            Err(e) => match e.not_allowed() {
                Some(action) => Slot::NotAllowed(action.to_string()),
                None => Slot::Failed(e.to_string()),
            },
        }
    }

    pub fn ready(&self) -> Option<&T> {
        match self {
            Slot::Ready(t) => Some(t),
            _ => None,
        }
    }

    pub fn is_loading(&self) -> bool {
        matches!(self, Slot::Loading(_))
    }

    /// Whether `request` is the one this slot waits for.
    pub fn awaits(&self, request: RequestId) -> bool {
        matches!(self, Slot::Loading(r) if *r == request)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Targets,
    Invalidations,
    Details,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Targets, Pane::Invalidations, Pane::Details];

    pub fn name(self) -> &'static str {
        match self {
            Pane::Targets => "targets",
            Pane::Invalidations => "invalidations",
            Pane::Details => "details",
        }
    }
}

/// One selectable line of the targets pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetEntry {
    pub target: Target,
    /// The account it is in (its lane; 0 when one account is shown).
    pub lane: usize,
    /// The name shown: an id, or a tenant's or Lightsail distribution's name.
    pub label: String,
    pub domain: String,
    pub enabled: bool,
}

/// A one-line message in the footer, until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    pub text: String,
    pub error: bool,
}

impl Flash {
    pub fn said(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            error: false,
        }
    }

    pub fn warning(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            error: true,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Model {
    /// Where the data comes from, as the header shows it (`DEMO`, a profile and region).
    pub source: String,
    pub read_only: bool,
    pub colors: bool,
    /// The current time as last told; the view computes "3m ago" from it.
    pub now: DateTime<Utc>,
    /// The user's time zone, for local times in the view.
    pub local_offset: FixedOffset,
    pub focus: Pane,
    pub distributions: Slot<Vec<Distribution>>,
    pub tenants: HashMap<String, Slot<Vec<Tenant>>>,
    pub lightsail: Slot<Vec<LightsailDistribution>>,
    /// Batches in progress per distribution, as GetDistribution last said.
    pub in_progress: HashMap<String, Slot<u32>>,
    pub target_cursor: usize,
    /// The rows of the targets pane, as `targets` says: rebuilt when the targets or their
    /// filter change (`refresh_targets`), read many times a frame.
    shown_targets: Vec<TargetEntry>,
    /// The user moved the target cursor: keep their target selected as rows arrive.
    pub target_chosen: bool,
    pub lists: HashMap<CloudFrontTarget, InvalidationList>,
    pub details: HashMap<(CloudFrontTarget, String), Slot<Invalidation>>,
    /// Who created the invalidations shown in details: the journal's sender, or CloudTrail's.
    pub creators: HashMap<(CloudFrontTarget, String), Slot<crate::domain::creator::Who>>,
    /// The one creator lookup in flight (CloudTrail allows 2 requests a second).
    pub creator_lookup: Option<RequestId>,
    /// CloudTrail refused this role (the IAM action it lacks): it is not asked again.
    pub cloudtrail_not_allowed: Option<String>,
    pub resets: HashMap<String, Slot<Option<CacheReset>>>,
    /// What the edges answered about a completed invalidation (asked with `v`).
    pub edge_checks: HashMap<(CloudFrontTarget, String), Slot<EdgeReport>>,
    /// Scroll offset of the paths in the details pane.
    pub details_scroll: usize,
    pub spinner: usize,
    pub settings: Settings,
    /// Randomness for caller references, given at start so that `update` stays pure.
    pub seed: u64,
    /// The compose form, when open.
    pub compose: Option<Compose>,
    /// A batch set aside with Esc (or offered from last time): `n` brings it back.
    pub draft: Option<Compose>,
    /// The run that saved `draft`, when it came from the store and is not yet this one's.
    pub draft_from: Option<String>,
    /// Drafts from the store still to offer, newest first.
    pub offered_drafts: Vec<crate::store::drafts::SavedDraft>,
    /// A save of the form is scheduled (after a pause in typing).
    pub draft_save_due: bool,
    /// Journal entries without an answer, offered to send again.
    pub unconfirmed: Vec<crate::domain::journal::Entry>,
    /// The history backfill, for its indicator.
    pub backfill: super::msg::Backfill,
    /// The account's use of the month's free paths, from the history (None: not known).
    pub month_use: Option<crate::domain::cost::MonthUse>,
    /// Help, a question, the picker, a filter being typed or the search, over the screen.
    pub overlays: Overlays,
    pub flash: Option<Flash>,
    /// The watch strip, oldest first.
    pub watched: Vec<Watched>,
    /// The batches being polled, and the request each waits on.
    pub polls: HashMap<Subject, Poll>,
    /// The first line of the help shown (it scrolls on a small screen).
    pub help_scroll: usize,
    /// The details pane takes the whole screen (`z`) while it has the keys.
    pub zoomed: bool,
    /// The watch strip shows only its title line.
    pub watch_collapsed: bool,
    /// The distributions with work in progress whose count is asked again after a pause.
    pub in_progress_rechecks: HashMap<String, Poll>,
    /// Text narrowing the targets pane, and the invalidations pane (of any target).
    pub target_filter: tui_input::Input,
    pub list_filter: tui_input::Input,
    /// The wake-up the details of the selected row wait for (see `Msg::DetailsDue`).
    pub details_due: Option<RequestId>,
    /// When an invalidation seen in progress was seen completed.
    pub completed_at: HashMap<(CloudFrontTarget, String), DateTime<Utc>>,
    pub(super) next_request: RequestId,
    /// The accounts shown, when several are (`--profile prod,staging`); empty for one. See
    /// `app::lane`: the per-account fields above hold the lane `active`.
    pub lanes: Vec<super::lane::Lane>,
    pub active: usize,
}

impl Model {
    pub fn new(source: impl Into<String>, now: DateTime<Utc>, local_offset: FixedOffset) -> Self {
        Self {
            source: source.into(),
            read_only: false,
            colors: true,
            now,
            local_offset,
            focus: Pane::Targets,
            distributions: Slot::Idle,
            tenants: HashMap::new(),
            lightsail: Slot::Idle,
            in_progress: HashMap::new(),
            target_cursor: 0,
            shown_targets: Vec::new(),
            target_chosen: false,
            lists: HashMap::new(),
            details: HashMap::new(),
            creators: HashMap::new(),
            creator_lookup: None,
            cloudtrail_not_allowed: None,
            resets: HashMap::new(),
            edge_checks: HashMap::new(),
            details_scroll: 0,
            spinner: 0,
            settings: Settings::default(),
            seed: 0,
            compose: None,
            draft: None,
            draft_from: None,
            offered_drafts: Vec::new(),
            draft_save_due: false,
            unconfirmed: Vec::new(),
            backfill: super::msg::Backfill::Off,
            month_use: None,
            overlays: Overlays::default(),
            flash: None,
            watched: Vec::new(),
            polls: HashMap::new(),
            in_progress_rechecks: HashMap::new(),
            help_scroll: 0,
            zoomed: false,
            watch_collapsed: false,
            completed_at: HashMap::new(),
            target_filter: tui_input::Input::default(),
            list_filter: tui_input::Input::default(),
            details_due: None,
            next_request: 1,
            lanes: Vec::new(),
            active: 0,
        }
    }

    /// The targets shown: all of them, narrowed by the targets filter.
    pub fn targets(&self) -> &[TargetEntry] {
        &self.shown_targets
    }

    /// Work the targets shown out again, after the targets or their filter changed (a
    /// tenant's parent is kept when the tenant matches, so the nesting stays readable).
    pub fn refresh_targets(&mut self) {
        let all = self.all_targets();
        let filter = self.target_filter.value().to_lowercase();
        if filter.is_empty() {
            self.shown_targets = all;
            return;
        }
        let matches = |e: &TargetEntry| {
            e.label.to_lowercase().contains(&filter)
                || e.domain.to_lowercase().contains(&filter)
                || e.target.to_string().to_lowercase().contains(&filter)
        };
        let matched: Vec<bool> = all.iter().map(matches).collect();
        let parents: std::collections::HashSet<&str> = all
            .iter()
            .zip(&matched)
            .filter_map(|(e, m)| match &e.target {
                Target::CloudFront(CloudFrontTarget::Tenant {
                    distribution_id: Some(p),
                    ..
                }) if *m => Some(p.as_str()),
                _ => None,
            })
            .collect();
        let parent_of_match = |e: &TargetEntry| matches!(&e.target, Target::CloudFront(CloudFrontTarget::Distribution { id }) if parents.contains(id.as_str()));
        self.shown_targets = all
            .iter()
            .zip(&matched)
            .filter(|(e, m)| **m || parent_of_match(e))
            .map(|(e, _)| e.clone())
            .collect();
    }

    /// The invalidations filter changed: every list narrows to it.
    pub(super) fn list_filter_changed(&mut self) {
        let filter = self.list_filter.value().to_string();
        for list in self.lists.values_mut() {
            list.filter_by(&filter);
        }
    }

    /// Every target in the order shown: for each account, its distributions, each
    /// multi-tenant one followed by its tenants, then its Lightsail distributions.
    pub fn all_targets(&self) -> Vec<TargetEntry> {
        let mut entries = Vec::new();
        for lane in 0..self.lane_count() {
            self.targets_of(lane, &mut entries);
        }
        entries
    }

    fn targets_of(&self, lane: usize, entries: &mut Vec<TargetEntry>) {
        let account = self.account(lane);
        for d in account.distributions.ready().into_iter().flatten() {
            entries.push(TargetEntry {
                target: Target::CloudFront(CloudFrontTarget::distribution(&d.id)),
                lane,
                label: d.id.clone(),
                domain: d.aliases.first().unwrap_or(&d.domain).clone(),
                enabled: d.enabled,
            });
            let tenants = account.tenants.get(&d.id).and_then(Slot::ready);
            for t in tenants.into_iter().flatten() {
                entries.push(TargetEntry {
                    target: Target::CloudFront(CloudFrontTarget::tenant(&t.id, Some(d.id.clone()))),
                    lane,
                    label: t.name.clone(),
                    domain: t.domains.first().cloned().unwrap_or_default(),
                    enabled: t.enabled && d.enabled,
                });
            }
        }
        for l in account.lightsail.ready().into_iter().flatten() {
            entries.push(TargetEntry {
                target: Target::Lightsail {
                    name: l.name.clone(),
                },
                lane,
                label: l.name.clone(),
                domain: l.alternative_domains.first().unwrap_or(&l.domain).clone(),
                enabled: l.enabled,
            });
        }
    }

    /// Select the target on row `at` of the pane; its account becomes the active one.
    pub(super) fn select_row(&mut self, at: usize) {
        self.target_cursor = at;
        if let Some(lane) = self.shown_targets.get(at).map(|e| e.lane) {
            self.enter_lane(lane);
        }
    }

    pub fn selected_target(&self) -> Option<Target> {
        self.shown_targets
            .get(self.target_cursor)
            .map(|e| e.target.clone())
    }

    /// A multi-tenant distribution is invalidated through its tenants; it has no list.
    pub fn is_multi_tenant(&self, target: &CloudFrontTarget) -> bool {
        let CloudFrontTarget::Distribution { id } = target else {
            return false;
        };
        self.distributions
            .ready()
            .is_some_and(|all| all.iter().any(|d| &d.id == id && d.multi_tenant))
    }

    /// The list of the selected target, when it is a CloudFront one.
    pub fn selected_list(&self) -> Option<(CloudFrontTarget, &InvalidationList)> {
        match self.selected_target()? {
            Target::CloudFront(t) => {
                let list = self.lists.get(&t)?;
                Some((t, list))
            }
            Target::Lightsail { .. } => None,
        }
    }

    /// Whether anything is being fetched (the spinner turns only then).
    pub fn is_loading(&self) -> bool {
        self.distributions.is_loading()
            || self.lightsail.is_loading()
            || self.tenants.values().any(Slot::is_loading)
            || self.in_progress.values().any(Slot::is_loading)
            || self.lists.values().any(|l| l.loading.is_some())
            || self.details.values().any(Slot::is_loading)
            || self.resets.values().any(Slot::is_loading)
            || self.edge_checks.values().any(Slot::is_loading)
            || self.compose.as_ref().is_some_and(|c| {
                c.pending() > 0
                    || c.loads.values().any(Slot::is_loading)
                    || c.plan
                        .as_ref()
                        .is_some_and(|p| p.objects.values().any(Slot::is_loading))
            })
    }

    /// Say something in the footer, until the next key.
    pub fn say(&mut self, text: impl Into<String>) {
        self.flash = Some(Flash::said(text));
    }

    /// Say what went wrong (and what to do) in the footer, until the next key.
    pub fn warn(&mut self, text: impl Into<String>) {
        self.flash = Some(Flash::warning(text));
    }

    /// Which keys are live now: the top layer's, else the form's or the panes'.
    pub fn context(&self) -> Context {
        match self.overlays.top() {
            Some(layer) => layer.context(),
            None if self.compose.is_some() => Context::Form,
            None => Context::Browse,
        }
    }

    /// Whether the details take the whole screen: zoomed, and the details have the keys.
    pub fn details_zoomed(&self) -> bool {
        self.zoomed && self.focus == Pane::Details && self.compose.is_none()
    }

    /// Where the keys were before the help opened: its section comes first.
    pub fn help_place(&self) -> Context {
        match self
            .overlays
            .iter()
            .filter(|o| !matches!(o, Overlay::Help))
            .last()
        {
            Some(layer) => layer.context(),
            None if self.compose.is_some() => Context::Form,
            None => Context::Browse,
        }
    }

    /// Whether a click or the wheel means anything: on the bare panes only.
    pub fn takes_pointer(&self) -> bool {
        self.overlays.is_empty() && self.compose.is_none()
    }

    /// Open a question over whatever is open (false when one is already asked).
    pub fn ask(&mut self, question: Question) -> bool {
        self.overlays.open(Overlay::Question(question))
    }

    /// Whether a shown time runs by the second: a watched batch, a batch on its way, or the
    /// "running now" view.
    pub fn is_watching(&self) -> bool {
        self.watched
            .iter()
            .any(|w| w.progress == super::watch::Progress::Running)
            || self.compose.as_ref().is_some_and(|f| f.is_sending())
            || self.overlays.running().is_some()
    }

    pub(super) fn request(&mut self) -> RequestId {
        let id = self.next_request;
        self.next_request += 1;
        id
    }
}
