//! `[memory]`: what edgepurge remembers, and how hard it works at it (README, "The store").

use std::time::Duration;

use serde::Deserialize;

use super::file::{Field, Problem, boolean};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Memory {
    /// How long an unfinished run of the same purge is resumed by running it again.
    pub resume_window: Duration,
    /// Whether the dashboard fetches the history in the background.
    pub backfill: bool,
    /// How far back the history is fetched.
    pub backfill_days: u32,
    /// Requests a second the backfill makes.
    pub backfill_rate: u32,
}

impl Default for Memory {
    fn default() -> Self {
        Self {
            resume_window: Duration::from_secs(15 * 60),
            backfill: true,
            backfill_days: 30,
            backfill_rate: 5,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default, expecting = "a [memory] table")]
pub(super) struct MemoryFile {
    resume_minutes: Field,
    backfill: Field,
    backfill_days: Field,
    backfill_rate: Field,
}

pub(super) fn memory(file: MemoryFile) -> Result<Memory, Problem> {
    let default = Memory::default();
    let resume = whole(
        &file.resume_minutes,
        "resume_minutes",
        1..=1440,
        "minutes",
        default.resume_window.as_secs() / 60,
    )?;
    Ok(Memory {
        resume_window: Duration::from_secs(resume * 60),
        backfill: boolean(
            file.backfill.as_ref(),
            "backfill in [memory]",
            default.backfill,
        )?,
        backfill_days: whole(
            &file.backfill_days,
            "backfill_days",
            1..=90,
            "days",
            u64::from(default.backfill_days),
        )? as u32,
        backfill_rate: whole(
            &file.backfill_rate,
            "backfill_rate",
            1..=50,
            "requests a second",
            u64::from(default.backfill_rate),
        )? as u32,
    })
}

fn whole(
    field: &Field,
    name: &str,
    range: std::ops::RangeInclusive<u64>,
    unit: &str,
    default: u64,
) -> Result<u64, Problem> {
    let Some(value) = field else {
        return Ok(default);
    };
    match value
        .get_ref()
        .as_integer()
        .and_then(|n| u64::try_from(n).ok())
        .filter(|n| range.contains(n))
    {
        Some(n) => Ok(n),
        None => Err(Problem::at(
            value.span(),
            format!(
                "{name} in [memory] must be a whole number of {unit} from {} to {}, like \
                 {default}; found {}",
                range.start(),
                range.end(),
                value.get_ref()
            ),
        )),
    }
}
