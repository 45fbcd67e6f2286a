//! "Fix all" never makes a batch purge a path its lines did not name.
//!
//! Each generated line comes with what it names, as the user meant it: a pattern over the
//! decoded path where `*` may stand anywhere (so `/a/*/b` names only paths ending in `/b`). The
//! batch after "fix all" is sent as CloudFront reads it: a path ending in `*` is a prefix, any
//! other is itself. Every path the fixed batch purges (each kept path; a wildcard's prefix
//! with a few continuations) must be one a line named.

use percent_encoding::percent_decode_str;
use proptest::prelude::*;

use super::super::PathBatch;
use super::apply_fixes;

/// One character of what a line names, or a `*` that stands for any text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Char(char),
    Any,
}

type Pattern = Vec<Piece>;

/// A generated line and the patterns of what it names (none for a line that names nothing).
#[derive(Debug, Clone)]
struct Line {
    text: String,
    names: Vec<Pattern>,
}

/// A character of a path as typed (perhaps encoded) and what it means.
fn piece() -> impl Strategy<Value = (String, Piece)> {
    prop_oneof![
        Just(("a".to_string(), Piece::Char('a'))),
        Just(("%61".to_string(), Piece::Char('a'))),
        Just(("b".to_string(), Piece::Char('b'))),
        Just(("é".to_string(), Piece::Char('é'))),
        Just(("%C3%A9".to_string(), Piece::Char('é'))),
        Just((" ".to_string(), Piece::Char(' '))),
        Just(("~".to_string(), Piece::Char('~'))),
        Just(("%2A".to_string(), Piece::Char('*'))),
        Just(("*".to_string(), Piece::Any)),
    ]
}

/// A path as typed (beginning with `/`) and its pattern.
fn path() -> impl Strategy<Value = (String, Pattern)> {
    let segment = prop::collection::vec(piece(), 1..4);
    (prop::collection::vec(segment, 1..4), any::<bool>()).prop_map(|(segments, slash)| {
        let (mut text, mut pattern) = (String::new(), Vec::new());
        for segment in segments {
            text.push('/');
            pattern.push(Piece::Char('/'));
            let last = segment.len() - 1;
            for (i, (typed, meant)) in segment.into_iter().enumerate() {
                // A space next to a `/` or at either end would read as two paths or be
                // trimmed: the user would have written it encoded.
                let typed = if typed == " " && (i == 0 || i == last) {
                    "%20".to_string()
                } else {
                    typed
                };
                text.push_str(&typed);
                pattern.push(meant);
            }
        }
        if slash {
            text.push('/');
            pattern.push(Piece::Char('/'));
        }
        (text, pattern)
    })
}

/// The path written as a raw S3 key (no `/`), when it holds no wildcard.
fn as_key(pattern: &Pattern) -> Option<String> {
    pattern[1..]
        .iter()
        .map(|p| match p {
            Piece::Char(c) => Some(*c),
            Piece::Any => None,
        })
        .collect()
}

fn line() -> impl Strategy<Value = Line> {
    (path(), path(), 0..11u8).prop_map(|((text, pattern), (other, other_pattern), form)| {
        let one = |text: String| Line {
            text,
            names: vec![pattern.clone()],
        };
        let no_space = !text.contains(' ') && !other.contains(' ');
        match form {
            1 => one(format!("  {text}\t")),
            2 => one(text[1..].to_string()),
            3 => one(format!("\"{text}\",")),
            4 => one(format!("https://cdn.example.com{text}")),
            5 => one(format!("//cdn.example.com{text}")),
            // A key ending in a space cannot be told from a space after the line.
            6 => match as_key(&pattern).filter(|k| !k.ends_with(' ')) {
                Some(key) => one(format!("upload: dist/{key} to s3://bucket/{key}")),
                None => one(text),
            },
            7 if no_space => Line {
                text: format!("{text} {other}"),
                names: vec![pattern, other_pattern],
            },
            8 => {
                // Kept as one path with a comma in it: that is what it names.
                let mut joined = pattern;
                joined.push(Piece::Char(','));
                joined.extend(other_pattern);
                Line {
                    text: format!("{text},{other}"),
                    names: vec![joined],
                }
            }
            9 if no_space => Line {
                text: format!(
                    "203.0.113.9 - - [30/Nov/2026:12:00:00 +0000] \"GET {text} HTTP/1.1\" 200"
                ),
                names: vec![],
            },
            10 => Line {
                text: format!("$ aws s3 cp dist{text} s3://bucket{text}"),
                names: vec![],
            },
            _ => one(text),
        }
    })
}

/// Whether `pattern` matches all of `path`.
fn matches(pattern: &[Piece], path: &[char]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((Piece::Any, rest)) => (0..=path.len()).any(|i| matches(rest, &path[i..])),
        Some((Piece::Char(c), rest)) => path.first() == Some(c) && matches(rest, &path[1..]),
    }
}

/// Paths the batch purges as CloudFront reads it: each kept path, and for a wildcard its
/// prefix with a few continuations.
fn purged(text: &str) -> Vec<String> {
    let decoded = |p: &str| percent_decode_str(p).decode_utf8_lossy().into_owned();
    PathBatch::parse(text)
        .kept()
        .iter()
        .filter(|k| !k.starts_with('#'))
        .flat_map(|kept| match kept.strip_suffix('*') {
            Some(prefix) => {
                let prefix = decoded(prefix);
                ["", "zz", "q/r", "é"]
                    .iter()
                    .map(|more| format!("{prefix}{more}"))
                    .collect()
            }
            None => vec![decoded(kept)],
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn fix_all_purges_nothing_the_lines_did_not_name(
        lines in prop::collection::vec(line(), 1..8),
        repeat in prop::option::of(0..8usize),
    ) {
        let mut lines = lines;
        // The same line twice: the second is removed.
        if let Some(at) = repeat.map(|i| i % lines.len()) {
            lines.push(lines[at].clone());
        }
        let names: Vec<&Pattern> = lines.iter().flat_map(|l| &l.names).collect();
        let mut text: String = lines.iter().map(|l| format!("{}\n", l.text)).collect();
        // A second and third round fix what the first one's lines show.
        for round in 1..=3 {
            text = apply_fixes(&text);
            for path in purged(&text) {
                let chars: Vec<char> = path.chars().collect();
                prop_assert!(
                    names.iter().any(|n| matches(n, &chars)),
                    "round {round}: {path} is purged by {text:?}, which no line named: {lines:?}"
                );
            }
        }
    }
}

#[test]
fn the_model_reads_patterns_as_the_user_meant_them() {
    let pattern = |s: &str| -> Pattern {
        s.chars()
            .map(|c| if c == '*' { Piece::Any } else { Piece::Char(c) })
            .collect()
    };
    let chars = |s: &str| s.chars().collect::<Vec<_>>();
    assert!(matches(&pattern("/a/*/b"), &chars("/a/x/y/b")));
    assert!(!matches(&pattern("/a/*/b"), &chars("/a/zz")));
    assert!(matches(&pattern("/img/*"), &chars("/img/")));
    assert_eq!(
        purged("/a/*\n/x%20y\n"),
        ["/a/", "/a/zz", "/a/q/r", "/a/é", "/x y"]
    );
}
