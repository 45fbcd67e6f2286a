//! Who made the demo account's invalidations, as CloudTrail would say: most by a CI role, some
//! by people at the console or the CLI, the ones this demo was sent by its own user. The same
//! invalidation always has the same creator; CloudTrail's 90 days hold here too.

use chrono::{DateTime, Utc};

use super::history::mix;
use super::target_state::Made;
use crate::domain::creator::{Creator, beyond_cloudtrail};

/// Who the CloudTrail event of `made` names, if CloudTrail still has it.
pub fn creator(made: &Made, seed: u64, now: DateTime<Utc>, account: &str) -> Option<Creator> {
    if beyond_cloudtrail(made.create_time, now) {
        return None;
    }
    let roll = mix(seed ^ made.number.wrapping_mul(0x9E37_79B9_7F4A_7C15)) % 10;
    // Made by a create call of this demo (not the ones it started with): its own user.
    let sent_here =
        !made.caller_reference.is_empty() && !made.caller_reference.starts_with("deploy-");
    let (kind, name, arn, ip, agent) = if sent_here {
        (
            "IAMUser",
            "demo".to_string(),
            format!("arn:aws:iam::{account}:user/demo"),
            "203.0.113.10",
            concat!(
                "edgepurge/",
                env!("CARGO_PKG_VERSION"),
                " aws-sdk-rust lang/rust"
            )
            .to_string(),
        )
    } else {
        match roll {
            0..=5 => (
                "AssumedRole",
                "github-actions-deploy".to_string(),
                format!(
                    "arn:aws:sts::{account}:assumed-role/github-actions-deploy/GitHubActions-{}",
                    1000 + mix(made.number) % 9000
                ),
                "192.0.2.44",
                "aws-cli/2.17.20 md/awscrt#0.20.11 ua/2.0 os/linux#6.5.0-1025-azure \
                 md/arch#x86_64 lang/python#3.11.9 exe/x86_64.ubuntu.22 \
                 command/cloudfront.create-invalidation"
                    .to_string(),
            ),
            6..=7 => (
                "IAMUser",
                "maria.garcia".to_string(),
                format!("arn:aws:iam::{account}:user/maria.garcia"),
                "198.51.100.23",
                "console.amazonaws.com".to_string(),
            ),
            _ => (
                "AssumedRole",
                "AWSReservedSSO_Admin_0123456789abcdef".to_string(),
                format!(
                    "arn:aws:sts::{account}:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/jkowalski"
                ),
                "198.51.100.77",
                "aws-cli/2.15.30 Python/3.11.8 Darwin/23.4.0 exe/x86_64 prompt/off \
                 command/cloudfront.create-invalidation"
                    .to_string(),
            ),
        }
    };
    Some(Creator {
        invalidation_id: made.id.clone(),
        kind: kind.into(),
        name,
        arn: Some(arn),
        source_ip: Some(ip.into()),
        user_agent: Some(agent),
        at: made.create_time,
    })
}
