//! SDK errors become `BackendError`s a person can act on.
//!
//! A service error is classified by its code: the modeled variant's name when the SDK modeled
//! it (mocked errors carry no code of their own), else the code in the response. Codes the
//! SDK does not model are matched as strings: `InvalidationBatchAlreadyExists`, throttling,
//! 503s, expired tokens, and Lightsail errors whose body carries both `code` and `__type`.

use std::error::Error as StdError;

use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_cloudfront::config::http::HttpResponse;
use aws_sdk_cloudfront::error::{ProvideErrorMetadata, SdkError};

use crate::backend::BackendError;

/// The call that failed: the IAM action it needs and what it was about, for the message.
#[derive(Debug, Clone)]
pub struct Call<'a> {
    /// The IAM action, e.g. `cloudfront:CreateInvalidation`.
    pub action: &'static str,
    /// What the call was about, e.g. `distribution E2QWRUHAPOMQZL`.
    pub subject: String,
    pub invalidation: Option<&'a str>,
    pub caller_reference: Option<&'a str>,
}

impl<'a> Call<'a> {
    pub fn new(action: &'static str, subject: impl Into<String>) -> Self {
        Self {
            action,
            subject: subject.into(),
            invalidation: None,
            caller_reference: None,
        }
    }

    pub fn invalidation(mut self, id: &'a str) -> Self {
        self.invalidation = Some(id);
        self
    }

    pub fn caller_reference(mut self, reference: &'a str) -> Self {
        self.caller_reference = Some(reference);
        self
    }
}

