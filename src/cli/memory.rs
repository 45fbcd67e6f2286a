//! The store for a CLI run: the demo account's own file with `--demo`, else the real one.
//! Opened only by the commands that remember (purge, reset, resume, journal, search, usage);
//! a store that cannot be used is said once, and the command goes on without memory.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::GlobalArgs;
use super::output::say;
use crate::domain::journal::Sender;
use crate::domain::redact::url_userinfo;
use crate::engine::who;
use crate::store::db::{OpenReport, Store};
use crate::store::dirs;

/// The database file for this run, or why there is none.
pub fn path(global: &GlobalArgs) -> Result<PathBuf, String> {
    let dir = dirs::state_dir().map_err(|e| e.to_string())?;
    Ok(dir.join(dirs::database_name(global.demo)))
}

/// Open the store and wait until it is ready (or known to be unusable, which is said here).
pub async fn open(global: &GlobalArgs, now: DateTime<Utc>) -> Store {
    let path = match path(global) {
        Ok(path) => path,
        Err(e) => {
            say!("edgepurge: {e}; edgepurge runs without memory");
            return Store::without_memory();
        }
    };
    let (store, report) = Store::open_in_background(path, now);
    match report.await {
        Ok(OpenReport::WithoutMemory(problem)) => {
            say!("edgepurge: {problem}");
            Store::without_memory()
        }
        Ok(report) => {
            if let Some(line) = report.message() {
                say!("edgepurge: {line}");
            }
            store
        }
        Err(_) => Store::without_memory(),
    }
}

/// Who writes from this run, as the journal records it: `user@host`, the command (or
/// `dashboard`), and the account flags (the endpoint without its user-info).
pub fn sender(global: &GlobalArgs, command: String) -> Sender {
    let (profile, endpoint) = account_flags(global);
    Sender {
        user: who::user_at_host(),
        command,
        profile,
        endpoint,
        ..Sender::default()
    }
}

/// The profile and endpoint given, as the store keys accounts by them.
pub fn account_flags(global: &GlobalArgs) -> (Option<String>, Option<String>) {
    (
        global.aws.profile.clone(),
        global.aws.endpoint_url.as_deref().map(url_userinfo),
    )
}
