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

/// A runtime on the demo account whose store is `e.db` in `dir`, its clock at `start`.
fn on_store(dir: &std::path::Path, start: chrono::DateTime<Utc>) -> Runtime {
    use crate::domain::journal::Sender;
    let clock = TokioClock::starting_at(start);
    let backend: Arc<dyn Backend> =
        Arc::new(DemoBackend::new(DemoSettings::default(), Arc::new(clock.clone())).unwrap());
    let memory = Memory::new(
        Ok(dir.join("e.db")),
        "dashboard-test".into(),
        Sender::default(),
        None,
    );
    Runtime::start(backend, Arc::new(clock), memory, Arc::new(NoAccounts))
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

/// At start, a write left unconfirmed by an earlier run is offered; one tried since the
/// start is on its way (this dashboard's own, sent while the store opened, or another
/// run's) and is not.
#[tokio::test]
async fn only_writes_tried_before_the_start_are_offered_again() {
    use crate::domain::journal::Sender;
    use crate::fixtures::journal::intent;
    use crate::store::journal::record_intent;

    let start = Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap();
    let dir = tempfile::tempdir().unwrap();
    {
        let c = crate::fixtures::store::open_in(dir.path());
        let mut earlier = intent(
            "R-EARLIER",
            "E1",
            &["/a"],
            start - chrono::Duration::hours(1),
        );
        let mut since = intent(
            "R-SINCE",
            "E1",
            &["/b"],
            start + chrono::Duration::seconds(1),
        );
        // As this dashboard records its own (no profile, no endpoint).
        earlier.sender = Sender::default();
        since.sender = Sender::default();
        record_intent(&c, &earlier).unwrap();
        record_intent(&c, &since).unwrap();
    }
    let mut runtime = on_store(dir.path(), start);
    // The store opens on its own thread: real time, until the offer comes.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    let offered: Vec<String> = loop {
        match tokio::time::timeout_at(deadline, runtime.answer()).await {
            Ok(Some(Msg::UnconfirmedFound(entries))) => {
                break entries
                    .into_iter()
                    .map(|e| e.intent.caller_reference)
                    .collect();
            }
            Ok(Some(_)) => {}
            Ok(None) | Err(_) => panic!("nothing was offered"),
        }
    };
    assert_eq!(offered, vec!["R-EARLIER".to_string()]);
}

