//! Who created the invalidation in details, in each state the lookup can be in: one line that
//! keeps the paths in view, escaped like every text from AWS.

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::Headless;
use crate::app::{Action, Keymap, Slot};
use crate::domain::creator::{Creator, Who};

/// The dashboard with an invalidation in details, and its key in `creators`.
async fn shown() -> (Headless, (crate::domain::target::CloudFrontTarget, String)) {
    let mut app = Headless::start().await;
    app.press(&[Action::Open, Action::Down, Action::Down, Action::Open])
        .await;
    let (target, list) = app.model().selected_list().unwrap();
    let id = list.selected().unwrap().id.clone();
    (app, (target, id))
}

fn draw(app: &Headless, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| crate::ui::draw(f, app.model(), &Keymap::default()))
        .unwrap();
    terminal.backend().to_string()
}

#[tokio::test(start_paused = true)]
async fn what_edgepurge_sent_shows_its_journal_sender() {
    let (mut app, key) = shown().await;
    app.model_mut().creators.insert(
        key,
        Slot::Ready(Who::Sent {
            user: "alice@build-7".into(),
            caller_arn: Some("arn:aws:iam::111122223333:user/alice".into()),
        }),
    );
    insta::assert_snapshot!("details_sent_by_80x24", draw(&app, 80, 24));
}

#[tokio::test(start_paused = true)]
async fn while_asked_and_when_cloudtrail_has_no_event_it_is_said_plainly() {
    let (mut app, key) = shown().await;
    app.model_mut()
        .creators
        .insert(key.clone(), Slot::Loading(u64::MAX));
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("who created it: looking in CloudTrail…"),
        "{screen}"
    );
    let now = app.model().now;
    app.model_mut()
        .creators
        .insert(key, Slot::Ready(Who::NotFound { looked_at: now }));
    let screen = draw(&app, 80, 24);
    assert!(
        screen.contains("created by not in CloudTrail (it keeps 90 days)"),
        "{screen}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_creator_from_cloudtrail_is_drawn_escaped() {
    let (mut app, key) = shown().await;
    let now = app.model().now;
    app.model_mut().creators.insert(
        key.clone(),
        Slot::Ready(Who::Found(Creator {
            invalidation_id: key.1.clone(),
            kind: "IAMUser".into(),
            name: "eve\u{1b}]0;T\u{7}".into(),
            arn: Some("arn:aws:iam::111122223333:user/eve".into()),
            source_ip: Some("198.51.100.9".into()),
            user_agent: Some("curl\u{9b}2J/8".into()),
            at: now,
        })),
    );
    let screen = draw(&app, 120, 30);
    for raw in ['\u{1b}', '\u{7}', '\u{9b}'] {
        assert!(!screen.contains(raw), "{raw:?} on screen: {screen}");
    }
    assert!(
        screen.contains("eve\\e]0;T\\u{7} from 198.51.100.9"),
        "{screen}"
    );
}
