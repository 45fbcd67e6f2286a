//! The dashboard's event loop: terminal events, backend answers and timers become `Msg`s for
//! `update`; the effects it returns are started; the screen is drawn only when asked.

use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{Event, EventStream, KeyEventKind};
use futures::StreamExt;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;
use tokio::time::{MissedTickBehavior, interval, interval_at};

use crate::app::{Action, Context, Effect, Keymap, Model, Msg, effects, update};
use crate::backend::Backend;
use crate::clock::SharedClock;
use crate::tui::{Terminal, notification};
use crate::ui;

mod memory;

pub use memory::{BackfillSettings, Memory};

/// Messages handled after a wake-up before a frame is drawn at the latest: enough for any
/// burst, few enough that a flood never keeps the screen from updating.
const DRAIN_AT_MOST: usize = 256;
/// How often the spinner turns while something loads.
const SPINNER_EVERY: Duration = Duration::from_millis(100);
/// How often "3m ago" is brought up to date.
const CLOCK_EVERY: Duration = Duration::from_secs(30);
/// How often a watched batch's elapsed time moves on, while one runs.
const WATCH_EVERY: Duration = Duration::from_secs(1);

/// The accounts the dashboard can switch between (`p`).
pub trait Accounts: Send + Sync {
    /// The profile names in the AWS config files; an error says why none can be offered.
    fn profiles(&self) -> Result<Vec<String>, String>;
    /// A backend for a profile and region (None: as configured) and the header's words for
    /// it. Builds only: no credential or network work.
    fn connect(
        &self,
        profile: Option<String>,
        region: Option<String>,
    ) -> Result<(Arc<dyn Backend>, String), String>;
}

