//! Reading a batch: from arguments, a file, or standard input.

use std::io::{IsTerminal, Read};
use std::path::Path;

/// The batch's text, one item a line: from the arguments (one item each), else `--file`
/// (`-` is standard input), else standard input.
pub fn read_batch_text(items: &[String], file: Option<&Path>) -> Result<String, String> {
    if !items.is_empty() {
        if file.is_some() {
            return Err("give items as arguments or with --file, not both".into());
        }
        return Ok(items.join("\n"));
    }
    match file {
        Some(path) if path != Path::new("-") => std::fs::read_to_string(path).map_err(|e| {
            format!(
                "cannot read {}: {e}; check the path (or use - for standard input)",
                path.display()
            )
        }),
        _ => read_stdin(),
    }
}

fn read_stdin() -> Result<String, String> {
    let mut stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprintln!("reading items from standard input, one a line; end with Ctrl-D");
    }
    let mut text = String::new();
    stdin
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read standard input: {e} (it must be UTF-8 text)"))?;
    Ok(text)
}
