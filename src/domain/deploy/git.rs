//! `git diff --name-status` output: a status, a tab, the path (two for a rename or copy).
//!
//! Source: git-diff documentation, `--name-status` and `--diff-filter`: `A` added, `M`
//! modified, `D` deleted, `T` type changed, `R<score>` renamed and `C<score>` copied (old and
//! new path), `U` unmerged. A path with unusual characters is quoted C-style, its non-ASCII
//! bytes as octal escapes (`"caf\303\251.html"`) unless `core.quotePath` is off.

use super::{Name, Read, numbered};

pub fn read_git_diff(text: &str) -> Read {
    let mut read = Read::default();
    for (line, raw) in numbered(text) {
        match one(raw) {
            Ok(changes) => {
                for (path, deleted) in changes {
                    read.change(Name::File(path), deleted);
                }
                read.lines_read += 1;
            }
            Err(why) => read.skip(line, raw, why),
        }
    }
    read
}

fn one(line: &str) -> Result<Vec<(String, bool)>, String> {
    let mut fields = line.split('\t');
    let status = fields.next().unwrap_or_default();
    let paths: Vec<String> = fields.map(unquote).collect::<Result<_, _>>()?;
    let letter = status.chars().next().unwrap_or(' ');
    let score_ok = status[letter.len_utf8()..]
        .chars()
        .all(|c| c.is_ascii_digit());
    let not_status =
        || "not a line of git diff --name-status (a status letter, a tab, the path)".to_string();
    if !score_ok || paths.is_empty() || paths.iter().any(String::is_empty) {
        return Err(not_status());
    }
    match (letter, paths.as_slice()) {
        ('A' | 'M' | 'T', [path]) => Ok(vec![(path.clone(), false)]),
        ('D', [path]) => Ok(vec![(path.clone(), true)]),
        // The old path no longer exists: what edges cached there must go too.
        ('R', [old, new]) => Ok(vec![(old.clone(), true), (new.clone(), false)]),
        ('C', [_, new]) => Ok(vec![(new.clone(), false)]),
        ('U', _) => Err("unmerged: resolve the conflict before deploying".into()),
        _ => Err(not_status()),
    }
}

/// A path as git writes it: bare, or in double quotes with C escapes and octal bytes.
fn unquote(field: &str) -> Result<String, String> {
    let Some(inner) = field
        .strip_prefix('"')
        .and_then(|f| f.strip_suffix('"'))
        .filter(|_| field.len() >= 2)
    else {
        return Ok(field.to_string());
    };
    let bytes = inner.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        let next = *bytes
            .get(i + 1)
            .ok_or("a quoted path ends with a lone \\")?;
        let (byte, used) = match next {
            b'a' => (7, 2),
            b'b' => (8, 2),
            b't' => (b'\t', 2),
            b'n' => (b'\n', 2),
            b'v' => (11, 2),
            b'f' => (12, 2),
            b'r' => (b'\r', 2),
            b'"' | b'\\' => (next, 2),
            b'0'..=b'3' => {
                let digits = bytes.get(i + 1..i + 4).ok_or("a cut octal escape")?;
                let mut value = 0u8;
                for d in digits {
                    if !(b'0'..=b'7').contains(d) {
                        return Err(format!(
                            "\\{} is not an octal escape",
                            inner[i + 1..].chars().take(3).collect::<String>()
                        ));
                    }
                    value = value.wrapping_mul(8).wrapping_add(d - b'0');
                }
                (value, 4)
            }
            other => {
                return Err(format!(
                    "unknown escape \\{} in a quoted path",
                    other as char
                ));
            }
        };
        out.push(byte);
        i += used;
    }
    String::from_utf8(out).map_err(|_| {
        "the path is not UTF-8; a URL path is sent as UTF-8, so rename the file".to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deploy::Changed;

    fn files(read: &Read) -> Vec<(&str, bool)> {
        read.changed
            .iter()
            .map(|Changed { name, deleted }| match name {
                Name::File(f) => (f.as_str(), *deleted),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn every_status_is_read() {
        let text = "A\tdist/new.html\nM\tdist/index.html\nD\tdist/old.html\n\
                    R100\tdist/a.css\tdist/b.css\nC075\tdist/t.html\tdist/u.html\n\
                    T\tdist/link\nM\tdist/my file.html\n";
        let read = read_git_diff(text);
        assert_eq!(
            files(&read),
            vec![
                ("dist/new.html", false),
                ("dist/index.html", false),
                ("dist/old.html", true),
                ("dist/a.css", true),
                ("dist/b.css", false),
                ("dist/u.html", false),
                ("dist/link", false),
                ("dist/my file.html", false),
            ]
        );
        assert_eq!(read.lines_read, 7);
        assert!(read.skipped.is_empty());
    }

    #[test]
    fn quoted_paths_are_read_as_git_wrote_them() {
        let text = "M\t\"dist/caf\\303\\251.html\"\n\
                    A\t\"dist/tab\\there \\\"q\\\".txt\"\n\
                    R090\t\"dist/\\346\\227\\245.html\"\tdist/ja.html\n";
        let read = read_git_diff(text);
        assert_eq!(
            files(&read),
            vec![
                ("dist/café.html", false),
                ("dist/tab\there \"q\".txt", false),
                ("dist/日.html", true),
                ("dist/ja.html", false),
            ]
        );
    }

    #[test]
    fn unmerged_malformed_and_non_utf8_lines_are_skipped_with_a_reason() {
        let text = "U\tdist/x.html\ncommit 1234abcd\nM dist/space-not-tab\n\
                    M\t\"dist/\\377.html\"\nM\t\"dist/\\q\"\n";
        let read = read_git_diff(text);
        assert!(read.changed.is_empty(), "{:?}", read.changed);
        let why: Vec<&str> = read.skipped.iter().map(|s| s.why.as_str()).collect();
        assert!(why[0].contains("unmerged"), "{why:?}");
        assert!(why[1].contains("not a line"), "{why:?}");
        assert!(why[2].contains("not a line"), "{why:?}");
        assert!(why[3].contains("not UTF-8"), "{why:?}");
        assert!(why[4].contains("unknown escape"), "{why:?}");
    }
}
