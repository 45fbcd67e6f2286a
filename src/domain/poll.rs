//! How often to ask about something in progress: soon at first, then less and less often, with
//! some jitter so that many batches do not poll in step; after throttling the pause grows
//! faster. Pure: the same subject and poll number always give the same pause, so tests can
//! state it. The dashboard's watch strip and the CLI's `--wait` share it.

use std::time::Duration;

/// The first pause and the longest one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PollSchedule {
    pub first: Duration,
    pub max: Duration,
}

impl Default for PollSchedule {
    fn default() -> Self {
        Self {
            first: Duration::from_secs(3),
            max: Duration::from_secs(30),
        }
    }
}

impl PollSchedule {
    /// The same schedule for a world where time runs `speed` times faster (the demo account's
    /// `--demo-speed`), never below `floor`.
    pub fn faster(self, speed: f64, floor: Duration) -> Self {
        let scale = |d: Duration| {
            if speed.is_finite() && speed > 0.0 {
                Duration::try_from_secs_f64(d.as_secs_f64() / speed)
                    .unwrap_or(d)
                    .max(floor)
            } else {
                d
            }
        };
        Self {
            first: scale(self.first),
            max: scale(self.max),
        }
    }
}

/// The pause before the next poll, jitter aside: `first` at first, then half as long again
/// each time up to `max`; after throttling, doubled up to twice `max`.
pub fn next_interval(
    schedule: &PollSchedule,
    previous: Option<Duration>,
    throttled: bool,
) -> Duration {
    let Some(previous) = previous else {
        return schedule.first;
    };
    if throttled {
        return previous
            .saturating_mul(2)
            .max(schedule.max)
            .min(schedule.max.saturating_mul(2));
    }
    (previous.saturating_mul(3) / 2).min(schedule.max)
}

/// `interval` moved by up to a fifth either way, by a hash of the subject and the poll number.
pub fn jittered(interval: Duration, key: &str, count: u32) -> Duration {
    // FNV-1a: small, stable across runs and platforms.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in key.bytes().chain(count.to_le_bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let millis = u64::try_from(interval.as_millis()).unwrap_or(u64::MAX);
    let spread = millis / 5;
    if spread == 0 {
        return interval;
    }
    let offset = hash % (2 * spread + 1);
    Duration::from_millis((millis - spread).saturating_add(offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polls_start_soon_and_back_off_to_the_maximum() {
        let s = PollSchedule::default();
        let mut interval = next_interval(&s, None, false);
        assert_eq!(interval, Duration::from_secs(3));
        let mut seen = vec![interval];
        for _ in 0..10 {
            interval = next_interval(&s, Some(interval), false);
            seen.push(interval);
        }
        assert_eq!(seen[1], Duration::from_millis(4500));
        assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
        assert_eq!(*seen.last().unwrap(), Duration::from_secs(30));
    }

    #[test]
    fn throttling_doubles_up_to_twice_the_maximum() {
        let s = PollSchedule::default();
        let after = next_interval(&s, Some(Duration::from_secs(3)), true);
        assert_eq!(after, Duration::from_secs(30));
        assert_eq!(
            next_interval(&s, Some(after), true),
            Duration::from_secs(60)
        );
    }

    #[test]
    fn a_faster_world_polls_faster_down_to_a_floor() {
        let floor = Duration::from_millis(20);
        let s = PollSchedule::default().faster(10.0, floor);
        assert_eq!(s.first, Duration::from_millis(300));
        assert_eq!(s.max, Duration::from_secs(3));
        let s = PollSchedule::default().faster(100_000.0, floor);
        assert_eq!((s.first, s.max), (floor, floor));
        assert_eq!(
            PollSchedule::default().faster(f64::NAN, floor),
            PollSchedule::default()
        );
    }

    #[test]
    fn jitter_stays_within_a_fifth_and_is_stable() {
        let base = Duration::from_secs(10);
        let pauses: Vec<Duration> = (0..50)
            .map(|i| jittered(base, &format!("I{i}"), 1))
            .collect();
        assert!(
            pauses
                .iter()
                .all(|p| *p >= Duration::from_secs(8) && *p <= Duration::from_secs(12))
        );
        assert!(pauses.iter().any(|p| *p != pauses[0]));
        assert_eq!(jittered(base, "I1", 1), jittered(base, "I1", 1));
    }
}
