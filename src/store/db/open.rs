//! Opening the database: a private file in a private directory, WAL so that two dashboards and
//! a CLI can share it, and every way it can fail sorted into what the user can do about it.

use std::fs::OpenOptions;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, ErrorCode, TransactionBehavior};
use rusqlite_migration::SchemaVersion;

use super::schema::{APPLICATION_ID, LATEST, migrations};
use crate::store::atomic::create_private_dir;

/// How long a write waits for another process's transaction before giving up. Transactions
/// are short (milliseconds); this only matters when another process is stuck.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Why the store could not be used, each said in one line with the path and the fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenProblem {
    #[error(
        "the store {} cannot be written ({reason}); edgepurge runs without memory: make the \
         directory writable, or set EDGEPURGE_STATE_DIR to one that is",
        path.display()
    )]
    Unwritable { path: PathBuf, reason: String },
    #[error(
        "the store {} was written by a newer edgepurge (schema {found}; this one knows {LATEST}); \
         edgepurge runs without memory and leaves it untouched: upgrade edgepurge, or move the \
         file away to start a new one",
        path.display()
    )]
    Newer { path: PathBuf, found: usize },
    #[error(
        "the store {} is locked by another process ({reason}); edgepurge runs without memory \
         this time: end the process holding it (fuser {})",
        path.display(), path.display()
    )]
    Locked { path: PathBuf, reason: String },
    #[error("the store {} cannot be opened ({reason}); edgepurge runs without memory", path.display())]
    Other { path: PathBuf, reason: String },
}

/// The store opened, and what was done to open it that the user should hear about.
pub struct Opened {
    pub connection: Connection,
    /// A corrupt or foreign file that was moved aside (never deleted): where it went.
    pub moved_aside: Option<PathBuf>,
}

/// Open (creating or upgrading) the database at `path`. A corrupt or foreign file is moved
/// aside and a new one started; anything else that stops it is an `OpenProblem`.
pub fn open(path: &Path, now: DateTime<Utc>) -> Result<Opened, OpenProblem> {
    open_with(path, now, BUSY_TIMEOUT)
}

/// [`open`], waiting at most `busy` for another process's lock.
pub fn open_with(path: &Path, now: DateTime<Utc>, busy: Duration) -> Result<Opened, OpenProblem> {
    match open_waiting(path, busy) {
        Ok(connection) => Ok(Opened {
            connection,
            moved_aside: None,
        }),
        Err(Failure::Unusable(why)) => {
            let aside = move_aside(path, now).map_err(|e| OpenProblem::Unwritable {
                path: path.to_path_buf(),
                reason: format!("it is unusable ({why}) and could not be moved aside: {e}"),
            })?;
            tracing::warn!(path = %path.display(), aside = %aside.display(), %why, "store moved aside");
            let connection = open_waiting(path, busy).map_err(|f| f.into_problem(path))?;
            Ok(Opened {
                connection,
                moved_aside: Some(aside),
            })
        }
        Err(other) => Err(other.into_problem(path)),
    }
}

