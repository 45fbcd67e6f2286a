//! From a deploy to the paths to purge: what a deploy tool printed (`aws s3 sync`, `git diff
//! --name-status`, a plain list) read as the files it changed, those files mapped to the URL
//! paths a visitor asks for, and the cheapest batch that covers them.

mod git;
mod list;
pub mod manifest;
mod pasted;
pub mod plan;
mod site;
pub mod sync;

pub use git::read_git_diff;
pub use list::read_list;
pub use manifest::Manifest;
pub use pasted::{Pasted, pasted_paths};
pub use plan::{Plan, PlanLimits, Planned, plan};
pub use site::{Site, SiteProblem};
pub use sync::read_sync;

/// A file or object a deploy changed, as its tool named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub name: Name,
    /// Removed: still purged, so that no edge keeps serving it.
    pub deleted: bool,
}

/// What a name is relative to, which decides how it becomes a URL path.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Name {
    /// A file in the working tree or build folder (the site's root folder is cut from it).
    File(String),
    /// An object key in the bucket (the distribution's origin path is cut from it).
    Key(String),
    /// A path on the site, written with its leading `/`.
    SitePath(String),
    /// A file of the build folder, named from the folder (which is the site's root).
    Relative(String),
}

/// A line that was not read as a change, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// 1-based.
    pub line: usize,
    pub text: String,
    pub why: String,
}

/// What an input said: the changes in the order named, and the lines passed over.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Read {
    pub changed: Vec<Changed>,
    pub skipped: Vec<Skipped>,
    /// Lines that were read as a change (a `move:` or a rename names two).
    pub lines_read: usize,
    /// Whether every change was a dry run (`(dryrun)`): nothing is changed yet.
    pub dry_run: bool,
}

impl Read {
    fn skip(&mut self, line: usize, text: &str, why: impl Into<String>) {
        self.skipped.push(Skipped {
            line,
            text: text.to_string(),
            why: why.into(),
        });
    }

    fn change(&mut self, name: Name, deleted: bool) {
        self.changed.push(Changed { name, deleted });
    }
}

/// The kinds of input a deploy's changes are read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Sync,
    GitDiff,
    List,
}

impl Format {
    /// What the user calls it.
    pub fn describe(self) -> &'static str {
        match self {
            Format::Sync => "aws s3 sync output",
            Format::GitDiff => "git diff --name-status output",
            Format::List => "a list of files",
        }
    }

    pub fn read(self, text: &str) -> Read {
        match self {
            Format::Sync => read_sync(text),
            Format::GitDiff => read_git_diff(text),
            Format::List => read_list(text),
        }
    }
}

/// What pasted text looks like: `aws s3` output or `git diff --name-status` when most of its
/// lines are; none for anything else (paths typed by hand stay paths).
pub fn recognise(text: &str) -> Option<Format> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() {
        return None;
    }
    let sync = read_sync(text);
    if sync.lines_read * 2 > lines.len() {
        return Some(Format::Sync);
    }
    let git = read_git_diff(text);
    (git.lines_read * 2 > lines.len()).then_some(Format::GitDiff)
}

/// Lines of a tool's output, numbered from 1, without their line ends (`\r` too: a progress
/// line of `aws s3` ends with one).
fn numbered(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_text_is_recognised_by_most_of_its_lines() {
        let sync = "upload: d/a to s3://b/a\n(dryrun) delete: s3://b/c\nCompleted 1 MiB\n";
        assert_eq!(recognise(sync), Some(Format::Sync));
        assert_eq!(
            recognise("M\tdist/a.html\nD\tdist/b.html\n"),
            Some(Format::GitDiff)
        );
        assert_eq!(recognise("/a.html\n/b/*\n"), None);
        assert_eq!(recognise("upload: d/a to s3://b/a\n/x\n/y\n"), None);
        assert_eq!(recognise(""), None);
    }
}
