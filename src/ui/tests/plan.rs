//! The form's plan (`Ctrl-p`): the exact and the planned batch side by side, and what is said
//! when no deploy of the target is recorded.

use super::*;
use crate::app::Slot;

/// Changed files of a deploy: two stylesheets and a script of one folder, and the home page.
const CHANGED: &str = "/css/a.css\n/css/b.css\n/css/c.css\n/index.html";

#[tokio::test(start_paused = true)]
async fn the_plan_beside_the_exact_batch() {
    let mut app = Headless::start().await;
    app.model_mut().seed = 7;
    app.press(&[Action::NewBatch]).await;
    type_text(&mut app, CHANGED).await;
    app.press(&[Action::Plan]).await;
    // This dashboard runs without memory: nothing is recorded, and it says so.
    let screen = app.screen(80, 24).await;
    assert!(
        screen.contains("no deploy of E2QWRUHAPOMQZL recorded"),
        "{screen}"
    );
    assert!(
        screen.contains("exact 4 paths (up to $0.020) · planned 4 paths"),
        "{screen}"
    );
    assert!(
        screen.contains("The planned batch is the exact one. y, n or Esc: back to the form"),
        "{screen}"
    );
    app.press(&[Action::No]).await;
    // As if the store held the target's last deploy: the objects as the runtime maps them.
    app.press(&[Action::Plan]).await;
    let objects: Vec<String> = [
        "/css/a.css",
        "/css/b.css",
        "/css/c.css",
        "/index.html",
        "/img/x.png",
        "/app.js",
    ]
    .map(String::from)
    .to_vec();
    let form = app.model_mut().compose.as_mut().unwrap();
    let plan = form.plan.as_mut().unwrap();
    for slot in plan.objects.values_mut() {
        *slot = Slot::Ready(Some(objects.clone()));
    }
    plan.shown = None;
    plan.settle(&form.loads);
    app.event(Event::Resize(80, 24)).await;
    let screen = app.screen(80, 24).await;
    insta::assert_snapshot!("form_plan_80x24", screen);
    // With the month's use known, the costs count the free paths left.
    app.model_mut().month_use = Some(crate::domain::cost::MonthUse {
        paths: 10,
        complete: true,
    });
    app.event(Event::Resize(80, 24)).await;
    let screen = app.screen(80, 24).await;
    assert!(
        screen.contains("exact 4 paths (free) · planned 1 wildcard + 1 path (free)"),
        "{screen}"
    );
    assert!(
        screen.contains("costs counted with this month's use: 10 of 1,000 free paths used"),
        "{screen}"
    );
    app.press(&[Action::Yes]).await;
    let form = app.model().compose.as_ref().unwrap();
    assert_eq!(form.editor.lines(), ["/css/*", "/index.html"]);
}
