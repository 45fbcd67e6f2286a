//! One CloudFront target of the demo account: its history and the invalidations made since
//! the demo started (or remembered from earlier runs), served the way CloudFront serves them.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::history::{CREATED_BASE, History};
use crate::backend::{BackendError, Result};
use crate::domain::invalidation::{
    Invalidation, InvalidationPage, InvalidationSummary, PAGE_SIZE, PageRequest, Status,
};
use crate::domain::quota::{InProgressLoad, MAX_ITEMS_PER_INVALIDATION};

/// An invalidation made during the session, or remembered from an earlier one.
#[derive(Debug, Clone)]
struct Created {
    /// Its sequence number on this target: its id is `history.id(CREATED_BASE + number)`.
    number: u64,
    invalidation: Invalidation,
    completes_at: DateTime<Utc>,
}

/// What a CreateInvalidation did.
#[derive(Debug, Clone, PartialEq)]
pub enum Creation {
    /// A new invalidation, completing at `completes_at`.
    New {
        invalidation: Invalidation,
        completes_at: DateTime<Utc>,
    },
    /// The one already made with this caller reference and these items.
    Existing(Invalidation),
}

impl Creation {
    pub fn invalidation(&self) -> &Invalidation {
        match self {
            Self::New { invalidation, .. } | Self::Existing(invalidation) => invalidation,
        }
    }
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

/// An invalidation made in a time range (see `TargetState::made_between`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    pub id: String,
    pub create_time: DateTime<Utc>,
    /// Empty for the history's.
    pub caller_reference: String,
    /// Its sequence number on the target (a history index, or `CREATED_BASE + k`).
    pub number: u64,
}

#[derive(Debug)]
pub struct TargetState {
    /// How the target is named in messages (`distribution E…`, `distribution tenant dt_…`).
    pub name: String,
    pub history: History,
    /// By number, so oldest first. Numbers can have gaps: remembered invalidations older than
    /// a day are forgotten.
    created: Vec<Created>,
    /// Caller reference → number.
    by_reference: HashMap<String, u64>,
    /// The number the next invalidation gets; never one given before, so an id is never reused.
    next_number: u64,
}

impl TargetState {
    pub fn new(name: String, history: History) -> Self {
        Self {
            name,
            history,
            created: Vec::new(),
            by_reference: HashMap::new(),
            next_number: 0,
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
            let k = self.index_of(n - CREATED_BASE)?;
            Some(self.created.len() - 1 - k)
        } else {
            let i = usize::try_from(n).ok()?;
            (i < self.history.len).then(|| self.created.len() + i)
        }
    }

    /// A page, as ListInvalidations gives it: after the marker's invalidation, at most
    /// MaxItems, NextMarker the id of the page's last one when more remain.
    pub fn page(&self, request: &PageRequest, now: DateTime<Utc>) -> Result<InvalidationPage> {
        let max_items = request.max_items.unwrap_or(PAGE_SIZE);
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
    ) -> Result<Creation> {
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
        if let Some(existing) = self
            .by_reference
            .get(caller_reference)
            .and_then(|&number| self.index_of(number))
            .map(|k| &self.created[k])
        {
            return if same_items(&existing.invalidation.items, items) {
                Ok(Creation::Existing(existing.at(now)))
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
        let invalidation = self.add(
            items.to_vec(),
            caller_reference.to_string(),
            now,
            completes_at,
        );
        Ok(Creation::New {
            invalidation,
            completes_at,
        })
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
        let number = self.next_number;
        let invalidation = Invalidation {
            id: self.history.id(CREATED_BASE + number),
            status: Status::InProgress,
            create_time: now,
            caller_reference,
            items,
        };
        let created = Created {
            number,
            invalidation,
            completes_at,
        };
        let answer = created.at(now);
        self.insert(created);
        answer
    }

    /// Take in an invalidation made by an earlier run or another process, unless it is
    /// known already or its id is not one of this target's.
    pub fn restore(
        &mut self,
        id: &str,
        items: Vec<String>,
        caller_reference: String,
        create_time: DateTime<Utc>,
        completes_at: DateTime<Utc>,
    ) {
        let Some(number) = self
            .history
            .number(id)
            .and_then(|n| n.checked_sub(CREATED_BASE))
        else {
            return;
        };
        if self.index_of(number).is_some() {
            return;
        }
        self.insert(Created {
            number,
            invalidation: Invalidation {
                id: id.to_string(),
                status: Status::InProgress,
                create_time,
                caller_reference,
                items,
            },
            completes_at,
        });
    }

    /// No invalidation made from now on gets a number below `number`.
    pub fn skip_to(&mut self, number: u64) {
        self.next_number = self.next_number.max(number);
    }

    /// The number the next invalidation gets.
    pub fn next_number(&self) -> u64 {
        self.next_number
    }

    fn insert(&mut self, created: Created) {
        let number = created.number;
        let at = self.created.partition_point(|c| c.number < number);
        self.by_reference
            .insert(created.invalidation.caller_reference.clone(), number);
        self.created.insert(at, created);
        self.skip_to(number.saturating_add(1));
    }

    /// Where the invalidation numbered `number` is in `created`.
    fn index_of(&self, number: u64) -> Option<usize> {
        self.created
            .binary_search_by_key(&number, |c| c.number)
            .ok()
    }

    /// The invalidations made between `since` and `until` (both included), with whether each
    /// was made by a create call of this demo (else it is history, or was there at the start).
    pub fn made_between(&self, since: DateTime<Utc>, until: DateTime<Utc>) -> Vec<Made> {
        let mut made: Vec<Made> = self
            .created
            .iter()
            .filter(|c| (since..=until).contains(&c.invalidation.create_time))
            .map(|c| Made {
                id: c.invalidation.id.clone(),
                create_time: c.invalidation.create_time,
                caller_reference: c.invalidation.caller_reference.clone(),
                number: CREATED_BASE + c.number,
            })
            .collect();
        // History is newest first and strictly older as its index grows.
        let (mut low, mut high) = (0, self.history.len);
        while low < high {
            let mid = low + (high - low) / 2;
            if self.history.create_time(mid) > until {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        for i in low..self.history.len {
            let create_time = self.history.create_time(i);
            if create_time < since {
                break;
            }
            made.push(Made {
                id: self.history.id(i as u64),
                create_time,
                caller_reference: String::new(),
                number: i as u64,
            });
        }
        made
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
