//! Who created invalidations, as CloudTrail said, kept per account beside the history; and
//! which ones CloudTrail had no event for, with when it was asked, so it is not asked again
//! and again.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::db::DbError;
use super::journal::{rfc3339, time};
use crate::domain::creator::{Creator, Who};

/// Keep what a lookup found, and that each of `asked` without an event had none at `at`. A
/// creator once found is never replaced by "not found".
pub fn record(
    c: &mut Connection,
    account: &str,
    target: &str,
    asked: &[String],
    found: &[Creator],
    at: DateTime<Utc>,
) -> Result<(), DbError> {
    let failed = DbError::failed("keep who created the invalidations");
    let tx = c.transaction().map_err(&failed)?;
    {
        let mut keep = tx
            .prepare_cached(
                "INSERT INTO creators (account, target, id, looked_up_at, found, identity_type, \
                    name, arn, source_ip, user_agent, event_time) \
                 VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6, ?7, ?8, ?9, ?10) \
                 ON CONFLICT (account, target, id) DO UPDATE SET \
                    looked_up_at = excluded.looked_up_at, found = 1, \
                    identity_type = excluded.identity_type, name = excluded.name, \
                    arn = excluded.arn, source_ip = excluded.source_ip, \
                    user_agent = excluded.user_agent, event_time = excluded.event_time",
            )
            .map_err(&failed)?;
        for f in found {
            keep.execute(params![
                account,
                target,
                f.invalidation_id,
                rfc3339(at),
                f.kind,
                f.name,
                f.arn,
                f.source_ip,
                f.user_agent,
                rfc3339(f.at),
            ])
            .map_err(&failed)?;
        }
        let mut missing = tx
            .prepare_cached(
                "INSERT INTO creators (account, target, id, looked_up_at, found) \
                 VALUES (?1, ?2, ?3, ?4, 0) \
                 ON CONFLICT (account, target, id) DO UPDATE SET \
                    looked_up_at = excluded.looked_up_at WHERE found = 0",
            )
            .map_err(&failed)?;
        for id in asked
            .iter()
            .filter(|id| !found.iter().any(|f| &f.invalidation_id == *id))
        {
            missing
                .execute(params![account, target, id, rfc3339(at)])
                .map_err(&failed)?;
        }
    }
    tx.commit().map_err(&failed)
}

/// What CloudTrail said of an invalidation, if it was asked.
pub fn known(
    c: &Connection,
    account: &str,
    target: &str,
    id: &str,
) -> Result<Option<Who>, DbError> {
    c.query_row(
        "SELECT * FROM creators WHERE account = ?1 AND target = ?2 AND id = ?3",
        params![account, target, id],
        |r| {
            let looked_up_at = time(r, "looked_up_at")?.unwrap_or_default();
            if !r.get::<_, bool>("found")? {
                return Ok(Who::NotFound {
                    looked_at: looked_up_at,
                });
            }
            Ok(Who::Found(Creator {
                invalidation_id: id.to_string(),
                kind: r
                    .get::<_, Option<String>>("identity_type")?
                    .unwrap_or_default(),
                name: r.get::<_, Option<String>>("name")?.unwrap_or_default(),
                arn: r.get("arn")?,
                source_ip: r.get("source_ip")?,
                user_agent: r.get("user_agent")?,
                at: time(r, "event_time")?.unwrap_or(looked_up_at),
            }))
        },
    )
    .optional()
    .map_err(DbError::failed("read who created the invalidation"))
}

#[cfg(test)]
mod tests;
