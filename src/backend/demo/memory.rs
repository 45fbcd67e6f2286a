//! What the demo account was sent, kept on disk so that the next `--demo` run (or another one
//! running now) sees it: invalidations and Lightsail resets, each written before its create
//! answers, as CloudFront has made an invalidation before its answer can be lost.
//!
//! One JSON file, replaced atomically (`store::atomic`), so a reader (and a kill -9 mid-write)
//! sees the old contents or the new, never half. Writers take an exclusive lock on a lock file
//! beside it (the data file itself is replaced by each write, so it cannot carry the lock),
//! read the file, take in what others wrote, decide, and write the merge: two processes
//! creating at once lose nothing, and a caller reference or an id is never given twice. The
//! lock is released by the system when a process dies, so a killed run never leaves it held.
//! Appending JSON lines would avoid rewriting, but the lock is needed anyway (deciding
//! idempotency and the next id must see every earlier create), and a rewrite also drops what
//! has aged out.

use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::store::atomic::{self, create_private_dir};

/// The file's name in the state directory.
pub const FILE_NAME: &str = "demo-account.json";

/// The file format; a newer one is left alone.
const VERSION: u32 = 1;

/// How long what was sent is remembered. The made-up history is drawn back from the time each
/// run starts, so an invalidation remembered for days would stand above history newer than it.
pub const KEEP_FOR: Duration = Duration::hours(24);

/// The file's contents.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Remembered {
    pub version: u32,
    #[serde(default)]
    pub invalidations: Vec<RememberedInvalidation>,
    #[serde(default)]
    pub resets: Vec<RememberedReset>,
    /// The next sequence number of each target under each seed (`SEED/TARGET`), kept after
    /// its invalidations age out so that an id is never given to a second invalidation.
    #[serde(default)]
    pub next_numbers: BTreeMap<String, u64>,
}

/// An invalidation the demo account made. Each `--demo-seed` is an account of its own (its
/// history and ids differ), so each entry says which one it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RememberedInvalidation {
    pub seed: u64,
    /// The distribution's or tenant's id.
    pub target: String,
    pub id: String,
    pub items: Vec<String>,
    pub caller_reference: String,
    pub create_time: DateTime<Utc>,
    pub completes_at: DateTime<Utc>,
}

/// A Lightsail cache reset the demo account started.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RememberedReset {
    pub seed: u64,
    pub id: String,
    /// The Lightsail distribution's name.
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub completes_at: DateTime<Utc>,
}

/// Something new to remember.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Invalidation {
        invalidation: RememberedInvalidation,
        /// The target's next sequence number after it.
        next_number: u64,
    },
    Reset(RememberedReset),
}

pub fn numbers_key(seed: u64, target: &str) -> String {
    format!("{seed}/{target}")
}

impl Remembered {
    fn push(&mut self, entry: Entry) {
        match entry {
            Entry::Invalidation {
                invalidation,
                next_number,
            } => {
                let key = numbers_key(invalidation.seed, &invalidation.target);
                let next = self.next_numbers.entry(key).or_default();
                *next = (*next).max(next_number);
                self.invalidations.push(invalidation);
            }
            Entry::Reset(reset) => self.resets.push(reset),
        }
    }

    /// Drops what was made more than `KEEP_FOR` before `now`.
    fn forget_before(&mut self, now: DateTime<Utc>) {
        let oldest = now - KEEP_FOR;
        self.invalidations.retain(|i| i.create_time >= oldest);
        self.resets.retain(|r| r.created_at >= oldest);
    }
}

/// The memory could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum MemoryError {
    #[error("{}: {source}", .path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("{} is not a demo account's memory ({source}); delete it to start afresh", .path.display())]
    Unreadable {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error(
        "{} was written by a newer edgepurge (format {found}); delete it to start afresh",
        .path.display()
    )]
    Newer { path: PathBuf, found: u32 },
}

