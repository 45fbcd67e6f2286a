use proptest::prelude::*;

use super::*;
use crate::domain::batch::PathBatch;

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn limits(max_extra: usize) -> PlanLimits {
    PlanLimits {
        max_extra,
        ..PlanLimits::default()
    }
}

#[test]
fn a_folder_that_changed_whole_is_one_wildcard() {
    let changed = strings(&["/img/a.png", "/img/b.png", "/img/c.png", "/app.js"]);
    let objects = strings(&[
        "/img/a.png",
        "/img/b.png",
        "/img/c.png",
        "/index.html",
        "/app.js",
    ]);
    let p = plan(&changed, Some(&objects), &limits(0));
    assert_eq!(p.planned.items, ["/app.js", "/img/*"]);
    assert_eq!(p.planned.wildcards, 1);
    assert_eq!(p.planned.extra, Some(0));
    assert_eq!(p.exact.items.len(), 4);
    assert_eq!(p.changed, 4);
}

#[test]
fn a_wildcard_is_a_prefix_at_any_character() {
    let changed = strings(&["/img/a.png", "/img/ab/c"]);
    let objects = strings(&["/img/a.png", "/img/ab/c", "/img/b.png"]);
    let p = plan(&changed, Some(&objects), &limits(0));
    assert_eq!(p.planned.items, ["/img/a*"]);
    assert_eq!(p.planned.uncovered, 0);
}

#[test]
fn unchanged_objects_are_purged_only_within_the_bound() {
    let changed = strings(&["/a/1", "/a/2", "/a/3"]);
    let objects = strings(&["/a/1", "/a/2", "/a/3", "/a/4"]);
    let none = plan(&changed, Some(&objects), &limits(0));
    assert_eq!(none.planned.items, changed);
    let one = plan(&changed, Some(&objects), &limits(1));
    assert_eq!(one.planned.items, ["/a/*"]);
    assert_eq!(one.planned.extra, Some(1));
    assert_eq!(one.planned.extra_paths, Some(strings(&["/a/4"])));
}

#[test]
fn without_the_objects_no_wildcard_unless_a_folder_depth_is_allowed() {
    let changed = strings(&["/a/b/1", "/a/b/2", "/a/c/3", "/x"]);
    let p = plan(&changed, None, &limits(0));
    assert!(!p.wildcards_allowed);
    assert_eq!(p.planned, p.exact);
    assert_eq!(p.planned.extra, None);
    let depth = |d| PlanLimits {
        folder_depth: Some(d),
        ..limits(0)
    };
    // `/a/` (depth 1) covers three; `/a/b/` (depth 2) only two.
    let p = plan(&changed, None, &depth(1));
    assert_eq!(p.planned.items, ["/a/*", "/x"]);
    let p = plan(&changed, None, &depth(2));
    assert_eq!(p.planned.items, ["/a/b/*", "/a/c/3", "/x"]);
    let p = plan(&changed, None, &depth(3));
    assert_eq!(p.planned.items, p.exact.items);
}

#[test]
fn the_wildcards_left_in_progress_bound_the_batch() {
    let changed = strings(&["/a/1", "/a/2", "/b/1", "/b/2", "/b/3"]);
    let mut objects = changed.clone();
    objects.push("/c".into());
    let p = plan(
        &changed,
        Some(&objects),
        &PlanLimits {
            wildcards: 1,
            ..limits(0)
        },
    );
    assert_eq!(p.planned.items, ["/a/1", "/a/2", "/b/*"]);
    let p = plan(
        &changed,
        Some(&objects),
        &PlanLimits {
            wildcards: 0,
            ..limits(0)
        },
    );
    assert_eq!(p.planned.items, p.exact.items);
}

#[test]
fn a_wildcard_never_cuts_an_escape() {
    let changed = strings(&["/caf%C3%A9", "/caf%C3%A8"]);
    let p = plan(&changed, Some(&changed), &limits(0));
    assert_eq!(p.planned.items, ["/caf%C3*"]);
}

#[test]
fn whether_a_batch_fits_counts_what_is_in_progress() {
    let changed: Vec<String> = (0..10).map(|n| format!("/p{n}/x")).collect();
    let p = plan(&changed, Some(&changed), &limits(0));
    let mut l = limits(0);
    assert!(p.planned.fits(&l));
    l.file_paths_in_progress = 2_995;
    assert!(!p.exact.fits(&l));
}

// Brute force: every set of allowed wildcards, judged from scratch.

fn allowed_prefixes(path: &str, depth: Option<usize>) -> Vec<&str> {
    let b = path.as_bytes();
    (1..=b.len())
        .filter(|&l| match depth {
            Some(d) => b[l - 1] == b'/' && b[..l].iter().filter(|&&c| c == b'/').count() > d,
            None => !(b[l - 1] == b'%' || (l >= 2 && b[l - 2] == b'%')),
        })
        .map(|l| &path[..l])
        .collect()
}

