//! `edgepurge purge TARGET... [ITEM...]`: judge the batch, confirm, send it to every target,
//! and with `--wait` follow it to Completed.

use std::time::Duration;

use clap::Args;
use serde::Serialize;

use super::flags::{Follow, ItemsFile, Json, Yes, help};
use super::names::{self, Labels, Typed};
use super::output::{self, Failure, finish, say};
use super::progress::Progress;
use super::send::{self, Options, Outcome, Part, Sent};
use super::session::{self, Session};
use super::terminal::{self, Answer};
use super::{GlobalArgs, duration, input, rerun};
use crate::domain::batch::{Level, PathBatch, Verdict};
use crate::domain::caller_reference::CallerReference;
use crate::domain::cost::estimate;
use crate::domain::target::CloudFrontTarget;
use crate::domain::words::plural;

#[derive(Debug, Args)]
#[command(override_usage = "edgepurge purge TARGET... [ITEM...] [--file F | -] [OPTIONS]")]
#[command(mut_arg(
    "yes",
    help("Send without asking (needed for /* when not run from a terminal)")
))]
#[command(mut_arg(
    "wait",
    help("Follow every invalidation to Completed; wait for room when too many are in progress")
))]
#[command(mut_arg("json", help("Print the created invalidations as a JSON array")))]
pub struct PurgeArgs {
    /// Targets first (a distribution id, tenant:ID, or a name: an alias or domain, a tenant's
    /// name), then the paths and #cache-tags; items are read from --file or standard input (-)
    /// when none are given.
    #[arg(
        value_name = "TARGET|ITEM",
        required = true,
        add = super::complete::offer_cloudfront_targets()
    )]
    pub args: Vec<String>,
    #[command(flatten)]
    pub input: ItemsFile,
    /// The CallerReference to send (default: a new one); the same reference and paths again
    /// make no second invalidation.
    #[arg(long, value_name = "R")]
    pub caller_reference: Option<String>,
    #[command(flatten)]
    pub confirm: Yes,
    #[command(flatten)]
    pub follow: Follow,
    #[command(flatten)]
    pub output: Json,
    /// Send with a fresh caller reference even when an earlier run of the same purge did not
    /// finish (by default that run's reference is reused, so nothing is made twice).
    #[arg(long, conflicts_with = "caller_reference")]
    pub new: bool,
    /// How long an unfinished earlier run of the same purge is resumed by running it again
    /// (default: the config's resume_minutes, else 15m).
    #[arg(long, value_name = "DURATION", value_parser = duration::parse)]
    pub resume_window: Option<Duration>,
    #[command(flatten, next_help_heading = "At the edge (with --wait)")]
    pub after: edge::AfterPurge,
    #[command(flatten)]
    pub deploy: deploy::DeployFlags,
}

mod deploy;
mod edge;
mod targets;

pub fn run(args: &PurgeArgs, global: &GlobalArgs) -> u8 {
    finish(purge(args, global))
}

