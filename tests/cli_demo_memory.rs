//! The demo account remembers across runs that share a state directory: a purge sent again
//! with its caller reference finds what the first run made, even when the first run never
//! heard the answer (`--demo-lose-response`). A state directory that cannot hold the memory
//! is said once and the run goes on.

mod common;

use common::{code, json, run, run_in, stderr};
use edgepurge::fixtures::demo::SHOP;
use serde_json::Value;

fn purge(state: &std::path::Path, extra: &[&str], reference: &str) -> std::process::Output {
    let mut args = vec!["--demo"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&[
        "purge",
        SHOP,
        "/a",
        "--caller-reference",
        reference,
        "--yes",
        "--json",
    ]);
    run_in(state, &args, None)
}

/// How many of the target's newest invalidations carry `reference`.
fn made_with(state: &std::path::Path, reference: &str) -> usize {
    let listed = run_in(
        state,
        &["--demo", "invalidations", SHOP, "--limit", "5", "--json"],
        None,
    );
    assert_eq!(code(&listed), 0, "{}", stderr(&listed));
    json(&listed)
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| {
            let id = s["id"].as_str().unwrap();
            let shown = run_in(state, &["--demo", "show", SHOP, id, "--json"], None);
            json(&shown)["caller_reference"] == reference
        })
        .count()
}

fn id_of(out: &std::process::Output) -> Value {
    assert_eq!(code(out), 0, "{}", stderr(out));
    json(out)[0]["id"].clone()
}

#[test]
fn the_same_purge_in_a_second_run_returns_the_same_invalidation() {
    let state = tempfile::tempdir().unwrap();
    let first = id_of(&purge(state.path(), &[], "deploy-42"));
    let second = id_of(&purge(state.path(), &[], "deploy-42"));
    assert_eq!(first, second);
    assert_eq!(made_with(state.path(), "deploy-42"), 1);
    assert!(
        state.path().join("demo-account.json").exists(),
        "it lives in the state directory"
    );
    // A run with a state directory of its own starts afresh.
    let elsewhere = run(&["--demo", "show", SHOP, first.as_str().unwrap()], None);
    assert_eq!(code(&elsewhere), 1, "{}", stderr(&elsewhere));
}

#[test]
fn a_purge_that_never_heard_its_answer_is_found_by_the_next_run() {
    let state = tempfile::tempdir().unwrap();
    // Every answer is lost: the purge retries with its reference, then gives up.
    let lost = purge(state.path(), &["--demo-lose-response", "1"], "deploy-lost");
    assert_eq!(code(&lost), 1, "{}", stderr(&lost));
    assert!(stderr(&lost).contains("network error"), "{}", stderr(&lost));
    // The invalidation was made all the same; sending again finds it instead of a second one.
    let found = purge(state.path(), &[], "deploy-lost");
    let id = id_of(&found);
    assert_eq!(made_with(state.path(), "deploy-lost"), 1);
    let listed = run_in(
        state.path(),
        &["--demo", "invalidations", SHOP, "--limit", "1", "--json"],
        None,
    );
    assert_eq!(json(&listed)[0]["id"], id);
}

#[test]
fn a_state_directory_that_cannot_hold_the_memory_is_said_once() {
    let state = tempfile::tempdir().unwrap();
    let file = state.path().join("plain");
    std::fs::write(&file, b"").unwrap();
    let out = purge(&file, &[], "deploy-1");
    id_of(&out);
    let said = stderr(&out);
    assert_eq!(said.matches("cannot remember").count(), 1, "{said}");
}