pub async fn run(
    backend: Arc<dyn Backend>,
    mut model: Model,
    keymap: Keymap,
    clock: SharedClock,
    mut memory: Memory,
    accounts: Arc<dyn Accounts>,
) -> anyhow::Result<()> {
    let mut terminal = Terminal::enter()?;
    // The first frame, before any backend, credential or store work.
    terminal.draw(|f| ui::draw(f, &model, &keymap))?;
    let (tx, mut rx) = mpsc::unbounded_channel();

    // Terminal events come through a channel of their own, so that those already typed can be
    // taken without waiting (`try_recv`), which the event stream itself cannot do safely.
    let (events_tx, mut events) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        let mut stream = EventStream::new();
        while let Some(event) = stream.next().await {
            if events_tx.send(event).is_err() {
                break;
            }
        }
    });
    let mut spinner = interval(SPINNER_EVERY);
    spinner.set_missed_tick_behavior(MissedTickBehavior::Skip);
    let mut minute = interval(CLOCK_EVERY);
    minute.set_missed_tick_behavior(MissedTickBehavior::Skip);
    let mut watch = interval(WATCH_EVERY);
    watch.set_missed_tick_behavior(MissedTickBehavior::Skip);
    let every = model.settings.list_refresh;
    let mut refresh = interval_at(tokio::time::Instant::now() + every, every);
    refresh.set_missed_tick_behavior(MissedTickBehavior::Skip);
    let mut terminate = signal(SignalKind::terminate())?;
    let mut hangup = signal(SignalKind::hangup())?;
    let mut interrupt = signal(SignalKind::interrupt())?;

    let mut pending = update(&mut model, Msg::Start);
    // The store opens on its own thread, after the first frame; what it holds (drafts,
    // unconfirmed writes) arrives as messages, and the backfill starts from there.
    let mut services = memory.start(backend, Arc::clone(&clock), tx.clone());
    loop {
        let mut render = false;
        let quitting = pending.contains(&Effect::Quit);
        for effect in pending.drain(..) {
            match effect {
                Effect::Render => render = true,
                Effect::Quit => {
                    memory.stop();
                    return Ok(());
                }
                Effect::Notify { title, body } => {
                    terminal.send(&notification(&model.settings, &title, &body))?;
                }
                // The last save before leaving is waited for, and its failure said once the
                // terminal is restored: a draft is never promised and lost.
                save @ Effect::SaveDraft(_) if quitting => {
                    if let Some(Msg::DraftSaved(Err(e))) = effects::perform(save, &services).await {
                        drop(terminal);
                        memory.stop();
                        eprintln!("edgepurge: the batch in the form could NOT be saved: {e}");
                        return Ok(());
                    }
                }
                Effect::LoadProfiles { request } => {
                    let accounts = Arc::clone(&accounts);
                    let tx = tx.clone();
                    // A small local file, but a file: off the UI path all the same.
                    tokio::task::spawn_blocking(move || {
                        let _ = tx.send(Msg::ProfilesLoaded {
                            request,
                            result: accounts.profiles(),
                        });
                    });
                }
                Effect::SwitchAccount { profile, region } => {
                    match accounts.connect(profile.clone(), region) {
                        Ok((next, source)) => {
                            services = memory.switch(&services, next, profile, tx.clone());
                            let _ = tx.send(Msg::Switched { source });
                        }
                        // Said through `update`, the only writer of the model.
                        Err(e) => {
                            let _ = tx.send(Msg::SwitchFailed(e));
                        }
                    }
                }
                work => effects::spawn(work, services.clone(), tx.clone()),
            }
        }
        if render {
            terminal.draw(|f| ui::draw(f, &model, &keymap))?;
        }
        let msg = tokio::select! {
            event = events.recv() => match event {
                Some(Ok(event)) => as_msg(event, &model, &keymap, &mut terminal)?,
                Some(Err(e)) => return Err(e.into()),
                None => return Ok(()),
            },
            Some(msg) = rx.recv() => Some(msg),
            _ = spinner.tick(), if model.is_loading() => Some(Msg::SpinnerTick),
            _ = watch.tick(), if model.is_watching() => Some(Msg::Clock(clock.now())),
            _ = minute.tick() => Some(Msg::Clock(clock.now())),
            _ = refresh.tick() => Some(Msg::RefreshTick),
            _ = terminate.recv() => Some(Msg::Terminate),
            _ = hangup.recv() => Some(Msg::Terminate),
            _ = interrupt.recv() => Some(Msg::Terminate),
        };
        if let Some(msg) = msg {
            pending = update(&mut model, msg);
        }
        // What is already waiting (answers, keys typed ahead) is handled before the next
        // frame, so a burst (fifty GetDistribution answers at start) draws once.
        for _ in 0..DRAIN_AT_MOST {
            if pending.contains(&Effect::Quit) {
                break;
            }
            if let Ok(msg) = rx.try_recv() {
                pending.extend(update(&mut model, msg));
                continue;
            }
            match events.try_recv() {
                Ok(Ok(event)) => {
                    if let Some(msg) = as_msg(event, &model, &keymap, &mut terminal)? {
                        pending.extend(update(&mut model, msg));
                    }
                }
                Ok(Err(e)) => return Err(e.into()),
                Err(mpsc::error::TryRecvError::Disconnected) => return Ok(()),
                Err(mpsc::error::TryRecvError::Empty) => break,
            }
        }
    }
}

/// A terminal event as a message for `update`, keys read through the keymap in the place the
/// user is (keys that are no action are text where text is typed).
fn as_msg(
    event: Event,
    model: &Model,
    keymap: &Keymap,
    terminal: &mut Terminal,
) -> anyhow::Result<Option<Msg>> {
    Ok(match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            let context = model.context();
            match keymap.action(context, key) {
                Some(Action::Suspend) => {
                    terminal.suspend()?;
                    Some(Msg::Resize)
                }
                Some(action) => Some(Msg::Action(action)),
                None if matches!(context, Context::Form | Context::Filter | Context::Search) => {
                    Some(Msg::Input(key))
                }
                None => None,
            }
        }
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Mouse(mouse) => ui::mouse::to_msg(model, terminal.inner.get_frame().area(), mouse),
        Event::Resize(_, _) => Some(Msg::Resize),
        _ => None,
    })
}
