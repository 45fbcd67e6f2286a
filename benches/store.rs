//! The store's speed where a person waits on it: `edgepurge search` over a million stored items
//! (20,000 invalidations of 50 items each), and a journal write as the submit engine makes it
//! (through `Store::call`: the store's own thread, WAL, synchronous=FULL), with the fsync it
//! waits for.
//!
//! `cargo bench --bench store`. Under `cargo test --all-targets` (no `--bench` argument) the
//! history is 200 invalidations and each case runs once, as a smoke test. The database lives
//! in a temporary directory (`TMPDIR`), removed at the end.

use std::fs::OpenOptions;
use std::hint::black_box;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use rusqlite::Connection;

use edgepurge::domain::invalidation::{Invalidation, Status};
use edgepurge::domain::journal::Intent;
use edgepurge::fixtures::store::now;
use edgepurge::fixtures::{history, journal};
use edgepurge::store::db::{Store, open};
use edgepurge::store::history::record_details;
use edgepurge::store::journal::{record_intent, record_sent};
use edgepurge::store::search::{Match, Query, search};

const ACCOUNT: &str = "123456789012";
const TARGETS: [&str; 4] = [
    "E2QWRUHAPOMQZL",
    "E1PRODSTATIC01",
    "tenant:dt_2vQbqlxMZcPJ8",
    "E3DOCSSITE0042",
];
const ITEMS_PER_INVALIDATION: usize = 50;
/// What `edgepurge search` asks by default: 100 invalidations, the last 30 days.
const LIMIT: usize = 100;

/// `cargo bench` passes `--bench`; `cargo test` does not, and then everything is small.
fn full_run() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// A well-mixed number from a small one (splitmix64), so names look like content hashes.
fn mix(n: u64) -> u64 {
    let mut z = n.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

const CHUNKS: [&str; 8] = [
    "app",
    "vendor",
    "runtime",
    "checkout",
    "search",
    "account",
    "polyfills",
    "chunk",
];
const IMAGES: [&str; 8] = [
    "hero", "thumb", "banner", "product", "avatar", "icon", "gallery", "logo",
];

/// Item `j` of invalidation `i`: 20 scripts, 20 images, 4 stylesheets, 3 pages (one of them
/// `/index.html`, in every invalidation), 2 wildcards, 1 cache tag, as a deploy sends them.
fn item(i: usize, j: usize) -> String {
    let h = mix((i * ITEMS_PER_INVALIDATION + j) as u64);
    let hash = h as u32;
    match j {
        0..20 => format!("/assets/{}.{hash:08x}.js", CHUNKS[j % CHUNKS.len()]),
        20..40 => format!(
            "/img/{}/{}-{}.png",
            (h >> 32) % 500,
            IMAGES[j % IMAGES.len()],
            (h >> 48) % 1000
        ),
        40..44 => format!("/css/{}.{hash:08x}.css", CHUNKS[j % CHUNKS.len()]),
        44 | 45 => format!("/products/item-{}/index.html", (h >> 32) % 20_000),
        46 => "/index.html".to_string(),
        47 => format!("/img/{}/*", (h >> 32) % 500),
        48 => format!("/docs/v{}/*", (h >> 32) % 40),
        _ => format!("#product-{}", (h >> 32) % 5_000),
    }
}

/// Invalidation `i` of `count`, newest first, spread evenly over the last 29 days, so all of
/// them are inside the 30-day window a search looks at.
fn invalidation(i: usize, count: usize) -> (usize, Invalidation) {
    let spacing = chrono::Duration::days(29).num_seconds() / count as i64;
    let id = format!("I{:013X}", mix(i as u64) >> 12);
    let made = now() - chrono::Duration::seconds(spacing * i as i64 + 60);
    let items: Vec<String> = (0..ITEMS_PER_INVALIDATION).map(|j| item(i, j)).collect();
    let inv = history::invalidation(&id, Status::Completed, made, &items);
    (i % TARGETS.len(), inv)
}

/// The history written the way the backfill writes it (`record_details`: one transaction per
/// invalidation), except that the connection does not wait for fsync while it is built.
fn build(path: &Path, count: usize) -> Connection {
    let started = Instant::now();
    let mut c = open::open(path, now()).expect("open the store").connection;
    c.pragma_update(None, "synchronous", "OFF").expect("pragma");
    for i in 0..count {
        let (target, inv) = invalidation(i, count);
        record_details(&mut c, ACCOUNT, TARGETS[target], &inv, now()).expect("record");
    }
    c.pragma_update(None, "synchronous", "FULL")
        .expect("pragma");
    c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .expect("checkpoint");
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "history of {count} invalidations ({} items) written in {:.1?} with synchronous=OFF; \
         database {:.0} MB",
        count * ITEMS_PER_INVALIDATION,
        started.elapsed(),
        size as f64 / 1e6
    );
    // What the backfill pays per invalidation, as it really writes (synchronous=FULL).
    let sample = if full_run() { 200 } else { 5 };
    let mut times = Vec::with_capacity(sample);
    for k in 0..sample {
        let (target, mut inv) = invalidation(k, count);
        inv.id = format!("EXTRA{k:08}");
        let started = Instant::now();
        record_details(&mut c, ACCOUNT, TARGETS[target], &inv, now()).expect("record");
        times.push(started.elapsed());
    }
    eprintln!(
        "record_details of one 50-item invalidation with synchronous=FULL: {}",
        spread(&mut times)
    );
    c
}