/// (items, extra, wildcards) of the best batch.
fn brute(changed: &[String], objects: Option<&[String]>, l: &PlanLimits) -> (usize, usize, usize) {
    let mut paths: Vec<&str> = changed.iter().map(String::as_str).collect();
    paths.sort_unstable();
    paths.dedup();
    let unchanged: Vec<&str> = objects
        .map(|o| {
            let mut u: Vec<&str> = o
                .iter()
                .map(String::as_str)
                .filter(|o| !paths.contains(o))
                .collect();
            u.sort_unstable();
            u.dedup();
            u
        })
        .unwrap_or_default();
    let mut candidates: Vec<(u32, u32)> = Vec::new();
    if (objects.is_some() || l.folder_depth.is_some()) && l.wildcards > 0 {
        for path in &paths {
            for prefix in allowed_prefixes(path, l.folder_depth) {
                let mask = |set: &[&str]| {
                    set.iter()
                        .enumerate()
                        .filter(|(_, p)| p.starts_with(prefix))
                        .fold(0u32, |m, (i, _)| m | 1 << i)
                };
                let c = (mask(&paths), mask(&unchanged));
                if !candidates.contains(&c) {
                    candidates.push(c);
                }
            }
        }
    }
    // Of two with the same changed paths, the one purging fewer unchanged ones.
    let mut best_per_mask: Vec<(u32, u32)> = Vec::new();
    for c in candidates {
        match best_per_mask.iter_mut().find(|b| b.0 == c.0) {
            Some(b) if c.1.count_ones() < b.1.count_ones() => *b = c,
            Some(_) => {}
            None => best_per_mask.push(c),
        }
    }
    let n = paths.len();
    let mut best = (n, 0, 0);
    for subset in 0u32..(1 << best_per_mask.len()) {
        let k = subset.count_ones() as usize;
        if k > l.wildcards {
            continue;
        }
        let (mut cov, mut ext) = (0u32, 0u32);
        for (i, c) in best_per_mask.iter().enumerate() {
            if subset & (1 << i) != 0 {
                cov |= c.0;
                ext |= c.1;
            }
        }
        let extra = ext.count_ones() as usize;
        if extra > l.max_extra {
            continue;
        }
        let items = n - cov.count_ones() as usize + k;
        best = best.min((items, extra, k));
    }
    best
}

fn path_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(vec!["a", "b", "/", "%20"]), 1..5)
        .prop_map(|parts| format!("/{}", parts.concat()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_plan_is_as_cheap_as_the_best_found_by_brute_force(
        changed in prop::collection::vec(path_strategy(), 1..7),
        others in prop::collection::vec(path_strategy(), 0..6),
        objects_known in any::<bool>(),
        max_extra in 0usize..4,
        wildcards in 0usize..4,
        depth in prop::option::of(0usize..3),
    ) {
        let mut objects = others;
        objects.extend(changed.iter().take(3).cloned());
        let objects = objects_known.then_some(objects);
        let l = PlanLimits { wildcards, max_extra, folder_depth: depth, file_paths_in_progress: 0 };
        let p = plan(&changed, objects.as_deref(), &l);
        let got = (p.planned.items.len(), p.planned.extra.unwrap_or(0), p.planned.wildcards);
        prop_assert_eq!(got, brute(&changed, objects.as_deref(), &l), "{:?}", p.planned.items);
    }

    #[test]
    fn every_change_is_covered_and_every_bound_kept(
        changed in prop::collection::vec(path_strategy(), 1..40),
        others in prop::collection::vec(path_strategy(), 0..40),
        max_extra in 0usize..10,
        wildcards in 0usize..16,
    ) {
        let l = PlanLimits { wildcards, max_extra, ..PlanLimits::default() };
        let p = plan(&changed, Some(&others), &l);
        let planned = &p.planned;
        for c in &changed {
            prop_assert!(planned.items.iter().any(|i| covers(i, c)), "{} not covered", c);
        }
        prop_assert_eq!(planned.uncovered, 0);
        prop_assert!(planned.wildcards <= wildcards);
        prop_assert!(planned.extra.unwrap_or(0) <= max_extra);
        prop_assert!(planned.items.len() <= p.exact.items.len());
        // The extra objects listed are exactly the unchanged ones a wildcard covers.
        let extra: Vec<&String> = others
            .iter()
            .filter(|o| !changed.contains(o))
            .filter(|o| planned.items.iter().any(|i| i.ends_with('*') && covers(i, o)))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        prop_assert_eq!(planned.extra, Some(extra.len()));
        // What is planned is a batch the judge sends as it is: nothing dropped or rejected.
        let batch = PathBatch::parse(&planned.items.join("\n"));
        prop_assert_eq!(batch.kept(), planned.items.clone());
    }
}
