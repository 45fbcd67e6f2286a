//! What lives on disk: the config file and, in the state directory, one SQLite database (the
//! journal of writes, drafts, the history of invalidations) that runs on its own thread. File
//! writes are atomic, so a crash or a signal mid-write leaves the old file or the new one.

pub mod accounts;
pub mod atomic;
pub mod config;
pub mod creators;
pub mod db;
pub mod deploys;
pub mod dirs;
pub mod draft;
pub mod drafts;
mod error;
pub mod history;
pub mod journal;
pub mod search;
pub mod usage;

pub use error::StoreError;

#[cfg(test)]
pub(crate) mod test_dir;
