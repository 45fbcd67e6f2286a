//! The history of invalidations as AWS reported them, kept per account: summaries from the
//! lists, details (items, caller reference) once fetched. A completed invalidation never
//! changes, so its details are fetched once and never again.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::db::DbError;
use super::journal::{rfc3339, time};
use crate::domain::invalidation::{Invalidation, InvalidationSummary, Status};

/// Record what a list page said. New rows start without details; a known row gets its new
/// status.
pub fn record_summaries(
    c: &mut Connection,
    account: &str,
    target: &str,
    summaries: &[InvalidationSummary],
) -> Result<(), DbError> {
    let tx = c
        .transaction()
        .map_err(DbError::failed("record the list"))?;
    {
        let mut s = tx
            .prepare_cached(
                "INSERT INTO invalidations (account, target, id, create_time, status) \
                 VALUES (?1, ?2, ?3, ?4, ?5) \
                 ON CONFLICT (account, target, id) DO UPDATE SET status = excluded.status",
            )
            .map_err(DbError::failed("record the list"))?;
        for inv in summaries {
            s.execute(params![
                account,
                target,
                inv.id,
                rfc3339(inv.create_time),
                inv.status.as_str()
            ])
            .map_err(DbError::failed("record the list"))?;
        }
    }
    tx.commit().map_err(DbError::failed("record the list"))
}

/// Record an invalidation in full. Its items are stored the first time only (they never
/// change); its status every time.
pub fn record_details(
    c: &mut Connection,
    account: &str,
    target: &str,
    inv: &Invalidation,
    at: DateTime<Utc>,
) -> Result<(), DbError> {
    let tx = c
        .transaction()
        .map_err(DbError::failed("record the details"))?;
    let (row, had_items): (i64, bool) = tx
        .query_row(
            "INSERT INTO invalidations (account, target, id, create_time, status, \
                caller_reference, item_count, details_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
             ON CONFLICT (account, target, id) DO UPDATE SET status = excluded.status, \
                caller_reference = excluded.caller_reference, \
                item_count = excluded.item_count, details_at = excluded.details_at \
             RETURNING row, (SELECT count(*) > 0 FROM invalidation_items \
                WHERE invalidation = invalidations.row)",
            params![
                account,
                target,
                inv.id,
                rfc3339(inv.create_time),
                inv.status.as_str(),
                inv.caller_reference,
                inv.items.len() as i64,
                rfc3339(at)
            ],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(DbError::failed("record the details"))?;
    if !had_items {
        let mut s = tx
            .prepare_cached(
                "INSERT INTO invalidation_items (invalidation, item, wildcard_prefix) \
                 VALUES (?1, ?2, ?3)",
            )
            .map_err(DbError::failed("record the details"))?;
        for item in &inv.items {
            let prefix = item.strip_suffix('*');
            s.execute(params![row, item, prefix])
                .map_err(DbError::failed("record the details"))?;
        }
    }
    tx.commit().map_err(DbError::failed("record the details"))
}

/// An invalidation whose details are known, as stored; None when they are not.
pub fn details(
    c: &Connection,
    account: &str,
    target: &str,
    id: &str,
) -> Result<Option<Invalidation>, DbError> {
    let head = c
        .query_row(
            "SELECT row, create_time, status, caller_reference FROM invalidations \
             WHERE account = ?1 AND target = ?2 AND id = ?3 AND details_at IS NOT NULL",
            params![account, target, id],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    time(r, "create_time")?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            },
        )
        .optional()
        .map_err(DbError::failed("read the history"))?;
    let Some((row, create_time, status, caller_reference)) = head else {
        return Ok(None);
    };
    let items = items_of(c, row)?;
    Ok(Some(Invalidation {
        id: id.to_string(),
        status: Status::parse(&status),
        create_time: create_time.unwrap_or_default(),
        caller_reference: caller_reference.unwrap_or_default(),
        items,
    }))
}

