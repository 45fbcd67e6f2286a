//! Every service error of every call becomes the `BackendError` a person can act on: modeled
//! variants (which carry no code of their own when mocked), unmodeled codes, and raw HTTP
//! answers parsed by the SDK.

use aws_sdk_cloudfront::Client as CloudFront;
use aws_sdk_cloudfront::error::ErrorMetadata;
use aws_sdk_cloudfront::operation::create_invalidation::CreateInvalidationError as Create;
use aws_sdk_cloudfront::operation::create_invalidation_for_distribution_tenant::CreateInvalidationForDistributionTenantError as CreateTenant;
use aws_sdk_cloudfront::operation::get_distribution::GetDistributionError as GetDist;
use aws_sdk_cloudfront::operation::get_invalidation::GetInvalidationError as Get;
use aws_sdk_cloudfront::operation::get_invalidation_for_distribution_tenant::GetInvalidationForDistributionTenantError as GetTenant;
use aws_sdk_cloudfront::operation::list_distribution_tenants::ListDistributionTenantsError as ListTenants;
use aws_sdk_cloudfront::operation::list_distributions::ListDistributionsError as ListDists;
use aws_sdk_cloudfront::operation::list_invalidations::ListInvalidationsError as List;
use aws_sdk_cloudfront::operation::list_invalidations_for_distribution_tenant::ListInvalidationsForDistributionTenantError as ListTenant;
use aws_sdk_cloudfront::types::error as cfe;
use aws_sdk_lightsail::Client as Lightsail;
use aws_sdk_lightsail::operation::get_distribution_latest_cache_reset::GetDistributionLatestCacheResetError as LatestReset;
use aws_sdk_lightsail::operation::get_distributions::GetDistributionsError as GetDists;
use aws_sdk_lightsail::operation::get_operation::GetOperationError as GetOp;
use aws_sdk_lightsail::operation::reset_distribution_cache::ResetDistributionCacheError as Reset;
use aws_sdk_lightsail::types::error as lse;
use aws_smithy_mocks::mock;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;

use super::*;

fn meta(code: &str, message: &str) -> ErrorMetadata {
    ErrorMetadata::builder().code(code).message(message).build()
}

async fn create_fails(error: impl Fn() -> Create + Send + Sync + 'static) -> BackendError {
    let rule = mock!(CloudFront::create_invalidation).then_error(error);
    on_cloudfront(&[&rule])
        .create_invalidation(&dist(DIST), &items(&["/a"]), &reference("deploy-7"))
        .await
        .unwrap_err()
}

fn denied(permission: &str, err: &BackendError) -> bool {
    matches!(err, BackendError::AccessDenied { permission: p, .. } if p == permission)
}

fn refused(code: &str, err: &BackendError) -> bool {
    matches!(err, BackendError::InvalidRequest { code: c, .. } if c == code)
}

fn not_found(what: &str, err: &BackendError) -> bool {
    matches!(err, BackendError::NotFound { what: w } if w == what)
}

#[tokio::test]
async fn create_invalidation_errors() {
    let err = create_fails(|| {
        Create::TooManyInvalidationsInProgress(
            cfe::TooManyInvalidationsInProgress::builder()
                .message("Processing your request would cause the maximum number of in-progress wildcard invalidations to be exceeded.")
                .build(),
        )
    })
    .await;
    assert!(
        matches!(&err, BackendError::TooManyInProgress { message } if message.contains("wildcard")),
        "{err:?}"
    );
    assert!(err.to_string().contains("wait for some to complete"));

    let err = create_fails(|| Create::BatchTooLarge(cfe::BatchTooLarge::builder().build())).await;
    assert!(matches!(err, BackendError::BatchTooLarge { .. }), "{err:?}");

    let err = create_fails(|| {
        Create::InconsistentQuantities(cfe::InconsistentQuantities::builder().build())
    })
    .await;
    assert!(refused("InconsistentQuantities", &err), "{err:?}");

    let err = create_fails(|| Create::MissingBody(cfe::MissingBody::builder().build())).await;
    assert!(refused("MissingBody", &err), "{err:?}");

    let err = create_fails(|| {
        Create::InvalidArgument(
            cfe::InvalidArgument::builder()
                .message("Your request contains one or more invalid invalidation paths.")
                .build(),
        )
    })
    .await;
    assert!(refused("InvalidArgument", &err), "{err:?}");
    assert!(err.to_string().contains("invalid invalidation paths"));

    let err = create_fails(|| {
        Create::AccessDenied(
            cfe::AccessDenied::builder()
                .message("User: arn:aws:iam::111122223333:user/ci is not authorized")
                .build(),
        )
    })
    .await;
    assert!(denied("cloudfront:CreateInvalidation", &err), "{err:?}");
    assert!(
        err.to_string()
            .contains("ask for the cloudfront:CreateInvalidation permission"),
        "{err}"
    );

    let err =
        create_fails(|| Create::NoSuchDistribution(cfe::NoSuchDistribution::builder().build()))
            .await;
    assert!(not_found(&format!("distribution {DIST}"), &err), "{err:?}");
}