/// [`open_once`], tried again while the store is busy, for at most `busy` in all. SQLite's own
/// wait does not cover every case: a transaction that read and then writes while another
/// process commits (two first runs migrating a new store at once) is refused at once, without
/// waiting (SQLITE_BUSY_SNAPSHOT).
fn open_waiting(path: &Path, busy: Duration) -> Result<Connection, Failure> {
    let started = std::time::Instant::now();
    loop {
        match open_once(path, busy) {
            Err(Failure::Locked(_)) if started.elapsed() < busy => {
                std::thread::sleep(Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

enum Failure {
    /// Not an edgepurge database, or a damaged one: set aside, start anew.
    Unusable(String),
    Newer(usize),
    Locked(String),
    Unwritable(String),
    Other(String),
}

impl Failure {
    fn into_problem(self, path: &Path) -> OpenProblem {
        let path = path.to_path_buf();
        match self {
            Self::Newer(found) => OpenProblem::Newer { path, found },
            Self::Locked(reason) => OpenProblem::Locked { path, reason },
            Self::Unwritable(reason) => OpenProblem::Unwritable { path, reason },
            Self::Unusable(reason) | Self::Other(reason) => OpenProblem::Other { path, reason },
        }
    }
}

impl From<rusqlite::Error> for Failure {
    fn from(e: rusqlite::Error) -> Self {
        let reason = e.to_string();
        match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => Self::Unusable(reason),
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Self::Locked(reason),
            Some(
                ErrorCode::ReadOnly
                | ErrorCode::CannotOpen
                | ErrorCode::PermissionDenied
                | ErrorCode::DiskFull
                | ErrorCode::SystemIoFailure,
            ) => Self::Unwritable(reason),
            _ => Self::Other(reason),
        }
    }
}

fn open_once(path: &Path, busy: Duration) -> Result<Connection, Failure> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    create_private_dir(dir).map_err(|e| Failure::Unwritable(e.to_string()))?;
    create_private_file(path).map_err(|e| Failure::Unwritable(e.to_string()))?;
    let mut conn = Connection::open(path)?;
    conn.busy_timeout(busy)?;
    claim(&mut conn)?;
    if let Ok(SchemaVersion::Outside(found)) = migrations().current_version(&conn) {
        return Err(Failure::Newer(found.get()));
    }
    // WAL: readers never wait for the writer, and other processes can write between our
    // short transactions. FULL: a committed journal entry survives a power cut, not only a
    // crash of edgepurge.
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        tracing::warn!(%mode, "the store could not use WAL; concurrent runs may wait");
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    if let Err(e) = migrations().to_latest(&mut conn) {
        // Another process opening a new store at the same moment may have migrated it first:
        // then this one's attempt failed, and the store is as it should be.
        if migrations().current_version(&conn) != Ok(SchemaVersion::Inside(latest())) {
            return Err(match e {
                rusqlite_migration::Error::RusqliteError { err, .. } => Failure::from(err),
                other => Failure::Other(other.to_string()),
            });
        }
    }
    Ok(conn)
}

/// Tell an edgepurge store from anything else, and mark a new, empty file as edgepurge's
/// before anything is written in it, in one immediate transaction: a second process opening
/// the same new file at once then sees it marked, never as a stranger's file to move aside.
fn claim(conn: &mut Connection) -> Result<(), Failure> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Reading the header is the first real I/O: a non-database file fails here.
    let application_id: i32 = tx.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let tables: i64 = tx.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    if application_id == 0 && tables == 0 {
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    } else if application_id != APPLICATION_ID {
        return Err(Failure::Unusable(format!(
            "not an edgepurge store (application id {application_id:#x}, {tables} tables)"
        )));
    }
    tx.commit()?;
    Ok(())
}

fn latest() -> std::num::NonZeroUsize {
    std::num::NonZeroUsize::new(LATEST).unwrap_or(std::num::NonZeroUsize::MIN)
}

/// SQLite would make the file with the umask's mode (often 0644); the journal names the
/// user's distributions and paths, so it is made 0600 first. SQLite gives its -wal and -shm
/// files the database file's mode.
fn create_private_file(path: &Path) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map(drop)
}

/// `edgepurge.db` becomes `edgepurge.db.unusable-20261130T120000Z` (with its -wal and -shm,
/// which belong to it).
fn move_aside(path: &Path, now: DateTime<Utc>) -> io::Result<PathBuf> {
    let mut name = path.as_os_str().to_os_string();
    name.push(format!(".unusable-{}", now.format("%Y%m%dT%H%M%SZ")));
    let aside = PathBuf::from(name);
    std::fs::rename(path, &aside)?;
    for suffix in ["-wal", "-shm"] {
        let mut from = path.as_os_str().to_os_string();
        from.push(suffix);
        let mut to = aside.as_os_str().to_os_string();
        to.push(suffix);
        // Absent unless the damaged file was in WAL mode.
        let _ = std::fs::rename(&from, &to);
    }
    Ok(aside)
}

#[cfg(test)]
mod tests;
