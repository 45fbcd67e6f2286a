//! The work effects ask for, each run as its own task, off the UI path
//! (backend calls, and the store on its own thread), and its answer comes back as a `Msg`
//! naming the request it answers.

use std::sync::Arc;

use crate::app::model::EdgeReport;
use crate::app::msg::{Effect, Msg};
use crate::backend::edge::Edge;
use crate::backend::edge::check::{self, Bases};
use crate::backend::edge::demo::DemoEdge;
use crate::backend::edge::hosts::hosts_of;
use crate::backend::edge::http::HttpEdge;
use crate::backend::{Backend, in_progress_load};
use crate::clock::SharedClock;
use crate::domain::edge::DEFAULT_SAMPLE;
use crate::domain::invalidation::Invalidation;
use crate::domain::target::CloudFrontTarget;
use crate::engine::Engine;
use crate::history::Busy;
use crate::history::known::objects_under_wildcards;

/// What effects run against: the account, the engine every write goes through (with the
/// store), the clock, and the history's bookkeeping.
#[derive(Clone)]
pub struct Services {
    pub backend: Arc<dyn Backend>,
    pub engine: Engine,
    pub clock: SharedClock,
    /// The user's calls in flight: the backfill waits while there are any.
    pub busy: Busy,
    /// This dashboard's own draft in the store.
    pub draft_id: String,
    /// Which edges `v` asks.
    pub edges: Edges,
}

/// Which edges are asked about a completed invalidation: the demo account's simulated ones,
/// or the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Edges {
    #[default]
    Network,
    Demo,
}

impl Services {
    /// Ask the target's edges about `inv`'s paths (a sample, as `edgepurge verify` asks).
    async fn check_edge(
        &self,
        target: &CloudFrontTarget,
        inv: &Invalidation,
    ) -> Result<EdgeReport, String> {
        let hosts = hosts_of(self.backend.as_ref(), target)
            .await
            .map_err(|e| format!("its hosts could not be read: {e}"))?;
        if hosts.is_empty() {
            return Err("the account lists no domain for it: there is no URL to ask".into());
        }
        let edge: Arc<dyn Edge> = match self.edges {
            Edges::Demo => Arc::new(DemoEdge::new(
                Arc::clone(&self.backend),
                Arc::clone(&self.clock),
            )),
            // Reading the system's root certificates is disk work: not on the UI's path.
            Edges::Network => Arc::new(
                tokio::task::spawn_blocking(HttpEdge::new)
                    .await
                    .map_err(|e| e.to_string())?,
            ),
        };
        let known = objects_under_wildcards(
            &self.engine.store,
            self.engine.account(),
            target,
            &inv.items,
        )
        .await;
        let bases = Bases::on_hosts(hosts);
        let clock = Arc::clone(&self.clock);
        Ok(check::verify(
            edge.as_ref(),
            inv,
            &bases,
            &known,
            DEFAULT_SAMPLE,
            move || clock.now(),
        )
        .await)
    }
}

impl Services {
    /// Services on `backend` that remember nothing (tests).
    #[cfg(test)]
    pub fn without_memory(backend: Arc<dyn Backend>, clock: SharedClock) -> Self {
        let engine = Engine::new(
            Arc::clone(&backend),
            crate::store::db::Store::without_memory(),
            Arc::clone(&clock),
            crate::domain::journal::Origin::Dashboard,
            crate::domain::journal::Sender::default(),
        );
        Self {
            backend,
            engine,
            clock,
            busy: Busy::default(),
            draft_id: "dashboard".into(),
            edges: Edges::Demo,
        }
    }
}

