//! The panes under the pointer and the keys: a click, the zoomed details, the watch strip,
//! the sorted list.

use super::*;

/// A click selects the row under it: the one drawn there, whatever the scroll.
#[tokio::test(start_paused = true)]
async fn a_click_selects_the_row_drawn_under_it() {
    let mut app = Headless::start().await;
    let click = |column: u16, row: u16| {
        Event::Mouse(crossterm::event::MouseEvent {
            kind: crossterm::event::MouseEventKind::Down(crossterm::event::MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    let line = |screen: &str, y: usize| screen.lines().nth(y).unwrap_or_default().to_string();
    // The targets pane: the fourth line holds the third distribution.
    let screen = app.screen(80, 24).await;
    let drawn = line(&screen, 5);
    app.event(click(3, 5)).await;
    let chosen = app.model().selected_target().unwrap().to_string();
    assert!(drawn.contains(&chosen), "{chosen} is not on {drawn:?}");
    assert_eq!(app.model().focus, crate::app::Pane::Targets);
    // Back to the first target, then deep into its list, so that the list has scrolled.
    app.event(click(3, 3)).await;
    app.press(&[Action::Open]).await;
    for y in [3, 7, 11] {
        app.press(&[Action::Top]).await;
        for _ in 0..40 {
            app.press(&[Action::Down]).await;
        }
        let drawn = line(&app.screen(80, 24).await, y);
        app.event(click(40, y as u16)).await;
        let (_, list) = app.model().selected_list().unwrap();
        let id = &list.selected().unwrap().id;
        assert!(
            drawn.contains(id.as_str()),
            "line {y}: {id} is not on {drawn:?}"
        );
    }
}

/// `z` gives the details the whole screen, Esc gives it back; a finished batch can be cleared
/// from the watch strip, and the strip collapsed to its title.
#[tokio::test(start_paused = true)]
async fn the_details_zoom_and_the_watch_strip_folds_and_clears() {
    let mut app = Headless::start().await;
    app.press(&[Action::Open, Action::Zoom]).await;
    let zoomed = app.screen(80, 24).await;
    assert!(!zoomed.contains("Targets"), "{zoomed}");
    assert!(zoomed.contains("Details"), "{zoomed}");
    insta::assert_snapshot!("details_zoomed_80x24", zoomed);
    app.press(&[Action::Back]).await;
    let back = app.screen(80, 24).await;
    assert!(back.contains("Targets"), "{back}");

    app.press(&[Action::Back, Action::Back, Action::NewBatch])
        .await;
    type_text(&mut app, "/index.html").await;
    app.press(&[Action::Submit, Action::Yes]).await;
    for _ in 0..40 {
        if !app.model().is_watching() {
            break;
        }
        app.poll().await;
    }
    assert_eq!(app.model().watched.len(), 1);
    app.press(&[Action::CollapseWatch]).await;
    let folded = app.screen(80, 24).await;
    assert!(
        folded.contains("Watching: 0 running, 1 done (collapsed)"),
        "{folded}"
    );
    assert!(!folded.contains("Completed after"), "{folded}");
    app.press(&[Action::CollapseWatch, Action::ClearWatched])
        .await;
    assert!(app.model().watched.is_empty());
    let cleared = app.screen(80, 24).await;
    assert!(!cleared.contains("Watching"), "{cleared}");
}

/// `o` sorts the list (in progress first, then most paths first, then back to newest
/// first); the keys move through it in the order shown.
#[tokio::test(start_paused = true)]
async fn the_list_sorts_and_the_cursor_follows_the_order_shown() {
    let mut app = Headless::start().await;
    app.press(&[Action::Open, Action::Bottom, Action::Sort])
        .await;
    let screen = app.screen(80, 24).await;
    assert!(screen.contains("in progress first"), "{screen}");
    let (_, list) = app.model().selected_list().unwrap();
    let order = list.order().unwrap().to_vec();
    assert!(list.items()[order[0]].status.is_in_progress());
    app.press(&[Action::Top]).await;
    let (_, list) = app.model().selected_list().unwrap();
    assert_eq!(list.cursor, order[0], "the top of the order shown");
    app.press(&[Action::Down]).await;
    let (_, list) = app.model().selected_list().unwrap();
    assert_eq!(list.cursor, order[1]);
    app.press(&[Action::Sort, Action::Sort]).await;
    let (_, list) = app.model().selected_list().unwrap();
    assert_eq!(list.order(), None, "newest first again");
}

/// `v` on a completed invalidation asks the demo account's edges; the details say what they
/// answered in one line.
#[tokio::test(start_paused = true)]
async fn a_completed_invalidation_is_checked_at_the_edge() {
    let mut app = Headless::start().await;
    // The newest is in progress: nothing is asked, and the footer says why.
    app.press(&[Action::Open]).await;
    app.poll().await;
    app.press(&[Action::VerifyEdge]).await;
    assert!(app.model().edge_checks.is_empty());
    let footer = app.screen(80, 24).await;
    assert!(footer.contains("not completed yet"), "{footer}");
    app.press(&[Action::Down, Action::Down, Action::Open]).await;
    let before = app.screen(80, 24).await;
    assert!(before.contains("Completed"), "{before}");
    assert!(!before.contains("edge "), "{before}");
    app.press(&[Action::VerifyEdge]).await;
    let screen = app.screen(80, 24).await;
    let line = screen
        .lines()
        .find(|l| l.contains("edge  "))
        .unwrap_or_else(|| panic!("no edge line: {screen}"));
    assert!(line.contains(" fresh, 0 stale, "), "{line}");
    assert!(
        screen.contains("by DEMO50-P1; other edges not checked"),
        "{screen}"
    );
    insta::assert_snapshot!("details_edge_checked_80x24", screen);
}
