//! What every subcommand prints: data on standard output (text or JSON), errors on standard
//! error with what to do, and the exit status that goes with them.
//!
//! Everything printed here passes through [`visible`]: text edgepurge did not write itself (a
//! path, a comment, an error message from AWS) never reaches a terminal with a character the
//! terminal would act on. JSON carries such characters escaped, so it stays exact.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write as _;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use super::exit;
use crate::domain::visible;

/// Say a line on standard error (formatted as `eprintln!`), shown safe for a terminal.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::output::say_line(&format!($($arg)*))
    };
}
pub(crate) use say;

/// Say `text` and a line end on standard error, shown safe for a terminal.
pub fn say_line(text: &str) {
    eprintln!("{}", visible::lines(text));
}

/// A subcommand that stops early: its exit status and the message for standard error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    /// Invalid input or usage (exit 2).
    pub fn invalid(message: impl Into<String>) -> Self {
        Self {
            code: exit::INVALID,
            message: message.into(),
        }
    }

    /// A failure from AWS, the network or the machine (exit 1).
    pub fn failed(message: impl Into<String>) -> Self {
        Self {
            code: exit::FAILURE,
            message: message.into(),
        }
    }

    /// Say it on standard error and give the exit status.
    pub fn report(&self) -> u8 {
        fail(self.code, &self.message)
    }
}

/// Run a subcommand body: its status, or its failure said on standard error.
pub fn finish(result: Result<u8, Failure>) -> u8 {
    result.unwrap_or_else(|f| f.report())
}

/// Say `message` on standard error and give `code`.
pub fn fail(code: u8, message: &str) -> u8 {
    say_line(&format!("edgepurge: {message}"));
    code
}

/// Write `out` and return `status`; a reader that went away early (`| head`) is no error.
pub fn write_stdout(out: &str, status: u8) -> u8 {
    written(try_write_stdout(out), status)
}

/// [`write_stdout`] for text all written by edgepurge itself (a completion script), as it is.
pub fn write_own_stdout(out: &str, status: u8) -> u8 {
    written(write_own(out), status)
}

fn written(result: std::io::Result<()>, status: u8) -> u8 {
    match result {
        Ok(()) => status,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => status,
        Err(e) => fail(
            exit::FAILURE,
            &format!("cannot write to standard output: {e}"),
        ),
    }
}

/// [`write_stdout`] for text written as `write` makes it (shown safe for a terminal piece by
/// piece): a long report is never held whole.
pub fn write_stdout_as_made(status: u8, write: impl FnOnce(&mut dyn std::fmt::Write)) -> u8 {
    let mut out = IoText {
        inner: std::io::BufWriter::new(std::io::stdout().lock()),
        error: None,
    };
    write(&mut out);
    let result = match out.error.take() {
        Some(e) => Err(e),
        None => out.inner.flush(),
    };
    written(result, status)
}

/// [`json`] written to standard output as it is made, with the same escapes: a long report is
/// never held whole.
pub fn write_json_as_made<T: Serialize + ?Sized>(value: &T, status: u8) -> u8 {
    // Buffered before the escapes, so they look at large pieces, not serde's every token.
    let mut out = std::io::BufWriter::with_capacity(
        64 * 1024,
        JsonEscapes {
            inner: std::io::stdout().lock(),
            pending: Vec::new(),
        },
    );
    let result = serde_json::to_writer_pretty(&mut out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    written(result, status)
}

/// A JSON byte stream passed on with [`json_escaped`]'s escapes; a character cut between two
/// writes waits for its end.
struct JsonEscapes<W> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: std::io::Write> std::io::Write for JsonEscapes<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let whole = match std::str::from_utf8(&self.pending) {
            Ok(text) => text.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(e) => return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, e)),
        };
        let text = std::str::from_utf8(&self.pending[..whole]).unwrap_or_default();
        self.inner.write_all(json_escaped(text).as_bytes())?;
        self.pending.drain(..whole);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Text written to a byte stream, shown safe for a terminal; the first failure is kept and
/// every later write refused.
struct IoText<W> {
    inner: W,
    error: Option<std::io::Error>,
}

impl<W: std::io::Write> std::fmt::Write for IoText<W> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if self.error.is_some() {
            return Err(std::fmt::Error);
        }
        self.inner
            .write_all(visible::lines(s).as_bytes())
            .map_err(|e| {
                self.error = Some(e);
                std::fmt::Error
            })
    }
}

