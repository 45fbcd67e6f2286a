//! `plan` and `purge --from-*` on the demo account, as a deploy pipeline runs them: the
//! inputs read from files and standard input, the plan beside the exact batch (text and
//! JSON), the planned batch sent, and a build folder compared with its last deploy.

mod common;

use std::path::Path;
use std::process::Command;

use common::{code, json, keys, run, run_in, run_with, stderr, stdout};
use edgepurge::fixtures::demo::ASSETS;
use serde_json::Value;

const FAST: [&str; 3] = ["--demo", "--demo-speed", "1000"];

fn demo(args: &[&str], stdin: Option<&str>) -> std::process::Output {
    let args: Vec<&str> = FAST.iter().chain(args).copied().collect();
    run(&args, stdin)
}

/// A deploy of three images in one folder, a page, a page removed and one renamed.
const SYNC: &str = "upload: dist/img/a.png to s3://site/img/a.png\n\
                    upload: dist/img/b b.png to s3://site/img/b b.png\n\
                    (dryrun) upload: dist/img/c.png to s3://site/img/c.png\n\
                    upload: dist/café.html to s3://site/café.html\n\
                    delete: s3://site/old.html\n\
                    Completed 1.0 MiB/1.0 MiB (2.0 MiB/s) with 0 file(s) remaining\n";

/// The site's objects, as `aws s3 ls --recursive` lists them.
const LISTING: &str = "2026-11-30 12:00:00       1200 img/a.png\n\
                       2026-11-30 12:00:00       1200 img/b b.png\n\
                       2026-11-30 12:00:00       1200 img/c.png\n\
                       2026-11-30 12:00:00        800 café.html\n\
                       2026-11-30 12:00:00        800 index.html\n\
                       2026-11-30 12:00:00        300 app.js\n";

