//! The form's plan (`Ctrl-p`): the planner's batch for the form's items beside the exact one,
//! worked out once every chosen target's last deploy and in-progress load are known.
//!
//! A wildcard is offered only when it is proven to purge no more unchanged objects than
//! `[deploy] max_extra` allows, which needs every object of the site: the last deploy
//! `purge --dir` recorded for each chosen target (their union: an object of any of them
//! counts). Without one, the plan is the exact batch, and the view says why.

use std::collections::HashMap;

use super::model::{RequestId, Slot};
use crate::domain::batch::is_wildcard;
use crate::domain::deploy::{PlanLimits, Planned, plan};
use crate::domain::quota::{InProgressLoad, MAX_WILDCARDS_IN_PROGRESS};
use crate::domain::target::CloudFrontTarget;
use crate::domain::words::plural;

/// A plan being worked out, then shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormPlan {
    /// Each chosen target's site objects (its last deploy's files as URL paths): none when no
    /// deploy of it is recorded.
    pub objects: HashMap<CloudFrontTarget, Slot<Option<Vec<String>>>>,
    /// The chosen targets, in the form's order.
    pub targets: Vec<CloudFrontTarget>,
    /// The form's kept items when the key was pressed.
    pub items: Vec<String>,
    /// How many unchanged objects a wildcard may purge (`[deploy] max_extra`).
    pub max_extra: usize,
    /// The plan, once everything it needs is known.
    pub shown: Option<Shown>,
    /// The first planned item the view shows (a long plan scrolls).
    pub scroll: usize,
}

/// What the view shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// The planner's answer for the items that are plain paths.
    pub planned: Planned,
    /// The form's wildcards and tags, kept as they are in both batches.
    pub kept: Vec<String>,
    /// Why no wildcard could be planned, or what bounded them.
    pub notes: Vec<String>,
}

impl Shown {
    /// The exact batch: the form's items as they are.
    pub fn exact(&self) -> Vec<String> {
        let mut items = self.planned.exact.items.clone();
        items.extend(self.kept.iter().cloned());
        items
    }

    /// The planned batch, with the form's own wildcards and tags.
    pub fn items(&self) -> Vec<String> {
        let mut items = self.planned.planned.items.clone();
        items.extend(self.kept.iter().cloned());
        items
    }

    /// Whether the planned batch differs from the exact one.
    pub fn saves(&self) -> bool {
        self.planned.planned.items != self.planned.exact.items
    }
}

impl FormPlan {
    pub fn new(
        targets: Vec<CloudFrontTarget>,
        items: Vec<String>,
        max_extra: usize,
        requests: impl IntoIterator<Item = (CloudFrontTarget, RequestId)>,
    ) -> Self {
        Self {
            objects: requests
                .into_iter()
                .map(|(t, r)| (t, Slot::Loading(r)))
                .collect(),
            targets,
            items,
            max_extra,
            shown: None,
            scroll: 0,
        }
    }

    /// Work the plan out when every target's objects and load are in (false: still waiting).
    pub fn settle(&mut self, loads: &HashMap<CloudFrontTarget, Slot<InProgressLoad>>) -> bool {
        if self.shown.is_some() {
            return true;
        }
        let waiting = self.targets.iter().any(|t| {
            self.objects.get(t).is_some_and(Slot::is_loading)
                || loads.get(t).is_some_and(Slot::is_loading)
        });
        if waiting {
            return false;
        }
        self.shown = Some(self.work_out(loads));
        true
    }

    fn work_out(&self, loads: &HashMap<CloudFrontTarget, Slot<InProgressLoad>>) -> Shown {
        let (kept, paths): (Vec<String>, Vec<String>) = self
            .items
            .iter()
            .cloned()
            .partition(|i| i.starts_with('#') || is_wildcard(i));
        let mut notes = Vec::new();
        // The objects of every target, or none when one of them is not known.
        let mut objects: Option<Vec<String>> = Some(Vec::new());
        for t in &self.targets {
            match self.objects.get(t) {
                Some(Slot::Ready(Some(found))) => {
                    if let Some(all) = objects.as_mut() {
                        all.extend(found.iter().cloned());
                    }
                }
                Some(Slot::Ready(None)) => {
                    notes.push(format!(
                        "no deploy of {t} recorded (edgepurge purge --dir DIR {t} records one): \
                         without the site's objects no wildcard can be proven safe"
                    ));
                    objects = None;
                }
                Some(Slot::Failed(why) | Slot::NotAllowed(why)) => {
                    notes.push(format!(
                        "the last deploy of {t} could not be read ({why}): without the site's \
                         objects no wildcard can be proven safe"
                    ));
                    objects = None;
                }
                _ => objects = None,
            }
        }
        // Wildcards within 15 in progress on every target, the form's own counted too.
        let mut in_progress = InProgressLoad::default();
        let mut load_unknown = false;
        for t in &self.targets {
            match loads.get(t) {
                Some(Slot::Ready(load)) => {
                    in_progress.wildcards = in_progress.wildcards.max(load.wildcards);
                    in_progress.file_paths = in_progress.file_paths.max(load.file_paths);
                }
                Some(Slot::Failed(why) | Slot::NotAllowed(why)) => {
                    notes.push(format!(
                        "what {t} has in progress is not known ({why}): no wildcard planned, \
                         as 15 may already run"
                    ));
                    load_unknown = true;
                }
                _ => load_unknown = true,
            }
        }
        let own_wildcards = kept.iter().filter(|i| is_wildcard(i)).count();
        let wildcards = if load_unknown {
            0
        } else {
            MAX_WILDCARDS_IN_PROGRESS.saturating_sub(in_progress.wildcards + own_wildcards)
        };
        let limits = PlanLimits {
            wildcards,
            max_extra: self.max_extra,
            folder_depth: None,
            file_paths_in_progress: in_progress.file_paths,
        };
        let planned = plan(&paths, objects.as_deref(), &limits);
        if objects.is_some() && !load_unknown && paths.len() > 1 {
            notes.push(format!(
                "bounds: {wildcards} of 15 wildcards free to run on {}; at most {} \
                 unchanged ([deploy] max_extra)",
                if self.targets.len() == 1 {
                    "the target"
                } else {
                    "every target"
                },
                plural(self.max_extra, "object"),
            ));
        }
        Shown {
            planned,
            kept,
            notes,
        }
    }
}
