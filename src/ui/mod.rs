//! The view: `draw` reads the model and paints it; it changes nothing. One file per pane.

mod compose;
mod details;
mod footer;
mod header;
mod help;
mod invalidations;
pub mod mouse;
mod picker;
mod plan;
mod question;
mod running;
mod search;
mod targets;
pub mod theme;
pub mod time;
mod watch;

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};

use crate::app::{Action, Context, Keymap, Model, Overlay, Pane};
use crate::domain::visible;
use theme::Theme;

/// The dashboard's view, for the loop.
pub struct Ui;

impl crate::app::View for Ui {
    fn draw(&self, frame: &mut Frame, model: &Model, keymap: &Keymap) {
        draw(frame, model, keymap);
    }

    fn pointer(
        &self,
        model: &Model,
        area: Rect,
        mouse: crossterm::event::MouseEvent,
    ) -> Option<crate::app::Msg> {
        mouse::to_msg(model, area, mouse)
    }
}

/// Below this the panes cannot be told apart; a note says so instead.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 12;

pub fn draw(frame: &mut Frame, model: &Model, keymap: &Keymap) {
    let area = frame.area();
    let theme = Theme::new(model.colors, model.settings.palette);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let note = format!(
            "terminal too small: {}×{}; edgepurge needs at least {MIN_WIDTH}×{MIN_HEIGHT}",
            area.width, area.height
        );
        frame.render_widget(Paragraph::new(note).wrap(Wrap { trim: true }), area);
        return;
    }
    let areas = Areas::of(area, model);
    header::draw(frame, areas.header, model, &theme);
    footer::draw(frame, areas.footer, model, keymap, &theme);
    if areas.watch.height > 0 {
        watch::draw(frame, areas.watch, model, &theme);
    }
    match &model.compose {
        Some(form) => compose::draw(frame, areas.body, form, model, keymap, &theme),
        None => {
            if !areas.targets.is_empty() {
                targets::draw(frame, areas.targets, model, keymap, &theme);
                invalidations::draw(frame, areas.invalidations, model, keymap, &theme);
            }
            details::draw(frame, areas.details, model, keymap, &theme);
        }
    }
    // Bottom layer first: the top one is drawn last, over the others.
    for layer in model.overlays.iter() {
        match layer {
            Overlay::Picker(p) => picker::draw(frame, areas.body, p, &model.source, keymap, &theme),
            Overlay::Search(search) => {
                search::draw(frame, areas.body, model, search, keymap, &theme)
            }
            Overlay::Running(view) => running::draw(frame, areas.body, model, view, keymap, &theme),
            Overlay::Question(q) => question::draw(frame, areas.body, q, model, keymap, &theme),
            Overlay::Help => help::draw(
                frame,
                area,
                keymap,
                (model.help_place(), model.help_scroll),
                &theme,
            ),
            // Typed in the pane's own filter line.
            Overlay::Filter(_) => {}
        }
    }
}

/// Where everything goes on a screen of a given size (the mouse needs it too).
#[derive(Debug, Clone, Copy)]
pub struct Areas {
    pub header: Rect,
    /// Everything between the header and the watch strip: the panes, or the form.
    pub body: Rect,
    pub targets: Rect,
    pub invalidations: Rect,
    pub details: Rect,
    pub watch: Rect,
    pub footer: Rect,
}

impl Areas {
    pub fn of(area: Rect, model: &Model) -> Self {
        let [header, body, watch, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(watch::height(model)),
            Constraint::Length(1),
        ])
        .areas(area);
        let [targets, right] =
            Layout::horizontal([Constraint::Percentage(34), Constraint::Percentage(66)])
                .areas(body);
        let [invalidations, details] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(right);
        // Zoomed, the details take the panes' whole place; the other two are not drawn.
        let (targets, invalidations, details) = if model.details_zoomed() {
            (Rect::default(), Rect::default(), body)
        } else {
            (targets, invalidations, details)
        };
        Self {
            header,
            body,
            targets,
            invalidations,
            details,
            watch,
            footer,
        }
    }
}

