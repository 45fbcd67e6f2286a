//! Which lines hold each item of a live batch, and the batch's wildcards: what duplicates and
//! coverage are judged from.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Bound;

use super::Id;
use crate::domain::batch::{BatchItem, ItemKind};

#[derive(Debug, Clone, Default)]
pub struct Holders {
    /// The lines holding each path (as sent), in line order; sorted, so the paths that begin
    /// with a prefix are a range.
    paths: BTreeMap<String, Vec<Id>>,
    /// The lines holding each tag, compared without case (as CloudFront matches them).
    tags: HashMap<String, Vec<Id>>,
    /// The prefixes of the batch's wildcards: `/img/` for `/img/*`.
    wildcards: HashSet<String>,
    /// How many of those prefixes have each length (in bytes): a path is looked up at these
    /// lengths only, a few for most batches.
    prefix_lengths: BTreeMap<usize, usize>,
}

impl Holders {
    /// Add line `id` to the holders of `item`, in line order (`line_of`). Adds to `unsettled`
    /// the lines whose standing this may change: the first holder it displaces, or every path
    /// under a wildcard new to the batch.
    pub fn add(&mut self, id: Id, item: &BatchItem, line_of: &[usize], unsettled: &mut Vec<Id>) {
        let line = line_of[id];
        let holders = match item.kind {
            ItemKind::Path => self
                .paths
                .entry(item.normalized.clone().unwrap_or_default())
                .or_default(),
            ItemKind::Tag => self.tags.entry(tag_key(item)).or_default(),
        };
        let at = holders.partition_point(|&h| line_of[h] < line);
        holders.insert(at, id);
        if holders.len() > 1 {
            if at == 0 {
                unsettled.push(holders[1]);
            }
            return;
        }
        if let Some(prefix) = wildcard_prefix(item).map(str::to_string) {
            self.unsettle_covered(&prefix, unsettled);
            *self.prefix_lengths.entry(prefix.len()).or_default() += 1;
            self.wildcards.insert(prefix);
        }
    }

    /// Take line `id` out of the holders of `item`. Adds to `unsettled` the next holder when it
    /// becomes the first, or every path under a wildcard no line holds any more.
    pub fn remove(&mut self, id: Id, item: &BatchItem, unsettled: &mut Vec<Id>) {
        let Some(holders) = self.holders_mut(item) else {
            return;
        };
        let Some(at) = holders.iter().position(|&h| h == id) else {
            return;
        };
        holders.remove(at);
        match holders.first() {
            Some(&first) if at == 0 => unsettled.push(first),
            Some(_) => {}
            None => {
                self.forget(item);
                if let Some(prefix) = wildcard_prefix(item) {
                    self.wildcards.remove(prefix);
                    if let Some(n) = self.prefix_lengths.get_mut(&prefix.len()) {
                        *n -= 1;
                        if *n == 0 {
                            self.prefix_lengths.remove(&prefix.len());
                        }
                    }
                    self.unsettle_covered(prefix, unsettled);
                }
            }
        }
    }

    /// The first line holding `item`: the one kept when others repeat it.
    pub fn first(&self, item: &BatchItem) -> Option<Id> {
        let holders = match item.kind {
            ItemKind::Path => self.paths.get(item.normalized.as_deref()?),
            ItemKind::Tag => self.tags.get(&tag_key(item)),
        };
        holders?.first().copied()
    }

    /// The wildcard (its prefix, and the first line holding it) that covers a path item: the
    /// shortest one the path extends.
    pub fn covering<'k>(&self, item: &'k BatchItem) -> Option<(&'k str, Id)> {
        if item.kind != ItemKind::Path {
            return None;
        }
        let path = item.normalized.as_deref()?;
        // A wildcard is covered as its prefix: `/img/*` by `/i*`, not by itself.
        let key = path.strip_suffix('*').unwrap_or(path);
        let prefix = self
            .prefix_lengths
            .range(..key.len())
            .filter_map(|(&len, _)| key.get(..len))
            .find(|prefix| self.wildcards.contains(*prefix))?;
        let first = self.paths.get(&format!("{prefix}*"))?.first()?;
        Some((prefix, *first))
    }

    /// Whether some line holds `path`.
    pub fn holds_path(&self, path: &str) -> bool {
        self.paths.contains_key(path)
    }

    /// Add to `unsettled` the first holder of every path `prefix` covers: a range of `paths`.
    fn unsettle_covered(&self, prefix: &str, unsettled: &mut Vec<Id>) {
        let under = self
            .paths
            .range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
            .take_while(|(path, _)| path.starts_with(prefix));
        for (path, holders) in under {
            let key = path.strip_suffix('*').unwrap_or(path);
            if key.len() > prefix.len() {
                unsettled.extend(holders.first());
            }
        }
    }

    fn holders_mut(&mut self, item: &BatchItem) -> Option<&mut Vec<Id>> {
        match item.kind {
            ItemKind::Path => self.paths.get_mut(item.normalized.as_deref()?),
            ItemKind::Tag => self.tags.get_mut(&tag_key(item)),
        }
    }

    fn forget(&mut self, item: &BatchItem) {
        match item.kind {
            ItemKind::Path => {
                if let Some(path) = item.normalized.as_deref() {
                    self.paths.remove(path);
                }
            }
            ItemKind::Tag => {
                self.tags.remove(&tag_key(item));
            }
        }
    }
}

fn tag_key(item: &BatchItem) -> String {
    item.normalized
        .as_deref()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

fn wildcard_prefix(item: &BatchItem) -> Option<&str> {
    if !item.is_wildcard() {
        return None;
    }
    item.normalized.as_deref()?.strip_suffix('*')
}