fn items_of(c: &Connection, row: i64) -> Result<Vec<String>, DbError> {
    let mut s = c
        .prepare_cached("SELECT item FROM invalidation_items WHERE invalidation = ?1 ORDER BY row")
        .map_err(DbError::failed("read the history"))?;
    let items = s
        .query_map([row], |r| r.get(0))
        .map_err(DbError::failed("read the history"))?
        .collect::<Result<Vec<String>, _>>()
        .map_err(DbError::failed("read the history"))?;
    Ok(items)
}

/// The ids of a target's invalidations created since `since` whose details are still to be
/// fetched (never fetched, or fetched while in progress), newest first.
pub fn wanting_details(
    c: &Connection,
    account: &str,
    target: &str,
    since: DateTime<Utc>,
) -> Result<Vec<String>, DbError> {
    let mut s = c
        .prepare_cached(
            "SELECT id FROM invalidations WHERE account = ?1 AND target = ?2 \
                AND create_time >= ?3 \
                AND (details_at IS NULL OR lower(status) != 'completed') \
             ORDER BY create_time DESC",
        )
        .map_err(DbError::failed("read the history"))?;
    let ids = s
        .query_map(params![account, target, rfc3339(since)], |r| r.get(0))
        .map_err(DbError::failed("read the history"))?
        .collect::<Result<Vec<String>, _>>()
        .map_err(DbError::failed("read the history"))?;
    Ok(ids)
}

/// How far back a target's list is known completely.
pub fn coverage(
    c: &Connection,
    account: &str,
    target: &str,
) -> Result<Option<DateTime<Utc>>, DbError> {
    Ok(coverage_and_sync(c, account, target)?.map(|(since, _)| since))
}

/// Since when a target's list is known completely, and when it was last synced.
pub type Coverage = (DateTime<Utc>, DateTime<Utc>);

/// How far back a target's list is known completely, and when it was last synced.
pub fn coverage_and_sync(
    c: &Connection,
    account: &str,
    target: &str,
) -> Result<Option<Coverage>, DbError> {
    c.query_row(
        "SELECT since, synced_at FROM history_coverage WHERE account = ?1 AND target = ?2",
        params![account, target],
        |r| Ok(time(r, "since")?.zip(time(r, "synced_at")?)),
    )
    .optional()
    .map(Option::flatten)
    .map_err(DbError::failed("read the history"))
}

/// Every invalidation created since `since` is stored (summaries and details), as of `at`.
/// Joined to what was known when the two overlap (invalidations never change once made, and
/// new ones only come after the last sync); else the older, disjoint span is let go.
pub fn record_coverage(
    c: &Connection,
    account: &str,
    target: &str,
    since: DateTime<Utc>,
    at: DateTime<Utc>,
) -> Result<(), DbError> {
    c.execute(
        "INSERT INTO history_coverage (account, target, since, synced_at) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (account, target) DO UPDATE SET synced_at = excluded.synced_at, \
            since = CASE WHEN excluded.since <= synced_at THEN min(since, excluded.since) \
                ELSE excluded.since END",
        params![account, target, rfc3339(since), rfc3339(at)],
    )
    .map(drop)
    .map_err(DbError::failed("record the history's coverage"))
}

/// Exact paths this target's stored invalidations purged that begin with `prefix` (what is
/// known of its objects under a wildcard), at most `limit`, in order.
pub fn paths_under(
    c: &Connection,
    account: &str,
    target: &str,
    prefix: &str,
    limit: usize,
) -> Result<Vec<String>, DbError> {
    let mut s = c
        .prepare_cached(
            "SELECT DISTINCT x.item FROM invalidation_items x \
             JOIN invalidations i ON i.row = x.invalidation \
             WHERE i.account = ?1 AND i.target = ?2 AND x.wildcard_prefix IS NULL \
               AND substr(x.item, 1, 1) = '/' AND substr(x.item, 1, length(?3)) = ?3 \
             ORDER BY x.item LIMIT ?4",
        )
        .map_err(DbError::failed("read the history"))?;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    s.query_map(params![account, target, prefix, limit], |r| r.get(0))
        .map_err(DbError::failed("read the history"))?
        .collect::<Result<Vec<String>, _>>()
        .map_err(DbError::failed("read the history"))
}

#[cfg(test)]
mod tests;
