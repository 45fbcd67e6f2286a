//! What a target's last deploy was: the manifest of the build folder `purge --dir` sent, so
//! that the next build is compared with it.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::db::DbError;
use super::journal::rfc3339;
use crate::domain::deploy::Manifest;

/// The last deploy recorded for a target, if any.
pub fn last(c: &Connection, account: &str, target: &str) -> Result<Option<Manifest>, DbError> {
    let text: Option<String> = c
        .query_row(
            "SELECT files FROM deploys WHERE account = ?1 AND target = ?2",
            params![account, target],
            |r| r.get(0),
        )
        .optional()
        .map_err(DbError::failed("read the last deploy"))?;
    // A record that does not read is as good as none: every file is then taken as changed.
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
}

/// Record a deploy, replacing the target's last one.
pub fn record(
    c: &Connection,
    account: &str,
    target: &str,
    files: &Manifest,
    at: DateTime<Utc>,
) -> Result<(), DbError> {
    let text = serde_json::to_string(files).unwrap_or_else(|_| "{}".into());
    c.execute(
        "INSERT INTO deploys (account, target, files, recorded_at) VALUES (?1, ?2, ?3, ?4) \
         ON CONFLICT (account, target) DO UPDATE SET files = excluded.files, \
            recorded_at = excluded.recorded_at",
        params![account, target, text, rfc3339(at)],
    )
    .map(drop)
    .map_err(DbError::failed("record the deploy"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::store::{now, open_in};
    use crate::store::test_dir::TestDir;

    #[test]
    fn the_last_deploy_is_kept_per_account_and_target() {
        let t = TestDir::new("deploys");
        let c = open_in(t.path());
        assert_eq!(last(&c, "111", "E1").unwrap(), None);
        let first: Manifest = [("a.html".to_string(), "1".to_string())].into();
        let second: Manifest = [("b.html".to_string(), "2".to_string())].into();
        record(&c, "111", "E1", &first, now()).unwrap();
        record(&c, "111", "E1", &second, now()).unwrap();
        record(&c, "222", "E1", &first, now()).unwrap();
        assert_eq!(last(&c, "111", "E1").unwrap(), Some(second));
        assert_eq!(last(&c, "222", "E1").unwrap(), Some(first));
        assert_eq!(last(&c, "111", "E2").unwrap(), None);
    }
}
