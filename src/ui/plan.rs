//! The form's plan (`Ctrl-p`) in the question box: the exact batch and the planned one with
//! their costs, why the plan is what it is, and the planned items.

use ratatui::text::Line;

use super::shown;
use super::theme::Theme;
use crate::app::compose::Compose;
use crate::app::{Action, Context, Keymap, Model};
use crate::domain::batch::is_wildcard;
use crate::domain::cost::{brief, month_said};
use crate::domain::words::{plural, thousands};

/// `9 wildcards + 31 paths` or `31 paths`.
fn counted(items: &[String]) -> String {
    let wildcards = items.iter().filter(|i| is_wildcard(i)).count();
    let paths = items.len() - wildcards;
    let paths = format!(
        "{} {}",
        thousands(paths as u64),
        if paths == 1 { "path" } else { "paths" }
    );
    if wildcards == 0 {
        paths
    } else {
        format!("{} + {paths}", plural(wildcards, "wildcard"))
    }
}

pub(super) fn view<'a>(
    form: &Compose,
    model: &Model,
    keymap: &Keymap,
    theme: &Theme,
    (width, room): (usize, usize),
    rows: impl Fn(&[Line]) -> usize,
) -> (&'static str, Vec<Line<'a>>, bool) {
    let key = |a| keymap.hint(Context::Question, a);
    let Some(plan) = form.plan.as_ref() else {
        return ("Plan", vec![], false);
    };
    let Some(s) = plan.shown.as_ref() else {
        let targets: Vec<String> = plan.targets.iter().map(ToString::to_string).collect();
        let lines = vec![
            Line::raw(format!(
                " reading the last deploy of {} and what {} in progress…",
                shown(&targets.join(", ")),
                if targets.len() == 1 {
                    "it has"
                } else {
                    "they have"
                }
            )),
            Line::raw(""),
            Line::styled(
                format!(" {}: back to the form", key(Action::Back)),
                theme.dim(),
            ),
        ];
        return ("Plan", lines, false);
    };
    let copies = plan.targets.len() as u64;
    let (exact, planned) = (s.exact(), s.items());
    let cost = |items: &[String]| brief(items.len() as u64 * copies, model.month_use);
    let mut line = format!(
        " exact {} ({}) · planned {} ({})",
        counted(&exact),
        cost(&exact),
        counted(&planned),
        cost(&planned)
    );
    if let Some(extra) = s.planned.planned.extra {
        line.push_str(&format!(
            ", also purging {} unchanged {}",
            thousands(extra as u64),
            if extra == 1 { "object" } else { "objects" }
        ));
    }
    let mut head = vec![Line::raw(line)];
    if copies > 1 {
        head.push(Line::styled(
            format!(" each sent to {} targets, costed for all", copies),
            theme.dim(),
        ));
    }
    for note in &s.notes {
        head.push(Line::styled(format!(" {}", shown(note)), theme.dim()));
    }
    if let Some(said) = month_said(model.month_use) {
        head.push(Line::styled(format!(" {said}"), theme.dim()));
    }
    let tail = if s.saves() {
        vec![
            Line::raw(""),
            super::question::keys("use the planned batch", "keep the exact one", keymap, theme),
        ]
    } else {
        vec![
            Line::raw(""),
            Line::raw(format!(
                " The planned batch is the exact one. {}, {} or {}: back to the form",
                key(Action::Yes),
                key(Action::No),
                key(Action::Back)
            )),
        ]
    };
    let lines = super::question::with_items(
        (head, tail),
        ("planned items", &planned, plan.scroll),
        (width, room),
        rows,
        keymap,
        theme,
    );
    ("Plan", lines, false)
}