fn spread(times: &mut [Duration]) -> String {
    times.sort();
    let at = |p: usize| times[(times.len() - 1) * p / 100];
    format!(
        "median {:.2?}, p99 {:.2?}, max {:.2?} ({} samples)",
        at(50),
        at(99),
        times[times.len() - 1],
        times.len()
    )
}

fn query(text: &str) -> Query {
    Query {
        texts: vec![text.to_string()],
        targets: Vec::new(),
        since: Some(now() - chrono::Duration::days(30)),
        limit: LIMIT,
    }
}

fn count(c: &Connection, sql: &str, text: &str) -> i64 {
    c.query_row(sql, [text], |r| r.get(0)).expect("count")
}

fn searching(crit: &mut Criterion) {
    let count_of_invalidations = if full_run() { 20_000 } else { 200 };
    let dir = tempfile::tempdir().expect("a temporary directory");
    let c = build(&dir.path().join("edgepurge.db"), count_of_invalidations);
    let items = count_of_invalidations * ITEMS_PER_INVALIDATION;

    // The cases, each checked to find what it claims to before it is timed.
    let one_script = item(count_of_invalidations / 2, 3);
    let hash = one_script
        .rsplit('.')
        .nth(1)
        .expect("a hashed name")
        .to_string();
    let covered = {
        let wildcard = item(count_of_invalidations / 3, 47);
        format!("{}hero-1.png", wildcard.trim_end_matches('*'))
    };
    let cases: [(&str, String); 7] = [
        ("exact path", one_script.clone()),
        ("exact path in every invalidation", "/index.html".into()),
        ("substring, few items", hash.clone()),
        ("substring, many items (.png)", ".png".into()),
        ("2 characters, many items", "7/".into()),
        ("2 characters, in no item (scanned)", "q/".into()),
        ("covered by a wildcard", covered.clone()),
    ];
    for (name, text) in &cases {
        let hits = search(&c, ACCOUNT, &query(text)).expect("search");
        let containing = if text.chars().count() >= 3 {
            count(
                &c,
                "SELECT count(*) FROM item_search WHERE item_search MATCH ?1",
                &format!("\"{text}\""),
            )
        } else {
            count(
                &c,
                "SELECT count(*) FROM invalidation_items WHERE instr(lower(item), lower(?1)) > 0",
                text,
            )
        };
        let best = hits.iter().map(|h| h.how).min();
        eprintln!(
            "{name}: {text:?}: {containing} items contain it; {} invalidations answered \
             (limit {LIMIT}), best match {best:?}",
            hits.len()
        );
        assert_eq!(hits.is_empty(), *text == "q/", "{name}: {text:?}");
    }
    let found = |text: &str| search(&c, ACCOUNT, &query(text)).expect("search");
    assert_eq!(found(&one_script)[0].how, Match::Exact);
    assert!(found(&covered).iter().any(|h| h.how == Match::Covers));
    assert_eq!(found(".png").len(), LIMIT.min(count_of_invalidations));

    let mut group = crit.benchmark_group(format!("search {items} items"));
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for (name, text) in &cases {
        let q = query(text);
        group.bench_function(*name, |b| {
            b.iter(|| search(&c, ACCOUNT, black_box(&q)).expect("search"))
        });
    }
    group.finish();
}

