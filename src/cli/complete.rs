//! Dynamic shell completion (`source <(EDGEPURGE_COMPLETE=bash edgepurge)`): the targets of the account
//! the words typed so far point at (`--demo`, `--profile`, `--region`, `--endpoint-url`), by
//! id and by name, and the AWS profiles of the AWS CLI's files.
//!
//! The shell runs `edgepurge -- WORDS…` for each completion; clap_complete's engine offers what
//! these functions return.

use std::ffi::OsString;
use std::sync::Arc;
use std::time::Duration;

use clap::{CommandFactory, Parser};
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};

use super::{Cli, names};
use crate::backend::aws::profiles;
use crate::clock::{SharedClock, TokioClock};
use crate::domain::target::Target;
use crate::domain::target_name::NamedTarget;

/// A completion that waits longer than this for the account offers no targets: the shell
/// should not hang on a slow network.
const LISTING_WAIT: Duration = Duration::from_secs(3);

/// The variable a shell sets to ask for completions. Not clap's default `COMPLETE`: a name
/// that general may be set for something else, and edgepurge would then answer a completion
/// instead of doing what it was asked.
const ASKED_BY: &str = "EDGEPURGE_COMPLETE";

/// Answer the shell's completion request, if this run is one (it then ends here).
pub fn answer_if_asked() {
    clap_complete::CompleteEnv::with_factory(Cli::command)
        .var(ASKED_BY)
        .complete();
}

/// An argument that takes any target offers the account's (`#[arg(add = offer_targets())]`).
pub fn offer_targets() -> ArgValueCandidates {
    ArgValueCandidates::new(|| targets(|_| true))
}

/// An argument that takes paths offers CloudFront targets only.
pub fn offer_cloudfront_targets() -> ArgValueCandidates {
    ArgValueCandidates::new(|| targets(|t| matches!(t, Target::CloudFront(_))))
}

/// `reset` offers Lightsail distributions only.
pub fn offer_lightsail_targets() -> ArgValueCandidates {
    ArgValueCandidates::new(|| targets(|t| matches!(t, Target::Lightsail { .. })))
}

/// `--profile` offers the AWS CLI's profiles.
pub fn offer_profiles() -> ArgValueCandidates {
    ArgValueCandidates::new(profiles)
}

/// Every target of the account, by id (its names as help) and by each name (its id as help).
fn targets(wanted: fn(&Target) -> bool) -> Vec<CompletionCandidate> {
    let words: Vec<OsString> = std::env::args_os().collect();
    // `edgepurge -- edgepurge WORDS…`: the words typed, after the escape.
    let typed = words
        .iter()
        .position(|w| w == "--")
        .map_or(&words[..0], |i| &words[i + 1..]);
    let flags = global_flags(typed.get(1..).unwrap_or_default());
    let Ok(cli) = Cli::try_parse_from(std::iter::once(OsString::from("edgepurge")).chain(flags))
    else {
        return Vec::new();
    };
    listed(&cli)
        .iter()
        .filter(|t| wanted(&t.target))
        .flat_map(candidates)
        // A name the shell could not take as it is (a control character from AWS) is left out.
        .filter(|c| {
            c.get_value()
                .to_str()
                .is_some_and(|v| !v.chars().any(crate::domain::visible::is_escaped))
        })
        .collect()
}

fn listed(cli: &Cli) -> Vec<NamedTarget> {
    let Ok(runtime) = super::session::runtime() else {
        return Vec::new();
    };
    runtime.block_on(async {
        let clock: SharedClock = Arc::new(TokioClock::system());
        let Ok(connection) = super::connect(&cli.global, clock) else {
            return Vec::new();
        };
        let listing = names::listing(connection.backend.as_ref());
        match tokio::time::timeout(LISTING_WAIT, listing).await {
            Ok(listing) => listing.known,
            Err(_) => Vec::new(),
        }
    })
}

fn candidates(target: &NamedTarget) -> Vec<CompletionCandidate> {
    let id = target.target.to_string();
    let mut all = vec![
        CompletionCandidate::new(&id)
            .help(Some(target.names.join(", ").into()))
            .display_order(Some(0)),
    ];
    all.extend(target.names.iter().map(|name| {
        CompletionCandidate::new(name)
            .help(Some(id.clone().into()))
            .display_order(Some(1))
    }));
    all
}

/// The global flags among `words` (with their values), which say which account to list.
fn global_flags(words: &[OsString]) -> Vec<OsString> {
    let command = Cli::command();
    let takes_value = |long: &str| {
        command
            .get_arguments()
            .find(|a| a.get_long() == Some(long))
            .map(|a| a.get_action().takes_values())
    };
    let mut flags = Vec::new();
    let mut words = words.iter();
    while let Some(word) = words.next() {
        let Some(long) = word.to_str().and_then(|w| w.strip_prefix("--")) else {
            continue;
        };
        let (name, inline) = match long.split_once('=') {
            Some((name, _)) => (name, true),
            None => (long, false),
        };
        match takes_value(name) {
            Some(true) if !inline => {
                flags.push(word.clone());
                if let Some(value) = words.next() {
                    flags.push(value.clone());
                }
            }
            Some(_) => flags.push(word.clone()),
            None => {}
        }
    }
    flags
}

/// The profiles of the AWS CLI's files (`AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`, else
/// `~/.aws/config` and `~/.aws/credentials`), as the dashboard's profile picker reads them.
fn profiles() -> Vec<CompletionCandidate> {
    profiles::list_profiles()
        .unwrap_or_default()
        .into_iter()
        .map(CompletionCandidate::new)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<OsString> {
        text.split_whitespace().map(OsString::from).collect()
    }

    #[test]
    fn the_account_flags_are_picked_out_of_the_words() {
        assert_eq!(
            global_flags(&words("purge --demo --demo-seed 7 www --yes /a")),
            words("--demo --demo-seed 7")
        );
        assert_eq!(
            global_flags(&words("--profile prod invalidations --region=eu-west-1 sh")),
            words("--profile prod --region=eu-west-1")
        );
        assert!(global_flags(&words("show E1 --json")).is_empty());
    }
}
