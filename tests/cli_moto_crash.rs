//! Exactly once against a real AWS-protocol server: `edgepurge purge` sent to moto through a
//! loopback proxy (`common/proxy.rs`) that loses or holds CreateInvalidation's answers, or
//! killed with SIGKILL while its request is out; the run after sends the same
//! CallerReference. moto makes a new invalidation for every request whatever its reference
//! (CloudFront would return the first), so these tests read the requests sent, not the
//! invalidations made. `scripts/test.sh` starts moto; see `common/moto.rs`.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::moto::{isolate, moto};
use common::proxy::{Answer, Proxy, Recorded};
use common::{STATE_DIR_ENV, code, json, run_with, stderr};
use edgepurge::backend::retry::RetryPolicy;
use edgepurge::fixtures::batch::{lines, paths};
use serde_json::Value;

/// Long enough that a hold outlasts the kill, however slow the machine; a held answer that
/// is never delivered costs nothing (its client is dead).
const HOLD: Duration = Duration::from_secs(120);
/// How long a request may take to show up at the proxy.
const ARRIVAL: Duration = Duration::from_secs(30);

/// `edgepurge --endpoint-url PROXY ARGS`, with dummy credentials and `state` as its state
/// directory, not yet run.
fn edgepurge(proxy: &Proxy, state: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_edgepurge"));
    isolate(&mut command)
        .args(["--endpoint-url", &proxy.url])
        .args(args)
        .env(STATE_DIR_ENV, state);
    command
}

fn run(proxy: &Proxy, state: &Path, args: &[&str]) -> Output {
    run_with(&mut edgepurge(proxy, state, args), None)
}

fn purge(dist: &str) -> [&str; 6] {
    ["purge", dist, "/a", "/b", "--yes", "--json"]
}

/// The CallerReference of every CreateInvalidation the proxy saw, in order.
fn references(proxy: &Proxy) -> Vec<String> {
    proxy
        .requests_where(Recorded::is_create_invalidation)
        .iter()
        .map(|r| r.caller_reference().expect("a CallerReference").to_string())
        .collect()
}

/// What `edgepurge: caller reference R` said, before the first request.
fn said_reference(out: &Output) -> String {
    let err = stderr(out);
    err.lines()
        .find_map(|l| l.strip_prefix("edgepurge: caller reference "))
        .unwrap_or_else(|| panic!("no caller reference said: {err}"))
        .to_string()
}

