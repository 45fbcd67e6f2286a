//! What an invalidation is aimed at, and how a user writes it as text.
//!
//! Text form (CLI arguments, messages): a bare CloudFront distribution id (`E2QWRUHAPOMQZL`),
//! `tenant:ID` for a distribution tenant, `lightsail:NAME` for a Lightsail distribution.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// A CloudFront target: something that takes a path batch. Its id is its identity: a tenant
/// is the same target whether or not its parent is known (the parent is only what is known of
/// it).
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CloudFrontTarget {
    Distribution {
        id: String,
    },
    /// A tenant of a multi-tenant distribution. The parent is unknown when the tenant was
    /// written as `tenant:ID`; listing tenants fills it in.
    Tenant {
        id: String,
        distribution_id: Option<String>,
    },
}

/// Anything edgepurge can invalidate.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum Target {
    CloudFront(CloudFrontTarget),
    /// A Lightsail distribution has no paths: its cache is reset as a whole.
    Lightsail {
        name: String,
    },
}

impl PartialEq for CloudFrontTarget {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Distribution { id: a }, Self::Distribution { id: b }) => a == b,
            (Self::Tenant { id: a, .. }, Self::Tenant { id: b, .. }) => a == b,
            _ => false,
        }
    }
}

impl Eq for CloudFrontTarget {}

impl std::hash::Hash for CloudFrontTarget {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        std::mem::discriminant(self).hash(state);
        self.id().hash(state);
    }
}

impl CloudFrontTarget {
    pub fn distribution(id: impl Into<String>) -> Self {
        Self::Distribution { id: id.into() }
    }

    pub fn tenant(id: impl Into<String>, distribution_id: Option<String>) -> Self {
        Self::Tenant {
            id: id.into(),
            distribution_id,
        }
    }

    /// The id CloudFront knows this target by (distribution id or tenant id).
    pub fn id(&self) -> &str {
        match self {
            Self::Distribution { id } | Self::Tenant { id, .. } => id,
        }
    }
}

impl fmt::Display for CloudFrontTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Distribution { id } => write!(f, "{id}"),
            Self::Tenant { id, .. } => write!(f, "{TENANT_PREFIX}{id}"),
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::CloudFront(t) => t.fmt(f),
            Self::Lightsail { name } => write!(f, "{LIGHTSAIL_PREFIX}{name}"),
        }
    }
}

const TENANT_PREFIX: &str = "tenant:";
const LIGHTSAIL_PREFIX: &str = "lightsail:";

/// Why a target could not be read, with the form that would work.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    #[error(
        "the target is empty: give a distribution id (E2QWRUHAPOMQZL), tenant:ID or lightsail:NAME"
    )]
    Empty,
    #[error(
        "'{0}' is neither a target kind edgepurge knows nor a profile: write a bare distribution id, tenant:ID or lightsail:NAME, each optionally after PROFILE: (a profile of the AWS config files, e.g. prod:E2QWRUHAPOMQZL)"
    )]
    UnknownKind(String),
    #[error(
        "'{0}' is not a CloudFront distribution id: ids are letters and digits, like E2QWRUHAPOMQZL{hint}",
        hint = lowercase_hint(.0)
    )]
    BadDistributionId(String),
    #[error(
        "'{0}' is not a tenant id: tenant ids are letters, digits and '_', like dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB"
    )]
    BadTenantId(String),
    #[error(
        "'{0}' is not a Lightsail distribution name: names are letters, digits, '-', '_' and '.'"
    )]
    BadLightsailName(String),
}

fn lowercase_hint(id: &str) -> String {
    if id.starts_with("dt_") {
        format!("; for a distribution tenant write tenant:{id}")
    } else if id.bytes().any(|b| b.is_ascii_lowercase())
        && id.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        " (distribution ids are upper case)".into()
    } else {
        String::new()
    }
}

