//! Questions in a box over the screen: the submit confirmation (twice for a purge of
//! everything), a Lightsail cache reset, quitting with a batch, discarding one, last time's draft.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::theme::Theme;
use super::{fit, keys_pair, popup, shown};
use crate::app::compose::Compose;
use crate::app::{Action, Context, Keymap, Model, Question};
use crate::domain::cost::with_month_use;
use crate::domain::words::plural;

pub fn draw(
    frame: &mut Frame,
    area: Rect,
    question: &Question,
    model: &Model,
    keymap: &Keymap,
    theme: &Theme,
) {
    // The confirmation lists the items: it uses the width of a wide screen.
    let width = match question {
        Question::Send { .. } | Question::Plan => area.width.saturating_sub(4).clamp(70, 140),
        _ => 70,
    }
    .min(area.width);
    // Rows the lines take once wrapped inside the borders.
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let rows =
        |lines: &[Line]| -> usize { lines.iter().map(|l| l.width().max(1).div_ceil(inner)).sum() };
    let (title, lines, danger) = match (question, &model.compose) {
        (Question::Send { everything }, Some(form)) => {
            let room = usize::from(area.height.saturating_sub(2));
            confirmation(form, *everything, model, keymap, theme, (inner, room), rows)
        }
        (Question::Plan, Some(form)) => {
            let room = usize::from(area.height.saturating_sub(2));
            super::plan::view(form, model, keymap, theme, (inner, room), rows)
        }
        (Question::Send { .. } | Question::Plan, None) => return,
        (q, _) => self::question(q, model, keymap, theme),
    };
    let rows = rows(&lines);
    let height = u16::try_from(rows + 2).unwrap_or(u16::MAX).min(area.height);
    let border = if danger {
        theme.error()
    } else {
        theme.border(true)
    };
    let inner = popup(
        frame,
        area,
        (width, height),
        Line::styled(format!(" {title} "), border),
        border,
    );
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// The answers: the keys of yes and no, each with what it does here.
/// `head`, then `items` as many as the screen has room for from where the user scrolled to
/// (which of them, when not all fit), then `tail`.
pub(super) fn with_items<'a>(
    (head, tail): (Vec<Line<'a>>, Vec<Line<'a>>),
    (what, items, scroll): (&str, &[String], usize),
    (width, room): (usize, usize),
    rows: impl Fn(&[Line]) -> usize,
    keymap: &Keymap,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let budget = room.saturating_sub(rows(&head) + rows(&tail) + 1).max(1);
    let top = scroll.min(items.len().saturating_sub(budget));
    let heading = if items.len() > budget {
        let key = |a| keymap.hint(Context::Question, a);
        format!(
            " {what} {}–{} of {} ({} scrolls):",
            top + 1,
            (top + budget).min(items.len()),
            items.len(),
            keys_pair(&key(Action::Up), &key(Action::Down))
        )
    } else {
        format!(" {what}:")
    };
    let mut lines = head;
    lines.push(Line::styled(heading, theme.dim()));
    lines.extend(
        items
            .iter()
            .skip(top)
            .take(budget)
            .map(|item| Line::raw(format!("   {}", fit(item, width.saturating_sub(3))))),
    );
    lines.extend(tail);
    lines
}

pub(super) fn keys<'a>(yes: &str, no: &str, keymap: &Keymap, theme: &Theme) -> Line<'a> {
    let key = |action| keymap.hint(Context::Question, action);
    Line::from(vec![
        Span::styled(format!(" {} ", key(Action::Yes)), theme.key()),
        Span::raw(yes.to_string()),
        Span::raw("   "),
        Span::styled(format!("{} ", key(Action::No)), theme.key()),
        Span::raw(no.to_string()),
    ])
}

/// The third answer of a question that can wait: "Esc: later (…)".
fn later<'a>(then: &str, keymap: &Keymap, theme: &Theme) -> Line<'a> {
    let key = keymap.hint(Context::Question, Action::Back);
    Line::styled(format!(" {key}: later ({then})"), theme.dim())
}