#[tokio::test]
async fn unmodeled_codes_on_create() {
    // Same CallerReference, other paths: not modeled by this SDK, matched by its code.
    let err = create_fails(|| {
        Create::generic(meta(
            "InvalidationBatchAlreadyExists",
            "The caller reference that you are using to create an invalidation batch already exists.",
        ))
    })
    .await;
    assert_eq!(
        err,
        BackendError::CallerReferenceReused {
            caller_reference: "deploy-7".into()
        }
    );
    let err = create_fails(|| Create::generic(meta("Throttling", "Rate exceeded"))).await;
    assert_eq!(err, BackendError::Throttled);
    let err = create_fails(|| Create::generic(meta("ServiceUnavailable", "try later"))).await;
    assert!(matches!(err, BackendError::Unavailable { .. }), "{err:?}");
    assert!(err.is_retryable());
    let err = create_fails(|| {
        Create::generic(meta(
            "ExpiredToken",
            "The security token included in the request is expired",
        ))
    })
    .await;
    let text = err.to_string();
    assert!(matches!(err, BackendError::Credentials { .. }), "{err:?}");
    assert!(
        text.contains("is expired") && text.contains("aws "),
        "{text}"
    );
}

#[tokio::test]
async fn tenant_create_errors() {
    async fn fails(error: impl Fn() -> CreateTenant + Send + Sync + 'static) -> BackendError {
        let rule = mock!(CloudFront::create_invalidation_for_distribution_tenant).then_error(error);
        on_cloudfront(&[&rule])
            .create_invalidation(&tenant(TENANT), &items(&["/a"]), &reference("t-9"))
            .await
            .unwrap_err()
    }
    let err = fails(|| CreateTenant::EntityNotFound(cfe::EntityNotFound::builder().build())).await;
    assert!(not_found(&format!("tenant {TENANT}"), &err), "{err:?}");
    let err = fails(|| CreateTenant::AccessDenied(cfe::AccessDenied::builder().build())).await;
    assert!(
        denied("cloudfront:CreateInvalidationForDistributionTenant", &err),
        "{err:?}"
    );
    let err = fails(|| {
        CreateTenant::TooManyInvalidationsInProgress(
            cfe::TooManyInvalidationsInProgress::builder().build(),
        )
    })
    .await;
    assert!(matches!(err, BackendError::TooManyInProgress { .. }));
    let err = fails(|| CreateTenant::BatchTooLarge(cfe::BatchTooLarge::builder().build())).await;
    assert!(matches!(err, BackendError::BatchTooLarge { .. }));
    let err = fails(|| {
        CreateTenant::InconsistentQuantities(cfe::InconsistentQuantities::builder().build())
    })
    .await;
    assert!(refused("InconsistentQuantities", &err));
    let err = fails(|| CreateTenant::MissingBody(cfe::MissingBody::builder().build())).await;
    assert!(refused("MissingBody", &err));
    let err =
        fails(|| CreateTenant::InvalidArgument(cfe::InvalidArgument::builder().build())).await;
    assert!(refused("InvalidArgument", &err));
    let err = fails(|| CreateTenant::generic(meta("InvalidationBatchAlreadyExists", ""))).await;
    assert_eq!(
        err,
        BackendError::CallerReferenceReused {
            caller_reference: "t-9".into()
        }
    );
}