/// A pane's frame: its title, and a border that shows whether it has the focus.
fn pane_block<'a>(model: &Model, pane: Pane, title: Line<'a>, theme: &Theme) -> Block<'a> {
    let focused = model.focus == pane && !model.overlays.help();
    Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(theme.border(focused))
        .title(title.style(theme.title(focused)))
}

/// Text from outside edgepurge (names, paths, messages from AWS) as it may be drawn: every
/// control and format character shown escaped. ratatui drops C0 controls silently (hiding an
/// ESC) and draws bidi overrides and C1 controls as they are.
fn shown(text: &str) -> String {
    visible::line(text).into_owned()
}

/// A line of text shown escaped and cut to `width` columns, with `…` where it was cut.
fn fit(text: &str, width: usize) -> String {
    let text = visible::line(text);
    if text.chars().count() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The filter line at the bottom of a list pane, when it has a filter or one is being typed;
/// returns the area left for the list.
fn filter_line(
    frame: &mut Frame,
    area: Rect,
    model: &Model,
    pane: Pane,
    input: &tui_input::Input,
    theme: &Theme,
) -> Rect {
    let editing = model.overlays.filtering() == Some(pane);
    if input.value().is_empty() && !editing {
        return area;
    }
    let [rest, line] = Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(area);
    let width = line.width.saturating_sub(1) as usize;
    let scroll = input.visual_scroll(width);
    let shown: String = input.value().chars().skip(scroll).collect();
    let style = if editing { theme.key() } else { theme.dim() };
    frame.render_widget(
        Line::styled(fit(&format!("/{shown}"), line.width as usize), style),
        line,
    );
    if editing {
        let x = (input.visual_cursor().saturating_sub(scroll) + 1) as u16;
        frame.set_cursor_position((line.x + x.min(line.width.saturating_sub(1)), line.y));
    }
    rest
}

/// Text shown escaped and folded at spaces into lines of at most `width` columns (a longer
/// word is cut).
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let text = visible::line(text);
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if needed > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while line.chars().count() > width {
            let head: String = line.chars().take(width).collect();
            line = line.chars().skip(width).collect();
            lines.push(head);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A box over the screen, centred in `area`: cleared, framed, titled. Returns its inside.
fn popup(
    frame: &mut Frame,
    area: Rect,
    (width, height): (u16, u16),
    title: Line<'_>,
    border: Style,
) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [boxed] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    frame.render_widget(Clear, boxed);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Thick)
        .border_style(border)
        .title(title);
    let inner = block.inner(boxed);
    frame.render_widget(block, boxed);
    inner
}

/// A placeholder line in a pane: loading, empty, or an error (shown escaped: it may be AWS's).
fn note<'a>(text: impl Into<String>, style: Style) -> Paragraph<'a> {
    Paragraph::new(Line::styled(shown(&text.into()), style)).wrap(Wrap { trim: true })
}

#[cfg(test)]
mod tests;

/// Two keys named together: the arrows side by side ("↑↓"), other keys apart ("k/j").
fn keys_pair(first: &str, second: &str) -> String {
    let arrow = |k: &str| matches!(k, "↑" | "↓" | "←" | "→");
    if arrow(first) && arrow(second) {
        format!("{first}{second}")
    } else {
        format!("{first}/{second}")
    }
}

/// A list to choose from in a box over the panes (the search, "running now"): the rows with
/// the chosen one marked, and under them the keys that choose, open (`open`: what it does
/// there) and close, as the keymap of `context` has them.
fn chooser(
    frame: &mut Frame,
    (list_area, hint): (Rect, Rect),
    items: Vec<ratatui::widgets::ListItem<'_>>,
    cursor: usize,
    (keymap, context, open): (&Keymap, Context, &str),
    theme: &Theme,
) {
    let list = ratatui::widgets::List::new(items).highlight_style(theme.selected(true));
    let mut state = ratatui::widgets::ListState::default().with_selected(Some(cursor));
    frame.render_stateful_widget(list, list_area, &mut state);
    let key = |action| keymap.hint(context, action);
    let keys = format!(
        " {} choose · {} {open} · {} closes",
        keys_pair(&key(Action::Up), &key(Action::Down)),
        key(Action::Open),
        key(Action::Back)
    );
    frame.render_widget(Line::styled(keys, theme.dim()), hint);
}
