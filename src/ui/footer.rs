//! The bottom line: a message when there is one, else the keys that work here, from the keymap.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::theme::Theme;
use crate::app::compose::Field;
use crate::app::{Action, Context, Keymap, Model, Pane};

pub fn draw(frame: &mut Frame, area: Rect, model: &Model, keymap: &Keymap, theme: &Theme) {
    if let Some(flash) = &model.flash {
        let style = if flash.error {
            theme.error()
        } else {
            theme.group()
        };
        let text = format!(" {}", super::shown(&flash.text));
        frame.render_widget(Line::styled(text, style), area);
        return;
    }
    let context = model.context();
    if context == Context::Form && model.compose.as_ref().is_some_and(|f| f.is_sending()) {
        // Only these keys work while the batch is on its way.
        let mut spans = vec![Span::styled(" sending ", theme.title(true))];
        for (action, word) in [
            (Action::Back, "stop waiting"),
            (Action::Quit, "quit"),
            (Action::Help, "help"),
        ] {
            spans.push(Span::raw(" "));
            spans.push(Span::styled(keymap.hint(context, action), theme.key()));
            spans.push(Span::raw(format!(" {word}")));
        }
        frame.render_widget(Line::from(spans), area);
        return;
    }
    let place = match context {
        Context::Browse => model.focus.name(),
        Context::Form => "compose",
        Context::Question => "question",
        Context::Filter => "filter",
        Context::Search => "search",
    };
    let mut spans = vec![Span::styled(format!(" {place} "), theme.title(true))];
    for (key, word) in keymap.footer(context, |a| applies(model, a)) {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {word}")));
    }
    if context == Context::Browse && model.draft.is_some() {
        let key = keymap.hint(Context::Browse, Action::NewBatch);
        spans.push(Span::styled(
            format!("  · a batch is kept: {key}"),
            theme.dim(),
        ));
    }
    frame.render_widget(Line::from(spans), area);
}

/// Whether a key is worth showing where the user is.
fn applies(model: &Model, action: Action) -> bool {
    let on_list = matches!(model.focus, Pane::Invalidations | Pane::Details)
        && model.selected_list().is_some();
    match action {
        Action::Open => model.focus != Pane::Details,
        Action::Back => model.focus != Pane::Targets,
        Action::CopyToNew | Action::Watch => on_list,
        Action::Toggle => model
            .compose
            .as_ref()
            .is_some_and(|f| f.field == Field::Targets),
        _ => true,
    }
}