fn journal(proxy: &Proxy, state: &Path) -> Vec<Value> {
    let out = run(proxy, state, &["journal", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    json(&out).as_array().cloned().unwrap_or_default()
}

/// The one journal entry, sent with `reference`.
fn assert_one_sent(proxy: &Proxy, state: &Path, reference: &str) -> Value {
    let entries = journal(proxy, state);
    assert_eq!(entries.len(), 1, "{entries:#?}");
    assert_eq!(entries[0]["state"], "sent", "{entries:#?}");
    assert_eq!(entries[0]["caller_reference"], reference, "{entries:#?}");
    entries[0].clone()
}

/// The SDK's attempts at CreateInvalidation grouped by call, calls in the order they began
/// (every retry of one call carries the call's `amz-sdk-invocation-id`).
fn attempts_per_call(proxy: &Proxy) -> Vec<usize> {
    let mut calls: Vec<(String, usize)> = Vec::new();
    for r in proxy.requests_where(Recorded::is_create_invalidation) {
        let id = r.header("amz-sdk-invocation-id").expect("an invocation id");
        match calls.iter_mut().find(|(seen, _)| seen == id) {
            Some((_, attempts)) => *attempts += 1,
            None => calls.push((id.to_string(), 1)),
        }
    }
    calls.into_iter().map(|(_, attempts)| attempts).collect()
}

/// Start `edgepurge ARGS`, wait until the proxy has seen `creates` CreateInvalidation
/// requests, and kill it with SIGKILL (what `kill -9` does) while the last one is out.
fn kill_during_create(proxy: &Proxy, state: &Path, args: &[&str], creates: usize) -> Output {
    let mut child = edgepurge(proxy, state, args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("edgepurge runs");
    proxy.wait_until("the CreateInvalidation requests", ARRIVAL, |seen| {
        seen.iter().filter(|r| r.is_create_invalidation()).count() >= creates
    });
    child.kill().expect("SIGKILL");
    let killed = child.wait_with_output().expect("it ends");
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(killed.status.signal(), Some(9), "{killed:?}");
    killed
}

#[test]
fn every_answer_lost_then_the_same_purge_again_sends_the_same_reference() {
    let Some(moto) = moto() else { return };
    let dist = moto.create_distribution("edgepurge crash lost");
    let state = tempfile::tempdir().unwrap();
    let lossy = Proxy::start(&moto.url);
    lossy.answer(Recorded::is_create_invalidation, Answer::Drop);

    let started = Instant::now();
    let failed = run(&lossy, state.path(), &purge(&dist));
    let took = started.elapsed();
    assert_eq!(code(&failed), 1, "{}", stderr(&failed));
    let reference = said_reference(&failed);
    assert!(
        stderr(&failed).contains(&format!("edgepurge resume {reference}")),
        "{}",
        stderr(&failed)
    );
    // Every try of both layers (the SDK's retries inside each of edgepurge's) reached moto
    // and made an invalidation there: all under one reference.
    let sent = references(&lossy);
    assert!(
        sent.iter().all(|r| *r == reference),
        "{reference}: {sent:?}"
    );
    let calls = attempts_per_call(&lossy);
    assert_eq!(
        calls.len(),
        RetryPolicy::default().attempts as usize,
        "edgepurge tried as often as its policy says: {calls:?}"
    );
    assert!(
        calls.iter().all(|&n| n > 1),
        "the SDK retried within each: {calls:?}"
    );
    eprintln!(
        "lost answers: {} requests in {} calls, {took:.1?} until edgepurge gave up",
        sent.len(),
        calls.len()
    );
    let entries = journal(&lossy, state.path());
    assert_eq!(entries.len(), 1, "{entries:#?}");
    assert_eq!(entries[0]["state"], "unconfirmed", "{entries:#?}");

    // The same command again, as a script would, the network now sound.
    lossy.answer(Recorded::is_create_invalidation, Answer::Pass);
    let again = run(&lossy, state.path(), &purge(&dist));
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    assert_eq!(references(&lossy)[sent.len()..], [reference.as_str()]);
    assert!(
        stderr(&again).contains(&format!(
            "sending it again with its caller reference {reference}"
        )),
        "{}",
        stderr(&again)
    );
    let made = json(&again);
    assert_eq!(made.as_array().map(Vec::len), Some(1), "{made}");
    assert_eq!(made[0]["caller_reference"], reference.as_str());
    let entry = assert_one_sent(&lossy, state.path(), &reference);
    assert_eq!(entry["tries"], 2, "{entry:#?}");
}

#[test]
fn answers_lost_then_one_passed_within_a_run_all_carry_one_reference() {
    let Some(moto) = moto() else { return };
    let dist = moto.create_distribution("edgepurge crash recovers");
    let state = tempfile::tempdir().unwrap();
    let lossy = Proxy::start(&moto.url);
    // One more than the SDK's attempts (4, src/backend/aws/config.rs): its first call fails
    // whole, and edgepurge's own retry sends the next.
    lossy.answer_next(5, Recorded::is_create_invalidation, Answer::Drop);

    let started = Instant::now();
    let out = run(&lossy, state.path(), &purge(&dist));
    let took = started.elapsed();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let reference = said_reference(&out);
    let sent = references(&lossy);
    assert_eq!(
        sent.len(),
        6,
        "five answers lost, the sixth passed: {sent:?}"
    );
    assert!(
        sent.iter().all(|r| *r == reference),
        "{reference}: {sent:?}"
    );
    assert_eq!(
        attempts_per_call(&lossy),
        [4, 2],
        "the SDK's retries and edgepurge's"
    );
    eprintln!("five answers lost, recovered in the run: {took:.1?}");
    assert_eq!(json(&out)[0]["caller_reference"], reference.as_str());
    let entry = assert_one_sent(&lossy, state.path(), &reference);
    assert_eq!(entry["tries"], 1, "{entry:#?}");
}

/// How the killed purge is taken up again.
#[derive(Debug, Clone, Copy)]
enum Again {
    /// The same purge, run again.
    Purge,
    /// `edgepurge resume --json`.
    Resume,
}

#[test]
fn a_purge_killed_while_its_request_is_out_is_sent_again_with_the_same_reference() {
    let Some(moto) = moto() else { return };
    let dist = moto.create_distribution("edgepurge crash killed");
    for again in [Again::Purge, Again::Resume] {
        let state = tempfile::tempdir().unwrap();
        let holding = Proxy::start(&moto.url);
        holding.answer(Recorded::is_create_invalidation, Answer::Hold(HOLD));
        // The request is out (the proxy takes it to moto whatever becomes of edgepurge) and
        // its answer held: killed now, edgepurge cannot know whether it was made.
        let killed = kill_during_create(&holding, state.path(), &purge(&dist), 1);
        let reference = said_reference(&killed);
        assert_eq!(references(&holding), [reference.as_str()], "{again:?}");
        assert_eq!(journal(&holding, state.path())[0]["state"], "unconfirmed");

        // Run again with the same flags (`resume` sends only to the endpoint it was
        // recorded for), the answers no longer held.
        holding.answer(Recorded::is_create_invalidation, Answer::Pass);
        let out = match again {
            Again::Purge => run(&holding, state.path(), &purge(&dist)),
            Again::Resume => run(&holding, state.path(), &["resume", "--json"]),
        };
        assert_eq!(code(&out), 0, "{again:?}: {}", stderr(&out));
        assert_eq!(
            references(&holding),
            [reference.as_str(), reference.as_str()],
            "{again:?}"
        );
        assert_eq!(
            json(&out)[0]["caller_reference"],
            reference.as_str(),
            "{again:?}"
        );
        assert_one_sent(&holding, state.path(), &reference);
    }
}

#[test]
fn a_split_purge_killed_during_its_second_part_sends_both_parts_again_with_their_references() {
    let Some(moto) = moto() else { return };
    let dist = moto.create_distribution("edgepurge crash split");
    let state = tempfile::tempdir().unwrap();
    // One more than an invalidation holds: two parts, sent one after the other.
    let items = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(items.path(), lines(&paths("/split/", 3_001))).unwrap();
    let file = items.path().to_str().unwrap();
    let args = ["purge", &dist, "--file", file, "--yes", "--json"];
    let proxy = Proxy::start(&moto.url);
    proxy.answer(Recorded::is_create_invalidation, Answer::Hold(HOLD));
    proxy.answer_next(1, Recorded::is_create_invalidation, Answer::Pass);

    let killed = kill_during_create(&proxy, state.path(), &args, 2);
    let reference = said_reference(&killed);
    let parts = [format!("{reference}-1of2"), format!("{reference}-2of2")];
    assert_eq!(references(&proxy), parts);
    let posts = proxy.requests_where(Recorded::is_create_invalidation);
    assert_eq!(
        posts[0].connection, posts[1].connection,
        "part 2 goes on the connection part 1 was answered on (keep-alive through the proxy)"
    );

    proxy.answer(Recorded::is_create_invalidation, Answer::Pass);
    let again = run(&proxy, state.path(), &args);
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    // Part 1 was made but never reported, part 2 unconfirmed: both go again, each under its
    // own reference (CloudFront would answer both with what it made).
    assert_eq!(references(&proxy)[2..], parts);
    let made: Vec<Value> = json(&again).as_array().cloned().unwrap_or_default();
    let made: Vec<&str> = made
        .iter()
        .filter_map(|m| m["caller_reference"].as_str())
        .collect();
    assert_eq!(made, parts);
    let entries = journal(&proxy, state.path());
    assert_eq!(entries.len(), 2, "{entries:#?}");
    assert!(entries.iter().all(|e| e["state"] == "sent"), "{entries:#?}");
}
