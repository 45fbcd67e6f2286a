//! The dashboard's effects on the store: drafts saved and forgotten, unconfirmed writes sent
//! again or forgotten, and invalidations served from the history when they are known (a
//! completed invalidation never changes, so it is fetched once).

use super::effects::Services;
use crate::app::msg::{Effect, Msg};
use crate::backend::BackendError;
use crate::domain::deploy::{Name, Site};
use crate::domain::invalidation::{Invalidation, Status};
use crate::domain::journal::Entry;
use crate::domain::target::{CloudFrontTarget, Target};
use crate::engine::{ResendError, Resent};
use crate::store::db::DbError;
use crate::store::drafts::{self, SavedDraft};
use crate::store::{deploys, history, journal};

pub async fn perform(effect: Effect, services: &Services) -> Option<Msg> {
    let store = &services.engine.store;
    match effect {
        Effect::SaveDraft(draft) => {
            let saved = SavedDraft {
                id: services.draft_id.clone(),
                draft,
                saved_at: services.clock.now(),
            };
            let result = store.call(move |c| drafts::save(c, &saved)).await;
            Some(Msg::DraftSaved(result))
        }
        Effect::ForgetDraft => {
            let id = services.draft_id.clone();
            forget_draft(services, id).await
        }
        Effect::ForgetDraftOf(id) => forget_draft(services, id).await,
        Effect::DraftDue { after } => {
            tokio::time::sleep(after).await;
            Some(Msg::DraftDue)
        }
        Effect::SearchHistory { request, text } => {
            let Some(account) = services.engine.account().map(str::to_string) else {
                return Some(Msg::HistorySearched {
                    request,
                    result: Err(
                        "the history is not known yet (the account is being looked up, \
                         or edgepurge runs without memory)"
                            .into(),
                    ),
                });
            };
            let query = crate::store::search::Query {
                texts: crate::store::search::spellings(&text),
                limit: 200,
                ..Default::default()
            };
            let result = store
                .call(move |c| crate::store::search::search(c, &account, &query))
                .await
                .map_err(|e| e.to_string());
            Some(Msg::HistorySearched { request, result })
        }
        Effect::LoadKnown { target, ids } => {
            let account = services.engine.account()?.to_string();
            let t = target.to_string();
            let invalidations = store
                .call(move |c| {
                    let mut known = Vec::new();
                    for id in &ids {
                        if let Some(inv) = history::details(c, &account, &t, id)?
                            && inv.status == Status::Completed
                        {
                            known.push(inv);
                        }
                    }
                    Ok(known)
                })
                .await
                .ok()?;
            Some(Msg::KnownLoaded {
                target,
                invalidations,
            })
        }
        Effect::ForgetUnconfirmed(ids) => {
            let result = store
                .call(move |c| {
                    for id in ids {
                        journal::forget(c, id)?;
                    }
                    Ok(())
                })
                .await;
            match result {
                Ok(()) | Err(DbError::WithoutMemory) => None,
                Err(e) => Some(Msg::StoreFailed(format!(
                    "the unconfirmed writes could not be forgotten ({e}); they are offered \
                     again at the next start (edgepurge resume --forget forgets them)"
                ))),
            }
        }
        Effect::Resume(entry) => resume(services, &entry).await,
        Effect::LoadDeploy {
            request,
            target,
            site,
        } => Some(Msg::DeployLoaded {
            request,
            result: last_deploy(services, &target, site).await,
            target,
        }),
        _ => None,
    }
}

/// A target's last deploy as the site's objects (their own URL paths): read and mapped on
/// the store's thread, as a deploy of a large site is many files.
async fn last_deploy(
    services: &Services,
    target: &CloudFrontTarget,
    site: Site,
) -> Result<Option<Vec<String>>, String> {
    let account = services.engine.account().map(str::to_string);
    let t = target.to_string();
    let found = services
        .engine
        .store
        .call(move |c| {
            let Some(account) = account else {
                return Ok(None);
            };
            Ok(Some(deploys::last(c, &account, &t)?.map(|files| {
                files
                    .into_keys()
                    .filter_map(|name| site.own_path(&Name::Relative(name)).ok())
                    .collect()
            })))
        })
        .await;
    match found {
        Ok(Some(objects)) => Ok(objects),
        Ok(None) => Err("the account is not known yet (it is being looked up)".into()),
        // Without memory nothing is recorded: as good as no deploy.
        Err(DbError::WithoutMemory) => Ok(None),
        Err(e) => Err(e.to_string()),
    }
}

async fn forget_draft(services: &Services, id: String) -> Option<Msg> {
    let result = services
        .engine
        .store
        .call(move |c| drafts::forget(c, &id))
        .await;
    // Without memory there is nothing to forget.
    match result {
        Ok(()) | Err(DbError::WithoutMemory) => None,
        Err(e) => Some(Msg::StoreFailed(format!(
            "the batch could not be removed from the saved drafts ({e}); it will be offered \
             again at the next start"
        ))),
    }
}

/// Send one unconfirmed entry again with its own reference.
async fn resume(services: &Services, entry: &Entry) -> Option<Msg> {
    let caller_reference = entry.intent.caller_reference.clone();
    match services.engine.send_again(entry).await {
        Ok(Resent::Invalidation {
            target,
            invalidation,
        }) => Some(Msg::Resumed {
            target,
            caller_reference,
            result: Ok(invalidation),
        }),
        // A reset's operation is followed from the CLI; here it is only sent again.
        Ok(Resent::Reset { .. }) => None,
        Err(e) => match entry.intent.target.parse::<Target>() {
            Ok(Target::CloudFront(target)) => Some(Msg::Resumed {
                target,
                caller_reference,
                result: Err(match e {
                    ResendError::Failed { error, .. } => error.to_string(),
                    other => other.to_string(),
                }),
            }),
            _ => {
                tracing::warn!(error = %e, "an unconfirmed write could not be sent again");
                None
            }
        },
    }
}

/// An invalidation in full: from the history when it is known and final, else from the
/// account (and then kept).
pub async fn invalidation(
    services: &Services,
    target: &CloudFrontTarget,
    id: &str,
) -> Result<Invalidation, BackendError> {
    if let Some(account) = services.engine.account() {
        let (a, t, i) = (account.to_string(), target.to_string(), id.to_string());
        if let Ok(Some(known)) = services
            .engine
            .store
            .call(move |c| history::details(c, &a, &t, &i))
            .await
            && known.status == Status::Completed
        {
            return Ok(known);
        }
    }
    let fetched = services.backend.get_invalidation(target, id).await?;
    remember(services, target, &fetched).await;
    Ok(fetched)
}

/// Keep an invalidation's details in the history (once the account is known).
pub async fn remember(services: &Services, target: &CloudFrontTarget, inv: &Invalidation) {
    let Some(account) = services.engine.account() else {
        return;
    };
    let (a, t, inv, now) = (
        account.to_string(),
        target.to_string(),
        inv.clone(),
        services.clock.now(),
    );
    let _ = services
        .engine
        .store
        .call(move |c| history::record_details(c, &a, &t, &inv, now))
        .await;
}
