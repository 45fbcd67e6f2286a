//! The rules for a cache-tag item (`#tag`): at most 256 characters, printable ASCII 33–126,
//! no commas, no wildcard. Tags match case-insensitively (CloudFront, invalidating by cache tag).

use super::item::{Fix, Note};

pub const MAX_TAG_CHARS: usize = 256;

/// Judge one trimmed line that begins with `#`. Returns the notes of a rejection, or the tag.
pub fn judge_tag(text: &str) -> Result<String, (Note, Option<Fix>)> {
    let tag = &text[1..];
    if tag.is_empty() {
        return Err((
            Note::error("'#' begins a cache tag, but no tag follows; write #tag-name"),
            None,
        ));
    }
    if tag.contains(',') {
        let tags: Vec<String> = tag
            .split(',')
            .map(|t| t.trim().trim_start_matches('#'))
            .filter(|t| !t.is_empty())
            .map(|t| format!("#{t}"))
            .collect();
        let note =
            Note::error("a cache tag cannot contain a comma; fix: one tag a line".to_string());
        return Err((note, Some(Fix::same_meaning("one tag a line", tags))));
    }
    if tag.contains('*') {
        return Err((
            Note::error("cache tags take no wildcard: name each tag in full"),
            None,
        ));
    }
    if let Some(bad) = tag.chars().find(|c| !matches!(*c as u32, 33..=126)) {
        let shown = match bad {
            ' ' => "a space".to_string(),
            c if c.is_control() => format!("the control character U+{:04X}", c as u32),
            c => format!("'{c}'"),
        };
        return Err((
            Note::error(format!(
                "a cache tag is printable ASCII without spaces; this one has {shown}"
            )),
            None,
        ));
    }
    let chars = tag.chars().count();
    if chars > MAX_TAG_CHARS {
        return Err((
            Note::error(format!(
                "the tag is {chars} characters; CloudFront takes at most {MAX_TAG_CHARS}"
            )),
            None,
        ));
    }
    Ok(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(text: &str) -> String {
        judge_tag(text).unwrap_err().0.text
    }

    #[test]
    fn a_tag_is_kept_as_typed() {
        assert_eq!(judge_tag("#product-123").unwrap(), "#product-123");
        assert_eq!(judge_tag("#a!~").unwrap(), "#a!~");
    }

    #[test]
    fn a_tag_needs_a_name() {
        assert!(reason("#").contains("no tag follows"));
    }

    #[test]
    fn a_tag_has_at_most_256_characters() {
        assert!(judge_tag(&format!("#{}", "t".repeat(256))).is_ok());
        assert!(reason(&format!("#{}", "t".repeat(257))).contains("257 characters"));
    }

    #[test]
    fn a_tag_has_no_commas_and_the_fix_splits_it() {
        let (note, fix) = judge_tag("#a,#b, c").unwrap_err();
        assert!(note.text.contains("comma"));
        assert_eq!(fix.unwrap().lines, vec!["#a", "#b", "#c"]);
    }

    #[test]
    fn a_tag_has_no_wildcard() {
        assert!(reason("#product-*").contains("no wildcard"));
    }

    #[test]
    fn a_tag_is_printable_ascii() {
        assert!(reason("#two words").contains("a space"));
        assert!(reason("#café").contains("'é'"));
        assert!(reason("#a\u{7f}").contains("U+007F"));
    }
}
