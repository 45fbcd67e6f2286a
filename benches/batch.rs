//! How long judging a batch takes: the compose form re-judges on every keystroke, and a pasted
//! batch can have thousands of lines. The form keeps a `LiveBatch`, which judges only what an
//! edit changed, after finding the changed lines by comparing its lines with the editor's.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use edgepurge::domain::batch::{LiveBatch, PathBatch};

fn batch_text(lines: usize) -> String {
    (0..lines)
        .map(|i| match i % 7 {
            0 => format!("/img/products/item-{i}.jpg\n"),
            1 => format!("/docs/section {i}/\n"),
            2 => format!("/café/menü-{i}.html\n"),
            3 => format!("/assets/{i}/*\n"),
            4 => format!("#product-{i}\n"),
            5 => format!("assets/app.{i}.js\n"),
            _ => format!("/img/products/item-{}.jpg\n", i - 6),
        })
        .collect()
}

fn judge(c: &mut Criterion) {
    for lines in [100, 3_000, 30_000] {
        let text = batch_text(lines);
        c.bench_function(&format!("parse {lines} lines"), |b| {
            b.iter(|| PathBatch::parse(black_box(&text)))
        });
    }
    let text = batch_text(3_000);
    let batch = PathBatch::parse(&text);
    c.bench_function("summary and problems of 3000 lines", |b| {
        b.iter(|| (black_box(&batch).summary(), batch.problems()))
    });
}

fn live(c: &mut Criterion) {
    let lines: Vec<String> = batch_text(3_000).lines().map(str::to_string).collect();
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