impl FromStr for Target {
    type Err = TargetError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if text.is_empty() {
            return Err(TargetError::Empty);
        }
        if let Some(id) = text.strip_prefix(TENANT_PREFIX) {
            let ok = !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
            return if ok {
                Ok(Target::CloudFront(CloudFrontTarget::tenant(id, None)))
            } else {
                Err(TargetError::BadTenantId(id.to_string()))
            };
        }
        if let Some(name) = text.strip_prefix(LIGHTSAIL_PREFIX) {
            let ok = !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
            return if ok {
                Ok(Target::Lightsail {
                    name: name.to_string(),
                })
            } else {
                Err(TargetError::BadLightsailName(name.to_string()))
            };
        }
        if let Some((kind, _)) = text.split_once(':') {
            return Err(TargetError::UnknownKind(format!("{kind}:")));
        }
        let ok = text
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if ok {
            Ok(Target::CloudFront(CloudFrontTarget::distribution(text)))
        } else {
            Err(TargetError::BadDistributionId(text.to_string()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tenant_is_one_target_whether_or_not_its_parent_is_known() {
        use std::collections::HashMap;
        let written: CloudFrontTarget = match "tenant:dt_a".parse() {
            Ok(Target::CloudFront(t)) => t,
            other => panic!("{other:?}"),
        };
        let listed = CloudFrontTarget::tenant("dt_a", Some("EMULTI".into()));
        assert_eq!(written, listed);
        let mut lists = HashMap::new();
        lists.insert(listed, "its list");
        assert_eq!(lists.get(&written), Some(&"its list"));
        // A distribution and a tenant never share an identity, even with the same id.
        assert_ne!(
            CloudFrontTarget::distribution("X"),
            CloudFrontTarget::tenant("X", None)
        );
    }

    #[test]
    fn a_bare_id_is_a_distribution() {
        let t: Target = "E2QWRUHAPOMQZL".parse().unwrap();
        assert_eq!(
            t,
            Target::CloudFront(CloudFrontTarget::distribution("E2QWRUHAPOMQZL"))
        );
        assert_eq!(t.to_string(), "E2QWRUHAPOMQZL");
    }

    #[test]
    fn tenant_and_lightsail_round_trip_through_text() {
        for text in [
            "tenant:dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB",
            "lightsail:shop-cdn.prod",
        ] {
            let t: Target = text.parse().unwrap();
            assert_eq!(t.to_string(), text);
        }
        let t: Target = "tenant:dt_abc".parse().unwrap();
        assert!(matches!(
            t,
            Target::CloudFront(CloudFrontTarget::Tenant { ref id, distribution_id: None }) if id == "dt_abc"
        ));
    }

    #[test]
    fn surrounding_whitespace_is_ignored() {
        let t: Target = "  lightsail:blog \n".parse().unwrap();
        assert_eq!(t.to_string(), "lightsail:blog");
    }

    #[test]
    fn bad_targets_say_what_would_work() {
        let err = "".parse::<Target>().unwrap_err();
        assert!(err.to_string().contains("tenant:ID"));
        let err = "s3:bucket".parse::<Target>().unwrap_err();
        assert_eq!(err, TargetError::UnknownKind("s3:".into()));
        assert!(err.to_string().contains("lightsail:NAME"));
        let err = "dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB"
            .parse::<Target>()
            .unwrap_err();
        assert!(
            err.to_string()
                .contains("write tenant:dt_2wjDZi3hD1ivOXf6rpZJOSNE1AB"),
            "{err}"
        );
        let err = "e2qwruhapomqzl".parse::<Target>().unwrap_err();
        assert!(err.to_string().contains("upper case"), "{err}");
        assert!(matches!(
            "E2QW/RU".parse::<Target>(),
            Err(TargetError::BadDistributionId(_))
        ));
        assert!(matches!(
            "tenant:".parse::<Target>(),
            Err(TargetError::BadTenantId(_))
        ));
        assert!(matches!(
            "lightsail:my cdn".parse::<Target>(),
            Err(TargetError::BadLightsailName(_))
        ));
    }
}
