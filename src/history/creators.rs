//! Who created an invalidation, asked where it is cheapest first: edgepurge's journal (what
//! it sent itself), then what CloudTrail said before (kept in the store), then CloudTrail.
//! Whatever CloudTrail answers for the time around it is kept, neighbours included, so the
//! rows near one looked up are known without asking again.

use chrono::{DateTime, Utc};

use crate::backend::{Backend, BackendError};
use crate::domain::creator::{Who, beyond_cloudtrail, not_found_is_final, window};
use crate::domain::target::CloudFrontTarget;
use crate::store::db::Store;
use crate::store::{creators, journal};

/// What is asked: one invalidation of a target, made at `create_time`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question<'a> {
    pub target: &'a CloudFrontTarget,
    pub id: &'a str,
    pub create_time: DateTime<Utc>,
    /// The account the store keeps CloudTrail's answers under; None: nothing is kept.
    pub account: Option<&'a str>,
    pub now: DateTime<Utc>,
}

/// Who created it: the journal's sender, CloudTrail's event, or that CloudTrail has none.
/// With `cloudtrail` false only the journal is read (None when it does not know).
pub async fn who_created(
    backend: &dyn Backend,
    store: &Store,
    q: &Question<'_>,
    cloudtrail: bool,
) -> Result<Option<Who>, BackendError> {
    let (target, id) = (q.target.to_string(), q.id.to_string());
    // A store that fails never stops the product: its answers are only skipped.
    let sent = {
        let (t, i) = (target.clone(), id.clone());
        store.call(move |c| journal::sent_by(c, &t, &i)).await
    };
    if let Ok(Some(who)) = sent {
        return Ok(Some(who));
    }
    if !cloudtrail {
        return Ok(None);
    }
    if let Some(account) = q.account {
        let (a, t, i) = (account.to_string(), target.clone(), id.clone());
        match store.call(move |c| creators::known(c, &a, &t, &i)).await {
            Ok(Some(Who::NotFound { looked_at }))
                if !not_found_is_final(q.create_time, looked_at) => {}
            Ok(Some(known)) => return Ok(Some(known)),
            _ => {}
        }
    }
    if beyond_cloudtrail(q.create_time, q.now) {
        return Ok(Some(Who::NotFound { looked_at: q.now }));
    }
    let (since, until) = window(q.create_time);
    let found = backend.creators(q.target, since, until).await?;
    let answer = found
        .iter()
        .find(|c| c.invalidation_id == q.id)
        .cloned()
        .map_or(Who::NotFound { looked_at: q.now }, Who::Found);
    if let Some(account) = q.account {
        let (a, now) = (account.to_string(), q.now);
        let asked = vec![id];
        let _ = store
            .call(move |c| creators::record(c, &a, &target, &asked, &found, now))
            .await;
    }
    Ok(Some(answer))
}

#[cfg(test)]
mod tests;
