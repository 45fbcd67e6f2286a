//! Secrets never reach a log line: every line is masked as it is written, whoever emitted it
//! (edgepurge or the SDK at debug/trace), so a field nobody thought of is still covered.
//!
//! Masked: the value after a sensitive name (`Authorization`, `x-amz-security-token`,
//! `aws_secret_access_key`, `SessionToken`, …), `Signature=` and `Credential=` values (signed
//! URLs), access key ids, and the user-info of a URL (`scheme://user:password@`).

use std::borrow::Cow;
use std::io::{self, Write};
use std::ops::Range;

use tracing_subscriber::fmt::MakeWriter;

use crate::domain::visible;

/// What a masked value is replaced with.
pub const MASK: &str = "***";

/// Names whose value runs to the end of the line: header values hold spaces and commas
/// (`AWS4-HMAC-SHA256 Credential=…, Signature=…`), so only the line end is a safe stop.
/// Matched case-insensitively anywhere in a word, so `x-amz-security-token`,
/// `AWS_SESSION_TOKEN` and `"SessionToken"` are all caught.
const LINE_NAMES: &[&str] = &[
    "authorization",
    "security-token",
    "security_token",
    "session_token",
    "session-token",
    "sessiontoken",
    "secret_access_key",
    "secret-access-key",
    "secretaccesskey",
    "password",
];

/// Names whose value is one token (a query parameter, a field of a header value).
const TOKEN_NAMES: &[&str] = &["signature", "credential"];

/// `text` with every secret masked; borrowed when there was nothing to mask.
pub fn redact(text: &str) -> Cow<'_, str> {
    let mut ranges = Vec::new();
    user_info(text, &mut ranges);
    named_values(text, &mut ranges);
    access_key_ids(text, &mut ranges);
    if ranges.is_empty() {
        return Cow::Borrowed(text);
    }
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for range in ranges {
        if range.end <= at {
            continue;
        }
        if range.start >= at {
            out.push_str(&text[at..range.start]);
            out.push_str(MASK);
        }
        at = range.end;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

/// `scheme://user:password@host` → the `user:password` part; also `user:password@host` without
/// a scheme, as the SDK's HTTP stack prints a connection's authority (and the signer its Host).
fn user_info(text: &str, ranges: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let delimiter = |b: u8| b.is_ascii_whitespace() || b"/\"'`(),[]{}<>".contains(&b);
    for (at, _) in text.match_indices('@') {
        let start = bytes[..at]
            .iter()
            .rposition(|&b| delimiter(b))
            .map_or(0, |n| n + 1);
        if text[start..at].contains(':') {
            ranges.push(start..at);
        }
    }
    for (i, _) in text.match_indices("://") {
        let start = i + 3;
        let end = bytes[start..]
            .iter()
            .position(|&b| b"/?#\"'<>`".contains(&b) || b.is_ascii_whitespace())
            .map_or(bytes.len(), |n| start + n);
        if let Some(at) = text[start..end].rfind('@').filter(|&at| at > 0) {
            ranges.push(start..start + at);
        }
    }
}

/// The value after `name:` or `name=` (quotes and spaces around the separator allowed).
fn named_values(text: &str, ranges: &mut Vec<Range<usize>>) {
    // ASCII lowercasing keeps every byte offset, so matches index `text` directly.
    let lower = text.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let names = LINE_NAMES
        .iter()
        .map(|n| (n, true))
        .chain(TOKEN_NAMES.iter().map(|n| (n, false)));
    for (name, to_line_end) in names {
        for (i, _) in lower.match_indices(name) {
            let Some((value, quote)) = value_start(bytes, i + name.len()) else {
                continue;
            };
            let end = bytes[value..]
                .iter()
                .enumerate()
                .position(|(n, &b)| match quote {
                    // A quoted value ends at its closing quote (an escaped one is inside).
                    Some(q) => b == q && (n == 0 || bytes[value + n - 1] != b'\\'),
                    None => {
                        b == b'\n'
                            || b == b'\r'
                            || (!to_line_end
                                && (b.is_ascii_whitespace() || b"&,;\"')>}".contains(&b)))
                    }
                })
                .map_or(bytes.len(), |n| value + n);
            if end > value {
                ranges.push(value..end);
            }
        }
    }
}

/// Where the value begins after a name ending at `at`, and its opening quote, if a separator
/// follows the name: a name standing alone in a sentence ("authorization failed") has none.
fn value_start(bytes: &[u8], mut at: usize) -> Option<(usize, Option<u8>)> {
    let skip_spaces = |at: &mut usize| {
        while *at < bytes.len() && matches!(bytes[*at], b' ' | b'\t') {
            *at += 1;
        }
    };
    // The name's own closing quote: `"authorization": …`.
    if matches!(bytes.get(at), Some(b'"' | b'\'')) {
        at += 1;
    }
    skip_spaces(&mut at);
    if !matches!(bytes.get(at), Some(b':' | b'=')) {
        return None;
    }
    at += 1;
    skip_spaces(&mut at);
    match bytes.get(at) {
        Some(&q @ (b'"' | b'\'')) => Some((at + 1, Some(q))),
        _ => Some((at, None)),
    }
}

/// AWS access key ids: `AKIA` (long-term) or `ASIA` (temporary) and 16 more capitals or digits.
fn access_key_ids(text: &str, ranges: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let key_char = |b: u8| b.is_ascii_uppercase() || b.is_ascii_digit();
    for prefix in ["AKIA", "ASIA"] {
        for (i, _) in text.match_indices(prefix) {
            if i > 0 && key_char(bytes[i - 1]) {
                continue;
            }
            let len = bytes[i..].iter().take_while(|&&b| key_char(b)).count();
            if len >= 16 {
                ranges.push(i..i + len);
            }
        }
    }
}

/// A `MakeWriter` whose writers mask secrets. The fmt layer writes each event with one
/// `write_all`, so each write here holds whole lines.
pub struct Redacted<M> {
    inner: M,
    terminal: bool,
}

impl<M> Redacted<M> {
    /// For a file: secrets masked, everything else kept.
    pub fn file(inner: M) -> Self {
        Self {
            inner,
            terminal: false,
        }
    }

    /// For standard error: control and format characters (a server's message may carry an
    /// escape sequence) shown escaped too, by the sanitiser every terminal line goes through.
    pub fn terminal(inner: M) -> Self {
        Self {
            inner,
            terminal: true,
        }
    }
}

impl<'a, M: MakeWriter<'a>> MakeWriter<'a> for Redacted<M> {
    type Writer = RedactingWriter<M::Writer>;

    fn make_writer(&'a self) -> Self::Writer {
        RedactingWriter {
            inner: self.inner.make_writer(),
            terminal: self.terminal,
        }
    }

    fn make_writer_for(&'a self, meta: &tracing::Metadata<'_>) -> Self::Writer {
        RedactingWriter {
            inner: self.inner.make_writer_for(meta),
            terminal: self.terminal,
        }
    }
}

pub struct RedactingWriter<W> {
    inner: W,
    terminal: bool,
}

impl<W: Write> Write for RedactingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        let mut clean = redact(&text);
        if self.terminal
            && let Cow::Owned(shown) = visible::lines(&clean)
        {
            clean = Cow::Owned(shown);
        }
        self.inner.write_all(clean.as_bytes())?;
        // All of `buf` was taken, masked or not.
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests;
