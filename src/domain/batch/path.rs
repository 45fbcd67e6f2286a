//! The rules for one path item (InvalidationBatch `Path`: begins with `/`, at most 4,000
//! characters, `*` only at the end, encoded as CloudFront compares it).

use super::encode::{decode_needless_escapes, encode_path, needless_escapes};
use super::item::{Fix, Note};

/// At most this many characters a path, after encoding (InvalidationBatch, `Path` constraints).
pub const MAX_PATH_CHARS: usize = 4_000;

/// The verdict on one path before the rest of the batch is looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathVerdict {
    /// The path as it will be sent; none when rejected.
    pub normalized: Option<String>,
    pub notes: Vec<Note>,
    pub fix: Option<Fix>,
}

impl PathVerdict {
    pub(super) fn reject(note: Note, fix: Option<Fix>) -> Self {
        Self {
            normalized: None,
            notes: vec![note],
            fix,
        }
    }
}

/// Judge one trimmed, non-empty line that is not a cache tag.
pub fn judge_path(text: &str) -> PathVerdict {
    if !text.starts_with('/') {
        return missing_slash(text);
    }
    if let Some(after_slashes) = text
        .strip_prefix("//")
        .filter(|rest| starts_with_host(rest))
    {
        return url_path(text, after_slashes, "is a URL without its scheme");
    }
    // Split on commas too, so "/a.png, /b.png" becomes two clean paths.
    let whitespace_or_comma = |c: char| c.is_whitespace() || c == ',';
    if text.contains(char::is_whitespace)
        && let Some(parts) = several_paths(text, whitespace_or_comma)
    {
        let note = Note::error(format!(
            "this looks like {} paths on one line; fix: put each on its own line \
             (to keep a space in one path, write it as %20)",
            parts.len()
        ));
        // The line names exactly these paths: splitting it writes them as CloudFront wants.
        return PathVerdict::reject(note, Some(Fix::same_meaning("one path a line", parts)));
    }
    let needless = needless_escapes(text);
    if !needless.is_empty() {
        let fixed = decode_needless_escapes(text);
        let list: Vec<String> = needless
            .iter()
            .map(|(esc, ch)| format!("{esc} encodes '{ch}'"))
            .collect();
        // `%2A` decoded is a wildcard: it would purge everything after it, not one object.
        let makes_wildcard = needless.iter().any(|(_, ch)| *ch == '*');
        let (fix, only_here) = if makes_wildcard {
            (
                Fix::changes_coverage("decode it", vec![fixed.clone()]),
                " (a wildcard: it purges more than one object, so fix all leaves it to you)",
            )
        } else {
            (Fix::same_meaning("decode it", vec![fixed.clone()]), "")
        };
        let note = Note::error(format!(
            "{}, which must be sent as is: CloudFront compares paths as sent, so this one \
             would invalidate nothing; fix: {fixed}{only_here}",
            list.join(", ")
        ));
        return PathVerdict::reject(note, Some(fix));
    }
    let normalized = encode_path(text);
    if let Some(star) = normalized.find('*').filter(|&i| i + 1 < normalized.len()) {
        let cut = normalized[..=star].to_string();
        let note = Note::error(format!(
            "'*' is a wildcard only as the last character; fix: {cut} (invalidates everything \
             that begins with {}: more than this line names, so fix all leaves it to you)",
            &normalized[..star]
        ));
        // The fix is written in the user's (unencoded) terms when the star is in plain text.
        let fix_text = text
            .find('*')
            .map(|i| text[..=i].to_string())
            .unwrap_or(cut);
        return PathVerdict::reject(
            note,
            Some(Fix::changes_coverage("end at the wildcard", vec![fix_text])),
        );
    }
    let chars = normalized.chars().count();
    if chars > MAX_PATH_CHARS {
        let note = Note::error(format!(
            "{chars} characters after encoding; CloudFront takes at most {MAX_PATH_CHARS}; \
             shorten it or end it early with '*'"
        ));
        return PathVerdict::reject(note, None);
    }

    let mut notes = Vec::new();
    let mut fix = None;
    if normalized != text {
        notes.push(Note::hint(format!(
            "encoded as {normalized} (non-ASCII and unsafe characters are percent-encoded)"
        )));
    }
    if normalized == "/*" {
        notes.push(Note::warning(
            "/* invalidates the whole distribution: every object is fetched from the origin \
             again; it needs an explicit confirmation",
        ));
    }
    if let Some(parts) = several_paths(text, |c| c == ',') {
        notes.push(Note::warning(format!(
            "this looks like {} comma-separated paths; if so, fix: put each on its own line",
            parts.len()
        )));
        // Kept, it is one path with commas: reading it as several changes what is purged.
        fix = Some(Fix::changes_coverage("one path a line", parts));
    }
    PathVerdict {
        normalized: Some(normalized),
        notes,
        fix,
    }
}

