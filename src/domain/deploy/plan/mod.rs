//! The cheapest batch that purges every changed path.
//!
//! A CloudFront wildcard is a prefix followed by `*`, matching any characters after it
//! (`/img/a*` covers `/img/a.png` and `/img/ab/c`), and costs one path (Amazon CloudFront
//! pricing, invalidation requests). So a batch is a set of wildcards plus the changed paths
//! none of them covers; it costs its item count, and it is bounded by the wildcards the
//! target may still have in progress (CloudFront Developer Guide, "Quotas": 15) and by how
//! many unchanged objects the user lets it purge.
//!
//! The changed paths, sorted, form a compressed trie: every prefix of a changed path covers
//! the changed paths under one node, and the longest such prefix purges the fewest unchanged
//! objects. Each node keeps the frontier of its best choices (frontier.rs), built from its
//! children's and its own wildcard; the root's frontier holds the optimum. The chosen batch
//! is the one with the fewest items, then the fewest unchanged objects, then the fewest
//! wildcards.

mod frontier;
#[cfg(test)]
mod tests;

use frontier::{Bounds, NONE, Pick, Picks, Point};

use crate::domain::quota::{MAX_FILE_PATHS_IN_PROGRESS, MAX_ITEMS_PER_INVALIDATION};

/// What the batch may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanLimits {
    /// Wildcards the batch may hold: 15 less what the target has in progress.
    pub wildcards: usize,
    /// Unchanged objects it may purge (when the objects are known).
    pub max_extra: usize,
    /// Wildcards only for whole folders this deep or deeper (`/img/` is 1, `/` is 0). When
    /// the objects are not known, no wildcard at all without it.
    pub folder_depth: Option<usize>,
    /// File paths the target has in progress, to say whether the batch can start now.
    pub file_paths_in_progress: usize,
}

impl Default for PlanLimits {
    fn default() -> Self {
        Self {
            wildcards: crate::domain::quota::MAX_WILDCARDS_IN_PROGRESS,
            max_extra: 0,
            folder_depth: None,
            file_paths_in_progress: 0,
        }
    }
}

/// One batch and what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Wildcards and paths, sorted.
    pub items: Vec<String>,
    pub wildcards: usize,
    /// Unchanged objects the wildcards purge; none when the objects are not known.
    pub extra: Option<usize>,
    /// Those objects, when known.
    pub extra_paths: Option<Vec<String>>,
    /// Changed paths no item covers (always 0: kept to be checked).
    pub uncovered: usize,
}

impl Plan {
    /// Items that are not wildcards (what the in-progress file path quota counts).
    pub fn file_paths(&self) -> usize {
        self.items.len() - self.wildcards
    }

    /// Whether it goes as one invalidation and can start beside what is in progress.
    pub fn fits(&self, limits: &PlanLimits) -> bool {
        self.items.len() <= MAX_ITEMS_PER_INVALIDATION
            && self.file_paths() + limits.file_paths_in_progress <= MAX_FILE_PATHS_IN_PROGRESS
    }
}

/// The exact batch (every changed path) and the planned one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// Distinct changed paths read.
    pub changed: usize,
    pub exact: Plan,
    pub planned: Plan,
    /// Whether any wildcard was allowed at all (no objects and no folder depth: none).
    pub wildcards_allowed: bool,
}

/// Plan the batch for `changed` URL paths, given every object's own path when known.
pub fn plan(changed: &[String], objects: Option<&[String]>, limits: &PlanLimits) -> Planned {
    let mut paths: Vec<&str> = changed.iter().map(String::as_str).collect();
    paths.sort_unstable();
    paths.dedup();
    let unchanged = objects.map(|o| unchanged_objects(o, &paths));
    let exact = Plan {
        items: paths.iter().map(|p| p.to_string()).collect(),
        wildcards: 0,
        extra: unchanged.as_ref().map(|_| 0),
        extra_paths: unchanged.as_ref().map(|_| Vec::new()),
        uncovered: 0,
    };
    let wildcards_allowed = (unchanged.is_some() || limits.folder_depth.is_some())
        && limits.wildcards > 0
        && paths.len() > 1;
    let planned = if wildcards_allowed {
        let trie = Trie::build(&paths);
        choose(&trie, &paths, unchanged.as_deref(), limits)
    } else {
        exact.clone()
    };
    Planned {
        changed: paths.len(),
        exact,
        planned,
        wildcards_allowed,
    }
}

