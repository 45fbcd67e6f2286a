//! A batch judged as it is edited (the compose form's): an edit judges the lines it replaces
//! and settles again only the lines whose verdict they can change, not the whole batch.
//!
//! An item's verdict depends on the rest of the batch in two ways: a duplicate is dropped in
//! favour of the first line holding the same item, and a path under one of the batch's
//! wildcards is dropped. So next to each line's verdict this keeps the lines holding each item
//! (in line order) and the batch's wildcard prefixes; the paths a prefix covers are a range of
//! the sorted item keys. Notes that name another line are written when an item is read, so an
//! inserted line renumbers nothing stored. What it reads out is what [`PathBatch::parse`] gives
//! for the same text (`live/tests.rs` holds it to that).

mod holders;

use std::ops::Range;

use self::holders::Holders;

use super::summary::Counts;
use super::{
    BatchItem, BatchSummary, ItemKind, Note, PathBatch, Verdict, drop_as_covered,
    drop_as_duplicate, hint_without_slash, judge_line,
};
use crate::domain::quota::{InProgressLoad, MAX_ITEMS_PER_INVALIDATION};

const BYTE_ORDER_MARK: char = '\u{feff}';

/// A line's place in `entries`; it stays the same while other lines come and go.
type Id = usize;

/// Where an item stands once the rest of the batch is looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    Blank,
    Keep,
    Reject,
    Duplicate,
    Covered,
}

impl Standing {
    fn verdict(self) -> Option<Verdict> {
        match self {
            Standing::Blank => None,
            Standing::Keep => Some(Verdict::Keep),
            Standing::Reject => Some(Verdict::Reject),
            Standing::Duplicate | Standing::Covered => Some(Verdict::Drop),
        }
    }
}

#[derive(Debug, Clone)]
struct Line {
    /// As in the editor: what the next edit is compared with.
    raw: String,
    id: Id,
}

#[derive(Debug, Clone)]
struct Entry {
    /// The line judged on its own (its `line` is set when read); none when blank.
    item: Option<BatchItem>,
    standing: Standing,
}

#[derive(Debug, Clone, Default)]
pub struct LiveBatch {
    lines: Vec<Line>,
    /// By id; none for a free id.
    entries: Vec<Option<Entry>>,
    /// The 0-based line of each id in use.
    line_of: Vec<usize>,
    free: Vec<Id>,
    holders: Holders,
    counts: Counts,
    /// Lines judged or settled again by the last edit: what tests check an edit costs.
    #[cfg(test)]
    work: usize,
}

impl LiveBatch {
    pub fn from_lines<S: AsRef<str>>(lines: &[S]) -> Self {
        let mut batch = Self::default();
        batch.edit(0..0, lines);
        batch
    }

    /// How many lines the batch has, blank ones included.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Become `lines`: the lines that differ are those between the longest common beginning
    /// and end, so a one-line edit anywhere is judged as one.
    pub fn sync<S: AsRef<str>>(&mut self, lines: &[S]) {
        let (old, new) = (self.lines.len(), lines.len());
        let shorter = old.min(new);
        let same = |a: usize, b: usize| self.lines[a].raw == lines[b].as_ref();
        let head = (0..shorter).take_while(|&i| same(i, i)).count();
        if head == old && head == new {
            return;
        }
        let tail = (0..shorter - head)
            .take_while(|&i| same(old - 1 - i, new - 1 - i))
            .count();
        self.edit(head..old - tail, &lines[head..new - tail]);
    }

    /// Replace the lines in `replaced` (0-based, clamped to the batch) by `new`.
    pub fn edit<S: AsRef<str>>(&mut self, replaced: Range<usize>, new: &[S]) {
        let len = self.lines.len();
        let mut start = replaced.start.min(len);
        let mut end = replaced.end.clamp(start, len);
        let mut raws: Vec<String> = new.iter().map(|l| l.as_ref().to_string()).collect();
        // Read as text, every line but the last loses a trailing CR and the first a byte-order
        // mark (`str::lines`, `PathBatch::parse`): a line that may stop or start being last or
        // first is judged again.
        if end == len && start > 0 && self.lines[start - 1].raw.ends_with('\r') {
            start -= 1;
            raws.insert(0, self.lines[start].raw.clone());
        }
        if start == 0 && end < len && self.lines[end].raw.starts_with(BYTE_ORDER_MARK) {
            raws.push(self.lines[end].raw.clone());
            end += 1;
        }
        #[cfg(test)]
        {
            self.work = 0;
        }
        let mut unsettled = Vec::new();
        for at in start..end {
            self.detach(self.lines[at].id, &mut unsettled);
        }
        let added: Vec<Line> = raws
            .into_iter()
            .map(|raw| Line {
                raw,
                id: self.allocate(),
            })
            .collect();
        let count = added.len();
        self.lines.splice(start..end, added);
        // Lines after an insertion or a removal move; their ids stay.
        let moved = if count == end - start {
            start + count
        } else {
            self.lines.len()
        };
        for (at, line) in self.lines.iter().enumerate().take(moved).skip(start) {
            self.line_of[line.id] = at;
        }
        let last = self.lines.len().saturating_sub(1);
        for at in start..start + count {
            let raw = read_as_text(&self.lines[at].raw, at == 0, at == last);
            let item = (!raw.trim().is_empty()).then(|| judge_line(0, raw));
            let id = self.lines[at].id;
            self.entries[id] = Some(Entry {
                item,
                standing: Standing::Blank,
            });
            self.attach(id, &mut unsettled);
            unsettled.push(id);
        }
        for id in unsettled {
            self.settle(id);
        }
    }

