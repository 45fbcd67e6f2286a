//! Who a profile (and endpoint) turned out to be, asked of STS once and kept, so the history
//! and usage of two accounts never mix and a command does not ask again each run.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::db::DbError;
use super::journal::rfc3339;

/// The account id and caller ARN last learned for a profile and endpoint ('' for none).
pub fn known(
    c: &Connection,
    profile: &str,
    endpoint: &str,
) -> Result<Option<(String, String)>, DbError> {
    c.query_row(
        "SELECT account, arn FROM accounts WHERE profile = ?1 AND endpoint = ?2",
        params![profile, endpoint],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
    .map_err(DbError::failed("read the accounts"))
}

pub fn record(
    c: &Connection,
    profile: &str,
    endpoint: &str,
    account: &str,
    arn: &str,
    at: DateTime<Utc>,
) -> Result<(), DbError> {
    c.execute(
        "INSERT INTO accounts (profile, endpoint, account, arn, learned_at) \
         VALUES (?1, ?2, ?3, ?4, ?5) \
         ON CONFLICT (profile, endpoint) DO UPDATE SET account = excluded.account, \
            arn = excluded.arn, learned_at = excluded.learned_at",
        params![profile, endpoint, account, arn, rfc3339(at)],
    )
    .map(drop)
    .map_err(DbError::failed("record the account"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::store::{now, open_in};
    use crate::store::test_dir::TestDir;

    #[test]
    fn an_account_learned_is_known_per_profile_and_endpoint() {
        let t = TestDir::new("accounts");
        let now = now();
        let c = open_in(t.path());
        assert_eq!(known(&c, "prod", "").unwrap(), None);
        record(&c, "prod", "", "111", "arn:aws:iam::111:user/a", now).unwrap();
        record(&c, "prod", "http://127.0.0.1:5000", "123", "arn:x", now).unwrap();
        assert_eq!(
            known(&c, "prod", "").unwrap(),
            Some(("111".into(), "arn:aws:iam::111:user/a".into()))
        );
        record(&c, "prod", "", "999", "arn:y", now).unwrap();
        assert_eq!(known(&c, "prod", "").unwrap().unwrap().0, "999");
    }
}
