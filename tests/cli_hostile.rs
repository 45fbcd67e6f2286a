//! Nothing hostile reaches the terminal: the CLI binary against a loopback server that answers
//! CloudFront's calls with escape sequences, 8-bit controls and bidi overrides in a comment, a
//! path, a caller reference and an error message, and fed hostile batches. Standard output and
//! error must carry them escaped (`\e`, `\u{9b}`, `\u{202e}`), never raw; JSON carries them
//! exactly.

mod common;

use std::process::Output;

use common::loopback::edgepurge;
use common::{code, json, run, stderr, stdout};

/// ESC as a character reference (XML 1.0 cannot carry it raw), the 8-bit CSI, a bidi override.
const COMMENT_XML: &str = "shop &#x1b;]0;owned&#x7; \u{9b}2J gpj.\u{202e}exe";
const COMMENT: &str = "shop \u{1b}]0;owned\u{7} \u{9b}2J gpj.\u{202e}exe";
const PATH_XML: &str = "/x&#x1b;]52;c;ZXZpbA==&#x7;\u{202e}";
const PATH: &str = "/x\u{1b}]52;c;ZXZpbA==\u{7}\u{202e}";
const REFERENCE_XML: &str = "ref&#x1b;[2J\u{9b}H";
const MESSAGE_XML: &str = "no such thing &#x1b;[31m\u{202e}red\u{9b}0m";

/// A CloudFront that answers every call over loopback until the test ends.
fn hostile_server() -> String {
    common::loopback::serve(|request| {
        let (status, body) = answer(&request.path);
        common::loopback::Answer {
            status,
            content_type: "text/xml",
            body,
        }
    })
}

fn answer(path: &str) -> (&'static str, String) {
    let path = path.split('?').next().unwrap_or(path);
    match path {
        "/2020-05-31/distribution" => ("200 OK", distributions()),
        "/2020-05-31/distribution/E1/invalidation" => ("200 OK", invalidations()),
        "/2020-05-31/distribution/E1/invalidation/I1" => ("200 OK", invalidation()),
        _ => (
            "400 Bad Request",
            format!(
                "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidArgument</Code>\
                 <Message>{MESSAGE_XML}</Message></Error><RequestId>r1</RequestId></ErrorResponse>"
            ),
        ),
    }
}

fn distributions() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<DistributionList><Marker></Marker><MaxItems>100</MaxItems><IsTruncated>false</IsTruncated><Quantity>1</Quantity><Items>
<DistributionSummary><Id>E1</Id><ARN>arn:aws:cloudfront::123456789012:distribution/E1</ARN><Status>Deployed</Status>
<LastModifiedTime>2026-11-22T09:00:00Z</LastModifiedTime><DomainName>d1.cloudfront.net</DomainName>
<Aliases><Quantity>1</Quantity><Items><CNAME>www.&#x1b;[2Jexample.com</CNAME></Items></Aliases>
<Origins><Quantity>1</Quantity><Items><Origin><Id>o</Id><DomainName>origin.example.com</DomainName></Origin></Items></Origins>
<DefaultCacheBehavior><TargetOriginId>o</TargetOriginId><ViewerProtocolPolicy>allow-all</ViewerProtocolPolicy></DefaultCacheBehavior>
<CacheBehaviors><Quantity>0</Quantity></CacheBehaviors><CustomErrorResponses><Quantity>0</Quantity></CustomErrorResponses>
<Comment>{COMMENT_XML}</Comment><PriceClass>PriceClass_All</PriceClass><Enabled>true</Enabled>
<ViewerCertificate><CloudFrontDefaultCertificate>true</CloudFrontDefaultCertificate></ViewerCertificate>
<Restrictions><GeoRestriction><RestrictionType>none</RestrictionType><Quantity>0</Quantity></GeoRestriction></Restrictions>
<WebACLId></WebACLId><HttpVersion>http2</HttpVersion><IsIPV6Enabled>true</IsIPV6Enabled><Staging>false</Staging>
</DistributionSummary></Items></DistributionList>"#
    )
}

fn invalidations() -> String {
    r#"<?xml version="1.0" encoding="UTF-8"?>
<InvalidationList><Marker></Marker><MaxItems>100</MaxItems><IsTruncated>false</IsTruncated><Quantity>1</Quantity><Items>
<InvalidationSummary><Id>I1</Id><CreateTime>2026-11-22T09:00:00Z</CreateTime><Status>Completed</Status></InvalidationSummary>
</Items></InvalidationList>"#
        .to_string()
}

