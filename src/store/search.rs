//! "Which invalidation purged /assets/app.css?": every stored invalidation holding an item equal
//! to the text, a wildcard covering it (`/img/*` covers `/img/a.png`: CloudFront wildcards are
//! prefix matches), or an item containing it (a trigram index; texts under three characters
//! have none and are scanned).
//!
//! A text in few items is answered from the indexes: every matching item, then the newest
//! invalidations holding one. A text in many (`.png` in a million items: 400,000) is answered
//! by reading the history newest first until the limit is reached (`newest.rs`): collecting
//! every matching item took 200 ms there, reading stops after 3 ms. Both give the same answer
//! (tests); `benches/store.rs` measures each case (README, "Measurements").

mod newest;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params_from_iter, types::Value};
use serde::Serialize;

use super::db::DbError;
use super::journal::{rfc3339, time};

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

/// A matching item: (invalidation row, item row, item, how it matched).
type Item = (i64, i64, String, Match);

/// Where one way of answering gives way to the next.
#[derive(Debug, Clone, Copy)]
struct Bounds {
    /// Matching items collected from the indexes before the text counts as common.
    few: usize,
    /// Items read newest first before a common text is collected after all (it is common in
    /// old invalidations, not in recent ones).
    budget: usize,
}

const BOUNDS: Bounds = Bounds {
    few: 2_000,
    budget: 20_000,
};

/// The text as typed and, for a path, as CloudFront stores it (percent-encoded), so `/café`
/// finds `/caf%C3%A9`.
pub fn spellings(text: &str) -> Vec<String> {
    let mut texts = vec![text.to_string()];
    if text.starts_with('/')
        && let Some(normalized) = crate::domain::batch::PathBatch::parse(text)
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
    search_within(c, account, q, BOUNDS)
}

fn search_within(
    c: &Connection,
    account: &str,
    q: &Query,
    bounds: Bounds,
) -> Result<Vec<Hit>, DbError> {
    let items = match collect(c, q, Some(bounds.few))? {
        Some(items) => items,
        None => match newest::read(c, account, q, bounds.budget)? {
            Some(items) => items,
            None => collect(c, q, None)?.unwrap_or_default(),
        },
    };
    // (invalidation row) -> (matching item rows with how they matched)
    let mut found: BTreeMap<i64, Vec<(i64, String, Match)>> = BTreeMap::new();
    for (inv, item_row, item, how) in items {
        let list = found.entry(inv).or_default();
        match list.iter_mut().find(|(r, _, _)| *r == item_row) {
            Some(known) => known.2 = known.2.min(how),
            None => list.push((item_row, item, how)),
        }
    }
    if found.is_empty() {
        return Ok(Vec::new());
    }
    heads(c, account, q, found)
}

/// Every item matching one of the texts, from the indexes; None when `most` is given and a
/// text matches more items than that (or is too short for the trigram index).
fn collect(c: &Connection, q: &Query, most: Option<usize>) -> Result<Option<Vec<Item>>, DbError> {
    // One more than `most`, to tell "all of them" from "more"; -1: no limit.
    let limit = most.map_or(-1, |m| m.saturating_add(1) as i64);
    let over = |rows: &Vec<(i64, i64, String)>| most.is_some_and(|m| rows.len() > m);
    let mut all = Vec::new();
    for text in &q.texts {
        let short = text.chars().count() < 3;
        if short && most.is_some() {
            return Ok(None);
        }
        let contains = if short {
            // LIKE folds ASCII case as lower() does, without a copy of every item.
            items(
                c,
                "SELECT invalidation, row, item FROM invalidation_items \
                 WHERE item LIKE ?1 ESCAPE '\\' LIMIT ?2",
                &like_pattern(text),
                limit,
            )?
        } else {
            // A phrase of the trigram index: any substring, case-insensitive.
            items(
                c,
                "SELECT i.invalidation, i.row, i.item FROM item_search s \
                 JOIN invalidation_items i ON i.row = s.rowid WHERE item_search MATCH ?1 \
                 LIMIT ?2",
                &phrase(text),
                limit,
            )?
        };
        let exact = items(
            c,
            "SELECT invalidation, row, item FROM invalidation_items WHERE item = ?1 LIMIT ?2",
            text,
            limit,
        )?;
        // A wildcard covers the text when its prefix is one of the text's prefixes: an index
        // lookup for each, rather than comparing every stored wildcard.
        let covers = items(
            c,
            "SELECT invalidation, row, item FROM invalidation_items \
             WHERE wildcard_prefix IS NOT NULL \
               AND wildcard_prefix IN (SELECT value FROM json_each(?1)) LIMIT ?2",
            &prefixes(text),
            limit,
        )?;
        if over(&exact) || over(&covers) || over(&contains) {
            return Ok(None);
        }
        for (rows, how) in [
            (exact, Match::Exact),
            (covers, Match::Covers),
            (contains, Match::Contains),
        ] {
            all.extend(
                rows.into_iter()
                    .map(|(inv, row, item)| (inv, row, item, how)),
            );
        }
    }
    Ok(Some(all))
}

fn items(
    c: &Connection,
    sql: &str,
    text: &str,
    limit: i64,
) -> Result<Vec<(i64, i64, String)>, DbError> {
    let mut s = c.prepare_cached(sql).map_err(DbError::failed("search"))?;
    let rows = s
        .query_map(rusqlite::params![text, limit], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .map_err(DbError::failed("search"))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(DbError::failed("search"))?;
    Ok(rows)
}

/// The text as one phrase of the trigram index (quotes doubled, so they cannot end it).
fn phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// `%text%`, with LIKE's own characters escaped.
fn like_pattern(text: &str) -> String {
    let mut pattern = String::from("%");
    for ch in text.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(ch);
    }
    pattern.push('%');
    pattern
}

/// Every prefix of the text, the empty one and the text itself included, as a JSON array.
fn prefixes(text: &str) -> String {
    let all: Vec<&str> = text
        .char_indices()
        .map(|(at, _)| &text[..at])
        .chain(std::iter::once(text))
        .collect();
    serde_json::to_string(&all).unwrap_or_else(|_| "[]".into())
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
        Value::Text(since(q)),
        Value::Text(
            serde_json::to_string(&found.keys().collect::<Vec<_>>())
                .unwrap_or_else(|_| "[]".into()),
        ),
    ];
    if !q.targets.is_empty() {
        sql.push_str(" AND target IN (SELECT value FROM json_each(?))");
        values.push(targets(q));
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

/// The oldest creation time asked for, as stored ('' for all).
fn since(q: &Query) -> String {
    q.since.map(rfc3339).unwrap_or_default()
}

/// The targets asked for, as a JSON array.
fn targets(q: &Query) -> Value {
    Value::Text(serde_json::to_string(&q.targets).unwrap_or_else(|_| "[]".into()))
}

#[cfg(test)]
mod tests;
