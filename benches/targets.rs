//! How long the dashboard takes to answer a key in the targets pane of an account with 1,000
//! distributions (every tenth multi-tenant, with five tenants each), with and without a
//! filter. The model is built the way the app builds it: answers through `update`.
//!
//! `cargo bench --bench targets`; under `cargo test --all-targets` each case runs once.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{FixedOffset, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use edgepurge::app::{Action, Effect, Keymap, Model, Msg, update};
use edgepurge::domain::distribution::{Distribution, Tenant};
use edgepurge::fixtures::targets;

const DISTRIBUTIONS: usize = 1_000;

fn distribution(i: usize) -> Distribution {
    Distribution {
        aliases: vec![format!("www.site-{i}.example.com")],
        enabled: !i.is_multiple_of(17),
        ..targets::distribution(&format!("E{i:013}"), i.is_multiple_of(10))
    }
}

/// An account of `DISTRIBUTIONS` distributions, every answer at start given.
fn account() -> Model {
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap();
    let mut m = Model::new("DEMO", now, FixedOffset::east_opt(0).unwrap());
    let start = update(&mut m, Msg::Start);
    let request = start
        .iter()
        .find_map(|e| match e {
            Effect::LoadDistributions { request } => Some(*request),
            _ => None,
        })
        .expect("Start asks for the distributions");
    let effects = update(
        &mut m,
        Msg::DistributionsLoaded {
            request,
            result: Ok((0..DISTRIBUTIONS).map(distribution).collect()),
        },
    );
    for effect in effects {
        if let Effect::LoadTenants {
            request,
            distribution_id,
        } = effect
        {
            let tenants = (0..5)
                .map(|t| Tenant {
                    name: format!("tenant-{t}-of-{distribution_id}"),
                    domains: vec![format!("shop-{t}.{distribution_id}.example.com")],
                    ..targets::tenant(&format!("dt_{distribution_id}_{t}"), &distribution_id)
                })
                .collect();
            update(
                &mut m,
                Msg::TenantsLoaded {
                    request,
                    distribution_id,
                    result: Ok(tenants),
                },
            );
        }
    }
    m
}

fn draw(terminal: &mut Terminal<TestBackend>, m: &Model, keymap: &Keymap) {
    terminal
        .draw(|f| edgepurge::ui::draw(f, m, keymap))
        .expect("draw");
}

/// Keys in the middle of the pane: each timed key does the same work.
fn moves(c: &mut Criterion, name: &str, m: &mut Model, keymap: &Keymap) {
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
    let middle = m.targets().len() / 2;
    c.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for i in 0..iters {
                if i % 50 == 0 {
                    m.target_cursor = middle;
                }
                let started = Instant::now();
                black_box(update(m, Msg::Action(Action::Down)));
                draw(&mut t, m, keymap);
                spent += started.elapsed();
            }
            spent
        })
    });
}

fn targets(c: &mut Criterion) {
    let mut m = account();
    let keymap = Keymap::default();
    let all = m.targets().len();
    assert_eq!(all, DISTRIBUTIONS + DISTRIBUTIONS / 10 * 5);
    moves(c, "1,000 distributions: Down + draw 80x24", &mut m, &keymap);

    // A filter that keeps about a tenth of them (and their parents).
    update(&mut m, Msg::Action(Action::Filter));
    for ch in "site-1".chars() {
        update(&mut m, Msg::Input(KeyEvent::from(KeyCode::Char(ch))));
    }
    update(&mut m, Msg::Action(Action::Open));
    let shown = m.targets().len();
    assert!(shown > 0 && shown < all, "{shown} of {all} shown");
    moves(
        c,
        "1,000 distributions filtered: Down + draw 80x24",
        &mut m,
        &keymap,
    );

    // Typing into the filter: each key narrows or widens the pane.
    update(&mut m, Msg::Action(Action::Filter));
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("a test terminal");
    c.bench_function("1,000 distributions: filter key + draw 80x24", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for i in 0..iters {
                let key = if i % 2 == 0 {
                    KeyEvent::from(KeyCode::Char('0'))
                } else {
                    KeyEvent::from(KeyCode::Backspace)
                };
                let started = Instant::now();
                black_box(update(&mut m, Msg::Input(key)));
                draw(&mut t, &m, &keymap);
                spent += started.elapsed();
            }
            spent
        })
    });
}

criterion_group!(benches, targets);
criterion_main!(benches);
