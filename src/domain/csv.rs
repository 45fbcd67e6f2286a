//! Comma-separated values as RFC 4180 writes them, for the journal (`--csv`) and the
//! dashboard's export.

/// A field with a comma, a quote or a line break is quoted, its quotes doubled.
pub fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// One record: its fields, each quoted as needed, and a line end (`\n`, as the journal's
/// `--csv` has always written; every CSV reader takes it).
pub fn record<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = fields
        .iter()
        .map(|f| field(f.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(field("/a"), "/a");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(record(&["I1", "a,b"]), "I1,\"a,b\"\n");
    }
}
