//! The writing and waiting commands on the demo account, run as a script runs them (no
//! terminal): `purge`, `wait`, `reset`; arguments, standard input, files, JSON shapes,
//! splitting, read-only, `/*`, and the exit statuses (3: the wait timed out).

mod common;

use common::{code, is_rfc3339, json, keys, run, stderr, stdout};
use edgepurge::fixtures::batch::{lines, paths};
use edgepurge::fixtures::demo::{
    ACME_TARGET as TENANT, API, ASSETS, BLOG_TARGET as BLOG, MULTI_TENANT, SHOP,
};
use serde_json::Value;
/// Demo invalidations complete in well under a second at this speed.
const FAST: [&str; 3] = ["--demo", "--demo-speed", "1000"];

fn demo(args: &[&str]) -> Vec<String> {
    FAST.iter().chain(args).map(|s| s.to_string()).collect()
}

fn purge(args: &[&str], stdin: Option<&str>) -> std::process::Output {
    let args = demo(args);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&args, stdin)
}

#[test]
fn a_purge_prints_one_object_per_invalidation() {
    let out = purge(
        &["purge", ASSETS, TENANT, "/index.html", "/img/*", "--json"],
        None,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let created = json(&out);
    let created = created.as_array().unwrap();
    assert_eq!(created.len(), 2, "one per target");
    for (object, target) in created.iter().zip([ASSETS, TENANT]) {
        assert_eq!(
            keys(object),
            [
                "caller_reference",
                "create_time",
                "id",
                "paths",
                "status",
                "target"
            ]
        );
        assert_eq!(object["target"], target);
        assert_eq!(object["paths"], 2);
        assert_eq!(object["status"], "InProgress");
        assert!(is_rfc3339(&object["create_time"]));
    }
    assert_eq!(
        created[0]["caller_reference"],
        created[1]["caller_reference"]
    );
    assert!(
        created[0]["caller_reference"]
            .as_str()
            .unwrap()
            .starts_with("edgepurge-")
    );
}

#[test]
fn items_come_from_standard_input_or_a_file() {
    let out = purge(&["purge", ASSETS, "--json"], Some("/a\n\n/b\n/a\n"));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json(&out)[0]["paths"], 2);
    assert!(
        stderr(&out).contains("line 4: /a (not sent): duplicate"),
        "{}",
        stderr(&out)
    );

    let out = purge(
        &["purge", ASSETS, "-", "--json"],
        Some("/x\n/y/*\n#tag-1\n"),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json(&out)[0]["paths"], 3);

    let file = std::env::temp_dir().join(format!("edgepurge-purge-{}.txt", std::process::id()));
    std::fs::write(&file, "/from-a-file\n").unwrap();
    let out = purge(
        &["purge", ASSETS, "--file", file.to_str().unwrap(), "--json"],
        None,
    );
    std::fs::remove_file(&file).ok();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json(&out)[0]["paths"], 1);
}

#[test]
fn a_batch_that_cannot_be_sent_is_refused_item_by_item() {
    let out = purge(&["purge", ASSETS, "images/a.png", "/ok", "/b/*.png"], None);
    assert_eq!(code(&out), 2);
    assert!(stdout(&out).is_empty());
    let err = stderr(&out);
    assert!(err.contains("nothing was sent"), "{err}");
    assert!(err.contains("line 1: images/a.png:"), "{err}");
    assert!(err.contains("fix: /images/a.png"), "{err}");
    assert!(err.contains("line 3: /b/*.png:"), "{err}");
    let empty = purge(&["purge", ASSETS], Some("\n"));
    assert_eq!(code(&empty), 2);
    assert!(
        stderr(&empty).contains("nothing to invalidate"),
        "{}",
        stderr(&empty)
    );
}

#[test]
fn usage_mistakes_exit_2_and_say_what_works() {
    for (args, says) in [
        (vec!["purge", "/a"], "targets first"),
        (
            vec!["purge", BLOG, "/a"],
            "edgepurge reset lightsail:wordpress-blog-cdn",
        ),
        (vec!["purge", ASSETS, "/a", "--timeout", "10m"], "--wait"),
        (
            vec!["purge", ASSETS, "/a", "--wait", "--timeout", "90"],
            "90s, 10m, 1h",
        ),
        (
            vec!["purge", ASSETS, "/a", "--caller-reference", ""],
            "caller reference is empty",
        ),
        (
            vec!["purge", ASSETS, "/a", "--file", "/no/such/file"],
            "give items as arguments or with --file",
        ),
        (
            vec!["purge", ASSETS, "--file", "/no/such/file"],
            "cannot read /no/such/file",
        ),
        (vec!["purge"], "TARGET"),
    ] {
        let out = purge(&args, None);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn everything_needs_yes_when_not_on_a_terminal() {
    let out = purge(&["purge", ASSETS, "/*"], None);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("only with --yes"), "{}", stderr(&out));
    let out = purge(&["purge", ASSETS, "/*", "--yes", "--json"], None);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json(&out)[0]["paths"], 1);
}

#[test]
fn read_only_refuses_every_write() {
    let out = purge(&["--read-only", "purge", ASSETS, "/a", "--yes"], None);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--read-only"), "{}", stderr(&out));
    let out = purge(&["--read-only", "reset", BLOG, "--yes"], None);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--read-only"), "{}", stderr(&out));
    let out = purge(
        &["--read-only", "invalidations", ASSETS, "--limit", "1"],
        None,
    );
    assert_eq!(code(&out), 0, "reading is allowed");
}

