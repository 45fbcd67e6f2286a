//! Where the time comes from. The app, the demo account and the tests are all given a clock,
//! so a test decides what "now" is.

use std::sync::Arc;

use chrono::{DateTime, Utc};

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

pub type SharedClock = Arc<dyn Clock>;

/// Wall-clock time that moves with tokio's clock: in a test on a paused tokio clock, it
/// advances exactly when `tokio::time::advance` (or an auto-advanced sleep) moves time.
#[derive(Debug, Clone)]
pub struct TokioClock {
    origin: DateTime<Utc>,
    started: tokio::time::Instant,
}

impl TokioClock {
    /// Starts at `origin` now.
    pub fn starting_at(origin: DateTime<Utc>) -> Self {
        Self {
            origin,
            started: tokio::time::Instant::now(),
        }
    }

    /// Starts at the system's current time.
    pub fn system() -> Self {
        Self::starting_at(Utc::now())
    }
}

impl Clock for TokioClock {
    fn now(&self) -> DateTime<Utc> {
        chrono::Duration::from_std(self.started.elapsed())
            .ok()
            .and_then(|d| self.origin.checked_add_signed(d))
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn the_tokio_clock_follows_paused_time() {
        let origin = Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap();
        let clock = TokioClock::starting_at(origin);
        assert_eq!(clock.now(), origin);
        tokio::time::advance(std::time::Duration::from_secs(90)).await;
        assert_eq!(clock.now(), origin + chrono::Duration::seconds(90));
    }
}
