//! What a run says while it waits, on standard error: on a terminal one line redrawn in place
//! (what is still running and for how long), otherwise plain lines a log keeps (each change
//! once). Data lines go to standard output through here too, so the two never overlap.

use std::collections::BTreeMap;
use std::future::Future;
use std::io::Write as _;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::output::say;
use super::terminal;
use crate::clock::SharedClock;
use crate::domain::visible;
use crate::domain::words::duration;

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A terminal: one status line redrawn in place.
    Live,
    /// A pipe or a file: a line for each change.
    Lines,
    /// Nothing on standard error (tests).
    Quiet,
}

pub struct Progress {
    mode: Mode,
    clock: SharedClock,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// What is being waited for, by label: its status and since when.
    running: BTreeMap<String, (String, DateTime<Utc>)>,
    /// Whether the live line is on the screen.
    drawn: bool,
}

impl Progress {
    pub fn new(mode: Mode, clock: SharedClock) -> Self {
        Self {
            mode,
            clock,
            state: Mutex::new(State::default()),
        }
    }

    /// Live on a terminal, lines otherwise.
    pub fn on_stderr(clock: SharedClock) -> Self {
        let mode = if terminal::stderr_is_terminal() {
            Mode::Live
        } else {
            Mode::Lines
        };
        Self::new(mode, clock)
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A line for the record (standard error), whatever the mode but quiet.
    pub fn note(&self, text: &str) {
        if self.mode == Mode::Quiet {
            return;
        }
        let mut state = self.lock();
        clear(&mut state);
        say!("{text}");
        self.draw(&mut state);
    }

    /// A line of data (standard output); whether it was written (a closed pipe is not an
    /// error here: it is noticed at the end).
    pub fn data(&self, text: &str) -> bool {
        let mut state = self.lock();
        clear(&mut state);
        let mut stdout = std::io::stdout().lock();
        let written = writeln!(stdout, "{}", visible::lines(text))
            .and_then(|()| stdout.flush())
            .is_ok();
        self.draw(&mut state);
        written
    }

    /// `label` is being waited for and stands at `status`.
    pub fn running(&self, label: &str, status: &str, since: DateTime<Utc>) {
        let mut state = self.lock();
        let changed = state
            .running
            .insert(label.to_string(), (status.to_string(), since))
            .is_none_or(|(before, _)| before != status);
        if self.mode == Mode::Lines && changed {
            say!("{label}: {status}, waiting");
        }
        self.draw(&mut state);
    }

    /// `label` ended at `status`, `since` then.
    pub fn finished(&self, label: &str, status: &str, since: DateTime<Utc>) {
        let after = duration(self.clock.now() - since);
        self.stopped(label, &format!("{status} after {after}"));
    }

    /// `label` is done and needs no word of its own.
    pub fn done(&self, label: &str) {
        let mut state = self.lock();
        state.running.remove(label);
        clear(&mut state);
        self.draw(&mut state);
    }

    /// `label` is no longer waited for, and `why`.
    pub fn stopped(&self, label: &str, why: &str) {
        let mut state = self.lock();
        state.running.remove(label);
        if self.mode == Mode::Quiet {
            return;
        }
        clear(&mut state);
        say!("{label}: {why}");
        self.draw(&mut state);
    }

    /// Run `work`, redrawing the live line every second meanwhile (elapsed times move).
    pub async fn alongside<F: Future>(&self, work: F) -> F::Output {
        if self.mode != Mode::Live {
            return work.await;
        }
        tokio::pin!(work);
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        loop {
            tokio::select! {
                out = &mut work => {
                    clear(&mut self.lock());
                    return out;
                }
                _ = tick.tick() => {
                    let mut state = self.lock();
                    self.draw(&mut state);
                }
            }
        }
    }

    /// The live line: how many are running, the longest wait, and the first of them.
    fn draw(&self, state: &mut State) {
        if self.mode != Mode::Live {
            return;
        }
        let Some((label, (status, _))) = state.running.iter().next() else {
            clear(state);
            return;
        };
        let oldest = state
            .running
            .values()
            .map(|(_, since)| *since)
            .min()
            .unwrap_or_else(|| self.clock.now());
        let waited = duration(self.clock.now() - oldest);
        let line = match state.running.len() {
            1 => format!("waiting {waited}: {label} {status}"),
            n => format!("waiting {waited}: {n} running ({label} {status}, …)"),
        };
        // A line longer than the terminal wraps, and \r would redraw only its last row.
        let width = crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w));
        let shown: String = visible::line(&line)
            .chars()
            .take(width.saturating_sub(1))
            .collect();
        eprint!("\r\x1b[2K{shown}");
        state.drawn = true;
    }
}

/// Take the live line off the screen.
fn clear(state: &mut State) {
    if state.drawn {
        eprint!("\r\x1b[2K");
        state.drawn = false;
    }
}
