//! How long the dashboard takes to draw and to answer a key with 100,000 invalidations loaded
//! (unfiltered and filtered), and with 3,000 lines in the compose form (a key at the end, on
//! the middle line, joining two lines, adding and removing a wildcard that covers most lines).
//! The model is built the way the app builds it: messages through `update` (pages of
//! `PAGE_SIZE`, each asked for by the End key).
//!
//! `cargo bench --bench dashboard`; under `cargo test --all-targets` each case runs once.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{FixedOffset, TimeZone, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui_textarea::CursorMove;

use edgepurge::app::{Action, Effect, Keymap, Model, Msg, PAGE_SIZE, Pane, update};
use edgepurge::domain::invalidation::{InvalidationPage, PageRequest, Status};
use edgepurge::domain::target::CloudFrontTarget;
use edgepurge::fixtures::batch::mixed;
use edgepurge::fixtures::history::{self, invalidation, rows};
use edgepurge::fixtures::targets::distribution;

const LOADED: usize = 100_000;
const FORM_LINES: usize = 3_000;
const DISTRIBUTION: &str = "E2QWRUHAPOMQZL";

fn newest() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, 11, 0, 0).unwrap()
}

fn model() -> Model {
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap();
    Model::new("DEMO", now, FixedOffset::east_opt(0).unwrap())
}

fn target() -> CloudFrontTarget {
    CloudFrontTarget::distribution(DISTRIBUTION)
}

/// The one request among `effects` that loads invalidations.
fn list_request(effects: &[Effect]) -> (u64, PageRequest) {
    let found: Vec<_> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::LoadInvalidations { request, page, .. } => Some((*request, page.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(found.len(), 1, "one page asked for: {effects:?}");
    found[0].clone()
}

fn load_details(effects: &[Effect]) -> Vec<(u64, String)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::LoadInvalidation { request, id, .. } => Some((*request, id.clone())),
            _ => None,
        })
        .collect()
}

/// Invalidations `range` of the history, newest first; one in a hundred still in progress.
fn page(range: std::ops::Range<usize>, marker: Option<String>) -> InvalidationPage {
    let more = range.end < LOADED;
    let mut items = rows(range.clone(), newest(), chrono::Duration::minutes(17));
    for (row, i) in items.iter_mut().zip(range) {
        if i % 100 == 7 {
            row.status = Status::InProgress;
        }
    }
    history::page(items, marker.as_deref(), more)
}

fn details_of(effects: &[Effect], m: &mut Model) {
    for (request, id) in load_details(effects) {
        let post = format!("/blog/post-{id}");
        let items = ["/index.html", "/img/products/*", post.as_str()];
        let result = Ok(invalidation(&id, Status::Completed, newest(), &items));
        update(
            m,
            Msg::InvalidationLoaded {
                request,
                target: target(),
                id,
                result,
            },
        );
    }
}

/// The dashboard started, and its one distribution arrived: the effects that follow.
fn started(m: &mut Model) -> Vec<Effect> {
    let start = update(m, Msg::Start);
    let distributions = start
        .iter()
        .find_map(|e| match e {
            Effect::LoadDistributions { request } => Some(*request),
            _ => None,
        })
        .expect("Start asks for the distributions");
    update(
        m,
        Msg::DistributionsLoaded {
            request: distributions,
            result: Ok(vec![distribution(DISTRIBUTION, false)]),
        },
    )
}

/// One distribution, its invalidations loaded page by page to `LOADED` (the end of its
/// history), the focus on the list, the cursor back at the top.
fn loaded() -> Model {
    let mut m = model();
    let effects = started(&mut m);
    let (mut request, mut asked) = list_request(&effects);
    update(&mut m, Msg::Action(Action::Open));
    assert_eq!(m.focus, Pane::Invalidations);
    let mut have = 0;
    while have < LOADED {
        let end = (have + PAGE_SIZE as usize).min(LOADED);
        let effects = update(
            &mut m,
            Msg::InvalidationsLoaded {
                request,
                target: target(),
                result: Ok(page(have..end, asked.marker.clone())),
            },
        );
        details_of(&effects, &mut m);
        have = end;
        if have < LOADED {
            // End: the cursor to the last loaded row, which asks for the next page.
            (request, asked) = list_request(&update(&mut m, Msg::Action(Action::Bottom)));
        }
    }
    let effects = update(&mut m, Msg::Action(Action::Top));
    details_of(&effects, &mut m);
    let list = &m.lists[&target()];
    assert_eq!(list.items().len(), LOADED);
    assert!(!list.has_more());
    m
}

fn terminal(width: u16, height: u16) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(width, height)).expect("a test terminal")
}

