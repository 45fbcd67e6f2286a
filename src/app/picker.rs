//! Switching the AWS profile and region without restarting: a list of the profiles in the AWS
//! config files, then a list of regions.

use super::model::Slot;

/// CloudFront is global and Lightsail's distributions live in us-east-1, so the region mostly
/// decides where the calls are signed and which STS answers; these are the usual ones.
pub const REGIONS: [&str; 16] = [
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "ca-central-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "eu-central-1",
    "eu-north-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-south-1",
    "sa-east-1",
];

/// The first row of each list: keep what the configuration says.
pub const AS_CONFIGURED: &str = "(as configured)";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Profile,
    /// The profile is chosen (None: as configured); now the region.
    Region {
        profile: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub step: Step,
    pub profiles: Slot<Vec<String>>,
    pub cursor: usize,
}

impl Picker {
    /// The rows of the current step, `AS_CONFIGURED` first.
    pub fn rows(&self) -> Vec<String> {
        let mut rows = vec![AS_CONFIGURED.to_string()];
        match &self.step {
            Step::Profile => rows.extend(self.profiles.ready().into_iter().flatten().cloned()),
            Step::Region { .. } => rows.extend(REGIONS.iter().map(|r| r.to_string())),
        }
        rows
    }

    /// The row under the cursor, None for `AS_CONFIGURED`.
    pub fn chosen(&self) -> Option<String> {
        (self.cursor > 0)
            .then(|| self.rows().get(self.cursor).cloned())
            .flatten()
    }
}