fn purge(args: &PurgeArgs, global: &GlobalArgs) -> Result<u8, Failure> {
    let typed = targets::leading(&args.args)?;
    args.after.edge.check()?;
    if global.read_only {
        return Err(Failure::invalid(
            "--read-only: nothing is sent; leave out --read-only to purge",
        ));
    }
    let reference = match &args.caller_reference {
        Some(text) => {
            Some(CallerReference::parse(text).map_err(|e| Failure::invalid(e.to_string()))?)
        }
        None => None,
    };
    let runtime = session::runtime()?;
    // A name is looked up in one listing of the account, on the session that then sends;
    // ids alone need no call.
    let mut early = None;
    let listing = if typed.iter().any(|t| matches!(t, Typed::Name(_))) {
        let session = runtime.block_on(async { Session::new(global) })?;
        let listing = runtime.block_on(names::listing(session.backend.as_ref()));
        early = Some(session);
        Some(listing)
    } else {
        None
    };
    let (found, items) = targets::split(&args.args, &typed, listing.as_ref())?;
    let labels = Labels::of(&found);
    let targets = targets::cloudfront(&found);
    let file = args.input.file.as_deref();
    let from_deploy = deploy::batch(
        &args.deploy,
        &items,
        file.is_some(),
        &targets,
        global,
        &runtime,
        &mut early,
    )?;
    let text = match &from_deploy {
        Some(d) => d.text.clone(),
        None => input::read_batch_text(&items, file).map_err(Failure::invalid)?,
    };
    let batch = PathBatch::parse(&text);
    if !batch.is_submittable() {
        return Err(Failure::invalid(refusal(&batch)));
    }
    for line in warnings(&batch) {
        say!("{line}");
    }
    let parts = batch.parts();
    if !args.confirm.yes {
        confirm(&batch, &targets, &labels, parts.len())?;
    }
    runtime.block_on(async {
        let mut session = match early {
            Some(session) => session,
            None => Session::new(global)?,
        };
        session.remember(global).await;
        let reference = match reference {
            Some(given) => given,
            None => rerun::reference(&session, &targets, &parts, args).await,
        };
        let parts = Part::split(parts, &reference);
        // Before the first request, so that whatever happens next the user holds what
        // resumes it.
        say!("edgepurge: caller reference {reference}");
        if parts.len() > 1 {
            say!("{}", split_note(&parts, args.follow.wait));
        }
        let progress =
            std::sync::Arc::new(Progress::on_stderr(std::sync::Arc::clone(&session.clock)));
        // A failing network is said as it happens, not after a minute of silence.
        let said = std::sync::Arc::clone(&progress);
        session.engine.on_retry = Some(std::sync::Arc::new(move |line: String| {
            said.note(&format!("edgepurge: {line}"));
        }));
        let options = Options {
            wait: args.follow.wait,
            deadline: args.follow.timeout.deadline(),
        };
        let json = args.output.json;
        let shown = std::sync::Mutex::new(Vec::new());
        let echo = |sent: &Sent| {
            if !json && progress.data(&text_line(sent, &parts, &labels)) {
                shown
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .extend(sent.journal);
            }
        };
        let outcome = progress
            .alongside(send::send(
                &session, &targets, &parts, options, &progress, &labels, &echo,
            ))
            .await;
        let checks = edge::after(&session, global, &args.after, &outcome, json).await;
        let (status, written) = report(&outcome, json, &checks)?;
        let status = edge::status(status, &checks);
        // What reached the user is no longer resumed by running the purge again; what did
        // not (standard output failed) is, so a script that retries makes nothing twice.
        let reported = if json {
            if written {
                outcome.sent.iter().filter_map(|s| s.journal).collect()
            } else {
                Vec::new()
            }
        } else {
            shown
                .into_inner()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        session.engine.reported(reported).await;
        deploy::after(&session, &targets, from_deploy.as_ref(), &outcome).await;
        Ok(status)
    })
}

/// Why a batch cannot be sent, item by item, with the fixes.
fn refusal(batch: &PathBatch) -> String {
    let mut lines = vec!["the batch cannot be sent as it is; nothing was sent".to_string()];
    for item in batch.items.iter().filter(|i| i.verdict == Verdict::Reject) {
        for note in item.notes.iter().filter(|n| n.level == Level::Error) {
            lines.push(format!(
                "  line {}: {}: {}",
                item.line, item.input, note.text
            ));
        }
    }
    for problem in batch.problems().iter().filter(|n| n.level == Level::Error) {
        lines.push(format!("  {}", problem.text));
    }
    if batch.items.iter().any(|i| i.fix.is_some()) {
        lines.push(
            "(edgepurge validate shows every verdict; validate --fix prints the batch with the \
             fixes that keep its meaning applied)"
                .into(),
        );
    }
    lines.join("\n")
}

/// What is sent otherwise than typed: dropped items, trimmed whitespace and the like. (`/*`
/// is spoken of where it is confirmed.)
fn warnings(batch: &PathBatch) -> Vec<String> {
    let mut lines = Vec::new();
    for item in batch
        .items
        .iter()
        .filter(|i| i.normalized.as_deref() != Some("/*"))
    {
        for note in item.notes.iter().filter(|n| n.level == Level::Warning) {
            let what = if item.verdict == Verdict::Drop {
                "not sent"
            } else {
                "sent"
            };
            lines.push(format!(
                "edgepurge: warning: line {}: {} ({what}): {}",
                item.line, item.input, note.text
            ));
        }
    }
    lines
}

/// Ask on the terminal; off a terminal, only `/*` needs `--yes`.
fn confirm(
    batch: &PathBatch,
    targets: &[CloudFrontTarget],
    labels: &Labels,
    parts: usize,
) -> Result<(), Failure> {
    let everything = batch.purges_everything();
    let Some(tty) = terminal::open() else {
        if everything {
            return Err(Failure::invalid(
                "/* invalidates everything the targets cache; when not run from a terminal \
                 it is sent only with --yes",
            ));
        }
        return Ok(());
    };
    let question = question(batch, targets, labels, parts);
    let answer = if everything {
        Answer::YesInFull
    } else {
        Answer::Yes
    };
    match terminal::confirm(&tty, &question, answer) {
        Ok(true) => Ok(()),
        Ok(false) => Err(Failure::failed("nothing was sent")),
        Err(e) => Err(Failure::failed(format!(
            "cannot ask on the terminal ({e}); give --yes to send without asking"
        ))),
    }
}

/// Items the question lists at most; the rest are counted.
const QUESTION_ITEMS: usize = 20;

fn question(
    batch: &PathBatch,
    targets: &[CloudFrontTarget],
    labels: &Labels,
    parts: usize,
) -> String {
    let s = batch.summary();
    let mut text = format!(
        "Invalidate {} ({}) and {} on {}:\n",
        plural(s.paths, "path"),
        plural(s.wildcards, "wildcard"),
        plural(s.tags, "tag"),
        plural(targets.len(), "target"),
    );
    for t in targets {
        text.push_str(&format!("  {}\n", labels.described(t)));
    }
    // What will be purged, as it will be sent (a long batch: its start, and how many more).
    let items = batch.kept();
    text.push_str("items:\n");
    for item in items.iter().take(QUESTION_ITEMS) {
        text.push_str(&format!("  {item}\n"));
    }
    if items.len() > QUESTION_ITEMS {
        text.push_str(&format!(
            "  … and {} more (`edgepurge validate` with the same input lists them all)\n",
            items.len() - QUESTION_ITEMS
        ));
    }
    if parts > 1 {
        text.push_str(&format!(
            "as {parts} invalidations on each (at most 3000 items an invalidation)\n"
        ));
    }
    let paths = (s.kept() * targets.len()) as u64;
    text.push_str(&format!("cost: {}\n", estimate(paths, None)));
    if batch.purges_everything() {
        let whose = match targets {
            [one] => format!("{} caches", labels.described(one)),
            many => format!("these {} targets cache", many.len()),
        };
        text.push_str(&format!(
            "/* invalidates everything {whose}: every object is fetched from the origin again\n"
        ));
    }
    text.push_str("Send?");
    text
}

fn split_note(parts: &[Part], wait: bool) -> String {
    let references: Vec<&str> = parts.iter().map(|p| p.caller_reference.as_str()).collect();
    let items: usize = parts.iter().map(|p| p.items.len()).sum();
    let mut note = format!(
        "edgepurge: {items} items are more than one invalidation holds (3000): they go as {} \
         invalidations on each target, with caller references {}",
        parts.len(),
        references.join(", ")
    );
    if !wait {
        note.push_str(
            "; a later part often has to wait for the one before to complete (3000 file paths \
             in progress at most): without --wait, one that cannot start now is not sent",
        );
    }
    note
}

/// What a person calls the target comes last, so the columns stay where scripts read them.
fn text_line(sent: &Sent, parts: &[Part], labels: &Labels) -> String {
    let inv = &sent.invalidation;
    let mut line = format!(
        "{}  {}  {}  {}  {}",
        sent.target,
        inv.id,
        inv.status,
        plural(inv.items.len(), "item"),
        inv.caller_reference
    );
    if parts.len() > 1 {
        line.push_str(&format!("  (part {} of {})", sent.part, parts.len()));
    }
    if let Some(label) = labels.cloudfront(&sent.target) {
        // On one line whatever it holds: the next line is always the next invalidation.
        line.push_str(&format!("  {}", crate::domain::visible::line(label)));
    }
    line
}

/// One object per created invalidation, as the README documents.
#[derive(Serialize)]
struct Created<'a> {
    target: String,
    id: &'a str,
    status: &'a str,
    create_time: String,
    caller_reference: &'a str,
    paths: usize,
    /// With `--verify`: what the edges answered, as `verify --json` prints it.
    #[serde(skip_serializing_if = "Option::is_none")]
    verify: Option<Vec<crate::cli::verify::report::RowJson<'a>>>,
}

