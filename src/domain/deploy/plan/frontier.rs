//! The choices of wildcards inside one part of the site, kept only where no other choice is
//! at least as good in every way: no more wildcards, at least as many items saved, no more
//! unchanged objects purged. Adding two parts' choices keeps that order (each measure is a
//! sum), so the best whole is built from the parts' best.

use super::bound::Floor;

/// No pick: the empty choice (no wildcard), which every frontier holds without storing it.
pub const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub wildcards: u8,
    /// Items saved: changed paths covered, less the wildcards that cover them.
    pub saved: u32,
    pub extra: u32,
    /// Which wildcards, in the [`Picks`] arena.
    pub pick: u32,
}

/// How a choice was made: one node's wildcard, or two choices together.
#[derive(Debug, Clone, Copy)]
pub enum Pick {
    Node(u32),
    Join(u32, u32),
}

#[derive(Debug, Default)]
pub struct Picks(Vec<Pick>);

impl Picks {
    pub fn add(&mut self, pick: Pick) -> u32 {
        self.0.push(pick);
        u32::try_from(self.0.len() - 1).unwrap_or(NONE)
    }

    /// The nodes a pick stands for.
    pub fn nodes(&self, pick: u32) -> Vec<u32> {
        let mut out = Vec::new();
        let mut todo = vec![pick];
        while let Some(at) = todo.pop() {
            match self.0.get(at as usize) {
                Some(Pick::Node(n)) => out.push(*n),
                Some(Pick::Join(a, b)) => todo.extend([*a, *b]),
                None => {}
            }
        }
        out
    }
}

/// The bounds every kept choice stays within.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    pub wildcards: u8,
    pub extra: u32,
}

/// A choice waiting to be kept or dropped: its pick is made only if it is kept.
#[derive(Clone, Copy)]
struct Pending {
    wildcards: u8,
    saved: u32,
    extra: u32,
    a: u32,
    b: u32,
}

/// The frontier of two disjoint parts together: each alone, and every pair.
pub fn join(
    a: &[Point],
    b: &[Point],
    bounds: Bounds,
    floor: &Floor,
    picks: &mut Picks,
) -> Vec<Point> {
    if a.is_empty() {
        return b.to_vec();
    }
    if b.is_empty() {
        return a.to_vec();
    }
    let mut pending: Vec<Pending> = Vec::with_capacity(a.len() + b.len() + a.len() * b.len());
    let alone = |p: &Point| Pending {
        wildcards: p.wildcards,
        saved: p.saved,
        extra: p.extra,
        a: p.pick,
        b: NONE,
    };
    pending.extend(a.iter().chain(b).map(alone));
    for p in a {
        for q in b {
            let wildcards = p.wildcards + q.wildcards;
            let extra = p.extra.saturating_add(q.extra);
            let saved = p.saved + q.saved;
            if wildcards <= bounds.wildcards
                && extra <= bounds.extra
                && floor.keeps(wildcards, saved, extra)
            {
                pending.push(Pending {
                    wildcards,
                    saved,
                    extra,
                    a: p.pick,
                    b: q.pick,
                });
            }
        }
    }
    keep_best(pending, picks)
}

/// A frontier with one more choice added (a node's own wildcard).
pub fn with(points: Vec<Point>, point: Point, picks: &mut Picks) -> Vec<Point> {
    let mut pending: Vec<Pending> = points
        .iter()
        .chain(std::iter::once(&point))
        .map(|p| Pending {
            wildcards: p.wildcards,
            saved: p.saved,
            extra: p.extra,
            a: p.pick,
            b: NONE,
        })
        .collect();
    pending.shrink_to_fit();
    keep_best(pending, picks)
}

/// Drops every choice another is at least as good as (and the empty choice's equals).
fn keep_best(mut pending: Vec<Pending>, picks: &mut Picks) -> Vec<Point> {
    pending.sort_unstable_by(|x, y| {
        (x.wildcards, x.extra, std::cmp::Reverse(x.saved)).cmp(&(
            y.wildcards,
            y.extra,
            std::cmp::Reverse(y.saved),
        ))
    });
    // Per number of wildcards, the kept ones by extra ascending (saved then strictly rises).
    let mut kept: Vec<Vec<Point>> = Vec::new();
    for p in pending {
        // The empty choice saves nothing with nothing extra: only a saving can beat it.
        if p.saved == 0 {
            continue;
        }
        let beaten = kept.iter().any(|group| {
            let at = group.partition_point(|q| q.extra <= p.extra);
            at > 0 && group[at - 1].saved >= p.saved
        });
        if beaten {
            continue;
        }
        let pick = if p.b == NONE {
            p.a
        } else {
            picks.add(Pick::Join(p.a, p.b))
        };
        let point = Point {
            wildcards: p.wildcards,
            saved: p.saved,
            extra: p.extra,
            pick,
        };
        match kept.last_mut() {
            Some(group) if group.first().is_some_and(|q| q.wildcards == p.wildcards) => {
                group.push(point)
            }
            _ => kept.push(vec![point]),
        }
    }
    kept.into_iter().flatten().collect()
}
