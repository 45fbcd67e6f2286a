//! Who the demo account is.

use super::*;

#[tokio::test(start_paused = true)]
async fn the_demo_account_has_a_fixed_identity() {
    let b = demo(DemoSettings::default());
    let me = b.caller_identity().await.unwrap();
    assert_eq!(me.account, "111122223333");
    assert_eq!(me.arn, "arn:aws:iam::111122223333:user/demo");
    b.faults().set_throttle(1.0);
    assert_eq!(b.caller_identity().await, Err(BackendError::Throttled));
}