/// The code of an operation error's modeled variant (its shape name is its error code), and
/// the variant's own message (which an error built in code need not copy into its metadata).
pub trait ModeledCode {
    fn modeled(&self) -> Option<(&'static str, Option<&str>)>;
}

macro_rules! modeled_codes {
    ($($error:ty => [$($variant:ident),* $(,)?];)*) => {$(
        impl ModeledCode for $error {
            fn modeled(&self) -> Option<(&'static str, Option<&str>)> {
                match self {
                    $(Self::$variant(inner) => Some((stringify!($variant), inner.message())),)*
                    _ => None,
                }
            }
        }
    )*};
}

use aws_sdk_cloudfront::operation as cf;
use aws_sdk_lightsail::operation as ls;

modeled_codes! {
    cf::list_distributions::ListDistributionsError => [InvalidArgument];
    cf::list_distribution_tenants::ListDistributionTenantsError =>
        [AccessDenied, EntityNotFound, InvalidArgument];
    cf::get_distribution::GetDistributionError => [AccessDenied, NoSuchDistribution];
    cf::list_invalidations::ListInvalidationsError =>
        [AccessDenied, InvalidArgument, NoSuchDistribution];
    cf::list_invalidations_for_distribution_tenant::ListInvalidationsForDistributionTenantError =>
        [AccessDenied, EntityNotFound, InvalidArgument];
    cf::get_invalidation::GetInvalidationError =>
        [AccessDenied, NoSuchDistribution, NoSuchInvalidation];
    cf::get_invalidation_for_distribution_tenant::GetInvalidationForDistributionTenantError =>
        [AccessDenied, EntityNotFound, NoSuchInvalidation];
    cf::create_invalidation::CreateInvalidationError => [
        AccessDenied, BatchTooLarge, InconsistentQuantities, InvalidArgument, MissingBody,
        NoSuchDistribution, TooManyInvalidationsInProgress,
    ];
    cf::create_invalidation_for_distribution_tenant::CreateInvalidationForDistributionTenantError => [
        AccessDenied, BatchTooLarge, EntityNotFound, InconsistentQuantities, InvalidArgument,
        MissingBody, TooManyInvalidationsInProgress,
    ];
    ls::get_distributions::GetDistributionsError => [
        AccessDeniedException, InvalidInputException, NotFoundException,
        OperationFailureException, ServiceException, UnauthenticatedException,
    ];
    ls::reset_distribution_cache::ResetDistributionCacheError => [
        AccessDeniedException, InvalidInputException, NotFoundException,
        OperationFailureException, ServiceException, UnauthenticatedException,
    ];
    ls::get_distribution_latest_cache_reset::GetDistributionLatestCacheResetError => [
        AccessDeniedException, InvalidInputException, NotFoundException,
        OperationFailureException, ServiceException, UnauthenticatedException,
    ];
    ls::get_operation::GetOperationError => [
        AccessDeniedException, AccountSetupInProgressException, InvalidInputException,
        NotFoundException, OperationFailureException, RegionSetupInProgressException,
        ServiceException, UnauthenticatedException,
    ];
}

impl ModeledCode for aws_sdk_cloudtrail::operation::lookup_events::LookupEventsError {
    fn modeled(&self) -> Option<(&'static str, Option<&str>)> {
        use aws_sdk_cloudtrail::operation::lookup_events::LookupEventsError as E;
        // Each says the request was malformed: edgepurge's own fault, said as it came.
        let code = match self {
            E::InvalidEventCategoryException(_) => "InvalidEventCategoryException",
            E::InvalidLookupAttributesException(_) => "InvalidLookupAttributesException",
            E::InvalidMaxResultsException(_) => "InvalidMaxResultsException",
            E::InvalidNextTokenException(_) => "InvalidNextTokenException",
            E::InvalidTimeRangeException(_) => "InvalidTimeRangeException",
            E::OperationNotPermittedException(_) => "OperationNotPermittedException",
            E::UnsupportedOperationException(_) => "UnsupportedOperationException",
            _ => return None,
        };
        Some((code, self.message()))
    }
}

// GetCallerIdentity models no errors of its own: every code is matched as a string.
impl ModeledCode for aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityError {
    fn modeled(&self) -> Option<(&'static str, Option<&str>)> {
        None
    }
}

/// An SDK error as the `BackendError` that says what happened and what to do.
pub fn from_sdk<E>(err: SdkError<E, HttpResponse>, call: &Call<'_>) -> BackendError
where
    E: ModeledCode + ProvideErrorMetadata + StdError + Send + Sync + 'static,
{
    // Credentials are resolved before sending, so their failure arrives as a dispatch failure
    // with a CredentialsError somewhere in its chain.
    if let Some(credentials) = find_in_chain::<CredentialsError>(&err) {
        // "Not loaded" without a cause is the chain (or profile) having found nothing at all;
        // its own words ("the credential provider was not enabled") would mislead.
        let text = chain_text(credentials);
        let message = match credentials {
            CredentialsError::CredentialsNotLoaded(_) if credentials.source().is_none() => {
                "none were found".to_string()
            }
            // The default chain lists every provider it tried, one a line.
            CredentialsError::CredentialsNotLoaded(_)
                if text.contains("no credentials found in chain") =>
            {
                "none were found (tried the environment, profiles, web identity, container and \
                 instance roles)"
                    .to_string()
            }
            _ => text,
        };
        return BackendError::Credentials { message };
    }
    match &err {
        SdkError::ServiceError(context) => {
            let service = context.err();
            let modeled = service.modeled();
            let body_type = json_error_type(context.raw().body().bytes());
            let code = modeled
                .map(|(code, _)| code)
                .or(body_type.as_deref())
                .or_else(|| service.code());
            let message = service
                .message()
                .or(modeled.and_then(|(_, message)| message))
                .unwrap_or_default();
            let status = context.raw().status().as_u16();
            classify(code, message, Some(status), call)
        }
        SdkError::TimeoutError(_) => BackendError::Timeout {
            message: format!("{} took too long", call.action),
        },
        SdkError::DispatchFailure(context) => match context.as_connector_error() {
            Some(connector) if connector.is_timeout() => BackendError::Timeout {
                message: chain_text(connector),
            },
            Some(connector) => BackendError::Network {
                message: chain_text(connector),
            },
            None => BackendError::Network {
                message: chain_text(&err),
            },
        },
        SdkError::ResponseError(context) => {
            let status = context.raw().status().as_u16();
            classify(
                None,
                &format!("an answer edgepurge could not read ({})", chain_text(&err)),
                Some(status),
                call,
            )
        }
        _ => BackendError::Other {
            code: "RequestFailed".into(),
            message: chain_text(&err),
        },
    }
}

/// The error for a service error's code, message and HTTP status.
pub fn classify(
    code: Option<&str>,
    message: &str,
    status: Option<u16>,
    call: &Call<'_>,
) -> BackendError {
    let message = message.to_string();
    let not_found = |what: String| BackendError::NotFound { what };
    match code {
        // CloudFront says AccessDenied (403), Lightsail AccessDeniedException; UnauthorizedOperation
        // is the EC2-style name some endpoints in front of AWS answer with.
        Some("AccessDenied" | "AccessDeniedException" | "UnauthorizedOperation") => {
            BackendError::AccessDenied {
                permission: call.action.into(),
                message,
            }
        }
        Some("TooManyInvalidationsInProgress") => BackendError::TooManyInProgress { message },
        Some("BatchTooLarge") => BackendError::BatchTooLarge { message },
        // CreateInvalidation: "If CallerReference is a value you already sent in a previous
        // invalidation batch request but the content of any Path is different from the
        // original request, CloudFront returns an InvalidationBatchAlreadyExists error."
        Some("InvalidationBatchAlreadyExists") => reused(call),
        // The same refusal has also been seen as InvalidArgument naming the CallerReference.
        Some("InvalidArgument")
            if call.caller_reference.is_some() && names_a_reused_reference(&message) =>
        {
            reused(call)
        }
        Some(
            code @ ("InconsistentQuantities"
            | "MissingBody"
            | "InvalidArgument"
            | "InvalidInputException"),
        ) => BackendError::InvalidRequest {
            code: code.into(),
            message,
        },
        Some("NoSuchDistribution") => not_found(call.subject.clone()),
        Some("NoSuchInvalidation") => not_found(match call.invalidation {
            Some(id) => format!("invalidation {id} of {}", call.subject),
            None => format!("an invalidation of {}", call.subject),
        }),
        Some("EntityNotFound" | "NotFoundException" | "NoSuchResource" | "DoesNotExist") => {
            not_found(call.subject.clone())
        }
        Some(
            "Throttling"
            | "ThrottlingException"
            | "TooManyRequestsException"
            | "RequestLimitExceeded",
        ) => BackendError::Throttled,
        Some(
            code @ ("ServiceUnavailable"
            | "ServiceUnavailableException"
            | "ServiceException"
            | "InternalError"
            | "InternalFailure"
            | "AccountSetupInProgressException"
            | "RegionSetupInProgressException"),
        ) => BackendError::Unavailable {
            message: with_code(code, &message),
        },
        Some(
            code @ ("ExpiredToken"
            | "ExpiredTokenException"
            | "InvalidClientTokenId"
            | "UnrecognizedClientException"
            | "SignatureDoesNotMatch"
            | "InvalidSignatureException"
            | "IncompleteSignature"
            | "MissingAuthenticationToken"
            | "UnauthenticatedException"),
        ) => BackendError::Credentials {
            message: with_code(code, &message),
        },
        Some(code) => by_status(status, code, message, call),
        None => by_status(status, "", message, call),
    }
}

/// An error without a code edgepurge knows, judged by its HTTP status.
fn by_status(status: Option<u16>, code: &str, message: String, call: &Call<'_>) -> BackendError {
    let code = if code.is_empty() {
        status.map_or_else(|| "Unknown".to_string(), |s| format!("HTTP {s}"))
    } else {
        code.to_string()
    };
    match status {
        Some(429) => BackendError::Throttled,
        Some(500..=599) => BackendError::Unavailable {
            message: with_code(&code, &message),
        },
        Some(403) => BackendError::AccessDenied {
            permission: call.action.into(),
            message: with_code(&code, &message),
        },
        _ => BackendError::Other { code, message },
    }
}

fn reused(call: &Call<'_>) -> BackendError {
    BackendError::CallerReferenceReused {
        caller_reference: call.caller_reference.unwrap_or_default().to_string(),
    }
}

fn names_a_reused_reference(message: &str) -> bool {
    let lower = message.to_ascii_lowercase();
    lower.contains("callerreference") && (lower.contains("already") || lower.contains("reuse"))
}

fn with_code(code: &str, message: &str) -> String {
    if message.is_empty() {
        code.to_string()
    } else {
        format!("{code}: {message}")
    }
}

/// Text that fits a status line: its lines joined with "; " (a space after a colon).
fn one_line(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push_str(if out.ends_with(':') { " " } else { "; " });
        }
        out.push_str(line);
    }
    out
}

