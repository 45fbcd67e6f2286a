//! The memory file: created where it can be, read back, aged, merged between writers, and
//! refused (never overwritten) when it is not one.

use std::sync::Arc;
use std::thread;

use chrono::TimeZone;

use super::*;
use crate::store::test_dir::TestDir;

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap() + Duration::minutes(minutes)
}

fn invalidation(target: &str, id: &str, reference: &str, made: DateTime<Utc>) -> Entry {
    Entry::Invalidation {
        invalidation: RememberedInvalidation {
            seed: 7,
            target: target.into(),
            id: id.into(),
            items: vec!["/a".into()],
            caller_reference: reference.into(),
            create_time: made,
            completes_at: made + Duration::seconds(30),
        },
        next_number: 3,
    }
}

fn reset(id: &str, made: DateTime<Utc>) -> Entry {
    Entry::Reset(RememberedReset {
        seed: 7,
        id: id.into(),
        name: "blog-cdn".into(),
        created_at: made,
        completes_at: made + Duration::seconds(20),
    })
}

#[test]
fn a_new_memory_is_empty_and_its_directory_private() {
    let t = TestDir::new("memory-new");
    let path = t.path().join("state/edgepurge").join(FILE_NAME);
    let (_memory, remembered) = Memory::open(path.clone()).unwrap();
    assert!(remembered.invalidations.is_empty() && remembered.resets.is_empty());
    assert!(
        !path.exists(),
        "nothing is written before something is sent"
    );
    assert!(path.with_extension("lock").exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path.parent().unwrap())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700);
    }
}

#[test]
fn what_is_committed_is_read_back_and_what_aged_out_is_dropped() {
    let t = TestDir::new("memory-commit");
    let path = t.path().join(FILE_NAME);
    let (mut memory, _) = Memory::open(path.clone()).unwrap();
    let change = memory.begin().unwrap();
    change
        .commit(invalidation("E1", "I1", "old", at(0)), at(0))
        .unwrap();
    let change = memory.begin().unwrap();
    change.commit(reset("op-1", at(1)), at(1)).unwrap();

    let (_, remembered) = Memory::open(path.clone()).unwrap();
    assert_eq!(remembered.version, VERSION);
    assert_eq!(remembered.invalidations.len(), 1);
    assert_eq!(remembered.invalidations[0].caller_reference, "old");
    assert_eq!(remembered.resets[0].id, "op-1");
    assert_eq!(remembered.next_numbers.get("7/E1"), Some(&3));

    // A day and a bit later, the next write leaves out what is older than a day, but not the
    // numbers already given.
    let later = at(0) + KEEP_FOR + Duration::minutes(2);
    let change = memory.begin().unwrap();
    change
        .commit(invalidation("E2", "I2", "new", later), later)
        .unwrap();
    let (_, remembered) = Memory::open(path).unwrap();
    let references: Vec<_> = remembered
        .invalidations
        .iter()
        .map(|i| i.caller_reference.as_str())
        .collect();
    assert_eq!(references, ["new"]);
    assert!(remembered.resets.is_empty());
    assert_eq!(remembered.next_numbers.get("7/E1"), Some(&3));
}

#[test]
fn a_change_made_elsewhere_is_noticed_and_an_unchanged_file_is_not_read_again() {
    let t = TestDir::new("memory-changed");
    let path = t.path().join(FILE_NAME);
    let (mut mine, _) = Memory::open(path.clone()).unwrap();
    let (mut theirs, _) = Memory::open(path).unwrap();
    assert_eq!(mine.read_if_changed().unwrap(), None);
    let change = theirs.begin().unwrap();
    change
        .commit(invalidation("E1", "I1", "theirs", at(0)), at(0))
        .unwrap();
    let seen = mine
        .read_if_changed()
        .unwrap()
        .expect("their write is seen");
    assert_eq!(seen.invalidations[0].caller_reference, "theirs");
    assert_eq!(mine.read_if_changed().unwrap(), None);
    assert_eq!(theirs.read_if_changed().unwrap(), None, "its own write");
}

#[test]
fn writers_at_the_same_time_lose_nothing() {
    let t = TestDir::new("memory-writers");
    let path = Arc::new(t.path().join(FILE_NAME));
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let path = Arc::clone(&path);
            thread::spawn(move || {
                // Each writer its own file handle, as separate processes have.
                let (mut memory, _) = Memory::open(path.to_path_buf()).unwrap();
                for n in 0..10 {
                    let change = memory.begin().unwrap();
                    let entry = invalidation("E1", &format!("I{w}-{n}"), "r", at(n));
                    change.commit(entry, at(n)).unwrap();
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    let (_, remembered) = Memory::open(path.to_path_buf()).unwrap();
    assert_eq!(remembered.invalidations.len(), 40);
}

#[test]
fn a_change_dropped_without_commit_writes_nothing_and_lets_the_lock_go() {
    let t = TestDir::new("memory-dropped");
    let path = t.path().join(FILE_NAME);
    let (mut memory, _) = Memory::open(path.clone()).unwrap();
    drop(memory.begin().unwrap());
    assert!(!path.exists());
    // Another handle can take the lock at once.
    let (mut other, _) = Memory::open(path.clone()).unwrap();
    let change = other.begin().unwrap();
    change.commit(reset("op", at(0)), at(0)).unwrap();
    assert!(path.exists());
}

#[test]
fn a_file_that_is_not_a_memory_is_refused_and_left_alone() {
    let t = TestDir::new("memory-corrupt");
    let path = t.path().join(FILE_NAME);
    fs::write(&path, b"{ not json").unwrap();
    let e = Memory::open(path.clone()).unwrap_err();
    assert!(matches!(e, MemoryError::Unreadable { .. }), "{e}");
    let text = e.to_string();
    assert!(
        text.contains(FILE_NAME) && text.contains("delete it"),
        "{text}"
    );
    assert_eq!(fs::read(&path).unwrap(), b"{ not json");

    fs::write(&path, br#"{"version": 99}"#).unwrap();
    let e = Memory::open(path).unwrap_err();
    assert!(matches!(e, MemoryError::Newer { found: 99, .. }), "{e}");
}

#[test]
fn a_place_that_cannot_hold_it_is_an_error() {
    let t = TestDir::new("memory-unusable");
    let file = t.path().join("plain");
    fs::write(&file, b"").unwrap();
    let e = Memory::open(file.join(FILE_NAME)).unwrap_err();
    assert!(matches!(e, MemoryError::Io { .. }), "{e}");
}