#[tokio::test]
async fn list_and_get_invalidation_errors() {
    async fn list(error: impl Fn() -> List + Send + Sync + 'static) -> BackendError {
        let rule = mock!(CloudFront::list_invalidations).then_error(error);
        on_cloudfront(&[&rule])
            .list_invalidations(&dist(DIST), &PageRequest::first(10))
            .await
            .unwrap_err()
    }
    async fn get(error: impl Fn() -> Get + Send + Sync + 'static) -> BackendError {
        let rule = mock!(CloudFront::get_invalidation).then_error(error);
        on_cloudfront(&[&rule])
            .get_invalidation(&dist(DIST), "I404")
            .await
            .unwrap_err()
    }
    let err = list(|| List::AccessDenied(cfe::AccessDenied::builder().build())).await;
    assert!(denied("cloudfront:ListInvalidations", &err), "{err:?}");
    let err = list(|| List::InvalidArgument(cfe::InvalidArgument::builder().build())).await;
    assert!(refused("InvalidArgument", &err));
    let err = list(|| List::NoSuchDistribution(cfe::NoSuchDistribution::builder().build())).await;
    assert!(not_found(&format!("distribution {DIST}"), &err));

    let err = get(|| Get::NoSuchInvalidation(cfe::NoSuchInvalidation::builder().build())).await;
    assert!(
        not_found(&format!("invalidation I404 of distribution {DIST}"), &err),
        "{err:?}"
    );
    let err = get(|| Get::NoSuchDistribution(cfe::NoSuchDistribution::builder().build())).await;
    assert!(not_found(&format!("distribution {DIST}"), &err));
    let err = get(|| Get::AccessDenied(cfe::AccessDenied::builder().build())).await;
    assert!(denied("cloudfront:GetInvalidation", &err));
}

#[tokio::test]
async fn tenant_list_and_get_errors() {
    async fn list(error: impl Fn() -> ListTenant + Send + Sync + 'static) -> BackendError {
        let rule = mock!(CloudFront::list_invalidations_for_distribution_tenant).then_error(error);
        on_cloudfront(&[&rule])
            .list_invalidations(&tenant(TENANT), &PageRequest::first(10))
            .await
            .unwrap_err()
    }
    async fn get(error: impl Fn() -> GetTenant + Send + Sync + 'static) -> BackendError {
        let rule = mock!(CloudFront::get_invalidation_for_distribution_tenant).then_error(error);
        on_cloudfront(&[&rule])
            .get_invalidation(&tenant(TENANT), "I404")
            .await
            .unwrap_err()
    }
    let err = list(|| ListTenant::EntityNotFound(cfe::EntityNotFound::builder().build())).await;
    assert!(not_found(&format!("tenant {TENANT}"), &err), "{err:?}");
    let err = list(|| ListTenant::AccessDenied(cfe::AccessDenied::builder().build())).await;
    assert!(denied(
        "cloudfront:ListInvalidationsForDistributionTenant",
        &err
    ));
    let err = list(|| ListTenant::InvalidArgument(cfe::InvalidArgument::builder().build())).await;
    assert!(refused("InvalidArgument", &err));

    let err =
        get(|| GetTenant::NoSuchInvalidation(cfe::NoSuchInvalidation::builder().build())).await;
    assert!(not_found(
        &format!("invalidation I404 of tenant {TENANT}"),
        &err
    ));
    let err = get(|| GetTenant::EntityNotFound(cfe::EntityNotFound::builder().build())).await;
    assert!(not_found(&format!("tenant {TENANT}"), &err));
    let err = get(|| GetTenant::AccessDenied(cfe::AccessDenied::builder().build())).await;
    assert!(denied(
        "cloudfront:GetInvalidationForDistributionTenant",
        &err
    ));
}

