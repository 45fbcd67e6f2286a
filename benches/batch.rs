//! How long judging a batch takes: the compose form re-judges on every keystroke, and a pasted
//! batch can have thousands of lines.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use edgepurge::domain::batch::PathBatch;

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

criterion_group!(benches, judge);
criterion_main!(benches);
