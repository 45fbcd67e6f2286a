//! The log file: `edgepurge.log.YYYY-MM-DD` (UTC days, as tracing-appender names them) in the
//! state directory, a new one each day, the last `KEEP_FILES` kept, and `edgepurge.log` a link
//! to the current one. The directory is made 0700 when edgepurge creates it; every log file is
//! 0600, as it names the user's distributions, paths and account.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Utc};
use tracing_appender::rolling::{RollingFileAppender, Rotation};

use crate::store::atomic::create_private_dir;

/// The link to the current file, and the prefix of every day's file.
pub const FILE_NAME: &str = "edgepurge.log";
/// A week of days: enough to look back at what happened, small on disk.
const KEEP_FILES: usize = 7;

/// The daily appender on `dir`, its files kept private. The error says why logging is off.
pub fn open(dir: &Path) -> Result<PrivateFiles<RollingFileAppender>, String> {
    create_private_dir(dir)
        .map_err(|e| format!("cannot create the state directory {}: {e}", dir.display()))?;
    // Created before the appender opens it, so it is 0600 from its first byte. The system's
    // clock, not an injected one: tracing-appender names its files by the system's day.
    let today = day_file(dir, Utc::now().date_naive());
    make_private(&today).map_err(|e| format!("cannot write {}: {e}", today.display()))?;
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(FILE_NAME)
        .max_log_files(KEEP_FILES)
        .latest_symlink(FILE_NAME)
        .build(dir)
        .map_err(|e| format!("cannot write the log in {}: {e}", dir.display()))?;
    Ok(PrivateFiles::new(
        appender,
        dir,
        Box::new(|| Utc::now().date_naive()),
    ))
}

/// The file tracing-appender writes on `day`.
fn day_file(dir: &Path, day: NaiveDate) -> PathBuf {
    dir.join(format!("{FILE_NAME}.{}", day.format("%Y-%m-%d")))
}

/// Creates `path` 0600, or makes an existing one 0600 (opening keeps an older file's mode).
fn make_private(path: &Path) -> io::Result<()> {
    let mut options = OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path)?;
    #[cfg(unix)]
    file.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

/// Wraps the appender so each day's file is created private before the appender rolls over
/// to it: tracing-appender creates files with the process umask (often 0644) and has no
/// option for their mode.
pub struct PrivateFiles<W> {
    inner: W,
    dir: PathBuf,
    today: Box<dyn Fn() -> NaiveDate + Send>,
    current: Option<NaiveDate>,
}

impl<W> PrivateFiles<W> {
    fn new(inner: W, dir: &Path, today: Box<dyn Fn() -> NaiveDate + Send>) -> Self {
        Self {
            inner,
            dir: dir.to_path_buf(),
            today,
            current: None,
        }
    }
}

impl<W: Write> Write for PrivateFiles<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let today = (self.today)();
        if self.current != Some(today) {
            // The appender rolls over inside the write below. Should its clock cross midnight
            // a moment before this one, the next write fixes the new file's mode.
            let _ = make_private(&day_file(&self.dir, today));
            self.current = Some(today);
        }
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests;