#[tokio::test]
async fn distribution_and_tenant_list_errors() {
    let rule = mock!(CloudFront::list_distributions)
        .then_error(|| ListDists::InvalidArgument(cfe::InvalidArgument::builder().build()));
    let err = on_cloudfront(&[&rule])
        .list_distributions()
        .await
        .unwrap_err();
    assert!(refused("InvalidArgument", &err));
    // ListDistributions models no AccessDenied: it arrives unmodeled, with its code.
    let rule = mock!(CloudFront::list_distributions)
        .then_error(|| ListDists::generic(meta("AccessDenied", "not authorized")));
    let err = on_cloudfront(&[&rule])
        .list_distributions()
        .await
        .unwrap_err();
    assert!(denied("cloudfront:ListDistributions", &err), "{err:?}");

    let rule = mock!(CloudFront::list_distribution_tenants)
        .then_error(|| ListTenants::AccessDenied(cfe::AccessDenied::builder().build()));
    let err = on_cloudfront(&[&rule])
        .list_tenants(MULTI)
        .await
        .unwrap_err();
    assert!(denied("cloudfront:ListDistributionTenants", &err));
    let rule = mock!(CloudFront::list_distribution_tenants)
        .then_error(|| ListTenants::EntityNotFound(cfe::EntityNotFound::builder().build()));
    let err = on_cloudfront(&[&rule])
        .list_tenants(MULTI)
        .await
        .unwrap_err();
    assert!(not_found(&format!("distribution {MULTI}"), &err));
    let rule = mock!(CloudFront::list_distribution_tenants)
        .then_error(|| ListTenants::InvalidArgument(cfe::InvalidArgument::builder().build()));
    let err = on_cloudfront(&[&rule])
        .list_tenants(MULTI)
        .await
        .unwrap_err();
    assert!(refused("InvalidArgument", &err));

    let rule = mock!(CloudFront::get_distribution)
        .then_error(|| GetDist::NoSuchDistribution(cfe::NoSuchDistribution::builder().build()));
    let err = on_cloudfront(&[&rule])
        .in_progress_count(DIST)
        .await
        .unwrap_err();
    assert!(not_found(&format!("distribution {DIST}"), &err));
    let rule = mock!(CloudFront::get_distribution)
        .then_error(|| GetDist::AccessDenied(cfe::AccessDenied::builder().build()));
    let err = on_cloudfront(&[&rule])
        .in_progress_count(DIST)
        .await
        .unwrap_err();
    assert!(denied("cloudfront:GetDistribution", &err));
}

/// Every Lightsail call models the same six exceptions; each maps the same way, with the
/// call's own permission and subject.
#[tokio::test]
async fn lightsail_exceptions() {
    macro_rules! lightsail_case {
        ($op:ident, $error:ident, $variant:ident, $call:expr) => {{
            let rule = mock!(Lightsail::$op)
                .then_error(|| $error::$variant(lse::$variant::builder().message("m").build()));
            let backend = on_lightsail(&[&rule]);
            #[allow(clippy::redundant_closure_call)]
            let err = ($call)(backend).await;
            err
        }};
    }
    async fn list(b: AwsBackend) -> BackendError {
        b.list_lightsail_distributions().await.unwrap_err()
    }
    async fn reset(b: AwsBackend) -> BackendError {
        b.reset_lightsail_cache("shop-cdn").await.unwrap_err()
    }
    async fn latest(b: AwsBackend) -> BackendError {
        b.latest_lightsail_cache_reset("shop-cdn")
            .await
            .unwrap_err()
    }
    async fn operation(b: AwsBackend) -> BackendError {
        b.get_lightsail_operation("op-1").await.unwrap_err()
    }

    let err = lightsail_case!(get_distributions, GetDists, AccessDeniedException, list);
    assert!(denied("lightsail:GetDistributions", &err), "{err:?}");
    let err = lightsail_case!(get_distributions, GetDists, UnauthenticatedException, list);
    assert!(matches!(err, BackendError::Credentials { .. }), "{err:?}");
    let err = lightsail_case!(get_distributions, GetDists, ServiceException, list);
    assert!(matches!(err, BackendError::Unavailable { .. }), "{err:?}");
    let err = lightsail_case!(get_distributions, GetDists, InvalidInputException, list);
    assert!(refused("InvalidInputException", &err), "{err:?}");
    let err = lightsail_case!(get_distributions, GetDists, OperationFailureException, list);
    assert!(
        matches!(&err, BackendError::Other { code, .. } if code == "OperationFailureException"),
        "{err:?}"
    );
    let err = lightsail_case!(get_distributions, GetDists, NotFoundException, list);
    assert!(matches!(err, BackendError::NotFound { .. }));

    let err = lightsail_case!(reset_distribution_cache, Reset, NotFoundException, reset);
    assert!(
        not_found("Lightsail distribution shop-cdn", &err),
        "{err:?}"
    );
    let err = lightsail_case!(
        reset_distribution_cache,
        Reset,
        AccessDeniedException,
        reset
    );
    assert!(denied("lightsail:ResetDistributionCache", &err));
    let err = lightsail_case!(
        reset_distribution_cache,
        Reset,
        InvalidInputException,
        reset
    );
    assert!(refused("InvalidInputException", &err));
    let err = lightsail_case!(
        reset_distribution_cache,
        Reset,
        UnauthenticatedException,
        reset
    );
    assert!(matches!(err, BackendError::Credentials { .. }));
    let err = lightsail_case!(reset_distribution_cache, Reset, ServiceException, reset);
    assert!(matches!(err, BackendError::Unavailable { .. }));
    let err = lightsail_case!(
        reset_distribution_cache,
        Reset,
        OperationFailureException,
        reset
    );
    assert!(matches!(err, BackendError::Other { .. }));

    let err = lightsail_case!(
        get_distribution_latest_cache_reset,
        LatestReset,
        NotFoundException,
        latest
    );
    assert!(not_found("Lightsail distribution shop-cdn", &err));
    let err = lightsail_case!(
        get_distribution_latest_cache_reset,
        LatestReset,
        AccessDeniedException,
        latest
    );
    assert!(denied("lightsail:GetDistributionLatestCacheReset", &err));

    let err = lightsail_case!(get_operation, GetOp, NotFoundException, operation);
    assert!(not_found("Lightsail operation op-1", &err));
    let err = lightsail_case!(get_operation, GetOp, AccessDeniedException, operation);
    assert!(denied("lightsail:GetOperation", &err));
    let err = lightsail_case!(
        get_operation,
        GetOp,
        RegionSetupInProgressException,
        operation
    );
    assert!(matches!(err, BackendError::Unavailable { .. }));
}

