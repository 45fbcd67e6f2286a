//! What a subcommand that talks to an account needs: a small runtime, the backend the global
//! flags ask for, the clock, and how often to poll. Built only when the command needs them,
//! and without I/O: the AWS configuration loads on the first call.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use super::GlobalArgs;
use super::output::{Failure, say};
use crate::backend::Backend;
use crate::clock::{SharedClock, TokioClock};
use crate::domain::journal::{Origin, Sender};
use crate::domain::poll::PollSchedule;
use crate::engine::{Engine, who};
use crate::store::db::Store;

/// How long a command waits, once per profile, to learn which account it works on.
const IDENTITY_WAIT: Duration = Duration::from_secs(3);

/// Polls of the demo account never come closer than this, however fast it runs.
const DEMO_POLL_FLOOR: Duration = Duration::from_millis(20);

/// The backend and the rhythm of a run, and the engine every write goes through.
pub struct Session {
    pub backend: Arc<dyn Backend>,
    pub clock: SharedClock,
    pub schedule: PollSchedule,
    /// Without memory until [`Session::remember`] opens the store.
    pub engine: Engine,
}

impl Session {
    /// The session the global flags ask for; call it inside the runtime (the clock follows
    /// tokio's).
    pub fn new(global: &GlobalArgs) -> Result<Self, Failure> {
        let clock: SharedClock = Arc::new(TokioClock::system());
        let connection = super::connect(global, Arc::clone(&clock))
            .map_err(|e| Failure::failed(e.to_string()))?;
        if let Some(warning) = &connection.warning {
            say!("edgepurge: {warning}");
        }
        let backend = connection.backend;
        // The demo's invalidations complete `--demo-speed` times faster than real ones: its
        // polls come as much sooner, so a sped-up demo finishes as fast as it runs.
        let schedule = if global.demo {
            let speed = global.demo_args.settings().speed;
            PollSchedule::default().faster(speed, DEMO_POLL_FLOOR)
        } else {
            PollSchedule::default()
        };
        let sender = super::memory::sender(global, who::command_line());
        Ok(Self::on(backend, clock, schedule, sender))
    }

    /// A session on a ready backend, without memory.
    pub fn on(
        backend: Arc<dyn Backend>,
        clock: SharedClock,
        schedule: PollSchedule,
        sender: Sender,
    ) -> Self {
        let engine = Engine::new(
            Arc::clone(&backend),
            Store::without_memory(),
            Arc::clone(&clock),
            Origin::Cli,
            sender,
        );
        Self {
            backend,
            clock,
            schedule,
            engine,
        }
    }

    /// Open the store (said once if it cannot be used): from here on, writes are journaled.
    pub async fn remember(&mut self, global: &GlobalArgs) {
        self.engine.store = super::memory::open(global, self.clock.now()).await;
        // Who the account is: asked of STS the first time a profile is used, then read from
        // the store, so the journal says it without a call on every purge. A slow or failing
        // STS is not waited for long: the run goes on, its entries without the account.
        let profile = self.engine.sender.profile.clone().unwrap_or_default();
        let endpoint = self.engine.sender.endpoint.clone().unwrap_or_default();
        let asked = crate::history::identity(
            self.backend.as_ref(),
            &self.engine.store,
            &profile,
            &endpoint,
            self.clock.now(),
        );
        match tokio::time::timeout(IDENTITY_WAIT, asked).await {
            Ok(Ok(who)) => {
                let _ = self.engine.identity.set(who);
            }
            Ok(Err(e)) => tracing::warn!(error = %e, "the account could not be told"),
            Err(_) => tracing::warn!("STS did not answer in time; the account is not recorded"),
        }
    }

    /// The store in use (without memory before [`Session::remember`]).
    pub fn store(&self) -> &Store {
        &self.engine.store
    }
}

/// Run `work` to its end on a runtime of one thread (a CLI run does a few calls at a time).
pub fn block_on<F: Future<Output = Result<u8, Failure>>>(work: F) -> Result<u8, Failure> {
    runtime()?.block_on(work)
}

/// The runtime [`block_on`] uses, for a command that works in several steps on one session.
pub fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::failed(format!("cannot start: {e}")))
}
