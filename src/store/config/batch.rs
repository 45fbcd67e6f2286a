//! `[batch]`: the most a batch may hold when it is read (a file, standard input, a paste).

use serde::Deserialize;

use super::file::{Field, Problem};
use crate::domain::batch::BatchLimits;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default, expecting = "a [batch] table")]
pub(super) struct BatchFile {
    max_items: Field,
    max_megabytes: Field,
}

/// Up to ten times the defaults: past that a batch is no longer read in a moment.
const MOST_ITEMS: u64 = 1_000_000;
const MOST_MEGABYTES: u64 = 1_024;

pub(super) fn limits(file: BatchFile) -> Result<BatchLimits, Problem> {
    let default = BatchLimits::default();
    let max_items = whole(
        &file.max_items,
        "max_items",
        MOST_ITEMS,
        "items",
        default.max_items as u64,
    )?;
    Ok(BatchLimits {
        max_items: usize::try_from(max_items).unwrap_or(default.max_items),
        max_megabytes: whole(
            &file.max_megabytes,
            "max_megabytes",
            MOST_MEGABYTES,
            "megabytes",
            default.max_megabytes,
        )?,
    })
}

fn whole(field: &Field, name: &str, most: u64, unit: &str, default: u64) -> Result<u64, Problem> {
    let Some(value) = field else {
        return Ok(default);
    };
    value
        .get_ref()
        .as_integer()
        .and_then(|n| u64::try_from(n).ok())
        .filter(|n| (1..=most).contains(n))
        .ok_or_else(|| {
            Problem::at(
                value.span(),
                format!(
                    "{name} in [batch] must be a whole number of {unit} from 1 to {most}, like \
                     {default}; found {}",
                    value.get_ref()
                ),
            )
        })
}
