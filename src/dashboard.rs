//! The dashboard's event loop: terminal events, backend answers and timers become `Msg`s for
//! `update`; the effects it returns are started; the screen is drawn only when asked.

use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{Event, EventStream, KeyEventKind};
use futures::StreamExt;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;
use tokio::time::{MissedTickBehavior, interval};

use crate::app::{Action, Effect, Keymap, Model, Msg, effects, update};
use crate::backend::Backend;
use crate::clock::SharedClock;
use crate::tui::Terminal;
use crate::ui;

/// How often the spinner turns while something loads.
const SPINNER_EVERY: Duration = Duration::from_millis(100);
/// How often "3m ago" is brought up to date.
const CLOCK_EVERY: Duration = Duration::from_secs(30);

pub async fn run(
    backend: Arc<dyn Backend>,
    mut model: Model,
    keymap: Keymap,
    clock: SharedClock,
) -> anyhow::Result<()> {
    let mut terminal = Terminal::enter()?;
    // The first frame, before any backend work.
    terminal.inner.draw(|f| ui::draw(f, &model, &keymap))?;

    let (tx, mut rx) = mpsc::unbounded_channel();
    let mut events = EventStream::new();
    let mut spinner = interval(SPINNER_EVERY);
    spinner.set_missed_tick_behavior(MissedTickBehavior::Skip);
    let mut minute = interval(CLOCK_EVERY);
    minute.set_missed_tick_behavior(MissedTickBehavior::Skip);
    let mut terminate = signal(SignalKind::terminate())?;
    let mut hangup = signal(SignalKind::hangup())?;

    let mut pending = update(&mut model, Msg::Start);
    loop {
        let mut render = false;
        for effect in pending.drain(..) {
            match effect {
                Effect::Render => render = true,
                Effect::Quit => return Ok(()),
                work => effects::spawn(work, Arc::clone(&backend), tx.clone()),
            }
        }
        if render {
            terminal.inner.draw(|f| ui::draw(f, &model, &keymap))?;
        }
        let msg = tokio::select! {
            event = events.next() => match event {
                Some(Ok(Event::Key(key))) if key.kind != KeyEventKind::Release => {
                    keymap.action(key).map(Msg::Action)
                }
                Some(Ok(Event::Resize(_, _))) => Some(Msg::Resize),
                Some(Ok(_)) => None,
                Some(Err(e)) => return Err(e.into()),
                None => return Ok(()),
            },
            Some(msg) = rx.recv() => Some(msg),
            _ = spinner.tick(), if model.is_loading() => Some(Msg::SpinnerTick),
            _ = minute.tick() => Some(Msg::Clock(clock.now())),
            _ = terminate.recv() => Some(Msg::Action(Action::Quit)),
            _ = hangup.recv() => Some(Msg::Action(Action::Quit)),
        };
        if let Some(msg) = msg {
            pending = update(&mut model, msg);
        }
    }
}
