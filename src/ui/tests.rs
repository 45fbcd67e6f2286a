//! Whole screens, as a person sees them: the app driven headless against the demo account on a
//! fixed clock, drawn on a test terminal, compared with the stored snapshots.

use std::sync::Arc;
use std::time::Duration;

use chrono::{FixedOffset, TimeZone, Utc};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};
use tokio::time::Instant;

use crate::app::{
    Action, Input, Keymap, Loop, Model, Msg, Runtime, Screen, Services, Turn, update,
};
use crate::backend::BackendError;
use crate::backend::demo::{DemoBackend, DemoSettings};
use crate::clock::TokioClock;
use crate::store::config::Config;

mod accounts;
mod creators;
mod overlays;
mod panes;
mod permissions;
mod picker;
mod plan;
mod remapped;
mod sending;

/// A pause with nothing happening (on the paused clock) after which the screen is taken: longer
/// than the details' pause after a move, shorter than a watched batch's tick.
const QUIET: Duration = Duration::from_millis(400);

/// A test terminal: frames are drawn into a buffer, which is the screen the test looks at.
struct TestScreen(Terminal<TestBackend>, usize);

impl Screen for TestScreen {
    fn draw(&mut self, paint: &mut dyn FnMut(&mut ratatui::Frame)) -> std::io::Result<()> {
        let _ = self.0.draw(|f| paint(f));
        self.1 += 1;
        Ok(())
    }

    fn area(&mut self) -> std::io::Result<ratatui::layout::Rect> {
        Ok(self.0.get_frame().area())
    }

    fn suspend(&mut self) -> std::io::Result<()> {
        Ok(())
    }

    fn resume(&mut self) -> std::io::Result<()> {
        Ok(())
    }

    fn send(&mut self, _bytes: &[u8]) -> std::io::Result<()> {
        Ok(())
    }
}

/// The dashboard's own loop and runtime on the demo account, with keys typed into it: a frame
/// is drawn only when `update` asks for one, so a missing redraw shows as a stale screen.
struct Headless {
    lp: Loop<TestScreen, super::Ui>,
    keys: UnboundedSender<Input>,
    backend: Arc<DemoBackend>,
}

impl Headless {
    async fn start() -> Self {
        Self::start_with(Config::default()).await
    }

    /// Started as the dashboard starts: the keymap and the settings from the config file.
    async fn start_with(config: Config) -> Self {
        let origin = Utc.with_ymd_and_hms(2026, 11, 22, 9, 30, 0).unwrap();
        let clock = TokioClock::starting_at(origin);
        let backend =
            Arc::new(DemoBackend::new(DemoSettings::default(), Arc::new(clock.clone())).unwrap());
        let services = Services::without_memory(backend.clone(), Arc::new(clock.clone()));
        let mut model = Model::new("DEMO", origin, FixedOffset::east_opt(0).unwrap());
        model.settings = config.settings();
        let (keys, inputs) = unbounded_channel();
        let lp = Loop::begin(
            TestScreen(Terminal::new(TestBackend::new(80, 24)).unwrap(), 0),
            super::Ui,
            inputs,
            model,
            config.keymap,
            Arc::new(clock),
            || Runtime::without_memory(services),
        )
        .unwrap();
        let mut app = Self { lp, keys, backend };
        app.settle().await;
        app
    }

    fn model(&self) -> &Model {
        &self.lp.model
    }

    fn model_mut(&mut self) -> &mut Model {
        &mut self.lp.model
    }

    /// Frames drawn so far.
    fn frames(&self) -> usize {
        self.lp.screen().1
    }

    /// Run the loop until nothing happens for a moment.
    async fn settle(&mut self) {
        let mut turns = 0;
        loop {
            turns += 1;
            // A loop that never goes quiet would hang the test: say what keeps it busy.
            if turns > 3000 {
                let m = self.model();
                panic!(
                    "the dashboard never went quiet: loading {}, lists loading {:?}, resets {:?}",
                    m.is_loading(),
                    m.lists
                        .iter()
                        .filter(|(_, l)| l.loading.is_some())
                        .map(|(t, _)| t.to_string())
                        .collect::<Vec<_>>(),
                    m.resets,
                );
            }
            let quiet = Instant::now() + QUIET;
            match self.lp.turn(Some(quiet)).await.unwrap() {
                Turn::Handled => {}
                Turn::Quiet | Turn::Leave => return,
            }
        }
    }

