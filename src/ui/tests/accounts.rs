//! Several accounts in one dashboard: each a group of the targets pane, each target's list
//! from its own account, running now across them.

use std::sync::Arc;

use chrono::{FixedOffset, TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokio::sync::mpsc::unbounded_channel;

use super::{Headless, TestScreen};
use crate::app::{Action, Loop, Model, Runtime};
use crate::backend::demo::{DemoBackend, DemoSettings};
use crate::clock::TokioClock;
use crate::store::config::Config;

impl Headless {
    /// Started on the demo's two accounts at once, as `--demo --profile
    /// demo,demo-staging` starts.
    async fn start_accounts() -> Self {
        let origin = Utc.with_ymd_and_hms(2026, 11, 22, 9, 30, 0).unwrap();
        let clock = TokioClock::starting_at(origin);
        let named = |name| {
            Arc::new(
                DemoBackend::named(name, DemoSettings::default(), Arc::new(clock.clone()))
                    .unwrap()
                    .unwrap(),
            )
        };
        let (first, second) = (named("demo"), named("demo-staging"));
        let mut model = Model::new(
            "DEMO demo, demo-staging",
            origin,
            FixedOffset::east_opt(0).unwrap(),
        );
        model.lanes = vec![
            crate::app::Lane::new("demo"),
            crate::app::Lane::new("demo-staging"),
        ];
        let config = Config::default();
        model.settings = config.settings();
        let memory = crate::app::Memory::new(
            Err("no store".into()),
            "dashboard".into(),
            crate::domain::journal::Sender::default(),
            None,
        );
        let (keys, inputs) = unbounded_channel();
        let runtime_clock: crate::clock::SharedClock = Arc::new(clock.clone());
        let backend = first.clone();
        let lp = Loop::begin(
            TestScreen(Terminal::new(TestBackend::new(80, 24)).unwrap(), 0),
            crate::ui::Ui,
            inputs,
            model,
            config.keymap,
            Arc::new(clock),
            move || {
                Runtime::start_accounts(
                    ("demo".into(), first),
                    vec![("demo-staging".into(), second)],
                    runtime_clock,
                    memory,
                    Arc::new(NoOtherAccount),
                )
            },
        )
        .unwrap();
        let mut app = Self { lp, keys, backend };
        app.settle().await;
        app
    }
}

/// Nothing to switch to (the screens of several accounts).
struct NoOtherAccount;

impl crate::app::Accounts for NoOtherAccount {
    fn profiles(&self) -> Result<Vec<String>, String> {
        Err("no profiles here".into())
    }

    fn connect(
        &self,
        _profile: Option<String>,
        _region: Option<String>,
    ) -> Result<(Arc<dyn crate::backend::Backend>, String), String> {
        Err("no other account here".into())
    }
}

#[tokio::test(start_paused = true)]
async fn each_account_is_a_group_and_its_targets_show_its_own_invalidations() {
    let mut app = Headless::start_accounts().await;
    let screen = app.screen(80, 24).await;
    assert!(screen.contains("▾ demo "), "{screen}");
    insta::assert_snapshot!("accounts_80x24", screen);
    let screen = app.screen(200, 50).await;
    assert!(screen.contains("▾ demo-staging"), "{screen}");
    assert!(screen.contains("E3STG7K2QX9LMB"), "{screen}");
    insta::assert_snapshot!("accounts_200x50", screen);
    // The last targets are staging's: its storefront's list comes from staging.
    app.press(&[Action::Bottom, Action::Up, Action::Up]).await;
    let screen = app.screen(200, 50).await;
    assert!(
        screen.contains("Invalidations · E3STG7K2QX9LMB"),
        "{screen}"
    );
    assert_eq!(app.model().active, 1);
    insta::assert_snapshot!("accounts_staging_selected_200x50", screen);
    // Running now has both accounts' work, each said with its account.
    app.press(&[Action::Running]).await;
    let screen = app.screen(200, 50).await;
    assert!(screen.contains("demo-staging: E3STG7K2QX9LMB"), "{screen}");
    assert!(screen.contains("demo: E2QWRUHAPOMQZL"), "{screen}");
}
