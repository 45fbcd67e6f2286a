//! The only place the dashboard starts I/O: each backend effect runs as its own task, off the
//! UI path, and its answer comes back as a `Msg` naming the request it answers.

use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;

use super::msg::{Effect, Msg};
use crate::backend::retry::{RetryPolicy, create_invalidation_once};
use crate::backend::{Backend, in_progress_load};
use crate::clock::SharedClock;

/// Start the work an effect asks for, as its own task.
pub fn spawn(
    effect: Effect,
    backend: Arc<dyn Backend>,
    clock: SharedClock,
    tx: UnboundedSender<Msg>,
) {
    tokio::spawn(async move {
        if let Some(msg) = perform(effect, backend.as_ref(), clock.as_ref()).await {
            // The loop may be gone (quitting): then nobody needs the answer.
            let _ = tx.send(msg);
        }
    });
}

/// Do the work an effect asks for and return the answer as a message. What touches the
/// terminal or the disk (render, quit, notify, drafts) belongs to the event loop: no answer.
pub async fn perform(
    effect: Effect,
    backend: &dyn Backend,
    clock: &dyn crate::clock::Clock,
) -> Option<Msg> {
    let msg = match effect {
        Effect::Render
        | Effect::Quit
        | Effect::Notify { .. }
        | Effect::SaveDraft(_)
        | Effect::ForgetDraft
        | Effect::LoadProfiles
        | Effect::SwitchAccount { .. } => return None,
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
            result: backend.get_invalidation(&target, &id).await,
            target,
            id,
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
            items,
            caller_reference,
        } => Msg::Created {
            request,
            result: create_invalidation_once(
                backend,
                &target,
                &items,
                &caller_reference,
                RetryPolicy::default(),
            )
            .await,
        },
        Effect::Poll {
            request,
            target,
            id,
            after,
        } => {
            tokio::time::sleep(after).await;
            let result = backend.get_invalidation(&target, &id).await;
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
            result: backend.reset_lightsail_cache(&name).await,
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