    /// The verdict on line `line` (0-based), as `PathBatch::parse` gives it; none when blank.
    pub fn item(&self, line: usize) -> Option<BatchItem> {
        let id = self.lines.get(line)?.id;
        let entry = self.entries.get(id)?.as_ref()?;
        let mut item = entry.item.clone()?;
        item.line = line + 1;
        match entry.standing {
            Standing::Duplicate => {
                let first = self.holders.first(&item)?;
                drop_as_duplicate(&mut item, self.line_of[first] + 1);
            }
            Standing::Covered => {
                let (prefix, first) = self.holders.covering(&item)?;
                let prefix = prefix.to_string();
                drop_as_covered(&mut item, &prefix, self.line_of[first] + 1);
            }
            Standing::Keep if item.kind == ItemKind::Path => {
                // A kept `/dir/` is not covered, so neither is `/dir`: held means kept.
                hint_without_slash(&mut item, |dir| self.holders.holds_path(dir));
            }
            _ => {}
        }
        Some(item)
    }

    /// Every line's verdict, as `PathBatch::parse` of the text gives them.
    pub fn to_batch(&self) -> PathBatch {
        PathBatch {
            items: (0..self.lines.len()).filter_map(|l| self.item(l)).collect(),
        }
    }

    pub fn summary(&self) -> BatchSummary {
        self.counts.summary()
    }

    /// Problems of the batch as a whole (see [`PathBatch::problems`]).
    pub fn problems(&self) -> Vec<Note> {
        self.summary().problems()
    }

    pub fn is_submittable(&self) -> bool {
        self.summary().is_submittable()
    }

    pub fn purges_everything(&self) -> bool {
        self.summary().whole_distribution
    }

    /// What will be sent, in the order typed.
    pub fn kept(&self) -> Vec<String> {
        self.lines
            .iter()
            .filter_map(|line| {
                let entry = self.entries.get(line.id)?.as_ref()?;
                let item = entry.item.as_ref()?;
                (entry.standing == Standing::Keep).then(|| item.normalized.clone())?
            })
            .collect()
    }

    /// The kept items in invalidations of at most 3,000 items each.
    pub fn parts(&self) -> Vec<Vec<String>> {
        self.kept()
            .chunks(MAX_ITEMS_PER_INVALIDATION)
            .map(<[String]>::to_vec)
            .collect()
    }

    /// The load the first part puts on a target: without listing it while it is all.
    pub fn first_part_load(&self) -> InProgressLoad {
        let s = self.summary();
        if s.parts > 1 {
            let first = self.parts().into_iter().next().unwrap_or_default();
            return InProgressLoad::of_items(&first);
        }
        InProgressLoad {
            invalidations: 1,
            file_paths: s.kept() - s.wildcards,
            wildcards: s.wildcards,
        }
    }

    fn allocate(&mut self) -> Id {
        if let Some(id) = self.free.pop() {
            return id;
        }
        self.entries.push(None);
        self.line_of.push(0);
        self.entries.len() - 1
    }

    /// Take a line out of the counts and the indexes, and free its id.
    fn detach(&mut self, id: Id, unsettled: &mut Vec<Id>) {
        let Some(entry) = self.entries.get_mut(id).and_then(Option::take) else {
            return;
        };
        if let (Some(verdict), Some(item)) = (entry.standing.verdict(), &entry.item) {
            self.counts.remove(verdict, item);
        }
        if let Some(item) = entry.item.filter(|i| i.verdict == Verdict::Keep) {
            self.holders.remove(id, &item, unsettled);
        }
        self.free.push(id);
    }

    /// Add a line that holds an item to its holders.
    fn attach(&mut self, id: Id, unsettled: &mut Vec<Id>) {
        let item = self.entries[id].as_ref().and_then(|e| e.item.as_ref());
        if let Some(item) = item.filter(|i| i.verdict == Verdict::Keep) {
            self.holders.add(id, item, &self.line_of, unsettled);
        }
    }

    /// Judge a line's standing again, and move it in the counts if it changed.
    fn settle(&mut self, id: Id) {
        #[cfg(test)]
        {
            self.work += 1;
        }
        let Some(entry) = self.entries.get(id).and_then(Option::as_ref) else {
            return;
        };
        let standing = self.standing(id, entry);
        if standing == entry.standing {
            return;
        }
        if let Some(item) = &entry.item {
            if let Some(verdict) = entry.standing.verdict() {
                self.counts.remove(verdict, item);
            }
            if let Some(verdict) = standing.verdict() {
                self.counts.add(verdict, item);
            }
        }
        if let Some(entry) = self.entries.get_mut(id).and_then(Option::as_mut) {
            entry.standing = standing;
        }
    }

    fn standing(&self, id: Id, entry: &Entry) -> Standing {
        let Some(item) = &entry.item else {
            return Standing::Blank;
        };
        if item.verdict == Verdict::Reject {
            return Standing::Reject;
        }
        if self.holders.first(item) != Some(id) {
            return Standing::Duplicate;
        }
        if self.holders.covering(item).is_some() {
            return Standing::Covered;
        }
        Standing::Keep
    }
}

/// The line as `PathBatch::parse` reads it from the joined text.
fn read_as_text(raw: &str, first: bool, last: bool) -> &str {
    let raw = if first {
        raw.strip_prefix(BYTE_ORDER_MARK).unwrap_or(raw)
    } else {
        raw
    };
    if last {
        raw
    } else {
        raw.strip_suffix('\r').unwrap_or(raw)
    }
}

#[cfg(test)]
mod tests;
