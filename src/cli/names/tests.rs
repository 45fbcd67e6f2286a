use super::*;
use crate::cli::exit;
use crate::cli::testing::demo;

fn strings(typed: &[&str]) -> Vec<String> {
    typed.iter().map(|s| s.to_string()).collect()
}

#[tokio::test(start_paused = true)]
async fn ids_are_taken_without_a_call() {
    let (backend, _) = demo();
    // Every call fails: an id that needed one would fail too.
    backend.faults().set_throttle(1.0);
    let found = targets(
        &*backend,
        &strings(&["E2QWRUHAPOMQZL", "tenant:dt_x", "lightsail:blog"]),
    )
    .await
    .unwrap();
    let ids: Vec<String> = found.iter().map(|f| f.target.to_string()).collect();
    assert_eq!(ids, ["E2QWRUHAPOMQZL", "tenant:dt_x", "lightsail:blog"]);
    assert!(found.iter().all(|f| f.label.is_none()));
}

#[tokio::test(start_paused = true)]
async fn names_are_looked_up_and_ids_beside_them_get_their_labels() {
    let (backend, _) = demo();
    let found = targets(
        &*backend,
        &strings(&[
            "www.northwind-shop.com",
            "bluebird-books",
            "wordpress-blog-cdn",
            "E1KTRHKC8G4ZSF",
        ]),
    )
    .await
    .unwrap();
    let described: Vec<String> = found.iter().map(NamedTarget::described).collect();
    assert_eq!(
        described,
        [
            "E2QWRUHAPOMQZL (www.northwind-shop.com)",
            "tenant:dt_2x0Lq8mWc4TnP7sRk1bYhVdE9FG (bluebird-books)",
            "lightsail:wordpress-blog-cdn (blog.northwind.dev)",
            "E1KTRHKC8G4ZSF (assets.northwind-shop.com)",
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn an_unknown_name_is_a_usage_error_with_the_close_ones() {
    let (backend, _) = demo();
    let err = target(&*backend, "bluebird").await.unwrap_err();
    assert_eq!(err.code, exit::INVALID);
    assert!(
        err.message.contains("'bluebird' is not a target"),
        "{}",
        err.message
    );
    assert!(
        err.message.contains(
            "tenant:dt_2x0Lq8mWc4TnP7sRk1bYhVdE9FG  bluebird-books, books.bluebird.example"
        ),
        "{}",
        err.message
    );
    let err = target(&*backend, "nothing-like-it.example.org")
        .await
        .unwrap_err();
    assert_eq!(err.code, exit::INVALID);
    assert!(
        err.message
            .contains("edgepurge distributions lists every target")
    );
}

#[tokio::test(start_paused = true)]
async fn a_name_that_may_be_in_a_list_that_failed_is_a_failure() {
    let (backend, _) = demo();
    backend.faults().set_throttle(1.0);
    let err = target(&*backend, "www.northwind-shop.com")
        .await
        .unwrap_err();
    assert_eq!(err.code, exit::FAILURE);
    assert!(
        err.message.contains("could not be listed"),
        "{}",
        err.message
    );
}

#[tokio::test(start_paused = true)]
async fn a_mistyped_id_is_said_as_before_without_a_call() {
    let (backend, _) = demo();
    backend.faults().set_throttle(1.0);
    let err = target(&*backend, "tenant:bad id").await.unwrap_err();
    assert_eq!(err.code, exit::INVALID);
    assert!(
        err.message.contains("is not a tenant id"),
        "{}",
        err.message
    );
}

#[tokio::test(start_paused = true)]
async fn a_lightsail_name_is_refused_where_paths_are_needed() {
    let (backend, _) = demo();
    let err = cloudfront(&*backend, "landing-pages-cdn", "it has no paths")
        .await
        .unwrap_err();
    assert_eq!(err.code, exit::INVALID);
    assert!(
        err.message
            .contains("lightsail:landing-pages-cdn is a Lightsail distribution")
    );
}

#[test]
fn ambiguous_names_list_every_candidate_with_its_names() {
    let named = |target: &str, names: &[&str]| NamedTarget {
        target: target.parse().unwrap(),
        label: None,
        names: names.iter().map(|n| n.to_string()).collect(),
    };
    let listing = Listing {
        known: vec![
            named("E1", &["shop.example.com"]),
            named("tenant:dt_a", &["outlet", "shop.example.com"]),
        ],
        ..Listing::default()
    };
    let err = listing.found("shop.example.com").unwrap_err();
    assert_eq!(err.code, exit::INVALID);
    assert_eq!(
        err.message,
        "'shop.example.com' names 2 targets; write the one meant by its id:\n  \
         E1           shop.example.com\n  tenant:dt_a  outlet, shop.example.com"
    );
}

#[tokio::test(start_paused = true)]
async fn a_list_the_role_may_not_read_leaves_an_unknown_name_unknown() {
    let (backend, _) = demo();
    backend.faults().refuse(
        "GetDistributions",
        BackendError::AccessDenied {
            permission: "lightsail:GetDistributions".into(),
            message: "not authorized".into(),
        },
    );
    // What the role can read is found as ever.
    let found = target(&*backend, "www.northwind-shop.com").await.unwrap();
    assert_eq!(found.target.to_string(), "E2QWRUHAPOMQZL");
    let err = target(&*backend, "wordpress-blog-cdn").await.unwrap_err();
    assert_eq!(err.code, exit::INVALID, "{}", err.message);
    assert!(
        err.message.contains(
            "(Lightsail distributions were not looked at: the role may not \
             lightsail:GetDistributions)"
        ),
        "{}",
        err.message
    );
}

#[test]
fn candidates_from_aws_are_shown_each_on_its_line() {
    let listing = Listing {
        known: vec![NamedTarget {
            target: "E1".parse().unwrap(),
            label: None,
            names: vec!["shop.example.com\n  E2  fake\u{1b}[2J".into()],
        }],
        ..Listing::default()
    };
    let err = listing.found("shop.example").unwrap_err();
    assert_eq!(
        err.message.lines().nth(2),
        Some("  E1  shop.example.com\\n  E2  fake\\e[2J"),
        "{}",
        err.message
    );
}
