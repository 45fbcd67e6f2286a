//! Questions in a box over the screen: the submit confirmation (twice for a purge of
//! everything), a Lightsail cache reset, quitting with a batch, discarding one, last time's draft.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::popup;
use super::theme::Theme;
use crate::app::compose::{Compose, Stage};
use crate::app::{Model, Question};
use crate::domain::cost::estimate;
use crate::domain::words::plural;

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, theme: &Theme) {
    let (title, lines, danger) = if let Some(q) = &model.question {
        question(q, model, theme)
    } else if let Some(form) = model
        .compose
        .as_ref()
        .filter(|f| matches!(f.stage, Stage::Confirm | Stage::ConfirmEverything))
    {
        confirmation(form, theme)
    } else {
        return;
    };
    let width = 70.min(area.width);
    // Rows the lines take once wrapped inside the borders.
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let rows: usize = lines.iter().map(|l| l.width().max(1).div_ceil(inner)).sum();
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

fn keys<'a>(yes: &str, no: &str, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(" y ", theme.key()),
        Span::raw(yes.to_string()),
        Span::raw("   "),
        Span::styled("n ", theme.key()),
        Span::raw(no.to_string()),
    ])
}

fn question<'a>(q: &Question, model: &Model, theme: &Theme) -> (&'static str, Vec<Line<'a>>, bool) {
    match q {
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
                keys("reset", "cancel", theme),
            ],
            true,
        ),
        Question::Quit => (
            "Quit",
            vec![
                Line::raw(" Quit edgepurge? The batch in the form is kept as a draft"),
                Line::raw(" and offered again at the next start."),
                Line::raw(""),
                keys("quit", "stay", theme),
            ],
            false,
        ),
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
                    keys("discard", "keep it", theme),
                ],
                true,
            )
        }
        Question::Unconfirmed => {
            let mut lines = vec![
                Line::raw(" Sent without an answer: each may or may not have been made."),
                Line::raw(
                    " Sending again with the same caller reference never makes a second one.",
                ),
                Line::raw(""),
            ];
            for e in model.unconfirmed.iter().take(8) {
                let i = &e.intent;
                let what = match i.kind {
                    crate::domain::journal::Kind::Reset => "cache reset".to_string(),
                    _ => plural(i.items.len(), "item"),
                };
                lines.push(Line::raw(format!(
                    "   {}  {what}  {}  {} ({})",
                    i.target,
                    i.caller_reference,
                    i.sender.user,
                    i.origin.as_str()
                )));
            }
            if model.unconfirmed.len() > 8 {
                lines.push(Line::raw(format!(
                    "   and {} more (edgepurge journal --state unconfirmed)",
                    model.unconfirmed.len() - 8
                )));
            }
            lines.push(Line::raw(""));
            lines.push(keys("send again", "forget them", theme));
            lines.push(Line::styled(
                " Esc: later (edgepurge resume sends them)",
                theme.dim(),
            ));
            ("Unconfirmed purges", lines, false)
        }
        Question::Draft { summary } => (
            "Unsent batch",
            vec![
                Line::raw(" A batch from last time was not sent:"),
                Line::raw(format!("   {summary}")),
                Line::raw(""),
                keys("open it", "discard it", theme),
                Line::styled(" Esc: later (n opens it)", theme.dim()),
            ],
            false,
        ),
    }
}

fn confirmation<'a>(form: &Compose, theme: &Theme) -> (&'static str, Vec<Line<'a>>, bool) {
    let s = form.batch.summary();
    let targets = form.chosen();
    let cost = estimate((s.kept() * targets.len()) as u64, None);
    let reference = form.caller_reference.value().to_string();
    if form.stage == Stage::ConfirmEverything {
        let mut lines = vec![Line::styled(
            " /* purges EVERYTHING cached on:",
            theme.error(),
        )];
        lines.extend(targets.iter().map(|t| Line::raw(format!("   {t}"))));
        lines.push(Line::styled(
            " Every viewer request goes to the origin until the cache fills again.",
            theme.dim(),
        ));
        lines.push(Line::raw(""));
        lines.push(keys("yes, purge everything", "back to the form", theme));
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
    let mut lines = vec![Line::raw(format!(
        " Send {what} to {}:",
        plural(targets.len(), "target")
    ))];
    lines.extend(targets.iter().map(|t| Line::raw(format!("   {t}"))));
    if s.parts > 1 {
        lines.push(Line::raw(format!(
            " as {} invalidations each (at most 3,000 items in one)",
            s.parts
        )));
    }
    lines.push(Line::raw(format!(" estimated cost: {cost}")));
    lines.push(Line::from(vec![
        Span::styled(" caller reference: ", theme.dim()),
        Span::styled(reference, Style::default()),
    ]));
    lines.push(Line::raw(""));
    lines.push(keys("send", "back to the form", theme));
    ("Send?", lines, s.whole_distribution)
}
