//! Reading a batch: from arguments, a file, or standard input, never more than its caps.

use std::io::{IsTerminal, Read};
use std::path::Path;

use crate::domain::batch::{BatchLimits, ItemCount};

/// The batch's text, one item a line: from the arguments (one item each; a lone `-` means
/// standard input), else `--file` (`-` is standard input), else standard input. Past the
/// config's caps (`[batch]`) it stops reading and says so.
pub fn read_batch_text(items: &[String], file: Option<&Path>) -> Result<String, String> {
    read_with_limits(items, file, &limits())
}

/// The config's `[batch]` caps; a config file with a mistake leaves the defaults, said once.
fn limits() -> BatchLimits {
    crate::store::config::load()
        .map(|c| c.batch)
        .unwrap_or_else(|e| {
            super::output::say!("edgepurge: {e}; the default batch caps are used");
            BatchLimits::default()
        })
}

fn read_with_limits(
    items: &[String],
    file: Option<&Path>,
    limits: &BatchLimits,
) -> Result<String, String> {
    let stdin_named = items == ["-"];
    if !items.is_empty() && !stdin_named {
        if file.is_some() {
            return Err("give items as arguments or with --file, not both".into());
        }
        let text = items.join("\n");
        limits.check(&text).map_err(|e| e.to_string())?;
        return Ok(text);
    }
    match file {
        Some(_) if stdin_named => Err("give - (standard input) or --file, not both".into()),
        Some(path) if path != Path::new("-") => {
            let opened = std::fs::File::open(path).map_err(|e| {
                format!(
                    "cannot read {}: {e}; check the path (or use - for standard input)",
                    path.display()
                )
            })?;
            read_capped(opened, limits).map_err(|e| e.saying(&path.display().to_string()))
        }
        _ => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                eprintln!("reading items from standard input, one a line; end with Ctrl-D");
            }
            read_capped(stdin.lock(), limits).map_err(|e| e.saying("standard input"))
        }
    }
}

/// Why a batch could not be read.
#[derive(Debug)]
enum ReadError {
    Io(std::io::Error),
    /// Past a cap: the message says which and what to do.
    TooLarge(String),
    /// Not UTF-8: the 1-based line and the first bad byte.
    NotText {
        line: usize,
        byte: u8,
    },
}

impl ReadError {
    fn saying(self, source: &str) -> String {
        match self {
            ReadError::Io(e) => format!("cannot read {source}: {e}"),
            ReadError::TooLarge(why) => format!("{source}: {why}"),
            ReadError::NotText { line, byte } => format!(
                "{source}, line {line}: not UTF-8 text (byte 0x{byte:02X}); a path is sent as \
                 UTF-8, so convert the file first (e.g. iconv -f latin1 -t utf-8)"
            ),
        }
    }
}

/// Read at most the byte cap (one byte more tells that there is more) and stop at the item
/// after the cap, so `/dev/zero` or a log of millions of lines ends at once.
fn read_capped(reader: impl Read, limits: &BatchLimits) -> Result<String, ReadError> {
    let max_bytes = limits.max_bytes();
    let mut reader = reader.take(max_bytes.saturating_add(1));
    let mut bytes = Vec::new();
    let mut count = ItemCount::default();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(ReadError::Io(e)),
        };
        let piece = &chunk[..n];
        count.feed(piece);
        limits
            .check_items(count.items())
            .map_err(|e| ReadError::TooLarge(e.to_string()))?;
        bytes.extend_from_slice(piece);
        if bytes.len() as u64 > max_bytes {
            let e = crate::domain::batch::TooLarge::Bytes(limits.max_megabytes);
            return Err(ReadError::TooLarge(e.to_string()));
        }
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        ReadError::NotText {
            line: bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1,
            byte: bytes.get(at).copied().unwrap_or_default(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> BatchLimits {
        BatchLimits {
            max_items: 3,
            max_megabytes: 1,
        }
    }

    fn read(bytes: &[u8]) -> Result<String, String> {
        read_capped(bytes, &small()).map_err(|e| e.saying("in.txt"))
    }

    #[test]
    fn a_batch_within_its_caps_is_read_whole() {
        assert_eq!(read(b"/a\n\n/b\n/c\n\n").unwrap(), "/a\n\n/b\n/c\n\n");
    }

    #[test]
    fn one_item_past_the_cap_is_refused_naming_it() {
        let err = read(b"/a\n/b\n/c\n/d\n").unwrap_err();
        assert!(err.starts_with("in.txt: "), "{err}");
        assert!(err.contains("more than 3 items"), "{err}");
        assert!(err.contains("max_items"), "{err}");
    }

    #[test]
    fn an_endless_input_stops_at_the_byte_cap() {
        let zeros = std::io::repeat(0);
        let err = read_capped(zeros, &small())
            .unwrap_err()
            .saying("/dev/zero");
        assert!(err.contains("more than 1 MB"), "{err}");
        assert!(err.contains("max_megabytes"), "{err}");
        let lines = std::io::repeat(b'\n');
        let err = read_capped(lines, &small()).unwrap_err().saying("x");
        assert!(
            err.contains("more than 1 MB"),
            "blank lines count as bytes: {err}"
        );
    }

    #[test]
    fn text_that_is_not_utf8_names_its_line() {
        let err = read(b"/a\n/caf\xe9\n").unwrap_err();
        assert!(err.contains("in.txt, line 2: not UTF-8"), "{err}");
        assert!(err.contains("0xE9"), "{err}");
    }

    #[test]
    fn arguments_and_a_lone_dash() {
        let limits = small();
        let items = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            read_with_limits(&items(&["/a", "/b"]), None, &limits).unwrap(),
            "/a\n/b"
        );
        let err = read_with_limits(&items(&["/a", "/b", "/c", "/d"]), None, &limits).unwrap_err();
        assert!(err.contains("more than 3 items"), "{err}");
        let err = read_with_limits(&items(&["-"]), Some(Path::new("f")), &limits).unwrap_err();
        assert!(err.contains("not both"), "{err}");
        let err = read_with_limits(&items(&["/a"]), Some(Path::new("f")), &limits).unwrap_err();
        assert!(err.contains("not both"), "{err}");
    }
}
