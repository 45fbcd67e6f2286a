//! Targets as a user types them. An id (`E…`, `tenant:ID`, `lightsail:NAME`) is taken as
//! written, without a call; a name (an alias, a domain, a tenant's or Lightsail
//! distribution's name) makes one listing of the account's targets and is looked up in it.

use std::collections::HashMap;

use futures::future::join_all;

use super::output::Failure;
use crate::backend::{Backend, BackendError};
use crate::domain::target::{CloudFrontTarget, Target, TargetError};
use crate::domain::target_name::{self, NamedTarget, Resolution, looks_like_name};

/// What a typed target is before any call: an id, or a name to look up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typed {
    Id(Target),
    Name(String),
}

impl Typed {
    /// An id, a name, or why it is neither: a mistake in writing an id (`tenant:` with a bad
    /// id, `s3:bucket`) said with the form that works, a page's URL with its domain.
    pub fn read(text: &str) -> Result<Self, String> {
        match text.parse::<Target>() {
            Ok(target) => Ok(Self::Id(target)),
            Err(TargetError::BadDistributionId(_) | TargetError::UnknownKind(_))
                if looks_like_name(text) =>
            {
                Ok(Self::Name(text.trim().to_string()))
            }
            Err(TargetError::UnknownKind(_)) if page_url(text) => Err(format!(
                "'{text}' is a page's address, not a target: give its domain as the target \
                 and its path as an item"
            )),
            Err(e) => Err(e.to_string()),
        }
    }
}