/// The `__type` of a JSON error body (Lightsail), without its namespace. The SDK takes the
/// body's `code` over `__type` when both are present, and Lightsail puts a detail such as
/// `DoesNotExist` in `code`, which would hide `NotFoundException`.
fn json_error_type(body: Option<&[u8]>) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body?).ok()?;
    let text = value.get("__type")?.as_str()?;
    let name = text.rsplit_once('#').map_or(text, |(_, name)| name);
    Some(name.to_string())
}

/// The first error of type `T` in `err`'s source chain, `err` included.
fn find_in_chain<'e, T: StdError + 'static>(err: &'e (dyn StdError + 'static)) -> Option<&'e T> {
    let mut current = Some(err);
    while let Some(e) = current {
        if let Some(found) = e.downcast_ref::<T>() {
            return Some(found);
        }
        current = e.source();
    }
    None
}

/// An error and its causes on one line, each said once: "io error: connection refused".
fn chain_text(err: &(dyn StdError + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current = Some(err);
    while let Some(e) = current {
        let text = one_line(&e.to_string());
        if !text.is_empty() && !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        current = e.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn create() -> Call<'static> {
        Call::new("cloudfront:CreateInvalidation", "distribution E1").caller_reference("ref-1")
    }

    #[test]
    fn codes_map_to_the_errors_a_person_can_act_on() {
        let call = create();
        assert_eq!(
            classify(Some("InvalidationBatchAlreadyExists"), "", Some(409), &call),
            BackendError::CallerReferenceReused {
                caller_reference: "ref-1".into()
            }
        );
        assert_eq!(
            classify(
                Some("InvalidArgument"),
                "Your request contains a CallerReference that was already used",
                Some(400),
                &call
            ),
            BackendError::CallerReferenceReused {
                caller_reference: "ref-1".into()
            }
        );
        assert!(matches!(
            classify(Some("InvalidArgument"), "Path too long", Some(400), &call),
            BackendError::InvalidRequest { code, .. } if code == "InvalidArgument"
        ));
        assert_eq!(
            classify(Some("Throttling"), "Rate exceeded", Some(400), &call),
            BackendError::Throttled
        );
        let list = Call::new("lightsail:GetDistributions", "the Lightsail distributions");
        for code in [
            "AccessDenied",
            "AccessDeniedException",
            "UnauthorizedOperation",
        ] {
            assert_eq!(
                classify(Some(code), "not authorized", Some(400), &list).not_allowed(),
                Some("lightsail:GetDistributions"),
                "{code}"
            );
        }
        assert!(matches!(
            classify(Some("ExpiredToken"), "expired", Some(403), &call),
            BackendError::Credentials { message } if message.contains("ExpiredToken")
        ));
    }

    #[test]
    fn unknown_codes_are_judged_by_status() {
        let call = create();
        assert!(matches!(
            classify(None, "", Some(503), &call),
            BackendError::Unavailable { message } if message == "HTTP 503"
        ));
        assert_eq!(
            classify(None, "", Some(429), &call),
            BackendError::Throttled
        );
        assert!(matches!(
            classify(Some("Forbidden"), "no", Some(403), &call),
            BackendError::AccessDenied { permission, .. } if permission == "cloudfront:CreateInvalidation"
        ));
        assert_eq!(
            classify(Some("Teapot"), "short and stout", Some(418), &call),
            BackendError::Other {
                code: "Teapot".into(),
                message: "short and stout".into()
            }
        );
    }

    #[test]
    fn a_json_error_type_is_read_without_its_namespace() {
        let body = br#"{"__type":"com.amazonaws#NotFoundException","code":"DoesNotExist"}"#;
        assert_eq!(
            json_error_type(Some(body)).as_deref(),
            Some("NotFoundException")
        );
        assert_eq!(json_error_type(Some(b"<Error/>")), None);
        assert_eq!(json_error_type(Some(br#"{"code":"X"}"#)), None);
        assert_eq!(json_error_type(None), None);
    }

    #[test]
    fn the_chain_is_said_once_per_cause() {
        #[derive(Debug, thiserror::Error)]
        #[error("dispatch failure")]
        struct Outer(#[source] std::io::Error);
        let err = Outer(std::io::Error::other("connection refused"));
        assert_eq!(chain_text(&err), "dispatch failure: connection refused");
        let err = Outer(std::io::Error::other("tried:\n  one: no\n\n  two: no\n"));
        assert_eq!(
            chain_text(&err),
            "dispatch failure: tried: one: no; two: no"
        );
    }
}