fn file(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn a_plan_in_json_has_every_key_of_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let objects = file(dir.path(), "objects.txt", LISTING);
    let out = run(
        &["plan", "--from-sync", "-", "--objects", &objects, "--json"],
        Some(SYNC),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let plan = json(&out);
    assert_eq!(
        keys(&plan),
        [
            "changed",
            "dry_run",
            "exact",
            "extra_object_paths",
            "extra_objects",
            "items",
            "micro_usd",
            "paths",
            "uncovered",
            "usd",
            "use_known",
            "wildcards"
        ]
    );
    assert_eq!(plan["changed"], 5);
    assert_eq!(
        plan["items"],
        serde_json::json!(["/caf%C3%A9.html", "/img/*", "/old.html"])
    );
    assert_eq!(plan["paths"], 3);
    assert_eq!(plan["wildcards"], 1);
    assert_eq!(plan["uncovered"], 0);
    assert_eq!(plan["extra_objects"], 0);
    assert_eq!(plan["extra_object_paths"], serde_json::json!([]));
    assert_eq!(plan["usd"], 0.015);
    assert_eq!(plan["dry_run"], false);
    let exact = &plan["exact"];
    assert_eq!(exact["paths"], 5);
    assert_eq!(exact["wildcards"], 0);
    assert_eq!(exact["usd"], 0.025);
    assert_eq!(exact["items"][2], "/img/b%20b.png");
    assert!(
        stderr(&out).contains("line 6: passed over"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn without_the_objects_the_plan_is_the_exact_batch_and_says_why() {
    let out = run(&["plan", "--from-sync", "-"], Some(SYNC));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with(
            "5 changed paths (5 changes read from aws s3 sync output): exact 5 paths (up to \
             $0.025); planned 5 paths (up to $0.025)\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("no wildcards: the site's objects are not known"),
        "{text}"
    );
    assert!(text.ends_with("\n/old.html\n"), "{text}");
    // A folder depth allows whole folders without the objects.
    let out = run(
        &["plan", "--from-sync", "-", "--wildcard-depth", "1"],
        Some(SYNC),
    );
    assert!(stdout(&out).contains("\n/img/*\n"), "{}", stdout(&out));
}

#[test]
fn git_diff_and_lists_are_mapped_with_the_config_s_settings() {
    let dir = tempfile::tempdir().unwrap();
    let config = file(
        dir.path(),
        "config.toml",
        "[deploy]\nroot = \"dist\"\nclean_urls = true\n",
    );
    let diff = "M\tdist/about.html\nA\tdist/docs/index.html\nR100\tdist/a.css\tdist/b.css\n\
                M\tsrc/main.ts\nM\t\"dist/caf\\303\\251.html\"\n";
    let out = run_with(
        Command::new(env!("CARGO_BIN_EXE_edgepurge"))
            .args(["plan", "--from-git-diff", "-", "--json"])
            .env("EDGEPURGE_CONFIG", &config),
        Some(diff),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let items: Vec<String> = json(&out)["exact"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        items,
        [
            "/a.css",
            "/about",
            "/about.html",
            "/b.css",
            "/caf%C3%A9",
            "/caf%C3%A9.html",
            "/docs",
            "/docs/",
            "/docs/index.html"
        ]
    );
    assert!(
        stderr(&out).contains("src/main.ts is outside the site's root folder dist/"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn mistakes_are_refused_with_what_to_do() {
    let out = run(&["plan"], None);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("say what changed"),
        "{}",
        stderr(&out)
    );
    let out = run(
        &["plan", "--from-sync", "-", "--max-extra", "5"],
        Some(SYNC),
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--objects"), "{}", stderr(&out));
    let out = run(&["plan", "--from-sync", "-"], Some("hello\n"));
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("nothing to purge"),
        "{}",
        stderr(&out)
    );
    let out = run(&["plan", "--from-sync", "a", "--from-list", "b"], None);
    assert_eq!(code(&out), 2);
    let out = demo(
        &["purge", ASSETS, "/x", "--from-sync", "-", "--yes"],
        Some(SYNC),
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("not both"), "{}", stderr(&out));
    let out = demo(&["purge", ASSETS, "/x", "--plan", "--yes"], None);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--plan plans"), "{}", stderr(&out));
}

#[test]
fn purge_sends_the_exact_batch_or_with_plan_the_planned_one() {
    let dir = tempfile::tempdir().unwrap();
    let objects = file(dir.path(), "objects.txt", LISTING);
    let out = demo(
        &["purge", ASSETS, "--from-sync", "-", "--yes", "--json"],
        Some(SYNC),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json(&out)[0]["paths"], 5);
    let out = demo(
        &[
            "purge",
            ASSETS,
            "--from-sync",
            "-",
            "--plan",
            "--objects",
            &objects,
            "--yes",
            "--json",
        ],
        Some(SYNC),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let created: Value = json(&out);
    assert_eq!(created[0]["paths"], 3);
    assert_eq!(created[0]["target"], ASSETS);
    let said = stderr(&out);
    assert!(said.contains("planned 1 wildcard + 2 paths"), "{said}");
    assert!(
        said.contains("sending the planned batch (--plan)"),
        "{said}"
    );
}

#[test]
fn a_build_folder_is_compared_with_the_target_s_last_deploy() {
    let state = tempfile::tempdir().unwrap();
    let site = tempfile::tempdir().unwrap();
    file(site.path(), "index.html", "home");
    file(site.path(), "img/a.png", "a");
    file(site.path(), "img/b.png", "b");
    let dir = site.path().to_string_lossy().into_owned();
    let purge = |extra: &[&str]| {
        let mut args: Vec<&str> = FAST.to_vec();
        args.extend(["purge", ASSETS, "--dir", &dir, "--yes", "--json"]);
        args.extend(extra);
        run_in(state.path(), &args, None)
    };
    let first = purge(&[]);
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    assert!(
        stderr(&first).contains(&format!("no earlier deploy of {ASSETS} is recorded")),
        "{}",
        stderr(&first)
    );
    // index.html is also /, so 4 paths.
    assert_eq!(json(&first)[0]["paths"], 4);

    let again = purge(&[]);
    assert_eq!(code(&again), 0, "{}", stderr(&again));
    assert!(
        stderr(&again).contains("nothing changed"),
        "{}",
        stderr(&again)
    );
    assert_eq!(stdout(&again), "");

    file(site.path(), "img/b.png", "b2");
    std::fs::remove_file(site.path().join("img/a.png")).unwrap();
    file(site.path(), "img/c.png", "c");
    let mut args: Vec<&str> = FAST.to_vec();
    args.extend(["plan", ASSETS, "--dir", &dir, "--json"]);
    let plan = run_in(state.path(), &args, None);
    assert_eq!(code(&plan), 0, "{}", stderr(&plan));
    let plan = json(&plan);
    assert_eq!(
        plan["exact"]["items"],
        serde_json::json!(["/img/a.png", "/img/b.png", "/img/c.png"])
    );
    // The folder is the site's objects: /img/ holds nothing unchanged any more.
    assert_eq!(plan["items"], serde_json::json!(["/img/*"]));
}

/// With a target, the plan's costs count the month's use of the free 1,000 paths once the
/// store knows the month whole (`usage` brings the history up to date); before, they are the
/// most the batches can cost.
#[test]
fn a_plan_counts_the_month_s_free_paths_once_the_history_knows_them() {
    let state = tempfile::tempdir().unwrap();
    let with = |args: &[&str]| {
        let args: Vec<&str> = ["--demo", "--demo-speed", "1000", "--demo-history", "3"]
            .iter()
            .chain(args)
            .copied()
            .collect();
        run_in(state.path(), &args, Some(SYNC))
    };
    let plan = ["plan", "--from-sync", "-", ASSETS, "--json"];
    let before = with(&plan);
    assert_eq!(code(&before), 0, "{}", stderr(&before));
    let before = json(&before);
    assert_eq!(before["use_known"], false, "{before}");
    assert_eq!(
        before["micro_usd"],
        5_000 * before["paths"].as_u64().unwrap()
    );
    assert_eq!(before["exact"]["micro_usd"], 25_000);

    let usage = with(&["usage", "--json"]);
    assert_eq!(code(&usage), 0, "{}", stderr(&usage));
    let used = json(&usage)["paths"].as_u64().unwrap();
    assert!(used < 990, "the demo's month leaves paths free: {used}");

    let after = with(&plan);
    assert_eq!(code(&after), 0, "{}", stderr(&after));
    let after = json(&after);
    assert_eq!(after["use_known"], true, "{after}");
    assert_eq!(after["usd"], 0.0);
    assert_eq!(after["exact"]["micro_usd"], 0);
    let text = with(&["plan", "--from-sync", "-", ASSETS]);
    let text = stdout(&text);
    assert!(text.contains("exact 5 paths (free)"), "{text}");
    assert!(
        text.contains(&format!(
            "costs counted with this month's use: {used} of 1,000 free paths used"
        )),
        "{text}"
    );
}
