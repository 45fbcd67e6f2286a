//! The dashboard's loop: terminal input, answers and timers become `Msg`s for `update`; the
//! effects it returns go to the runtime; a frame is drawn only when `update` asked for one,
//! once per wake-up however much arrived. The binary and the screen tests run this same loop,
//! on a real terminal or a test one.

use std::io;
use std::time::Duration;

use crossterm::event::{Event, KeyEventKind, MouseEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::time::{Instant, Interval, MissedTickBehavior, interval, interval_at};

use super::keymap::{Action, Context, Keymap};
use super::model::Model;
use super::msg::{Effect, Msg};
use super::runtime::{Runtime, Screen as ForScreen};
use super::update::update;
use crate::clock::SharedClock;

/// Messages handled after a wake-up before a frame is drawn at the latest: enough for any
/// burst, few enough that a flood never keeps the screen from updating.
const DRAIN_AT_MOST: usize = 256;
/// How often the spinner turns while something loads.
const SPINNER_EVERY: Duration = Duration::from_millis(100);
/// How often the time is told to `update`: "45s ago" moves on by the second while shown (a
/// frame is drawn only when a shown age changes).
const CLOCK_EVERY: Duration = Duration::from_secs(1);

/// Where frames go: the terminal, or a test's.
pub trait Screen {
    fn draw(&mut self, paint: &mut dyn FnMut(&mut Frame)) -> io::Result<()>;
    /// The size frames are drawn at.
    fn area(&mut self) -> io::Result<Rect>;
    /// Ctrl-Z: hand the terminal back to the shell until the process is continued.
    fn suspend(&mut self) -> io::Result<()>;
    /// Continued after a stop this screen did not see coming (`kill -STOP`): take the
    /// terminal back (its modes may have been reset meanwhile) and draw it all again.
    fn resume(&mut self) -> io::Result<()>;
    /// Bytes for the terminal itself (a desktop notification).
    fn send(&mut self, bytes: &[u8]) -> io::Result<()>;
}

/// How the model looks, and what a mouse report over it means (the `ui` module).
pub trait View {
    fn draw(&self, frame: &mut Frame, model: &Model, keymap: &Keymap);
    fn pointer(&self, model: &Model, area: Rect, mouse: MouseEvent) -> Option<Msg>;
}

/// What comes from outside: terminal events, and the signals that end or stop the dashboard.
#[derive(Debug)]
pub enum Input {
    Event(Event),
    /// SIGTERM, SIGHUP or SIGINT: keep the draft and leave.
    Stop(Signal),
    /// SIGTSTP sent from outside (`kill -TSTP`): give the terminal back and stop, as Ctrl-Z.
    Suspend,
    /// SIGCONT: whoever stopped the process (`kill -STOP`), the terminal is taken back.
    Continued,
    /// The terminal could not be read.
    Failed(io::Error),
}

/// The signals that end the dashboard; a shell expects the exit status 128 + its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    Hangup,
    Interrupt,
    Terminate,
}

impl Signal {
    /// 129, 130 or 143, as a shell reports a process ended by the signal.
    pub fn exit_status(self) -> u8 {
        let number = match self {
            Signal::Hangup => libc::SIGHUP,
            Signal::Interrupt => libc::SIGINT,
            Signal::Terminate => libc::SIGTERM,
        };
        // Signal numbers are small; the sum fits in a u8.
        (128 + number) as u8
    }
}

/// How the dashboard ended.
#[derive(Debug)]
pub struct Ending {
    /// The form's last save, when it failed: said once the terminal is restored.
    pub unsaved: Result<(), String>,
    /// The signal that ended it, if one did.
    pub signal: Option<Signal>,
}

/// What one wake-up came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Turn {
    /// Something was handled.
    Handled,
    /// Nothing came before the time given.
    Quiet,
    /// The dashboard is leaving.
    Leave,
}

struct Ticks {
    spinner: Interval,
    clock: Interval,
    refresh: Interval,
}

impl Ticks {
    fn new(list_refresh: Duration) -> Self {
        let skip = |mut i: Interval| {
            i.set_missed_tick_behavior(MissedTickBehavior::Skip);
            i
        };
        Self {
            spinner: skip(interval(SPINNER_EVERY)),
            clock: skip(interval(CLOCK_EVERY)),
            refresh: skip(interval_at(Instant::now() + list_refresh, list_refresh)),
        }
    }
}

pub struct Loop<S: Screen, V: View> {
    pub model: Model,
    keymap: Keymap,
    runtime: Runtime,
    screen: S,
    view: V,
    inputs: UnboundedReceiver<Input>,
    clock: SharedClock,
    ticks: Ticks,
    frame_due: bool,
    /// What `update` asked for on the way out, once it asked to leave.
    leaving: Option<Vec<Effect>>,
    /// The signal that asked it to leave.
    signal: Option<Signal>,
}

