use chrono::Duration;

use super::*;
use crate::fixtures::store::{now as t0, open_in};
use crate::store::test_dir::TestDir;

fn creator(id: &str) -> Creator {
    Creator {
        invalidation_id: id.into(),
        kind: "AssumedRole".into(),
        name: "deploy".into(),
        arn: Some("arn:aws:sts::111122223333:assumed-role/deploy/ci".into()),
        source_ip: Some("192.0.2.7".into()),
        user_agent: Some("aws-cli/2.17.0".into()),
        at: t0() - Duration::minutes(3),
    }
}

#[test]
fn what_cloudtrail_said_is_kept_found_or_not() {
    let t = TestDir::new("creators-kept");
    let mut c = open_in(t.path());
    assert_eq!(known(&c, "111", "E1", "I1").unwrap(), None, "never asked");
    let asked = vec!["I1".to_string(), "I2".to_string()];
    // The lookup found I1 and a neighbour, I3, that was not asked for.
    record(
        &mut c,
        "111",
        "E1",
        &asked,
        &[creator("I1"), creator("I3")],
        t0(),
    )
    .unwrap();
    assert_eq!(
        known(&c, "111", "E1", "I1").unwrap(),
        Some(Who::Found(creator("I1")))
    );
    assert_eq!(
        known(&c, "111", "E1", "I3").unwrap(),
        Some(Who::Found(creator("I3")))
    );
    assert_eq!(
        known(&c, "111", "E1", "I2").unwrap(),
        Some(Who::NotFound { looked_at: t0() })
    );
    assert_eq!(known(&c, "222", "E1", "I1").unwrap(), None, "per account");
    assert_eq!(known(&c, "111", "E2", "I1").unwrap(), None, "per target");
}

#[test]
fn a_later_lookup_finds_what_was_missing_and_never_loses_what_was_found() {
    let t = TestDir::new("creators-later");
    let mut c = open_in(t.path());
    let later = t0() + Duration::minutes(20);
    record(&mut c, "111", "E1", &["I1".into()], &[], t0()).unwrap();
    record(&mut c, "111", "E1", &["I1".into()], &[], later).unwrap();
    assert_eq!(
        known(&c, "111", "E1", "I1").unwrap(),
        Some(Who::NotFound { looked_at: later }),
        "asked again: the newer time"
    );
    record(&mut c, "111", "E1", &["I1".into()], &[creator("I1")], later).unwrap();
    record(
        &mut c,
        "111",
        "E1",
        &["I1".into()],
        &[],
        later + Duration::minutes(1),
    )
    .unwrap();
    assert_eq!(
        known(&c, "111", "E1", "I1").unwrap(),
        Some(Who::Found(creator("I1")))
    );
}