/// A part of a deploy's purge, from a build host whose account is known.
fn intent(n: u64) -> Intent {
    let reference = format!("bench-{n}");
    let items: Vec<String> = (0..20).map(|j| item(n as usize, j)).collect();
    let mut intent = journal::intent(&reference, TARGETS[0], &items, now());
    intent.sender.command = "edgepurge purge E2QWRUHAPOMQZL --file deploy.txt --yes".into();
    intent.sender.caller_arn = Some(format!("arn:aws:iam::{ACCOUNT}:user/alice"));
    intent.sender.account = Some(ACCOUNT.into());
    intent
}

/// One journal write as the engine makes it: a job sent to the store's thread, answered
/// through a channel.
async fn write_intent(store: &Store, n: u64) -> i64 {
    store
        .call(move |c| record_intent(c, &intent(n)))
        .await
        .expect("intent recorded")
}

async fn write_sent(store: &Store, id: i64) {
    store
        .call(move |c| record_sent(c, id, &format!("I{id:013}"), "InProgress", now()))
        .await
        .expect("answer recorded");
}

/// Each write's latency, for the median and p99 criterion does not give.
fn percentiles(rt: &tokio::runtime::Runtime, store: &Store, label: &str, first: u64) {
    let writes = if full_run() { 500 } else { 3 };
    let (mut intents, mut sents) = (Vec::new(), Vec::new());
    rt.block_on(async {
        for n in first..first + writes {
            let started = Instant::now();
            let id = write_intent(store, n).await;
            intents.push(started.elapsed());
            let started = Instant::now();
            write_sent(store, id).await;
            sents.push(started.elapsed());
        }
    });
    eprintln!("{label}: record_intent {}", spread(&mut intents));
    eprintln!("{label}: record_sent   {}", spread(&mut sents));
}

/// The disk's own price: 4 KiB appended and fdatasync'd, as a WAL commit does.
fn fsync_cost(dir: &Path) {
    let path = dir.join("fsync-probe");
    let mut f = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .expect("probe file");
    let page = [0u8; 4096];
    let samples = if full_run() { 200 } else { 3 };
    let mut times = Vec::new();
    for _ in 0..samples {
        let started = Instant::now();
        f.write_all(&page).expect("write");
        f.sync_data().expect("fdatasync");
        times.push(started.elapsed());
    }
    eprintln!("4 KiB write + fdatasync: {}", spread(&mut times));
}

fn journal(crit: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (store, report) = Store::open_now(&dir.path().join("edgepurge.db"), now());
    assert!(report.message().is_none(), "{report:?}");
    fsync_cost(dir.path());
    percentiles(&rt, &store, "synchronous=FULL", 0);

    // The same writes without waiting for the disk on each commit: what the fsync costs.
    let relaxed_dir = tempfile::tempdir().expect("a temporary directory");
    let (relaxed, _) = Store::open_now(&relaxed_dir.path().join("edgepurge.db"), now());
    rt.block_on(relaxed.call(|c| {
        c.pragma_update(None, "synchronous", "NORMAL")
            .map_err(edgepurge::store::db::DbError::failed("set synchronous"))
    }))
    .expect("pragma");
    percentiles(&rt, &relaxed, "synchronous=NORMAL (for comparison)", 0);

    let mut group = crit.benchmark_group("journal write via Store::call");
    group
        .sample_size(30)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    let mut next = 1_000_000;
    group.bench_function("record_intent + record_sent (synchronous=FULL)", |b| {
        b.iter_custom(|iters| {
            let started = Instant::now();
            rt.block_on(async {
                for _ in 0..iters {
                    next += 1;
                    let id = write_intent(&store, next).await;
                    write_sent(&store, id).await;
                }
            });
            started.elapsed()
        })
    });
    group.finish();
}

criterion_group!(benches, searching, journal);
criterion_main!(benches);
