//! The only place the dashboard starts I/O: each backend effect runs as its own task, off the
//! UI path, and its answer comes back as a `Msg` naming the request it answers.

use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;

use super::msg::{Effect, Msg};
use crate::backend::Backend;

/// Start the work an effect asks for, as its own task.
pub fn spawn(effect: Effect, backend: Arc<dyn Backend>, tx: UnboundedSender<Msg>) {
    tokio::spawn(async move {
        if let Some(msg) = perform(effect, backend.as_ref()).await {
            // The loop may be gone (quitting): then nobody needs the answer.
            let _ = tx.send(msg);
        }
    });
}

/// Do the work an effect asks for and return the answer as a message. `Render` and `Quit`
/// belong to the event loop: they have none.
pub async fn perform(effect: Effect, backend: &dyn Backend) -> Option<Msg> {
    let msg = match effect {
        Effect::Render | Effect::Quit => return None,
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
    };
    Some(msg)
}
