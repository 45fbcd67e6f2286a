//! Reading the history newest first, for a text found in too many items to collect them all.
//! The answer is the newest `limit` invalidations holding a match, so reading stops there:
//! `.png`, in 400,000 of a million items, is answered after about a hundred invalidations.
//! Each item is judged here as the queries of `collect` judge it, so the answer is the same.

use rusqlite::types::{FromSqlError, Value, ValueRef};
use rusqlite::{Connection, params, params_from_iter};

use super::{Item, Match, Query, phrase, since, targets};
use crate::store::db::DbError;

/// What asking the trigram index about one item costs, counted in items read: it is only
/// asked about items with characters beyond ASCII.
const INDEX_CHECK: usize = 100;

/// Every item matching one of the texts in the newest `q.limit` invalidations that hold one
/// (the account's, filtered as asked). None when more than `budget` items would have to be
/// read, or when a text cannot be judged here (three characters or more, not all ASCII: the
/// index folds case beyond ASCII).
pub(super) fn read(
    c: &Connection,
    account: &str,
    q: &Query,
    budget: usize,
) -> Result<Option<Vec<Item>>, DbError> {
    let Some(needles) = q
        .texts
        .iter()
        .map(|t| Needle::new(t))
        .collect::<Option<Vec<_>>>()
    else {
        return Ok(None);
    };
    let mut values = vec![Value::Text(account.to_string()), Value::Text(since(q))];
    if !q.targets.is_empty() {
        values.push(targets(q));
    }
    let failed = DbError::failed("search");
    let mut s = c
        .prepare_cached(&sql(!q.targets.is_empty()))
        .map_err(&failed)?;
    let mut rows = s.query(params_from_iter(values)).map_err(&failed)?;
    let limit = q.limit.max(1);
    let (mut matched, mut spent) = (0, 0);
    // The invalidation being read, and whether it has matched.
    let mut current: Option<(i64, bool)> = None;
    let mut found = Vec::new();
    while let Some(r) = rows.next().map_err(&failed)? {
        let inv: i64 = r.get(0).map_err(&failed)?;
        if current.map(|(row, _)| row) != Some(inv) {
            if let Some((_, true)) = current {
                matched += 1;
            }
            if matched >= limit {
                break;
            }
            if spent > budget {
                return Ok(None);
            }
            current = Some((inv, false));
        }
        spent += 1;
        let item_row: i64 = r.get(1).map_err(&failed)?;
        let item = text(r.get_ref(2).map_err(&failed)?)?.unwrap_or_default();
        let prefix = text(r.get_ref(3).map_err(&failed)?)?;
        let mut best: Option<Match> = None;
        for needle in &needles {
            best = match (best, needle.judge(c, item_row, item, prefix, &mut spent)?) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        if let Some(how) = best {
            found.push((inv, item_row, item.to_string(), how));
            current = current.map(|(row, _)| (row, true));
        }
    }
    Ok(Some(found))
}

/// The account's items, newest invalidation first (`?1` account, `?2` since, `?3` targets).
pub(super) fn sql(by_target: bool) -> String {
    let mut sql = String::from(
        "SELECT v.row, i.row, i.item, i.wildcard_prefix FROM invalidations v \
         JOIN invalidation_items i ON i.invalidation = v.row \
         WHERE v.account = ?1 AND v.create_time >= ?2",
    );
    if by_target {
        // `+`: the targets must not choose the index. Following the time index, rows come
        // newest first as they are read, and reading can stop; any other order sorts them all.
        sql.push_str(" AND +v.target IN (SELECT value FROM json_each(?3))");
    }
    sql.push_str(" ORDER BY v.create_time DESC, v.row DESC");
    sql
}

fn text(v: ValueRef<'_>) -> Result<Option<&str>, DbError> {
    v.as_str_or_null()
        .map_err(|e: FromSqlError| DbError::Failed {
            action: "search",
            message: e.to_string(),
        })
}

/// One text, ready to be compared with items.
struct Needle<'a> {
    text: &'a str,
    /// ASCII letters in lower case: how lower() and LIKE, and the trigram index for ASCII,
    /// fold case.
    folded: Vec<u8>,
    /// The trigram index's phrase, for a text of three characters or more.
    phrase: Option<String>,
}

impl<'a> Needle<'a> {
    fn new(text: &'a str) -> Option<Self> {
        let indexed = text.chars().count() >= 3;
        if indexed && !text.is_ascii() {
            return None;
        }
        Some(Self {
            text,
            folded: text.as_bytes().to_ascii_lowercase(),
            phrase: indexed.then(|| phrase(text)),
        })
    }

    /// How `item` matches, as `collect`'s queries would say: equal (`item = ?`), covering
    /// (its wildcard prefix begins the text), containing (the trigram phrase, or LIKE for
    /// a short text).
    fn judge(
        &self,
        c: &Connection,
        row: i64,
        item: &str,
        prefix: Option<&str>,
        spent: &mut usize,
    ) -> Result<Option<Match>, DbError> {
        if item == self.text {
            return Ok(Some(Match::Exact));
        }
        if prefix.is_some_and(|p| self.text.starts_with(p)) {
            return Ok(Some(Match::Covers));
        }
        if contains_folded(item.as_bytes(), &self.folded) {
            return Ok(Some(Match::Contains));
        }
        // The trigram index folds the case of letters beyond ASCII too (an item's KELVIN SIGN
        // matches `k`): for such an item, it is asked.
        match &self.phrase {
            Some(phrase) if !item.is_ascii() => {
                *spent += INDEX_CHECK;
                let n: i64 = c
                    .prepare_cached(
                        "SELECT count(*) FROM item_search WHERE item_search MATCH ?1 AND rowid = ?2",
                    )
                    .and_then(|mut s| s.query_row(params![phrase, row], |r| r.get(0)))
                    .map_err(DbError::failed("search"))?;
                Ok((n > 0).then_some(Match::Contains))
            }
            _ => Ok(None),
        }
    }
}

/// Whether `haystack` holds `folded` (ASCII lower case) with ASCII case ignored: an ASCII
/// byte never occurs inside a longer UTF-8 character, so comparing bytes compares characters.
fn contains_folded(haystack: &[u8], folded: &[u8]) -> bool {
    folded.is_empty()
        || haystack.windows(folded.len()).any(|w| {
            w.iter()
                .zip(folded)
                .all(|(a, b)| a.to_ascii_lowercase() == *b)
        })
}
