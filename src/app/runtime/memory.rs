//! The dashboard's memory: the store opened after the first frame, what it holds offered as
//! messages (unsent drafts, unconfirmed writes), the account the history belongs to, and the
//! history backfill running politely in the background.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;

use super::Services;
use super::effects::Edges;
use crate::app::{Backfill, Msg};
use crate::backend::Backend;
use crate::clock::SharedClock;
use crate::domain::journal::{Origin, Sender, State};
use crate::engine::Engine;
use crate::history::{Busy, Pace, Syncer, all_targets, identity};
use crate::store::db::{OpenReport, Store};
use crate::store::{drafts, journal, usage};

/// How the history is brought up to date in the background (from the config's `[memory]`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BackfillSettings {
    /// How far back.
    pub window: chrono::Duration,
    /// Requests a second.
    pub rate: f64,
}

pub struct Memory {
    /// The database file; None: run without memory (said once, at start).
    pub path: Result<PathBuf, String>,
    /// This run's own draft.
    pub draft_id: String,
    /// Who writes from here: user@host, the profile and endpoint.
    pub sender: Sender,
    /// None: `--no-backfill`.
    pub backfill: Option<BackfillSettings>,
    /// Which edges `v` asks (the demo account's on `--demo`).
    pub edges: Edges,
    store: Option<Store>,
    task: Option<JoinHandle<()>>,
    /// The other accounts' backfills, when several are shown.
    lane_tasks: Vec<JoinHandle<()>>,
}

impl Memory {
    pub fn new(
        path: Result<PathBuf, String>,
        draft_id: String,
        sender: Sender,
        backfill: Option<BackfillSettings>,
    ) -> Self {
        Self {
            path,
            draft_id,
            sender,
            backfill,
            edges: Edges::Network,
            store: None,
            task: None,
            lane_tasks: Vec::new(),
        }
    }

    /// Open the store (on its own thread) and start what follows from it.
    pub fn start(
        &mut self,
        backend: Arc<dyn Backend>,
        clock: SharedClock,
        tx: UnboundedSender<Msg>,
    ) -> Services {
        let now = clock.now();
        let (store, report) = match &self.path {
            Ok(path) => {
                let (store, report) = Store::open_in_background(path.clone(), now);
                (store, Some(report))
            }
            Err(_) => (Store::without_memory(), None),
        };
        self.store = Some(store.clone());
        let services = self.services(backend, store, clock);
        let (s, tx2) = (services.clone(), tx.clone());
        let backfill = self.backfill;
        let no_path = self.path.clone().err();
        let state_dir = self
            .path
            .as_ref()
            .ok()
            .and_then(|p| p.parent().map(PathBuf::from));
        self.task = Some(tokio::spawn(async move {
            let usable = match report {
                Some(report) => {
                    let report = report.await.unwrap_or(OpenReport::Ready {
                        path: PathBuf::new(),
                    });
                    let usable = !matches!(report, OpenReport::WithoutMemory(_));
                    let _ = tx2.send(Msg::StoreOpened {
                        problem: report.message(),
                    });
                    usable
                }
                None => {
                    let _ = tx2.send(Msg::StoreOpened {
                        problem: no_path.map(|e| format!("{e}; edgepurge runs without memory")),
                    });
                    false
                }
            };
            if !usable {
                return;
            }
            offer_drafts(&s, state_dir, &tx2).await;
            offer_unconfirmed(&s, &tx2, now).await;
            learn_account_and_backfill(s, backfill, now, tx2).await;
        }));
        services
    }

    /// Another account: what ran for the old one stops; the new one is learned and backfilled.
    pub fn switch(
        &mut self,
        old: &Services,
        backend: Arc<dyn Backend>,
        profile: Option<String>,
        tx: UnboundedSender<Msg>,
    ) -> Services {
        if let Some(task) = self.task.take() {
            task.abort();
        }
        self.sender.profile = profile;
        let services = self.services(backend, old.engine.store.clone(), old.clock.clone());
        let s = services.clone();
        let backfill = self.backfill;
        let now = old.clock.now();
        let _ = tx.send(Msg::Backfill(Backfill::Off));
        self.task = Some(tokio::spawn(async move {
            offer_unconfirmed(&s, &tx, now).await;
            learn_account_and_backfill(s, backfill, now, tx).await;
        }));
        services
    }

    /// Another account shown beside the first (`start`ed before): the same store, its own
    /// backend, and the journal's entries written as `profile`. Its unconfirmed writes are
    /// offered, and its history learned, as the first one's are.
    pub fn start_lane(
        &mut self,
        first: &Services,
        backend: Arc<dyn Backend>,
        profile: String,
        tx: UnboundedSender<Msg>,
    ) -> Services {
        let mut sender = self.sender.clone();
        sender.profile = Some(profile);
        let engine = Engine::new(
            Arc::clone(&backend),
            first.engine.store.clone(),
            Arc::clone(&first.clock),
            Origin::Dashboard,
            sender,
        );
        let services = Services {
            backend,
            engine,
            clock: Arc::clone(&first.clock),
            // The backfills wait for the user's calls on any account.
            busy: first.busy.clone(),
            draft_id: self.draft_id.clone(),
            edges: first.edges,
        };
        let (s, backfill, now) = (services.clone(), self.backfill, first.clock.now());
        self.lane_tasks.push(tokio::spawn(async move {
            // The store answers once the first account's task has opened it.
            offer_unconfirmed(&s, &tx, now).await;
            learn_account_and_backfill(s, backfill, now, tx).await;
        }));
        services
    }

