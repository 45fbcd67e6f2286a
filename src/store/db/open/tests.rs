use super::*;
use crate::fixtures::store::now;
use crate::store::test_dir::TestDir;

#[test]
fn a_new_store_is_private_wal_and_at_the_latest_schema() {
    let t = TestDir::new("db-new");
    let dir = t.path().join("state");
    let path = dir.join("edgepurge.db");
    let opened = open(&path, now()).unwrap();
    assert!(opened.moved_aside.is_none());
    let c = &opened.connection;
    let mode: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let version: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, LATEST as i64);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&path), 0o600);
        let wal = dir.join("edgepurge.db-wal");
        assert_eq!(mode(&wal), 0o600, "the WAL file is as private as the store");
    }
}

#[test]
fn opening_again_keeps_what_is_there() {
    let t = TestDir::new("db-reopen");
    let path = t.path().join("edgepurge.db");
    let c = open(&path, now()).unwrap().connection;
    c.execute(
        "INSERT INTO drafts (id, targets, text, caller_reference, saved_at) \
         VALUES ('a', '[]', '/x', 'r', 't')",
        [],
    )
    .unwrap();
    drop(c);
    let c = open(&path, now()).unwrap().connection;
    let text: String = c
        .query_row("SELECT text FROM drafts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(text, "/x");
}

#[test]
fn a_corrupt_file_is_moved_aside_never_deleted_and_a_new_store_begins() {
    let t = TestDir::new("db-corrupt");
    let path = t.path().join("edgepurge.db");
    let junk = b"this is not a database, it is a file somebody wrote over it......".repeat(100);
    std::fs::write(&path, &junk).unwrap();
    let opened = open(&path, now()).unwrap();
    let aside = opened.moved_aside.expect("moved aside");
    assert_eq!(std::fs::read(&aside).unwrap(), junk, "kept byte for byte");
    assert!(
        aside
            .to_string_lossy()
            .ends_with("edgepurge.db.unusable-20261130T120000Z"),
        "{aside:?}"
    );
    assert!(t.entries().contains(&"edgepurge.db".to_string()));
}

#[test]
fn a_foreign_sqlite_file_is_moved_aside_too() {
    let t = TestDir::new("db-foreign");
    let path = t.path().join("edgepurge.db");
    let c = Connection::open(&path).unwrap();
    c.execute_batch("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');")
        .unwrap();
    drop(c);
    let opened = open(&path, now()).unwrap();
    let aside = opened.moved_aside.expect("moved aside");
    let c = Connection::open(&aside).unwrap();
    let title: String = c
        .query_row("SELECT title FROM songs", [], |r| r.get(0))
        .unwrap();
    assert_eq!(title, "x", "the other program's data is intact");
}

#[test]
fn a_newer_schema_is_left_untouched_and_named() {
    let t = TestDir::new("db-newer");
    let path = t.path().join("edgepurge.db");
    let c = open(&path, now()).unwrap().connection;
    c.pragma_update(None, "user_version", LATEST as i64 + 3)
        .unwrap();
    drop(c);
    let before = std::fs::read(&path).unwrap();
    let problem = open(&path, now()).err().expect("refused");
    assert_eq!(
        problem,
        OpenProblem::Newer {
            path: path.clone(),
            found: LATEST + 3
        }
    );
    let text = problem.to_string();
    assert!(
        text.contains("newer edgepurge") && text.contains("upgrade"),
        "{text}"
    );
    assert!(!text.contains('\n'), "one line: {text}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn an_unwritable_directory_is_said_with_the_path_and_the_fix() {
    use std::os::unix::fs::PermissionsExt;
    let t = TestDir::new("db-unwritable");
    let dir = t.path().join("locked");
    std::fs::create_dir(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o500)).unwrap();
    let path = dir.join("edgepurge.db");
    let result = open(&path, now());
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    // Root may write anywhere: then there is nothing to test.
    let Err(problem) = result else { return };
    assert!(
        matches!(problem, OpenProblem::Unwritable { .. }),
        "{problem:?}"
    );
    let text = problem.to_string();
    assert!(text.contains(&path.display().to_string()), "{text}");
    assert!(text.contains("EDGEPURGE_STATE_DIR"), "{text}");
}

#[test]
fn a_path_under_a_plain_file_is_unwritable() {
    let t = TestDir::new("db-notdir");
    let file = t.path().join("plain");
    std::fs::write(&file, b"").unwrap();
    let problem = open(&file.join("edgepurge.db"), now())
        .err()
        .expect("refused");
    assert!(
        matches!(problem, OpenProblem::Unwritable { .. }),
        "{problem:?}"
    );
    // Said with the path and the fix, whoever runs the test (root included).
    let text = problem.to_string();
    assert!(
        text.contains(&file.join("edgepurge.db").display().to_string()),
        "{text}"
    );
    assert!(text.contains("EDGEPURGE_STATE_DIR"), "{text}");
}

#[test]
fn a_store_locked_by_another_connection_is_locked_not_corrupt() {
    let t = TestDir::new("db-locked");
    let path = t.path().join("edgepurge.db");
    drop(open(&path, now()).unwrap());
    // Another process holding an exclusive lock in rollback mode blocks even WAL readers.
    let holder = Connection::open(&path).unwrap();
    holder
        .execute_batch("PRAGMA journal_mode = DELETE;")
        .unwrap();
    holder
        .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;")
        .unwrap();
    let started = std::time::Instant::now();
    let problem = open_with(&path, now(), Duration::from_millis(50)).map(drop);
    drop(holder);
    assert!(
        matches!(problem, Err(OpenProblem::Locked { .. })),
        "{problem:?} after {:?}",
        started.elapsed()
    );
    assert!(open(&path, now()).is_ok(), "free again once released");
}
