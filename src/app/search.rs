//! The history search: a line of text, what the store found for it (every target's stored
//! invalidations holding an item equal to it, a wildcard covering it, or an item containing
//! it), and the row chosen.

use super::model::RequestId;
use crate::store::search::Hit;

#[derive(Debug, Clone, Default)]
pub struct HistorySearch {
    pub input: tui_input::Input,
    pub hits: Vec<Hit>,
    pub cursor: usize,
    /// The search the shown hits wait on (older answers are dropped).
    pub pending: Option<RequestId>,
    pub error: Option<String>,
}

impl HistorySearch {
    pub fn selected(&self) -> Option<&Hit> {
        self.hits.get(self.cursor)
    }
}