    /// Wait for the next thing to happen (a poll's answer, a tick), then for quiet.
    async fn poll(&mut self) {
        let limit = Instant::now() + Duration::from_secs(120);
        self.lp.turn(Some(limit)).await.unwrap();
        self.settle().await;
    }

    async fn event(&mut self, event: Event) {
        self.keys.send(Input::Event(event)).unwrap();
        self.settle().await;
    }

    /// Press the key bound to each action where the user is.
    async fn press(&mut self, actions: &[Action]) {
        for action in actions {
            let context = self.model().context();
            let key = self
                .lp
                .keymap()
                .keys_in(context, *action)
                .first()
                .map(|k| KeyEvent::new(k.code, k.modifiers))
                .unwrap_or_else(|| panic!("no key for {action:?} in {context:?}"));
            self.event(Event::Key(key)).await;
        }
    }

    /// The screen as last drawn, at `width`×`height` (a resize first when it differs).
    async fn screen(&mut self, width: u16, height: u16) -> String {
        let area = self.lp.screen_mut().area().unwrap();
        if (area.width, area.height) != (width, height) {
            self.lp.screen_mut().0.backend_mut().resize(width, height);
            self.event(Event::Resize(width, height)).await;
        }
        self.lp.screen().0.backend().to_string()
    }
}

#[tokio::test(start_paused = true)]
async fn the_main_screen() {
    let mut app = Headless::start().await;
    insta::assert_snapshot!("main_80x24", app.screen(80, 24).await);
    insta::assert_snapshot!("main_160x48", app.screen(160, 48).await);
}

#[tokio::test(start_paused = true)]
async fn answers_arriving_together_draw_one_frame_and_an_idle_screen_draws_none() {
    let mut app = Headless::start().await;
    // The first frame, then the start's answers (distributions, Lightsail, a count for each
    // distribution, tenants, the first list, its details, about twenty) in a few wake-ups.
    let at_start = app.frames();
    assert!((2..=8).contains(&at_start), "{at_start} frames at start");
    // Idle, a frame comes only when a shown text changes: an age ticking ("12s ago").
    let mut last = app.lp.screen().0.backend().to_string();
    for _ in 0..20 {
        let frames = app.frames();
        app.settle().await;
        let shown = app.lp.screen().0.backend().to_string();
        if app.frames() > frames {
            assert_ne!(shown, last, "a frame that changed nothing");
        }
        last = shown;
    }
    // A key that changes nothing draws nothing.
    let frames = app.frames();
    app.event(Event::Key(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE)))
        .await;
    let shown = app.lp.screen().0.backend().to_string();
    assert!(
        app.frames() == frames || shown != last,
        "a key drew an unchanged frame"
    );
    let at_start = app.frames();
    // A move draws (and the next target's list, as it arrives).
    app.press(&[Action::Down]).await;
    assert!(app.frames() > at_start);
}

#[tokio::test(start_paused = true)]
async fn an_invalidation_in_full() {
    let mut app = Headless::start().await;
    app.press(&[Action::Open, Action::Down, Action::Down, Action::Open])
        .await;
    insta::assert_snapshot!("details_80x24", app.screen(80, 24).await);
}

#[tokio::test(start_paused = true)]
async fn a_tenant_and_the_multi_tenant_distribution() {
    let mut app = Headless::start().await;
    app.press(&[Action::Down; 5]).await;
    let parent = app.screen(80, 24).await;
    assert!(
        parent.contains("multi-tenant distribution is invalidated through"),
        "{parent}"
    );
    app.press(&[Action::Down]).await;
    insta::assert_snapshot!("tenant_80x24", app.screen(80, 24).await);
}

#[tokio::test(start_paused = true)]
async fn a_lightsail_distribution() {
    let mut app = Headless::start().await;
    app.press(&[Action::Bottom]).await;
    insta::assert_snapshot!("lightsail_80x24", app.screen(80, 24).await);
}

#[tokio::test(start_paused = true)]
async fn the_help_overlay() {
    let mut app = Headless::start().await;
    app.press(&[Action::Help]).await;
    insta::assert_snapshot!("help_80x24", app.screen(80, 24).await);
}

