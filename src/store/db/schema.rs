//! The database's tables, one migration per schema version. Names are plain so that a person
//! with the `sqlite3` tool can read them (README, "The store"). A migration, once released, is
//! never edited: a change is a new migration after it.

use rusqlite_migration::{M, Migrations};

/// Written in the file's header (`PRAGMA application_id`), so that a foreign SQLite file at
/// edgepurge's path is told apart from an old edgepurge one. "EPDB".
pub const APPLICATION_ID: i32 = 0x4550_4442;

const V1: &str = r#"
-- Who a profile turned out to be (STS GetCallerIdentity), asked once and kept.
CREATE TABLE accounts (
    profile    TEXT NOT NULL,   -- '' for the default credential chain
    endpoint   TEXT NOT NULL,   -- '' for AWS itself
    account    TEXT NOT NULL,
    arn        TEXT NOT NULL,
    learned_at TEXT NOT NULL,
    PRIMARY KEY (profile, endpoint)
);

-- Every write edgepurge made or tried: its intent first, its answer after.
CREATE TABLE journal (
    id               INTEGER PRIMARY KEY,
    caller_reference TEXT NOT NULL,
    batch_reference  TEXT NOT NULL,  -- the reference the user gives again to resume a batch
    part             INTEGER NOT NULL,
    parts            INTEGER NOT NULL,
    target           TEXT NOT NULL,  -- E..., tenant:dt_..., lightsail:NAME
    kind             TEXT NOT NULL,  -- invalidation | reset
    items            TEXT NOT NULL,  -- JSON array of the normalized items sent
    items_hash       TEXT NOT NULL,  -- finds the same batch sent again
    state            TEXT NOT NULL,  -- unconfirmed | sent | failed | forgotten
    invalidation_id  TEXT,           -- or the Lightsail operation id
    status           TEXT,
    error            TEXT,           -- the last failure, said as the user saw it
    tries            INTEGER NOT NULL DEFAULT 1,
    attempted_at     TEXT NOT NULL,  -- RFC 3339, UTC
    answered_at      TEXT,
    reported_at      TEXT,           -- when the outcome reached the user (CLI output written)
    origin           TEXT NOT NULL,  -- dashboard | cli
    command          TEXT NOT NULL,  -- the command line, or 'dashboard'
    user             TEXT NOT NULL,  -- OS user@host
    caller_arn       TEXT,
    account          TEXT,
    profile          TEXT,
    endpoint         TEXT,
    UNIQUE (caller_reference, target)
);
CREATE INDEX journal_by_time ON journal (attempted_at);
CREATE INDEX journal_by_batch ON journal (target, items_hash, attempted_at);

-- The compose form of each dashboard, saved as it is typed.
CREATE TABLE drafts (
    id               TEXT PRIMARY KEY,  -- one per dashboard run
    targets          TEXT NOT NULL,     -- JSON array of targets as the CLI takes them
    text             TEXT NOT NULL,
    caller_reference TEXT NOT NULL,
    saved_at         TEXT NOT NULL
);

-- Invalidations as AWS listed them; their items once fetched (completed ones never change).
CREATE TABLE invalidations (
    row              INTEGER PRIMARY KEY,
    account          TEXT NOT NULL,
    target           TEXT NOT NULL,
    id               TEXT NOT NULL,
    create_time      TEXT NOT NULL,
    status           TEXT NOT NULL,
    caller_reference TEXT,            -- null until the details are known
    item_count       INTEGER,         -- null until the details are known
    details_at       TEXT,            -- when the details were fetched
    UNIQUE (account, target, id)
);
CREATE INDEX invalidations_by_time ON invalidations (account, create_time);

CREATE TABLE invalidation_items (
    row             INTEGER PRIMARY KEY,
    invalidation    INTEGER NOT NULL REFERENCES invalidations (row) ON DELETE CASCADE,
    item            TEXT NOT NULL,
    wildcard_prefix TEXT              -- '/img/' for '/img/*': what it covers begins with this
);
CREATE INDEX items_by_invalidation ON invalidation_items (invalidation);
CREATE INDEX items_by_text ON invalidation_items (item);
CREATE INDEX items_by_wildcard ON invalidation_items (wildcard_prefix)
    WHERE wildcard_prefix IS NOT NULL;

-- Substring search over every stored item (trigram index: any 3 characters or more).
CREATE VIRTUAL TABLE item_search USING fts5 (
    item, content = 'invalidation_items', content_rowid = 'row', tokenize = 'trigram'
);
CREATE TRIGGER items_into_search AFTER INSERT ON invalidation_items BEGIN
    INSERT INTO item_search (rowid, item) VALUES (new.row, new.item);
END;
CREATE TRIGGER items_out_of_search AFTER DELETE ON invalidation_items BEGIN
    INSERT INTO item_search (item_search, rowid, item) VALUES ('delete', old.row, old.item);
END;

-- How far back each target's list is known completely, and when it was last brought up to
-- date (the backfill resumes from here).
CREATE TABLE history_coverage (
    account   TEXT NOT NULL,
    target    TEXT NOT NULL,
    since     TEXT NOT NULL,   -- every invalidation created at or after this is stored
    synced_at TEXT NOT NULL,
    PRIMARY KEY (account, target)
);
"#;

/// Who created each invalidation edgepurge did not send, as CloudTrail said (kept, since
/// CloudTrail keeps 90 days and allows 2 lookups a second), and which ones it had no event for.
const V_CREATORS: &str = r#"
CREATE TABLE creators (
    account       TEXT NOT NULL,
    target        TEXT NOT NULL,
    id            TEXT NOT NULL,     -- the invalidation
    looked_up_at  TEXT NOT NULL,     -- when CloudTrail was asked
    found         INTEGER NOT NULL,  -- 0: CloudTrail had no event for it then
    identity_type TEXT,              -- userIdentity.type: IAMUser, AssumedRole, Root, ...
    name          TEXT,
    arn           TEXT,
    source_ip     TEXT,
    user_agent    TEXT,
    event_time    TEXT,
    PRIMARY KEY (account, target, id)
);
"#;

/// The build folder of each target's last deploy sent with `purge --dir`: the next build is
/// compared with it.
const V_DEPLOYS: &str = r#"
CREATE TABLE deploys (
    account     TEXT NOT NULL,   -- '' when the account was not known
    target      TEXT NOT NULL,
    files       TEXT NOT NULL,   -- JSON object: file name (from the folder) -> SHA-256, hex
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (account, target)
);
"#;

/// Every schema version, oldest first.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(V1), M::up(V_CREATORS), M::up(V_DEPLOYS)])
}

/// The newest schema version this edgepurge knows.
pub const LATEST: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_migrations_are_valid_and_latest_is_their_count() {
        migrations().validate().unwrap();
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, LATEST as i64);
    }
}
