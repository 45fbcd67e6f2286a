//! Errors a person can act on: each says what went wrong and what to do.

/// Why a backend call failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackendError {
    #[error(
        "{what} was not found; check the id (edgepurge distributions lists what the account has)"
    )]
    NotFound { what: String },

    #[error("access denied{}: {message}; ask for the {permission} permission", for_permission(.permission))]
    AccessDenied { permission: String, message: String },

    #[error(
        "too many invalidations in progress: {message}; wait for some to complete \
         (at most 3,000 file paths and 15 wildcard paths per distribution at once)"
    )]
    TooManyInProgress { message: String },

    #[error("the batch is too large: {message}; send at most 3,000 items an invalidation")]
    BatchTooLarge { message: String },

    #[error(
        "the caller reference '{caller_reference}' was already used for other paths; \
         use a new caller reference (or leave edgepurge to generate one)"
    )]
    CallerReferenceReused { caller_reference: String },

    #[error("the request was refused: {message}")]
    InvalidRequest { code: String, message: String },

    #[error(
        "throttled by AWS (rate exceeded); edgepurge retries with backoff; if it keeps happening, slow down"
    )]
    Throttled,

    #[error("the service is unavailable ({message}); try again in a minute")]
    Unavailable { message: String },

    #[error("network error: {message}; check the connection (or --endpoint-url)")]
    Network { message: String },

    #[error(
        "no answer in time ({message}); check the connection (or --endpoint-url) and try again"
    )]
    Timeout { message: String },

    #[error("no valid credentials: {message}")]
    Credentials { message: String },

    #[error("{code}: {message}")]
    Other { code: String, message: String },
}

fn for_permission(permission: &str) -> String {
    if permission.is_empty() {
        String::new()
    } else {
        format!(" ({permission})")
    }
}

impl BackendError {
    /// The IAM action the caller's role lacks, when that is why the call failed: a list the
    /// role may not read is left out quietly where it was not asked for by name.
    pub fn not_allowed(&self) -> Option<&str> {
        match self {
            Self::AccessDenied { permission, .. } if !permission.is_empty() => Some(permission),
            _ => None,
        }
    }

    /// Whether trying the same call again later may succeed. A create retried after one of
    /// these must reuse its caller reference.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Self::Throttled
                | Self::Unavailable { .. }
                | Self::Network { .. }
                | Self::Timeout { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_problem_and_what_to_do() {
        let denied = BackendError::AccessDenied {
            permission: "cloudfront:CreateInvalidation".into(),
            message: "User is not authorized".into(),
        };
        let text = denied.to_string();
        assert!(text.contains("(cloudfront:CreateInvalidation)"), "{text}");
        assert!(text.contains("ask for"), "{text}");
        let reused = BackendError::CallerReferenceReused {
            caller_reference: "deploy-1".into(),
        };
        assert!(reused.to_string().contains("use a new caller reference"));
    }

    #[test]
    fn only_a_denied_action_is_not_allowed() {
        let denied = BackendError::AccessDenied {
            permission: "lightsail:GetDistributions".into(),
            message: "not authorized".into(),
        };
        assert_eq!(denied.not_allowed(), Some("lightsail:GetDistributions"));
        let unnamed = BackendError::AccessDenied {
            permission: String::new(),
            message: "no".into(),
        };
        assert_eq!(unnamed.not_allowed(), None);
        assert_eq!(BackendError::Throttled.not_allowed(), None);
    }

    #[test]
    fn only_passing_troubles_are_retryable() {
        assert!(BackendError::Throttled.is_retryable());
        assert!(
            BackendError::Timeout {
                message: "read".into()
            }
            .is_retryable()
        );
        assert!(
            BackendError::Network {
                message: "reset".into()
            }
            .is_retryable()
        );
        assert!(
            !BackendError::TooManyInProgress {
                message: String::new()
            }
            .is_retryable()
        );
        assert!(!BackendError::NotFound { what: "x".into() }.is_retryable());
    }
}
