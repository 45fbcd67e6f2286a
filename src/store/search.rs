//! "Which invalidation purged /assets/app.css?": every stored invalidation holding an item equal
//! to the text, a wildcard covering it (`/img/*` covers `/img/a.png`: CloudFront wildcards are
//! prefix matches), or an item containing it (trigram index, so a million items answer in
//! milliseconds; texts under three characters are scanned).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params_from_iter, types::Value};
use serde::Serialize;

use super::db::DbError;
use super::journal::{rfc3339, time};
use crate::domain::batch::PathBatch;

/// How an invalidation matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Match {
    Exact,
    Covers,
    Contains,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub target: String,
    pub id: String,
    pub create_time: DateTime<Utc>,
    pub status: String,
    pub caller_reference: Option<String>,
    /// The matching items, in the invalidation's order.
    pub matches: Vec<String>,
    /// The best way any of them matched.
    pub how: Match,
}

/// What to look for, and where.
#[derive(Debug, Clone, Default)]
pub struct Query {
    /// The text as typed, and any other spelling of it (the percent-encoded path).
    pub texts: Vec<String>,
    /// Only these targets (as the CLI writes them); all when empty.
    pub targets: Vec<String>,
    pub since: Option<DateTime<Utc>>,
    /// At most this many invalidations, newest first.
    pub limit: usize,
}

/// The text as typed and, for a path, as CloudFront stores it (percent-encoded), so `/café`
/// finds `/caf%C3%A9`.
pub fn spellings(text: &str) -> Vec<String> {
    let mut texts = vec![text.to_string()];
    if text.starts_with('/')
        && let Some(normalized) = PathBatch::parse(text)
            .items
            .first()
            .and_then(|i| i.normalized.clone())
        && normalized != text
    {
        texts.push(normalized);
    }
    texts
}

pub fn search(c: &Connection, account: &str, q: &Query) -> Result<Vec<Hit>, DbError> {
    // (invalidation row) -> (matching item rows with how they matched)
    let mut found: BTreeMap<i64, Vec<(i64, String, Match)>> = BTreeMap::new();
    let mut add = |rows: Vec<(i64, i64, String)>, how: Match| {
        for (inv, item_row, item) in rows {
            let list = found.entry(inv).or_default();
            match list.iter_mut().find(|(r, _, _)| *r == item_row) {
                Some(known) => known.2 = known.2.min(how),
                None => list.push((item_row, item, how)),
            }
        }
    };
    for text in &q.texts {
        add(
            items(
                c,
                "SELECT invalidation, row, item FROM invalidation_items WHERE item = ?1",
                text,
            )?,
            Match::Exact,
        );
        add(
            items(
                c,
                "SELECT invalidation, row, item FROM invalidation_items \
                 WHERE wildcard_prefix IS NOT NULL \
                   AND substr(?1, 1, length(wildcard_prefix)) = wildcard_prefix",
                text,
            )?,
            Match::Covers,
        );
        let contains = if text.chars().count() >= 3 {
            // A phrase of the trigram index: any substring, case-insensitive.
            items(
                c,
                "SELECT i.invalidation, i.row, i.item FROM item_search s \
                 JOIN invalidation_items i ON i.row = s.rowid WHERE item_search MATCH ?1",
                &format!("\"{}\"", text.replace('"', "\"\"")),
            )?
        } else {
            items(
                c,
                "SELECT invalidation, row, item FROM invalidation_items \
                 WHERE instr(lower(item), lower(?1)) > 0",
                text,
            )?
        };
        add(contains, Match::Contains);
    }
    if found.is_empty() {
        return Ok(Vec::new());
    }
    heads(c, account, q, found)
}

fn items(c: &Connection, sql: &str, text: &str) -> Result<Vec<(i64, i64, String)>, DbError> {
    let mut s = c.prepare_cached(sql).map_err(DbError::failed("search"))?;
    let rows = s
        .query_map([text], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .map_err(DbError::failed("search"))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(DbError::failed("search"))?;
    Ok(rows)
}

/// The invalidations of the account among those found, filtered and newest first.
fn heads(
    c: &Connection,
    account: &str,
    q: &Query,
    mut found: BTreeMap<i64, Vec<(i64, String, Match)>>,
) -> Result<Vec<Hit>, DbError> {
    let mut sql = String::from(
        "SELECT row, target, id, create_time, status, caller_reference FROM invalidations \
         WHERE account = ? AND create_time >= ? AND row IN (SELECT value FROM json_each(?))",
    );
    let mut values: Vec<Value> = vec![
        Value::Text(account.to_string()),
        Value::Text(q.since.map(rfc3339).unwrap_or_default()),
        Value::Text(
            serde_json::to_string(&found.keys().collect::<Vec<_>>())
                .unwrap_or_else(|_| "[]".into()),
        ),
    ];
    if !q.targets.is_empty() {
        sql.push_str(" AND target IN (SELECT value FROM json_each(?))");
        values.push(Value::Text(
            serde_json::to_string(&q.targets).unwrap_or_else(|_| "[]".into()),
        ));
    }
    sql.push_str(" ORDER BY create_time DESC, row DESC LIMIT ?");
    values.push(Value::Integer(q.limit.max(1) as i64));
    let mut s = c.prepare(&sql).map_err(DbError::failed("search"))?;
    let rows = s
        .query_map(params_from_iter(values), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                time(r, "create_time")?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })
        .map_err(DbError::failed("search"))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(DbError::failed("search"))?;
    Ok(rows
        .into_iter()
        .map(|(row, target, id, create_time, status, caller_reference)| {
            let mut matched = found.remove(&row).unwrap_or_default();
            matched.sort_by_key(|(item_row, _, _)| *item_row);
            let how = matched.iter().map(|m| m.2).min().unwrap_or(Match::Contains);
            Hit {
                target,
                id,
                create_time: create_time.unwrap_or_default(),
                status,
                caller_reference,
                matches: matched.into_iter().map(|m| m.1).collect(),
                how,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests;
