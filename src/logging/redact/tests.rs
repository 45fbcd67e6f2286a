use super::*;

const TOKEN: &str = "FwoGZXIvYXdzEJr//////////wEaDEXAMPLETOKEN+abc=";
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

fn masked(text: &str) -> String {
    let out = redact(text).into_owned();
    for secret in [
        TOKEN,
        SECRET,
        "AKIAIOSFODNN7EXAMPLE",
        "hunter2",
        "0123abcdef",
    ] {
        assert!(!out.contains(secret), "{secret} left in {out:?}");
    }
    out
}

#[test]
fn headers_in_every_shape_lose_their_values() {
    let auth = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/cloudfront/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123abcdef";
    for line in [
        format!("authorization: {auth}"),
        format!("Authorization={auth}"),
        format!(r#"headers: {{"authorization": "{auth}", "x-amz-security-token": "{TOKEN}"}}"#),
        format!(r#"{{"x-amz-security-token": HeaderValue {{ inner: "{TOKEN}" }}}}"#),
        format!("x-amz-security-token:{TOKEN}\nx-amz-date:20260101T000000Z"),
        format!("AWS_SECRET_ACCESS_KEY={SECRET} AWS_SESSION_TOKEN={TOKEN}"),
        format!("aws_secret_access_key = {SECRET}"),
        format!(r#"{{"SecretAccessKey":"{SECRET}","SessionToken":"{TOKEN}"}}"#),
    ] {
        masked(&line);
    }
    // A quoted value ends at its quote, so the rest of a header map stays readable.
    assert_eq!(
        masked(&format!(
            r#"headers: {{"authorization": "{auth}", "x-amz-security-token": "{TOKEN}", "x-amz-date": "20260101T000000Z"}}"#
        )),
        r#"headers: {"authorization": "***", "x-amz-security-token": "***", "x-amz-date": "20260101T000000Z"}"#
    );
    assert_eq!(
        masked(r#"password="a\"hunter2" user="me""#),
        r#"password="***" user="me""#
    );
    // Only the value goes: the line still says what it was.
    let out = masked(&format!(
        "x-amz-security-token:{TOKEN}\nx-amz-date:20260101T000000Z"
    ));
    assert_eq!(out, "x-amz-security-token:***\nx-amz-date:20260101T000000Z");
}

#[test]
fn signed_urls_lose_signature_credential_and_token() {
    let url = format!(
        "https://d111.cloudfront.net/a?X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260101&X-Amz-Signature=0123abcdef&X-Amz-Security-Token={TOKEN}"
    );
    let out = masked(&url);
    assert!(
        out.starts_with("https://d111.cloudfront.net/a?X-Amz-Credential=***&X-Amz-Signature=***&")
    );
}

#[test]
fn user_info_goes_and_the_host_stays() {
    assert_eq!(
        redact("endpoint http://user:hunter2@127.0.0.1:5000/x done"),
        "endpoint http://***@127.0.0.1:5000/x done"
    );
    assert_eq!(redact("https://token@host"), "https://***@host");
    // Authorities without their scheme: a connection pool's key, a signed Host header.
    assert_eq!(
        redact(r#"checkout for ("http", user:hunter2@127.0.0.1:5000)"#),
        r#"checkout for ("http", ***@127.0.0.1:5000)"#
    );
    assert_eq!(
        redact("host:user:hunter2@127.0.0.1:5000\nx-amz-date:1"),
        "***@127.0.0.1:5000\nx-amz-date:1"
    );
    // An address is not user-info.
    assert_eq!(redact("mail ops@example.com"), "mail ops@example.com");
    // An @ after the authority is not user-info.
    assert_eq!(redact("https://host/a@b"), "https://host/a@b");
}

#[test]
fn access_key_ids_are_masked_wherever_they_stand() {
    assert_eq!(
        redact(r#"access_key_id: "AKIAIOSFODNN7EXAMPLE", temp ASIAABCDEFGHIJKLMNOP."#),
        r#"access_key_id: "***", temp ***."#
    );
    // Not a key: too short, or inside a longer word.
    assert_eq!(
        redact("AKIA1234 XAKIAIOSFODNN7EXAMPLE"),
        "AKIA1234 XAKIAIOSFODNN7EXAMPLE"
    );
}

#[test]
fn ordinary_lines_are_left_alone() {
    for line in [
        "backend{operation=create_invalidation target=E2QWRUHAPOMQZL}: ok elapsed_ms=42",
        "authorization failed for this signature; check the credentials: none were found",
        "the AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) were refused",
        "SignedHeaders list: host;x-amz-date;x-amz-security-token",
    ] {
        assert!(matches!(redact(line), Cow::Borrowed(_)), "{line}");
    }
}

#[test]
fn the_writer_masks_what_passes_through_it() {
    let mut out = Vec::new();
    let mut writer = RedactingWriter {
        inner: &mut out,
        terminal: true,
    };
    let line = format!("session_token={TOKEN} \u{1b}[31mred\n");
    assert_eq!(writer.write(line.as_bytes()).unwrap(), line.len());
    assert_eq!(String::from_utf8(out).unwrap(), "session_token=***\n");

    let mut out = Vec::new();
    let mut writer = RedactingWriter {
        inner: &mut out,
        terminal: true,
    };
    writer.write_all(b"a \x1b]0;title\x07 b\n").unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), "a \\e]0;title\\u{7} b\n");
}
