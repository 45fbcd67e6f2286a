//! `p`: the profile picker says what is in use and why there is no region to choose.

use super::Headless;
use crate::app::{Action, Slot};

#[tokio::test(start_paused = true)]
async fn the_picker_lists_profiles_and_asks_for_no_region() {
    let mut app = Headless::start().await;
    app.press(&[Action::SwitchAccount]).await;
    // The demo account has no AWS profiles: as if the config files named these.
    let picker = app.model_mut().overlays.picker_mut().unwrap();
    picker.profiles = Slot::Ready(vec!["default".into(), "prod".into(), "staging".into()]);
    app.press(&[Action::Down, Action::Down]).await;
    let screen = app.screen(80, 24).await;
    assert!(
        !screen.contains("us-west-2"),
        "no list of regions: {screen}"
    );
    insta::assert_snapshot!("picker_80x24", screen);
}