    /// Leaving: the backfill stops (what it fetched is kept).
    pub fn stop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
        for task in self.lane_tasks.drain(..) {
            task.abort();
        }
    }

    fn services(&self, backend: Arc<dyn Backend>, store: Store, clock: SharedClock) -> Services {
        let engine = Engine::new(
            Arc::clone(&backend),
            store,
            Arc::clone(&clock),
            Origin::Dashboard,
            self.sender.clone(),
        );
        Services {
            backend,
            engine,
            clock,
            busy: Busy::default(),
            draft_id: self.draft_id.clone(),
            edges: self.edges,
        }
    }
}

async fn offer_drafts(s: &Services, state_dir: Option<PathBuf>, tx: &UnboundedSender<Msg>) {
    let own = s.draft_id.clone();
    let found = s
        .engine
        .store
        .call(move |c| {
            if let Some(dir) = &state_dir {
                drafts::import_legacy(c, dir)?;
            }
            Ok(drafts::all(c)?
                .into_iter()
                .filter(|d| d.id != own)
                .collect::<Vec<_>>())
        })
        .await;
    match found {
        Ok(found) if !found.is_empty() => {
            let _ = tx.send(Msg::DraftsFound(found));
        }
        Ok(_) => {}
        Err(e) => {
            let _ = tx.send(Msg::StoreOpened {
                problem: Some(format!("the saved drafts could not be read: {e}")),
            });
        }
    }
}

/// Unconfirmed writes made with this profile and endpoint (another account's are not
/// offered here: they would be sent to the wrong account), tried before `before` (the start,
/// or the switch): one tried since is on its way right now, from this dashboard (a batch sent
/// while the store was still opening) or another run, and its own answer will settle it.
async fn offer_unconfirmed(s: &Services, tx: &UnboundedSender<Msg>, before: DateTime<Utc>) {
    let here = (
        s.engine.sender.profile.clone(),
        s.engine.sender.endpoint.clone(),
    );
    let filter = journal::Filter {
        state: Some(State::Unconfirmed),
        ..journal::Filter::default()
    };
    if let Ok(entries) = s
        .engine
        .store
        .call(move |c| journal::list(c, &filter))
        .await
    {
        let mine: Vec<_> = entries
            .into_iter()
            .filter(|e| {
                (
                    e.intent.sender.profile.clone(),
                    e.intent.sender.endpoint.clone(),
                ) == here
                    && e.intent.attempted_at < before
            })
            .collect();
        if !mine.is_empty() {
            let _ = tx.send(Msg::UnconfirmedFound(mine));
        }
    }
}

async fn learn_account_and_backfill(
    s: Services,
    backfill: Option<BackfillSettings>,
    now: DateTime<Utc>,
    tx: UnboundedSender<Msg>,
) {
    let profile = s.engine.sender.profile.clone().unwrap_or_default();
    let endpoint = s.engine.sender.endpoint.clone().unwrap_or_default();
    let account = match identity(
        s.backend.as_ref(),
        &s.engine.store,
        &profile,
        &endpoint,
        now,
    )
    .await
    {
        Ok(who) => {
            let account = who.account.clone();
            let _ = s.engine.identity.set(who);
            account
        }
        Err(e) => {
            tracing::warn!(error = %e, "the account could not be told; no history this run");
            if backfill.is_some() {
                let _ = tx.send(Msg::Backfill(Backfill::Failed(e.to_string())));
            }
            return;
        }
    };
    let Some(settings) = backfill else { return };
    let targets = match all_targets(s.backend.as_ref()).await {
        Ok(targets) => targets,
        Err(e) => {
            let _ = tx.send(Msg::Backfill(Backfill::Failed(e.to_string())));
            return;
        }
    };
    let syncer = Syncer {
        backend: s.backend.clone(),
        store: s.engine.store.clone(),
        clock: s.clock.clone(),
        account,
        pace: Pace::per_second(settings.rate),
        busy: s.busy.clone(),
    };
    // Back to the month's start at least, so the month's cost can be known exactly.
    let since = (now - settings.window).min(usage::month_start(now));
    let names: Vec<String> = targets.iter().map(ToString::to_string).collect();
    send_month_use(&s, &syncer.account, &names, now, &tx).await;
    let total = targets.len();
    let mut fetched = 0;
    let mut failed = 0;
    for (done, target) in targets.iter().enumerate() {
        let _ = tx.send(Msg::Backfill(Backfill::Running {
            targets_done: done,
            targets: total,
            fetched,
        }));
        let report = |p: crate::history::Progress| {
            // Every 25 details: enough to see it move, few frames.
            if p.fetched > 0 && p.fetched.is_multiple_of(25) {
                let _ = tx.send(Msg::Backfill(Backfill::Running {
                    targets_done: done,
                    targets: total,
                    fetched: fetched + p.fetched,
                }));
            }
        };
        match syncer.target(target, since, &report).await {
            Ok(p) => {
                fetched += p.fetched;
                send_month_use(&s, &syncer.account, &names, now, &tx).await;
            }
            Err(e) => {
                failed += 1;
                tracing::warn!(target = %target, error = %e, "backfill: a target failed");
            }
        }
    }
    let _ = tx.send(Msg::Backfill(if failed == total && total > 0 {
        Backfill::Failed(format!("the history of {total} targets could not be read"))
    } else {
        Backfill::Done { targets: total }
    }));
}

/// What the history says of this month's use of the free paths (exact once every target's
/// month is known).
async fn send_month_use(
    s: &Services,
    account: &str,
    targets: &[String],
    now: DateTime<Utc>,
    tx: &UnboundedSender<Msg>,
) {
    let (a, t) = (account.to_string(), targets.to_vec());
    let (from, to) = usage::month_of(now);
    if let Ok(month) = s
        .engine
        .store
        .call(move |c| usage::month_use(c, &a, &t, from, to))
        .await
    {
        let _ = tx.send(Msg::MonthUse(month));
    }
}
