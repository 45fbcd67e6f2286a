//! Who created an invalidation: edgepurge's own journal for what it sent, CloudTrail's
//! CreateInvalidation event for the rest.

use chrono::{DateTime, Duration, Utc};

/// The IAM action a CloudTrail lookup needs.
pub const LOOKUP_ACTION: &str = "cloudtrail:LookupEvents";

/// "You can look up events that occurred in a Region within the last 90 days" (AWS CloudTrail
/// User Guide, "Working with CloudTrail event history").
pub const CLOUDTRAIL_KEEPS: Duration = Duration::days(90);

/// CloudTrail "typically delivers events within an average of about 5 minutes of an API call"
/// (AWS CloudTrail User Guide, "How CloudTrail works"): an event not found sooner than this
/// after the invalidation was made may still come, so that answer is asked again later.
pub const DELIVERY_MARGIN: Duration = Duration::minutes(15);

/// How far around an invalidation's create time its event is looked for: the event is stamped
/// when the request arrived, a moment before CloudFront's create time.
pub const WINDOW: Duration = Duration::minutes(5);

/// A CreateInvalidation (or CreateInvalidationForDistributionTenant) event, as CloudTrail
/// recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Creator {
    /// The invalidation the event made.
    pub invalidation_id: String,
    /// `userIdentity.type`: `IAMUser`, `AssumedRole`, `Root`, `FederatedUser`, …
    pub kind: String,
    /// The user, or for a role session the role's name.
    pub name: String,
    pub arn: Option<String>,
    pub source_ip: Option<String>,
    pub user_agent: Option<String>,
    /// `eventTime`.
    pub at: DateTime<Utc>,
}

impl Creator {
    /// `name (arn) from ip · agent`, leaving out what the event did not say.
    pub fn describe(&self) -> String {
        let mut out = self.name.clone();
        if let Some(arn) = self.arn.as_deref().filter(|a| *a != self.name) {
            out.push_str(&format!(" ({arn})"));
        }
        if let Some(ip) = &self.source_ip {
            out.push_str(&format!(" from {ip}"));
        }
        if let Some(agent) = self.user_agent.as_deref().map(short_user_agent)
            && !agent.is_empty()
        {
            out.push_str(&format!(" · {agent}"));
        }
        out
    }

    /// The same in the order that matters when it is cut short: `name from ip · agent (arn)`.
    pub fn brief(&self) -> String {
        let mut out = self.name.clone();
        if let Some(ip) = &self.source_ip {
            out.push_str(&format!(" from {ip}"));
        }
        if let Some(agent) = self.user_agent.as_deref().map(short_user_agent)
            && !agent.is_empty()
        {
            out.push_str(&format!(" · {agent}"));
        }
        if let Some(arn) = self.arn.as_deref().filter(|a| *a != self.name) {
            out.push_str(&format!(" ({arn})"));
        }
        out
    }
}

/// What is known of who created an invalidation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// edgepurge sent it: the journal's OS user@host and AWS identity.
    Sent {
        user: String,
        caller_arn: Option<String>,
    },
    /// CloudTrail's event.
    Found(Creator),
    /// CloudTrail had no event for it when asked at `looked_at`.
    NotFound { looked_at: DateTime<Utc> },
}

impl Who {
    /// The line shown after "created by".
    pub fn describe(&self) -> String {
        match self {
            Self::Sent { user, caller_arn } => match caller_arn {
                Some(arn) => format!("{user} ({arn}) with edgepurge"),
                None => format!("{user} with edgepurge"),
            },
            Self::Found(creator) => creator.describe(),
            Self::NotFound { .. } => NOT_IN_CLOUDTRAIL.into(),
        }
    }
}

/// Said when CloudTrail has no event for an invalidation.
pub const NOT_IN_CLOUDTRAIL: &str = "not in CloudTrail (it keeps 90 days)";