#[tokio::test(start_paused = true)]
async fn an_error_in_one_pane_leaves_the_others() {
    let mut app = Headless::start().await;
    app.press(&[Action::Down]).await;
    // The list of the selected target failed; refreshing brings the error.
    app.backend.faults().refuse(
        "ListInvalidations",
        BackendError::AccessDenied {
            permission: "cloudfront:ListInvalidations".into(),
            message: "User: arn:aws:iam::123456789012:user/ops is not authorized".into(),
        },
    );
    app.press(&[Action::Open, Action::Refresh]).await;
    insta::assert_snapshot!("error_80x24", app.screen(80, 24).await);
}

#[tokio::test(start_paused = true)]
async fn every_size_shows_something_and_never_panics() {
    let mut app = Headless::start().await;
    app.press(&[Action::Help]).await;
    for (w, h) in [
        (1, 1),
        (2, 1),
        (10, 3),
        (59, 12),
        (60, 11),
        (60, 12),
        (61, 13),
        (300, 100),
    ] {
        let screen = app.screen(w, h).await;
        assert_eq!(screen.lines().count(), h as usize);
    }
    insta::assert_snapshot!("too_small_40x10", app.screen(40, 10).await);
}

/// Type text into the form as keys.
async fn type_text(app: &mut Headless, text: &str) {
    use crossterm::event::{KeyCode, KeyEvent};
    for c in text.chars() {
        let key = if c == '\n' {
            KeyEvent::from(KeyCode::Enter)
        } else {
            KeyEvent::from(KeyCode::Char(c))
        };
        app.event(Event::Key(key)).await;
    }
}

#[tokio::test(start_paused = true)]
async fn the_form_with_errors_and_fixes() {
    let mut app = Headless::start().await;
    app.model_mut().seed = 7;
    app.press(&[Action::NewBatch]).await;
    type_text(
        &mut app,
        "index.html\n/a\n/a\n/img/*\n/img/x.png\n/search?q=%2A\n#Launch Promo",
    )
    .await;
    insta::assert_snapshot!("compose_80x24", app.screen(80, 24).await);
    app.press(&[Action::Submit]).await;
    insta::assert_snapshot!("compose_refused_160x48", app.screen(160, 48).await);
    app.press(&[Action::AcceptFixes]).await;
    insta::assert_snapshot!("compose_fixed_80x24", app.screen(80, 24).await);
}

#[tokio::test(start_paused = true)]
async fn the_confirmations() {
    let mut app = Headless::start().await;
    app.model_mut().seed = 7;
    app.press(&[Action::NewBatch]).await;
    type_text(&mut app, "/index.html\n/img/*").await;
    app.press(&[Action::Submit]).await;
    insta::assert_snapshot!("confirm_80x24", app.screen(80, 24).await);
    app.press(&[Action::No]).await;
    type_text(&mut app, "\n/*").await;
    app.press(&[Action::Submit, Action::Yes]).await;
    insta::assert_snapshot!("confirm_everything_80x24", app.screen(80, 24).await);
}

#[tokio::test(start_paused = true)]
async fn a_submitted_batch_is_watched_to_completion() {
    let mut app = Headless::start().await;
    app.model_mut().seed = 7;
    app.press(&[Action::NewBatch]).await;
    type_text(&mut app, "/index.html").await;
    app.press(&[Action::Submit, Action::Yes]).await;
    assert!(app.model().compose.is_none(), "the form closed");
    insta::assert_snapshot!("watching_80x24", app.screen(80, 24).await);
    for _ in 0..40 {
        if !app.model().is_watching() {
            break;
        }
        app.poll().await;
    }
    assert!(!app.model().is_watching(), "completed within 40 polls");
    insta::assert_snapshot!("watched_done_160x48", app.screen(160, 48).await);
}

#[tokio::test(start_paused = true)]
async fn a_lightsail_reset() {
    let mut app = Headless::start().await;
    app.press(&[Action::Bottom, Action::NewBatch]).await;
    insta::assert_snapshot!("reset_question_80x24", app.screen(80, 24).await);
    app.press(&[Action::Yes]).await;
    for _ in 0..40 {
        if !app.model().is_watching() {
            break;
        }
        app.poll().await;
    }
    insta::assert_snapshot!("reset_done_80x24", app.screen(80, 24).await);
}

