//! A Lightsail cache reset and the operation that carries it out.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Serialize, Serializer};

/// An operation's status, as Lightsail reports it (`NotStarted|Started|Failed|Completed|Succeeded`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum OperationStatus {
    NotStarted,
    Started,
    Failed,
    Completed,
    Succeeded,
    Other(String),
}

impl OperationStatus {
    pub fn parse(text: &str) -> Self {
        const KNOWN: [(&str, OperationStatus); 5] = [
            ("NotStarted", OperationStatus::NotStarted),
            ("Started", OperationStatus::Started),
            ("Failed", OperationStatus::Failed),
            ("Completed", OperationStatus::Completed),
            ("Succeeded", OperationStatus::Succeeded),
        ];
        KNOWN
            .into_iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(text))
            .map(|(_, status)| status)
            .unwrap_or_else(|| Self::Other(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        match self {
            Self::NotStarted => "NotStarted",
            Self::Started => "Started",
            Self::Failed => "Failed",
            Self::Completed => "Completed",
            Self::Succeeded => "Succeeded",
            Self::Other(s) => s,
        }
    }
}

impl fmt::Display for OperationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for OperationStatus {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A Lightsail operation (ResetDistributionCache's `operation`, GetOperation's answer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Operation {
    pub id: String,
    pub resource_name: String,
    pub status: OperationStatus,
    /// Lightsail's own word on whether the operation can still change.
    pub is_terminal: bool,
    pub created_at: DateTime<Utc>,
    pub status_changed_at: Option<DateTime<Utc>>,
    pub error_code: Option<String>,
    pub error_details: Option<String>,
}

impl Operation {
    pub fn failed(&self) -> bool {
        self.status == OperationStatus::Failed || self.error_code.is_some()
    }
}

/// The latest cache reset of a Lightsail distribution (GetDistributionLatestCacheReset).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CacheReset {
    pub status: String,
    pub create_time: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operation_status_ignores_case_and_keeps_unknown_values() {
        assert_eq!(
            OperationStatus::parse("succeeded"),
            OperationStatus::Succeeded
        );
        assert_eq!(OperationStatus::parse("Started"), OperationStatus::Started);
        assert_eq!(
            OperationStatus::parse("Paused"),
            OperationStatus::Other("Paused".into())
        );
        assert_eq!(
            OperationStatus::parse("NOTSTARTED").to_string(),
            "NotStarted"
        );
    }
}
