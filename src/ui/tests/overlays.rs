//! What opens over the panes: "running now" and the help.

use super::*;

/// `i`: every invalidation in progress on any target (those of targets not selected are
/// listed on opening), and Enter goes to one.
#[tokio::test(start_paused = true)]
async fn running_now_across_targets() {
    let mut app = Headless::start().await;
    app.press(&[Action::Running]).await;
    insta::assert_snapshot!("running_now_80x24", app.screen(80, 24).await);
    insta::assert_snapshot!("running_now_200x50", app.screen(200, 50).await);
    let rows = crate::app::running::running_now(app.model());
    let docs = rows
        .iter()
        .position(|r| r.target.to_string() == "E3LV9ZQ1W0XJ7B")
        .expect("the docs distribution's batches, not selected, are listed");
    for _ in 0..docs {
        app.press(&[Action::Down]).await;
    }
    app.press(&[Action::Open]).await;
    assert!(app.model().overlays.is_empty());
    assert_eq!(
        app.model().selected_target().map(|t| t.to_string()),
        Some("E3LV9ZQ1W0XJ7B".into())
    );
    let (_, list) = app.model().selected_list().unwrap();
    let crate::app::running::Work::Invalidation { id } = &rows[docs].work else {
        panic!("{:?}", rows[docs]);
    };
    assert_eq!(&list.selected().unwrap().id, id);
}

/// On a small screen the help scrolls to its end; opened from the form (F1), the form's keys
/// come first.
#[tokio::test(start_paused = true)]
async fn the_help_scrolls_and_opens_at_the_form_from_the_form() {
    let mut app = Headless::start().await;
    app.press(&[Action::Help]).await;
    let first = app.screen(80, 24).await;
    assert!(first.contains("closes this help"), "{first}");
    assert!(!first.contains("History search"), "{first}");
    app.press(&[Action::Bottom]).await;
    let last = app.screen(80, 24).await;
    assert!(last.contains("History search"), "{last}");
    assert!(
        last.contains("closes this help"),
        "the close line stays: {last}"
    );
    app.press(&[Action::Back]).await;
    assert!(app.model().overlays.is_empty());
    assert_eq!(app.model().help_scroll, 0);
    app.press(&[Action::NewBatch, Action::Help]).await;
    let form = app.screen(80, 24).await;
    let titles: Vec<&str> = form
        .lines()
        .filter(|l| l.contains("Compose form") || l.contains(" Panes "))
        .collect();
    assert!(
        titles.first().is_some_and(|l| l.contains("Compose form")),
        "{form}"
    );
}
