//! A path batch: the text a user typed, judged line by line and as a whole.
//!
//! Each non-blank line becomes an item that is kept (sent in its normalized form), dropped
//! (it would change nothing) or rejected (it cannot be sent). Every drop and reject carries a
//! message that names the problem and, where there is one, a fix the user can accept.

mod coverage;
pub mod encode;
mod fixes;
mod item;
pub mod limits;
mod live;
mod pasted;
pub mod path;
mod summary;
pub mod tag;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

pub use fixes::apply_fixes;
pub use item::{BatchItem, Fix, ItemKind, Level, Note, Verdict};
pub use limits::{BatchLimits, ItemCount, TooLarge};
pub use live::LiveBatch;
pub use summary::BatchSummary;

use self::coverage::Wildcards;
use crate::domain::quota::MAX_ITEMS_PER_INVALIDATION;

/// Whether a sent item (path or `#tag`) is a wildcard path: quotas count those apart.
pub fn is_wildcard(item: &str) -> bool {
    !item.starts_with('#') && item.ends_with('*')
}

/// A batch of paths and cache tags, judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathBatch {
    pub items: Vec<BatchItem>,
}

impl PathBatch {
    /// Read a batch from text, one item a line; blank lines are ignored.
    pub fn parse(text: &str) -> Self {
        // A file saved with a byte-order mark would otherwise start with an invisible character.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // Room for every line at once: grown by doubling, 100,000 items would be moved
        // several times and take half as much again as they need.
        let mut items: Vec<BatchItem> = Vec::with_capacity(text.lines().count());
        items.extend(
            text.lines()
                .enumerate()
                .filter(|(_, raw)| !raw.trim().is_empty())
                .map(|(i, raw)| judge_line(i + 1, raw)),
        );
        drop_duplicates(&mut items);
        drop_covered(&mut items);
        hint_trailing_slashes(&mut items);
        Self { items }
    }

    /// Read a batch from separate items (command-line arguments), one item each.
    pub fn from_items<S: AsRef<str>>(items: &[S]) -> Self {
        let text: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
        Self::parse(&text.join("\n"))
    }

    /// What will be sent, in the order typed.
    pub fn kept(&self) -> Vec<String> {
        self.items
            .iter()
            .filter(|i| i.verdict == Verdict::Keep)
            .filter_map(|i| i.normalized.clone())
            .collect()
    }

    pub fn summary(&self) -> BatchSummary {
        BatchSummary::of(&self.items)
    }

    /// Problems of the batch as a whole. An error means it cannot be submitted as it is.
    pub fn problems(&self) -> Vec<Note> {
        self.summary().problems()
    }

    /// Whether the batch can be sent (perhaps as several invalidations).
    pub fn is_submittable(&self) -> bool {
        self.summary().is_submittable()
    }

    /// Whether the batch purges the whole distribution (`/*`) and so needs a second confirmation.
    pub fn purges_everything(&self) -> bool {
        self.summary().whole_distribution
    }

    /// The kept items in invalidations of at most 3,000 items each.
    pub fn parts(&self) -> Vec<Vec<String>> {
        self.kept()
            .chunks(MAX_ITEMS_PER_INVALIDATION)
            .map(<[String]>::to_vec)
            .collect()
    }
}

/// One line judged on its own, before the rest of the batch is looked at.
fn judge_line(line: usize, raw: &str) -> BatchItem {
    let text = raw.trim();
    let mut item = if let Some(v) = pasted::judge_pasted(text) {
        new_item(line, text, ItemKind::Path, v.normalized, v.notes, v.fix)
    } else if text.starts_with('#') {
        match tag::judge_tag(text) {
            Ok(tag) => new_item(line, text, ItemKind::Tag, Some(tag), vec![], None),
            Err((note, fix)) => new_item(line, text, ItemKind::Tag, None, vec![note], fix),
        }
    } else {
        let v = path::judge_path(text);
        new_item(line, text, ItemKind::Path, v.normalized, v.notes, v.fix)
    };
    if text != raw {
        item.notes
            .insert(0, Note::warning("surrounding whitespace removed"));
        if item.fix.is_none() {
            item.fix = Some(Fix::same_meaning(
                "remove the whitespace",
                vec![text.to_string()],
            ));
        }
    }
    item
}

fn new_item(
    line: usize,
    text: &str,
    kind: ItemKind,
    normalized: Option<String>,
    notes: Vec<Note>,
    fix: Option<Fix>,
) -> BatchItem {
    let verdict = if normalized.is_some() {
        Verdict::Keep
    } else {
        Verdict::Reject
    };
    BatchItem {
        line,
        input: text.to_string(),
        kind,
        normalized,
        verdict,
        notes,
        fix,
    }
}

