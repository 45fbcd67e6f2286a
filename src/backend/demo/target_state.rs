//! One CloudFront target of the demo account: its history and the invalidations made since
//! the demo started, served the way CloudFront serves them.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::history::{CREATED_BASE, History};
use crate::backend::{BackendError, Result};
use crate::domain::invalidation::{
    Invalidation, InvalidationPage, InvalidationSummary, PageRequest, Status,
};
use crate::domain::quota::{InProgressLoad, MAX_ITEMS_PER_INVALIDATION};

/// ListInvalidations' MaxItems when none is given.
pub const DEFAULT_MAX_ITEMS: u32 = 100;

/// An invalidation made during the session.
#[derive(Debug, Clone)]
struct Created {
    invalidation: Invalidation,
    completes_at: DateTime<Utc>,
}

impl Created {
    fn at(&self, now: DateTime<Utc>) -> Invalidation {
        let mut inv = self.invalidation.clone();
        inv.status = if now >= self.completes_at {
            Status::Completed
        } else {
            Status::InProgress
        };
        inv
    }
}

#[derive(Debug)]
pub struct TargetState {
    /// How the target is named in messages (`distribution E…`, `distribution tenant dt_…`).
    pub name: String,
    pub history: History,
    /// Oldest first.
    created: Vec<Created>,
    by_reference: HashMap<String, usize>,
}

impl TargetState {
    pub fn new(name: String, history: History) -> Self {
        Self {
            name,
            history,
            created: Vec::new(),
            by_reference: HashMap::new(),
        }
    }

    fn len(&self) -> usize {
        self.created.len() + self.history.len
    }

    /// The invalidation at `pos` in the list, 0 being the newest.
    fn summary_at(&self, pos: usize, now: DateTime<Utc>) -> InvalidationSummary {
        match self.created.len().checked_sub(pos + 1) {
            Some(k) => self.created[k].at(now).summary(),
            None => self.history.summary(pos - self.created.len()),
        }
    }

    /// Where an id stands in the list.
    fn position(&self, id: &str) -> Option<usize> {
        let n = self.history.number(id)?;
        if n >= CREATED_BASE {
            let k = usize::try_from(n - CREATED_BASE).ok()?;
            (k < self.created.len()).then(|| self.created.len() - 1 - k)
        } else {
            let i = usize::try_from(n).ok()?;
            (i < self.history.len).then(|| self.created.len() + i)
        }
    }

    /// A page, as ListInvalidations gives it: after the marker's invalidation, at most
    /// MaxItems, NextMarker the id of the page's last one when more remain.
    pub fn page(&self, request: &PageRequest, now: DateTime<Utc>) -> Result<InvalidationPage> {
        let max_items = request.max_items.unwrap_or(DEFAULT_MAX_ITEMS);
        if max_items == 0 {
            return Err(invalid_argument("MaxItems must be at least 1"));
        }
        let start = match &request.marker {
            None => 0,
            Some(marker) => {
                self.position(marker).ok_or_else(|| {
                    invalid_argument(&format!(
                        "marker {marker} is not an invalidation of {}",
                        self.name
                    ))
                })? + 1
            }
        };
        let end = start.saturating_add(max_items as usize).min(self.len());
        let items: Vec<InvalidationSummary> =
            (start..end).map(|pos| self.summary_at(pos, now)).collect();
        let next_marker = (end < self.len())
            .then(|| items.last().map(|s| s.id.clone()))
            .flatten();
        Ok(InvalidationPage {
            items,
            marker: request.marker.clone(),
            next_marker,
            max_items,
        })
    }

    pub fn get(&self, id: &str, now: DateTime<Utc>) -> Result<Invalidation> {
        let not_found = || BackendError::NotFound {
            what: format!("invalidation {id} of {}", self.name),
        };
        let pos = self.position(id).ok_or_else(not_found)?;
        Ok(match self.created.len().checked_sub(pos + 1) {
            Some(k) => self.created[k].at(now),
            None => self.history.invalidation(pos - self.created.len()),
        })
    }

    fn in_progress(&self, now: DateTime<Utc>) -> impl Iterator<Item = &Invalidation> {
        self.created
            .iter()
            .filter(move |c| now < c.completes_at)
            .map(|c| &c.invalidation)
    }

    /// What is in progress now, as the quotas count it.
    pub fn load(&self, now: DateTime<Utc>) -> InProgressLoad {
        // Stored invalidations keep the InProgress status they were made with.
        InProgressLoad::of(self.in_progress(now))
    }

    /// CreateInvalidation: the service's own checks, then a new invalidation that completes at
    /// `completes_at`.
    pub fn create(
        &mut self,
        items: &[String],
        caller_reference: &str,
        now: DateTime<Utc>,
        completes_at: DateTime<Utc>,
    ) -> Result<Invalidation> {
        if items.is_empty() {
            return Err(invalid_argument("the invalidation batch names no paths"));
        }
        if items.len() > MAX_ITEMS_PER_INVALIDATION {
            return Err(BackendError::BatchTooLarge {
                message: format!("{} items in one invalidation", items.len()),
            });
        }
        if let Some(bad) = items
            .iter()
            .find(|p| !(p.starts_with('/') || p.starts_with('#')) || p.chars().count() > 4_000)
        {
            return Err(invalid_argument(&format!(
                "Your request contains one or more invalid invalidation paths ({bad})"
            )));
        }
        // Same reference, same paths: the invalidation already made (seed 001).
        if let Some(&k) = self.by_reference.get(caller_reference) {
            let existing = &self.created[k];
            return if same_items(&existing.invalidation.items, items) {
                Ok(existing.at(now))
            } else {
                Err(BackendError::CallerReferenceReused {
                    caller_reference: caller_reference.to_string(),
                })
            };
        }
        let load = self.load(now);
        if !load.fits(InProgressLoad::of_items(items)) {
            return Err(BackendError::TooManyInProgress {
                message: format!(
                    "{} has {} file paths and {} wildcards in progress; this batch adds {} more",
                    self.name,
                    load.file_paths,
                    load.wildcards,
                    items.len()
                ),
            });
        }
        Ok(self.add(
            items.to_vec(),
            caller_reference.to_string(),
            now,
            completes_at,
        ))
    }

    /// Record a new in-progress invalidation, without the service's checks (the demo's own
    /// starting state uses this too).
    pub fn add(
        &mut self,
        items: Vec<String>,
        caller_reference: String,
        now: DateTime<Utc>,
        completes_at: DateTime<Utc>,
    ) -> Invalidation {
        let k = self.created.len();
        let invalidation = Invalidation {
            id: self.history.id(CREATED_BASE + k as u64),
            status: Status::InProgress,
            create_time: now,
            caller_reference: caller_reference.clone(),
            items,
        };
        self.created.push(Created {
            invalidation,
            completes_at,
        });
        self.by_reference.insert(caller_reference, k);
        self.created[k].at(now)
    }

    pub fn in_progress_count(&self, now: DateTime<Utc>) -> usize {
        self.in_progress(now).count()
    }
}

fn same_items(a: &[String], b: &[String]) -> bool {
    let mut a = a.to_vec();
    let mut b = b.to_vec();
    a.sort();
    b.sort();
    a == b
}

fn invalid_argument(message: &str) -> BackendError {
    BackendError::InvalidRequest {
        code: "InvalidArgument".into(),
        message: message.to_string(),
    }
}
