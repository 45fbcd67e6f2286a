//! Counts over a judged batch: what the summary line and the JSON report.

use serde::Serialize;

use super::item::{BatchItem, ItemKind, Verdict};
use crate::domain::quota::MAX_ITEMS_PER_INVALIDATION;

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
        let mut s = Self::default();
        for item in items {
            match (item.verdict, item.kind) {
                (Verdict::Keep, ItemKind::Path) => {
                    s.paths += 1;
                    if item.is_wildcard() {
                        s.wildcards += 1;
                    }
                    if item.normalized.as_deref() == Some("/*") {
                        s.whole_distribution = true;
                    }
                }
                (Verdict::Keep, ItemKind::Tag) => s.tags += 1,
                (Verdict::Drop, _) => s.dropped += 1,
                (Verdict::Reject, _) => s.rejected += 1,
            }
        }
        s.parts = s.kept().div_ceil(MAX_ITEMS_PER_INVALIDATION);
        s
    }

    /// Everything that will be sent, paths and tags.
    pub fn kept(&self) -> usize {
        self.paths + self.tags
    }
}
