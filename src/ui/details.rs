//! The details pane: the selected invalidation in full, or a Lightsail distribution's latest
//! cache reset.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::theme::Theme;
use super::time::{ago, local};
use super::{fit, note, pane_block, shown};
use crate::app::{Action, Context, EdgeReport, Keymap, Model, Pane, Slot};
use crate::domain::creator::Who;
use crate::domain::edge::Verdict;
use crate::domain::invalidation::Invalidation;
use crate::domain::target::{CloudFrontTarget, Target};
use crate::domain::words::duration;

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, keymap: &Keymap, theme: &Theme) {
    let block = pane_block(model, Pane::Details, Line::raw(" Details "), theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = match model.selected_target() {
        None => return,
        Some(Target::Lightsail { name }) => lightsail(model, &name, keymap, theme),
        Some(Target::CloudFront(target)) => {
            let selected = model
                .selected_list()
                .and_then(|(_, list)| list.selected().map(|s| s.id.clone()));
            let Some(id) = selected else {
                return;
            };
            match model.details.get(&(target.clone(), id)) {
                Some(Slot::Ready(inv)) => {
                    invalidation(model, &target, inv, inner.width as usize, theme)
                }
                Some(Slot::Failed(e)) => {
                    frame.render_widget(note(e.clone(), theme.error()), inner);
                    return;
                }
                _ => vec![Line::styled("loading…", theme.dim())],
            }
        }
    };
    // Paths are already cut to the width; wrapping only ever folds the prose.
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

fn field<'a>(name: &'static str, value: impl Into<String>, theme: &Theme) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{name:<11}"), theme.dim()),
        Span::raw(shown(&value.into())),
    ])
}

fn invalidation<'a>(
    model: &Model,
    target: &CloudFrontTarget,
    inv: &Invalidation,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{:<11}", "id"), theme.dim()),
            Span::raw(format!("{}  ", shown(&inv.id))),
            Span::styled(inv.status.to_string(), theme.status(&inv.status)),
        ]),
        field("target", target.to_string(), theme),
        field(
            "created",
            format!(
                "{} ({})",
                local(inv.create_time, model.local_offset),
                ago(model.now, inv.create_time),
            ),
            theme,
        ),
        field(
            "",
            inv.create_time.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
            theme,
        ),
        field("reference", inv.caller_reference.clone(), theme),
        creator(model, target, &inv.id, width, theme),
    ];
    // Only for batches seen in progress: the list gives no completion time.
    if let Some(done) = model.completed_at.get(&(target.clone(), inv.id.clone())) {
        lines.push(field(
            "completed",
            format!(
                "seen at {} · took about {}",
                local(*done, model.local_offset),
                duration(*done - inv.create_time)
            ),
            theme,
        ));
    }
    if let Some(check) = model.edge_checks.get(&(target.clone(), inv.id.clone())) {
        let (counts, pops) = edge_lines(check);
        lines.push(field("edge", counts, theme));
        lines.extend(pops.map(|p| field("", p, theme)));
    }
    lines.push(Line::styled(
        format!("paths ({})", inv.items.len()),
        theme.dim(),
    ));
    let scroll = model.details_scroll.min(inv.items.len().saturating_sub(1));
    lines.extend(
        inv.items
            .iter()
            .skip(scroll)
            .map(|p| Line::raw(fit(&format!("  {p}"), width))),
    );
    lines
}

/// Who created it: the journal's sender, CloudTrail's event, or where the lookup stands. One
/// line cut to the pane (the paths stay in view), the ARN last; whole when zoomed.
fn creator<'a>(
    model: &Model,
    target: &CloudFrontTarget,
    id: &str,
    width: usize,
    theme: &Theme,
) -> Line<'a> {
    let label = |name: &'static str, text: String| {
        if model.details_zoomed() {
            return field(name, text, theme);
        }
        Line::from(vec![
            Span::styled(format!("{name:<11}"), theme.dim()),
            Span::raw(fit(&text, width.saturating_sub(11))),
        ])
    };
    match model.creators.get(&(target.clone(), id.to_string())) {
        Some(Slot::Ready(who @ Who::Sent { .. })) => label("sent by", who.describe()),
        Some(Slot::Ready(Who::Found(creator))) if model.details_zoomed() => {
            label("created by", creator.describe())
        }
        Some(Slot::Ready(Who::Found(creator))) => label("created by", creator.brief()),
        Some(Slot::Ready(who)) => label("created by", who.describe()),
        Some(Slot::NotAllowed(action)) => Line::styled(
            format!("CloudTrail: not allowed for this role — {}", shown(action)),
            theme.dim(),
        ),
        Some(Slot::Failed(e)) => Line::from(vec![
            Span::styled(format!("{:<11}", "created by"), theme.dim()),
            Span::styled(format!("CloudTrail: {}", shown(e)), theme.error()),
        ]),
        Some(Slot::Loading(_) | Slot::Idle) | None => {
            Line::styled("who created it: looking in CloudTrail…", theme.dim())
        }
    }
}

/// What the edges answered (`v`): the counts, then which edge answered.
fn edge_lines(check: &Slot<EdgeReport>) -> (String, Option<String>) {
    match check {
        Slot::Ready(report) => {
            let counts = format!(
                "{} fresh, {} stale, {} unknown",
                report.count(Verdict::Fresh),
                report.count(Verdict::Stale),
                report.count(Verdict::Unknown)
            );
            let pops = match report.pops().as_slice() {
                [] => "no edge named itself".to_string(),
                pops => format!("by {}; other edges not checked", pops.join(", ")),
            };
            (counts, Some(pops))
        }
        Slot::Failed(e) => (format!("not checked: {e}"), None),
        _ => ("asking the edges…".into(), None),
    }
}

fn lightsail<'a>(model: &Model, name: &str, keymap: &Keymap, theme: &Theme) -> Vec<Line<'a>> {
    let distribution = model
        .lightsail
        .ready()
        .and_then(|all| all.iter().find(|l| l.name == name));
    let mut lines = vec![field("name", name.to_string(), theme)];
    if let Some(l) = distribution {
        lines.push(field("domain", l.domain.clone(), theme));
        if !l.alternative_domains.is_empty() {
            lines.push(field("aliases", l.alternative_domains.join(", "), theme));
        }
        lines.push(field("origin", l.origin.clone(), theme));
        lines.push(field(
            "status",
            format!("{}{}", l.status, if l.enabled { "" } else { " (disabled)" }),
            theme,
        ));
    }
    let reset = match model.resets.get(name) {
        Some(Slot::Ready(Some(r))) => format!(
            "{} · {} ({})",
            r.status,
            local(r.create_time, model.local_offset),
            ago(model.now, r.create_time)
        ),
        Some(Slot::Ready(None)) => "never".into(),
        Some(Slot::Failed(e)) => e.clone(),
        _ => "loading…".into(),
    };
    lines.push(field("last reset", reset, theme));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "A Lightsail distribution has no paths: its whole cache is reset at once ({}).",
            keymap.hint(Context::Browse, Action::NewBatch)
        ),
        theme.dim(),
    ));
    lines
}
