//! Text that edgepurge did not write itself (paths, names, comments, caller references, error
//! messages from AWS) made safe to show on a terminal: every character a terminal would act on
//! or that hides or reorders text is shown escaped, never interpreted.
//!
//! Escaped: C0 controls (ESC as `\e`; `\n`, `\t`, `\r` as such; the rest as `\u{7}`), DEL, C1
//! controls (U+0080–U+009F, among them the 8-bit CSI U+009B), the line and paragraph
//! separators, and the invisible format characters (Unicode category Cf: bidi overrides and
//! isolates such as U+202E, zero widths, U+FEFF, tag characters). Kept: the zero-width joiner
//! and non-joiner (U+200C, U+200D), which scripts and emoji need and which hide nothing.
//!
//! A backslash is left as it is: `\e` typed by someone reads the same as an escaped ESC, which is
//! harmless, since nothing here reaches a terminal unescaped. Scripts that need the exact text
//! read the JSON output, which carries it exactly.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` for one line: every character of the escaped classes shown escaped, line breaks too.
/// Borrowed when there is nothing to escape, which is nearly always.
pub fn line(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// `text` that may run over several lines: as [`line`], but `\n` is kept.
pub fn lines(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

/// Bytes that should be UTF-8 text (a file, standard input, an HTTP body), for one line: as
/// [`line`], and every byte that is not part of valid UTF-8 shown as `\xff`.
pub fn bytes(raw: &[u8]) -> Cow<'_, str> {
    if let Ok(text) = std::str::from_utf8(raw) {
        return line(text);
    }
    let mut out = String::with_capacity(raw.len() + 8);
    for chunk in raw.utf8_chunks() {
        out.push_str(&line(chunk.valid()));
        for b in chunk.invalid() {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\x{b:02x}");
        }
    }
    Cow::Owned(out)
}

/// Whether a terminal could act on `c`, or `c` could hide or reorder the text around it.
pub fn is_escaped(c: char) -> bool {
    let n = c as u32;
    match n {
        // Printable ASCII, the common case.
        0x20..=0x7e => false,
        // C0 controls, DEL, C1 controls.
        0x00..=0x1f | 0x7f..=0x9f => true,
        // Every other character below the first format character is plain text.
        0xa0..=0xac => false,
        _ => is_format(n) || matches!(n, 0x2028 | 0x2029),
    }
}

/// Unicode general category Cf (format characters, Unicode 16), but the zero-width joiner and
/// non-joiner.
fn is_format(n: u32) -> bool {
    matches!(
        n,
        0xad | 0x600..=0x605
            | 0x61c
            | 0x6dd
            | 0x70f
            | 0x890..=0x891
            | 0x8e2
            | 0x180e
            | 0x200b
            | 0x200e..=0x200f
            | 0x202a..=0x202e
            | 0x2060..=0x2064
            | 0x2066..=0x206f
            | 0xfeff
            | 0xfff9..=0xfffb
            | 0x110bd
            | 0x110cd
            | 0x13430..=0x1343f
            | 0x1bca0..=0x1bca3
            | 0x1d173..=0x1d17a
            | 0xe0001
            | 0xe0020..=0xe007f
    )
}

fn escape(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let needs = |c: char| is_escaped(c) && !(keep_newlines && c == '\n');
    // Printable ASCII needs no decoding to judge.
    if text.bytes().all(|b| matches!(b, 0x20..=0x7e)) || !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if !needs(c) {
            out.push(c);
            continue;
        }
        match c {
            '\u{1b}' => out.push_str("\\e"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            // Writing to a String cannot fail.
            c => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests;
