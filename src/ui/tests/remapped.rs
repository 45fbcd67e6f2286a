//! Keys given other keys in the config file: every key the screen names is the new one.

use std::path::Path;

use super::{Headless, type_text};
use crate::app::Action;
use crate::app::compose::Field;
use crate::store::config;

const CONFIG: &str = r#"
[keys.browse]
quit = "x"
new_batch = "a"

[keys.question]
yes = "j"

[keys.form]
submit = "ctrl-g"
accept_fixes = "f2"
toggle = "ctrl-t"
discard = "f4"
"#;

async fn remapped() -> Headless {
    match config::parse(CONFIG, Path::new("config.toml")) {
        Ok(config) => Headless::start_with(config).await,
        Err(e) => panic!("the test's config should parse: {e}"),
    }
}

/// Whether a line of the screen shows `key` followed, after blanks, by `what`.
fn has_row(screen: &str, key: &str, what: &str) -> bool {
    screen.lines().any(|line| {
        line.match_indices(&format!(" {key} "))
            .any(|(at, m)| line[at + m.len()..].trim_start().starts_with(what))
    })
}

#[tokio::test(start_paused = true)]
async fn the_footer_and_the_help_show_the_new_keys() {
    let mut app = remapped().await;
    let screen = app.screen(160, 48).await;
    let footer = screen.lines().last().unwrap_or_default();
    assert!(
        footer.contains(" x quit") && footer.contains(" a new"),
        "{footer}"
    );
    assert!(
        !footer.contains("q quit") && !footer.contains("n new"),
        "{footer}"
    );

    app.press(&[Action::Help]).await;
    let help = app.screen(160, 48).await;
    assert!(has_row(&help, "x", "quit"), "{help}");
    assert!(has_row(&help, "a", "new batch"), "{help}");
    assert!(has_row(&help, "Ctrl-g", "submit"), "{help}");
    assert!(!has_row(&help, "q Ctrl-c", "quit"), "{help}");
    // The question's keys come further down the help.
    app.press(&[Action::Down, Action::Down]).await;
    let further = app.screen(160, 48).await;
    assert!(has_row(&further, "j", "yes"), "{further}");

    app.press(&[Action::Help, Action::Bottom]).await;
    let lightsail = app.screen(160, 48).await;
    assert!(lightsail.contains("reset at once (a)"), "{lightsail}");
}

#[tokio::test(start_paused = true)]
async fn questions_and_the_forms_messages_show_the_new_keys() {
    let mut app = remapped().await;
    app.model_mut().seed = 7;
    app.press(&[Action::NewBatch]).await;
    type_text(&mut app, "/a\nindex.html").await;
    let form = app.screen(160, 48).await;
    assert!(form.contains("one per line · F2 accepts fixes"), "{form}");
    assert!(form.contains("Ctrl-t chooses"), "{form}");

    app.press(&[Action::Submit]).await;
    let refused = app.screen(160, 48).await;
    assert!(
        refused.contains("(F2 accepts the offered fixes)"),
        "{refused}"
    );

    app.press(&[Action::AcceptFixes]).await;
    while app.model().compose.as_ref().map(|f| f.field) != Some(Field::Targets) {
        app.press(&[Action::NextField]).await;
    }
    app.press(&[Action::Toggle, Action::Submit]).await;
    let no_target = app.screen(160, 48).await;
    assert!(
        no_target.contains("Tab to the targets and press Ctrl-t on one"),
        "{no_target}"
    );

    app.press(&[Action::Toggle, Action::Submit]).await;
    let question = app.screen(160, 48).await;
    assert!(
        question.contains(" j send   n back to the form"),
        "{question}"
    );
    assert!(!question.contains(" y send"), "{question}");

    app.press(&[Action::No, Action::Back]).await;
    let kept = app.screen(160, 48).await;
    assert!(kept.contains("batch kept: a brings it back"), "{kept}");
    app.press(&[Action::Refresh]).await;
    let footer = app.screen(160, 48).await;
    assert!(footer.contains("· a batch is kept: a"), "{footer}");

    app.press(&[Action::NewBatch]).await;
    let back = app.screen(160, 48).await;
    assert!(
        back.contains("your unsent batch is back (F4 discards it)"),
        "{back}"
    );
}
