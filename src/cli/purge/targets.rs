//! Purge's arguments: targets first (ids, or names the account knows), then the items.

use crate::cli::names::{Listing, Typed};
use crate::cli::output::Failure;
use crate::domain::target::{CloudFrontTarget, Target};
use crate::domain::target_name::{NamedTarget, Resolution};

/// The leading arguments that may be targets, read without a call: ids, and names to look up.
/// The first argument that can be neither (a path, a tag, `-`) starts the items.
pub fn leading(args: &[String]) -> Result<Vec<Typed>, Failure> {
    let mut typed = Vec::new();
    for arg in args {
        match Typed::read(arg) {
            Ok(t) => typed.push(t),
            Err(e) if typed.is_empty() => return Err(Failure::invalid(format!("{e}{HOW}"))),
            Err(_) => break,
        }
    }
    Ok(typed)
}

const HOW: &str = "; purge takes its targets first, then the items, e.g. \
                   edgepurge purge E2QWRUHAPOMQZL /index.html";

/// The targets (each once, in order) and the items. `listing` is there when a name was typed.
/// A name no target answers to, after at least one target, is where the items begin (`purge
/// E1 index.html` is the item `index.html`, refused with its fix): before any, it is unknown.
pub fn split(
    args: &[String],
    typed: &[Typed],
    listing: Option<&Listing>,
) -> Result<(Vec<NamedTarget>, Vec<String>), Failure> {
    let mut targets: Vec<NamedTarget> = Vec::new();
    let mut items_from = typed.len();
    for (i, t) in typed.iter().enumerate() {
        let found = match (t, listing) {
            (Typed::Id(target), Some(listing)) => listing.labelled(target),
            (Typed::Id(target), None) => NamedTarget {
                target: target.clone(),
                label: None,
                names: Vec::new(),
            },
            (Typed::Name(name), Some(listing)) => match listing.resolve(name) {
                Ok(found) => found,
                Err(Resolution::Unknown { .. }) if !targets.is_empty() => {
                    items_from = i;
                    break;
                }
                Err(Resolution::Unknown { typed, suggestions }) => {
                    return Err(listing.unknown(&typed, &suggestions, HOW));
                }
                Err(_) => {
                    return Err(listing.found(name).err().unwrap_or_else(|| {
                        Failure::invalid(format!("'{name}' names more than one target"))
                    }));
                }
            },
            (Typed::Name(name), None) => {
                return Err(Failure::failed(format!(
                    "'{name}' was not looked up among the account's targets"
                )));
            }
        };
        if let Some(listing) = listing {
            listing.refuse_multi_tenant(&found)?;
        }
        if let Target::Lightsail { name } = &found.target {
            return Err(Failure::invalid(format!(
                "lightsail:{name} is a Lightsail distribution: it has no paths; its whole \
                 cache is reset with: edgepurge reset lightsail:{name}"
            )));
        }
        if !targets.iter().any(|t| t.target == found.target) {
            targets.push(found);
        }
    }
    Ok((targets, args[items_from..].to_vec()))
}

/// The CloudFront targets of what [`split`] found (it refuses Lightsail ones).
pub fn cloudfront(found: &[NamedTarget]) -> Vec<CloudFrontTarget> {
    found
        .iter()
        .filter_map(|f| match &f.target {
            Target::CloudFront(t) => Some(t.clone()),
            Target::Lightsail { .. } => None,
        })
        .collect()
}

#[cfg(test)]
mod tests;
