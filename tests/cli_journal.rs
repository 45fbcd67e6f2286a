//! Exactly once, whatever happens: the real binary killed with SIGKILL at each step of a
//! submission, then run again, on the demo account (which honours CallerReference like
//! CloudFront and remembers across runs in its state directory). Also the journal and resume
//! commands as a script uses them.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{code, json, run_in, run_with, stderr, stdout};
use edgepurge::fixtures::demo::{ASSETS as OTHER, SHOP as DIST};
use serde_json::Value;

fn crash_at(state: &Path, point: &str, args: &[&str]) -> Output {
    run_with(
        Command::new(env!("CARGO_BIN_EXE_edgepurge"))
            .args(args)
            .env("EDGEPURGE_STATE_DIR", state)
            .env("EDGEPURGE_TEST_CRASH_AT", point),
        None,
    )
}

/// How many invalidations a target has (history and what was sent to the demo).
fn count(state: &Path, target: &str) -> usize {
    let out = run_in(
        state,
        &["--demo", "invalidations", target, "--all", "--json"],
        None,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    json(&out).as_array().map_or(0, Vec::len)
}

fn journal(state: &Path) -> Vec<Value> {
    let out = run_in(state, &["--demo", "journal", "--json"], None);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    json(&out).as_array().cloned().unwrap_or_default()
}

fn was_killed(out: &Output) -> bool {
    use std::os::unix::process::ExitStatusExt;
    out.status.signal() == Some(9)
}

#[test]
fn a_purge_killed_at_any_step_and_run_again_makes_exactly_one_invalidation() {
    let purge = [
        "--demo", "purge", DIST, OTHER, "/a", "/b", "--yes", "--json",
    ];
    for point in ["before-intent", "after-intent", "after-answer"] {
        let state = tempfile::tempdir().unwrap();
        let before = (count(state.path(), DIST), count(state.path(), OTHER));
        let killed = crash_at(state.path(), point, &purge);
        assert!(was_killed(&killed), "{point}: {:?}", killed.status);
        if point != "before-intent" {
            assert!(
                stderr(&killed).contains("caller reference edgepurge-"),
                "{point}: the reference is said before the first request: {}",
                stderr(&killed)
            );
        }
        let again = run_in(state.path(), &purge, None);
        assert_eq!(code(&again), 0, "{point}: {}", stderr(&again));
        let made = json(&again);
        assert_eq!(made.as_array().map(Vec::len), Some(2), "{point}: {made}");
        assert_eq!(
            (count(state.path(), DIST), count(state.path(), OTHER)),
            (before.0 + 1, before.1 + 1),
            "{point}: exactly one invalidation per target"
        );
        if point != "before-intent" {
            assert!(
                stderr(&again).contains("sending it again with its caller reference"),
                "{point}: {}",
                stderr(&again)
            );
        }
        let entries = journal(state.path());
        assert!(
            entries.iter().all(|e| e["state"] == "sent"),
            "{point}: {entries:?}"
        );
    }
}

#[test]
fn every_answer_lost_leaves_it_unconfirmed_and_the_next_run_finds_it() {
    let state = tempfile::tempdir().unwrap();
    let before = count(state.path(), DIST);
    let lost = run_in(
        state.path(),
        &[
            "--demo",
            "--demo-lose-response",
            "1",
            "purge",
            DIST,
            "/lost",
            "--yes",
        ],
        None,
    );
    assert_eq!(code(&lost), 1, "{}", stderr(&lost));
    assert!(
        stderr(&lost).contains("edgepurge resume"),
        "{}",
        stderr(&lost)
    );
    let entries = journal(state.path());
    assert_eq!(entries[0]["state"], "unconfirmed", "{entries:?}");
    let reference = entries[0]["caller_reference"].as_str().unwrap().to_string();
    // `resume` sends it again with its own reference: the one made is found, not doubled.
    let resumed = run_in(state.path(), &["--demo", "resume", "--json"], None);
    assert_eq!(code(&resumed), 0, "{}", stderr(&resumed));
    let made = json(&resumed);
    assert_eq!(made[0]["caller_reference"], reference.as_str());
    assert_eq!(count(state.path(), DIST), before + 1);
    assert_eq!(journal(state.path())[0]["state"], "sent");
}

#[test]
fn output_that_cannot_be_written_does_not_lead_a_retry_to_a_second_invalidation() {
    let state = tempfile::tempdir().unwrap();
    let before = count(state.path(), DIST);
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let failed = Command::new(env!("CARGO_BIN_EXE_edgepurge"))
        .args(["--demo", "purge", DIST, "/out", "--yes", "--json"])
        .env("EDGEPURGE_STATE_DIR", state.path())
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(failed.status.code(), Some(1), "{}", stderr(&failed));
    // The script runs it again: the same invalidation comes back.
    let again = run_in(
        state.path(),
        &["--demo", "purge", DIST, "/out", "--yes", "--json"],
        None,
    );
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    assert_eq!(count(state.path(), DIST), before + 1);
    // Once reported, running it again is a new purge on purpose.
    let third = run_in(
        state.path(),
        &["--demo", "purge", DIST, "/out", "--yes", "--json"],
        None,
    );
    assert_eq!(code(&third), 0);
    assert_eq!(count(state.path(), DIST), before + 2);
    assert!(
        !stderr(&third).contains("sending it again"),
        "{}",
        stderr(&third)
    );
}

#[test]
fn new_sends_a_fresh_reference_even_when_an_attempt_is_unconfirmed() {
    let state = tempfile::tempdir().unwrap();
    let purge = ["--demo", "purge", DIST, "/n", "--yes", "--json"];
    let killed = crash_at(state.path(), "after-intent", &purge);
    assert!(was_killed(&killed));
    let fresh = run_in(
        state.path(),
        &["--demo", "purge", DIST, "/n", "--yes", "--json", "--new"],
        None,
    );
    assert_eq!(code(&fresh), 0, "{}", stderr(&fresh));
    assert!(!stderr(&fresh).contains("sending it again"));
    let unconfirmed = run_in(
        state.path(),
        &["--demo", "journal", "--state", "unconfirmed", "--json"],
        None,
    );
    assert_eq!(json(&unconfirmed).as_array().map(Vec::len), Some(1));
}

#[test]
fn the_journal_lists_newest_first_in_json_csv_and_text_with_who_and_where_from() {
    let state = tempfile::tempdir().unwrap();
    for path in ["/one", "/two"] {
        let out = run_in(
            state.path(),
            &["--demo", "purge", DIST, path, "--yes"],
            None,
        );
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    let entries = journal(state.path());
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["items"], serde_json::json!(["/two"]));
    for key in [
        "caller_reference",
        "target",
        "items",
        "state",
        "invalidation_id",
        "status",
        "attempted_at",
        "answered_at",
        "origin",
        "user",
        "account",
    ] {
        assert!(
            entries[0].get(key).is_some(),
            "{key} missing: {}",
            entries[0]
        );
    }
    assert_eq!(entries[0]["origin"], "cli");
    // Who the account is, learned once (STS) and recorded with every entry.
    assert_eq!(entries[0]["account"], "111122223333");
    assert_eq!(
        entries[0]["caller_arn"],
        "arn:aws:iam::111122223333:user/demo"
    );
    assert!(entries[0]["user"].as_str().unwrap().contains('@'));
    let csv = stdout(&run_in(state.path(), &["--demo", "journal", "--csv"], None));
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("attempted_at,state,target"), "{csv}");
    assert_eq!(lines.len(), 3, "{csv}");
    let text = stdout(&run_in(state.path(), &["--demo", "journal"], None));
    assert!(text.contains("sent  E2QWRUHAPOMQZL"), "{text}");
    let bad = run_in(
        state.path(),
        &["--demo", "journal", "--state", "done"],
        None,
    );
    assert_eq!(code(&bad), 2);
    assert!(
        stderr(&bad).contains("unconfirmed, sent, failed"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn search_finds_exact_covering_and_containing_items_and_usage_counts_the_month() {
    let state = tempfile::tempdir().unwrap();
    let out = run_in(
        state.path(),
        &[
            "--demo",
            "--demo-history",
            "3",
            "purge",
            DIST,
            "/assets/app.css",
            "/img/*",
            "--yes",
        ],
        None,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let found = run_in(
        state.path(),
        &[
            "--demo",
            "--demo-history",
            "3",
            "search",
            "/img/logo.png",
            "--target",
            DIST,
            "--json",
        ],
        None,
    );
    assert_eq!(code(&found), 0, "{}", stderr(&found));
    let hits = json(&found);
    let hit = &hits[0];
    assert_eq!(hit["match"], "covers", "{hits}");
    assert_eq!(hit["matches"], serde_json::json!(["/img/*"]));
    for key in ["target", "id", "create_time", "status", "matches", "match"] {
        assert!(hit.get(key).is_some(), "{key}: {hit}");
    }
    let found = run_in(
        state.path(),
        &[
            "--demo",
            "--demo-history",
            "3",
            "search",
            "app.css",
            "--offline",
            "--json",
        ],
        None,
    );
    assert_eq!(json(&found)[0]["match"], "contains");
    let usage = run_in(
        state.path(),
        &["--demo", "--demo-history", "3", "usage", "--json"],
        None,
    );
    assert_eq!(code(&usage), 0, "{}", stderr(&usage));
    let u = json(&usage);
    for key in [
        "month",
        "paths",
        "free_left",
        "charged_paths",
        "usd",
        "complete",
        "targets",
    ] {
        assert!(u.get(key).is_some(), "{key}: {u}");
    }
    assert_eq!(u["complete"], true, "{u}");
    let paths = u["paths"].as_u64().unwrap();
    assert!(paths >= 2, "{u}");
    assert_eq!(
        u["free_left"].as_u64().unwrap(),
        1000u64.saturating_sub(paths)
    );
}

#[test]
fn several_commands_at_once_share_the_store() {
    let state = tempfile::tempdir().unwrap();
    let runs: Vec<_> = (0..6)
        .map(|i| {
            let dir = state.path().to_path_buf();
            std::thread::spawn(move || {
                run_in(
                    &dir,
                    &["--demo", "purge", DIST, &format!("/together/{i}"), "--yes"],
                    None,
                )
            })
        })
        .collect();
    let mut said = Vec::new();
    for run in runs {
        let out = run.join().unwrap();
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        said.push(stderr(&out));
    }
    let entries = journal(state.path());
    assert_eq!(entries.len(), 6, "{entries:?}\n{}", said.join("\n---\n"));
    assert!(entries.iter().all(|e| e["state"] == "sent"), "{entries:?}");
}

#[test]
fn a_purge_that_failed_on_one_target_run_again_makes_nothing_twice_on_the_others() {
    let state = tempfile::tempdir().unwrap();
    let before = count(state.path(), DIST);
    let purge = [
        "--demo",
        "purge",
        DIST,
        "E0NOSUCHDIST00",
        "/p",
        "--yes",
        "--json",
    ];
    let first = run_in(state.path(), &purge, None);
    assert_eq!(code(&first), 1, "{}", stderr(&first));
    let again = run_in(state.path(), &purge, None);
    assert_eq!(code(&again), 1, "{}", stderr(&again));
    assert!(
        stderr(&again).contains("did not finish on every target"),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        count(state.path(), DIST),
        before + 1,
        "no second invalidation"
    );
}