#[test]
fn a_batch_over_3000_goes_in_parts_each_with_its_own_reference() {
    let many = lines(&paths("/p/", 3_500));
    let out = purge(
        &[
            "purge",
            ASSETS,
            "--caller-reference",
            "deploy-9",
            "--wait",
            "--json",
        ],
        Some(&many),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("they go as 2 invalidations on each target"),
        "{}",
        stderr(&out)
    );
    let created = json(&out);
    let parts: Vec<(Value, Value, Value)> = created
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["caller_reference"].clone(),
                o["paths"].clone(),
                o["status"].clone(),
            )
        })
        .collect();
    assert_eq!(
        parts,
        [
            ("deploy-9-1of2".into(), 3000.into(), "Completed".into()),
            ("deploy-9-2of2".into(), 500.into(), "Completed".into()),
        ]
    );
}

#[test]
fn without_wait_a_part_that_finds_no_room_fails_and_says_how_to_resume() {
    let many = lines(&paths("/p/", 3_500));
    // At real-time speed: part 1 is still in progress when part 2 is tried, however slow the
    // machine (each part is also journaled, with an fsync, in between).
    let out = run(
        &[
            "--demo",
            "purge",
            ASSETS,
            "--caller-reference",
            "deploy-10",
            "--json",
        ],
        Some(&many),
    );
    assert_eq!(code(&out), 1);
    assert_eq!(json(&out).as_array().unwrap().len(), 1, "part 1 was sent");
    let err = stderr(&out);
    assert!(
        err.contains("3000/3000 file paths and 0/15 wildcards"),
        "{err}"
    );
    assert!(err.contains("--wait --caller-reference deploy-10"), "{err}");
}

#[test]
fn wait_follows_to_completed() {
    let out = purge(&["purge", API, "/a", "--wait", "--json"], None);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json(&out)[0]["status"], "Completed");
    assert!(
        stderr(&out).contains(": Completed after"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn throttled_calls_are_retried_and_the_purge_still_made_once() {
    let out = purge(
        &[
            "--demo-throttle",
            "0.4",
            "--demo-seed",
            "5",
            "purge",
            API,
            "/a",
            "--json",
        ],
        None,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json(&out).as_array().unwrap().len(), 1);
}

#[test]
fn a_multi_tenant_distribution_is_purged_through_its_tenants() {
    let out = purge(&["purge", MULTI_TENANT, "/a"], None);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("tenant:ID"), "{}", stderr(&out));
}

#[test]
fn a_wait_that_times_out_exits_3_with_what_it_saw() {
    // At real speed a demo invalidation takes 20 s or more.
    let out = run(
        &[
            "--demo",
            "purge",
            ASSETS,
            "/a",
            "--wait",
            "--timeout",
            "1s",
            "--json",
        ],
        None,
    );
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert_eq!(json(&out)[0]["status"], "InProgress");
    assert!(stderr(&out).contains("at the timeout"), "{}", stderr(&out));
    assert!(stderr(&out).contains("edgepurge wait"), "{}", stderr(&out));
}

#[test]
fn wait_follows_one_invalidation_and_times_out_with_3() {
    // The shop has one invalidation running when the demo starts.
    let list = run(
        &["--demo", "invalidations", SHOP, "--limit", "1", "--json"],
        None,
    );
    let newest = json(&list)[0].clone();
    assert_eq!(newest["status"], "InProgress");
    let id = newest["id"].as_str().unwrap();

    let out = run(&["--demo", "wait", SHOP, id, "--timeout", "1s"], None);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{SHOP}  {id}  InProgress\n"));
    assert!(
        stderr(&out).contains("waiting again is safe"),
        "{}",
        stderr(&out)
    );

    let out = purge(&["wait", SHOP, id, "--json"], None);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let done = json(&out);
    assert_eq!(done["status"], "Completed");
    assert_eq!(
        keys(&done),
        ["caller_reference", "create_time", "id", "paths", "status"]
    );

    let out = purge(&["wait", SHOP, "INOSUCH"], None);
    assert_eq!(code(&out), 1);
    let out = purge(&["wait", SHOP, id, "--timeout", "soon"], None);
    assert_eq!(code(&out), 2);
}

#[test]
fn reset_needs_yes_off_a_terminal_and_follows_with_wait() {
    let out = purge(&["reset", BLOG], None);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("only with --yes"), "{}", stderr(&out));

    let out = purge(&["reset", BLOG, "--yes", "--wait", "--json"], None);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let op = json(&out);
    assert_eq!(
        keys(&op),
        ["create_time", "error", "id", "status", "target"]
    );
    assert_eq!(op["target"], BLOG);
    assert_eq!(op["status"], "Succeeded");
    assert_eq!(op["error"], Value::Null);

    let out = purge(&["reset", BLOG, "--yes"], None);
    assert_eq!(code(&out), 0);
    assert!(
        stdout(&out).starts_with(&format!("{BLOG}  ")),
        "{}",
        stdout(&out)
    );

    let out = purge(&["reset", ASSETS, "--yes"], None);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("edgepurge purge"), "{}", stderr(&out));
    let out = purge(&["reset", "lightsail:no-such-cdn", "--yes"], None);
    assert_eq!(code(&out), 1);
}