#[test]
fn no_credentials_is_said_whole_in_the_targets_pane() {
    let origin = Utc.with_ymd_and_hms(2026, 11, 22, 9, 30, 0).unwrap();
    let mut model = Model::new(
        "profile prod · eu-west-1",
        origin,
        FixedOffset::east_opt(0).unwrap(),
    );
    update(&mut model, Msg::Start);
    let no_credentials = BackendError::Credentials {
        message: "the SSO session of profile prod has expired; run aws sso login --profile prod"
            .into(),
    };
    update(
        &mut model,
        Msg::DistributionsLoaded {
            request: 1,
            result: Err(no_credentials.clone()),
        },
    );
    update(
        &mut model,
        Msg::LightsailLoaded {
            request: 2,
            result: Err(no_credentials),
        },
    );
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| super::draw(f, &model, &Keymap::default()))
        .unwrap();
    let screen = terminal.backend().to_string();
    assert!(!screen.contains("no distributions"), "{screen}");
    insta::assert_snapshot!("no_credentials_80x24", screen);
}

#[test]
fn a_long_targets_pane_keeps_the_selected_row_in_view() {
    use crate::app::Effect;
    let origin = Utc.with_ymd_and_hms(2026, 11, 22, 9, 30, 0).unwrap();
    let mut model = Model::new("DEMO", origin, FixedOffset::east_opt(0).unwrap());
    let start = update(&mut model, Msg::Start);
    let request = start
        .iter()
        .find_map(|e| match e {
            Effect::LoadDistributions { request } => Some(*request),
            _ => None,
        })
        .unwrap();
    let distributions = (0..200)
        .map(|i| crate::fixtures::targets::distribution(&format!("E{i:013}"), false))
        .collect();
    update(
        &mut model,
        Msg::DistributionsLoaded {
            request,
            result: Ok(distributions),
        },
    );
    let screen = |model: &Model| {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal
            .draw(|f| super::draw(f, model, &Keymap::default()))
            .unwrap();
        terminal.backend().to_string()
    };
    for (cursor, above, gone) in [(150, 140, 120), (199, 190, 170), (5, 0, 30)] {
        model.target_cursor = cursor;
        let shown = screen(&model);
        let id = |i: usize| format!("E{i:013}");
        assert!(shown.contains(&id(cursor)), "{cursor}: {shown}");
        assert!(shown.contains(&id(above)), "{cursor}: {shown}");
        assert!(!shown.contains(&id(gone)), "{cursor}: {shown}");
    }
}

#[test]
fn text_from_aws_is_drawn_escaped() {
    use crate::app::Effect;
    let origin = Utc.with_ymd_and_hms(2026, 11, 22, 9, 30, 0).unwrap();
    let mut model = Model::new("DEMO", origin, FixedOffset::east_opt(0).unwrap());
    let start = update(&mut model, Msg::Start);
    let request = |wanted: fn(&Effect) -> Option<u64>| start.iter().find_map(wanted).unwrap();
    let mut hostile = crate::fixtures::targets::distribution("E1", false);
    hostile.domain = "d\u{1b}]0;T\u{7}.net".into();
    update(
        &mut model,
        Msg::DistributionsLoaded {
            request: request(|e| match e {
                Effect::LoadDistributions { request } => Some(*request),
                _ => None,
            }),
            result: Ok(vec![hostile]),
        },
    );
    let refused = BackendError::Credentials {
        message: "denied \u{9b}2J gpj.\u{202e}exe".into(),
    };
    update(
        &mut model,
        Msg::LightsailLoaded {
            request: request(|e| match e {
                Effect::LoadLightsail { request } => Some(*request),
                _ => None,
            }),
            result: Err(refused),
        },
    );
    let mut terminal = Terminal::new(TestBackend::new(100, 24)).unwrap();
    terminal
        .draw(|f| super::draw(f, &model, &Keymap::default()))
        .unwrap();
    let screen = terminal.backend().to_string();
    for raw in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
        assert!(!screen.contains(raw), "{raw:?} on screen: {screen}");
    }
    for escaped in ["d\\e]0;T\\u{7}.net", "\\u{9b}2J", "gpj.\\u{202e}exe"] {
        assert!(
            screen.contains(escaped),
            "{escaped} not on screen: {screen}"
        );
    }
}
