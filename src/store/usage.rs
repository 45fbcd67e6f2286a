//! What a month's invalidations add up to, per target, from the stored history: the paths
//! counted for billing (a wildcard and a tag count as one path each: every item is one).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::db::DbError;
use super::journal::rfc3339;
use crate::domain::cost::MonthUse;

/// One target's month as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetMonth {
    pub target: String,
    /// Invalidations created in the month.
    pub invalidations: u64,
    /// Items of those whose details are known.
    pub paths: u64,
    /// Invalidations whose details are not stored yet (their paths are not counted).
    pub without_details: u64,
}

/// The month `[from, to)` of every target of an account that has rows in it.
pub fn month(
    c: &Connection,
    account: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<TargetMonth>, DbError> {
    let mut s = c
        .prepare_cached(
            "SELECT target, count(*), coalesce(sum(item_count), 0), \
                sum(details_at IS NULL) \
             FROM invalidations WHERE account = ?1 AND create_time >= ?2 AND create_time < ?3 \
             GROUP BY target ORDER BY target",
        )
        .map_err(DbError::failed("read the history"))?;
    let rows = s
        .query_map(params![account, rfc3339(from), rfc3339(to)], |r| {
            Ok(TargetMonth {
                target: r.get(0)?,
                invalidations: r.get::<_, i64>(1)?.max(0) as u64,
                paths: r.get::<_, i64>(2)?.max(0) as u64,
                without_details: r.get::<_, i64>(3)?.max(0) as u64,
            })
        })
        .map_err(DbError::failed("read the history"))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(DbError::failed("read the history"))?;
    Ok(rows)
}

/// The account's use of the month `[from, to)`: its paths as stored, and whether that is all
/// of it (every one of `targets` known back to `from`, every invalidation's details known).
pub fn month_use(
    c: &Connection,
    account: &str,
    targets: &[String],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<MonthUse, DbError> {
    let rows = month(c, account, from, to)?;
    let mut complete = rows.iter().all(|r| r.without_details == 0);
    for t in targets {
        complete &= super::history::coverage(c, account, t)?.is_some_and(|since| since <= from);
    }
    Ok(MonthUse {
        paths: rows.iter().map(|r| r.paths).sum(),
        complete,
    })
}

/// The first instant of `now`'s month (UTC).
pub fn month_start(now: DateTime<Utc>) -> DateTime<Utc> {
    use chrono::{Datelike, TimeZone};
    Utc.with_ymd_and_hms(now.year(), now.month(), 1, 0, 0, 0)
        .single()
        .unwrap_or(now)
}

/// The month `at` falls in, as `[first instant, first instant of the next)` (UTC).
pub fn month_of(at: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let from = month_start(at);
    let to = from
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    (from, to)
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};

    use super::*;
    use crate::domain::invalidation::{Invalidation, InvalidationSummary, Status};
    use crate::store::db::open;
    use crate::store::history::{record_details, record_summaries};
    use crate::store::test_dir::TestDir;

    #[test]
    fn a_month_counts_items_per_target_and_what_is_not_yet_known() {
        let t = TestDir::new("usage-month");
        let nov = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
        let dec = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
        let mut c = open::open(&t.path().join("e.db"), nov).unwrap().connection;
        let inv = |id: &str, at: DateTime<Utc>, n: usize| Invalidation {
            id: id.into(),
            status: Status::Completed,
            create_time: at,
            caller_reference: id.into(),
            items: (0..n).map(|i| format!("/{i}")).collect(),
        };
        record_details(&mut c, "1", "E1", &inv("A", nov, 3), nov).unwrap();
        record_details(
            &mut c,
            "1",
            "E1",
            &inv("B", dec - Duration::seconds(1), 2),
            nov,
        )
        .unwrap();
        record_details(&mut c, "1", "E1", &inv("C", dec, 100), nov).unwrap();
        record_details(
            &mut c,
            "1",
            "E2",
            &inv("D", nov - Duration::seconds(1), 7),
            nov,
        )
        .unwrap();
        record_details(&mut c, "2", "E3", &inv("E", nov, 7), nov).unwrap();
        let s = InvalidationSummary {
            id: "F".into(),
            status: Status::Completed,
            create_time: nov + Duration::days(3),
        };
        record_summaries(&mut c, "1", "tenant:dt_x", &[s]).unwrap();
        let m = month(&c, "1", nov, dec).unwrap();
        assert_eq!(
            m,
            [
                TargetMonth {
                    target: "E1".into(),
                    invalidations: 2,
                    paths: 5,
                    without_details: 0
                },
                TargetMonth {
                    target: "tenant:dt_x".into(),
                    invalidations: 1,
                    paths: 0,
                    without_details: 1
                },
            ]
        );
    }
}