/// The parts of a line that holds several paths (each begins with `/`), split by `sep`.
fn several_paths(text: &str, sep: impl Fn(char) -> bool) -> Option<Vec<String>> {
    let parts: Vec<String> = text
        .split(sep)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    (parts.len() > 1 && parts.iter().all(|p| p.starts_with('/'))).then_some(parts)
}

/// A line that does not begin with `/`: say why, and offer the path it most likely means.
fn missing_slash(text: &str) -> PathVerdict {
    // Pasted from JSON or a shell: drop a trailing comma and surrounding quotes.
    let unquoted = text
        .strip_suffix(',')
        .unwrap_or(text)
        .trim_matches(|c| c == '"' || c == '\'')
        .trim();
    if unquoted.is_empty() {
        let note = Note::error(
            "an empty path names nothing; write / for the root object, or /* for everything",
        );
        return PathVerdict::reject(note, None);
    }
    if let Some((scheme, rest)) = url_scheme(unquoted) {
        if scheme.eq_ignore_ascii_case("s3") {
            return s3_url(text, rest);
        }
        return url_path(text, rest, "is a full URL");
    }
    if unquoted.starts_with('/') {
        let fixed = unquoted.to_string();
        let note = Note::error(format!(
            "'{text}' is quoted; CloudFront wants the bare path; fix: {fixed}"
        ));
        return PathVerdict::reject(note, Some(Fix::same_meaning("unquote it", vec![fixed])));
    }
    let fixed = format!("/{unquoted}");
    if unquoted.contains(char::is_whitespace) {
        // Words with spaces may be a path or a sentence: read as a path they would be sent
        // with every space encoded, so the user decides.
        let note = Note::error(format!(
            "'{text}' does not begin with '/' and has spaces: it may not be a path; if it is, \
             fix: {fixed} (fix all leaves it to you)"
        ));
        let fix = Fix::changes_coverage("read it as a path", vec![fixed]);
        return PathVerdict::reject(note, Some(fix));
    }
    let note = Note::error(format!(
        "'{text}' does not begin with '/'; every path does; fix: {fixed}"
    ));
    PathVerdict::reject(note, Some(Fix::same_meaning("add the slash", vec![fixed])))
}

/// `scheme://…` as (scheme, what follows `://`).
fn url_scheme(text: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = text.split_once("://")?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some((scheme, rest))
}

/// Whether `text` begins with a host name and then `/`, `:port`, `?` or nothing: `cdn.example.com/x`.
/// A host has a dot and ends with letters, so `//img/a.png` stays a path.
fn starts_with_host(text: &str) -> bool {
    let host = text.split(['/', ':', '?', '#']).next().unwrap_or_default();
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() > 1
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels
            .last()
            .is_some_and(|tld| tld.len() > 1 && tld.chars().all(|c| c.is_ascii_alphabetic()))
}

/// A URL (what follows its `scheme://` or `//`): the path it names, which is the same object.
fn url_path(text: &str, after_scheme: &str, what: &str) -> PathVerdict {
    // The fragment (`#top`) never reaches CloudFront.
    let without_fragment = after_scheme.split('#').next().unwrap_or_default();
    let path = without_fragment
        .find('/')
        .map(|i| without_fragment[i..].to_string())
        .unwrap_or_else(|| "/".to_string());
    let note = Note::error(format!(
        "'{text}' {what}; CloudFront wants only the path; fix: {path}"
    ));
    PathVerdict::reject(note, Some(Fix::same_meaning("use the path", vec![path])))
}

