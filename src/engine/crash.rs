//! Crash points for the crash tests: `EDGEPURGE_TEST_CRASH_AT=<point>` makes the process kill
//! itself with SIGKILL at that step of a submission, exactly as `kill -9` would, so a test can
//! show that running again makes one invalidation per part. Unset (always, outside those
//! tests), nothing happens.

pub const ENV: &str = "EDGEPURGE_TEST_CRASH_AT";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrashPoint {
    /// Before the intent is committed: nothing is journaled, nothing sent.
    BeforeIntent,
    /// Journaled, not yet sent.
    AfterIntent,
    /// The service answered (the invalidation exists); the answer is not yet recorded.
    AfterAnswer,
}

impl CrashPoint {
    pub fn from_env() -> Option<Self> {
        match std::env::var(ENV).ok()?.as_str() {
            "before-intent" => Some(Self::BeforeIntent),
            "after-intent" => Some(Self::AfterIntent),
            "after-answer" => Some(Self::AfterAnswer),
            _ => None,
        }
    }

    /// Die here if this is the chosen point.
    pub fn here(self, chosen: Option<Self>) {
        if chosen == Some(self) {
            #[cfg(unix)]
            // SAFETY: kill(2) on our own pid with SIGKILL; it does not return.
            unsafe {
                libc::kill(libc::getpid(), libc::SIGKILL);
            }
            std::process::abort();
        }
    }
}
