//! The reading commands on the demo account, run as a user runs them: `distributions`,
//! `invalidations`, `show`, `completions`; their JSON shapes, exit statuses and usage errors.

mod common;

use common::{code, is_rfc3339, json, keys, run, run_in, stderr, stdout};
use edgepurge::fixtures::demo::{ASSETS, BLOG_TARGET, SHOP};
use serde_json::Value;

#[test]
fn distributions_lists_every_kind_with_the_documented_keys() {
    let out = run(&["--demo", "distributions", "--json"], None);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let rows = json(&out);
    let rows = rows.as_array().unwrap();
    for row in rows {
        for key in ["kind", "id", "domain", "status", "enabled", "distribution"] {
            assert!(row.get(key).is_some(), "{key} missing from {row}");
        }
        assert!(row["enabled"].is_boolean());
    }
    let kind = |k: &str| rows.iter().filter(|r| r["kind"] == k).count();
    assert_eq!(
        (kind("distribution"), kind("tenant"), kind("lightsail")),
        (6, 5, 3)
    );
    let parent = rows.iter().find(|r| r["multi_tenant"] == true).unwrap();
    for tenant in rows.iter().filter(|r| r["kind"] == "tenant") {
        assert_eq!(tenant["distribution"], parent["id"], "{tenant}");
    }
    let blog = rows.iter().find(|r| r["kind"] == "lightsail").unwrap();
    assert_eq!(blog["distribution"], Value::Null);
    assert!(blog["target"].as_str().unwrap().starts_with("lightsail:"));
}

#[test]
fn distributions_as_text_start_each_line_with_a_target() {
    let out = run(
        &["--demo", "distributions", "--kind", "tenant,lightsail"],
        None,
    );
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 8, "{text}");
    for line in text.lines() {
        let target = line.split_whitespace().next().unwrap();
        assert!(
            target.starts_with("tenant:dt_") || target.starts_with("lightsail:"),
            "{line}"
        );
    }
    let bad = run(&["--demo", "distributions", "--kind", "s3"], None);
    assert_eq!(code(&bad), 2);
    assert!(stderr(&bad).contains("possible values"), "{}", stderr(&bad));
}

#[test]
fn invalidations_are_newest_first_with_rfc3339_times() {
    let out = run(
        &["--demo", "invalidations", SHOP, "--limit", "5", "--json"],
        None,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let rows = json(&out);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 5);
    for row in rows {
        assert_eq!(keys(row), ["create_time", "id", "status"]);
        assert!(is_rfc3339(&row["create_time"]), "{row}");
    }
    let times: Vec<&str> = rows
        .iter()
        .map(|r| r["create_time"].as_str().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");
    assert_eq!(
        rows[0]["status"], "InProgress",
        "the shop starts with one running"
    );
}

#[test]
fn all_lists_the_whole_history_each_once() {
    let out = run(
        &[
            "--demo",
            "--demo-history",
            "2500",
            "invalidations",
            ASSETS,
            "--all",
            "--json",
        ],
        None,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let rows = json(&out);
    let mut ids: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2_500);
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 2_500);
}

