//! Invalidations as CloudFront reports them, and the pages they come in.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Serialize, Serializer};

/// The status of an invalidation.
///
/// CloudFront says `InProgress` and `Completed`; emulators have been seen to say `COMPLETED`.
/// Parsing ignores case, and a value edgepurge does not know is kept as it came.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Status {
    InProgress,
    Completed,
    Other(String),
}

impl Status {
    pub fn parse(text: &str) -> Self {
        if text.eq_ignore_ascii_case("InProgress") {
            Self::InProgress
        } else if text.eq_ignore_ascii_case("Completed") {
            Self::Completed
        } else {
            Self::Other(text.to_string())
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            Self::InProgress => "InProgress",
            Self::Completed => "Completed",
            Self::Other(s) => s,
        }
    }

    pub fn is_in_progress(&self) -> bool {
        matches!(self, Self::InProgress)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One line of an invalidation list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvalidationSummary {
    pub id: String,
    pub status: Status,
    pub create_time: DateTime<Utc>,
}

/// One invalidation in full: what was sent and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Invalidation {
    pub id: String,
    pub status: Status,
    pub create_time: DateTime<Utc>,
    pub caller_reference: String,
    /// Paths and cache tags, as sent.
    pub items: Vec<String>,
}

impl Invalidation {
    pub fn summary(&self) -> InvalidationSummary {
        InvalidationSummary {
            id: self.id.clone(),
            status: self.status.clone(),
            create_time: self.create_time,
        }
    }
}

/// ListInvalidations' page size when none is asked for, which every CloudFront-compatible
/// service takes (CloudFront API reference, ListInvalidations: MaxItems).
pub const PAGE_SIZE: u32 = 100;

/// Which page of a list to fetch, as ListInvalidations takes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageRequest {
    /// The id of the last invalidation of the previous page (its NextMarker); none for the first.
    pub marker: Option<String>,
    /// How many to return at most; the service's default when none.
    pub max_items: Option<u32>,
}

impl PageRequest {
    pub fn first(max_items: u32) -> Self {
        Self {
            marker: None,
            max_items: Some(max_items),
        }
    }

    pub fn after(marker: impl Into<String>, max_items: u32) -> Self {
        Self {
            marker: Some(marker.into()),
            max_items: Some(max_items),
        }
    }
}

/// One page of invalidations, newest first (ListInvalidations' InvalidationList).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidationPage {
    pub items: Vec<InvalidationSummary>,
    /// The marker this page was asked for.
    pub marker: Option<String>,
    /// Where the next page starts; present exactly when the list is truncated.
    pub next_marker: Option<String>,
    pub max_items: u32,
}

impl InvalidationPage {
    /// The request for the page after this one, if there is one.
    pub fn next_request(&self) -> Option<PageRequest> {
        self.next_marker.as_ref().map(|m| PageRequest {
            marker: Some(m.clone()),
            max_items: Some(self.max_items),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_ignores_case_and_keeps_unknown_values() {
        assert_eq!(Status::parse("InProgress"), Status::InProgress);
        assert_eq!(Status::parse("INPROGRESS"), Status::InProgress);
        assert_eq!(Status::parse("Completed"), Status::Completed);
        assert_eq!(Status::parse("COMPLETED"), Status::Completed);
        let odd = Status::parse("Queued");
        assert_eq!(odd, Status::Other("Queued".into()));
        assert_eq!(odd.to_string(), "Queued");
        assert!(!odd.is_in_progress());
    }

    #[test]
    fn status_serializes_in_the_service_spelling() {
        let json = serde_json::to_string(&Status::parse("completed")).unwrap();
        assert_eq!(json, "\"Completed\"");
    }

    #[test]
    fn a_page_with_a_next_marker_leads_to_the_next_page() {
        let page = InvalidationPage {
            items: vec![],
            marker: None,
            next_marker: Some("I2J0I21PCUYOIK".into()),
            max_items: 50,
        };
        assert_eq!(
            page.next_request(),
            Some(PageRequest::after("I2J0I21PCUYOIK", 50))
        );
        let last = InvalidationPage {
            next_marker: None,
            ..page
        };
        assert_eq!(last.next_request(), None);
    }
}
