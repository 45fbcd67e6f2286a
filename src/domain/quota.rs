//! CloudFront's invalidation quotas, and whether a batch fits under them now.
//!
//! Source: CloudFront Developer Guide, "Quotas" (invalidations): per distribution, at most
//! 3,000 file paths and, separately, 15 wildcard paths in progress at once; at most 3,000
//! items in one invalidation.

use serde::Serialize;

use super::batch::is_wildcard;
use super::invalidation::Invalidation;
use super::words::plural;

pub const MAX_ITEMS_PER_INVALIDATION: usize = 3_000;
pub const MAX_FILE_PATHS_IN_PROGRESS: usize = 3_000;
pub const MAX_WILDCARDS_IN_PROGRESS: usize = 15;

/// What a target has in progress, counted as the quotas count it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct InProgressLoad {
    pub invalidations: usize,
    /// Paths without a wildcard, and cache tags.
    pub file_paths: usize,
    pub wildcards: usize,
}

impl InProgressLoad {
    /// The load of the in-progress invalidations among `invalidations`.
    pub fn of<'a>(invalidations: impl IntoIterator<Item = &'a Invalidation>) -> Self {
        let mut load = Self::default();
        for inv in invalidations
            .into_iter()
            .filter(|i| i.status.is_in_progress())
        {
            load.invalidations += 1;
            let wildcards = inv.items.iter().filter(|p| is_wildcard(p)).count();
            load.wildcards += wildcards;
            load.file_paths += inv.items.len() - wildcards;
        }
        load
    }

    /// The load of one batch of items (as sent).
    pub fn of_items<S: AsRef<str>>(items: &[S]) -> Self {
        let wildcards = items.iter().filter(|p| is_wildcard(p.as_ref())).count();
        Self {
            invalidations: 1,
            file_paths: items.len() - wildcards,
            wildcards,
        }
    }

    /// Whether `extra` can start now on top of this load.
    pub fn fits(&self, extra: InProgressLoad) -> bool {
        self.file_paths + extra.file_paths <= MAX_FILE_PATHS_IN_PROGRESS
            && self.wildcards + extra.wildcards <= MAX_WILDCARDS_IN_PROGRESS
    }
}

/// Whether a batch fits next to what is in progress, and what is left either way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Headroom {
    pub fits: bool,
    pub file_paths_after: usize,
    pub wildcards_after: usize,
    pub message: String,
}

/// Headroom for an invalidation of `items` on a target with `load` in progress. For a batch
/// sent in parts, give the first part: the rest go as room frees up.
pub fn headroom<S: AsRef<str>>(items: &[S], load: InProgressLoad) -> Headroom {
    headroom_of_load(InProgressLoad::of_items(items), load)
}

/// Headroom for an invalidation that puts `batch` on a target with `load` in progress.
pub fn headroom_of_load(batch: InProgressLoad, load: InProgressLoad) -> Headroom {
    let file_paths_after = load.file_paths + batch.file_paths;
    let wildcards_after = load.wildcards + batch.wildcards;
    let paths_ok = file_paths_after <= MAX_FILE_PATHS_IN_PROGRESS;
    let wildcards_ok = wildcards_after <= MAX_WILDCARDS_IN_PROGRESS;
    let in_progress = format!(
        "{} in progress ({} file paths, {} wildcards)",
        plural(load.invalidations, "invalidation"),
        load.file_paths,
        load.wildcards
    );
    let message = if paths_ok && wildcards_ok {
        format!(
            "fits: {file_paths_after}/{MAX_FILE_PATHS_IN_PROGRESS} file paths and \
             {wildcards_after}/{MAX_WILDCARDS_IN_PROGRESS} wildcards in progress after it"
        )
    } else {
        let over: Vec<String> = [
            (!paths_ok).then(|| {
                format!("{file_paths_after} file paths would be in progress, over {MAX_FILE_PATHS_IN_PROGRESS}")
            }),
            (!wildcards_ok).then(|| {
                format!("{wildcards_after} wildcards would be in progress, over {MAX_WILDCARDS_IN_PROGRESS}")
            }),
        ]
        .into_iter()
        .flatten()
        .collect();
        format!(
            "does not fit now: {in_progress}; {}; wait for some to complete, or send fewer",
            over.join(" and ")
        )
    };
    Headroom {
        fits: paths_ok && wildcards_ok,
        file_paths_after,
        wildcards_after,
        message,
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::domain::invalidation::Status;

    fn invalidation(status: Status, items: &[&str]) -> Invalidation {
        Invalidation {
            id: "I1".into(),
            status,
            create_time: Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap(),
            caller_reference: "r".into(),
            items: items.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn only_in_progress_invalidations_count() {
        let load = InProgressLoad::of(&[
            invalidation(Status::InProgress, &["/a", "/b/*", "#t"]),
            invalidation(Status::Completed, &["/c", "/d/*"]),
            invalidation(Status::InProgress, &["/*"]),
        ]);
        assert_eq!(
            load,
            InProgressLoad {
                invalidations: 2,
                file_paths: 2,
                wildcards: 2
            }
        );
    }

    #[test]
    fn a_batch_that_fits_says_what_is_left() {
        let batch = ["/a", "/b/*", "#t"];
        let load = InProgressLoad {
            invalidations: 1,
            file_paths: 10,
            wildcards: 3,
        };
        let h = headroom(&batch, load);
        assert!(h.fits);
        assert_eq!((h.file_paths_after, h.wildcards_after), (12, 4));
        assert!(h.message.contains("12/3000 file paths"), "{}", h.message);
    }

    #[test]
    fn the_3000_file_path_limit_is_inclusive() {
        let batch = ["/a", "/b"];
        let at = InProgressLoad {
            invalidations: 3,
            file_paths: 2_998,
            wildcards: 0,
        };
        assert!(headroom(&batch, at).fits);
        let over = InProgressLoad {
            file_paths: 2_999,
            ..at
        };
        let h = headroom(&batch, over);
        assert!(!h.fits);
        assert!(
            h.message.contains("3001 file paths would be in progress"),
            "{}",
            h.message
        );
        assert!(
            h.message.contains("3 invalidations in progress"),
            "{}",
            h.message
        );
    }

    #[test]
    fn the_15_wildcard_limit_is_separate() {
        let batch = ["/x/*", "/y/*"];
        let load = InProgressLoad {
            invalidations: 1,
            file_paths: 0,
            wildcards: 14,
        };
        let h = headroom(&batch, load);
        assert!(!h.fits);
        assert!(
            h.message
                .contains("16 wildcards would be in progress, over 15"),
            "{}",
            h.message
        );
        assert!(load.fits(InProgressLoad::of_items(&["/x/*"])));
        assert!(!load.fits(InProgressLoad::of_items(&["/x/*", "/y/*"])));
    }
}
