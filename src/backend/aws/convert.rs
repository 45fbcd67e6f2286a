//! SDK shapes into domain types. Fields an emulator leaves out get the neutral value (empty
//! text, no aliases, standard connection mode) rather than failing the whole list.

use aws_sdk_cloudfront::primitives::DateTime as SdkTime;
use aws_sdk_cloudfront::types as cf;
use aws_sdk_lightsail::types as ls;
use chrono::{DateTime, Utc};

use crate::backend::BackendError;
use crate::domain::distribution::{Distribution, LightsailDistribution, Tenant};
use crate::domain::invalidation::{
    Invalidation, InvalidationPage, InvalidationSummary, PAGE_SIZE, PageRequest, Status,
};
use crate::domain::lightsail::{CacheReset, Operation, OperationStatus};

/// An answer edgepurge cannot use as it is.
pub fn unreadable(what: &str) -> BackendError {
    BackendError::Other {
        code: "UnexpectedResponse".into(),
        message: format!(
            "the answer lacked {what}; the endpoint may not be AWS or a complete emulator"
        ),
    }
}

pub fn time(t: &SdkTime) -> Result<DateTime<Utc>, BackendError> {
    DateTime::from_timestamp(t.secs(), t.subsec_nanos())
        .ok_or_else(|| unreadable("a date edgepurge can represent"))
}

pub fn distribution(summary: &cf::DistributionSummary) -> Distribution {
    Distribution {
        id: summary.id().to_string(),
        domain: summary.domain_name().to_string(),
        aliases: summary
            .aliases()
            .map(|a| a.items().to_vec())
            .unwrap_or_default(),
        comment: summary.comment().to_string(),
        status: summary.status().to_string(),
        enabled: summary.enabled(),
        // A summary without a connection mode (older API versions, emulators) is standard.
        multi_tenant: summary.connection_mode() == Some(&cf::ConnectionMode::TenantOnly),
    }
}

pub fn tenant(summary: &cf::DistributionTenantSummary) -> Tenant {
    Tenant {
        id: summary.id().to_string(),
        name: summary.name().to_string(),
        distribution_id: summary.distribution_id().to_string(),
        domains: summary
            .domains()
            .iter()
            .map(|d| d.domain().to_string())
            .collect(),
        status: summary.status().unwrap_or_default().to_string(),
        // Enabled is optional in the summary; a tenant is enabled unless it says otherwise.
        enabled: summary.enabled().unwrap_or(true),
    }
}

pub fn summary(item: &cf::InvalidationSummary) -> Result<InvalidationSummary, BackendError> {
    Ok(InvalidationSummary {
        id: item.id().to_string(),
        status: Status::parse(item.status()),
        create_time: time(item.create_time())?,
    })
}

/// A page of a list, as the domain pages: NextMarker present exactly when truncated.
pub fn page(
    list: Option<&cf::InvalidationList>,
    request: &PageRequest,
) -> Result<InvalidationPage, BackendError> {
    let Some(list) = list else {
        return Err(unreadable("an InvalidationList"));
    };
    let items = list
        .items()
        .iter()
        .map(summary)
        .collect::<Result<Vec<_>, _>>()?;
    // "NextMarker ... is the same as the ID of the last invalidation batch on that page"
    // (ListInvalidations); an answer that is truncated without one continues from there.
    let next_marker = if list.is_truncated() {
        list.next_marker()
            .filter(|m| !m.is_empty())
            .map(str::to_string)
            .or_else(|| items.last().map(|s| s.id.clone()))
    } else {
        None
    };
    let max_items = u32::try_from(list.max_items())
        .ok()
        .filter(|n| *n > 0)
        .or(request.max_items)
        .unwrap_or(PAGE_SIZE);
    Ok(InvalidationPage {
        items,
        marker: request.marker.clone(),
        next_marker,
        max_items,
    })
}

pub fn invalidation(found: Option<&cf::Invalidation>) -> Result<Invalidation, BackendError> {
    let Some(found) = found else {
        return Err(unreadable("the Invalidation"));
    };
    let batch = found.invalidation_batch();
    Ok(Invalidation {
        id: found.id().to_string(),
        status: Status::parse(found.status()),
        create_time: time(found.create_time())?,
        caller_reference: batch
            .map(|b| b.caller_reference().to_string())
            .unwrap_or_default(),
        items: batch
            .and_then(|b| b.paths())
            .map(|p| p.items().to_vec())
            .unwrap_or_default(),
    })
}

/// The batch CreateInvalidation sends: the paths, their count, and the caller reference.
pub fn batch(
    items: &[String],
    caller_reference: &str,
) -> Result<cf::InvalidationBatch, BackendError> {
    let quantity = i32::try_from(items.len()).map_err(|_| BackendError::BatchTooLarge {
        message: format!("{} items", items.len()),
    })?;
    let paths = cf::Paths::builder()
        .quantity(quantity)
        .set_items(Some(items.to_vec()))
        .build()
        .map_err(|e| BackendError::Other {
            code: "InvalidBatch".into(),
            message: e.to_string(),
        })?;
    cf::InvalidationBatch::builder()
        .paths(paths)
        .caller_reference(caller_reference)
        .build()
        .map_err(|e| BackendError::Other {
            code: "InvalidBatch".into(),
            message: e.to_string(),
        })
}

pub fn lightsail_distribution(d: &ls::LightsailDistribution) -> LightsailDistribution {
    LightsailDistribution {
        name: d.name().unwrap_or_default().to_string(),
        domain: d.domain_name().unwrap_or_default().to_string(),
        alternative_domains: d.alternative_domain_names().to_vec(),
        status: d.status().unwrap_or_default().to_string(),
        enabled: d.is_enabled().unwrap_or(true),
        origin: d
            .origin()
            .and_then(|o| o.name())
            .unwrap_or_default()
            .to_string(),
    }
}

pub fn operation(op: Option<&ls::Operation>) -> Result<Operation, BackendError> {
    let Some(op) = op else {
        return Err(unreadable("the operation"));
    };
    let lightsail_time = |t: Option<&aws_sdk_lightsail::primitives::DateTime>| {
        t.and_then(|t| DateTime::from_timestamp(t.secs(), t.subsec_nanos()))
    };
    let status_changed_at = lightsail_time(op.status_changed_at());
    let created_at = lightsail_time(op.created_at())
        .or(status_changed_at)
        .ok_or_else(|| unreadable("the operation's creation time"))?;
    Ok(Operation {
        id: op.id().unwrap_or_default().to_string(),
        resource_name: op.resource_name().unwrap_or_default().to_string(),
        status: OperationStatus::parse(op.status().map(|s| s.as_str()).unwrap_or_default()),
        is_terminal: op.is_terminal().unwrap_or(false),
        created_at,
        status_changed_at,
        error_code: op.error_code().map(str::to_string),
        error_details: op.error_details().map(str::to_string),
    })
}

/// GetDistributionLatestCacheReset: no time means the distribution was never reset.
pub fn cache_reset(
    status: Option<&str>,
    create_time: Option<&aws_sdk_lightsail::primitives::DateTime>,
) -> Option<CacheReset> {
    let create_time =
        create_time.and_then(|t| DateTime::from_timestamp(t.secs(), t.subsec_nanos()))?;
    Some(CacheReset {
        status: status.unwrap_or_default().to_string(),
        create_time,
    })
}
