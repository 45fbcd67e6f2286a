//! Who made the demo's invalidations, as CloudTrail would say: the same answer every time, for
//! what a time window holds on its target, within CloudTrail's 90 days.

use chrono::Duration as Span;

use super::*;

#[tokio::test(start_paused = true)]
async fn each_invalidation_in_the_window_has_one_creator_the_same_every_time() {
    let backend = demo(DemoSettings::default());
    let target = dist(STOREFRONT);
    let page = backend
        .list_invalidations(&target, &PageRequest::first(10))
        .await
        .unwrap();
    let old = &page.items[5];
    let (since, until) = crate::domain::creator::window(old.create_time);
    let found = backend.creators(&target, since, until).await.unwrap();
    let ids: Vec<&str> = found.iter().map(|c| c.invalidation_id.as_str()).collect();
    let in_window: Vec<&str> = page
        .items
        .iter()
        .filter(|s| (since..=until).contains(&s.create_time))
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(ids, in_window, "each one made in the window, no other");
    assert!(
        found
            .iter()
            .all(|c| c.arn.as_deref().is_some_and(|a| a.starts_with("arn:aws:")))
    );
    assert_eq!(
        backend.creators(&target, since, until).await.unwrap(),
        found
    );
    // Another target's window holds none of these.
    let other = backend.creators(&dist(ASSETS), since, until).await.unwrap();
    assert!(
        other
            .iter()
            .all(|c| !ids.contains(&c.invalidation_id.as_str()))
    );
}

#[tokio::test(start_paused = true)]
async fn an_invalidation_this_demo_made_is_its_own_users() {
    let backend = demo(DemoSettings::default());
    let target = dist(STOREFRONT);
    let made = backend
        .create_invalidation(&target, &items(&["/who.html"]), &reference("who-1"))
        .await
        .unwrap();
    let (since, until) = crate::domain::creator::window(made.create_time);
    let found = backend.creators(&target, since, until).await.unwrap();
    let mine = found
        .iter()
        .find(|c| c.invalidation_id == made.id)
        .expect("the one just made");
    assert_eq!(
        mine.arn.as_deref(),
        Some("arn:aws:iam::111122223333:user/demo")
    );
}

#[tokio::test(start_paused = true)]
async fn past_cloudtrails_90_days_there_is_no_event() {
    let backend = demo(DemoSettings {
        history: Some(2_000),
        ..DemoSettings::default()
    });
    let target = dist(STOREFRONT);
    let first = backend
        .list_invalidations(&target, &PageRequest::first(1_000))
        .await
        .unwrap();
    let marker = first.next_marker.clone().unwrap();
    let second = backend
        .list_invalidations(&target, &PageRequest::after(marker, 1_000))
        .await
        .unwrap();
    let oldest = second.items.last().unwrap();
    let now = first.items[0].create_time;
    assert!(
        now - oldest.create_time > Span::days(90),
        "the history reaches that far"
    );
    let (since, until) = crate::domain::creator::window(oldest.create_time);
    assert!(
        backend
            .creators(&target, since, until)
            .await
            .unwrap()
            .is_empty()
    );
}
