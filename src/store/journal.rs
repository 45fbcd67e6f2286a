//! The journal table: intents recorded before a write is sent, answers after. Each function is
//! one short transaction, so two dashboards and a CLI can write side by side.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::db::DbError;
use crate::domain::creator::Who;
use crate::domain::journal::{Entry, Intent, Kind, Origin, Sender, State, items_hash};

/// Record an intent before its first request. The same reference and target again (a retry,
/// a resume) is the same entry: it becomes unconfirmed again and counts one more try.
pub fn record_intent(c: &Connection, intent: &Intent) -> Result<i64, DbError> {
    let items = serde_json::to_string(&intent.items).map_err(|e| DbError::Failed {
        action: "record the intent",
        message: e.to_string(),
    })?;
    let s = &intent.sender;
    let id = c
        .query_row(
            "INSERT INTO journal (caller_reference, batch_reference, part, parts, target, kind, \
                items, items_hash, state, attempted_at, origin, command, user, caller_arn, \
                account, profile, endpoint) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'unconfirmed', ?9, ?10, ?11, ?12, ?13, ?14, \
                ?15, ?16) \
             ON CONFLICT (caller_reference, target) DO UPDATE SET \
                state = CASE WHEN state = 'sent' THEN 'sent' ELSE 'unconfirmed' END, \
                tries = tries + 1, \
                reported_at = NULL, \
                caller_arn = coalesce(excluded.caller_arn, caller_arn), \
                account = coalesce(excluded.account, account) \
             RETURNING id",
            params![
                intent.caller_reference,
                intent.batch_reference,
                intent.part as i64,
                intent.parts as i64,
                intent.target,
                intent.kind.as_str(),
                items,
                items_hash(&intent.items),
                rfc3339(intent.attempted_at),
                intent.origin.as_str(),
                s.command,
                s.user,
                s.caller_arn,
                s.account,
                s.profile,
                s.endpoint,
            ],
            |r| r.get(0),
        )
        .map_err(DbError::failed("record the intent"))?;
    tracing::info!(
        journal = id,
        target = %intent.target,
        caller_reference = %intent.caller_reference,
        items = intent.items.len(),
        "journal: intent recorded"
    );
    Ok(id)
}

/// The invalidation (or operation) exists.
pub fn record_sent(
    c: &Connection,
    id: i64,
    invalidation_id: &str,
    status: &str,
    at: DateTime<Utc>,
) -> Result<(), DbError> {
    c.execute(
        "UPDATE journal SET state = 'sent', invalidation_id = ?2, status = ?3, \
            answered_at = ?4, error = NULL WHERE id = ?1",
        params![id, invalidation_id, status, rfc3339(at)],
    )
    .map_err(DbError::failed("record the answer"))?;
    tracing::info!(journal = id, invalidation_id, status, "journal: sent");
    Ok(())
}

/// The service refused: nothing was made.
pub fn record_failed(
    c: &Connection,
    id: i64,
    error: &str,
    at: DateTime<Utc>,
) -> Result<(), DbError> {
    c.execute(
        "UPDATE journal SET state = 'failed', error = ?2, answered_at = ?3 \
         WHERE id = ?1 AND state != 'sent'",
        params![id, error, rfc3339(at)],
    )
    .map_err(DbError::failed("record the failure"))?;
    tracing::info!(journal = id, error, "journal: failed");
    Ok(())
}

/// No answer could be had (retries ran out, the network failed): it stays unconfirmed, with
/// the reason kept for the user.
pub fn record_unanswered(c: &Connection, id: i64, error: &str) -> Result<(), DbError> {
    c.execute(
        "UPDATE journal SET error = ?2 WHERE id = ?1 AND state = 'unconfirmed'",
        params![id, error],
    )
    .map_err(DbError::failed("record the failure"))?;
    tracing::info!(journal = id, error, "journal: still unconfirmed");
    Ok(())
}

/// The outcome reached the user (the CLI's output was written).
pub fn record_reported(c: &Connection, ids: &[i64], at: DateTime<Utc>) -> Result<(), DbError> {
    for id in ids {
        c.execute(
            "UPDATE journal SET reported_at = ?2 WHERE id = ?1",
            params![id, rfc3339(at)],
        )
        .map_err(DbError::failed("record the report"))?;
    }
    Ok(())
}

/// The user chose not to send an unconfirmed entry again.
pub fn forget(c: &Connection, id: i64) -> Result<bool, DbError> {
    let n = c
        .execute(
            "UPDATE journal SET state = 'forgotten' WHERE id = ?1 AND state = 'unconfirmed'",
            params![id],
        )
        .map_err(DbError::failed("forget the entry"))?;
    tracing::info!(journal = id, "journal: forgotten");
    Ok(n > 0)
}

/// Which entries to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub since: Option<DateTime<Utc>>,
    pub state: Option<State>,
    pub caller_reference: Option<String>,
}

