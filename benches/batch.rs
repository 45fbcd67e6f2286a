//! How long judging a batch takes: the compose form re-judges on every keystroke, and a pasted
//! batch can have thousands of lines. The form keeps a `LiveBatch`, which judges only what an
//! edit changed, after finding the changed lines by comparing its lines with the editor's.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use edgepurge::domain::batch::limits::DEFAULT_MAX_ITEMS;
use edgepurge::domain::batch::{LiveBatch, PathBatch, apply_fixes};
use edgepurge::fixtures::batch::mixed;

fn judge(c: &mut Criterion) {
    for lines in [100, 3_000, 30_000] {
        let text = mixed(lines);
        c.bench_function(&format!("parse {lines} lines"), |b| {
            b.iter(|| PathBatch::parse(black_box(&text)))
        });
    }
    // The most a batch may hold by default (`[batch] max_items`): `validate` judges it whole.
    let text = mixed(DEFAULT_MAX_ITEMS);
    let mut group = c.benchmark_group("at the item cap");
    group.sample_size(10);
    group.bench_function("parse 100000 lines", |b| {
        b.iter(|| PathBatch::parse(black_box(&text)))
    });
    group.bench_function("fix all on 100000 lines", |b| {
        b.iter(|| apply_fixes(black_box(&text)))
    });
    group.finish();
    let text = mixed(3_000);
    let batch = PathBatch::parse(&text);
    c.bench_function("summary and problems of 3000 lines", |b| {
        b.iter(|| (black_box(&batch).summary(), batch.problems()))
    });
}

fn live(c: &mut Criterion) {
    let lines: Vec<String> = mixed(3_000).lines().map(str::to_string).collect();
    c.bench_function("live: 3000 lines read at once", |b| {
        b.iter(|| LiveBatch::from_lines(black_box(&lines)))
    });
    let live = LiveBatch::from_lines(&lines);
    // What every key costs before any judging: the lines compared, none changed.
    c.bench_function("live: sync 3000 unchanged lines", |b| {
        b.iter_batched(
            || live.clone(),
            |mut live| {
                live.sync(black_box(&lines));
                live
            },
            BatchSize::LargeInput,
        )
    });
    let mut typed = lines.clone();
    typed[1_500].push('x');
    c.bench_function("live: sync 3000 lines, the middle one changed", |b| {
        b.iter_batched(
            || live.clone(),
            |mut live| {
                live.sync(black_box(&typed));
                live
            },
            BatchSize::LargeInput,
        )
    });
}

criterion_group!(benches, judge, live);
criterion_main!(benches);
