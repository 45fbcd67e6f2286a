//! The choices of wildcards inside one part of the site, kept only where no other choice is
//! at least as good in every way: no more wildcards, at least as many items saved, no more
//! unchanged objects purged. Adding two parts' choices keeps that order (each measure is a
//! sum), so the best whole is built from the parts' best.

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
///
/// Built one wildcard count at a time: a frontier's points of one count are sorted by
/// unchanged objects, so the pairs of two counts stop at the bound, and a new point needs
/// checking only against its own count's points and the staircase of the fewer counts.
pub fn join(a: &[Point], b: &[Point], bounds: Bounds, picks: &mut Picks) -> Vec<Point> {
    if a.is_empty() {
        return b.to_vec();
    }
    if b.is_empty() {
        return a.to_vec();
    }
    let (groups_a, groups_b) = (groups(a), groups(b));
    let mut out: Vec<Point> = Vec::with_capacity(a.len() + b.len());
    // The fewer counts' best saving by unchanged objects: extra ascending, saved rising.
    let mut lower: Vec<(u32, u32)> = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    let top = groups_a
        .last()
        .map_or(0, |g| g.0)
        .saturating_add(groups_b.last().map_or(0, |g| g.0))
        .min(bounds.wildcards);
    for w in 1..=top {
        pending.clear();
        let alone = |p: &Point| Pending {
            wildcards: p.wildcards,
            saved: p.saved,
            extra: p.extra,
            a: p.pick,
            b: NONE,
        };
        pending.extend(slice(a, &groups_a, w).iter().map(alone));
        pending.extend(slice(b, &groups_b, w).iter().map(alone));
        for (wa, range) in &groups_a {
            let Some(wb) = w.checked_sub(*wa).filter(|wb| *wb > 0) else {
                continue;
            };
            let qs = slice(b, &groups_b, wb);
            if qs.is_empty() {
                continue;
            }
            for p in &a[range.clone()] {
                let room = bounds.extra.saturating_sub(p.extra);
                for q in qs.iter().take_while(|q| q.extra <= room) {
                    let saved = p.saved + q.saved;
                    let extra = p.extra + q.extra;
                    pending.push(Pending {
                        wildcards: w,
                        saved,
                        extra,
                        a: p.pick,
                        b: q.pick,
                    });
                }
            }
        }
        if pending.is_empty() {
            continue;
        }
        pending.sort_unstable_by_key(|p| (p.extra, std::cmp::Reverse(p.saved)));
        let first = out.len();
        // The empty choice saves nothing with nothing extra: only a saving can beat it.
        let mut best = 0;
        for p in &pending {
            if p.saved <= best {
                continue;
            }
            let at = lower.partition_point(|(extra, _)| *extra <= p.extra);
            if at > 0 && lower[at - 1].1 >= p.saved {
                continue;
            }
            best = p.saved;
            let pick = if p.b == NONE {
                p.a
            } else {
                picks.add(Pick::Join(p.a, p.b))
            };
            out.push(Point {
                wildcards: w,
                saved: p.saved,
                extra: p.extra,
                pick,
            });
        }
        lower = staircase(&lower, &out[first..]);
    }
    out
}

/// Each wildcard count's points, as ranges of a frontier sorted by count.
fn groups(points: &[Point]) -> Vec<(u8, std::ops::Range<usize>)> {
    let mut out: Vec<(u8, std::ops::Range<usize>)> = Vec::new();
    for (i, p) in points.iter().enumerate() {
        match out.last_mut() {
            Some((w, range)) if *w == p.wildcards => range.end = i + 1,
            _ => out.push((p.wildcards, i..i + 1)),
        }
    }
    out
}

fn slice<'a>(points: &'a [Point], groups: &[(u8, std::ops::Range<usize>)], w: u8) -> &'a [Point] {
    groups
        .iter()
        .find(|(c, _)| *c == w)
        .map_or(&[][..], |(_, r)| &points[r.clone()])
}

/// The best saving by unchanged objects of two staircases together.
fn staircase(lower: &[(u32, u32)], group: &[Point]) -> Vec<(u32, u32)> {
    let mut all: Vec<(u32, u32)> = lower
        .iter()
        .copied()
        .chain(group.iter().map(|p| (p.extra, p.saved)))
        .collect();
    all.sort_unstable_by_key(|x| (x.0, std::cmp::Reverse(x.1)));
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(all.len());
    for (extra, saved) in all {
        if out.last().is_none_or(|l| l.1 < saved) {
            out.push((extra, saved));
        }
    }
    out
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
