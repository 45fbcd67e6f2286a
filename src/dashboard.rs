//! The dashboard's event loop: terminal events, backend answers and timers become `Msg`s for
//! `update`; the effects it returns are started; the screen is drawn only when asked.

use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{Event, EventStream, KeyEventKind};
use futures::StreamExt;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;
use tokio::time::{MissedTickBehavior, interval, interval_at};

use crate::app::{Action, Context, Draft, Effect, Keymap, Model, Msg, effects, update};
use crate::backend::Backend;
use crate::clock::SharedClock;
use crate::tui::{Terminal, notification};
use crate::ui;

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

/// Where the compose draft is kept between runs.
pub trait DraftStore: Send {
    fn load(&self) -> anyhow::Result<Option<Draft>>;
    fn save(&self, draft: &Draft) -> anyhow::Result<()>;
    fn forget(&self) -> anyhow::Result<()>;
}

pub async fn run(
    mut backend: Arc<dyn Backend>,
    mut model: Model,
    keymap: Keymap,
    clock: SharedClock,
    drafts: Box<dyn DraftStore>,
    accounts: Arc<dyn Accounts>,
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
    let mut watch = interval(WATCH_EVERY);
    watch.set_missed_tick_behavior(MissedTickBehavior::Skip);
    let every = model.settings.list_refresh;
    let mut refresh = interval_at(tokio::time::Instant::now() + every, every);
    refresh.set_missed_tick_behavior(MissedTickBehavior::Skip);
    let mut terminate = signal(SignalKind::terminate())?;
    let mut hangup = signal(SignalKind::hangup())?;
    let mut interrupt = signal(SignalKind::interrupt())?;

    let mut pending = update(&mut model, Msg::Start);
    // The draft of last time, after the first frame: a small local file.
    match drafts.load() {
        Ok(Some(draft)) => pending.extend(update(&mut model, Msg::DraftFound(draft))),
        Ok(None) => {}
        Err(e) => {
            model.flash = Some(crate::app::Flash {
                text: format!("the saved draft could not be read: {e:#}"),
                error: true,
            });
        }
    }
    loop {
        let mut render = false;
        for effect in pending.drain(..) {
            match effect {
                Effect::Render => render = true,
                Effect::Quit => return Ok(()),
                Effect::Notify { title, body } => {
                    terminal.send(&notification(&model.settings, &title, &body))?;
                }
                Effect::SaveDraft(draft) => {
                    if let Err(e) = drafts.save(&draft) {
                        model.flash = Some(crate::app::Flash {
                            text: format!("the draft could not be saved: {e:#}"),
                            error: true,
                        });
                        render = true;
                    }
                }
                Effect::ForgetDraft => {
                    // A stale draft only comes back as an offer; nothing to tell.
                    let _ = drafts.forget();
                }
                Effect::LoadProfiles => {
                    let accounts = Arc::clone(&accounts);
                    let tx = tx.clone();
                    // A small local file, but a file: off the UI path all the same.
                    tokio::task::spawn_blocking(move || {
                        let _ = tx.send(Msg::ProfilesLoaded(accounts.profiles()));
                    });
                }
                Effect::SwitchAccount { profile, region } => {
                    match accounts.connect(profile, region) {
                        Ok((next, source)) => {
                            backend = next;
                            let _ = tx.send(Msg::Switched { source });
                        }
                        Err(e) => {
                            model.flash = Some(crate::app::Flash {
                                text: e,
                                error: true,
                            });
                            render = true;
                        }
                    }
                }
                work => effects::spawn(work, Arc::clone(&backend), Arc::clone(&clock), tx.clone()),
            }
        }
        if render {
            terminal.inner.draw(|f| ui::draw(f, &model, &keymap))?;
        }
        let msg = tokio::select! {
            event = events.next() => match event {
                Some(Ok(Event::Key(key))) if key.kind != KeyEventKind::Release => {
                    let context = model.context();
                    match keymap.action(context, key) {
                        Some(Action::Suspend) => {
                            terminal.suspend()?;
                            Some(Msg::Resize)
                        }
                        Some(action) => Some(Msg::Action(action)),
                        None if matches!(context, Context::Form | Context::Filter) => {
                            Some(Msg::Input(key))
                        }
                        None => None,
                    }
                }
                Some(Ok(Event::Paste(text))) => Some(Msg::Paste(text)),
                Some(Ok(Event::Mouse(mouse))) => ui::mouse::to_msg(&model, terminal.inner.get_frame().area(), mouse),
                Some(Ok(Event::Resize(_, _))) => Some(Msg::Resize),
                Some(Ok(_)) => None,
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
    }
}
