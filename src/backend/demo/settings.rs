//! How the demo account behaves: its size, its pace, and the faults it can be asked to show.

use std::ops::RangeInclusive;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

/// The speed factors the demo accepts: from a thousand times slower to a hundred thousand
/// times faster than real time.
pub const SPEED_RANGE: RangeInclusive<f64> = 0.001..=100_000.0;

/// Settings fixed when the demo account is made (`--demo-*` flags).
#[derive(Debug, Clone, PartialEq)]
pub struct DemoSettings {
    /// Invalidations in each target's history; each target's own default when none.
    pub history: Option<usize>,
    /// How much faster than real time invalidations progress (2.0: twice as fast).
    pub speed: f64,
    /// Added to every call.
    pub latency: Duration,
    /// The fraction of calls that are throttled, 0 to 1.
    pub throttle: f64,
    /// The fraction of creates (CreateInvalidation, a Lightsail reset) whose change is made
    /// but whose answer is lost, 0 to 1.
    pub lose_response: f64,
    /// Seeds every random choice, so a run can be repeated.
    pub seed: u64,
}

impl Default for DemoSettings {
    fn default() -> Self {
        Self {
            history: None,
            speed: 1.0,
            latency: Duration::ZERO,
            throttle: 0.0,
            lose_response: 0.0,
            seed: 0x0ED6_E9B5,
        }
    }
}

/// Faults that tests and demonstrations can turn on and off while the account is in use.
#[derive(Debug, Default)]
pub struct Faults {
    latency_ms: AtomicU64,
    throttle_bits: AtomicU64,
    lose_response_bits: AtomicU64,
    lose_next_create: AtomicBool,
    /// Operations (by their API name) refused with an error until told otherwise.
    refused: std::sync::Mutex<std::collections::HashMap<String, crate::backend::BackendError>>,
}

impl Faults {
    pub fn new(settings: &DemoSettings) -> Self {
        let faults = Self::default();
        faults.set_latency(settings.latency);
        faults.set_throttle(settings.throttle);
        faults.set_lose_response(settings.lose_response);
        faults
    }

    pub fn set_latency(&self, latency: Duration) {
        let ms = u64::try_from(latency.as_millis()).unwrap_or(u64::MAX);
        self.latency_ms.store(ms, Ordering::Relaxed);
    }

    pub fn latency(&self) -> Duration {
        Duration::from_millis(self.latency_ms.load(Ordering::Relaxed))
    }

    /// The fraction of calls throttled; clamped to 0..=1.
    pub fn set_throttle(&self, fraction: f64) {
        store_fraction(&self.throttle_bits, fraction);
    }

    pub fn throttle(&self) -> f64 {
        f64::from_bits(self.throttle_bits.load(Ordering::Relaxed))
    }

    /// The fraction of creates (CreateInvalidation, a Lightsail reset) that are applied but
    /// whose answer never arrives; clamped to 0..=1.
    pub fn set_lose_response(&self, fraction: f64) {
        store_fraction(&self.lose_response_bits, fraction);
    }

    pub fn lose_response(&self) -> f64 {
        f64::from_bits(self.lose_response_bits.load(Ordering::Relaxed))
    }

    /// The next create (CreateInvalidation or a Lightsail reset) is applied, but its answer
    /// never arrives (the caller sees a network error), as when a connection drops after the
    /// request was sent.
    #[cfg(test)]
    pub fn lose_next_create_response(&self) {
        self.lose_next_create.store(true, Ordering::Relaxed);
    }

    /// Every call of `operation` (its API name, e.g. `ListInvalidations`) fails with `error`,
    /// as when a role lacks its permission.
    pub fn refuse(&self, operation: &str, error: crate::backend::BackendError) {
        self.refused
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(operation.to_string(), error);
    }

    /// The error `operation` is refused with, if it is.
    pub(super) fn refusal(&self, operation: &str) -> Option<crate::backend::BackendError> {
        self.refused
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(operation)
            .cloned()
    }

    /// Whether the one lost answer asked for is this one (turns that fault off).
    pub(super) fn take_lost_response(&self) -> bool {
        self.lose_next_create.swap(false, Ordering::Relaxed)
    }
}

fn store_fraction(bits: &AtomicU64, fraction: f64) {
    let fraction = if fraction.is_nan() {
        0.0
    } else {
        fraction.clamp(0.0, 1.0)
    };
    bits.store(fraction.to_bits(), Ordering::Relaxed);
}
