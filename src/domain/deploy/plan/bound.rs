//! Which choices can still be part of the best batch, found before the frontiers are built so
//! that they never hold the others.
//!
//! Lagrangian relaxation: for a price `λ` on each unchanged object, the best "items saved
//! less `λ` × unchanged purged" with at most `k` wildcards (`worth[k]`) takes a few passes of
//! a small table per node, without the bound on unchanged objects. Any batch whose other
//! wildcards are `k` and purge at most `room` unchanged objects saves at most
//! `worth[k] + λ × room` with them. So a choice `(w, saved, extra)` in one part of the site
//! can belong to the best batch only if `saved + worth[limit − w] + λ × (bound − extra)` reaches
//! a batch known to be possible (a relaxed best that keeps the bound). Every `λ` gives a true
//! bound; the search only makes it tight. Prices are fractions `num / DEN`, so all of it is
//! exact integer arithmetic.

/// The price's denominator: prices are multiples of 1/256 of an item.
const DEN: i64 = 256;

/// One node's wildcard: the items it saves and the unchanged objects it purges.
#[derive(Debug, Clone, Copy)]
pub struct Candidate {
    pub saved: u32,
    pub extra: u32,
}

/// The least priced worth a choice needs, per wildcard count, to be kept.
#[derive(Debug, Clone)]
pub struct Floor {
    num: i64,
    need: Vec<i64>,
}

impl Floor {
    /// Keeps everything (when there is nothing to bound).
    pub fn none() -> Self {
        Self {
            num: 0,
            need: Vec::new(),
        }
    }

    /// Whether a choice of `wildcards` wildcards can still be part of the best batch.
    pub fn keeps(&self, wildcards: u8, saved: u32, extra: u32) -> bool {
        match self.need.get(usize::from(wildcards)) {
            Some(need) => i64::from(saved) * DEN - self.num * i64::from(extra) >= *need,
            None => self.need.is_empty(),
        }
    }
}

/// The best priced choice with at most k wildcards: its worth, and what it saves and purges.
#[derive(Debug, Clone, Copy)]
struct Best {
    worth: i64,
    saved: i64,
    extra: i64,
}

const NOTHING: Best = Best {
    worth: 0,
    saved: 0,
    extra: 0,
};

/// `parents[id]` is the node's parent (`None` at the root), children after their parent;
/// `own[id]` the node's allowed wildcard.
pub fn floor(
    parents: &[Option<usize>],
    own: &[Option<Candidate>],
    limit: usize,
    bound: u32,
) -> Floor {
    if own.iter().all(Option::is_none) || limit == 0 {
        return Floor::none();
    }
    let bound = i64::from(bound);
    let total_saved: i64 = own.iter().flatten().map(|c| i64::from(c.saved)).sum();
    let mut best_possible = 0i64;
    let mut tightest: Option<(i64, i64, Vec<Best>)> = None;
    let mut judge = |num: i64, worth: Vec<Best>| {
        let top = worth[limit];
        let possible = top.extra <= bound;
        // Any of the relaxed bests that keeps the bound is a batch that can be made.
        for best in worth.iter().filter(|b| b.extra <= bound) {
            best_possible = best_possible.max(best.saved);
        }
        // What any batch within the bound can save at most, times DEN.
        let ceiling = top.worth + num * bound;
        if tightest.as_ref().is_none_or(|(c, _, _)| ceiling < *c) {
            tightest = Some((ceiling, num, worth));
        }
        possible
    };
    // At no price the relaxed best may already keep the bound; a price above every saving
    // makes it purge nothing unchanged, so it does.
    let mut lo = 0;
    let mut hi = (total_saved + 1) * DEN;
    if !judge(0, priced(parents, own, limit, 0)) {
        judge(hi, priced(parents, own, limit, hi));
        while hi - lo > 1 && hi - lo > hi / 128 {
            // Down fast from the high end, then halve.
            let mid = if lo == 0 && hi > 64 * DEN {
                hi / 8
            } else {
                lo + (hi - lo) / 2
            };
            if judge(mid, priced(parents, own, limit, mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
    }
    let Some((_, num, worth)) = tightest else {
        return Floor::none();
    };
    let need = (0..=limit)
        .map(|w| best_possible * DEN - num * bound - worth[limit - w].worth)
        .collect();
    Floor { num, need }
}

/// For the price `num / DEN`, the best priced choice over the whole site per wildcard count.
fn priced(
    parents: &[Option<usize>],
    own: &[Option<Candidate>],
    limit: usize,
    num: i64,
) -> Vec<Best> {
    let width = limit + 1;
    let mut table = vec![NOTHING; parents.len() * width];
    let mut root = vec![NOTHING; width];
    let mut joined = vec![NOTHING; width];
    for id in (0..parents.len()).rev() {
        let row = id * width..(id + 1) * width;
        if let Some(c) = own[id] {
            let mine = Best {
                worth: i64::from(c.saved) * DEN - num * i64::from(c.extra),
                saved: i64::from(c.saved),
                extra: i64::from(c.extra),
            };
            for best in &mut table[row.clone()][1..] {
                if mine.worth > best.worth {
                    *best = mine;
                }
            }
        }
        let (target, child) = match parents[id] {
            None => {
                root.copy_from_slice(&table[row]);
                continue;
            }
            Some(parent) => {
                let (head, tail) = table.split_at_mut(id * width);
                (
                    &mut head[parent * width..(parent + 1) * width],
                    &tail[..width],
                )
            }
        };
        // Children are disjoint: the best of k is the best split of k between the two.
        for k in 0..width {
            let mut best = target[k];
            for j in 1..=k {
                let a = target[k - j];
                let b = child[j];
                if a.worth + b.worth > best.worth {
                    best = Best {
                        worth: a.worth + b.worth,
                        saved: a.saved + b.saved,
                        extra: a.extra + b.extra,
                    };
                }
            }
            joined[k] = best;
        }
        target.copy_from_slice(&joined);
    }
    root
}