fn draw(terminal: &mut Terminal<TestBackend>, m: &Model, keymap: &Keymap) {
    terminal
        .draw(|f| edgepurge::ui::draw(f, m, keymap))
        .expect("draw");
}

/// Everything on screen, to check a case shows what it claims to.
fn screen(m: &Model, keymap: &Keymap, width: u16, height: u16) -> String {
    let mut t = terminal(width, height);
    draw(&mut t, m, keymap);
    t.backend().to_string()
}

fn full_list(c: &mut Criterion) {
    let setup = Instant::now();
    let mut m = loaded();
    eprintln!(
        "100,000 invalidations loaded in {:?} (1,000 pages through update)",
        setup.elapsed()
    );
    let keymap = Keymap::default();
    assert!(
        screen(&m, &keymap, 80, 24).contains("100000 loaded"),
        "{}",
        screen(&m, &keymap, 80, 24)
    );

    let mut group = c.benchmark_group("100k invalidations");
    for (w, h) in [(80, 24), (200, 60)] {
        let mut t = terminal(w, h);
        group.bench_function(format!("draw {w}x{h}"), |b| {
            b.iter(|| draw(&mut t, black_box(&m), &keymap))
        });
    }

    // Down from the middle of the list. Every few hundred keys (untimed) the cursor goes back
    // and the details the moves asked for are forgotten, so every timed key does the same work.
    let middle = LOADED / 2;
    let details = m.details.clone();
    m.lists.get_mut(&target()).expect("the list").cursor = middle;
    let mut t = terminal(80, 24);
    group.bench_function("Down + draw 80x24", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for i in 0..iters {
                if i % 500 == 0 {
                    m.lists.get_mut(&target()).expect("the list").cursor = middle;
                    m.details.clone_from(&details);
                }
                let started = Instant::now();
                black_box(update(&mut m, Msg::Action(Action::Down)));
                draw(&mut t, &m, &keymap);
                spent += started.elapsed();
            }
            spent
        })
    });
    assert!(m.lists[&target()].cursor > middle, "Down moved the cursor");

    // End from the top: the whole list to cross, nothing more to load.
    group.bench_function("Bottom + draw 80x24", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                m.lists.get_mut(&target()).expect("the list").cursor = 0;
                let started = Instant::now();
                black_box(update(&mut m, Msg::Action(Action::Bottom)));
                draw(&mut t, &m, &keymap);
                spent += started.elapsed();
            }
            spent
        })
    });
    assert_eq!(
        m.lists[&target()].cursor,
        LOADED - 1,
        "Bottom reached the end"
    );
    assert!(
        screen(&m, &keymap, 80, 24).contains(&format!("I{:013}", LOADED - 1)),
        "the last row on screen"
    );

    // `/inprogress` Enter: one row in a hundred matches, and the filter is applied to the
    // whole loaded list on every draw and move.
    update(&mut m, Msg::Action(Action::Filter));
    for c in "inprogress".chars() {
        update(&mut m, Msg::Input(KeyEvent::from(KeyCode::Char(c))));
    }
    update(&mut m, Msg::Action(Action::Open));
    let middle = LOADED / 2 + 7;
    m.lists.get_mut(&target()).expect("the list").cursor = middle;
    let shown = screen(&m, &keymap, 80, 24);
    assert!(shown.contains("/inprogress"), "{shown}");
    assert!(
        shown.contains(&format!("I{middle:013}")) && !shown.contains("Completed"),
        "{shown}"
    );
    group.bench_function("filtered: draw 80x24", |b| {
        b.iter(|| draw(&mut t, black_box(&m), &keymap))
    });
    group.bench_function("filtered: Down + draw 80x24", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for i in 0..iters {
                if i % 200 == 0 {
                    m.lists.get_mut(&target()).expect("the list").cursor = middle;
                }
                let started = Instant::now();
                black_box(update(&mut m, Msg::Action(Action::Down)));
                draw(&mut t, &m, &keymap);
                spent += started.elapsed();
            }
            spent
        })
    });
    assert_eq!(
        m.lists[&target()].cursor % 100,
        7,
        "Down went to the next matching row"
    );
    group.finish();
}

/// The compose form for the distribution, with `FORM_LINES` lines pasted in.
fn form() -> Model {
    let mut m = model();
    started(&mut m);
    update(&mut m, Msg::Action(Action::NewBatch));
    // Pasted, not typed key by key: the form judges the whole batch on every key, so typing
    // 3,000 lines one key at a time would take the setup minutes.
    update(&mut m, Msg::Paste(mixed(FORM_LINES)));
    let form = m.compose.as_ref().expect("the form is open");
    assert_eq!(form.editor.lines().len(), FORM_LINES + 1);
    m
}

