use std::borrow::Cow;

use proptest::prelude::*;

use super::*;

/// Strings a hostile server, file or batch could hand us.
const HOSTILE: &[(&str, &str)] = &[
    ("/x\u{1b}]0;T\u{7}", "/x\\e]0;T\\u{7}"),
    ("\u{1b}]52;c;ZXZpbA==\u{7}", "\\e]52;c;ZXZpbA==\\u{7}"),
    ("\u{1b}[2J\u{1b}[H", "\\e[2J\\e[H"),
    ("a\u{9b}2Jb", "a\\u{9b}2Jb"),
    ("\u{90}q\u{9c}", "\\u{90}q\\u{9c}"),
    ("gpj.\u{202e}exe", "gpj.\\u{202e}exe"),
    (
        "\u{2066}x\u{2069}\u{200e}\u{200f}\u{61c}",
        "\\u{2066}x\\u{2069}\\u{200e}\\u{200f}\\u{61c}",
    ),
    ("E1\u{200b}\u{feff}", "E1\\u{200b}\\u{feff}"),
    ("tag\u{e0041}", "tag\\u{e0041}"),
    ("a\u{0}b\u{7f}", "a\\u{0}b\\u{7f}"),
    ("one\ntwo\r\tthree", "one\\ntwo\\r\\tthree"),
    ("next\u{85}line\u{2028}", "next\\u{85}line\\u{2028}"),
];

#[test]
fn every_hostile_string_is_shown_escaped() {
    for (hostile, shown) in HOSTILE {
        assert_eq!(line(hostile), *shown, "{hostile:?}");
    }
}

#[test]
fn plain_text_is_borrowed_unchanged() {
    for text in [
        "/images/*",
        "Ünïcødé 商品 🙂",
        "a\\eb",
        "",
        "family 👨\u{200d}👩",
    ] {
        assert!(
            matches!(line(text), Cow::Borrowed(t) if t == text),
            "{text:?}"
        );
    }
}

#[test]
fn lines_keeps_line_breaks_only() {
    assert_eq!(lines("one\ntwo\u{1b}[K\r\n"), "one\ntwo\\e[K\\r\n");
    assert!(matches!(lines("one\ntwo\n"), Cow::Borrowed(_)));
}

#[test]
fn invalid_utf8_is_shown_byte_by_byte() {
    assert_eq!(bytes(b"/a\xff\xc2b\x1b"), "/a\\xff\\xc2b\\e");
    assert_eq!(bytes(b"/plain"), "/plain");
    assert_eq!(bytes("gpj.\u{202e}exe".as_bytes()), "gpj.\\u{202e}exe");
}

/// A character of one of the escaped classes, or plain text around them.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        (0u32..0x20).prop_map(|n| char::from_u32(n).unwrap_or('?')),
        (0x7fu32..0xa0).prop_map(|n| char::from_u32(n).unwrap_or('?')),
        prop::sample::select(vec![
            '\u{202a}',
            '\u{202b}',
            '\u{202c}',
            '\u{202d}',
            '\u{202e}',
            '\u{2066}',
            '\u{2067}',
            '\u{2068}',
            '\u{2069}',
            '\u{200e}',
            '\u{200f}',
            '\u{61c}',
            '\u{200b}',
            '\u{feff}',
            '\u{2028}',
            '\u{2029}',
            '\u{e0001}',
            '\u{ad}',
        ]),
        any::<char>(),
    ]
}

/// The classes by their definitions, independently of the table in `is_escaped`.
fn must_not_appear(c: char, keep_newlines: bool) -> bool {
    (c.is_control() && !(keep_newlines && c == '\n'))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        || matches!(
            c,
            '\u{200e}' | '\u{200f}' | '\u{61c}' | '\u{200b}' | '\u{feff}'
        )
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{e0000}'..='\u{e007f}')
}

proptest! {
    #[test]
    fn nothing_escaped_survives(text in prop::collection::vec(hostile_char(), 0..40)) {
        let text: String = text.into_iter().collect();
        let shown = line(&text);
        prop_assert!(!shown.chars().any(|c| must_not_appear(c, false)), "{:?}", shown);
        let shown = lines(&text);
        prop_assert!(!shown.chars().any(|c| must_not_appear(c, true)), "{:?}", shown);
    }

    #[test]
    fn text_without_them_is_unchanged(text in "\\PC*") {
        let text: String = text.chars().filter(|&c| !is_escaped(c)).collect();
        prop_assert!(matches!(line(&text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn any_bytes_come_out_safe(raw in prop::collection::vec(any::<u8>(), 0..60)) {
        let shown = bytes(&raw);
        prop_assert!(!shown.chars().any(|c| must_not_appear(c, false)), "{:?}", shown);
    }

    #[test]
    fn escaping_is_stable(text in prop::collection::vec(hostile_char(), 0..40)) {
        // What is shown can be shown again unchanged: no double escaping.
        let text: String = text.into_iter().collect();
        let once = line(&text).into_owned();
        prop_assert_eq!(line(&once), once.as_str());
    }
}
