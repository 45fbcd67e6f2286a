//! Whole screens, as a person sees them: the app driven headless against the demo account on a
//! fixed clock, drawn on a test terminal, compared with the stored snapshots.

use std::collections::VecDeque;
use std::sync::Arc;

use chrono::{FixedOffset, TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::app::{Action, Effect, Keymap, Model, Msg, Services, effects, update};
use crate::backend::BackendError;
use crate::backend::demo::{DemoBackend, DemoSettings};
use crate::clock::{Clock, TokioClock};
use crate::store::config::Config;

mod remapped;

struct Headless {
    model: Model,
    services: Services,
    clock: TokioClock,
    keymap: Keymap,
    /// Polls wait here until `poll` runs them, so that a screen shows one moment.
    polls: Vec<Effect>,
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
        let mut model = Model::new("DEMO", origin, FixedOffset::east_opt(0).unwrap());
        model.settings = config.settings();
        let mut app = Self {
            model,
            services: Services::without_memory(backend, Arc::new(clock.clone())),
            clock,
            keymap: config.keymap,
            polls: Vec::new(),
        };
        app.send(Msg::Start).await;
        app
    }

    /// Update with `msg`, then do every effect that follows until nothing is left to do.
    async fn send(&mut self, msg: Msg) {
        let effects = update(&mut self.model, msg);
        self.run(effects).await;
    }

    async fn run(&mut self, effects: Vec<Effect>) {
        let mut queue: VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            if matches!(effect, Effect::Poll { .. } | Effect::PollOperation { .. }) {
                self.polls.push(effect);
                continue;
            }
            // Saving the form a second after typing is tested in app::update; run inline here
            // its pause would move the clock under the screens.
            if matches!(effect, Effect::DraftDue { .. }) {
                continue;
            }
            if let Some(answer) = effects::perform(effect, &self.services).await {
                queue.extend(update(&mut self.model, answer));
            }
        }
    }

    /// Run the polls waiting now (each sleeps its pause on the paused clock) and what follows.
    async fn poll(&mut self) {
        for effect in std::mem::take(&mut self.polls) {
            if let Some(answer) = effects::perform(effect, &self.services).await {
                self.model.now = self.clock.now();
                let effects = update(&mut self.model, answer);
                self.run(effects).await;
            }
        }
    }

    async fn press(&mut self, actions: &[Action]) {
        for action in actions {
            self.send(Msg::Action(*action)).await;
        }
    }

    fn screen(&self, width: u16, height: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|f| super::draw(f, &self.model, &self.keymap))
            .unwrap();
        terminal.backend().to_string()
    }
}

#[tokio::test(start_paused = true)]
async fn the_main_screen() {
    let app = Headless::start().await;
    insta::assert_snapshot!("main_80x24", app.screen(80, 24));
    insta::assert_snapshot!("main_160x48", app.screen(160, 48));
}

#[tokio::test(start_paused = true)]
async fn an_invalidation_in_full() {
    let mut app = Headless::start().await;
    app.press(&[Action::Open, Action::Down, Action::Down, Action::Open])
        .await;
    insta::assert_snapshot!("details_80x24", app.screen(80, 24));
}

#[tokio::test(start_paused = true)]
async fn a_tenant_and_the_multi_tenant_distribution() {
    let mut app = Headless::start().await;
    app.press(&[Action::Down; 5]).await;
    let parent = app.screen(80, 24);
    assert!(
        parent.contains("multi-tenant distribution is invalidated through"),
        "{parent}"
    );
    app.press(&[Action::Down]).await;
    insta::assert_snapshot!("tenant_80x24", app.screen(80, 24));
}

#[tokio::test(start_paused = true)]
async fn a_lightsail_distribution() {
    let mut app = Headless::start().await;
    app.press(&[Action::Bottom]).await;
    insta::assert_snapshot!("lightsail_80x24", app.screen(80, 24));
}

