//! `edgepurge validate` on input that is too large, not text, or not paths: what is read, what
//! is refused, and what `--fix` may change.

mod common;

use common::{code, command, run as edgepurge, run_with, stderr, stdout};

/// `edgepurge ARGS` with a config file holding `config`.
fn with_config(config: &str, args: &[&str], stdin: Option<&str>) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.toml");
    std::fs::write(&file, config).unwrap();
    let (mut cmd, _state) = command();
    cmd.args(args).env("EDGEPURGE_CONFIG", &file);
    run_with(&mut cmd, stdin)
}

#[test]
fn a_lone_dash_reads_standard_input() {
    let out = edgepurge(&["validate", "-"], Some("/a\n/b/*\n"));
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("2 paths (1 wildcard)"),
        "{}",
        stdout(&out)
    );
    let both = edgepurge(&["validate", "-", "--file", "x.txt"], Some("/a\n"));
    assert_eq!(code(&both), 2);
    assert!(stderr(&both).contains("not both"), "{}", stderr(&both));
}

#[test]
fn a_batch_past_the_item_cap_is_refused_with_exit_2_and_the_fix() {
    let config = "[batch]\nmax_items = 3\n";
    let fits = with_config(config, &["validate", "-"], Some("/a\n\n/b\n/c\n"));
    assert_eq!(code(&fits), 0, "{}", stderr(&fits));
    let out = with_config(config, &["validate", "-"], Some("/a\n/b\n/c\n/d\n"));
    assert_eq!(code(&out), 2);
    assert_eq!(stdout(&out), "", "nothing is judged");
    let err = stderr(&out);
    assert!(
        err.contains("standard input: the batch has more than 3 items"),
        "{err}"
    );
    assert!(err.contains("split it"), "{err}");
    assert!(err.contains("max_items in [batch]"), "{err}");
    let args = with_config(config, &["validate", "/a", "/b", "/c", "/d"], None);
    assert_eq!(code(&args), 2, "arguments are capped too");
}

#[test]
fn an_endless_file_stops_at_the_byte_cap() {
    let out = with_config(
        "[batch]\nmax_megabytes = 1\n",
        &["validate", "--file", "/dev/zero"],
        None,
    );
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("/dev/zero: the batch is more than 1 MB"),
        "{err}"
    );
    assert!(err.contains("max_megabytes"), "{err}");
}

#[test]
fn a_file_that_is_not_utf8_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("latin1.txt");
    std::fs::write(&file, b"/a\n/caf\xe9\n").unwrap();
    let out = edgepurge(&["validate", "--file", file.to_str().unwrap()], None);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(err.contains("line 2: not UTF-8 text (byte 0xE9)"), "{err}");
}

#[test]
fn fix_applies_only_what_keeps_the_meaning() {
    let input = "/a/*/b\n\
                 upload: dist/app.js to s3://bucket/app.js\n\
                 (dryrun) delete: s3://bucket/old page.html\n\
                 //cdn.example.com/x\n\
                 $ aws s3 sync dist s3://bucket\n\
                 2026-11-30T12:00:00Z [INFO] deploy done\n\
                 images/logo.png\n";
    let out = edgepurge(&["validate", "--fix"], Some(input));
    assert_eq!(
        stdout(&out),
        "/a/*/b\n/app.js\n/old%20page.html\n/x\n$ aws s3 sync dist s3://bucket\n\
         2026-11-30T12:00:00Z [INFO] deploy done\n/images/logo.png\n"
    );
    assert_eq!(code(&out), 2, "what is left still cannot be sent");
    let fixed = stdout(&out);
    let again = edgepurge(&["validate"], Some(&fixed));
    let verdicts = stdout(&again);
    assert!(verdicts.contains("fix: /a/*"), "{verdicts}");
    assert!(verdicts.contains("fix all leaves it to you"), "{verdicts}");
    assert!(verdicts.contains("shell prompt"), "{verdicts}");
    assert!(verdicts.contains("log line"), "{verdicts}");
    assert!(
        !verdicts.contains("%20dist"),
        "nothing pasted is encoded into a path"
    );
}

#[test]
fn json_says_whether_fix_all_applies_a_fix() {
    let out = edgepurge(
        &[
            "validate",
            "--json",
            "/a/*/b",
            "upload: a.js to s3://b/a.js",
        ],
        None,
    );
    let v = common::json(&out);
    assert_eq!(v["items"][0]["fix"]["lines"][0], "/a/*");
    assert_eq!(v["items"][0]["fix"]["same_meaning"], false);
    assert_eq!(v["items"][1]["fix"]["lines"][0], "/a.js");
    assert_eq!(v["items"][1]["fix"]["same_meaning"], true);
}
