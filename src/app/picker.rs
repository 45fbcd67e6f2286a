//! Switching the AWS profile without restarting: a list of the profiles in the AWS config
//! files, `(as configured)` first.
//!
//! There is no region to choose. CloudFront is global (its API is signed for us-east-1
//! whatever the region) and Lightsail's distribution API answers only in us-east-1 (AWS.md;
//! the backend pins both), so a list of regions would change nothing on screen. The region
//! stays as configured: `--region`, else the chosen profile's, which is also where a region
//! of another partition (China, GovCloud) belongs.

use super::model::Slot;

/// The first row: keep the profile edgepurge was started with.
pub const AS_CONFIGURED: &str = "(as configured)";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub profiles: Slot<Vec<String>>,
    pub cursor: usize,
}

impl Picker {
    /// The rows, `AS_CONFIGURED` first.
    pub fn rows(&self) -> Vec<String> {
        let mut rows = vec![AS_CONFIGURED.to_string()];
        rows.extend(self.profiles.ready().into_iter().flatten().cloned());
        rows
    }

    /// The row under the cursor, None for `AS_CONFIGURED`.
    pub fn chosen(&self) -> Option<String> {
        (self.cursor > 0)
            .then(|| self.rows().get(self.cursor).cloned())
            .flatten()
    }
}