#[tokio::test(start_paused = true)]
async fn the_help_overlay() {
    let mut app = Headless::start().await;
    app.press(&[Action::Help]).await;
    insta::assert_snapshot!("help_80x24", app.screen(80, 24));
}

#[tokio::test(start_paused = true)]
async fn an_error_in_one_pane_leaves_the_others() {
    let mut app = Headless::start().await;
    app.press(&[Action::Down]).await;
    // The list of the selected target failed; refreshing brings the error.
    app.model.focus = crate::app::Pane::Invalidations;
    let denied = BackendError::AccessDenied {
        permission: "cloudfront:ListInvalidations".into(),
        message: "User: arn:aws:iam::123456789012:user/ops is not authorized".into(),
    };
    for effect in update(&mut app.model, Msg::Action(Action::Refresh)) {
        let answer = match effect {
            Effect::LoadInvalidations {
                request, target, ..
            } => Msg::InvalidationsLoaded {
                request,
                target,
                result: Err(denied.clone()),
            },
            other => match effects::perform(other, &app.services).await {
                Some(answer) => answer,
                None => continue,
            },
        };
        update(&mut app.model, answer);
    }
    insta::assert_snapshot!("error_80x24", app.screen(80, 24));
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
        let screen = app.screen(w, h);
        assert_eq!(screen.lines().count(), h as usize);
    }
    insta::assert_snapshot!("too_small_40x10", app.screen(40, 10));
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
        app.send(Msg::Input(key)).await;
    }
}

#[tokio::test(start_paused = true)]
async fn the_form_with_errors_and_fixes() {
    let mut app = Headless::start().await;
    app.model.seed = 7;
    app.press(&[Action::NewBatch]).await;
    type_text(
        &mut app,
        "index.html\n/a\n/a\n/img/*\n/img/x.png\n/search?q=%2A\n#Launch Promo",
    )
    .await;
    insta::assert_snapshot!("compose_80x24", app.screen(80, 24));
    app.press(&[Action::Submit]).await;
    insta::assert_snapshot!("compose_refused_160x48", app.screen(160, 48));
    app.press(&[Action::AcceptFixes]).await;
    insta::assert_snapshot!("compose_fixed_80x24", app.screen(80, 24));
}

#[tokio::test(start_paused = true)]
async fn the_confirmations() {
    let mut app = Headless::start().await;
    app.model.seed = 7;
    app.press(&[Action::NewBatch]).await;
    type_text(&mut app, "/index.html\n/img/*").await;
    app.press(&[Action::Submit]).await;
    insta::assert_snapshot!("confirm_80x24", app.screen(80, 24));
    app.press(&[Action::No]).await;
    type_text(&mut app, "\n/*").await;
    app.press(&[Action::Submit, Action::Yes]).await;
    insta::assert_snapshot!("confirm_everything_80x24", app.screen(80, 24));
}

#[tokio::test(start_paused = true)]
async fn a_submitted_batch_is_watched_to_completion() {
    let mut app = Headless::start().await;
    app.model.seed = 7;
    app.press(&[Action::NewBatch]).await;
    type_text(&mut app, "/index.html").await;
    app.press(&[Action::Submit, Action::Yes]).await;
    assert!(app.model.compose.is_none(), "the form closed");
    insta::assert_snapshot!("watching_80x24", app.screen(80, 24));
    for _ in 0..40 {
        if !app.model.is_watching() {
            break;
        }
        app.poll().await;
    }
    assert!(!app.model.is_watching(), "completed within 40 polls");
    insta::assert_snapshot!("watched_done_160x48", app.screen(160, 48));
}

#[tokio::test(start_paused = true)]
async fn a_lightsail_reset() {
    let mut app = Headless::start().await;
    app.press(&[Action::Bottom, Action::NewBatch]).await;
    insta::assert_snapshot!("reset_question_80x24", app.screen(80, 24));
    app.press(&[Action::Yes]).await;
    for _ in 0..40 {
        if !app.model.is_watching() {
            break;
        }
        app.poll().await;
    }
    insta::assert_snapshot!("reset_done_80x24", app.screen(80, 24));
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