/// Entries newest first.
pub fn list(c: &Connection, filter: &Filter) -> Result<Vec<Entry>, DbError> {
    let mut s = c
        .prepare_cached(
            "SELECT * FROM journal \
             WHERE (?1 IS NULL OR attempted_at >= ?1) AND (?2 IS NULL OR state = ?2) \
               AND (?3 IS NULL OR caller_reference = ?3 OR batch_reference = ?3) \
             ORDER BY attempted_at DESC, id DESC",
        )
        .map_err(DbError::failed("read the journal"))?;
    let rows = s
        .query_map(
            params![
                filter.since.map(rfc3339),
                filter.state.map(State::as_str),
                filter.caller_reference
            ],
            entry,
        )
        .map_err(DbError::failed("read the journal"))?;
    rows.collect::<Result<_, _>>()
        .map_err(DbError::failed("read the journal"))
}

/// An earlier attempt at the same part for the same target, made since `since`, of a run that
/// did not finish: one of its entries (for any target) is unconfirmed, failed, or sent but never
/// reported. Sending again with its reference cannot make a second invalidation, on the targets
/// it reached as on the others.
pub fn resumable(
    c: &Connection,
    target: &str,
    items: &[String],
    part: usize,
    parts: usize,
    since: DateTime<Utc>,
) -> Result<Option<Entry>, DbError> {
    c.query_row(
        "SELECT * FROM journal AS j WHERE target = ?1 AND items_hash = ?2 AND part = ?3 \
            AND parts = ?4 AND attempted_at >= ?5 AND state != 'forgotten' \
            AND EXISTS (SELECT 1 FROM journal AS run \
                WHERE run.batch_reference = j.batch_reference \
                  AND (run.state IN ('unconfirmed', 'failed') \
                       OR (run.state = 'sent' AND run.reported_at IS NULL))) \
         ORDER BY attempted_at DESC, id DESC LIMIT 1",
        params![
            target,
            items_hash(items),
            part as i64,
            parts as i64,
            rfc3339(since)
        ],
        entry,
    )
    .optional()
    .map_err(DbError::failed("read the journal"))
}

/// Who sent an invalidation, when edgepurge did (the newest entry that made it).
pub fn sent_by(
    c: &Connection,
    target: &str,
    invalidation_id: &str,
) -> Result<Option<Who>, DbError> {
    c.query_row(
        "SELECT user, caller_arn FROM journal \
         WHERE target = ?1 AND invalidation_id = ?2 AND state = 'sent' AND kind = 'invalidation' \
         ORDER BY attempted_at DESC, id DESC LIMIT 1",
        params![target, invalidation_id],
        |r| {
            Ok(Who::Sent {
                user: r.get(0)?,
                caller_arn: r.get(1)?,
            })
        },
    )
    .optional()
    .map_err(DbError::failed("read the journal"))
}

fn entry(r: &Row<'_>) -> rusqlite::Result<Entry> {
    let items: String = r.get("items")?;
    let kind: String = r.get("kind")?;
    let origin: String = r.get("origin")?;
    let state: String = r.get("state")?;
    Ok(Entry {
        id: r.get("id")?,
        intent: Intent {
            caller_reference: r.get("caller_reference")?,
            batch_reference: r.get("batch_reference")?,
            part: r.get::<_, i64>("part")? as usize,
            parts: r.get::<_, i64>("parts")? as usize,
            target: r.get("target")?,
            kind: if kind == "reset" {
                Kind::Reset
            } else {
                Kind::Invalidation
            },
            // Written by edgepurge as JSON; a hand-edited row reads as no items, not a failure.
            items: serde_json::from_str(&items).unwrap_or_default(),
            origin: if origin == "dashboard" {
                Origin::Dashboard
            } else {
                Origin::Cli
            },
            sender: Sender {
                user: r.get("user")?,
                command: r.get("command")?,
                caller_arn: r.get("caller_arn")?,
                account: r.get("account")?,
                profile: r.get("profile")?,
                endpoint: r.get("endpoint")?,
            },
            attempted_at: time(r, "attempted_at")?.unwrap_or_default(),
        },
        state: state.parse().unwrap_or(State::Unconfirmed),
        invalidation_id: r.get("invalidation_id")?,
        status: r.get("status")?,
        error: r.get("error")?,
        tries: r.get::<_, i64>("tries")?.try_into().unwrap_or(u32::MAX),
        answered_at: time(r, "answered_at")?,
        reported_at: time(r, "reported_at")?,
    })
}

/// Times are stored as RFC 3339 text in UTC: readable with `sqlite3`, and they sort.
pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

pub fn time(r: &Row<'_>, column: &str) -> rusqlite::Result<Option<DateTime<Utc>>> {
    let text: Option<String> = r.get(column)?;
    Ok(text.and_then(|t| {
        DateTime::parse_from_rfc3339(&t)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    }))
}

#[cfg(test)]
mod tests;
