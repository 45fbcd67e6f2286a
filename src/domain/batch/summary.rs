//! Counts over a judged batch: what the summary line and the JSON report, and the problems of
//! the batch as a whole that follow from them.

use serde::Serialize;

use super::item::{BatchItem, ItemKind, Level, Note, Verdict};
use crate::domain::quota::{MAX_ITEMS_PER_INVALIDATION, MAX_WILDCARDS_IN_PROGRESS};
use crate::domain::words::count;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BatchSummary {
    /// Kept path items, wildcards included.
    pub paths: usize,
    /// Kept paths that end in `*`.
    pub wildcards: usize,
    /// Kept cache tags.
    pub tags: usize,
    pub dropped: usize,
    pub rejected: usize,
    /// `/*` is among the kept items.
    pub whole_distribution: bool,
    /// How many invalidations the kept items go as (3,000 items each).
    pub parts: usize,
}

impl BatchSummary {
    pub fn of(items: &[BatchItem]) -> Self {
        let mut counts = Counts::default();
        for item in items {
            counts.add(item.verdict, item);
        }
        counts.summary()
    }

    /// Everything that will be sent, paths and tags.
    pub fn kept(&self) -> usize {
        self.paths + self.tags
    }

    /// Problems of the batch as a whole. An error means it cannot be submitted as it is.
    pub fn problems(&self) -> Vec<Note> {
        let mut notes = Vec::new();
        if self.rejected > 0 {
            notes.push(Note::error(format!(
                "{} rejected; fix or remove {}",
                count(self.rejected, "item is", "items are"),
                if self.rejected == 1 { "it" } else { "them" }
            )));
        } else if self.kept() == 0 {
            notes.push(Note::error(
                "nothing to invalidate: give at least one path (like /index.html) or cache tag (like #product-42)",
            ));
        }
        if self.wildcards > MAX_WILDCARDS_IN_PROGRESS {
            notes.push(Note::error(format!(
                "{} wildcard paths; CloudFront allows at most {MAX_WILDCARDS_IN_PROGRESS} in progress \
                 at once on a distribution; use fewer, broader ones (/img/* rather than /img/a/* and /img/b/*)",
                self.wildcards
            )));
        }
        if self.kept() > MAX_ITEMS_PER_INVALIDATION {
            notes.push(Note::warning(format!(
                "{} items are more than the {MAX_ITEMS_PER_INVALIDATION} an invalidation can hold; \
                 they go as {} invalidations, each sent when the paths in progress leave room",
                self.kept(),
                self.parts
            )));
        }
        if self.tags > 0 {
            notes.push(Note::hint(
                "cache tags invalidate only on distributions that have cache tags configured",
            ));
        }
        notes
    }

    /// Whether the batch can be sent (perhaps as several invalidations).
    pub fn is_submittable(&self) -> bool {
        self.problems().iter().all(|n| n.level != Level::Error)
    }
}

/// The counts behind a summary, kept as items come and go (the compose form's batch).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Counts {
    paths: usize,
    wildcards: usize,
    tags: usize,
    dropped: usize,
    rejected: usize,
    /// Kept `/*` items: one is enough to purge everything.
    whole: usize,
}

impl Counts {
    /// Count `item` with `verdict` (its own, or the one the rest of the batch gives it).
    pub fn add(&mut self, verdict: Verdict, item: &BatchItem) {
        self.change(verdict, item, |n| *n += 1);
    }

    pub fn remove(&mut self, verdict: Verdict, item: &BatchItem) {
        self.change(verdict, item, |n| *n = n.saturating_sub(1));
    }

    pub fn summary(&self) -> BatchSummary {
        let kept = self.paths + self.tags;
        BatchSummary {
            paths: self.paths,
            wildcards: self.wildcards,
            tags: self.tags,
            dropped: self.dropped,
            rejected: self.rejected,
            whole_distribution: self.whole > 0,
            parts: kept.div_ceil(MAX_ITEMS_PER_INVALIDATION),
        }
    }

    /// Change each count an item with `verdict` is in.
    fn change(&mut self, verdict: Verdict, item: &BatchItem, by: fn(&mut usize)) {
        match (verdict, item.kind) {
            (Verdict::Keep, ItemKind::Path) => {
                by(&mut self.paths);
                if item.is_wildcard() {
                    by(&mut self.wildcards);
                }
                if item.normalized.as_deref() == Some("/*") {
                    by(&mut self.whole);
                }
            }
            (Verdict::Keep, ItemKind::Tag) => by(&mut self.tags),
            (Verdict::Drop, _) => by(&mut self.dropped),
            (Verdict::Reject, _) => by(&mut self.rejected),
        }
    }
}