/// The time range to look in for the event of an invalidation made at `create_time`.
pub fn window(create_time: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    (create_time - WINDOW, create_time + WINDOW)
}

/// Whether CloudTrail no longer holds events of that time: no need to ask.
pub fn beyond_cloudtrail(create_time: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now - create_time > CLOUDTRAIL_KEEPS
}

/// Whether "not found", asked at `looked_at`, is the final answer (the event had time to be
/// delivered).
pub fn not_found_is_final(create_time: DateTime<Utc>, looked_at: DateTime<Utc>) -> bool {
    looked_at - create_time >= DELIVERY_MARGIN
}

/// The user agent's first word, which names the tool: `aws-cli/2.17.0 Python/3.11…` →
/// `aws-cli/2.17.0`; the console's `console.amazonaws.com` → `console`.
pub fn short_user_agent(agent: &str) -> String {
    let agent = agent.trim().trim_start_matches('[');
    let first = agent
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_end_matches(']');
    let first = match first {
        "console.amazonaws.com" | "signin.amazonaws.com" => "console",
        "AWS" if agent.starts_with("AWS Internal") => "AWS Internal",
        other => other,
    };
    first.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(secs: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_795_338_000 + secs, 0).unwrap()
    }

    fn creator() -> Creator {
        Creator {
            invalidation_id: "I1".into(),
            kind: "AssumedRole".into(),
            name: "deploy".into(),
            arn: Some("arn:aws:sts::111122223333:assumed-role/deploy/gh-42".into()),
            source_ip: Some("192.0.2.7".into()),
            user_agent: Some("aws-cli/2.17.0 Python/3.11.9 Linux/6.5 exe/x86_64".into()),
            at: at(0),
        }
    }

    #[test]
    fn a_creator_is_said_in_one_line() {
        assert_eq!(
            creator().describe(),
            "deploy (arn:aws:sts::111122223333:assumed-role/deploy/gh-42) from 192.0.2.7 \
             · aws-cli/2.17.0"
        );
        let bare = Creator {
            arn: None,
            source_ip: None,
            user_agent: None,
            ..creator()
        };
        assert_eq!(bare.describe(), "deploy");
        assert_eq!(
            creator().brief(),
            "deploy from 192.0.2.7 · aws-cli/2.17.0 \
             (arn:aws:sts::111122223333:assumed-role/deploy/gh-42)"
        );
    }

    #[test]
    fn user_agents_are_cut_to_the_tool() {
        assert_eq!(short_user_agent("console.amazonaws.com"), "console");
        assert_eq!(short_user_agent("AWS Internal"), "AWS Internal");
        assert_eq!(
            short_user_agent("[Boto3/1.28.0 md/Botocore#1.31.0 ua/2.0]"),
            "Boto3/1.28.0"
        );
        assert_eq!(short_user_agent(""), "");
        assert_eq!(short_user_agent(&"x".repeat(100)).len(), 40);
    }

    #[test]
    fn the_journal_sender_is_said_with_edgepurge() {
        let who = Who::Sent {
            user: "alice@build-7".into(),
            caller_arn: Some("arn:aws:iam::111122223333:user/alice".into()),
        };
        assert_eq!(
            who.describe(),
            "alice@build-7 (arn:aws:iam::111122223333:user/alice) with edgepurge"
        );
        let none = Who::NotFound { looked_at: at(0) };
        assert_eq!(none.describe(), NOT_IN_CLOUDTRAIL);
    }

    #[test]
    fn cloudtrail_keeps_90_days_and_delivers_late() {
        assert!(!beyond_cloudtrail(at(0), at(0) + Duration::days(89)));
        assert!(beyond_cloudtrail(at(0), at(0) + Duration::days(91)));
        assert!(!not_found_is_final(at(0), at(60)));
        assert!(not_found_is_final(at(0), at(16 * 60)));
        let (since, until) = window(at(0));
        assert!(since < at(0) && at(0) < until);
    }
}