impl<S: Screen, V: View> Loop<S, V> {
    /// The first frame, before any backend, credential or store work; then the runtime
    /// (`start` opens the store on its own thread) and the first loads.
    pub fn begin(
        mut screen: S,
        view: V,
        inputs: UnboundedReceiver<Input>,
        model: Model,
        keymap: Keymap,
        clock: SharedClock,
        start: impl FnOnce() -> Runtime,
    ) -> anyhow::Result<Self> {
        screen.draw(&mut |f| view.draw(f, &model, &keymap))?;
        let ticks = Ticks::new(model.settings.list_refresh);
        let mut lp = Self {
            model,
            keymap,
            runtime: start(),
            screen,
            view,
            inputs,
            clock,
            ticks,
            frame_due: false,
            leaving: None,
            signal: None,
        };
        lp.handle(Msg::Start);
        lp.draw_if_due()?;
        Ok(lp)
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    pub fn screen(&self) -> &S {
        &self.screen
    }

    pub fn screen_mut(&mut self) -> &mut S {
        &mut self.screen
    }

    /// Run until the dashboard leaves; the error says what could not be kept on the way.
    pub async fn run(mut self) -> anyhow::Result<Ending> {
        while self.turn(None).await? != Turn::Leave {}
        Ok(self.finish().await)
    }

    /// One wake-up: wait for input, an answer or a timer (until `quiet_after`, when given),
    /// handle it and everything already waiting, then draw once if a frame is due.
    pub async fn turn(&mut self, quiet_after: Option<Instant>) -> anyhow::Result<Turn> {
        if self.leaving.is_some() {
            return Ok(Turn::Leave);
        }
        let loading = self.model.is_loading();
        let quiet = async {
            match quiet_after {
                Some(at) => tokio::time::sleep_until(at).await,
                None => std::future::pending().await,
            }
        };
        let first = tokio::select! {
            input = self.inputs.recv() => match input {
                Some(input) => self.input(input)?,
                None => return Ok(Turn::Leave),
            },
            Some(msg) = self.runtime.answer() => Some(msg),
            _ = self.ticks.spinner.tick(), if loading => Some(Msg::SpinnerTick),
            // Elapsed times and ages move on by it; `update` draws only what changed.
            _ = self.ticks.clock.tick() => Some(Msg::Clock(self.clock.now())),
            _ = self.ticks.refresh.tick() => Some(Msg::RefreshTick),
            () = quiet => return Ok(Turn::Quiet),
        };
        if let Some(msg) = first {
            self.handle(msg);
        }
        // What is already waiting (answers, keys typed ahead) is handled before the next
        // frame, so a burst (fifty GetDistribution answers at start) draws once.
        for _ in 0..DRAIN_AT_MOST {
            if self.leaving.is_some() {
                break;
            }
            if let Some(msg) = self.runtime.answer_now() {
                self.handle(msg);
                continue;
            }
            match self.inputs.try_recv() {
                Ok(input) => {
                    if let Some(msg) = self.input(input)? {
                        self.handle(msg);
                    }
                }
                Err(_) => break,
            }
        }
        if self.leaving.is_some() {
            return Ok(Turn::Leave);
        }
        self.draw_if_due()?;
        Ok(Turn::Handled)
    }

    /// Leave: the form's last save is waited for (its failure returned, to be said once the
    /// terminal is restored).
    pub async fn finish(mut self) -> Ending {
        let effects = self.leaving.take().unwrap_or_default();
        Ending {
            unsaved: self.runtime.leave(effects).await,
            signal: self.signal,
        }
    }

    /// `update`, and its effects to the runtime; the terminal's part is done here.
    fn handle(&mut self, msg: Msg) {
        let effects = update(&mut self.model, msg);
        if effects.contains(&Effect::Quit) {
            self.leaving = Some(effects);
            return;
        }
        for effect in effects {
            match self.runtime.run(effect) {
                Some(ForScreen::Render) => self.frame_due = true,
                Some(ForScreen::Notify { title, body }) => {
                    let bytes = crate::tui::notification(&self.model.settings, &title, &body);
                    if let Err(e) = self.screen.send(&bytes) {
                        tracing::warn!(error = %e, "a notification could not be shown");
                    }
                }
                Some(ForScreen::Copy(text)) => {
                    if let Err(e) = self.screen.send(&crate::tui::clipboard(&text)) {
                        tracing::warn!(error = %e, "the clipboard could not be written");
                    }
                }
                Some(ForScreen::Quit) | None => {}
            }
        }
    }

    fn draw_if_due(&mut self) -> io::Result<()> {
        if !std::mem::take(&mut self.frame_due) {
            return Ok(());
        }
        let (view, model, keymap) = (&self.view, &self.model, &self.keymap);
        self.screen.draw(&mut |f| view.draw(f, model, keymap))
    }

    /// Input as a message for `update`: keys read through the keymap in the place the user
    /// is (keys that are no action are text where text is typed).
    fn input(&mut self, input: Input) -> anyhow::Result<Option<Msg>> {
        let event = match input {
            Input::Event(event) => event,
            Input::Stop(signal) => {
                self.signal.get_or_insert(signal);
                return Ok(Some(Msg::Terminate));
            }
            Input::Suspend => {
                self.screen.suspend()?;
                return Ok(Some(Msg::Resize));
            }
            Input::Continued => {
                self.screen.resume()?;
                return Ok(Some(Msg::Resize));
            }
            Input::Failed(e) => return Err(e.into()),
        };
        Ok(match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                let context = self.model.context();
                match self.keymap.action(context, key) {
                    Some(Action::Suspend) => {
                        self.screen.suspend()?;
                        Some(Msg::Resize)
                    }
                    Some(action) => Some(Msg::Action(action)),
                    None if matches!(
                        context,
                        Context::Form | Context::Filter | Context::Search
                    ) =>
                    {
                        Some(Msg::Input(key))
                    }
                    None => None,
                }
            }
            Event::Paste(text) => Some(Msg::Paste(text)),
            Event::Mouse(mouse) => {
                let area = self.screen.area()?;
                self.view.pointer(&self.model, area, mouse)
            }
            Event::Resize(_, _) => Some(Msg::Resize),
            _ => None,
        })
    }
}
