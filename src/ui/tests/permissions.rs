//! A role that may not read every kind of target: what it may not read is said quietly, in
//! the group it belongs to, naming the IAM action to ask for.

use ratatui::style::Modifier;

use super::Headless;
use crate::app::Action;
use crate::backend::BackendError;

fn denied(action: &str) -> BackendError {
    BackendError::AccessDenied {
        permission: action.into(),
        message: "User: arn:aws:sts::123456789012:assumed-role/cdn/ops is not authorized".into(),
    }
}

#[tokio::test(start_paused = true)]
async fn a_cloudfront_only_role_sees_one_quiet_note_for_lightsail() {
    let mut app = Headless::start().await;
    app.backend
        .faults()
        .refuse("GetDistributions", denied("lightsail:GetDistributions"));
    // Targets are read again from the targets pane.
    app.press(&[Action::Refresh]).await;
    let screen = app.screen(80, 24).await;
    assert!(!screen.contains("access denied"), "{screen}");
    assert!(!screen.contains("User: arn"), "{screen}");
    insta::assert_snapshot!("lightsail_not_allowed_80x24", screen);
    insta::assert_snapshot!("lightsail_not_allowed_160x48", app.screen(160, 48).await);
}

#[tokio::test(start_paused = true)]
async fn tenants_the_role_may_not_list_are_said_once() {
    let mut app = Headless::start().await;
    app.backend.faults().refuse(
        "ListDistributionTenants",
        denied("cloudfront:ListDistributionTenants"),
    );
    app.press(&[Action::Refresh]).await;
    // The multi-tenant distribution, the last CloudFront row now that no tenant is listed.
    app.press(&[Action::Down; 5]).await;
    let screen = app.screen(80, 24).await;
    // Once in the targets pane, whatever the number of multi-tenant distributions.
    assert_eq!(
        screen.matches("tenants: not allowed").count(),
        1,
        "{screen}"
    );
    insta::assert_snapshot!("tenants_not_allowed_80x24", screen);
    // Down goes on to Lightsail, past the note, and the row drawn selected is that one.
    app.press(&[Action::Down]).await;
    assert!(matches!(
        app.model().selected_target(),
        Some(crate::domain::target::Target::Lightsail { .. })
    ));
    let screen = app.screen(80, 24).await;
    let row = screen
        .lines()
        .position(|l| l.contains("┃ wordpress-blog-cdn"))
        .unwrap();
    let buffer = app.lp.screen().0.backend().buffer();
    let cell = &buffer[(2, u16::try_from(row).unwrap())];
    assert!(
        cell.modifier.contains(Modifier::REVERSED),
        "the selected row is drawn selected: {screen}"
    );
}

#[tokio::test(start_paused = true)]
async fn tenants_that_fail_otherwise_are_an_error_under_their_distribution_id() {
    let mut app = Headless::start().await;
    app.backend.faults().refuse(
        "ListDistributionTenants",
        BackendError::Unavailable {
            message: "HTTP 503".into(),
        },
    );
    app.press(&[Action::Refresh]).await;
    let screen = app.screen(160, 48).await;
    assert!(
        screen.contains("tenants of E3F6MUA9R0WLBK: the service is"),
        "{screen}"
    );
    assert!(!screen.contains("not allowed"), "{screen}");
}

#[tokio::test(start_paused = true)]
async fn a_role_without_cloudtrail_sees_who_created_it_said_quietly() {
    let mut app = Headless::start().await;
    app.backend
        .faults()
        .refuse("LookupEvents", denied("cloudtrail:LookupEvents"));
    // The first row's creator was found at the start; the next ones are refused.
    app.press(&[Action::Open, Action::Down, Action::Down, Action::Open])
        .await;
    let screen = app.screen(80, 24).await;
    // Folded at 80 columns; the action is whole.
    assert!(
        screen.contains("CloudTrail: not allowed for this role —")
            && screen.contains("cloudtrail:LookupEvents"),
        "{screen}"
    );
    assert!(!screen.contains("access denied"), "{screen}");
    insta::assert_snapshot!("cloudtrail_not_allowed_80x24", screen);
}
