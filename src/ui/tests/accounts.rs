//! Several accounts in one dashboard: each a group of the targets pane, each target's list
//! from its own account, running now across them.

use super::Headless;
use crate::app::Action;

#[tokio::test(start_paused = true)]
async fn each_account_is_a_group_and_its_targets_show_its_own_invalidations() {
    let mut app = Headless::start_accounts().await;
    let screen = app.screen(80, 24).await;
    assert!(screen.contains("▾ demo "), "{screen}");
    insta::assert_snapshot!("accounts_80x24", screen);
    let screen = app.screen(200, 50).await;
    assert!(screen.contains("▾ demo-staging"), "{screen}");
    assert!(screen.contains("E3STG7K2QX9LMB"), "{screen}");
    insta::assert_snapshot!("accounts_200x50", screen);
    // The last targets are staging's: its storefront's list comes from staging.
    app.press(&[Action::Bottom, Action::Up, Action::Up]).await;
    let screen = app.screen(200, 50).await;
    assert!(
        screen.contains("Invalidations · E3STG7K2QX9LMB"),
        "{screen}"
    );
    assert_eq!(app.model().active, 1);
    insta::assert_snapshot!("accounts_staging_selected_200x50", screen);
    // Running now has both accounts' work, each said with its account.
    app.press(&[Action::Running]).await;
    let screen = app.screen(200, 50).await;
    assert!(screen.contains("demo-staging: E3STG7K2QX9LMB"), "{screen}");
    assert!(screen.contains("demo: E2QWRUHAPOMQZL"), "{screen}");
}