/// The memory file and its lock.
#[derive(Debug)]
pub struct Memory {
    path: PathBuf,
    lock: File,
    /// The file as last read or written, to skip reading it when nothing changed.
    seen: Option<Stamp>,
}

impl Memory {
    /// The memory at `path` (a missing file is an empty memory) and what it holds. Creates the
    /// directory and the lock file, so a place that cannot be written is found out now.
    pub fn open(path: PathBuf) -> Result<(Self, Remembered), MemoryError> {
        let io_error = |source| MemoryError::Io {
            path: path.clone(),
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dir(dir).map_err(io_error)?;
        }
        let lock = open_lock(&lock_path(&path)).map_err(io_error)?;
        let mut memory = Self {
            path,
            lock,
            seen: None,
        };
        let remembered = memory.read()?;
        Ok((memory, remembered))
    }

    /// What the file holds, if it changed since it was last read or written.
    pub fn read_if_changed(&mut self) -> Result<Option<Remembered>, MemoryError> {
        if stamp(&self.path) == self.seen {
            return Ok(None);
        }
        self.read().map(Some)
    }

    /// Start a change: the lock is held until the change is committed or dropped, and what
    /// the file holds now is read under it.
    pub fn begin(&mut self) -> Result<Change<'_>, MemoryError> {
        self.lock.lock().map_err(|source| MemoryError::Io {
            path: lock_path(&self.path),
            source,
        })?;
        let mut change = Change {
            memory: self,
            remembered: Remembered::default(),
        };
        change.remembered = change.memory.read()?;
        Ok(change)
    }

    fn read(&mut self) -> Result<Remembered, MemoryError> {
        let before = stamp(&self.path);
        let bytes = match fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                self.seen = None;
                return Ok(Remembered {
                    version: VERSION,
                    ..Remembered::default()
                });
            }
            Err(source) => {
                return Err(MemoryError::Io {
                    path: self.path.clone(),
                    source,
                });
            }
        };
        let remembered: Remembered =
            serde_json::from_slice(&bytes).map_err(|source| MemoryError::Unreadable {
                path: self.path.clone(),
                source,
            })?;
        if remembered.version > VERSION {
            return Err(MemoryError::Newer {
                path: self.path.clone(),
                found: remembered.version,
            });
        }
        self.seen = before;
        Ok(remembered)
    }
}

/// A change under the lock: what the file held when it was taken, and what is added.
pub struct Change<'m> {
    memory: &'m mut Memory,
    remembered: Remembered,
}

impl Change<'_> {
    pub fn remembered(&self) -> &Remembered {
        &self.remembered
    }

    /// Write what the file held with `entry` added, less what aged out, durably (written,
    /// flushed to disk and renamed into place) before the lock is let go.
    pub fn commit(mut self, entry: Entry, now: DateTime<Utc>) -> Result<(), MemoryError> {
        self.remembered.push(entry);
        self.remembered.forget_before(now);
        self.remembered.version = VERSION;
        let path = self.memory.path.clone();
        let bytes =
            serde_json::to_vec(&self.remembered).map_err(|source| MemoryError::Unreadable {
                path: path.clone(),
                source,
            })?;
        atomic::write(&path, &bytes).map_err(|source| MemoryError::Io { path, source })?;
        self.memory.seen = stamp(&self.memory.path);
        Ok(())
    }
}

impl Drop for Change<'_> {
    fn drop(&mut self) {
        // Closing the process would release it too; an unlock that fails leaves the lock to
        // the end of this run, which the next change's `lock` reports.
        let _ = self.memory.lock.unlock();
    }
}

fn lock_path(path: &Path) -> PathBuf {
    path.with_extension("lock")
}

fn open_lock(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Enough to tell that the file was replaced or changed: each write renames a new file into
/// place, so its inode changes even when its size and time do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let meta = fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some(Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
        inode,
    })
}

#[cfg(test)]
mod tests;