/// Two accounts at once: each effect runs on its own account's backend, and its answer
/// comes back marked with that account.
#[tokio::test(start_paused = true)]
async fn several_accounts_each_answer_for_their_own_calls_only() {
    use crate::domain::caller_reference::CallerReference;
    use crate::domain::target::CloudFrontTarget;
    let clock = TokioClock::starting_at(Utc.with_ymd_and_hms(2026, 11, 22, 9, 30, 0).unwrap());
    let demo = |name: &str| -> Arc<dyn Backend> {
        Arc::new(
            DemoBackend::named(name, DemoSettings::default(), Arc::new(clock.clone()))
                .unwrap()
                .unwrap(),
        )
    };
    let memory = Memory::new(
        Err("no store".into()),
        "dashboard".into(),
        crate::domain::journal::Sender::default(),
        None,
    );
    let mut runtime = Runtime::start_accounts(
        ("demo".into(), demo("demo")),
        vec![("demo-staging".into(), demo("demo-staging"))],
        Arc::new(clock.clone()),
        memory,
        Arc::new(NoAccounts),
    );
    let on = |account, effect| Effect::On {
        account,
        effect: Box::new(effect),
    };
    runtime.run(on(1, Effect::LoadDistributions { request: 5 }));
    runtime.run(on(0, Effect::LoadDistributions { request: 6 }));
    let staging = CloudFrontTarget::distribution("E3STG7K2QX9LMB");
    let part = |reference: &str| crate::engine::Part {
        number: 1,
        of: 1,
        items: vec!["/index.html".into()],
        caller_reference: CallerReference::parse(reference).unwrap(),
        batch_reference: CallerReference::parse(reference).unwrap(),
    };
    // The staging distribution, asked of staging, and (wrongly) of the first account.
    runtime.run(on(
        1,
        Effect::Create {
            request: 7,
            target: staging.clone(),
            part: part("ref-staging"),
        },
    ));
    runtime.run(on(
        0,
        Effect::Create {
            request: 8,
            target: staging,
            part: part("ref-demo"),
        },
    ));
    let got = answers(&mut runtime, Duration::from_secs(10)).await;
    let of = |account: usize| -> Vec<&Msg> {
        got.iter()
            .filter_map(|m| match m {
                Msg::Of { account: a, msg } if *a == account => Some(&**msg),
                _ => None,
            })
            .collect()
    };
    let ids = |msgs: Vec<&Msg>| -> Vec<String> {
        msgs.into_iter()
            .filter_map(|m| match m {
                Msg::DistributionsLoaded { result: Ok(d), .. } => {
                    Some(d.iter().map(|d| d.id.clone()).collect::<Vec<_>>())
                }
                _ => None,
            })
            .flatten()
            .collect()
    };
    let staging_ids = ids(of(1));
    assert_eq!(staging_ids, vec!["E3STG7K2QX9LMB", "E1STGA8W3NC5RD"]);
    assert!(!ids(of(0)).is_empty());
    assert!(ids(of(0)).iter().all(|id| !staging_ids.contains(id)));
    let created = |account| {
        of(account).into_iter().find_map(|m| match m {
            Msg::Created { request, result } => Some((*request, result.is_ok())),
            _ => None,
        })
    };
    // Made in staging; the first account has no such distribution.
    assert_eq!(created(1), Some((7, true)));
    assert_eq!(created(0), Some((8, false)));
}

/// The form's plan reads a target's last deploy from the store, its files mapped to the
/// site's URL paths; a target without one answers none.
#[tokio::test]
async fn a_target_s_last_deploy_is_read_as_the_site_s_objects() {
    use crate::backend::demo::ACCOUNT_ID;
    use crate::domain::deploy::{Manifest, Site};
    use crate::domain::target::CloudFrontTarget;

    let start = Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap();
    let dir = tempfile::tempdir().unwrap();
    {
        let c = crate::fixtures::store::open_in(dir.path());
        let files: Manifest = [
            ("index.html".to_string(), "1".to_string()),
            ("docs/a b.html".to_string(), "2".to_string()),
        ]
        .into();
        crate::store::deploys::record(&c, ACCOUNT_ID, "E1", &files, start).unwrap();
    }
    let mut runtime = on_store(dir.path(), start);
    let ask = |request, id: &str| Effect::LoadDeploy {
        request,
        target: CloudFrontTarget::distribution(id),
        site: Site::default(),
    };
    // The store opens and the account is told on their own threads: real time, asked again
    // until the account is known.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    let mut request = 0;
    let found = loop {
        request += 1;
        runtime.run(ask(request, "E1"));
        let answer = loop {
            match tokio::time::timeout_at(deadline, runtime.answer()).await {
                Ok(Some(Msg::DeployLoaded {
                    request: r, result, ..
                })) if r == request => break result,
                Ok(Some(_)) => {}
                Ok(None) | Err(_) => panic!("the deploy was never read"),
            }
        };
        match answer {
            Err(why) if why.contains("not known yet") => {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            other => break other,
        }
    };
    assert_eq!(
        found,
        Ok(Some(vec![
            "/docs/a%20b.html".to_string(),
            "/index.html".to_string()
        ]))
    );
    runtime.run(ask(request + 1, "E2"));
    let none = loop {
        match tokio::time::timeout_at(deadline, runtime.answer()).await {
            Ok(Some(Msg::DeployLoaded { result, .. })) => break result,
            Ok(Some(_)) => {}
            Ok(None) | Err(_) => panic!("no answer for E2"),
        }
    };
    assert_eq!(none, Ok(None));
}
