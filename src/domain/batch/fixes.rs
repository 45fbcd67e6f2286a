//! Accepting every offered fix at once (the compose form's one key, `validate --fix`).

use super::PathBatch;

/// The text with every item's fix applied: a line is replaced by its fix's lines (none removes
/// it). Lines without a fix, blank lines included, stay as they were.
pub fn apply_fixes(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let batch = PathBatch::parse(text);
    let mut fixes = batch
        .items
        .iter()
        .filter_map(|i| Some((i.line, i.fix.as_ref()?)))
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
