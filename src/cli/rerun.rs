//! A purge run again: an earlier run of the same batch on the same targets that did not finish
//! (unconfirmed, or made but never reported) within the resume window gives its caller
//! reference back, so "interrupt and run it again" never makes a second invalidation.

use super::output::say;
use super::purge::PurgeArgs;
use super::session::Session;
use crate::domain::caller_reference::CallerReference;
use crate::domain::journal::State;
use crate::domain::target::CloudFrontTarget;
use crate::domain::words;
use crate::store::journal;

/// The batch's reference: an unfinished earlier run's (unconfirmed, or made but never
/// reported) when there is one within the resume window, else a new one.
pub async fn reference(
    session: &Session,
    targets: &[CloudFrontTarget],
    parts: &[Vec<String>],
    args: &PurgeArgs,
) -> CallerReference {
    let now = session.clock.now();
    let fresh = || CallerReference::generate(now, rand::random());
    if args.new {
        return fresh();
    }
    let window = match args.resume_window {
        Some(window) => window,
        None => crate::store::config::load()
            .map(|c| c.memory.resume_window)
            .unwrap_or_else(|e| {
                say!("edgepurge: {e}; the default resume window (15 minutes) is used");
                crate::store::config::Memory::default().resume_window
            }),
    };
    let since = now - chrono::Duration::from_std(window).unwrap_or_default();
    let wanted: Vec<(String, Vec<String>, usize)> = targets
        .iter()
        .flat_map(|t| {
            parts
                .iter()
                .enumerate()
                .map(move |(i, items)| (t.to_string(), items.clone(), i + 1))
        })
        .collect();
    let of = parts.len();
    let found = session
        .store()
        .call(move |c| {
            for (target, items, number) in &wanted {
                if let Some(entry) = journal::resumable(c, target, items, *number, of, since)? {
                    return Ok(Some(entry));
                }
            }
            Ok(None)
        })
        .await;
    match found {
        Ok(Some(entry)) => match CallerReference::parse(&entry.intent.batch_reference) {
            Ok(reference) => {
                let ago = words::duration(now - entry.intent.attempted_at);
                let what = match (entry.state, entry.reported_at) {
                    (State::Sent, None) => "made its invalidation but its output never reached you",
                    (State::Sent, Some(_)) => "did not finish on every target",
                    (State::Failed, _) => "failed",
                    _ => "was not confirmed",
                };
                say!(
                    "edgepurge: the same purge run {ago} ago {what}: sending it again with its \
                     caller reference {reference}, which cannot make a second invalidation \
                     (--new sends a fresh one)"
                );
                reference
            }
            Err(_) => fresh(),
        },
        _ => fresh(),
    }
}
