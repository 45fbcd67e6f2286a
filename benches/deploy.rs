//! How long planning a deploy's purge takes: 100,000 changed paths in a site of 1,000,000
//! objects (`fixtures::deploy::site`), with no unchanged object allowed, and with 1% allowed.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use edgepurge::domain::deploy::{PlanLimits, plan};
use edgepurge::fixtures::deploy::site;

fn planner(c: &mut Criterion) {
    let (objects, changed) = site(1_000_000, 100_000);
    let mut group = c.benchmark_group("plan 100000 changed of 1000000 objects");
    group.sample_size(10);
    for max_extra in [0, 10_000] {
        let limits = PlanLimits {
            max_extra,
            ..PlanLimits::default()
        };
        let p = plan(&changed, Some(&objects), &limits);
        eprintln!(
            "max extra {max_extra}: {} items ({} wildcards), {} unchanged purged; exact {}",
            p.planned.items.len(),
            p.planned.wildcards,
            p.planned.extra.unwrap_or(0),
            p.exact.items.len()
        );
        group.bench_function(format!("max extra {max_extra}"), |b| {
            b.iter(|| plan(black_box(&changed), Some(black_box(&objects)), &limits))
        });
    }
    group.finish();
    let (objects, changed) = site(10_000, 2_412);
    c.bench_function("plan 2412 changed of 10000 objects", |b| {
        b.iter(|| {
            plan(
                black_box(&changed),
                Some(black_box(&objects)),
                &PlanLimits::default(),
            )
        })
    });
}

criterion_group!(benches, planner);
criterion_main!(benches);