/// The exit status, and whether the JSON (if asked for) was written.
fn report(outcome: &Outcome, json: bool, checks: &edge::Checks) -> Result<(u8, bool), Failure> {
    for message in outcome.failures.iter().chain(&outcome.timed_out) {
        say!("edgepurge: {message}");
    }
    let status = outcome.status();
    if json {
        let created: Vec<Created> = outcome
            .sent
            .iter()
            .enumerate()
            .map(|(n, s)| Created {
                target: s.target.to_string(),
                id: &s.invalidation.id,
                status: s.invalidation.status.as_str(),
                create_time: output::rfc3339(s.invalidation.create_time),
                caller_reference: &s.invalidation.caller_reference,
                paths: s.invalidation.items.len(),
                verify: checks
                    .get(n)
                    .and_then(Option::as_ref)
                    .map(crate::cli::verify::report::json_rows),
            })
            .collect();
        return Ok(match output::try_write_stdout(&output::json(&created)?) {
            Ok(()) => (status, true),
            // A reader that went away early (`| head`) is no error, but it did not read it all.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => (status, false),
            Err(e) => (
                output::fail(
                    super::exit::FAILURE,
                    &format!(
                        "cannot write to standard output: {e}; what was made is kept: running \
                         the same purge again gives it back instead of making it twice"
                    ),
                ),
                false,
            ),
        });
    }
    Ok((status, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_batch_names_each_item_and_its_problem() {
        let batch = PathBatch::parse("images/a.png\n/ok\n/img/*.png");
        let text = refusal(&batch);
        assert!(text.contains("line 1: images/a.png:"), "{text}");
        assert!(text.contains("line 3: /img/*.png:"), "{text}");
        assert!(text.contains("2 items are rejected"), "{text}");
        assert!(text.contains("validate --fix"), "{text}");
        assert!(!text.contains("line 2"), "{text}");
    }

    #[test]
    fn the_question_names_targets_parts_cost_and_everything() {
        let batch = PathBatch::parse("/*");
        let targets = [
            CloudFrontTarget::distribution("E1"),
            CloudFrontTarget::distribution("E2"),
        ];
        let labels = Labels::of(&[crate::domain::target_name::NamedTarget {
            target: crate::domain::target::Target::CloudFront(targets[1].clone()),
            label: Some("www.example.com".into()),
            names: Vec::new(),
        }]);
        let q = question(&batch, &targets, &labels, 1);
        assert!(
            q.contains("1 path (1 wildcard) and 0 tags on 2 targets"),
            "{q}"
        );
        assert!(q.contains("  E1\n  E2 (www.example.com)\n"), "{q}");
        assert!(q.contains("up to $0.010"), "{q}");
        assert!(q.contains("everything"), "{q}");
        let q = question(&PathBatch::parse("/a"), &targets[..1], &labels, 3);
        assert!(q.contains("as 3 invalidations on each"), "{q}");
        assert!(!q.contains("everything"), "{q}");
        assert!(q.contains("items:\n  /a\n"), "{q}");
    }

    #[test]
    fn the_question_lists_the_items_and_counts_the_rest() {
        let text: Vec<String> = (1..=25).map(|n| format!("/p/{n}")).collect();
        let batch = PathBatch::parse(&text.join("\n"));
        let targets = [CloudFrontTarget::distribution("E1")];
        let q = question(&batch, &targets, &Labels::of(&[]), 1);
        assert!(q.contains("items:\n  /p/1\n  /p/2\n"), "{q}");
        assert!(q.contains("  /p/20\n"), "{q}");
        assert!(!q.contains("/p/21\n"), "{q}");
        assert!(q.contains("… and 5 more"), "{q}");
    }

    #[test]
    fn dropped_and_trimmed_items_are_warned_about() {
        let batch = PathBatch::parse("/a\n/a\n /b");
        let lines = warnings(&batch);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[0].contains("line 2: /a (not sent): duplicate"),
            "{lines:?}"
        );
        assert!(
            lines[1].contains("line 3: /b (sent): surrounding whitespace"),
            "{lines:?}"
        );
    }
}
