//! What every subcommand prints: data on standard output (text or JSON), errors on standard
//! error with what to do, and the exit status that goes with them.

use std::io::Write as _;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use super::exit;

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
    eprintln!("edgepurge: {message}");
    code
}

/// Write `out` and return `status`; a reader that went away early (`| head`) is no error.
pub fn write_stdout(out: &str, status: u8) -> u8 {
    match try_write_stdout(out) {
        Ok(()) => status,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => status,
        Err(e) => fail(
            exit::FAILURE,
            &format!("cannot write to standard output: {e}"),
        ),
    }
}

/// Write text to standard output as `write` makes it, and return `status`: a long report
/// is never held whole. A reader that went away early (`| head`) is no error.
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
    match result {
        Ok(()) => status,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => status,
        Err(e) => fail(
            exit::FAILURE,
            &format!("cannot write to standard output: {e}"),
        ),
    }
}

/// Text written to a byte stream; the first failure is kept and every later write refused.
struct IoText<W> {
    inner: W,
    error: Option<std::io::Error>,
}

impl<W: std::io::Write> std::fmt::Write for IoText<W> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if self.error.is_some() {
            return Err(std::fmt::Error);
        }
        self.inner.write_all(s.as_bytes()).map_err(|e| {
            self.error = Some(e);
            std::fmt::Error
        })
    }
}

/// Write `out` to standard output, flushed.
pub fn try_write_stdout(out: &str) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
}

/// `value` as pretty JSON with a final newline.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(value)
        .map(|text| text + "\n")
        .map_err(|e| Failure::failed(format!("cannot write the JSON: {e}")))
}

/// A time as RFC 3339 in UTC, to the second (`2026-11-22T09:30:00Z`), as JSON carries it.
pub fn rfc3339(time: DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Serialize a time as [`rfc3339`] (`#[serde(serialize_with = "output::time")]`).
pub fn time<S: serde::Serializer>(time: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&rfc3339(*time))
}

/// Columns padded to the widest cell of each, two spaces apart; the last is not padded.
pub fn table(rows: &[Vec<String>]) -> String {
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
    for row in rows {
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
}