/// Objects that did not change, sorted: the objects whose own path is not a changed one.
fn unchanged_objects<'a>(objects: &'a [String], changed: &[&str]) -> Vec<&'a str> {
    let mut all: Vec<&str> = objects.iter().map(String::as_str).collect();
    all.sort_unstable();
    all.dedup();
    let mut at = 0;
    all.retain(|o| {
        while at < changed.len() && changed[at] < *o {
            at += 1;
        }
        changed.get(at) != Some(o)
    });
    all
}

/// A node: the changed paths `lo..hi` (sorted) share its first `len` bytes; its parent's
/// share only `parent_len`. Only nodes of two or more paths are kept: one path alone is
/// never better purged by a wildcard.
struct Node {
    lo: usize,
    hi: usize,
    len: usize,
    parent_len: usize,
    parent: u32,
}

struct Trie {
    /// In depth-first order: a child comes after its parent.
    nodes: Vec<Node>,
}

impl Trie {
    fn build(paths: &[&str]) -> Self {
        let mut nodes = Vec::new();
        let mut todo = vec![(0, paths.len(), 0, NONE)];
        while let Some((lo, hi, parent_len, parent)) = todo.pop() {
            let len = common_prefix(paths[lo], paths[hi - 1]);
            let id = u32::try_from(nodes.len()).unwrap_or(NONE);
            nodes.push(Node {
                lo,
                hi,
                len,
                parent_len,
                parent,
            });
            // The path that ends here sorts first; the rest group by their next byte.
            let mut i = if paths[lo].len() == len { lo + 1 } else { lo };
            while i < hi {
                let byte = paths[i].as_bytes()[len];
                let end = i + paths[i..hi].partition_point(|p| p.as_bytes()[len] <= byte);
                if end - i > 1 {
                    todo.push((i, end, len, id));
                }
                i = end;
            }
        }
        Self { nodes }
    }
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

/// The wildcard's prefix for a node: the longest that covers only its paths and is allowed
/// (never inside a `%XX` escape; with a folder depth, a whole folder that deep).
fn wildcard_prefix<'a>(node: &Node, path: &'a str, depth: Option<usize>) -> Option<&'a str> {
    let bytes = path.as_bytes();
    let mut lengths = (node.parent_len + 1..=node.len).rev();
    let len = match depth {
        Some(depth) => lengths
            .find(|&l| bytes[l - 1] == b'/')
            .filter(|&l| bytes[..l].iter().filter(|&&b| b == b'/').count() > depth)?,
        None => lengths.find(|&l| {
            let cuts = bytes[l - 1] == b'%' || (l >= 2 && bytes[l - 2] == b'%');
            !cuts
        })?,
    };
    // A path is at most 4,000 characters (InvalidationBatch, `Path`), the `*` included.
    (len < 4_000).then(|| &path[..len])
}

/// The objects in `sorted` that begin with `prefix`.
fn under<'a, 'b>(sorted: &'a [&'b str], prefix: &str) -> &'a [&'b str] {
    let lo = sorted.partition_point(|o| *o < prefix);
    let hi = lo + sorted[lo..].partition_point(|o| o.starts_with(prefix));
    &sorted[lo..hi]
}

