//! What `verify` prints: a line per URL, then which edge answered; or a JSON array.

use serde::Serialize;

use crate::backend::edge::check::{Report, Row};
use crate::domain::edge::Verdict;
use crate::domain::visible;
use crate::domain::words::plural;

/// One checked URL (or item not checkable) as JSON; the keys are a contract.
#[derive(Serialize)]
pub struct RowJson<'a> {
    path: &'a str,
    item: &'a str,
    url: Option<&'a str>,
    status: Option<u16>,
    x_cache: Option<&'a str>,
    age: Option<u64>,
    pop: Option<&'a str>,
    etag: Option<&'a str>,
    last_modified: Option<&'a str>,
    date: Option<&'a str>,
    verdict: Verdict,
    reason: &'a str,
}

impl<'a> From<&'a Row> for RowJson<'a> {
    fn from(row: &'a Row) -> Self {
        let a = row.answer.as_ref();
        let text = |f: fn(&crate::domain::edge::EdgeAnswer) -> &Option<String>| {
            a.and_then(|a| f(a).as_deref())
        };
        Self {
            path: &row.path,
            item: &row.item,
            url: row.url.as_deref(),
            status: a.map(|a| a.status),
            x_cache: text(|a| &a.x_cache),
            age: text(|a| &a.age).and_then(|s| s.trim().parse().ok()),
            pop: text(|a| &a.pop),
            etag: text(|a| &a.etag),
            last_modified: text(|a| &a.last_modified),
            date: text(|a| &a.date),
            verdict: row.judgement.verdict,
            reason: &row.judgement.reason,
        }
    }
}

pub fn json_rows(report: &Report) -> Vec<RowJson<'_>> {
    report.rows.iter().map(RowJson::from).collect()
}

/// `VERDICT  URL  reason` a line (an item not checkable in the URL's place), which edges
/// answered, and the counts.
pub fn text(report: &Report) -> String {
    let mut out = String::new();
    for row in &report.rows {
        let place = row.url.as_deref().unwrap_or(&row.path);
        out.push_str(&format!(
            "{:<8} {}  {}\n",
            row.judgement.verdict.as_str(),
            visible::line(place),
            visible::line(&row.judgement.reason)
        ));
    }
    let pops = report.pops();
    if pops.is_empty() {
        out.push_str("no answer named its edge (X-Amz-Cf-Pop)");
    } else {
        let names: Vec<String> = pops.iter().map(|p| visible::line(p).into_owned()).collect();
        out.push_str(&format!("answered by edge {}", names.join(", ")));
    }
    out.push_str(
        "; other edges were not checked (a request reaches only the edge nearest to it)\n",
    );
    let mut counts = format!(
        "{} fresh, {} stale, {} unknown",
        report.count(Verdict::Fresh),
        report.count(Verdict::Stale),
        report.count(Verdict::Unknown)
    );
    if report.left_out > 0 {
        counts.push_str(&format!(
            "; {} not asked (--sample {})",
            plural(report.left_out, "more path"),
            report.sample
        ));
    }
    out.push_str(&counts);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::edge::{EdgeAnswer, Judgement};

    fn row(verdict: Verdict, pop: &str, reason: &str) -> Row {
        Row {
            path: "/a".into(),
            item: "/a".into(),
            url: Some("https://d1.cloudfront.net/a".into()),
            answer: Some(EdgeAnswer {
                status: 200,
                x_cache: Some("Hit from cloudfront".into()),
                age: Some("5".into()),
                pop: Some(pop.into()),
                ..EdgeAnswer::default()
            }),
            judgement: Judgement {
                verdict,
                reason: reason.into(),
            },
        }
    }

    #[test]
    fn the_text_names_each_url_the_edge_and_the_counts() {
        let report = Report {
            rows: vec![
                row(Verdict::Fresh, "FRA56-P1", "a miss"),
                row(Verdict::Stale, "FRA56-P1", "a hit cached 99 s ago"),
            ],
            left_out: 3,
            sample: 2,
        };
        let text = text(&report);
        assert!(
            text.starts_with("fresh    https://d1.cloudfront.net/a  a miss\nstale    "),
            "{text}"
        );
        assert!(
            text.contains("answered by edge FRA56-P1; other edges were not checked"),
            "{text}"
        );
        assert!(
            text.contains("1 fresh, 1 stale, 0 unknown; 3 more paths not asked (--sample 2)"),
            "{text}"
        );
    }

    #[test]
    fn text_from_the_edge_is_escaped_and_json_keeps_it_exact() {
        let hostile = "\u{1b}]0;owned\u{7}POP";
        let report = Report {
            rows: vec![row(Verdict::Unknown, hostile, "X-Cache says '\u{1b}[2J'")],
            left_out: 0,
            sample: 10,
        };
        let text = text(&report);
        assert!(!text.contains('\u{1b}'), "{text:?}");
        let rows = json_rows(&report);
        let json = serde_json::to_value(&rows).unwrap();
        assert_eq!(json[0]["pop"], hostile);
        assert_eq!(json[0]["age"], 5);
        assert_eq!(json[0]["verdict"], "unknown");
    }
}