#[test]
fn the_default_is_a_screenful_and_says_how_to_see_more() {
    let out = run(&["--demo", "invalidations", ASSETS], None);
    assert_eq!(code(&out), 0);
    assert_eq!(stdout(&out).lines().count(), 20);
    assert!(
        stderr(&out).contains("--limit N or --all"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn invalidations_refuses_what_it_cannot_list() {
    for (args, status, says) in [
        (vec!["invalidations", ASSETS, "--limit", "0"], 2, "0"),
        (
            vec!["invalidations", ASSETS, "--limit", "5", "--all"],
            2,
            "cannot be used with",
        ),
        (vec!["invalidations", BLOG_TARGET], 2, "reset as a whole"),
        // A lowercase id the account has is found by name; one it does not have is unknown.
        (
            vec!["invalidations", "e000nosuchdist"],
            2,
            "is not a target of this account",
        ),
        (
            vec!["invalidations", "tenant:dt x"],
            2,
            "is not a tenant id",
        ),
        (vec!["invalidations"], 2, "TARGET"),
        (vec!["invalidations", "E000NOSUCHDIST"], 1, "was not found"),
    ] {
        let out = run(&[&["--demo"][..], &args].concat(), None);
        assert_eq!(code(&out), status, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).is_empty(), "{args:?}");
    }
}

#[test]
fn show_gives_one_invalidation_in_full() {
    let list = run(
        &["--demo", "invalidations", SHOP, "--limit", "2", "--json"],
        None,
    );
    let id = json(&list)[1]["id"].as_str().unwrap().to_string();
    let out = run(&["--demo", "show", SHOP, &id, "--json"], None);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let inv = json(&out);
    assert_eq!(
        keys(&inv),
        [
            "caller_reference",
            "create_time",
            "created_by",
            "id",
            "paths",
            "status"
        ]
    );
    assert_eq!(inv["id"], id.as_str());
    assert!(is_rfc3339(&inv["create_time"]));
    assert!(!inv["paths"].as_array().unwrap().is_empty());
    assert!(inv["paths"][0].as_str().unwrap().starts_with('/'));

    let text = stdout(&run(&["--demo", "show", SHOP, &id], None));
    assert!(
        text.starts_with(&format!("id:               {id}\n")),
        "{text}"
    );
    assert!(text.contains("caller reference: "), "{text}");
    assert!(text.contains("\ncreated by:       "), "{text}");

    let missing = run(&["--demo", "show", SHOP, "INOSUCH"], None);
    assert_eq!(code(&missing), 1);
    assert!(
        stderr(&missing).contains("was not found"),
        "{}",
        stderr(&missing)
    );
    let usage = run(&["--demo", "show", SHOP], None);
    assert_eq!(code(&usage), 2);
}

#[test]
fn show_says_who_created_it_from_cloudtrail_or_the_journal() {
    let list = run(
        &["--demo", "invalidations", SHOP, "--limit", "2", "--json"],
        None,
    );
    let id = json(&list)[1]["id"].as_str().unwrap().to_string();
    let out = run(&["--demo", "show", SHOP, &id, "--json"], None);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let by = &json(&out)["created_by"];
    assert_eq!(
        keys(by),
        [
            "arn",
            "event_time",
            "name",
            "source",
            "source_ip",
            "type",
            "user_agent"
        ]
    );
    assert_eq!(by["source"], "cloudtrail");
    assert!(by["arn"].as_str().unwrap().starts_with("arn:aws:"), "{by}");
    assert!(!by["name"].as_str().unwrap().is_empty(), "{by}");
    assert!(is_rfc3339(&by["event_time"]), "{by}");

    // Scripts that need no creator make no CloudTrail call: null, as for one not known.
    let out = run(
        &["--demo", "show", SHOP, &id, "--json", "--no-cloudtrail"],
        None,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json(&out)["created_by"], Value::Null);
    let text = stdout(&run(
        &["--demo", "show", SHOP, &id, "--no-cloudtrail"],
        None,
    ));
    assert!(text.contains("created by:       not looked up"), "{text}");

    // What edgepurge sent is told by its own journal.
    let dir = tempfile::tempdir().unwrap();
    let sent = run_in(
        dir.path(),
        &["--demo", "purge", SHOP, "/who.html", "--yes", "--json"],
        None,
    );
    assert_eq!(code(&sent), 0, "{}", stderr(&sent));
    let made = json(&sent)[0]["id"].as_str().unwrap().to_string();
    let out = run_in(dir.path(), &["--demo", "show", SHOP, &made, "--json"], None);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let by = &json(&out)["created_by"];
    assert_eq!(by["source"], "journal", "{by}");
    assert!(
        by["name"].as_str().unwrap().contains('@'),
        "user@host: {by}"
    );
}

#[test]
fn completions_are_printed_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = run(&["completions", shell], None);
        assert_eq!(code(&out), 0, "{shell}");
        let script = stdout(&out);
        assert!(script.contains("edgepurge"), "{shell}");
        assert!(script.contains("invalidations"), "{shell}");
    }
    let out = run(&["completions", "tcsh"], None);
    assert_eq!(code(&out), 2);
}

#[test]
fn demo_settings_may_follow_the_subcommand_after_demo() {
    let out = run(
        &[
            "--demo",
            "invalidations",
            SHOP,
            "--limit",
            "1",
            "--demo-seed",
            "3",
        ],
        None,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = run(&["invalidations", SHOP, "--demo-seed", "3"], None);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("needs --demo"), "{}", stderr(&out));
}