fn http(status: u16, body: &'static str) -> HttpResponse {
    HttpResponse::new(StatusCode::try_from(status).unwrap(), SdkBody::from(body))
}

/// Raw answers through the SDK's own parsing: the codes and statuses a mock cannot fake.
#[tokio::test]
async fn raw_answers_parsed_by_the_sdk() {
    let throttled = mock!(CloudFront::create_invalidation).then_http_response(|| {
        http(
            400,
            "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>\
             <Message>Rate exceeded</Message></Error><RequestId>r1</RequestId></ErrorResponse>",
        )
    });
    let backend = on_cloudfront(&[&throttled]);
    let err = backend
        .create_invalidation(&dist(DIST), &items(&["/a"]), &reference("r"))
        .await
        .unwrap_err();
    assert_eq!(err, BackendError::Throttled);

    let reused = mock!(CloudFront::create_invalidation).then_http_response(|| {
        http(
            409,
            "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidationBatchAlreadyExists</Code>\
             <Message>already exists</Message></Error></ErrorResponse>",
        )
    });
    let err = on_cloudfront(&[&reused])
        .create_invalidation(&dist(DIST), &items(&["/b"]), &reference("r"))
        .await
        .unwrap_err();
    assert_eq!(
        err,
        BackendError::CallerReferenceReused {
            caller_reference: "r".into()
        }
    );

    let unavailable = mock!(CloudFront::list_distributions).then_http_response(|| http(503, ""));
    let err = on_cloudfront(&[&unavailable])
        .list_distributions()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, BackendError::Unavailable { message } if message.contains("503")),
        "{err:?}"
    );

    // Lightsail writes a detail in `code` and the exception in `__type`; the SDK reads `code`.
    let lightsail_not_found = mock!(Lightsail::reset_distribution_cache).then_http_response(|| {
        http(
            400,
            r#"{"__type":"NotFoundException","code":"DoesNotExist","message":"The Distribution does not exist: shop-cdn"}"#,
        )
    });
    let err = on_lightsail(&[&lightsail_not_found])
        .reset_lightsail_cache("shop-cdn")
        .await
        .unwrap_err();
    assert!(
        not_found("Lightsail distribution shop-cdn", &err),
        "{err:?}"
    );
}
