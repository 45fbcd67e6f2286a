//! A target's invalidation list as loaded, newest first, with the rows its filter lets through
//! kept beside it: worked out when the rows, what is known of them or the filter change, never
//! per key or per frame.

use std::collections::HashMap;

use super::model::RequestId;
use crate::domain::invalidation::{InvalidationPage, InvalidationSummary};

/// The order the list is shown in (`o` cycles it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortBy {
    /// As the service lists them: newest first.
    #[default]
    Time,
    /// In progress first, then newest first.
    Status,
    /// Most paths first (of those whose details are known), then newest first.
    Size,
}

impl SortBy {
    pub fn next(self) -> Self {
        match self {
            SortBy::Time => SortBy::Status,
            SortBy::Status => SortBy::Size,
            SortBy::Size => SortBy::Time,
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            SortBy::Time => "newest first",
            SortBy::Status => "in progress first",
            SortBy::Size => "most paths first",
        }
    }
}

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
    sort: SortBy,
    /// The rows shown, in the sorted order (empty while sorted by time: `shown` is it).
    ordered: Vec<usize>,
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

    pub fn sort(&self) -> SortBy {
        self.sort
    }

    /// Show the rows in another order.
    pub fn sort_by(&mut self, sort: SortBy) {
        self.sort = sort;
        self.reorder();
    }

    /// The rows in the order shown, as indices into `items`; none when every row shows in
    /// its own order (no filter, newest first), so that a long list costs nothing per key.
    pub fn order(&self) -> Option<&[usize]> {
        match (self.sort, self.filter.is_empty()) {
            (SortBy::Time, true) => None,
            (SortBy::Time, false) => Some(&self.shown),
            _ => Some(&self.ordered),
        }
    }

    /// Where the cursor's row is in `order` (the first row when it is not shown).
    pub fn place_in(&self, order: &[usize]) -> usize {
        if self.sort == SortBy::Time {
            // In the list's own order: found by halving.
            return order.partition_point(|&i| i < self.cursor);
        }
        order.iter().position(|&i| i == self.cursor).unwrap_or(0)
    }

    /// The shown rows sorted again (only while sorted by something else than time).
    fn reorder(&mut self) {
        self.ordered.clear();
        if self.sort == SortBy::Time {
            return;
        }
        let mut rows = self.shown.clone();
        match self.sort {
            SortBy::Time => {}
            // Stable: within each kind, newest first as loaded.
            SortBy::Status => rows.sort_by_key(|&i| !self.items[i].status.is_in_progress()),
            SortBy::Size => rows.sort_by_key(|&i| {
                std::cmp::Reverse(
                    self.known_items
                        .get(&self.items[i].id)
                        .map_or(0, |items| items.len() + 1),
                )
            }),
        }
        self.ordered = rows;
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
            self.reorder();
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
                self.reorder();
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
        self.reorder();
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
        // Its place in the order may change too (its status, its size).
        self.reorder();
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

    /// What the order must be: the shown rows, sorted by the key as a full scan would.
    fn sorted_scan(list: &InvalidationList) -> Vec<usize> {
        let mut rows = scanned(list);
        match list.sort() {
            SortBy::Time => {}
            SortBy::Status => rows.sort_by_key(|&i| !list.items[i].status.is_in_progress()),
            SortBy::Size => rows.sort_by_key(|&i| {
                std::cmp::Reverse(
                    list.known_items
                        .get(&list.items[i].id)
                        .map_or(0, |v| v.len() + 1),
                )
            }),
        }
        rows
    }

    #[test]
    fn a_sorted_list_keeps_its_order_through_every_change() {
        let mut list = InvalidationList::loading(1, "");
        list.take_page(page(
            vec![
                row("IA", Status::Completed),
                row("IB", Status::InProgress),
                row("IC", Status::Completed),
            ],
            None,
        ));
        assert_eq!(
            list.order(),
            None,
            "newest first, unfiltered: no order kept"
        );
        list.sort_by(SortBy::Status);
        assert_eq!(list.order(), Some(&[1, 0, 2][..]));
        list.cursor = 1;
        assert_eq!(list.place_in(list.order().unwrap()), 0);
        list.update_row(row("IB", Status::Completed));
        list.push_newest(row("IN", Status::InProgress));
        assert_eq!(list.order().unwrap(), sorted_scan(&list));
        list.sort_by(SortBy::Size);
        list.know("IC", &["/a".into(), "/b".into()]);
        list.know("IA", &["/a".into()]);
        assert_eq!(list.order().unwrap(), sorted_scan(&list));
        assert_eq!(list.items()[list.order().unwrap()[0]].id, "IC");
        list.filter_by("I");
        list.take_page(page(vec![row("ID", Status::InProgress)], Some("IC")));
        assert_eq!(list.order().unwrap(), sorted_scan(&list));
        list.sort_by(SortBy::Time);
        assert_eq!(list.order().unwrap(), scanned(&list));
    }
}