fn page_url(text: &str) -> bool {
    let lower = text.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// The account's targets with their names, and the lists that could not be read.
#[derive(Default)]
pub struct Listing {
    pub known: Vec<NamedTarget>,
    /// Lists that failed: a name not found may be in one of them.
    pub failures: Vec<String>,
    /// Lists the role may not read: their targets are not the role's to purge, so a name not
    /// found is still unknown; said beside it.
    pub not_allowed: Vec<String>,
    /// The ids of multi-tenant distributions: purged through their tenants, never themselves.
    pub multi_tenant: Vec<String>,
}

/// Every target of the account: distributions, the tenants of multi-tenant ones, Lightsail
/// distributions, listed side by side. What fails is kept aside; the rest is still used.
pub async fn listing(backend: &dyn Backend) -> Listing {
    let (cloudfront, lightsail) = futures::join!(
        backend.list_distributions(),
        backend.list_lightsail_distributions()
    );
    let mut listing = Listing::default();
    let mut failed = |what: &str, e: BackendError| match e.not_allowed() {
        Some(action) => listing.not_allowed.push(format!(
            "{what} were not looked at: the role may not {action}"
        )),
        None => listing
            .failures
            .push(format!("{what} could not be listed: {e}")),
    };
    let mut known = Vec::new();
    let mut multi_tenant = Vec::new();
    match cloudfront {
        Ok(distributions) => {
            let tenants = join_all(distributions.iter().map(|d| async move {
                if d.multi_tenant {
                    Some(backend.list_tenants(&d.id).await)
                } else {
                    None
                }
            }))
            .await;
            for (d, tenants) in distributions.iter().zip(tenants) {
                known.push(NamedTarget::distribution(d));
                if d.multi_tenant {
                    multi_tenant.push(d.id.clone());
                }
                match tenants {
                    Some(Ok(tenants)) => known.extend(tenants.iter().map(NamedTarget::tenant)),
                    Some(Err(e)) => failed(&format!("the tenants of {}", d.id), e),
                    None => {}
                }
            }
        }
        Err(e) => failed("CloudFront distributions", e),
    }
    match lightsail {
        Ok(list) => known.extend(list.iter().map(NamedTarget::lightsail)),
        Err(e) => failed("Lightsail distributions", e),
    }
    listing.known = known;
    listing.multi_tenant = multi_tenant;
    listing
}

/// The targets typed, in order: ids as written (no call when every one is an id), names
/// looked up in one listing. A name that is unknown or ambiguous is a usage error with the
/// candidates.
pub async fn targets(backend: &dyn Backend, typed: &[String]) -> Result<Vec<NamedTarget>, Failure> {
    let typed: Vec<Typed> = typed
        .iter()
        .map(|t| Typed::read(t).map_err(Failure::invalid))
        .collect::<Result<_, _>>()?;
    let Some(listing) = listed_if_needed(backend, &typed).await else {
        return Ok(typed.into_iter().filter_map(bare).collect());
    };
    typed
        .iter()
        .map(|t| match t {
            Typed::Id(target) => Ok(listing.labelled(target)),
            Typed::Name(name) => listing.found(name),
        })
        .collect()
}

/// One target, as [`targets`] reads it.
pub async fn target(backend: &dyn Backend, typed: &str) -> Result<NamedTarget, Failure> {
    let mut found = targets(backend, &[typed.to_string()]).await?;
    found
        .pop()
        .ok_or_else(|| Failure::invalid("no target was given"))
}

/// A CloudFront target (distribution or tenant) and its label; a Lightsail one is refused
/// with `why`.
pub async fn cloudfront(
    backend: &dyn Backend,
    typed: &str,
    why: &str,
) -> Result<(CloudFrontTarget, Option<String>), Failure> {
    let found = target(backend, typed).await?;
    match found.target {
        Target::CloudFront(t) => Ok((t, found.label)),
        Target::Lightsail { name } => Err(Failure::invalid(format!(
            "lightsail:{name} is a Lightsail distribution: {why}"
        ))),
    }
}

/// The listing, only when a name has to be looked up.
pub async fn listed_if_needed(backend: &dyn Backend, typed: &[Typed]) -> Option<Listing> {
    if typed.iter().all(|t| matches!(t, Typed::Id(_))) {
        None
    } else {
        Some(listing(backend).await)
    }
}

fn bare(typed: Typed) -> Option<NamedTarget> {
    match typed {
        Typed::Id(target) => Some(NamedTarget {
            target,
            label: None,
            names: Vec::new(),
        }),
        Typed::Name(_) => None,
    }
}

impl Listing {
    /// An id typed as written, with its label when the account listed it.
    pub fn labelled(&self, target: &Target) -> NamedTarget {
        match target_name::resolve(&target.to_string(), &self.known) {
            Resolution::Found(found) => found,
            _ => NamedTarget {
                target: target.clone(),
                label: None,
                names: Vec::new(),
            },
        }
    }

    /// The target a name stands for; unknown or ambiguous is said with the candidates.
    pub fn found(&self, name: &str) -> Result<NamedTarget, Failure> {
        match self.resolve(name) {
            Ok(found) => Ok(found),
            Err(Resolution::Ambiguous { typed, candidates }) => Err(Failure::invalid(format!(
                "'{typed}' names {} targets; write the one meant by its id:\n{}",
                candidates.len(),
                lines(&candidates)
            ))),
            Err(Resolution::Unknown { typed, suggestions }) => {
                Err(self.unknown(&typed, &suggestions, ""))
            }
            Err(Resolution::Found(found)) => Ok(found),
        }
    }

    /// A multi-tenant distribution cannot be purged itself: refused with its tenants.
    pub fn refuse_multi_tenant(&self, found: &NamedTarget) -> Result<(), Failure> {
        let Target::CloudFront(CloudFrontTarget::Distribution { id }) = &found.target else {
            return Ok(());
        };
        if !self.multi_tenant.contains(id) {
            return Ok(());
        }
        let tenants: Vec<NamedTarget> = self
            .known
            .iter()
            .filter(|k| {
                matches!(&k.target, Target::CloudFront(CloudFrontTarget::Tenant {
                    distribution_id: Some(parent), ..
                }) if parent == id)
            })
            .cloned()
            .collect();
        let mut text = format!(
            "{} is a multi-tenant distribution: it is purged through its tenants",
            found.described()
        );
        if !tenants.is_empty() {
            text.push_str(&format!(":\n{}", lines(&tenants)));
        }
        Err(Failure::invalid(text))
    }

    /// The resolution, as the domain gives it (purge tells an unknown name from an item).
    pub fn resolve(&self, name: &str) -> Result<NamedTarget, Resolution> {
        match target_name::resolve(name, &self.known) {
            Resolution::Found(found) => Ok(found),
            other => Err(other),
        }
    }

    /// An unknown name: a usage error (exit 2), unless a list that could hold it failed.
    /// `then` follows the first line (what the command expected).
    pub fn unknown(&self, typed: &str, suggestions: &[NamedTarget], then: &str) -> Failure {
        let mut text = format!(
            "'{typed}' is not a target of this account: no id, alias, domain, tenant name or \
             Lightsail distribution name matches it{then}"
        );
        if suggestions.is_empty() {
            text.push_str("\n(edgepurge distributions lists every target)");
        } else {
            text.push_str(&format!(
                "\ndid you mean:\n{}\n(edgepurge distributions lists every target)",
                lines(suggestions)
            ));
        }
        for note in &self.not_allowed {
            text.push_str(&format!("\n({note})"));
        }
        if self.failures.is_empty() {
            return Failure::invalid(text);
        }
        // It may be among what could not be listed.
        Failure::failed(format!("{text}\n{}", self.failures.join("\n")))
    }
}

/// A candidate a line: its id as the commands take it, then every name it answers to.
fn lines(candidates: &[NamedTarget]) -> String {
    let rows: Vec<Vec<String>> = candidates
        .iter()
        .map(|c| vec![format!("  {}", c.target), c.names.join(", ")])
        .collect();
    super::output::table(&rows).trim_end().to_string()
}

/// Labels of the targets a command was given, shown beside their ids.
#[derive(Debug, Default)]
pub struct Labels(HashMap<Target, String>);

impl Labels {
    pub fn of(found: &[NamedTarget]) -> Self {
        Self(
            found
                .iter()
                .filter_map(|f| Some((f.target.clone(), f.label.clone()?)))
                .collect(),
        )
    }

    pub fn get(&self, target: &Target) -> Option<&str> {
        self.0.get(target).map(String::as_str)
    }

    pub fn cloudfront(&self, target: &CloudFrontTarget) -> Option<&str> {
        self.get(&Target::CloudFront(target.clone()))
    }

    /// `E2QWRUHAPOMQZL (www.example.com)`, or the id alone when no label is known.
    pub fn described(&self, target: &CloudFrontTarget) -> String {
        let target = Target::CloudFront(target.clone());
        target_name::described(&target, self.get(&target))
    }

    /// [`Labels::described`] of one target and its label.
    pub fn described_as(target: &CloudFrontTarget, label: Option<&str>) -> String {
        target_name::described(&Target::CloudFront(target.clone()), label)
    }
}

#[cfg(test)]
mod tests;
