//! The runtime: effects answered as messages, and an account switched away whose answers
//! never reach the new one.

use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeZone, Utc};

use super::*;
use crate::backend::demo::{DemoBackend, DemoSettings};
use crate::clock::TokioClock;

/// Two demo accounts: the first slow to answer, the second ("fast") at once.
struct TwoAccounts {
    fast: Arc<dyn Backend>,
}

impl Accounts for TwoAccounts {
    fn profiles(&self) -> Result<Vec<String>, String> {
        Ok(vec!["slow".into(), "fast".into()])
    }

    fn connect(
        &self,
        profile: Option<String>,
        _region: Option<String>,
    ) -> Result<(Arc<dyn Backend>, String), String> {
        match profile.as_deref() {
            Some("fast") => Ok((Arc::clone(&self.fast), "profile fast".into())),
            other => Err(format!("no profile {other:?}")),
        }
    }
}

fn runtime() -> Runtime {
    let clock = TokioClock::starting_at(Utc.with_ymd_and_hms(2026, 11, 22, 9, 30, 0).unwrap());
    let demo = |latency| -> Arc<dyn Backend> {
        let settings = DemoSettings {
            latency,
            ..DemoSettings::default()
        };
        Arc::new(DemoBackend::new(settings, Arc::new(clock.clone())).unwrap())
    };
    let slow = demo(Duration::from_secs(5));
    let services = Services::without_memory(slow, Arc::new(clock.clone()));
    Runtime::without_memory_among(
        services,
        Arc::new(TwoAccounts {
            fast: demo(Duration::ZERO),
        }),
    )
}

/// Every message that arrives within `window` (on the paused clock).
async fn answers(runtime: &mut Runtime, window: Duration) -> Vec<Msg> {
    let mut got = Vec::new();
    let until = tokio::time::Instant::now() + window;
    while let Ok(Some(msg)) = tokio::time::timeout_at(until, runtime.answer()).await {
        got.push(msg);
    }
    got
}

#[tokio::test(start_paused = true)]
async fn every_effect_is_answered_with_the_request_it_answers() {
    let mut runtime = runtime();
    assert_eq!(runtime.run(Effect::Render), Some(Screen::Render));
    assert_eq!(runtime.run(Effect::LoadDistributions { request: 7 }), None);
    runtime.run(Effect::LoadProfiles { request: 8 });
    let got = answers(&mut runtime, Duration::from_secs(10)).await;
    assert!(
        got.iter().any(
            |m| matches!(m, Msg::DistributionsLoaded { request: 7, result: Ok(d) } if !d.is_empty())
        ),
        "{got:?}"
    );
    assert!(
        got.iter().any(
            |m| matches!(m, Msg::ProfilesLoaded { request: 8, result: Ok(p) } if p.len() == 2)
        ),
        "{got:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn what_was_asked_of_an_account_switched_away_never_answers_into_the_new_one() {
    let mut runtime = runtime();
    runtime.run(Effect::LoadDistributions { request: 1 });
    runtime.run(Effect::SwitchAccount {
        profile: Some("fast".into()),
        region: None,
    });
    let got = answers(&mut runtime, Duration::from_secs(30)).await;
    assert!(
        got.iter()
            .any(|m| matches!(m, Msg::Switched { source } if source == "profile fast")),
        "{got:?}"
    );
    assert!(
        !got.iter()
            .any(|m| matches!(m, Msg::DistributionsLoaded { .. })),
        "the old account's answer was dropped: {got:?}"
    );
    // The new account answers.
    runtime.run(Effect::LoadDistributions { request: 2 });
    let got = answers(&mut runtime, Duration::from_secs(1)).await;
    assert!(
        got.iter()
            .any(|m| matches!(m, Msg::DistributionsLoaded { request: 2, .. })),
        "{got:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn an_account_that_cannot_be_used_is_said_as_a_message() {
    let mut runtime = runtime();
    runtime.run(Effect::SwitchAccount {
        profile: Some("nowhere".into()),
        region: None,
    });
    let got = answers(&mut runtime, Duration::from_secs(1)).await;
    assert!(
        matches!(got.as_slice(), [Msg::SwitchFailed(why)] if why.contains("nowhere")),
        "{got:?}"
    );
}
