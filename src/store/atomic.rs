//! Writing a file so that readers (and a crash) see either the old contents or the new, never a
//! half-written file: write a temporary file beside it, flush it to disk, rename it over.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Replaces `path` with `bytes` atomically. A missing directory is created private (0700); the
/// file is private (0600), since drafts and logs name the user's distributions and paths.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    create_private_dir(dir)?;
    let temp = temp_path(dir, path)?;
    let written = write_synced(&temp, bytes).and_then(|()| fs::rename(&temp, path));
    if written.is_err() {
        // Best effort: the error that matters is the write's.
        let _ = fs::remove_file(&temp);
    }
    written?;
    sync_dir(dir);
    Ok(())
}

/// Creates `dir` (and its parents) private, 0700. One that already exists keeps its mode (it
/// may be a directory the user named, such as a home directory).
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// A name in the same directory (so the rename stays on one file system) that no other writer,
/// in this process or another, is using.
fn temp_path(dir: &Path, path: &Path) -> io::Result<PathBuf> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is not a file name", path.display()),
        )
    })?;
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let mut temp = std::ffi::OsString::from(".");
    temp.push(name);
    temp.push(format!(".{}.{n}.tmp", std::process::id()));
    Ok(dir.join(temp))
}

fn write_synced(temp: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(temp)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Makes the rename itself durable. The file is already in place whatever this does, so a
/// failure (some file systems refuse to sync a directory) is not reported as a failed write.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_dir::TestDir;

    #[test]
    fn writes_and_replaces_leaving_only_the_file() {
        let t = TestDir::new("atomic-replace");
        let path = t.path().join("draft.json");
        write(&path, b"first").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"first");
        write(&path, b"second, longer than the first").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second, longer than the first");
        write(&path, b"").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"");
        assert_eq!(t.entries(), vec!["draft.json"], "no temporary file left");
    }

    #[test]
    fn creates_missing_directories() {
        let t = TestDir::new("atomic-mkdir");
        let path = t.path().join("a/b/state.json");
        write(&path, b"{}").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"{}");
    }

    #[cfg(unix)]
    #[test]
    fn the_directory_and_file_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let t = TestDir::new("atomic-mode");
        let dir = t.path().join("state");
        let path = dir.join("draft.json");
        write(&path, b"x").unwrap();
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&path), 0o600);
        // A file that was readable by others becomes private when rewritten.
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        write(&path, b"y").unwrap();
        assert_eq!(mode(&path), 0o600);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let t = TestDir::new("atomic-fail");
        let path = t.path().join("draft.json");
        write(&path, b"old").unwrap();
        // Renaming a file over a non-empty directory fails after the temporary is written.
        let blocked = t.path().join("blocked");
        fs::create_dir(&blocked).unwrap();
        fs::write(blocked.join("inside"), b"").unwrap();
        assert!(write(&blocked, b"new").is_err());
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert_eq!(t.entries(), vec!["blocked", "draft.json"]);
    }

    #[test]
    fn a_directory_that_is_a_file_is_an_error() {
        let t = TestDir::new("atomic-notdir");
        let file = t.path().join("plain");
        fs::write(&file, b"").unwrap();
        assert!(write(&file.join("draft.json"), b"x").is_err());
    }
}
