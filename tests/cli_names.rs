//! Targets typed by name on the demo account, run as a user runs them: an alias, a domain
//! name, a tenant's name, a Lightsail distribution's name; an unknown name is exit 2 with the
//! candidates. (Ambiguous names need two targets sharing one: the domain's and the CLI's unit
//! tests build such accounts, the demo has none.)

mod common;

use common::{code, json, run, run_in, stderr, stdout};
use edgepurge::fixtures::demo::{ACME_TARGET, BLOG_TARGET, BLUEBIRD_TARGET, MULTI_TENANT, SHOP};

#[test]
fn purge_by_alias_sends_to_its_distribution_and_names_it() {
    let out = run(
        &[
            "--demo",
            "purge",
            "www.northwind-shop.com",
            "/index.html",
            "--yes",
        ],
        None,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let line = stdout(&out);
    assert!(line.starts_with(&format!("{SHOP}  ")), "{line}");
    assert!(
        line.trim_end().ends_with("  www.northwind-shop.com"),
        "{line}"
    );
}

#[test]
fn purge_by_domain_name_and_url_as_json_keeps_the_ids() {
    let out = run(
        &[
            "--demo",
            "purge",
            "https://d2f8kx1b7qj3zo.cloudfront.net/",
            "bluebird-books",
            "/a",
            "--yes",
            "--json",
        ],
        None,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let rows = json(&out);
    let targets: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["target"].as_str().unwrap())
        .collect();
    assert_eq!(targets, [SHOP, BLUEBIRD_TARGET]);
}

#[test]
fn invalidations_and_wait_by_tenant_name() {
    let out = run(
        &[
            "--demo",
            "invalidations",
            "Bluebird-Books",
            "--limit",
            "1",
            "--json",
        ],
        None,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let id = json(&out)[0]["id"].as_str().unwrap().to_string();
    let out = run(&["--demo", "show", "books.bluebird.example", &id], None);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains(&id), "{}", stdout(&out));
}

#[test]
fn reset_and_wait_by_lightsail_name() {
    // One demo account for both runs: the wait finds the reset the first made.
    let state = tempfile::tempdir().unwrap();
    let out = run_in(
        state.path(),
        &[
            "--demo",
            "--demo-speed",
            "1000",
            "reset",
            "wordpress-blog-cdn",
            "--yes",
            "--json",
        ],
        None,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let reset = json(&out);
    assert_eq!(reset["target"], BLOG_TARGET);
    let operation = reset["id"].as_str().unwrap();
    let out = run_in(
        state.path(),
        &[
            "--demo",
            "--demo-speed",
            "1000",
            "wait",
            "blog.northwind.dev",
            operation,
        ],
        None,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let line = stdout(&out);
    assert!(
        line.starts_with(&format!("{BLOG_TARGET}  {operation}  ")),
        "{line}"
    );
    assert!(line.trim_end().ends_with("  blog.northwind.dev"), "{line}");
}

#[test]
fn an_unknown_name_is_exit_2_with_the_close_candidates() {
    let out = run(&["--demo", "purge", "bluebird", "/a", "--yes"], None);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("'bluebird' is not a target of this account"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{BLUEBIRD_TARGET}  bluebird-books, books.bluebird.example"
        )),
        "{err}"
    );
    assert!(stdout(&out).is_empty());
    // A typing mistake finds what was meant.
    let out = run(
        &["--demo", "invalidations", "wwww.northwind-shop.com"],
        None,
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains(&format!("  {SHOP}  www.northwind-shop.com")));
    // Nothing close: where to look.
    let out = run(&["--demo", "show", "nothing.example.org", "I1"], None);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("edgepurge distributions lists every target"));
}

#[test]
fn a_lightsail_name_where_paths_are_needed_says_what_to_do() {
    let out = run(
        &["--demo", "purge", "landing-pages-cdn", "/a", "--yes"],
        None,
    );
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("edgepurge reset lightsail:landing-pages-cdn"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn after_a_target_a_word_no_target_answers_to_is_an_item() {
    // `index.html` is refused as the path it was meant to be, with its fix; nothing is sent.
    let out = run(&["--demo", "purge", SHOP, "index.html", "--yes"], None);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("fix: /index.html"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn waiting_names_each_target_beside_its_id() {
    let out = run(
        &[
            "--demo",
            "--demo-speed",
            "1000",
            "purge",
            "acme-outdoor",
            "/a",
            "--yes",
            "--wait",
        ],
        None,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.lines()
            .any(|l| l.starts_with(&format!("{ACME_TARGET} (acme-outdoor) "))
                && l.contains(": Completed")),
        "{err}"
    );
}

/// What the shell gets when it asks for completions (fish's protocol: one a line, the value,
/// a tab, its help), the words typed so far given after `--`.
fn completions(words: &[&str], env: &[(&str, &str)]) -> String {
    let (mut command, _state) = common::command();
    command
        .env("EDGEPURGE_COMPLETE", "fish")
        .args(["--", "edgepurge"])
        .args(words);
    for (name, value) in env {
        command.env(name, value);
    }
    let out = common::run_with(&mut command, None);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn the_shell_completes_targets_by_id_and_name_and_profiles() {
    let by_name = completions(&["--demo", "invalidations", "www."], &[]);
    assert!(
        by_name
            .lines()
            .any(|l| l == format!("www.northwind-shop.com\t{SHOP}")),
        "{by_name}"
    );
    // Where paths go, Lightsail distributions are not offered; reset offers only them.
    let cloudfront = completions(&["--demo", "show", "bl"], &[]);
    assert_eq!(
        cloudfront.lines().collect::<Vec<_>>(),
        [format!("bluebird-books\t{BLUEBIRD_TARGET}")]
    );
    let by_id = completions(&["reset", "--demo", "lightsail:w"], &[]);
    assert_eq!(
        by_id.lines().collect::<Vec<_>>(),
        [format!(
            "{BLOG_TARGET}\tblog.northwind.dev, d2x7bq9m3kz1pf.cloudfront.net"
        )]
    );
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::write(&config, "[default]\n[profile prod]\n[profile staging]\n").unwrap();
    let profiles = completions(
        &["--profile", "pr"],
        &[
            ("AWS_CONFIG_FILE", config.to_str().unwrap()),
            ("AWS_SHARED_CREDENTIALS_FILE", "/dev/null"),
        ],
    );
    assert_eq!(profiles.trim_end(), "prod");
}

#[test]
fn a_multi_tenant_distribution_by_name_is_refused_with_its_tenants() {
    let out = run(
        &[
            "--demo",
            "purge",
            "d1m7t0n2x9y4zq.cloudfront.net",
            "/a",
            "--yes",
        ],
        None,
    );
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{MULTI_TENANT} is a multi-tenant distribution")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "  {ACME_TARGET}  acme-outdoor, shop.acme-outdoor.com"
        )),
        "{err}"
    );
    assert!(!err.contains("caller reference"), "nothing was sent: {err}");
}
