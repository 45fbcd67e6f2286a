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
    fn reject(note: Note, fix: Option<Fix>) -> Self {
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
        return PathVerdict::reject(note, Some(Fix::replace("one path a line", parts)));
    }
    let needless = needless_escapes(text);
    if !needless.is_empty() {
        let fixed = decode_needless_escapes(text);
        let list: Vec<String> = needless
            .iter()
            .map(|(esc, ch)| format!("{esc} encodes '{ch}'"))
            .collect();
        let note = Note::error(format!(
            "{}, which must be sent as is: CloudFront compares paths as sent, so this one \
             would invalidate nothing; fix: {fixed}",
            list.join(", ")
        ));
        return PathVerdict::reject(note, Some(Fix::replace("decode it", vec![fixed])));
    }
    let normalized = encode_path(text);
    if let Some(star) = normalized.find('*').filter(|&i| i + 1 < normalized.len()) {
        let cut = normalized[..=star].to_string();
        let note = Note::error(format!(
            "'*' is a wildcard only as the last character; fix: {cut} (invalidates everything \
             that begins with {})",
            &normalized[..star]
        ));
        // The fix is written in the user's (unencoded) terms when the star is in plain text.
        let fix_text = text
            .find('*')
            .map(|i| text[..=i].to_string())
            .unwrap_or(cut);
        return PathVerdict::reject(
            note,
            Some(Fix::replace("end at the wildcard", vec![fix_text])),
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
        fix = Some(Fix::replace("one path a line", parts));
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
    let lower = unquoted.to_ascii_lowercase();
    let scheme = ["https://", "http://"]
        .into_iter()
        .find(|s| lower.starts_with(s));
    let (reason, fixed) = if let Some(scheme) = scheme {
        let after_host = &unquoted[scheme.len()..];
        // The fragment (`#top`) never reaches CloudFront.
        let without_fragment = after_host.split('#').next().unwrap_or_default();
        let path = without_fragment
            .find('/')
            .map(|i| without_fragment[i..].to_string())
            .unwrap_or_else(|| "/".to_string());
        ("is a full URL; CloudFront wants only the path", path)
    } else if unquoted.starts_with('/') {
        (
            "is quoted; CloudFront wants the bare path",
            unquoted.to_string(),
        )
    } else {
        (
            "does not begin with '/'; every path does",
            format!("/{unquoted}"),
        )
    };
    if unquoted.is_empty() {
        let note = Note::error(
            "an empty path names nothing; write / for the root object, or /* for everything",
        );
        return PathVerdict::reject(note, None);
    }
    let note = Note::error(format!("'{text}' {reason}; fix: {fixed}"));
    PathVerdict::reject(note, Some(Fix::replace("use the path", vec![fixed])))
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