/// Write `out` to standard output, flushed, shown safe for a terminal.
pub fn try_write_stdout(out: &str) -> std::io::Result<()> {
    write_own(&visible::lines(out))
}

fn write_own(out: &str) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
}

/// `value` as pretty JSON with a final newline, with every character [`visible`] escapes
/// written as a JSON escape (`\u202e`): the same value for a parser, and safe on a terminal.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(value)
        .map(|text| json_escaped(&text).into_owned() + "\n")
        .map_err(|e| Failure::failed(format!("cannot write the JSON: {e}")))
}

/// serde_json escapes C0 controls but writes C1 controls and format characters as they are.
/// Outside strings JSON text is ASCII, and a raw line end is only ever the pretty printer's.
fn json_escaped(text: &str) -> Cow<'_, str> {
    let escaped = |c: char| c != '\n' && visible::is_escaped(c);
    if !text.chars().any(escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if escaped(c) {
            for unit in c.encode_utf16(&mut [0; 2]) {
                // Writing to a String cannot fail.
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A time as RFC 3339 in UTC, to the second (`2026-11-22T09:30:00Z`), as JSON carries it.
pub fn rfc3339(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Serialize a time as [`rfc3339`] (`#[serde(serialize_with = "output::time")]`).
pub fn time<S: serde::Serializer>(time: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&rfc3339(*time))
}

/// Columns padded to the widest cell of each, two spaces apart; the last is not padded. Each
/// cell is shown on one line (a line break from AWS in a comment cannot start a fake row).
pub fn table(rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<Cow<str>>> = rows
        .iter()
        .map(|r| r.iter().map(|cell| visible::line(cell)).collect())
        .collect();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in &rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c + 1 == row.len() {
                line.push_str(cell);
            } else {
                let pad = widths[c].saturating_sub(cell.chars().count());
                line.push_str(cell);
                line.push_str(&" ".repeat(pad + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn times_are_rfc3339_utc_to_the_second() {
        let t = Utc.with_ymd_and_hms(2026, 11, 22, 9, 30, 5).unwrap();
        assert_eq!(rfc3339(t), "2026-11-22T09:30:05Z");
        assert!(DateTime::parse_from_rfc3339(&rfc3339(t)).is_ok());
    }

    #[test]
    fn a_table_pads_every_column_but_the_last() {
        let rows = vec![
            vec!["E1".to_string(), "Deployed".to_string(), "a".to_string()],
            vec!["tenant:dt_1".to_string(), "x".to_string(), "".to_string()],
        ];
        assert_eq!(table(&rows), "E1           Deployed  a\ntenant:dt_1  x\n");
    }

    #[test]
    fn a_table_shows_each_cell_escaped_on_one_line() {
        let rows = vec![
            vec!["E1".to_string(), "a\u{1b}[2J\nb".to_string()],
            vec!["E2\u{202e}".to_string(), "c".to_string()],
        ];
        assert_eq!(table(&rows), "E1          a\\e[2J\\nb\nE2\\u{202e}  c\n");
    }

    #[test]
    fn json_written_as_made_has_the_same_escapes_whatever_the_pieces() {
        use std::io::Write as _;
        let text = "{\"p\": \"/a\u{202e}é\u{9b}\"}";
        let mut out = JsonEscapes {
            inner: Vec::new(),
            pending: Vec::new(),
        };
        // Cut inside every character.
        for byte in text.as_bytes() {
            out.write_all(std::slice::from_ref(byte)).unwrap();
        }
        assert_eq!(String::from_utf8(out.inner).unwrap(), json_escaped(text));
        assert_eq!(json_escaped(text), "{\"p\": \"/a\\u202eé\\u009b\"}");
    }

    #[test]
    fn json_carries_hostile_text_exactly_and_escaped() {
        let hostile = "/x\u{1b}]0;T\u{7}\u{9b}2J\u{202e}\u{1d173}\n\"\\";
        let out = json(&serde_json::json!({ "path": hostile })).unwrap();
        assert!(out.is_ascii(), "{out}");
        assert!(
            !out.trim_end().contains('\n') || out.lines().count() == 3,
            "{out}"
        );
        assert!(
            out.contains("\\u009b") && out.contains("\\u202e") && out.contains("\\ud834\\udd73")
        );
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back["path"], hostile);
        // Nothing left for the terminal sanitiser to change.
        assert!(matches!(visible::lines(&out), Cow::Borrowed(_)));
    }
}
