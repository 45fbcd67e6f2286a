//! How long judging a batch takes: the compose form re-judges on every keystroke, and a pasted
//! batch can have thousands of lines.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use edgepurge::domain::batch::PathBatch;
use edgepurge::fixtures::batch::mixed;

fn judge(c: &mut Criterion) {
    for lines in [100, 3_000, 30_000] {
        let text = mixed(lines);
        c.bench_function(&format!("parse {lines} lines"), |b| {
            b.iter(|| PathBatch::parse(black_box(&text)))
        });
    }
    let text = mixed(3_000);
    let batch = PathBatch::parse(&text);
    c.bench_function("summary and problems of 3000 lines", |b| {
        b.iter(|| (black_box(&batch).summary(), batch.problems()))
    });
}

criterion_group!(benches, judge);
criterion_main!(benches);