/// `s3://bucket/key`: an object in a bucket. Its path on a distribution whose origin is the
/// bucket (with no origin path) is `/key`, encoded.
fn s3_url(text: &str, after_scheme: &str) -> PathVerdict {
    let Some((_bucket, key)) = after_scheme.split_once('/').filter(|(_, k)| !k.is_empty()) else {
        let note = Note::error(format!(
            "'{text}' names a bucket, not an object; to purge all of it write /*"
        ));
        return PathVerdict::reject(note, None);
    };
    let note = format!("'{text}' is an S3 object");
    let (note, fix) = object_fix(&note, key);
    PathVerdict::reject(note, Some(fix))
}

/// The path of the S3 object `key` as a fix, with the note that offers it (`what` says what the
/// line is). The key is the object's one name; a `*` in it would read as a wildcard, so such a
/// fix is left to the user.
pub(super) fn object_fix(what: &str, key: &str) -> (Note, Fix) {
    let path = super::encode::encode_key(key);
    let assumption = "its path if the bucket is the distribution's origin, with no origin path";
    if key.contains('*') {
        let note = Note::error(format!(
            "{what}; fix: {path} ({assumption}; the key has a '*', which CloudFront reads as a \
             wildcard, so fix all leaves it to you)"
        ));
        return (note, Fix::changes_coverage("use its path", vec![path]));
    }
    let note = Note::error(format!("{what}; fix: {path} ({assumption})"));
    (note, Fix::same_meaning("use its path", vec![path]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::batch::item::Level;

    fn kept(text: &str) -> String {
        let v = judge_path(text);
        assert!(
            v.notes.iter().all(|n| n.level != Level::Error),
            "{text}: {:?}",
            v.notes
        );
        v.normalized.expect("kept")
    }

    fn rejected(text: &str) -> (String, Option<Vec<String>>) {
        let v = judge_path(text);
        assert_eq!(v.normalized, None, "{text} should be rejected");
        assert_eq!(v.notes.len(), 1);
        assert_eq!(v.notes[0].level, Level::Error);
        (v.notes[0].text.clone(), v.fix.map(|f| f.lines))
    }

    #[test]
    fn a_plain_path_is_kept_as_typed() {
        assert_eq!(kept("/index.html"), "/index.html");
        assert!(judge_path("/index.html").notes.is_empty());
    }

    #[test]
    fn a_path_without_a_leading_slash_is_rejected_with_the_slash_offered() {
        let (msg, fix) = rejected("images/logo.png");
        assert!(msg.contains("does not begin with '/'"), "{msg}");
        assert_eq!(fix, Some(vec!["/images/logo.png".to_string()]));
    }

    #[test]
    fn a_full_url_is_rejected_with_its_path_offered() {
        let (msg, fix) = rejected("https://www.example.com/img/a.png?v=2");
        assert!(msg.contains("full URL"), "{msg}");
        assert_eq!(fix, Some(vec!["/img/a.png?v=2".to_string()]));
        let (_, fix) = rejected("HTTP://example.com");
        assert_eq!(fix, Some(vec!["/".to_string()]));
        let (_, fix) = rejected("https://example.com/docs/a#install");
        assert_eq!(fix, Some(vec!["/docs/a".to_string()]));
    }

    #[test]
    fn a_url_without_its_scheme_is_a_url_not_a_path() {
        let (msg, fix) = rejected("//cdn.example.com/x");
        assert!(msg.contains("URL without its scheme"), "{msg}");
        assert_eq!(fix, Some(vec!["/x".to_string()]));
        let (_, fix) = rejected("//d111.cloudfront.net:443/a/b?v=1#top");
        assert_eq!(fix, Some(vec!["/a/b?v=1".to_string()]));
        assert!(judge_path("//cdn.example.com/x").fix.unwrap().same_meaning);
        // No host: a path whose first segment is empty, as CloudFront may cache it.
        assert_eq!(kept("//img/a.png"), "//img/a.png");
        assert_eq!(kept("//a.1/x"), "//a.1/x");
    }

    #[test]
    fn an_s3_url_offers_its_object_path() {
        let (msg, fix) = rejected("s3://bucket/css/my site.css");
        assert!(msg.contains("S3 object"), "{msg}");
        assert_eq!(fix, Some(vec!["/css/my%20site.css".to_string()]));
        let (msg, fix) = rejected("s3://bucket");
        assert!(msg.contains("names a bucket"), "{msg}");
        assert_eq!(fix, None);
    }

    #[test]
    fn words_with_spaces_are_offered_as_a_path_on_their_line_only() {
        let v = judge_path("images/my logo.png");
        assert!(
            v.notes[0].text.contains("may not be a path"),
            "{:?}",
            v.notes
        );
        let fix = v.fix.unwrap();
        assert_eq!(fix.lines, ["/images/my logo.png"]);
        assert!(!fix.same_meaning);
        assert!(judge_path("images/logo.png").fix.unwrap().same_meaning);
    }

    #[test]
    fn quoted_paths_from_json_are_unquoted() {
        let (msg, fix) = rejected("\"/app.js\",");
        assert!(msg.contains("quoted"), "{msg}");
        assert_eq!(fix, Some(vec!["/app.js".to_string()]));
        let (_, fix) = rejected("'/'");
        assert_eq!(
            fix,
            Some(vec!["/".to_string()]),
            "a quoted root is the root"
        );
    }

    #[test]
    fn quotes_around_nothing_are_rejected_without_a_fix() {
        let (msg, fix) = rejected("\"\"");
        assert!(msg.contains("empty path"), "{msg}");
        assert_eq!(fix, None);
    }

    #[test]
    fn a_wildcard_must_be_last() {
        let (msg, fix) = rejected("/img/*.png");
        assert!(msg.contains("only as the last character"), "{msg}");
        assert_eq!(fix, Some(vec!["/img/*".to_string()]));
        assert_eq!(kept("/img/*"), "/img/*");
        assert_eq!(kept("/img*"), "/img*");
    }

    #[test]
    fn a_path_longer_than_4000_characters_after_encoding_is_rejected() {
        let fits = format!("/{}", "a".repeat(3_999));
        assert_eq!(kept(&fits), fits);
        let (msg, fix) = rejected(&format!("/{}", "a".repeat(4_000)));
        assert!(msg.contains("4001 characters"), "{msg}");
        assert_eq!(fix, None);
        // 1,400 spaces are 4,200 characters once encoded.
        let (msg, _) = rejected(&format!("/{}", " ".repeat(1_400)));
        assert!(msg.contains("after encoding"), "{msg}");
    }

    #[test]
    fn non_ascii_and_unsafe_characters_are_encoded_with_a_hint() {
        assert_eq!(kept("/café menu.html"), "/caf%C3%A9%20menu.html");
        let v = judge_path("/café");
        assert!(v.notes[0].text.contains("encoded as /caf%C3%A9"));
        assert_eq!(v.notes[0].level, Level::Hint);
    }

    #[test]
    fn an_encoded_wildcard_or_slash_is_rejected_with_the_decoded_form() {
        let (msg, fix) = rejected("/img/%2A");
        assert!(
            msg.contains("%2A encodes '*', which must be sent as is"),
            "{msg}"
        );
        assert!(msg.contains("invalidate nothing"), "{msg}");
        assert_eq!(fix, Some(vec!["/img/*".to_string()]));
        let (_, fix) = rejected("/a%2fb");
        assert_eq!(fix, Some(vec!["/a/b".to_string()]));
    }

    #[test]
    fn several_paths_on_one_line_are_split() {
        let (msg, fix) = rejected("/a.png /b.png\t/c.png");
        assert!(msg.contains("3 paths on one line"), "{msg}");
        assert_eq!(
            fix,
            Some(vec!["/a.png".into(), "/b.png".into(), "/c.png".into()])
        );
        let (_, fix) = rejected("/a.png, /b.png");
        assert_eq!(fix, Some(vec!["/a.png".into(), "/b.png".into()]));
        // A space inside one path is encoded, not split.
        assert_eq!(kept("/my file.png"), "/my%20file.png");
    }

    #[test]
    fn comma_separated_paths_are_kept_with_a_warning_and_a_split_offered() {
        let v = judge_path("/a.png,/b.png");
        assert_eq!(v.normalized.as_deref(), Some("/a.png,/b.png"));
        assert_eq!(v.notes[0].level, Level::Warning);
        assert_eq!(v.fix.unwrap().lines, vec!["/a.png", "/b.png"]);
        assert!(judge_path("/a,b.png").notes.is_empty());
    }

    #[test]
    fn the_whole_distribution_is_flagged() {
        let v = judge_path("/*");
        assert_eq!(v.normalized.as_deref(), Some("/*"));
        assert!(v.notes[0].text.contains("whole distribution"));
    }

    #[test]
    fn paths_are_case_sensitive() {
        assert_eq!(kept("/Index.HTML"), "/Index.HTML");
    }
}
