//! Targets in another account: a target qualified by its profile (`prod:E2QW…`) is worked on
//! with that profile, as `--profile` would; one command works on one account. Run on the
//! demo's two accounts (`demo` and `demo-staging`).

mod common;

use common::{code, json, run_in, stderr, stdout};

const STAGING_SHOP: &str = "E3STG7K2QX9LMB";

#[test]
fn a_target_qualified_by_its_profile_is_read_in_that_account() {
    let state = tempfile::tempdir().unwrap();
    let qualified = format!("demo-staging:{STAGING_SHOP}");
    let out = run_in(
        state.path(),
        &[
            "--demo",
            "invalidations",
            &qualified,
            "--limit",
            "3",
            "--json",
        ],
        None,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json(&out).as_array().map(Vec::len), Some(3));
    // The first account has no such distribution.
    let out = run_in(
        state.path(),
        &["--demo", "invalidations", STAGING_SHOP, "--limit", "3"],
        None,
    );
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    // A name too: the staging storefront's alias, looked up in staging.
    let out = run_in(
        state.path(),
        &[
            "--demo",
            "invalidations",
            "demo-staging:staging.northwind-shop.com",
            "--limit",
            "1",
        ],
        None,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn a_purge_in_another_account_is_journaled_with_its_profile() {
    let state = tempfile::tempdir().unwrap();
    let out = run_in(
        state.path(),
        &[
            "--demo",
            "purge",
            "demo-staging:staging.northwind-shop.com",
            "/index.html",
            "--yes",
            "--json",
        ],
        None,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json(&out)[0]["target"], STAGING_SHOP);
    let out = run_in(state.path(), &["--demo", "journal", "--json"], None);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let entries = json(&out);
    let entry = &entries[0];
    assert_eq!(entry["target"], STAGING_SHOP, "{entries}");
    assert_eq!(entry["profile"], "demo-staging", "{entries}");
}

#[test]
fn one_command_works_on_one_account() {
    let state = tempfile::tempdir().unwrap();
    let out = run_in(
        state.path(),
        &[
            "--demo",
            "purge",
            "demo:E2QWRUHAPOMQZL",
            &format!("demo-staging:{STAGING_SHOP}"),
            "/index.html",
            "--yes",
        ],
        None,
    );
    assert_eq!(code(&out), 2, "{}", stdout(&out));
    assert!(
        stderr(&out).contains("a command works on one account"),
        "{}",
        stderr(&out)
    );
    let out = run_in(
        state.path(),
        &["--demo", "--profile", "demo,demo-staging", "distributions"],
        None,
    );
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("the dashboard shows several"),
        "{}",
        stderr(&out)
    );
    // A word before the colon that is no profile keeps its own message.
    let out = run_in(state.path(), &["--demo", "invalidations", "prod:E1"], None);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("nor a profile"), "{}", stderr(&out));
}
