//! A target's invalidation list as loaded, newest first, with the rows its filter lets through
//! kept beside it: worked out when the rows, what is known of them or the filter change, never
//! per key or per frame.

use std::collections::HashMap;

use super::model::RequestId;
use crate::domain::invalidation::{InvalidationPage, InvalidationSummary};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InvalidationList {
    items: Vec<InvalidationSummary>,
    /// Where the next page starts; none once the end is loaded.
    pub next_marker: Option<String>,
    /// At least one page has arrived.
    pub started: bool,
    /// The page being fetched, if any.
    pub loading: Option<RequestId>,
    pub error: Option<String>,
    pub cursor: usize,
    /// The items of rows whose details are known (from the history, or fetched), by id: the
    /// filter matches them too.
    known_items: HashMap<String, Vec<String>>,
    /// The filter, and the rows it lets through (indices into `items`, in order); every row
    /// when the filter is empty.
    filter: String,
    shown: Vec<usize>,
}

impl InvalidationList {
    /// A list whose first page is on its way, narrowed by `filter`.
    pub fn loading(request: RequestId, filter: &str) -> Self {
        Self {
            loading: Some(request),
            filter: filter.to_string(),
            ..Self::default()
        }
    }

    pub fn items(&self) -> &[InvalidationSummary] {
        &self.items
    }

    pub fn has_more(&self) -> bool {
        self.next_marker.is_some()
    }

    pub fn selected(&self) -> Option<&InvalidationSummary> {
        self.items.get(self.cursor)
    }

    /// The rows the filter lets through, as indices into `items`.
    pub fn shown(&self) -> &[usize] {
        &self.shown
    }

    pub fn is_known(&self, id: &str) -> bool {
        self.known_items.contains_key(id)
    }

    /// The items of an invalidation are known: the filter matches them from now on.
    pub fn know(&mut self, id: &str, items: &[String]) {
        self.known_items.insert(id.to_string(), items.to_vec());
        if let Some(at) = self.items.iter().position(|s| s.id == id) {
            self.reconsider(at);
        }
    }

    /// A new filter. Typing on narrows what is shown (only the rows shown are looked at
    /// again); anything else looks at every row.
    pub fn filter_by(&mut self, filter: &str) {
        let narrower = !self.filter.is_empty()
            && filter
                .to_ascii_lowercase()
                .contains(&self.filter.to_ascii_lowercase());
        self.filter = filter.to_string();
        if narrower {
            let shown = std::mem::take(&mut self.shown);
            self.shown = shown.into_iter().filter(|&i| self.row_matches(i)).collect();
        } else {
            self.refilter();
        }
    }

    /// A row made here (a batch just sent), on top and selected. False when it is there
    /// already.
    pub fn push_newest(&mut self, summary: InvalidationSummary) -> bool {
        if self.items.iter().any(|s| s.id == summary.id) {
            return false;
        }
        self.items.insert(0, summary);
        self.cursor = 0;
        self.refilter();
        true
    }

    /// A row as last polled. False when it is not loaded or did not change.
    pub fn update_row(&mut self, summary: InvalidationSummary) -> bool {
        let Some(at) = self.items.iter().position(|s| s.id == summary.id) else {
            return false;
        };
        if self.items[at] == summary {
            return false;
        }
        self.items[at] = summary;
        self.reconsider(at);
        true
    }

