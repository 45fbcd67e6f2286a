//! Batches being followed to the end, and when to ask about them next.
//!
//! In-progress invalidations are asked about (GetInvalidation) soon at first, then less and
//! less often, with some jitter so that many batches do not poll in step; after a throttling
//! error the pause grows faster. The schedule is pure: the same batch and poll number always
//! give the same pause, so tests can state it.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::model::RequestId;
use super::settings::Settings;
pub use crate::domain::poll::jittered;
use crate::domain::poll::{self, PollSchedule};
use crate::domain::target::CloudFrontTarget;

/// What is followed: an invalidation, or a Lightsail cache reset's operation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Subject {
    Invalidation {
        target: CloudFrontTarget,
        id: String,
    },
    Reset {
        name: String,
        operation: String,
    },
    /// A cache reset asked for, whose operation is not known yet.
    ResetStarting {
        name: String,
    },
}

impl Subject {
    /// The target as a person reads it, and what runs there: an invalidation's id, or "cache
    /// reset" (an operation id says nothing to a person).
    pub fn describe(&self) -> (String, &str) {
        match self {
            Subject::Invalidation { target, id } => (target.to_string(), id),
            Subject::Reset { name, .. } | Subject::ResetStarting { name } => {
                (format!("lightsail:{name}"), "cache reset")
            }
        }
    }
}

/// How a followed batch stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Progress {
    Running,
    /// Observed done at this time.
    Done {
        at: DateTime<Utc>,
        failed: bool,
    },
    /// Polling stopped on an error that a retry will not fix.
    Lost(String),
}

/// One line of the watch strip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Watched {
    /// The account it is in (0 when one is shown).
    pub lane: usize,
    pub subject: Subject,
    /// When it started (its create time).
    pub since: DateTime<Utc>,
    /// The status as last seen, in the service's words.
    pub status: String,
    pub progress: Progress,
}

/// The polling of one in-progress batch: only the answer to `request` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Poll {
    pub request: RequestId,
    /// Polls made so far.
    pub count: u32,
    /// The pause before the poll now scheduled, jitter aside.
    pub interval: Duration,
}

/// At most this many batches are polled at once; the rest wait for a free place.
pub const MAX_POLLED: usize = 25;

/// The pause before the next poll, jitter aside, on the schedule the settings give (the rule
/// itself is shared with the CLI: `domain::poll`).
pub fn next_interval(settings: &Settings, previous: Option<Duration>, throttled: bool) -> Duration {
    let schedule = PollSchedule {
        first: settings.poll_first,
        max: settings.poll_max,
    };
    poll::next_interval(&schedule, previous, throttled)
}

#[cfg(test)]
mod tests {
    use super::*;

    // The schedule itself is tested in `domain::poll`; here, that the settings drive it.
    #[test]
    fn the_settings_set_the_first_pause_and_the_maximum() {
        let s = Settings {
            poll_first: Duration::from_secs(10),
            poll_max: Duration::from_secs(12),
            ..Settings::default()
        };
        let first = next_interval(&s, None, false);
        assert_eq!(first, Duration::from_secs(10));
        assert_eq!(
            next_interval(&s, Some(first), false),
            Duration::from_secs(12)
        );
        assert_eq!(
            next_interval(&s, Some(first), true),
            Duration::from_secs(20)
        );
    }
}
