//! Lines pasted from elsewhere that are not paths: the output of `aws s3 sync`, log lines, a
//! command at a shell prompt. Each is judged as what it is, never percent-encoded into a path
//! that would pass as ready to send and purge nothing.

use super::item::{Fix, Note};
use super::path::{PathVerdict, object_fix};
use crate::domain::deploy::sync::{S3Line, s3_line};

/// The words `aws s3` (cp, mv, rm, sync) begins a line of its output with.
const S3_ACTIONS: [&str; 5] = ["upload", "copy", "move", "delete", "download"];
/// HTTP methods, as a request line in an access log has them.
const METHODS: [&str; 7] = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"];
/// Log levels a log line may begin with (`INFO`, `[warn]`).
const LEVELS: [&str; 8] = [
    "TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "WARNING", "ERROR", "FATAL",
];

/// The verdict on a trimmed line that is clearly not a path nor a tag; none for anything else.
pub fn judge_pasted(text: &str) -> Option<PathVerdict> {
    // A path with spaces is still a path, unless it holds a request (`grep` output of a log).
    if text.starts_with('/') && !text.contains(' ') {
        return None;
    }
    if let Some(path) = requested_path(text) {
        // A request is not a change: purging what was asked for is the user's call.
        let note = Note::error(format!(
            "this looks like a line of an access log, not a path; if {path} is to be purged, \
             fix: {path} (fix all leaves it to you)"
        ));
        let fix = Fix::changes_coverage("use the requested path", vec![path]);
        return Some(PathVerdict::reject(note, Some(fix)));
    }
    if text.starts_with('/') {
        return None;
    }
    if let Some(verdict) = s3_output(text) {
        return Some(verdict);
    }
    if is_windows_path(text) {
        return Some(not_a_path(
            "this looks like a file on a Windows disk, not a path on the site; write the path \
             a browser asks for, like /css/site.css",
        ));
    }
    if begins_like_a_log(text) {
        return Some(not_a_path(
            "this looks like a log line (it begins with a time or a level), not a path; \
             copy only the paths from it",
        ));
    }
    if is_shell_prompt(text) {
        return Some(not_a_path(
            "this looks like a command at a shell prompt, not a path; run it in a shell, or \
             copy only the paths from it",
        ));
    }
    if let Some(word) = message_word(text) {
        return Some(not_a_path(&format!(
            "this looks like a message ('{word}: …'), not a path; copy only the paths from it"
        )));
    }
    None
}

fn not_a_path(why: &str) -> PathVerdict {
    PathVerdict::reject(Note::error(why), None)
}

/// A line of `aws s3` output: `upload: dist/app.js to s3://bucket/app.js`, `copy: s3://a/k to
/// s3://b/k`, `move: …`, `delete: s3://bucket/k`, `download: s3://b/k to k`, each perhaps after
/// `(dryrun) `, read as a deploy's output is read (`deploy::s3_line`). The object it changed
/// is offered as its path (a move's new object): the user pasted the log of a deploy to purge
/// what it changed, and the path names that one object and nothing more.
fn s3_output(text: &str) -> Option<PathVerdict> {
    let line = text.strip_prefix("(dryrun) ").unwrap_or(text);
    let (action, _) = line.split_once(": ")?;
    if !S3_ACTIONS.contains(&action) {
        return None;
    }
    let objects = match s3_line(text).0 {
        S3Line::Changed(objects) => objects,
        S3Line::Download => {
            return Some(not_a_path(
                "this is a line of aws s3 output for a download: nothing changed in the bucket, \
                 so there is nothing to purge",
            ));
        }
        S3Line::Other(_) => return None,
    };
    let changed = objects.iter().find(|o| !o.deleted).or(objects.first())?;
    let what = format!(
        "this is a line of aws s3 output: it changed {}",
        changed.url
    );
    let (note, fix) = object_fix(&what, changed.key);
    Some(PathVerdict::reject(note, Some(fix)))
}

/// The path of an HTTP request line in the text: `"GET /a.png HTTP/1.1"`, as access logs write it.
fn requested_path(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches('"'))
        .collect();
    words.windows(3).find_map(|w| {
        (METHODS.contains(&w[0]) && w[1].starts_with('/') && w[2].starts_with("HTTP/"))
            .then(|| w[1].to_string())
    })
}

/// A time (`2026-11-30T12:00:00Z`, `2026-11-30 12:00`, `12:00:01`) or a level (`INFO`,
/// `[warn]`) first.
fn begins_like_a_log(text: &str) -> bool {
    // A log line has words after its time; `2026-11-30/report.pdf` is a path.
    let mut words = text.split_whitespace();
    let first = words.next().unwrap_or_default();
    if words.next().is_none() {
        return false;
    }
    let bare = first.trim_start_matches('[');
    let bytes = bare.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
    };
    let date = digits(0..4) && bytes.get(4) == Some(&b'-') && digits(5..7);
    let clock = digits(0..2) && bytes.get(2) == Some(&b':') && digits(3..5);
    let level = bare.trim_end_matches([']', ':']);
    date || clock || LEVELS.iter().any(|l| l.eq_ignore_ascii_case(level))
}

/// `C:\site\app.js`, `D:/dist`: a drive letter.
fn is_windows_path(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() > 2
        && bytes[0].is_ascii_alphabetic()
        && bytes[1] == b':'
        && matches!(bytes[2], b'\\' | b'/')
}

/// `$ cmd`, `# cmd`, `> cmd`, `user@host:~$ cmd`, `[user@host dir]$ cmd`, `PS C:\> cmd`.
fn is_shell_prompt(text: &str) -> bool {
    if ["$ ", "# ", "> ", "% "].iter().any(|p| text.starts_with(p)) {
        return true;
    }
    if text.starts_with("PS ") && text.contains("> ") {
        return true;
    }
    // A prompt that names the user and host ends with `$` or `#` before the command.
    let Some(end) = text.find(['$', '#']) else {
        return false;
    };
    let prompt = &text[..end];
    prompt.contains('@')
        && (!prompt.contains(char::is_whitespace) || prompt.starts_with('['))
        && text[end + 1..].starts_with(' ')
}

/// `Error: …`, `warning: …`: a word and a colon, then words.
fn message_word(text: &str) -> Option<&str> {
    let (word, rest) = text.split_once(": ")?;
    let is_word = !word.is_empty() && word.chars().all(|c| c.is_alphabetic() || c == '-');
    (is_word && !rest.trim().is_empty()).then_some(word)
}

#[cfg(test)]
mod tests;
