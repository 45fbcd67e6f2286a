//! What lives on disk: the config file and, in the state directory, the compose draft. Every
//! write is atomic, so a crash or a signal mid-write leaves the old file or the new one.

pub mod atomic;
pub mod config;
pub mod dirs;
pub mod draft;
mod error;

pub use error::StoreError;

#[cfg(test)]
pub(crate) mod test_dir;
