//! `edgepurge validate`, run as a user runs it: arguments, files, standard input, text and JSON,
//! exit statuses.

mod common;

use std::io::Write;
use std::process::Stdio;

use common::{code, run as edgepurge, stdout as text};
use edgepurge::fixtures::batch::{lines, paths, wildcards};
use edgepurge::fixtures::demo::{BLOG_TARGET, BLUEBIRD_TARGET, DOCS};
use serde_json::Value;

/// The exit status and standard output as JSON.
fn json(args: &[&str], stdin: Option<&str>) -> (i32, Value) {
    let out = edgepurge(args, stdin);
    (code(&out), common::json(&out))
}

#[test]
fn a_good_batch_exits_0_with_its_summary() {
    let out = edgepurge(&["validate", "/index.html", "/img/*", "#product-1"], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let t = text(&out);
    assert!(t.contains("keep    /index.html"), "{t}");
    assert!(t.contains("2 paths (1 wildcard), 1 tag"), "{t}");
    assert!(t.contains("cost: up to $0.015"), "{t}");
    assert!(t.contains("ready to send"), "{t}");
}

#[test]
fn a_bad_batch_exits_2_naming_each_problem_and_fix() {
    let out = edgepurge(&["validate", "images/a.png", "/img/*.png", "/ok"], None);
    assert_eq!(out.status.code(), Some(2));
    let t = text(&out);
    assert!(t.contains("reject  images/a.png"), "{t}");
    assert!(t.contains("fix: /images/a.png"), "{t}");
    assert!(t.contains("fix: /img/*"), "{t}");
    assert!(t.contains("2 items are rejected"), "{t}");
    assert!(t.contains("cannot be sent as it is"), "{t}");
    assert!(t.contains("validate --fix"), "{t}");
}

#[test]
fn json_has_the_documented_shape() {
    let (code, v) = json(
        &["validate", "--json", "/café", "/café", "nope", "#t"],
        None,
    );
    assert_eq!(code, 2);
    assert_eq!(v["submittable"], false);
    assert_eq!(v["paths"], 1);
    assert_eq!(v["wildcards"], 0);
    assert_eq!(v["tags"], 1);
    assert_eq!(v["cost"]["usd"], "$0.010");
    assert_eq!(v["cost"]["micro_usd"], 10_000);
    assert_eq!(v["cost"]["use_known"], false);
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(items[0]["input"], "/café");
    assert_eq!(items[0]["normalized"], "/caf%C3%A9");
    assert_eq!(items[0]["kind"], "path");
    assert_eq!(items[0]["action"], "keep");
    assert_eq!(items[1]["action"], "drop");
    assert!(
        items[1]["messages"][0]
            .as_str()
            .unwrap()
            .contains("duplicate of line 1")
    );
    assert_eq!(items[2]["action"], "reject");
    assert_eq!(items[2]["normalized"], Value::Null);
    assert_eq!(items[2]["fix"]["lines"][0], "/nope");
    assert_eq!(items[3]["kind"], "tag");
    for item in items {
        assert!(item["messages"].is_array());
    }
}

#[test]
fn items_come_from_standard_input_when_none_are_given() {
    let (code, v) = json(&["validate", "--json"], Some("/a\n\n  /b  \n/a\n"));
    assert_eq!(code, 0);
    assert_eq!(v["paths"], 2);
    assert_eq!(v["dropped"], 1);
    assert_eq!(v["items"][1]["line"], 3);
    assert!(
        v["items"][1]["messages"][0]
            .as_str()
            .unwrap()
            .contains("whitespace")
    );
    let (code, v) = json(&["validate", "--json", "--file", "-"], Some("/x\n"));
    assert_eq!((code, v["paths"].clone()), (0, Value::from(1)));
}

#[test]
fn items_come_from_a_file() {
    let dir = std::env::temp_dir().join(format!("edgepurge-validate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("paths.txt");
    std::fs::write(&file, "/one\n/two/*\n").unwrap();
    let (code, v) = json(
        &["validate", "--json", "--file", file.to_str().unwrap()],
        None,
    );
    assert_eq!(code, 0);
    assert_eq!(
        (v["paths"].clone(), v["wildcards"].clone()),
        (Value::from(2), Value::from(1))
    );
    let missing = edgepurge(&["validate", "--file", "/no/such/file.txt"], None);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read /no/such/file.txt"));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn an_empty_batch_cannot_be_sent() {
    let (code, v) = json(&["validate", "--json"], Some("\n \n"));
    assert_eq!(code, 2);
    assert!(
        v["problems"][0]
            .as_str()
            .unwrap()
            .contains("nothing to invalidate")
    );
}

#[test]
fn the_whole_distribution_is_flagged() {
    let (code, v) = json(&["validate", "--json", "/*"], None);
    assert_eq!(code, 0);
    assert_eq!(v["whole_distribution"], true);
    assert!(
        v["items"][0]["messages"][0]
            .as_str()
            .unwrap()
            .contains("whole distribution")
    );
}

#[test]
fn a_batch_over_3000_is_split_and_16_wildcards_refused() {
    let many = lines(&paths("/p/", 3_500));
    let (code, v) = json(&["validate", "--json"], Some(&many));
    assert_eq!(code, 0);
    assert_eq!(v["parts"], 2);
    let wild = lines(&wildcards("/w", 16));
    let (code, v) = json(&["validate", "--json"], Some(&wild));
    assert_eq!(code, 2);
    assert!(
        v["problems"][0]
            .as_str()
            .unwrap()
            .contains("16 wildcard paths")
    );
}

#[test]
fn fix_prints_the_repaired_batch() {
    let out = edgepurge(
        &["validate", "--fix"],
        Some("img/a.png\n/b/\n/c\n/c\nhttps://x.com/d\n"),
    );
    assert_eq!(out.status.code(), Some(0));
    // `/b` beside `/b/` would add a path: offered on its line, not applied.
    assert_eq!(text(&out), "/img/a.png\n/b/\n/c\n/d\n");
}

#[test]
fn headroom_is_judged_against_a_demo_target() {
    // The docs distribution has two invalidations in progress when the demo starts.
    let (code, v) = json(
        &["--demo", "validate", "--json", "--target", DOCS, "/a"],
        None,
    );
    assert_eq!(code, 0);
    assert_eq!(v["headroom"]["fits"], true);
    assert!(v["headroom"]["file_paths_after"].as_u64().unwrap() > 1);
    // Whatever is in progress, one file path more than the quota leaves does not fit.
    let in_progress = v["headroom"]["file_paths_after"].as_u64().unwrap() - 1;
    let too_many = lines(&paths("/p/", 3_001 - in_progress as usize));
    let (code, v) = json(
        &["--demo", "validate", "--json", "--target", DOCS],
        Some(&too_many),
    );
    // Not fitting now is a passing state: the batch itself can be sent.
    assert_eq!(code, 0, "{}", v["headroom"]);
    assert_eq!(v["submittable"], true);
    assert_eq!(v["headroom"]["fits"], false);
    assert_eq!(v["headroom"]["file_paths_after"], 3_001);
    assert!(
        v["headroom"]["message"]
            .as_str()
            .unwrap()
            .contains("3001 file paths would be in progress")
    );
}

#[test]
fn a_split_batch_is_judged_on_its_first_part() {
    // Nothing is in progress on the assets distribution when the demo starts.
    let many = lines(&paths("/p/", 3_500));
    let (code, v) = json(
        &["--demo", "validate", "--json", "--target", "E1KTRHKC8G4ZSF"],
        Some(&many),
    );
    assert_eq!(code, 0);
    assert_eq!(v["parts"], 2);
    assert_eq!(v["headroom"]["fits"], true);
    assert_eq!(v["headroom"]["file_paths_after"], 3_000);
}

#[test]
fn fix_keeps_blank_lines_and_drops_a_byte_order_mark() {
    let out = edgepurge(&["validate", "--fix"], Some("\u{feff}a\n\n/b\n"));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out), "/a\n\n/b\n");
}

#[test]
fn target_mistakes_are_usage_errors() {
    let out = edgepurge(
        &["--demo", "validate", "--target", "E3F6MUA9R0WLBK", "/a"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalidate its tenants instead"));
    let out = edgepurge(
        &["--demo", "validate", "--target", BLUEBIRD_TARGET, "/a"],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = edgepurge(&["--demo", "validate", "--target", BLOG_TARGET, "/a"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("reset as a whole"));
    let out = edgepurge(
        &["--demo", "validate", "--target", "E0NOSUCHDIST00", "/a"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not found"));
}

#[test]
fn without_demo_the_target_is_judged_on_aws() {
    // A profile that exists nowhere: the AWS backend is asked, and says what to do, without
    // any network (no credentials to send, instance metadata off).
    let (mut command, _state) = common::command();
    let out = command
        .args([
            "--profile",
            "edgepurge-test-absent",
            "--region",
            "us-east-1",
            "validate",
            "--target",
            DOCS,
            "/a",
        ])
        .env("AWS_CONFIG_FILE", "/nonexistent/edgepurge/config")
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            "/nonexistent/edgepurge/credentials",
        )
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env_remove("AWS_SESSION_TOKEN")
        .env_remove("AWS_PROFILE")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("no valid credentials"), "{stderr}");
    assert!(
        stderr.contains("aws sso login --profile edgepurge-test-absent"),
        "{stderr}"
    );
}

#[test]
fn a_reader_that_stops_early_is_no_error() {
    use std::io::Read;
    let (mut command, _state) = common::command();
    let mut child = command
        .args(["validate", "--file", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let batch = lines(&paths("/p/", 20_000));
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(batch.as_bytes()).expect("write stdin");
    drop(input);
    // Read a little, then go away like `| head -1` does.
    let mut first = [0u8; 16];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("some output");
    let out = child.wait_with_output().expect("it finishes");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
