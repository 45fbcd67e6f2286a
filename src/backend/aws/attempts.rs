//! What the SDK does inside one call, in the log: each answer's status and request id (debug),
//! throttling and retries (warn). An interceptor sees every attempt without touching the
//! calls themselves; it reads only the status line and one header, never a request.

use aws_sdk_cloudfront::config::interceptors::{
    BeforeDeserializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
    FinalizerInterceptorContextRef,
};
use aws_sdk_cloudfront::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::retries::RequestAttempts;
use tracing::{debug, warn};

use crate::backend::logged::note_request_id;

/// The header AWS JSON and REST-XML services (CloudFront, Lightsail) put their request id in;
/// S3-style services use the second.
const REQUEST_ID_HEADERS: [&str; 2] = ["x-amzn-requestid", "x-amz-request-id"];

#[derive(Debug)]
pub struct AttemptLog;

impl Intercept for AttemptLog {
    fn name(&self) -> &'static str {
        "edgepurge::AttemptLog"
    }

    fn read_before_attempt(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let attempt = cfg.load::<RequestAttempts>().map_or(1, |a| a.attempts());
        if attempt > 1 {
            warn!(
                attempt,
                "retrying after a throttled, failed or lost attempt"
            );
        }
        Ok(())
    }

    fn read_before_deserialization(
        &self,
        context: &BeforeDeserializationInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let response = context.response();
        let status = response.status().as_u16();
        let headers = response.headers();
        let request_id = REQUEST_ID_HEADERS
            .iter()
            .find_map(|name| headers.get(*name))
            .unwrap_or_default();
        if !request_id.is_empty() {
            note_request_id(request_id);
        }
        match status {
            429 | 503 => warn!(status, request_id, "throttled or unavailable; backing off"),
            _ => debug!(status, request_id, "answered"),
        }
        Ok(())
    }

    fn read_after_attempt(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        // An attempt that got an answer was logged above; one without (refused, reset,
        // timed out) says why here, as its retry alone would not.
        if context.response().is_none()
            && let Some(Err(error)) = context.output_or_error()
        {
            let attempt = cfg.load::<RequestAttempts>().map_or(1, |a| a.attempts());
            warn!(attempt, error = %chain(error), "no answer");
        }
        Ok(())
    }
}

/// An error and its causes on one line: "connector error: io error: connection refused".
fn chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(e) = cause {
        text.push_str(": ");
        text.push_str(&e.to_string());
        cause = e.source();
    }
    text
}
