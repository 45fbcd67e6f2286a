//! How fast the history is fetched: a steady pace (default 5 requests a second), slower after
//! throttling, and not at all while the user's own calls are in flight, so the backfill never
//! competes with what the user is waiting for.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::{Mutex, Notify};
use tokio::time::Instant;

/// Requests a second, spread evenly.
#[derive(Clone)]
pub struct Pace {
    every: Duration,
    next: Arc<Mutex<Option<Instant>>>,
}

impl Pace {
    pub fn per_second(rate: f64) -> Self {
        let rate = if rate.is_finite() && rate > 0.0 {
            rate
        } else {
            5.0
        };
        Self {
            every: Duration::from_secs_f64(1.0 / rate),
            next: Arc::new(Mutex::new(None)),
        }
    }

    /// Wait for the next request's turn; each throttling in a row doubles the gap.
    pub async fn wait(&self, throttled: u32) {
        let gap = self.every.saturating_mul(1 << throttled.min(8));
        let mut next = self.next.lock().await;
        let now = Instant::now();
        let at = next.map_or(now, |n| n.max(now));
        let at = if throttled > 0 { at.max(now + gap) } else { at };
        *next = Some(at + gap);
        drop(next);
        tokio::time::sleep_until(at).await;
    }
}

/// How many of the user's own calls are in flight.
#[derive(Clone, Default)]
pub struct Busy(Arc<(AtomicUsize, Notify)>);

/// One call in flight, until dropped.
pub struct BusyGuard(Busy);

impl Busy {
    pub fn enter(&self) -> BusyGuard {
        self.0.0.fetch_add(1, Ordering::SeqCst);
        BusyGuard(self.clone())
    }

    pub fn is_busy(&self) -> bool {
        self.0.0.load(Ordering::SeqCst) > 0
    }

    /// Returns once no call is in flight.
    pub async fn wait_idle(&self) {
        loop {
            let notified = self.0.1.notified();
            if !self.is_busy() {
                return;
            }
            notified.await;
        }
    }
}

impl Drop for BusyGuard {
    fn drop(&mut self) {
        if self.0.0.0.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.0.0.1.notify_waiters();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn requests_are_spread_at_the_rate_and_slowed_by_throttling() {
        let pace = Pace::per_second(5.0);
        let start = Instant::now();
        for _ in 0..6 {
            pace.wait(0).await;
        }
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(1),
            "six at 5/s: 0, 0.2 .. 1.0 s"
        );
        let before = Instant::now();
        pace.wait(2).await;
        assert_eq!(
            before.elapsed(),
            Duration::from_millis(800),
            "four times the gap"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn waiting_for_idle_lasts_as_long_as_a_call_is_in_flight() {
        let busy = Busy::default();
        let guard = busy.enter();
        let waiter = {
            let busy = busy.clone();
            tokio::spawn(async move {
                let start = Instant::now();
                busy.wait_idle().await;
                start.elapsed()
            })
        };
        tokio::time::sleep(Duration::from_secs(3)).await;
        drop(guard);
        assert_eq!(waiter.await.unwrap(), Duration::from_secs(3));
        assert!(!busy.is_busy());
    }
}