fn invalidation() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Invalidation><Id>I1</Id><Status>Completed</Status><CreateTime>2026-11-22T09:00:00Z</CreateTime>
<InvalidationBatch><Paths><Quantity>1</Quantity><Items><Path>{PATH_XML}</Path></Items></Paths>
<CallerReference>{REFERENCE_XML}</CallerReference></InvalidationBatch></Invalidation>"#
    )
}

/// Neither stream holds a raw ESC, BEL, C1 control or bidi override.
fn assert_clean(out: &Output) {
    for (name, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
            assert!(!text.contains(bad), "{bad:?} raw on {name}: {text:?}");
        }
        assert!(
            !text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)),
            "a C1 control on {name}: {text:?}"
        );
    }
}

#[test]
fn a_hostile_comment_and_alias_are_listed_escaped() {
    let url = hostile_server();
    let out = edgepurge(&url, &["distributions", "--kind", "distribution"]);
    assert_clean(&out);
    let text = stdout(&out);
    assert!(
        text.contains("shop \\e]0;owned\\u{7} \\u{9b}2J gpj.\\u{202e}exe"),
        "{text}\n{}",
        stderr(&out)
    );
    assert!(text.contains("www.\\e[2Jexample.com"), "{text}");
}

#[test]
fn json_carries_the_hostile_comment_exactly() {
    let url = hostile_server();
    let out = edgepurge(&url, &["distributions", "--kind", "distribution", "--json"]);
    assert_clean(&out);
    let rows = json(&out);
    assert_eq!(rows[0]["comment"], COMMENT, "{rows}");
}

#[test]
fn a_hostile_path_and_caller_reference_are_shown_escaped() {
    let url = hostile_server();
    let out = edgepurge(&url, &["show", "E1", "I1"]);
    assert_clean(&out);
    let text = stdout(&out);
    assert!(
        text.contains("/x\\e]52;c;ZXZpbA==\\u{7}\\u{202e}"),
        "{text}\n{}",
        stderr(&out)
    );
    assert!(text.contains("ref\\e[2J\\u{9b}H"), "{text}");

    let out = edgepurge(&url, &["show", "E1", "I1", "--json"]);
    assert_clean(&out);
    let shown = json(&out);
    assert_eq!(shown["paths"][0], PATH, "{shown}");

    let out = edgepurge(&url, &["invalidations", "E1"]);
    assert_clean(&out);
    assert!(stdout(&out).contains("I1"), "{}", stderr(&out));
}

#[test]
fn a_hostile_error_message_is_said_escaped() {
    let url = hostile_server();
    let out = edgepurge(&url, &["show", "E1", "I2"]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    assert_clean(&out);
    let said = stderr(&out);
    assert!(said.contains("\\e[31m\\u{202e}red\\u{9b}0m"), "{said}");
}

#[test]
fn a_hostile_batch_is_refused_and_warned_about_escaped() {
    let batch = "/x\u{1b}]0;T\u{7}\n/x\u{1b}]0;T\u{7}\n";
    let out = run(
        &["--demo", "purge", "E2QWRUHAPOMQZL", "-", "--yes"],
        Some(batch),
    );
    assert_clean(&out);
    assert!(stderr(&out).contains("/x\\e]0;T\\u{7}"), "{}", stderr(&out));

    let refused = "#t\u{1b}[2Jag\n/\u{9b}\u{202e}a\n";
    let out = run(
        &["--demo", "purge", "E2QWRUHAPOMQZL", "-", "--yes"],
        Some(refused),
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_clean(&out);
    assert!(stderr(&out).contains("#t\\e[2Jag"), "{}", stderr(&out));
}

#[test]
fn validate_shows_a_hostile_batch_escaped() {
    let batch = "/a\u{9b}2J\n/b\u{202e}evil\n#t\u{1b}ag\n/e\u{1b}[2Jx\n";
    let out = run(&["validate"], Some(batch));
    assert_clean(&out);
    assert!(stdout(&out).contains("#t\\eag"), "{}", stdout(&out));

    let out = run(&["validate", "--json"], Some(batch));
    assert_clean(&out);
    let report = json(&out);
    assert_eq!(report["items"][1]["input"], "/b\u{202e}evil");
    assert_eq!(report["items"][2]["input"], "#t\u{1b}ag");

    // The fixed batch names the same paths: their characters are percent-encoded.
    let out = run(&["validate", "--fix"], Some(batch));
    assert_clean(&out);
    let fixed = stdout(&out);
    assert!(fixed.contains("/a%C2%9B2J\n/b%E2%80%AEevil\n"), "{fixed}");
    let again = run(&["validate", "--json"], Some(&fixed));
    let before = json(&run(&["validate", "--json"], Some(batch)));
    let after = json(&again);
    for i in [0, 1, 3] {
        assert_eq!(
            after["items"][i]["normalized"], before["items"][i]["normalized"],
            "{after}"
        );
    }
}