fn question<'a>(
    q: &Question,
    model: &Model,
    keymap: &Keymap,
    theme: &Theme,
) -> (&'static str, Vec<Line<'a>>, bool) {
    match q {
        // Drawn by `confirmation`, from the form.
        Question::Send { .. } => ("Send?", vec![], false),
        Question::Plan => ("Plan", vec![], false),
        Question::ResetCache { name } => (
            "Reset cache",
            vec![
                Line::raw(format!(
                    " Reset the whole cache of Lightsail distribution {name}?"
                )),
                Line::styled(
                    " Every object is fetched from the origin again.",
                    theme.dim(),
                ),
                Line::raw(""),
                keys("reset", "cancel", keymap, theme),
            ],
            true,
        ),
        Question::Quit => match model.compose.as_ref().filter(|f| f.is_sending()) {
            Some(form) => (
                "Quit while sending",
                vec![
                    Line::raw(format!(
                        " Still sending to {}: quit anyway?",
                        plural(form.sending_to().len(), "target")
                    )),
                    Line::raw(" What was sent, or may have been, is in the journal: the"),
                    Line::raw(" next start offers it again with its own caller reference"),
                    Line::raw(" (never made twice). The batch is kept as a draft."),
                    Line::raw(""),
                    keys("quit", "stay", keymap, theme),
                ],
                true,
            ),
            None => (
                "Quit",
                vec![
                    Line::raw(" Quit edgepurge? The batch in the form is kept as a draft"),
                    Line::raw(" and offered again at the next start."),
                    Line::raw(""),
                    keys("quit", "stay", keymap, theme),
                ],
                false,
            ),
        },
        Question::Discard => {
            let lines = model.compose.as_ref().map_or(0, |f| {
                f.editor
                    .lines()
                    .iter()
                    .filter(|l| !l.trim().is_empty())
                    .count()
            });
            (
                "Discard",
                vec![
                    Line::raw(format!(
                        " Throw this batch away ({})?",
                        plural(lines, "line")
                    )),
                    Line::raw(""),
                    keys("discard", "keep it", keymap, theme),
                ],
                true,
            )
        }
        Question::Unconfirmed => {
            let mut lines = vec![
                Line::raw(" Sent, but no answer was recorded: each may or may not exist."),
                Line::raw(" Sent again with its own caller reference, none is made twice."),
                Line::raw(""),
            ];
            const SHOWN: usize = 5;
            for e in model.unconfirmed.iter().take(SHOWN) {
                let i = &e.intent;
                let what = match i.kind {
                    crate::domain::journal::Kind::Reset => "cache reset".to_string(),
                    _ => match i.items.as_slice() {
                        [one] => one.clone(),
                        items => plural(items.len(), "item"),
                    },
                };
                lines.push(Line::raw(shown(&format!("   {}  {what}", i.target))));
                lines.push(Line::styled(
                    shown(&format!(
                        "     {} · {} ago · {} ({})",
                        i.caller_reference,
                        crate::domain::words::duration(model.now - i.attempted_at),
                        i.sender.user,
                        i.origin.as_str()
                    )),
                    theme.dim(),
                ));
            }
            if model.unconfirmed.len() > SHOWN {
                lines.push(Line::raw(format!(
                    "   and {} more (edgepurge journal --state unconfirmed)",
                    model.unconfirmed.len() - SHOWN
                )));
            }
            lines.push(Line::raw(""));
            lines.push(keys("send again", "forget them", keymap, theme));
            lines.push(later("edgepurge resume sends them", keymap, theme));
            ("Unconfirmed purges", lines, false)
        }
        Question::Draft { summary } => (
            "Unsent batch",
            vec![
                Line::raw(" A batch from last time was not sent:"),
                Line::raw(format!("   {summary}")),
                Line::raw(""),
                keys("open it", "discard it", keymap, theme),
                later(
                    &format!(
                        "{} opens it",
                        keymap.hint(Context::Browse, Action::NewBatch)
                    ),
                    keymap,
                    theme,
                ),
            ],
            false,
        ),
    }
}

fn confirmation<'a>(
    form: &Compose,
    everything: bool,
    model: &Model,
    keymap: &Keymap,
    theme: &Theme,
    (width, room): (usize, usize),
    rows: impl Fn(&[Line]) -> usize,
) -> (&'static str, Vec<Line<'a>>, bool) {
    let s = form.batch.summary();
    let targets = form.chosen();
    // Each target by its name as the form offers it (`E2QW… www.example.com`).
    let names: Vec<String> = targets
        .iter()
        .map(|t| {
            form.choices
                .iter()
                .find(|c| &c.target == t)
                .map_or_else(|| t.to_string(), |c| c.label.clone())
        })
        .collect();
    let cost = with_month_use((s.kept() * targets.len()) as u64, model.month_use);
    let reference = form.caller_reference.value().to_string();
    if everything {
        let mut lines = vec![Line::styled(
            " /* purges EVERYTHING cached on:",
            theme.error(),
        )];
        lines.extend(names.iter().map(|t| Line::raw(format!("   {}", shown(t)))));
        lines.push(Line::styled(
            " Every viewer request goes to the origin until the cache fills again.",
            theme.dim(),
        ));
        lines.push(Line::raw(""));
        lines.push(keys(
            "yes, purge everything",
            "back to the form",
            keymap,
            theme,
        ));
        return ("Purge everything?", lines, true);
    }
    let what = if s.wildcards > 0 {
        format!(
            "{} ({}){}",
            plural(s.paths, "path"),
            plural(s.wildcards, "wildcard"),
            if s.tags > 0 {
                format!(" and {}", plural(s.tags, "tag"))
            } else {
                String::new()
            }
        )
    } else if s.tags > 0 {
        format!("{} and {}", plural(s.paths, "path"), plural(s.tags, "tag"))
    } else {
        plural(s.paths, "path")
    };
    let mut head = vec![Line::raw(format!(
        " Send {what} to {}:",
        plural(targets.len(), "target")
    ))];
    head.extend(names.iter().map(|t| Line::raw(format!("   {}", shown(t)))));
    if s.parts > 1 {
        head.push(Line::raw(format!(
            " as {} invalidations each (at most 3,000 items in one)",
            s.parts
        )));
    }
    if s.whole_distribution {
        head.push(Line::styled(
            " /* purges everything cached on these targets",
            theme.error(),
        ));
    }
    head.push(Line::raw(format!(" cost: {cost}")));
    head.push(Line::from(vec![
        Span::styled(" caller reference: ", theme.dim()),
        Span::styled(shown(&reference), Style::default()),
    ]));
    let tail = vec![
        Line::raw(""),
        keys("send", "back to the form", keymap, theme),
    ];
    let items = form.batch.kept();
    let lines = with_items(
        (head, tail),
        ("items", &items, form.confirm_scroll),
        (width, room),
        rows,
        keymap,
        theme,
    );
    ("Send?", lines, s.whole_distribution)
}