fn compose(c: &mut Criterion) {
    let m = form();
    let keymap = Keymap::default();
    let shown = screen(&m, &keymap, 80, 24);
    assert!(shown.contains("New batch"), "{shown}");

    let mut group = c.benchmark_group("compose 3000 lines");
    for (w, h) in [(80, 24), (200, 60)] {
        let mut t = terminal(w, h);
        group.bench_function(format!("draw {w}x{h}"), |b| {
            b.iter(|| draw(&mut t, black_box(&m), &keymap))
        });
    }
    // One key typed at the end of the batch, then drawn, each time into the same form.
    let mut t = terminal(80, 24);
    // The editor lays its lines out again when drawn in a new size: drawn at 80x24 now (the
    // clones below too), a key is drawn as in use, in the size it was last drawn in.
    draw(&mut t, &m, &keymap);
    group.bench_function("Input key + draw 80x24", |b| {
        b.iter_batched(
            || m.clone(),
            |mut m| {
                black_box(update(
                    &mut m,
                    Msg::Input(KeyEvent::from(KeyCode::Char('x'))),
                ));
                draw(&mut t, &m, &keymap);
                m
            },
            BatchSize::SmallInput,
        )
    });
    let mut typed = m.clone();
    update(&mut typed, Msg::Input(KeyEvent::from(KeyCode::Char('x'))));
    assert!(
        typed
            .compose
            .as_ref()
            .is_some_and(|f| f.text().ends_with('x')),
        "the key reached the editor"
    );
    for case in key_cases(&m) {
        group.bench_function(format!("{}: key", case.name), |b| {
            b.iter_batched(
                || case.form.clone(),
                |mut m| {
                    black_box(update(&mut m, Msg::Input(case.key)));
                    m
                },
                BatchSize::SmallInput,
            )
        });
        group.bench_function(format!("{}: key + draw 80x24", case.name), |b| {
            b.iter_batched(
                || case.form.clone(),
                |mut m| {
                    black_box(update(&mut m, Msg::Input(case.key)));
                    draw(&mut t, &m, &keymap);
                    m
                },
                BatchSize::SmallInput,
            )
        });
        let mut after = case.form.clone();
        update(&mut after, Msg::Input(case.key));
        let text = after.compose.as_ref().map(|f| f.text()).unwrap_or_default();
        assert!(
            (case.check)(&text),
            "{}: the key did what it says",
            case.name
        );
    }
    group.finish();
}

/// One key typed into the form, where it touches a part of the batch that matters.
struct KeyCase {
    name: &'static str,
    form: Model,
    key: KeyEvent,
    check: fn(&str) -> bool,
}

/// The form with its cursor at `row`, `col` (clamped to the text).
fn at(m: &Model, row: usize, col: usize) -> Model {
    let mut m = m.clone();
    let jump = CursorMove::Jump(
        u16::try_from(row).unwrap_or(u16::MAX),
        u16::try_from(col).unwrap_or(u16::MAX),
    );
    m.compose
        .as_mut()
        .expect("the form")
        .editor
        .move_cursor(jump);
    m
}

fn key_cases(m: &Model) -> Vec<KeyCase> {
    let middle = FORM_LINES / 2;
    // The empty last line becomes `/img/products/`; a `*` then covers the 1,800 item lines.
    let mut prefix = at(m, FORM_LINES, 0);
    update(&mut prefix, Msg::Paste("/img/products/".into()));
    let mut wildcard = prefix.clone();
    update(
        &mut wildcard,
        Msg::Input(KeyEvent::from(KeyCode::Char('*'))),
    );
    vec![
        KeyCase {
            name: "a character on the middle line",
            form: at(m, middle, usize::MAX),
            key: KeyEvent::from(KeyCode::Char('x')),
            check: |t| t.contains(".jpgx\n") || t.contains(".htmlx\n") || t.contains("/*x\n"),
        },
        KeyCase {
            name: "the middle line joined to the one above",
            form: at(m, middle, 0),
            key: KeyEvent::from(KeyCode::Backspace),
            check: |t| t.lines().count() == FORM_LINES - 1,
        },
        KeyCase {
            name: "a wildcard added over 1,800 lines",
            form: prefix,
            key: KeyEvent::from(KeyCode::Char('*')),
            check: |t| t.ends_with("\n/img/products/*"),
        },
        KeyCase {
            name: "that wildcard removed",
            form: wildcard,
            key: KeyEvent::from(KeyCode::Backspace),
            check: |t| t.ends_with("\n/img/products/"),
        },
    ]
}

criterion_group!(benches, full_list, compose);
criterion_main!(benches);
