use super::*;

fn distribution(id: &str, domain: &str, aliases: &[&str]) -> NamedTarget {
    NamedTarget::distribution(&Distribution {
        id: id.into(),
        domain: domain.into(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        comment: String::new(),
        status: "Deployed".into(),
        enabled: true,
        multi_tenant: false,
    })
}

fn tenant(id: &str, name: &str, domains: &[&str]) -> NamedTarget {
    NamedTarget::tenant(&Tenant {
        id: id.into(),
        name: name.into(),
        distribution_id: "EMULTI".into(),
        domains: domains.iter().map(|d| d.to_string()).collect(),
        status: "Deployed".into(),
        enabled: true,
    })
}

fn lightsail(name: &str, domain: &str, alternative: &[&str]) -> NamedTarget {
    NamedTarget::lightsail(&LightsailDistribution {
        name: name.into(),
        domain: domain.into(),
        alternative_domains: alternative.iter().map(|d| d.to_string()).collect(),
        status: "Deployed".into(),
        enabled: true,
        origin: String::new(),
    })
}

fn account() -> Vec<NamedTarget> {
    vec![
        distribution(
            "E2QWRUHAPOMQZL",
            "d2f8kx1b7qj3zo.cloudfront.net",
            &["www.northwind-shop.com", "northwind-shop.com"],
        ),
        distribution(
            "E1KTRHKC8G4ZSF",
            "d3v9a0c5tq8mwe.cloudfront.net",
            &["assets.northwind-shop.com", "*.cdn.northwind-shop.com"],
        ),
        distribution("EMULTI", "d1m7t0n2x9y4zq.cloudfront.net", &[]),
        tenant(
            "dt_2x0Lq8mWc4TnP7sRk1bYhVdE9FG",
            "bluebird-books",
            &["books.bluebird.example", "www.bluebird.example"],
        ),
        lightsail(
            "wordpress-blog-cdn",
            "d2x7bq9m3kz1pf.cloudfront.net",
            &["blog.northwind.dev"],
        ),
    ]
}

/// The target `typed` resolves to, as the commands write it.
fn found(typed: &str) -> String {
    match resolve(typed, &account()) {
        Resolution::Found(k) => k.target.to_string(),
        other => panic!("{typed}: {other:?}"),
    }
}

#[test]
fn an_id_is_taken_as_written() {
    assert_eq!(found("E2QWRUHAPOMQZL"), "E2QWRUHAPOMQZL");
    assert_eq!(
        found("tenant:dt_2x0Lq8mWc4TnP7sRk1bYhVdE9FG"),
        "tenant:dt_2x0Lq8mWc4TnP7sRk1bYhVdE9FG"
    );
    assert_eq!(
        found("lightsail:wordpress-blog-cdn"),
        "lightsail:wordpress-blog-cdn"
    );
    // One the account does not list is still the user's to ask for: the service answers.
    assert_eq!(found("EUNLISTED"), "EUNLISTED");
}

#[test]
fn a_listed_id_comes_with_its_label_and_parent() {
    let Resolution::Found(k) = resolve("tenant:dt_2x0Lq8mWc4TnP7sRk1bYhVdE9FG", &account()) else {
        panic!()
    };
    assert_eq!(k.label.as_deref(), Some("bluebird-books"));
    assert!(matches!(
        k.target,
        Target::CloudFront(CloudFrontTarget::Tenant { distribution_id: Some(ref p), .. }) if p == "EMULTI"
    ));
    assert_eq!(
        k.described(),
        "tenant:dt_2x0Lq8mWc4TnP7sRk1bYhVdE9FG (bluebird-books)"
    );
}

#[test]
fn an_alias_or_domain_name_is_its_distribution() {
    assert_eq!(found("www.northwind-shop.com"), "E2QWRUHAPOMQZL");
    assert_eq!(found("northwind-shop.com"), "E2QWRUHAPOMQZL");
    assert_eq!(found("d3v9a0c5tq8mwe.cloudfront.net"), "E1KTRHKC8G4ZSF");
}

#[test]
fn names_ignore_case_and_the_url_or_dns_form_of_a_domain() {
    for typed in [
        "WWW.Northwind-Shop.com",
        "www.northwind-shop.com.",
        "https://www.northwind-shop.com/",
        "HTTP://www.northwind-shop.com",
        "  www.northwind-shop.com\n",
    ] {
        assert_eq!(found(typed), "E2QWRUHAPOMQZL", "{typed:?}");
    }
    // A URL with a path is a page, not a target.
    assert!(matches!(
        resolve("https://www.northwind-shop.com/index.html", &account()),
        Resolution::Unknown { .. }
    ));
}

#[test]
fn a_tenant_by_its_name_or_any_of_its_domains() {
    let id = "tenant:dt_2x0Lq8mWc4TnP7sRk1bYhVdE9FG";
    assert_eq!(found("bluebird-books"), id);
    assert_eq!(found("Bluebird-Books"), id);
    assert_eq!(found("books.bluebird.example"), id);
    assert_eq!(found("www.bluebird.example"), id);
    // Its id without the prefix, as the console shows it.
    assert_eq!(found("dt_2x0Lq8mWc4TnP7sRk1bYhVdE9FG"), id);
}

#[test]
fn a_lightsail_distribution_by_its_name_or_domains() {
    let id = "lightsail:wordpress-blog-cdn";
    assert_eq!(found("wordpress-blog-cdn"), id);
    assert_eq!(found("blog.northwind.dev"), id);
    assert_eq!(found("d2x7bq9m3kz1pf.cloudfront.net"), id);
}

#[test]
fn a_lowercase_distribution_id_is_found() {
    assert_eq!(found("e2qwruhapomqzl"), "E2QWRUHAPOMQZL");
}

#[test]
fn a_wildcard_alias_covers_one_label_but_an_exact_alias_wins() {
    assert_eq!(found("img.cdn.northwind-shop.com"), "E1KTRHKC8G4ZSF");
    assert!(matches!(
        resolve("a.img.cdn.northwind-shop.com", &account()),
        Resolution::Unknown { .. }
    ));
    let mut known = account();
    known.push(distribution(
        "EEXACT",
        "dx.cloudfront.net",
        &["img.cdn.northwind-shop.com"],
    ));
    match resolve("img.cdn.northwind-shop.com", &known) {
        Resolution::Found(k) => assert_eq!(k.target.to_string(), "EEXACT"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_name_two_targets_answer_to_is_ambiguous() {
    let mut known = account();
    // A tenant serving a domain that a distribution also lists.
    known.push(tenant(
        "dt_shared",
        "northwind-outlet",
        &["www.northwind-shop.com"],
    ));
    match resolve("www.northwind-shop.com", &known) {
        Resolution::Ambiguous { typed, candidates } => {
            assert_eq!(typed, "www.northwind-shop.com");
            let ids: Vec<String> = candidates.iter().map(|c| c.target.to_string()).collect();
            assert_eq!(ids, ["E2QWRUHAPOMQZL", "tenant:dt_shared"]);
        }
        other => panic!("{other:?}"),
    }
    // A tenant and a Lightsail distribution of the same name.
    known.push(lightsail("bluebird-books", "dz.cloudfront.net", &[]));
    assert!(matches!(
        resolve("bluebird-books", &known),
        Resolution::Ambiguous { candidates, .. } if candidates.len() == 2
    ));
}

#[test]
fn an_unknown_name_suggests_those_that_come_close() {
    let ids = |typed: &str| match resolve(typed, &account()) {
        Resolution::Unknown {
            typed: t,
            suggestions,
        } => {
            assert_eq!(t, typed.trim());
            suggestions
                .iter()
                .map(|s| s.target.to_string())
                .collect::<Vec<_>>()
        }
        other => panic!("{typed}: {other:?}"),
    };
    // Part of a name.
    assert_eq!(
        ids("northwind"),
        [
            "E2QWRUHAPOMQZL",
            "E1KTRHKC8G4ZSF",
            "lightsail:wordpress-blog-cdn"
        ]
    );
    assert_eq!(ids("bluebird"), ["tenant:dt_2x0Lq8mWc4TnP7sRk1bYhVdE9FG"]);
    // A typing mistake.
    assert_eq!(ids("wwww.northwind-shop.com"), ["E2QWRUHAPOMQZL"]);
    assert_eq!(ids("wordpres-blog-cdn"), ["lightsail:wordpress-blog-cdn"]);
    // Nothing close.
    assert!(ids("example.org").is_empty());
    assert!(ids("").is_empty());
}

#[test]
fn edits_are_counted_as_a_person_makes_them() {
    assert!(within_two_edits("shop", "shop"));
    assert!(within_two_edits("shop", "shpo"));
    assert!(within_two_edits("shop", "shops!"));
    assert!(!within_two_edits("shop", "shopping"));
    assert!(!within_two_edits("abcd", "wxyz"));
}

#[test]
fn paths_tags_and_urls_with_a_path_are_no_names() {
    for name in [
        "www.northwind-shop.com",
        "https://www.northwind-shop.com/",
        "bluebird-books",
        "dt_abc",
        "index.html",
    ] {
        assert!(looks_like_name(name), "{name}");
    }
    for item in [
        "/index.html",
        "#product-42",
        "-",
        "img/a.png",
        "https://www.northwind-shop.com/index.html",
        "s3:bucket",
        "two words",
        "",
        "https://",
    ] {
        assert!(!looks_like_name(item), "{item}");
    }
}

#[test]
fn a_label_from_aws_stays_on_one_line() {
    let t: Target = "E1".parse().unwrap();
    assert_eq!(
        described(&t, Some("evil\n\u{1b}[2J.example")),
        "E1 (evil\\n\\e[2J.example)"
    );
}
