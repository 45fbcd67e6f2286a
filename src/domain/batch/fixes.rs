//! Accepting every fix that keeps the batch's meaning at once (the compose form's one key,
//! `validate --fix`); the others stay offered on their lines (see [`Fix`](super::Fix)).

use super::PathBatch;

/// The text with every same-meaning fix applied: a line is replaced by its fix's lines (none
/// removes it). Other lines, blank ones included, stay as they were.
pub fn apply_fixes(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let batch = PathBatch::parse(text);
    let mut fixes = batch
        .items
        .iter()
        .filter_map(|i| Some((i.line, i.fix.as_ref().filter(|f| f.same_meaning)?)))
        .peekable();
    let mut out: Vec<&str> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        match fixes.next_if(|(at, _)| *at == i + 1) {
            Some((_, fix)) => out.extend(fix.lines.iter().map(String::as_str)),
            None => out.push(line),
        }
    }
    let mut fixed = out.join("\n");
    if text.ends_with('\n') {
        fixed.push('\n');
    }
    fixed
}

#[cfg(test)]
mod tests;
