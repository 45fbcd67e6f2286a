use super::*;
use crate::cli::exit;

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

fn named(target: &str, label: Option<&str>, names: &[&str]) -> NamedTarget {
    NamedTarget {
        target: target.parse().unwrap(),
        label: label.map(str::to_string),
        names: names.iter().map(|n| n.to_string()).collect(),
    }
}

fn listing() -> Listing {
    Listing {
        known: vec![
            named("E1", Some("www.example.com"), &["www.example.com"]),
            named("tenant:dt_a", Some("acme"), &["acme", "shop.acme.example"]),
            named("lightsail:blog", None, &["blog.example.com"]),
        ],
        ..Listing::default()
    }
}

/// The targets and items of `args`, as purge reads them.
fn split_args(args: &[&str]) -> Result<(Vec<String>, Vec<String>), Failure> {
    let args = strings(args);
    let typed = leading(&args)?;
    let names = typed.iter().any(|t| matches!(t, Typed::Name(_)));
    let listing = listing();
    let (targets, items) = split(&args, &typed, names.then_some(&listing))?;
    Ok((targets.iter().map(|t| t.described()).collect(), items))
}

#[test]
fn targets_come_first_then_items() {
    let (targets, items) = split_args(&["E1", "tenant:dt_a", "E1", "/a", "E2"]).unwrap();
    assert_eq!(targets, ["E1", "tenant:dt_a"]);
    assert_eq!(items, ["/a", "E2"], "after the first item, all are items");
    let (_, items) = split_args(&["E1", "-"]).unwrap();
    assert_eq!(items, ["-"]);
}

#[test]
fn names_are_targets_and_bring_their_labels() {
    let (targets, items) =
        split_args(&["https://www.example.com/", "Acme", "E1", "/a", "#t"]).unwrap();
    assert_eq!(targets, ["E1 (www.example.com)", "tenant:dt_a (acme)"]);
    assert_eq!(items, ["/a", "#t"]);
    // Written as an id is an id: upper case letters and digits are a distribution's.
    let (targets, _) = split_args(&["ACME", "/a"]).unwrap();
    assert_eq!(targets, ["ACME"]);
}

#[test]
fn an_unknown_name_after_a_target_is_the_first_item() {
    let (targets, items) = split_args(&["E1", "index.html", "acme"]).unwrap();
    assert_eq!(targets, ["E1 (www.example.com)"]);
    assert_eq!(items, ["index.html", "acme"]);
}

#[test]
fn an_unknown_first_name_is_a_usage_error_with_suggestions() {
    let err = split_args(&["acm", "/a"]).unwrap_err();
    assert_eq!(err.code, exit::INVALID);
    assert!(
        err.message.contains("'acm' is not a target"),
        "{}",
        err.message
    );
    assert!(
        err.message.contains("tenant:dt_a  acme, shop.acme.example"),
        "{}",
        err.message
    );
    assert!(err.message.contains("targets first"), "{}", err.message);
}

#[test]
fn a_missing_or_lightsail_target_is_a_usage_error() {
    let err = split_args(&["/a"]).unwrap_err();
    assert_eq!(err.code, exit::INVALID);
    assert!(err.message.contains("targets first"), "{}", err.message);
    let err = split_args(&["https://www.example.com/index.html", "/a"]).unwrap_err();
    assert!(
        err.message.contains("is a page's address"),
        "{}",
        err.message
    );
    let err = split_args(&["tenant:bad id", "/a"]).unwrap_err();
    assert!(
        err.message.contains("is not a tenant id"),
        "{}",
        err.message
    );
    for lightsail in ["lightsail:blog", "blog.example.com"] {
        let err = split_args(&["E1", lightsail, "/a"]).unwrap_err();
        assert!(
            err.message.contains("edgepurge reset lightsail:blog"),
            "{}",
            err.message
        );
    }
}

#[test]
fn an_ambiguous_name_is_a_usage_error_even_after_a_target() {
    let args = strings(&["E1", "shop.acme.example", "/a"]);
    let mut listing = listing();
    listing
        .known
        .push(named("E2", None, &["shop.acme.example"]));
    let typed = leading(&args).unwrap();
    let err = split(&args, &typed, Some(&listing)).unwrap_err();
    assert_eq!(err.code, exit::INVALID);
    assert!(err.message.contains("names 2 targets"), "{}", err.message);
}

#[test]
fn a_multi_tenant_distribution_by_name_is_refused_with_its_tenants() {
    let args = strings(&["multi.example.com", "/a"]);
    let mut listing = listing();
    listing
        .known
        .push(named("EMULTI", None, &["multi.example.com"]));
    listing.known.push(NamedTarget {
        target: Target::CloudFront(CloudFrontTarget::tenant("dt_b", Some("EMULTI".into()))),
        label: Some("bravo".into()),
        names: vec!["bravo".into()],
    });
    listing.multi_tenant.push("EMULTI".into());
    let typed = leading(&args).unwrap();
    let err = split(&args, &typed, Some(&listing)).unwrap_err();
    assert_eq!(err.code, exit::INVALID);
    assert_eq!(
        err.message,
        "EMULTI is a multi-tenant distribution: it is purged through its tenants:\n  \
         tenant:dt_b  bravo"
    );
}
