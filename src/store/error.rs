use std::io;
use std::path::PathBuf;

use super::dirs::{CONFIG_ENV, STATE_DIR_ENV};

/// A file in the state directory that could not be found, read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "cannot find a home directory for edgepurge's files; set HOME, or {CONFIG_ENV} and \
         {STATE_DIR_ENV}"
    )]
    NoHome,
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    #[error(
        "the saved draft {} cannot be read ({problem}); delete that file to start with an \
         empty form",
        path.display()
    )]
    CorruptDraft { path: PathBuf, problem: String },
}
