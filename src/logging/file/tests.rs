use std::sync::{Arc, Mutex};

use std::fs;

use super::*;

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn the_directory_and_the_file_are_private_and_the_link_follows_today() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("state").join("edgepurge");
    let mut files = open(&dir).unwrap();
    files.write_all(b"one line\n").unwrap();
    files.flush().unwrap();
    let today = day_file(&dir, Utc::now().date_naive());
    // tracing-appender writes the file this module made private, under the name it expects.
    assert_eq!(fs::read_to_string(&today).unwrap(), "one line\n");
    assert_eq!(
        fs::read_to_string(dir.join(FILE_NAME)).unwrap(),
        "one line\n"
    );
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    #[cfg(unix)]
    {
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&today), 0o600);
    }
}

#[cfg(unix)]
#[test]
fn a_file_left_open_to_others_is_made_private() {
    use std::os::unix::fs::PermissionsExt;
    let temp = tempfile::tempdir().unwrap();
    fs::set_permissions(temp.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let today = day_file(temp.path(), Utc::now().date_naive());
    fs::write(&today, "from before\n").unwrap();
    fs::set_permissions(&today, fs::Permissions::from_mode(0o644)).unwrap();
    open(temp.path()).unwrap();
    assert_eq!(mode(&today), 0o600);
    // An existing directory the user chose keeps its mode.
    assert_eq!(mode(temp.path()), 0o755);
}

#[cfg(unix)]
#[test]
fn each_new_day_s_file_is_private_before_anything_is_written_to_it() {
    let temp = tempfile::tempdir().unwrap();
    let day = Arc::new(Mutex::new(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()));
    let clock = Arc::clone(&day);
    let mut files = PrivateFiles::new(
        Vec::new(),
        temp.path(),
        Box::new(move || *clock.lock().unwrap()),
    );
    files.write_all(b"a\n").unwrap();
    let first = temp.path().join("edgepurge.log.2026-11-22");
    assert_eq!(mode(&first), 0o600);
    *day.lock().unwrap() = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    files.write_all(b"b\n").unwrap();
    assert_eq!(mode(&temp.path().join("edgepurge.log.2026-11-23")), 0o600);
    assert_eq!(files.inner, b"a\nb\n");
}

#[test]
fn a_directory_that_cannot_be_made_says_why() {
    let temp = tempfile::tempdir().unwrap();
    let blocker = temp.path().join("a-file");
    fs::write(&blocker, "").unwrap();
    let Err(reason) = open(&blocker.join("state")) else {
        panic!("a directory under a file was created");
    };
    assert!(
        reason.contains("cannot create the state directory"),
        "{reason}"
    );
    assert!(reason.contains("a-file"), "{reason}");
}
