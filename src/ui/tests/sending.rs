//! The batch on its way to AWS: the confirmation of a long batch, and the form while it sends.

use super::*;

/// A long batch's confirmation lists as many items as fit, scrolls through them, and keeps
/// its answers on screen.
#[tokio::test(start_paused = true)]
async fn the_confirmation_of_a_long_batch_scrolls_through_its_items() {
    let mut app = Headless::start().await;
    app.press(&[Action::NewBatch]).await;
    let text: Vec<String> = (1..=50).map(|n| format!("/page/{n}.html")).collect();
    app.event(Event::Paste(text.join("\n"))).await;
    app.press(&[Action::Submit]).await;
    let screen = app.screen(80, 24).await;
    assert!(screen.contains("items 1–"), "{screen}");
    assert!(screen.contains("of 50 (↑↓ scrolls)"), "{screen}");
    assert!(screen.contains("/page/1.html"), "{screen}");
    assert!(screen.contains("y send   n back to the form"), "{screen}");
    for _ in 0..3 {
        app.press(&[Action::Down]).await;
    }
    let screen = app.screen(80, 24).await;
    assert!(screen.contains("items 4–"), "{screen}");
    assert!(!screen.contains("/page/1.html "), "{screen}");
    assert!(screen.contains("y send   n back to the form"), "{screen}");
    // At 200×50 the box is wider and shows more of them.
    let wide = app.screen(200, 50).await;
    assert!(wide.contains("/page/30.html"), "{wide}");
}

/// While a create is slow: where it goes, for how long, and the keys that still work, on
/// screen; Esc stops the wait and the form says what may have been made.
#[tokio::test(start_paused = true)]
async fn a_batch_on_its_way_and_the_wait_stopped() {
    let mut app = Headless::start().await;
    app.model_mut().seed = 7;
    app.press(&[Action::NewBatch]).await;
    type_text(&mut app, "/index.html").await;
    app.press(&[Action::Submit]).await;
    app.backend.faults().set_latency(Duration::from_secs(300));
    // Not `press`: it waits for quiet, and the spinner turns while the batch is on its way.
    let yes = KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE);
    app.keys.send(Input::Event(Event::Key(yes))).unwrap();
    for _ in 0..30 {
        let soon = Instant::now() + Duration::from_millis(100);
        app.lp.turn(Some(soon)).await.unwrap();
    }
    let screen = app.screen(80, 24).await;
    assert!(app.model().compose.as_ref().unwrap().is_sending());
    assert!(screen.contains("sending to E2QWRUHAPOMQZL"), "{screen}");
    assert!(screen.contains("Esc stop waiting"), "{screen}");
    // The spinner's frame and the seconds depend on where the ticks fell: no snapshot.
    assert!(
        screen.contains("sending to E2QWRUHAPOMQZL www.northwind-shop.com · "),
        "{screen}"
    );
    assert!(
        screen.contains("Esc stops waiting · Ctrl-c leaves · anything sent stays in the journal"),
        "{screen}"
    );
    let footer = screen.lines().last().unwrap_or_default();
    assert!(
        footer.contains("sending  Esc stop waiting Ctrl-c quit F1 help"),
        "{footer}"
    );
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    app.keys.send(Input::Event(Event::Key(esc))).unwrap();
    app.lp
        .turn(Some(Instant::now() + Duration::from_millis(10)))
        .await
        .unwrap();
    let screen = app.screen(80, 24).await;
    assert!(!app.model().compose.as_ref().unwrap().is_sending());
    assert!(screen.contains("stopped waiting"), "{screen}");
}
