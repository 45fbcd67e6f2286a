//! The dashboard's drafts, kept in the state directory.

use crate::app::Draft;
use crate::dashboard::DraftStore;

pub struct DiskDrafts;

impl DraftStore for DiskDrafts {
    fn load(&self) -> anyhow::Result<Option<Draft>> {
        anyhow::bail!("drafts are not stored yet")
    }
    fn save(&self, _draft: &Draft) -> anyhow::Result<()> {
        anyhow::bail!("drafts are not stored yet")
    }
    fn forget(&self) -> anyhow::Result<()> {
        Ok(())
    }
}