fn drop_item(item: &mut BatchItem, why: String) {
    item.verdict = Verdict::Drop;
    item.notes.insert(0, Note::warning(why));
    // Another line purges the same paths: removing this one changes nothing.
    item.fix = Some(Fix::same_meaning("remove it", vec![]));
}

fn drop_as_duplicate(item: &mut BatchItem, first_line: usize) {
    let why = format!("duplicate of line {first_line}; it would be billed twice");
    drop_item(item, why);
}

fn drop_as_covered(item: &mut BatchItem, prefix: &str, line: usize) {
    let why = format!(
        "already covered by {prefix}* on line {line}; sending it too would bill it as another path"
    );
    drop_item(item, why);
}

/// The same item twice is sent once. Tags compare without case, as CloudFront matches them.
fn drop_duplicates(items: &mut [BatchItem]) {
    // Keys borrow the items (a tag's is lowered), so a batch of 100,000 copies nothing; the
    // drops are made once they are all found.
    let mut first_line: HashMap<Cow<'_, str>, usize> = HashMap::with_capacity(items.len());
    let mut duplicates: Vec<(usize, usize)> = Vec::new();
    for (at, item) in items.iter().enumerate() {
        let (Verdict::Keep, Some(normalized)) = (item.verdict, &item.normalized) else {
            continue;
        };
        let key = match item.kind {
            ItemKind::Tag => Cow::Owned(normalized.to_ascii_lowercase()),
            ItemKind::Path => Cow::Borrowed(normalized.as_str()),
        };
        match first_line.get(&key) {
            Some(&line) => duplicates.push((at, line)),
            None => {
                first_line.insert(key, item.line);
            }
        }
    }
    drop(first_line);
    for (at, line) in duplicates {
        drop_as_duplicate(&mut items[at], line);
    }
}

/// A path that one of the batch's wildcards already covers is dropped.
fn drop_covered(items: &mut [BatchItem]) {
    let wildcards = Wildcards::new(
        items
            .iter()
            .filter(|i| i.verdict == Verdict::Keep && i.is_wildcard())
            .filter_map(|i| {
                Some((
                    i.normalized.as_deref()?.strip_suffix('*')?.to_string(),
                    i.line,
                ))
            })
            .collect(),
    );
    for item in items
        .iter_mut()
        .filter(|i| i.verdict == Verdict::Keep && i.kind == ItemKind::Path)
    {
        let Some(normalized) = item.normalized.as_deref() else {
            continue;
        };
        let key = normalized.strip_suffix('*').unwrap_or(normalized);
        if let Some((prefix, line)) = wildcards.covering(key) {
            drop_as_covered(item, prefix, line);
        }
    }
}

/// `/dir/` may also be cached as `/dir`; CloudFront advises invalidating both when a site is not
/// consistent about the trailing slash (InvalidationBatch, `Path`).
fn hint_trailing_slashes(items: &mut [BatchItem]) {
    let is_kept_path = |i: &BatchItem| i.verdict == Verdict::Keep && i.kind == ItemKind::Path;
    // A wildcard that covers `/dir` covers `/dir/` too, which was then dropped: only kept
    // items need looking at.
    let hinted: Vec<usize> = {
        let kept: HashSet<&str> = items
            .iter()
            .filter(|i| i.verdict == Verdict::Keep)
            .filter_map(|i| i.normalized.as_deref())
            .collect();
        items
            .iter()
            .enumerate()
            .filter(|(_, i)| is_kept_path(i))
            .filter(|(_, i)| {
                let dir = i.normalized.as_deref().and_then(|p| p.strip_suffix('/'));
                dir.is_some_and(|d| !d.is_empty() && !kept.contains(d))
            })
            .map(|(at, _)| at)
            .collect()
    };
    for at in hinted {
        hint_without_slash(&mut items[at], |_| false);
    }
}

/// On a kept path `/dir/` whose `/dir` is not kept, the hint to add it.
fn hint_without_slash(item: &mut BatchItem, is_kept: impl Fn(&str) -> bool) {
    let Some(dir) = item
        .normalized
        .as_deref()
        .and_then(|p| p.strip_suffix('/'))
        .filter(|d| !d.is_empty())
    else {
        return;
    };
    if is_kept(dir) {
        return;
    }
    let typed = item
        .input
        .strip_suffix('/')
        .unwrap_or(&item.input)
        .to_string();
    item.notes.push(Note::hint(format!(
        "{dir} (without the slash) may be cached too; CloudFront advises invalidating both; fix: add {typed}"
    )));
    // It adds a path, so it is offered on this line only; an earlier fix (a split, trimmed
    // whitespace) stays what "fix all" applies.
    if item.fix.is_none() {
        item.fix = Some(Fix::changes_coverage(
            "add it without the slash",
            vec![item.input.clone(), typed],
        ));
    }
}

#[cfg(test)]
mod tests;
