//! A CloudFront-only role: the CLI binary against a loopback server where CloudFront lists a
//! distribution and Lightsail answers AccessDeniedException, as AWS does for a role without
//! `lightsail:GetDistributions`. What was not asked for by name is a note, not a failure.

mod common;

use common::loopback::edgepurge;
use common::{code, json, stderr, stdout};

const NOTE: &str = "edgepurge: Lightsail: not allowed for this role (lightsail:GetDistributions); \
                    --kind distribution,tenant leaves it out";

/// The server's URL; it answers until the test ends. CloudFront's calls are GETs (REST-XML),
/// Lightsail's are POSTs (JSON), refused here.
fn cloudfront_only() -> String {
    common::loopback::serve(|request| {
        if request.method == "POST" {
            common::loopback::Answer {
                status: "400 Bad Request",
                content_type: "application/x-amz-json-1.1",
                body: r#"{"__type":"AccessDeniedException","code":"AccessDenied","message":"User: arn:aws:sts::123456789012:assumed-role/cdn/ops is not authorized to perform: lightsail:GetDistributions"}"#
                    .to_string(),
            }
        } else {
            common::loopback::Answer {
                status: "200 OK",
                content_type: "text/xml",
                body: distributions(),
            }
        }
    })
}

fn distributions() -> String {
    r#"<?xml version="1.0" encoding="UTF-8"?>
<DistributionList><Marker></Marker><MaxItems>100</MaxItems><IsTruncated>false</IsTruncated><Quantity>1</Quantity><Items>
<DistributionSummary><Id>E1</Id><ARN>arn:aws:cloudfront::123456789012:distribution/E1</ARN><Status>Deployed</Status>
<LastModifiedTime>2026-11-22T09:00:00Z</LastModifiedTime><DomainName>d1.cloudfront.net</DomainName>
<Aliases><Quantity>0</Quantity></Aliases>
<Origins><Quantity>1</Quantity><Items><Origin><Id>o</Id><DomainName>origin.example.com</DomainName></Origin></Items></Origins>
<DefaultCacheBehavior><TargetOriginId>o</TargetOriginId><ViewerProtocolPolicy>allow-all</ViewerProtocolPolicy></DefaultCacheBehavior>
<CacheBehaviors><Quantity>0</Quantity></CacheBehaviors><CustomErrorResponses><Quantity>0</Quantity></CustomErrorResponses>
<Comment>shop</Comment><PriceClass>PriceClass_All</PriceClass><Enabled>true</Enabled>
<ViewerCertificate><CloudFrontDefaultCertificate>true</CloudFrontDefaultCertificate></ViewerCertificate>
<Restrictions><GeoRestriction><RestrictionType>none</RestrictionType><Quantity>0</Quantity></GeoRestriction></Restrictions>
<WebACLId></WebACLId><HttpVersion>http2</HttpVersion><IsIPV6Enabled>true</IsIPV6Enabled><Staging>false</Staging>
</DistributionSummary></Items></DistributionList>"#
        .to_string()
}

#[test]
fn lightsail_not_allowed_is_a_note_and_exit_0_when_not_asked_for() {
    let url = cloudfront_only();
    let out = edgepurge(&url, &["distributions"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).starts_with("E1 "), "{}", stdout(&out));
    assert_eq!(stderr(&out).trim_end(), NOTE);

    let out = edgepurge(&url, &["distributions", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let rows = json(&out);
    assert_eq!(rows.as_array().map(Vec::len), Some(1), "{rows}");
    assert_eq!(rows[0]["id"], "E1");
    assert_eq!(stderr(&out).trim_end(), NOTE);
}

#[test]
fn lightsail_asked_for_by_name_and_not_allowed_is_exit_1() {
    let url = cloudfront_only();
    let out = edgepurge(&url, &["distributions", "--kind", "lightsail"]);
    assert_eq!(code(&out), 1);
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert!(
        err.contains("Lightsail distributions could not be listed: access denied")
            && err.contains("ask for the lightsail:GetDistributions permission"),
        "{err}"
    );
}
