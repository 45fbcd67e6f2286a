//! What `search` and `usage` share: the account the history belongs to, every CloudFront
//! target of it, and bringing their stored history up to date for a window, with a progress
//! line on a terminal.

use chrono::{DateTime, Utc};

use super::GlobalArgs;
use super::output::Failure;
use super::progress::{Mode, Progress};
use super::session::Session;
use super::terminal;
use crate::domain::target::CloudFrontTarget;
use crate::history::{Busy, Pace, Syncer};

/// Requests a second the history is fetched at (CloudFront's read APIs allow more; this
/// leaves room for everyone else using the account).
pub const DEFAULT_RATE: f64 = 5.0;

/// The account id the history is kept under (STS, asked once per profile and endpoint).
pub async fn account(session: &Session, global: &GlobalArgs) -> Result<String, Failure> {
    let (profile, endpoint) = super::memory::account_flags(global);
    let (profile, endpoint) = (profile.unwrap_or_default(), endpoint.unwrap_or_default());
    if let Some(account) = session.engine.account() {
        return Ok(account.to_string());
    }
    crate::history::identity(
        session.backend.as_ref(),
        session.store(),
        &profile,
        &endpoint,
        session.clock.now(),
    )
    .await
    .map(|who| who.account)
    .map_err(|e| Failure::failed(format!("cannot tell which AWS account this is: {e}")))
}

/// What bringing the history up to date came to.
#[derive(Debug, Default)]
pub struct Synced {
    /// Targets whose history is complete for the window.
    pub complete: Vec<String>,
    /// Targets that could not be brought up to date, and why.
    pub failed: Vec<(String, String)>,
}

/// Bring `targets`' history up to date from `since`, one target after another (politely
/// paced), saying how far it got on a terminal.
pub async fn bring_up_to_date(
    session: &Session,
    account: &str,
    targets: &[CloudFrontTarget],
    since: DateTime<Utc>,
) -> Synced {
    let syncer = Syncer {
        backend: session.backend.clone(),
        store: session.store().clone(),
        clock: session.clock.clone(),
        account: account.to_string(),
        pace: Pace::per_second(DEFAULT_RATE),
        busy: Busy::default(),
    };
    let mode = if terminal::stderr_is_terminal() {
        Mode::Live
    } else {
        Mode::Quiet
    };
    let progress = Progress::new(mode, session.clock.clone());
    let started = session.clock.now();
    let mut synced = Synced::default();
    for (n, target) in targets.iter().enumerate() {
        let label = format!("history {}/{} {target}", n + 1, targets.len());
        let said = |p: crate::history::Progress| {
            let status = if p.to_fetch == 0 {
                format!("{} pages read", p.pages)
            } else {
                format!("{} of {} details", p.fetched, p.to_fetch)
            };
            progress.running(&label, &status, started);
        };
        match progress
            .alongside(syncer.target(target, since, &said))
            .await
        {
            Ok(_) => synced.complete.push(target.to_string()),
            Err(e) => synced.failed.push((target.to_string(), e.to_string())),
        }
        progress.done(&label);
    }
    synced
}
