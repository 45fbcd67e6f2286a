//! A store that cannot be used never stops a purge: corrupt, newer, unwritable or locked, the
//! command says so in one line with the path and goes on without memory (or with a new store
//! beside the damaged one, which is kept).

mod common;

use common::{code, json, run_in, stderr};
use edgepurge::fixtures::demo::SHOP as DIST;

fn purge(state: &std::path::Path) -> std::process::Output {
    run_in(
        state,
        &["--demo", "purge", DIST, "/a", "--yes", "--json"],
        None,
    )
}

/// The lines of standard error that speak of the store.
fn store_lines(out: &std::process::Output) -> Vec<String> {
    stderr(out)
        .lines()
        .filter(|l| l.contains("the store"))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_corrupt_store_is_moved_aside_and_a_new_one_begun() {
    let state = tempfile::tempdir().unwrap();
    let db = state.path().join("demo.db");
    std::fs::write(
        &db,
        b"not a database at all, but long enough to look like one. ".repeat(200),
    )
    .unwrap();
    let out = purge(state.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json(&out).as_array().map(Vec::len), Some(1));
    let lines = store_lines(&out);
    assert_eq!(lines.len(), 1, "one line: {lines:?}");
    assert!(
        lines[0].contains("moved to") && lines[0].contains("never deleted"),
        "{lines:?}"
    );
    let kept: Vec<_> = std::fs::read_dir(state.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("demo.db.unusable-")
        })
        .collect();
    assert_eq!(kept.len(), 1, "the damaged file is kept");
    // The new store remembers this run.
    let journal = run_in(state.path(), &["--demo", "journal", "--json"], None);
    assert_eq!(json(&journal).as_array().map(Vec::len), Some(1));
}

#[test]
fn a_store_from_a_newer_edgepurge_is_left_alone_and_the_purge_goes_on() {
    let state = tempfile::tempdir().unwrap();
    let db = state.path().join("demo.db");
    assert_eq!(code(&purge(state.path())), 0);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let out = purge(state.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let lines = store_lines(&out);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].contains("newer edgepurge") && lines[0].contains(&db.display().to_string()),
        "{lines:?}"
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 99, "untouched");
}

#[test]
fn an_unwritable_state_directory_is_said_once_and_the_purge_goes_on() {
    // A directory that cannot be made, whoever runs the test (root included): under a file.
    let state = tempfile::tempdir().unwrap();
    let plain = state.path().join("plain");
    std::fs::write(&plain, b"").unwrap();
    let out = purge(&plain.join("state"));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json(&out).as_array().map(Vec::len), Some(1));
    let lines = store_lines(&out);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("runs without memory"), "{lines:?}");
}

#[test]
fn a_store_locked_by_another_process_does_not_stop_a_purge() {
    let state = tempfile::tempdir().unwrap();
    assert_eq!(code(&purge(state.path())), 0);
    // Another process holds an exclusive lock (rollback mode) for longer than the wait.
    let holder = rusqlite::Connection::open(state.path().join("demo.db")).unwrap();
    holder
        .execute_batch("PRAGMA journal_mode = DELETE;")
        .unwrap();
    holder
        .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;")
        .unwrap();
    let out = purge(state.path());
    drop(holder);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let lines = store_lines(&out);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("locked by another process"), "{lines:?}");
}
