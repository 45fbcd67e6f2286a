//! Percent-encoding of invalidation paths.
//!
//! CloudFront compares an invalidation path with the paths it has cached, byte for byte. Its
//! rule (InvalidationBatch, `Path`): URL-encode non-ASCII characters and the unsafe characters of
//! RFC 1738, and nothing else, or the old object is not invalidated. So:
//! - non-ASCII (as UTF-8 bytes), controls and the RFC 1738 unsafe characters are encoded;
//! - an escape already written (`%XX`) is left alone, so encoding twice changes nothing;
//! - `~` is encoded too, as RFC 1738 lists it: CloudFront has been reported to refuse a raw `~`
//!   ("Your request contains one or more invalid invalidation paths").

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// RFC 1738 section 2.2 "unsafe" characters, plus controls.
const UNSAFE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'<')
    .add(b'>')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'{')
    .add(b'}')
    .add(b'|')
    .add(b'\\')
    .add(b'^')
    .add(b'~')
    .add(b'[')
    .add(b']')
    .add(b'`');

/// The byte a `%XX` escape at the start of `text` stands for, if it is one.
pub fn escape_at(text: &[u8]) -> Option<u8> {
    match text {
        [b'%', hi, lo, ..] => {
            let hex = |b: u8| (b as char).to_digit(16);
            Some((hex(*hi)? * 16 + hex(*lo)?) as u8)
        }
        _ => None,
    }
}

/// Encode what CloudFront wants encoded; keep existing escapes. One pass, so a huge pasted
/// line costs time in proportion to its length.
pub fn encode_path(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = String::with_capacity(path.len());
    let (mut plain_from, mut i) = (0, 0);
    while i < bytes.len() {
        if escape_at(&bytes[i..]).is_some() {
            // `%` and hex digits are ASCII, so both ends of the escape are character boundaries.
            out.extend(utf8_percent_encode(&path[plain_from..i], UNSAFE));
            out.push_str(&path[i..i + 3]);
            i += 3;
            plain_from = i;
        } else {
            i += 1;
        }
    }
    out.extend(utf8_percent_encode(&path[plain_from..], UNSAFE));
    out
}

/// An S3 key as the path of its object: `/` and the key with every unsafe character encoded,
/// a `%` too (a key is a name, never already encoded).
pub fn encode_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 1);
    out.push('/');
    out.extend(utf8_percent_encode(key, UNSAFE));
    out
}

/// A character that must never be sent encoded: encoding it makes the path miss.
/// `*` and `/` matter most: an encoded wildcard or separator silently invalidates nothing.
fn must_not_be_encoded(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'*' | b'/')
}

/// The escapes in `path` that encode characters which need no encoding, as (escape, character).
pub fn needless_escapes(path: &str) -> Vec<(String, char)> {
    let bytes = path.as_bytes();
    (0..bytes.len())
        .filter_map(|i| {
            let byte = escape_at(&bytes[i..])?;
            must_not_be_encoded(byte).then(|| (path[i..i + 3].to_string(), byte as char))
        })
        .collect()
}

/// `path` with its needless escapes decoded (the fix for [`needless_escapes`]).
pub fn decode_needless_escapes(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = String::with_capacity(path.len());
    let mut i = 0;
    while i < bytes.len() {
        match escape_at(&bytes[i..]) {
            Some(byte) if must_not_be_encoded(byte) => {
                out.push(byte as char);
                i += 3;
            }
            _ => {
                // Copy one whole character (never split UTF-8).
                let ch = path[i..].chars().next().unwrap_or_default();
                out.push(ch);
                i += ch.len_utf8().max(1);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_ascii_is_encoded_as_utf8() {
        assert_eq!(encode_path("/café/menü.html"), "/caf%C3%A9/men%C3%BC.html");
        assert_eq!(encode_path("/日本"), "/%E6%97%A5%E6%9C%AC");
    }

    #[test]
    fn unsafe_characters_are_encoded() {
        assert_eq!(encode_path("/my file.html"), "/my%20file.html");
        assert_eq!(
            encode_path("/a<b>\"c\"{d}|e\\f^g[h]`i"),
            "/a%3Cb%3E%22c%22%7Bd%7D%7Ce%5Cf%5Eg%5Bh%5D%60i"
        );
        assert_eq!(encode_path("/page#top"), "/page%23top");
        assert_eq!(encode_path("/tab\there"), "/tab%09here");
        assert_eq!(encode_path("/~user/a"), "/%7Euser/a");
    }

    #[test]
    fn safe_and_reserved_characters_are_left_alone() {
        let path = "/a-b_c.de/f;g?h=i&j:k@l$m+n,o!p'q(r)s*";
        assert_eq!(encode_path(path), path);
    }

    #[test]
    fn existing_escapes_are_kept_and_lone_percents_encoded() {
        assert_eq!(encode_path("/caf%C3%A9"), "/caf%C3%A9");
        assert_eq!(encode_path("/caf%c3%a9"), "/caf%c3%a9");
        assert_eq!(encode_path("/100%"), "/100%25");
        assert_eq!(encode_path("/100%zz"), "/100%25zz");
        assert_eq!(encode_path("/50%25off"), "/50%25off");
    }

    #[test]
    fn encoding_twice_changes_nothing() {
        for path in ["/café 1", "/100%", "/a%2", "/x%ZZ%41"] {
            let once = encode_path(path);
            assert_eq!(encode_path(&once), once, "{path}");
        }
    }

    #[test]
    fn escapes_of_safe_characters_are_found_and_decoded() {
        assert_eq!(needless_escapes("/img/%2A"), vec![("%2A".to_string(), '*')]);
        assert_eq!(
            needless_escapes("/a%2Fb%41"),
            vec![("%2F".into(), '/'), ("%41".into(), 'A')]
        );
        assert!(needless_escapes("/caf%C3%A9/%20/%3F/%25/%7E").is_empty());
        assert_eq!(decode_needless_escapes("/img%2f%2A"), "/img/*");
        assert_eq!(decode_needless_escapes("/é%2Fx%20"), "/é/x%20");
    }
}