fn choose(trie: &Trie, paths: &[&str], unchanged: Option<&[&str]>, limits: &PlanLimits) -> Plan {
    let bounds = Bounds {
        wildcards: u8::try_from(limits.wildcards.min(usize::from(u8::MAX))).unwrap_or(0),
        extra: match unchanged {
            Some(_) => u32::try_from(limits.max_extra).unwrap_or(u32::MAX),
            None => 0,
        },
    };
    let mut picks = Picks::default();
    let mut frontiers: Vec<Vec<Point>> = vec![Vec::new(); trie.nodes.len()];
    let mut prefixes: Vec<Option<&str>> = vec![None; trie.nodes.len()];
    let mut root = Vec::new();
    for id in (0..trie.nodes.len()).rev() {
        let node = &trie.nodes[id];
        let mut points = std::mem::take(&mut frontiers[id]);
        if let Some(prefix) = wildcard_prefix(node, paths[node.lo], limits.folder_depth) {
            let extra = unchanged.map_or(0, |u| under(u, prefix).len());
            if u32::try_from(extra).is_ok_and(|e| e <= bounds.extra) && bounds.wildcards > 0 {
                prefixes[id] = Some(prefix);
                let point = Point {
                    wildcards: 1,
                    saved: u32::try_from(node.hi - node.lo - 1).unwrap_or(0),
                    extra: u32::try_from(extra).unwrap_or(u32::MAX),
                    pick: picks.add(Pick::Node(u32::try_from(id).unwrap_or(NONE))),
                };
                points = frontier::with(points, point, &mut picks);
            }
        }
        match node.parent {
            NONE => root = points,
            parent => {
                let parent = parent as usize;
                let siblings = std::mem::take(&mut frontiers[parent]);
                frontiers[parent] = frontier::join(&siblings, &points, bounds, &mut picks);
            }
        }
    }
    // Fewest items (most saved), then fewest unchanged objects, then fewest wildcards.
    let best = root
        .iter()
        .min_by_key(|p| (std::cmp::Reverse(p.saved), p.extra, p.wildcards));
    let chosen: Vec<u32> = best.map_or_else(Vec::new, |p| picks.nodes(p.pick));
    batch_of(trie, paths, unchanged, &prefixes, &chosen)
}

fn batch_of(
    trie: &Trie,
    paths: &[&str],
    unchanged: Option<&[&str]>,
    prefixes: &[Option<&str>],
    chosen: &[u32],
) -> Plan {
    let mut covered = vec![false; paths.len()];
    let mut items = Vec::new();
    let mut extra_paths = unchanged.map(|_| Vec::new());
    for &id in chosen {
        let node = &trie.nodes[id as usize];
        let Some(prefix) = prefixes[id as usize] else {
            continue;
        };
        covered[node.lo..node.hi].fill(true);
        items.push(format!("{prefix}*"));
        if let (Some(list), Some(u)) = (extra_paths.as_mut(), unchanged) {
            list.extend(under(u, prefix).iter().map(|o| o.to_string()));
        }
    }
    let wildcards = items.len();
    items.extend(
        paths
            .iter()
            .zip(&covered)
            .filter(|(_, c)| !**c)
            .map(|(p, _)| p.to_string()),
    );
    items.sort_unstable();
    if let Some(list) = extra_paths.as_mut() {
        list.sort_unstable();
    }
    // Checked again from the items themselves: a batch that misses a change is never offered.
    let wildcard_items: Vec<&String> = items.iter().filter(|i| i.ends_with('*')).collect();
    let uncovered = paths
        .iter()
        .filter(|p| {
            items.binary_search_by(|i| i.as_str().cmp(p)).is_err()
                && !wildcard_items.iter().any(|w| covers(w, p))
        })
        .count();
    Plan {
        items,
        wildcards,
        extra: extra_paths.as_ref().map(Vec::len),
        extra_paths,
        uncovered,
    }
}

/// Whether a sent item purges `path`: itself, or a wildcard whose prefix it begins with.
pub fn covers(item: &str, path: &str) -> bool {
    match item.strip_suffix('*') {
        Some(prefix) => path.starts_with(prefix),
        None => item == path,
    }
}