    /// A page arrived. A later page extends the list. A first page (a refresh) puts what is
    /// new on top and brings the statuses up to date, keeping the pages already loaded below
    /// and the selected row; when nothing on it is known (more than a page is new) it starts
    /// over.
    pub fn take_page(&mut self, page: InvalidationPage) {
        let selected = self.selected().map(|s| s.id.clone());
        let first = page.marker.is_none();
        let at: HashMap<&str, usize> = if first {
            self.items
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.as_str(), i))
                .collect()
        } else {
            HashMap::new()
        };
        let overlaps = first && page.items.iter().any(|p| at.contains_key(p.id.as_str()));
        if overlaps {
            let mut known = Vec::new();
            let mut fresh = Vec::new();
            for item in page.items {
                match at.get(item.id.as_str()) {
                    Some(&i) => known.push((i, item)),
                    None => fresh.push(item),
                }
            }
            for (i, item) in known {
                self.items[i] = item;
            }
            fresh.append(&mut self.items);
            self.items = fresh;
            self.refilter();
        } else {
            if first {
                self.items.clear();
            }
            let from = self.items.len();
            self.items.extend(page.items);
            self.next_marker = page.next_marker;
            if first {
                self.refilter();
            } else {
                // Only the new rows are looked at.
                for i in from..self.items.len() {
                    if self.row_matches(i) {
                        self.shown.push(i);
                    }
                }
            }
        }
        self.started = true;
        self.error = None;
        self.cursor = selected
            .and_then(|id| self.items.iter().position(|s| s.id == id))
            .unwrap_or(self.cursor)
            .min(self.items.len().saturating_sub(1));
    }

    fn refilter(&mut self) {
        self.shown = (0..self.items.len())
            .filter(|&i| self.row_matches(i))
            .collect();
    }

    /// Row `at` changed: shown or not, by the filter.
    fn reconsider(&mut self, at: usize) {
        let matches = self.row_matches(at);
        match (self.shown.binary_search(&at), matches) {
            (Ok(_), true) | (Err(_), false) => {}
            (Ok(i), false) => {
                self.shown.remove(i);
            }
            (Err(i), true) => self.shown.insert(i, at),
        }
    }

    /// Whether row `index` contains the filter in its id, status or a known item, ignoring
    /// (ASCII) case: compared in place, with no copy per row. Items are percent-encoded, so
    /// ASCII too.
    fn row_matches(&self, index: usize) -> bool {
        let Some(row) = self.items.get(index) else {
            return false;
        };
        let needle = self.filter.as_bytes();
        let has = |text: &str| {
            needle.is_empty()
                || text
                    .as_bytes()
                    .windows(needle.len())
                    .any(|w| w.eq_ignore_ascii_case(needle))
        };
        has(&row.id)
            || has(row.status.as_str())
            || self
                .known_items
                .get(&row.id)
                .is_some_and(|items| items.iter().any(|i| has(i)))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::domain::invalidation::Status;

    fn row(id: &str, status: Status) -> InvalidationSummary {
        InvalidationSummary {
            id: id.into(),
            status,
            create_time: Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap(),
        }
    }

    fn page(rows: Vec<InvalidationSummary>, marker: Option<&str>) -> InvalidationPage {
        InvalidationPage {
            items: rows,
            marker: marker.map(str::to_string),
            next_marker: None,
            max_items: 100,
        }
    }

    /// What a full scan would show: the reference the kept rows must equal.
    fn scanned(list: &InvalidationList) -> Vec<usize> {
        (0..list.items.len())
            .filter(|&i| list.row_matches(i))
            .collect()
    }

    #[test]
    fn the_shown_rows_follow_every_change_as_a_full_scan_would() {
        let mut list = InvalidationList::loading(1, "img");
        list.take_page(page(
            vec![row("IA", Status::Completed), row("IB", Status::InProgress)],
            None,
        ));
        assert!(list.shown().is_empty());
        list.know("IB", &["/img/a.png".into()]);
        assert_eq!(list.shown(), [1]);
        list.take_page(page(vec![row("IC", Status::Completed)], Some("IB")));
        list.know("IC", &["/img/*".into()]);
        assert_eq!(list.shown(), [1, 2]);
        list.push_newest(row("IMG0", Status::InProgress));
        assert_eq!(list.shown(), scanned(&list));
        assert_eq!(list.shown(), [0, 2, 3]);
        list.filter_by("progress");
        assert_eq!(list.shown(), scanned(&list));
        list.update_row(row("IB", Status::Completed));
        assert_eq!(list.shown(), scanned(&list));
        assert_eq!(list.shown(), [0]);
        list.filter_by("");
        assert_eq!(list.shown(), [0, 1, 2, 3]);
    }

    #[test]
    fn typing_on_narrows_and_deleting_widens_again() {
        let mut list = InvalidationList::loading(1, "");
        list.take_page(page(
            vec![row("IAB", Status::Completed), row("IAC", Status::Completed)],
            None,
        ));
        list.filter_by("ia");
        assert_eq!(list.shown(), [0, 1]);
        list.filter_by("IAB");
        assert_eq!(list.shown(), [0]);
        list.filter_by("ia");
        assert_eq!(list.shown(), [0, 1]);
    }

    #[test]
    fn a_refresh_puts_new_rows_on_top_and_keeps_the_selected_one() {
        let mut list = InvalidationList::loading(1, "");
        list.take_page(page(
            vec![row("I2", Status::InProgress), row("I1", Status::Completed)],
            None,
        ));
        list.cursor = 1;
        list.take_page(page(
            vec![row("I3", Status::InProgress), row("I2", Status::Completed)],
            None,
        ));
        let ids: Vec<_> = list.items().iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["I3", "I2", "I1"]);
        assert_eq!(list.items()[1].status, Status::Completed);
        assert_eq!(list.selected().map(|s| s.id.as_str()), Some("I1"));
        assert_eq!(list.shown(), [0, 1, 2]);
    }
}