/// Do the work an effect asks for and return the answer as a message. What touches the
/// terminal (render, quit, notify) or the account choice is `Runtime::run`'s own: no answer.
pub async fn perform(effect: Effect, services: &Services) -> Option<Msg> {
    let backend = services.backend.as_ref();
    let clock = services.clock.as_ref();
    // The backfill waits while the user waits on one of these.
    let _busy = is_users_call(&effect).then(|| services.busy.enter());
    let msg = match effect {
        Effect::Render
        | Effect::Quit
        | Effect::Notify { .. }
        | Effect::Copy(_)
        | Effect::LoadProfiles { .. }
        | Effect::SwitchAccount { .. }
        | Effect::StopSending(_) => return None,
        // `Runtime::run` unwraps it and runs what it holds on its account's services.
        Effect::On { effect, .. } => return Box::pin(perform(*effect, services)).await,
        Effect::SaveDraft(_)
        | Effect::ForgetDraft
        | Effect::ForgetDraftOf(_)
        | Effect::DraftDue { .. }
        | Effect::Resume(_)
        | Effect::LoadKnown { .. }
        | Effect::SearchHistory { .. }
        | Effect::LoadDeploy { .. }
        | Effect::ForgetUnconfirmed(_) => return super::store::perform(effect, services).await,
        Effect::RunHook { command, env } => Msg::HookRan(super::hook::run(&command, &env).await),
        Effect::Export { path, contents } => Msg::Exported(
            tokio::task::spawn_blocking(move || write_new(&path, &contents))
                .await
                .unwrap_or_else(|e| Err(e.to_string())),
        ),
        Effect::LoadDistributions { request } => Msg::DistributionsLoaded {
            request,
            result: backend.list_distributions().await,
        },
        Effect::LoadTenants {
            request,
            distribution_id,
        } => Msg::TenantsLoaded {
            request,
            result: backend.list_tenants(&distribution_id).await,
            distribution_id,
        },
        Effect::LoadInProgressCount {
            request,
            distribution_id,
        } => Msg::InProgressCountLoaded {
            request,
            result: backend.in_progress_count(&distribution_id).await,
            distribution_id,
        },
        Effect::RecheckInProgress {
            request,
            distribution_id,
            after,
        } => {
            tokio::time::sleep(after).await;
            Msg::InProgressCountLoaded {
                request,
                result: backend.in_progress_count(&distribution_id).await,
                distribution_id,
            }
        }
        Effect::LoadLightsail { request } => Msg::LightsailLoaded {
            request,
            result: backend.list_lightsail_distributions().await,
        },
        Effect::LoadInvalidations {
            request,
            target,
            page,
        } => Msg::InvalidationsLoaded {
            request,
            result: backend.list_invalidations(&target, &page).await,
            target,
        },
        Effect::LoadInvalidation {
            request,
            target,
            id,
        } => Msg::InvalidationLoaded {
            request,
            result: super::store::invalidation(services, &target, &id).await,
            target,
            id,
        },
        Effect::LookupCreator {
            request,
            target,
            id,
            create_time,
            cloudtrail,
        } => {
            let question = crate::history::creators::Question {
                target: &target,
                id: &id,
                create_time,
                account: services.engine.account(),
                now: clock.now(),
            };
            let result = crate::history::creators::who_created(
                backend,
                &services.engine.store,
                &question,
                cloudtrail,
            )
            .await;
            Msg::CreatorFound {
                request,
                target,
                id,
                result,
            }
        }
        Effect::CheckEdge {
            request,
            target,
            invalidation,
        } => Msg::EdgeChecked {
            request,
            result: services.check_edge(&target, &invalidation).await,
            target,
            id: invalidation.id,
        },
        Effect::LoadLatestReset { request, name } => Msg::LatestResetLoaded {
            request,
            result: backend.latest_lightsail_cache_reset(&name).await,
            name,
        },
        Effect::Wake { request, after } => {
            tokio::time::sleep(after).await;
            Msg::DetailsDue { request }
        }
        Effect::LoadOfTarget { request, target } => Msg::LoadOfTargetLoaded {
            request,
            result: in_progress_load(backend, &target).await,
            target,
        },
        Effect::Create {
            request,
            target,
            part,
        } => Msg::Created {
            request,
            result: services
                .engine
                .create(&target, &part)
                .await
                .map(|made| made.invalidation),
        },
        Effect::Poll {
            request,
            target,
            id,
            after,
        } => {
            tokio::time::sleep(after).await;
            let result = backend.get_invalidation(&target, &id).await;
            if let Ok(inv) = &result {
                super::store::remember(services, &target, inv).await;
            }
            Msg::Polled {
                request,
                target,
                id,
                at: clock.now(),
                result,
            }
        }
        Effect::ResetCache { request, name } => Msg::ResetStarted {
            request,
            result: match services.engine.reset(&name).await {
                Ok((op, _)) => Ok(op),
                Err(e) => Err(e.backend().cloned().unwrap_or_else(|| {
                    crate::backend::BackendError::Other {
                        code: "Journal".into(),
                        message: e.to_string(),
                    }
                })),
            },
            name,
        },
        Effect::PollOperation {
            request,
            name,
            operation,
            after,
        } => {
            tokio::time::sleep(after).await;
            let result = backend.get_lightsail_operation(&operation).await;
            Msg::OperationPolled {
                request,
                name,
                operation,
                at: clock.now(),
                result,
            }
        }
    };
    Some(msg)
}

/// Calls the user is waiting on (not timers, not the store).
fn is_users_call(effect: &Effect) -> bool {
    matches!(
        effect,
        Effect::LoadDistributions { .. }
            | Effect::LoadTenants { .. }
            | Effect::LoadLightsail { .. }
            | Effect::LoadInProgressCount { .. }
            | Effect::LoadInvalidations { .. }
            | Effect::LoadInvalidation { .. }
            | Effect::LoadLatestReset { .. }
            | Effect::LoadOfTarget { .. }
            | Effect::Create { .. }
            | Effect::ResetCache { .. }
    )
}

/// A new file with `contents`, never over an existing one (a taken name gets `-2`, `-3`…);
/// its path as written.
fn write_new(path: &std::path::Path, contents: &str) -> std::result::Result<String, String> {
    use std::io::{ErrorKind, Write};
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let extension = path.extension().unwrap_or_default().to_string_lossy();
    for n in 1..100 {
        let candidate = if n == 1 {
            path.to_path_buf()
        } else {
            path.with_file_name(format!("{stem}-{n}.{extension}"))
        };
        let opened = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate);
        let mut file = match opened {
            Ok(file) => file,
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(format!("{}: {e}", candidate.display())),
        };
        file.write_all(contents.as_bytes())
            .map_err(|e| format!("{}: {e}", candidate.display()))?;
        return Ok(candidate.display().to_string());
    }
    Err(format!(
        "{}: that name and 98 numbered ones are taken",
        path.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::write_new;

    #[test]
    fn an_export_never_writes_over_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("edgepurge-E1-20261130T120000Z.csv");
        std::fs::write(&path, "mine").unwrap();
        let written = write_new(&path, "id\n").unwrap();
        assert!(
            written.ends_with("edgepurge-E1-20261130T120000Z-2.csv"),
            "{written}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
        assert_eq!(std::fs::read_to_string(&written).unwrap(), "id\n");
    }
}
